"""The linear-quadratic model: BED, EQD2, isoeffective doses and the validity of LQ.

BED = D (1 + d / (α/β)) and EQD2 = BED / (1 + 2 / (α/β)) for a total dose D in
fractions of d Gy, without a correction for overall treatment time (Fowler 1989);
beyond 10 Gy per fraction :func:`lq_validity_findings` says how far LQ is trusted
(Brenner 2008).
"""

import math
from collections.abc import Iterable
from typing import Final

from spinal_metastasis._format import two_decimals as _fmt
from spinal_metastasis.evidence import Finding, FindingInput
from spinal_metastasis.model import Fractionation
from spinal_metastasis.radiobiology._checks import (
    _fractionation,
    _fractionations,
    _integer,
    _non_negative,
    _positive,
)
from spinal_metastasis.sources.radiobiology import (
    BRENNER_2008,
)

__all__ = [
    "CORD_ALPHA_BETA_GY",
    "LQ_REASONABLE_MAX_DOSE_PER_FRACTION_GY",
    "LQ_WELL_VALIDATED_MAX_DOSE_PER_FRACTION_GY",
    "bed",
    "eqd2",
    "isoeffective_dose_gy",
    "lq_validity_findings",
    "total_eqd2_gy",
]


#: Dose per fraction up to which the LQ model is "reasonably well validated, experimentally
#: and theoretically, up to about 10 Gy / fraction" (Brenner 2008, PMC2750078).
LQ_WELL_VALIDATED_MAX_DOSE_PER_FRACTION_GY: Final = 10.0
#: Dose per fraction up to which LQ "would be reasonable for use" (Brenner 2008).
LQ_REASONABLE_MAX_DOSE_PER_FRACTION_GY: Final = 18.0

#: α/β of the spinal cord in Sahgal 2012 and 2013 ("α/β = 2 Gy", Gy2/2) and HyTEC ("EQD2₂").
CORD_ALPHA_BETA_GY: Final = 2.0


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
