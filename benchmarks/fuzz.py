"""Fuzz benchmark: the example patients mutated into hostile documents, through every reader.

Usage::

    python benchmarks/fuzz.py [--documents 100000] [--seed 17] [--assess-every 10]
                              [--cli-every 1000] [--batch-every 100]

Each document is one of the built-in example patients mutated by one class of
``spinal_metastasis._mutations.MUTATIONS`` (wrong types, missing and extra keys, huge
and non-finite numbers, deep nesting, long strings and lists, unicode and surrogates,
duplicated keys, truncated text, noise), as bytes. Every document goes through
``from_json``; an accepted one is assessed (every ``--assess-every``-th, since
assessing costs far more than reading) and must round-trip through ``to_json``. A
sample also goes through ``spinal-metastasis assess -`` in this process (exit 0 or 2,
no exception) and through ``assess_many`` as JSON Lines (one result per line).

Reported: accepted, rejected with a path, and anything else (the target is 0: a foreign
exception, a message that does not start with a path, a message over the bound); per
class; the slowest document and the largest message; and the peak memory of the
process (an upper bound on what any one document cost). The run's own baseline is
the time to parse the unmutated examples, so the slowest rejection reads as a ratio.
"""

import argparse
import contextlib
import io
import json
import random
import re
import resource
import sys
import time
import tracemalloc
from collections import Counter
from pathlib import Path
from typing import Final

from spinal_metastasis import Patient, assess
from spinal_metastasis._mutations import MUTATIONS, mutate
from spinal_metastasis.cli import main as cli_main
from spinal_metastasis.cohort.batch import assess_many
from spinal_metastasis.errors import SerializationError
from spinal_metastasis.io import example_names, from_json, to_json
from spinal_metastasis.limits import MAX_ECHO_CHARACTERS, MAX_REPORTED_ERRORS

EXAMPLES: Final = Path(__file__).resolve().parent.parent / "src" / "spinal_metastasis" / "examples"

#: A message must start with a path: ``$``, ``$[0]…``, or a field name, then ``: ``.
_PATH: Final = re.compile(r"^(\$(\[\d+\])*|[A-Za-z_'][^:]*): ")

#: The documented bound on the whole message of one document: the reported problems, each
#: at most this long (a path, the expectation with its allowed values, an echoed value).
MAX_MESSAGE_LINE: Final = 1_000 + 2 * MAX_ECHO_CHARACTERS.value
MAX_MESSAGE: Final = (MAX_REPORTED_ERRORS.value + 1) * MAX_MESSAGE_LINE


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _baseline(documents: list[bytes], repeat: int = 200) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        for data in documents:
            from_json(data, Patient)
    return (time.perf_counter() - started) / (repeat * len(documents))


class _Report:
    def __init__(self) -> None:
        self.outcomes: Counter[str] = Counter()
        self.per_kind: dict[str, Counter[str]] = {kind: Counter() for kind in MUTATIONS}
        self.foreign: list[str] = []
        self.slowest = (0.0, "", 0)
        self.largest = (0, "", "")
        self.heaviest = (0, "", 0)

    def record(self, kind: str, outcome: str, seconds: float, size: int) -> None:
        self.outcomes[outcome] += 1
        self.per_kind[kind][outcome] += 1
        if seconds > self.slowest[0]:
            self.slowest = (seconds, kind, size)


def _check_message(report: _Report, kind: str, error: SerializationError) -> str:
    text = str(error)
    if len(text) > report.largest[0]:
        report.largest = (len(text), kind, text[:120])
    bad = [message for message in error.messages if not _PATH.match(message)]
    if bad:
        report.foreign.append(f"{kind}: message without a path: {bad[0][:200]!r}")
        return "other"
    if len(text) > MAX_MESSAGE or any(len(m) > MAX_MESSAGE_LINE for m in error.messages):
        report.foreign.append(f"{kind}: message of {len(text)} characters")
        return "other"
    return "rejected"


#: Documents at least this large are read under tracemalloc, to measure what one costs.
TRACED_BYTES: Final = 100_000


def _read(report: _Report, kind: str, data: bytes, *, assess_it: bool) -> Patient | None:
    traced = len(data) >= TRACED_BYTES
    if traced:
        tracemalloc.start()
    started = time.perf_counter()
    patient = None
    try:
        patient = from_json(data, Patient)
    except SerializationError as error:
        outcome = _check_message(report, kind, error)
    except Exception as exc:  # noqa: BLE001 - the benchmark counts what escapes
        outcome = "other"
        report.foreign.append(f"{kind}: {type(exc).__name__}: {str(exc)[:200]}")
    else:
        outcome = "accepted"
    seconds = time.perf_counter() - started
    if traced:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        if peak > report.heaviest[0]:
            report.heaviest = (peak, kind, len(data))
        seconds = 0.0  # timed under tracemalloc: not comparable; timed again below
        started = time.perf_counter()
        with contextlib.suppress(Exception):
            from_json(data, Patient)
        seconds = time.perf_counter() - started
    report.record(kind, outcome, seconds, len(data))
    if patient is not None and assess_it:
        try:
            assess(patient)
            if from_json(to_json(patient), Patient) != patient:
                report.foreign.append(f"{kind}: accepted document does not round-trip")
        except Exception as exc:  # noqa: BLE001 - the benchmark counts what escapes
            report.foreign.append(f"{kind}: assess: {type(exc).__name__}: {str(exc)[:200]}")
    return patient


def _cli(report: _Report, kind: str, data: bytes) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="strict")
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    sys.stdin = stdin
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = cli_main(["assess", "--json", "-"])
        out.getvalue().encode("utf-8")  # the output must encode
    except Exception as exc:  # noqa: BLE001 - the benchmark counts what escapes
        report.foreign.append(f"{kind}: CLI: {type(exc).__name__}: {str(exc)[:200]}")
        return
    finally:
        sys.stdin = saved
    if status not in {0, 2} or "Traceback" in err.getvalue():
        report.foreign.append(f"{kind}: CLI exit {status}")


def _batch(report: _Report, lines: list[bytes]) -> int:
    text = b"\n".join(line.replace(b"\n", b" ").replace(b"\r", b" ") for line in lines)
    expected = sum(1 for line in text.split(b"\n") if line.strip())
    try:
        results = list(assess_many(io.BytesIO(text)))
    except Exception as exc:  # noqa: BLE001 - the benchmark counts what escapes
        report.foreign.append(f"batch: {type(exc).__name__}: {str(exc)[:200]}")
        return 0
    if len(results) != expected:
        report.foreign.append(f"batch: {len(results)} results for {expected} lines")
    return len(results)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its report; exit 1 if anything escaped."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--assess-every", type=int, default=10)
    parser.add_argument("--cli-every", type=int, default=1_000)
    parser.add_argument("--batch-every", type=int, default=100)
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    names = example_names()
    examples = [json.loads((EXAMPLES / f"{name}.json").read_text("utf-8")) for name in names]
    originals = [json.dumps(example).encode() for example in examples]
    baseline = _baseline(originals)
    peak_before = _peak_mb()

    report = _Report()
    batch_lines: list[bytes] = []
    batch_records = 0
    cli_runs = 0
    started = time.perf_counter()
    for index in range(args.documents):
        if index and index % 10_000 == 0:
            print(f"  {index} documents, {time.perf_counter() - started:.0f} s", file=sys.stderr)
        kind, data = mutate(rng, rng.choice(examples))
        _read(report, kind, data, assess_it=index % args.assess_every == 0)
        if index % args.cli_every == 0:
            _cli(report, kind, data)
            cli_runs += 1
        if index % args.batch_every == 0 and len(data) < 200_000:
            batch_lines.append(data)
            if len(batch_lines) == 100:
                batch_records += _batch(report, batch_lines)
                batch_lines = []
    if batch_lines:
        batch_records += _batch(report, batch_lines)
    elapsed = time.perf_counter() - started

    total = sum(report.outcomes.values())
    seconds, slow_kind, slow_size = report.slowest
    size, large_kind, large_text = report.largest
    print(f"seed {args.seed}: {total} documents in {elapsed:.1f} s")
    print(
        f"  accepted {report.outcomes['accepted']}, rejected with a path "
        f"{report.outcomes['rejected']}, anything else {report.outcomes['other']}"
    )
    print(f"  foreign exceptions and bad messages: {len(report.foreign)}")
    for line in report.foreign[:20]:
        print(f"    {line}")
    print(
        f"  slowest document: {seconds * 1e3:.1f} ms ({slow_kind}, {slow_size} bytes), "
        f"{seconds / baseline:.0f}x the parse of an unmutated example ({baseline * 1e6:.0f} us)"
    )
    print(f"  largest message: {size} characters ({large_kind}; bound {MAX_MESSAGE})")
    print(f"    {large_text!r}")
    heavy, heavy_kind, heavy_size = report.heaviest
    print(
        f"  peak memory of one read: {heavy / 1e6:.1f} MB ({heavy_kind}, {heavy_size} bytes; "
        f"documents of {TRACED_BYTES} bytes or more, under tracemalloc)"
    )
    print(
        f"  peak memory of the process: {_peak_mb():.0f} MB ({peak_before:.0f} MB before the "
        "documents; generating them included)"
    )
    print(f"  CLI runs: {cli_runs}; batch records: {batch_records}")
    print("  per class (accepted / rejected / other):")
    for kind, counts in report.per_kind.items():
        print(f"    {kind:28} {counts['accepted']:6} {counts['rejected']:6} {counts['other']:4}")
    return 1 if report.foreign or report.outcomes["other"] else 0


if __name__ == "__main__":
    sys.exit(main())
