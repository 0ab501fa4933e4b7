"""A patient's cord dose history: the earlier courses over a lesion, and what they allow."""

from collections.abc import Sequence
from enum import StrEnum

from attrs import frozen

from spinal_metastasis._format import two_decimals as _fmt
from spinal_metastasis.anatomy import VertebralLevel, format_levels
from spinal_metastasis.evidence import Finding, FindingInput
from spinal_metastasis.model import Fractionation, Patient, RadiationCourse, SpinalLesion
from spinal_metastasis.radiobiology._checks import _courses_text, _reject
from spinal_metastasis.radiobiology.allowance import (
    ReirradiationAllowance,
    max_reirradiation_dose_gy,
)
from spinal_metastasis.radiobiology.cord_limits import (
    _SBRT_MAX_FRACTIONS,
    SbrtCordLimit,
    sbrt_cord_limit,
)
from spinal_metastasis.radiobiology.lq import CORD_ALPHA_BETA_GY, eqd2
from spinal_metastasis.radiobiology.reirradiation import (
    _DESCRIPTIONS,
    HYTEC_REIRRADIATION_LIMITS,
    CriterionName,
    ReirradiationLimits,
    _criterion_finding,
    _interval_criterion,
    _interval_input,
    _origin_finding,
)
from spinal_metastasis.sources.radiobiology import (
    RYU_2023,
    SAHGAL_2021_HYTEC,
)

__all__ = [
    "CordDoseHistory",
    "CordHistoryStatus",
    "PriorCordDose",
    "cord_dose_history",
    "cord_dose_history_of",
]


# --- The patient's cord dose history ----------------------------------------------------------


class CordHistoryStatus(StrEnum):
    """Whether a lesion's levels were irradiated before."""

    DE_NOVO = "de_novo"  # no earlier course overlaps the lesion
    REIRRADIATION = "reirradiation"  # at least one earlier course overlaps it
    UNDETERMINED = "undetermined"  # the patient's prior radiation is unknown


@frozen(kw_only=True)
class PriorCordDose:
    """The cord point-max dose of one earlier course that overlaps the lesion.

    Attributes:
        course: The course, as recorded.
        point_max: Its cord point-max dose: ``course.cord_max_dose`` when known, else
            the prescription.
        assumed: ``True`` when the prescription stands in for an unknown cord dose.
        eqd2_gy: EQD2 of ``point_max`` at α/β 2 Gy.
    """

    course: RadiationCourse
    point_max: Fractionation
    assumed: bool
    eqd2_gy: float


@frozen(kw_only=True)
class CordDoseHistory:
    """The cord dose a lesion's levels received before, and what is left for SBRT.

    Attributes:
        levels: The lesion's levels.
        status: De novo, re-irradiation, or undetermined (prior radiation unknown).
        courses: The earlier courses whose levels overlap the lesion's.
        prior_eqd2_gy: Their summed point-max EQD2₂ (0 when de novo; ``None`` when
            undetermined).
        interval_days: Days since the most recent overlapping course, or ``None``.
        remaining_eqd2_gy: The planned SBRT EQD2₂ the re-irradiation criteria still
            allow (``None`` unless re-irradiation).
        de_novo_limits: The HyTEC limits for 1 to 5 fractions when de novo, else ``()``.
        allowances: The largest re-irradiation dose for 1 to 5 fractions, else ``()``.
        missing: Unknown inputs that matter (``"prior_radiation"``, or the
            ``days_since_completion`` of a course, by path).
        findings: What was found and assumed, with citations.
        alpha_beta_gy: α/β of every EQD2 (2 Gy).
    """

    levels: tuple[VertebralLevel, ...]
    status: CordHistoryStatus
    courses: tuple[PriorCordDose, ...]
    prior_eqd2_gy: float | None
    interval_days: float | None
    remaining_eqd2_gy: float | None
    de_novo_limits: tuple[SbrtCordLimit, ...]
    allowances: tuple[ReirradiationAllowance, ...]
    missing: tuple[str, ...]
    findings: tuple[Finding, ...]
    alpha_beta_gy: float = CORD_ALPHA_BETA_GY

    def __str__(self) -> str:
        """Summarize the history in one line."""
        label = format_levels(self.levels)
        if self.status is CordHistoryStatus.UNDETERMINED:
            return f"{label}: prior radiation unknown; no cord dose budget"
        if self.status is CordHistoryStatus.DE_NOVO:
            return f"{label}: no earlier course overlaps; de novo SBRT cord limits apply"
        assumed = (
            " (partly assumed from prescriptions)"
            if any(course.assumed for course in self.courses)
            else ""
        )
        return (
            f"{label}: re-irradiation; prior cord EQD2₂ {_fmt(self.prior_eqd2_gy or 0.0)} Gy"
            f"{assumed}; remaining {_fmt(self.remaining_eqd2_gy or 0.0)} Gy EQD2₂"
        )


def _history_interval(
    overlapping: Sequence[tuple[int, RadiationCourse]], limit_days: float
) -> tuple[float | None, tuple[str, ...]]:
    """The interval since the most recent course, and the unknown day counts that matter.

    With some day counts unknown the interval is unknown, unless a known one is
    already too short: the most recent course can only be more recent still.
    """
    known = [
        course.days_since_completion
        for _, course in overlapping
        if course.days_since_completion is not None
    ]
    unknown = tuple(
        f"prior_radiation[{index}].days_since_completion"
        for index, course in overlapping
        if course.days_since_completion is None
    )
    shortest = float(min(known)) if known else None
    if unknown and (shortest is None or shortest >= limit_days):
        return None, unknown
    return shortest, ()


def cord_dose_history(
    patient: Patient,
    lesion: SpinalLesion,
    *,
    limits: ReirradiationLimits = HYTEC_REIRRADIATION_LIMITS,
) -> CordDoseHistory:
    """Find the cord dose a lesion's levels received before, and the SBRT budget left.

    The patient's earlier courses (``Patient.prior_radiation``) whose levels overlap
    the lesion's are taken, with each course's ``cord_max_dose`` when known and
    otherwise its prescription, which is flagged as an assumption. With no such
    course the de novo HyTEC limits apply; with some, the re-irradiation budget
    min(25, 70 − P, P) Gy EQD2₂ and the largest point-max dose for 1 to 5 fractions.
    Unknown prior radiation gives an undetermined result naming ``prior_radiation``,
    never a guess; an unknown ``days_since_completion`` leaves the interval unknown.

    Args:
        patient: The patient.
        lesion: The lesion (its levels are what counts).
        limits: The re-irradiation criteria;
            :data:`~spinal_metastasis.radiobiology.reirradiation.HYTEC_REIRRADIATION_LIMITS`
            by default.

    Returns:
        The overlapping courses, the prior EQD2₂, the remaining budget, the limits
        or allowances for 1 to 5 fractions, and the findings.

    Raises:
        InvalidInputError: If ``patient`` or ``lesion`` has the wrong type.

    References:
        Sahgal A, Chang JH, Ma L, et al. Int J Radiat Oncol Biol Phys.
        2021;110(1):124-136. doi:10.1016/j.ijrobp.2019.09.038 (abstract).
        Sahgal A, Ma L, Weinberg V, et al. Int J Radiat Oncol Biol Phys.
        2012;82(1):107-116 (abstract).

    Note:
        The interval is counted to today (``days_since_completion``); the planned
        course starts later, so the true interval is at least this. A course to an
        adjacent level is not counted but is named in a finding: conventional fields
        often extend one level beyond the target.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> patient = example_patient("lung_l2_reirradiation")
        >>> history = cord_dose_history(patient, patient.lesions[0])
        >>> history.status.value, history.prior_eqd2_gy, history.remaining_eqd2_gy
        ('reirradiation', 30.0, 25.0)
        >>> history.courses[0].assumed
        True
    """
    if not isinstance(patient, Patient):
        _reject("patient", "a Patient", patient)
    if not isinstance(lesion, SpinalLesion):
        _reject("lesion", "a SpinalLesion", lesion)
    return cord_dose_history_of(patient.prior_radiation, lesion.levels, limits=limits)


def cord_dose_history_of(
    prior_radiation: tuple[RadiationCourse, ...] | None,
    levels: tuple[VertebralLevel, ...],
    *,
    limits: ReirradiationLimits = HYTEC_REIRRADIATION_LIMITS,
) -> CordDoseHistory:
    """Find the cord dose ``levels`` received before, from the values it depends on.

    :func:`cord_dose_history` reads only the patient's ``prior_radiation`` and the
    lesion's ``levels``; this is the same function of those two values (``None``:
    prior radiation unknown), so that callers can memoize it on them.
    """
    if prior_radiation is None:
        return _unknown_history(levels, limits)
    overlapping = [
        (index, course)
        for index, course in enumerate(prior_radiation)
        if set(levels).intersection(course.levels)
    ]
    adjacent = _adjacent_findings(prior_radiation, levels)
    if not overlapping:
        return _de_novo_history(levels, adjacent, limits)
    return _reirradiation_history(levels, overlapping, adjacent, limits)


def _unknown_history(
    levels: tuple[VertebralLevel, ...], limits: ReirradiationLimits
) -> CordDoseHistory:
    label = format_levels(levels)
    finding = Finding(
        statement=(
            f"Whether {label} was irradiated before is unknown ('prior_radiation'); "
            "no cord dose budget can be given until it is known."
        ),
        citation=limits.citation,
        inputs=(FindingInput(name="prior_radiation", value="unknown"),),
    )
    return CordDoseHistory(
        levels=levels,
        status=CordHistoryStatus.UNDETERMINED,
        courses=(),
        prior_eqd2_gy=None,
        interval_days=None,
        remaining_eqd2_gy=None,
        de_novo_limits=(),
        allowances=(),
        missing=("prior_radiation",),
        findings=(finding,),
        alpha_beta_gy=limits.alpha_beta_gy,
    )


def _adjacent_findings(
    courses: Sequence[RadiationCourse], levels: tuple[VertebralLevel, ...]
) -> list[Finding]:
    """Name the courses that treated a level next to the lesion but none of its levels."""
    label = format_levels(levels)
    positions = {level.position for level in levels}
    findings = []
    for index, course in enumerate(courses):
        treated = {level.position for level in course.levels}
        if treated & positions or not any(
            position + step in positions for position in treated for step in (-1, 1)
        ):
            continue
        findings.append(
            Finding(
                statement=(
                    f"Earlier course {course} treated a level adjacent to {label}; it is not "
                    "counted, but conventional fields may extend one level beyond the target "
                    f"(as in RTOG 0631), so check its cord dose at {label}."
                ),
                citation=RYU_2023,
                inputs=(FindingInput(name=f"prior_radiation[{index}]", value=str(course)),),
            )
        )
    return findings


def _de_novo_history(
    levels: tuple[VertebralLevel, ...], adjacent: list[Finding], limits: ReirradiationLimits
) -> CordDoseHistory:
    label = format_levels(levels)
    finding = Finding(
        statement=(
            f"No earlier course overlaps {label}: the de novo SBRT spinal cord point-max "
            "limits apply."
        ),
        citation=SAHGAL_2021_HYTEC,
        inputs=(FindingInput(name="levels", value=label),),
    )
    return CordDoseHistory(
        levels=levels,
        status=CordHistoryStatus.DE_NOVO,
        courses=(),
        prior_eqd2_gy=0.0,
        interval_days=None,
        remaining_eqd2_gy=None,
        de_novo_limits=tuple(sbrt_cord_limit(n) for n in range(1, _SBRT_MAX_FRACTIONS + 1)),
        allowances=(),
        missing=(),
        findings=(finding, *adjacent),
        alpha_beta_gy=limits.alpha_beta_gy,
    )


def _prior_dose(
    index: int, course: RadiationCourse, limits: ReirradiationLimits
) -> tuple[PriorCordDose, tuple[Finding, ...]]:
    point_max = course.cord_max_dose or course.fractionation
    dose = PriorCordDose(
        course=course,
        point_max=point_max,
        assumed=course.cord_max_dose is None,
        eqd2_gy=eqd2(point_max, alpha_beta_gy=limits.alpha_beta_gy),
    )
    if not dose.assumed:
        return dose, ()
    finding = Finding(
        statement=(
            f"The cord point max of earlier course {course} is unknown; its prescription "
            f"({course.fractionation}) is assumed, as the cord usually lies inside a "
            "conventional field. This is an assumption, not a measured dose: hot spots can "
            "exceed the prescription."
        ),
        citation=limits.origin,
        inputs=(FindingInput(name=f"prior_radiation[{index}].cord_max_dose", value="unknown"),),
    )
    return dose, (finding,)


def _reirradiation_history(
    levels: tuple[VertebralLevel, ...],
    overlapping: Sequence[tuple[int, RadiationCourse]],
    adjacent: list[Finding],
    limits: ReirradiationLimits,
) -> CordDoseHistory:
    label = format_levels(levels)
    pairs = [_prior_dose(index, course, limits) for index, course in overlapping]
    doses = tuple(dose for dose, _ in pairs)
    assumed = [finding for _, found in pairs for finding in found]
    interval, unknown_days = _history_interval(overlapping, limits.interval_days)
    point_maxes = [dose.point_max for dose in doses]
    allowances = tuple(
        max_reirradiation_dose_gy(
            prior=point_maxes, fractions=n, interval_days=interval, limits=limits
        )
        for n in range(1, _SBRT_MAX_FRACTIONS + 1)
    )
    first = allowances[0]
    binding = ", ".join(
        _DESCRIPTIONS[name] for name in first.binding if name is not CriterionName.INTERVAL
    )
    budget = Finding(
        statement=(
            f"Earlier courses overlapping {label} gave a cord point-max EQD2₂ of "
            f"{_fmt(first.prior_eqd2_gy)} Gy; the re-irradiation dose criteria leave "
            f"{_fmt(first.allowed_eqd2_gy)} Gy EQD2₂ for a planned SBRT course (binding: "
            f"{binding})."
        ),
        citation=limits.citation,
        inputs=(FindingInput(name="prior", value=_courses_text(point_maxes)),),
    )
    interval_criterion = _interval_criterion(interval, limits.interval_days, limits.citation)
    if interval_criterion.passed is None:
        timing = Finding(
            statement=(
                f"The interval since the most recent course overlapping {label} is unknown; "
                f"re-irradiation needs at least {_fmt(limits.interval_months)} months "
                f"({_fmt(limits.interval_days)} days)."
            ),
            citation=limits.citation,
            inputs=tuple(FindingInput(name=path, value="unknown") for path in unknown_days),
        )
    else:
        timing = _criterion_finding(interval_criterion, (_interval_input(interval),))
    return CordDoseHistory(
        levels=levels,
        status=CordHistoryStatus.REIRRADIATION,
        courses=doses,
        prior_eqd2_gy=first.prior_eqd2_gy,
        interval_days=interval,
        remaining_eqd2_gy=first.allowed_eqd2_gy,
        de_novo_limits=(),
        allowances=allowances,
        # With no dose left the interval cannot change the answer.
        missing=unknown_days if first.allowed_eqd2_gy > 0 else (),
        findings=(budget, *assumed, *adjacent, timing, _origin_finding(limits)),
        alpha_beta_gy=limits.alpha_beta_gy,
    )
