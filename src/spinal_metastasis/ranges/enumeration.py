"""Exact arithmetic under unknown inputs: the enumeration that scores and rules share.

A score is a sum of components (or a capped sum), each a function of discrete
*factors* derived from the inputs. A known factor has one value; an unknown one
has every value it can take; a partly known one (a count known to be at least 3,
a KPS known only through ECOG) has the values still possible. Enumerating the
product of the factor domains gives, exactly:

- the range of each component and of the total (sound: it holds the total of
  every completion; tight: both ends are the total of some completion);
- the set of categories still possible;
- the unknown inputs that could still change the category: a factor matters when
  two completions that differ in that factor alone fall in different categories.

The domains are small (the largest product, SINS with every finding unknown, has
1,296 completions), and a fully known record is a single evaluation.

:func:`evaluate` (and :func:`evaluate_sum`, its shortcut for plain sums) serves
the scores; :func:`decide` enumerates any decision over factors (a NOMS step, an
eligibility rule) to the outcomes still possible and the inputs that decide it.

Examples:
    >>> from spinal_metastasis.ranges.enumeration import decide, factor
    >>> kps = factor("kps", (60, 70), kps=None)
    >>> decide([kps], lambda values: values["kps"] >= 70)
    (frozenset({False, True}), ('kps',))
"""

import itertools
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any, Generic, TypeVar

from attrs import field, frozen

from spinal_metastasis._cache import bounded
from spinal_metastasis._validators import StringRule, TupleRule
from spinal_metastasis.evidence import FindingInput, finding_inputs, input_value
from spinal_metastasis.ranges import ScoreRange

__all__ = [
    "Evaluation",
    "Factor",
    "ScoreComponent",
    "component",
    "decide",
    "evaluate",
    "evaluate_sum",
    "factor",
    "input_value",
    "score_range",
]

C = TypeVar("C", bound=Hashable)


@frozen(kw_only=True)
class Factor:
    """A discrete variable derived from one or more inputs.

    Attributes:
        name: The factor's name (usually the component it feeds).
        inputs: The model fields it is derived from, with their values.
        domain: The values still possible: one when known.
    """

    name: str
    inputs: tuple[FindingInput, ...]
    domain: tuple[Hashable, ...]

    @property
    def is_known(self) -> bool:
        """Whether a single value is possible."""
        return len(self.domain) == 1


def factor(name: str, domain: Sequence[Hashable], **inputs: object) -> Factor:
    """Build a factor from its domain and the named input values it comes from."""
    return Factor(
        name=name,
        inputs=finding_inputs(**inputs),
        domain=tuple(domain),
    )


@frozen(kw_only=True)
class ScoreComponent:
    """One item of a score: what was found, and the points it gives.

    Attributes:
        name: The item as the paper names it (``"location"``).
        finding: What was found (``"junctional (T12)"``), or what is still possible.
        points: The item's points; a range when inputs are unknown.
        inputs: The input values the item used.
    """

    name: str = field(validator=StringRule(optional=False))
    finding: str = field(validator=StringRule(optional=False, max_length=400))
    points: ScoreRange
    inputs: tuple[FindingInput, ...] = field(
        default=(), validator=TupleRule(element=FindingInput, optional=False)
    )

    def __str__(self) -> str:
        """Show ``location 3``."""
        return f"{self.name} {self.points}"


# Ranges and components are frozen and validated when built; the scores build the same few
# again and again, so they are memoized on their exact fields (see spinal_metastasis._cache).
@bounded(1024)
def score_range(low: int, high: int) -> ScoreRange:
    """Return ``ScoreRange(low=low, high=high)`` (built once per pair of totals)."""
    return ScoreRange(low=low, high=high)


@bounded(8192)
def component(
    name: str, finding: str, points: ScoreRange, inputs: tuple[FindingInput, ...]
) -> ScoreComponent:
    """Return ``ScoreComponent(...)`` of these fields (built once per distinct item)."""
    return ScoreComponent(name=name, finding=finding, points=points, inputs=inputs)


@frozen(kw_only=True)
class Evaluation(Generic[C]):
    """The exact result of enumerating every completion of the unknown factors."""

    component_points: tuple[ScoreRange, ...]
    points: ScoreRange
    possible_categories: frozenset[C]
    missing: tuple[str, ...]

    @property
    def category(self) -> C | None:
        """The category when only one is possible."""
        if len(self.possible_categories) == 1:
            return next(iter(self.possible_categories))
        return None


def evaluate(
    factors: Sequence[Factor],
    *,
    components: Callable[[Mapping[str, Hashable]], Sequence[int]],
    categorize: Callable[[int], C],
    total: Callable[[Sequence[int]], int] = sum,
) -> Evaluation[C]:
    """Enumerate the completions of the factors' domains.

    Args:
        factors: The factors, each with its domain.
        components: Points of each component for one completion (by factor name).
        categorize: Category of a total.
        total: Total of the component points (a plain sum unless the score caps it).

    Returns:
        The exact ranges, the possible categories and the inputs that could still
        change the category.
    """
    names = [item.name for item in factors]
    # Each distinct vector of component points is totalled and categorized once; the ranges
    # are the columns' extremes over every completion.
    category_of: dict[tuple[Hashable, ...], C] = {}
    outcome_of: dict[tuple[int, ...], tuple[int, C]] = {}
    for values in itertools.product(*(item.domain for item in factors)):
        points = tuple(components(dict(zip(names, values, strict=True))))
        outcome = outcome_of.get(points)
        if outcome is None:
            score = total(points)
            outcome = outcome_of[points] = (score, categorize(score))
        category_of[values] = outcome[1]
    columns = list(zip(*outcome_of, strict=True))
    scores = [score for score, _ in outcome_of.values()]
    categories = frozenset(category for _, category in outcome_of.values())
    missing = _deciding_inputs(factors, category_of) if len(categories) > 1 else ()
    return Evaluation(
        component_points=tuple(score_range(min(column), max(column)) for column in columns),
        points=score_range(min(scores), max(scores)),
        possible_categories=categories,
        missing=missing,
    )


def _changes_category(category_of: Mapping[tuple[Hashable, ...], Hashable], position: int) -> bool:
    seen: dict[tuple[Hashable, ...], Hashable] = {}
    for values, category in category_of.items():
        others = values[:position] + values[position + 1 :]
        if seen.setdefault(others, category) != category:
            return True
    return False


R = TypeVar("R", bound=Hashable)


def decide(
    factors: Sequence[Factor], outcome: Callable[[Mapping[str, Hashable]], R]
) -> tuple[frozenset[R], tuple[str, ...]]:
    """Enumerate a decision over the completions of the factors.

    Returns:
        The outcomes still possible, and the unknown inputs whose value could
        change the outcome (a factor matters when two completions that differ in
        it alone give different outcomes).
    """
    names = [item.name for item in factors]
    outcome_of: dict[tuple[Hashable, ...], R] = {}
    for values in itertools.product(*(item.domain for item in factors)):
        outcome_of[values] = outcome(dict(zip(names, values, strict=True)))
    outcomes = frozenset(outcome_of.values())
    return outcomes, (_deciding_inputs(factors, outcome_of) if len(outcomes) > 1 else ())


def _deciding_inputs(
    factors: Sequence[Factor], outcome_of: Mapping[tuple[Hashable, ...], Hashable]
) -> tuple[str, ...]:
    missing: list[str] = []
    for position, item in enumerate(factors):
        if item.is_known or not _changes_category(outcome_of, position):
            continue
        unknown = [used.name for used in item.inputs if used.value == "unknown"]
        for name in unknown or [item.name]:
            if name not in missing:
                missing.append(name)
    return tuple(missing)


def evaluate_sum(
    factors: Sequence[Factor],
    points: Sequence[Callable[[Any], int]],
    categorize: Callable[[int], C],
) -> Evaluation[C]:
    """Evaluate a plain sum of independent components, one per factor, without enumeration.

    Gives the same result as :func:`evaluate` when component ``i`` depends on factor
    ``i`` alone and the total is their sum, by convolving the sets of reachable
    partial sums instead of enumerating every completion (SINS with every finding
    unknown: 1,296 completions, a few dozen set operations).
    """
    values = [
        sorted({score(value) for value in item.domain})
        for item, score in zip(factors, points, strict=True)
    ]
    totals = _sums(values)
    # Every partial sum plus a value of the remaining factor is a reachable total.
    category_of = {total: categorize(total) for total in totals}
    categories = frozenset(category_of.values())
    missing: list[str] = []
    if len(categories) > 1:
        for position, item in enumerate(factors):
            if item.is_known:
                continue
            others = _sums(values[:position] + values[position + 1 :])
            own = values[position]
            if any(len({category_of[rest + value] for value in own}) > 1 for rest in others):
                unknown = [used.name for used in item.inputs if used.value == "unknown"]
                missing.extend(name for name in unknown or [item.name] if name not in missing)
    return Evaluation(
        component_points=tuple(score_range(v[0], v[-1]) for v in values),
        points=score_range(min(totals), max(totals)),
        possible_categories=categories,
        missing=tuple(missing),
    )


def _sums(values: Sequence[Sequence[int]]) -> frozenset[int]:
    reachable = frozenset({0})
    for options in values:
        reachable = frozenset(total + value for total in reachable for value in options)
    return reachable
