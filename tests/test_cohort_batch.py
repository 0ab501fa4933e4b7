import gc
import io
import json
import multiprocessing
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spinal_metastasis import (
    Assessment,
    InvalidInputError,
    Modality,
    Patient,
    assess,
    example_names,
    example_patient,
    to_json,
)
from spinal_metastasis.cohort.batch import (
    COLUMNS,
    AssessmentRow,
    BatchResult,
    RecordError,
    assess_many,
    assessing,
    assessment_rows,
    to_table,
    write_table,
    writing,
)
from spinal_metastasis.io import unstructure
from spinal_metastasis.testing import patients

if TYPE_CHECKING:
    from collections.abc import Callable

BAD_KPS = '{"kps": 75}'
KPS_MESSAGE = "kps: must be an integer from 0 to 100 in steps of 10, or None (unknown) (got 75)"


def _examples() -> list[Patient]:
    return [example_patient(name) for name in example_names()]


def _lines() -> list[str]:
    return [to_json(patient) for patient in _examples()]


class TestAssessmentRows:
    def test_one_row_per_lesion_and_modality(self) -> None:
        """A patient gives one row per lesion × modality, lesions in order, modalities in order."""
        patient = example_patient("prostate_partly_known")
        rows = assessment_rows(assess(patient), record=4)
        expected = [
            (4, lesion, modality.value)
            for lesion in range(len(patient.lesions))
            for modality in Modality
        ]
        assert expected == [(row.record, row.lesion, row.modality) for row in rows]

    def test_figures_come_from_the_assessment(self) -> None:
        """Each column holds the assessment's figure; a missing figure is None, never zero."""
        assessment = assess(example_patient())
        lesion = assessment.lesions[0]
        option = lesion.option(Modality.SBRT)
        row = assessment_rows(assessment)[list(Modality).index(Modality.SBRT)]
        onset = option.pain_relief.onset_days
        assert onset is not None
        expected = {
            "levels": "T12",
            "sins_low": lesion.sins.points.low,
            "sins_category": "potentially_unstable",
            "noms_pathway": lesion.noms.pathway.value,
            "eligibility": option.eligibility.value,
            "onset_days_low": onset.low,
            "maximal_effect_days_low": None,
            "systemic_hold_days_high": option.toxicity.systemic_therapy_hold_days.high,
            "collapse_probability_low": option.collapse_risk.probability.low,
            "sessions_low": option.burden.sessions.low,
            "hospital_days_low": None,
        }
        assert option.pain_relief.maximal_days is None
        assert option.burden.hospital_days is None
        assert expected == {name: getattr(row, name) for name in expected}

    def test_multilevel_lesion_label(self) -> None:
        """A lesion over several levels is labelled by its first and last level."""
        patient = Patient(lesions=[attrs.evolve(example_patient().lesions[0], levels="T10-T12")])
        assert assessment_rows(assess(patient))[0].levels == "T10-T12"

    def test_missing_names_the_inputs_waited_for(self) -> None:
        """An undetermined option lists the inputs it waits for, separated by semicolons."""
        assessment = assess(example_patient("prostate_partly_known"))
        option = assessment.lesions[0].options[0]
        assert option.missing
        assert ";".join(option.missing) == assessment_rows(assessment)[0].missing

    def test_no_lesion_no_row(self) -> None:
        """A patient without a lesion gives no row."""
        assert assessment_rows(assess(Patient())) == ()

    @settings(max_examples=40)
    @given(patient=patients())
    def test_rows_are_consistent_ranges(self, patient: Patient) -> None:
        """Every low end is at most its high end, probabilities in [0, 1], 13 rows per lesion."""
        rows = assessment_rows(assess(patient))
        assert len(rows) == 13 * len(patient.lesions)
        for row in rows:
            for name in COLUMNS:
                if name.endswith("_low"):
                    low, high = (
                        getattr(row, name),
                        getattr(row, name.removesuffix("_low") + "_high"),
                    )
                    assert (low is None) == (high is None)
                    assert low is None or low <= high
            assert 0 <= row.collapse_probability_low <= row.collapse_probability_high <= 1


class TestAssessManySerial:
    def test_patients_dicts_and_lines_agree(self) -> None:
        """Patient objects, JSON-like dicts and JSON lines give the same rows, in input order."""
        examples = _examples()
        from_objects = [result.rows for result in assess_many(examples)]
        from_dicts = [result.rows for result in assess_many([unstructure(p) for p in examples])]
        from_lines = [result.rows for result in assess_many(_lines())]
        expected = [assessment_rows(assess(p), record=i) for i, p in enumerate(examples)]
        assert expected == from_objects == from_dicts == from_lines

    def test_assessments_on_request(self) -> None:
        """With assessments=True each result carries the whole assessment."""
        [result] = assess_many([example_patient()], assessments=True)
        assert result.assessment == assess(example_patient())

    def test_no_assessment_by_default(self) -> None:
        """By default only the rows are kept."""
        [result] = assess_many([example_patient()])
        assert result.assessment is None

    def test_errors_do_not_stop_the_stream(self) -> None:
        """Invalid records give errors with their line; the others are assessed, in order."""
        lines = [_lines()[0], BAD_KPS, "not json", "", _lines()[1]]
        results = list(assess_many(lines))
        assert [result.index for result in results] == [0, 1, 2, 3]
        assert [result.line for result in results] == [1, 2, 3, 5]
        assert [result.ok for result in results] == [True, False, False, True]
        assert results[1].error == RecordError(index=1, line=2, messages=(KPS_MESSAGE,))
        assert str(results[2].error).startswith("line 3: $: not valid JSON")

    def test_wrong_record_type_is_an_error(self) -> None:
        """A record that is neither a patient, a dict nor a line is a per-record error."""
        [result] = assess_many([42])  # type: ignore[list-item]
        assert str(result.error) == (
            "record 0: $: expected a Patient, a JSON object (dict) or a JSON line (got int)"
        )

    def test_dict_error_has_no_line(self) -> None:
        """A dict record's error is located by its index."""
        [result] = assess_many([{"kps": 75}])
        assert str(result.error) == f"record 0: {KPS_MESSAGE}"

    def test_reads_a_path(self, tmp_path: Path) -> None:
        """A path is read as JSON Lines; blank lines are skipped but counted."""
        path = tmp_path / "cohort.jsonl"
        path.write_text("\n".join([_lines()[0], "", BAD_KPS]) + "\n", encoding="utf-8")
        results = list(assess_many(path))
        assert [(r.index, r.line, r.ok) for r in results] == [(0, 1, True), (1, 3, False)]
        assert [(r.index, r.line, r.ok) for r in assess_many(str(path))] == [
            (0, 1, True),
            (1, 3, False),
        ]

    def test_reads_a_file_object(self) -> None:
        """An open text or binary file is read as JSON Lines."""
        text = "\n".join([BAD_KPS, _lines()[0]])
        from_text = [(r.line, r.ok) for r in assess_many(io.StringIO(text))]
        from_bytes = [(r.line, r.ok) for r in assess_many(io.BytesIO(text.encode()))]
        assert [(1, False), (2, True)] == from_text == from_bytes

    @pytest.mark.parametrize(("workers", "chunksize"), [(0, 1), (None, 0)])
    def test_rejects_bad_settings(self, workers: int | None, chunksize: int) -> None:
        """The number of workers and the chunk size must be at least 1."""
        with pytest.raises(InvalidInputError, match="must be"):
            assess_many([], workers=workers, chunksize=chunksize)

    @settings(max_examples=30)
    @given(
        patient=patients(max_lesions=2),
        secret=st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ", min_size=16, max_size=16),
    )
    def test_errors_never_show_the_identifier(self, patient: Patient, secret: str) -> None:
        """An invalid record's messages never contain its identifier, valid or too long."""
        document = unstructure(attrs.evolve(patient, patient_id=secret))
        too_long = {**document, "patient_id": secret * 9}
        bad_kps = {**document, "kps": 75}
        results = list(assess_many([json.dumps(bad_kps), json.dumps(too_long), bad_kps]))
        assert [result.ok for result in results] == [False, False, False]
        assert all(secret not in str(result.error) for result in results)

    @settings(max_examples=30)
    @given(cohort=st.lists(patients(max_lesions=2), max_size=4))
    def test_rows_equal_the_assessment(self, cohort: list[Patient]) -> None:
        """The rows of each result are the flattened assess() of its record, in input order."""
        expected = [assessment_rows(assess(p), record=i) for i, p in enumerate(cohort)]
        assert expected == [result.rows for result in assess_many(to_json(p) for p in cohort)]


class TestAssessManyPool:
    def test_pool_equals_serial(self) -> None:
        """Two workers give the same results as serial, in input order, errors included."""
        lines = [*_lines(), BAD_KPS, "", *_lines()]
        serial = list(assess_many(lines))
        pooled = list(assess_many(lines, workers=2, chunksize=2))
        assert serial == pooled
        assert [result.index for result in pooled] == list(range(len(lines) - 1))

    def test_pool_ships_assessments_on_request(self) -> None:
        """On a pool, assessments=True rebuilds each assessment from its JSON."""
        patients_ = _examples()[:3]
        results = list(
            assess_many(
                patients_,
                workers=2,
                chunksize=1,
                assessments=True,
                mp_context=multiprocessing.get_context("spawn"),
            )
        )
        assert [assess(p) for p in patients_] == [result.assessment for result in results]

    def test_pool_reports_wrong_types_in_order(self) -> None:
        """A record of a wrong type becomes an error in its place, also on a pool."""
        records: list[Any] = [example_patient(), 3.5, {"kps": 75}, example_patient()]
        results = list(assess_many(records, workers=2, chunksize=1))
        assert [result.ok for result in results] == [True, False, False, True]
        assert [result.index for result in results] == [0, 1, 2, 3]

    def test_bounded_window_and_early_stop(self) -> None:
        """More tasks than the window still come back in order; stopping early ends the pool."""
        lines = _lines() * 3
        results = assess_many(lines, workers=2, chunksize=1)
        first = [next(results) for _ in range(len(lines) - 2)]
        results.close()
        assert list(range(len(lines) - 2)) == [result.index for result in first]
        assert all(result.ok for result in first)

    def test_fork_server_when_threads_run(self) -> None:
        """With another thread running, workers come from the fork server; results are the same."""
        release = threading.Event()
        waiting = threading.Thread(target=release.wait)
        waiting.start()
        try:
            context = assessing._default_context()
            results = list(assess_many(_lines() * 2, workers=2, chunksize=2))
        finally:
            release.set()
            waiting.join()
        assert context.get_start_method() == "forkserver"
        assert [result.rows for result in assess_many(_lines() * 2)] == [r.rows for r in results]

    def test_fork_when_single_threaded(self) -> None:
        """In a single-threaded process on Linux, workers are forked (else: the fork server)."""
        single = sys.platform == "linux" and threading.active_count() == 1
        expected = "fork" if single else "forkserver"
        assert assessing._default_context().get_start_method() == expected

    def test_small_input_stays_in_process(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """An input that fits in one task is assessed here: no pool is started."""

        def no_pool(*args: object, **kwargs: object) -> None:
            raise AssertionError

        monkeypatch.setattr(assessing, "ProcessPoolExecutor", no_pool)
        results = list(assess_many(_lines(), workers=2))
        assert len(results) == len(_lines())

    def test_workers_collect_garbage_less_often(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The pool's workers run with WORKER_GC_THRESHOLDS; the calling process keeps its own."""
        initializers: list[Callable[[], object]] = []

        class Recording(ProcessPoolExecutor):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                initializers.append(kwargs["initializer"])
                super().__init__(*args, **kwargs)

        monkeypatch.setattr(assessing, "ProcessPoolExecutor", Recording)
        before = gc.get_threshold()
        results = list(assess_many(_lines() * 2, workers=2, chunksize=1))
        with ProcessPoolExecutor(1, initializer=initializers[0]) as executor:
            in_worker = executor.submit(gc.get_threshold).result()
        assert all(result.ok for result in results)
        assert assessing.WORKER_GC_THRESHOLDS == in_worker
        assert before == gc.get_threshold()

    def test_worker_setup_sets_the_thresholds(self) -> None:
        """The worker initializer sets the thresholds of the process it runs in."""
        before = gc.get_threshold()
        try:
            assessing._worker_setup()
            assert assessing.WORKER_GC_THRESHOLDS == gc.get_threshold()
        finally:
            gc.set_threshold(*before)

    def test_worker_function_in_process(self) -> None:
        """The worker's task function returns plain tuples: rows, or messages for a bad record."""
        outcomes = assessing._assess_tasks(
            [(0, 1, _lines()[0]), (1, 2, BAD_KPS)], with_assessment=True
        )
        (index, line, rows, document, messages), bad = outcomes
        assert (index, line, messages) == (0, 1, None)
        assert all(type(row) is tuple for row in rows)
        assert document is not None
        assert bad == (1, 2, [], None, (KPS_MESSAGE,))
        rebuilt = assessing._from_outcome(outcomes[0])
        assert rebuilt.assessment == assess(example_patient(example_names()[0]))
        assert isinstance(rebuilt.assessment, Assessment)


def _results() -> list[BatchResult]:
    return list(assess_many([*_lines(), BAD_KPS]))


class TestToTable:
    def test_pandas(self) -> None:
        """The pandas table has the columns, one row per row, nulls as NA, enums categorical."""
        pd = pytest.importorskip("pandas")
        results = _results()
        frame = to_table(results, kind="pandas")
        rows = [row for result in results for row in result.rows]
        assert list(COLUMNS) == list(frame.columns)
        assert len(rows) == len(frame)
        assert list(frame["modality"].cat.categories) == [m.value for m in Modality]
        sbrt = frame[frame["modality"] == "sbrt"].iloc[0]
        assert sbrt["maximal_effect_days_low"] is pd.NA
        assert isinstance(frame["record"].dtype, type(pd.Series([1]).dtype))

    def test_polars(self) -> None:
        """The polars table has the columns, nulls as null, enums as Enum."""
        pl = pytest.importorskip("polars")
        frame = to_table(_results(), kind="polars")
        assert list(COLUMNS) == frame.columns
        assert isinstance(frame.schema["eligibility"], pl.Enum)
        assert (
            frame.filter(pl.col("modality") == "sbrt")["maximal_effect_days_low"].null_count() > 0
        )

    def test_arrow(self) -> None:
        """The Arrow table has the columns and the rows."""
        pytest.importorskip("pyarrow")
        results = _results()
        table = to_table(results, kind="arrow")
        assert list(COLUMNS) == table.column_names
        assert sum(len(result.rows) for result in results) == table.num_rows

    def test_from_rows_and_empty(self) -> None:
        """Rows can be passed directly; no row gives an empty table with the columns."""
        pytest.importorskip("pandas")
        rows = assessment_rows(assess(example_patient()))
        assert len(to_table(rows)) == 13
        assert list(COLUMNS) == list(to_table([]).columns)

    def test_rejects_unknown_kind(self) -> None:
        """An unknown table kind is an error that lists the kinds."""
        with pytest.raises(InvalidInputError, match="pandas, polars, arrow"):
            to_table([], kind="excel")  # type: ignore[arg-type]

    def test_missing_extra_is_named(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without the extra, the ImportError names the pip install command."""
        for module in ("pandas", "polars", "pyarrow"):
            monkeypatch.setitem(__import__("sys").modules, module, None)
        for kind, extra in (("pandas", "pandas"), ("polars", "polars"), ("arrow", "arrow")):
            with pytest.raises(ImportError, match=rf"spinal-metastasis\[{extra}\]"):
                to_table([], kind=kind)  # type: ignore[arg-type]


class TestWriteTable:
    def test_csv(self, tmp_path: Path) -> None:
        """CSV has a header of the columns and one line per row; a null is an empty cell."""
        results = _results()
        path = tmp_path / "rows.csv"
        count = write_table(results, path)
        lines = path.read_text(encoding="utf-8").splitlines()
        assert ",".join(COLUMNS) == lines[0]
        assert count == len(lines) - 1 == sum(len(result.rows) for result in results)
        assert ",,," in lines[2]

    def test_csv_stream(self) -> None:
        """An open text stream receives CSV."""
        out = io.StringIO()
        assert write_table(assessment_rows(assess(example_patient())), out) == 13
        assert out.getvalue().startswith("record,patient_id,")

    @pytest.mark.parametrize("suffix", [".parquet", ".pq"])
    def test_parquet(self, tmp_path: Path, suffix: str) -> None:
        """Parquet round-trips the rows."""
        pq = pytest.importorskip("pyarrow.parquet")
        results = _results()
        path = tmp_path / f"rows{suffix}"
        count = write_table(results, path)
        table = pq.read_table(path)
        assert count == table.num_rows == sum(len(result.rows) for result in results)
        assert list(COLUMNS) == table.column_names

    def test_parquet_in_row_groups(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Parquet is written in row groups of PARQUET_BATCH_ROWS rows."""
        pq = pytest.importorskip("pyarrow.parquet")
        monkeypatch.setattr(writing, "PARQUET_BATCH_ROWS", 10)
        path = tmp_path / "rows.parquet"
        write_table(assessment_rows(assess(example_patient())), path)
        assert pq.ParquetFile(path).num_row_groups == 2

    def test_empty_parquet(self, tmp_path: Path) -> None:
        """No row still writes a Parquet file with the columns."""
        pq = pytest.importorskip("pyarrow.parquet")
        path = tmp_path / "rows.parquet"
        assert write_table([], path) == 0
        assert list(COLUMNS) == pq.read_table(path).column_names

    def test_parquet_with_polars_only(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without pyarrow, polars writes the Parquet file."""
        pl = pytest.importorskip("polars")
        monkeypatch.setitem(__import__("sys").modules, "pyarrow.parquet", None)
        path = tmp_path / "rows.parquet"
        assert write_table(assessment_rows(assess(example_patient())), path) == 13
        assert pl.read_parquet(path).height == 13

    def test_parquet_without_writer(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without pyarrow and polars, writing Parquet names the extra."""
        monkeypatch.setitem(__import__("sys").modules, "pyarrow.parquet", None)
        monkeypatch.setitem(__import__("sys").modules, "polars", None)
        with pytest.raises(ImportError, match=r"spinal-metastasis\[arrow\]"):
            write_table([], tmp_path / "rows.parquet")

    def test_rejects_unknown_suffix(self, tmp_path: Path) -> None:
        """Only .csv, .parquet and .pq are written."""
        with pytest.raises(InvalidInputError, match=r"\.csv, \.parquet or \.pq"):
            write_table([], tmp_path / "rows.xlsx")


class TestResultTypes:
    def test_row_is_a_tuple_of_the_columns(self) -> None:
        """A row is a named tuple whose fields are the table's columns."""
        assert AssessmentRow._fields == COLUMNS

    def test_error_without_line(self) -> None:
        """An error without a line is located by its record index."""
        assert str(RecordError(index=3, line=None, messages=("a", "b"))) == "record 3: a; b"
