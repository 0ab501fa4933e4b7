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

import collections
import contextlib
import csv
import gc
import io
import itertools
import json
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, Literal, NamedTuple, TypeAlias

from attrs import frozen

from spinal_metastasis.assessment import Assessment, assess
from spinal_metastasis.errors import InvalidInputError, SpinalMetastasisError
from spinal_metastasis.io import from_json, structure, unstructure
from spinal_metastasis.limits import MAX_DOCUMENT_BYTES
from spinal_metastasis.model import Patient
from spinal_metastasis.provenance import provenance, provenance_metadata
from spinal_metastasis.ranges import DayRange, ProbabilityRange

if TYPE_CHECKING:  # pragma: no cover - annotations only; the extras load lazily
    import pandas as pd
    import polars as pl
    import pyarrow as pa

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

#: A record as :func:`assess_many` accepts it: a patient, a JSON-like dict, or one JSON line.
Record: TypeAlias = Patient | Mapping[str, Any] | str | bytes

#: Records per task sent to a worker process: large enough that the cost of a task
#: (a pickle each way) is small against the assessments it carries.
DEFAULT_CHUNKSIZE: Final = 32


class AssessmentRow(NamedTuple):
    """One row of the flat table: one patient × lesion × modality.

    Ranges are given by their two ends (``_low``, ``_high``); a figure no source
    gives, or an undetermined category, is ``None`` (a null in tables). Days are
    days; probabilities are in [0, 1]. Enum values are their JSON values.
    """

    record: int
    """0-based position of the record in the input."""
    patient_id: str | None
    """The caller's identifier (the table is the caller's own data)."""
    lesion: int
    """0-based position of the lesion in the patient's ``lesions``."""
    levels: str
    """The lesion's levels, ``"T12"`` or ``"T11-T12"``."""
    sins_low: int
    sins_high: int
    sins_category: str | None
    noms_pathway: str
    stabilization: str
    modality: str
    eligibility: str
    missing: str
    """The unknown inputs the eligibility waits for, separated by ``;`` (empty if none)."""
    onset_days_low: float | None
    onset_days_high: float | None
    maximal_effect_days_low: float | None
    maximal_effect_days_high: float | None
    pain_response_low: float | None
    pain_response_high: float | None
    systemic_hold_days_low: float
    systemic_hold_days_high: float
    collapse_probability_low: float
    collapse_probability_high: float
    local_control_low: float | None
    local_control_high: float | None
    sessions_low: int
    sessions_high: int
    hospital_days_low: float | None
    hospital_days_high: float | None


#: The column names of the flat table, in order.
COLUMNS: Final[tuple[str, ...]] = AssessmentRow._fields

_INT_COLUMNS: Final = frozenset({"record", "lesion", "sins_low", "sins_high"})
_INT_COLUMNS_ALL: Final = _INT_COLUMNS | {"sessions_low", "sessions_high"}
_TEXT_COLUMNS: Final = frozenset(
    {
        "patient_id",
        "levels",
        "sins_category",
        "noms_pathway",
        "stabilization",
        "modality",
        "eligibility",
        "missing",
    }
)


@frozen(kw_only=True)
class RecordError:
    """Why one record could not be assessed.

    Attributes:
        index: 0-based position of the record in the input.
        line: 1-based line number, for JSON Lines input; ``None`` otherwise.
        messages: One message per problem, each starting with the field's path
            (``lesions[0].escc: '4' is not one of 0, 1a, 1b, 1c, 2, 3``). They
            never contain the patient identifier.
    """

    index: int
    line: int | None
    messages: tuple[str, ...]

    def __str__(self) -> str:
        """Show ``line 3: <messages>`` (or ``record 2: ...`` without a line)."""
        where = f"line {self.line}" if self.line is not None else f"record {self.index}"
        return f"{where}: {'; '.join(self.messages)}"


@frozen(kw_only=True)
class BatchResult:
    """The outcome of one record.

    Attributes:
        index: 0-based position of the record in the input.
        line: 1-based line number, for JSON Lines input; ``None`` otherwise.
        rows: The flat rows of the assessment (empty when the record failed or
            the patient has no lesion).
        assessment: The whole assessment, when ``assess_many(...,
            assessments=True)``; else ``None``.
        error: Why the record failed, or ``None``.
    """

    index: int
    line: int | None
    rows: tuple[AssessmentRow, ...] = ()
    assessment: Assessment | None = None
    error: RecordError | None = None

    @property
    def ok(self) -> bool:
        """Whether the record was assessed."""
        return self.error is None


# --- Flattening -------------------------------------------------------------------------------


def _days(value: DayRange | None) -> tuple[float | None, float | None]:
    return (None, None) if value is None else (value.low, value.high)


def _probability(value: ProbabilityRange | None) -> tuple[float | None, float | None]:
    return (None, None) if value is None else (value.low, value.high)


def assessment_rows(assessment: Assessment, *, record: int = 0) -> tuple[AssessmentRow, ...]:
    """Flatten an assessment: one row per lesion × modality, lesions in order.

    Args:
        assessment: The assessment of one patient.
        record: The record's position, written in the ``record`` column.

    Returns:
        The rows; none for a patient without a lesion.

    Examples:
        >>> from spinal_metastasis import assess, example_patient
        >>> rows = assessment_rows(assess(example_patient()))
        >>> len(rows), rows[1].levels, rows[1].modality
        (13, 'T12', 'sbrt')
    """
    patient_id = assessment.patient.patient_id
    rows: list[AssessmentRow] = []
    for position, item in enumerate(assessment.lesions):
        sins = item.sins
        levels = "-".join(
            dict.fromkeys((item.lesion.levels[0].label, item.lesion.levels[-1].label))
        )
        head = (
            record,
            patient_id,
            position,
            levels,
            sins.points.low,
            sins.points.high,
            None if sins.category is None else sins.category.value,
            item.noms.pathway.value,
            item.noms.stabilization.value,
        )
        for option in item.options:
            relief = option.pain_relief
            response = relief.response
            hold = option.toxicity.systemic_therapy_hold_days
            collapse = option.collapse_risk.probability
            sessions = option.burden.sessions
            rows.append(
                AssessmentRow(
                    *head,
                    option.modality.value,
                    option.eligibility.value,
                    ";".join(option.missing),
                    *_days(relief.onset_days),
                    *_days(relief.maximal_days),
                    *_probability(None if response is None else response.probability),
                    hold.low,
                    hold.high,
                    collapse.low,
                    collapse.high,
                    *_probability(option.local_control.probability),
                    sessions.low,
                    sessions.high,
                    *_days(option.burden.hospital_days),
                )
            )
    return tuple(rows)


# --- Reading records --------------------------------------------------------------------------

# What travels to a worker: (index, line, payload); payload is JSON text or a JSON-like dict.
_Task: TypeAlias = tuple[int, int | None, str | bytes | Mapping[str, Any]]
# What travels back: (index, line, plain row tuples, assessment JSON or None, messages or None).
_Outcome: TypeAlias = tuple[
    int, int | None, list[tuple[object, ...]], str | None, tuple[str, ...] | None
]


def _is_blank(line: str | bytes) -> bool:
    return not line.strip()


@frozen
class _LongLine:
    """A line longer than a document may be, read no further than the limit."""

    size: int


def _lines(handle: "IO[str] | IO[bytes]") -> Iterator[tuple[int, str | bytes | _LongLine]]:
    """Yield the numbered non-blank lines; a line past the size limit is not kept whole.

    Each read stops one character past the limit, so that a file without line breaks
    costs no more memory than one document.
    """
    limit = MAX_DOCUMENT_BYTES.value
    number = 0
    while True:
        line: str | bytes = handle.readline(limit + 2)
        if not line:
            return
        number += 1
        ended = line[-1:] in {"\n", b"\n"}
        if len(line) - ended > limit:
            size = len(line) - ended
            while not ended:  # the rest of the line, in bounded pieces
                line = handle.readline(limit)
                if not line:
                    break
                ended = line[-1:] in {"\n", b"\n"}
                size += len(line) - ended
            yield number, _LongLine(size)
        elif not _is_blank(line):
            yield number, line


def _read_path(path: str | os.PathLike[str]) -> Iterator[tuple[int, str | bytes | _LongLine]]:
    with Path(path).open("rb") as handle:
        yield from _lines(handle)


def _numbered(
    records: "Iterable[Record] | str | os.PathLike[str] | IO[str] | IO[bytes]",
) -> Iterator[tuple[int | None, object]]:
    """Yield ``(line, record)``: the line number for JSON Lines input, else ``None``."""
    if isinstance(records, str | os.PathLike):
        yield from _read_path(records)
    elif isinstance(records, io.IOBase) or hasattr(records, "readline"):
        yield from _lines(records)  # type: ignore[arg-type]  # a file object of str or bytes
    else:
        for position, record in enumerate(records, start=1):
            if isinstance(record, str | bytes):
                if not _is_blank(record):
                    yield position, record
            else:
                yield None, record


def _type_error(index: int, line: int | None, record: object) -> RecordError:
    if isinstance(record, _LongLine):
        limit = MAX_DOCUMENT_BYTES.value
        message = f"$: line of {record.size} characters is larger than the limit of {limit}"
    else:
        message = (
            "$: expected a Patient, a JSON object (dict) or a JSON line "
            f"(got {type(record).__name__})"
        )
    return RecordError(index=index, line=line, messages=(message,))


def _foreign(exc: Exception) -> tuple[str, ...]:
    """The message of a failure that is not the library's own: its type, not its text.

    The text of an exception raised deep inside may quote a value of the record, the
    identifier included; its type is enough to report it.
    """
    return (f"$: could not be assessed ({type(exc).__name__})",)


# --- Assessing --------------------------------------------------------------------------------


def _patient(payload: str | bytes | Mapping[str, Any]) -> Patient:
    if isinstance(payload, Mapping):
        return structure(dict(payload), Patient)
    return from_json(payload, Patient)


def _messages(exc: SpinalMetastasisError) -> tuple[str, ...]:
    messages = getattr(exc, "messages", None)
    return tuple(messages) if messages else (str(exc),)


def _assess_tasks(tasks: Sequence[_Task], with_assessment: bool) -> list[_Outcome]:
    """Assess a chunk of records in a worker; return compact outcomes (plain tuples)."""
    outcomes: list[_Outcome] = []
    for index, line, payload in tasks:
        try:
            assessment = assess(_patient(payload))
        except SpinalMetastasisError as exc:
            outcomes.append((index, line, [], None, _messages(exc)))
            continue
        except Exception as exc:  # noqa: BLE001 - one record's failure never ends the stream
            outcomes.append((index, line, [], None, _foreign(exc)))
            continue
        rows: list[tuple[object, ...]] = [
            tuple(row) for row in assessment_rows(assessment, record=index)
        ]
        document = json.dumps(unstructure(assessment)) if with_assessment else None
        outcomes.append((index, line, rows, document, None))
    return outcomes


def _from_outcome(outcome: _Outcome) -> BatchResult:
    index, line, rows, document, messages = outcome
    if messages is not None:
        return BatchResult(
            index=index, line=line, error=RecordError(index=index, line=line, messages=messages)
        )
    assessment = None if document is None else structure(json.loads(document), Assessment)
    return BatchResult(
        index=index,
        line=line,
        rows=tuple(AssessmentRow._make(row) for row in rows),
        assessment=assessment,
    )


def _assess_one(index: int, line: int | None, record: object, with_assessment: bool) -> BatchResult:
    try:
        if isinstance(record, Patient):
            patient = record
        elif isinstance(record, Mapping | str | bytes):
            patient = _patient(record)
        else:
            return BatchResult(index=index, line=line, error=_type_error(index, line, record))
        assessment = assess(patient)
    except SpinalMetastasisError as exc:
        error = RecordError(index=index, line=line, messages=_messages(exc))
        return BatchResult(index=index, line=line, error=error)
    except Exception as exc:  # noqa: BLE001 - one record's failure never ends the stream
        error = RecordError(index=index, line=line, messages=_foreign(exc))
        return BatchResult(index=index, line=line, error=error)
    return BatchResult(
        index=index,
        line=line,
        rows=assessment_rows(assessment, record=index),
        assessment=assessment if with_assessment else None,
    )


def _default_context() -> Any:  # noqa: ANN401 - a multiprocessing context
    """Choose how to start workers: "fork" when that is safe, else the fork server.

    Forking is fast (the workers share the loaded library) and safe on Linux in a
    process that runs a single thread. Once other threads run (a progress bar's
    monitor, Dask, a notebook kernel) it is not: the fork server, a clean
    process with this module preloaded, forks the workers instead. Where neither
    exists (Windows), "spawn".
    """
    methods = multiprocessing.get_all_start_methods()
    if sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" not in methods:  # pragma: no cover - Windows
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


def _chunks(
    numbered: Iterator[tuple[int | None, object]], chunksize: int
) -> Iterator[tuple[list[_Task], list[BatchResult]]]:
    """Group records into tasks; records of a wrong type become errors at once."""
    tasks: list[_Task] = []
    rejected: list[BatchResult] = []
    for index, (line, record) in enumerate(numbered):
        if isinstance(record, Patient):
            tasks.append((index, line, json.dumps(unstructure(record))))
        elif isinstance(record, Mapping | str | bytes):
            tasks.append((index, line, record))
        else:
            error = _type_error(index, line, record)
            rejected.append(BatchResult(index=index, line=line, error=error))
        if len(tasks) >= chunksize:
            yield tasks, rejected
            tasks, rejected = [], []
    if tasks or rejected:
        yield tasks, rejected


# A task in input order: its future (a worker's, or one done here), its records of a
# wrong type, and whether a worker has it.
_Pending: TypeAlias = tuple["Future[list[_Outcome]]", list[BatchResult], bool]


def _pop(pending: "collections.deque[_Pending]") -> list[BatchResult]:
    future, rejected, _remote = pending.popleft()
    results = [_from_outcome(outcome) for outcome in future.result()] + rejected
    return sorted(results, key=lambda result: result.index)


def _done(outcomes: list[_Outcome]) -> "Future[list[_Outcome]]":
    future: Future[list[_Outcome]] = Future()
    future.set_result(outcomes)
    return future


#: The garbage collector's thresholds in a worker process. An assessment allocates thousands of
#: small objects that die young, and the memoized results are many and long-lived: at
#: CPython's default (700, 10, 10) the collector ran often enough to take about a quarter of a
#: worker's time (2,410 against 1,800 us per patient, the mean over 2,000 records met for the
#: first time, from the synthetic cohort of benchmarks/assess.py, on the project's machine).
#: Only the pool's own worker processes are tuned; the calling process is left as it is.
WORKER_GC_THRESHOLDS: Final = (50_000, 10, 10)


def _worker_setup() -> None:
    """Run once in each worker process, before its first task."""
    gc.set_threshold(*WORKER_GC_THRESHOLDS)


@contextlib.contextmanager
def _frozen_heap(*, enabled: bool) -> Iterator[None]:
    """Freeze the garbage collector's view of this process's objects while workers fork.

    A forked worker shares this process's memory page by page until it writes to a
    page; a full collection in the worker would touch the header of every inherited
    object and copy nearly every page, which can cost more than the assessments.
    Frozen objects are never collected in the workers; here they are unfrozen once
    the workers exist (the pattern the :func:`gc.freeze` documentation describes).
    """
    if not enabled:
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _pool(
    numbered: Iterator[tuple[int | None, object]],
    *,
    workers: int,
    chunksize: int,
    with_assessment: bool,
    mp_context: Any,  # noqa: ANN401 - a multiprocessing context
) -> Generator[BatchResult, None, None]:
    """Assess on a pool, in input order.

    While a pool of fresh interpreters starts ("forkserver", "spawn": until a
    worker first answers), one task per worker is sent and this process assesses
    the following tasks itself rather than wait. Then every task goes to the
    workers, at most four per worker in flight (bounded memory, and no worker
    waits for work).
    """
    first = list(itertools.islice(numbered, chunksize + 1))
    if len(first) <= chunksize:  # one task at most: starting a pool would only cost time
        for index, (line, record) in enumerate(first):
            yield _assess_one(index, line, record, with_assessment)
        return
    context = mp_context if mp_context is not None else _default_context()
    window = 4 * workers
    executor = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_worker_setup
    )
    pending: collections.deque[_Pending] = collections.deque()
    # A forked worker is up at once; one that starts from a clean interpreter is not.
    forking = context.get_start_method() == "fork"
    starting = not forking
    try:
        for tasks, rejected in _chunks(itertools.chain(first, numbered), chunksize):
            remote = sum(1 for _future, _rejected, is_remote in pending if is_remote)
            starting = starting and not any(
                is_remote and future.done() for future, _rejected, is_remote in pending
            )
            if starting and remote >= workers:
                pending.append((_done(_assess_tasks(tasks, with_assessment)), rejected, False))
            else:
                with _frozen_heap(enabled=forking and not pending):
                    future = executor.submit(_assess_tasks, tasks, with_assessment)
                pending.append((future, rejected, True))
            while pending and (len(pending) >= window or pending[0][0].done()):
                yield from _pop(pending)
        while pending:
            yield from _pop(pending)
    finally:  # also when the caller stops early: drop the tasks not yet started
        executor.shutdown(wait=True, cancel_futures=True)


def assess_many(
    records: "Iterable[Record] | str | os.PathLike[str] | IO[str] | IO[bytes]",
    *,
    workers: int | None = None,
    chunksize: int = DEFAULT_CHUNKSIZE,
    assessments: bool = False,
    mp_context: Any = None,  # noqa: ANN401 - a multiprocessing context
) -> Generator[BatchResult, None, None]:
    """Assess many patients, serially or on a process pool; yield results in input order.

    Args:
        records: ``Patient`` objects, JSON-like dicts (enum values as in the JSON),
            JSON text lines (``str`` or ``bytes``), or any mix of them; or a path
            or an open file of JSON Lines (one patient document per line; blank
            lines are skipped).
        workers: Worker processes. ``None`` or 1 assesses in this process, with
            no pool; more starts a :class:`~concurrent.futures.ProcessPoolExecutor`
            (unless the input fits in one task, which is then assessed here), whose
            workers collect garbage less often (:data:`WORKER_GC_THRESHOLDS`).
        chunksize: Records per task sent to a worker.
        assessments: Also return each whole :class:`~spinal_metastasis.Assessment`
            (on a pool it is sent back as JSON and rebuilt, which costs more
            than assessing: leave it off for tables).
        mp_context: A :mod:`multiprocessing` context for the pool. By default
            ``"fork"`` on Linux when this process runs a single thread, else
            ``"forkserver"`` (with this module preloaded in the server) where
            available, else ``"spawn"``. As with any such pool, a script that
            uses workers must start under ``if __name__ == "__main__":``.

    Yields:
        One :class:`BatchResult` per record, in input order: the flat rows (and
        the assessment when asked), or the record's error. An invalid record
        never stops the stream. Closing the generator early (``close()``, or
        leaving a ``for`` loop over it and dropping it) cancels the tasks not
        yet started and stops the pool.

    Raises:
        InvalidInputError: If ``workers`` or ``chunksize`` is below 1.

    Examples:
        >>> lines = ['{"primary": "breast", "lesions": [{"levels": ["t12"]}]}', '{"kps": 75}']
        >>> [str(result.error) for result in assess_many(lines) if not result.ok]
        ['line 2: kps: must be an integer from 0 to 100 in steps of 10, or None (unknown) (got 75)']
    """
    if workers is not None and workers < 1:
        msg = f"'workers' must be None or >= 1 (got {workers!r})"
        raise InvalidInputError(msg, field="workers")
    if chunksize < 1:
        msg = f"'chunksize' must be >= 1 (got {chunksize!r})"
        raise InvalidInputError(msg, field="chunksize")
    numbered = _numbered(records)
    if workers is None or workers == 1:
        return (
            _assess_one(index, line, record, assessments)
            for index, (line, record) in enumerate(numbered)
        )
    return _pool(
        numbered,
        workers=workers,
        chunksize=chunksize,
        with_assessment=assessments,
        mp_context=mp_context,
    )


# --- Tables -----------------------------------------------------------------------------------


def _rows(results: Iterable[BatchResult | AssessmentRow]) -> Iterator[AssessmentRow]:
    for item in results:
        if isinstance(item, BatchResult):
            yield from item.rows
        else:
            yield item


def _missing_extra(extra: str) -> ImportError:
    module = {"pandas": "pandas", "polars": "polars", "arrow": "pyarrow"}[extra]
    msg = f'{module} is needed for this table: pip install "spinal-metastasis[{extra}]"'
    return ImportError(msg)


def _columns(rows: Iterable[AssessmentRow]) -> dict[str, list[Any]]:
    collected = list(rows)
    if not collected:
        return {name: [] for name in COLUMNS}
    return {
        name: list(values)
        for name, values in zip(COLUMNS, zip(*collected, strict=True), strict=True)
    }


_ENUM_COLUMNS: Final = ("sins_category", "noms_pathway", "stabilization", "modality", "eligibility")


def _enum_categories() -> dict[str, list[str]]:
    from spinal_metastasis.pathways import NomsPathway, Stabilization  # noqa: PLC0415
    from spinal_metastasis.scores.sins import SinsCategory  # noqa: PLC0415
    from spinal_metastasis.treatments.option import Eligibility, Modality  # noqa: PLC0415

    enums = (SinsCategory, NomsPathway, Stabilization, Modality, Eligibility)
    return {
        name: [member.value for member in enum_type]
        for name, enum_type in zip(_ENUM_COLUMNS, enums, strict=True)
    }


# The SINS columns have the dtype score_frame gives them (small nullable integers).
_SCORE_COLUMNS: Final = frozenset({"sins_low", "sins_high"})


def _pandas(columns: dict[str, list[Any]]) -> "pd.DataFrame":
    try:
        import pandas as pd  # noqa: PLC0415 - an optional extra
    except ImportError:
        error = _missing_extra("pandas")
        raise error from None
    categories = _enum_categories()
    data: dict[str, Any] = {}
    for name, values in columns.items():
        if name in categories:
            data[name] = pd.Categorical(values, categories=categories[name], ordered=True)
        elif name in _SCORE_COLUMNS:
            data[name] = pd.array(values, dtype="Int8")
        elif name in _INT_COLUMNS_ALL:
            data[name] = pd.array(values, dtype="int64")
        elif name in _TEXT_COLUMNS:
            data[name] = pd.array(values, dtype="string")
        else:
            data[name] = pd.array(values, dtype="Float64")
    frame = pd.DataFrame(data)
    frame.attrs.update(provenance())
    return frame


def _polars(columns: dict[str, list[Any]]) -> "pl.DataFrame":
    try:
        import polars as pl  # noqa: PLC0415 - an optional extra
    except ImportError:
        error = _missing_extra("polars")
        raise error from None
    categories = _enum_categories()
    schema: dict[str, Any] = {}
    for name in columns:
        if name in categories:
            schema[name] = pl.Enum(categories[name])
        elif name in _SCORE_COLUMNS:
            schema[name] = pl.Int8
        elif name in _INT_COLUMNS_ALL:
            schema[name] = pl.Int64
        elif name in _TEXT_COLUMNS:
            schema[name] = pl.String
        else:
            schema[name] = pl.Float64
    return pl.DataFrame(columns, schema=schema)


def _arrow_schema() -> "pa.Schema":
    try:
        import pyarrow as pa  # noqa: PLC0415 - an optional extra
    except ImportError:
        error = _missing_extra("arrow")
        raise error from None
    categories = _enum_categories()
    fields = []
    for name in COLUMNS:
        if name in categories:
            kind = pa.dictionary(pa.int8(), pa.string(), ordered=True)
        elif name in _SCORE_COLUMNS:
            kind = pa.int8()
        elif name in _INT_COLUMNS_ALL:
            kind = pa.int64()
        elif name in _TEXT_COLUMNS:
            kind = pa.string()
        else:
            kind = pa.float64()
        fields.append(pa.field(name, kind, nullable=name not in _INT_COLUMNS_ALL))
    return pa.schema(fields, metadata=provenance_metadata())


def _arrow(columns: dict[str, list[Any]]) -> "pa.Table":
    schema = _arrow_schema()
    import pyarrow as pa  # noqa: PLC0415 - an optional extra, checked above

    arrays: list[Any] = []
    for name, values in columns.items():
        kind = schema.field(name).type
        if pa.types.is_dictionary(kind):
            # The dictionary is the enum, in its order, whichever values the rows hold.
            categories = _enum_categories()[name]
            code = {value: index for index, value in enumerate(categories)}
            indices = pa.array([None if v is None else code[v] for v in values], pa.int8())
            arrays.append(
                pa.DictionaryArray.from_arrays(indices, pa.array(categories), ordered=True)
            )
        else:
            arrays.append(pa.array(values, kind))
    return pa.Table.from_arrays(arrays, schema=schema)


TableKind: TypeAlias = Literal["pandas", "polars", "arrow"]


def to_table(results: Iterable[BatchResult | AssessmentRow], *, kind: TableKind = "pandas") -> Any:  # noqa: ANN401 - the table type depends on ``kind``
    """Collect the rows of batch results into one table.

    Args:
        results: Results of :func:`assess_many` (failed ones add no row), or rows.
        kind: ``"pandas"`` (extra ``pandas``), ``"polars"`` (extra ``polars``) or
            ``"arrow"`` (extra ``arrow``).

    Returns:
        A ``pandas.DataFrame``, a ``polars.DataFrame`` or a ``pyarrow.Table`` with
        the columns :data:`COLUMNS`. Nulls mean "no figure" or "undetermined";
        a pandas frame carries :func:`~spinal_metastasis.provenance.provenance` in
        ``DataFrame.attrs``, an Arrow table in its schema's metadata
        (:func:`~spinal_metastasis.provenance.provenance_metadata`);
        the dtypes are those of :func:`~spinal_metastasis.cohort.score_frame`:
        the enum columns are ordered categoricals in enum order (pandas), ``Enum``
        (polars) or ordered dictionary columns whose dictionary is the enum
        (Arrow); the SINS points are small nullable integers (``Int8``); the
        figures are nullable floats (``Float64`` in pandas, nulls in polars and
        Arrow).

    Raises:
        ImportError: If the extra for ``kind`` is not installed; the message names it.
        InvalidInputError: If ``kind`` is not one of the three.
    """
    builders: dict[str, Callable[[dict[str, list[Any]]], Any]] = {
        "pandas": _pandas,
        "polars": _polars,
        "arrow": _arrow,
    }
    if kind not in builders:
        msg = f"'kind' must be one of pandas, polars, arrow (got {kind!r})"
        raise InvalidInputError(msg, field="kind")
    return builders[kind](_columns(_rows(results)))


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
