import gc
import io
import sys
from pathlib import Path
from typing import Any

import pytest

from spinal_metastasis import assess, example_names, example_patient, to_json
from spinal_metastasis.cli import main
from spinal_metastasis.cohort.batch import COLUMNS, assessing, assessment_rows

BAD_KPS = '{"kps": 75}'


def _cohort(tmp_path: Path, *extra: str) -> Path:
    lines = [to_json(example_patient(name)) for name in example_names()]
    path = tmp_path / "cohort.jsonl"
    path.write_text("\n".join([*lines, *extra]) + "\n", encoding="utf-8")
    return path


def _expected_rows() -> int:
    return sum(len(assessment_rows(assess(example_patient(name)))) for name in example_names())


class TestBatchMode:
    def test_writes_csv_and_a_summary(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`assess --jsonl --out x.csv` writes the rows and a closing summary on stderr."""
        out = tmp_path / "rows.csv"
        assert main(["assess", "--jsonl", str(_cohort(tmp_path)), "--out", str(out)]) == 0
        lines = out.read_text(encoding="utf-8").splitlines()
        assert ",".join(COLUMNS) == lines[0]
        assert len(lines) - 1 == _expected_rows()
        err = capsys.readouterr().err
        records = len(example_names())
        assert err.startswith(f"{records} records: {records} assessed, 0 with errors; ")
        assert f"{_expected_rows()} rows written in " in err

    def test_collects_garbage_as_the_workers_do_then_restores(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """While the batch runs, the command uses the workers' GC thresholds; then its own."""
        seen: list[tuple[int, ...]] = []
        real = assessing._assess_one

        def recording(*args: Any, **kwargs: Any) -> Any:
            seen.append(gc.get_threshold())
            return real(*args, **kwargs)

        monkeypatch.setattr(assessing, "_assess_one", recording)
        before = gc.get_threshold()
        out = tmp_path / "rows.csv"
        assert 0 == main(["assess", "--jsonl", str(_cohort(tmp_path)), "--out", str(out)])
        assert {assessing.WORKER_GC_THRESHOLDS} == set(seen)
        assert before == gc.get_threshold()

    def test_errors_are_listed_with_line_numbers(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Invalid lines are listed with their line numbers; valid rows are written; exit 2."""
        out = tmp_path / "rows.csv"
        cohort = _cohort(tmp_path, BAD_KPS, "", "{")
        assert main(["assess", "--jsonl", str(cohort), "--out", str(out)]) == 2
        err = capsys.readouterr().err.splitlines()
        first_bad = len(example_names()) + 1
        assert err[0].startswith(f"{first_bad + 1} records: {first_bad - 1} assessed, 2 with")
        assert err[1] == (
            f"  line {first_bad}: kps: must be an integer from 0 to 100 in steps of 10, "
            "or None (unknown) (got 75)"
        )
        assert err[2].startswith(f"  line {first_bad + 2}: $: not valid JSON")
        assert len(out.read_text(encoding="utf-8").splitlines()) - 1 == _expected_rows()

    def test_long_error_lists_are_cut(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Past MAX_LISTED_ERRORS errors, the summary says how many more there are."""
        monkeypatch.setattr("spinal_metastasis.cli.MAX_LISTED_ERRORS", 1)
        cohort = _cohort(tmp_path, BAD_KPS, BAD_KPS, BAD_KPS)
        assert main(["assess", "--jsonl", str(cohort), "--out", str(tmp_path / "r.csv")]) == 2
        assert capsys.readouterr().err.splitlines()[-1] == "  ... and 2 more"

    def test_parquet_with_workers(self, tmp_path: Path) -> None:
        """`--out x.parquet --workers 2` writes Parquet from a pool (more records than a task)."""
        pq = pytest.importorskip("pyarrow.parquet")
        lines = [to_json(example_patient(name)) for name in example_names()] * 14
        cohort = _cohort(tmp_path, *lines)
        out = tmp_path / "rows.parquet"
        argv = ["assess", "--jsonl", str(cohort), "--out", str(out), "--workers", "2"]
        assert main(argv) == 0
        assert pq.read_table(out).num_rows == 15 * _expected_rows()

    def test_csv_on_stdout_from_stdin(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """`--jsonl -` reads standard input; without --out the CSV goes to standard output."""
        text = to_json(example_patient()) + "\n"
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
        assert main(["assess", "--jsonl", "-"]) == 0
        out = capsys.readouterr().out.splitlines()
        assert len(out) == 1 + 13
        assert out[1].startswith("0,,0,T12,11,11,potentially_unstable,")

    def test_progress_bar_on_request(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`--progress` draws a tqdm bar on stderr counting the records."""
        pytest.importorskip("tqdm")
        argv = ["assess", "--jsonl", str(_cohort(tmp_path)), "--out", str(tmp_path / "r.csv")]
        assert main([*argv, "--progress"]) == 0
        records = len(example_names())
        assert f"{records}/{records}" in capsys.readouterr().err

    def test_no_bar_when_not_a_terminal(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """By default there is no bar when stderr is not a terminal, only the summary."""
        argv = ["assess", "--jsonl", str(_cohort(tmp_path)), "--out", str(tmp_path / "r.csv")]
        assert main(argv) == 0
        assert len(capsys.readouterr().err.splitlines()) == 1

    def test_no_bar_without_tqdm(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without the progress extra there is no bar, even when asked."""
        monkeypatch.setitem(sys.modules, "tqdm", None)
        argv = ["assess", "--jsonl", str(_cohort(tmp_path)), "--out", str(tmp_path / "r.csv")]
        assert main([*argv, "--progress"]) == 0
        assert len(capsys.readouterr().err.splitlines()) == 1

    def test_missing_cohort_exits_2(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A cohort file that cannot be read exits 2 with a one-line message."""
        assert main(["assess", "--jsonl", str(tmp_path / "absent.jsonl")]) == 2
        assert "cannot read or write" in capsys.readouterr().err

    def test_parquet_without_writer_exits_2(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Parquet without pyarrow or polars exits 2 naming the extra."""
        monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
        monkeypatch.setitem(sys.modules, "polars", None)
        argv = ["assess", "--jsonl", str(_cohort(tmp_path)), "--out", str(tmp_path / "r.parquet")]
        assert main(argv) == 2
        assert "spinal-metastasis[arrow]" in capsys.readouterr().err

    def test_broken_pipe_is_quiet(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """When the reader of standard output goes away, the command stops quietly."""

        def broken(*args: object) -> int:
            raise BrokenPipeError

        monkeypatch.setattr("spinal_metastasis.cohort.batch.write_table", broken)
        assert main(["assess", "--jsonl", str(_cohort(tmp_path))]) == 0
        assert capsys.readouterr().err == ""


class TestArguments:
    @pytest.mark.parametrize(
        "argv",
        [
            ["assess"],
            ["assess", "patient.json", "--jsonl", "cohort.jsonl"],
            ["assess", "--jsonl", "cohort.jsonl", "--out", "rows.xlsx"],
            ["assess", "--jsonl", "cohort.jsonl", "--workers", "0"],
            ["assess", "--jsonl", "cohort.jsonl", "--workers", "two"],
        ],
    )
    def test_usage_errors_exit_2(self, argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
        """Neither or both inputs, an unknown output format or a bad worker count exit 2."""
        with pytest.raises(SystemExit) as exited:
            main(argv)
        assert exited.value.code == 2
        assert "usage:" in capsys.readouterr().err
