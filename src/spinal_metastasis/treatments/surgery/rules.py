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
from spinal_metastasis.sources.surgery import LEE_2018
from spinal_metastasis.sources.treatments import ITSHAYEK_2010, PATCHELL_2005
from spinal_metastasis.treatments.context import OptionFacts
from spinal_metastasis.treatments.inputs import (
    DEFICIT,
    ESCC_FIELD,
    ESCC_GROUPING,
    FRANKEL,
    HIGH_GRADE,
    PRIMARY,
    RADIOSENSITIVE,
    SINS_FIELDS,
    SINS_POINTS,
)
from spinal_metastasis.treatments.surgery.figures import (
    PARAPLEGIA_MAX_HOURS,
    PARAPLEGIC_FRANKEL,
    PREFERRED_INTERVAL_DAYS,
    SURGERY_AFTER_RADIOTHERAPY_MIN_DAYS,
)
from spinal_metastasis.treatments.surgery.safety import (
    FITNESS,
    OPEN_INFECTION,
    OPEN_INR,
    OPEN_PLATELETS,
    OPEN_SURGERY_SAFETY,
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
