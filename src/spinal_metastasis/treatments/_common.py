"""Rules and trade-off arithmetic shared by several modalities.

- Systemic-therapy holds: each modality gives a table of hold recommendations by
  agent class; :func:`systemic_holds` applies it to the patient's current agents
  (a range over every agent class when they are unknown). Agent classes the table
  has no sourced recommendation for are reported, not guessed.
- Coagulation (SIR 2019, high bleeding-risk procedures) and active infection,
  for percutaneous procedures and open surgery.
"""

from collections.abc import Mapping
from typing import Final

from attrs import frozen

from spinal_metastasis._cache import VALUE_CACHE_SIZE, bounded, has_negative_zero
from spinal_metastasis.evidence import Citation, Finding, finding
from spinal_metastasis.model import Patient, SystemicAgent
from spinal_metastasis.ranges import DayRange
from spinal_metastasis.sources.treatments import SIR_2019
from spinal_metastasis.treatments.option import AgentHold, Eligibility, RuleOutcome, rule

__all__ = [
    "INR_HIGH_RISK_MAX",
    "PLATELETS_HIGH_RISK_MIN_10E9_PER_L",
    "HoldRecommendation",
    "agent_holds",
    "coagulation_rules",
    "coagulation_rules_of",
    "systemic_holds",
]

#: SIR 2019, high bleeding-risk procedures: consider platelet transfusion below 50 x 10^9/L.
PLATELETS_HIGH_RISK_MIN_10E9_PER_L = 50.0
#: SIR 2019, high bleeding-risk procedures: correct the INR to within 1.5-1.8 or less.
#: The stricter end (1.5) is used: above it the INR needs attention.
INR_HIGH_RISK_MAX = 1.5


@frozen(kw_only=True)
class HoldRecommendation:
    """A sourced recommendation for holding one agent class around a treatment.

    Attributes:
        days_before: Days to hold before the treatment.
        days_after: Days to hold after it.
        statement: The recommendation in words.
        citation: Its source.
    """

    days_before: DayRange
    days_after: DayRange
    statement: str
    citation: Citation


def systemic_holds(
    patient: Patient, table: Mapping[SystemicAgent, HoldRecommendation]
) -> tuple[DayRange, tuple[AgentHold, ...], tuple[Finding, ...]]:
    """Apply a hold table to the patient's current agents.

    Returns:
        The days the current systemic therapy is interrupted (the longest hold among
        the current agents, before plus after; the range over every agent class in
        the table when the agents are unknown; 0 when there are none), the hold of
        each current agent, and findings for agents without a sourced recommendation.
    """
    return agent_holds(patient.systemic_therapy, table)


def agent_holds(
    agents: tuple[SystemicAgent, ...] | None, table: Mapping[SystemicAgent, HoldRecommendation]
) -> tuple[DayRange, tuple[AgentHold, ...], tuple[Finding, ...]]:
    """Apply a hold table to current agents (``None``: unknown); see :func:`systemic_holds`."""
    if agents is None:
        high = max(
            (item.days_before.high + item.days_after.high for item in table.values()),
            default=0.0,
        )
        note = finding(
            "Current systemic therapy unknown: the interruption ranges over every agent class "
            "with a sourced hold recommendation.",
            next(iter(table.values())).citation if table else SIR_2019,
            systemic_therapy=None,
        )
        return DayRange(low=0, high=high), (), (note,)
    holds: list[AgentHold] = []
    findings: list[Finding] = []
    for agent in agents:
        recommendation = table.get(agent)
        if recommendation is None:
            continue
        holds.append(
            AgentHold(
                agent=agent,
                days_before=recommendation.days_before,
                days_after=recommendation.days_after,
                finding=finding(recommendation.statement, recommendation.citation, agent=agent),
            )
        )
    unsourced = [agent for agent in agents if agent not in table]
    if unsourced:
        names = ", ".join(agent.value.replace("_", " ") for agent in unsourced)
        findings.append(
            finding(
                f"No sourced hold recommendation for {names} around this treatment; "
                "not counted in the interruption.",
                next(iter(table.values())).citation if table else SIR_2019,
                systemic_therapy=tuple(unsourced),
            )
        )
    longest = DayRange(low=0, high=0)
    for hold in holds:
        total = hold.total_days
        longest = DayRange(low=max(longest.low, total.low), high=max(longest.high, total.high))
    return longest, tuple(holds), tuple(findings)


def coagulation_rules(patient: Patient) -> tuple[RuleOutcome, RuleOutcome]:
    """Platelet and INR rules for a high bleeding-risk procedure (SIR 2019).

    Values outside the thresholds are correctable before the procedure, so they
    give ``CAUTION``, not a contraindication. Unknown values leave both possible.
    """
    return coagulation_rules_of(patient.platelets_10e9_per_l, patient.inr)


def coagulation_rules_of(
    platelets: float | None, inr: float | None
) -> tuple[RuleOutcome, RuleOutcome]:
    """The rules of :func:`coagulation_rules` from the two values (``None``: unknown)."""
    # -0.0 equals 0.0 as a key but is shown as "-0": such values are judged afresh.
    if has_negative_zero((platelets, inr)):
        return _coagulation_rules(platelets, inr)
    return _memoized_coagulation_rules(platelets, inr)


def _coagulation_rules(
    platelets: float | None, inr: float | None
) -> tuple[RuleOutcome, RuleOutcome]:
    if platelets is None:
        platelet_rule = rule(
            {Eligibility.ELIGIBLE, Eligibility.CAUTION},
            "Platelet count unknown; SIR 2019 advises considering transfusion below "
            "50 x 10^9/L before high bleeding-risk procedures.",
            SIR_2019,
            missing=("platelets_10e9_per_l",),
            platelets_10e9_per_l=None,
        )
    elif platelets < PLATELETS_HIGH_RISK_MIN_10E9_PER_L:
        platelet_rule = rule(
            Eligibility.CAUTION,
            f"Platelets {platelets:g} x 10^9/L, below 50: consider transfusion before this "
            "high bleeding-risk procedure (SIR 2019).",
            SIR_2019,
            platelets_10e9_per_l=platelets,
        )
    else:
        platelet_rule = rule(
            Eligibility.ELIGIBLE,
            f"Platelets {platelets:g} x 10^9/L, at or above the SIR 2019 threshold of 50.",
            SIR_2019,
            platelets_10e9_per_l=platelets,
        )
    if inr is None:
        inr_rule = rule(
            {Eligibility.ELIGIBLE, Eligibility.CAUTION},
            "INR unknown; SIR 2019 advises correcting it to 1.5-1.8 or less before high "
            "bleeding-risk procedures.",
            SIR_2019,
            missing=("inr",),
            inr=None,
        )
    elif inr > INR_HIGH_RISK_MAX:
        inr_rule = rule(
            Eligibility.CAUTION,
            f"INR {inr:g}, above 1.5: correct it to 1.5-1.8 or less before this high "
            "bleeding-risk procedure (SIR 2019).",
            SIR_2019,
            inr=inr,
        )
    else:
        inr_rule = rule(
            Eligibility.ELIGIBLE,
            f"INR {inr:g}, within the SIR 2019 threshold (1.5 or less).",
            SIR_2019,
            inr=inr,
        )
    return platelet_rule, inr_rule


# Pure in the two laboratory values, with frozen results: memoized in a bounded cache
# (see spinal_metastasis._cache); every percutaneous option asks for the same two rules.
_memoized_coagulation_rules: Final = bounded(VALUE_CACHE_SIZE)(_coagulation_rules)
