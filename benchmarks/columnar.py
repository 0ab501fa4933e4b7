"""Benchmark columnar cohort scoring against a naive row-wise apply and a lookup-table floor.

Run from the repository root (needs the pandas and polars extras):

    python benchmarks/columnar.py              # 10**6 rows
    python benchmarks/columnar.py --rows 200000 --profile

In one run, on one seeded synthetic cohort (one patient with one lesion per row,
about a tenth of every input unknown), it measures:

- ``score_frame`` rows/s on pandas and on polars, with typed columns (pandas
  categoricals and nullable dtypes, polars Enums) and with plain string columns;
- the naive row-wise ``DataFrame.apply`` a researcher writes by hand (build the
  ``Patient``, call the six scalar scores), on a sample, extrapolated;
- the bare numpy floor: the six scores' items already encoded as integer codes,
  one ``np.take`` from a packed low/high table and one add per item, nothing else.

It prints each figure and the ratios (targets: >= 5,000x the naive apply and
>= 0.5x the floor). Compare figures only within one run: the machines are noisy.
"""

import argparse
import datetime as dt
import os
import platform
import statistics
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import polars as pl

from spinal_metastasis import Patient, SpinalLesion
from spinal_metastasis.anatomy import VertebralLevel
from spinal_metastasis.cohort.columnar import score_frame
from spinal_metastasis.cohort.columnar.cells import _field
from spinal_metastasis.cohort.columnar.frames import _pandas_read
from spinal_metastasis.cohort.columnar.scoring import _mapping
from spinal_metastasis.cohort.columnar.tables import _tables
from spinal_metastasis.errors import OutOfValidatedRangeError
from spinal_metastasis.histology import PrimaryTumor
from spinal_metastasis.model import (
    Alignment,
    BoneLesion,
    Collapse,
    Frankel,
    Pain,
    Posterolateral,
    VisceralMetastases,
)
from spinal_metastasis.scores.bauer import modified_bauer
from spinal_metastasis.scores.katagiri import katagiri
from spinal_metastasis.scores.nesms import nesms
from spinal_metastasis.scores.sins import sins
from spinal_metastasis.scores.tokuhashi import tokuhashi_revised
from spinal_metastasis.scores.tomita import tomita

UNKNOWN = 0.1
ENUMS: dict[str, Any] = {
    "pain": Pain,
    "bone_lesion": BoneLesion,
    "alignment": Alignment,
    "collapse": Collapse,
    "posterolateral": Posterolateral,
    "primary": PrimaryTumor,
    "frankel": Frankel,
    "visceral_metastases": VisceralMetastases,
}
BOOLS = (
    "ambulatory",
    "brain_metastases",
    "disseminated_metastases",
    "hormone_dependent",
    "molecular_targeted_therapy",
    "previous_chemotherapy",
)
LABS = {
    "albumin_g_per_dl": (2.0, 5.0),
    "crp_mg_per_dl": (0.0, 5.0),
    "ldh_u_per_l": (100.0, 600.0),
    "platelets_10e9_per_l": (20.0, 400.0),
    "calcium_mg_per_dl": (8.0, 12.0),
    "bilirubin_mg_per_dl": (0.2, 3.0),
}


def _levels(rng: np.random.Generator, rows: int) -> list[str | None]:
    """Labels of lesions of one to three levels, as a researcher's table holds them."""
    starts = rng.integers(0, len(VertebralLevel) - 3, rows)
    sizes = rng.integers(1, 4, rows)
    levels = [level.label for level in VertebralLevel]
    labels = [
        levels[start] if size == 1 else f"{levels[start]}-{levels[start + size - 1]}"
        for start, size in zip(starts.tolist(), sizes.tolist(), strict=True)
    ]
    unknown = rng.random(rows) < UNKNOWN
    return [None if drop else label for label, drop in zip(labels, unknown.tolist(), strict=True)]


def _maybe(rng: np.random.Generator, values: np.ndarray) -> np.ndarray:
    """Values as floats with about a tenth unknown (NaN)."""
    floats = values.astype(np.float64)
    floats[rng.random(values.size) < UNKNOWN] = np.nan
    return floats


def cohort(rows: int, seed: int = 20260601) -> pd.DataFrame:
    """A seeded synthetic cohort as pandas, typed: categoricals (enum order), nullable dtypes."""
    rng = np.random.default_rng(seed)
    data: dict[str, Any] = {"levels": pd.Categorical(_levels(rng, rows))}
    for name, enum_type in ENUMS.items():
        values = [member.value for member in enum_type]
        codes = rng.integers(0, len(values), rows)
        codes[rng.random(rows) < UNKNOWN] = -1
        data[name] = pd.Categorical.from_codes(codes, categories=values)
    for name in BOOLS:
        flags = pd.array(rng.random(rows) < 0.5, dtype="boolean")
        flags[rng.random(rows) < UNKNOWN] = pd.NA
        data[name] = flags
    data["kps"] = _maybe(rng, rng.integers(1, 11, rows) * 10)
    data["ecog"] = _maybe(rng, rng.integers(0, 5, rows))
    data["vertebral_metastases"] = _maybe(rng, rng.integers(3, 10, rows))
    data["extraspinal_bone_metastases"] = _maybe(rng, rng.integers(0, 6, rows))
    for name, (low, high) in LABS.items():
        data[name] = _maybe(rng, rng.uniform(low, high, rows))
    return pd.DataFrame(data)


def as_strings(frame: pd.DataFrame) -> pd.DataFrame:
    """The same cohort with plain string and object columns (a CSV read without dtypes)."""
    categorical = [
        name for name in frame.columns if isinstance(frame[name].dtype, pd.CategoricalDtype)
    ]
    booleans = list(BOOLS)
    return frame.astype(dict.fromkeys([*categorical, *booleans], object))


def best_seconds(run: Callable[[], object], repeats: int) -> float:
    """The fastest of a few runs (the least disturbed by the noisy machine)."""
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        timings.append(time.perf_counter() - start)
    return min(timings)


def _none(value: object) -> object:
    return (
        None
        if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value))
        else value
    )


def naive_row(row: pd.Series) -> tuple[object, ...]:
    """What a researcher writes by hand: build the patient from the row, call each scalar score."""
    levels = _none(row["levels"])
    lesion_fields = ("pain", "bone_lesion", "alignment", "collapse", "posterolateral")
    lesions: tuple[SpinalLesion, ...] = ()
    if levels is not None:
        findings: dict[str, Any] = {
            name: None if _none(row[name]) is None else ENUMS[name](row[name])
            for name in lesion_fields
        }
        lesions = (SpinalLesion(levels=str(levels), **findings),)
    fields: dict[str, Any] = {
        name: None if _none(row[name]) is None else ENUMS[name](row[name])
        for name in ("primary", "frankel", "visceral_metastases")
    }
    for name in ("kps", "ecog", "vertebral_metastases", "extraspinal_bone_metastases"):
        fields[name] = None if _none(row[name]) is None else int(row[name])
    for name in BOOLS:
        fields[name] = None if _none(row[name]) is None else bool(row[name])
    for name in LABS:
        fields[name] = None if _none(row[name]) is None else float(row[name])
    patient = Patient(lesions=lesions, **fields)
    results: list[object] = [sins(lesions[0]).points if lesions else None]
    for score in (tokuhashi_revised, tomita, modified_bauer, nesms, katagiri):
        try:
            results.append(score(patient).points)
        except OutOfValidatedRangeError:
            results.append(None)
    return tuple(results)


def floor_inputs(frame: pd.DataFrame) -> list[tuple[np.ndarray, np.ndarray]]:
    """Every item of the six scores as (codes, packed low/high table), encoded beforehand.

    The codes come from score_frame's own encoder and the tables are its per-item tables,
    so the floor does the same lookups with everything else (reading, validating, unpacking,
    building the frame) left out.
    """
    tables = _tables()
    rows = len(frame)
    codes: dict[str, np.ndarray] = {"modified_bauer@packed": np.zeros(rows, dtype=np.int16)}
    for field, column in _mapping(None, set(frame.columns)).items():
        raw = _pandas_read(frame[column])
        codes.update(_field(field, raw, tables.channels).block(0, rows)[0])
    items = []
    for table in tables.scores.values():
        for item in table.items:
            index = np.ravel_multi_index(
                [np.asarray(codes[name], dtype=np.intp) for name in item.channels],
                [tables.channels[name].size for name in item.channels],
            )
            dtype = np.int8 if index.max() <= np.iinfo(np.int8).max else np.int16
            items.append((index.astype(dtype), (item.low + 128 * item.high).astype(np.int16)))
    return items


def floor(items: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """The bare minimum: one take and one add per item."""
    total = np.take(items[0][1], items[0][0])
    for codes, table in items[1:]:
        total += np.take(table, codes)
    return total


def main() -> None:
    """Measure everything in one run and print the figures and the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="cohort size (default 10**6)")
    parser.add_argument("--sample", type=int, default=1_000, help="rows for the naive apply")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per figure (best kept)")
    parser.add_argument("--profile", action="store_true", help="profile score_frame (pyinstrument)")
    args = parser.parse_args()

    pandas_typed = cohort(args.rows)
    polars_typed = pl.from_pandas(pandas_typed).with_columns(
        pl.col(name).cast(pl.String).cast(pl.Enum([m.value for m in enum_type]))
        for name, enum_type in ENUMS.items()
    )
    pandas_strings = as_strings(pandas_typed)
    polars_strings = polars_typed.with_columns(pl.col(name).cast(pl.String) for name in ENUMS)
    score_frame(pandas_typed.head(10))  # build the tables once, outside the timings

    if args.profile:
        from pyinstrument import Profiler  # noqa: PLC0415 - the bench extra

        profiler = Profiler()
        profiler.start()
        score_frame(pandas_typed)
        score_frame(polars_typed)
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False))
        return

    rows = args.rows
    items = floor_inputs(pandas_typed)
    sample = pandas_typed.head(args.sample)
    runs: dict[str, Callable[[], object]] = {
        "lookup-table floor": lambda: floor(items),
        "score_frame, pandas, typed columns": lambda: score_frame(pandas_typed),
        "score_frame, polars, typed columns": lambda: score_frame(polars_typed),
        "score_frame, pandas, string columns": lambda: score_frame(pandas_strings),
        "score_frame, polars, string columns": lambda: score_frame(polars_strings),
    }
    # Interleaved: each round times every figure once, so that all of them meet the same
    # background load; the fastest round of each is kept.
    timings: dict[str, list[float]] = {label: [] for label in runs}
    for _ in range(args.repeats):
        for label, run in runs.items():
            timings[label].append(best_seconds(run, 1))
    naive_seconds = best_seconds(lambda: sample.apply(naive_row, axis=1), 1) * rows / len(sample)
    floor_seconds = min(timings.pop("lookup-table floor"))
    figures = {label: min(values) for label, values in timings.items()}

    floor_rate = rows / floor_seconds
    naive_rate = rows / naive_seconds
    print(f"# Columnar scoring benchmark, {dt.datetime.now(dt.UTC).date().isoformat()}")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, numpy {np.__version__}, "
        f"pandas {pd.__version__}, polars {pl.__version__}"
    )
    print(f"cohort: {rows:,} rows (seeded), about {UNKNOWN:.0%} of each input unknown")
    print(f"lookup-table floor ({len(items)} items, take + add): {floor_rate / 1e6:8.1f} M rows/s")
    print(f"naive DataFrame.apply ({len(sample):,}-row sample):  {naive_rate / 1e6:8.4f} M rows/s")
    for label, seconds in figures.items():
        rate = rows / seconds
        print(
            f"{label}: {rate / 1e6:6.2f} M rows/s = {rate / naive_rate:8,.0f}x naive, "
            f"{rate / floor_rate:5.2f}x floor"
        )
    typed = [rows / seconds for label, seconds in figures.items() if "typed" in label]
    print(
        f"typed columns, median: {statistics.median(typed) / naive_rate:,.0f}x naive, "
        f"{statistics.median(typed) / floor_rate:.2f}x floor (targets: >= 5,000x, >= 0.5x)"
    )


if __name__ == "__main__":
    main()
