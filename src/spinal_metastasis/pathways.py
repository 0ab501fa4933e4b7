"""The NOMS framework (neurologic, oncologic, mechanical, systemic) as executable logic.

- **Neurologic**: the epidural spinal cord compression grade (Bilsky), low or high,
  and the neurological deficit (Frankel).
- **Oncologic**: the histology's response to conventional radiotherapy.
- **Mechanical**: instability (SINS) decides stabilization, separately from the
  radiation decision.
- **Systemic**: whether the patient can tolerate surgery.

Radiation and decompression (Laufer 2013; MSKCC 2010 review):

| ESCC | histology | tolerates surgery | pathway |
| --- | --- | --- | --- |
| low | radiosensitive | any | conventional EBRT |
| high | radiosensitive | any | conventional EBRT (whatever the compression) |
| low | radioresistant | any | SBRT |
| high | radioresistant | yes | separation surgery, then SBRT |
| high | radioresistant | no | conventional EBRT |

Stabilization: gross instability (SINS 13-18, or subluxation) needs surgical stabilization;
mechanical pain without gross instability, percutaneous cement augmentation.

An unknown input that cannot change the answer does not make it undetermined:
a radiosensitive tumor goes to conventional radiotherapy whatever its ESCC grade.
"""

from collections.abc import Hashable, Mapping
from enum import StrEnum
from typing import Final, NamedTuple

from attrs import frozen

from spinal_metastasis._cache import RECORD_CACHE_SIZE, bounded, memoized
from spinal_metastasis.anatomy import VertebralLevel
from spinal_metastasis.evidence import Finding, finding, input_value
from spinal_metastasis.fitness import fitness_reading, possible_fit
from spinal_metastasis.histology import PrimaryTumor
from spinal_metastasis.histology.radiosensitivity import (
    NOMS_TABLE,
    RadiosensitivityTable,
    radiosensitivity,
)
from spinal_metastasis.model import (
    ESCC,
    Alignment,
    BoneLesion,
    Collapse,
    Frankel,
    Pain,
    Patient,
    Posterolateral,
    SpinalLesion,
)
from spinal_metastasis.ranges.enumeration import Factor, decide, factor
from spinal_metastasis.scores.escc import DEFAULT_GROUPING, EsccGrade, EsccGrouping, escc_grade
from spinal_metastasis.scores.sins import (
    SinsCategory,
    SinsScore,
    location_class,
    sins_evaluation,
    sins_of_findings,
)
from spinal_metastasis.sources.scores import FISHER_2010, FOURNEY_2011, LAUFER_2013
from spinal_metastasis.sources.treatments import ASTRO_2024_BONE, NICE_QS56, PATCHELL_2005

__all__ = [
    "SURGICAL_SURVIVAL_FLOOR_YEARS",
    "NomsPathway",
    "NomsResult",
    "Stabilization",
    "noms",
    "possible_high_grade",
    "possible_operable",
    "possible_radiosensitive",
]


class NomsPathway(StrEnum):
    """Radiation and decompression pathway of NOMS."""

    CONVENTIONAL_EBRT = "conventional_ebrt"
    SBRT = "sbrt"
    SEPARATION_SURGERY_THEN_SBRT = "separation_surgery_then_sbrt"
    UNDETERMINED = "undetermined"


class Stabilization(StrEnum):
    """Stabilization NOMS calls for."""

    NONE = "none"
    PERCUTANEOUS_AUGMENTATION = "percutaneous_augmentation"
    SURGICAL = "surgical"
    UNDETERMINED = "undetermined"


#: Expected survival of at least 3 months for surgical candidacy (Patchell 2005 inclusion).
SURGICAL_SURVIVAL_FLOOR_YEARS: Final = 0.25


@frozen(kw_only=True)
class NomsResult:
    """The NOMS recommendation for one lesion.

    Attributes:
        pathway: Radiation and decompression pathway, or ``UNDETERMINED``.
        stabilization: Stabilization, or ``UNDETERMINED``.
        possible_pathways: Every pathway some completion of the unknowns gives.
        possible_stabilizations: Every stabilization some completion gives.
        findings: The neurologic, oncologic, mechanical and systemic findings.
        missing: The unknown inputs that would decide the pathway or the stabilization.
        sins: The lesion's SINS, on which the mechanical assessment rests.
    """

    pathway: NomsPathway
    stabilization: Stabilization
    possible_pathways: frozenset[NomsPathway]
    possible_stabilizations: frozenset[Stabilization]
    findings: tuple[Finding, ...]
    missing: tuple[str, ...]
    sins: SinsScore

    def __str__(self) -> str:
        """One line: ``NOMS: SBRT; stabilization: none``."""
        text = f"NOMS: {self.pathway.value.replace('_', ' ')}"
        text += f"; stabilization: {self.stabilization.value.replace('_', ' ')}"
        if self.missing:
            text += f" (waits for {', '.join(self.missing)})"
        return text


# The three answers, built once: keys that hold them then compare by identity.
_NO: Final = frozenset({False})
_YES: Final = frozenset({True})
_EITHER: Final = frozenset({False, True})


def possible_high_grade(
    lesion: SpinalLesion, grouping: EsccGrouping = DEFAULT_GROUPING
) -> frozenset[bool]:
    """Whether the lesion's epidural compression is high grade: the values still possible."""
    grade = escc_grade(lesion.escc, grouping=grouping)
    if grade is None:
        return _EITHER
    return _YES if grade is EsccGrade.HIGH else _NO


def possible_radiosensitive(
    patient: Patient, table: RadiosensitivityTable = NOMS_TABLE
) -> frozenset[bool]:
    """Whether the primary responds to conventional radiotherapy: the values still possible."""
    return _possible_radiosensitive(patient.primary, table)


@memoized
def _possible_radiosensitive(
    primary: PrimaryTumor | None, table: RadiosensitivityTable
) -> frozenset[bool]:
    if primary is None:
        return _EITHER
    sensitivity = radiosensitivity(primary, table=table)
    if sensitivity is None:
        return _EITHER
    return _YES if sensitivity.is_radiosensitive else _NO


def possible_operable(patient: Patient) -> frozenset[bool]:
    """Whether the patient can tolerate open surgery: the values still possible.

    Operable means judged medically operable *and* an expected survival of at
    least 3 months (Patchell 2005 inclusion); either known to fail decides "no".
    """
    survival = patient.expected_survival_years
    if survival is not None and survival < SURGICAL_SURVIVAL_FLOOR_YEARS:
        return _NO
    if patient.medically_operable is False:
        return _NO
    if patient.medically_operable is None or survival is None:
        return _EITHER
    return _YES


def _pathway(values: Mapping[str, Hashable]) -> NomsPathway:
    if values["oncologic"] is True:
        return NomsPathway.CONVENTIONAL_EBRT
    if values["neurologic"] is False:
        return NomsPathway.SBRT
    if values["systemic"] is True:
        return NomsPathway.SEPARATION_SURGERY_THEN_SBRT
    return NomsPathway.CONVENTIONAL_EBRT


def _stabilization(category: SinsCategory, pain: Pain, alignment: Alignment) -> Stabilization:
    # Gross instability: SINS 13-18, or subluxation/translation (clinical reference §10.2).
    if category is SinsCategory.UNSTABLE or alignment is Alignment.SUBLUXATION_TRANSLATION:
        return Stabilization.SURGICAL
    if pain is Pain.MECHANICAL:
        return Stabilization.PERCUTANEOUS_AUGMENTATION
    return Stabilization.NONE


#: A lesion's SINS inputs: levels, pain, bone lesion, alignment, collapse, posterolateral.
_SinsFindings = tuple[
    tuple[VertebralLevel, ...],
    Pain | None,
    BoneLesion | None,
    Alignment | None,
    Collapse | None,
    Posterolateral | None,
]


def _sins_findings(lesion: SpinalLesion) -> _SinsFindings:
    return (
        lesion.levels,
        lesion.pain,
        lesion.bone_lesion,
        lesion.alignment,
        lesion.collapse,
        lesion.posterolateral,
    )


def _possible_stabilizations(
    findings: _SinsFindings,
) -> tuple[frozenset[Stabilization], list[str]]:
    """Enumerate pain and alignment jointly with the SINS categories they leave possible."""
    levels, known_pain, bone_lesion, known_alignment, collapse, posterolateral = findings
    outcomes: set[Stabilization] = set()
    by_pain: dict[Pain, set[Stabilization]] = {}
    by_alignment: dict[Alignment, set[Stabilization]] = {}
    deciding: list[str] = []
    pains = (known_pain,) if known_pain is not None else tuple(Pain)
    alignments = (known_alignment,) if known_alignment is not None else tuple(Alignment)
    location = location_class(levels)
    for pain in pains:
        for alignment in alignments:
            score = sins_evaluation(
                location, pain, bone_lesion, alignment, collapse, posterolateral
            )
            options = {_stabilization(c, pain, alignment) for c in score.possible_categories}
            by_pain.setdefault(pain, set()).update(options)
            by_alignment.setdefault(alignment, set()).update(options)
            outcomes |= options
            if len(options) > 1:
                deciding.extend(name for name in score.missing if name not in deciding)
    alignment_decides = len({frozenset(v) for v in by_alignment.values()}) > 1
    if known_alignment is None and alignment_decides and "alignment" not in deciding:
        deciding.insert(0, "alignment")
    if known_pain is None and len({frozenset(v) for v in by_pain.values()}) > 1:
        deciding.insert(0, "pain")
    return frozenset(outcomes), deciding


def noms(
    patient: Patient,
    lesion: SpinalLesion,
    *,
    escc_grouping: EsccGrouping = DEFAULT_GROUPING,
    radiosensitivity_table: RadiosensitivityTable = NOMS_TABLE,
) -> NomsResult:
    """Apply the NOMS framework to one lesion.

    Args:
        patient: The patient (primary, fitness, expected survival, neurology).
        lesion: The lesion (ESCC grade, SINS findings).
        escc_grouping: Which ESCC grades count as high grade (1c is disputed).
        radiosensitivity_table: The histology classification to use.

    Returns:
        The pathway and stabilization, or ``UNDETERMINED`` with the inputs they wait for.

    References:
        Laufer I, Rubin DG, Lis E, et al. The NOMS framework: approach to the
        treatment of spinal metastatic tumors. Oncologist. 2013;18(6):744-751.
        doi:10.1634/theoncologist.2012-0293.

    Note:
        NOMS is a decision framework, not a validated prediction model. The
        "cannot tolerate surgery: conventional EBRT" row and the use of SINS 13-18 or subluxation
        for gross instability are the library's reading of the framework.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> patient = example_patient("renal_t7_cord_compression")
        >>> noms(patient, patient.lesions[0]).pathway.value
        'separation_surgery_then_sbrt'
    """
    survival = patient.expected_survival_years
    reading = fitness_reading(patient)
    return _noms(
        _sins_findings(lesion),
        lesion.escc,
        patient.frankel,
        patient.primary,
        patient.medically_operable,
        None if survival is None else input_value(survival),
        possible_high_grade(lesion, escc_grouping),
        possible_radiosensitive(patient, radiosensitivity_table),
        possible_fit(patient, possible_operable(patient)),
        _Fitness(reading.poor, reading.summary, reading.missing),
    )


class _Fitness(NamedTuple):
    """What NOMS shows of the performance status and survival scores (C1 reading)."""

    poor: frozenset[bool]
    summary: str
    missing: tuple[str, ...]


# NOMS reads the lesion's SINS findings and ESCC grade, four patient fields and three sets
# of possible values, and returns a frozen result: it is memoized on them, in a bounded cache
# (see spinal_metastasis._cache). The expected survival is passed as displayed (``None``:
# unknown), since NOMS only shows it; ``operable`` already holds the comparison.
@bounded(RECORD_CACHE_SIZE)
def _noms(  # noqa: PLR0917 - one private call site, the values NOMS reads
    findings: _SinsFindings,
    escc: ESCC | None,
    frankel: Frankel | None,
    primary: PrimaryTumor | None,
    medically_operable: bool | None,
    survival: str | None,
    high: frozenset[bool],
    sensitive: frozenset[bool],
    operable: frozenset[bool],
    fitness: "_Fitness",
) -> NomsResult:
    unknown_fitness = dict.fromkeys(fitness.missing)
    factors: list[Factor] = [
        factor("neurologic", tuple(sorted(high)), escc=escc),
        factor("oncologic", tuple(sorted(sensitive)), primary=primary),
        factor(
            "systemic",
            tuple(sorted(operable)),
            medically_operable=medically_operable,
            expected_survival_years=survival,
            **unknown_fitness,
        ),
    ]
    pathways, pathway_missing = decide(factors, _pathway)
    stabilizations, stabilization_missing = _possible_stabilizations(findings)
    missing = list(pathway_missing)
    if len(stabilizations) > 1:
        missing.extend(name for name in stabilization_missing if name not in missing)
    score = sins_of_findings(*findings)
    texts = _Texts(escc, frankel, primary, medically_operable, survival, findings[1])
    return NomsResult(
        pathway=next(iter(pathways)) if len(pathways) == 1 else NomsPathway.UNDETERMINED,
        stabilization=(
            next(iter(stabilizations)) if len(stabilizations) == 1 else Stabilization.UNDETERMINED
        ),
        possible_pathways=pathways,
        possible_stabilizations=stabilizations,
        findings=_findings(texts, high, sensitive, operable, score, fitness=fitness),
        missing=tuple(missing),
        sins=score,
    )


def _yes_no(values: frozenset[bool], yes: str, no: str) -> str:
    return (yes if True in values else no) if len(values) == 1 else f"unknown ({yes} or {no})"


class _Texts(NamedTuple):
    """The inputs the NOMS findings show."""

    escc: ESCC | None
    frankel: Frankel | None
    primary: PrimaryTumor | None
    medically_operable: bool | None
    expected_survival_years: str | None  # as displayed
    pain: Pain | None


def _urgent_findings(shown: _Texts, high: frozenset[bool]) -> tuple[Finding, ...]:
    """Steroids and urgency for high-grade compression with a deficit (C31, C32)."""
    if shown.frankel is None or shown.frankel is Frankel.E or True not in high:
        return ()
    grade = f"ESCC {input_value(shown.escc)}, Frankel {shown.frankel.value.upper()}"
    maybe = "" if high == _YES else "If the compression is high grade: "
    return (
        finding(
            f"{maybe}Compression with a neurological deficit ({grade}): dexamethasone belongs to "
            "the initial management (ASTRO 2024: radiotherapy with dexamethasone over "
            "radiotherapy alone); no dose is given here (the guideline text with a dose was not "
            "read).",
            ASTRO_2024_BONE,
            escc=shown.escc,
            frankel=shown.frankel,
        ),
        finding(
            f"{maybe}A new or progressing deficit ({grade}) is an emergency: whole-spine MRI and "
            "the treatment plan within 24 hours of the suspected diagnosis, and radiotherapy "
            "within 24 hours of the decision to treat when surgery is unsuitable (NICE QS56, "
            "statements 3 and 6).",
            NICE_QS56,
            escc=shown.escc,
            frankel=shown.frankel,
        ),
    )


def _findings(
    shown: _Texts,
    high: frozenset[bool],
    sensitive: frozenset[bool],
    operable: frozenset[bool],
    score: SinsScore,
    *,
    fitness: "_Fitness",
) -> tuple[Finding, ...]:
    deficit = shown.frankel is not None and shown.frankel is not Frankel.E
    neurologic = (
        f"Neurologic: epidural compression {_yes_no(high, 'high grade', 'low grade')} "
        f"(ESCC {input_value(shown.escc)}); neurological deficit "
        + ("present" if deficit else "absent" if shown.frankel is Frankel.E else "unknown")
        + f" (Frankel {'unknown' if shown.frankel is None else shown.frankel.value.upper()})."
    )
    oncologic = (
        # A known primary the radiosensitivity table leaves open waits for no field.
        "Oncologic: primary not classified by the chosen table (radiosensitive or "
        "radioresistant to conventional EBRT)."
        if len(sensitive) > 1 and shown.primary is not None
        else "Oncologic: primary "
        f"{_yes_no(sensitive, 'radiosensitive', 'radioresistant')} to conventional EBRT."
    )
    mechanical = f"Mechanical: {score}."
    systemic = (
        f"Systemic: {_yes_no(operable, 'can tolerate', 'cannot tolerate')} open surgery "
        "(medically operable, expected survival >= 3 months, and neither KPS <= 40 nor every "
        "survival score in its poor band)."
    )
    if True in fitness.poor:
        systemic += (
            (" Poor fitness: " if fitness.poor == _YES else " Possibly poor fitness: ")
            + fitness.summary
            + "."
        )
    urgent = _urgent_findings(shown, high)
    return (
        finding(neurologic, LAUFER_2013, escc=shown.escc, frankel=shown.frankel),
        finding(oncologic, LAUFER_2013, primary=shown.primary),
        finding(mechanical, FISHER_2010, sins=str(score.points)),
        finding(
            "Gross instability (SINS 13-18, or subluxation) calls for surgical "
            "stabilization; mechanical pain without it, for percutaneous cement augmentation; "
            "SINS >= 7 warrants a surgical opinion.",
            FOURNEY_2011,
            sins=str(score.points),
            pain=shown.pain,
        ),
        finding(
            systemic,
            PATCHELL_2005,
            medically_operable=shown.medically_operable,
            expected_survival_years=shown.expected_survival_years,
        ),
        *urgent,
    )
