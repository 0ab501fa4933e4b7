import itertools
import random

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from spinal_metastasis import (
    InvalidInputError,
    Patient,
    PrimaryTumor,
    SpinalLesion,
    VertebralLevel,
    VisceralMetastases,
    from_json,
    to_json,
)
from spinal_metastasis.histology.tomita import (
    TOMITA_2001_GROWTH,
    TomitaGrowth,
    tomita_growth,
)
from spinal_metastasis.io import example_patient
from spinal_metastasis.scores.tomita import TomitaCategory, TomitaScore, tomita, tomita_category
from spinal_metastasis.testing import patients
from tests.cases.tomita import TOMITA_CASES

# --- An independent oracle, written from the Tomita 2001 table as reproduced ------------------

# Growth groups named by example in the reproductions; other primaries are open (1, 2 or 4).
ORACLE_GROWTH_NAMED = {
    "breast": 1,
    "thyroid": 1,
    "prostate": 1,
    "kidney": 2,
    "uterus": 2,
    "lung_non_small_cell": 4,
    "lung_small_cell": 4,
    "liver": 4,
    "stomach": 4,
    "colon": 4,
    "unknown_primary": 4,
}
ORACLE_VISCERAL = {"none": 0, "treatable": 2, "untreatable": 4}
FIELDS = ("primary", "visceral", "vertebral", "extraspinal")


def oracle_growth(primary: PrimaryTumor | None) -> set[int]:
    if primary is None or primary.value not in ORACLE_GROWTH_NAMED:
        return {1, 2, 4}
    return {ORACLE_GROWTH_NAMED[primary.value]}


def oracle_category(total: int) -> TomitaCategory:
    if total <= 3:
        return TomitaCategory.LONG_TERM_LOCAL_CONTROL
    if total <= 5:
        return TomitaCategory.MIDDLE_TERM_LOCAL_CONTROL
    if total <= 7:
        return TomitaCategory.SHORT_TERM_PALLIATION
    return TomitaCategory.TERMINAL_CARE


def involved_levels(patient: Patient) -> int:
    return sum(len(lesion.levels) for lesion in patient.lesions)


def value_sets(patient: Patient) -> dict[str, set[int]]:
    """Every value each input can take; counts reduced to classes (one / more) after enumeration."""
    vertebral = patient.vertebral_metastases
    extraspinal = patient.extraspinal_bone_metastases
    least = max(involved_levels(patient), 1)
    return {
        "primary": oracle_growth(patient.primary),
        "visceral": (
            set(ORACLE_VISCERAL.values())
            if patient.visceral_metastases is None
            else {ORACLE_VISCERAL[patient.visceral_metastases.value]}
        ),
        # 1 = exactly one vertebral body, 2 = two or more
        "vertebral": {min(n, 2) for n in (range(least, 30) if vertebral is None else [vertebral])},
        # 0 = no extraspinal focus, 1 = one or more
        "extraspinal": {min(n, 1) for n in (range(1001) if extraspinal is None else [extraspinal])},
    }


def oracle_total(values: dict[str, int]) -> int:
    solitary = values["vertebral"] == 1 and values["extraspinal"] == 0
    return values["primary"] + values["visceral"] + (1 if solitary else 2)


def completions(patient: Patient) -> list[dict[str, int]]:
    sets = value_sets(patient)
    return [
        dict(zip(FIELDS, values, strict=True))
        for values in itertools.product(*(sorted(sets[name]) for name in FIELDS))
    ]


def oracle_missing(patient: Patient) -> set[str]:
    sets = value_sets(patient)
    names = {
        "primary": "primary",
        "visceral": "visceral_metastases",
        "vertebral": "vertebral_metastases",
        "extraspinal": "extraspinal_bone_metastases",
    }
    deciding: set[str] = set()
    for name in FIELDS:
        others = [other for other in FIELDS if other != name]
        for rest in itertools.product(*(sorted(sets[other]) for other in others)):
            base = dict(zip(others, rest, strict=True))
            bands = {oracle_category(oracle_total({**base, name: v})) for v in sets[name]}
            if len(bands) > 1:
                deciding.add(names[name])
                break
    return deciding


def scorable_patients(*, unknowns: bool = True) -> st.SearchStrategy[Patient]:
    return patients(unknowns=unknowns).filter(lambda p: p.vertebral_metastases != 0)


def case_patient(index: int) -> Patient:
    patient = TOMITA_CASES[index].values[0]
    assert isinstance(patient, Patient)
    return patient


class TestTomita:
    @pytest.mark.parametrize(("patient", "expected_total", "category"), TOMITA_CASES)
    def test_worked_cases_and_band_boundaries(
        self, patient: Patient, expected_total: int, category: TomitaCategory
    ) -> None:
        """Totals and bands of the worked cases, and both sides of 3/4, 5/6 and 7/8."""
        score = tomita(patient)
        assert (expected_total, category) == (score.points.value, score.category)

    def test_every_known_combination_matches_the_oracle(self) -> None:
        """Every primary x visceral x vertebral x extraspinal combination matches the oracle."""
        for primary, visceral, vertebral, extraspinal in itertools.product(
            PrimaryTumor, VisceralMetastases, (1, 2, 3), (0, 1, 2)
        ):
            patient = Patient(
                primary=primary,
                visceral_metastases=visceral,
                vertebral_metastases=vertebral,
                extraspinal_bone_metastases=extraspinal,
            )
            totals = {oracle_total(c) for c in completions(patient)}
            bands = frozenset(oracle_category(t) for t in totals)
            score = tomita(patient)
            assert (min(totals), max(totals), bands) == (
                score.points.low,
                score.points.high,
                score.possible_categories,
            )

    def test_worked_example_text(self) -> None:
        """The worked minimum prints its items and the band's goal and strategy."""
        score = tomita(case_patient(0))
        assert str(score) == (
            "Tomita 2 (long-term local control): primary tumor growth 1, "
            "visceral metastases 0, bone metastases 1"
        )
        assert [c.finding for c in score.components] == [
            "breast: slow growth",
            "none",
            "solitary (1 vertebral, 0 extraspinal)",
        ]
        assert score.citation.key == "tomita2001"

    @pytest.mark.parametrize(
        ("index", "goal", "strategy"),
        [
            (1, "long-term local control", "wide or marginal excision"),
            (2, "middle-term local control", "marginal or intralesional excision"),
            (4, "short-term palliation", "palliative surgery"),
            (6, "terminal care", "non-operative supportive care"),
        ],
        ids=["2-3", "4-5", "6-7", "8-10"],
    )
    def test_band_texts(self, index: int, goal: str, strategy: str) -> None:
        """Each band carries its treatment goal and surgical strategy (Tomita 2001)."""
        score = tomita(case_patient(index))
        assert (goal, strategy) == (score.treatment_goal, score.surgical_strategy)

    def test_band_texts_are_none_when_undetermined(self) -> None:
        """With everything unknown: 2-10, every band, no single goal or strategy."""
        score = tomita(Patient())
        assert (score.points.low, score.points.high) == (2, 10)
        assert (score.category, score.treatment_goal, score.surgical_strategy) == (
            None,
            None,
            None,
        )
        assert str(score).startswith("Tomita 2–10 (long-term local control or middle-term")

    def test_category_function(self) -> None:
        """tomita_category agrees with the oracle on every total 2-10."""
        assert [oracle_category(t) for t in range(2, 11)] == [
            tomita_category(t) for t in range(2, 11)
        ]

    def test_the_example_patient_in_the_docs(self) -> None:
        """The partly known prostate example is exact: two lesions make the metastases multiple."""
        score = tomita(example_patient("prostate_partly_known"))
        assert (score.points.value, score.missing) == (3, ())
        assert score.components[2].finding == (
            "multiple (unknown vertebral, unknown extraspinal; at least 3 involved levels recorded)"
        )

    def test_no_vertebral_metastasis_is_rejected(self) -> None:
        """A count of 0 vertebral metastases is outside a score of spinal metastases."""
        with pytest.raises(InvalidInputError, match="'vertebral_metastases' must be >= 1") as error:
            tomita(attrs.evolve(case_patient(0), vertebral_metastases=0))
        assert error.value.field == "vertebral_metastases"


class TestTomitaBoneMetastases:
    def test_two_involved_levels_make_it_multiple(self) -> None:
        """Counts unknown, lesion T11-T12: multiple, whatever the extraspinal count."""
        lesion = SpinalLesion(levels=(VertebralLevel.T11, VertebralLevel.T12))
        patient = Patient(primary=PrimaryTumor.BREAST, lesions=(lesion,))
        assert tomita(patient).components[2].points.value == 2

    def test_one_level_and_no_extraspinal_focus_leave_the_vertebral_count_open(self) -> None:
        """One recorded level, count unknown, no extraspinal focus: solitary or multiple."""
        lesion = SpinalLesion(levels=(VertebralLevel.L3,))
        patient = Patient(
            primary=PrimaryTumor.KIDNEY,
            lesions=(lesion,),
            visceral_metastases=VisceralMetastases.NONE,
            extraspinal_bone_metastases=0,
        )
        score = tomita(patient)
        assert (str(score.points), score.missing) == ("3–4", ("vertebral_metastases",))
        assert score.components[2].finding.startswith("solitary or multiple")

    def test_a_known_extraspinal_focus_makes_it_multiple(self) -> None:
        """One extraspinal focus and a vertebral metastasis are two bone metastases."""
        patient = attrs.evolve(
            case_patient(0), vertebral_metastases=None, extraspinal_bone_metastases=1
        )
        assert tomita(patient).components[2].points.value == 2

    def test_one_vertebra_with_extraspinal_count_unknown(self) -> None:
        """One vertebral body, extraspinal count unknown: only the extraspinal count decides."""
        patient = attrs.evolve(case_patient(1), extraspinal_bone_metastases=None)
        score = tomita(patient)
        assert (str(score.points), score.missing) == ("3–4", ("extraspinal_bone_metastases",))


class TestTomitaGrowth:
    def test_named_examples_only(self) -> None:
        """The default table places exactly the primaries the reproductions name."""
        placed = {
            p.value: {TomitaGrowth.SLOW: 1, TomitaGrowth.MODERATE: 2, TomitaGrowth.RAPID: 4}[g]
            for p, g in TOMITA_2001_GROWTH.groups.items()
            if g is not None
        }
        assert placed == ORACLE_GROWTH_NAMED
        assert {p for p in PrimaryTumor if p.value not in ORACLE_GROWTH_NAMED} == (
            TOMITA_2001_GROWTH.unplaced
        )

    def test_an_unplaced_primary_gives_a_range(self) -> None:
        """Melanoma is not placed: growth 1-4, and the primary is what decides the band."""
        patient = attrs.evolve(case_patient(0), primary=PrimaryTumor.MELANOMA)
        score = tomita(patient)
        assert (str(score.points), score.missing) == ("2–5", ("primary",))
        assert score.components[0].finding == (
            "melanoma: growth group not placed by Tomita 2001 (named examples only)"
        )

    def test_a_custom_table_can_be_passed(self) -> None:
        """A table that calls melanoma rapid gives an exact total."""
        groups = {**TOMITA_2001_GROWTH.groups, PrimaryTumor.MELANOMA: TomitaGrowth.RAPID}
        table = attrs.evolve(TOMITA_2001_GROWTH, name="with melanoma", groups=groups)
        patient = attrs.evolve(case_patient(0), primary=PrimaryTumor.MELANOMA)
        assert tomita(patient, growth_table=table).points.value == 5

    def test_repr_is_short(self) -> None:
        """The repr names the table instead of printing every entry."""
        assert repr(TOMITA_2001_GROWTH) == (
            "TomitaGrowthTable(name='Tomita 2001 (named examples only)')"
        )

    def test_an_incomplete_table_is_rejected(self) -> None:
        """A growth table must have an entry for every primary."""
        with pytest.raises(InvalidInputError, match="every PrimaryTumor"):
            attrs.evolve(TOMITA_2001_GROWTH, groups={PrimaryTumor.BREAST: TomitaGrowth.SLOW})

    @pytest.mark.parametrize(
        ("primary", "group"),
        [
            (PrimaryTumor.THYROID, TomitaGrowth.SLOW),
            (PrimaryTumor.UTERUS, TomitaGrowth.MODERATE),
            (PrimaryTumor.UNKNOWN_PRIMARY, TomitaGrowth.RAPID),
            (PrimaryTumor.PANCREAS, None),
            (None, None),
        ],
        ids=["thyroid slow", "uterus moderate", "unknown primary rapid", "pancreas open", "None"],
    )
    def test_tomita_growth(self, primary: PrimaryTumor | None, group: TomitaGrowth | None) -> None:
        """tomita_growth reads the table; an unplaced or unknown primary gives None."""
        assert group == tomita_growth(primary)


class TestTomitaProperties:
    @given(scorable_patients())
    def test_range_is_sound_and_tight(self, patient: Patient) -> None:
        """The range holds the total of every completion, and both ends are reached."""
        totals = [oracle_total(c) for c in completions(patient)]
        score = tomita(patient)
        assert (min(totals), max(totals)) == (score.points.low, score.points.high)

    @given(scorable_patients())
    def test_categories_and_missing(self, patient: Patient) -> None:
        """Possible bands are those of the completions; `missing` names the deciding inputs."""
        bands = {oracle_category(oracle_total(c)) for c in completions(patient)}
        score = tomita(patient)
        assert bands == score.possible_categories
        assert (score.category is None) == (len(bands) > 1)
        assert oracle_missing(patient) == set(score.missing)

    @given(scorable_patients())
    def test_bounds_and_sum_of_items(self, patient: Patient) -> None:
        """2 <= total <= 10; the item ranges add up to the total (items use disjoint inputs)."""
        score = tomita(patient)
        assert 2 <= score.points.low <= score.points.high <= 10
        assert sum(c.points.low for c in score.components) == score.points.low
        assert sum(c.points.high for c in score.components) == score.points.high

    @given(scorable_patients(unknowns=False))
    def test_a_worse_finding_never_lowers_the_score(self, patient: Patient) -> None:
        """Faster growth, worse visceral disease or more bone metastases never lower the total."""
        base = tomita(patient).points
        (now,) = completions(attrs.evolve(patient, primary=PrimaryTumor.BREAST))
        growth = max(oracle_growth(patient.primary))
        vertebral = min((patient.vertebral_metastases or 1) + 1, len(VertebralLevel))
        extraspinal = (patient.extraspinal_bone_metastases or 0) + 1
        variants: list[Patient] = [
            *(
                attrs.evolve(patient, primary=p)
                for p in PrimaryTumor
                if min(oracle_growth(p)) >= growth
            ),
            *(
                attrs.evolve(patient, visceral_metastases=v)
                for v in VisceralMetastases
                if ORACLE_VISCERAL[v.value] >= now["visceral"]
            ),
            attrs.evolve(patient, vertebral_metastases=vertebral),
            attrs.evolve(patient, extraspinal_bone_metastases=extraspinal),
        ]
        for worse in variants:
            points = tomita(worse).points
            assert points.low >= base.low
            assert points.high >= base.high

    @given(scorable_patients())
    def test_json_round_trip_and_determinism(self, patient: Patient) -> None:
        """The result round-trips through JSON, and the same input gives the same JSON."""
        score = tomita(patient)
        assert score == from_json(to_json(score), TomitaScore)
        assert to_json(score) == to_json(tomita(patient))

    @given(scorable_patients(), st.randoms(use_true_random=False))
    def test_lesion_order_does_not_matter(self, patient: Patient, rng: random.Random) -> None:
        """Shuffling the lesions leaves the result unchanged."""
        lesions = list(patient.lesions)
        rng.shuffle(lesions)
        assert tomita(patient) == tomita(attrs.evolve(patient, lesions=tuple(lesions)))
