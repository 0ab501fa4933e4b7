"""Batch assessment: many patients through :func:`~spinal_metastasis.assessment.assess`.

:func:`assess_many` streams records (``Patient`` objects, JSON-like dicts, or JSON
Lines) through ``assess``, serially or on a process pool, and yields one
:class:`BatchResult` per record in input order. A record that cannot be read
gives a result with a :class:`RecordError` (its index, its line, the messages;
never the patient identifier) and the stream goes on.

Across processes only compact forms travel: JSON text or plain dicts in, plain
row tuples out (pickling an attrs patient or assessment costs more than
assessing it). :func:`assessment_rows` flattens an assessment to one
:class:`AssessmentRow` per patient × lesion × modality, and :func:`to_table`
turns the rows into a pandas, polars or Arrow table (extras ``pandas``,
``polars``, ``arrow``). :func:`write_table` streams them to CSV (standard
library) or Parquet (``arrow`` or ``polars`` extra).

Examples:
    >>> from spinal_metastasis import example_patient
    >>> [result] = assess_many([example_patient()])
    >>> result.index, result.ok, len(result.rows)
    (0, True, 13)
    >>> row = result.rows[0]
    >>> row.levels, row.modality, row.sins_low, row.sins_category
    ('T12', 'conventional_ebrt', 11, 'potentially_unstable')
"""

from spinal_metastasis.cohort.batch.assessing import (
    WORKER_GC_THRESHOLDS,
    assess_many,
)
from spinal_metastasis.cohort.batch.rows import (
    COLUMNS,
    AssessmentRow,
    BatchResult,
    Record,
    RecordError,
    assessment_rows,
)
from spinal_metastasis.cohort.batch.tables import (
    to_table,
)
from spinal_metastasis.cohort.batch.writing import (
    write_table,
)

__all__ = [
    "COLUMNS",
    "WORKER_GC_THRESHOLDS",
    "AssessmentRow",
    "BatchResult",
    "Record",
    "RecordError",
    "assess_many",
    "assessment_rows",
    "to_table",
    "write_table",
]
