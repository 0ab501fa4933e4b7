import itertools
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spinal_metastasis import (
    InvalidInputError,
    Patient,
    PrimaryTumor,
    VisceralMetastases,
    from_json,
    to_json,
)
from spinal_metastasis.histology.katagiri import (
    KATAGIRI_2014_PRIMARY_GROUPS,
    KATAGIRI_2014_VERIFIED_PRIMARY_GROUPS,
    KatagiriPrimaryGroup,
    KatagiriPrimaryTable,
)
from spinal_metastasis.scores.katagiri import (
    KATAGIRI_2014_BANDS,
    KatagiriGroup,
    KatagiriScore,
    Provenance,
    katagiri,
)
from spinal_metastasis.testing import patients
from tests.cases.bauer import brute_force, reveal
from tests.cases.katagiri import (
    KATAGIRI_CASES,
    LAB_SIDES,
    katagiri_domains,
    katagiri_patient,
    oracle_group,
    oracle_katagiri,
    oracle_labs,
)

LAB = 2  # index of the laboratory component


def _alive(patient: Patient) -> bool:
    return patient.ecog != 5 and not (patient.ecog is None and patient.kps == 0)


def _lab_range(patient: Patient) -> tuple[int, int]:
    points = katagiri(patient).components[LAB].points
    return (points.low, points.high)


class TestKatagiri:
    @pytest.mark.parametrize(("patient", "total", "group"), KATAGIRI_CASES)
    def test_worked_cases_and_boundaries(
        self, patient: Patient, total: int, group: KatagiriGroup
    ) -> None:
        """Totals and groups: both sides of 3/4 and 6/7 and of every laboratory cut-off."""
        score = katagiri(patient)
        assert (total, group) == (score.points.value, score.category)

    def test_every_primary_matches_the_oracle(self) -> None:
        """Every primary with each hormone and targeted-therapy status matches the oracle."""
        for primary, hormone, targeted in itertools.product(
            PrimaryTumor, (False, True), (False, True)
        ):
            patient = katagiri_patient(
                primary=primary, hormone_dependent=hormone, molecular_targeted_therapy=targeted
            )
            c = {**katagiri_domains(patient)}
            expected = oracle_katagiri({name: values[0] for name, values in c.items()})
            assert expected == katagiri(patient).points.value

    def test_every_laboratory_combination_matches_the_oracle(self) -> None:
        """All 64 combinations of the six values on either side of their cut-offs."""
        for values in itertools.product(*LAB_SIDES.values()):
            labs = dict(zip(LAB_SIDES, values, strict=True))
            expected = oracle_labs(labs)
            assert (expected, expected) == _lab_range(katagiri_patient(**labs))

    def test_every_visceral_and_performance_combination_matches_the_oracle(self) -> None:
        """Visceral, brain, dissemination, ECOG 0-4, chemotherapy and bone counts."""
        for visceral, brain, spread, ecog, chemo, (v, e) in itertools.product(
            VisceralMetastases,
            (False, True),
            (False, True),
            range(5),
            (False, True),
            [(1, 0), (1, 1), (2, 0)],
        ):
            patient = katagiri_patient(
                visceral_metastases=visceral,
                brain_metastases=brain,
                disseminated_metastases=spread,
                ecog=ecog,
                previous_chemotherapy=chemo,
                vertebral_metastases=v,
                extraspinal_bone_metastases=e,
            )
            c = {name: values[0] for name, values in katagiri_domains(patient).items()}
            total = oracle_katagiri(c)
            assert (total, oracle_group(total)) == (
                katagiri(patient).points.value,
                katagiri(patient).category,
            )

    def test_a_known_critical_value_decides_the_laboratory_item(self) -> None:
        """One critical value gives 2 whatever the unknown others."""
        patient = katagiri_patient(
            calcium_mg_per_dl=11.0,
            albumin_g_per_dl=None,
            crp_mg_per_dl=None,
            platelets_10e9_per_l=None,
        )
        assert _lab_range(patient) == (2, 2)

    @pytest.mark.parametrize(
        ("name", "expected"),
        [("albumin_g_per_dl", {0, 1}), ("platelets_10e9_per_l", {0, 2})],
        ids=["unknown albumin: 0 or 1", "unknown platelets: 0 or 2, never 1"],
    )
    def test_one_unknown_value_gives_its_tier(self, name: str, expected: set[int]) -> None:
        """All known values normal and one unknown: the item is 0 or that value's tier."""
        base = katagiri_patient(primary=PrimaryTumor.COLON, **{name: None})
        totals = {3 + points for points in expected}
        score = katagiri(base)
        assert ({oracle_group(t) for t in totals}, (name,)) == (
            set(score.possible_categories),
            score.missing,
        )
        assert (min(expected), max(expected)) == _lab_range(base)

    def test_kps_spread_gives_a_range(self) -> None:
        """KPS 60 pairs with ECOG 2 or 3: the item is 0-1 and the conversion is noted."""
        score = katagiri(katagiri_patient(ecog=None, kps=60))
        assert (score.components[3].points.low, score.components[3].points.high) == (0, 1)
        assert "ECOG 2 or 3 (from KPS 60" in score.components[3].finding
        assert [note.citation.key for note in score.notes] == ["ma2010"]

    @pytest.mark.parametrize(
        ("changes", "field"),
        [({"ecog": 5}, "ecog"), ({"ecog": None, "kps": 0}, "kps")],
        ids=["ECOG 5", "KPS 0 without ECOG"],
    )
    def test_a_dead_patient_is_not_scored(self, changes: dict[str, object], field: str) -> None:
        """ECOG 5 and KPS 0 mean death (Oken 1982): the survival score raises."""
        with pytest.raises(InvalidInputError) as caught:
            katagiri(katagiri_patient(**changes))
        assert field == caught.value.field

    def test_unknown_ecog_is_completed_without_death(self) -> None:
        """With no performance status the item is 0-1, from ECOG 0-4."""
        score = katagiri(katagiri_patient(ecog=None))
        assert (score.components[3].points.low, score.components[3].points.high) == (0, 1)

    def test_unverified_groups_are_noted(self) -> None:
        """An endometrial primary scores moderate growth and says it is unverified."""
        score = katagiri(katagiri_patient(primary=PrimaryTumor.UTERUS))
        assert score.points.value == 2
        assert "not seen in any reproduction" in score.notes[0].statement

    def test_the_verified_table_leaves_unlisted_primaries_open(self) -> None:
        """With only verified groups, an ovarian primary could be any group."""
        patient = katagiri_patient(primary=PrimaryTumor.OVARY, brain_metastases=True)
        score = katagiri(patient, primary_groups=KATAGIRI_2014_VERIFIED_PRIMARY_GROUPS)
        assert (
            (score.points.low, score.points.high),
            score.missing,
        ) == ((1, 4), ("primary_growth_group",))
        assert "does not classify ovary" in score.notes[0].statement

    def test_inconsistent_tables_are_rejected(self) -> None:
        """A primary with two rules, or a flagged unclassified primary, is an error."""
        table = KATAGIRI_2014_VERIFIED_PRIMARY_GROUPS
        with pytest.raises(InvalidInputError, match="must not regroup"):
            attrs.evolve(
                table,
                by_targeted_therapy={PrimaryTumor.THYROID: (KatagiriPrimaryGroup.SLOW,) * 2},
            )
        with pytest.raises(InvalidInputError, match="only classified primaries"):
            attrs.evolve(table, unverified=frozenset({PrimaryTumor.OVARY}))

    def test_the_table_shows_its_name_only(self) -> None:
        """The repr of a primary table names it without its long mappings."""
        assert repr(KATAGIRI_2014_PRIMARY_GROUPS) == "KatagiriPrimaryTable('Katagiri 2014')"

    def test_possible_groups_of_the_default_table(self) -> None:
        """Unknown hormone dependence leaves breast slow or moderate; lung moderate or rapid."""
        table: KatagiriPrimaryTable = KATAGIRI_2014_PRIMARY_GROUPS
        slow, moderate, rapid = KatagiriPrimaryGroup
        assert table.possible_groups(PrimaryTumor.BREAST) == {slow, moderate}
        assert table.possible_groups(PrimaryTumor.LUNG_SMALL_CELL) == {moderate, rapid}
        assert table.possible_groups(None) == {slow, moderate, rapid}

    def test_survival_figures_carry_their_provenance(self) -> None:
        """The abstract's figures are primary; others are tagged secondary or unverified."""
        low, _, high = KATAGIRI_2014_BANDS
        assert [(f.months, f.survival, f.provenance) for f in low.survival[1:]] == [
            (12, 0.91, Provenance.PRIMARY),
            (24, 0.78, Provenance.PRIMARY),
        ]
        assert [(f.months, f.survival, f.provenance) for f in high.survival] == [
            (6, 0.27, Provenance.PRIMARY),
            (12, 0.06, Provenance.PRIMARY),
            (24, 0.02, Provenance.UNVERIFIED),
        ]
        band = katagiri(katagiri_patient()).band
        assert band is not None
        assert str(band.survival[1]) == "91 % at 12 months"

    def test_text(self) -> None:
        """str() lists the six factors in the paper's order."""
        score = katagiri(katagiri_patient(primary=PrimaryTumor.COLON, ecog=3))
        assert str(score) == (
            "Katagiri 4 (intermediate): primary lesion 3, visceral or cerebral metastases 0, "
            "laboratory data 0, ECOG 3-4 1, previous chemotherapy 0, multiple skeletal "
            "metastases 0"
        )
        assert str(katagiri(Patient())).startswith(
            "Katagiri 0–10 (low or intermediate or high risk (poor prognosis))"
        )
        assert katagiri(Patient()).band is None


class TestKatagiriUnknowns:
    @settings(deadline=None)  # enumeration time grows with the number of unknowns
    @given(patients().filter(_alive), st.data())
    def test_range_categories_and_missing_match_brute_force(
        self, patient: Patient, data: st.DataObject
    ) -> None:
        """The range is sound and tight; groups and `missing` are exact (labs on both sides)."""
        patient = reveal(patient, data, katagiri_domains)
        truth = brute_force(katagiri_domains(patient), oracle_katagiri, oracle_group)
        score = katagiri(patient)
        assert (min(truth.totals), max(truth.totals)) == (score.points.low, score.points.high)
        assert truth.categories == score.possible_categories
        assert truth.deciding == set(score.missing)

    @given(patients().filter(_alive))
    def test_bounds_and_sum_of_independent_factors(self, patient: Patient) -> None:
        """0 <= total <= 10, and the factors read disjoint inputs so their ranges add up."""
        score = katagiri(patient)
        assert 0 <= score.points.low <= score.points.high <= 10
        assert sum(c.points.low for c in score.components) == score.points.low
        assert sum(c.points.high for c in score.components) == score.points.high

    @given(patients(unknowns=False).filter(_alive))
    def test_a_worse_finding_never_lowers_the_score(self, patient: Patient) -> None:
        """Every factor made worse never lowers the total."""
        base = katagiri(patient).points.value
        assert base is not None
        worse: list[dict[str, Any]] = [
            {"disseminated_metastases": True},
            {"brain_metastases": True},
            {"visceral_metastases": VisceralMetastases.UNTREATABLE},
            {"albumin_g_per_dl": 1.0},
            {"crp_mg_per_dl": 5.0},
            {"ldh_u_per_l": 1000.0},
            {"platelets_10e9_per_l": 10.0},
            {"calcium_mg_per_dl": 13.0},
            {"bilirubin_mg_per_dl": 5.0},
            {"ecog": min(4, (patient.ecog or 0) + 1)},
            {"previous_chemotherapy": True},
            {"extraspinal_bone_metastases": (patient.extraspinal_bone_metastases or 0) + 1},
            {"hormone_dependent": False},
            {"molecular_targeted_therapy": False},
        ]
        for changes in worse:
            value = katagiri(attrs.evolve(patient, **changes)).points.value
            assert value is not None
            assert value >= base

    @given(patients().filter(_alive))
    def test_json_round_trip_and_determinism(self, patient: Patient) -> None:
        """The result round-trips through JSON, and the same input gives the same JSON."""
        score = katagiri(patient)
        assert score == from_json(to_json(score), KatagiriScore)
        assert to_json(score) == to_json(katagiri(patient))
