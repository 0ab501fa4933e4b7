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

Stabilization: gross instability (SINS 13-18) needs surgical stabilization;
mechanical pain without gross instability, percutaneous cement augmentation.

An unknown input that cannot change the answer does not make it undetermined:
a radiosensitive tumor goes to conventional radiotherapy whatever its ESCC grade.
"""

from collections.abc import Hashable, Mapping
from enum import StrEnum
from typing import Final

from attrs import evolve, frozen

from spinal_metastasis.evidence import Finding, finding, input_value
from spinal_metastasis.histology.radiosensitivity import (
    NOMS_TABLE,
    RadiosensitivityTable,
    radiosensitivity,
)
from spinal_metastasis.model import Frankel, Pain, Patient, SpinalLesion
from spinal_metastasis.scores._engine import Factor, decide, factor
from spinal_metastasis.scores.escc import DEFAULT_GROUPING, EsccGrade, EsccGrouping, escc_grade
from spinal_metastasis.scores.sins import SinsCategory, SinsScore, sins
from spinal_metastasis.sources.scores import FISHER_2010, FOURNEY_2011, LAUFER_2013
from spinal_metastasis.sources.treatments import PATCHELL_2005

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


def possible_high_grade(
    lesion: SpinalLesion, grouping: EsccGrouping = DEFAULT_GROUPING
) -> frozenset[bool]:
    """Whether the lesion's epidural compression is high grade: the values still possible."""
    grade = escc_grade(lesion.escc, grouping=grouping)
    if grade is None:
        return frozenset({False, True})
    return frozenset({grade is EsccGrade.HIGH})


def possible_radiosensitive(
    patient: Patient, table: RadiosensitivityTable = NOMS_TABLE
) -> frozenset[bool]:
    """Whether the primary responds to conventional radiotherapy: the values still possible."""
    if patient.primary is None:
        return frozenset({False, True})
    sensitivity = radiosensitivity(patient.primary, table=table)
    if sensitivity is None:
        return frozenset({False, True})
    return frozenset({sensitivity.is_radiosensitive})


def possible_operable(patient: Patient) -> frozenset[bool]:
    """Whether the patient can tolerate open surgery: the values still possible.

    Operable means judged medically operable *and* an expected survival of at
    least 3 months (Patchell 2005 inclusion); either known to fail decides "no".
    """
    survival = patient.expected_survival_years
    if survival is not None and survival < SURGICAL_SURVIVAL_FLOOR_YEARS:
        return frozenset({False})
    if patient.medically_operable is False:
        return frozenset({False})
    if patient.medically_operable is None or survival is None:
        return frozenset({False, True})
    return frozenset({True})


def _pathway(values: Mapping[str, Hashable]) -> NomsPathway:
    if values["oncologic"] is True:
        return NomsPathway.CONVENTIONAL_EBRT
    if values["neurologic"] is False:
        return NomsPathway.SBRT
    if values["systemic"] is True:
        return NomsPathway.SEPARATION_SURGERY_THEN_SBRT
    return NomsPathway.CONVENTIONAL_EBRT


def _stabilization(category: SinsCategory, pain: Pain) -> Stabilization:
    if category is SinsCategory.UNSTABLE:
        return Stabilization.SURGICAL
    if pain is Pain.MECHANICAL:
        return Stabilization.PERCUTANEOUS_AUGMENTATION
    return Stabilization.NONE


def _possible_stabilizations(lesion: SpinalLesion) -> tuple[frozenset[Stabilization], list[str]]:
    """Enumerate pain jointly with the SINS categories it leaves possible."""
    outcomes: set[Stabilization] = set()
    by_pain: dict[Pain, frozenset[Stabilization]] = {}
    deciding: list[str] = []
    for pain in (lesion.pain,) if lesion.pain is not None else tuple(Pain):
        score = sins(_with_pain(lesion, pain))
        options = frozenset(_stabilization(c, pain) for c in score.possible_categories)
        by_pain[pain] = options
        outcomes |= options
        if len(options) > 1:
            deciding.extend(name for name in score.missing if name not in deciding)
    if lesion.pain is None and len({frozenset(v) for v in by_pain.values()}) > 1:
        deciding.insert(0, "pain")
    return frozenset(outcomes), deciding


def _with_pain(lesion: SpinalLesion, pain: Pain) -> SpinalLesion:
    return evolve(lesion, pain=pain)


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
        "cannot tolerate surgery: conventional EBRT" row and the use of SINS 13-18
        for gross instability are the library's reading of the framework.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> patient = example_patient("renal_t7_cord_compression")
        >>> noms(patient, patient.lesions[0]).pathway.value
        'separation_surgery_then_sbrt'
    """
    high = possible_high_grade(lesion, escc_grouping)
    sensitive = possible_radiosensitive(patient, radiosensitivity_table)
    operable = possible_operable(patient)
    factors: list[Factor] = [
        factor("neurologic", tuple(sorted(high)), escc=lesion.escc),
        factor("oncologic", tuple(sorted(sensitive)), primary=patient.primary),
        factor(
            "systemic",
            tuple(sorted(operable)),
            medically_operable=patient.medically_operable,
            expected_survival_years=patient.expected_survival_years,
        ),
    ]
    pathways, pathway_missing = decide(factors, _pathway)
    stabilizations, stabilization_missing = _possible_stabilizations(lesion)
    missing = list(pathway_missing)
    if len(stabilizations) > 1:
        missing.extend(name for name in stabilization_missing if name not in missing)
    score = sins(lesion)
    return NomsResult(
        pathway=next(iter(pathways)) if len(pathways) == 1 else NomsPathway.UNDETERMINED,
        stabilization=(
            next(iter(stabilizations)) if len(stabilizations) == 1 else Stabilization.UNDETERMINED
        ),
        possible_pathways=pathways,
        possible_stabilizations=stabilizations,
        findings=_findings(patient, lesion, high, sensitive, operable, score),
        missing=tuple(missing),
        sins=score,
    )


def _yes_no(values: frozenset[bool], yes: str, no: str) -> str:
    return (yes if True in values else no) if len(values) == 1 else f"unknown ({yes} or {no})"


def _findings(  # noqa: PLR0917 - one private call site, each assessment by name
    patient: Patient,
    lesion: SpinalLesion,
    high: frozenset[bool],
    sensitive: frozenset[bool],
    operable: frozenset[bool],
    score: SinsScore,
) -> tuple[Finding, ...]:
    deficit = patient.frankel is not None and patient.frankel is not Frankel.E
    neurologic = (
        f"Neurologic: epidural compression {_yes_no(high, 'high grade', 'low grade')} "
        f"(ESCC {input_value(lesion.escc)}); neurological deficit "
        + ("present" if deficit else "absent" if patient.frankel is Frankel.E else "unknown")
        + f" (Frankel {input_value(patient.frankel)})."
    )
    oncologic = (
        "Oncologic: primary "
        f"{_yes_no(sensitive, 'radiosensitive', 'radioresistant')} to conventional EBRT."
    )
    mechanical = f"Mechanical: {score}."
    systemic = (
        f"Systemic: {_yes_no(operable, 'can tolerate', 'cannot tolerate')} open surgery "
        "(medically operable and expected survival >= 3 months)."
    )
    return (
        finding(neurologic, LAUFER_2013, escc=lesion.escc, frankel=patient.frankel),
        finding(oncologic, LAUFER_2013, primary=patient.primary),
        finding(mechanical, FISHER_2010, sins=str(score.points)),
        finding(
            "Gross instability (SINS 13-18) calls for surgical stabilization; mechanical pain "
            "without it, for percutaneous cement augmentation; SINS >= 7 warrants a surgical "
            "opinion.",
            FOURNEY_2011,
            sins=str(score.points),
            pain=lesion.pain,
        ),
        finding(
            systemic,
            PATCHELL_2005,
            medically_operable=patient.medically_operable,
            expected_survival_years=patient.expected_survival_years,
        ),
    )
