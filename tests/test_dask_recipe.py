import subprocess
import sys
from pathlib import Path

import pytest

from spinal_metastasis import example_names, example_patient, to_json
from spinal_metastasis.cohort.batch import assess_many
from spinal_metastasis.provenance import provenance_metadata

pytest.importorskip("distributed")
pq = pytest.importorskip("pyarrow.parquet")

SCRIPT = Path(__file__).parent.parent / "examples" / "dask_local_cluster.py"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    """Run the documented recipe once, as a script, on two worker processes."""
    folder = tmp_path_factory.mktemp("recipe")
    lines = [to_json(example_patient(name)) for name in example_names()] + ['{"kps": 75}']
    (folder / "cohort.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    command = [
        sys.executable,
        str(SCRIPT),
        str(folder / "cohort.jsonl"),
        str(folder / "results"),
        str(folder / "errors"),
        "--workers",
        "2",
    ]
    subprocess.run(command, check=True, timeout=300, capture_output=True)  # noqa: S603
    return folder / "results", folder / "errors", lines


class TestDaskRecipe:
    def test_writes_the_rows_of_every_valid_record(
        self, outputs: tuple[Path, Path, list[str]]
    ) -> None:
        """The script's Parquet rows are those of assess_many on the same records."""
        results, _, lines = outputs
        expected = sum(len(result.rows) for result in assess_many(lines))
        assert expected == pq.read_table(results).num_rows

    def test_writes_the_errors(self, outputs: tuple[Path, Path, list[str]]) -> None:
        """The record that cannot be read is in the errors, with its line."""
        _, errors, lines = outputs
        assert [len(lines)] == pq.read_table(errors).column("line").to_pylist()

    def test_files_carry_the_provenance(self, outputs: tuple[Path, Path, list[str]]) -> None:
        """Every Parquet file written carries the provenance as key-value metadata."""
        results, _, _ = outputs
        stored = pq.read_metadata(next(results.glob("*.parquet"))).metadata
        assert provenance_metadata()["settings"] == stored[b"settings"].decode()
