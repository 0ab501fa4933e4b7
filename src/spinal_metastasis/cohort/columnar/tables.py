"""The lookup tables: lowest and highest points of each item per code combination.

Items that share channels are grouped, then folded into one table per score.
"""

import functools
import itertools
import math
from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Final

import numpy as np
from attrs import frozen

from spinal_metastasis.cohort.columnar.columns import _Array, _Channel, _channels
from spinal_metastasis.cohort.columnar.items import (
    _CATEGORY_SHIFT,
    _HIGH,
    _INVALID,
    _LOW_BITS,
    _NULL_FLAG,
    _Item,
    _katagiri,
    _modified_bauer,
    _nesms,
    _NotScored,
    _Score,
    _sins,
    _tokuhashi,
    _tomita,
)
from spinal_metastasis.errors import InvalidInputError, OutOfValidatedRangeError

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
        values = [channel.values[code] for channel, code in zip(used, codes, strict=True)]
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
