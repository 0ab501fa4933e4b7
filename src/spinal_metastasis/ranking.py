"""Ranking of the options of one lesion by the patient's priorities.

Each priority is a cost read from the options' trade-off figures; an option is scored only
on the priorities it has figures for, and never wins on a figure it lacks (see
:func:`rank_options`). :mod:`spinal_metastasis.assessment` re-exports these names.
"""

import math
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Final, NamedTuple

from attrs import frozen

from spinal_metastasis.ranges import ProbabilityRange
from spinal_metastasis.treatments.option import (
    Eligibility,
    Modality,
    OptionAssessment,
)

__all__ = ["Priority", "RankedOption", "rank_options"]


class Priority(StrEnum):
    """What matters most to the patient, for ranking the options."""

    FAST_PAIN_RELIEF = "fast_pain_relief"
    KEEP_SYSTEMIC_THERAPY = "keep_systemic_therapy"
    AVOID_OPEN_SURGERY = "avoid_open_surgery"
    DURABILITY = "durability"
    AVOID_COLLAPSE = "avoid_collapse"


@frozen(kw_only=True)
class RankedOption:
    """An option's place in a ranking.

    Attributes:
        rank: 1 for the first; options tied on eligibility and score share a rank.
        modality: The option.
        eligibility: Its eligibility.
        score: The weighted cost it was ranked by (lower is better), over the
            priorities it has figures for; ``inf`` when it has none.
        dominated_by: The options at least as good on every priority and on
            eligibility, and better on one.
        without_figures: The priorities it has no figure for: it was ranked
            without them (a missing figure is neither a good nor a bad one).
        tied_with: The options that share its rank.

    .. versionchanged:: 0.2
       ``without_figures`` and ``tied_with``; ties share a rank.
    """

    rank: int
    modality: Modality
    eligibility: Eligibility
    score: float
    dominated_by: tuple[Modality, ...]
    without_figures: tuple[Priority, ...] = ()
    tied_with: tuple[Modality, ...] = ()


#: The placeholder of a collapse risk no source gives (``CollapseRisk.probability``): missing.
_NO_PROBABILITY: Final = ProbabilityRange(low=0, high=1)
#: Options whose local-control figure is absent because they do not treat the tumor, as their
#: own findings say (decompression: Patchell 2005; stabilization: NOMS; cement: Saravana-Bawan
#: 2019; supportive care): a known absence, which costs the maximum, not a missing figure.
_NO_TUMOR_TREATMENT: Final = frozenset(
    {
        Modality.DECOMPRESSIVE_LAMINECTOMY,
        Modality.POSTERIOR_STABILIZATION,
        Modality.VERTEBRAL_AUGMENTATION,
        Modality.BEST_SUPPORTIVE_CARE,
    }
)
#: Supportive care has no procedure: systemic therapy is not interrupted (a figure, 0 days).
_SUPPORTIVE: Final = Modality.BEST_SUPPORTIVE_CARE
#: The ranking's eligibility pools: eligible, caution, undetermined, contraindicated.
_POOL: Final = {
    Eligibility.ELIGIBLE: 0,
    Eligibility.CAUTION: 1,
    Eligibility.UNDETERMINED: 2,
    Eligibility.CONTRAINDICATED: 3,
}
_Cost = tuple[float, float]


def _cost(
    option: OptionAssessment, priority: Priority, *, holds_sourced: bool = True
) -> _Cost | None:
    """Cost of an option on one priority as a (low, high) pair (lower is better), or ``None``.

    ``None`` is a missing figure: no onset, no sourced hold (0 days without a hold
    recommendation for the current agents, when some option has one), no collapse figure
    (the 0-100 % placeholder), no local-control figure for an option that treats the tumor.
    A known absence (no local control from an option that does not treat the tumor) costs
    the maximum, 1.
    """
    match priority:
        case Priority.FAST_PAIN_RELIEF:
            onset = option.pain_relief.onset_days
            return None if onset is None else (onset.low, onset.high)
        case Priority.KEEP_SYSTEMIC_THERAPY:
            hold = option.toxicity.systemic_therapy_hold_days
            unsourced = (
                holds_sourced
                and hold.high == 0
                and not option.toxicity.holds
                and option.modality is not _SUPPORTIVE
            )
            return None if unsourced else (hold.low, hold.high)
        case Priority.AVOID_OPEN_SURGERY:
            value = 1.0 if option.modality.is_open_surgery else 0.0
            return (value, value)
        case Priority.DURABILITY:
            control = option.local_control.probability
            if control is None:
                return (1.0, 1.0) if option.modality in _NO_TUMOR_TREATMENT else None
            return (1 - control.high, 1 - control.low)
        case _:  # Priority.AVOID_COLLAPSE
            risk = option.collapse_risk.probability
            return None if risk == _NO_PROBABILITY else (risk.low, risk.high)


def _pools_comparable(a: OptionAssessment, b: OptionAssessment) -> bool:
    """Whether ``a``'s eligibility is no worse than ``b``'s, for the ranking.

    Supportive care is open to everyone, so its eligibility earns it nothing: it stands with
    the eligible and the caution options alike and competes with them on trade-offs.
    """
    if _SUPPORTIVE in (a.modality, b.modality):
        pools = {_POOL[a.eligibility], _POOL[b.eligibility]}
        if pools <= {0, 1}:
            return True
    return _POOL[a.eligibility] <= _POOL[b.eligibility]


def _strictly_better_pool(a: OptionAssessment, b: OptionAssessment) -> bool:
    return _pools_comparable(a, b) and not _pools_comparable(b, a)


def _dominates(
    a: OptionAssessment,
    b: OptionAssessment,
    priorities: Sequence[Priority],
    *,
    holds_sourced: bool = True,
) -> bool:
    """Whether ``a`` is at least as good as ``b`` on eligibility and every priority, better on one.

    Both must have a figure on the same priorities (a missing figure is neither better nor
    worse than a figure); where both miss one, they are equal on it.
    """
    if not _pools_comparable(a, b):
        return False
    costs_a = [_cost(a, p, holds_sourced=holds_sourced) for p in priorities]
    costs_b = [_cost(b, p, holds_sourced=holds_sourced) for p in priorities]
    if any((x is None) != (y is None) for x, y in zip(costs_a, costs_b, strict=True)):
        return False
    pairs = [
        (x, y) for x, y in zip(costs_a, costs_b, strict=True) if x is not None and y is not None
    ]
    no_worse = all(x[0] <= y[0] and x[1] <= y[1] for x, y in pairs)
    return no_worse and (any(x != y for x, y in pairs) or _strictly_better_pool(a, b))


class _Scored(NamedTuple):
    option: OptionAssessment
    order: int
    costs: dict[Priority, float]  # normalized midpoints of the priorities with figures


def _mean(
    costs: dict[Priority, float], weights: dict[Priority, int], on: Iterable[Priority]
) -> float:
    chosen = [p for p in on if p in costs]
    total = sum(weights[p] for p in chosen)
    return sum(weights[p] * costs[p] for p in chosen) / total if total else math.inf


def _covers(a: _Scored, b: _Scored, weights: dict[Priority, int]) -> bool:
    """Whether ``a`` has every figure ``b`` has and more, and is no worse on ``b``'s figures.

    Then ``b`` must not rank above ``a``: it would win on the figures it lacks.
    """
    return (
        _pools_comparable(a.option, b.option)
        and set(b.costs) < set(a.costs)
        and _mean(a.costs, weights, b.costs) <= _mean(b.costs, weights, b.costs)
    )


def rank_options(
    options: Sequence[OptionAssessment],
    priorities: Sequence[Priority],
    *,
    include_contraindicated: bool = False,
) -> tuple[RankedOption, ...]:
    """Order options by eligibility, then by the patient's priorities.

    Each priority is a cost (onset days, hold days, open surgery, 1 - local control,
    collapse probability), normalized by its largest value among the options; ranges count
    by their midpoint; the first priority weighs most (weights n, n-1, ..., 1).

    - **Missing stays missing.** An option is scored on the priorities it has figures for
      (the weighted mean of their costs), and ``without_figures`` names the others. It never
      ranks above an option that has every figure it has and more and is no worse on its
      figures: it would win on the figures it lacks. A known absence (no local control from
      an option that does not treat the tumor) costs the maximum.
    - **Eligibility.** Eligible options come first, then caution, undetermined and
      contraindicated. Best supportive care, open to everyone, gains nothing from being
      eligible: it ranks by trade-offs among the eligible and caution options, after every
      one of them whose score is no worse than its own (never above a local treatment on a
      tie).
    - **Dominance.** An option never ranks above an option that dominates it (at least as good
      on eligibility and every priority with figures, better on one).
    - **Ties** (same eligibility pool and score, neither ordered above the other by the rules
      above) share a rank, listed in the order given; never alphabetical.

    Args:
        options: The options of one lesion.
        priorities: What matters, most important first (no repeats).
        include_contraindicated: Whether to keep contraindicated options (last).

    Returns:
        The ranked options.

    References:
        Patchell RA, et al. Lancet. 2005;366(9486):643-648 (surgery plus radiotherapy over
        radiotherapy alone); Lutz S, et al. Pract Radiat Oncol. 2017;7(1):4-12 (palliative
        radiotherapy relieves pain in 50-80 %): supportive care is not preferred by default.
    """
    kept = [
        option
        for option in options
        if include_contraindicated or option.eligibility is not Eligibility.CONTRAINDICATED
    ]
    holds_sourced = any(option.toxicity.holds for option in kept)
    weights = {priority: len(priorities) - index for index, priority in enumerate(priorities)}
    raw = [
        {p: _cost(option, p, holds_sourced=holds_sourced) for p in priorities} for option in kept
    ]
    scales: dict[Priority, float] = {}
    for priority in priorities:
        values = [v for costs in raw if (c := costs[priority]) is not None for v in c]
        scales[priority] = max(values, default=1.0) or 1.0
    scored = [
        _Scored(
            option=option,
            order=index,
            costs={p: (c[0] + c[1]) / 2 / scales[p] for p, c in costs.items() if c is not None},
        )
        for index, (option, costs) in enumerate(zip(kept, raw, strict=True))
    ]
    score = {item.order: _mean(item.costs, weights, priorities) for item in scored}

    # Which options dominate which, and which must rank above which (dominance, or the lower
    # one lacks figures the upper has): each pair judged once.
    dominates = {
        (a.order, b.order): a is not b
        and _dominates(a.option, b.option, priorities, holds_sourced=holds_sourced)
        for a in scored
        for b in scored
    }
    above = {
        (a.order, b.order): dominates[a.order, b.order] or (a is not b and _covers(a, b, weights))
        for a in scored
        for b in scored
    }

    def before(a: _Scored, b: _Scored) -> bool:
        """Whether ``a`` must rank above ``b``."""
        return above[a.order, b.order]

    caution_scores = [
        score[item.order]
        for item in scored
        if item.option.eligibility is Eligibility.CAUTION
        and item.option.modality is not _SUPPORTIVE
    ]

    def key(item: _Scored) -> tuple[int, float, int]:
        own = score[item.order]
        if item.option.modality is _SUPPORTIVE and item.option.eligibility is Eligibility.ELIGIBLE:
            # After every eligible or caution option whose score is no worse than its own.
            pool = 1 if any(other <= own for other in caution_scores) else 0
            return (pool, own, 1)
        return (_POOL[item.option.eligibility], own, 0)

    remaining = list(scored)
    ordered: list[_Scored] = []
    while remaining:
        free = [b for b in remaining if not any(before(a, b) for a in remaining if a is not b)]
        chosen = min(free, key=lambda item: (key(item), item.order))
        ordered.append(chosen)
        remaining.remove(chosen)

    ranks: list[int] = []
    for position, item in enumerate(ordered):
        group_start = position
        while group_start > 0 and key(ordered[group_start - 1])[:2] == key(item)[:2]:
            group_start -= 1
        tied = ordered[group_start:position]
        if tied and not any(before(other, item) for other in tied):
            ranks.append(ranks[group_start])
        else:
            ranks.append(position + 1)
    return tuple(
        RankedOption(
            rank=rank,
            modality=item.option.modality,
            eligibility=item.option.eligibility,
            score=round(score[item.order], 6),
            dominated_by=tuple(
                other.option.modality for other in scored if dominates[other.order, item.order]
            ),
            without_figures=tuple(p for p in priorities if p not in item.costs),
            tied_with=tuple(
                other.option.modality
                for other, other_rank in zip(ordered, ranks, strict=True)
                if other_rank == rank and other is not item
            ),
        )
        for item, rank in zip(ordered, ranks, strict=True)
    )
