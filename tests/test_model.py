from typing import Any

import attrs
import pytest
from hypothesis import given

from spinal_metastasis import (
    ESCC,
    Fractionation,
    InvalidInputError,
    Pain,
    Patient,
    RadiationCourse,
    SpinalLesion,
    SystemicAgent,
    VertebralLevel,
)
from spinal_metastasis.testing import patients, spinal_lesions

T9, T10, T11, T12 = (VertebralLevel.T9, VertebralLevel.T10, VertebralLevel.T11, VertebralLevel.T12)


def lesion(**kwargs: Any) -> SpinalLesion:
    return SpinalLesion(levels=(T12,), **kwargs)


class TestSpinalLesion:
    def test_every_finding_defaults_to_unknown(self) -> None:
        """Only the levels are required; every finding is None (unknown)."""
        bare = lesion()
        assert all(
            getattr(bare, field.name) is None
            for field in attrs.fields(SpinalLesion)
            if field.name != "levels"
        )

    def test_accepts_a_label_and_a_list(self) -> None:
        """Levels may be given as a label or a list; they are stored as a tuple."""
        assert SpinalLesion(levels="T11-T12").levels == (T11, T12)
        assert SpinalLesion(levels=[T11, T12]).levels == (T11, T12)

    @pytest.mark.parametrize(
        ("levels", "message"),
        [
            ((), "'levels' must be a tuple of at least 1"),
            ((T9, T11), "'levels' must be contiguous levels.*got 'T9, T11'"),
            ((T10, T9), "'levels' must be contiguous"),
            ((T9, T9), "'levels' must be contiguous"),
            (("t9",), "'levels' must be a VertebralLevel \\(one of c1, "),
            (12, "'levels' must be a tuple"),
        ],
    )
    def test_rejects_bad_levels(self, levels: Any, message: str) -> None:
        """Empty, non-contiguous, repeated or mistyped levels are rejected naming 'levels'."""
        with pytest.raises(InvalidInputError, match=message):
            SpinalLesion(levels=levels)

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("pain", "mechanical", "'pain' must be a Pain \\(one of mechanical, "),
            ("escc", "4", "'escc' must be a ESCC \\(one of 0, 1a, 1b, 1c, 2, 3"),
            ("worst_pain_nrs", 11, "'worst_pain_nrs' must be an integer from 0 to 10"),
            ("worst_pain_nrs", True, "'worst_pain_nrs' must be an integer"),
            ("distance_to_cord_mm", -1.0, "'distance_to_cord_mm' must be a finite number >= 0"),
            ("distance_to_cord_mm", float("nan"), "'distance_to_cord_mm' must be a finite"),
            ("posterior_wall_intact", 1, "'posterior_wall_intact' must be True or False"),
        ],
    )
    def test_rejects_bad_findings(self, field: str, value: object, message: str) -> None:
        """Each bad finding is rejected with a message naming the field and what is allowed."""
        with pytest.raises(InvalidInputError, match=message) as info:
            lesion(**{field: value})
        assert field == info.value.field

    def test_escc_order_is_by_severity(self) -> None:
        """ESCC grades are ordered 0 < 1a < 1b < 1c < 2 < 3 by .order, not by arithmetic."""
        assert [grade.order for grade in ESCC] == [0, 1, 2, 3, 4, 5]
        assert ESCC.GRADE_1C.label == "1c"

    def test_str_lists_known_findings(self) -> None:
        """str() shows the levels and the known findings only."""
        assert str(lesion(pain=Pain.MECHANICAL, escc=ESCC.GRADE_1B)) == (
            "T12: pain mechanical, ESCC 1b"
        )
        assert str(lesion()) == "T12: findings unknown"

    @given(spinal_lesions())
    def test_evolve_revalidates(self, generated: SpinalLesion) -> None:
        """attrs.evolve re-runs the validators."""
        with pytest.raises(InvalidInputError, match="'worst_pain_nrs'"):
            attrs.evolve(generated, worst_pain_nrs=-1)


class TestFractionation:
    def test_dose_per_fraction(self) -> None:
        """Dose per fraction is derived, not stored."""
        assert Fractionation(total_dose_gy=24, fractions=2).dose_per_fraction_gy == 12.0
        assert str(Fractionation(total_dose_gy=8, fractions=1)) == "8 Gy / 1 fraction"

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"total_dose_gy": 0, "fractions": 1}, "'total_dose_gy' must be a finite number > 0"),
            ({"total_dose_gy": -8, "fractions": 1}, "'total_dose_gy'"),
            ({"total_dose_gy": "8", "fractions": 1}, "'total_dose_gy'"),
            ({"total_dose_gy": 8, "fractions": 0}, "'fractions' must be an integer from 1 to 50"),
            ({"total_dose_gy": 8, "fractions": 1.0}, "'fractions'"),
        ],
    )
    def test_rejects_impossible_schedules(self, kwargs: dict[str, Any], message: str) -> None:
        """Doses <= 0, fractions < 1 and wrong types are rejected."""
        with pytest.raises(InvalidInputError, match=message):
            Fractionation(**kwargs)


class TestRadiationCourse:
    def test_cord_dose_in_the_same_fractions(self) -> None:
        """The cord point dose must be in the prescription's number of fractions."""
        with pytest.raises(InvalidInputError, match="'cord_max_dose' must be a point dose"):
            RadiationCourse(
                levels=(T12,),
                fractionation=Fractionation(total_dose_gy=20, fractions=5),
                cord_max_dose=Fractionation(total_dose_gy=20, fractions=4),
            )

    def test_text(self) -> None:
        """str() shows levels, schedule and interval."""
        course = RadiationCourse(
            levels="T9-T11",
            fractionation=Fractionation(total_dose_gy=20, fractions=5),
            days_since_completion=120,
        )
        assert str(course) == "T9–T11: 20 Gy / 5 fractions, 120 days ago"


class TestPatient:
    def test_everything_defaults_to_unknown(self) -> None:
        """A patient can be built with nothing known."""
        assert Patient().kps is None
        assert Patient().lesions == ()

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("kps", 75, "'kps' must be an integer from 0 to 100 in steps of 10"),
            ("kps", 110, "'kps'"),
            ("ecog", 6, "'ecog' must be an integer from 0 to 5"),
            ("extraspinal_bone_metastases", -1, "'extraspinal_bone_metastases' must be"),
            ("albumin_g_per_dl", 0, "'albumin_g_per_dl' must be a finite number > 0"),
            ("platelets_10e9_per_l", -5, "'platelets_10e9_per_l'"),
            ("systemic_therapy", ("hormonal",), "'systemic_therapy' must be a SystemicAgent"),
            ("systemic_therapy", "hormonal", "'systemic_therapy' must be a tuple of"),
            ("ambulatory", "yes", "'ambulatory' must be True or False"),
        ],
    )
    def test_rejects_impossible_values(self, field: str, value: object, message: str) -> None:
        """Each impossible value is rejected naming the field, the allowed range and the value."""
        kwargs: dict[str, Any] = {field: value}
        with pytest.raises(InvalidInputError, match=message):
            Patient(**kwargs)

    def test_rejects_repeated_agents(self) -> None:
        """A current agent class is listed once."""
        with pytest.raises(InvalidInputError, match="without repeats"):
            Patient(systemic_therapy=(SystemicAgent.HORMONAL, SystemicAgent.HORMONAL))

    def test_rejects_lesions_that_share_a_level(self) -> None:
        """Two lesions cannot share a level."""
        with pytest.raises(InvalidInputError, match="'lesions' must be lesions that do not share"):
            Patient(lesions=(SpinalLesion(levels="T11-T12"), SpinalLesion(levels="T12")))

    def test_vertebral_count_covers_the_lesions(self) -> None:
        """The vertebral metastasis count is at least the number of involved levels."""
        with pytest.raises(InvalidInputError, match="'vertebral_metastases' must be >= the 2"):
            Patient(lesions=(SpinalLesion(levels="T11-T12"),), vertebral_metastases=1)

    @given(patients())
    def test_identifier_never_displayed(self, patient: Patient) -> None:
        """The identifier appears in neither repr nor str."""
        identified = attrs.evolve(patient, patient_id="MRN-0042-SECRET")
        assert "MRN-0042-SECRET" not in repr(identified)
        assert "MRN-0042-SECRET" not in str(identified)

    def test_identifier_never_in_errors(self) -> None:
        """A bad identifier is rejected without echoing it."""
        with pytest.raises(InvalidInputError) as info:
            Patient(patient_id="x" * 129)
        assert "xxxx" not in str(info.value)
        assert "'patient_id'" in str(info.value)

    def test_str_summarizes(self) -> None:
        """str() names the primary, performance status and lesions."""
        patient = Patient(kps=80, lesions=(SpinalLesion(levels="T12"),))
        assert str(patient) == "Patient with unknown primary, KPS 80; spinal lesion: T12"
        assert str(Patient()) == (
            "Patient with unknown primary, performance status unknown; "
            "spinal lesions: none recorded"
        )
