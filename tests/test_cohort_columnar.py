"""Columnar cohort scoring equals the scalar scores, row by row, for pandas and polars."""

import contextlib
import enum
import math
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, cast

import attrs
import dask.dataframe as dd
import numpy as np
import pandas as pd
import polars as pl
import pytest
from distributed import Client, LocalCluster
from hypothesis import given, settings
from hypothesis import strategies as st

from spinal_metastasis import Patient, SpinalLesion
from spinal_metastasis.cohort.columnar import (
    COLUMNS,
    ERRORS_COLUMN,
    SCORES,
    ScoredFrame,
    score_frame,
    score_frame_with_errors,
    scoring,
)
from spinal_metastasis.cohort.dask import score_dask_frame
from spinal_metastasis.errors import InvalidInputError, OutOfValidatedRangeError, SerializationError
from spinal_metastasis.scores.bauer import modified_bauer
from spinal_metastasis.scores.katagiri import katagiri
from spinal_metastasis.scores.nesms import nesms
from spinal_metastasis.scores.sins import sins
from spinal_metastasis.scores.tokuhashi import tokuhashi_revised
from spinal_metastasis.scores.tomita import tomita
from spinal_metastasis.testing import patients

_LESION_FIELDS = frozenset(field.name for field in attrs.fields(SpinalLesion))
_PATIENT_SCORES: dict[str, Callable[[Patient], Any]] = {
    "tokuhashi_revised": tokuhashi_revised,
    "tomita": tomita,
    "modified_bauer": modified_bauer,
    "nesms": nesms,
    "katagiri": katagiri,
}
_DOCS = Path(__file__).resolve().parents[1] / "docs" / "how-to" / "score-a-cohort.md"

Expected = tuple[object, object, object] | None


def _cell(value: object) -> object:
    return value.value if isinstance(value, enum.Enum) else value


def _row(patient: Patient, *, dash: str = "-") -> dict[str, object]:
    """One frame row: the patient's fields and its only lesion's, enum cells as JSON values."""
    lesion = patient.lesions[0] if patient.lesions else None
    row: dict[str, object] = {}
    for field in COLUMNS:
        if field == "levels" and lesion is not None:
            first, last = lesion.levels[0].label, lesion.levels[-1].label
            row[field] = first if first == last else f"{first}{dash}{last}"
        elif field == "levels":
            row[field] = None
        elif field in _LESION_FIELDS:
            row[field] = _cell(getattr(lesion, field)) if lesion else None
        else:
            row[field] = _cell(getattr(patient, field))
    return row


def _summary(result: Any) -> Expected:
    category = result.category
    return (result.points.low, result.points.high, _cell(category))


def _expected(patient: Patient) -> dict[str, Expected]:
    """The scalar functions' (low, high, category) of every score; None where they do not apply."""
    expected: dict[str, Expected] = {
        "sins": _summary(sins(patient.lesions[0])) if patient.lesions else None
    }
    for name, score in _PATIENT_SCORES.items():
        try:
            expected[name] = _summary(score(patient))
        except OutOfValidatedRangeError:
            expected[name] = None
    return expected


def _python(value: object) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if isinstance(value, np.generic) else value


def _column(frame: Any, name: str) -> list[object]:
    if isinstance(frame, pd.DataFrame):
        return [_python(value) for value in frame[name].astype(object).tolist()]
    return [_python(value) for value in frame.get_column(name).to_list()]


def _actual(frame: Any, score: str) -> list[Expected]:
    lows, highs, categories = (
        _column(frame, f"{score}_{part}") for part in ("low", "high", "category")
    )
    return [
        None if low is None else (low, high, category)
        for low, high, category in zip(lows, highs, categories, strict=True)
    ]


def _pandas(rows: Sequence[dict[str, object]], *, categorical: bool) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows), columns=list(COLUMNS))
    if categorical:  # categories in alphabetical order, as astype("category") makes them
        for name in ("levels", "pain", "collapse", "primary", "frankel", "visceral_metastases"):
            frame[name] = frame[name].astype("category")
    return frame


def _polars(rows: Sequence[dict[str, object]], *, typed: bool) -> pl.DataFrame:
    frame = pl.DataFrame(list(rows), infer_schema_length=None)
    if typed:  # an Enum whose categories run in reverse declaration order, plus a Categorical
        frame = frame.with_columns(
            pl.col("pain").cast(pl.Enum(["pain_free", "occasional_non_mechanical", "mechanical"])),
            pl.col("primary").cast(pl.String).cast(pl.Categorical),
        )
    return frame


def _errors(frame: Any) -> list[object]:
    return _column(frame, ERRORS_COLUMN)


cohorts = st.lists(patients(max_lesions=1), min_size=1, max_size=8)


class TestScoreFrameMatchesScalarScores:
    @settings(deadline=None)
    @given(cohort=cohorts, typed=st.booleans())
    def test_every_score_equals_the_scalar_function_on_every_row(
        self, cohort: list[Patient], typed: bool
    ) -> None:
        """Low, high and category of each score equal the scalar function's, pandas and polars."""
        rows = [_row(patient) for patient in cohort]
        expected = [_expected(patient) for patient in cohort]
        for frame in (_pandas(rows, categorical=typed), _polars(rows, typed=typed)):
            scored = score_frame(frame)
            for score in SCORES:
                assert [row[score] for row in expected] == _actual(scored, score)

    @settings(deadline=None)
    @given(cohort=cohorts)
    def test_rows_outside_a_score_are_reported_with_the_scalar_message(
        self, cohort: list[Patient]
    ) -> None:
        """A score that raises for a patient is reported on its row, with the scalar's message.

        The scalar function raises its first reason; the report lists every reason (a
        patient with KPS 0 and no vertebral metastasis gets both for Tokuhashi).
        """
        raised: set[tuple[int, str, str]] = set()
        for row, patient in enumerate(cohort):
            for name, score in _PATIENT_SCORES.items():
                try:
                    score(patient)
                except OutOfValidatedRangeError as error:
                    raised.add((row, name, str(error)))
        frame = _polars([_row(patient) for patient in cohort], typed=False)
        _, errors = score_frame_with_errors(frame)
        reported = set(errors.select("row", "score", "message").rows())
        assert {(row, name) for row, name, _ in raised} == {
            (row, name) for row, name, _ in reported
        }
        assert raised <= reported

    def test_count_and_levels_bounds_agree_at_every_combination(self) -> None:
        """Counts up to the cap and beyond, with lesions of 0-4 levels, match the scalar scores."""
        cohort = [
            Patient(
                lesions=(SpinalLesion(levels=f"T1-T{levels}" if levels > 1 else "T1"),)
                if levels
                else (),
                vertebral_metastases=vertebral,
                extraspinal_bone_metastases=extraspinal,
                kps=80,
            )
            for levels in range(5)
            for vertebral in (None, 0, 1, 2, 3, 4, 29)
            for extraspinal in (None, 0, 1, 2, 3, 4, 1000)
            if vertebral is None or vertebral >= max(levels, 1) or (vertebral == 0 and not levels)
        ]
        scored = score_frame(pd.DataFrame([_row(patient) for patient in cohort]))
        expected = [_expected(patient) for patient in cohort]
        for score in SCORES:
            assert [row[score] for row in expected] == _actual(scored, score)

    def test_laboratory_cut_offs_score_on_both_sides(self) -> None:
        """Values exactly at each cut-off and just inside it score as the scalar functions do."""
        values = {
            "albumin_g_per_dl": (3.5, 3.49, 3.7, 3.69),
            "crp_mg_per_dl": (0.4, 0.39),
            "ldh_u_per_l": (250.0, 249.9),
            "platelets_10e9_per_l": (100.0, 99.9),
            "calcium_mg_per_dl": (10.3, 10.29),
            "bilirubin_mg_per_dl": (1.4, 1.39),
        }
        measured: list[dict[str, Any]] = [
            {name: value} for name, options in values.items() for value in options
        ]
        cohort = [Patient(ambulatory=True, **fields) for fields in measured]
        scored = score_frame(pl.DataFrame([_row(patient) for patient in cohort]))
        expected = [_expected(patient) for patient in cohort]
        for score in ("nesms", "katagiri"):
            assert [row[score] for row in expected] == _actual(scored, score)

    def test_en_dash_and_lowercase_labels_are_levels_too(self) -> None:
        """``levels`` cells read like the model's converter: "t11–t12" is "T11-T12"."""
        frame = pd.DataFrame({"levels": ["t11–t12", "T11-T12"], "pain": ["mechanical"] * 2})
        scored = score_frame(frame, scores=["sins"])
        assert _actual(scored, "sins")[0] == _actual(scored, "sins")[1]


class TestInvalidCells:
    def _cohort(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "levels": ["T12", "T12", "T9-T7", "L1", "L2", "T4", None],
                "kps": [80, 75, 80, 80, 80, 80, 80],
                "escc": ["1b", "1b", "1b", "4", "1b", "1b", None],
                "ecog": [1, 1, 1, 1, "2", 1, 1],
                "vertebral_metastases": [1, 1, 1, 1, 1, 1, None],
                "pain": ["mechanical"] * 6 + ["Mechanical"],
            }
        )

    def test_bad_cells_come_back_as_row_errors_and_the_other_rows_are_scored(self) -> None:
        """Each bad cell is one error (row, column, value, message); the valid rows are scored."""
        scored, errors = score_frame_with_errors(self._cohort())
        scored_rows = [
            row for row, low in enumerate(_column(scored, "sins_low")) if low is not None
        ]
        assert scored_rows == [0, 5]
        assert [
            tuple(item) for item in errors[["row", "column", "value"]].to_numpy().tolist()[:3]
        ] == [(1, "kps", "75"), (2, "levels", "'T9-T7'"), (3, "escc", "'4'")]
        assert [
            tuple(item) for item in errors[["row", "column", "value"]].to_numpy().tolist()[3:]
        ] == [(4, "ecog", "'2'"), (6, "pain", "'Mechanical'")]

    def test_messages_are_the_model_s_own(self) -> None:
        """The message of a bad cell is the one the model class gives for that value."""
        _, errors = score_frame_with_errors(self._cohort())
        messages = dict(zip(errors["column"], errors["message"], strict=True))
        with pytest.raises(InvalidInputError) as kps:
            Patient(kps=75)
        assert str(kps.value) == messages["kps"]
        assert messages["levels"] == "'levels' must run from cranial to caudal (got 'T9-T7')"
        assert messages["escc"].startswith("'escc' must be a ESCC (one of 0, 1a, 1b, 1c, 2, 3)")
        assert messages["ecog"].endswith("(got '2')")

    def test_the_errors_column_names_the_problem_on_its_row(self) -> None:
        """``score_errors`` is null on clean rows and holds the messages of the others."""
        scored = score_frame(self._cohort())
        column = _errors(scored)
        assert column[0] is None
        assert str(column[1]).startswith("'kps' must be an integer from 0 to 100 in steps of 10")

    def test_errors_frame_is_indexed_like_the_input(self) -> None:
        """For pandas, the error report's index holds the input rows' labels."""
        frame = self._cohort().set_axis(list("abcdefg"))
        _, errors = score_frame_with_errors(frame)
        assert list(errors.index) == ["b", "c", "d", "e", "g"]

    def test_count_below_the_lesion_s_levels_is_the_model_s_cross_field_error(self) -> None:
        """Fewer vertebral metastases than the lesion's levels: the Patient's own message."""
        frame = pl.DataFrame({"levels": ["T11-T12", "T12"], "vertebral_metastases": [1, 1]})
        scored, errors = score_frame_with_errors(frame)
        with pytest.raises(InvalidInputError) as expected:
            Patient(lesions=(SpinalLesion(levels="T11-T12"),), vertebral_metastases=1)
        assert [str(expected.value)] == errors.get_column("message").to_list()
        assert scored.get_column("tomita_low").to_list() == [None, 2]

    def test_a_lesion_longer_than_the_count_cap_is_checked_on_its_exact_length(self) -> None:
        """Five levels need five vertebral metastases, though the scores stop counting at 3."""
        frame = pl.DataFrame(
            {"levels": ["T8-T12", "T8-T12", "T12", "L1-L3"], "vertebral_metastases": [4, 5, 3, 3]}
        )
        _, errors = score_frame_with_errors(frame)
        with pytest.raises(InvalidInputError) as expected:
            Patient(lesions=(SpinalLesion(levels="T8-T12"),), vertebral_metastases=4)
        assert [(0, str(expected.value))] == errors.select("row", "message").rows()

    def test_a_string_column_for_a_number_field_is_an_error_per_cell(self) -> None:
        """Strict types, as in JSON: "70" is not the number 70 (polars string column)."""
        frame = pl.DataFrame({"kps": ["70", None], "levels": ["T1", "T2"]})
        _, errors = score_frame_with_errors(frame)
        assert errors.select("row", "column", "value").rows() == [(0, "kps", "'70'")]

    def test_booleans_are_not_numbers_and_numbers_are_not_booleans(self) -> None:
        """A bool in a count and 1 in a yes/no field are bad cells, as the model says."""
        frame = pd.DataFrame(
            {"extraspinal_bone_metastases": [True, 2], "ambulatory": [1, 0]}, dtype=object
        )
        _, errors = score_frame_with_errors(frame)
        first_row = errors[errors["row"] == 0]
        assert {("extraspinal_bone_metastases", "True"), ("ambulatory", "1")} == set(
            zip(first_row["column"], first_row["value"], strict=True)
        )

    def test_a_score_outside_its_range_reports_the_score(self) -> None:
        """KPS 0 is a valid patient but outside Tokuhashi and Katagiri: those two are null."""
        scored, errors = score_frame_with_errors(pl.DataFrame({"kps": [0]}))
        assert sorted(errors.get_column("score").to_list()) == ["katagiri", "tokuhashi_revised"]
        assert scored.get_column("katagiri_low").to_list() == [None]
        assert scored.get_column("tomita_low").to_list() == [2]

    def test_raise_mode_raises_one_error_listing_every_cell(self) -> None:
        """``errors="raise"`` raises a SerializationError naming each row and column."""
        with pytest.raises(SerializationError) as raised:
            score_frame(self._cohort(), errors="raise")
        assert raised.value.messages[0].startswith("row 1, column 'kps': 'kps' must be")
        assert len(raised.value.messages) == 5

    def test_raise_mode_returns_the_frame_when_every_cell_is_valid(self) -> None:
        """Nothing to report, nothing raised."""
        scored = score_frame(pd.DataFrame({"kps": [80]}), errors="raise")
        assert _errors(scored) == [None]


class TestColumnMapping:
    def test_an_override_reads_the_field_from_another_column(self) -> None:
        """``columns={"kps": "karnofsky"}`` reads KPS from "karnofsky"."""
        frame = pd.DataFrame({"karnofsky": [80], "kps": [10]})
        scored = score_frame(frame, columns={"kps": "karnofsky"}, scores=["tokuhashi_revised"])
        reference = score_frame(pd.DataFrame({"kps": [80]}), scores=["tokuhashi_revised"])
        assert _actual(reference, "tokuhashi_revised") == _actual(scored, "tokuhashi_revised")

    def test_none_ignores_a_column(self) -> None:
        """A field mapped to None is unknown even if a column of that name exists."""
        frame = pl.DataFrame({"kps": [75]})
        scored, errors = score_frame_with_errors(frame, columns={"kps": None})
        assert errors.height == 0
        assert "kps" in score_frame_with_errors(frame, columns={"kps": None}).absent_fields
        assert _errors(scored) == [None]

    def test_an_unknown_field_is_refused(self) -> None:
        """Mapping a name that is not a model field raises at once, naming it."""
        with pytest.raises(InvalidInputError, match="'karnofsky'"):
            score_frame(pd.DataFrame({"kps": [80]}), columns={"karnofsky": "kps"})

    def test_a_missing_column_is_refused(self) -> None:
        """Mapping a field to a column the frame lacks raises at once (a typo, most likely)."""
        with pytest.raises(InvalidInputError, match="'karnofsky', which is not a column"):
            score_frame(pd.DataFrame({"kps": [80]}), columns={"kps": "karnofsky"})

    def test_absent_fields_are_listed(self) -> None:
        """Fields without a column are unknown everywhere and listed in ``absent_fields``."""
        result = score_frame_with_errors(pd.DataFrame({"KPS": [80]}))
        assert "kps" in result.absent_fields
        assert "levels" in result.absent_fields

    def test_docs_table_lists_every_column(self) -> None:
        """The how-to page's mapping table has a row for every field of COLUMNS."""
        text = _DOCS.read_text(encoding="utf-8")
        listed = set(re.findall(r"^\| `([a-z0-9_]+)` \|", text, flags=re.MULTILINE))
        assert set(COLUMNS) == listed


class TestFrames:
    def test_nulls_are_unknown(self) -> None:
        """A row of nulls gives each score's full range (SINS null: no lesion recorded)."""
        frame = pl.DataFrame({name: [None] for name in COLUMNS})
        expected = _expected(Patient())
        assert [expected["tomita"]] == _actual(score_frame(frame), "tomita")
        assert _actual(score_frame(frame), "sins") == [None]

    def test_nan_is_unknown(self) -> None:
        """NaN in a number column is unknown, as None is."""
        frame = pd.DataFrame({"kps": [math.nan], "ecog": [None]})
        assert _actual(score_frame(frame), "katagiri") == [_expected(Patient())["katagiri"]]

    @pytest.mark.parametrize("library", ["pandas", "polars"])
    def test_empty_frame_gives_empty_columns(self, library: str) -> None:
        """An empty frame comes back empty, with every score column added."""
        data: dict[str, list[object]] = {"levels": [], "kps": []}
        frame: Any = pd.DataFrame(data) if library == "pandas" else pl.DataFrame(data)
        scored = score_frame(frame)
        columns = list(scored.columns)
        assert [f"{s}_{p}" for s in SCORES for p in ("low", "high", "category")] == columns[2:-1]
        assert len(scored) == 0

    def test_same_kind_out_as_in(self) -> None:
        """Pandas in, pandas out; polars in, polars out; input columns kept first, unchanged."""
        frame = pd.DataFrame({"id": [7], "kps": [80]})
        scored = score_frame(frame)
        assert isinstance(scored, pd.DataFrame)
        assert isinstance(score_frame(pl.from_pandas(frame)), pl.DataFrame)
        assert list(scored.columns[:2]) == ["id", "kps"]
        assert list(frame.columns) == ["id", "kps"]

    def test_categories_run_in_the_enum_s_order(self) -> None:
        """Category columns are ordered categoricals (pandas) or Enums (polars), enum order."""
        scored = score_frame(pd.DataFrame({"kps": [80]}))
        assert list(scored["katagiri_category"].cat.categories) == ["low", "intermediate", "high"]
        assert scored["katagiri_category"].cat.ordered
        polars = score_frame(pl.DataFrame({"kps": [80]}))
        assert pl.Enum(["low", "intermediate", "high"]) == polars.schema["katagiri_category"]

    def test_scoring_twice_replaces_the_score_columns(self) -> None:
        """Scoring a scored frame gives the same frame (no duplicated columns)."""
        once = score_frame(pd.DataFrame({"kps": [80]}))
        twice = score_frame(once)
        assert list(once.columns) == list(twice.columns)

    def test_a_subset_of_scores(self) -> None:
        """``scores=`` adds only those scores' columns (the NESMS still reads modified Bauer)."""
        scored = score_frame(pl.DataFrame({"kps": [80]}), scores=["nesms"])
        assert scored.columns == ["kps", "nesms_low", "nesms_high", "nesms_category", ERRORS_COLUMN]

    def test_unknown_score_is_refused(self) -> None:
        """A score name that is not one of SCORES raises, naming it."""
        with pytest.raises(InvalidInputError, match="bauer"):
            score_frame(pd.DataFrame({"kps": [80]}), scores=["bauer"])

    def test_not_a_frame_is_refused(self) -> None:
        """Anything but a pandas or polars DataFrame raises InvalidInputError."""
        with pytest.raises(InvalidInputError, match="pandas or polars DataFrame"):
            score_frame([{"kps": 80}])

    def test_bad_errors_option_is_refused(self) -> None:
        """``errors`` is "report" or "raise"."""
        with pytest.raises(InvalidInputError, match="'errors'"):
            score_frame(pd.DataFrame({"kps": [80]}), errors="ignore")  # type: ignore[arg-type]

    def test_scored_frame_unpacks_as_a_pair(self) -> None:
        """``scored, errors = score_frame_with_errors(df)`` works."""
        result = score_frame_with_errors(pl.DataFrame({"kps": [80]}))
        assert isinstance(result, ScoredFrame)
        scored, errors = result
        assert (scored.height, errors.height) == (1, 0)

    def test_nullable_and_arrow_dtypes_are_read(self) -> None:
        """Pandas nullable integers, booleans and strings read like plain columns."""
        plain = pd.DataFrame({"kps": [80, None], "ambulatory": [True, None], "pain": ["x", None]})
        typed = plain.astype({"kps": "Int64", "ambulatory": "boolean", "pain": "string"})
        assert _errors(score_frame(plain)) == _errors(score_frame(typed))
        assert _actual(score_frame(plain), "nesms") == _actual(score_frame(typed), "nesms")


def _mixed_cohort(rows: int) -> pd.DataFrame:
    """A cohort with unknowns, bad cells and rows outside some scores, spread over the rows."""
    frame = pd.DataFrame(
        {
            "patient": range(rows),
            "levels": ["T12", "T9-T7", None, "L4-S1", "C2"] * (rows // 5),
            "pain": ["mechanical", None, "pain_free", "bad", None] * (rows // 5),
            "kps": [80, 0, None, 75, 40] * (rows // 5),
            "ecog": [None, 5, 1, 2, None] * (rows // 5),
            "primary": ["breast", None, "lung_small_cell", "kidney", "other"] * (rows // 5),
            "albumin_g_per_dl": [3.5, None, 2.0, 4.0, 3.69] * (rows // 5),
        }
    )
    return frame.set_index("patient")


class TestBlocks:
    def test_block_boundaries_do_not_change_results_or_errors(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Scoring 3 rows at a time gives the same frame and the same error rows as one block."""
        frame = _mixed_cohort(20)
        whole, whole_errors = score_frame_with_errors(frame)
        monkeypatch.setattr(scoring, "_BLOCK_ROWS", 3)
        blocked, blocked_errors = score_frame_with_errors(frame)
        pd.testing.assert_frame_equal(whole, blocked)
        pd.testing.assert_frame_equal(whole_errors, blocked_errors)
        assert sorted(set(blocked_errors["row"])) == [1, 3, 6, 8, 11, 13, 16, 18]


def _to_dask(frame: pd.DataFrame, partitions: int) -> dd.DataFrame:
    ddf = dd.from_pandas(frame, npartitions=partitions)  # type: ignore[no-untyped-call]
    return cast("dd.DataFrame", ddf)


def _compute(ddf: dd.DataFrame, **options: Any) -> pd.DataFrame:
    return ddf.compute(**options)  # type: ignore[no-untyped-call]


@contextlib.contextmanager
def _local_cluster() -> Iterator[None]:
    """A one-worker, in-process Dask cluster (quick to start; no network, no dashboard)."""
    options: dict[str, Any] = {"n_workers": 1, "threads_per_worker": 1, "processes": False}
    with (
        LocalCluster(dashboard_address=None, **options) as cluster,  # type: ignore[no-untyped-call]
        Client(cluster),  # type: ignore[no-untyped-call]
    ):
        yield


class TestScoreDaskFrame:
    def test_local_cluster_gives_what_score_frame_gives(self) -> None:
        """On a local Dask cluster, partition-wise scoring equals score_frame on the whole frame."""
        ddf = _to_dask(_mixed_cohort(30), 3)
        with _local_cluster():
            scored = _compute(score_dask_frame(ddf))
        pd.testing.assert_frame_equal(score_frame(_compute(ddf)), scored)

    def test_errors_travel_in_the_errors_column(self) -> None:
        """Bad cells are found per partition and kept on their rows, by index label."""
        ddf = _to_dask(_mixed_cohort(10), 2)
        scored = _compute(score_dask_frame(ddf, scores=["sins"]), scheduler="synchronous")
        flagged = scored[scored[ERRORS_COLUMN].notna()]
        assert list(flagged.index) == [1, 3, 6, 8]

    def test_meta_has_the_output_schema(self) -> None:
        """The lazy frame knows its columns and dtypes before anything is computed."""
        ddf = _to_dask(_mixed_cohort(10), 2)
        scored = score_dask_frame(ddf, columns={"albumin_g_per_dl": None}, scores=["nesms"])
        assert list(scored.columns[-4:]) == [
            "nesms_low",
            "nesms_high",
            "nesms_category",
            ERRORS_COLUMN,
        ]
        assert str(scored.dtypes["nesms_low"]) == "Int8"

    def test_unknown_score_is_refused_before_computing(self) -> None:
        """A bad argument raises at once, not inside a worker."""
        ddf = _to_dask(_mixed_cohort(5), 1)
        with pytest.raises(InvalidInputError, match="'scores'"):
            score_dask_frame(ddf, scores=["bauer"])


class TestPolarsColumns:
    def test_categorical_enum_and_string_columns_read_alike(self) -> None:
        """A polars Categorical, an Enum in another order and a String column score alike."""
        values = ["mechanical", None, "pain_free", "occasional_non_mechanical"]
        plain = pl.DataFrame({"pain": values, "levels": ["T1"] * 4})
        variants = [
            plain.with_columns(pl.col("pain").cast(pl.Categorical)),
            plain.with_columns(
                pl.col("pain").cast(
                    pl.Enum(["pain_free", "mechanical", "occasional_non_mechanical"])
                )
            ),
        ]
        expected = _actual(score_frame(plain), "sins")
        assert [_actual(score_frame(variant), "sins") for variant in variants] == [expected] * 2

    def test_a_bad_enum_value_in_a_polars_enum_column(self) -> None:
        """An Enum column whose categories include a value the model lacks reports that cell."""
        frame = pl.DataFrame(
            {"pain": pl.Series(["sharp", "mechanical"], dtype=pl.Enum(["sharp", "mechanical"]))}
        )
        _, errors = score_frame_with_errors(frame)
        assert errors.select("row", "value").rows() == [(0, "'sharp'")]


class TestCellChecks:
    def _messages(self, frame: Any) -> list[tuple[int, str, str]]:
        _, errors = score_frame_with_errors(frame)
        if isinstance(errors, pd.DataFrame):
            return list(errors[["row", "column", "message"]].itertuples(index=False, name=None))
        return cast("list[tuple[int, str, str]]", errors.select("row", "column", "message").rows())

    @staticmethod
    def _model(**fields: Any) -> str:
        with pytest.raises(InvalidInputError) as raised:
            Patient(**fields)
        return str(raised.value)

    def test_numbers_out_of_range_not_finite_or_not_integral(self) -> None:
        """Above the maximum, at an exclusive minimum, infinite or fractional: the model's words."""
        frame = pd.DataFrame(
            {
                "kps": [110.0, 70.5, 80.0, 80.0],
                "albumin_g_per_dl": [3.0, 3.0, 0.0, math.inf],
            }
        )
        assert self._messages(frame) == [
            (0, "kps", self._model(kps=110)),
            (1, "kps", self._model(kps=70.5)),
            (2, "albumin_g_per_dl", self._model(albumin_g_per_dl=0.0)),
            (3, "albumin_g_per_dl", self._model(albumin_g_per_dl=math.inf)),
        ]

    def test_fractional_counts_in_range_are_bad_cells_even_above_the_count_cap(self) -> None:
        """12.5 vertebral metastases is caught though the scores code every count >= 3 alike."""
        frame = pd.DataFrame(
            {
                "vertebral_metastases": [12.5, 12.0, 2.0],
                "ecog": [1.0, 1.5, math.nan],
                "kps": [70.0, 80.0, 75.0],
            }
        )
        assert self._messages(frame) == [
            (0, "vertebral_metastases", self._model(vertebral_metastases=12.5)),
            (1, "ecog", self._model(ecog=1.5)),
            (2, "kps", self._model(kps=75)),
        ]

    def test_a_fraction_below_the_rounding_of_one_more_is_still_a_fraction(self) -> None:
        """0.1 * 3 * 100 is not KPS 30 (nor 1 + 2**-52 ECOG 1), whatever the other rows hold."""
        kps = 0.1 * 3 * 100
        ecog = 1 + 2**-52
        count = 3 + 2**-51
        for other_kps in (70.0, 75.0):  # a clean block, and one with another bad cell
            frame = pd.DataFrame(
                {
                    "kps": [kps, other_kps, 80.0],
                    "ecog": [ecog, 1.0, 1e-17],
                    "vertebral_metastases": [count, 3.0, 3.0],
                }
            )
            bad = {(row, column) for row, column, _ in self._messages(frame)}
            assert {(0, "kps"), (0, "ecog"), (0, "vertebral_metastases"), (2, "ecog")} <= bad

    def test_numbers_in_an_object_column_are_checked_one_by_one(self) -> None:
        """Integers, floats and strings mixed in one column: each cell judged on its own."""
        frame = pd.DataFrame(
            {
                "levels": ["T12", "T12", "T12"],
                "vertebral_metastases": pd.Series([1, "2", 3.0], dtype=object),
                "albumin_g_per_dl": pd.Series([4, 3.5, None], dtype=object),
            }
        )
        assert self._messages(frame) == [
            (1, "vertebral_metastases", self._model(vertebral_metastases="2")),
        ]
        scored = score_frame(frame, scores=["nesms"])
        reference = score_frame(
            pd.DataFrame(
                {"levels": ["T12"], "vertebral_metastases": [1], "albumin_g_per_dl": [4.0]}
            ),
            scores=["nesms"],
        )
        assert _actual(scored, "nesms")[0] == _actual(reference, "nesms")[0]

    def test_levels_that_are_not_text(self) -> None:
        """A number in ``levels`` is a bad cell with a message naming the expected labels."""
        messages = self._messages(pd.DataFrame({"levels": [12, None]}))
        assert [(row, column) for row, column, _ in messages] == [(0, "levels")]
        assert messages[0][2].startswith("'levels' must be a label such as 'T12' or 'T11-T12'")

    def test_polars_object_column(self) -> None:
        """A polars Object column is read cell by cell; None and NaN are unknown."""
        frame = pl.DataFrame({"kps": pl.Series([80, None, math.nan, "x"], dtype=pl.Object)})
        assert [(row, column) for row, column, _ in self._messages(frame)] == [(3, "kps")]

    def test_polars_enum_with_many_categories(self) -> None:
        """An Enum with more categories than int8 holds still reads (wider codes)."""
        categories = [f"extra_{i}" for i in range(140)] + ["breast"]
        frame = pl.DataFrame({"primary": pl.Series(["breast", None], dtype=pl.Enum(categories))})
        reference = pl.DataFrame({"primary": ["breast", None]})
        assert _actual(score_frame(frame), "tomita") == _actual(score_frame(reference), "tomita")
