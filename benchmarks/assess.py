"""Benchmark assess(), batch assessment, the JSON round trip and start-up, in one run.

Run from the repository root (extras ``bench`` and ``arrow`` or ``pandas`` not needed;
``pydantic`` is, for the JSON comparison, and ``pyinstrument`` for ``--profile``)::

    python benchmarks/assess.py                 # the default cohort
    python benchmarks/assess.py --patients 400  # quicker
    python benchmarks/assess.py --profile       # and where assess() spends its time

Every figure is compared with a baseline measured in the same run, because these
machines vary by about 1.8x from run to run:

- ``assess()``: microseconds per patient on one core, median over records met for
  the first time (the library's caches emptied first), and over the same records
  again (target <= 50 us);
- batch assessment: ``assess_many`` serial against 2 worker processes on the same
  JSON Lines, both from emptied caches (target: never slower, >= 1.3x faster on
  2 workers), with the costs
  that decide what crosses a process boundary (pickling a Patient or an
  Assessment against JSON text in and row tuples out);
- JSON round trip of a patient (decode and validate, then encode) through the
  library's converter against pydantic v2 on an equivalent model written here
  (target: <= 1.5x pydantic);
- from process start through the first ``assess()``, in a fresh interpreter with
  the modules' bytecode written (as after ``pip install``), median of several,
  against a bare interpreter start (target <= 150 ms).

The cohort is synthetic and seeded: valid patients with about a fifth of the
clinical fields unknown, one to three lesions, built by a small generator here
(not Hypothesis).
"""

import argparse
import gc
import json
import os
import pickle
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from spinal_metastasis import (
    ESCC,
    Alignment,
    BoneLesion,
    Collapse,
    Frankel,
    Pain,
    Patient,
    Posterolateral,
    PrimaryTumor,
    SystemicAgent,
    VertebralLevel,
    VisceralMetastases,
    assess,
    from_json,
    to_json,
)
from spinal_metastasis._cache import clear as clear_caches
from spinal_metastasis.cohort.batch import WORKER_GC_THRESHOLDS, assess_many, assessment_rows
from spinal_metastasis.io import structure

LEVELS = list(VertebralLevel)

# --- A seeded synthetic cohort ----------------------------------------------------------------


class Cohort:
    """A seeded generator of valid patient documents (JSON-like dicts)."""

    def __init__(self, seed: int, unknown: float = 0.2) -> None:
        """Seed the generator; ``unknown`` is the share of clinical fields left unknown."""
        self.random = random.Random(seed)
        self.unknown = unknown

    def maybe(self, value: object) -> object:
        """Return the value, or None (unknown) with the set probability."""
        return None if self.random.random() < self.unknown else value

    def member(self, enum_type: Any) -> object:  # noqa: ANN401 - any enum
        """Draw an enum member's JSON value, or None."""
        return self.maybe(self.random.choice(list(enum_type)).value)

    def number(self, low: float, high: float, digits: int = 1) -> object:
        """Draw a number in [low, high], or None."""
        return self.maybe(round(self.random.uniform(low, high), digits))

    def flag(self) -> object:
        """Draw a boolean, or None."""
        return self.maybe(self.random.random() < 0.5)

    def spans(self) -> list[list[str]]:
        """One to three non-overlapping contiguous runs of levels."""
        count = self.random.randint(1, 3)
        starts = sorted(self.random.sample(range(len(LEVELS) - 3), count))
        spans = []
        for start, following in zip(starts, [*starts[1:], len(LEVELS)], strict=True):
            size = self.random.randint(1, min(2, following - start))
            spans.append([level.value for level in LEVELS[start : start + size]])
        return spans

    def lesion(self, levels: list[str]) -> dict[str, object]:
        """One lesion document."""
        return {
            "levels": levels,
            "pain": self.member(Pain),
            "bone_lesion": self.member(BoneLesion),
            "alignment": self.member(Alignment),
            "collapse": self.member(Collapse),
            "posterolateral": self.member(Posterolateral),
            "escc": self.member(ESCC),
            "posterior_wall_intact": self.flag(),
            "worst_pain_nrs": self.maybe(self.random.randint(0, 10)),
            "distance_to_cord_mm": self.number(0, 30),
            "paraspinal_extension": self.flag(),
        }

    def course(self) -> dict[str, object]:
        """One prior radiotherapy course to the spine."""
        fractions = self.random.choice([1, 5, 10])
        dose = {1: 8.0, 5: 20.0, 10: 30.0}[fractions]
        start = self.random.randrange(len(LEVELS) - 3)
        return {
            "levels": [level.value for level in LEVELS[start : start + 3]],
            "fractionation": {"total_dose_gy": dose, "fractions": fractions},
            "cord_max_dose": None,
            "days_since_completion": self.maybe(self.random.randint(30, 2000)),
        }

    def patient(self, number: int) -> dict[str, object]:
        """One patient document."""
        spans = self.spans()
        involved = sum(len(span) for span in spans)
        kps = self.random.randrange(30, 101, 10)
        return {
            "patient_id": f"P{number:06d}",
            "primary": self.member(PrimaryTumor),
            "lesions": [self.lesion(span) for span in spans],
            "age_years": self.number(30, 90),
            "kps": self.maybe(kps),
            "ecog": self.maybe(min(4, (100 - kps) // 20)),
            "frankel": self.member(Frankel),
            "ambulatory": self.flag(),
            "extraspinal_bone_metastases": self.maybe(self.random.randint(0, 6)),
            "vertebral_metastases": self.maybe(involved + self.random.randint(0, 3)),
            "visceral_metastases": self.member(VisceralMetastases),
            "brain_metastases": self.flag(),
            "disseminated_metastases": self.flag(),
            "hormone_dependent": self.flag(),
            "molecular_targeted_therapy": self.flag(),
            "previous_chemotherapy": self.flag(),
            "albumin_g_per_dl": self.number(2.0, 5.0),
            "crp_mg_per_dl": self.number(0.0, 10.0),
            "ldh_u_per_l": self.number(100, 900, 0),
            "platelets_10e9_per_l": self.number(40, 450, 0),
            "calcium_mg_per_dl": self.number(8.0, 12.0),
            "bilirubin_mg_per_dl": self.number(0.2, 3.0),
            "inr": self.number(0.9, 2.0),
            "systemic_therapy": self.maybe(
                [agent.value for agent in self.random.sample(list(SystemicAgent), 2)]
            ),
            "prior_radiation": self.maybe([self.course()] if self.random.random() < 0.3 else []),
            "expected_survival_years": self.number(0.1, 5.0),
            "medically_operable": self.flag(),
            "implanted_cardiac_device": self.flag(),
            "active_infection": self.flag(),
        }


def cohort_documents(size: int, seed: int) -> list[dict[str, object]]:
    """Return ``size`` valid patient documents (each checked by the library's converter)."""
    generator = Cohort(seed)
    documents: list[dict[str, object]] = []
    while len(documents) < size:
        document = generator.patient(len(documents))
        structure(document, Patient)  # raises if the generator ever makes an invalid patient
        documents.append(document)
    return documents


# --- pydantic v2: an equivalent model ---------------------------------------------------------


def pydantic_patient_model() -> type[Any]:
    """Build a pydantic v2 model equivalent to Patient: same fields, bounds and rules."""
    from pydantic import (  # noqa: PLC0415 - only for this comparison
        BaseModel,
        ConfigDict,
        Field,
        field_validator,
        model_validator,
    )

    order = {level: index for index, level in enumerate(LEVELS)}
    config = ConfigDict(strict=True, extra="forbid", frozen=True)

    def contiguous(levels: tuple[VertebralLevel, ...]) -> tuple[VertebralLevel, ...]:
        indexes = [order[level] for level in levels]
        if indexes != list(range(indexes[0], indexes[0] + len(indexes))):
            msg = "levels must be contiguous, cranio-caudal, without repeats"
            raise ValueError(msg)
        return levels

    class Fractionation(BaseModel):
        model_config = config
        total_dose_gy: float = Field(gt=0, le=100)
        fractions: int = Field(ge=1, le=50)

    class RadiationCourse(BaseModel):
        model_config = config
        levels: tuple[VertebralLevel, ...] = Field(min_length=1)
        fractionation: Fractionation
        cord_max_dose: Fractionation | None = None
        days_since_completion: int | None = Field(default=None, ge=0, le=36_500)

        _levels = field_validator("levels")(classmethod(lambda _cls, v: contiguous(v)))

    class SpinalLesion(BaseModel):
        model_config = config
        levels: tuple[VertebralLevel, ...] = Field(min_length=1)
        pain: Pain | None = None
        bone_lesion: BoneLesion | None = None
        alignment: Alignment | None = None
        collapse: Collapse | None = None
        posterolateral: Posterolateral | None = None
        escc: ESCC | None = None
        posterior_wall_intact: bool | None = None
        worst_pain_nrs: int | None = Field(default=None, ge=0, le=10)
        distance_to_cord_mm: float | None = Field(default=None, ge=0, le=500)
        paraspinal_extension: bool | None = None

        _levels = field_validator("levels")(classmethod(lambda _cls, v: contiguous(v)))

    class PydanticPatient(BaseModel):
        model_config = config
        patient_id: str | None = Field(default=None, min_length=1, max_length=128)
        primary: PrimaryTumor | None = None
        lesions: tuple[SpinalLesion, ...] = ()
        age_years: float | None = Field(default=None, ge=0, le=130)
        kps: int | None = Field(default=None, ge=0, le=100, multiple_of=10)
        ecog: int | None = Field(default=None, ge=0, le=5)
        frankel: Frankel | None = None
        ambulatory: bool | None = None
        paraplegia_duration_hours: float | None = Field(default=None, ge=0, le=1_000_000)
        extraspinal_bone_metastases: int | None = Field(default=None, ge=0, le=1000)
        vertebral_metastases: int | None = Field(default=None, ge=0, le=len(LEVELS))
        visceral_metastases: VisceralMetastases | None = None
        brain_metastases: bool | None = None
        disseminated_metastases: bool | None = None
        hormone_dependent: bool | None = None
        molecular_targeted_therapy: bool | None = None
        previous_chemotherapy: bool | None = None
        albumin_g_per_dl: float | None = Field(default=None, gt=0, le=15)
        crp_mg_per_dl: float | None = Field(default=None, ge=0, le=100)
        ldh_u_per_l: float | None = Field(default=None, ge=0, le=100_000)
        platelets_10e9_per_l: float | None = Field(default=None, ge=0, le=10_000)
        calcium_mg_per_dl: float | None = Field(default=None, gt=0, le=30)
        bilirubin_mg_per_dl: float | None = Field(default=None, ge=0, le=100)
        inr: float | None = Field(default=None, gt=0, le=20)
        systemic_therapy: tuple[SystemicAgent, ...] | None = None
        prior_radiation: tuple[RadiationCourse, ...] | None = None
        expected_survival_years: float | None = Field(default=None, ge=0, le=50)
        medically_operable: bool | None = None
        implanted_cardiac_device: bool | None = None
        active_infection: bool | None = None

        @model_validator(mode="after")
        def _cross_field(self) -> "PydanticPatient":
            seen: set[VertebralLevel] = set()
            for lesion in self.lesions:
                if seen.intersection(lesion.levels):
                    msg = "lesions must not share a level"
                    raise ValueError(msg)
                seen.update(lesion.levels)
            if self.vertebral_metastases is not None and self.vertebral_metastases < len(seen):
                msg = "vertebral_metastases must be >= the levels involved by lesions"
                raise ValueError(msg)
            if self.systemic_therapy is not None and len(set(self.systemic_therapy)) != len(
                self.systemic_therapy
            ):
                msg = "systemic_therapy must not repeat an agent"
                raise ValueError(msg)
            return self

    return PydanticPatient


# --- Timing helpers ---------------------------------------------------------------------------


def per_call_us(function: Callable[[Any], object], items: Sequence[Any]) -> list[float]:
    """Time each call separately; return microseconds per call."""
    times = []
    clock = time.perf_counter_ns
    for item in items:
        start = clock()
        function(item)
        times.append((clock() - start) / 1000)
    return times


def best_of(repeats: int, function: Callable[[], object]) -> float:
    """Return the best wall time in seconds of ``repeats`` runs."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def verdict(ok: bool) -> str:
    """Say whether a target is met."""
    return "meets the target" if ok else "MISSES the target"


# --- The measurements -------------------------------------------------------------------------


def bench_assess(patients: Sequence[Patient]) -> float:
    """Print and return the median microseconds of assess() per never-seen patient.

    The library memoizes pure sub-results, so a record seen before (or one that shares
    sub-results with records seen before) costs less. The caches are emptied first, so
    the figure judged against the target is that of a cohort of distinct records met
    for the first time; a second pass over the same records is shown beside it.
    """
    clear_caches()
    cold = per_call_us(assess, patients)
    warm = per_call_us(assess, patients)
    lesions = sum(len(patient.lesions) for patient in patients)
    median = statistics.median(cold)
    deciles = statistics.quantiles(cold, n=10)
    print("\n== assess() on one core")
    print(
        f"  {len(patients)} patients, {lesions} lesions ({lesions / len(patients):.2f} per patient)"
    )
    print(
        f"  first pass (never-seen records, caches emptied): median {median:,.0f} us per"
        f" patient; p10 {deciles[0]:,.0f} us, p90 {deciles[-1]:,.0f} us;"
        f" {sum(cold) / lesions:,.0f} us per lesion on average"
    )
    print(
        f"  second pass (the same records again, memoized): median"
        f" {statistics.median(warm):,.0f} us per patient"
    )
    print(f"  target <= 50 us: {median / 50:,.1f}x the target; {verdict(median <= 50)}")
    return median


def bench_transfer(patients: Sequence[Patient]) -> None:
    """Print what crosses a process boundary costs, per record, against assessing it."""
    sample = patients[:200]
    clear_caches()
    assess_us = statistics.median(per_call_us(assess, sample))  # never-seen records
    assessments = [assess(patient) for patient in sample]
    texts = [to_json(patient) for patient in sample]
    pickle_patient = statistics.median(
        per_call_us(lambda p: pickle.loads(pickle.dumps(p)), sample)  # noqa: S301 - own data
    )
    pickle_assessment = statistics.median(
        per_call_us(lambda a: pickle.loads(pickle.dumps(a)), assessments)  # noqa: S301
    )
    rows = [[tuple(row) for row in assessment_rows(a)] for a in assessments]
    pickle_rows = statistics.median(
        per_call_us(lambda r: pickle.loads(pickle.dumps(r)), rows)  # noqa: S301
    )
    json_in = statistics.median(per_call_us(lambda t: from_json(t, Patient), texts))
    print("\n== what crosses a process boundary (median per record, against assess())")
    print(f"  assess()                         {assess_us:>9,.0f} us   1.00")
    for name, value in (
        ("pickle round trip of a Patient", pickle_patient),
        ("pickle round trip of Assessment", pickle_assessment),
        ("JSON text in (from_json)", json_in),
        ("row tuples out (pickle)", pickle_rows),
    ):
        print(f"  {name:<32} {value:>9,.0f} us   {value / assess_us:.2f}")


def bench_batch(lines: Sequence[str], workers: int) -> tuple[float, float]:
    """Print and return serial and pooled seconds for assess_many over JSON lines.

    The caches are emptied before each timed run (forked workers inherit the emptied
    state), so that both runs meet the records for the first time, as a cohort is met.
    The serial run uses the garbage-collector thresholds of the pool's workers (as the
    command line's batch does), so that the ratio is that of the processes alone.
    """

    def run(pool_size: int | None) -> float:
        clear_caches()
        before = gc.get_threshold()
        gc.set_threshold(*WORKER_GC_THRESHOLDS)
        try:
            return best_of(1, lambda: sum(1 for _ in assess_many(lines, workers=pool_size)))
        finally:
            gc.set_threshold(*before)

    serial = run(None)
    pooled = run(workers)
    speedup = serial / pooled
    print(f"\n== batch assessment: assess_many over {len(lines)} JSON lines (never seen before)")
    print(f"  serial (in process)   {serial:7.2f} s   {len(lines) / serial:8,.0f} patients/s")
    print(
        f"  {workers} workers             {pooled:7.2f} s   {len(lines) / pooled:8,.0f} patients/s"
    )
    print(
        f"  speed-up {speedup:.2f}x (pool start-up included); target >= 1.3x and never slower:"
        f" {verdict(speedup >= 1.3)}"
    )
    return serial, pooled


def bench_json(documents: Sequence[dict[str, object]]) -> float:
    """Print and return the library's JSON round trip time over pydantic's."""
    model = pydantic_patient_model()
    texts = [json.dumps(document) for document in documents]
    for text in texts[:50]:  # parity: the same documents give the same JSON back
        ours = json.loads(to_json(from_json(text, Patient)))
        theirs = json.loads(model.model_validate_json(text).model_dump_json())
        if ours != theirs:
            msg = "the pydantic model does not round-trip the documents as the library does"
            raise AssertionError(msg)
    library = statistics.median(per_call_us(lambda t: to_json(from_json(t, Patient)), texts))
    pydantic = statistics.median(
        per_call_us(lambda t: model.model_validate_json(t).model_dump_json(), texts)
    )
    ratio = library / pydantic
    print(f"\n== JSON round trip of a patient (decode, validate, encode), {len(texts)} documents")
    print(f"  library (cattrs converter) {library:8,.1f} us")
    print(f"  pydantic v2                {pydantic:8,.1f} us")
    print(f"  ratio {ratio:.2f}x pydantic; target <= 1.5x: {verdict(ratio <= 1.5)}")
    return ratio


def bench_startup(repeats: int) -> float:
    """Print and return the median milliseconds from process start through the first assess()."""
    first = "from spinal_metastasis import assess, example_patient; assess(example_patient())"
    # As installed: with the modules' bytecode written (pip compiles it on install; an
    # editable install writes it on first import unless PYTHONDONTWRITEBYTECODE is set).
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def run(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=environment)  # noqa: S603
        return (time.perf_counter() - start) * 1000

    run(first)  # writes the bytecode if it is missing
    bare = statistics.median(run("pass") for _ in range(repeats))
    imported = statistics.median(run("import spinal_metastasis") for _ in range(repeats))
    through = statistics.median(run(first) for _ in range(repeats))
    print(f"\n== process start through the first assess(), median of {repeats}")
    print(f"  bare interpreter            {bare:6.0f} ms   1.00")
    print(f"  import spinal_metastasis    {imported:6.0f} ms   {imported / bare:.2f}")
    print(f"  through the first assess()  {through:6.0f} ms   {through / bare:.2f}")
    print(f"  target <= 150 ms: {verdict(through <= 150)}")
    return through


def profile_assess(patients: Sequence[Patient]) -> None:
    """Print where assess() spends its time (pyinstrument)."""
    from pyinstrument import Profiler  # noqa: PLC0415 - only with --profile

    profiler = Profiler(interval=0.0005)
    with profiler:
        for patient in patients:
            assess(patient)
    print("\n== profile of assess() (pyinstrument)")
    print(profiler.output_text(unicode=False, color=False, show_all=False, short_mode=False))


def main(argv: Sequence[str] | None = None) -> None:
    """Run every measurement once and print the figures and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=1500, help="cohort size for the batch")
    parser.add_argument("--seed", type=int, default=20260, help="seed of the synthetic cohort")
    parser.add_argument("--workers", type=int, default=2, help="worker processes for the batch")
    parser.add_argument("--startup-repeats", type=int, default=7, help="start-up runs")
    parser.add_argument("--profile", action="store_true", help="also profile assess()")
    args = parser.parse_args(argv)

    documents = cohort_documents(args.patients, args.seed)
    patients = [structure(document, Patient) for document in documents]
    lines = [json.dumps(document) for document in documents]
    print(f"Synthetic cohort: {len(documents)} patients, seed {args.seed}")
    print(f"Python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} cores")
    print("load average (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))

    bench_assess(patients[:500])
    bench_transfer(patients)
    bench_batch(lines, args.workers)
    bench_json(documents[:500])
    bench_startup(args.startup_repeats)
    if args.profile:
        profile_assess(patients[:300])
    print("\nload average (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
