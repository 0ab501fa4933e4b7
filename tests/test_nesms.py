import itertools

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spinal_metastasis import (
    Patient,
    PrimaryTumor,
    SpinalLesion,
    VertebralLevel,
    VisceralMetastases,
    from_json,
    to_json,
)
from spinal_metastasis.scores.bauer import modified_bauer
from spinal_metastasis.scores.nesms import (
    NESMS_COHORT_OUTCOMES,
    ONE_YEAR_DEATH_ODDS,
    NesmsScore,
    nesms,
)
from spinal_metastasis.testing import patients
from tests.cases.bauer import bauer_patient, brute_force, reveal
from tests.cases.nesms import NESMS_CASES, nesms_domains, oracle_nesms, oracle_raw


def _identity(total: int) -> int:
    return total


class TestNesms:
    @pytest.mark.parametrize(("patient", "score", "raw"), NESMS_CASES)
    def test_worked_cases_every_value_and_the_ceiling(
        self, patient: Patient, score: int, raw: int
    ) -> None:
        """Each score 0-3, the albumin and modified Bauer cut-offs, and raw 4 capped at 3."""
        result = nesms(patient)
        assert (score, score, raw) == (
            result.points.value,
            result.category,
            result.raw_points.value,
        )

    def test_every_combination_matches_the_oracle(self) -> None:
        """Every primary, visceral status, bone count, ambulation and albumin side."""
        for primary, visceral, (v, e), ambulatory, albumin in itertools.product(
            PrimaryTumor,
            VisceralMetastases,
            [(1, 0), (1, 1), (2, 0)],
            (False, True),
            (3.49, 3.5),
        ):
            patient = Patient(
                primary=primary,
                lesions=(SpinalLesion(levels=(VertebralLevel.T10,)),),
                visceral_metastases=visceral,
                vertebral_metastases=v,
                extraspinal_bone_metastases=e,
                ambulatory=ambulatory,
                albumin_g_per_dl=albumin,
            )
            c = {
                "primary": primary,
                "visceral_metastases": visceral,
                "vertebral_metastases": v,
                "extraspinal_bone_metastases": e,
                "ambulatory": ambulatory,
                "albumin_g_per_dl": albumin,
            }
            result = nesms(patient)
            assert (oracle_nesms(c), oracle_raw(c)) == (
                result.points.value,
                result.raw_points.value,
            )

    def test_the_ceiling_is_flagged_and_noted(self) -> None:
        """A raw 4 says the ceiling applied and cites the unverified source."""
        result = nesms(bauer_patient(primary=PrimaryTumor.BREAST, ambulatory=True, albumin=4.1))
        assert result.ceiling_applied is True
        assert [note.citation.key for note in result.notes] == ["ghori2015"]
        assert result.citation.verified is False

    def test_an_unknown_albumin_may_or_may_not_hit_the_ceiling(self) -> None:
        """Raw 3 or 4: the score is 3 either way, and whether the ceiling applied is open."""
        result = nesms(bauer_patient(ambulatory=True))
        assert (
            result.points.value,
            result.raw_points.low,
            result.raw_points.high,
            result.ceiling_applied,
        ) == (3, 3, 4, None)
        assert result.missing == ()

    def test_the_modified_bauer_result_is_the_same(self) -> None:
        """The NESMS carries the very modified Bauer result of the patient."""
        patient = bauer_patient(ambulatory=True, albumin=3.0)
        assert modified_bauer(patient) == nesms(patient).modified_bauer

    @pytest.mark.parametrize(
        ("patient", "expected"),
        [
            (bauer_patient(ambulatory=False, albumin=3.0), (7.04, 2.47, 20.08)),
            (bauer_patient(vertebral=3, ambulatory=True, albumin=3.0), (31.30, 8.82, 111.04)),
        ],
        ids=["score 2: OR 7.04 (Schoenfeld 2021)", "score 1: OR 31.30 (Schoenfeld 2021)"],
    )
    def test_published_odds_of_death_within_a_year(
        self, patient: Patient, expected: tuple[float, float, float]
    ) -> None:
        """Scores 2 and 1 carry the 2021 odds ratios against NESMS 3."""
        odds = nesms(patient).one_year_death_odds
        assert odds is not None
        assert expected == (odds.odds_ratio, odds.ci_low, odds.ci_high)
        assert odds.citation.key == "schoenfeld2021"

    def test_no_odds_for_the_referent_or_an_undecided_score(self) -> None:
        """Score 3 is the referent and an undecided score has no odds ratio."""
        referent = nesms(bauer_patient(ambulatory=True, albumin=3.0))
        assert referent.one_year_death_odds is None
        assert nesms(Patient()).one_year_death_odds is None

    def test_published_figures_are_typed_and_cited(self) -> None:
        """The abstract figures are stored with their citations."""
        assert [(o.score, o.odds_ratio) for o in ONE_YEAR_DEATH_ODDS] == [(2, 7.04), (1, 31.30)]
        mortality = NESMS_COHORT_OUTCOMES[0]
        assert (mortality.proportion, mortality.patients, mortality.citation.pmid) == (
            0.11,
            776,
            "26409416",
        )

    def test_text(self) -> None:
        """str() shows the items, the raw sum when capped, and the odds ratio."""
        capped = nesms(bauer_patient(primary=PrimaryTumor.BREAST, ambulatory=True, albumin=4.1))
        assert str(capped) == (
            "NESMS 3: modified Bauer >= 3 2, independent ambulation 1, albumin >= 3.5 g/dL 1 "
            "(raw 4, ceiling 3)"
        )
        two = nesms(bauer_patient(ambulatory=False, albumin=3.0))
        assert str(two).endswith("; OR 7.04 (95 % CI 2.47–20.08) of death within 1 year vs NESMS 3")

    def test_unknown_modified_bauer_inputs_flow_in_exactly(self) -> None:
        """An unknown primary with colon-like findings: scores 1 or 3, never 2."""
        patient = attrs.evolve(
            bauer_patient(ambulatory=True, albumin=3.0, vertebral=3), primary=None
        )
        result = nesms(patient)
        assert ({1, 3}, ("primary",)) == (set(result.possible_categories), result.missing)


class TestNesmsUnknowns:
    @settings(deadline=None)  # enumeration time grows with the number of unknowns
    @given(patients(), st.data())
    def test_range_categories_and_missing_match_brute_force(
        self, patient: Patient, data: st.DataObject
    ) -> None:
        """The range is sound and tight; possible scores and `missing` are exact."""
        patient = reveal(patient, data, nesms_domains)
        domains = nesms_domains(patient)
        truth = brute_force(domains, oracle_nesms, _identity)
        raw = brute_force(domains, oracle_raw, _identity)
        result = nesms(patient)
        assert (min(truth.totals), max(truth.totals)) == (result.points.low, result.points.high)
        assert (min(raw.totals), max(raw.totals)) == (
            result.raw_points.low,
            result.raw_points.high,
        )
        assert truth.categories == result.possible_categories
        assert truth.deciding == set(result.missing)

    @given(patients())
    def test_bounds_and_ceiling(self, patient: Patient) -> None:
        """0 <= NESMS <= 3 <= ... and the score is the raw sum capped at 3."""
        result = nesms(patient)
        assert 0 <= result.points.low <= result.points.high <= 3
        assert 0 <= result.raw_points.low <= result.raw_points.high <= 4
        assert (min(3, result.raw_points.low), min(3, result.raw_points.high)) == (
            result.points.low,
            result.points.high,
        )

    @given(patients())
    def test_raw_sum_is_the_sum_of_the_items(self, patient: Patient) -> None:
        """The items read disjoint inputs, so the raw range is the sum of the item ranges."""
        result = nesms(patient)
        assert sum(c.points.low for c in result.components) == result.raw_points.low
        assert sum(c.points.high for c in result.components) == result.raw_points.high

    @given(patients(unknowns=False))
    def test_a_worse_finding_never_raises_the_score(self, patient: Patient) -> None:
        """Losing ambulation, a lower albumin or visceral metastases never raise the score."""
        base = nesms(patient).points.value
        assert base is not None
        albumin = patient.albumin_g_per_dl
        assert albumin is not None
        for worse in (
            attrs.evolve(patient, ambulatory=False),
            attrs.evolve(patient, albumin_g_per_dl=max(albumin - 0.5, 0.1)),
            attrs.evolve(patient, visceral_metastases=VisceralMetastases.UNTREATABLE),
            attrs.evolve(patient, primary=PrimaryTumor.LUNG_NON_SMALL_CELL),
        ):
            value = nesms(worse).points.value
            assert value is not None
            assert value <= base

    @given(patients())
    def test_json_round_trip_and_determinism(self, patient: Patient) -> None:
        """The result round-trips through JSON, and the same input gives the same JSON."""
        result = nesms(patient)
        assert result == from_json(to_json(result), NesmsScore)
        assert to_json(result) == to_json(nesms(patient))
