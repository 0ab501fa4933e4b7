"""Scoring a frame block by block: :func:`score_frame` and :func:`score_frame_with_errors`."""

import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from enum import Enum
from typing import Any, Final, Generic, Literal, cast

import numpy as np
from attrs import frozen

from spinal_metastasis.cohort._arrow import is_arrow_table, score_table, stamped
from spinal_metastasis.cohort.columnar.cells import _CodedField, _Dictionary, _Field, _field
from spinal_metastasis.cohort.columnar.columns import (
    _COUNT_CAP,
    COLUMNS,
    ERRORS_COLUMN,
    SCORES,
    FrameT,
    _Array,
)
from spinal_metastasis.cohort.columnar.frames import _Adapter, _adapter, _Output, _Record
from spinal_metastasis.cohort.columnar.items import _CATEGORY_SHIFT, _LOW_BITS, _NULL_FLAG, _patient
from spinal_metastasis.cohort.columnar.tables import _Group, _Reason, _ScoreTables, _tables
from spinal_metastasis.errors import InvalidInputError, SerializationError

__all__ = [
    "ScoredFrame",
    "score_frame",
    "score_frame_with_errors",
]


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
        df: A pandas or polars DataFrame, or a ``pyarrow.Table`` (scored through
            polars, or pandas without polars; its own columns pass through
            untouched). Its columns carry the model's fields
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
        The same kind of frame (a pandas frame carries
        :func:`~spinal_metastasis.provenance.provenance` in ``attrs``, an Arrow
        table in its schema metadata), with ``<score>_low``, ``<score>_high`` (nullable
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
    if is_arrow_table(df):
        chosen = None if scores is None else list(scores)
        arrow_scored: FrameT = score_table(
            df, score=functools.partial(score_frame, columns=columns, scores=chosen, errors=errors)
        )
        return arrow_scored
    scored, records, _, _ = _score(df, columns, scores)
    if errors == "raise" and records:
        raise SerializationError(
            [
                f"row {record.row}, column {record.column!r}: "
                + (record.message if record.score is None else f"{record.score}: {record.message}")
                for record in records
            ]
        )
    return stamped(scored)


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
    if is_arrow_table(df):
        chosen = None if scores is None else list(scores)
        arrow_report: ScoredFrame[FrameT] = score_table(
            df,
            score=score_frame,
            with_errors=functools.partial(score_frame_with_errors, columns=columns, scores=chosen),
        )
        return arrow_report
    scored, records, absent, adapter = _score(df, columns, scores)
    return ScoredFrame(
        frame=stamped(scored), errors=adapter.errors(df, records), absent_fields=absent
    )
