"""Cells and raw columns: decoded as the model classes validate them, then encoded."""

import functools
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

import attrs
import numpy as np
import numpy.typing as npt
from attrs import frozen

from spinal_metastasis._validators import EnumRule, IntegerRule, NumberRule
from spinal_metastasis.anatomy import SinsLocation, parse_levels
from spinal_metastasis.cohort.columnar.columns import (
    _COUNT_CAP,
    _COUNTS,
    _FIELDS,
    _LEVELS,
    _NESMS_ALBUMIN,
    _Array,
    _Channel,
    _Rule,
    _rule_of,
)
from spinal_metastasis.errors import InvalidInputError
from spinal_metastasis.limits import echo
from spinal_metastasis.performance import ECOG_VALUES, KPS_VALUES
from spinal_metastasis.scores import katagiri, sins

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
            f"(got {echo(value)})"
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
