"""Rules and trade-off arithmetic shared by several modalities.

- Systemic-therapy holds: each modality gives a table of hold recommendations by
  agent class; :func:`systemic_holds` applies it to the patient's current agents
  (a range over every agent class when they are unknown). Agent classes the table
  has no sourced recommendation for are reported, not guessed.
- Coagulation (SIR 2019, high bleeding-risk procedures), declared once
  (:func:`coagulation_rules`) for the percutaneous procedures that apply it.
"""

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Final

from attrs import frozen

from spinal_metastasis.evidence import Citation, Finding, finding
from spinal_metastasis.model import Patient, SystemicAgent
from spinal_metastasis.ranges import DayRange
from spinal_metastasis.rule_engine.engine import Eligibility, Rule, Statement, Values, field_input
from spinal_metastasis.sources.treatments import SIR_2019
from spinal_metastasis.treatments.option import AgentHold

if TYPE_CHECKING:
    from spinal_metastasis.treatments.context import OptionFacts

__all__ = [
    "INR",
    "INR_HIGH_RISK_MAX",
    "PLATELETS",
    "PLATELETS_HIGH_RISK_MIN_10E9_PER_L",
    "HoldRecommendation",
    "agent_holds",
    "coagulation_rules",
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


PLATELETS: Final = field_input("platelets_10e9_per_l", None)
INR: Final = field_input("inr", None)
_EITHER: Final = frozenset({Eligibility.ELIGIBLE, Eligibility.CAUTION})


def _number(values: Values, name: str) -> float:
    value = values[name]
    if not isinstance(value, float):  # pragma: no cover - the fields are floats
        raise TypeError(value)
    return value


def _platelets_says(note: str) -> "Callable[[frozenset[Eligibility], Values], Statement]":
    def says(_possible: frozenset[Eligibility], values: Values) -> Statement:
        platelets = values["platelets_10e9_per_l"]
        shown = {"platelets_10e9_per_l": platelets}
        if platelets is None:
            text = (
                "Platelet count unknown; SIR 2019 advises considering transfusion below "
                "50 x 10^9/L before high bleeding-risk procedures."
            )
        elif _number(values, "platelets_10e9_per_l") < PLATELETS_HIGH_RISK_MIN_10E9_PER_L:
            text = (
                f"Platelets {platelets:g} x 10^9/L, below 50: consider transfusion before this "
                "high bleeding-risk procedure (SIR 2019)."
            )
        else:
            text = f"Platelets {platelets:g} x 10^9/L, at or above the SIR 2019 threshold of 50."
        return Statement(text=text + note, inputs=shown)

    return says


def _inr_says(note: str) -> "Callable[[frozenset[Eligibility], Values], Statement]":
    def says(_possible: frozenset[Eligibility], values: Values) -> Statement:
        inr = values["inr"]
        shown = {"inr": inr}
        if inr is None:
            text = (
                "INR unknown; SIR 2019 advises correcting it to 1.5-1.8 or less before high "
                "bleeding-risk procedures."
            )
        elif _number(values, "inr") > INR_HIGH_RISK_MAX:
            text = (
                f"INR {inr:g}, above 1.5: correct it to 1.5-1.8 or less before this high "
                "bleeding-risk procedure (SIR 2019)."
            )
        else:
            text = f"INR {inr:g}, within the SIR 2019 threshold (1.5 or less)."
        return Statement(text=text + note, inputs=shown)

    return says


def coagulation_rules(
    family: str = "coagulation", note: str = ""
) -> "tuple[Rule[OptionFacts], Rule[OptionFacts]]":
    """The platelet and INR rules for a high bleeding-risk procedure (SIR 2019).

    Values outside the thresholds are correctable before the procedure, so they give
    ``CAUTION``, not a contraindication; an unknown value leaves both possible.

    Args:
        family: The id's family (``"coagulation"``, shared by the options that apply it).
        note: A sentence added to every statement (why the thresholds apply).
    """
    platelets: Rule[OptionFacts] = Rule(
        id=f"{family}.platelets",
        description="SIR 2019, high bleeding-risk procedures: platelets below 50 x 10^9/L "
        "(caution: consider transfusion).",
        citation=SIR_2019,
        reads=(PLATELETS,),
        decide=lambda v: (
            Eligibility.CAUTION
            if _number(v, "platelets_10e9_per_l") < PLATELETS_HIGH_RISK_MIN_10E9_PER_L
            else Eligibility.ELIGIBLE
        ),
        says=_platelets_says(note),
        when_unknown=_EITHER,
    )
    inr: Rule[OptionFacts] = Rule(
        id=f"{family}.inr",
        description="SIR 2019, high bleeding-risk procedures: INR above 1.5 (caution: correct "
        "it to 1.5-1.8 or less).",
        citation=SIR_2019,
        reads=(INR,),
        decide=lambda v: (
            Eligibility.CAUTION if _number(v, "inr") > INR_HIGH_RISK_MAX else Eligibility.ELIGIBLE
        ),
        says=_inr_says(note),
        when_unknown=_EITHER,
    )
    return platelets, inr
