import itertools
from typing import Any

import attrs
import pytest
from hypothesis import given

from spinal_metastasis import (
    Alignment,
    BoneLesion,
    Collapse,
    Pain,
    Posterolateral,
    SpinalLesion,
    VertebralLevel,
    from_json,
    to_json,
)
from spinal_metastasis.scores.sins import (
    SinsCategory,
    SinsScore,
    location_class,
    sins,
    sins_evaluation,
)
from spinal_metastasis.testing import spinal_lesions
from tests.cases.sins import SINS_CASES

# An independent oracle, written from Fisher 2010, Table 1, by finding name.
ORACLE_POINTS: dict[str, dict[Any, int]] = {
    "pain": {"mechanical": 3, "occasional_non_mechanical": 1, "pain_free": 0},
    "bone_lesion": {"lytic": 2, "mixed": 1, "blastic": 0},
    "alignment": {"subluxation_translation": 4, "de_novo_deformity": 2, "normal": 0},
    "collapse": {
        "at_least_50_percent": 3,
        "less_than_50_percent": 2,
        "none_with_over_50_percent_body_involved": 1,
        "none": 0,
    },
    "posterolateral": {"bilateral": 3, "unilateral": 1, "none": 0},
}
ORACLE_LOCATION = {"C1": 3, "C2": 3, "C7": 3, "T1": 3, "T2": 3, "T11": 3, "T12": 3, "L1": 3}
ORACLE_LOCATION |= {"L5": 3, "S1": 3, "C3": 2, "C4": 2, "C5": 2, "C6": 2, "L2": 2, "L3": 2}
ORACLE_LOCATION |= {"L4": 2, "S2": 0, "S3": 0, "S4": 0, "S5": 0}
ORACLE_LOCATION |= {f"T{n}": 1 for n in range(3, 11)}
FINDINGS = ("pain", "bone_lesion", "alignment", "collapse", "posterolateral")
ENUMS: dict[str, Any] = {
    "pain": Pain,
    "bone_lesion": BoneLesion,
    "alignment": Alignment,
    "collapse": Collapse,
    "posterolateral": Posterolateral,
}


def case_lesion(index: int) -> SpinalLesion:
    lesion = SINS_CASES[index].values[0]
    assert isinstance(lesion, SpinalLesion)
    return lesion


def oracle_total(lesion: SpinalLesion) -> int:
    location = max(ORACLE_LOCATION[level.label] for level in lesion.levels)
    return location + sum(ORACLE_POINTS[name][getattr(lesion, name).value] for name in FINDINGS)


def oracle_category(total: int) -> SinsCategory:
    if total <= 6:
        return SinsCategory.STABLE
    return SinsCategory.POTENTIALLY_UNSTABLE if total <= 12 else SinsCategory.UNSTABLE


def completions(lesion: SpinalLesion) -> list[SpinalLesion]:
    unknown = [name for name in FINDINGS if getattr(lesion, name) is None]
    choices = [list(ENUMS[name]) for name in unknown]
    return [
        attrs.evolve(lesion, **dict(zip(unknown, values, strict=True)))
        for values in itertools.product(*choices)
    ]


class TestSins:
    @pytest.mark.parametrize(("lesion", "total", "category"), SINS_CASES)
    def test_published_and_worked_cases(
        self, lesion: SpinalLesion, total: int, category: SinsCategory
    ) -> None:
        """Totals and categories of the worked cases and both sides of each band boundary."""
        score = sins(lesion)
        assert (total, category) == (score.points.value, score.category)

    @pytest.mark.parametrize("level", list(VertebralLevel), ids=lambda level: level.label)
    def test_all_1296_combinations_match_the_oracle(self, level: VertebralLevel) -> None:
        """Every combination of the five findings at every level matches the oracle."""
        for values in itertools.product(*(list(ENUMS[name]) for name in FINDINGS)):
            lesion = SpinalLesion(levels=(level,), **dict(zip(FINDINGS, values, strict=True)))
            score = sins(lesion)
            expected = oracle_total(lesion)
            assert (expected, oracle_category(expected)) == (score.points.value, score.category)

    def test_worked_example_components_and_text(self) -> None:
        """The worked T12 example prints its components in the paper's order."""
        score = sins(case_lesion(0))
        assert str(score) == (
            "SINS 11 (potentially unstable): location 3, pain 3, bone lesion 2, "
            "alignment 0, collapse 2, posterolateral 1"
        )
        assert score.components[0].finding == "junctional (T12)"
        assert score.surgical_consultation_recommended is True
        assert score.citation.key == "fisher2010"

    def test_multi_level_lesion_takes_the_most_unstable_location(self) -> None:
        """T10-T11 is junctional because T11 is (Fisher 2010 levels)."""
        assert location_class((VertebralLevel.T10, VertebralLevel.T11)).value == "junctional"
        assert location_class((VertebralLevel.T4, VertebralLevel.T5)).value == "semi_rigid"

    @pytest.mark.parametrize(
        ("total", "recommended"), [(6, False), (7, True)], ids=["6: no referral", "7: referral"]
    )
    def test_surgical_consultation_threshold(self, total: int, recommended: bool) -> None:
        """The SOSG recommends surgical consultation from 7 (Fourney 2011)."""
        lesion = case_lesion(3 if total == 6 else 4)
        assert recommended is sins(lesion).surgical_consultation_recommended


class TestSinsUnknowns:
    @given(spinal_lesions())
    def test_evaluation_of_the_location_class_matches_the_oracle(
        self, lesion: SpinalLesion
    ) -> None:
        """sins_evaluation gives the totals and categories of every completion (the oracle)."""
        totals = [oracle_total(completion) for completion in completions(lesion)]
        result = sins_evaluation(
            location_class(lesion.levels),
            lesion.pain,
            lesion.bone_lesion,
            lesion.alignment,
            lesion.collapse,
            lesion.posterolateral,
        )
        assert (min(totals), max(totals)) == (result.points.low, result.points.high)
        assert {oracle_category(total) for total in totals} == result.possible_categories
        unknown = {name for name in FINDINGS if getattr(lesion, name) is None}
        assert set(result.missing) <= unknown

    @given(spinal_lesions())
    def test_range_is_sound_and_tight(self, lesion: SpinalLesion) -> None:
        """The range holds every completion's total and both ends are reached."""
        totals = [oracle_total(completion) for completion in completions(lesion)]
        score = sins(lesion)
        assert (min(totals), max(totals)) == (score.points.low, score.points.high)

    @given(spinal_lesions())
    def test_categories_and_missing(self, lesion: SpinalLesion) -> None:
        """Possible categories are those of the completions; `missing` names deciding findings."""
        all_completions = completions(lesion)
        categories = {oracle_category(oracle_total(c)) for c in all_completions}
        score = sins(lesion)
        assert categories == score.possible_categories
        assert (score.category is None) == (len(categories) > 1)
        deciding = {
            name
            for name in FINDINGS
            if getattr(lesion, name) is None
            and any(
                oracle_category(oracle_total(c))
                != oracle_category(oracle_total(attrs.evolve(c, **{name: other})))
                for c in all_completions
                for other in ENUMS[name]
            )
        }
        assert deciding == set(score.missing)

    @given(spinal_lesions())
    def test_components_sum_to_the_total(self, lesion: SpinalLesion) -> None:
        """Component ranges add up to the total range (the items are independent)."""
        score = sins(lesion)
        assert sum(c.points.low for c in score.components) == score.points.low
        assert sum(c.points.high for c in score.components) == score.points.high

    @given(spinal_lesions())
    def test_bounds(self, lesion: SpinalLesion) -> None:
        """0 <= SINS <= 18."""
        score = sins(lesion)
        assert 0 <= score.points.low <= score.points.high <= 18

    @given(spinal_lesions(unknowns=False))
    def test_a_worse_finding_never_lowers_the_score(self, lesion: SpinalLesion) -> None:
        """Replacing any finding by a worse one never lowers the total."""
        base = sins(lesion).points.value
        assert base is not None
        for name in FINDINGS:
            current = ORACLE_POINTS[name][getattr(lesion, name).value]
            for member in ENUMS[name]:
                if ORACLE_POINTS[name][member.value] >= current:
                    worse = sins(attrs.evolve(lesion, **{name: member})).points.value
                    assert worse is not None
                    assert worse >= base

    @given(spinal_lesions())
    def test_json_round_trip_and_determinism(self, lesion: SpinalLesion) -> None:
        """The result round-trips through JSON and the same input gives the same JSON."""
        score = sins(lesion)
        assert score == from_json(to_json(score), SinsScore)
        assert to_json(score) == to_json(sins(lesion))
