"""The figures of open surgery, each with its source.

Thresholds, systemic-therapy holds, walking outcomes, hospital stay, local control and
the findings the open-surgery options share.
"""

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Final

from spinal_metastasis._cache import VALUE_CACHE_SIZE, bounded
from spinal_metastasis.evidence import Finding, finding
from spinal_metastasis.model import (
    Frankel,
    SystemicAgent,
)
from spinal_metastasis.ranges import DayRange, ProbabilityRange, ScoreRange
from spinal_metastasis.sources.scores import FISHER_2010
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
    JARVERS_2021,
    LAUFER_2013_SEPARATION,
    PATCHELL_2005,
)
from spinal_metastasis.treatments._common import HoldRecommendation, agent_holds
from spinal_metastasis.treatments.context import SurgeryPlatelets
from spinal_metastasis.treatments.option import (
    AgentHold,
    Burden,
    CollapseRisk,
    Eligibility,
    LocalControl,
    PainRelief,
    Rate,
    Toxicity,
)

__all__ = [
    "BASTOS_TIMING",
    "CORPECTOMY_BURDEN",
    "CORPECTOMY_COMPLICATIONS",
    "CORPECTOMY_LOCAL_CONTROL",
    "DECOMPRESSION_BURDEN",
    "DECOMPRESSION_PAIN",
    "FIXED_COLLAPSE_PROBABILITY",
    "GUIDELINE_HOLDS",
    "LABEL_HOLDS",
    "NOT_A_TUMOR_TREATMENT",
    "NO_COLLAPSE_PROBABILITY",
    "OPEN_SURGERY_HOSPITAL_DAYS",
    "OPEN_SURGERY_PLATELETS_MIN_10E9_PER_L",
    "PARAPLEGIA_MAX_HOURS",
    "PARAPLEGIC_FRANKEL",
    "PATCHELL_AMBULATORY",
    "PATCHELL_REGAINED_WALKING",
    "PREFERRED_INTERVAL_DAYS",
    "RADIOTHERAPY_AFTER_SURGERY_MIN_DAYS",
    "SEPARATION_BURDEN",
    "SEPARATION_CONTROL",
    "SEPARATION_HOSPITAL_DAYS",
    "SEPARATION_LOCAL_CONTROL",
    "SEPARATION_LOCAL_CONTROL_HORIZON_DAYS",
    "SEPARATION_SESSIONS",
    "STABILIZATION_BURDEN",
    "STABILIZATION_COMPLICATIONS",
    "STABILIZATION_LOCAL_CONTROL",
    "STABILIZATION_PAIN",
    "SURGERY_AFTER_RADIOTHERAPY_MIN_DAYS",
    "SURGERY_HOLDS",
    "toxicity",
]

#: NICE NG24: consider platelet transfusion to raise the count above 50 x 10^9/L before
#: surgery, above 100 x 10^9/L before surgery in a critical site such as the CNS; which one
#: open spine surgery is held to is the named setting ``AssessmentSettings.surgery_platelets``.
OPEN_SURGERY_PLATELETS_MIN_10E9_PER_L: Final = MappingProxyType(
    {SurgeryPlatelets.SURGERY: 50.0, SurgeryPlatelets.CNS_SURGERY: 100.0}
)

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
        "(label). The interval before concerns elective surgery: an urgent decompression for "
        "a neurological deficit is not delayed for the washout."
    ),
    citation=AVASTIN_LABEL,
)
# Guidelines as summarised by Roche (read): stop 6-8 weeks before, restart 4-8 weeks after;
# Gordon 2009: >= 6-8 weeks before, >= 28 days after; NHS Scotland: 6-8 weeks, >= 4 weeks.
_ANTI_VEGF_GUIDELINE: Final = HoldRecommendation(
    days_before=DayRange.from_weeks(6, 8),
    days_after=DayRange.from_weeks(4, 8),
    statement=(
        "Anti-VEGF antibody (bevacizumab): stopped 6-8 weeks before elective major surgery "
        "(about two half-lives of 20 days) and restarted 4-8 weeks after, once the wound has "
        "healed (guidelines: Gordon 2009, NHS Scotland acute oncology; longer than the 28-day "
        "label). An urgent decompression for a neurological deficit is not delayed for the "
        "washout."
    ),
    citation=ROCHE_AVASTIN_PERIOPERATIVE,
)
# Front Oncol 2021 Table 3 (label summary): axitinib 24 h, pazopanib 7 d, regorafenib 2 wk,
# cabozantinib 28 d, anlotinib 4 wk, apatinib 30 d before surgery; resumption not given.
# After surgery: at least 2 weeks and until adequate wound healing (axitinib label, read; the
# same rule in secondary reproductions of the cabozantinib, lenvatinib and pazopanib labels).
_VEGF_TKI: Final = HoldRecommendation(
    days_before=DayRange(low=1, high=30),
    days_after=DayRange.exact(14),
    statement=(
        "VEGF tyrosine kinase inhibitor: stopped before elective surgery for 24 hours "
        "(axitinib) to 30 days (apatinib) by label, e.g. pazopanib 7 days, regorafenib 2 weeks, "
        "cabozantinib 28 days; sorafenib and sunitinib: interruption recommended without an "
        "interval. After major surgery: not for at least 2 weeks and until adequate wound "
        "healing (axitinib label; 14 days counted, longer until the wound heals). An urgent "
        "decompression for a neurological deficit is not delayed for the washout."
    ),
    citation=TKI_SURGERY_TABLE_2021,
)
# Jarvers 2021: chemotherapy within 3 weeks of surgery, more wound-related revisions.
_CYTOTOXIC: Final = HoldRecommendation(
    days_before=DayRange.exact(21),
    days_after=DayRange.exact(21),
    statement=(
        "Cytotoxic chemotherapy: held about 3 weeks on each side of elective surgery, since "
        "chemotherapy within 3 weeks of surgical stabilization went with more wound-related "
        "revisions (Jarvers 2021); an urgent decompression for a neurological deficit is not "
        "delayed for it. The 2-4 weeks to resumption quoted in the clinical reference are "
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
#: Hospital stay after open surgery for spinal metastases, 7-9 days: median 7 days (range
#: 1-30) after metastatic spine tumour surgery (Kumar 2018, 220 patients; 11 days or more in
#: the top quartile, with more than 9 instrumented levels or complications) and 9 days after
#: open surgery for thoracic compression (Bastos 2020).
OPEN_SURGERY_HOSPITAL_DAYS: Final = DayRange(low=7, high=9)
#: Separation surgery: the same 7-9 days (Bastos 2020's 9 days is open surgery for thoracic
#: epidural compression; Kumar 2018's median 7 days all metastatic spine tumour surgery).
SEPARATION_HOSPITAL_DAYS: Final = DayRange(low=7, high=9)
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
BASTOS_TIMING: Final = finding(
    "After open separation surgery for thoracic compression: radiotherapy or SSRS after a mean "
    "35.9 days and systemic therapy resumed after 59 days (vs 7.8 and 24.7 days after laser "
    "interstitial thermotherapy); complications 35 %.",
    BASTOS_2020,
)
_INTERVAL_SURVEY: Final = finding(
    "Experts advise at least 2 weeks between surgery and radiotherapy, either way.",
    LEE_2018,
)


# --- Trade-offs ----------------------------------------------------------------------------------


@bounded(VALUE_CACHE_SIZE)
def _default_holds(
    agents: tuple[SystemicAgent, ...] | None,
) -> tuple[DayRange, tuple[AgentHold, ...], tuple[Finding, ...]]:
    return agent_holds(agents, SURGERY_HOLDS)


def toxicity(
    agents: tuple[SystemicAgent, ...] | None,
    holds: Mapping[SystemicAgent, HoldRecommendation],
    extra: Sequence[Finding] = (),
) -> Toxicity:
    """The holds of the current agents, the complications of open surgery and ``extra``."""
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


DECOMPRESSION_PAIN: Final = PainRelief(onset_days=None, findings=_PATCHELL_FINDINGS)
NOT_A_TUMOR_TREATMENT: Final = LocalControl(
    probability=None,
    findings=(
        finding(
            "Decompression does not control the tumor by itself: both arms of Patchell 2005 "
            "received 30 Gy in 10 fractions, and local control rests on that radiotherapy.",
            PATCHELL_2005,
        ),
    ),
)
NO_COLLAPSE_PROBABILITY: Final = CollapseRisk(
    probability=_NO_PROBABILITY, drivers=(_NO_COLLAPSE_FIGURE,)
)
FIXED_COLLAPSE_PROBABILITY: Final = CollapseRisk(
    probability=_NO_PROBABILITY, drivers=(_NO_COLLAPSE_FIGURE, _FIXATION_AND_VCF)
)

SEPARATION_CONTROL: Final = LocalControl(
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
CORPECTOMY_COMPLICATIONS: Final = finding(
    "Corpectomy for thoracolumbar metastasis (774 patients): directly procedure-related "
    "complications 0 % with mini-open retropleural/retroperitoneal and thoracoscopic "
    "approaches vs 7-15 % with the others; blood loss 917-2261 mL by approach.",
    SPIESSBERGER_2020,
)


# The trade-offs that depend on no input, built once.
DECOMPRESSION_BURDEN: Final = Burden(
    sessions=_ONE_SESSION,
    hospital_days=OPEN_SURGERY_HOSPITAL_DAYS,
    findings=(_HOSPITAL_STAY, _NO_ANESTHESIA_SOURCE, _INTERVAL_SURVEY),
)
SEPARATION_BURDEN: Final = Burden(
    sessions=SEPARATION_SESSIONS,
    hospital_days=SEPARATION_HOSPITAL_DAYS,
    findings=(
        finding(
            "One operation, then stereotactic radiosurgery in 1 to 6 fractions "
            "(24 Gy x 1, 24-30 Gy / 3, 18-36 Gy / 5-6).",
            LAUFER_2013_SEPARATION,
        ),
        BASTOS_TIMING,
        _NO_ANESTHESIA_SOURCE,
        _INTERVAL_SURVEY,
    ),
)
CORPECTOMY_LOCAL_CONTROL: Final = LocalControl(
    probability=None,
    findings=(
        finding(
            "No local-control figure for corpectomy was found; the pooled analysis "
            "reports blood loss, complications and operating time.",
            SPIESSBERGER_2020,
        ),
    ),
)
CORPECTOMY_BURDEN: Final = Burden(
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
STABILIZATION_PAIN: Final = PainRelief(
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
STABILIZATION_COMPLICATIONS: Final = (
    finding(
        "Complications in 18 % after percutaneous pedicle-screw fixation for "
        "unstable metastases (101 patients).",
        VERSTEEG_2016,
    ),
)
STABILIZATION_LOCAL_CONTROL: Final = LocalControl(
    probability=None,
    findings=(
        finding(
            "Stabilization does not treat the tumor: NOMS decides radiation separately "
            "from the mechanical assessment.",
            NOMS_2013,
        ),
    ),
)
STABILIZATION_BURDEN: Final = Burden(
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
