"""SBRT re-irradiation of the spine: the Sahgal 2012 criteria as restated by HyTEC, and the check.

The criteria are thecal-sac point-maximum doses in EQD2 with α/β = 2 Gy and the
interval between courses; they are factors associated with a lower risk of
myelopathy in small series, not validated tolerances.
"""

from collections.abc import Sequence
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from attrs import field, frozen

from spinal_metastasis._format import two_decimals as _fmt
from spinal_metastasis._validators import (
    InstanceRule,
    IntegerRule,
    NumberRule,
    as_float,
)
from spinal_metastasis.evidence import Citation, Finding, FindingInput
from spinal_metastasis.model import Fractionation
from spinal_metastasis.radiobiology._checks import (
    _TOLERANCE,
    _courses_text,
    _fractionation,
    _fractionations,
    _interval,
)
from spinal_metastasis.radiobiology.cord_limits import _SBRT_MAX_FRACTIONS
from spinal_metastasis.radiobiology.lq import (
    CORD_ALPHA_BETA_GY,
    eqd2,
    lq_validity_findings,
    total_eqd2_gy,
)
from spinal_metastasis.ranges import DAYS_PER_MONTH, months_to_days
from spinal_metastasis.sources.radiobiology import (
    SAHGAL_2012,
    SAHGAL_2021_HYTEC,
)

__all__ = [
    "HYTEC_REIRRADIATION_LIMITS",
    "Comparison",
    "Criterion",
    "CriterionName",
    "ReirradiationCheck",
    "ReirradiationLimits",
    "reirradiation_check",
]


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
