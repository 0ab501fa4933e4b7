"""Dask recipe: columnar scoring of a cohort larger than one machine's memory, or spread out.

:func:`score_dask_frame` maps every partition of a Dask DataFrame through
:func:`~spinal_metastasis.cohort.columnar.score_frame`. The partitions are plain
pandas frames, so each worker runs the same vectorized code, and the result is a
lazy Dask DataFrame with the score columns and the ``score_errors`` column added.
The same code runs on the local threaded scheduler, a ``distributed.LocalCluster``
or a real cluster: connect a ``distributed.Client`` to the scheduler first, and
make sure the workers have ``spinal-metastasis`` installed.

Requires the ``dask`` extra: ``pip install "spinal-metastasis[dask]"``.
"""

from collections.abc import Iterable, Mapping
from typing import cast

try:
    import dask.dataframe as dd
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    msg = 'spinal_metastasis.cohort.dask needs dask: pip install "spinal-metastasis[dask]"'
    raise ImportError(msg) from exc

from spinal_metastasis.cohort.columnar import score_frame

__all__ = ["score_dask_frame"]


def score_dask_frame(
    ddf: dd.DataFrame,
    *,
    columns: Mapping[str, str | None] | None = None,
    scores: Iterable[str] | None = None,
) -> dd.DataFrame:
    """Score every partition of a Dask DataFrame with :func:`score_frame` (lazily).

    Args:
        ddf: A Dask DataFrame with one patient with one lesion per row, columns as
            for :func:`~spinal_metastasis.cohort.columnar.score_frame`.
        columns: Overrides of the column of some fields, as for ``score_frame``.
        scores: The scores to add, as for ``score_frame``.

    Returns:
        A Dask DataFrame with the score columns and ``score_errors`` added. Nothing
        is computed until you call ``.compute()``, ``.to_parquet()`` and the like.
        Bad cells never fail a partition: filter ``score_errors`` to see them
        (``scored[scored.score_errors.notna()]``); the index tells which rows.

    Raises:
        InvalidInputError: At once, if ``columns`` or ``scores`` name something unknown.

    Examples:
        >>> import pandas as pd
        >>> import dask.dataframe as dd
        >>> cohort = pd.DataFrame({"levels": ["T12", "L1", "T4-T5", "C2"], "kps": [80] * 4})
        >>> scored = score_dask_frame(dd.from_pandas(cohort, npartitions=2), scores=["sins"])
        >>> scored.compute()["sins_high"].tolist()
        [18, 18, 16, 18]
    """
    columns = None if columns is None else dict(columns)
    scores = None if scores is None else tuple(scores)
    # The output schema, from the empty frame Dask keeps for each collection: known
    # categories and nullable dtypes, the same on every partition.
    meta = score_frame(ddf._meta, columns=columns, scores=scores)  # noqa: SLF001
    scored = ddf.map_partitions(  # type: ignore[no-untyped-call]  # untyped in dask
        score_frame, columns=columns, scores=scores, meta=meta
    )
    return cast("dd.DataFrame", scored)
