import pytest
from hypothesis import given

from spinal_metastasis import ESCC, SpinalLesion, VertebralLevel, from_json, to_json
from spinal_metastasis.scores.escc import (
    BILSKY_NOMS,
    DEFAULT_GROUPING,
    ESCC_1C_HIGH,
    EsccGrade,
    EsccGrading,
    EsccGrouping,
    escc_grade,
    escc_grading,
)
from spinal_metastasis.testing import spinal_lesions

LOW, HIGH = EsccGrade.LOW, EsccGrade.HIGH
GROUPINGS = [pytest.param(BILSKY_NOMS, id="1c low"), pytest.param(ESCC_1C_HIGH, id="1c high")]

# Radiopaedia (read): 0/1a/1b low grade, 2/3 high grade, 1c controversial.
ORACLE = {
    "1c low": {"0": LOW, "1a": LOW, "1b": LOW, "1c": LOW, "2": HIGH, "3": HIGH},
    "1c high": {"0": LOW, "1a": LOW, "1b": LOW, "1c": HIGH, "2": HIGH, "3": HIGH},
}


class TestEsccGrade:
    @pytest.mark.parametrize("escc", list(ESCC), ids=lambda e: e.label)
    @pytest.mark.parametrize(
        ("grouping", "name"), [(BILSKY_NOMS, "1c low"), (ESCC_1C_HIGH, "1c high")]
    )
    def test_every_grade_in_both_groupings(
        self, escc: ESCC, grouping: EsccGrouping, name: str
    ) -> None:
        """Each Bilsky grade is low or high as the grouping's sources say."""
        assert ORACLE[name][escc.value] == escc_grade(escc, grouping=grouping)

    def test_default_grouping_counts_1c_low(self) -> None:
        """The default grouping is BILSKY_NOMS: grade 1c low grade (SBRT-eligible)."""
        assert (BILSKY_NOMS, escc_grade(ESCC.GRADE_1C)) == (DEFAULT_GROUPING, LOW)

    def test_unknown_grade(self) -> None:
        """An unknown Bilsky grade gives None."""
        assert escc_grade(None) is None

    @pytest.mark.parametrize("grouping", GROUPINGS)
    def test_grouping_is_monotone_in_severity(self, grouping: EsccGrouping) -> None:
        """A more severe grade is never low when a milder one is high (ordered by .order)."""
        grades = sorted(ESCC, key=lambda e: e.order)
        highs = [grouping.grade(e) is HIGH for e in grades]
        assert highs == sorted(highs)

    @pytest.mark.parametrize("grouping", GROUPINGS)
    def test_1c_is_flagged_as_contested(self, grouping: EsccGrouping) -> None:
        """Both groupings record 1c as the contested grade and cite Radiopaedia."""
        assert {ESCC.GRADE_1C} == grouping.contested_grades
        assert "radiopaedia_escc" in {c.key for c in grouping.citations}

    def test_repr_shows_the_high_grades(self) -> None:
        """The repr names the grouping and its high grades, in order of severity."""
        assert repr(ESCC_1C_HIGH) == (
            "EsccGrouping(name='Bilsky low 0-1b, high 1c-3', high_grades=('1c', '2', '3'))"
        )


class TestEsccGrading:
    def test_high_grade_lesion(self) -> None:
        """Grade 2 is high grade, not contested, nothing missing."""
        grading = escc_grading(SpinalLesion(levels=(VertebralLevel.T7,), escc=ESCC.GRADE_2))
        assert (HIGH, frozenset({HIGH}), False, ()) == (
            grading.grade,
            grading.possible_grades,
            grading.contested,
            grading.missing,
        )
        assert str(grading) == "ESCC 2: high grade (Bilsky low 0-1c, high 2-3)"
        assert grading.finding.statement == (
            "ESCC 2 at T7: high-grade epidural compression (Bilsky low 0-1c, high 2-3)."
        )

    def test_1c_under_each_grouping(self) -> None:
        """Grade 1c: low by default, high with ESCC_1C_HIGH, contested in both."""
        lesion = SpinalLesion(levels=(VertebralLevel.T12,), escc=ESCC.GRADE_1C)
        default, cautious = escc_grading(lesion), escc_grading(lesion, grouping=ESCC_1C_HIGH)
        assert (default.grade, cautious.grade) == (LOW, HIGH)
        assert (default.contested, cautious.contested) == (True, True)
        assert str(cautious) == "ESCC 1c: high grade (contested; Bilsky low 0-1b, high 1c-3)"
        assert "the assignment of grade 1c is contested" in default.finding.statement

    def test_unknown_grade_is_undetermined(self) -> None:
        """An unknown grade gives both grades possible and waits for 'escc'."""
        grading = escc_grading(SpinalLesion(levels=(VertebralLevel.L1,)))
        assert (None, frozenset(EsccGrade), ("escc",)) == (
            grading.grade,
            grading.possible_grades,
            grading.missing,
        )
        assert str(grading) == "ESCC unknown: low or high grade (Bilsky low 0-1c, high 2-3)"
        assert [(i.name, i.value) for i in grading.finding.inputs] == [
            ("escc", "unknown"),
            ("levels", "L1"),
        ]

    def test_citation_is_the_groupings_first(self) -> None:
        """The result's citation is the grouping's first source."""
        grading = escc_grading(SpinalLesion(levels=(VertebralLevel.L1,), escc=ESCC.GRADE_0))
        assert grading.citation.key == "radiopaedia_escc"

    @given(spinal_lesions())
    def test_agrees_with_escc_grade(self, lesion: SpinalLesion) -> None:
        """The lesion-level result agrees with escc_grade and with the oracle."""
        grading = escc_grading(lesion)
        expected = None if lesion.escc is None else ORACLE["1c low"][lesion.escc.value]
        assert (expected, expected) == (grading.grade, escc_grade(lesion.escc))
        assert (lesion.escc is None) == (grading.missing == ("escc",))

    @given(spinal_lesions())
    def test_json_round_trip_and_determinism(self, lesion: SpinalLesion) -> None:
        """The result round-trips through JSON, and the same input gives the same JSON."""
        grading = escc_grading(lesion, grouping=ESCC_1C_HIGH)
        assert grading == from_json(to_json(grading), EsccGrading)
        assert to_json(grading) == to_json(escc_grading(lesion, grouping=ESCC_1C_HIGH))
