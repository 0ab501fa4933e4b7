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
from types import MappingProxyType
from typing import Any, Generic, TypedDict, TypeVar

from attrs import field, frozen

from spinal_metastasis._cache import VALUE_CACHE_SIZE, bounded
from spinal_metastasis._validators import StringRule, TupleRule
from spinal_metastasis.evidence import FindingInput, finding_inputs, input_value
from spinal_metastasis.ranges import ScoreRange

__all__ = [
    "Evaluation",
    "Factor",
    "Item",
    "ItemEnumeration",
    "ScoreComponent",
    "ScoreFields",
    "Values",
    "component",
    "decide",
    "enumerate_item",
    "evaluate",
    "evaluate_items",
    "evaluate_sum",
    "factor",
    "input_value",
    "score_fields",
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


class ScoreFields(TypedDict, Generic[C]):
    """The fields every score result shares, as keyword arguments of its class."""

    points: ScoreRange
    category: C | None
    possible_categories: frozenset[C]
    components: tuple[ScoreComponent, ...]
    missing: tuple[str, ...]


def score_fields(result: Evaluation[C], components: tuple[ScoreComponent, ...]) -> ScoreFields[C]:
    """Return the shared fields of a score result: the evaluation's, and the components."""
    return ScoreFields(
        points=result.points,
        category=result.category,
        possible_categories=result.possible_categories,
        components=components,
        missing=result.missing,
    )


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
        it alone give different outcomes); a factor left open with every input
        known names nothing.
    """
    names = [item.name for item in factors]
    outcome_of: dict[tuple[Hashable, ...], R] = {}
    for values in itertools.product(*(item.domain for item in factors)):
        outcome_of[values] = outcome(dict(zip(names, values, strict=True)))
    outcomes = frozenset(outcome_of.values())
    if len(outcomes) == 1:
        return outcomes, ()
    return outcomes, _deciding_inputs(factors, outcome_of, name_open_factors=False)


def _deciding_inputs(
    factors: Sequence[Factor],
    outcome_of: Mapping[tuple[Hashable, ...], Hashable],
    *,
    name_open_factors: bool = True,
) -> tuple[str, ...]:
    # A factor left open although its inputs are known (a known primary that a table does not
    # classify) is named by the scores, whose factors are named after the field or argument
    # that decides them; a decision (a NOMS step) names only unknown inputs, since its factors
    # are named after its steps ("oncologic"), and nothing the user can supply decides them.
    missing: list[str] = []
    for position, item in enumerate(factors):
        if item.is_known or not _changes_category(outcome_of, position):
            continue
        unknown = [used.name for used in item.inputs if used.value == "unknown"]
        fallback = [item.name] if name_open_factors else []
        for name in unknown or fallback:
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


# --- Sums of items over disjoint inputs ---------------------------------------------------------

#: The values of one completion of an item's inputs, by input name.
Values = Mapping[str, Hashable]


@frozen
class Item:
    """A score item computed from several inputs of its own, each with its values still possible.

    Unlike a :class:`Factor`, whose values are given, an item names the inputs it reads, so
    that :func:`evaluate_items` can say which unknown input (``albumin_g_per_dl``, not
    "laboratory data") could still change the category.

    Attributes:
        name: The item as the paper names it.
        domains: Each input's name with the values it can still take (one when known).
        points: The item's points for one completion: a module-level function of the
            values and of :attr:`table`, so that the enumeration can be memoized on them.
        table: What the points read besides the values (a point table, cut-offs).
    """

    name: str
    domains: tuple[tuple[str, tuple[Hashable, ...]], ...]
    points: Callable[[Values, Hashable], int]
    table: Hashable = None


@frozen
class ItemEnumeration:
    """The points an item can give, and per unknown input the changes of points it can make.

    Attributes:
        possible: The item's points over every completion of its inputs.
        changes: Per unknown input, every pair of points of two completions that differ
            in that input alone.
    """

    possible: frozenset[int]
    changes: Mapping[str, frozenset[tuple[int, int]]]


def enumerate_item(item: Item) -> ItemEnumeration:
    """Enumerate the completions of an item's inputs (memoized on its domains and table)."""
    return _enumerated(item.domains, item.points, item.table)


# An item's enumeration depends only on its domains, its points function and the table the
# points read: few distinct values, shared by every record with the same item inputs.
@bounded(VALUE_CACHE_SIZE)
def _enumerated(
    domains: tuple[tuple[str, tuple[Hashable, ...]], ...],
    points_of: Callable[[Values, Hashable], int],
    table_of_points: Hashable,
) -> ItemEnumeration:
    names = [name for name, _ in domains]
    table = {
        values: points_of(dict(zip(names, values, strict=True)), table_of_points)
        for values in itertools.product(*(domain for _, domain in domains))
    }
    changes: dict[str, frozenset[tuple[int, int]]] = {}
    for position, (name, domain) in enumerate(domains):
        if len(domain) > 1:
            # Completions that differ at this input alone share the other inputs' values:
            # every pair of points within such a group is a change this input can make.
            groups: dict[tuple[Hashable, ...], set[int]] = {}
            for values, points in table.items():
                groups.setdefault(values[:position] + values[position + 1 :], set()).add(points)
            changes[name] = frozenset(
                (a, b) for group in groups.values() for a in group for b in group
            )
    return ItemEnumeration(
        possible=frozenset(table.values()), changes=MappingProxyType(changes)
    )  # shared: read-only


def evaluate_items(items: Sequence[Item], categorize: Callable[[int], C]) -> Evaluation[C]:
    """Evaluate a plain sum of items that read disjoint inputs.

    The ranges and categories are those of :func:`evaluate_sum` over the items' possible
    points; ``missing`` names the unknown inputs whose change alone changes the category
    in some completion (the items read disjoint inputs, so a completion of one item
    combines with any total of the others).
    """
    enumerated = [enumerate_item(item) for item in items]
    values = [sorted(each.possible) for each in enumerated]
    totals = _sums(values)
    categories = frozenset(categorize(total) for total in totals)
    return Evaluation(
        component_points=tuple(score_range(v[0], v[-1]) for v in values),
        points=score_range(min(totals), max(totals)),
        possible_categories=categories,
        missing=_item_missing(enumerated, categorize) if len(categories) > 1 else (),
    )


def _item_missing(
    enumerated: Sequence[ItemEnumeration], categorize: Callable[[int], Hashable]
) -> tuple[str, ...]:
    missing: list[str] = []
    for index, each in enumerate(enumerated):
        others = {0}
        for other_index, other in enumerate(enumerated):
            if other_index != index:
                others = {total + points for total in others for points in other.possible}
        for name, pairs in each.changes.items():
            if any(
                categorize(total + a) != categorize(total + b) for a, b in pairs for total in others
            ):
                missing.append(name)
    return tuple(missing)
