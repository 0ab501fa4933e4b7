"""Open surgery for a spinal metastasis: eligibility rules and trade-offs.

Four options share the rules of open surgery and differ in their indication:

- **Decompressive laminectomy** (posterior decompression, with or without
  fixation; the "direct decompressive surgery" of Patchell 2005): high-grade
  epidural compression with a neurological deficit (Patchell 2005) or from a
  radioresistant primary (NOMS).
- **Separation surgery** (circumferential decompression and posterior
  instrumentation, then stereotactic radiosurgery): the same indication; NOMS
  sends high-grade compression from a radioresistant primary in an operable
  patient to separation surgery, then SBRT.
- **Corpectomy with reconstruction** (anterior column resection and
  reconstruction): vertebral body collapse with gross instability or high-grade
  compression. No source read gives corpectomy criteria; this is the library's
  conservative reading (see the Note of :func:`assess_corpectomy_reconstruction`).
- **Posterior stabilization** (open or percutaneous pedicle-screw fixation):
  gross instability, SINS 13-18 (NOMS: surgical stabilization); SINS 7-12 asks
  for a surgical consultation, not an operation.

Rules common to open surgery, each with its source:

- Fitness: medically operable and an expected survival of at least 3 months
  (Patchell 2005 inclusion); known not to hold, contraindicated.
- Paraplegia for more than 48 hours (Patchell 2005 exclusion), for the options
  that decompress. *Paraplegia* is read as no motor function below the lesion,
  Frankel A (complete) **or B** (sensory only): Patchell's exclusion is worded
  "paraplegic" / "total paraplegia", which is motor, and the model's
  ``paraplegia_duration_hours`` is documented for Frankel A or B.
- Radiosensitive histology (Patchell 2005 excluded lymphoma, leukaemia, myeloma
  and germ-cell tumors; NOMS gives conventional radiotherapy whatever the
  compression): caution, radiotherapy first.
- Radiotherapy to the same levels completed less than 7 days ago: more wound
  complications (Itshayek 2010); 2 weeks preferred (Lee 2018).

Not modelled, and said so: compression of the cauda equina or roots only (a
Patchell exclusion; the model has no field for it); Patchell's single area of
compression; earlier radiotherapy precluding 30 Gy in 10 fractions (the
re-irradiation check of the radiotherapy options); the SIR 2019 coagulation
thresholds, which are written for percutaneous image-guided procedures (no
source read applies them to open surgery); destabilization by laminectomy alone
(no source in the project's notes).
"""

from collections.abc import Callable, Hashable, Mapping, Sequence
from types import MappingProxyType
from typing import Final

from spinal_metastasis._cache import RECORD_CACHE_SIZE, VALUE_CACHE_SIZE, bounded, memoized
from spinal_metastasis.evidence import Citation, Finding, finding, input_value
from spinal_metastasis.histology import PrimaryTumor
from spinal_metastasis.histology.radiosensitivity import (
    Radiosensitivity,
    RadiosensitivityTable,
    radiosensitivity,
)
from spinal_metastasis.model import (
    ESCC,
    Alignment,
    Collapse,
    Frankel,
    RadiationCourse,
    SpinalLesion,
    SystemicAgent,
)
from spinal_metastasis.pathways import SURGICAL_SURVIVAL_FLOOR_YEARS
from spinal_metastasis.ranges import DayRange, ProbabilityRange, ScoreRange
from spinal_metastasis.ranges.enumeration import decide, factor
from spinal_metastasis.scores.sins import SinsCategory, location_class, sins_evaluation
from spinal_metastasis.sources.scores import FISHER_2010, FOURNEY_2011
from spinal_metastasis.sources.scores import LAUFER_2013 as NOMS_2013
from spinal_metastasis.sources.surgery import (
    AL_OMAIR_2013,
    AVASTIN_LABEL,
    BASTOS_2020,
    BATE_2015,
    JCM_2023_PAINFUL_VCF,
    KUMAR_2018,
    LEE_2018,
    PAULINO_PEREIRA_2019,
    PERNA_2022,
    ROCHE_AVASTIN_PERIOPERATIVE,
    SPIESSBERGER_2020,
    TARAWNEH_2021,
    TKI_SURGERY_TABLE_2021,
    VERSTEEG_2016,
)
from spinal_metastasis.sources.survival import SCHOENFELD_2016
from spinal_metastasis.sources.treatments import (
    ITSHAYEK_2010,
    JARVERS_2021,
    LAUFER_2013_SEPARATION,
    PATCHELL_2005,
)
from spinal_metastasis.treatments._common import HoldRecommendation, agent_holds
from spinal_metastasis.treatments.context import LesionContext, TreatmentInputs
from spinal_metastasis.treatments.option import (
    AgentHold,
    Burden,
    CollapseRisk,
    Eligibility,
    LocalControl,
    Modality,
    OptionAssessment,
    PainRelief,
    Rate,
    RuleOutcome,
    Toxicity,
    rule,
)

# The rules below are pure functions of the few values they take (enums, booleans,
# frozensets, ranges, courses) and return frozen objects, so they are memoized
# (functools.cache, see spinal_metastasis._cache): the domains are small, sharing a frozen
# result is safe, and the cache is thread-safe. A measured number is passed as the
# comparison the rule makes and the text it shows, so that equal keys give equal text.

__all__ = [
    "GUIDELINE_HOLDS",
    "LABEL_HOLDS",
    "OPEN_SURGERY_HOSPITAL_DAYS",
    "PARAPLEGIA_MAX_HOURS",
    "PARAPLEGIC_FRANKEL",
    "PATCHELL_AMBULATORY",
    "PATCHELL_REGAINED_WALKING",
    "PREFERRED_INTERVAL_DAYS",
    "RADIOTHERAPY_AFTER_SURGERY_MIN_DAYS",
    "SEPARATION_HOSPITAL_DAYS",
    "SEPARATION_LOCAL_CONTROL",
    "SEPARATION_LOCAL_CONTROL_HORIZON_DAYS",
    "SEPARATION_SESSIONS",
    "SURGERY_AFTER_RADIOTHERAPY_MIN_DAYS",
    "SURGERY_HOLDS",
    "assess_corpectomy_reconstruction",
    "assess_decompressive_laminectomy",
    "assess_posterior_stabilization",
    "assess_separation_surgery",
]

_E = Eligibility.ELIGIBLE
_C = Eligibility.CAUTION
_X = Eligibility.CONTRAINDICATED

# --- Thresholds ----------------------------------------------------------------------------------

#: Patchell 2005 exclusion: paraplegic for more than 48 hours before study entry.
PARAPLEGIA_MAX_HOURS: Final = 48.0
#: Frankel grades read as paraplegic: no motor function below the lesion (A complete, B
#: sensory only). The library's reading of Patchell's "paraplegic" (see the module docstring).
PARAPLEGIC_FRANKEL: Final = frozenset({Frankel.A, Frankel.B})
#: Itshayek 2010: surgery within 7 days after radiotherapy increases wound complications.
SURGERY_AFTER_RADIOTHERAPY_MIN_DAYS: Final = 7
#: Lee 2018 (expert survey): ideally at least 2 weeks between radiotherapy and surgery.
PREFERRED_INTERVAL_DAYS: Final = 14
#: Jarvers 2021: radiotherapy starting within 21 days after surgery, more wound complications.
RADIOTHERAPY_AFTER_SURGERY_MIN_DAYS: Final = 21

# --- Systemic-therapy holds around open surgery --------------------------------------------------

# Bevacizumab label (read as quoted): >= 28 days before elective surgery, >= 28 days after.
_ANTI_VEGF_LABEL: Final = HoldRecommendation(
    days_before=DayRange.exact(28),
    days_after=DayRange.exact(28),
    statement=(
        "Anti-VEGF antibody (bevacizumab): withheld at least 28 days before elective surgery "
        "and restarted no sooner than 28 days after major surgery, once the wound has healed "
        "(label)."
    ),
    citation=AVASTIN_LABEL,
)
# Guidelines as summarised by Roche (read): stop 6-8 weeks before, restart 4-8 weeks after;
# Gordon 2009: >= 6-8 weeks before, >= 28 days after; NHS Scotland: 6-8 weeks, >= 4 weeks.
_ANTI_VEGF_GUIDELINE: Final = HoldRecommendation(
    days_before=DayRange.from_weeks(6, 8),
    days_after=DayRange.from_weeks(4, 8),
    statement=(
        "Anti-VEGF antibody (bevacizumab): stopped 6-8 weeks before major surgery (about two "
        "half-lives of 20 days) and restarted 4-8 weeks after, once the wound has healed "
        "(guidelines: Gordon 2009, NHS Scotland acute oncology; longer than the 28-day label)."
    ),
    citation=ROCHE_AVASTIN_PERIOPERATIVE,
)
# Front Oncol 2021 Table 3 (label summary): axitinib 24 h, pazopanib 7 d, regorafenib 2 wk,
# cabozantinib 28 d, anlotinib 4 wk, apatinib 30 d before surgery; resumption not given.
_VEGF_TKI: Final = HoldRecommendation(
    days_before=DayRange(low=1, high=30),
    days_after=DayRange.exact(0),
    statement=(
        "VEGF tyrosine kinase inhibitor: stopped before scheduled surgery for 24 hours "
        "(axitinib) to 30 days (apatinib) by label, e.g. pazopanib 7 days, regorafenib 2 weeks, "
        "cabozantinib 28 days; sorafenib and sunitinib: interruption recommended without an "
        "interval. No sourced interval for resuming after surgery (not counted)."
    ),
    citation=TKI_SURGERY_TABLE_2021,
)
# Jarvers 2021: chemotherapy within 3 weeks of surgery, more wound-related revisions.
_CYTOTOXIC: Final = HoldRecommendation(
    days_before=DayRange.exact(21),
    days_after=DayRange.exact(21),
    statement=(
        "Cytotoxic chemotherapy: held about 3 weeks on each side of surgery, since chemotherapy "
        "within 3 weeks of surgical stabilization went with more wound-related revisions "
        "(Jarvers 2021). The 2-4 weeks to resumption quoted in the clinical reference are "
        "from memory and not used."
    ),
    citation=JARVERS_2021,
)

# Cytotoxic chemotherapy comes first: systemic_holds cites the first entry's source in its
# notes on unsourced or unknown agents, and Jarvers 2021 is the spine-surgery source.

#: Holds by the drug labels (bevacizumab 28 days before and after).
LABEL_HOLDS: Final[Mapping[SystemicAgent, HoldRecommendation]] = MappingProxyType(
    {
        SystemicAgent.CYTOTOXIC: _CYTOTOXIC,
        SystemicAgent.ANTI_VEGF_ANTIBODY: _ANTI_VEGF_LABEL,
        SystemicAgent.VEGF_TKI: _VEGF_TKI,
    }
)
#: Holds by the guidelines (bevacizumab 6-8 weeks before, 4-8 weeks after): the conservative table.
GUIDELINE_HOLDS: Final[Mapping[SystemicAgent, HoldRecommendation]] = MappingProxyType(
    {
        SystemicAgent.CYTOTOXIC: _CYTOTOXIC,
        SystemicAgent.ANTI_VEGF_ANTIBODY: _ANTI_VEGF_GUIDELINE,
        SystemicAgent.VEGF_TKI: _VEGF_TKI,
    }
)
#: The default: the conservative (guideline) table, as the clinical reference's open
#: question 17 advises when the label (28 days) and the guidelines (6 weeks) disagree.
SURGERY_HOLDS: Final = GUIDELINE_HOLDS

# --- Figures -------------------------------------------------------------------------------------

#: Patchell 2005: able to walk after treatment, surgery plus radiotherapy (42/50).
PATCHELL_AMBULATORY: Final = Rate(
    probability=ProbabilityRange.exact(0.84),
    description=(
        "able to walk after treatment: direct decompressive surgery plus 30 Gy / 10 fractions "
        "(42/50) vs 57 % (29/51) with radiotherapy alone, in cord compression from a single "
        "area of a non-radiosensitive tumor; median duration of walking 122 vs 13 days"
    ),
    citation=PATCHELL_2005,
)
#: Patchell 2005: regained walking among those unable to walk at entry (10/16).
PATCHELL_REGAINED_WALKING: Final = Rate(
    probability=ProbabilityRange.exact(0.62),
    description=(
        "regained walking among patients unable to walk at entry: surgery plus radiotherapy "
        "(10/16) vs 19 % (3/16) with radiotherapy alone"
    ),
    citation=PATCHELL_2005,
)
#: Kumar 2018: median hospital stay after metastatic spine tumour surgery (220 patients).
OPEN_SURGERY_HOSPITAL_DAYS: Final = DayRange.exact(7)
#: Bastos 2020: hospital stay after open separation surgery for thoracic compression.
SEPARATION_HOSPITAL_DAYS: Final = DayRange.exact(9)
#: Laufer 2013: 1-year cumulative local progression 4.1 % (24-30 Gy / 3 fractions) to 22.6 %
#: (18-36 Gy / 5-6 fractions) after separation surgery: local control 77.4-95.9 %, which
#: holds Al-Omair 2013's 84 %.
SEPARATION_LOCAL_CONTROL: Final = ProbabilityRange(low=0.774, high=0.959)
#: The horizon of the separation-surgery figures: 1 year.
SEPARATION_LOCAL_CONTROL_HORIZON_DAYS: Final = DayRange.from_months(12, 12)
#: One operation plus postoperative radiosurgery in 1 to 6 fractions (Laufer 2013 schedules).
SEPARATION_SESSIONS: Final = ScoreRange(low=2, high=7)

_NO_PROBABILITY: Final = ProbabilityRange(low=0, high=1)
_ONE_SESSION: Final = ScoreRange.exact(1)


def _rate_finding(rate: Rate) -> Finding:
    return finding(f"{rate.probability} {rate.description}.", rate.citation)


# --- Findings shared by the open-surgery options -------------------------------------------------

_NO_ONSET: Final = finding(
    "No published figure for the onset of pain relief after surgery was found; Patchell 2005 "
    "measured walking, and reported significantly lower steroid and opioid needs after surgery.",
    PATCHELL_2005,
)
_PATCHELL_FINDINGS: Final = (
    _NO_ONSET,
    _rate_finding(PATCHELL_AMBULATORY),
    _rate_finding(PATCHELL_REGAINED_WALKING),
)
_COMPLICATIONS: Final = (
    finding(
        "After surgery for spinal metastases (19 studies): surgical-site infection 6.5 %, "
        "neurological deterioration 3.3 %, instrumentation failure 2.0 %, re-operation 8.3 %.",
        TARAWNEH_2021,
    ),
    finding(
        "Complication within 30 days in 32 % of 647 patients; low albumin, comorbidity, "
        "pathologic fracture, 3 or more levels and a combined approach raised the risk.",
        PAULINO_PEREIRA_2019,
    ),
    finding(
        "NSQIP, 776 operated patients: 30-day mortality 11 %, at least one complication 51 %.",
        SCHOENFELD_2016,
    ),
    finding(
        "Wound complications in 17.3 % after stabilization and radiotherapy; radiotherapy "
        "starting within 21 days after surgery raised them.",
        JARVERS_2021,
    ),
)
_NO_ANESTHESIA_SOURCE: Final = finding(
    "The anesthesia is not stated in the sources read (open spine surgery is by convention "
    "under general anesthesia, unverified); the set is left empty.",
    PATCHELL_2005,
)
_HOSPITAL_STAY: Final = finding(
    "Median hospital stay 7 days (1-30) after metastatic spine tumour surgery; 11 days or more "
    "(extended) went with instrumentation of more than 9 levels and with complications.",
    KUMAR_2018,
)
_NO_COLLAPSE_FIGURE: Final = finding(
    "No published incidence of vertebral collapse after this operation was found.",
    FISHER_2010,
)
_FIXATION_AND_VCF: Final = finding(
    "After spine SBRT, fractures at fixed segments were not painful: painful fracture in 0 % "
    "with fixation vs 44 % without (iatrogenic fracture 7.7 %, painful 2.4 % of 779 "
    "segments). A figure for painful fracture after SBRT, not for collapse after surgery.",
    JCM_2023_PAINFUL_VCF,
)
_BASTOS_TIMING: Final = finding(
    "After open separation surgery for thoracic compression: radiotherapy or SSRS after a mean "
    "35.9 days and systemic therapy resumed after 59 days (vs 7.8 and 24.7 days after laser "
    "interstitial thermotherapy); complications 35 %.",
    BASTOS_2020,
)
_INTERVAL_SURVEY: Final = finding(
    "Experts advise at least 2 weeks between surgery and radiotherapy, either way.",
    LEE_2018,
)

# --- Eligibility rules ---------------------------------------------------------------------------


def _rule(
    possible: Eligibility | set[Eligibility] | frozenset[Eligibility],
    statement: str,
    citation: Citation,
    inputs: Mapping[str, object],
    missing: Sequence[str] = (),
) -> RuleOutcome:
    """Build a rule outcome from a mapping of the input values used."""
    checked = rule(possible, statement, citation, missing=missing)
    return RuleOutcome(
        possible=checked.possible,
        finding=finding(statement, citation, **inputs),
        missing=checked.missing,
    )


def _operable(inputs: TreatmentInputs) -> RuleOutcome:
    """Medically operable and expected survival >= 3 months (Patchell 2005 inclusion)."""
    survival = inputs.expected_survival_years
    return _operable_rule(
        inputs.operable,
        inputs.medically_operable,
        None if survival is None else input_value(survival),
        survival is not None and survival < SURGICAL_SURVIVAL_FLOOR_YEARS,
    )


@bounded(VALUE_CACHE_SIZE)
def _operable_rule(
    operable: frozenset[bool], medically_operable: bool | None, survival: str | None, short: bool
) -> RuleOutcome:
    """``survival``: the survival as shown (``None``: unknown); ``short``: under 3 months."""
    inputs: dict[str, object] = {
        "medically_operable": medically_operable,
        "expected_survival_years": survival,
    }
    if operable == frozenset({True}):
        return _rule(
            _E,
            f"Medically operable, expected survival {input_value(survival)} years (at least "
            "3 months): within the Patchell 2005 inclusion criteria.",
            PATCHELL_2005,
            inputs,
        )
    if operable == frozenset({False}):
        reasons: list[str] = []
        if short:
            reasons.append(f"expected survival {survival} years, under 3 months")
        if medically_operable is False:
            reasons.append("judged not medically operable")
        return _rule(
            _X,
            "Open surgery is not tolerated: "
            + ("; ".join(reasons) or "judged unable to tolerate it")
            + " (Patchell 2005 required medical operability and at least 3 months' survival).",
            PATCHELL_2005,
            inputs,
        )
    return _rule(
        {_E, _X},
        "Fitness for open surgery undetermined: Patchell 2005 required medical operability and "
        "an expected survival of at least 3 months.",
        PATCHELL_2005,
        inputs,
        missing=tuple(name for name, value in inputs.items() if value is None),
    )


def _paraplegia(inputs: TreatmentInputs) -> RuleOutcome:
    """Paraplegia (Frankel A or B) for more than 48 hours: excluded by Patchell 2005."""
    hours = inputs.paraplegia_duration_hours
    if hours is None:
        return _paraplegia_rule(inputs.frankel, None, None)
    return _paraplegia_rule(inputs.frankel, hours > PARAPLEGIA_MAX_HOURS, input_value(hours))


@bounded(VALUE_CACHE_SIZE)
def _paraplegia_rule(frankel: Frankel | None, long: bool | None, hours: str | None) -> RuleOutcome:
    """``long``: paraplegic for over 48 h; ``hours``: the time as shown (``None``: unknown)."""
    factors = [
        factor(
            "paraplegic",
            (False, True) if frankel is None else (frankel in PARAPLEGIC_FRANKEL,),
            frankel=frankel,
        ),
        factor(
            "over_48_hours",
            (False, True) if long is None else (long,),
            paraplegia_duration_hours=hours,
        ),
    ]
    possible, missing = decide(factors, _paraplegia_verdict)
    inputs: dict[str, object] = {"frankel": frankel, "paraplegia_duration_hours": hours}
    if possible == frozenset({_C}):
        statement = (
            f"Paraplegic (Frankel {input_value(frankel).upper()}) for {input_value(hours)} h, "
            "more than 48 h: Patchell 2005 excluded such patients, so the benefit of "
            "decompression on walking is not shown."
        )
    elif possible == frozenset({_E}) and frankel is not None and frankel not in PARAPLEGIC_FRANKEL:
        statement = (
            f"Not paraplegic (Frankel {frankel.value.upper()}): the Patchell 2005 exclusion "
            "(paraplegic for more than 48 h) does not apply."
        )
    elif possible == frozenset({_E}):
        statement = (
            f"Paraplegia, if any, has lasted {input_value(hours)} h, not more than 48 h: not "
            "excluded by Patchell 2005."
        )
    else:
        statement = (
            "Whether the patient has been paraplegic (Frankel A or B) for more than 48 h is "
            "unknown; Patchell 2005 excluded such patients."
        )
    return _rule(possible, statement, PATCHELL_2005, inputs, missing=missing)


def _paraplegia_verdict(values: Mapping[str, Hashable]) -> Eligibility:
    return _C if values["paraplegic"] is True and values["over_48_hours"] is True else _E


@memoized
def _histology(
    primary: PrimaryTumor | None, table: RadiosensitivityTable, sensitive: frozenset[bool]
) -> RuleOutcome:
    """Radiosensitive tumors: radiotherapy first (NOMS; Patchell 2005 exclusion)."""
    klass = radiosensitivity(primary, table=table)
    name = "The primary" if primary is None else primary.label[:1].upper() + primary.label[1:]
    if sensitive == frozenset({False}):
        return rule(
            _E,
            f"{name} is resistant to conventional EBRT ({table.name}): operating before "
            "radiotherapy is in line with NOMS (separation surgery, then SBRT).",
            NOMS_2013,
            primary=primary,
        )
    if sensitive == frozenset({True}) and klass is Radiosensitivity.HIGHLY_SENSITIVE:
        return rule(
            _C,
            f"{name} is highly sensitive to conventional EBRT ({table.name}): Patchell 2005 "
            "excluded radiosensitive tumors (lymphoma, leukaemia, myeloma, germ-cell) and NOMS "
            "gives radiotherapy whatever the compression, so radiotherapy comes first.",
            PATCHELL_2005,
            primary=primary,
        )
    if sensitive == frozenset({True}):
        return rule(
            _C,
            f"{name} is sensitive to conventional EBRT ({table.name}): NOMS gives conventional "
            "radiotherapy whatever the degree of compression, so radiotherapy comes first "
            "(Patchell 2005 did include such tumors).",
            NOMS_2013,
            primary=primary,
        )
    return rule(
        {_E, _C},
        f"Response of the primary to conventional EBRT undetermined ({table.name}); for a "
        "radiosensitive tumor radiotherapy comes first (NOMS; Patchell 2005 exclusion).",
        NOMS_2013,
        missing=("primary",) if primary is None else ("radiosensitivity",),
        primary=primary,
    )


def _decompression_indication(inputs: TreatmentInputs) -> RuleOutcome:
    """High-grade compression with a deficit (Patchell 2005) or radioresistant (NOMS)."""
    return _decompression_rule(
        inputs.high_grade,
        inputs.radiosensitive,
        inputs.lesion.escc,
        inputs.frankel,
        inputs.primary,
        inputs.settings.escc_grouping.name,
    )


@memoized
def _decompression_rule(  # noqa: PLR0917 - one private call site, the values it reads
    high_grade: frozenset[bool],
    radiosensitive: frozenset[bool],
    escc_grade: ESCC | None,
    frankel: Frankel | None,
    primary: PrimaryTumor | None,
    grouping: str,
) -> RuleOutcome:
    factors = [
        factor("high_grade", tuple(sorted(high_grade)), escc=escc_grade),
        factor(
            "deficit",
            (False, True) if frankel is None else (frankel is not Frankel.E,),
            frankel=frankel,
        ),
        factor(
            "radiosensitivity",
            tuple(sorted(radiosensitive)),
            primary=primary,
        ),
    ]
    possible, missing = decide(factors, _decompression_verdict)
    inputs: dict[str, object] = {
        "escc": escc_grade,
        "frankel": frankel,
        "primary": primary,
    }
    escc = input_value(escc_grade)
    if possible == frozenset({_E}) and frankel is not None and frankel is not Frankel.E:
        return _rule(
            _E,
            f"High-grade epidural compression (ESCC {escc}) with a neurological deficit "
            f"(Frankel {frankel.value.upper()}): direct decompression plus radiotherapy kept "
            "more patients walking than radiotherapy alone (Patchell 2005).",
            PATCHELL_2005,
            inputs,
        )
    if possible == frozenset({_E}):
        return _rule(
            _E,
            f"High-grade epidural compression (ESCC {escc}) from a radioresistant primary: "
            "NOMS separation surgery, then SBRT.",
            NOMS_2013,
            inputs,
        )
    if possible == frozenset({_C}) and high_grade == frozenset({False}):
        return _rule(
            _C,
            f"Epidural compression not high grade (ESCC {escc}; {grouping}): no indication "
            "for decompression; radiation comes first (NOMS), and instability is a separate "
            "decision.",
            NOMS_2013,
            inputs,
        )
    if possible == frozenset({_C}):
        return _rule(
            _C,
            f"No neurological deficit and a radiosensitive primary: whatever the compression "
            f"(ESCC {escc}), NOMS gives conventional radiotherapy; no indication for "
            "decompression.",
            NOMS_2013,
            inputs,
        )
    return _rule(
        possible,
        "Indication for decompression undetermined: high-grade epidural compression with a "
        "neurological deficit (Patchell 2005) or from a radioresistant primary (NOMS) "
        "indicates it.",
        PATCHELL_2005,
        inputs,
        missing=missing,
    )


def _decompression_verdict(values: Mapping[str, Hashable]) -> Eligibility:
    indicated = values["high_grade"] is True and (
        values["deficit"] is True or values["radiosensitivity"] is False
    )
    return _E if indicated else _C


def _stabilization_indication(inputs: TreatmentInputs) -> RuleOutcome:
    """Gross instability (SINS 13-18, or subluxation): surgical stabilization (NOMS).

    The same reading of gross instability as :mod:`spinal_metastasis.pathways` and the
    percutaneous options (clinical reference §10.2: "SINS >= 13, translation").
    """
    base = _stabilization_rule(inputs.sins_points, inputs.sins_categories, inputs.sins_missing)
    alignment = inputs.lesion.alignment
    if alignment is Alignment.SUBLUXATION_TRANSLATION:
        return _rule(
            _E,
            "Subluxation or translation: gross instability, for which NOMS calls for surgical "
            "stabilization.",
            NOMS_2013,
            {"alignment": alignment},
        )
    if alignment is None and _E not in base.possible:
        return _rule(
            {*base.possible, _E},
            f"{base.finding.statement} A subluxation or translation (alignment unknown) would "
            "be gross instability.",
            NOMS_2013,
            {"sins": str(inputs.sins_points), "alignment": alignment},
            missing=(*base.missing, "alignment"),
        )
    return base


@memoized
def _stabilization_rule(
    points: ScoreRange, possible_categories: frozenset[SinsCategory], sins_missing: tuple[str, ...]
) -> RuleOutcome:
    possible = frozenset(
        _E if category is SinsCategory.UNSTABLE else _C for category in possible_categories
    )
    categories = " or ".join(
        category.value.replace("_", " ")
        for category in SinsCategory
        if category in possible_categories
    )
    inputs: dict[str, object] = {"sins": str(points)}
    if possible == frozenset({_E}):
        statement = (
            f"SINS {points} (unstable, 13-18): gross instability, for which NOMS calls "
            "for surgical stabilization."
        )
    elif possible == frozenset({_C}) and possible_categories == frozenset({SinsCategory.STABLE}):
        statement = f"SINS {points} (stable, 0-6): no instability to stabilize."
    elif possible == frozenset({_C}):
        statement = (
            f"SINS {points} ({categories}): no gross instability; a surgical "
            "consultation is advised from 7, and NOMS treats mechanical pain without gross "
            "instability with percutaneous cement augmentation."
        )
    else:
        statement = (
            f"SINS {points} ({categories}): whether the spine is grossly unstable "
            "(13-18) is undetermined."
        )
    return _rule(possible, statement, FOURNEY_2011, inputs, missing=sins_missing)


_BODY_COLLAPSE: Final = frozenset({Collapse.AT_LEAST_50_PERCENT, Collapse.LESS_THAN_50_PERCENT})


def _corpectomy_indication(inputs: TreatmentInputs) -> RuleOutcome:
    """Vertebral body collapse with gross instability or high-grade compression (library)."""
    return _corpectomy_rule(
        inputs.lesion,
        inputs.sins_points,
        inputs.sins_categories,
        inputs.sins_missing,
        inputs.high_grade,
    )


@bounded(VALUE_CACHE_SIZE)
def _corpectomy_rule(
    lesion: SpinalLesion,
    points: ScoreRange,
    possible_categories: frozenset[SinsCategory],
    sins_missing: tuple[str, ...],
    high_grade: frozenset[bool],
) -> RuleOutcome:
    """``lesion``: its collapse, its ESCC and, with the collapse unknown, its SINS findings."""
    collapses = (lesion.collapse,) if lesion.collapse is not None else tuple(Collapse)
    possible: set[Eligibility] = set()
    for collapse in collapses:
        categories = (
            possible_categories
            if lesion.collapse is not None
            else sins_evaluation(
                location_class(lesion.levels),
                lesion.pain,
                lesion.bone_lesion,
                lesion.alignment,
                collapse,
                lesion.posterolateral,
            ).possible_categories
        )
        for category in categories:
            for high in high_grade:
                indicated = collapse in _BODY_COLLAPSE and (
                    category is SinsCategory.UNSTABLE or high
                )
                possible.add(_E if indicated else _C)
    inputs: dict[str, object] = {
        "collapse": lesion.collapse,
        "sins": str(points),
        "escc": lesion.escc,
    }
    collapse_text = input_value(lesion.collapse).replace("_", " ")
    if possible == {_E}:
        statement = (
            f"Vertebral body collapse ({collapse_text}) with gross instability (SINS "
            f"{points}) or high-grade compression (ESCC {input_value(lesion.escc)}): "
            "anterior column resection and reconstruction can restore the column (the "
            "library's reading; no source read gives criteria for corpectomy)."
        )
    elif possible == {_C} and lesion.collapse is not None and lesion.collapse not in _BODY_COLLAPSE:
        statement = (
            f"No vertebral body collapse ({collapse_text}): no anterior column failure to "
            "reconstruct (the library's reading)."
        )
    elif possible == {_C}:
        statement = (
            "Neither gross instability nor high-grade compression with the collapse: no "
            "indication for corpectomy (the library's reading)."
        )
    else:
        statement = (
            "Indication for corpectomy undetermined: vertebral body collapse with gross "
            "instability or high-grade compression indicates it (the library's reading)."
        )
    missing: list[str] = []
    if len(possible) > 1:
        if lesion.collapse is None:
            missing.append("collapse")
        missing.extend(name for name in sins_missing if name not in missing)
        if lesion.escc is None:
            missing.append("escc")
    return _rule(possible, statement, FISHER_2010, inputs, missing=missing)


@bounded(VALUE_CACHE_SIZE)
def _recent_radiotherapy(courses: tuple[RadiationCourse, ...] | None) -> RuleOutcome:
    """Surgery within 7 days after radiotherapy: more wound complications (Itshayek 2010)."""
    if courses is None:
        return rule(
            {_E, _C},
            "Earlier radiotherapy to these levels unknown; surgery within 7 days after "
            "radiotherapy increases wound complications.",
            ITSHAYEK_2010,
            missing=("prior_radiation",),
            prior_radiation=None,
        )
    intervals = tuple(course.days_since_completion for course in courses)
    known = [days for days in intervals if days is not None]
    inputs: dict[str, object] = {"days_since_completion": intervals or "no course"}
    recent = [days for days in known if days < SURGERY_AFTER_RADIOTHERAPY_MIN_DAYS]
    if recent:
        return _rule(
            _C,
            f"Radiotherapy to these levels completed {min(recent)} days ago, under 7: surgery "
            "within 7 days after radiotherapy increases wound complications; wait (2 weeks "
            "preferred).",
            ITSHAYEK_2010,
            inputs,
        )
    if len(known) < len(intervals):
        return _rule(
            {_E, _C},
            "Interval since earlier radiotherapy to these levels unknown; surgery within 7 "
            "days after radiotherapy increases wound complications.",
            ITSHAYEK_2010,
            inputs,
            missing=("prior_radiation",),
        )
    if not known:
        return _rule(
            _E,
            "No earlier radiotherapy to these levels: no interval to respect.",
            ITSHAYEK_2010,
            inputs,
        )
    shortest = min(known)
    if shortest < PREFERRED_INTERVAL_DAYS:
        return _rule(
            _E,
            f"Radiotherapy to these levels completed {shortest} days ago: at least the 7 days "
            "after which wound complications were not increased (Itshayek 2010), but under "
            "the 2 weeks experts prefer.",
            LEE_2018,
            inputs,
        )
    return _rule(
        _E,
        f"Radiotherapy to these levels completed {shortest} days ago, at least 2 weeks: no "
        "wound-healing interval concern.",
        ITSHAYEK_2010,
        inputs,
    )


# --- Trade-offs ----------------------------------------------------------------------------------


@bounded(VALUE_CACHE_SIZE)
def _default_holds(
    agents: tuple[SystemicAgent, ...] | None,
) -> tuple[DayRange, tuple[AgentHold, ...], tuple[Finding, ...]]:
    return agent_holds(agents, SURGERY_HOLDS)


def _toxicity(
    inputs: TreatmentInputs,
    holds: Mapping[SystemicAgent, HoldRecommendation],
    extra: Sequence[Finding] = (),
) -> Toxicity:
    agents = inputs.systemic_therapy
    # A hold table is a mapping (not hashable): the default one is memoized on the agents.
    days, held, notes = (
        _default_holds(agents) if holds is SURGERY_HOLDS else agent_holds(agents, holds)
    )
    return Toxicity(
        systemic_therapy_hold_days=days,
        holds=held,
        cord_eqd2_added_gy=0.0,
        findings=(*notes, *_COMPLICATIONS, *extra),
    )


_DECOMPRESSION_PAIN: Final = PainRelief(onset_days=None, findings=_PATCHELL_FINDINGS)
_NOT_A_TUMOR_TREATMENT: Final = LocalControl(
    probability=None,
    findings=(
        finding(
            "Decompression does not control the tumor by itself: both arms of Patchell 2005 "
            "received 30 Gy in 10 fractions, and local control rests on that radiotherapy.",
            PATCHELL_2005,
        ),
    ),
)
_NO_COLLAPSE_PROBABILITY: Final = CollapseRisk(
    probability=_NO_PROBABILITY, drivers=(_NO_COLLAPSE_FIGURE,)
)
_FIXED_COLLAPSE_PROBABILITY: Final = CollapseRisk(
    probability=_NO_PROBABILITY, drivers=(_NO_COLLAPSE_FIGURE, _FIXATION_AND_VCF)
)

_SEPARATION_LOCAL_CONTROL: Final = LocalControl(
    probability=SEPARATION_LOCAL_CONTROL,
    horizon_days=SEPARATION_LOCAL_CONTROL_HORIZON_DAYS,
    findings=(
        finding(
            "1-year cumulative local progression after separation surgery and radiosurgery "
            "(186 patients): 16.4 % overall, 4.1 % with 24-30 Gy in 3 fractions, 22.6 % with "
            "18-36 Gy in 5-6 fractions.",
            LAUFER_2013_SEPARATION,
        ),
        finding(
            "1-year local control 84 % with postoperative SBRT (80 patients); better with "
            "18-26 Gy in 1-2 fractions and when surgery left epidural grade 0-1.",
            AL_OMAIR_2013,
        ),
        finding(
            "Local disease unchanged or regressed in 91.3 % after radiosurgery with or without "
            "separation surgery (69 lesions; time point not stated); Frankel grade improved or "
            "stable in 98.6 %.",
            BATE_2015,
        ),
    ),
)
_CORPECTOMY_COMPLICATIONS: Final = finding(
    "Corpectomy for thoracolumbar metastasis (774 patients): directly procedure-related "
    "complications 0 % with mini-open retropleural/retroperitoneal and thoracoscopic "
    "approaches vs 7-15 % with the others; blood loss 917-2261 mL by approach.",
    SPIESSBERGER_2020,
)


# The trade-offs that depend on no input, built once.
_DECOMPRESSION_BURDEN: Final = Burden(
    sessions=_ONE_SESSION,
    hospital_days=OPEN_SURGERY_HOSPITAL_DAYS,
    findings=(_HOSPITAL_STAY, _NO_ANESTHESIA_SOURCE, _INTERVAL_SURVEY),
)
_SEPARATION_BURDEN: Final = Burden(
    sessions=SEPARATION_SESSIONS,
    hospital_days=SEPARATION_HOSPITAL_DAYS,
    findings=(
        finding(
            "One operation, then stereotactic radiosurgery in 1 to 6 fractions "
            "(24 Gy x 1, 24-30 Gy / 3, 18-36 Gy / 5-6).",
            LAUFER_2013_SEPARATION,
        ),
        _BASTOS_TIMING,
        _NO_ANESTHESIA_SOURCE,
        _INTERVAL_SURVEY,
    ),
)
_CORPECTOMY_LOCAL_CONTROL: Final = LocalControl(
    probability=None,
    findings=(
        finding(
            "No local-control figure for corpectomy was found; the pooled analysis "
            "reports blood loss, complications and operating time.",
            SPIESSBERGER_2020,
        ),
    ),
)
_CORPECTOMY_BURDEN: Final = Burden(
    sessions=_ONE_SESSION,
    hospital_days=None,
    findings=(
        finding(
            "No hospital stay specific to corpectomy was found; after metastatic "
            "spine tumour surgery in general the median is 7 days, longer with more "
            "than 9 instrumented levels.",
            KUMAR_2018,
        ),
        _NO_ANESTHESIA_SOURCE,
        _INTERVAL_SURVEY,
    ),
)
_STABILIZATION_PAIN: Final = PainRelief(
    onset_days=None,
    findings=(
        finding(
            "No published figure for the onset of pain relief after stabilization was "
            "found; after percutaneous fixation 87 % of 101 patients walked within 3 "
            "days.",
            VERSTEEG_2016,
        ),
    ),
)
_STABILIZATION_COMPLICATIONS: Final = (
    finding(
        "Complications in 18 % after percutaneous pedicle-screw fixation for "
        "unstable metastases (101 patients).",
        VERSTEEG_2016,
    ),
)
_STABILIZATION_LOCAL_CONTROL: Final = LocalControl(
    probability=None,
    findings=(
        finding(
            "Stabilization does not treat the tumor: NOMS decides radiation separately "
            "from the mechanical assessment.",
            NOMS_2013,
        ),
    ),
)
_STABILIZATION_BURDEN: Final = Burden(
    sessions=_ONE_SESSION,
    hospital_days=OPEN_SURGERY_HOSPITAL_DAYS,
    findings=(
        _HOSPITAL_STAY,
        finding(
            "Percutaneous fixation shortened the mean hospital stay by 3.77 days and "
            "blood loss by 586 mL compared with open instrumented fusion (8 studies).",
            PERNA_2022,
        ),
        _NO_ANESTHESIA_SOURCE,
        _INTERVAL_SURVEY,
    ),
)


def _rules(
    inputs: TreatmentInputs, indication: RuleOutcome, *, decompressive: bool
) -> list[RuleOutcome]:
    rules = [_operable(inputs)]
    if decompressive:
        rules += [
            _paraplegia(inputs),
            _histology(
                inputs.primary, inputs.settings.radiosensitivity_table, inputs.radiosensitive
            ),
        ]
    return [*rules, indication, _recent_radiotherapy(inputs.prior_courses)]


_Holds = Mapping[SystemicAgent, HoldRecommendation]


def _open_surgery(
    assess: Callable[[TreatmentInputs, _Holds], OptionAssessment],
    inputs: TreatmentInputs,
    holds: _Holds,
) -> OptionAssessment:
    """Assess an option, memoized with the default hold table (a mapping is not hashable)."""
    if holds is SURGERY_HOLDS:
        return _memoized_open_surgery(assess, inputs)
    return assess(inputs, holds)


# An option's assessment is a pure function of the values it reads (TreatmentInputs), and is
# frozen: memoized on them, in a bounded cache (see spinal_metastasis._cache).
@bounded(RECORD_CACHE_SIZE)
def _memoized_open_surgery(
    assess: Callable[[TreatmentInputs, _Holds], OptionAssessment], inputs: TreatmentInputs
) -> OptionAssessment:
    return assess(inputs, SURGERY_HOLDS)


def assess_decompressive_laminectomy(
    context: LesionContext,
    *,
    holds: Mapping[SystemicAgent, HoldRecommendation] = SURGERY_HOLDS,
) -> OptionAssessment:
    """Assess posterior decompressive surgery (laminectomy, with or without fixation).

    Rules: fitness (operable and expected survival of at least 3 months), paraplegia
    for more than 48 hours, radiosensitive histology, the indication (high-grade
    epidural compression with a neurological deficit, or from a radioresistant
    primary), and radiotherapy to the same levels within 7 days.

    Args:
        context: The lesion's context, from
            :func:`~spinal_metastasis.treatments.context.lesion_context`.
        holds: Systemic-therapy holds around surgery; the conservative (guideline)
            table by default, :data:`LABEL_HOLDS` for the drug labels.

    Returns:
        The verdict, its findings and the trade-offs: no onset figure for pain relief,
        Patchell's walking outcomes, complications, holds, hospital stay (median 7 days).

    References:
        Patchell RA, Tibbs PA, Regine WF, et al. Direct decompressive surgical resection in
        the treatment of spinal cord compression caused by metastatic cancer: a randomised
        trial. Lancet. 2005;366(9486):643-648. doi:10.1016/S0140-6736(05)66954-1.

        Laufer I, Rubin DG, Lis E, et al. The NOMS framework: approach to the treatment of
        spinal metastatic tumors. Oncologist. 2013. doi:10.1634/theoncologist.2012-0293.

        Itshayek E, et al. Int J Oncol. 2010. doi:10.3892/ijo_00000527 (timing).

    Note:
        Patchell's surgery was tailored decompression (with stabilization as needed), not
        laminectomy alone; its walking figures are the best evidence for decompression
        but describe that trial's population (single area of compression, at least one
        neurological sign, not radiosensitive, not paraplegic over 48 h). Whether a
        laminectomy destabilizes an unstable spine is not assessed (no source in the notes).

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> from spinal_metastasis.treatments.context import lesion_context
        >>> patient = example_patient("renal_t7_cord_compression")
        >>> option = assess_decompressive_laminectomy(lesion_context(patient, patient.lesions[0]))
        >>> option.eligibility.value, str(option.burden.hospital_days)
        ('eligible', '7 days')
    """
    return _open_surgery(_decompressive_laminectomy, context.inputs, holds)


def _decompressive_laminectomy(inputs: TreatmentInputs, holds: _Holds) -> OptionAssessment:
    rules = _rules(inputs, _decompression_indication(inputs), decompressive=True)
    return OptionAssessment.from_rules(
        Modality.DECOMPRESSIVE_LAMINECTOMY,
        rules,
        pain_relief=_DECOMPRESSION_PAIN,
        toxicity=_toxicity(inputs, holds),
        collapse_risk=_NO_COLLAPSE_PROBABILITY,
        local_control=_NOT_A_TUMOR_TREATMENT,
        burden=_DECOMPRESSION_BURDEN,
    )


def assess_separation_surgery(
    context: LesionContext,
    *,
    holds: Mapping[SystemicAgent, HoldRecommendation] = SURGERY_HOLDS,
) -> OptionAssessment:
    """Assess separation surgery followed by stereotactic radiosurgery (NOMS).

    Rules: as for decompression (fitness, paraplegia over 48 hours, radiosensitive
    histology, high-grade compression with a deficit or from a radioresistant primary,
    radiotherapy within 7 days).

    Args:
        context: The lesion's context.
        holds: Systemic-therapy holds around surgery (conservative table by default).

    Returns:
        The verdict and trade-offs; local control is that of surgery *plus* postoperative
        radiosurgery (1-year 77.4-95.9 %), and the sessions count the radiosurgery fractions.

    References:
        Laufer I, et al. Local disease control for spinal metastases following 'separation
        surgery' and adjuvant hypofractionated or high-dose single-fraction stereotactic
        radiosurgery. J Neurosurg Spine. 2013;18:207-214.

        Al-Omair A, Masucci L, Masson-Cote L, et al. Neuro Oncol. 2013;15(10):1413-1419.
        doi:10.1093/neuonc/not101.

        Bastos DCA, et al. J Neurosurg Spine. 2020;32(5):667-675 (hospital stay, timing).

    Note:
        The local-control range depends on the postoperative dose: 4.1 % 1-year local
        progression with 24-30 Gy in 3 fractions vs 22.6 % with 18-36 Gy in 5-6
        fractions (Laufer 2013). Whether the postoperative SBRT itself is feasible (cord
        dose after earlier radiotherapy) is assessed by the SBRT option.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> from spinal_metastasis.treatments.context import lesion_context
        >>> patient = example_patient("renal_t7_cord_compression")
        >>> option = assess_separation_surgery(lesion_context(patient, patient.lesions[0]))
        >>> option.eligibility.value, str(option.local_control.probability)
        ('eligible', '77.4–95.9 %')
    """
    return _open_surgery(_separation_surgery, context.inputs, holds)


def _separation_surgery(inputs: TreatmentInputs, holds: _Holds) -> OptionAssessment:
    rules = _rules(inputs, _decompression_indication(inputs), decompressive=True)
    return OptionAssessment.from_rules(
        Modality.SEPARATION_SURGERY,
        rules,
        pain_relief=_DECOMPRESSION_PAIN,
        toxicity=_toxicity(inputs, holds, (_BASTOS_TIMING,)),
        collapse_risk=_FIXED_COLLAPSE_PROBABILITY,
        local_control=_SEPARATION_LOCAL_CONTROL,
        burden=_SEPARATION_BURDEN,
    )


def assess_corpectomy_reconstruction(
    context: LesionContext,
    *,
    holds: Mapping[SystemicAgent, HoldRecommendation] = SURGERY_HOLDS,
) -> OptionAssessment:
    """Assess corpectomy (vertebral body resection) with anterior column reconstruction.

    Rules: fitness, paraplegia over 48 hours, radiosensitive histology, the indication
    (vertebral body collapse with gross instability or high-grade compression), and
    radiotherapy within 7 days.

    Args:
        context: The lesion's context.
        holds: Systemic-therapy holds around surgery (conservative table by default).

    Returns:
        The verdict and trade-offs (complications by approach; no sourced hospital stay
        or local control specific to corpectomy: ``None``).

    References:
        Spiessberger A, Arvind V, Gruter B, Cho SK. Thoracolumbar corpectomy/spondylectomy
        for spinal metastasis: a pooled analysis comparing the outcome of seven different
        surgical approaches. Eur Spine J. 2020;29(2):248-256. doi:10.1007/s00586-019-06179-8.

        Fisher CG, DiPaola CP, Ryken TC, et al. Spine. 2010;35(22):E1221-E1229.
        doi:10.1097/BRS.0b013e3181e16ae2 (collapse and instability).

    Note:
        No source read states when a corpectomy is indicated. The rule is the library's
        conservative reading of "anterior column destruction or collapse with instability
        or ventral compression": vertebral body collapse (SINS collapse < 50 % or >= 50 %)
        with gross instability (SINS 13-18) or high-grade epidural compression. The model
        does not record whether the compression is ventral; high-grade compression with a
        collapsed body stands in for it. Otherwise the verdict is caution, never a
        contraindication.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> from spinal_metastasis.treatments.context import lesion_context
        >>> patient = example_patient("renal_t7_cord_compression")
        >>> option = assess_corpectomy_reconstruction(lesion_context(patient, patient.lesions[0]))
        >>> option.eligibility.value, option.local_control.probability is None
        ('caution', True)
    """
    return _open_surgery(_corpectomy_reconstruction, context.inputs, holds)


def _corpectomy_reconstruction(inputs: TreatmentInputs, holds: _Holds) -> OptionAssessment:
    rules = _rules(inputs, _corpectomy_indication(inputs), decompressive=True)
    return OptionAssessment.from_rules(
        Modality.CORPECTOMY_RECONSTRUCTION,
        rules,
        pain_relief=_DECOMPRESSION_PAIN,
        toxicity=_toxicity(inputs, holds, (_CORPECTOMY_COMPLICATIONS,)),
        collapse_risk=_FIXED_COLLAPSE_PROBABILITY,
        local_control=_CORPECTOMY_LOCAL_CONTROL,
        burden=_CORPECTOMY_BURDEN,
    )


def assess_posterior_stabilization(
    context: LesionContext,
    *,
    holds: Mapping[SystemicAgent, HoldRecommendation] = SURGERY_HOLDS,
) -> OptionAssessment:
    """Assess posterior stabilization (open or percutaneous pedicle-screw fixation).

    Rules: fitness, the indication (gross instability, SINS 13-18; SINS 7-12 asks for
    a surgical consultation and is caution) and radiotherapy within 7 days. The
    Patchell exclusions (paraplegia, radiosensitive histology) concern decompression
    and are not applied: NOMS assesses instability separately from the neurology and
    the histology.

    Args:
        context: The lesion's context.
        holds: Systemic-therapy holds around surgery (conservative table by default).

    Returns:
        The verdict and trade-offs: early walking and complications after percutaneous
        fixation, hospital stay (median 7 days after open surgery; percutaneous about 3.8
        days shorter).

    References:
        Fourney DR, Frangou EM, Ryken TC, et al. Spinal instability neoplastic score: an
        analysis of reliability and validity from the Spine Oncology Study Group. J Clin
        Oncol. 2011;29(22):3072-3077. doi:10.1200/JCO.2010.34.3897.

        Versteeg AL, Verlaan JJ, de Baat P, et al. Ann Surg Oncol. 2016;23(7):2343-2349.
        doi:10.1245/s10434-016-5156-9.

        Perna A, Smakaj A, Vitiello R, et al. Front Oncol. 2022;12:884928.
        doi:10.3389/fonc.2022.884928.

    Note:
        SINS is a referral aid built by expert consensus, not an operative indication;
        the decision to fix a potentially unstable spine (SINS 7-12) is the surgeon's.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> from spinal_metastasis.treatments.context import lesion_context
        >>> patient = example_patient()
        >>> option = assess_posterior_stabilization(lesion_context(patient, patient.lesions[0]))
        >>> option.eligibility.value, option.rules[1].finding.statement.split(":")[0]
        ('caution', 'SINS 11 (potentially unstable)')
    """
    return _open_surgery(_posterior_stabilization, context.inputs, holds)


def _posterior_stabilization(inputs: TreatmentInputs, holds: _Holds) -> OptionAssessment:
    rules = _rules(inputs, _stabilization_indication(inputs), decompressive=False)
    return OptionAssessment.from_rules(
        Modality.POSTERIOR_STABILIZATION,
        rules,
        pain_relief=_STABILIZATION_PAIN,
        toxicity=_toxicity(inputs, holds, _STABILIZATION_COMPLICATIONS),
        collapse_risk=_FIXED_COLLAPSE_PROBABILITY,
        local_control=_STABILIZATION_LOCAL_CONTROL,
        burden=_STABILIZATION_BURDEN,
    )
