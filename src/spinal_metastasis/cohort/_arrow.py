"""Columnar scoring of an Arrow table, and the provenance of scored frames.

:func:`~spinal_metastasis.cohort.score_frame` scores pandas and polars frames. An
Arrow table is scored through polars (``pl.from_arrow`` shares the table's
buffers), or through pandas when polars is absent, and the score columns are
added to the table itself, so that its other columns pass through untouched.
The score columns have the dtypes of
:func:`~spinal_metastasis.cohort.batch.to_table`'s Arrow tables: small integers,
and ordered dictionary columns whose dictionary is the category enum.
"""

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

if TYPE_CHECKING:  # pragma: no cover - annotations only; the extras load lazily
    import pyarrow as pa

__all__ = ["is_arrow_table", "score_table", "stamped"]

FrameT = TypeVar("FrameT")


def is_arrow_table(frame: object) -> bool:
    """Whether ``frame`` is a ``pyarrow.Table`` (without importing pyarrow)."""
    cls = type(frame)
    return cls.__module__.split(".", 1)[0] == "pyarrow" and cls.__name__ == "Table"


def stamped(frame: FrameT) -> FrameT:
    """Record the provenance in a pandas frame's ``attrs``; return the frame."""
    cls = type(frame)
    if cls.__module__.split(".", 1)[0] == "pandas" and cls.__name__ == "DataFrame":
        # Loaded here: the provenance names the assessment's tables, which scoring alone
        # does not otherwise load.
        from spinal_metastasis.provenance import provenance  # noqa: PLC0415

        frame.attrs.update(provenance())  # type: ignore[attr-defined] # a pandas frame
    return frame


def _library() -> str:
    try:
        import polars as pl  # noqa: F401, PLC0415 - an optional extra
    except ImportError:
        try:
            import pandas as pd  # noqa: F401, PLC0415 - an optional extra
        except ImportError:
            msg = (
                "scoring an Arrow table needs polars or pandas: "
                'pip install "spinal-metastasis[polars]"'
            )
            raise ImportError(msg) from None
        return "pandas"
    return "polars"


def _from_arrow(table: "pa.Table", library: str) -> Any:  # noqa: ANN401 - polars or pandas
    if library == "polars":
        import polars as pl  # noqa: PLC0415 - an optional extra

        return pl.from_arrow(table)
    return table.to_pandas()


def _to_arrow(frame: Any, names: list[str], library: str) -> "pa.Table":  # noqa: ANN401
    import pyarrow as pa  # noqa: PLC0415 - present: the input is an Arrow table

    if library == "polars":
        return frame.select(names).to_arrow()
    return pa.Table.from_pandas(frame[names], preserve_index=False)


def _normalized(column: "pa.ChunkedArray") -> "pa.ChunkedArray":
    """Dictionary columns as ordered ``dictionary<int8, string>``; text as ``string``."""
    import pyarrow as pa  # noqa: PLC0415

    if pa.types.is_dictionary(column.type):
        return column.cast(pa.dictionary(pa.int8(), pa.string(), ordered=True))
    if pa.types.is_large_string(column.type):
        return column.cast(pa.string())
    return column


def _arrow_of(frame: Any, library: str) -> "pa.Table":  # noqa: ANN401 - polars or pandas
    import pyarrow as pa  # noqa: PLC0415

    converted = _to_arrow(frame, list(frame.columns), library)
    return pa.table({name: _normalized(converted.column(name)) for name in converted.column_names})


def _with_columns(table: "pa.Table", scored: Any, library: str) -> "pa.Table":  # noqa: ANN401
    """The table with the scored frame's columns that are new or were rewritten."""
    from spinal_metastasis.cohort.columnar.columns import ERRORS_COLUMN, SCORES  # noqa: PLC0415
    from spinal_metastasis.provenance import provenance_metadata  # noqa: PLC0415 - see stamped

    outputs = {ERRORS_COLUMN} | {
        f"{score}_{part}" for score in SCORES for part in ("low", "high", "category")
    }
    names = [name for name in scored.columns if name not in table.column_names or name in outputs]
    added = _to_arrow(scored, names, library)
    result = table
    for name in names:
        column = _normalized(added.column(name))
        if name in result.column_names:
            result = result.set_column(result.column_names.index(name), name, column)
        else:
            result = result.append_column(name, column)
    metadata = {**(result.schema.metadata or {}), **_encoded(provenance_metadata())}
    return result.replace_schema_metadata(metadata)


def _encoded(metadata: Mapping[str, str]) -> dict[bytes, bytes]:
    return {key.encode(): value.encode() for key, value in metadata.items()}


def score_table(
    table: "pa.Table",
    *,
    score: Callable[[Any], Any],
    with_errors: Callable[[Any], Any] | None = None,
) -> Any:  # noqa: ANN401 - an Arrow table, or a ScoredFrame of Arrow tables
    """Score an Arrow table as :func:`~spinal_metastasis.cohort.score_frame` scores a frame.

    Args:
        table: The Arrow table.
        score: Scores a polars or pandas frame (``score_frame`` with its options).
        with_errors: Scores a frame and reports its errors (``score_frame_with_errors``
            with its options); when given, it is used instead of ``score``.

    Returns:
        The table with the score columns (and the provenance in its schema
        metadata); with ``with_errors``, its ``ScoredFrame`` with the table and the
        error report as Arrow tables.
    """
    library = _library()
    frame = _from_arrow(table, library)
    if with_errors is not None:
        report = with_errors(frame)
        return attrs.evolve(
            report,
            frame=_with_columns(table, report.frame, library),
            errors=_arrow_of(report.errors, library),
        )
    return _with_columns(table, score(frame), library)
