"""Writing rows to CSV or Parquet, batch by batch."""

import csv
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Final

from spinal_metastasis.cohort.batch.rows import COLUMNS, AssessmentRow, BatchResult
from spinal_metastasis.cohort.batch.tables import _arrow, _arrow_schema, _columns, _polars, _rows
from spinal_metastasis.errors import InvalidInputError
from spinal_metastasis.provenance import provenance_metadata

__all__ = [
    "write_table",
]


# --- Writing ----------------------------------------------------------------------------------

#: Rows per Parquet row group written by :func:`write_table`.
PARQUET_BATCH_ROWS: Final = 65_536


def _csv_cell(value: object) -> object:
    return "" if value is None else value


def _write_csv(rows: Iterable[AssessmentRow], out: IO[str]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
        count += 1
    return count


def _batched(rows: Iterable[AssessmentRow], size: int) -> Iterator[list[AssessmentRow]]:
    batch: list[AssessmentRow] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _write_parquet(rows: Iterable[AssessmentRow], path: Path) -> int:
    try:
        import pyarrow.parquet as pq  # noqa: PLC0415 - an optional extra
    except ImportError:
        return _write_parquet_polars(rows, path)
    schema = _arrow_schema()
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        for batch in _batched(rows, PARQUET_BATCH_ROWS):
            writer.write_table(_arrow(_columns(batch)))
            count += len(batch)
        if count == 0:
            writer.write_table(_arrow(_columns(())))
    return count


def _write_parquet_polars(rows: Iterable[AssessmentRow], path: Path) -> int:
    try:
        import polars as pl  # noqa: F401, PLC0415 - an optional extra
    except ImportError:
        msg = 'writing Parquet needs pyarrow or polars: pip install "spinal-metastasis[arrow]"'
        raise ImportError(msg) from None
    frame = _polars(_columns(rows))
    frame.write_parquet(path, metadata=provenance_metadata())
    return int(frame.height)


def write_table(
    results: Iterable[BatchResult | AssessmentRow], path: str | os.PathLike[str] | IO[str]
) -> int:
    """Stream the rows of batch results to a CSV or Parquet file, by its suffix.

    CSV needs only the standard library (an empty cell is a null); Parquet carries
    :func:`~spinal_metastasis.provenance.provenance_metadata` as key-value metadata and is
    written in row groups of :data:`PARQUET_BATCH_ROWS` rows with pyarrow (extra
    ``arrow``), or at once with polars (extra ``polars``) when pyarrow is absent.

    Args:
        results: Results of :func:`assess_many`, or rows; consumed lazily.
        path: A ``.csv``, ``.parquet`` or ``.pq`` path, or an open text stream for CSV.

    Returns:
        The number of rows written.

    Raises:
        InvalidInputError: If the suffix is not one of those.
        ImportError: For Parquet without pyarrow or polars.
    """
    rows = _rows(results)
    if not isinstance(path, str | os.PathLike):
        return _write_csv(rows, path)
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".csv":
        with target.open("w", encoding="utf-8", newline="") as handle:
            return _write_csv(rows, handle)
    if suffix in {".parquet", ".pq"}:
        return _write_parquet(rows, target)
    msg = f"'path' must end in .csv, .parquet or .pq (got {target.name!r})"
    raise InvalidInputError(msg, field="path")
