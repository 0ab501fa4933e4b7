"""The one engine that evaluates every eligibility rule under unknown inputs.

A :class:`Rule` is a value: a stable dotted id, the :class:`Input` values it reads, a
decision over their *known* values, its statement for the verdicts still possible and its
:class:`~spinal_metastasis.evidence.Citation`. An :class:`Input` is a model field or a
quantity derived from model fields (the SINS total, whether the compression is high
grade, whether the primary is radiosensitive...): it declares the ``Patient`` /
``SpinalLesion`` fields it depends on and the values a completion of the unknowns can
give it (its domain).

:func:`evaluate` enumerates the product of the domains of the rule's inputs, so that:

- the possible verdicts are exactly those some completion gives (sound and tight);
- ``missing`` names the unknown model fields of the inputs that can change the verdict
  (an input matters when two completions that differ in it alone give different
  verdicts), never the name of a derived quantity;
- the :class:`~spinal_metastasis.evidence.Finding` carries the rule's id.

The only cache of the treatment layer is here: an evaluation is a pure function of the
rule and the values it reads, so it is kept, keyed on exactly those values (a float by
its ``repr``, so that ``-0.0``, shown ``"-0"``, never shares an entry with ``0.0``), in a
bounded table that is emptied when full.
"""

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from enum import StrEnum
from itertools import product
from operator import attrgetter
from typing import Final, Generic, Protocol, TypeVar, cast

from attrs import field, frozen

from spinal_metastasis.evidence import Citation, Finding, FindingInput, finding_inputs
from spinal_metastasis.model import Patient, SpinalLesion

__all__ = [
    "CACHE_SIZE",
    "Eligibility",
    "Input",
    "Record",
    "Rule",
    "RuleOutcome",
    "Statement",
    "clear_cache",
    "derived",
    "evaluate",
    "field_input",
    "possible_values",
]


class Eligibility(StrEnum):
    """Verdict on an option for one lesion.

    ``CAUTION``: possible, with a finding that needs attention (a correctable
    laboratory value, a device to manage, a relative contraindication).
    ``UNDETERMINED``: unknown inputs leave more than one verdict possible.
    """

    ELIGIBLE = "eligible"
    CAUTION = "caution"
    CONTRAINDICATED = "contraindicated"
    UNDETERMINED = "undetermined"

    @property
    def severity(self) -> int:
        """Rank of the verdict (eligible 0, caution 1, contraindicated 2, undetermined 3)."""
        return _SEVERITY[self]


_SEVERITY: Final = {
    Eligibility.ELIGIBLE: 0,
    Eligibility.CAUTION: 1,
    Eligibility.CONTRAINDICATED: 2,
    Eligibility.UNDETERMINED: 3,
}
#: The three verdicts a rule can give.
VERDICTS: Final = frozenset(
    {Eligibility.ELIGIBLE, Eligibility.CAUTION, Eligibility.CONTRAINDICATED}
)


# Frozen and compared often: the hash is computed once (cache_hash).
@frozen(kw_only=True, cache_hash=True)
class RuleOutcome:
    """What one eligibility rule concluded.

    Attributes:
        possible: The verdicts still possible (ELIGIBLE, CAUTION, CONTRAINDICATED);
            one when the rule's inputs are known.
        finding: The statement, its source, the inputs used and the rule's id.
        missing: The unknown model fields that would decide the rule.
    """

    possible: frozenset[Eligibility]
    finding: Finding
    missing: tuple[str, ...] = ()

    @property
    def verdict(self) -> Eligibility:
        """The verdict, or ``UNDETERMINED`` when more than one is possible."""
        return next(iter(self.possible)) if len(self.possible) == 1 else Eligibility.UNDETERMINED


class Record(Protocol):
    """What the engine needs of the facts a rule is evaluated on: the patient and lesion."""

    @property
    def patient(self) -> Patient:
        """The patient."""
        ...  # pragma: no cover - a protocol

    @property
    def lesion(self) -> SpinalLesion:
        """The lesion."""
        ...  # pragma: no cover - a protocol


F = TypeVar("F", bound=Record)
F_contra = TypeVar("F_contra", bound=Record, contravariant=True)


_LESION_FIELDS: Final = frozenset(a.name for a in SpinalLesion.__attrs_attrs__)
#: Every field name a user can supply: the fields of ``Patient`` and ``SpinalLesion``.
MODEL_FIELDS: Final = _LESION_FIELDS | frozenset(a.name for a in Patient.__attrs_attrs__)


def _unknown_fields(facts: Record, names: Sequence[str]) -> tuple[str, ...]:
    lesion, patient = facts.lesion, facts.patient
    return tuple(
        name
        for name in names
        if getattr(lesion if name in _LESION_FIELDS else patient, name) is None
    )


# Identity-hashed: an input is a declaration, compared by identity in the engine's keys.
@frozen(kw_only=True, eq=False)
class Input(Generic[F_contra]):
    """A value a rule reads: a model field, or a quantity derived from model fields.

    Attributes:
        name: The input's name in a rule's statements (``"sins_points"``, ``"escc"``).
        fields: The ``Patient`` / ``SpinalLesion`` fields its value depends on.
        read: The value in the facts: the field's value, or for a derived quantity what
            is known of it (often the set of values still possible).
        domain: The values a completion can give it, from what was read (one when
            known); ``None`` when they cannot be enumerated (the rule then declares the
            verdicts possible).
        unknown: The model fields to name in ``missing`` when the input decides the
            verdict; by default the unknown ones among ``fields``.
        description: One line: what the input is.
    """

    name: str
    fields: tuple[str, ...]
    read: Callable[[F_contra], Hashable]
    domain: Callable[[Hashable], tuple[Hashable, ...] | None]
    unknown: Callable[[F_contra], tuple[str, ...]] | None = None
    description: str = ""

    def missing(self, facts: F_contra) -> tuple[str, ...]:
        """The model fields a user can supply that would narrow this input."""
        if self.unknown is not None:
            return self.unknown(facts)
        return _unknown_fields(facts, self.fields)


def _set_domain(value: Hashable) -> tuple[Hashable, ...]:
    if not isinstance(value, frozenset):
        msg = f"expected the set of values still possible (got {value!r})"
        raise TypeError(msg)
    return tuple(sorted(value))


def possible_values(
    name: str,
    fields: tuple[str, ...],
    read: Callable[[F], frozenset[bool]] | Callable[[F], frozenset[int]],
    *,
    description: str,
    unknown: Callable[[F], tuple[str, ...]] | None = None,
) -> Input[F]:
    """Declare a derived input whose value is read as the set of values still possible."""
    return Input(
        name=name,
        fields=fields,
        read=read,
        domain=_set_domain,
        unknown=unknown,
        description=description,
    )


def field_input(
    name: str, domain: Iterable[Hashable] | None, *, description: str = ""
) -> Input[Record]:
    """Declare a model field as an input (``domain``: every value it can take, or ``None``).

    A known field has its one value; an unknown one the values of ``domain``
    (``None``: not enumerable, such as a measured number).
    """
    values = None if domain is None else tuple(domain)
    getter = attrgetter(name)
    if name in _LESION_FIELDS:

        def read(facts: Record) -> Hashable:
            # The model's fields are frozen values (enums, numbers, tuples): all hashable.
            value: Hashable = getter(facts.lesion)
            return value

    else:

        def read(facts: Record) -> Hashable:
            value: Hashable = getter(facts.patient)
            return value

    def field_domain(value: Hashable) -> tuple[Hashable, ...] | None:
        return values if value is None else (value,)

    return Input(
        name=name,
        fields=(name,),
        read=read,
        domain=field_domain,
        description=description or f"the {name.replace('_', ' ')} field",
    )


@frozen(kw_only=True)
class Statement:
    """What a rule says for the verdicts still possible.

    Attributes:
        text: One sentence a clinician can read.
        inputs: The input values it shows, by name (rendered as finding inputs).
        citation: Its source, when not the rule's own citation.
    """

    text: str
    inputs: Mapping[str, object] = field(factory=dict)
    citation: Citation | None = None


#: The values a rule read, by input name.
Values = Mapping[str, Hashable]


# Identity-hashed: rules are declarations, compared by identity in the engine's keys.
@frozen(kw_only=True, eq=False)
class Rule(Generic[F]):
    """An eligibility rule, declared once: see the module docstring.

    Attributes:
        id: Stable dotted id, family then rule (``"sbrt.sins_unstable"``).
        description: One line: what the rule checks.
        citation: The source of the rule.
        reads: The inputs whose values decide the verdict.
        decide: The verdict for known values of ``reads`` (by input name).
        says: The statement for the verdicts still possible and the values read (unknown
            inputs read as what is known of them).
        shows: Inputs the statement displays without deciding anything.
        when_unknown: The verdicts possible when an input that cannot be enumerated is
            unknown.
    """

    id: str
    description: str
    citation: Citation
    reads: tuple[Input[F], ...]
    decide: Callable[[Values], Eligibility]
    says: Callable[[frozenset[Eligibility], Values], Statement]
    shows: tuple[Input[F], ...] = ()
    when_unknown: frozenset[Eligibility] = VERDICTS

    @property
    def inputs(self) -> tuple[str, ...]:
        """The ``Patient`` / ``SpinalLesion`` fields whose values can change the verdict."""
        names: list[str] = []
        for item in self.reads:
            names.extend(name for name in item.fields if name not in names)
        return tuple(names)

    def __repr__(self) -> str:
        """Show the id."""
        return f"Rule({self.id!r})"


#: Entries of the engine's table of evaluations before it is emptied.
CACHE_SIZE: Final = 32768
# rule, values read -> (the outcome without ``missing``, positions of the deciding inputs)
_Entry = tuple[RuleOutcome, tuple[int, ...]]
_CACHE: Final[dict[tuple[object, ...], _Entry]] = {}


_DERIVED: Final[dict[tuple[object, ...], object]] = {}
T = TypeVar("T")


def clear_cache() -> None:
    """Empty the engine's tables (outputs do not change, only their cost)."""
    _CACHE.clear()
    _DERIVED.clear()
    _FINDINGS.clear()


def derived(name: str, key: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """A derived input's value, computed once per ``key``: the model values it reads.

    For derived inputs whose computation costs more than a lookup (the cord dose history of
    the lesion's levels); ``key`` must hold every value ``compute`` reads (floats are keyed
    by their ``repr``, as in :func:`evaluate`).
    """
    full = (name, *map(_key, key))
    try:
        return cast("T", _DERIVED[full])
    except KeyError:
        value = compute()
        if len(_DERIVED) >= CACHE_SIZE:
            _DERIVED.clear()
        _DERIVED[full] = value
        return value


def _key(value: Hashable) -> Hashable:
    return repr(value) if type(value) is float else value


def evaluate(rule: Rule[F], facts: F) -> RuleOutcome:
    """Evaluate a rule on the facts of one lesion, under unknowns.

    Returns:
        The verdicts some completion of the unknowns gives, the rule's finding (with its
        id) and the unknown model fields that could change the verdict.
    """
    values = tuple([item.read(facts) for item in rule.reads])
    shown = tuple([item.read(facts) for item in rule.shows]) if rule.shows else ()
    key = (rule, values, shown)
    # 0.0 == -0.0 (and False == 0.0): such keys hold each float as its repr, so that a
    # value shown "-0" never shares an entry with one shown "0".
    if 0.0 in values or (shown and 0.0 in shown):
        key = (rule, tuple(map(_key, values)), tuple(map(_key, shown)))
    entry = _CACHE.get(key)
    if entry is None:
        entry = _evaluated(rule, values, shown)
        if len(_CACHE) >= CACHE_SIZE:
            _CACHE.clear()
        _CACHE[key] = entry
    outcome, deciding = entry
    if not deciding:
        return outcome
    if len(deciding) == 1:
        missing = tuple(dict.fromkeys(rule.reads[deciding[0]].missing(facts)))
    else:
        names: dict[str, None] = {}
        for position in deciding:
            names.update(dict.fromkeys(rule.reads[position].missing(facts)))
        missing = tuple(names)
    if not missing:
        return outcome
    return RuleOutcome(possible=outcome.possible, finding=outcome.finding, missing=missing)


def _evaluated(rule: Rule[F], values: tuple[Hashable, ...], shown: tuple[Hashable, ...]) -> _Entry:
    names = [item.name for item in rule.reads]
    domains = [item.domain(value) for item, value in zip(rule.reads, values, strict=True)]
    open_positions = [position for position, domain in enumerate(domains) if domain is None]
    if open_positions:
        possible = rule.when_unknown
        deciding = tuple(open_positions) if len(possible) > 1 else ()
    else:
        verdict_of: dict[tuple[Hashable, ...], Eligibility] = {}
        for completion in product(*(domain or () for domain in domains)):
            verdict_of[completion] = rule.decide(dict(zip(names, completion, strict=True)))
        possible = frozenset(verdict_of.values())
        deciding = _deciding(domains, verdict_of) if len(possible) > 1 else ()
    read = dict(zip(names, values, strict=True))
    read.update(zip((item.name for item in rule.shows), shown, strict=True))
    statement = rule.says(possible, read)
    found = _finding(
        statement.text,
        statement.citation or rule.citation,
        finding_inputs(**statement.inputs),
        rule.id,
    )
    return RuleOutcome(possible=possible, finding=found), deciding


#: Findings already built, by their exact statement, citation, rendered inputs and rule id:
#: a finding is frozen, so an equal one serves every evaluation that states the same thing.
_FINDINGS: Final[dict[tuple[str, Citation, tuple[FindingInput, ...], str], Finding]] = {}


def _finding(
    text: str, citation: Citation, inputs: tuple[FindingInput, ...], rule_id: str
) -> Finding:
    key = (text, citation, inputs, rule_id)
    found = _FINDINGS.get(key)
    if found is None:
        found = Finding(statement=text, citation=citation, inputs=inputs, rule_id=rule_id)
        if len(_FINDINGS) >= CACHE_SIZE:
            _FINDINGS.clear()
        _FINDINGS[key] = found
    return found


def _deciding(
    domains: Sequence[tuple[Hashable, ...] | None],
    verdict_of: Mapping[tuple[Hashable, ...], Eligibility],
) -> tuple[int, ...]:
    """Positions of the inputs that change the verdict with every other input held fixed."""
    positions: list[int] = []
    for position, domain in enumerate(domains):
        if domain is None or len(domain) < 2:  # noqa: PLR2004 - a known input decides nothing
            continue
        seen: dict[tuple[Hashable, ...], Eligibility] = {}
        for completion, verdict in verdict_of.items():
            others = completion[:position] + completion[position + 1 :]
            if seen.setdefault(others, verdict) is not verdict:
                positions.append(position)
                break
    return tuple(positions)
