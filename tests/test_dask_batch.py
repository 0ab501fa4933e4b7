# mypy: disallow-untyped-calls=False
# (dask and distributed are only partly annotated)
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("dask.dataframe")
pytest.importorskip("distributed")

import dask.bag as db
import dask.dataframe as dd
import pandas as pd
from dask.base import compute
from distributed import Client, LocalCluster

from spinal_metastasis import example_names, example_patient, to_json
from spinal_metastasis.cohort.batch import assess_many, to_table
from spinal_metastasis.cohort.dask_batch import (
    ERROR_COLUMNS,
    ROW_COLUMNS,
    assess_bag,
    assess_series,
)
from spinal_metastasis.io import unstructure

BAD_KPS = '{"kps": 75}'


def _lines() -> list[str]:
    return [to_json(example_patient(name)) for name in example_names()]


def _expected(records: list[str]) -> pd.DataFrame:
    return to_table(assess_many(records), kind="pandas")


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """A small local Dask cluster in this process (threads), as in CI."""
    with (
        LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        Client(cluster) as dask_client,
    ):
        yield dask_client


class TestAssessBag:
    def test_rows_equal_assess_many(self) -> None:
        """Partition by partition, the rows are those of assess_many on each partition."""
        lines = _lines()
        bag = db.from_sequence(lines, npartitions=2)
        rows, errors = assess_bag(bag)
        rows_df, errors_df = compute(rows, errors, scheduler="synchronous")
        assert list(ROW_COLUMNS) == list(rows_df.columns)
        parts = [lines[: (len(lines) + 1) // 2], lines[(len(lines) + 1) // 2 :]]
        expected = pd.concat([_expected(part).assign(partition=i) for i, part in enumerate(parts)])
        pd.testing.assert_frame_equal(
            expected.reset_index(drop=True), rows_df.reset_index(drop=True)
        )
        assert errors_df.empty

    def test_errors_have_partition_and_line(self) -> None:
        """A bad record gives an error row with its partition, position and line, no identifier."""
        lines = [_lines()[0], BAD_KPS, _lines()[1], "{"]
        rows, errors = assess_bag(db.from_sequence(lines, npartitions=2))
        rows_df, errors_df = compute(rows, errors, scheduler="synchronous")
        assert list(ERROR_COLUMNS) == list(errors_df.columns)
        assert list(
            zip(errors_df["partition"], errors_df["record"], errors_df["line"], strict=True)
        ) == [(0, 1, 2), (1, 1, 2)]
        assert errors_df["message"].iloc[0].startswith("kps: must be an integer")
        assert sorted(set(rows_df["partition"])) == [0, 1]

    def test_dicts(self) -> None:
        """A bag of JSON-like dicts is assessed as well."""
        documents = [unstructure(example_patient(name)) for name in example_names()]
        rows, errors = assess_bag(db.from_sequence(documents, npartitions=1))
        rows_df, errors_df = compute(rows, errors, scheduler="synchronous")
        assert len(_expected(_lines())) == len(rows_df)
        assert errors_df.empty

    def test_read_text(self, tmp_path: Path) -> None:
        """JSON Lines files read with read_text: one partition per file, lines numbered in it."""
        for number in range(2):
            path = tmp_path / f"cohort-{number}.jsonl"
            path.write_text("\n".join([*_lines(), BAD_KPS]) + "\n", encoding="utf-8")
        rows, errors = assess_bag(db.read_text(str(tmp_path / "cohort-*.jsonl")))
        rows_df, errors_df = compute(rows, errors, scheduler="synchronous")
        assert 2 * len(_expected(_lines())) == len(rows_df)
        assert [len(_lines()) + 1] * 2 == list(errors_df["line"])

    def test_local_cluster(self, client: Client) -> None:
        """On a local distributed cluster, the same rows come back."""
        lines = [*_lines(), BAD_KPS]
        rows, errors = assess_bag(db.from_sequence(lines, npartitions=3))
        rows_df, errors_df = client.compute([rows, errors], sync=True)
        assert len(_expected(lines)) == len(rows_df)
        assert len(errors_df) == 1


class TestAssessSeries:
    def test_a_column_of_json(self, client: Client) -> None:
        """A Dask dataframe column of JSON text is assessed partition by partition."""
        frame = dd.from_pandas(pd.DataFrame({"patient": [*_lines(), BAD_KPS]}), npartitions=2)
        rows, errors = assess_series(frame["patient"])
        rows_df, errors_df = client.compute([rows, errors], sync=True)
        assert len(_expected(_lines())) == len(rows_df)
        assert errors_df["message"].tolist() == [
            "kps: must be an integer from 0 to 100 in steps of 10, or None (unknown) (got 75)"
        ]


class TestWithoutDask:
    def test_names_the_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without Dask, the error names the dask extra."""
        monkeypatch.setitem(__import__("sys").modules, "dask.dataframe", None)
        with pytest.raises(ImportError, match=r"spinal-metastasis\[dask\]"):
            assess_bag(db.from_sequence([], npartitions=1))
