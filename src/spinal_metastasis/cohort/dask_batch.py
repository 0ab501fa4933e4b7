"""Batch assessment on Dask: partitions of patient records through ``assess_many``.

A :class:`dask.bag.Bag` of records (JSON lines, as :func:`dask.bag.read_text`
gives them, or JSON-like dicts) is assessed partition by partition with
:func:`~spinal_metastasis.cohort.batch.assess_many`, serially inside each task:
Dask's workers are the parallelism, on one machine or on a cluster. The result
is two lazy :class:`dask.dataframe.DataFrame`: the flat rows (the columns of
:data:`~spinal_metastasis.cohort.batch.COLUMNS` plus ``partition``) and the
errors (``partition``, ``record``, ``line``, ``message``; never the patient
identifier). Both come from the same tasks: compute them together with
:func:`dask.compute` so that each partition is assessed once.

Needs the ``dask`` extra (``pip install "spinal-metastasis[dask]"``).

Examples:
    >>> import dask
    >>> import dask.bag as db
    >>> lines = ['{"primary": "breast", "lesions": [{"levels": ["t12"]}]}', '{"kps": 75}']
    >>> rows, errors = assess_bag(db.from_sequence(lines, npartitions=1))
    >>> rows_df, errors_df = dask.compute(rows, errors, scheduler="synchronous")
    >>> len(rows_df), errors_df["line"].tolist()
    (13, [2])
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final

from spinal_metastasis.cohort.batch import COLUMNS, BatchResult, assess_many, to_table

if TYPE_CHECKING:  # pragma: no cover - annotations only
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

__all__ = ["ERROR_COLUMNS", "ROW_COLUMNS", "assess_bag", "assess_series"]

#: Columns of the rows frame: the flat table's, then the partition number.
ROW_COLUMNS: Final = (*COLUMNS, "partition")
#: Columns of the errors frame. ``record`` is the 0-based position in the partition,
#: ``line`` the 1-based line in it (for text records) or null.
ERROR_COLUMNS: Final = ("partition", "record", "line", "message")


def _require() -> None:
    try:
        import dask.dataframe  # noqa: F401, PLC0415 - an optional extra
    except ImportError:
        msg = 'Dask is needed for this recipe: pip install "spinal-metastasis[dask]"'
        raise ImportError(msg) from None


def _rows_frame(results: Iterable[BatchResult], partition: int) -> "pd.DataFrame":
    frame = to_table(results, kind="pandas")
    frame["partition"] = partition
    frame["partition"] = frame["partition"].astype("int64")
    return frame


def _errors_frame(results: Iterable[BatchResult], partition: int) -> "pd.DataFrame":
    import pandas as pd  # noqa: PLC0415 - an optional extra, present with dask[dataframe]

    errors = [result.error for result in results if result.error is not None]
    return pd.DataFrame(
        {
            "partition": pd.array([partition] * len(errors), dtype="int64"),
            "record": pd.array([error.index for error in errors], dtype="int64"),
            "line": pd.array([error.line for error in errors], dtype="Int64"),
            "message": pd.array(["; ".join(error.messages) for error in errors], dtype="string"),
        }
    )


def _assess_partition(records: list[Any], partition: int) -> tuple["pd.DataFrame", "pd.DataFrame"]:
    results = list(assess_many(records))
    return _rows_frame(results, partition), _errors_frame(results, partition)


def assess_bag(bag: "db.Bag") -> tuple["dd.DataFrame", "dd.DataFrame"]:
    """Assess every record of a Dask bag, partition by partition.

    Args:
        bag: Records as :func:`~spinal_metastasis.cohort.batch.assess_many` takes
            them: JSON lines (``dask.bag.read_text("cohort-*.jsonl")``; one
            partition per file unless ``blocksize`` splits them) or JSON-like dicts.

    Returns:
        Two lazy frames, ``(rows, errors)``: one row per patient × lesion ×
        modality, and one row per record that could not be read. Compute them
        together (``dask.compute(rows, errors)``) to assess each partition once.

    Raises:
        ImportError: Without the ``dask`` extra.
    """
    _require()
    import dask.dataframe as dd  # noqa: PLC0415 - an optional extra
    from dask.delayed import delayed  # noqa: PLC0415

    parts = [
        delayed(_assess_partition, nout=2, pure=True)(part, number)
        for number, part in enumerate(bag.to_delayed())  # type: ignore[no-untyped-call]
    ]
    rows = dd.from_delayed([part[0] for part in parts], meta=_rows_frame((), 0), verify_meta=False)
    errors = dd.from_delayed(
        [part[1] for part in parts], meta=_errors_frame((), 0), verify_meta=False
    )
    return rows, errors


def assess_series(series: "dd.Series") -> tuple["dd.DataFrame", "dd.DataFrame"]:
    """Assess a Dask series of records (a column of JSON text or of dicts).

    Each partition of the series becomes one partition of the results; ``record``
    and ``line`` in the errors count from the start of the partition.

    Returns:
        ``(rows, errors)``, as :func:`assess_bag`.
    """
    return assess_bag(series.to_bag())  # type: ignore[no-untyped-call]  # untyped in dask
