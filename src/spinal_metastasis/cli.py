"""The ``spinal-metastasis`` command: a thin shell over the public API.

``demo`` assesses a built-in example patient, ``assess FILE`` (or ``-`` for
standard input) assesses a patient JSON document (scores, NOMS and every
treatment option per lesion), ``schema`` prints the JSON
Schema of a patient (``schema --output``: of the ``--json`` output) and
``examples`` lists the built-in examples. ``--json`` gives machine output: the
versioned envelope of :func:`spinal_metastasis.provenance.envelope`.
``--version`` prints the library's version; ``python -m spinal_metastasis`` is
the same command. ``serve`` and ``mcp`` run the service (the ``service`` extra).
Invalid input exits with status 2 and one message per bad
field on standard error.
``assess --fhir BUNDLE --as-of DATE`` reads a FHIR R4 Bundle of mCODE resources instead
(the import report on standard error), and ``--format fhir`` writes the assessment as a
FHIR Bundle.

``assess --jsonl COHORT.jsonl --out RESULTS.parquet`` (or ``.csv``; ``--out -`` or
no ``--out`` writes CSV to standard output) assesses a cohort, one patient
document per line, with ``--workers N`` processes, and writes one row per patient
× lesion × modality. A progress bar (with the ``progress`` extra, when standard
error is a terminal, or with ``--progress``) and a closing summary (records,
errors with their line numbers, time) go to standard error. Invalid lines do not
stop the run; they make it exit with status 2 once the valid ones are written.
"""

import argparse
import contextlib
import gc
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, BinaryIO, Final, TextIO

from spinal_metastasis.assessment import Assessment, assess
from spinal_metastasis.errors import SerializationError
from spinal_metastasis.io import example_names, example_patient, from_json, json_schema
from spinal_metastasis.limits import MAX_DOCUMENT_BYTES
from spinal_metastasis.model import Patient
from spinal_metastasis.provenance import envelope_json, envelope_schema, library_version

if TYPE_CHECKING:  # pragma: no cover - the batch module loads only in batch mode
    from spinal_metastasis.cohort.batch import BatchResult, RecordError

__all__ = ["main"]

EXIT_OK: Final = 0
EXIT_INVALID_INPUT: Final = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="spinal-metastasis",
        description=(
            "Decision support for metastatic spinal tumors (not a medical device): "
            "published scores, radiobiology and treatment options."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {library_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    demo = commands.add_parser("demo", help="assess a built-in example patient")
    demo.add_argument(
        "--example",
        default="breast_t12_mechanical",
        choices=example_names(),
        help="which example (default: %(default)s)",
    )
    demo.add_argument("--json", action="store_true", help="print JSON instead of text")
    assessing = commands.add_parser(
        "assess", help="assess a patient JSON document, or a cohort of them (--jsonl)"
    )
    assessing.add_argument(
        "file", nargs="?", help="path of the patient JSON document, or - for standard input"
    )
    assessing.add_argument("--json", action="store_true", help="print JSON instead of text")
    fhir = assessing.add_argument_group("FHIR R4 / mCODE")
    fhir.add_argument("--fhir", metavar="BUNDLE", help="read a FHIR Bundle (file, or -) instead")
    fhir.add_argument(
        "--as-of", type=date.fromisoformat, metavar="DATE", help="day of the assessment (--fhir)"
    )
    fhir.add_argument(
        "--format", choices=("text", "json", "fhir"), help="output: text, json or a FHIR Bundle"
    )
    batch = assessing.add_argument_group("cohort (batch) mode")
    batch.add_argument(
        "--jsonl",
        metavar="COHORT",
        help="JSON Lines file of patients (one document per line), or - for standard input",
    )
    batch.add_argument(
        "--out",
        metavar="RESULTS",
        default="-",
        help="where to write the rows: .csv, .parquet or .pq (default: CSV on standard output)",
    )
    batch.add_argument(
        "--workers",
        type=_positive,
        default=1,
        metavar="N",
        help="worker processes (default: %(default)s, in this process)",
    )
    batch.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar on standard error (default: when it is a terminal)",
    )
    schema = commands.add_parser(
        "schema", help="print the JSON Schema of a patient document (or, --output, of --json)"
    )
    schema.add_argument(
        "--output",
        action="store_true",
        help="the schema of what `assess --json` prints (the versioned assessment envelope)",
    )
    commands.add_parser("examples", help="list the built-in example patients")
    serving = commands.add_parser(
        "serve", help="serve REST + OpenAPI, CDS Hooks and the decision-aid page (extra: service)"
    )
    serving.add_argument("--host", default="127.0.0.1", help="address (default: %(default)s)")
    serving.add_argument("--port", type=_positive, default=8000, help="port (default: %(default)s)")
    commands.add_parser("mcp", help="serve the Model Context Protocol over stdio (extra: service)")
    return parser


def _service(args: argparse.Namespace) -> int:
    try:
        if args.command == "serve":
            from spinal_metastasis.service import serve  # noqa: PLC0415 - optional extra

            serve(host=args.host, port=args.port)
        else:
            from spinal_metastasis.service.mcp_server import run  # noqa: PLC0415

            run()
    except ImportError as exc:
        sys.stderr.write(
            f"{exc}: install the extra with pip install 'spinal-metastasis[service]'\n"
        )
        return EXIT_INVALID_INPUT
    return EXIT_OK


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        msg = f"must be a whole number >= 1 (got {text!r})"
        raise argparse.ArgumentTypeError(msg)
    return value


def _emit(patient: Patient, *, as_json: bool, out: TextIO) -> None:
    assessment = assess(patient)
    if as_json:
        out.write(_encodable(envelope_json(assessment, indent=2), out, as_json=True) + "\n")
    else:
        out.write(_encodable(f"{assessment}", out, as_json=False) + "\n")


def _encodable(text: str, out: TextIO, *, as_json: bool) -> str:
    """The text as the output's encoding can write it (an ASCII terminal, PYTHONIOENCODING).

    JSON falls back to ASCII escapes (the same document); a summary to backslash escapes.
    """
    encoding = getattr(out, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        if as_json:
            return json.dumps(json.loads(text), indent=2, ensure_ascii=True)
        return text.encode("ascii", "backslashreplace").decode("ascii")
    return text


def _read(path: str) -> str | bytes:
    """Read the document as bytes (``parse_json`` checks UTF-8), at most one byte past the limit."""
    size = MAX_DOCUMENT_BYTES.value + 1
    if path == "-":
        stdin: TextIO | BinaryIO = getattr(sys.stdin, "buffer", sys.stdin)  # text if replaced
        return stdin.read(size)
    with open(path, "rb") as handle:  # noqa: PTH123 - a plain file, read as bytes
        return handle.read(size)


#: At most this many record errors are listed in the closing summary.
MAX_LISTED_ERRORS: Final = 50
_TABLE_SUFFIXES: Final = (".csv", ".parquet", ".pq")


def _progress(
    results: Iterator["BatchResult"], *, show: bool | None, total: int | None
) -> Iterator["BatchResult"]:
    try:
        from tqdm import tqdm  # noqa: PLC0415 - the optional ``progress`` extra
    except ImportError:
        return results
    # disable=None: a bar only when standard error is a terminal.
    bar: Iterator[BatchResult] = tqdm(
        results,
        total=total,
        unit="record",
        file=sys.stderr,
        disable=None if show is None else not show,
    )
    return bar


def _count_records(path: str) -> int | None:
    if path == "-":
        return None
    # Counted in pieces of bounded size: a file without line breaks is not read whole.
    lines, last = 0, b"\n"
    with open(path, "rb") as handle:  # noqa: PTH123 - a plain file, read as bytes
        while piece := handle.read(1 << 20):
            lines += piece.count(b"\n")
            last = piece[-1:]
    return lines + (last != b"\n")


class _Tally:
    """Count the records and keep their errors as the results stream past."""

    def __init__(self) -> None:
        self.records = 0
        self.errors: list[RecordError] = []

    def __call__(self, results: Iterable["BatchResult"]) -> Iterator["BatchResult"]:
        for result in results:
            self.records += 1
            if result.error is not None:
                self.errors.append(result.error)
            yield result

    def summary(self, rows: int, seconds: float) -> str:
        errors = self.errors
        lines = [
            (
                f"{self.records} records: {self.records - len(errors)} assessed, "
                f"{len(errors)} with errors; {rows} rows written in {seconds:.1f} s"
            )
        ]
        lines += [f"  {error}" for error in errors[:MAX_LISTED_ERRORS]]
        if len(errors) > MAX_LISTED_ERRORS:
            lines.append(f"  ... and {len(errors) - MAX_LISTED_ERRORS} more")
        return "".join(f"{line}\n" for line in lines)


@contextlib.contextmanager
def _batch_gc() -> Iterator[None]:
    """The command's process assesses too: it collects garbage as the pool's workers do.

    The thresholds are the process's, restored afterwards: run one batch at a time (the
    command line does) rather than several from threads of one process.
    """
    from spinal_metastasis.cohort.batch import WORKER_GC_THRESHOLDS  # noqa: PLC0415

    before = gc.get_threshold()
    gc.set_threshold(*WORKER_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _batch(args: argparse.Namespace) -> int:
    with _batch_gc():
        return _run_batch(args)


def _run_batch(args: argparse.Namespace) -> int:
    from spinal_metastasis.cohort.batch import assess_many, write_table  # noqa: PLC0415

    started = time.perf_counter()
    tally = _Tally()
    try:
        total = _count_records(args.jsonl)
        source = sys.stdin.buffer if args.jsonl == "-" else args.jsonl
        results = tally(assess_many(source, workers=args.workers))
        rows = write_table(
            _progress(results, show=args.progress, total=total),
            sys.stdout if args.out == "-" else args.out,
        )
    except BrokenPipeError:  # the reader of standard output went away (``| head``)
        devnull = os.open(os.devnull, os.O_WRONLY)
        with contextlib.suppress(OSError):  # so that the final flush does not fail again
            os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return EXIT_OK
    except OSError as exc:
        sys.stderr.write(f"{exc.filename or args.out}: cannot read or write ({exc.strerror})\n")
        return EXIT_INVALID_INPUT
    except ImportError as exc:  # Parquet without pyarrow or polars
        sys.stderr.write(f"{exc}\n")
        return EXIT_INVALID_INPUT
    sys.stderr.write(tally.summary(rows, time.perf_counter() - started))
    return EXIT_INVALID_INPUT if tally.errors else EXIT_OK


def _assess(args: argparse.Namespace, parser: argparse.ArgumentParser, out: TextIO) -> int:
    if sum(source is not None for source in (args.file, args.jsonl, args.fhir)) != 1:
        parser.error("assess needs one of FILE, --jsonl COHORT or --fhir BUNDLE")
    if args.json and args.format not in {None, "json"}:
        parser.error(f"--json and --format {args.format} ask for different outputs")
    if args.jsonl is not None:
        if args.format is not None or args.json:
            parser.error("--jsonl writes a table (--out): --format and --json do not apply")
        if args.out != "-" and not args.out.lower().endswith(_TABLE_SUFFIXES):
            parser.error(f"--out must end in .csv, .parquet or .pq (got {args.out!r})")
        return _batch(args)
    if args.fhir is not None or args.format is not None:
        from spinal_metastasis.fhir._cli import assess_fhir  # noqa: PLC0415 - on demand

        return assess_fhir(args, parser)
    try:
        patient = from_json(_read(args.file), Patient)
    except OSError as exc:
        sys.stderr.write(f"{args.file}: cannot read ({exc.strerror})\n")
        return EXIT_INVALID_INPUT
    except SerializationError as exc:
        sys.stderr.write("".join(f"{message}\n" for message in exc.messages))
        return EXIT_INVALID_INPUT
    _emit(patient, as_json=args.json, out=out)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 2 invalid input)."""
    parser = _parser()
    args = parser.parse_args(argv)
    out = sys.stdout
    match args.command:
        case "demo":
            _emit(example_patient(args.example), as_json=args.json, out=out)
        case "assess":
            return _assess(args, parser, out)
        case "serve" | "mcp":
            return _service(args)
        case "schema":
            document = envelope_schema(Assessment) if args.output else json_schema(Patient)
            out.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        case _:  # "examples"
            out.write("".join(f"{name}\n" for name in example_names()))
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
