"""Batch use: columnar cohort scoring and batch assessment (optional extras).

``score_frame`` needs the ``pandas`` or ``polars`` extra; ``assess_many`` runs on
the standard library and flattens to pandas, polars or Arrow with those extras.
Importing :mod:`spinal_metastasis` never imports this package.
"""

from typing import Any

__all__ = ["assess_many", "score_frame"]


def __getattr__(name: str) -> Any:  # noqa: ANN401 - the lazily imported public functions
    """Import the public functions on first use, so the extras load only when needed."""
    if name == "score_frame":
        from spinal_metastasis.cohort.columnar import score_frame  # noqa: PLC0415

        return score_frame
    if name == "assess_many":
        from spinal_metastasis.cohort.batch import assess_many  # noqa: PLC0415

        return assess_many
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
