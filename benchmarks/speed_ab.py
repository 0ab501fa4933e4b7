"""A/B of the first assessment of never-seen patients: this tree against a baseline commit.

Both versions run on the same seeded cohort, in fresh processes (so every cache starts
empty), alternated so that the machine's drift affects both alike. Each run reports the
median microseconds of ``assess()`` per patient met for the first time; the figure is the
ratio of the baseline's median to this tree's, per pair of runs and over all runs.

Run from the repository root::

    python benchmarks/speed_ab.py                      # against 9a4cf85, 5 pairs of runs
    python benchmarks/speed_ab.py --baseline ../old    # against another checkout
    python benchmarks/speed_ab.py --pairs 3 --patients 600
    python benchmarks/speed_ab.py --cpu                # CPU time, on a shared machine

Without ``--baseline``, a detached ``git worktree`` of the baseline commit is made in a
temporary directory and removed afterwards.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BASELINE_COMMIT = "9a4cf85"

# Runs in the tree under test: the generator of benchmarks/assess.py (from this tree, so that
# both versions assess the same patients), then one timed first pass.
_RUN = """
import json, statistics, sys, time
sys.path.insert(0, {benchmarks!r})
from assess import cohort_documents
from spinal_metastasis import Patient, assess
from spinal_metastasis.io import structure
patients = [structure(doc, Patient) for doc in cohort_documents({size}, {seed})]
clock = {clock}
times = []
for patient in patients:
    start = clock()
    assess(patient)
    times.append((clock() - start) / 1000)
print(json.dumps({{"median_us": statistics.median(times), "mean_us": sum(times) / len(times)}}))
"""


def run(tree: Path, size: int, seed: int, *, cpu: bool) -> dict[str, float]:
    """Time one first pass over the cohort in a fresh interpreter with ``tree`` first."""
    env = dict(os.environ, PYTHONPATH=str(tree / "src"), PYTHONHASHSEED="0")
    clock = "time.process_time_ns" if cpu else "time.perf_counter_ns"
    code = _RUN.format(benchmarks=str(HERE), size=size, seed=seed, clock=clock)
    result = subprocess.run(  # noqa: S603 - a fixed command
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def compare(baseline: Path, pairs: int, size: int, seed: int, *, cpu: bool) -> float:
    """Print each pair of runs and return the ratio of the medians over every run."""
    base_runs: list[float] = []
    new_runs: list[float] = []
    for number in range(pairs):
        # Alternate which version goes first, so that neither always runs on a cooler machine.
        order = [(baseline, base_runs), (ROOT, new_runs)]
        if number % 2:
            order.reverse()
        for tree, runs in order:
            runs.append(run(tree, size, seed, cpu=cpu)["median_us"])
        print(
            f"  pair {number + 1}: baseline {base_runs[-1]:,.0f} us, this tree"
            f" {new_runs[-1]:,.0f} us per patient: {base_runs[-1] / new_runs[-1]:.2f}x"
        )
    ratio = statistics.median(base_runs) / statistics.median(new_runs)
    print(
        f"median first assessment: baseline {statistics.median(base_runs):,.0f} us, this tree"
        f" {statistics.median(new_runs):,.0f} us per patient: {ratio:.2f}x faster"
    )
    return ratio


def main(argv: Sequence[str] | None = None) -> None:
    """Run the A/B and print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="a checkout of the baseline version")
    parser.add_argument("--commit", default=BASELINE_COMMIT, help="baseline commit")
    parser.add_argument("--pairs", type=int, default=5, help="pairs of alternated runs")
    parser.add_argument("--patients", type=int, default=1000, help="cohort size")
    parser.add_argument("--seed", type=int, default=20260, help="seed of the cohort")
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="time each call in process CPU time (on a machine shared with other work)",
    )
    args = parser.parse_args(argv)
    clock = "process CPU time" if args.cpu else "wall time"
    print(
        f"first assessment of {args.patients} never-seen patients, fresh processes, alternated"
        f" ({clock})"
    )
    if args.baseline is not None:
        compare(args.baseline, args.pairs, args.patients, args.seed, cpu=args.cpu)
        return
    with tempfile.TemporaryDirectory() as scratch:
        tree = Path(scratch) / "baseline"
        git = ["git", "-C", str(ROOT), "worktree"]
        subprocess.run([*git, "add", "--detach", str(tree), args.commit], check=True)  # noqa: S603
        try:
            compare(tree, args.pairs, args.patients, args.seed, cpu=args.cpu)
        finally:
            subprocess.run([*git, "remove", "--force", str(tree)], check=True)  # noqa: S603


if __name__ == "__main__":
    main()
