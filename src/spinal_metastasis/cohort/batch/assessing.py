"""Assessing records, in this process or in a pool of worker processes, in input order."""

import collections
import contextlib
import gc
import itertools
import json
import multiprocessing
import sys
import threading
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import IO, TYPE_CHECKING, Any, Final, TypeAlias

from spinal_metastasis.assessment import Assessment, assess
from spinal_metastasis.cohort.batch.reading import _foreign, _numbered, _Outcome, _Task, _type_error
from spinal_metastasis.cohort.batch.rows import (
    DEFAULT_CHUNKSIZE,
    AssessmentRow,
    BatchResult,
    Record,
    RecordError,
    assessment_rows,
)
from spinal_metastasis.errors import InvalidInputError, SpinalMetastasisError
from spinal_metastasis.io import from_json, structure, unstructure
from spinal_metastasis.model import Patient

if TYPE_CHECKING:
    import os

__all__ = [
    "WORKER_GC_THRESHOLDS",
    "assess_many",
]


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
