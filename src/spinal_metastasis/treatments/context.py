"""What the treatment rules know about one lesion, computed once.

:func:`lesion_context` evaluates the scores and NOMS for a lesion once, so that
every modality's rules read the same values: the SINS, the NOMS result, whether
the compression is high grade, whether the primary is radiosensitive, whether
the patient can tolerate open surgery (each as the set of values still possible
under unknown inputs), and the earlier radiotherapy courses to the same levels.
"""

import functools
import math
from typing import Final

from attrs import frozen

from spinal_metastasis._cache import RECORD_CACHE_SIZE, bounded
from spinal_metastasis.histology import PrimaryTumor
from spinal_metastasis.histology.radiosensitivity import NOMS_TABLE, RadiosensitivityTable
from spinal_metastasis.model import Frankel, Patient, RadiationCourse, SpinalLesion, SystemicAgent
from spinal_metastasis.pathways import (
    NomsResult,
    noms,
    possible_high_grade,
    possible_operable,
    possible_radiosensitive,
)
from spinal_metastasis.ranges import ScoreRange
from spinal_metastasis.scores.escc import DEFAULT_GROUPING, EsccGrouping
from spinal_metastasis.scores.sins import SinsCategory, SinsScore

__all__ = [
    "DEFAULT_SETTINGS",
    "AssessmentSettings",
    "LesionContext",
    "TreatmentInputs",
    "lesion_context",
    "overlapping_courses",
]


# Frozen and part of memoization keys: the hash is computed once (cache_hash).
@frozen(kw_only=True, cache_hash=True)
class AssessmentSettings:
    """The swappable classifications an assessment uses.

    Attributes:
        escc_grouping: Which ESCC grades count as high grade.
        radiosensitivity_table: How primaries respond to conventional radiotherapy.
    """

    escc_grouping: EsccGrouping = DEFAULT_GROUPING
    radiosensitivity_table: RadiosensitivityTable = NOMS_TABLE


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
        operable: Whether the patient can tolerate open surgery: the values still possible.
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
    prior_courses: tuple[RadiationCourse, ...] | None

    @functools.cached_property
    def inputs(self) -> "TreatmentInputs":
        """Every value the treatment rules read, gathered once for all the options."""
        patient, lesion, sins = self.patient, self.lesion, self.sins
        measured = (
            patient.expected_survival_years,
            patient.paraplegia_duration_hours,
            patient.platelets_10e9_per_l,
            patient.inr,
            lesion.distance_to_cord_mm,
        )
        return _interned(
            TreatmentInputs(
                lesion=lesion,
                settings=self.settings,
                sins_points=sins.points,
                sins_categories=sins.possible_categories,
                sins_missing=sins.missing,
                high_grade=self.high_grade,
                radiosensitive=self.radiosensitive,
                operable=self.operable,
                prior_courses=self.prior_courses,
                primary=patient.primary,
                frankel=patient.frankel,
                kps=patient.kps,
                ecog=patient.ecog,
                medically_operable=patient.medically_operable,
                expected_survival_years=patient.expected_survival_years,
                paraplegia_duration_hours=patient.paraplegia_duration_hours,
                implanted_cardiac_device=patient.implanted_cardiac_device,
                active_infection=patient.active_infection,
                platelets_10e9_per_l=patient.platelets_10e9_per_l,
                inr=patient.inr,
                systemic_therapy=patient.systemic_therapy,
                prior_radiation=patient.prior_radiation,
                signs=_signs(measured),
            )
        )


@frozen(kw_only=True, cache_hash=True)
class TreatmentInputs:
    """Every value the treatment rules read about one lesion (:attr:`LesionContext.inputs`).

    Each option's assessment is a pure function of these values, and the option modules
    memoize it on them (see ``spinal_metastasis._cache``): the rules read these fields,
    never the patient or the context, so the key holds everything a result depends on.
    ``signs`` holds the sign of each measured number (expected survival, paraplegia
    hours, platelets, INR, distance to the cord) when one of them is zero, so that
    ``-0.0``, shown as ``"-0"``, never shares a key with ``0.0``.
    """

    lesion: SpinalLesion
    settings: "AssessmentSettings"
    sins_points: ScoreRange
    sins_categories: frozenset[SinsCategory]
    sins_missing: tuple[str, ...]
    high_grade: frozenset[bool]
    radiosensitive: frozenset[bool]
    operable: frozenset[bool]
    prior_courses: tuple[RadiationCourse, ...] | None
    primary: PrimaryTumor | None
    frankel: Frankel | None
    kps: int | None
    ecog: int | None
    medically_operable: bool | None
    expected_survival_years: float | None
    paraplegia_duration_hours: float | None
    implanted_cardiac_device: bool | None
    active_infection: bool | None
    platelets_10e9_per_l: float | None
    inr: float | None
    systemic_therapy: tuple[SystemicAgent, ...] | None
    prior_radiation: tuple[RadiationCourse, ...] | None
    signs: tuple[float, ...]


def _signs(measured: tuple[float | None, ...]) -> tuple[float, ...]:
    """The sign of each measured number when one is zero, else ``()``.

    Equal inputs hold equal numbers, so they take the same branch; only ``0.0`` and
    ``-0.0`` are equal numbers with different signs.
    """
    if 0.0 not in measured:
        return ()
    return tuple(1.0 if value is None else math.copysign(1.0, value) for value in measured)


# Interning: equal inputs give the object first seen, so that the options memoized on it find
# their entries by identity instead of comparing every field (see spinal_metastasis._cache).
@bounded(RECORD_CACHE_SIZE)
def _interned(inputs: TreatmentInputs) -> TreatmentInputs:
    return inputs


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
        prior_courses=overlapping_courses(patient, lesion),
    )
