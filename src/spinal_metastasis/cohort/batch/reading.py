"""Reading records: JSON Lines from a path, a handle or an iterable, numbered, bounded in size."""

import io
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, TypeAlias

from attrs import frozen

from spinal_metastasis.cohort.batch.rows import Record, RecordError
from spinal_metastasis.limits import MAX_DOCUMENT_BYTES

# --- Reading records --------------------------------------------------------------------------

# What travels to a worker: (index, line, payload); payload is JSON text or a JSON-like dict.
_Task: TypeAlias = tuple[int, int | None, str | bytes | Mapping[str, Any]]  # noqa: PYI047
# What travels back: (index, line, plain row tuples, assessment JSON or None, messages or None).
_Outcome: TypeAlias = tuple[  # noqa: PYI047 - used by the assessing module
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
