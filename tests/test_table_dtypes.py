import sys

import pytest

from spinal_metastasis import Modality, assess, example_patient
from spinal_metastasis.cohort.batch import AssessmentRow, assessment_rows, to_table
from spinal_metastasis.cohort.columnar import score_frame, score_frame_with_errors
from spinal_metastasis.provenance import provenance, provenance_metadata

SHARED = ["sins_low", "sins_high", "sins_category"]


def _rows() -> list[AssessmentRow]:
    return list(assessment_rows(assess(example_patient())))


class TestToTableDtypesMatchScoreFrame:
    def test_pandas(self) -> None:
        """The SINS columns of to_table have score_frame's pandas dtypes."""
        pd = pytest.importorskip("pandas")
        scored = score_frame(pd.DataFrame({"levels": ["T12"], "pain": ["mechanical"]}))
        table = to_table(_rows(), kind="pandas")
        assert [str(scored[name].dtype) for name in SHARED] == [
            str(table[name].dtype) for name in SHARED
        ]
        assert list(scored["sins_category"].cat.categories) == list(
            table["sins_category"].cat.categories
        )

    def test_pandas_categoricals_are_ordered_and_floats_nullable(self) -> None:
        """Enum columns are ordered categoricals in enum order; figures are nullable floats."""
        pytest.importorskip("pandas")
        table = to_table(_rows(), kind="pandas")
        assert (True, [m.value for m in Modality]) == (
            table["modality"].cat.ordered,
            list(table["modality"].cat.categories),
        )
        assert "Float64" == str(table["local_control_low"].dtype)

    def test_polars(self) -> None:
        """The SINS columns of to_table have score_frame's polars dtypes."""
        pl = pytest.importorskip("polars")
        scored = score_frame(pl.DataFrame({"levels": ["T12"], "pain": ["mechanical"]}))
        table = to_table(_rows(), kind="polars")
        assert [scored.schema[name] for name in SHARED] == [table.schema[name] for name in SHARED]

    def test_arrow_dictionary_columns(self) -> None:
        """Arrow enum columns are ordered dictionaries of the whole enum, in its order."""
        pa = pytest.importorskip("pyarrow")
        table = to_table(_rows(), kind="arrow")
        column = table.column("modality")
        assert pa.dictionary(pa.int8(), pa.string(), ordered=True) == column.type
        assert [m.value for m in Modality] == column.chunk(0).dictionary.to_pylist()

    def test_arrow_reads_back_as_the_pandas_table(self) -> None:
        """An Arrow table converts to pandas with ordered categoricals in enum order."""
        pytest.importorskip("pyarrow")
        pytest.importorskip("pandas")
        converted = to_table(_rows(), kind="arrow").to_pandas()
        table = to_table(_rows(), kind="pandas")
        assert list(table["eligibility"].cat.categories) == list(
            converted["eligibility"].cat.categories
        )
        assert converted["eligibility"].cat.ordered


COHORT = {
    "levels": ["T12", "T4-T5", None],
    "pain": ["mechanical", None, "pain_free"],
    "bone_lesion": ["lytic", "blastic", None],
    "alignment": ["normal", "normal", None],
    "collapse": ["less_than_50_percent", "none", None],
    "posterolateral": ["unilateral", "none", None],
    "kps": [80, 75, None],
}


class TestScoreFrameOnArrow:
    def test_scores_as_the_polars_frame(self) -> None:
        """An Arrow table gets the same scores as the same cohort in polars."""
        pa = pytest.importorskip("pyarrow")
        pl = pytest.importorskip("polars")
        scored = score_frame(pa.table(COHORT))
        expected = score_frame(pl.DataFrame(COHORT))
        assert expected.to_dicts() == pl.from_arrow(scored).to_dicts()

    def test_other_columns_pass_through_untouched(self) -> None:
        """The input's own columns keep their Arrow types, dictionary columns included."""
        pa = pytest.importorskip("pyarrow")
        pytest.importorskip("polars")
        table = pa.table(COHORT).append_column(
            "site", pa.array(["a", "b", "a"]).dictionary_encode()
        )
        scored = score_frame(table)
        assert table.schema == scored.select(table.column_names).schema.remove_metadata()

    def test_score_columns_have_to_tables_arrow_dtypes(self) -> None:
        """Categories are ordered int8 dictionaries of the enum; points are int8."""
        pa = pytest.importorskip("pyarrow")
        pytest.importorskip("polars")
        scored = score_frame(pa.table(COHORT), scores=["sins"])
        table = to_table(_rows(), kind="arrow")
        assert [table.schema.field(name).type for name in SHARED] == [
            scored.schema.field(name).type for name in SHARED
        ]
        assert ["stable", "potentially_unstable", "unstable"] == scored.column(
            "sins_category"
        ).chunk(0).dictionary.to_pylist()

    def test_carries_the_provenance(self) -> None:
        """The scored table's schema metadata holds the provenance."""
        pa = pytest.importorskip("pyarrow")
        pytest.importorskip("polars")
        metadata = score_frame(pa.table(COHORT), scores=["sins"]).schema.metadata
        assert provenance_metadata()["schema_version"] == metadata[b"schema_version"].decode()

    def test_through_pandas_without_polars(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without polars, the table is scored through pandas, with the same scores."""
        pa = pytest.importorskip("pyarrow")
        pd = pytest.importorskip("pandas")
        expected = score_frame(pd.DataFrame(COHORT), scores=["sins"])
        monkeypatch.setitem(sys.modules, "polars", None)
        scored = score_frame(pa.table(COHORT), scores=["sins"])
        assert pa.array(expected["sins_low"]).to_pylist() == scored.column("sins_low").to_pylist()

    def test_with_errors(self) -> None:
        """score_frame_with_errors on an Arrow table reports the bad cell in an Arrow table."""
        pa = pytest.importorskip("pyarrow")
        pytest.importorskip("polars")
        report = score_frame_with_errors(pa.table(COHORT), scores=["tokuhashi_revised"])
        assert [(1, "kps")] == list(
            zip(
                report.errors.column("row").to_pylist(),
                report.errors.column("column").to_pylist(),
                strict=True,
            )
        )


class TestScoredPandasFrameCarriesProvenance:
    def test_attrs(self) -> None:
        """A scored pandas frame carries the provenance in DataFrame.attrs."""
        pd = pytest.importorskip("pandas")
        assert provenance() == score_frame(pd.DataFrame(COHORT), scores=["sins"]).attrs
