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

try:
    import numpy as np  # noqa: F401 - the extra the modules need, checked before they load
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    msg = (
        "spinal_metastasis.cohort.columnar needs numpy with pandas or polars: "
        'pip install "spinal-metastasis[pandas]" or "spinal-metastasis[polars]"'
    )
    raise ImportError(msg) from exc

from spinal_metastasis.cohort.columnar.columns import (
    COLUMNS,
    ERRORS_COLUMN,
    SCORES,
)
from spinal_metastasis.cohort.columnar.scoring import (
    ScoredFrame,
    score_frame,
    score_frame_with_errors,
)

__all__ = [
    "COLUMNS",
    "ERRORS_COLUMN",
    "SCORES",
    "ScoredFrame",
    "score_frame",
    "score_frame_with_errors",
]
