"""The eligibility rules of conventional EBRT and SBRT, declared once.

Every rule is a :class:`~spinal_metastasis.rule_engine.engine.Rule`; the registry
(:func:`spinal_metastasis.rules`) lists them and the docs render their table from it.
Decisions the sources leave open are stated in each rule's statements; see
:mod:`spinal_metastasis.treatments.radiotherapy` for the family.
"""

from typing import Final

from spinal_metastasis.anatomy import VertebralLevel, format_levels
from spinal_metastasis.model import ESCC
from spinal_metastasis.ranges import ScoreRange
from spinal_metastasis.rule_engine.engine import Eligibility, Rule, Statement, Values
from spinal_metastasis.sources.radiobiology import (
    RYU_2023,
    SAHGAL_2021_SC24,
)
from spinal_metastasis.sources.radiotherapy import KIM_2019
from spinal_metastasis.sources.scores import AO_RADIOSENSITIVITY, FOURNEY_2011
from spinal_metastasis.sources.scores import LAUFER_2013 as NOMS_2013
from spinal_metastasis.sources.treatments import PATCHELL_2005
from spinal_metastasis.treatments.context import OptionFacts
from spinal_metastasis.treatments.inputs import (
    BELOW_CONUS,
    DEFICIT,
    ECOG,
    ESCC_FIELD,
    ESCC_GROUPING,
    EXPECTED_SURVIVAL,
    FRANKEL,
    HIGH_GRADE,
    KPS,
    LEVELS,
    MEDICALLY_OPERABLE,
    OPERABLE,
    POSSIBLE_ECOG,
    PRIMARY,
    RADIOSENSITIVE,
    SINS_POINTS,
    neural_structure,
)
from spinal_metastasis.treatments.radiotherapy.figures import (
    RTOG0631_MAX_SEGMENTS,
    SC24_MAX_ECOG,
    SC24_MAX_SEGMENTS,
    SC24_MAX_SINS,
    SINS_UNSTABLE_MIN,
)
from spinal_metastasis.treatments.radiotherapy.reirradiation import (
    CEBRT_REIRRADIATION_RULE,
    SBRT_REIRRADIATION_RULE,
)

__all__ = ["CEBRT_RULES", "SBRT_RULES"]

_E = Eligibility.ELIGIBLE
_C = Eligibility.CAUTION
_X = Eligibility.CONTRAINDICATED
_ONLY_E: Final = frozenset({_E})
_ONLY_C: Final = frozenset({_C})
_ONLY_X: Final = frozenset({_X})


def _sins(values: Values) -> ScoreRange:
    points = values["sins_points"]
    if not isinstance(points, ScoreRange):  # pragma: no cover - the input reads a ScoreRange
        raise TypeError(points)
    return points


def _flag(values: Values, name: str) -> bool:
    return values[name] is True


# --- Conventional EBRT ----------------------------------------------------------------------


def _oncologic_says(possible: frozenset[Eligibility], values: Values) -> Statement:
    shown = {"primary": values["primary"]}
    if possible == _ONLY_E:
        return Statement(
            text="Radiosensitive histology: NOMS treats it with conventional EBRT whatever the "
            "degree of epidural compression or myelopathy.",
            inputs=shown,
        )
    if possible == _ONLY_C:
        return Statement(
            text="Radioresistant histology: conventional EBRT gives less durable local control "
            "(radioresistant tumors need SBRT for durable control); see the local-control "
            "figures.",
            inputs=shown,
            citation=AO_RADIOSENSITIVITY,
        )
    return Statement(
        text="Response of the primary to conventional EBRT undetermined: radiosensitive "
        "histology is treated with conventional EBRT (NOMS); radioresistant histology gets "
        "less durable local control.",
        inputs=shown,
    )


CEBRT_ONCOLOGIC: Final[Rule[OptionFacts]] = Rule(
    id="conventional_ebrt.oncologic",
    description="NOMS oncologic assessment: radiosensitive eligible; radioresistant caution.",
    citation=NOMS_2013,
    reads=(RADIOSENSITIVE,),
    shows=(PRIMARY,),
    decide=lambda v: _E if _flag(v, "radiosensitive") else _C,
    says=_oncologic_says,
)


def _surgery_first_says(possible: frozenset[Eligibility], values: Values) -> Statement:
    shown = {
        "primary": values["primary"],
        "escc": values["escc"],
        "medically_operable": values["medically_operable"],
        "expected_survival_years": values["expected_survival_years"],
    }
    if possible == _ONLY_C:
        return Statement(
            text="High-grade epidural compression from a radioresistant primary in a patient who "
            "can tolerate surgery: NOMS recommends separation surgery, then SBRT; surgery plus "
            "radiotherapy kept more patients walking than radiotherapy alone (84 % vs 57 %, "
            "Patchell 2005).",
            inputs=shown,
            citation=PATCHELL_2005,
        )
    if possible == _ONLY_E:
        return Statement(
            text="Not the NOMS indication for surgery first (high-grade compression from a "
            "radioresistant primary in an operable patient).",
            inputs=shown,
        )
    return Statement(
        text="Whether NOMS sends this lesion to surgery first (high-grade compression from a "
        "radioresistant primary in an operable patient) is undetermined.",
        inputs=shown,
    )


CEBRT_SURGERY_FIRST: Final[Rule[OptionFacts]] = Rule(
    id="conventional_ebrt.surgery_first",
    description="NOMS and Patchell 2005: high-grade compression, radioresistant primary, "
    "operable patient: surgery first (caution).",
    citation=NOMS_2013,
    reads=(RADIOSENSITIVE, HIGH_GRADE, OPERABLE),
    shows=(PRIMARY, ESCC_FIELD, MEDICALLY_OPERABLE, EXPECTED_SURVIVAL),
    decide=lambda v: (
        _C
        if not _flag(v, "radiosensitive") and _flag(v, "high_grade") and _flag(v, "operable")
        else _E
    ),
    says=_surgery_first_says,
)


def _instability_says(possible: frozenset[Eligibility], values: Values) -> Statement:
    sins = str(_sins(values))
    if possible == _ONLY_C:
        text = (
            f"SINS {sins}: unstable. Gross instability calls for surgical stabilization, a need "
            "radiotherapy does not meet (NOMS); radiotherapy is given after it, or alone if "
            "surgery is not possible."
        )
    elif possible == _ONLY_E:
        text = f"SINS {sins}: not grossly unstable (SINS 13-18)."
    else:
        text = (
            f"SINS {sins}: whether the spine is unstable (13-18), which calls for "
            "stabilization apart from radiotherapy, is undetermined."
        )
    return Statement(text=text, inputs={"sins": sins})


def _total(values: Values) -> int:
    total = values["sins_points"]
    if not isinstance(total, int):  # pragma: no cover - the domain is of totals
        raise TypeError(total)
    return total


CEBRT_INSTABILITY: Final[Rule[OptionFacts]] = Rule(
    id="conventional_ebrt.instability",
    description="NOMS mechanical assessment: gross instability (SINS 13-18) needs "
    "stabilization apart from radiotherapy (caution).",
    citation=FOURNEY_2011,
    reads=(SINS_POINTS,),
    decide=lambda v: _C if _total(v) >= SINS_UNSTABLE_MIN else _E,
    says=_instability_says,
)


#: The rules of conventional EBRT, in the order applied.
CEBRT_RULES: Final = (
    CEBRT_ONCOLOGIC,
    CEBRT_SURGERY_FIRST,
    CEBRT_INSTABILITY,
    CEBRT_REIRRADIATION_RULE,
)


# --- SBRT -----------------------------------------------------------------------------------


def _performance_says(possible: frozenset[Eligibility], values: Values) -> Statement:
    shown = {"ecog": values["ecog"], "kps": values["kps"]}
    if possible == _ONLY_E:
        text = "Performance status within SC.24 eligibility (ECOG 0-2)."
    elif possible == _ONLY_C:
        text = (
            "Performance status worse than ECOG 2: outside SC.24 eligibility (ECOG 0-2), "
            "where the benefit of SBRT was shown."
        )
    else:
        text = "ECOG performance status undetermined; SC.24 enrolled ECOG 0-2."
    return Statement(text=text, inputs=shown)


def _grade(values: Values) -> int:
    grade = values["ecog_grade"]
    if not isinstance(grade, int):  # pragma: no cover - the domain is of grades
        raise TypeError(grade)
    return grade


SBRT_PERFORMANCE: Final[Rule[OptionFacts]] = Rule(
    id="sbrt.performance_status",
    description="SC.24 eligibility: ECOG 0-2 (worse: caution, outside the trial).",
    citation=SAHGAL_2021_SC24,
    reads=(POSSIBLE_ECOG,),
    shows=(ECOG, KPS),
    decide=lambda v: _E if _grade(v) <= SC24_MAX_ECOG else _C,
    says=_performance_says,
)


def _levels(values: Values) -> tuple[VertebralLevel, ...]:
    levels = values["levels"]
    if not isinstance(levels, tuple):  # pragma: no cover - levels are always known
        raise TypeError(levels)
    return levels


def _extent_says(_possible: frozenset[Eligibility], values: Values) -> Statement:
    levels = _levels(values)
    count, label = len(levels), format_levels(levels)
    shown = {"levels": label}
    if count <= RTOG0631_MAX_SEGMENTS:
        return Statement(
            text=f"{label}: {count} level(s), within SC.24 (at most 3 consecutive segments) "
            "and RTOG 0631 (a solitary level or 2 contiguous levels per site).",
            inputs=shown,
            citation=RYU_2023,
        )
    if count <= SC24_MAX_SEGMENTS:
        return Statement(
            text=f"{label}: {count} consecutive levels, within SC.24 (at most 3) though beyond "
            "RTOG 0631 (at most 2 contiguous levels per site).",
            inputs=shown,
        )
    return Statement(
        text=f"{label}: {count} consecutive levels, beyond SC.24 (at most 3 consecutive "
        "segments) and RTOG 0631 (at most 2 per site).",
        inputs=shown,
    )


SBRT_EXTENT: Final[Rule[OptionFacts]] = Rule(
    id="sbrt.extent",
    description="SC.24: at most 3 consecutive segments (RTOG 0631: at most 2); more: caution.",
    citation=SAHGAL_2021_SC24,
    reads=(LEVELS,),
    decide=lambda v: _E if len(_levels(v)) <= SC24_MAX_SEGMENTS else _C,
    says=_extent_says,
)


def _stability_says(possible: frozenset[Eligibility], values: Values) -> Statement:
    sins = str(_sins(values))
    if possible == _ONLY_E:
        text = f"SINS {sins}: within SC.24 eligibility (SINS < 12, no frank instability)."
    elif possible == _ONLY_C:
        text = (
            f"SINS {sins}: outside SC.24 eligibility (SINS < 12), though not grossly unstable; "
            "higher SINS goes with more fractures after SBRT."
        )
    elif possible == _ONLY_X:
        text = (
            f"SINS {sins}: unstable. SC.24 excluded frank instability (SINS < 12) and NOMS "
            "sends gross instability to stabilization: SBRT is not a sole treatment here."
        )
    else:
        text = (
            f"SINS {sins}: whether the lesion meets SC.24's SINS < 12, or is unstable (13-18, "
            "stabilization first), is undetermined."
        )
    return Statement(text=text, inputs={"sins": sins})


def _stability_verdict(values: Values) -> Eligibility:
    total = _total(values)
    if total >= SINS_UNSTABLE_MIN:
        return _X
    return _C if total > SC24_MAX_SINS else _E


SBRT_SINS: Final[Rule[OptionFacts]] = Rule(
    id="sbrt.sins_unstable",
    description="SC.24: SINS < 12; SINS 12 caution; SINS 13-18 (unstable) contraindicated "
    "as the sole treatment.",
    citation=SAHGAL_2021_SC24,
    reads=(SINS_POINTS,),
    decide=_stability_verdict,
    says=_stability_says,
)


def _neurologic_says(possible: frozenset[Eligibility], values: Values) -> Statement:
    shown = {"escc": values["escc"], "frankel": values["frankel"]}
    structure = neural_structure(values)
    if possible == _ONLY_X and values["radiosensitive"] == frozenset({True}):
        text = (
            f"Neurologically symptomatic high-grade {structure} compression: excluded from "
            "SC.24; the primary is radiosensitive, so conventional EBRT is the treatment (NOMS; "
            "Patchell 2005 excluded lymphoma, myeloma and other radiosensitive tumors), and SBRT "
            "is not a sole treatment."
        )
    elif possible == _ONLY_X:
        text = (
            f"Neurologically symptomatic high-grade {structure} compression: excluded from "
            "SC.24; decompression comes first (NOMS, Patchell 2005), so SBRT is not a sole "
            "treatment."
        )
    elif possible == _ONLY_E:
        text = (
            f"No neurologically symptomatic high-grade {structure} compression (SC.24 criterion)."
        )
    else:
        text = (
            "Whether a neurological deficit comes with high-grade compression (excluded from "
            "SC.24; decompression first, or conventional EBRT for a radiosensitive primary) is "
            "undetermined."
        )
    return Statement(text=text, inputs=shown)


SBRT_NEUROLOGIC: Final[Rule[OptionFacts]] = Rule(
    id="sbrt.symptomatic_compression",
    description="SC.24: neurologically symptomatic high-grade cord compression excluded "
    "(contraindicated as the sole treatment).",
    citation=SAHGAL_2021_SC24,
    reads=(HIGH_GRADE, DEFICIT),
    shows=(ESCC_FIELD, FRANKEL, RADIOSENSITIVE, BELOW_CONUS),
    decide=lambda v: _X if _flag(v, "high_grade") and _flag(v, "deficit") else _E,
    says=_neurologic_says,
)


def _epidural_says(possible: frozenset[Eligibility], values: Values) -> Statement:
    escc, grouping = values["escc"], values["escc_grouping"]
    shown = {"escc": escc}
    if possible == _ONLY_E:
        return Statement(
            text=f"Low-grade epidural compression ({grouping}): radiation without prior "
            "decompression (NOMS: SBRT for radioresistant, conventional EBRT for "
            "radiosensitive histology).",
            inputs=shown,
        )
    if possible == _ONLY_C:
        text = (
            f"High-grade epidural compression ({grouping}): NOMS sends radioresistant tumors in "
            "operable patients to separation surgery, then SBRT, and radiosensitive tumors to "
            "conventional EBRT."
        )
        if escc is ESCC.GRADE_3:
            text += " After single-fraction SRS, Bilsky 3 had 24.9 % local progression at 1 year."
            return Statement(text=text, inputs=shown, citation=KIM_2019)
        return Statement(text=text, inputs=shown)
    return Statement(
        text="Epidural compression grade unknown: high grade sends SBRT behind surgery (NOMS).",
        inputs=shown,
    )


SBRT_EPIDURAL: Final[Rule[OptionFacts]] = Rule(
    id="sbrt.high_grade_compression",
    description="NOMS: high-grade epidural compression sends SBRT behind separation surgery "
    "(caution).",
    citation=NOMS_2013,
    reads=(HIGH_GRADE,),
    shows=(ESCC_FIELD, ESCC_GROUPING),
    decide=lambda v: _C if _flag(v, "high_grade") else _E,
    says=_epidural_says,
)


#: The rules of SBRT, in the order applied.
SBRT_RULES: Final = (
    SBRT_PERFORMANCE,
    SBRT_EXTENT,
    SBRT_SINS,
    SBRT_NEUROLOGIC,
    SBRT_EPIDURAL,
    SBRT_REIRRADIATION_RULE,
)
