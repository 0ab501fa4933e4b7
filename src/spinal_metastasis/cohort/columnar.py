"""Columnar scoring of a cohort: one row per patient with one lesion, pandas or polars.

:func:`score_frame` takes a pandas or polars DataFrame whose columns carry the
model's fields and returns the same kind of frame with, per score, the lowest
and highest total the row's unknowns allow and the category (null while the
unknowns leave more than one), for SINS, the revised Tokuhashi score, Tomita,
the modified Bauer score, the NESMS and Katagiri. The results equal the scalar
functions of :mod:`spinal_metastasis.scores` row by row (a property test checks
it on generated cohorts with unknowns).

How it works. Every input column is encoded once to small integer codes, with
the category order taken from the enum (0 is *unknown*). Each score is a sum of
items whose points depend on a few codes; for each item, a lookup table holds
its lowest and highest points for every code combination: an unknown code maps
to the item's minimum in the low table and its maximum in the high table. The
tables are derived, at first use, from the same typed point tables, constants
and helpers the scalar score modules use; no number is typed twice. Items that
share an input are tabulated jointly (modified Bauer's primary feeds two items;
the Karnofsky/ECOG conversion spread; Katagiri's laboratory tiers, where one
critical value decides 2 points whatever the rest; the lower bound the lesion's
levels put on an unknown count of vertebral metastases). The NESMS reads the
modified Bauer range and applies its ceiling after the sum. Several items are
then folded into one table over their joint codes, so a score costs a few
``numpy.take`` per block of rows, and the rows are scored block by block.

Invalid cells never stop the batch. A row with an invalid cell (the value a
model class would reject: ``kps`` 75, ``escc`` "4", ``levels`` "T9-T7", a string
in a number column) is not scored, and each bad cell is reported with its row,
column, value and message. A valid row can still fall outside one score (KPS 0
or ECOG 5 mean death, outside the survival scores): that score is null on that
row and the reason is reported with the score's name.

Requires ``numpy`` and ``pandas`` or ``polars`` (``pip install
"spinal-metastasis[pandas]"`` or ``"spinal-metastasis[polars]"``).
"""

import functools
import importlib
import itertools
import math
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Mapping, Sequence
from enum import Enum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Generic, Literal, TypeAlias, TypeVar, cast

import attrs
from attrs import frozen

try:
    import numpy as np
    import numpy.typing as npt
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    msg = (
        "spinal_metastasis.cohort.columnar needs numpy with pandas or polars: "
        'pip install "spinal-metastasis[pandas]" or "spinal-metastasis[polars]"'
    )
    raise ImportError(msg) from exc

from spinal_metastasis._validators import BoolRule, EnumRule, IntegerRule, NumberRule
from spinal_metastasis.anatomy import SinsLocation, VertebralLevel, parse_levels
from spinal_metastasis.errors import InvalidInputError, OutOfValidatedRangeError, SerializationError
from spinal_metastasis.histology.bauer import BAUER_1995_PRIMARY_GROUPS
from spinal_metastasis.histology.katagiri import KATAGIRI_2014_PRIMARY_GROUPS
from spinal_metastasis.histology.tokuhashi import TOKUHASHI_2005_PRIMARY
from spinal_metastasis.histology.tomita import TOMITA_2001_GROWTH
from spinal_metastasis.model import Frankel, Patient, SpinalLesion, VisceralMetastases
from spinal_metastasis.performance import ECOG_VALUES, KPS_VALUES, MA_PRASAD
from spinal_metastasis.scores import bauer, katagiri, nesms, sins, tokuhashi, tomita

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

__all__ = [
    "COLUMNS",
    "ERRORS_COLUMN",
    "SCORES",
    "ScoredFrame",
    "score_frame",
    "score_frame_with_errors",
]

FrameT = TypeVar("FrameT")
_Array: TypeAlias = npt.NDArray[Any]

#: The six scores, in output order; each adds ``<name>_low``, ``<name>_high``, ``<name>_category``.
SCORES: Final = ("sins", "tokuhashi_revised", "tomita", "modified_bauer", "nesms", "katagiri")
#: Name of the added column that holds each row's error messages (null when the row is clean).
ERRORS_COLUMN: Final = "score_errors"


# --- The columns: every scalar field of Patient and SpinalLesion -----------------------------

_Rule = IntegerRule | NumberRule | BoolRule | EnumRule


def _rule_of(field: "attrs.Attribute[Any]") -> _Rule | None:
    validators = getattr(field.validator, "_validators", None) or (field.validator,)
    return next((v for v in validators if isinstance(v, _Rule)), None)


def _scalar_fields() -> dict[str, "attrs.Attribute[Any]"]:
    fields: dict[str, attrs.Attribute[Any]] = {"levels": attrs.fields(SpinalLesion).levels}
    for cls in (SpinalLesion, Patient):
        for field in attrs.fields(cls):
            if _rule_of(field) is not None:
                fields[field.name] = field
    return fields


_FIELDS: Final = MappingProxyType(_scalar_fields())

#: The default column of every model field the frame may carry: the field's own name. Lesion
#: fields (``levels``, ``pain``, ... ``paraspinal_extension``) and patient fields (``primary``,
#: ``kps``, ... ``active_infection``) sit side by side. Pass ``columns`` to rename any of them.
COLUMNS: Final[Mapping[str, str]] = MappingProxyType({name: name for name in _FIELDS})


# --- Channels: the integer codes the tables are indexed by -----------------------------------

# Every score reads a count of metastases only up to a few (Tokuhashi: ">= 3"; Bauer, Tomita and
# Katagiri: "2 or more"), so counts are coded 0, 1, 2 and "at least the largest of these".
_COUNT_CAP: Final = max(
    tokuhashi._EXTRASPINAL_MANY,  # noqa: SLF001 - the score's own constants
    tokuhashi._VERTEBRAL_MANY,  # noqa: SLF001
    bauer._MANY,  # noqa: SLF001
    tomita._SEVERAL_VERTEBRAE,  # noqa: SLF001
)
_COUNTS: Final = tuple(range(_COUNT_CAP + 1))
_LEVELS: Final = tuple(VertebralLevel)


@frozen
class _Channel:
    """Integer codes of one input: code ``i`` stands for ``values[i]``; ``values[0]`` is unknown."""

    name: str
    values: tuple[Any, ...]

    @property
    def size(self) -> int:
        return len(self.values)


def _enum_channel(name: str, enum_type: type[Enum]) -> _Channel:
    # The category order is the enum's declaration order, never the alphabet.
    return _Channel(name, (None, *enum_type))


def _lab_channel(cutoff: katagiri.LabCutoff) -> _Channel:
    """Unknown, a value within range, a value out of range (representatives of each)."""
    inside, outside = (
        (cutoff.threshold, cutoff.threshold / 2)
        if cutoff.below
        else (cutoff.threshold / 2, cutoff.threshold)
    )
    if cutoff.out_of_range(inside) or not cutoff.out_of_range(outside):  # pragma: no cover
        msg = f"representatives of {cutoff.field} do not fall on both sides of its cut-off"
        raise AssertionError(msg)
    return _Channel(f"{cutoff.field}@katagiri", (None, inside, outside))


_NESMS_ALBUMIN: Final = nesms.ALBUMIN_THRESHOLD_G_PER_DL
_BOOL_FIELDS: Final = (
    "ambulatory",
    "brain_metastases",
    "disseminated_metastases",
    "hormone_dependent",
    "molecular_targeted_therapy",
    "previous_chemotherapy",
)


def _channels() -> dict[str, _Channel]:
    channels = [
        _enum_channel("location", SinsLocation),
        _Channel("involved", _COUNTS),  # levels of the lesion (0: no lesion recorded)
        *(
            _enum_channel(name, cast("EnumRule", _rule_of(_FIELDS[name])).enum_type)
            for name in (
                "pain",
                "bone_lesion",
                "alignment",
                "collapse",
                "posterolateral",
                "primary",
                "frankel",
                "visceral_metastases",
            )
        ),
        *(_Channel(name, (None, False, True)) for name in _BOOL_FIELDS),
        _Channel("kps", (None, *KPS_VALUES)),
        _Channel("ecog", (None, *ECOG_VALUES)),
        _Channel("vertebral_metastases", (None, *_COUNTS)),
        _Channel("extraspinal_bone_metastases", (None, *_COUNTS)),
        *(_lab_channel(cutoff) for cutoff in katagiri.KATAGIRI_2014_LAB_CUTOFFS),
        _Channel("albumin_g_per_dl@nesms", (None, _NESMS_ALBUMIN / 2, _NESMS_ALBUMIN)),
    ]
    return {channel.name: channel for channel in channels}


# --- Items: the possible points of each item, from the scores' own tables ---------------------


class _NotScored(Exception):  # noqa: N818 - a control-flow signal, not an error
    """The score does not apply to the row and that is not an error (SINS without a lesion)."""


_PointsFn = Callable[..., Collection[int]]


@frozen
class _Item:
    """An item (or items that share inputs): the points it can give for given channel values.

    ``points`` returns the possible points, raises ``OutOfValidatedRangeError`` when the score
    does not apply (with the scalar function's own message), or ``_NotScored``.
    """

    channels: tuple[str, ...]
    points: _PointsFn


@frozen
class _Score:
    """A score as columns: its items, how totals become categories, and the output categories."""

    name: str
    items: tuple[_Item, ...]
    categorize: Callable[[int], Hashable]
    categories: tuple[Hashable, ...]
    total: Callable[[int], int] = int


def _patient(**values: Any) -> Patient:  # noqa: ANN401 - values of any field
    """A patient with only the given fields known; ``involved`` levels become one lesion."""
    involved = values.pop("involved", 0)
    lesions = (SpinalLesion(levels=_LEVELS[:involved]),) if involved else ()
    return Patient(lesions=lesions, **values)


def _from_table(table: Mapping[Any, int], value: object) -> tuple[int, ...]:
    """The points of a finding in a point table; every row's when the finding is unknown."""
    return tuple(table.values()) if value is None else (table[value],)


def _sins_location(location: SinsLocation | None) -> tuple[int, ...]:
    if location is None:
        raise _NotScored
    return (sins._LOCATION_POINTS[location],)  # noqa: SLF001


def _sins() -> _Score:
    # sins(): each component is its own table; an unknown finding takes every row of it.
    findings = ("pain", "bone_lesion", "alignment", "collapse", "posterolateral")
    return _Score(
        name="sins",
        items=(
            _Item(("location",), _sins_location),
            *(
                _Item((name,), functools.partial(_from_table, sins._TABLES[name]))  # noqa: SLF001
                for name in findings
            ),
        ),
        categorize=sins.sins_category,
        categories=tuple(sins.SinsCategory),
    )


def _tokuhashi_condition(kps: int | None, ecog: int | None) -> tuple[int, ...]:
    patient = Patient(kps=kps, ecog=ecog)
    values = tokuhashi._kps_values(patient, MA_PRASAD)  # noqa: SLF001
    return cast("tuple[int, ...]", tokuhashi._kps_factor(patient, values).domain)  # noqa: SLF001


def _tokuhashi_extraspinal(count: int | None) -> tuple[int, ...]:
    if count is None:
        return tokuhashi._ITEM_POINTS  # noqa: SLF001
    return (tokuhashi._extraspinal_points(count),)  # noqa: SLF001


def _tokuhashi_vertebral(count: int | None, involved: int) -> tuple[int, ...]:
    return tokuhashi._vertebral_domain(count, involved)  # noqa: SLF001


def _tokuhashi_visceral(visceral: VisceralMetastases | None) -> tuple[int, ...]:
    if visceral is None:
        return tokuhashi._ITEM_POINTS  # noqa: SLF001
    return (tokuhashi._VISCERAL_POINTS[visceral],)  # noqa: SLF001


def _tokuhashi_palsy(frankel: Frankel | None) -> tuple[int, ...]:
    if frankel is None:
        return tokuhashi._ITEM_POINTS  # noqa: SLF001
    return (tokuhashi._PALSY_POINTS[frankel],)  # noqa: SLF001


def _tokuhashi() -> _Score:
    return _Score(
        name="tokuhashi_revised",
        items=(
            _Item(("kps", "ecog"), _tokuhashi_condition),
            _Item(("extraspinal_bone_metastases",), _tokuhashi_extraspinal),
            _Item(("vertebral_metastases", "involved"), _tokuhashi_vertebral),
            _Item(("visceral_metastases",), _tokuhashi_visceral),
            _Item(("primary",), TOKUHASHI_2005_PRIMARY.possible_points),
            _Item(("frankel",), _tokuhashi_palsy),
        ),
        categorize=tokuhashi.tokuhashi_category,
        categories=tuple(tokuhashi.TokuhashiCategory),
    )


def _tomita_growth(primary: object) -> tuple[int, ...]:
    group = None if primary is None else TOMITA_2001_GROWTH.groups[cast("Any", primary)]
    return _from_table(tomita._GROWTH_POINTS, group)  # noqa: SLF001


def _tomita_bone(vertebral: int | None, extraspinal: int | None, involved: int) -> set[int]:
    # tomita(): solitary means one vertebral body and no extraspinal focus; levels bound the count.
    vertebrae = tomita._vertebral_domain(vertebral, involved)  # noqa: SLF001
    some, none = tomita._SOME_EXTRASPINAL, tomita._NO_EXTRASPINAL  # noqa: SLF001
    foci = (none, some) if extraspinal is None else (min(extraspinal, some),)
    return {
        tomita._SOLITARY_POINTS  # noqa: SLF001
        if (count == tomita._ONE_VERTEBRA and focus == none)  # noqa: SLF001
        else tomita._MULTIPLE_POINTS  # noqa: SLF001
        for count in vertebrae
        for focus in foci
    }


def _tomita() -> _Score:
    return _Score(
        name="tomita",
        items=(
            _Item(("primary",), _tomita_growth),
            _Item(
                ("visceral_metastases",),
                functools.partial(_from_table, tomita._VISCERAL_POINTS),  # noqa: SLF001
            ),
            _Item(
                ("vertebral_metastases", "extraspinal_bone_metastases", "involved"), _tomita_bone
            ),
        ),
        categorize=tomita.tomita_category,
        categories=tuple(tomita.TomitaCategory),
    )


# bauer._modified_items(values) returns the four items in this order; each reads these factors.
_BAUER_ITEMS: Final = MappingProxyType(
    {
        ("visceral_metastases",): (0,),
        ("primary",): (1, 2),  # no lung cancer, favorable primary: one factor, two items
        ("vertebral_metastases", "extraspinal_bone_metastases"): (3,),
    }
)


def _bauer_points(factors: tuple[str, ...], **values: Any) -> set[int]:  # noqa: ANN401
    """Points of the modified Bauer items that read ``factors``, over every completion.

    The factors and the item rule are bauer's own (``_modified_factors``,
    ``_modified_items``); the factors the items do not read are held at any value.
    """
    patient = _patient(**values)
    domains = {
        item.name: item.domain
        for item in bauer._modified_factors(patient, BAUER_1995_PRIMARY_GROUPS)  # noqa: SLF001
    }
    positions = _BAUER_ITEMS[factors]
    fixed = {name: domain[0] for name, domain in domains.items()}
    points: set[int] = set()
    for combination in itertools.product(*(domains[name] for name in factors)):
        items = bauer._modified_items({**fixed, **dict(zip(factors, combination, strict=True))})  # noqa: SLF001
        points.add(sum(items[position] for position in positions))
    return points


def _bauer_visceral(visceral: object) -> set[int]:
    return _bauer_points(("visceral_metastases",), visceral_metastases=visceral)


def _bauer_primary(primary: object) -> set[int]:
    return _bauer_points(("primary",), primary=primary)


def _bauer_solitary(vertebral: int | None, extraspinal: int | None, involved: int) -> set[int]:
    return _bauer_points(
        ("vertebral_metastases", "extraspinal_bone_metastases"),
        vertebral_metastases=vertebral,
        extraspinal_bone_metastases=extraspinal,
        involved=involved,
    )


def _modified_bauer() -> _Score:
    return _Score(
        name="modified_bauer",
        items=(
            _Item(("visceral_metastases",), _bauer_visceral),
            _Item(("primary",), _bauer_primary),
            _Item(
                ("vertebral_metastases", "extraspinal_bone_metastases", "involved"),
                _bauer_solitary,
            ),
        ),
        categorize=bauer.modified_bauer_strategy,
        categories=tuple(bauer.ModifiedBauerStrategy),
    )


# Sums are packed into one int16 per row: low + _HIGH * high, plus _INVALID when some item of
# the score does not apply to the row (a few _INVALID never reach _HIGH).
_HIGH: Final = 128
_INVALID: Final = 32
# The packed result of a score: low in bits 0-4, high in bits 5-9, category code + 1 in bits
# 10-13 (0: undetermined), and bit 14 when the score is null on the row.
_LOW_BITS: Final = 5
_CATEGORY_SHIFT: Final = 10
_NULL_FLAG: Final = 1 << 14


def _nesms_bauer(packed: int) -> set[int]:
    """NESMS item "modified Bauer >= 3" from the modified Bauer range (low and high)."""
    low, high = packed % _HIGH, packed // _HIGH
    if low >= _INVALID:  # pragma: no cover - modified Bauer applies to every valid row
        raise _NotScored
    return {
        nesms.MODIFIED_BAUER_POINTS if total >= nesms.MODIFIED_BAUER_THRESHOLD else 0
        for total in (low, high)
    }


def _nesms_ambulatory(ambulatory: bool | None) -> set[int]:
    walks = (False, True) if ambulatory is None else (ambulatory,)
    return {nesms.AMBULATORY_POINTS if value is True else 0 for value in walks}


def _nesms_albumin(albumin: float | None) -> set[int]:
    high = (False, True) if albumin is None else (albumin >= nesms.ALBUMIN_THRESHOLD_G_PER_DL,)
    return {nesms.ALBUMIN_POINTS if value is True else 0 for value in high}


def _nesms_total(raw: int) -> int:
    return nesms._capped((raw,))  # noqa: SLF001 - the ceiling applies after the sum


def _nesms() -> _Score:
    return _Score(
        name="nesms",
        items=(
            _Item(("modified_bauer@packed",), _nesms_bauer),
            _Item(("ambulatory",), _nesms_ambulatory),
            _Item(("albumin_g_per_dl@nesms",), _nesms_albumin),
        ),
        categorize=nesms._identity,  # noqa: SLF001
        categories=tuple(range(nesms.CEILING + 1)),
        total=_nesms_total,
    )


def _katagiri_points(
    build: Callable[..., Any],
    *args: object,
    **values: Any,  # noqa: ANN401 - values of any field
) -> frozenset[int]:
    """Possible points of a Katagiri factor, enumerated by katagiri's own factor code."""
    return katagiri._enumerate(build(_patient(**values), *args))[0]  # noqa: SLF001


def _katagiri_primary(
    primary: object, hormone: bool | None, targeted: bool | None
) -> frozenset[int]:
    return _katagiri_points(
        katagiri._primary_factor,  # noqa: SLF001
        KATAGIRI_2014_PRIMARY_GROUPS,
        primary=primary,
        hormone_dependent=hormone,
        molecular_targeted_therapy=targeted,
    )


def _katagiri_visceral(
    visceral: object, brain: bool | None, disseminated: bool | None
) -> frozenset[int]:
    return _katagiri_points(
        katagiri._visceral_factor,  # noqa: SLF001
        visceral_metastases=visceral,
        brain_metastases=brain,
        disseminated_metastases=disseminated,
    )


def _katagiri_labs(*values: float | None) -> frozenset[int]:
    cutoffs = katagiri.KATAGIRI_2014_LAB_CUTOFFS
    measured = {cutoff.field: value for cutoff, value in zip(cutoffs, values, strict=True)}
    return _katagiri_points(katagiri._lab_factor, cutoffs, **measured)  # noqa: SLF001


def _katagiri_performance(kps: int | None, ecog: int | None) -> frozenset[int]:
    return _katagiri_points(katagiri._performance_factor, MA_PRASAD, kps=kps, ecog=ecog)  # noqa: SLF001


def _katagiri_chemotherapy(given: bool | None) -> frozenset[int]:
    return _katagiri_points(katagiri._chemotherapy_factor, previous_chemotherapy=given)  # noqa: SLF001


def _katagiri_skeletal(
    vertebral: int | None, extraspinal: int | None, involved: int
) -> frozenset[int]:
    return _katagiri_points(
        katagiri._skeletal_factor,  # noqa: SLF001
        vertebral_metastases=vertebral,
        extraspinal_bone_metastases=extraspinal,
        involved=involved,
    )


def _katagiri() -> _Score:
    labs = tuple(f"{cutoff.field}@katagiri" for cutoff in katagiri.KATAGIRI_2014_LAB_CUTOFFS)
    return _Score(
        name="katagiri",
        items=(
            _Item(
                ("primary", "hormone_dependent", "molecular_targeted_therapy"), _katagiri_primary
            ),
            _Item(
                ("visceral_metastases", "brain_metastases", "disseminated_metastases"),
                _katagiri_visceral,
            ),
            _Item(labs, _katagiri_labs),
            _Item(("kps", "ecog"), _katagiri_performance),
            _Item(("previous_chemotherapy",), _katagiri_chemotherapy),
            _Item(
                ("vertebral_metastases", "extraspinal_bone_metastases", "involved"),
                _katagiri_skeletal,
            ),
        ),
        categorize=katagiri.katagiri_group,
        categories=tuple(katagiri.KatagiriGroup),
    )


# --- Tables -----------------------------------------------------------------------------------

#: Largest joint table; indices stay below 2**15 so that they are computed in int16.
_GROUP_LIMIT: Final = 1 << 15


@frozen
class _Reason:
    """Why an item does not apply to a row: the field and the scalar function's message."""

    field: str | None
    message: str | None


@frozen
class _ItemTable:
    """An item's low and high points over its channels' codes, and why it may not apply."""

    channels: tuple[str, ...]
    low: _Array
    high: _Array
    reasons: _Array  # 0: applies; k: _reasons[k - 1]
    reason_list: tuple[_Reason, ...]


@frozen
class _Group:
    """Items folded into one table over their joint codes: packed low + _HIGH * high."""

    channels: tuple[str, ...]
    sizes: tuple[int, ...]
    table: _Array


@frozen
class _ScoreTables:
    score: _Score
    groups: tuple[_Group, ...]
    items: tuple[_ItemTable, ...]
    result: _Array  # packed result of each packed sum
    # A score of one group: the packed result of each entry of the group's table, so that a
    # row needs one lookup instead of two (None for a score of several groups).
    direct: _Array | None


def _flat(channels: Sequence[_Channel]) -> Iterator[tuple[int, tuple[int, ...]]]:
    """Every combination of codes, with its flat index (the first channel varies slowest)."""
    return enumerate(itertools.product(*(range(channel.size) for channel in channels)))


def _item_table(item: _Item, channels: Mapping[str, _Channel]) -> _ItemTable:
    used = [channels[name] for name in item.channels]
    size = math.prod(channel.size for channel in used)
    low = np.zeros(size, dtype=np.int16)
    high = np.zeros(size, dtype=np.int16)
    reasons = np.zeros(size, dtype=np.int16)
    reason_list: list[_Reason] = []
    for index, codes in _flat(used):
        values = [channel.values[code] for channel, code in zip(used, codes, strict=True)]  # noqa: PD011
        try:
            points = item.points(*values)
        except _NotScored:
            reason = _Reason(None, None)
        except InvalidInputError as error:  # OutOfValidatedRangeError, or an impossible combination
            kind = error.field if isinstance(error, OutOfValidatedRangeError) else None
            reason = _Reason(kind, str(error) if kind else None)
        else:
            low[index], high[index] = min(points), max(points)
            continue
        if reason not in reason_list:
            reason_list.append(reason)
        reasons[index] = reason_list.index(reason) + 1
    return _ItemTable(item.channels, low, high, reasons, tuple(reason_list))


#: Channels that lead the joint tables, in this order, so that the tables of several scores
#: share the first steps of their row index (see _row_index); the others follow as they come.
_SHARED_CHANNELS: Final = (
    "vertebral_metastases",
    "extraspinal_bone_metastases",
    "involved",
    "kps",
    "ecog",
    "previous_chemotherapy",
    "primary",
    "visceral_metastases",
)


def _rank(channel: str) -> int:
    return _SHARED_CHANNELS.index(channel) if channel in _SHARED_CHANNELS else len(_SHARED_CHANNELS)


def _group_tables(items: Sequence[_ItemTable], channels: Mapping[str, _Channel]) -> list[_Group]:
    """Fold consecutive items into joint tables of at most _GROUP_LIMIT entries."""
    batches: list[list[_ItemTable]] = []
    for item in items:
        if batches:
            joint = dict.fromkeys(name for other in batches[-1] for name in other.channels)
            joint.update(dict.fromkeys(item.channels))
            if math.prod(channels[name].size for name in joint) <= _GROUP_LIMIT:
                batches[-1].append(item)
                continue
        batches.append([item])
    groups = []
    for batch in batches:
        names = tuple(
            sorted(dict.fromkeys(name for item in batch for name in item.channels), key=_rank)
        )
        sizes = tuple(channels[name].size for name in names)
        grids = np.indices(sizes).reshape(len(sizes), -1)
        packed = np.zeros(grids.shape[1], dtype=np.int16)
        invalid = np.zeros(grids.shape[1], dtype=bool)
        for item in batch:
            index = np.ravel_multi_index(
                tuple(grids[names.index(name)] for name in item.channels),
                tuple(channels[name].size for name in item.channels),
            )
            packed += item.low[index] + _HIGH * item.high[index]
            invalid |= item.reasons[index] > 0
        packed[invalid] = _INVALID
        groups.append(_Group(names, sizes, packed))
    return groups


def _result_table(score: _Score, groups: Sequence[_Group]) -> _Array:
    """Packed low, high and category of every packed sum the groups can produce."""
    largest = sum(int(group.table.max()) for group in groups)
    lows = sum(int((group.table[group.table != _INVALID] % _HIGH).max()) for group in groups)
    invalid = sum(bool((group.table == _INVALID).any()) for group in groups)
    if lows >= _INVALID or lows + invalid * _INVALID >= _HIGH:  # pragma: no cover
        msg = f"the {score.name} tables do not fit the packed sum"
        raise AssertionError(msg)
    result = np.full(largest + 1, _NULL_FLAG, dtype=np.int16)
    for packed in range(largest + 1):
        low, high = packed % _HIGH, packed // _HIGH
        if low >= _INVALID or low > high:
            continue
        low, high = score.total(low), score.total(high)
        lowest, highest = score.categorize(low), score.categorize(high)
        category = score.categories.index(lowest) + 1 if lowest == highest else 0
        result[packed] = low | (high << _LOW_BITS) | (category << _CATEGORY_SHIFT)
    return result


@frozen
class _Tables:
    channels: Mapping[str, _Channel]
    scores: Mapping[str, _ScoreTables]


@functools.cache
def _tables() -> _Tables:
    """Build every table once, at first use, from the score modules."""
    channels = _channels()
    built: dict[str, _ScoreTables] = {}
    for score in (_sins(), _tokuhashi(), _tomita(), _modified_bauer(), _nesms(), _katagiri()):
        if score.name == "nesms":  # the NESMS reads the packed modified Bauer sum
            sums = tuple(range(int(built["modified_bauer"].result.size)))
            channels["modified_bauer@packed"] = _Channel("modified_bauer@packed", sums)
        items = tuple(_item_table(item, channels) for item in score.items)
        groups = tuple(_group_tables(items, channels))
        result = _result_table(score, groups)
        direct = result[groups[0].table] if len(groups) == 1 else None
        built[score.name] = _ScoreTables(score, groups, items, result, direct)
    return _Tables(MappingProxyType(channels), MappingProxyType(built))


# --- Cells: decoding values the way the model classes validate them ---------------------------


class _Bad:
    """A cell the model would reject, with the model's message."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


def _is_null(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return type(value).__name__ in {"NAType", "NaTType"}


def _python(value: object) -> object:
    """A numpy scalar as the Python scalar it holds (messages read ``75``, not ``np.int64(75)``)."""
    item = getattr(value, "item", None)
    if isinstance(value, np.generic) and callable(item):
        return item()
    return value


def _model_error(field: "attrs.Attribute[Any]", value: object) -> str | None:
    """The message the model gives for a value of a field (its own validators, run alone)."""
    validators = getattr(field.validator, "_validators", None) or (field.validator,)
    for validator in validators:
        try:
            cast("Callable[[object, object, object], None]", validator)(None, field, value)
        except InvalidInputError as error:
            return str(error)
        except AttributeError:  # a rule that spans fields is checked with the whole row
            continue
    return None


def _decode(name: str, value: object) -> object:
    """Turn a cell into the model's value, ``None`` (unknown) or a ``_Bad``."""
    value = _python(value)
    if _is_null(value):
        return None
    field = _FIELDS[name]
    if name == "levels":
        if isinstance(value, str):
            try:
                return parse_levels(value)
            except InvalidInputError as error:
                return _Bad(str(error))
        return _Bad(
            "'levels' must be a label such as 'T12' or 'T11-T12', or null for no lesion "
            f"(got {value!r})"
        )
    rule = _rule_of(field)
    if isinstance(rule, EnumRule):
        member = rule.enum_type._value2member_map_.get(value) if isinstance(value, str) else None
        if member is not None:
            return member
    value = _normalized(name, value)
    message = _model_error(field, value)
    return value if message is None else _Bad(message)


def _normalized(name: str, value: object) -> object:
    """An integral float as an int for an integer field (70.0 is 70, as in JSON), and back."""
    rule = _rule_of(_FIELDS[name])
    if isinstance(rule, IntegerRule) and isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(rule, NumberRule) and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


# --- Raw columns, as read from a frame --------------------------------------------------------


@frozen
class _Dictionary:
    """A dictionary-encoded column: ``codes`` index ``uniques``; -1 is null."""

    codes: _Array
    uniques: tuple[object, ...]


@frozen
class _Numbers:
    """A numeric column as float64, NaN for null."""

    floats: "npt.NDArray[np.float64]"


_Raw = _Dictionary | _Numbers


def _levels_tables() -> tuple[dict[tuple[int, int], int], Any, Any, Any]:
    """Every contiguous span of levels: its code, SINS location code, capped and exact length."""
    spans: dict[tuple[int, int], int] = {}
    location = [0]
    involved = [0]
    length = [0]
    locations = list(SinsLocation)
    for first in range(len(_LEVELS)):
        for last in range(first, len(_LEVELS)):
            levels = _LEVELS[first : last + 1]
            spans[first, last] = len(spans) + 1
            location.append(locations.index(sins.location_class(levels)) + 1)
            involved.append(min(len(levels), _COUNT_CAP))
            length.append(len(levels))
    return (
        spans,
        np.array(location, dtype=np.int8),
        np.array(involved, dtype=np.int8),
        np.array(length, dtype=np.int8),
    )


_SPANS, _SPAN_LOCATION, _SPAN_INVOLVED, _SPAN_LENGTH = _levels_tables()


def _to_dictionary(raw: _Raw) -> _Dictionary:
    """A numeric column read for a non-numeric field: encode its distinct values."""
    if isinstance(raw, _Dictionary):
        return raw
    uniques, codes = np.unique(raw.floats, return_inverse=True)
    keep = ~np.isnan(uniques)
    remap = np.cumsum(keep) - 1
    remap[~keep] = -1
    return _Dictionary(remap[codes], tuple(uniques[keep].tolist()))


def _per_unique(values: Sequence[object], null: object, dtype: "npt.DTypeLike") -> _Array:
    """A lookup table indexed by dictionary codes: the distinct values', then null's (code -1)."""
    return np.array([*values, null], dtype=dtype)


class _Field:
    """One input column: decoded once per distinct value, then encoded block by block.

    ``block(lo, hi)`` returns the channel codes of rows ``lo:hi`` and their bad cells
    (or ``None``); ``value(row)`` and ``message(row)`` describe a bad cell for the report.
    """

    def __init__(self, name: str, raw: _Raw) -> None:
        self.name = name
        self.raw = raw
        self.decoded: list[object] | None = None
        self.bad_table: _Array | None = None
        if isinstance(raw, _Dictionary):
            self.decoded = [_decode(name, value) for value in raw.uniques]
            flags = [isinstance(item, _Bad) for item in self.decoded]
            self.bad_table = _per_unique(flags, False, bool) if any(flags) else None  # noqa: FBT003

    def block(self, lo: int, hi: int) -> tuple[dict[str, Any], Any]:
        raise NotImplementedError

    def _dictionary_bad(self, codes: _Array) -> _Array | None:
        if self.bad_table is None:
            return None
        bad = np.take(self.bad_table, codes)
        return bad if bool(bad.any()) else None

    def value(self, row: int) -> object:
        if isinstance(self.raw, _Numbers):
            return _normalized(self.name, _python(self.raw.floats[row]))
        code = int(self.raw.codes[row])
        return None if code < 0 else _python(self.raw.uniques[code])

    def message(self, row: int) -> str:
        result = _decode(self.name, self.value(row))
        return result.message if isinstance(result, _Bad) else ""  # pragma: no cover


class _CodedField(_Field):
    """An enum, boolean or ``levels`` column: per-distinct-value channel codes."""

    def __init__(self, name: str, raw: _Raw, tables: Mapping[str, Any]) -> None:
        super().__init__(name, _to_dictionary(raw))
        self.tables = dict(tables)  # channel -> codes by distinct value; None: the code + 1
        self.lengths: _Array | None = None  # levels only: each distinct value's level count

    def length(self, row: int) -> int:
        """The number of levels of a row's lesion (0 when unknown); levels only."""
        lengths = cast("_Array", self.lengths)
        return int(lengths[cast("_Dictionary", self.raw).codes[row]])

    def block(self, lo: int, hi: int) -> tuple[dict[str, Any], Any]:
        codes = cast("_Dictionary", self.raw).codes[lo:hi]
        channels = {
            channel: codes + np.int8(1) if table is None else np.take(table, codes)
            for channel, table in self.tables.items()
        }
        return channels, self._dictionary_bad(codes)


def _coded_field(name: str, raw: _Raw, channel: _Channel | None) -> _CodedField:
    """An enum or boolean field; no codes when no score reads it (it is only validated)."""
    field = _CodedField(name, raw, {})
    if channel is None:
        return field
    position = {value: code for code, value in enumerate(channel.values) if value is not None}
    decoded = cast("list[object]", field.decoded)
    codes = [0 if isinstance(item, _Bad) or item is None else position[item] for item in decoded]
    identity = codes == list(range(1, len(codes) + 1))
    int8_codes = cast("_Dictionary", field.raw).codes.dtype == np.int8
    # Categories already in the enum's order: the code + 1, without a lookup.
    field.tables[name] = None if identity and int8_codes else _per_unique(codes, 0, np.int8)
    return field


def _levels_field(raw: _Raw) -> _CodedField:
    field = _CodedField("levels", raw, {})
    spans = [
        _SPANS[levels[0].position, levels[-1].position] if isinstance(levels, tuple) else 0
        for levels in cast("list[object]", field.decoded)
    ]
    for channel, table in (("location", _SPAN_LOCATION), ("involved", _SPAN_INVOLVED)):
        field.tables[channel] = _per_unique(table[spans].tolist(), 0, np.int8)
    # The exact length, for the cross-field check; "involved" is the length capped at the cap.
    field.lengths = _per_unique(_SPAN_LENGTH[spans].tolist(), 0, np.int8)
    return field


def _any_out_of_rule(values: _Array, rule: _Rule, *, integers: bool = True) -> bool:
    """Whether some value breaks the rule, from reductions (no per-row arrays on the good path).

    With ``integers=False`` an integer rule's integrality is left to the caller.
    """
    lowest, highest = np.fmin.reduce(values), np.fmax.reduce(values)
    if math.isnan(lowest):  # every value is unknown
        return False
    minimum = getattr(rule, "minimum", None)
    maximum = getattr(rule, "maximum", None)
    exclusive = getattr(rule, "exclusive_minimum", False)
    if minimum is not None and (lowest <= minimum if exclusive else lowest < minimum):
        return True
    if maximum is not None and highest > maximum:
        return True
    if not (math.isfinite(lowest) and math.isfinite(highest)):
        return True
    if integers and isinstance(rule, IntegerRule):
        steps = values / rule.multiple_of if rule.multiple_of else values
        return bool(np.fmax.reduce(steps - np.floor(steps)) > 0)
    return False


def _out_of_rule(values: _Array, rule: _Rule) -> _Array:
    """The values that break the rule (NaN, unknown, never does)."""
    bad = ~np.isfinite(values)
    minimum = getattr(rule, "minimum", None)
    maximum = getattr(rule, "maximum", None)
    if minimum is not None:
        bad |= values <= minimum if getattr(rule, "exclusive_minimum", False) else values < minimum
    if maximum is not None:
        bad |= values > maximum
    if isinstance(rule, IntegerRule):
        steps = values / (rule.multiple_of or 1)
        bad |= steps != np.floor(steps)
    known: _Array = values == values  # noqa: PLR0124 - NaN (unknown) is never bad
    return bad & known


def _step_codes(values: _Array, step: int, top: int | None) -> _Array | None:
    """Codes of in-range values on the grid 0, step, 2 step, ... (``k step`` is code ``k + 1``).

    NaN (unknown) is code 0 and codes are capped at ``top``. None when some known value is
    not a multiple of ``step``: the integrality check and the coding share one pass. The
    values are checked before anything is added to them, so that no fraction is rounded
    away (``3.0000000000000004 + 1`` is ``4.0``).
    """
    steps = values / step if step != 1 else values
    known = np.fmax(steps, -1.0)  # NaN (unknown) becomes -1; known values are >= 0
    codes = known.astype(np.int16)
    if bool((codes != known).any()):
        return None
    codes += 1
    if top is not None:
        np.minimum(codes, top, out=codes)
    return codes


def _grid_codes(values: _Array, grid: Sequence[int], *, cap: bool = False) -> _Array:
    """Codes of values on an even grid (``grid[i]`` is code ``i + 1``); NaN is code 0."""
    start, step = grid[0], grid[1] - grid[0]
    codes = np.minimum(values, grid[-1]) if cap else values
    if start != 0 or step != 1:
        codes = (codes - start) / step
    coded: _Array = np.fmax(codes + 1, 0).astype(np.int8)  # fmax turns NaN into 0
    return coded


def _threshold_codes(values: _Array, threshold: float, *, below: bool) -> _Array:
    """1 for a known value on the normal side, 2 beyond the threshold, 0 for unknown."""
    beyond = values < threshold if below else values >= threshold
    known = values == values  # noqa: PLR0124 - NaN is the only value unequal to itself
    coded: _Array = known.view(np.int8) + beyond.view(np.int8)
    return coded


def _number_coders(name: str) -> dict[str, Callable[[Any], Any]]:
    """The channels a number field feeds, each with its coder."""
    coders: dict[str, Callable[[Any], Any]] = {}
    if name == "kps":
        coders["kps"] = functools.partial(_grid_codes, grid=KPS_VALUES)
    elif name == "ecog":
        coders["ecog"] = functools.partial(_grid_codes, grid=ECOG_VALUES)
    elif name in {"vertebral_metastases", "extraspinal_bone_metastases"}:
        coders[name] = functools.partial(_grid_codes, grid=_COUNTS, cap=True)
    if name == "vertebral_metastases":
        coders["vertebral_metastases@value"] = np.asarray  # checked against the lesion's levels
    for cutoff in katagiri.KATAGIRI_2014_LAB_CUTOFFS:
        if cutoff.field == name:
            coders[f"{name}@katagiri"] = functools.partial(
                _threshold_codes, threshold=cutoff.threshold, below=cutoff.below
            )
    if name == "albumin_g_per_dl":
        coders["albumin_g_per_dl@nesms"] = functools.partial(
            _threshold_codes, threshold=_NESMS_ALBUMIN, below=False
        )
    return coders


class _NumberField(_Field):
    """A number column: validated by the field's rule, block by block, then coded."""

    def __init__(self, name: str, raw: _Raw) -> None:
        super().__init__(name, raw)
        self.rule = cast("_Rule", _rule_of(_FIELDS[name]))
        self.coders = _number_coders(name)
        # An integer field coded on a grid of its own steps from 0 (KPS, ECOG, the counts) is
        # checked for integrality by the coding itself.
        self.step: int | None = None
        self.top: int | None = None
        coder = self.coders.get(name)
        if isinstance(coder, functools.partial) and isinstance(self.rule, IntegerRule):
            grid = coder.keywords["grid"]
            if grid[0] == 0 and grid[1] == (self.rule.multiple_of or 1):
                self.step = grid[1]
                self.top = len(grid) if coder.keywords.get("cap") else None
        if self.decoded is not None:  # numbers read from strings or objects: decoded per value
            floats = [
                math.nan if item is None or isinstance(item, _Bad) else item
                for item in self.decoded
            ]
            self.float_table = _per_unique(floats, math.nan, np.float64)

    def block(self, lo: int, hi: int) -> tuple[dict[str, Any], Any]:
        if isinstance(self.raw, _Dictionary):
            codes = self.raw.codes[lo:hi]
            values, bad = np.take(self.float_table, codes), self._dictionary_bad(codes)
        else:
            values, bad = self.raw.floats[lo:hi], None
            if self.step is not None and values.size:
                coded = None
                if not _any_out_of_rule(values, self.rule, integers=False):
                    coded = _step_codes(values, self.step, self.top)
                if coded is not None:
                    return {
                        channel: coded if channel == self.name else coder(values)
                        for channel, coder in self.coders.items()
                    }, None
            if values.size and _any_out_of_rule(values, self.rule):
                bad = _out_of_rule(values, self.rule)
                values = np.where(bad, np.nan, values)
        return {channel: coder(values) for channel, coder in self.coders.items()}, bad


def _field(name: str, raw: _Raw, channels: Mapping[str, _Channel]) -> _Field:
    if name == "levels":
        return _levels_field(raw)
    if isinstance(_rule_of(_FIELDS[name]), IntegerRule | NumberRule):
        return _NumberField(name, raw)
    return _coded_field(name, raw, channels.get(name))


# --- Frames: pandas and polars, read to numpy and written back ------------------------------


class _Adapter(Generic[FrameT]):
    """What score_frame needs from a DataFrame library."""

    def height(self, frame: FrameT) -> int:
        raise NotImplementedError

    def names(self, frame: FrameT) -> list[str]:
        raise NotImplementedError

    def read(self, frame: FrameT, column: str) -> _Raw:
        raise NotImplementedError

    def write(self, frame: FrameT, columns: Mapping[str, "_Output"]) -> FrameT:
        raise NotImplementedError

    def errors(self, frame: FrameT, records: Sequence["_Record"]) -> FrameT:
        raise NotImplementedError


@frozen
class _Output:
    """One added column, backend-neutral: values, null mask, and categories if categorical."""

    data: _Array | dict[int, str]  # int8 values or codes; for the errors column, {row: messages}
    mask: _Array | int | None  # null rows, or None; for the errors column, the height
    categories: tuple[str, ...] | None = None


@frozen
class _Record:
    """One error: row position, frame column, value, message, and the score (None: whole row)."""

    row: int
    column: str
    value: object
    message: str
    score: str | None = None


def _pandas_read(series: "pd.Series") -> _Raw:
    import pandas as pd  # noqa: PLC0415 - the extra is imported only for a pandas frame

    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return _Dictionary(series.cat.codes.to_numpy(), tuple(dtype.categories.tolist()))
    if pd.api.types.is_bool_dtype(dtype):
        array = series.array
        data, mask = getattr(array, "_data", None), getattr(array, "_mask", None)
        if not (isinstance(data, np.ndarray) and isinstance(mask, np.ndarray)):
            data, mask = series.to_numpy(dtype=bool, na_value=False), series.isna().to_numpy()
        # False -> 0, True -> 1, null -> -1, in int8 arithmetic (no per-row branches).
        return _Dictionary(
            data.view(np.int8) - mask.view(np.int8) * (data.view(np.int8) + 1), (False, True)
        )
    if pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_complex_dtype(dtype):
        return _Numbers(series.to_numpy(dtype=np.float64, na_value=np.nan))
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    return _Dictionary(codes, tuple(np.asarray(uniques, dtype=object).tolist()))


class _PandasAdapter(_Adapter["pd.DataFrame"]):
    def height(self, frame: "pd.DataFrame") -> int:
        return len(frame)

    def names(self, frame: "pd.DataFrame") -> list[str]:
        return [str(name) for name in frame.columns]

    def read(self, frame: "pd.DataFrame", column: str) -> _Raw:
        return _pandas_read(frame[column])

    def write(self, frame: "pd.DataFrame", columns: Mapping[str, _Output]) -> "pd.DataFrame":
        import pandas as pd  # noqa: PLC0415

        added: dict[str, Any] = {}
        for name, output in columns.items():
            if output.categories is not None:
                dtype = pd.CategoricalDtype(list(output.categories), ordered=True)
                added[name] = pd.Categorical.from_codes(output.data, dtype=dtype)
            elif isinstance(output.data, dict):
                added[name] = _pandas_strings(output.data, frame.index)
            else:
                mask = np.zeros(output.data.shape, bool) if output.mask is None else output.mask
                added[name] = pd.arrays.IntegerArray(output.data, mask)
        kept = frame.drop(columns=[name for name in added if name in frame.columns])
        return pd.concat([kept, pd.DataFrame(added, index=frame.index, copy=False)], axis=1)

    def errors(self, frame: "pd.DataFrame", records: Sequence[_Record]) -> "pd.DataFrame":
        import pandas as pd  # noqa: PLC0415

        rows = [record.row for record in records]
        data = _error_columns(records)
        return pd.DataFrame(
            {
                "row": np.array(rows, dtype=np.int64),
                **{key: pd.array(values, dtype="string") for key, values in data.items()},
            },
            index=frame.index[rows],
        )


def _pandas_strings(
    values: Mapping[int, str], index: "pd.Index"
) -> "pd.api.extensions.ExtensionArray":
    """A nullable string column, built by broadcasting null and setting the few messages."""
    import pandas as pd  # noqa: PLC0415

    dtype = pd.StringDtype()
    if dtype.storage == "pyarrow":  # pandas uses pyarrow when it is installed
        pa = importlib.import_module("pyarrow")
        nulls = pa.nulls(len(index), pa.large_string())
        column = pd.Series(pd.array(nulls, dtype=dtype), index=index)
    else:  # pragma: no cover - pandas without pyarrow
        column = pd.Series(pd.NA, index=index, dtype=dtype)
    if values:
        column.iloc[list(values)] = list(values.values())
    return column.array


def _polars_read(series: "pl.Series") -> _Raw:  # noqa: PLR0911 - one return per kind of column
    import polars as pl  # noqa: PLC0415 - the extra is imported only for a polars frame

    dtype = series.dtype
    if dtype == pl.Categorical and not isinstance(dtype, pl.Enum):
        # Distinct values by their physical ids (integers), not by hashing strings.
        physical = series.to_physical()
        uniques = series.gather(physical.arg_unique()).drop_nulls()
        ids = uniques.to_physical().to_numpy().astype(np.int64)
        null_id = int(ids.max(initial=-1)) + 1
        position = np.full(null_id + 1, -1, dtype=np.int32)  # the last entry: null
        position[ids] = np.arange(ids.size, dtype=np.int32)
        codes = np.take(position, physical.fill_null(null_id).to_numpy())
        return _Dictionary(codes, tuple(uniques.cast(pl.String).to_list()))
    if isinstance(dtype, pl.Enum):
        categories = tuple(dtype.categories.to_list())
        physical = series.to_physical()
        if len(categories) <= np.iinfo(np.int8).max:  # uint8 codes; 255 reads as -1 in int8
            codes = physical.fill_null(np.iinfo(np.uint8).max).to_numpy().view(np.int8)
        else:
            codes = physical.cast(pl.Int32).fill_null(-1).to_numpy()
        return _Dictionary(codes, categories)
    if dtype == pl.String:
        distinct = series.drop_nulls().unique().to_list()
        encoded = series.cast(pl.Enum(distinct)).to_physical()
        return _Dictionary(encoded.cast(pl.Int32).fill_null(-1).to_numpy(), tuple(distinct))
    if dtype == pl.Boolean:
        return _Dictionary(series.cast(pl.Int8).fill_null(-1).to_numpy(), (False, True))
    if dtype == pl.Null:
        return _Dictionary(np.full(len(series), -1, dtype=np.int8), ())
    if dtype.is_numeric():
        return _Numbers(series.cast(pl.Float64).fill_null(math.nan).to_numpy())
    values = series.to_list()
    uniques_map: dict[object, int] = {}
    codes_list = [
        -1 if _is_null(value) else uniques_map.setdefault(value, len(uniques_map))
        for value in values
    ]
    return _Dictionary(np.array(codes_list, dtype=np.int64), tuple(uniques_map))


def _polars_series(name: str, output: _Output) -> "pl.Series":
    import polars as pl  # noqa: PLC0415

    if isinstance(output.data, dict):
        height = cast("int", output.mask)
        column = pl.repeat(None, height, dtype=pl.String, eager=True).alias(name)
        if output.data:
            column = column.scatter(list(output.data), list(output.data.values()))
        return column
    values = output.data
    if output.categories is not None:
        dtype = pl.Enum(list(output.categories))
        series = pl.Series(name, values.view(np.uint8))  # null (-1) reads as 255: no category
        to = getattr(series.cat, "to", None)
        if to is not None:
            converted: pl.Series = to(dtype, strict=False)
            return converted
        return series.replace_strict(  # pragma: no cover - polars 1.x
            list(range(len(output.categories))),
            list(output.categories),
            default=None,
            return_dtype=dtype,
        )
    series = pl.Series(name, values)
    if output.mask is None:
        return series
    null = pl.Series(cast("_Array", output.mask))
    return pl.select(pl.when(null).then(None).otherwise(series).alias(name)).to_series()


class _PolarsAdapter(_Adapter["pl.DataFrame"]):
    def height(self, frame: "pl.DataFrame") -> int:
        return int(frame.height)

    def names(self, frame: "pl.DataFrame") -> list[str]:
        return list(frame.columns)

    def read(self, frame: "pl.DataFrame", column: str) -> _Raw:
        return _polars_read(frame.get_column(column))

    def write(self, frame: "pl.DataFrame", columns: Mapping[str, _Output]) -> "pl.DataFrame":
        return frame.with_columns(
            [_polars_series(name, output) for name, output in columns.items()]
        )

    def errors(self, frame: "pl.DataFrame", records: Sequence[_Record]) -> "pl.DataFrame":
        import polars as pl  # noqa: PLC0415

        columns = {
            key: pl.Series(key, v, dtype=pl.String) for key, v in _error_columns(records).items()
        }
        rows = pl.Series("row", [record.row for record in records], dtype=pl.Int64)
        return pl.DataFrame([rows, *columns.values()])


def _error_columns(records: Sequence[_Record]) -> dict[str, list[str | None]]:
    return {
        "column": [record.column for record in records],
        "value": [repr(record.value) for record in records],
        "message": [record.message for record in records],
        "score": [record.score for record in records],
    }


def _adapter(frame: object) -> _Adapter[Any]:
    library = type(frame).__module__.split(".", 1)[0]
    if library == "pandas" and type(frame).__name__ == "DataFrame":
        return _PandasAdapter()
    if library == "polars" and type(frame).__name__ == "DataFrame":
        return _PolarsAdapter()
    msg = f"'df' must be a pandas or polars DataFrame (got {type(frame).__name__})"
    raise InvalidInputError(msg, field="df")


# --- Scoring ----------------------------------------------------------------------------------


@frozen
class ScoredFrame(Generic[FrameT]):
    """A scored frame and its error report, from :func:`score_frame_with_errors`.

    Unpacks as a pair: ``scored, errors = score_frame_with_errors(df)``.

    Attributes:
        frame: The input frame with the score columns and the ``score_errors`` column added
            (what :func:`score_frame` returns).
        errors: One row per error, the same kind of frame as the input, with the columns
            ``row`` (position of the row in the input, from 0), ``column`` (the input
            column), ``value`` (the cell, as Python ``repr``), ``message`` (the model's
            message, naming the field) and ``score`` (null when a bad cell keeps the whole
            row from being scored; else the one score that does not apply to the row). For
            pandas, the index holds the input rows' index labels.
        absent_fields: Model fields with no column in the input, read as unknown everywhere
            (check it for misspelt column names).
    """

    frame: FrameT
    errors: FrameT
    absent_fields: tuple[str, ...]

    def __iter__(self) -> Iterator[FrameT]:
        """Yield the frame, then the errors."""
        yield self.frame
        yield self.errors


def _mapping(columns: Mapping[str, str | None] | None, present: set[str]) -> dict[str, str]:
    """The frame column of every field the frame carries."""
    chosen: dict[str, str | None] = dict(COLUMNS)
    for field, column in (columns or {}).items():
        if field not in COLUMNS:
            msg = (
                f"'columns' must map model fields ({', '.join(COLUMNS)}) to column names "
                f"(got {field!r})"
            )
            raise InvalidInputError(msg, field="columns")
        if column is not None and column not in present:
            msg = f"'columns' maps {field!r} to {column!r}, which is not a column of the frame"
            raise InvalidInputError(msg, field="columns")
        chosen[field] = column
    return {field: column for field, column in chosen.items() if column in present}


def _selected(scores: Iterable[str] | None) -> tuple[str, ...]:
    if scores is None:
        return SCORES
    wanted = tuple(scores)
    unknown = [name for name in wanted if name not in SCORES]
    if unknown:
        msg = f"'scores' must name scores among {', '.join(SCORES)} (got {', '.join(unknown)})"
        raise InvalidInputError(msg, field="scores")
    return tuple(name for name in SCORES if name in wanted)


def _cross_field(codes: Mapping[str, _Array], levels: _CodedField | None, lo: int) -> _Array | None:
    """Rows whose vertebral count is below the levels of their lesion (Patient rejects them).

    The capped length ("involved") decides every row whose lesion is shorter than the cap;
    only rows at the cap look their exact length up.
    """
    values = codes.get("vertebral_metastases@value")
    if values is None or levels is None:
        return None
    involved = codes["involved"]
    bad = values < involved
    lengths = cast("_Array", levels.lengths)
    if lengths.max() > _COUNT_CAP:  # some lesion of the column is longer than the cap
        rows = np.flatnonzero(involved == _COUNT_CAP)
        level_codes = cast("_Dictionary", levels.raw).codes[rows + lo]
        bad[rows] = values[rows] < np.take(lengths, level_codes)
    return bad if bool(bad.any()) else None


def _cross_field_message(levels: int, count: int) -> str:
    try:
        _patient(involved=levels, vertebral_metastases=count)
    except InvalidInputError as error:
        return str(error)
    return ""  # pragma: no cover


def _channel_codes(codes: Mapping[str, _Array], name: str, size: int) -> _Array:
    """The codes of a channel; all unknown (0) when the frame has no column for it."""
    found = codes.get(name)
    return np.zeros(size, dtype=np.int8) if found is None else found


def _row_index(
    group: _Group, codes: Mapping[str, Any], size: int, indexes: dict[tuple[str, ...], _Array]
) -> _Array:
    """Each row's flat index into a group's table, built on the longest index already built.

    ``indexes`` holds the block's index of every leading run of channels built so far (never
    changed in place), so that groups sharing leading channels share their arithmetic.
    """
    names = group.channels
    start = next((k for k in range(len(names), 0, -1) if names[:k] in indexes), 0)
    if start:
        index = indexes[names[:start]]
    else:
        index = _channel_codes(codes, names[0], size).astype(np.int16)
        indexes[names[:1]] = index
        start = 1
    for position in range(start, len(names)):
        index = np.multiply(index, np.int16(group.sizes[position]))
        index += _channel_codes(codes, names[position], size)
        indexes[names[: position + 1]] = index
    return index


def _evaluate(
    table: _ScoreTables,
    codes: Mapping[str, Any],
    size: int,
    indexes: dict[tuple[str, ...], _Array],
    *,
    with_sum: bool = False,
) -> tuple[_Array, _Array | None]:
    """The packed result of a score on every row of a block, and its packed sum if asked."""
    if table.direct is not None and not with_sum:
        return np.take(table.direct, _row_index(table.groups[0], codes, size, indexes)), None
    total: _Array | None = None
    for group in table.groups:
        values = np.take(group.table, _row_index(group, codes, size, indexes))
        total = values if total is None else np.add(total, values, out=total)
    if total is None:  # pragma: no cover - every score has at least one group
        msg = f"the {table.score.name} score has no tables"
        raise AssertionError(msg)
    return np.take(table.result, total), total


def _score_reasons(
    table: _ScoreTables, codes: Mapping[str, _Array], rows: _Array, size: int
) -> list[tuple[int, _Reason]]:
    """Why a score does not apply on some rows of a block: the items' reasons, with messages."""
    found = []
    for item in table.items:
        if all(reason.message is None for reason in item.reason_list):
            continue
        index = np.ravel_multi_index(
            tuple(
                np.asarray(_channel_codes(codes, name, size))[rows].astype(np.intp)
                for name in item.channels
            ),
            tuple(_tables().channels[name].size for name in item.channels),
        )
        for row, reason in zip(rows.tolist(), item.reasons[index].tolist(), strict=True):
            if reason:
                found.append((row, item.reason_list[reason - 1]))
    return found


#: Rows encoded and scored at a time: the intermediate arrays stay in the CPU cache, and the
#: memory needed beyond the input and the output does not grow with the cohort.
_BLOCK_ROWS: Final = 1 << 16
_BITS: Final = (1 << _LOW_BITS) - 1


class _Results:
    """The unpacked results of one score, filled block by block."""

    def __init__(self, table: _ScoreTables, height: int) -> None:
        self.table = table
        self.low = np.empty(height, dtype=np.int8)
        self.high = np.empty(height, dtype=np.int8)
        self.category = np.empty(height, dtype=np.int8)
        self.null = np.empty(height, dtype=bool)

    def store(self, lo: int, hi: int, packed: _Array) -> None:
        """Unpack a block's packed results straight into the output columns."""
        np.bitwise_and(packed, _BITS, out=self.low[lo:hi], casting="unsafe")
        shifted = np.right_shift(packed, _LOW_BITS)
        np.bitwise_and(shifted, _BITS, out=self.high[lo:hi], casting="unsafe")
        # A null result has no category bits, so its category code is -1 (null) too.
        np.right_shift(packed, _CATEGORY_SHIFT, out=shifted)
        shifted &= 15
        np.subtract(shifted, 1, out=self.category[lo:hi], casting="unsafe")

    def outputs(self) -> dict[str, _Output]:
        name = self.table.score.name
        mask = self.null if bool(self.null.any()) else None
        outputs = {f"{name}_low": _Output(self.low, mask), f"{name}_high": _Output(self.high, mask)}
        labels = self.table.score.categories
        if all(isinstance(label, Enum) for label in labels):
            values = tuple(str(cast("Enum", label).value) for label in labels)
            outputs[f"{name}_category"] = _Output(self.category, None, values)
        else:  # the NESMS has no named bands: its category is the score, once decided
            outputs[f"{name}_category"] = _Output(self.low, self.category < 0)
        return outputs


class _Run:
    """One call of score_frame: the fields, the results and the error records."""

    def __init__(
        self, fields: Sequence[_Field], mapping: Mapping[str, str], selected: Sequence[str]
    ) -> None:
        self.fields = fields
        self.mapping = mapping
        self.selected = selected
        self.records: list[_Record] = []

    def block(self, lo: int, hi: int, results: Mapping[str, _Results]) -> None:
        codes: dict[str, Any] = {}
        row_bad: _Array | None = None
        for field in self.fields:
            field_codes, bad = field.block(lo, hi)
            codes.update(field_codes)
            if bad is not None:
                row_bad = bad if row_bad is None else row_bad | bad
                self.records.extend(
                    _Record(row, self.mapping[field.name], field.value(row), field.message(row))
                    for row in (np.flatnonzero(bad) + lo).tolist()
                )
        levels = next((field for field in self.fields if field.name == "levels"), None)
        crossed = _cross_field(codes, cast("_CodedField | None", levels), lo)
        if crossed is not None:
            row_bad = crossed if row_bad is None else row_bad | crossed
            vertebral = next(field for field in self.fields if field.name == "vertebral_metastases")
            for row in np.flatnonzero(crossed).tolist():
                count = cast("int", vertebral.value(row + lo))
                length = cast("_CodedField", levels).length(row + lo)
                message = _cross_field_message(length, count)
                column = self.mapping["vertebral_metastases"]
                self.records.append(_Record(row + lo, column, count, message))
        tables = _tables().scores
        indexes: dict[tuple[str, ...], _Array] = {}
        for name in SCORES:
            # The NESMS reads the modified Bauer sum: that score runs whenever the NESMS does.
            feeds_nesms = name == "modified_bauer" and "nesms" in results
            if name in results or feeds_nesms:
                packed, total = _evaluate(
                    tables[name], codes, hi - lo, indexes, with_sum=feeds_nesms
                )
                if feeds_nesms:
                    codes["modified_bauer@packed"] = total
                if name in results:
                    self._store(results[name], codes, (lo, hi), packed, row_bad=row_bad)

    def _store(
        self,
        results: _Results,
        codes: Mapping[str, _Array],
        rows: tuple[int, int],
        packed: _Array,
        *,
        row_bad: _Array | None,
    ) -> None:
        lo, hi = rows
        null = np.greater_equal(packed, _NULL_FLAG, out=results.null[lo:hi])
        unscored = null if row_bad is None else null & ~row_bad
        if bool(unscored.any()):
            name = results.table.score.name
            unscored_rows = np.flatnonzero(unscored)
            for row, reason in _score_reasons(results.table, codes, unscored_rows, hi - lo):
                if reason.message is None or reason.field is None:  # pragma: no cover
                    continue
                field = next((f for f in self.fields if f.name == reason.field), None)
                value = None if field is None else field.value(row + lo)
                column = self.mapping.get(reason.field, reason.field)
                self.records.append(_Record(row + lo, column, value, reason.message, name))
        if row_bad is not None:  # a row with a bad cell is not scored at all
            packed = np.where(row_bad, np.int16(_NULL_FLAG), packed)
            null |= row_bad
        results.store(lo, hi, packed)


def _score(
    frame: FrameT,
    columns: Mapping[str, str | None] | None,
    scores: Iterable[str] | None,
) -> tuple[FrameT, list[_Record], tuple[str, ...], _Adapter[FrameT]]:
    adapter = cast("_Adapter[FrameT]", _adapter(frame))
    mapping = _mapping(columns, set(adapter.names(frame)))
    selected = _selected(scores)
    tables = _tables()
    height = adapter.height(frame)
    fields = [
        _field(name, adapter.read(frame, column), tables.channels)
        for name, column in mapping.items()
    ]
    results = {name: _Results(tables.scores[name], height) for name in selected}
    run = _Run(fields, mapping, selected)
    for lo in range(0, height, _BLOCK_ROWS):
        run.block(lo, min(lo + _BLOCK_ROWS, height), results)
    run.records.sort(key=lambda record: record.row)
    outputs: dict[str, _Output] = {}
    for name in selected:
        outputs.update(results[name].outputs())
    outputs[ERRORS_COLUMN] = _Output(_row_messages(run.records), height)
    absent = tuple(field for field in COLUMNS if field not in mapping)
    return adapter.write(frame, outputs), run.records, absent, adapter


def _row_messages(records: Sequence[_Record]) -> dict[int, str]:
    """Each erroneous row's messages, joined; a score's own reason is prefixed by its name."""
    messages: dict[int, str] = {}
    for record in records:
        text = record.message if record.score is None else f"{record.score}: {record.message}"
        previous = messages.get(record.row)
        messages[record.row] = text if previous is None else f"{previous}; {text}"
    return messages


def score_frame(
    df: FrameT,
    *,
    columns: Mapping[str, str | None] | None = None,
    scores: Iterable[str] | None = None,
    errors: Literal["report", "raise"] = "report",
) -> FrameT:
    """Score every row of a cohort frame (one patient with one lesion per row).

    Args:
        df: A pandas or polars DataFrame. Its columns carry the model's fields
            (:data:`COLUMNS`): enum cells as their JSON values (``"mechanical"``,
            ``"1b"``), ``levels`` as ``"T12"`` or ``"T11-T12"`` (null: no lesion
            recorded, so SINS is null), booleans as booleans, numbers as numbers;
            nulls (and NaN) are unknown. A field without a column is unknown on
            every row. Other columns pass through untouched.
        columns: Overrides of the column of some fields, ``{field: column}``;
            ``None`` as a column ignores that field.
        scores: The scores to add (:data:`SCORES` by default).
        errors: ``"report"`` (default) scores the valid rows and reports each
            bad cell in the :data:`ERRORS_COLUMN` column; ``"raise"`` raises one
            error listing them all instead (the pandas ``errors=`` convention,
            hence strings rather than an enum). Use
            :func:`score_frame_with_errors` for the report as a table.

    Returns:
        The same kind of frame, with ``<score>_low``, ``<score>_high`` (nullable
        integers) and ``<score>_category`` (ordered categorical in the enum's
        order; for the NESMS, the score itself) for each score, and
        ``score_errors`` (each row's messages, or null). Low and high are equal
        when the row's inputs decide the total; the category is null while the
        unknowns leave more than one. All three are null on a row that has a bad
        cell, or that falls outside the score (``score_errors`` says why).

    Raises:
        InvalidInputError: If ``df`` is not a pandas or polars DataFrame, or
            ``columns`` or ``scores`` name something unknown.
        SerializationError: With ``errors="raise"``, one message per error.

    Examples:
        >>> import pandas as pd
        >>> cohort = pd.DataFrame({
        ...     "levels": ["T12", "T4-T5"], "pain": ["mechanical", None],
        ...     "bone_lesion": ["lytic", "blastic"], "alignment": ["normal", "normal"],
        ...     "collapse": ["less_than_50_percent", "none"],
        ...     "posterolateral": ["unilateral", "none"],
        ... })
        >>> scored = score_frame(cohort, scores=["sins"])
        >>> scored[["sins_low", "sins_high", "sins_category"]]
           sins_low  sins_high         sins_category
        0        11         11  potentially_unstable
        1         1          4                stable
    """
    if errors not in {"report", "raise"}:
        msg = f"'errors' must be 'report' or 'raise' (got {errors!r})"
        raise InvalidInputError(msg, field="errors")
    scored, records, _, _ = _score(df, columns, scores)
    if errors == "raise" and records:
        raise SerializationError(
            [
                f"row {record.row}, column {record.column!r}: "
                + (record.message if record.score is None else f"{record.score}: {record.message}")
                for record in records
            ]
        )
    return scored


def score_frame_with_errors(
    df: FrameT,
    *,
    columns: Mapping[str, str | None] | None = None,
    scores: Iterable[str] | None = None,
) -> ScoredFrame[FrameT]:
    """Score a cohort frame and return the error report as a frame beside it.

    Same arguments and scored frame as :func:`score_frame` (with ``errors="report"``);
    the report comes from the same pass.

    Examples:
        >>> import polars as pl
        >>> cohort = pl.DataFrame({"levels": ["T12", "T9-T7"], "kps": [75, 80]})
        >>> scored, errors = score_frame_with_errors(cohort, scores=["tokuhashi_revised"])
        >>> scored["tokuhashi_revised_low"].to_list()
        [None, None]
        >>> errors.select("row", "column", "value").rows()
        [(0, 'kps', '75'), (1, 'levels', "'T9-T7'")]
    """
    scored, records, absent, adapter = _score(df, columns, scores)
    return ScoredFrame(frame=scored, errors=adapter.errors(df, records), absent_fields=absent)
