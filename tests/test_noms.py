import itertools
from typing import Any

import attrs
import pytest
from hypothesis import given

from spinal_metastasis import (
    ESCC,
    Alignment,
    BoneLesion,
    Collapse,
    Frankel,
    Pain,
    Patient,
    Posterolateral,
    PrimaryTumor,
    SpinalLesion,
    VertebralLevel,
    VisceralMetastases,
    from_json,
    to_json,
)
from spinal_metastasis.pathways import NomsPathway, NomsResult, Stabilization, noms
from spinal_metastasis.scores.escc import ESCC_1C_HIGH
from spinal_metastasis.testing import patients

STABLE_LESION: dict[str, Any] = {
    "pain": Pain.OCCASIONAL_NON_MECHANICAL,
    "bone_lesion": BoneLesion.BLASTIC,
    "alignment": Alignment.NORMAL,
    "collapse": Collapse.NONE,
    "posterolateral": Posterolateral.NONE,
}
OPERABLE: dict[str, Any] = {
    "medically_operable": True,
    "expected_survival_years": 1.0,
    "kps": 80,
    "visceral_metastases": VisceralMetastases.NONE,
}


def case(primary: PrimaryTumor, escc: ESCC, **patient: Any) -> NomsResult:
    lesion = SpinalLesion(levels=(VertebralLevel.T7,), escc=escc, **STABLE_LESION)
    return noms(Patient(primary=primary, lesions=(lesion,), **patient), lesion)


class TestNomsTable:
    @pytest.mark.parametrize(
        ("primary", "escc", "patient", "pathway"),
        [
            pytest.param(
                PrimaryTumor.BREAST,
                ESCC.GRADE_1A,
                OPERABLE,
                NomsPathway.CONVENTIONAL_EBRT,
                id="low grade, radiosensitive: cEBRT (Laufer 2013)",
            ),
            pytest.param(
                PrimaryTumor.KIDNEY,
                ESCC.GRADE_1B,
                OPERABLE,
                NomsPathway.SBRT,
                id="low grade, radioresistant: SBRT (Laufer 2013)",
            ),
            pytest.param(
                PrimaryTumor.LYMPHOMA,
                ESCC.GRADE_3,
                OPERABLE,
                NomsPathway.CONVENTIONAL_EBRT,
                id="high grade, radiosensitive: cEBRT whatever the compression (MSKCC 2010)",
            ),
            pytest.param(
                PrimaryTumor.MELANOMA,
                ESCC.GRADE_2,
                OPERABLE,
                NomsPathway.SEPARATION_SURGERY_THEN_SBRT,
                id="high grade, radioresistant, operable: separation surgery then SBRT",
            ),
            pytest.param(
                PrimaryTumor.MELANOMA,
                ESCC.GRADE_2,
                {"medically_operable": False},
                NomsPathway.CONVENTIONAL_EBRT,
                id="high grade, radioresistant, inoperable: cEBRT (Laufer 2013)",
            ),
            pytest.param(
                PrimaryTumor.KIDNEY,
                ESCC.GRADE_3,
                {"medically_operable": True, "expected_survival_years": 0.2},
                NomsPathway.CONVENTIONAL_EBRT,
                id="high grade, radioresistant, survival < 3 months: cEBRT (Patchell floor)",
            ),
        ],
    )
    def test_rows(
        self, primary: PrimaryTumor, escc: ESCC, patient: dict[str, Any], pathway: NomsPathway
    ) -> None:
        """Each row of the NOMS decision table gives its pathway."""
        assert pathway is case(primary, escc, **patient).pathway

    def test_radiosensitive_tumor_needs_no_escc_grade(self) -> None:
        """An unknown ESCC grade cannot change the pathway of a radiosensitive tumor."""
        result = case(PrimaryTumor.MYELOMA, None, **OPERABLE)  # type: ignore[arg-type]
        assert result.pathway is NomsPathway.CONVENTIONAL_EBRT
        assert "escc" not in result.missing

    def test_radioresistant_tumor_waits_for_the_grade(self) -> None:
        """For a radioresistant tumor the unknown ESCC grade decides, and is named."""
        result = case(PrimaryTumor.KIDNEY, None, **OPERABLE)  # type: ignore[arg-type]
        assert result.pathway is NomsPathway.UNDETERMINED
        assert result.missing == ("escc",)
        assert result.possible_pathways == {
            NomsPathway.SBRT,
            NomsPathway.SEPARATION_SURGERY_THEN_SBRT,
        }

    def test_unclassified_primary_names_no_missing_field(self) -> None:
        """A known primary the table leaves open waits for no field, and a finding says why."""
        result = case(PrimaryTumor.CERVIX, ESCC.GRADE_3, **OPERABLE)
        assert result.pathway is NomsPathway.UNDETERMINED
        assert result.missing == ()
        expected = (
            "Oncologic: primary not classified by the chosen table (radiosensitive or "
            "radioresistant to conventional EBRT)."
        )
        assert expected == result.findings[1].statement

    def test_grade_1c_follows_the_chosen_grouping(self) -> None:
        """Grade 1c is low grade by default and high grade in the alternative grouping."""
        lesion = SpinalLesion(levels=(VertebralLevel.T7,), escc=ESCC.GRADE_1C, **STABLE_LESION)
        patient = Patient(primary=PrimaryTumor.KIDNEY, lesions=(lesion,), **OPERABLE)
        assert noms(patient, lesion).pathway is NomsPathway.SBRT
        alternative = noms(patient, lesion, escc_grouping=ESCC_1C_HIGH)
        assert alternative.pathway is NomsPathway.SEPARATION_SURGERY_THEN_SBRT


class TestStabilization:
    @pytest.mark.parametrize(
        ("changes", "expected"),
        [
            pytest.param({}, Stabilization.NONE, id="stable, no mechanical pain: none"),
            pytest.param(
                {"pain": Pain.MECHANICAL},
                Stabilization.PERCUTANEOUS_AUGMENTATION,
                id="mechanical pain without gross instability: cement augmentation (NOMS)",
            ),
            pytest.param(
                {
                    "pain": Pain.MECHANICAL,
                    "bone_lesion": BoneLesion.LYTIC,
                    "alignment": Alignment.SUBLUXATION_TRANSLATION,
                    "collapse": Collapse.AT_LEAST_50_PERCENT,
                    "posterolateral": Posterolateral.BILATERAL,
                },
                Stabilization.SURGICAL,
                id="gross instability, SINS 13-18: surgical stabilization (NOMS)",
            ),
        ],
    )
    def test_mechanical_assessment(self, changes: dict[str, Any], expected: Stabilization) -> None:
        """Stabilization follows SINS and mechanical pain."""
        lesion = SpinalLesion(levels=(VertebralLevel.T7,), **(STABLE_LESION | changes))
        assert expected is noms(Patient(lesions=(lesion,)), lesion).stabilization


PATHWAY_INPUTS: dict[str, tuple[Any, ...]] = {
    "primary": (PrimaryTumor.BREAST, PrimaryTumor.KIDNEY),
    "medically_operable": (True, False),
    "expected_survival_years": (0.1, 2.0),
}


def completions(patient: Patient) -> list[Patient]:
    lesion = patient.lesions[0]
    patient_fields = [name for name in PATHWAY_INPUTS if getattr(patient, name) is None]
    escc_values = list(ESCC) if lesion.escc is None else [lesion.escc]
    result = []
    for values in itertools.product(*(PATHWAY_INPUTS[name] for name in patient_fields)):
        for escc in escc_values:
            filled_lesion = attrs.evolve(lesion, escc=escc)
            result.append(
                attrs.evolve(
                    patient,
                    lesions=(filled_lesion, *patient.lesions[1:]),
                    **dict(zip(patient_fields, values, strict=True)),
                )
            )
    return result


class TestNomsUnknowns:
    @given(patients(max_lesions=1).filter(lambda p: len(p.lesions) == 1))
    def test_a_determined_pathway_holds_for_every_completion(self, patient: Patient) -> None:
        """Completions never leave the possible pathways; a determined pathway is theirs too."""
        result = noms(patient, patient.lesions[0])
        for completed in completions(patient):
            other = noms(completed, completed.lesions[0])
            assert other.possible_pathways <= result.possible_pathways
            if result.pathway is not NomsPathway.UNDETERMINED:
                assert result.pathway is other.pathway

    @given(patients(max_lesions=1).filter(lambda p: len(p.lesions) == 1))
    def test_round_trip_and_determinism(self, patient: Patient) -> None:
        """The result round-trips through JSON and repeats exactly."""
        result = noms(patient, patient.lesions[0])
        assert result == from_json(to_json(result), NomsResult)
        assert result == noms(patient, patient.lesions[0])


class TestGrossInstability:
    def test_translation_is_gross_instability_whatever_the_total(self) -> None:
        """Subluxation/translation calls for surgical stabilization even with SINS below 13."""
        lesion = SpinalLesion(
            levels=(VertebralLevel.T7,),
            **(STABLE_LESION | {"alignment": Alignment.SUBLUXATION_TRANSLATION}),
        )
        result = noms(Patient(lesions=(lesion,)), lesion)
        assert result.sins.points.value is not None
        assert result.sins.points.value < 13
        assert result.stabilization is Stabilization.SURGICAL

    def test_unknown_alignment_waits_for_it(self) -> None:
        """With the alignment unknown, a possible translation leaves the stabilization open."""
        lesion = SpinalLesion(levels=(VertebralLevel.T7,), **(STABLE_LESION | {"alignment": None}))
        result = noms(Patient(lesions=(lesion,)), lesion)
        assert result.stabilization is Stabilization.UNDETERMINED
        assert "alignment" in result.missing


class TestSteroidsAndUrgency:
    """C31, C32: high-grade compression with a deficit (Frankel A-D)."""

    @pytest.mark.parametrize(
        ("frankel", "count"),
        [
            pytest.param(Frankel.D, 2, id="Frankel D: a deficit"),
            pytest.param(Frankel.E, 0, id="Frankel E: none"),
        ],
    )
    def test_findings(self, frankel: Frankel, count: int) -> None:
        """Dexamethasone (ASTRO 2024, no dose) and the 24-hour emergency (NICE QS56)."""
        result = case(PrimaryTumor.KIDNEY, ESCC.GRADE_2, frankel=frankel, **OPERABLE)
        texts = [f.statement for f in result.findings]
        steroid = [t for t in texts if "dexamethasone" in t]
        urgent = [t for t in texts if "within 24 hours" in t]
        assert count == len(steroid) + len(urgent)
        if count:
            assert "no dose" in steroid[0]

    def test_low_grade_has_neither(self) -> None:
        """Low-grade compression with a deficit: no steroid or urgency finding."""
        result = case(PrimaryTumor.KIDNEY, ESCC.GRADE_1A, frankel=Frankel.D, **OPERABLE)
        assert not [f for f in result.findings if "dexamethasone" in f.statement]
