"""Re-irradiation: the cord dose history of the lesion's levels as derived inputs, and its rules.

Conventional EBRT is judged by Nieder 2006 (``CEBRT_REIRRADIATION_RULE``), SBRT by the
Sahgal 2012 / HyTEC criteria (``SBRT_REIRRADIATION_RULE``). The derived inputs compute the
check once per lesion and plan; the options read the same values for their cord dose and
findings.
"""

from collections.abc import Mapping
from enum import Enum
from typing import Final

from attrs import frozen

from spinal_metastasis.anatomy import Region, VertebralLevel, format_levels
from spinal_metastasis.evidence import Finding, finding
from spinal_metastasis.model import RadiationCourse
from spinal_metastasis.radiobiology import (
    CORD_ALPHA_BETA_GY,
    CordDoseHistory,
    CordHistoryStatus,
    CriterionName,
    NiederCheck,
    ReirradiationAllowance,
    Schedule,
    cord_dose_history_of,
    max_reirradiation_dose_gy,
    nieder_check,
)
from spinal_metastasis.rule_engine.engine import (
    Eligibility,
    Input,
    Rule,
    Statement,
    Values,
    derived,
)
from spinal_metastasis.sources.radiobiology import (
    NIEDER_2006,
    RYU_2023,
    SAHGAL_2021_HYTEC,
)
from spinal_metastasis.treatments.context import OptionFacts
from spinal_metastasis.treatments.radiotherapy.figures import fmt

__all__ = [
    "CEBRT_REIRRADIATION",
    "CEBRT_REIRRADIATION_RULE",
    "SBRT_REIRRADIATION",
    "SBRT_REIRRADIATION_RULE",
    "CebrtReirradiation",
    "ReirradiationStatus",
    "SbrtReirradiation",
    "cebrt_reirradiation",
    "sbrt_reirradiation",
]

_E = Eligibility.ELIGIBLE
_C = Eligibility.CAUTION
_X = Eligibility.CONTRAINDICATED


# --- Re-irradiation: the cord dose history as a derived input ---------------------------------

#: Longest text of a finding's input value (FindingInput).
_INPUT_MAX_CHARS: Final = 200


class ReirradiationStatus(Enum):
    """What the earlier courses make of the planned one."""

    DE_NOVO = 0
    WITHIN = 1
    BEYOND = 2


@frozen(kw_only=True)
class CebrtReirradiation:
    """The Nieder 2006 check of a conventional course over the earlier ones.

    Attributes:
        history: The cord dose history of the lesion's levels.
        check: Nieder's check (``None`` unless a re-irradiation).
        sacral: Whether every level is sacral (Nieder gives no alpha/beta there).
        status: The statuses still possible (``None``: prior radiation unknown).
    """

    levels: tuple[VertebralLevel, ...]
    plan: Schedule
    history: CordDoseHistory
    check: NiederCheck | None
    sacral: bool
    status: ReirradiationStatus | None

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The findings the check adds to the toxicity figures."""
        history, label = self.history, format_levels(self.levels)
        # The history's own findings speak of the SBRT budget (HyTEC); keep the adjacent ones.
        adjacent = tuple(item for item in history.findings if item.citation is RYU_2023)
        if self.check is None:
            return () if history.status is CordHistoryStatus.UNDETERMINED else adjacent
        assumed = tuple(
            finding(
                f"The cord point maximum of {dose.course} is unknown; its prescription is "
                "assumed, as the cord lies inside a conventional field (hot spots can exceed it).",
                NIEDER_2006,
                cord_max_dose=None,
            )
            for dose in history.courses
            if dose.assumed
        )
        extra: tuple[Finding, ...] = ()
        if self.sacral:
            extra = (
                finding(
                    f"{label} is sacral, for which Nieder 2006 gives no alpha/beta; 2 Gy (the "
                    "cervical and thoracic value, the more cautious) is used.",
                    NIEDER_2006,
                    levels=label,
                ),
            )
        return (*assumed, *adjacent, *self.check.findings, *extra)


def cebrt_reirradiation(facts: OptionFacts) -> CebrtReirradiation:
    """Check the planned conventional course against the earlier ones (Nieder 2006)."""
    plan = facts.plan
    if plan is None:  # pragma: no cover - the radiotherapy options always plan a schedule
        raise ValueError(plan)
    prior, levels = facts.patient.prior_radiation, facts.lesion.levels
    return derived(
        "cebrt_reirradiation", (prior, levels, plan), lambda: _cebrt_check(prior, levels, plan)
    )


def _cebrt_check(
    prior_radiation: tuple[RadiationCourse, ...] | None,
    levels: tuple[VertebralLevel, ...],
    plan: Schedule,
) -> CebrtReirradiation:
    history = cord_dose_history_of(prior_radiation, levels)
    not_sacral = [level for level in levels if level.region is not Region.SACRAL]
    if history.status is not CordHistoryStatus.REIRRADIATION:
        status = (
            ReirradiationStatus.DE_NOVO if history.status is CordHistoryStatus.DE_NOVO else None
        )
        return CebrtReirradiation(
            levels=levels,
            plan=plan,
            history=history,
            check=None,
            sacral=not not_sacral,
            status=status,
        )
    prior = [dose.point_max for dose in history.courses]
    if not_sacral:
        check = nieder_check(
            prior=prior,
            planned=plan.fractionation,
            interval_days=history.interval_days,
            levels=not_sacral,
        )
    else:
        check = nieder_check(
            prior=prior,
            planned=plan.fractionation,
            interval_days=history.interval_days,
            alpha_beta_gy=CORD_ALPHA_BETA_GY,
        )
    beyond = any(
        c.passed is False
        for c in check.criteria
        if c.name in {CriterionName.CUMULATIVE_BED, CriterionName.COURSE_BED}
    )
    return CebrtReirradiation(
        levels=levels,
        plan=plan,
        history=history,
        check=check,
        sacral=not not_sacral,
        status=ReirradiationStatus.BEYOND if beyond else ReirradiationStatus.WITHIN,
    )


def _cebrt_status(value: object) -> tuple[ReirradiationStatus, ...] | None:
    if not isinstance(value, CebrtReirradiation):  # pragma: no cover - read by the input
        raise TypeError(value)
    return None if value.status is None else (value.status,)


CEBRT_REIRRADIATION: Final[Input[OptionFacts]] = Input(
    name="cebrt_reirradiation",
    fields=("prior_radiation", "levels"),
    read=lambda facts: facts.derived("cebrt_reirradiation", cebrt_reirradiation),
    domain=_cebrt_status,
    description="the Nieder 2006 check of the planned course over the earlier courses to "
    "the lesion's levels",
)

_STATUS_VERDICT: Final[Mapping[ReirradiationStatus, Eligibility]] = {
    ReirradiationStatus.DE_NOVO: _E,
    ReirradiationStatus.WITHIN: _C,
    ReirradiationStatus.BEYOND: _X,
}


def _prior_text(history: CordDoseHistory) -> str:
    text = "; ".join(str(dose.course) for dose in history.courses)
    return text if len(text) <= _INPUT_MAX_CHARS else f"{len(history.courses)} courses"


def _unknown_prior(label: str, criteria: str) -> Statement:
    return Statement(
        text=f"Whether {label} was irradiated before is unknown ('prior_radiation'): a prior "
        f"course would make this a re-irradiation, judged by {criteria}.",
        inputs={"prior_radiation": None},
    )


def _cebrt_reirradiation_says(_possible: frozenset[Eligibility], values: Values) -> Statement:
    value = values["cebrt_reirradiation"]
    if not isinstance(value, CebrtReirradiation):  # pragma: no cover - read by the input
        raise TypeError(value)
    label, plan, check = format_levels(value.levels), value.plan, value.check
    if value.status is None:
        return _unknown_prior(label, "Nieder 2006")
    if check is None:
        return Statement(
            text=f"No earlier course overlaps {label}: not a re-irradiation.",
            inputs={"prior_radiation": "none overlapping"},
        )
    interval = next(c for c in check.criteria if c.name is CriterionName.INTERVAL)
    timing = {
        True: "at least 6 months since the last course",
        False: "less than Nieder's 6 months since the last course",
        None: "interval since the last course unknown",
    }[interval.passed]
    dose = (
        f"cumulative cord BED {fmt(check.cumulative_bed_gy)} Gy (<= 135.5) and highest "
        f"course {fmt(check.max_course_bed_gy)} Gy (<= 98), alpha/beta "
        f"{fmt(check.alpha_beta_gy)} Gy"
    )
    if value.status is ReirradiationStatus.BEYOND:
        text = (
            f"Conventional re-irradiation of {label} with {plan.name}: {dose}, beyond the "
            f"bounds within which Nieder 2006 found the myelopathy risk small; {timing}."
        )
    else:
        text = (
            f"Conventional re-irradiation of {label} with {plan.name}: {dose}, within the "
            f"bounds of Nieder 2006; {timing}. Re-irradiation needs care even so."
        )
    return Statement(
        text=text,
        inputs={
            "prior_radiation": _prior_text(value.history),
            "planned": str(plan.fractionation),
            "interval_days": value.history.interval_days,
        },
    )


def _status_verdict(values: Values, name: str) -> Eligibility:
    status = values[name]
    if not isinstance(status, ReirradiationStatus):  # pragma: no cover - the domain's values
        raise TypeError(status)
    return _STATUS_VERDICT[status]


CEBRT_REIRRADIATION_RULE: Final[Rule[OptionFacts]] = Rule(
    id="conventional_ebrt.reirradiation",
    description="Nieder 2006: cumulative cord BED <= 135.5 Gy2 and each course <= 98 Gy2 "
    "(caution); beyond them contraindicated; the interval is reported.",
    citation=NIEDER_2006,
    reads=(CEBRT_REIRRADIATION,),
    decide=lambda v: _status_verdict(v, "cebrt_reirradiation"),
    says=_cebrt_reirradiation_says,
)


@frozen(kw_only=True)
class SbrtReirradiation:
    """The Sahgal 2012 / HyTEC budget of an SBRT course over the earlier ones.

    Attributes:
        levels: The lesion's levels.
        plan: The planned schedule.
        history: The cord dose history of the levels.
        allowance: The largest dose the criteria allow (``None`` unless a re-irradiation).
        statuses: The statuses still possible (``()``: prior radiation unknown).
    """

    levels: tuple[VertebralLevel, ...]
    plan: Schedule
    history: CordDoseHistory
    allowance: ReirradiationAllowance | None
    statuses: tuple[ReirradiationStatus, ...]


def sbrt_reirradiation(facts: OptionFacts) -> SbrtReirradiation:
    """The SBRT dose the re-irradiation criteria allow over the earlier courses."""
    plan = facts.plan
    if plan is None:  # pragma: no cover - the radiotherapy options always plan a schedule
        raise ValueError(plan)
    prior, levels = facts.patient.prior_radiation, facts.lesion.levels
    return derived(
        "sbrt_reirradiation", (prior, levels, plan), lambda: _sbrt_check(prior, levels, plan)
    )


def _sbrt_check(
    prior_radiation: tuple[RadiationCourse, ...] | None,
    levels: tuple[VertebralLevel, ...],
    plan: Schedule,
) -> SbrtReirradiation:
    history = cord_dose_history_of(prior_radiation, levels)
    allowance = None
    statuses: tuple[ReirradiationStatus, ...] = ()
    if history.status is CordHistoryStatus.DE_NOVO:
        statuses = (ReirradiationStatus.DE_NOVO,)
    elif history.status is CordHistoryStatus.REIRRADIATION:
        allowance = max_reirradiation_dose_gy(
            prior=[dose.point_max for dose in history.courses],
            fractions=plan.fractionation.fractions,
            interval_days=history.interval_days,
        )
        if allowance.max_total_dose_gy is None:
            statuses = (ReirradiationStatus.BEYOND,)
        elif allowance.determined:
            statuses = (ReirradiationStatus.WITHIN,)
        else:
            statuses = (ReirradiationStatus.WITHIN, ReirradiationStatus.BEYOND)
    return SbrtReirradiation(
        levels=levels, plan=plan, history=history, allowance=allowance, statuses=statuses
    )


def _sbrt_value(value: object) -> SbrtReirradiation:
    if not isinstance(value, SbrtReirradiation):  # pragma: no cover - read by the input
        raise TypeError(value)
    return value


def _sbrt_unknown(facts: OptionFacts) -> tuple[str, ...]:
    value = facts.derived("sbrt_reirradiation", sbrt_reirradiation)
    if value.history.status is CordHistoryStatus.UNDETERMINED:
        return ("prior_radiation",)
    # The history names the unknown interval by path (prior_radiation[0].days_since_completion):
    # the field a user supplies is the patient's prior radiation.
    return ("prior_radiation",) if value.history.missing else ()


SBRT_REIRRADIATION: Final[Input[OptionFacts]] = Input(
    name="sbrt_reirradiation",
    fields=("prior_radiation", "levels"),
    read=lambda facts: facts.derived("sbrt_reirradiation", sbrt_reirradiation),
    domain=lambda value: _sbrt_value(value).statuses or None,
    unknown=_sbrt_unknown,
    description="the Sahgal 2012 / HyTEC re-irradiation budget of the planned course",
)


def _sbrt_reirradiation_says(possible: frozenset[Eligibility], values: Values) -> Statement:
    value = _sbrt_value(values["sbrt_reirradiation"])
    label, plan, history = format_levels(value.levels), value.plan, value.history
    fractions = plan.fractionation.fractions
    if history.status is CordHistoryStatus.UNDETERMINED:
        return _unknown_prior(label, "Sahgal 2012 / HyTEC")
    if history.status is CordHistoryStatus.DE_NOVO:
        return Statement(
            text=f"No earlier course overlaps {label}: de novo SBRT, HyTEC cord limits.",
            inputs={"prior_radiation": "none overlapping"},
        )
    allowance = value.allowance
    if allowance is None:  # pragma: no cover - a re-irradiation has an allowance
        raise ValueError(allowance)
    if allowance.max_total_dose_gy is None:
        reason = (
            "the interval since the last course is shorter than 5 months"
            if CriterionName.INTERVAL in allowance.binding
            else f"the prior cord EQD2 of {fmt(allowance.prior_eqd2_gy)} Gy leaves no dose"
        )
        text = (
            f"SBRT re-irradiation of {label}: no positive cord dose keeps the Sahgal 2012 / "
            f"HyTEC re-irradiation criteria, as {reason}."
        )
    else:
        text = (
            f"SBRT re-irradiation of {label}: the criteria leave "
            f"{fmt(allowance.allowed_eqd2_gy)} Gy EQD2 to the thecal sac point maximum "
            f"({fmt(allowance.max_total_dose_gy)} Gy in {fractions} fractions), below the de "
            "novo cord limit of about 44.6 Gy EQD2: the plan is bound by the prior dose."
        )
        if len(possible) > 1:
            text += (
                " The interval since the last course is unknown; under 5 months, none is allowed."
            )
    return Statement(
        text=text,
        inputs={
            "prior_radiation": _prior_text(history),
            "interval_days": history.interval_days,
            "fractions": fractions,
        },
    )


SBRT_REIRRADIATION_RULE: Final[Rule[OptionFacts]] = Rule(
    id="sbrt.reirradiation",
    description="Sahgal 2012 / HyTEC: a cord dose allowed (caution); none allowed or an "
    "interval under 5 months contraindicated.",
    citation=SAHGAL_2021_HYTEC,
    reads=(SBRT_REIRRADIATION,),
    decide=lambda v: _status_verdict(v, "sbrt_reirradiation"),
    says=_sbrt_reirradiation_says,
)
