"""What the treatment rules know about one lesion, computed once.

:func:`lesion_context` evaluates the scores and NOMS for a lesion once, so that
every modality's rules read the same values: the SINS, the NOMS result, whether
the compression is high grade, whether the primary is radiosensitive, whether
the patient can tolerate open surgery (each as the set of values still possible
under unknown inputs), and the earlier radiotherapy courses to the same levels.
"""

from enum import StrEnum
from typing import TYPE_CHECKING, Final, TypeVar, cast

from attrs import frozen

from spinal_metastasis.fitness import FitnessReading, fitness_reading
from spinal_metastasis.histology.radiosensitivity import NOMS_TABLE, RadiosensitivityTable
from spinal_metastasis.model import Patient, RadiationCourse, SpinalLesion
from spinal_metastasis.pathways import (
    NomsResult,
    noms,
    possible_high_grade,
    possible_operable,
    possible_radiosensitive,
)
from spinal_metastasis.scores.escc import DEFAULT_GROUPING, EsccGrouping
from spinal_metastasis.scores.sins import SinsScore

if TYPE_CHECKING:
    from collections.abc import Callable

    from spinal_metastasis.radiobiology import Schedule

T = TypeVar("T")

__all__ = [
    "DEFAULT_SETTINGS",
    "AssessmentSettings",
    "LesionContext",
    "OptionFacts",
    "SurgeryPlatelets",
    "lesion_context",
    "overlapping_courses",
]


class SurgeryPlatelets(StrEnum):
    """Which NICE NG24 platelet threshold open spine surgery is held to (teams differ).

    ``SURGERY``: above 50 x 10^9/L, for invasive procedures or surgery (the default).
    ``CNS_SURGERY``: above 100 x 10^9/L, for surgery in critical sites such as the central
    nervous system (NG24 does not say whether spinal surgery is one).
    """

    SURGERY = "surgery"
    CNS_SURGERY = "cns_surgery"


# Frozen and read by the rules engine: the hash is computed once (cache_hash).
@frozen(kw_only=True, cache_hash=True)
class AssessmentSettings:
    """The swappable classifications an assessment uses.

    Attributes:
        escc_grouping: Which ESCC grades count as high grade.
        radiosensitivity_table: How primaries respond to conventional radiotherapy.
        surgery_platelets: Which platelet threshold open spine surgery is held to.
    """

    escc_grouping: EsccGrouping = DEFAULT_GROUPING
    radiosensitivity_table: RadiosensitivityTable = NOMS_TABLE
    surgery_platelets: SurgeryPlatelets = SurgeryPlatelets.SURGERY


#: The default settings, built once (NOMS grouping and table).
DEFAULT_SETTINGS: Final = AssessmentSettings()


@frozen(kw_only=True)
class LesionContext:
    """Everything the rules of every modality read about one lesion.

    Attributes:
        patient: The patient.
        lesion: The lesion.
        settings: The classifications used.
        sins: The lesion's SINS.
        noms: The NOMS result.
        high_grade: Whether the epidural compression is high grade: the values
            still possible (both when the grade is unknown).
        radiosensitive: Whether the primary is radiosensitive: the values still possible.
        operable: Whether the patient is medically operable with an expected survival of
            at least 3 months (Patchell 2005): the values still possible.
        fitness: What performance status and the survival scores say (poor fitness).
        prior_courses: Earlier radiotherapy courses that overlap the lesion's levels;
            ``None`` when the patient's prior radiotherapy is unknown.
    """

    patient: Patient
    lesion: SpinalLesion
    settings: AssessmentSettings
    sins: SinsScore
    noms: NomsResult
    high_grade: frozenset[bool]
    radiosensitive: frozenset[bool]
    operable: frozenset[bool]
    fitness: FitnessReading
    prior_courses: tuple[RadiationCourse, ...] | None


_NOTHING: Final = object()


class OptionFacts:
    """The facts an option's rules are evaluated on: the lesion's context and the plan.

    Attributes:
        context: The lesion's context.
        plan: The radiotherapy schedule the option plans, if it plans one.
        patient: The patient (the context's).
        lesion: The lesion (the context's).
    """

    __slots__ = ("_derived", "context", "lesion", "patient", "plan")

    def __init__(self, context: LesionContext, plan: "Schedule | None" = None) -> None:
        """Gather the facts; derived values are computed once, on first use."""
        self.context = context
        self.plan = plan
        # Read by every rule: plain attributes, not properties over the context.
        self.patient: Patient = context.patient
        self.lesion: SpinalLesion = context.lesion
        self._derived: dict[str, object] = {}

    def derived(self, name: str, compute: "Callable[[OptionFacts], T]") -> T:
        """A derived value of these facts, computed once (``name`` identifies it)."""
        value = self._derived.get(name, _NOTHING)
        if value is _NOTHING:
            value = self._derived[name] = compute(self)
        return cast("T", value)


def overlapping_courses(
    patient: Patient, lesion: SpinalLesion
) -> tuple[RadiationCourse, ...] | None:
    """Return the earlier courses that treated any of the lesion's levels (``None`` if unknown).

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> patient = example_patient("lung_l2_reirradiation")
        >>> [str(course) for course in overlapping_courses(patient, patient.lesions[0])]
        ['L1–L3: 20 Gy / 5 fractions, 210 days ago']
    """
    if patient.prior_radiation is None:
        return None
    levels = set(lesion.levels)
    return tuple(course for course in patient.prior_radiation if levels.intersection(course.levels))


def lesion_context(
    patient: Patient, lesion: SpinalLesion, settings: AssessmentSettings | None = None
) -> LesionContext:
    """Evaluate the scores and NOMS for one lesion, once.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> patient = example_patient()
        >>> context = lesion_context(patient, patient.lesions[0])
        >>> context.sins.points.value, sorted(context.radiosensitive)
        (11, [True])
    """
    chosen = settings if settings is not None else DEFAULT_SETTINGS
    result = noms(
        patient,
        lesion,
        escc_grouping=chosen.escc_grouping,
        radiosensitivity_table=chosen.radiosensitivity_table,
    )
    return LesionContext(
        patient=patient,
        lesion=lesion,
        settings=chosen,
        sins=result.sins,
        noms=result,
        high_grade=possible_high_grade(lesion, chosen.escc_grouping),
        radiosensitive=possible_radiosensitive(patient, chosen.radiosensitivity_table),
        operable=possible_operable(patient),
        fitness=fitness_reading(patient),
        prior_courses=overlapping_courses(patient, lesion),
    )
