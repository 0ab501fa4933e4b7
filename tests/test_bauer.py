import itertools
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spinal_metastasis import (
    Collapse,
    Patient,
    PrimaryTumor,
    SpinalLesion,
    VertebralLevel,
    VisceralMetastases,
    from_json,
    to_json,
)
from spinal_metastasis.histology.bauer import (
    BAUER_1995_PRIMARY_GROUPS,
    BauerPrimaryGroup,
    BauerPrimaryTable,
)
from spinal_metastasis.scores.bauer import (
    BauerGroup,
    BauerScore,
    ModifiedBauerScore,
    ModifiedBauerStrategy,
    bauer,
    modified_bauer,
)
from spinal_metastasis.testing import patients
from tests.cases.bauer import (
    BAUER_CASES,
    DISAGREEMENT_CASES,
    MODIFIED_BAUER_CASES,
    bauer_patient,
    brute_force,
    modified_domains,
    oracle_group,
    oracle_modified,
    oracle_original,
    oracle_rank_disagree,
    oracle_strategy,
    original_domains,
    reveal,
)

COUNTS = [(1, 0), (0, 1), (1, 1), (2, 0), (3, 4)]


def _patient(v: int, e: int, **fields: Any) -> Patient:
    lesions = (SpinalLesion(levels=(VertebralLevel.T10,)),) if v else ()
    return Patient(lesions=lesions, vertebral_metastases=v, extraspinal_bone_metastases=e, **fields)


class TestModifiedBauer:
    @pytest.mark.parametrize(("patient", "total", "strategy"), MODIFIED_BAUER_CASES)
    def test_worked_cases_and_band_boundaries(
        self, patient: Patient, total: int, strategy: ModifiedBauerStrategy
    ) -> None:
        """Totals and bands of the worked cases, both sides of 1/2 and 2/3."""
        score = modified_bauer(patient)
        assert (total, strategy) == (score.points.value, score.category)

    def test_every_combination_matches_the_oracle(self) -> None:
        """Every primary, visceral status and bone count matches the independent oracle."""
        for primary, visceral, (v, e) in itertools.product(
            PrimaryTumor, VisceralMetastases, COUNTS
        ):
            patient = _patient(v, e, primary=primary, visceral_metastases=visceral)
            c = {
                "primary": primary,
                "visceral_metastases": visceral,
                "vertebral_metastases": v,
                "extraspinal_bone_metastases": e,
            }
            score = modified_bauer(patient)
            expected = oracle_modified(c)
            assert (expected, oracle_strategy(expected)) == (score.points.value, score.category)

    def test_band_texts(self) -> None:
        """A total of 2 suggests short-term palliation by posterior surgery (Leithner 2008)."""
        band = modified_bauer(bauer_patient(primary=PrimaryTumor.LUNG_SMALL_CELL)).band
        assert band is not None
        assert (band.goal, band.surgery) == ("short-term palliation", "posterior (dorsal) surgery")

    def test_text_lists_the_items(self) -> None:
        """str() names the score, the band and each item's points."""
        score = modified_bauer(bauer_patient(primary=PrimaryTumor.KIDNEY))
        assert str(score) == (
            "Modified Bauer 4 (middle-term local control): no visceral metastases 1, "
            "no lung cancer 1, favorable primary 1, solitary skeletal metastasis 1"
        )
        assert score.citation.key == "leithner2008"

    def test_one_single_level_lesion_with_unknown_count_is_undecided(self) -> None:
        """One single-level lesion and an unknown vertebral count: solitary or not."""
        patient = Patient(
            lesions=(SpinalLesion(levels=(VertebralLevel.T10,)),), extraspinal_bone_metastases=0
        )
        assert (
            modified_bauer(patient).components[3].points.low,
            modified_bauer(patient).components[3].points.high,
        ) == (0, 1)

    def test_two_involved_levels_are_not_solitary(self) -> None:
        """A lesion over two levels already makes two vertebral metastases."""
        patient = Patient(lesions=(SpinalLesion(levels="T10-T11"),))
        assert modified_bauer(patient).components[3].points.high == 0

    def test_brain_metastases_are_noted_not_scored(self) -> None:
        """Brain metastases leave the total unchanged and add a note citing Leithner 2008."""
        with_brain = modified_bauer(bauer_patient(brain=True))
        assert with_brain.points == modified_bauer(bauer_patient()).points
        assert [note.citation.key for note in with_brain.notes] == ["leithner2008"]
        assert modified_bauer(bauer_patient()).notes == ()

    def test_another_primary_table_can_be_passed(self) -> None:
        """A table that calls colon favorable changes the primary item."""
        groups = dict(BAUER_1995_PRIMARY_GROUPS.groups)
        groups[PrimaryTumor.COLON] = BauerPrimaryGroup.FAVORABLE
        table = BauerPrimaryTable(
            name="custom", groups=groups, citation=BAUER_1995_PRIMARY_GROUPS.citation
        )
        assert modified_bauer(bauer_patient(), primary_groups=table).points.value == 4

    def test_the_table_shows_its_name_only(self) -> None:
        """The repr of a primary table names it without its long mapping."""
        assert repr(BAUER_1995_PRIMARY_GROUPS) == "BauerPrimaryTable('Bauer 1995')"

    def test_an_incomplete_primary_table_is_rejected(self) -> None:
        """A table must group every primary tumor."""
        with pytest.raises(ValueError, match="'groups' must be a group for every primary"):
            BauerPrimaryTable(name="x", groups={}, citation=BAUER_1995_PRIMARY_GROUPS.citation)


class TestBauer:
    @pytest.mark.parametrize(("patient", "total", "group"), BAUER_CASES)
    def test_worked_cases_and_group_boundaries(
        self, patient: Patient, total: int, group: BauerGroup
    ) -> None:
        """Totals and groups of the worked cases, both sides of 1/2 and 3/4."""
        score = bauer(patient)
        assert (total, group) == (score.points.value, score.category)

    @pytest.mark.parametrize(("patient", "disagree"), DISAGREEMENT_CASES)
    def test_disagreement_with_the_modified_score(self, patient: Patient, disagree: bool) -> None:
        """The flag is set when the two scores' bands differ in rank."""
        assert disagree is bauer(patient).disagrees_with_modified

    def test_every_combination_matches_the_oracle(self) -> None:
        """Every primary, visceral, brain, collapse and bone count matches the oracle."""
        for primary, visceral, brain, collapse, (v, e) in itertools.product(
            PrimaryTumor, VisceralMetastases, (False, True), Collapse, COUNTS[:4]
        ):
            lesions = (SpinalLesion(levels=(VertebralLevel.T10,), collapse=collapse),)
            patient = Patient(
                primary=primary,
                lesions=lesions,
                visceral_metastases=visceral,
                brain_metastases=brain,
                vertebral_metastases=max(v, 1),
                extraspinal_bone_metastases=e,
            )
            c = {
                "primary": primary,
                "visceral_metastases": visceral,
                "brain_metastases": brain,
                "lesions[0].collapse": collapse,
                "vertebral_metastases": max(v, 1),
                "extraspinal_bone_metastases": e,
            }
            score = bauer(patient)
            expected = oracle_original(c)
            assert (expected, oracle_group(expected), oracle_rank_disagree(c)) == (
                score.points.value,
                score.category,
                score.disagrees_with_modified,
            )

    def test_a_given_fracture_replaces_the_lesions(self) -> None:
        """An extremity fracture given by the caller scores 0 despite no vertebral collapse."""
        patient = bauer_patient(primary=PrimaryTumor.KIDNEY)
        assert (
            bauer(patient, pathological_fracture=True).points.value,
            bauer(patient, pathological_fracture=False).points.value,
        ) == (4, 5)
        assert len(bauer(patient, pathological_fracture=True).notes) == 1

    @pytest.mark.parametrize(
        ("primary", "expected"),
        [
            (PrimaryTumor.KIDNEY, ((4, 5), BauerGroup.GOOD, ())),
            (PrimaryTumor.COLON, ((3, 4), None, ("pathological_fracture",))),
        ],
        ids=["kidney: 4-5, good either way", "colon: 3-4, the fracture decides"],
    )
    def test_without_lesions_the_fracture_is_unknown(
        self, primary: PrimaryTumor, expected: tuple[object, ...]
    ) -> None:
        """No lesion and no caller answer: the fracture item is 0-1, named when it decides."""
        patient = Patient(
            primary=primary,
            visceral_metastases=VisceralMetastases.NONE,
            brain_metastases=False,
            vertebral_metastases=0,
            extraspinal_bone_metastases=1,
        )
        score = bauer(patient)
        assert expected == (
            (score.points.low, score.points.high),
            score.category,
            score.missing,
        )

    def test_unknown_collapse_names_the_lesion(self) -> None:
        """An unknown collapse that decides the group is named by its lesion index."""
        patient = attrs.evolve(
            bauer_patient(), lesions=(SpinalLesion(levels=(VertebralLevel.T10,)),)
        )
        score = bauer(patient)
        assert (("lesions[0].collapse",), {BauerGroup.INTERMEDIATE, BauerGroup.GOOD}) == (
            score.missing,
            set(score.possible_categories),
        )

    def test_group_survival_from_the_abstract(self) -> None:
        """1-year survival 0.5 for the best group and 0.0 for the worst (Bauer 1995 abstract)."""
        best = bauer(bauer_patient(primary=PrimaryTumor.KIDNEY)).band
        worst = bauer(
            bauer_patient(
                primary=PrimaryTumor.LUNG_NON_SMALL_CELL,
                vertebral=2,
                visceral=VisceralMetastases.TREATABLE,
            )
        ).band
        assert best is not None
        assert worst is not None
        assert (best.one_year_survival, worst.one_year_survival) == (0.5, 0.0)
        assert best.citation.key == "bauer1995"
        assert best.citation.verified is False

    def test_text_flags_disagreement(self) -> None:
        """str() shows both scores and flags a disagreement."""
        text = str(bauer(bauer_patient(primary=PrimaryTumor.LUNG_NON_SMALL_CELL, vertebral=2)))
        assert text == (
            "Bauer 2 (intermediate): no pathological fracture 1, no visceral or brain "
            "metastases 1, no lung cancer 0, solitary skeletal metastasis 0, favorable "
            "primary 0; modified Bauer 1 (supportive care), bands disagree"
        )

    def test_undecided_group_text_lists_the_groups(self) -> None:
        """With every input unknown, str() lists the groups still possible."""
        score = bauer(Patient())
        assert str(score).startswith("Bauer 0–5 (poor or intermediate or good)")
        assert score.disagrees_with_modified is None
        assert score.band is None
        assert score.modified.band is None


def _fracture_override(data: st.DataObject) -> bool | None:
    return data.draw(st.sampled_from([None, None, False, True]))


class TestBauerUnknowns:
    @settings(deadline=None)  # enumeration time grows with the number of unknowns
    @given(patients(), st.data())
    def test_modified_range_categories_and_missing_match_brute_force(
        self, patient: Patient, data: st.DataObject
    ) -> None:
        """The modified range is sound and tight; categories and `missing` are exact."""
        patient = reveal(patient, data, modified_domains)
        truth = brute_force(modified_domains(patient), oracle_modified, oracle_strategy)
        score = modified_bauer(patient)
        assert (min(truth.totals), max(truth.totals)) == (score.points.low, score.points.high)
        assert truth.categories == score.possible_categories
        assert truth.deciding == set(score.missing)

    @settings(deadline=None)  # enumeration time grows with the number of unknowns
    @given(patients(), st.data())
    def test_original_range_categories_missing_and_flag_match_brute_force(
        self, patient: Patient, data: st.DataObject
    ) -> None:
        """The original range is exact, and so are its groups, `missing` and the flag."""
        override = _fracture_override(data)
        patient = reveal(patient, data, lambda p: original_domains(p, override))
        domains = original_domains(patient, override)
        truth = brute_force(domains, oracle_original, oracle_group)
        flags = brute_force(domains, lambda c: int(oracle_rank_disagree(c)), bool)
        score = bauer(patient, pathological_fracture=override)
        assert (min(truth.totals), max(truth.totals)) == (score.points.low, score.points.high)
        assert truth.categories == score.possible_categories
        assert truth.deciding == set(score.missing)
        expected_flag = next(iter(flags.categories)) if len(flags.categories) == 1 else None
        assert expected_flag == score.disagrees_with_modified

    @given(patients())
    def test_bounds(self, patient: Patient) -> None:
        """0 <= modified <= 4 and 0 <= original <= 5, and the original is at most one more."""
        score = bauer(patient)
        assert 0 <= score.modified.points.low <= score.modified.points.high <= 4
        assert 0 <= score.points.low <= score.points.high <= 5

    @given(patients(unknowns=False))
    def test_known_totals_are_the_sum_of_the_items(self, patient: Patient) -> None:
        """With every input known, each total is the sum of its items."""
        score = bauer(patient, pathological_fracture=None if patient.lesions else False)
        assert score.points.value == sum(c.points.low for c in score.components)
        assert score.modified.points.value == sum(c.points.low for c in score.modified.components)

    @given(patients(unknowns=False))
    def test_a_worse_finding_never_raises_the_score(self, patient: Patient) -> None:
        """Visceral or brain metastases, lung cancer or a fracture never raise a total."""
        override = None if patient.lesions else False
        base = bauer(patient, pathological_fracture=override)
        worse = [
            attrs.evolve(patient, visceral_metastases=VisceralMetastases.UNTREATABLE),
            attrs.evolve(patient, brain_metastases=True),
            attrs.evolve(patient, primary=PrimaryTumor.LUNG_SMALL_CELL),
        ]
        for other in worse:
            assert bauer(other, pathological_fracture=override).points.low <= base.points.low
            assert bauer(other).modified.points.low <= base.modified.points.low
        fractured = bauer(patient, pathological_fracture=True)
        assert fractured.points.low <= base.points.low

    @given(patients())
    def test_json_round_trip_and_determinism(self, patient: Patient) -> None:
        """Results round-trip through JSON, and the same input gives the same JSON."""
        score = bauer(patient)
        assert score == from_json(to_json(score), BauerScore)
        assert score.modified == from_json(to_json(score.modified), ModifiedBauerScore)
        assert to_json(score) == to_json(bauer(patient))
