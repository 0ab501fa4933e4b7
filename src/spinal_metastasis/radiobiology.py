"""Radiobiology of spine radiotherapy: BED, EQD2, schedules, cord tolerance and re-irradiation.

Doses are compared with the linear-quadratic (LQ) model without a correction for
overall treatment time: BED = D (1 + d / (α/β)) and EQD2 = BED / (1 + 2 / (α/β))
for a total dose D given in n fractions of d Gy (Fowler 1989). The α/β ratio is
always named by the caller, because it is a property of the tissue: 10 Gy is the
convention for tumor, 3 Gy for late-reacting tissue such as bone, 2 Gy for the
spinal cord in the re-irradiation work this module encodes (Sahgal 2012, HyTEC).

The LQ model is "reasonably well validated ... up to about 10 Gy / fraction" and
"would be reasonable for use up to about 18 Gy per fraction" (Brenner 2008);
others hold it inappropriate at radiosurgical doses (Kirkpatrick 2008). Beyond
10 Gy per fraction the functions still return their value, and
:func:`lq_validity_findings` returns a finding that says so; the re-irradiation
checks include those findings.

Cord limits and re-irradiation criteria are dose-volume points of the spinal cord
or thecal sac (the point maximum, Pmax/Dmax), not prescriptions. They are
factors associated with a lower risk of radiation myelopathy in small series,
not validated tolerances.

References:
    Fowler JF. The linear-quadratic formula and progress in fractionated
    radiotherapy. Br J Radiol. 1989;62(740):679-694.
    doi:10.1259/0007-1285-62-740-679.

    Brenner DJ. The linear-quadratic model is an appropriate methodology for
    determining isoeffective doses at large doses per fraction. Semin Radiat
    Oncol. 2008;18(4):234-239.

    Sahgal A, Chang JH, Ma L, et al. Spinal cord dose tolerance to stereotactic
    body radiation therapy. Int J Radiat Oncol Biol Phys. 2021;110(1):124-136.
    doi:10.1016/j.ijrobp.2019.09.038 (HyTEC; abstract).

    Sahgal A, Ma L, Weinberg V, et al. Reirradiation human spinal cord tolerance
    for stereotactic body radiotherapy. Int J Radiat Oncol Biol Phys.
    2012;82(1):107-116 (abstract).

    Nieder C, Grosu AL, Andratschke NH, Molls M. Update of human spinal cord
    reirradiation tolerance based on additional data from 38 patients. Int J
    Radiat Oncol Biol Phys. 2006;66(5):1446-1449. doi:10.1016/j.ijrobp.2006.07.1383.
"""

import math
from collections.abc import Iterable, Sequence
from enum import StrEnum
from types import MappingProxyType
from typing import Final, NoReturn

from attrs import field, frozen

from spinal_metastasis._validators import (
    EnumRule,
    InstanceRule,
    IntegerRule,
    NumberRule,
    StringRule,
    TupleRule,
    as_float,
)
from spinal_metastasis.anatomy import Region, VertebralLevel, format_levels
from spinal_metastasis.errors import InvalidInputError
from spinal_metastasis.evidence import Citation, Finding, FindingInput
from spinal_metastasis.model import Fractionation, Patient, RadiationCourse, SpinalLesion
from spinal_metastasis.ranges import DAYS_PER_MONTH, ProbabilityRange, months_to_days
from spinal_metastasis.sources.radiobiology import (
    BONE_PAIN_TRIAL_1999,
    BRENNER_2008,
    GUCKENBERGER_2014,
    GUCKENBERGER_2024,
    HARTSELL_2005,
    LAUFER_2013,
    NIEDER_2006,
    RADES_2005,
    RYU_2023,
    SAHGAL_2012,
    SAHGAL_2013,
    SAHGAL_2021_HYTEC,
    SAHGAL_2021_SC24,
    SPRAVE_2018,
    STEENLAND_1999,
)

__all__ = [
    "CORD_ALPHA_BETA_GY",
    "HYTEC_CORD_LIMITS",
    "HYTEC_REIRRADIATION_LIMITS",
    "LQ_REASONABLE_MAX_DOSE_PER_FRACTION_GY",
    "LQ_WELL_VALIDATED_MAX_DOSE_PER_FRACTION_GY",
    "NIEDER_ALPHA_BETA_GY",
    "NIEDER_COURSE_BED_GY",
    "NIEDER_CUMULATIVE_BED_GY",
    "NIEDER_MIN_INTERVAL_DAYS",
    "NIEDER_NO_MYELOPATHY_REPORTED_BED_GY",
    "SCHEDULES",
    "Comparison",
    "CordDoseHistory",
    "CordDoseLimitRow",
    "CordHistoryStatus",
    "Criterion",
    "CriterionName",
    "DoseStructure",
    "NiederCheck",
    "PriorCordDose",
    "ReirradiationAllowance",
    "ReirradiationCheck",
    "ReirradiationLimits",
    "SbrtCordLimit",
    "Schedule",
    "Technique",
    "bed",
    "cord_dose_history",
    "cord_dose_history_of",
    "eqd2",
    "isoeffective_dose_gy",
    "lq_validity_findings",
    "max_reirradiation_dose_gy",
    "nieder_alpha_beta_gy",
    "nieder_check",
    "reirradiation_check",
    "sbrt_cord_limit",
    "sbrt_cord_limit_gy",
    "schedule",
    "total_eqd2_gy",
]

# --- Constants --------------------------------------------------------------------------------

#: Dose per fraction up to which the LQ model is "reasonably well validated, experimentally
#: and theoretically, up to about 10 Gy / fraction" (Brenner 2008, PMC2750078).
LQ_WELL_VALIDATED_MAX_DOSE_PER_FRACTION_GY: Final = 10.0
#: Dose per fraction up to which LQ "would be reasonable for use" (Brenner 2008).
LQ_REASONABLE_MAX_DOSE_PER_FRACTION_GY: Final = 18.0

#: α/β of the spinal cord in Sahgal 2012 and 2013 ("α/β = 2 Gy", Gy2/2) and HyTEC ("EQD2₂").
CORD_ALPHA_BETA_GY: Final = 2.0

# HyTEC abstract. The de novo limits were reported for SBRT in 1 to 5 fractions, and the
# re-irradiation factors for "reirradiation SBRT delivered in 1 to 5 fractions".
_SBRT_MAX_FRACTIONS: Final = 5

#: Cumulative BED (Gy₂) after which the risk "appears small" (Nieder 2006 abstract).
NIEDER_CUMULATIVE_BED_GY: Final = 135.5
#: BED (Gy₂) of each course, "<=98 Gy(2)" (Nieder 2006 abstract).
NIEDER_COURSE_BED_GY: Final = 98.0
#: Cumulative BED (Gy₂) "where no case of RM has yet been reported" (Nieder 2006 abstract),
#: under the same interval and per-course conditions; kept apart from 135.5.
NIEDER_NO_MYELOPATHY_REPORTED_BED_GY: Final = 120.0
#: Interval "not shorter than 6 months" (Nieder 2006 abstract), in days with the mean
#: Gregorian month of :data:`spinal_metastasis.ranges.DAYS_PER_MONTH` (182.625 days).
NIEDER_MIN_INTERVAL_DAYS: Final = months_to_days(6)
#: α/β by region, "2 Gy for cervical and thoracic cord and 4 Gy for lumbar cord" (Nieder 2006).
NIEDER_ALPHA_BETA_GY: Final = MappingProxyType(
    {Region.CERVICAL: 2.0, Region.THORACIC: 2.0, Region.LUMBAR: 4.0}
)

#: Floating-point slack for comparisons with a limit, so that a dose computed to sit
#: exactly on a limit (by :func:`isoeffective_dose_gy`) is not reported above it.
_TOLERANCE: Final = 1e-9


# --- Argument checks (functions validate their arguments as constructors do) ------------------


def _reject(name: str, expectation: str, value: object) -> NoReturn:
    """Raise the house error: ``'<name>' must be <expectation> (got <value!r>)``."""
    msg = f"'{name}' must be {expectation} (got {value!r})"
    raise InvalidInputError(msg, field=name)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _positive(name: str, value: object) -> float:
    if not _is_number(value) or value <= 0:  # type: ignore[operator]
        _reject(name, "a finite number > 0", value)
    return float(value)  # type: ignore[arg-type]


def _non_negative(name: str, value: object) -> float:
    if not _is_number(value) or value < 0:  # type: ignore[operator]
        _reject(name, "a finite number >= 0", value)
    return float(value)  # type: ignore[arg-type]


def _interval(value: object) -> float | None:
    return None if value is None else _checked_interval(value)


def _checked_interval(value: object) -> float:
    if not _is_number(value) or value < 0:  # type: ignore[operator]
        _reject("interval_days", "a finite number >= 0, or None (unknown)", value)
    return float(value)  # type: ignore[arg-type]


def _integer(name: str, value: object, minimum: int, maximum: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not minimum <= value <= maximum:
        _reject(name, f"an integer from {minimum} to {maximum}", value)
    return value


def _fractionation(name: str, value: object) -> Fractionation:
    if not isinstance(value, Fractionation):
        _reject(name, "a Fractionation", value)
    return value


def _fractionations(name: str, value: object, *, min_length: int) -> tuple[Fractionation, ...]:
    expectation = f"a sequence of at least {min_length} Fractionation"
    if isinstance(value, (str, bytes, Fractionation)) or not isinstance(value, Iterable):
        _reject(name, expectation, value)
    items = tuple(value)
    if len(items) < min_length or not all(isinstance(item, Fractionation) for item in items):
        _reject(name, expectation, value)
    return items


def _fmt(value: float) -> str:
    """Show a number to two decimals at most (``57.5``, ``70.63``, ``20``)."""
    return f"{round(value, 2):g}"


def _courses_text(courses: Sequence[Fractionation]) -> str:
    return "; ".join(str(course) for course in courses)


# --- The linear-quadratic model ---------------------------------------------------------------


def bed(fractionation: Fractionation, *, alpha_beta_gy: float) -> float:
    """Compute the biologically effective dose of a course (linear-quadratic model).

    BED = n d (1 + d / (α/β)); no correction for overall treatment time.

    Args:
        fractionation: The schedule (n fractions of d Gy), or a point dose.
        alpha_beta_gy: α/β ratio of the tissue in Gy; a finite number > 0. There is
            no default: the caller names the tissue.

    Returns:
        BED in Gy (Gy with subscript α/β).

    Raises:
        InvalidInputError: If ``alpha_beta_gy`` is not a finite number > 0, or
            ``fractionation`` is not a :class:`~spinal_metastasis.model.Fractionation`.

    References:
        Fowler JF. The linear-quadratic formula and progress in fractionated
        radiotherapy. Br J Radiol. 1989;62(740):679-694.
        doi:10.1259/0007-1285-62-740-679.

    Note:
        The LQ model is well validated up to about 10 Gy per fraction (Brenner
        2008); see :func:`lq_validity_findings`.

    Examples:
        >>> bed(Fractionation(total_dose_gy=8, fractions=1), alpha_beta_gy=10)
        14.4
        >>> bed(Fractionation(total_dose_gy=24, fractions=2), alpha_beta_gy=2)
        168.0
    """
    ratio = _positive("alpha_beta_gy", alpha_beta_gy)
    course = _fractionation("fractionation", fractionation)
    return course.total_dose_gy * (1 + course.dose_per_fraction_gy / ratio)


def eqd2(fractionation: Fractionation, *, alpha_beta_gy: float) -> float:
    """Compute the equivalent dose in 2 Gy fractions (EQD2) of a course.

    EQD2 = BED / (1 + 2 / (α/β)). With α/β = 2 Gy this is Sahgal's "nBED" in
    Gy2/2 and HyTEC's "EQD2₂".

    Args:
        fractionation: The schedule (n fractions of d Gy), or a point dose.
        alpha_beta_gy: α/β ratio of the tissue in Gy; a finite number > 0.

    Returns:
        EQD2 in Gy.

    Raises:
        InvalidInputError: If ``alpha_beta_gy`` is not a finite number > 0, or
            ``fractionation`` is not a :class:`~spinal_metastasis.model.Fractionation`.

    References:
        Fowler JF. Br J Radiol. 1989;62(740):679-694.
        doi:10.1259/0007-1285-62-740-679.

    Examples:
        >>> round(eqd2(Fractionation(total_dose_gy=30, fractions=10), alpha_beta_gy=10), 1)
        32.5
        >>> eqd2(Fractionation(total_dose_gy=24, fractions=2), alpha_beta_gy=2)
        84.0
    """
    biological = bed(fractionation, alpha_beta_gy=alpha_beta_gy)
    return biological / (1 + 2 / alpha_beta_gy)


def isoeffective_dose_gy(eqd2_gy: float, *, fractions: int, alpha_beta_gy: float) -> float:
    """Return the total dose in ``fractions`` equal fractions whose EQD2 is ``eqd2_gy``.

    The inverse of :func:`eqd2`: with BED = EQD2 (1 + 2 / (α/β)), the dose per
    fraction d solves n d² / (α/β) + n d − BED = 0, so
    d = 2 (BED / n) / (1 + √(1 + 4 BED / (n α/β))) (the positive root, written
    to avoid cancellation), and the total dose is n d.

    Args:
        eqd2_gy: The target EQD2 in Gy, >= 0.
        fractions: Number of fractions, 1 to 50.
        alpha_beta_gy: α/β ratio of the tissue in Gy; a finite number > 0.

    Returns:
        The total physical dose in Gy.

    Raises:
        InvalidInputError: If an argument is out of range, naming it.

    References:
        Fowler JF. Br J Radiol. 1989;62(740):679-694.
        doi:10.1259/0007-1285-62-740-679.

    Examples:
        The physical thecal-sac point maximum equal to 25 Gy EQD2₂ in one fraction:

        >>> round(isoeffective_dose_gy(25, fractions=1, alpha_beta_gy=2), 2)
        9.05
    """
    target = _non_negative("eqd2_gy", eqd2_gy)
    count = _integer("fractions", fractions, 1, 50)
    ratio = _positive("alpha_beta_gy", alpha_beta_gy)
    biological = target * (1 + 2 / ratio)
    per_fraction = 2 * biological / count / (1 + math.sqrt(1 + 4 * biological / (count * ratio)))
    return count * per_fraction


def total_eqd2_gy(courses: Iterable[Fractionation], *, alpha_beta_gy: float) -> float:
    """Sum the EQD2 of several courses (no allowance for repair between them).

    Args:
        courses: The courses, or the point doses of each course; may be empty.
        alpha_beta_gy: α/β ratio of the tissue in Gy; a finite number > 0.

    Returns:
        The summed EQD2 in Gy (0 for no courses).

    Raises:
        InvalidInputError: If ``courses`` is not a sequence of
            :class:`~spinal_metastasis.model.Fractionation`, or α/β is not positive.

    References:
        Fowler JF. Br J Radiol. 1989;62(740):679-694.
        doi:10.1259/0007-1285-62-740-679.

    Examples:
        >>> total_eqd2_gy(
        ...     [Fractionation(total_dose_gy=8, fractions=1),
        ...      Fractionation(total_dose_gy=50, fractions=25)],
        ...     alpha_beta_gy=2,
        ... )
        70.0
    """
    _positive("alpha_beta_gy", alpha_beta_gy)
    items = _fractionations("courses", courses, min_length=0)
    return math.fsum(eqd2(item, alpha_beta_gy=alpha_beta_gy) for item in items)


def lq_validity_findings(fractionation: Fractionation) -> tuple[Finding, ...]:
    """Say when a course's dose per fraction lies beyond where the LQ model is well validated.

    Brenner 2008 calls the LQ model "reasonably well validated, experimentally and
    theoretically, up to about 10 Gy / fraction" and "reasonable for use up to
    about 18 Gy per fraction". Above 10 Gy per fraction one finding says that
    LQ-derived doses (BED, EQD2, isoeffective doses) are approximate; above
    18 Gy it says they are extrapolations.

    Args:
        fractionation: The course or point dose.

    Returns:
        No finding up to 10 Gy per fraction; otherwise one finding citing Brenner 2008.

    Raises:
        InvalidInputError: If ``fractionation`` is not a Fractionation.

    References:
        Brenner DJ. The linear-quadratic model is an appropriate methodology for
        determining isoeffective doses at large doses per fraction. Semin Radiat
        Oncol. 2008;18(4):234-239 (PMC2750078).

    Note:
        Kirkpatrick, Meyer and Marks (Semin Radiat Oncol 2008;18(4):240-243) argue
        that the LQ model is inappropriate at radiosurgical doses per fraction; the
        thresholds used here are Brenner's, the more permissive view.

    Examples:
        >>> lq_validity_findings(Fractionation(total_dose_gy=30, fractions=3))
        ()
        >>> [finding] = lq_validity_findings(Fractionation(total_dose_gy=24, fractions=2))
        >>> finding.citation.short
        'Brenner 2008'
    """
    course = _fractionation("fractionation", fractionation)
    per_fraction = course.dose_per_fraction_gy
    well = _fmt(LQ_WELL_VALIDATED_MAX_DOSE_PER_FRACTION_GY)
    reasonable = _fmt(LQ_REASONABLE_MAX_DOSE_PER_FRACTION_GY)
    if per_fraction > LQ_REASONABLE_MAX_DOSE_PER_FRACTION_GY:
        statement = (
            f"{course}: {_fmt(per_fraction)} Gy per fraction is beyond the about {reasonable} Gy "
            f"up to which the linear-quadratic model is considered reasonable for use (and the "
            f"about {well} Gy up to which it is reasonably well validated); BED and EQD2 of "
            "this course are extrapolations."
        )
    elif per_fraction > LQ_WELL_VALIDATED_MAX_DOSE_PER_FRACTION_GY:
        statement = (
            f"{course}: {_fmt(per_fraction)} Gy per fraction is beyond the about {well} Gy up "
            "to which the linear-quadratic model is reasonably well validated (it is considered "
            f"reasonable up to about {reasonable} Gy); BED and EQD2 of this course are "
            "approximate."
        )
    else:
        return ()
    inputs = (FindingInput(name="dose_per_fraction_gy", value=_fmt(per_fraction)),)
    return (Finding(statement=statement, citation=BRENNER_2008, inputs=inputs),)


# --- The schedule catalogue -------------------------------------------------------------------


class Technique(StrEnum):
    """How a schedule is delivered."""

    CONVENTIONAL = "conventional"  # conventional external beam radiotherapy (cEBRT, 3DCRT)
    STEREOTACTIC = "stereotactic"  # SBRT / spine radiosurgery


# Frozen and used in memoization keys: the hash is computed once (cache_hash).
@frozen(kw_only=True, cache_hash=True)
class Schedule:
    """A palliative spine radiotherapy schedule and the study that used it.

    Attributes:
        name: The name as written in the literature (``"20 Gy / 5"``, ``"8 Gy x 1"``).
        fractionation: The prescription.
        technique: Conventional or stereotactic.
        citation: The trial (or series) that used it, or ``None`` when none was verified.
        note: How the study used it, and what could not be verified.
        other_citations: Other studies that used it.
    """

    name: str = field(validator=StringRule(optional=False, max_length=40))
    fractionation: Fractionation = field(validator=InstanceRule(cls=Fractionation, optional=False))
    technique: Technique = field(validator=EnumRule(enum_type=Technique, optional=False))
    citation: Citation | None = field(validator=InstanceRule(cls=Citation))
    note: str = field(validator=StringRule(optional=False, max_length=600))
    other_citations: tuple[Citation, ...] = field(
        default=(), validator=TupleRule(element=Citation, optional=False)
    )

    def __str__(self) -> str:
        """Show ``24 Gy / 2 (stereotactic; SC.24 2021)``."""
        source = self.citation.short if self.citation is not None else "no trial verified"
        return f"{self.name} ({self.technique.value}; {source})"


def _schedule(
    total_dose_gy: float,
    fractions: int,
    technique: Technique,
    citation: Citation | None,
    note: str,
    *others: Citation,
) -> Schedule:
    name = f"{total_dose_gy:g} Gy x 1" if fractions == 1 else f"{total_dose_gy:g} Gy / {fractions}"
    return Schedule(
        name=name,
        fractionation=Fractionation(total_dose_gy=total_dose_gy, fractions=fractions),
        technique=technique,
        citation=citation,
        note=note,
        other_citations=others,
    )


_CONVENTIONAL: Final = Technique.CONVENTIONAL
_STEREOTACTIC: Final = Technique.STEREOTACTIC

#: Common palliative spine schedules, each with the trial or series that used it
#: (the notes say which arm, and where a schedule only lies within a reported range).
SCHEDULES: Final = (
    _schedule(
        8,
        1,
        _CONVENTIONAL,
        HARTSELL_2005,
        "Single-fraction arm of RTOG 97-14, the Bone Pain Trial and the Dutch Bone Metastasis "
        "Study; 1 x 8 Gy in Rades 2005; control arm of RTOG 0631 (involved vertebra plus one "
        "above and below).",
        BONE_PAIN_TRIAL_1999,
        STEENLAND_1999,
        RADES_2005,
        RYU_2023,
    ),
    _schedule(
        20,
        5,
        _CONVENTIONAL,
        BONE_PAIN_TRIAL_1999,
        "A multifraction arm of the Bone Pain Trial (with 30 Gy / 10); control arm of SC.24; "
        "5 x 4 Gy in Rades 2005.",
        SAHGAL_2021_SC24,
        RADES_2005,
    ),
    _schedule(
        30,
        10,
        _CONVENTIONAL,
        HARTSELL_2005,
        "Long-course arm of RTOG 97-14; a multifraction arm of the Bone Pain Trial; "
        "10 x 3 Gy in Rades 2005; control arm of Sprave 2018.",
        BONE_PAIN_TRIAL_1999,
        RADES_2005,
        SPRAVE_2018,
    ),
    _schedule(
        37.5,
        15,
        _CONVENTIONAL,
        RADES_2005,
        "15 x 2.5 Gy for metastatic spinal cord compression in Rades 2005.",
    ),
    _schedule(
        40,
        20,
        _CONVENTIONAL,
        RADES_2005,
        "20 x 2 Gy for metastatic spinal cord compression in Rades 2005.",
    ),
    _schedule(
        24,
        6,
        _CONVENTIONAL,
        STEENLAND_1999,
        "Multifraction arm (6 x 4 Gy) of the Dutch Bone Metastasis Study; arms read only in "
        "secondary analyses.",
    ),
    _schedule(
        24,
        2,
        _STEREOTACTIC,
        SAHGAL_2021_SC24,
        "SBRT arm of SC.24 (24 Gy in two daily fractions).",
    ),
    _schedule(
        24,
        3,
        _STEREOTACTIC,
        GUCKENBERGER_2014,
        "Median schedule of a retrospective multi-institutional cohort (Guckenberger 2014), "
        "not a trial arm; also the low end of the 24-30 Gy / 3 high-dose hypofractionated "
        "group of Laufer 2013.",
        LAUFER_2013,
    ),
    _schedule(
        27,
        3,
        _STEREOTACTIC,
        LAUFER_2013,
        "Within the 24-30 Gy / 3 high-dose hypofractionated group after separation surgery "
        "of Laufer 2013; no trial using exactly this schedule was verified.",
    ),
    _schedule(
        30,
        3,
        _STEREOTACTIC,
        LAUFER_2013,
        "The high end of the 24-30 Gy / 3 high-dose hypofractionated group after separation "
        "surgery of Laufer 2013; no trial using exactly this schedule was verified.",
    ),
    _schedule(
        30,
        5,
        _STEREOTACTIC,
        LAUFER_2013,
        "Within the 18-36 Gy in 5-6 fractions low-dose hypofractionated group of Laufer 2013; "
        "no trial using exactly this schedule was verified.",
    ),
    _schedule(
        35,
        5,
        _STEREOTACTIC,
        LAUFER_2013,
        "Within the 18-36 Gy in 5-6 fractions low-dose hypofractionated group of Laufer 2013; "
        "no trial using exactly this schedule was verified.",
    ),
    _schedule(
        40,
        5,
        _STEREOTACTIC,
        GUCKENBERGER_2024,
        "SBRT arm for metastases without epidural involvement in the Guckenberger 2024 "
        "phase 3 trial.",
    ),
    _schedule(
        48.5,
        10,
        _STEREOTACTIC,
        GUCKENBERGER_2024,
        "SBRT arm for metastases with epidural involvement in the Guckenberger 2024 phase 3 trial.",
    ),
    _schedule(
        16,
        1,
        _STEREOTACTIC,
        RYU_2023,
        "Radiosurgery arm of RTOG 0631 (16 or 18 Gy to the involved level only).",
    ),
    _schedule(
        18,
        1,
        _STEREOTACTIC,
        RYU_2023,
        "Radiosurgery arm of RTOG 0631 (16 or 18 Gy to the involved level only).",
    ),
    _schedule(
        24,
        1,
        _STEREOTACTIC,
        SPRAVE_2018,
        "SBRT arm of Sprave 2018 (citation details unverified); also the single-fraction "
        "group after separation surgery of Laufer 2013.",
        LAUFER_2013,
    ),
)


def _schedule_key(name: str) -> str:
    return "".join(name.lower().split()).replace("×", "x")


def _schedule_index() -> MappingProxyType[str, Schedule]:
    index: dict[str, Schedule] = {}
    for item in SCHEDULES:
        course = item.fractionation
        index[_schedule_key(item.name)] = item
        index[_schedule_key(f"{course.total_dose_gy:g} Gy / {course.fractions}")] = item
    return MappingProxyType(index)


_SCHEDULE_INDEX: Final = _schedule_index()


def schedule(name: str) -> Schedule:
    """Look a schedule of :data:`SCHEDULES` up by name.

    Case, spaces and ``×`` for ``x`` do not matter; a single fraction may be written
    ``"8 Gy x 1"`` or ``"8 Gy / 1"``.

    Args:
        name: The schedule's name (``"24 Gy / 2"``).

    Returns:
        The schedule.

    Raises:
        InvalidInputError: If no schedule has that name; the message lists the names.

    Examples:
        >>> schedule("24 Gy/2").citation.short
        'SC.24 2021'
        >>> schedule("8 Gy × 1").fractionation
        Fractionation(total_dose_gy=8.0, fractions=1)
    """
    raw: object = name  # at run time anything may arrive
    found = _SCHEDULE_INDEX.get(_schedule_key(raw)) if isinstance(raw, str) else None
    if found is None:
        names = ", ".join(repr(item.name) for item in SCHEDULES)
        _reject("name", f"one of {names}", name)
    return found


# --- De novo SBRT cord limits (HyTEC) ---------------------------------------------------------


class DoseStructure(StrEnum):
    """The structure a point-maximum dose limit applies to."""

    SPINAL_CORD = "spinal_cord"
    THECAL_SAC = "thecal_sac"


@frozen(kw_only=True)
class CordDoseLimitRow:
    """One row of a table of de novo SBRT point-maximum limits.

    Attributes:
        fractions: Number of fractions.
        point_max_gy: The limit (point maximum, Gy).
        point_max_upper_gy: The upper end of the stated range (equal to the limit
            when a single value is stated).
    """

    fractions: int = field(validator=IntegerRule(minimum=1, maximum=50, optional=False))
    point_max_gy: float = field(
        converter=as_float,
        validator=NumberRule(minimum=0, exclusive_minimum=True, maximum=100, optional=False),
    )
    point_max_upper_gy: float = field(
        converter=as_float,
        validator=NumberRule(minimum=0, exclusive_minimum=True, maximum=100, optional=False),
    )


#: De novo spinal cord Dmax "estimated to be associated with a 1% to 5% risk" of myelopathy
#: (HyTEC abstract, Sahgal 2021), 12.4 to 14.0 Gy in 1 fraction and 17.0 / 20.3 / 23.0 /
#: 25.3 Gy in 2 / 3 / 4 / 5 fractions. Sahgal 2013 gives the same numbers for the thecal sac.
HYTEC_CORD_LIMITS: Final = (
    CordDoseLimitRow(fractions=1, point_max_gy=12.4, point_max_upper_gy=14.0),
    CordDoseLimitRow(fractions=2, point_max_gy=17.0, point_max_upper_gy=17.0),
    CordDoseLimitRow(fractions=3, point_max_gy=20.3, point_max_upper_gy=20.3),
    CordDoseLimitRow(fractions=4, point_max_gy=23.0, point_max_upper_gy=23.0),
    CordDoseLimitRow(fractions=5, point_max_gy=25.3, point_max_upper_gy=25.3),
)
# HyTEC abstract, "a 1% to 5% risk of radiation myelopathy".
_HYTEC_RISK: Final = ProbabilityRange(low=0.01, high=0.05)
# Sahgal 2013 abstract, "A risk of RM of 5% or less" at the same thecal sac Pmax doses.
_SAHGAL_2013_RISK: Final = ProbabilityRange(low=0.0, high=0.05)


@frozen(kw_only=True)
class SbrtCordLimit:
    """The de novo SBRT spinal cord point-maximum limit for a number of fractions.

    Attributes:
        fractions: Number of fractions, 1 to 5.
        point_max_gy: The limit: spinal cord Dmax in Gy (HyTEC; lower end for 1 fraction).
        point_max_upper_gy: Upper end of the stated range (14.0 Gy for 1 fraction;
            equal to ``point_max_gy`` otherwise, as the HyTEC abstract gives one value).
        risk: The risk of radiation myelopathy HyTEC associates with the limit
            ("1% to 5%"), not a 1 % limit.
        structure: The structure of the limit (spinal cord, per HyTEC).
        thecal_sac_risk: Sahgal 2013's "5% or less" for the same doses applied to the
            thecal sac point maximum.
        alpha_beta_gy: α/β used for :attr:`eqd2_gy`.
        citation: HyTEC (Sahgal 2021).
        thecal_sac_citation: Sahgal 2013.
    """

    fractions: int
    point_max_gy: float
    point_max_upper_gy: float
    risk: ProbabilityRange = _HYTEC_RISK
    structure: DoseStructure = DoseStructure.SPINAL_CORD
    thecal_sac_risk: ProbabilityRange = _SAHGAL_2013_RISK
    alpha_beta_gy: float = CORD_ALPHA_BETA_GY
    citation: Citation = SAHGAL_2021_HYTEC
    thecal_sac_citation: Citation = SAHGAL_2013

    @property
    def point_max(self) -> Fractionation:
        """The limit as a point dose in :attr:`fractions` fractions."""
        return Fractionation(total_dose_gy=self.point_max_gy, fractions=self.fractions)

    @property
    def eqd2_gy(self) -> float:
        """The limit's EQD2 at :attr:`alpha_beta_gy` (about 44.6 Gy for every row)."""
        return eqd2(self.point_max, alpha_beta_gy=self.alpha_beta_gy)

    def __str__(self) -> str:
        """Show ``spinal cord Dmax 17 Gy in 2 fractions (1–5 % myelopathy risk; HyTEC)``."""
        dose = _fmt(self.point_max_gy)
        if self.point_max_upper_gy != self.point_max_gy:
            dose += f"–{_fmt(self.point_max_upper_gy)}"
        noun = "fraction" if self.fractions == 1 else "fractions"
        structure = self.structure.value.replace("_", " ")
        return (
            f"{structure} Dmax {dose} Gy in {self.fractions} {noun} "
            f"({self.risk} myelopathy risk; {self.citation.short})"
        )


def sbrt_cord_limit(fractions: int) -> SbrtCordLimit:
    """Return the de novo SBRT spinal cord point-maximum limit for 1 to 5 fractions.

    The limits are 12.4 (to 14.0) / 17.0 / 20.3 / 23.0 / 25.3 Gy in 1 / 2 / 3 / 4 / 5
    fractions, estimated by HyTEC to carry a 1 % to 5 % risk of radiation
    myelopathy; all are isoeffective at about 44.6 Gy EQD2₂.

    Args:
        fractions: Number of SBRT fractions, 1 to 5.

    Returns:
        The limit, its range, risk, structure and citations.

    Raises:
        InvalidInputError: If ``fractions`` is not an integer from 1 to 5.

    References:
        Sahgal A, Chang JH, Ma L, et al. Spinal cord dose tolerance to stereotactic
        body radiation therapy. Int J Radiat Oncol Biol Phys. 2021;110(1):124-136.
        doi:10.1016/j.ijrobp.2019.09.038 (abstract).
        Sahgal A, Weinberg V, Ma L, et al. Probabilities of radiation myelopathy
        specific to stereotactic body radiation therapy to guide safe practice.
        Int J Radiat Oncol Biol Phys. 2013;85(2):341-347.
        doi:10.1016/j.ijrobp.2012.05.007 (thecal sac Pmax, risk 5 % or less).

    Note:
        No prior radiotherapy to the level. HyTEC's Table 3 reportedly lists higher
        upper values for 2 to 5 fractions (LQ extrapolations); they were read only
        in a secondary source and are not used.

    Examples:
        >>> limit = sbrt_cord_limit(1)
        >>> limit.point_max_gy, limit.point_max_upper_gy, str(limit.risk)
        (12.4, 14.0, '1–5 %')
        >>> round(limit.eqd2_gy, 1)
        44.6
    """
    count = _integer("fractions", fractions, 1, _SBRT_MAX_FRACTIONS)
    row = next(row for row in HYTEC_CORD_LIMITS if row.fractions == count)
    return SbrtCordLimit(
        fractions=count,
        point_max_gy=row.point_max_gy,
        point_max_upper_gy=row.point_max_upper_gy,
    )


def sbrt_cord_limit_gy(fractions: int) -> float:
    """Return the de novo SBRT spinal cord point-maximum limit in Gy (HyTEC).

    Args:
        fractions: Number of SBRT fractions, 1 to 5.

    Returns:
        12.4, 17.0, 20.3, 23.0 or 25.3 Gy.

    Raises:
        InvalidInputError: If ``fractions`` is not an integer from 1 to 5.

    References:
        Sahgal A, Chang JH, Ma L, et al. Int J Radiat Oncol Biol Phys.
        2021;110(1):124-136. doi:10.1016/j.ijrobp.2019.09.038 (abstract).

    Examples:
        >>> [sbrt_cord_limit_gy(n) for n in range(1, 6)]
        [12.4, 17.0, 20.3, 23.0, 25.3]
    """
    return sbrt_cord_limit(fractions).point_max_gy


# --- Re-irradiation: criteria -----------------------------------------------------------------


class CriterionName(StrEnum):
    """A re-irradiation criterion."""

    CUMULATIVE_EQD2 = "cumulative_eqd2"  # Sahgal 2012 / HyTEC
    PLANNED_EQD2 = "planned_eqd2"  # Sahgal 2012 / HyTEC
    PLANNED_SHARE = "planned_share"  # Sahgal 2012 / HyTEC
    INTERVAL = "interval"  # Sahgal 2012 / HyTEC (5 months), Nieder 2006 (6 months)
    CUMULATIVE_BED = "cumulative_bed"  # Nieder 2006
    COURSE_BED = "course_bed"  # Nieder 2006


class Comparison(StrEnum):
    """How a value must relate to its limit."""

    AT_MOST = "at_most"
    AT_LEAST = "at_least"


_DESCRIPTIONS: Final = MappingProxyType(
    {
        CriterionName.CUMULATIVE_EQD2: "cumulative thecal-sac point-max EQD2₂ (prior + planned)",
        CriterionName.PLANNED_EQD2: "planned course's thecal-sac point-max EQD2₂",
        CriterionName.PLANNED_SHARE: "planned course's share of the cumulative EQD2₂",
        CriterionName.INTERVAL: "interval since the prior course",
        CriterionName.CUMULATIVE_BED: "cumulative cord BED (prior + planned)",
        CriterionName.COURSE_BED: "highest cord BED of a single course",
    }
)


@frozen(kw_only=True)
class Criterion:
    """One re-irradiation criterion evaluated for a plan.

    Attributes:
        name: Which criterion.
        value: The plan's value, or ``None`` when an input is unknown.
        limit: The limit, in the same unit.
        comparison: ``AT_MOST`` (value <= limit) or ``AT_LEAST`` (value >= limit).
        unit: The unit of ``value`` and ``limit`` (``"Gy"``, ``"days"``, ``"proportion"``).
        passed: Whether the value meets the limit; ``None`` when the value is unknown.
        citation: The source of the limit.
    """

    name: CriterionName
    value: float | None
    limit: float
    comparison: Comparison
    unit: str
    passed: bool | None
    citation: Citation

    @property
    def description(self) -> str:
        """What the criterion measures, in words."""
        return _DESCRIPTIONS[self.name]

    def __str__(self) -> str:
        """Show ``cumulative ... EQD2₂ 57.5 Gy (≤ 70 Gy): met``."""
        sign = "≤" if self.comparison is Comparison.AT_MOST else "≥"
        unit = "" if self.unit == "proportion" else f" {self.unit}"
        value = "unknown" if self.value is None else f"{_fmt(self.value)}{unit}"
        verdict = {True: "met", False: "not met", None: "undetermined"}[self.passed]
        return f"{self.description} {value} ({sign} {_fmt(self.limit)}{unit}): {verdict}"


def _criterion(
    name: CriterionName,
    *,
    value: float | None,
    limit: float,
    comparison: Comparison,
    unit: str,
    citation: Citation,
) -> Criterion:
    slack = _TOLERANCE * max(1.0, abs(limit))
    passed: bool | None
    if value is None:
        passed = None
    elif comparison is Comparison.AT_MOST:
        passed = value <= limit + slack
    else:
        passed = value >= limit - slack
    return Criterion(
        name=name,
        value=value,
        limit=limit,
        comparison=comparison,
        unit=unit,
        passed=passed,
        citation=citation,
    )


def _criterion_finding(criterion: Criterion, inputs: tuple[FindingInput, ...]) -> Finding:
    sign = "≤" if criterion.comparison is Comparison.AT_MOST else "≥"
    unit = "" if criterion.unit == "proportion" else f" {criterion.unit}"
    limit = f"{sign} {_fmt(criterion.limit)}{unit}"
    if criterion.name is CriterionName.INTERVAL:
        limit = f"{sign} {_fmt(criterion.limit / DAYS_PER_MONTH)} months ({limit[2:]})"
    description = criterion.description[0].upper() + criterion.description[1:]
    if criterion.passed is None:
        statement = (
            f"{description} is unknown, so the factor '{limit}', associated with a lower risk "
            "of radiation myelopathy, is undetermined."
        )
    else:
        value = f"{_fmt(criterion.value)}{unit}"  # type: ignore[arg-type]
        verdict = "meets" if criterion.passed else "does not meet"
        statement = (
            f"{description} is {value}: it {verdict} '{limit}', a factor associated with a "
            "lower risk of radiation myelopathy."
        )
    return Finding(statement=statement, citation=criterion.citation, inputs=inputs)


def _verdict(criteria: Sequence[Criterion]) -> tuple[bool, bool]:
    """Return ``(within_limits, determined)``."""
    outcomes = [criterion.passed for criterion in criteria]
    if False in outcomes:
        return False, True
    if None in outcomes:
        return False, False
    return True, True


@frozen(kw_only=True)
class ReirradiationLimits:
    """The four criteria for SBRT re-irradiation after earlier radiotherapy, as data.

    Attributes:
        cumulative_eqd2_gy: Limit of the cumulative (prior + planned) point-max EQD2.
        planned_eqd2_gy: Limit of the planned course's point-max EQD2.
        planned_share: Limit of the planned EQD2 as a proportion of the cumulative, in (0, 1).
        interval_days: Minimum interval since the prior course, in days.
        interval_months: The same interval as the source states it, in months.
        alpha_beta_gy: α/β used for every EQD2.
        max_fractions: Largest number of fractions the criteria were reported for.
        citation: The source of the limits as stated (≤ / ≥).
        origin: The study they come from.
    """

    cumulative_eqd2_gy: float = field(
        converter=as_float, validator=NumberRule(minimum=0, exclusive_minimum=True, optional=False)
    )
    planned_eqd2_gy: float = field(
        converter=as_float, validator=NumberRule(minimum=0, exclusive_minimum=True, optional=False)
    )
    planned_share: float = field(
        converter=as_float,
        validator=NumberRule(minimum=0, exclusive_minimum=True, maximum=1, optional=False),
    )
    interval_days: float = field(
        converter=as_float, validator=NumberRule(minimum=0, optional=False)
    )
    interval_months: float = field(
        converter=as_float, validator=NumberRule(minimum=0, optional=False)
    )
    alpha_beta_gy: float = field(
        converter=as_float, validator=NumberRule(minimum=0, exclusive_minimum=True, optional=False)
    )
    max_fractions: int = field(validator=IntegerRule(minimum=1, maximum=50, optional=False))
    citation: Citation = field(validator=InstanceRule(cls=Citation, optional=False))
    origin: Citation = field(validator=InstanceRule(cls=Citation, optional=False))


#: The Sahgal 2012 criteria as the HyTEC abstract restates them, for SBRT in 1 to 5
#: fractions, α/β 2 Gy. Cumulative thecal sac EQD2₂ Dmax <= 70 Gy; SBRT thecal sac EQD2₂
#: Dmax <= 25 Gy; SBRT / cumulative ratio <= 0.5; interval >= 5 months, taken as
#: 152.1875 days (5 mean Gregorian months of 365.25 / 12 days, so 152 days fails and 153
#: passes).
HYTEC_REIRRADIATION_LIMITS: Final = ReirradiationLimits(
    cumulative_eqd2_gy=70.0,
    planned_eqd2_gy=25.0,
    planned_share=0.5,
    interval_days=months_to_days(5),
    interval_months=5,
    alpha_beta_gy=CORD_ALPHA_BETA_GY,
    max_fractions=_SBRT_MAX_FRACTIONS,
    citation=SAHGAL_2021_HYTEC,
    origin=SAHGAL_2012,
)


def _interval_criterion(
    interval_days: float | None, limit_days: float, citation: Citation
) -> Criterion:
    return _criterion(
        CriterionName.INTERVAL,
        value=interval_days,
        limit=limit_days,
        comparison=Comparison.AT_LEAST,
        unit="days",
        citation=citation,
    )


def _at_most(
    name: CriterionName, value: float, limit: float, unit: str, citation: Citation
) -> Criterion:
    return _criterion(
        name,
        value=value,
        limit=limit,
        comparison=Comparison.AT_MOST,
        unit=unit,
        citation=citation,
    )


def _interval_input(interval_days: float | None) -> FindingInput:
    value = "unknown" if interval_days is None else _fmt(interval_days)
    return FindingInput(name="interval_days", value=value)


def _origin_finding(limits: ReirradiationLimits) -> Finding:
    return Finding(
        statement=(
            "The re-irradiation criteria come from thecal-sac point-max doses of 5 patients "
            "with and 14 without radiation myelopathy after SBRT re-irradiation; they are "
            "factors associated with a lower risk of myelopathy, not validated tolerance limits."
        ),
        citation=limits.origin,
    )


def _fractions_finding(fractions: int, limits: ReirradiationLimits) -> tuple[Finding, ...]:
    if fractions <= limits.max_fractions:
        return ()
    statement = (
        f"The planned course has {fractions} fractions; the re-irradiation criteria were "
        f"reported for SBRT in 1 to {limits.max_fractions} fractions."
    )
    inputs = (FindingInput(name="fractions", value=str(fractions)),)
    return (Finding(statement=statement, citation=limits.citation, inputs=inputs),)


def _undetermined_finding(citation: Citation) -> Finding:
    return Finding(
        statement=(
            "Whether every re-irradiation criterion is met cannot be decided: the interval "
            "since the prior course ('interval_days') is unknown, and every other criterion "
            "is met."
        ),
        citation=citation,
        inputs=(_interval_input(None),),
    )


# --- Re-irradiation: the check (Sahgal 2012 / HyTEC) ------------------------------------------


@frozen(kw_only=True)
class ReirradiationCheck:
    """A planned SBRT re-irradiation checked against the Sahgal 2012 / HyTEC criteria.

    ``within_limits`` is ``True`` only when all four criteria are met. It is
    ``False`` when one fails, and also when the interval is unknown while the
    other three are met: then ``determined`` is ``False`` and ``missing`` names
    ``interval_days``. The criteria are factors associated with a lower risk of
    radiation myelopathy, not tolerances.

    Attributes:
        prior: Point-max dose of each earlier course.
        planned: Point-max dose of the planned course.
        interval_days: Days since the most recent prior course, or ``None``.
        alpha_beta_gy: α/β of every EQD2 (2 Gy).
        prior_eqd2_gy: Summed EQD2 of the prior courses.
        planned_eqd2_gy: EQD2 of the planned course.
        cumulative_eqd2_gy: Prior plus planned EQD2.
        planned_share: ``planned_eqd2_gy / cumulative_eqd2_gy``, a proportion.
        criteria: The four criteria, in the order cumulative, planned, share, interval.
        within_limits: Whether every criterion is known to be met.
        determined: Whether the criteria settle ``within_limits``.
        missing: Unknown inputs that would settle it (``("interval_days",)``) or ``()``.
        findings: One per criterion, the caveats, and LQ-validity findings.
        citation: The source of the criteria (HyTEC).
    """

    prior: tuple[Fractionation, ...]
    planned: Fractionation
    interval_days: float | None
    alpha_beta_gy: float
    prior_eqd2_gy: float
    planned_eqd2_gy: float
    cumulative_eqd2_gy: float
    planned_share: float
    criteria: tuple[Criterion, ...]
    within_limits: bool
    determined: bool
    missing: tuple[str, ...]
    findings: tuple[Finding, ...]
    citation: Citation = SAHGAL_2021_HYTEC

    def __str__(self) -> str:
        """Summarize the check in one line."""
        if self.within_limits:
            verdict = "all four criteria met"
        elif not self.determined:
            verdict = "undetermined (interval unknown)"
        else:
            failed = ", ".join(
                c.name.value.replace("_", " ") for c in self.criteria if c.passed is False
            )
            verdict = f"not met: {failed}"
        interval = "unknown" if self.interval_days is None else f"{_fmt(self.interval_days)} days"
        return (
            f"Re-irradiation ({self.citation.short}, α/β {_fmt(self.alpha_beta_gy)} Gy): "
            f"cumulative EQD2 {_fmt(self.cumulative_eqd2_gy)} Gy, planned "
            f"{_fmt(self.planned_eqd2_gy)} Gy (share {self.planned_share:.2f}), interval "
            f"{interval}: {verdict}"
        )


def reirradiation_check(
    *,
    prior: Sequence[Fractionation],
    planned: Fractionation,
    interval_days: float | None,
    limits: ReirradiationLimits = HYTEC_REIRRADIATION_LIMITS,
) -> ReirradiationCheck:
    """Check a planned SBRT re-irradiation against the Sahgal 2012 / HyTEC criteria.

    The four criteria (thecal sac point maximum, EQD2 with α/β = 2 Gy) are:
    cumulative EQD2 <= 70 Gy; planned SBRT EQD2 <= 25 Gy; planned / cumulative
    <= 0.5; interval >= 5 months, taken as >= 152.1875 days (5 mean Gregorian
    months of 365.25 / 12 days, so 152 days fails and 153 passes). HyTEC calls
    them factors associated with a lower risk of radiation myelopathy; Sahgal
    2012, where they come from, says "approximately" 70 Gy and 50 %.

    Args:
        prior: The cord (or thecal sac) point-max dose of each earlier course, at
            least one. Use the prescription when the point max is unknown, and say so.
        planned: The planned course's thecal-sac point-max dose.
        interval_days: Days from the end of the most recent prior course to the
            planned course, or ``None`` when unknown.
        limits: The criteria; :data:`HYTEC_REIRRADIATION_LIMITS` by default.

    Returns:
        The EQD2 values, the four criteria, the verdict and the findings.

    Raises:
        InvalidInputError: If ``prior`` is empty or not made of Fractionation, if
            ``planned`` is not a Fractionation, or ``interval_days`` is negative.

    References:
        Sahgal A, Chang JH, Ma L, et al. Spinal cord dose tolerance to stereotactic
        body radiation therapy. Int J Radiat Oncol Biol Phys. 2021;110(1):124-136.
        doi:10.1016/j.ijrobp.2019.09.038 (abstract: the four criteria with <= / >=).
        Sahgal A, Ma L, Weinberg V, et al. Reirradiation human spinal cord tolerance
        for stereotactic body radiotherapy. Int J Radiat Oncol Biol Phys.
        2012;82(1):107-116 (abstract).

    Note:
        The share criterion means that a larger prior dose can turn a failing plan
        into a passing one (after 8 Gy x 1, a planned 9 Gy x 1 fails the share;
        after 20 Gy / 5 it passes): the criteria are not monotone in the prior dose.
        Equivalently, share <= 0.5 holds exactly when planned EQD2 <= prior EQD2.

    Examples:
        >>> check = reirradiation_check(
        ...     prior=[Fractionation(total_dose_gy=20, fractions=5)],
        ...     planned=Fractionation(total_dose_gy=12, fractions=2),
        ...     interval_days=210,
        ... )
        >>> check.cumulative_eqd2_gy, check.planned_eqd2_gy, check.within_limits
        (54.0, 24.0, True)
    """
    courses = _fractionations("prior", prior, min_length=1)
    plan = _fractionation("planned", planned)
    interval = _interval(interval_days)
    ratio = limits.alpha_beta_gy
    prior_eqd2 = total_eqd2_gy(courses, alpha_beta_gy=ratio)
    planned_eqd2 = eqd2(plan, alpha_beta_gy=ratio)
    cumulative = prior_eqd2 + planned_eqd2
    share = planned_eqd2 / cumulative
    source = limits.citation
    criteria = (
        _at_most(
            CriterionName.CUMULATIVE_EQD2, cumulative, limits.cumulative_eqd2_gy, "Gy", source
        ),
        _at_most(CriterionName.PLANNED_EQD2, planned_eqd2, limits.planned_eqd2_gy, "Gy", source),
        _at_most(CriterionName.PLANNED_SHARE, share, limits.planned_share, "proportion", source),
        _interval_criterion(interval, limits.interval_days, source),
    )
    prior_input = FindingInput(name="prior", value=_courses_text(courses))
    planned_input = FindingInput(name="planned", value=str(plan))
    inputs = (
        (prior_input, planned_input),
        (planned_input,),
        (prior_input, planned_input),
        (_interval_input(interval),),
    )
    within, determined = _verdict(criteria)
    findings = [
        _criterion_finding(criterion, used)
        for criterion, used in zip(criteria, inputs, strict=True)
    ]
    if not determined:
        findings.append(_undetermined_finding(source))
    findings.append(_origin_finding(limits))
    findings.extend(_fractions_finding(plan.fractions, limits))
    for course in (*courses, plan):
        findings.extend(lq_validity_findings(course))
    return ReirradiationCheck(
        prior=courses,
        planned=plan,
        interval_days=interval,
        alpha_beta_gy=ratio,
        prior_eqd2_gy=prior_eqd2,
        planned_eqd2_gy=planned_eqd2,
        cumulative_eqd2_gy=cumulative,
        planned_share=share,
        criteria=criteria,
        within_limits=within,
        determined=determined,
        missing=() if determined else ("interval_days",),
        findings=tuple(findings),
        citation=source,
    )


# --- Re-irradiation: the largest planned dose -------------------------------------------------


@frozen(kw_only=True)
class ReirradiationAllowance:
    """The largest planned point-max dose that keeps every re-irradiation criterion.

    With prior EQD2 P, the planned EQD2 S must satisfy S <= 25 Gy, P + S <= 70 Gy and
    S / (P + S) <= 0.5, that is S <= P; so S <= min(25, 70 − P, P) (Sahgal 2012 /
    HyTEC limits). :attr:`allowed_eqd2_gy` is that budget (0 when none is left),
    :attr:`max_total_dose_gy` the physical dose with that EQD2 in :attr:`fractions`
    fractions.

    Attributes:
        prior: Point-max dose of each earlier course.
        fractions: Number of fractions of the planned course.
        interval_days: Days since the most recent prior course, or ``None``.
        alpha_beta_gy: α/β of every EQD2 (2 Gy).
        prior_eqd2_gy: Summed EQD2 of the prior courses.
        allowed_eqd2_gy: The largest planned EQD2 the dose criteria allow (>= 0).
        max_total_dose_gy: The largest planned point-max total dose in Gy, or ``None``
            when no positive dose keeps every criterion (no EQD2 left, or an interval
            known to be too short).
        binding: The dose criteria that set :attr:`allowed_eqd2_gy` (ties give
            several), followed by the interval when it is known to be too short.
        determined: ``False`` when the interval is unknown: the dose holds only if
            the interval turns out long enough.
        missing: ``("interval_days",)`` when undetermined, else ``()``.
        findings: The budget, and the caveats.
        citation: The source of the criteria (HyTEC).
    """

    prior: tuple[Fractionation, ...]
    fractions: int
    interval_days: float | None
    alpha_beta_gy: float
    prior_eqd2_gy: float
    allowed_eqd2_gy: float
    max_total_dose_gy: float | None
    binding: tuple[CriterionName, ...]
    determined: bool
    missing: tuple[str, ...]
    findings: tuple[Finding, ...]
    citation: Citation = SAHGAL_2021_HYTEC

    @property
    def max_dose(self) -> Fractionation | None:
        """The largest planned point-max dose as a Fractionation, or ``None``."""
        if self.max_total_dose_gy is None:
            return None
        return Fractionation(total_dose_gy=self.max_total_dose_gy, fractions=self.fractions)

    def __str__(self) -> str:
        """Show ``at most 14.58 Gy in 3 fractions (EQD2 25 Gy; binding: planned eqd2)``."""
        binding = ", ".join(name.value.replace("_", " ") for name in self.binding)
        noun = "fraction" if self.fractions == 1 else "fractions"
        if self.max_total_dose_gy is None:
            return f"no positive dose in {self.fractions} {noun} (binding: {binding})"
        return (
            f"at most {_fmt(self.max_total_dose_gy)} Gy in {self.fractions} {noun} "
            f"(EQD2 {_fmt(self.allowed_eqd2_gy)} Gy; binding: {binding})"
        )


def max_reirradiation_dose_gy(
    *,
    prior: Sequence[Fractionation],
    fractions: int,
    interval_days: float | None,
    limits: ReirradiationLimits = HYTEC_REIRRADIATION_LIMITS,
) -> ReirradiationAllowance:
    """Return the largest planned point-max dose that keeps every re-irradiation criterion.

    The planned EQD2 S may be at most min(25, 70 − P, P) Gy after a prior EQD2 P
    (the share criterion S / (P + S) <= 0.5 is S <= P; in general
    S <= P r / (1 − r) for a share limit r). The physical dose follows from
    :func:`isoeffective_dose_gy`.

    Args:
        prior: The cord (or thecal sac) point-max dose of each earlier course, at least one.
        fractions: Number of fractions of the planned course, 1 to 50 (the criteria
            were reported for 1 to 5; more gives a finding).
        interval_days: Days since the most recent prior course, or ``None``.
        limits: The criteria; :data:`HYTEC_REIRRADIATION_LIMITS` by default.

    Returns:
        The budget, the largest dose, the binding criteria and the findings.

    Raises:
        InvalidInputError: If an argument is out of range, naming it.

    References:
        Sahgal A, Chang JH, Ma L, et al. Int J Radiat Oncol Biol Phys.
        2021;110(1):124-136. doi:10.1016/j.ijrobp.2019.09.038 (abstract).
        Sahgal A, Ma L, Weinberg V, et al. Int J Radiat Oncol Biol Phys.
        2012;82(1):107-116 (abstract).

    Examples:
        After 8 Gy x 1 (20 Gy EQD2₂) the share criterion binds at 20 Gy, not 25:

        >>> allowance = max_reirradiation_dose_gy(
        ...     prior=[Fractionation(total_dose_gy=8, fractions=1)], fractions=1, interval_days=200
        ... )
        >>> allowance.allowed_eqd2_gy, allowance.max_total_dose_gy, allowance.binding[0].value
        (20.0, 8.0, 'planned_share')
    """
    courses = _fractionations("prior", prior, min_length=1)
    count = _integer("fractions", fractions, 1, 50)
    interval = _interval(interval_days)
    ratio = limits.alpha_beta_gy
    prior_eqd2 = total_eqd2_gy(courses, alpha_beta_gy=ratio)
    share = limits.planned_share
    budgets = {
        CriterionName.PLANNED_EQD2: limits.planned_eqd2_gy,
        CriterionName.CUMULATIVE_EQD2: limits.cumulative_eqd2_gy - prior_eqd2,
        CriterionName.PLANNED_SHARE: (math.inf if share >= 1 else prior_eqd2 * share / (1 - share)),
    }
    allowed = max(0.0, min(budgets.values()))
    binding = tuple(
        name
        for name, budget in budgets.items()
        if math.isclose(max(0.0, budget), allowed, rel_tol=0, abs_tol=_TOLERANCE)
    )
    interval_criterion = _interval_criterion(interval, limits.interval_days, limits.citation)
    source = limits.citation
    inputs = (
        FindingInput(name="prior", value=_courses_text(courses)),
        FindingInput(name="fractions", value=str(count)),
    )
    names = ", ".join(_DESCRIPTIONS[name] for name in binding)
    noun = "fraction" if count == 1 else "fractions"
    findings: list[Finding] = []
    maximum: float | None = None
    if allowed <= 0:
        statement = (
            f"After a prior point-max EQD2₂ of {_fmt(prior_eqd2)} Gy no positive planned dose "
            f"keeps every re-irradiation criterion (binding: {names})."
        )
    else:
        maximum = isoeffective_dose_gy(allowed, fractions=count, alpha_beta_gy=ratio)
        statement = (
            f"After a prior point-max EQD2₂ of {_fmt(prior_eqd2)} Gy the planned course's "
            f"thecal-sac point max may reach {_fmt(allowed)} Gy EQD2₂, {_fmt(maximum)} Gy in "
            f"{count} {noun}, for the dose criteria associated with a lower risk of "
            f"myelopathy to be met (binding: {names})."
        )
    findings.append(Finding(statement=statement, citation=source, inputs=inputs))
    if interval_criterion.passed is False:
        maximum = None
        binding = (*binding, CriterionName.INTERVAL)
        findings.append(_criterion_finding(interval_criterion, (_interval_input(interval),)))
    determined = interval_criterion.passed is not None or maximum is None
    if not determined:
        findings.append(
            Finding(
                statement=(
                    "The interval since the prior course ('interval_days') is unknown; the dose "
                    "holds only if it is at least "
                    f"{_fmt(limits.interval_months)} months ({_fmt(limits.interval_days)} days)."
                ),
                citation=source,
                inputs=(_interval_input(None),),
            )
        )
    findings.append(_origin_finding(limits))
    findings.extend(_fractions_finding(count, limits))
    return ReirradiationAllowance(
        prior=courses,
        fractions=count,
        interval_days=interval,
        alpha_beta_gy=ratio,
        prior_eqd2_gy=prior_eqd2,
        allowed_eqd2_gy=allowed,
        max_total_dose_gy=maximum,
        binding=binding,
        determined=determined,
        missing=() if determined else ("interval_days",),
        findings=tuple(findings),
        citation=source,
    )


# --- Conventional re-irradiation (Nieder 2006) ------------------------------------------------


def nieder_alpha_beta_gy(levels: Iterable[VertebralLevel]) -> float:
    """Return Nieder 2006's α/β for the cord at these levels: 2 Gy, or 4 Gy if all lumbar.

    Nieder used 2 Gy for the cervical and thoracic cord and 4 Gy for the lumbar
    cord. Levels spanning both take 2 Gy, the lower ratio, which gives the higher
    BED for doses per fraction above 0. Sacral levels are ignored (Nieder gives no
    value for them).

    Args:
        levels: The vertebral levels, at least one cervical, thoracic or lumbar.

    Returns:
        2.0 or 4.0.

    Raises:
        InvalidInputError: If no level is cervical, thoracic or lumbar.

    References:
        Nieder C, Grosu AL, Andratschke NH, Molls M. Int J Radiat Oncol Biol Phys.
        2006;66(5):1446-1449. doi:10.1016/j.ijrobp.2006.07.1383 (abstract).

    Examples:
        >>> nieder_alpha_beta_gy([VertebralLevel.T12, VertebralLevel.L1])
        2.0
        >>> nieder_alpha_beta_gy([VertebralLevel.L3])
        4.0
    """
    raw: object = levels  # at run time anything may arrive
    items: tuple[object, ...] = (
        tuple(raw) if isinstance(raw, Iterable) and not isinstance(raw, str) else ()
    )
    ratios = [
        NIEDER_ALPHA_BETA_GY[level.region]
        for level in items
        if isinstance(level, VertebralLevel) and level.region in NIEDER_ALPHA_BETA_GY
    ]
    if not ratios:
        expectation = "vertebral levels including a cervical, thoracic or lumbar one"
        _reject("levels", expectation, levels)
    return min(ratios)


@frozen(kw_only=True)
class NiederCheck:
    """A re-irradiation checked against Nieder 2006's conventional re-irradiation bounds.

    ``within_limits`` and ``determined`` follow :class:`ReirradiationCheck`.

    Attributes:
        prior: Cord dose of each earlier course.
        planned: Cord dose of the planned course.
        interval_days: Days between the courses, or ``None``.
        alpha_beta_gy: α/β of every BED (2 Gy cervical/thoracic, 4 Gy lumbar).
        cumulative_bed_gy: BED of all courses together.
        max_course_bed_gy: Highest BED of a single course.
        criteria: Cumulative BED, course BED, interval.
        within_limits: Whether every criterion is known to be met.
        determined: Whether the criteria settle ``within_limits``.
        missing: ``("interval_days",)`` when undetermined, else ``()``.
        findings: One per criterion and the caveats.
        citation: Nieder 2006.
    """

    prior: tuple[Fractionation, ...]
    planned: Fractionation
    interval_days: float | None
    alpha_beta_gy: float
    cumulative_bed_gy: float
    max_course_bed_gy: float
    criteria: tuple[Criterion, ...]
    within_limits: bool
    determined: bool
    missing: tuple[str, ...]
    findings: tuple[Finding, ...]
    citation: Citation = NIEDER_2006

    def __str__(self) -> str:
        """Summarize the check in one line."""
        verdict = (
            "all criteria met"
            if self.within_limits
            else ("undetermined (interval unknown)" if not self.determined else "not met")
        )
        return (
            f"Re-irradiation ({self.citation.short}, α/β {_fmt(self.alpha_beta_gy)} Gy): "
            f"cumulative BED {_fmt(self.cumulative_bed_gy)} Gy, highest course "
            f"{_fmt(self.max_course_bed_gy)} Gy: {verdict}"
        )


def nieder_check(
    *,
    prior: Sequence[Fractionation],
    planned: Fractionation,
    interval_days: float | None,
    alpha_beta_gy: float | None = None,
    levels: Iterable[VertebralLevel] | None = None,
) -> NiederCheck:
    """Check a re-irradiation against Nieder 2006's bounds for conventional re-irradiation.

    Nieder 2006: "the risk of RM appears small after <=135.5 Gy(2) when the interval
    is not shorter than 6 months and the dose of each course is <=98 Gy(2)". The
    interval of 6 months is taken as >= 182.625 days (6 mean Gregorian months).
    The cumulative BED up to which no myelopathy had been reported, 120 Gy₂, is
    reported as a separate finding. Give the α/β, or the levels to take it from
    (2 Gy cervical and thoracic, 4 Gy lumbar; see :func:`nieder_alpha_beta_gy`).

    Args:
        prior: Cord dose of each earlier course (the prescription for conventional
            RT, where the cord lies in the field), at least one.
        planned: Cord dose of the planned course.
        interval_days: Days between the courses, or ``None``.
        alpha_beta_gy: The α/β in Gy; give this or ``levels``, not both.
        levels: The treated levels, from which the α/β is taken.

    Returns:
        The BEDs, the three criteria, the verdict and the findings.

    Raises:
        InvalidInputError: If an argument is out of range, or not exactly one of
            ``alpha_beta_gy`` and ``levels`` is given.

    References:
        Nieder C, Grosu AL, Andratschke NH, Molls M. Update of human spinal cord
        reirradiation tolerance based on additional data from 38 patients. Int J
        Radiat Oncol Biol Phys. 2006;66(5):1446-1449.
        doi:10.1016/j.ijrobp.2006.07.1383. PMID 17084560 (abstract).

    Note:
        Nieder states the bounds in Gy₂ while computing lumbar BED with α/β 4 Gy;
        how the bounds apply to α/β-4 BED was not verified in the full text.

    Examples:
        >>> check = nieder_check(
        ...     prior=[Fractionation(total_dose_gy=30, fractions=10)],
        ...     planned=Fractionation(total_dose_gy=20, fractions=5),
        ...     interval_days=365,
        ...     levels=[VertebralLevel.T8],
        ... )
        >>> check.cumulative_bed_gy, check.within_limits
        (135.0, True)
    """
    if (alpha_beta_gy is None) == (levels is None):
        msg = "'alpha_beta_gy' must be given, or 'levels' instead, but not both"
        raise InvalidInputError(msg, field="alpha_beta_gy")
    if alpha_beta_gy is None:
        ratio = nieder_alpha_beta_gy(levels)  # type: ignore[arg-type]
    else:
        ratio = _positive("alpha_beta_gy", alpha_beta_gy)
    courses = _fractionations("prior", prior, min_length=1)
    plan = _fractionation("planned", planned)
    interval = _interval(interval_days)
    beds = [bed(course, alpha_beta_gy=ratio) for course in (*courses, plan)]
    cumulative = math.fsum(beds)
    highest = max(beds)
    criteria = (
        _at_most(
            CriterionName.CUMULATIVE_BED, cumulative, NIEDER_CUMULATIVE_BED_GY, "Gy", NIEDER_2006
        ),
        _at_most(CriterionName.COURSE_BED, highest, NIEDER_COURSE_BED_GY, "Gy", NIEDER_2006),
        _interval_criterion(interval, NIEDER_MIN_INTERVAL_DAYS, NIEDER_2006),
    )
    doses = (
        FindingInput(name="prior", value=_courses_text(courses)),
        FindingInput(name="planned", value=str(plan)),
        FindingInput(name="alpha_beta_gy", value=_fmt(ratio)),
    )
    inputs = (doses, doses, (_interval_input(interval),))
    within, determined = _verdict(criteria)
    findings = [
        _criterion_finding(criterion, used)
        for criterion, used in zip(criteria, inputs, strict=True)
    ]
    if not determined:
        findings.append(_undetermined_finding(NIEDER_2006))
    if cumulative > NIEDER_NO_MYELOPATHY_REPORTED_BED_GY:
        findings.append(
            Finding(
                statement=(
                    f"The cumulative BED of {_fmt(cumulative)} Gy is above the "
                    f"{_fmt(NIEDER_NO_MYELOPATHY_REPORTED_BED_GY)} Gy₂ up to which no case of "
                    "radiation myelopathy had been reported (with an interval of at least "
                    "6 months and each course <= 98 Gy₂)."
                ),
                citation=NIEDER_2006,
                inputs=doses,
            )
        )
    if ratio != CORD_ALPHA_BETA_GY:
        findings.append(
            Finding(
                statement=(
                    f"BED computed with α/β {_fmt(ratio)} Gy; Nieder 2006 states its bounds in "
                    "Gy₂, and how they apply to BED at another α/β was not verified in the "
                    "full text."
                ),
                citation=NIEDER_2006,
                inputs=(doses[2],),
            )
        )
    for course in (*courses, plan):
        findings.extend(lq_validity_findings(course))
    return NiederCheck(
        prior=courses,
        planned=plan,
        interval_days=interval,
        alpha_beta_gy=ratio,
        cumulative_bed_gy=cumulative,
        max_course_bed_gy=highest,
        criteria=criteria,
        within_limits=within,
        determined=determined,
        missing=() if determined else ("interval_days",),
        findings=tuple(findings),
    )


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
        limits: The re-irradiation criteria; :data:`HYTEC_REIRRADIATION_LIMITS` by default.

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
