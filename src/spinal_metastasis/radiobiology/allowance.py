"""The largest planned re-irradiation dose that keeps every Sahgal 2012 / HyTEC criterion."""

import math
from collections.abc import Sequence

from attrs import frozen

from spinal_metastasis._format import two_decimals as _fmt
from spinal_metastasis.evidence import Citation, Finding, FindingInput
from spinal_metastasis.model import Fractionation
from spinal_metastasis.radiobiology._checks import (
    _TOLERANCE,
    _courses_text,
    _fractionations,
    _integer,
    _interval,
)
from spinal_metastasis.radiobiology.lq import isoeffective_dose_gy, total_eqd2_gy
from spinal_metastasis.radiobiology.reirradiation import (
    _DESCRIPTIONS,
    HYTEC_REIRRADIATION_LIMITS,
    CriterionName,
    ReirradiationLimits,
    _criterion_finding,
    _fractions_finding,
    _interval_criterion,
    _interval_input,
    _origin_finding,
)
from spinal_metastasis.sources.radiobiology import (
    SAHGAL_2021_HYTEC,
)

__all__ = [
    "ReirradiationAllowance",
    "max_reirradiation_dose_gy",
]


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
    :func:`spinal_metastasis.radiobiology.lq.isoeffective_dose_gy`.

    Args:
        prior: The cord (or thecal sac) point-max dose of each earlier course, at least one.
        fractions: Number of fractions of the planned course, 1 to 50 (the criteria
            were reported for 1 to 5; more gives a finding).
        interval_days: Days since the most recent prior course, or ``None``.
        limits: The criteria;
            :data:`~spinal_metastasis.radiobiology.reirradiation.HYTEC_REIRRADIATION_LIMITS`
            by default.

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
