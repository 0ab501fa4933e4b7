"""Conventional re-irradiation of the spinal cord: the cumulative BED bounds of Nieder 2006."""

import math
from collections.abc import Iterable, Sequence
from types import MappingProxyType
from typing import Final

from attrs import frozen

from spinal_metastasis._format import two_decimals as _fmt
from spinal_metastasis.anatomy import Region, VertebralLevel
from spinal_metastasis.errors import InvalidInputError
from spinal_metastasis.evidence import Citation, Finding, FindingInput
from spinal_metastasis.model import Fractionation
from spinal_metastasis.radiobiology._checks import (
    _courses_text,
    _fractionation,
    _fractionations,
    _interval,
    _positive,
    _reject,
)
from spinal_metastasis.radiobiology.lq import CORD_ALPHA_BETA_GY, bed, lq_validity_findings
from spinal_metastasis.radiobiology.reirradiation import (
    Criterion,
    CriterionName,
    _at_most,
    _criterion_finding,
    _interval_criterion,
    _interval_input,
    _undetermined_finding,
    _verdict,
)
from spinal_metastasis.ranges import months_to_days
from spinal_metastasis.sources.radiobiology import (
    NIEDER_2006,
)

__all__ = [
    "NIEDER_ALPHA_BETA_GY",
    "NIEDER_COURSE_BED_GY",
    "NIEDER_CUMULATIVE_BED_GY",
    "NIEDER_MIN_INTERVAL_DAYS",
    "NIEDER_NO_MYELOPATHY_REPORTED_BED_GY",
    "NiederCheck",
    "nieder_alpha_beta_gy",
    "nieder_check",
]


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

    ``within_limits`` and ``determined`` follow
    :class:`~spinal_metastasis.radiobiology.reirradiation.ReirradiationCheck`.

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
