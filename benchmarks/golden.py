"""Record and compare the JSON of ``assess()`` over the example patients and a seeded cohort.

A refactoring must not change a single output. This script fixes what "the same" means:
the JSON that ``to_json(assess(patient))`` writes for every example patient and for a seeded
synthetic cohort (the generator of ``benchmarks/assess.py``), with the ``rule_id`` of each
finding set aside (rules gained identifiers after the snapshot was first taken).
Each document is reduced to the SHA-256 of its canonical JSON, so the snapshot is small
enough to keep in the repository; ``compare`` runs two source trees side by side and shows
the first difference in full.

Run from the repository root::

    python benchmarks/golden.py record                 # write benchmarks/golden/snapshot.json
    python benchmarks/golden.py check                  # this tree against the snapshot
    python benchmarks/golden.py compare --tree ../old  # this tree against another checkout

A deliberate change of output (a clinical correction) is recorded again with ``record`` and
listed under **Clinical** in CHANGELOG.md; the snapshot's ``recorded_at`` says from which
commit it was taken.
"""

import argparse
import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
SNAPSHOT = HERE / "golden" / "snapshot.json"
COHORT_SIZE = 2000
COHORT_SEED = 20261207
IGNORED_KEYS = frozenset({"rule_id"})


def _without_ignored(value: object) -> object:
    """Return ``value`` with every ignored key removed, at any depth."""
    if isinstance(value, dict):
        return {k: _without_ignored(v) for k, v in value.items() if k not in IGNORED_KEYS}
    if isinstance(value, list):
        return [_without_ignored(item) for item in value]
    return value


def canonical(text: str) -> str:
    """Return the canonical form of one assessment's JSON (sorted keys, ignored keys out)."""
    return json.dumps(_without_ignored(json.loads(text)), sort_keys=True, ensure_ascii=False)


def documents(size: int, seed: int) -> list[tuple[str, str]]:
    """Return ``(name, patient JSON)`` for every example patient and the seeded cohort."""
    sys.path.insert(0, str(HERE))
    from assess import cohort_documents  # noqa: PLC0415 - the benchmark's own generator

    from spinal_metastasis import example_names, example_patient, to_json  # noqa: PLC0415

    named = [(f"example:{name}", to_json(example_patient(name))) for name in example_names()]
    cohort = cohort_documents(size, seed)
    named += [(f"cohort:{number}", json.dumps(doc)) for number, doc in enumerate(cohort)]
    return named


def emit(size: int, seed: int) -> Iterator[tuple[str, str, str]]:
    """Yield ``(name, input sha256, canonical output)`` for every document, in this tree."""
    from spinal_metastasis import Patient, assess, from_json, to_json  # noqa: PLC0415

    for name, text in documents(size, seed):
        output = canonical(to_json(assess(from_json(text, Patient))))
        yield name, hashlib.sha256(text.encode()).hexdigest(), output


def digest(text: str) -> str:
    """Return the SHA-256 of ``text`` (UTF-8)."""
    return hashlib.sha256(text.encode()).hexdigest()


def _run_in(tree: Path, size: int, seed: int) -> dict[str, tuple[str, str]]:
    """Run ``emit`` under another tree's ``src`` in a fresh interpreter."""
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    command = [sys.executable, __file__, "emit", "--size", str(size), "--seed", str(seed)]
    lines = subprocess.run(  # noqa: S603 - this interpreter, this script
        command, env=env, check=True, capture_output=True, text=True
    ).stdout.splitlines()
    rows = (json.loads(line) for line in lines)
    return {row["name"]: (row["input"], row["output"]) for row in rows}


def main(argv: Sequence[str] | None = None) -> int:
    """Record, check or compare; return the exit status (1 when anything differs)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("record", "check", "compare", "emit"))
    parser.add_argument("--size", type=int, default=COHORT_SIZE)
    parser.add_argument("--seed", type=int, default=COHORT_SEED)
    parser.add_argument("--tree", type=Path, help="the other checkout, for compare")
    args = parser.parse_args(argv)

    if args.mode == "emit":
        for name, source, output in emit(args.size, args.seed):
            print(json.dumps({"name": name, "input": source, "output": output}))
        return 0

    here = {name: (source, digest(output)) for name, source, output in emit(args.size, args.seed)}
    if args.mode == "record":
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607 - git on PATH
            check=False,
            capture_output=True,
            text=True,
        ).stdout.strip()
        snapshot = {
            "recorded_at": commit,
            "size": args.size,
            "seed": args.seed,
            "ignored_keys": sorted(IGNORED_KEYS),
            "documents": {name: {"input": s, "output": o} for name, (s, o) in here.items()},
        }
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(json.dumps(snapshot, indent=0, sort_keys=True) + "\n")
        print(f"recorded {len(here)} assessments at {commit} in {SNAPSHOT}")
        return 0

    if args.mode == "check":
        stored = json.loads(SNAPSHOT.read_text())["documents"]
        changed = [
            name
            for name, (source, output) in here.items()
            if stored.get(name) != {"input": source, "output": output}
        ]
        changed += sorted(set(stored) - set(here))
        print(f"{len(here)} assessments, {len(changed)} differ from the snapshot")
        for name in changed[:20]:
            print(f"  {name}")
        return 1 if changed else 0

    if args.tree is None:
        parser.error("compare needs --tree")
    other = _run_in(args.tree, args.size, args.seed)
    mine = _run_in(Path.cwd(), args.size, args.seed)
    changed = [name for name in mine if mine[name] != other.get(name)]
    print(f"{len(mine)} assessments, {len(changed)} differ from {args.tree}")
    for name in changed[:1]:
        print(f"first difference, {name}:\n--- {args.tree}\n{other.get(name, ('', ''))[1]}")
        print(f"--- here\n{mine[name][1]}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
