import itertools
import random
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from spinal_metastasis import (
    Frankel,
    InvalidInputError,
    Patient,
    PrimaryTumor,
    SpinalLesion,
    VertebralLevel,
    VisceralMetastases,
    from_json,
    to_json,
)
from spinal_metastasis.histology.tokuhashi import (
    TOKUHASHI_2005_PRIMARY,
    TOKUHASHI_2005_ROWS,
    TokuhashiPrimaryTable,
    tokuhashi_primary_points,
)
from spinal_metastasis.io import example_patient
from spinal_metastasis.performance import BUCCHERI_1996_TABLE
from spinal_metastasis.scores.tokuhashi import (
    TokuhashiCategory,
    TokuhashiScore,
    tokuhashi_category,
    tokuhashi_revised,
)
from spinal_metastasis.testing import patients
from tests.cases.tokuhashi import TOKUHASHI_CASES

# --- An independent oracle, written from the Tokuhashi 2005 table (NICE CG75 appendix 3) -------

ORACLE_GENERAL = {10: 0, 20: 0, 30: 0, 40: 0, 50: 1, 60: 1, 70: 1, 80: 2, 90: 2, 100: 2}
ORACLE_VISCERAL = {"untreatable": 0, "treatable": 1, "none": 2}
ORACLE_PALSY = {"a": 0, "b": 0, "c": 1, "d": 1, "e": 2}
ORACLE_ROWS = {
    0: "lung_non_small_cell lung_small_cell osteosarcoma stomach bladder esophagus pancreas",
    1: "liver gallbladder unknown_primary",
    2: "colon ovary head_and_neck melanoma sarcoma myeloma lymphoma germ_cell other",
    3: "kidney uterus",
    4: "rectum",
    5: "thyroid breast prostate",
}
ORACLE_PRIMARY: dict[str, set[int]] = {
    name: {points} for points, names in ORACLE_ROWS.items() for name in names.split()
}
ORACLE_PRIMARY["neuroendocrine"] = {2, 5}  # carcinoid 5, or another neuroendocrine carcinoma
ORACLE_PRIMARY["cervix"] = {2, 3}  # "uterus" if it includes the cervix, else "others"
# Ma 2010 or Prasad 2018 (the library's default conversion), ECOG -> KPS.
ORACLE_KPS_OF_ECOG = {0: {100}, 1: {80, 90}, 2: {60, 70}, 3: {40, 50, 60}, 4: {10, 20, 30, 40}}
FIELDS = ("kps", "extraspinal", "vertebral", "visceral", "primary", "frankel")


def oracle_extraspinal(count: int) -> int:
    return 2 if count == 0 else 1 if count <= 2 else 0


def oracle_vertebral(count: int) -> int:
    return {1: 2, 2: 1}.get(count, 0)


def oracle_category(total: int) -> TokuhashiCategory:
    if total <= 8:
        return TokuhashiCategory.LESS_THAN_6_MONTHS
    if total <= 11:
        return TokuhashiCategory.AT_LEAST_6_MONTHS
    return TokuhashiCategory.AT_LEAST_1_YEAR


def involved_levels(patient: Patient) -> int:
    return sum(len(lesion.levels) for lesion in patient.lesions)


def point_sets(patient: Patient) -> dict[str, set[int]]:
    """Enumerate every value each unknown input can take, and map it to points."""
    kps_values = (
        {patient.kps}
        if patient.kps is not None
        else ORACLE_KPS_OF_ECOG[patient.ecog]
        if patient.ecog is not None
        else set(range(10, 101, 10))
    )
    extraspinal = patient.extraspinal_bone_metastases
    vertebral = patient.vertebral_metastases
    least = max(involved_levels(patient), 1)
    return {
        "kps": {ORACLE_GENERAL[kps] for kps in kps_values},
        "extraspinal": {
            oracle_extraspinal(n) for n in (range(1001) if extraspinal is None else [extraspinal])
        },
        "vertebral": {
            oracle_vertebral(n) for n in (range(least, 30) if vertebral is None else [vertebral])
        },
        "visceral": (
            set(ORACLE_VISCERAL.values())
            if patient.visceral_metastases is None
            else {ORACLE_VISCERAL[patient.visceral_metastases.value]}
        ),
        "primary": (
            set().union(*ORACLE_PRIMARY.values())
            if patient.primary is None
            else ORACLE_PRIMARY[patient.primary.value]
        ),
        "frankel": (
            set(ORACLE_PALSY.values())
            if patient.frankel is None
            else {ORACLE_PALSY[patient.frankel.value]}
        ),
    }


def completions(patient: Patient) -> list[dict[str, int]]:
    sets = point_sets(patient)
    return [
        dict(zip(FIELDS, values, strict=True))
        for values in itertools.product(*(sorted(sets[name]) for name in FIELDS))
    ]


def oracle_total(patient: Patient) -> int:
    (only,) = completions(patient)
    return sum(only.values())


def oracle_missing(patient: Patient) -> set[str]:
    """Inputs whose value alone can change the band, by model field name."""
    sets = point_sets(patient)
    deciding: set[str] = set()
    for name in FIELDS:
        others = [sorted(sets[other]) for other in FIELDS if other != name]
        for rest in itertools.product(*others):
            bands = {oracle_category(sum(rest) + value) for value in sets[name]}
            if len(bands) > 1:
                deciding |= field_names(name, patient)
                break
    return deciding


def field_names(name: str, patient: Patient) -> set[str]:
    if name == "kps":
        return {"kps", "ecog"} if patient.ecog is None else {"kps"}
    return {
        "extraspinal": {"extraspinal_bone_metastases"},
        "vertebral": {"vertebral_metastases"},
        "visceral": {"visceral_metastases"},
        "primary": {"primary"},
        "frankel": {"frankel"},
    }[name]


def scorable(patient: Patient) -> bool:
    """Alive (KPS > 0, or ECOG < 5 when the KPS is unknown) and with spinal metastases."""
    dead = patient.kps == 0 or (patient.kps is None and patient.ecog == 5)
    return not dead and patient.vertebral_metastases != 0


def scorable_patients(*, unknowns: bool = True) -> st.SearchStrategy[Patient]:
    return patients(unknowns=unknowns).filter(scorable)


def case_patient(index: int) -> Patient:
    patient = TOKUHASHI_CASES[index].values[0]
    assert isinstance(patient, Patient)
    return patient


# --- Tests --------------------------------------------------------------------------------------


class TestTokuhashiRevised:
    @pytest.mark.parametrize(("patient", "expected_total", "category"), TOKUHASHI_CASES)
    def test_worked_cases_and_band_boundaries(
        self, patient: Patient, expected_total: int, category: TokuhashiCategory
    ) -> None:
        """Totals and bands of the worked cases, and both sides of 8/9 and 11/12."""
        score = tokuhashi_revised(patient)
        assert (expected_total, category) == (score.points.value, score.category)

    @pytest.mark.parametrize("primary", list(PrimaryTumor), ids=lambda p: p.value)
    def test_every_known_combination_matches_the_oracle(self, primary: PrimaryTumor) -> None:
        """KPS x extraspinal x vertebral x visceral x palsy, for each primary, match the oracle."""
        for kps, extraspinal, vertebral, visceral, frankel in itertools.product(
            range(10, 101, 10), (0, 1, 2, 3, 7), (1, 2, 3, 9), VisceralMetastases, Frankel
        ):
            patient = Patient(
                primary=primary,
                kps=kps,
                extraspinal_bone_metastases=extraspinal,
                vertebral_metastases=vertebral,
                visceral_metastases=visceral,
                frankel=frankel,
            )
            score = tokuhashi_revised(patient)
            totals = {sum(c.values()) for c in completions(patient)}
            bands = frozenset(oracle_category(t) for t in totals)
            assert (min(totals), max(totals), bands) == (
                score.points.low,
                score.points.high,
                score.possible_categories,
            )

    @pytest.mark.parametrize(
        ("kps", "points"),
        [(40, 0), (50, 1), (70, 1), (80, 2), (10, 0), (100, 2)],
        ids=["40: poor", "50: moderate", "70: moderate", "80: good", "10: poor", "100: good"],
    )
    def test_general_condition_band_edges(self, kps: int, points: int) -> None:
        """KPS 10-40 scores 0, 50-70 scores 1, 80-100 scores 2 (both sides of 40/50 and 70/80)."""
        score = tokuhashi_revised(attrs.evolve(case_patient(0), kps=kps))
        assert points == score.components[0].points.value

    @pytest.mark.parametrize(
        ("count", "points"), [(0, 2), (1, 1), (2, 1), (3, 0), (20, 0)], ids=str
    )
    def test_extraspinal_foci_edges(self, count: int, points: int) -> None:
        """Extraspinal foci: 0 scores 2, 1-2 score 1, 3 or more score 0."""
        patient = attrs.evolve(case_patient(0), extraspinal_bone_metastases=count)
        assert points == tokuhashi_revised(patient).components[1].points.value

    @pytest.mark.parametrize(("count", "points"), [(1, 2), (2, 1), (3, 0), (24, 0)], ids=str)
    def test_vertebral_body_item_is_3_2_1(self, count: int, points: int) -> None:
        """Vertebral bodies: 1 scores 2, 2 scores 1, >= 3 score 0 (not the >= 3 / 1-2 / 0 one)."""
        patient = attrs.evolve(case_patient(0), vertebral_metastases=count)
        assert points == tokuhashi_revised(patient).components[2].points.value

    def test_worked_example_text(self) -> None:
        """The worked breast case prints its six items in the paper's order."""
        score = tokuhashi_revised(case_patient(0))
        assert str(score) == (
            "Tokuhashi 14 (≥ 1 year): general condition 2, extraspinal bone metastases 1, "
            "vertebral body metastases 2, visceral metastases 2, primary site 5, palsy 2"
        )
        assert [c.finding for c in score.components] == [
            "KPS 80 (good, 80–100 %)",
            "2 foci (1–2)",
            "1 vertebral body (1)",
            "none",
            "breast: breast (5)",
            "Frankel E (no palsy)",
        ]
        assert score.citation.key == "tokuhashi2005"

    @pytest.mark.parametrize(
        ("index", "survival", "treatment"),
        [
            (3, "< 6 months", "conservative treatment or palliative surgery"),
            (
                4,
                "≥ 6 months",
                (
                    "palliative surgery; excisional surgery if a single spinal lesion without "
                    "metastases to major internal organs"
                ),
            ),
            (6, "≥ 1 year", "excisional surgery"),
        ],
        ids=["0-8", "9-11", "12-15"],
    )
    def test_band_texts(self, index: int, survival: str, treatment: str) -> None:
        """Each band carries its predicted survival and suggested treatment (Tokuhashi 2005)."""
        score = tokuhashi_revised(case_patient(index))
        assert (survival, treatment) == (score.predicted_survival, score.suggested_treatment)

    def test_band_texts_are_none_when_undetermined(self) -> None:
        """With the band undetermined there is no single survival or treatment text."""
        score = tokuhashi_revised(Patient())
        assert (
            score.category,
            score.predicted_survival,
            score.suggested_treatment,
        ) == (None, None, None)
        assert str(score).startswith("Tokuhashi 0–15 (< 6 months or ≥ 6 months or ≥ 1 year): ")

    def test_the_example_patient_in_the_docs(self) -> None:
        """The partly known prostate example gives 8-12 and waits for foci and Frankel grade."""
        score = tokuhashi_revised(example_patient("prostate_partly_known"))
        assert (
            str(score.points),
            score.missing,
        ) == ("8–12", ("extraspinal_bone_metastases", "frankel"))
        assert score.components[0].finding == "KPS 60–70 from ECOG 2 (Ma 2010 or Prasad 2018)"
        assert score.components[2].finding == "unknown; at least 3 from the recorded lesions"


class TestTokuhashiPerformanceStatus:
    @pytest.mark.parametrize("ecog", range(5), ids=lambda g: f"ECOG {g}")
    def test_kps_from_ecog_is_carried_as_a_range(self, ecog: int) -> None:
        """With only ECOG known, general condition spans the bands of the paired KPS values."""
        score = tokuhashi_revised(attrs.evolve(case_patient(0), kps=None, ecog=ecog))
        expected = {ORACLE_GENERAL[kps] for kps in ORACLE_KPS_OF_ECOG[ecog]}
        component = score.components[0]
        assert (min(expected), max(expected)) == (component.points.low, component.points.high)

    def test_recorded_kps_wins_over_ecog(self) -> None:
        """The native scale is used when recorded, even next to an inconsistent ECOG."""
        score = tokuhashi_revised(attrs.evolve(case_patient(0), kps=80, ecog=5))
        assert score.components[0].points.value == 2

    def test_conversion_is_a_parameter(self) -> None:
        """Buccheri's three-grade table pairs ECOG 2 with KPS 60-70: moderate, 1 point."""
        patient = attrs.evolve(case_patient(0), kps=None, ecog=1)
        score = tokuhashi_revised(patient, conversion=BUCCHERI_1996_TABLE)
        assert score.components[0].points.value == 2
        assert score.components[0].finding == "KPS 80–100 from ECOG 1 (Buccheri 1996)"

    def test_unknown_performance_status_excludes_death(self) -> None:
        """KPS unknown and ECOG unknown: 10-100, so general condition is 0-2, both unknown."""
        score = tokuhashi_revised(attrs.evolve(case_patient(4), kps=None, ecog=None))
        assert (score.components[0].points.low, score.components[0].points.high) == (0, 2)
        assert score.missing[:2] == ("kps", "ecog")


class TestTokuhashiOutOfScope:
    def test_kps_0_is_rejected(self) -> None:
        """KPS 0 means dead: outside the score, rejected naming the field."""
        with pytest.raises(InvalidInputError, match="'kps' must be from 10 to 100") as error:
            tokuhashi_revised(attrs.evolve(case_patient(0), kps=0))
        assert error.value.field == "kps"

    def test_ecog_5_without_kps_is_rejected(self) -> None:
        """ECOG 5 (dead) with the KPS unknown is rejected naming 'ecog'."""
        with pytest.raises(InvalidInputError, match="'ecog' must be from 0 to 4") as error:
            tokuhashi_revised(attrs.evolve(case_patient(0), kps=None, ecog=5))
        assert error.value.field == "ecog"

    def test_no_vertebral_metastasis_is_rejected(self) -> None:
        """A count of 0 vertebral metastases is outside a score of metastatic spine tumors."""
        with pytest.raises(InvalidInputError, match="'vertebral_metastases' must be >= 1"):
            tokuhashi_revised(attrs.evolve(case_patient(0), vertebral_metastases=0))


class TestTokuhashiPrimarySites:
    def test_every_primary_has_points(self) -> None:
        """The table places every PrimaryTumor, as the independent oracle does."""
        assert {p.value: set(TOKUHASHI_2005_PRIMARY.points[p]) for p in PrimaryTumor} == (
            ORACLE_PRIMARY
        )

    def test_inferred_and_ambiguous_primaries(self) -> None:
        """Unnamed primaries are 'others' by inference; neuroendocrine and cervix span two rows."""
        expected_inferred = {
            PrimaryTumor(value)
            for value, points in ORACLE_PRIMARY.items()
            if points == {2} and value != "other"
        } | {PrimaryTumor.OTHER}
        assert expected_inferred == TOKUHASHI_2005_PRIMARY.inferred
        assert {PrimaryTumor.NEUROENDOCRINE, PrimaryTumor.CERVIX} == (
            TOKUHASHI_2005_PRIMARY.ambiguous
        )

    def test_rows_as_printed(self) -> None:
        """Six rows worth 0 to 5 points."""
        assert list(range(6)) == sorted(TOKUHASHI_2005_ROWS)
        assert TOKUHASHI_2005_ROWS[5] == "thyroid, breast, prostate, carcinoid tumor"

    def test_unknown_primary_field_allows_every_row(self) -> None:
        """primary=None (missing) is not 'unidentified': every row stays possible."""
        assert {0, 1, 2, 3, 4, 5} == set(tokuhashi_primary_points(None))

    def test_neuroendocrine_range_and_missing(self) -> None:
        """A neuroendocrine primary gives 2 or 5, and the primary is what decides the band."""
        patient = attrs.evolve(case_patient(4), primary=PrimaryTumor.NEUROENDOCRINE)
        score = tokuhashi_revised(patient)  # 1 + 1 + 1 + 1 + {2, 5} + 2
        assert (str(score.points), score.missing) == ("8–11", ("primary",))

    def test_a_custom_table_can_be_passed(self) -> None:
        """A table that places the cervix in the uterus row removes its ambiguity."""
        points = {**TOKUHASHI_2005_PRIMARY.points, PrimaryTumor.CERVIX: frozenset({3})}
        table = attrs.evolve(TOKUHASHI_2005_PRIMARY, name="cervix as uterus", points=points)
        patient = attrs.evolve(case_patient(4), primary=PrimaryTumor.CERVIX)
        assert tokuhashi_revised(patient, primary_table=table).points.value == 9

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            ({"points": {PrimaryTumor.BREAST: frozenset({5})}}, "every PrimaryTumor"),
            ({"placement": {}}, "every PrimaryTumor"),
            (
                {"points": {**TOKUHASHI_2005_PRIMARY.points, PrimaryTumor.BREAST: frozenset()}},
                "non-empty sets",
            ),
            (
                {"points": {**TOKUHASHI_2005_PRIMARY.points, PrimaryTumor.BREAST: frozenset({6})}},
                "row points 0-5",
            ),
        ],
        ids=["missing primary", "missing placement", "empty set", "point out of table"],
    )
    def test_an_incomplete_table_is_rejected(self, change: dict[str, Any], message: str) -> None:
        """A table must place every primary with points of the table's rows."""
        with pytest.raises(InvalidInputError, match=message):
            attrs.evolve(TOKUHASHI_2005_PRIMARY, **change)

    def test_table_type(self) -> None:
        """The default table is a TokuhashiPrimaryTable citing Tokuhashi 2005, with a short repr."""
        assert isinstance(TOKUHASHI_2005_PRIMARY, TokuhashiPrimaryTable)
        assert repr(TOKUHASHI_2005_PRIMARY) == "TokuhashiPrimaryTable(name='Tokuhashi 2005')"
        assert TOKUHASHI_2005_PRIMARY.citation.key == "tokuhashi2005"


class TestTokuhashiProperties:
    @given(scorable_patients())
    def test_range_is_sound_and_tight(self, patient: Patient) -> None:
        """The range holds the total of every completion, and both ends are reached."""
        totals = [sum(c.values()) for c in completions(patient)]
        score = tokuhashi_revised(patient)
        assert (min(totals), max(totals)) == (score.points.low, score.points.high)

    @given(scorable_patients())
    def test_categories_and_missing(self, patient: Patient) -> None:
        """Possible bands are those of the completions; `missing` names the deciding inputs."""
        bands = {oracle_category(sum(c.values())) for c in completions(patient)}
        score = tokuhashi_revised(patient)
        assert bands == score.possible_categories
        assert (score.category is None) == (len(bands) > 1)
        assert oracle_missing(patient) == set(score.missing)

    @given(scorable_patients())
    def test_bounds_and_sum_of_items(self, patient: Patient) -> None:
        """0 <= total <= 15, and the item ranges add up to the total (the items are independent)."""
        score = tokuhashi_revised(patient)
        assert 0 <= score.points.low <= score.points.high <= 15
        assert sum(c.points.low for c in score.components) == score.points.low
        assert sum(c.points.high for c in score.components) == score.points.high

    @given(scorable_patients(unknowns=False))
    def test_a_worse_finding_never_raises_the_score(self, patient: Patient) -> None:
        """Replacing any input by a clinically worse one never raises either end of the total."""
        base = tokuhashi_revised(patient).points
        for worse in worse_variants(patient):
            points = tokuhashi_revised(worse).points
            assert (points.low, points.high) <= (base.low, base.high)
            assert points.high <= base.high

    @given(scorable_patients())
    def test_json_round_trip_and_determinism(self, patient: Patient) -> None:
        """The result round-trips through JSON, and the same input gives the same JSON."""
        score = tokuhashi_revised(patient)
        assert score == from_json(to_json(score), TokuhashiScore)
        assert to_json(score) == to_json(tokuhashi_revised(patient))

    @given(scorable_patients(), st.randoms(use_true_random=False))
    def test_lesion_order_does_not_matter(self, patient: Patient, rng: random.Random) -> None:
        """Shuffling the lesions leaves the result unchanged."""
        lesions = list(patient.lesions)
        rng.shuffle(lesions)
        shuffled = attrs.evolve(patient, lesions=tuple(lesions))
        assert tokuhashi_revised(patient) == tokuhashi_revised(shuffled)

    def test_lesions_bound_the_vertebral_count(self) -> None:
        """Two recorded levels with the count unknown: 2 or more vertebrae, 0-1 points."""
        lesion = SpinalLesion(levels=(VertebralLevel.T11, VertebralLevel.T12))
        patient = attrs.evolve(case_patient(0), vertebral_metastases=None, lesions=(lesion,))
        component = tokuhashi_revised(patient).components[2]
        assert (component.points.low, component.points.high) == (0, 1)
        assert component.finding == "unknown; at least 2 from the recorded lesions"

    def test_category_function(self) -> None:
        """tokuhashi_category agrees with the oracle on every total 0-15."""
        assert [oracle_category(t) for t in range(16)] == [tokuhashi_category(t) for t in range(16)]


def worse_variants(patient: Patient) -> list[Patient]:
    """Variants of a fully known patient with one input made worse (no more points)."""
    now = {name: min(values) for name, values in point_sets(patient).items()}
    least = max(involved_levels(patient), 1)
    return [
        *(attrs.evolve(patient, kps=k) for k in ORACLE_GENERAL if ORACLE_GENERAL[k] <= now["kps"]),
        *(
            attrs.evolve(patient, extraspinal_bone_metastases=n)
            for n in range(6)
            if oracle_extraspinal(n) <= now["extraspinal"]
        ),
        *(
            attrs.evolve(patient, vertebral_metastases=n)
            for n in range(least, least + 4)
            if oracle_vertebral(n) <= now["vertebral"]
        ),
        *(
            attrs.evolve(patient, visceral_metastases=v)
            for v in VisceralMetastases
            if ORACLE_VISCERAL[v.value] <= now["visceral"]
        ),
        *(
            attrs.evolve(patient, frankel=f)
            for f in Frankel
            if ORACLE_PALSY[f.value] <= now["frankel"]
        ),
        *(
            attrs.evolve(patient, primary=p)
            for p in PrimaryTumor
            if max(ORACLE_PRIMARY[p.value]) <= now["primary"]
        ),
    ]
