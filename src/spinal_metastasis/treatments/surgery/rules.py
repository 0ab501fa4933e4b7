"""The eligibility rules of open surgery, declared once.

Every rule is a :class:`~spinal_metastasis.rule_engine.engine.Rule`, listed by
:func:`spinal_metastasis.rules` (the rules shared by the open-surgery options appear
under each of them); see :mod:`spinal_metastasis.treatments.surgery` for the family.
"""

from typing import Final

from spinal_metastasis.anatomy import SinsLocation
from spinal_metastasis.evidence import input_value
from spinal_metastasis.histology import PrimaryTumor
from spinal_metastasis.histology.radiosensitivity import (
    Radiosensitivity,
    RadiosensitivityTable,
    radiosensitivity,
)
from spinal_metastasis.model import (
    Alignment,
    BoneLesion,
    Collapse,
    Frankel,
    Pain,
    Posterolateral,
    RadiationCourse,
)
from spinal_metastasis.pathways import SURGICAL_SURVIVAL_FLOOR_YEARS
from spinal_metastasis.rule_engine.engine import (
    Eligibility,
    Input,
    Rule,
    Statement,
    Values,
    derived,
    field_input,
    possible_values,
)
from spinal_metastasis.scores.sins import SinsCategory, location_class, sins_evaluation
from spinal_metastasis.sources.scores import FISHER_2010, FOURNEY_2011
from spinal_metastasis.sources.scores import LAUFER_2013 as NOMS_2013
from spinal_metastasis.sources.surgery import LEE_2018, MANGRAM_1999, NICE_NG24
from spinal_metastasis.sources.survival import KATAGIRI_2014
from spinal_metastasis.sources.treatments import ITSHAYEK_2010, PATCHELL_2005, SIR_2019
from spinal_metastasis.treatments._common import INR_HIGH_RISK_MAX
from spinal_metastasis.treatments.context import OptionFacts, SurgeryPlatelets
from spinal_metastasis.treatments.inputs import (
    DEFICIT,
    ESCC_FIELD,
    ESCC_GROUPING,
    EXPECTED_SURVIVAL,
    FITNESS_SUMMARY,
    FRANKEL,
    HIGH_GRADE,
    KPS,
    MEDICALLY_OPERABLE,
    OPERABLE,
    POOR_FITNESS,
    PRIMARY,
    RADIOSENSITIVE,
    SINS_FIELDS,
    SINS_POINTS,
)
from spinal_metastasis.treatments.surgery.figures import (
    OPEN_SURGERY_PLATELETS_MIN_10E9_PER_L,
    PARAPLEGIA_MAX_HOURS,
    PARAPLEGIC_FRANKEL,
    PREFERRED_INTERVAL_DAYS,
    SURGERY_AFTER_RADIOTHERAPY_MIN_DAYS,
)

__all__ = [
    "CORPECTOMY_RULES",
    "DECOMPRESSION_RULES",
    "FITNESS",
    "OPEN_INFECTION",
    "OPEN_INR",
    "OPEN_PLATELETS",
    "OPEN_SURGERY_SAFETY",
    "RECENT_RADIOTHERAPY",
    "STABILIZATION_RULES",
]

_E = Eligibility.ELIGIBLE
_C = Eligibility.CAUTION
_X = Eligibility.CONTRAINDICATED
_ONLY_E: Final = frozenset({_E})
_ONLY_C: Final = frozenset({_C})
_ONLY_X: Final = frozenset({_X})


# --- Fitness (every open-surgery option) --------------------------------------------------------

_ONLY_C_OR_X: Final = frozenset({_C, _X})
_POOR_FIGURES: Final = (
    "Katagiri 2014: a score of 7 or more, 27 % alive at 6 months and 6 % at 1 year; KPS 40 or "
    "less is Tokuhashi's poor general condition (no published open-surgery cut-off was read)"
)


def _fitness_says(possible: frozenset[Eligibility], values: Values) -> Statement:
    operable, survival = values["medically_operable"], values["expected_survival_years"]
    summary = values["fitness_summary"]
    shown = {
        "medically_operable": operable,
        "expected_survival_years": survival,
        "kps": values["kps"],
    }
    poor = values["poor_fitness"]
    if possible == _ONLY_E:
        return Statement(
            text=f"Medically operable, expected survival {input_value(survival)} years (at "
            "least 3 months), fitness not poor: within the Patchell 2005 inclusion criteria.",
            inputs=shown,
        )
    if possible == _ONLY_X:
        reasons: list[str] = []
        if isinstance(survival, float) and survival < SURGICAL_SURVIVAL_FLOOR_YEARS:
            reasons.append(f"expected survival {input_value(survival)} years, under 3 months")
        if operable is False:
            reasons.append("judged not medically operable")
        if poor == frozenset({True}):
            reasons.append(f"poor fitness ({summary})")
        return Statement(
            text="Open surgery is not tolerated: "
            + ("; ".join(reasons) or "judged unable to tolerate it")
            + " (Patchell 2005 required medical operability and at least 3 months' survival).",
            inputs=shown,
        )
    if possible == _ONLY_C:
        return Statement(
            text=f"Poor fitness ({summary}), although the team judged the patient medically "
            f"operable with an expected survival of {input_value(survival)} years: at most "
            f"caution, for the team's final word ({_POOR_FIGURES}).",
            inputs=shown,
            citation=KATAGIRI_2014,
        )
    if possible == _ONLY_C_OR_X:
        return Statement(
            text=f"Poor fitness ({summary}): open surgery is not advised. Contraindicated "
            "unless the team judges the patient medically operable with at least 3 months' "
            f"expected survival, and then at most caution ({_POOR_FIGURES}).",
            inputs=shown,
            citation=KATAGIRI_2014,
        )
    return Statement(
        text="Fitness for open surgery undetermined: Patchell 2005 required medical operability "
        "and an expected survival of at least 3 months; a KPS of 40 or less, or every survival "
        f"score in its poor band, makes it at most caution ({summary}).",
        inputs=shown,
    )


def _fitness_verdict(values: Values) -> Eligibility:
    if values["operable"] is not True:
        return _X
    return _C if values["poor_fitness"] is True else _E


FITNESS: Final[Rule[OptionFacts]] = Rule(
    id="open_surgery.fitness",
    description="Patchell 2005 inclusion: medically operable and expected survival of at "
    "least 3 months (known not to hold: contraindicated); a KPS of 40 or less, or every "
    "computed survival score in its poor band, makes it at most caution.",
    citation=PATCHELL_2005,
    reads=(OPERABLE, POOR_FITNESS),
    shows=(MEDICALLY_OPERABLE, EXPECTED_SURVIVAL, KPS, FITNESS_SUMMARY),
    decide=_fitness_verdict,
    says=_fitness_says,
)


# --- Coagulation and infection (every open-surgery option) ----------------------------------------

PLATELET_SETTING: Final[Input[OptionFacts]] = Input(
    name="surgery_platelets",
    fields=(),
    read=lambda facts: facts.context.settings.surgery_platelets,
    domain=lambda setting: (setting,),
    description="which NICE NG24 platelet threshold open spine surgery is held to",
)
_PLATELETS: Final = field_input("platelets_10e9_per_l", None)
_INR: Final = field_input("inr", None)
_E_OR_C: Final = frozenset({_E, _C})
_CORRECT_FIRST: Final = (
    "correct it first; emergency surgery (decompression for a progressing deficit) may still "
    "be needed, so this is a caution, not a contraindication"
)


def _number(values: Values, name: str) -> float:
    value = values[name]
    if not isinstance(value, float):  # pragma: no cover - the fields are floats
        raise TypeError(value)
    return value


def _platelet_minimum(values: Values) -> float:
    setting = values["surgery_platelets"]
    if not isinstance(setting, SurgeryPlatelets):  # pragma: no cover - read by the input
        raise TypeError(setting)
    return OPEN_SURGERY_PLATELETS_MIN_10E9_PER_L[setting]


def _setting_text(minimum: float) -> str:
    place = "surgery in a critical site such as the CNS" if minimum > 50 else "surgery"  # noqa: PLR2004
    return f"NICE NG24: above {minimum:g} x 10^9/L for {place}"


def _open_platelets_says(_possible: frozenset[Eligibility], values: Values) -> Statement:
    platelets = values["platelets_10e9_per_l"]
    minimum = _platelet_minimum(values)
    shown = {"platelets_10e9_per_l": platelets, "surgery_platelets": values["surgery_platelets"]}
    if platelets is None:
        text = f"Platelet count unknown ({_setting_text(minimum)})."
    elif _number(values, "platelets_10e9_per_l") <= minimum:
        text = (
            f"Platelets {platelets:g} x 10^9/L, not above {minimum:g} ({_setting_text(minimum)}): "
            f"{_CORRECT_FIRST}."
        )
    else:
        text = f"Platelets {platelets:g} x 10^9/L, above {minimum:g} ({_setting_text(minimum)})."
    return Statement(text=text, inputs=shown)


OPEN_PLATELETS: Final[Rule[OptionFacts]] = Rule(
    id="open_surgery.platelets",
    description="NICE NG24: platelets above 50 x 10^9/L for surgery (above 100 for CNS "
    "surgery, a named setting); otherwise caution (correct first).",
    citation=NICE_NG24,
    reads=(_PLATELETS, PLATELET_SETTING),
    decide=lambda v: _C if _number(v, "platelets_10e9_per_l") <= _platelet_minimum(v) else _E,
    says=_open_platelets_says,
    when_unknown=_E_OR_C,
)

_ANALOGY: Final = (
    "SIR 2019's percutaneous high bleeding-risk threshold (1.5-1.8 or less; 1.5 used), used by "
    "analogy: no open-surgery INR threshold was read"
)


def _open_inr_says(_possible: frozenset[Eligibility], values: Values) -> Statement:
    inr = values["inr"]
    shown = {"inr": inr}
    if inr is None:
        text = f"INR unknown ({_ANALOGY})."
    elif _number(values, "inr") > INR_HIGH_RISK_MAX:
        text = f"INR {inr:g}, above 1.5 ({_ANALOGY}): {_CORRECT_FIRST}."
    else:
        text = f"INR {inr:g}, 1.5 or less ({_ANALOGY})."
    return Statement(text=text, inputs=shown)


OPEN_INR: Final[Rule[OptionFacts]] = Rule(
    id="open_surgery.inr",
    description="INR above 1.5: caution (correct first); SIR 2019's percutaneous threshold "
    "used by analogy, no open-surgery threshold having been read.",
    citation=SIR_2019,
    reads=(_INR,),
    decide=lambda v: _C if _number(v, "inr") > INR_HIGH_RISK_MAX else _E,
    says=_open_inr_says,
    when_unknown=_E_OR_C,
)

_INFECTION: Final = field_input("active_infection", (False, True))


def _open_infection_says(_possible: frozenset[Eligibility], values: Values) -> Statement:
    infection = values["active_infection"]
    shown = {"active_infection": infection}
    if infection is True:
        text = (
            "Active infection: treat it first and postpone elective surgery (CDC/HICPAC, "
            "recalled, not read); emergency decompression may still be needed, so this is a "
            "caution, not a contraindication."
        )
    elif infection is False:
        text = "No active infection: no infection-related reason to postpone surgery."
    else:
        text = (
            "Infection status unknown: an active infection would be treated first, elective "
            "surgery postponed (emergency decompression may still be needed)."
        )
    return Statement(text=text, inputs=shown)


OPEN_INFECTION: Final[Rule[OptionFacts]] = Rule(
    id="open_surgery.active_infection",
    description="Active infection: caution (treat first, postpone elective surgery; "
    "emergency decompression may still be needed).",
    citation=MANGRAM_1999,
    reads=(_INFECTION,),
    decide=lambda v: _C if v["active_infection"] is True else _E,
    says=_open_infection_says,
)

#: The coagulation and infection rules every open operation applies (after fitness and the
#: indication, so that the first deciding rule of an unfit patient stays fitness).
OPEN_SURGERY_SAFETY: Final = (OPEN_PLATELETS, OPEN_INR, OPEN_INFECTION)


# --- Paraplegia, histology, recent radiotherapy (decompressing options) --------------------------

_EITHER: Final = frozenset({False, True})


def _paraplegic(facts: OptionFacts) -> frozenset[bool]:
    frankel = facts.patient.frankel
    return _EITHER if frankel is None else frozenset({frankel in PARAPLEGIC_FRANKEL})


def _long(facts: OptionFacts) -> frozenset[bool]:
    hours = facts.patient.paraplegia_duration_hours
    return _EITHER if hours is None else frozenset({hours > PARAPLEGIA_MAX_HOURS})


PARAPLEGIC: Final = possible_values(
    "paraplegic",
    ("frankel",),
    _paraplegic,
    description="whether the patient is paraplegic (Frankel A or B)",
)
OVER_48_HOURS: Final = possible_values(
    "over_48_hours",
    ("paraplegia_duration_hours",),
    _long,
    description="whether paraplegia has lasted more than 48 hours",
)
PARAPLEGIA_HOURS: Final = field_input("paraplegia_duration_hours", None)


def _paraplegia_says(possible: frozenset[Eligibility], values: Values) -> Statement:
    frankel, hours = values["frankel"], values["paraplegia_duration_hours"]
    shown = {"frankel": frankel, "paraplegia_duration_hours": hours}
    if possible == _ONLY_C:
        text = (
            f"Paraplegic (Frankel {input_value(frankel).upper()}) for {input_value(hours)} h, "
            "more than 48 h: Patchell 2005 excluded such patients, so the benefit of "
            "decompression on walking is not shown."
        )
    elif possible == _ONLY_E and isinstance(frankel, Frankel) and frankel not in PARAPLEGIC_FRANKEL:
        text = (
            f"Not paraplegic (Frankel {frankel.value.upper()}): the Patchell 2005 exclusion "
            "(paraplegic for more than 48 h) does not apply."
        )
    elif possible == _ONLY_E:
        text = (
            f"Paraplegia, if any, has lasted {input_value(hours)} h, not more than 48 h: not "
            "excluded by Patchell 2005."
        )
    else:
        text = (
            "Whether the patient has been paraplegic (Frankel A or B) for more than 48 h is "
            "unknown; Patchell 2005 excluded such patients."
        )
    return Statement(text=text, inputs=shown)


PARAPLEGIA: Final[Rule[OptionFacts]] = Rule(
    id="open_surgery.paraplegia_over_48_hours",
    description="Patchell 2005 exclusion: paraplegic (Frankel A or B) for more than 48 hours "
    "(caution: the benefit on walking is not shown).",
    citation=PATCHELL_2005,
    reads=(PARAPLEGIC, OVER_48_HOURS),
    shows=(FRANKEL, PARAPLEGIA_HOURS),
    decide=lambda v: _C if v["paraplegic"] is True and v["over_48_hours"] is True else _E,
    says=_paraplegia_says,
)

RADIOSENSITIVITY_TABLE: Final[Input[OptionFacts]] = Input(
    name="radiosensitivity_table",
    fields=(),
    read=lambda facts: facts.context.settings.radiosensitivity_table,
    domain=lambda table: (table,),
    description="the radiosensitivity table used",
)


def _histology_says(possible: frozenset[Eligibility], values: Values) -> Statement:
    primary, table = values["primary"], values["radiosensitivity_table"]
    if not isinstance(table, RadiosensitivityTable):  # pragma: no cover - read by the input
        raise TypeError(table)
    known = primary if isinstance(primary, PrimaryTumor) else None
    name = "The primary" if known is None else known.label[:1].upper() + known.label[1:]
    shown = {"primary": primary}
    if possible == _ONLY_E:
        return Statement(
            text=f"{name} is resistant to conventional EBRT ({table.name}): operating before "
            "radiotherapy is in line with NOMS (separation surgery, then SBRT).",
            inputs=shown,
        )
    if possible == _ONLY_C:
        if radiosensitivity(known, table=table) is Radiosensitivity.HIGHLY_SENSITIVE:
            return Statement(
                text=f"{name} is highly sensitive to conventional EBRT ({table.name}): "
                "Patchell 2005 excluded radiosensitive tumors (lymphoma, leukaemia, myeloma, "
                "germ-cell) and NOMS gives radiotherapy whatever the compression, so "
                "radiotherapy comes first.",
                inputs=shown,
                citation=PATCHELL_2005,
            )
        return Statement(
            text=f"{name} is sensitive to conventional EBRT ({table.name}): NOMS gives "
            "conventional radiotherapy whatever the degree of compression, so radiotherapy "
            "comes first (Patchell 2005 did include such tumors).",
            inputs=shown,
        )
    return Statement(
        text=f"Response of the primary to conventional EBRT undetermined ({table.name}); for "
        "a radiosensitive tumor radiotherapy comes first (NOMS; Patchell 2005 exclusion).",
        inputs=shown,
    )


HISTOLOGY: Final[Rule[OptionFacts]] = Rule(
    id="open_surgery.radiosensitive_histology",
    description="NOMS, Patchell 2005 exclusion: a radiosensitive primary gets radiotherapy "
    "first (caution).",
    citation=NOMS_2013,
    reads=(RADIOSENSITIVE,),
    shows=(PRIMARY, RADIOSENSITIVITY_TABLE),
    decide=lambda v: _C if v["radiosensitive"] is True else _E,
    says=_histology_says,
)


def _courses(facts: OptionFacts) -> tuple[RadiationCourse, ...] | None:
    return facts.context.prior_courses


def _recent_domain(value: object) -> tuple[object, ...] | None:
    if value is None:
        return None
    if not isinstance(value, tuple):  # pragma: no cover - read by the input
        raise TypeError(value)
    intervals = [course.days_since_completion for course in value]
    known = [days for days in intervals if days is not None]
    if any(days < SURGERY_AFTER_RADIOTHERAPY_MIN_DAYS for days in known):
        return (True,)
    return None if len(known) < len(intervals) else (False,)


RECENT_COURSES: Final[Input[OptionFacts]] = Input(
    name="recent_courses",
    fields=("prior_radiation", "levels"),
    read=_courses,
    domain=_recent_domain,
    unknown=lambda _facts: ("prior_radiation",),
    description="the earlier courses to the lesion's levels (whether one ended under 7 days ago)",
)


def _recent_says(_possible: frozenset[Eligibility], values: Values) -> Statement:
    courses = values["recent_courses"]
    if not isinstance(courses, tuple):
        return Statement(
            text="Earlier radiotherapy to these levels unknown; surgery within 7 days after "
            "radiotherapy increases wound complications.",
            inputs={"prior_radiation": None},
        )
    intervals = tuple(
        course.days_since_completion for course in courses if isinstance(course, RadiationCourse)
    )
    known = [days for days in intervals if days is not None]
    shown = {"days_since_completion": intervals or "no course"}
    recent = [days for days in known if days < SURGERY_AFTER_RADIOTHERAPY_MIN_DAYS]
    if recent:
        return Statement(
            text=f"Radiotherapy to these levels completed {min(recent)} days ago, under 7: "
            "surgery within 7 days after radiotherapy increases wound complications; wait (2 "
            "weeks preferred).",
            inputs=shown,
        )
    if len(known) < len(intervals):
        return Statement(
            text="Interval since earlier radiotherapy to these levels unknown; surgery within 7 "
            "days after radiotherapy increases wound complications.",
            inputs=shown,
        )
    if not known:
        return Statement(
            text="No earlier radiotherapy to these levels: no interval to respect.", inputs=shown
        )
    shortest = min(known)
    if shortest < PREFERRED_INTERVAL_DAYS:
        return Statement(
            text=f"Radiotherapy to these levels completed {shortest} days ago: at least the 7 "
            "days after which wound complications were not increased (Itshayek 2010), but "
            "under the 2 weeks experts prefer.",
            inputs=shown,
            citation=LEE_2018,
        )
    return Statement(
        text=f"Radiotherapy to these levels completed {shortest} days ago, at least 2 weeks: no "
        "wound-healing interval concern.",
        inputs=shown,
    )


RECENT_RADIOTHERAPY: Final[Rule[OptionFacts]] = Rule(
    id="open_surgery.recent_radiotherapy",
    description="Itshayek 2010: surgery within 7 days after radiotherapy to the same levels "
    "increases wound complications (caution).",
    citation=ITSHAYEK_2010,
    reads=(RECENT_COURSES,),
    decide=lambda v: _C if v["recent_courses"] is True else _E,
    says=_recent_says,
    when_unknown=frozenset({_E, _C}),
)


# --- Indications -------------------------------------------------------------------------------


def _decompression_says(possible: frozenset[Eligibility], values: Values) -> Statement:
    escc_grade, frankel, primary = values["escc"], values["frankel"], values["primary"]
    shown = {"escc": escc_grade, "frankel": frankel, "primary": primary}
    escc = input_value(escc_grade)
    if possible == _ONLY_E and isinstance(frankel, Frankel) and frankel is not Frankel.E:
        return Statement(
            text=f"High-grade epidural compression (ESCC {escc}) with a neurological deficit "
            f"(Frankel {frankel.value.upper()}): direct decompression plus radiotherapy kept "
            "more patients walking than radiotherapy alone (Patchell 2005).",
            inputs=shown,
            citation=PATCHELL_2005,
        )
    if possible == _ONLY_E:
        return Statement(
            text=f"High-grade epidural compression (ESCC {escc}) from a radioresistant primary: "
            "NOMS separation surgery, then SBRT.",
            inputs=shown,
        )
    if possible == _ONLY_C and values["high_grade"] == frozenset({False}):
        return Statement(
            text=f"Not indicated: epidural compression not high grade (ESCC {escc}; "
            f"{values['escc_grouping']}): no indication for decompression; radiation comes "
            "first (NOMS), and instability is a separate decision.",
            inputs=shown,
        )
    if possible == _ONLY_C:
        return Statement(
            text="Not indicated: no neurological deficit and a radiosensitive primary: whatever "
            f"the compression (ESCC {escc}), NOMS gives conventional radiotherapy; no indication "
            "for decompression.",
            inputs=shown,
        )
    return Statement(
        text="Indication for decompression undetermined: high-grade epidural compression with "
        "a neurological deficit (Patchell 2005) or from a radioresistant primary (NOMS) "
        "indicates it.",
        inputs=shown,
        citation=PATCHELL_2005,
    )


DECOMPRESSION: Final[Rule[OptionFacts]] = Rule(
    id="open_surgery.decompression_indication",
    description="Patchell 2005, NOMS: high-grade compression with a neurological deficit, or "
    "from a radioresistant primary, indicates decompression; otherwise caution.",
    citation=NOMS_2013,
    reads=(HIGH_GRADE, DEFICIT, RADIOSENSITIVE),
    shows=(ESCC_FIELD, FRANKEL, PRIMARY, ESCC_GROUPING),
    decide=lambda v: (
        _E
        if v["high_grade"] is True and (v["deficit"] is True or v["radiosensitive"] is False)
        else _C
    ),
    says=_decompression_says,
)

SINS_CATEGORY: Final[Input[OptionFacts]] = Input(
    name="sins_category",
    fields=SINS_FIELDS,
    read=lambda facts: facts.context.sins.possible_categories,
    domain=lambda categories: tuple(
        category
        for category in SinsCategory
        if isinstance(categories, frozenset) and category in categories
    ),
    unknown=lambda facts: facts.context.sins.missing,
    description="the SINS category (stable, potentially unstable, unstable) still possible",
)
ALIGNMENT: Final = field_input("alignment", tuple(Alignment))


def _sins_categories(values: Values) -> tuple[str, str, frozenset[object]]:
    categories = values["sins_category"]
    if not isinstance(categories, frozenset):  # pragma: no cover - read by the input
        raise TypeError(categories)
    names = " or ".join(
        category.value.replace("_", " ") for category in SinsCategory if category in categories
    )
    return str(values["sins_points"]), names, categories


def _stabilization_says(possible: frozenset[Eligibility], values: Values) -> Statement:
    points, names, categories = _sins_categories(values)
    alignment = values["alignment"]
    if alignment is Alignment.SUBLUXATION_TRANSLATION:
        return Statement(
            text="Subluxation or translation: gross instability, for which NOMS calls for "
            "surgical stabilization.",
            inputs={"alignment": alignment},
        )
    base = frozenset(_E if c is SinsCategory.UNSTABLE else _C for c in categories)
    if base == _ONLY_E:
        text = (
            f"SINS {points} (unstable, 13-18): gross instability, for which NOMS calls "
            "for surgical stabilization."
        )
    elif base == _ONLY_C and categories == frozenset({SinsCategory.STABLE}):
        text = f"Not indicated: SINS {points} (stable, 0-6), no instability to stabilize."
    elif base == _ONLY_C:
        text = (
            f"SINS {points} ({names}): no gross instability; a surgical "
            "consultation is advised from 7, and NOMS treats mechanical pain without gross "
            "instability with percutaneous cement augmentation."
        )
    else:
        text = (
            f"SINS {points} ({names}): whether the spine is grossly unstable "
            "(13-18) is undetermined."
        )
    if alignment is None and _E not in base and _E in possible:
        return Statement(
            text=f"{text} A subluxation or translation (alignment unknown) would be gross "
            "instability.",
            inputs={"sins": points, "alignment": alignment},
            citation=NOMS_2013,
        )
    return Statement(text=text, inputs={"sins": points}, citation=FOURNEY_2011)


STABILIZATION: Final[Rule[OptionFacts]] = Rule(
    id="posterior_stabilization.indication",
    description="NOMS: gross instability (SINS 13-18, or subluxation/translation) indicates "
    "surgical stabilization; SINS 7-12 asks for a consultation (caution).",
    citation=NOMS_2013,
    reads=(SINS_CATEGORY, ALIGNMENT),
    shows=(SINS_POINTS,),
    decide=lambda v: (
        _E
        if v["sins_category"] is SinsCategory.UNSTABLE
        or v["alignment"] is Alignment.SUBLUXATION_TRANSLATION
        else _C
    ),
    says=_stabilization_says,
)

_BODY_COLLAPSE: Final = frozenset({Collapse.AT_LEAST_50_PERCENT, Collapse.LESS_THAN_50_PERCENT})


def _collapse_and_category(facts: OptionFacts) -> frozenset[tuple[Collapse, SinsCategory]]:
    lesion = facts.lesion
    place = location_class(lesion.levels)
    findings = (lesion.pain, lesion.bone_lesion, lesion.alignment, lesion.posterolateral)
    return derived(
        "collapse_and_sins",
        (place, lesion.collapse, *findings),
        lambda: _pairs(place, lesion.collapse, *findings),
    )


def _pairs(  # noqa: PLR0917 - one private call site, the SINS findings
    place: SinsLocation,
    collapse: Collapse | None,
    pain: Pain | None,
    bone_lesion: BoneLesion | None,
    alignment: Alignment | None,
    posterolateral: Posterolateral | None,
) -> frozenset[tuple[Collapse, SinsCategory]]:
    """The (collapse, SINS category) pairs still possible."""
    pairs: set[tuple[Collapse, SinsCategory]] = set()
    for value in (collapse,) if collapse is not None else tuple(Collapse):
        evaluation = sins_evaluation(place, pain, bone_lesion, alignment, value, posterolateral)
        pairs.update((value, category) for category in evaluation.possible_categories)
    return frozenset(pairs)


def _collapse_unknown(facts: OptionFacts) -> tuple[str, ...]:
    names = ["collapse"] if facts.lesion.collapse is None else []
    names.extend(name for name in facts.context.sins.missing if name not in names)
    return tuple(names)


COLLAPSE_AND_SINS: Final[Input[OptionFacts]] = Input(
    name="collapse_and_sins",
    fields=SINS_FIELDS,
    read=lambda facts: facts.derived("collapse_and_sins", _collapse_and_category),
    domain=lambda pairs: tuple(sorted(pairs, key=str)) if isinstance(pairs, frozenset) else None,
    unknown=_collapse_unknown,
    description="the vertebral body collapse with the SINS category, as pairs still possible",
)
COLLAPSE: Final = field_input("collapse", tuple(Collapse))


def _corpectomy_verdict(values: Values) -> Eligibility:
    pair = values["collapse_and_sins"]
    if not isinstance(pair, tuple):  # pragma: no cover - the domain's values
        raise TypeError(pair)
    collapse, category = pair
    indicated = collapse in _BODY_COLLAPSE and (
        category is SinsCategory.UNSTABLE or values["high_grade"] is True
    )
    return _E if indicated else _C


def _corpectomy_says(possible: frozenset[Eligibility], values: Values) -> Statement:
    collapse, points, escc = values["collapse"], str(values["sins_points"]), values["escc"]
    shown = {"collapse": collapse, "sins": points, "escc": escc}
    collapse_text = input_value(collapse).replace("_", " ")
    if possible == _ONLY_E:
        text = (
            f"Vertebral body collapse ({collapse_text}) with gross instability (SINS "
            f"{points}) or high-grade compression (ESCC {input_value(escc)}): "
            "anterior column resection and reconstruction can restore the column (the "
            "library's reading; no source read gives criteria for corpectomy)."
        )
    elif possible == _ONLY_C and collapse is not None and collapse not in _BODY_COLLAPSE:
        text = (
            f"Not indicated: no vertebral body collapse ({collapse_text}), no anterior column "
            "failure to "
            "reconstruct (the library's reading)."
        )
    elif possible == _ONLY_C:
        text = (
            "Not indicated: neither gross instability nor high-grade compression with the "
            "collapse, no indication for corpectomy (the library's reading)."
        )
    else:
        text = (
            "Indication for corpectomy undetermined: vertebral body collapse with gross "
            "instability or high-grade compression indicates it (the library's reading)."
        )
    return Statement(text=text, inputs=shown)


CORPECTOMY: Final[Rule[OptionFacts]] = Rule(
    id="corpectomy_reconstruction.indication",
    description="The library's reading (no source gives criteria): vertebral body collapse "
    "with gross instability or high-grade compression indicates corpectomy; otherwise caution.",
    citation=FISHER_2010,
    reads=(COLLAPSE_AND_SINS, HIGH_GRADE),
    shows=(COLLAPSE, SINS_POINTS, ESCC_FIELD),
    decide=_corpectomy_verdict,
    says=_corpectomy_says,
)

#: The rules of decompressive laminectomy and separation surgery, in the order applied.
DECOMPRESSION_RULES: Final = (
    FITNESS,
    PARAPLEGIA,
    HISTOLOGY,
    DECOMPRESSION,
    RECENT_RADIOTHERAPY,
    *OPEN_SURGERY_SAFETY,
)
#: The rules of corpectomy with reconstruction.
CORPECTOMY_RULES: Final = (
    FITNESS,
    PARAPLEGIA,
    HISTOLOGY,
    CORPECTOMY,
    RECENT_RADIOTHERAPY,
    *OPEN_SURGERY_SAFETY,
)
#: The rules of posterior stabilization.
STABILIZATION_RULES: Final = (FITNESS, STABILIZATION, RECENT_RADIOTHERAPY, *OPEN_SURGERY_SAFETY)
