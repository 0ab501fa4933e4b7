import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spinal_metastasis import (
    Assessment,
    Eligibility,
    Modality,
    NomsPathway,
    Patient,
    Priority,
    assess,
    example_names,
    example_patient,
    from_json,
    rank_options,
    to_json,
)
from spinal_metastasis.assessment import _dominates
from spinal_metastasis.testing import patients

priority_orders = st.lists(st.sampled_from(Priority), unique=True, min_size=1)


class TestAssess:
    def test_every_lesion_gets_every_modality(self) -> None:
        """Each lesion has one option per modality, in the order of Modality."""
        assessment = assess(example_patient("prostate_partly_known"))
        assert len(assessment.lesions) == 2
        for lesion in assessment.lesions:
            assert tuple(Modality) == tuple(option.modality for option in lesion.options)

    @pytest.mark.parametrize(
        ("name", "pathway", "modality", "eligibility"),
        [
            pytest.param(
                "renal_t7_cord_compression",
                NomsPathway.SEPARATION_SURGERY_THEN_SBRT,
                Modality.SEPARATION_SURGERY,
                Eligibility.ELIGIBLE,
                id="RCC, ESCC 2, operable: separation surgery (NOMS, Laufer 2013)",
            ),
            pytest.param(
                "myeloma_t9_high_grade",
                NomsPathway.CONVENTIONAL_EBRT,
                Modality.CONVENTIONAL_EBRT,
                Eligibility.ELIGIBLE,
                id="myeloma, ESCC 3: conventional EBRT whatever the compression (NOMS)",
            ),
            pytest.param(
                "myeloma_t9_high_grade",
                NomsPathway.CONVENTIONAL_EBRT,
                Modality.RADIOFREQUENCY_ABLATION,
                Eligibility.CONTRAINDICATED,
                id="high-grade ESCC with deficit: no ablation as sole therapy",
            ),
            pytest.param(
                "breast_t12_mechanical",
                NomsPathway.CONVENTIONAL_EBRT,
                Modality.VERTEBRAL_AUGMENTATION,
                Eligibility.ELIGIBLE,
                id="mechanical pain without gross instability: cement augmentation (NOMS)",
            ),
        ],
    )
    def test_example_patients(
        self, name: str, pathway: NomsPathway, modality: Modality, eligibility: Eligibility
    ) -> None:
        """The example patients follow the published algorithms."""
        lesion = assess(example_patient(name)).lesions[0]
        assert (pathway, eligibility) == (lesion.noms.pathway, lesion.option(modality).eligibility)

    def test_text_summary(self) -> None:
        """str() is a readable summary: prognosis, SINS, NOMS, the options table, the disclaimer."""
        text = str(assess(example_patient()))
        for expected in (
            "Prognosis:",
            "Tokuhashi 14",
            "SINS 11 (potentially unstable)",
            "NOMS: conventional ebrt; stabilization: percutaneous augmentation",
            "radiofrequency ablation",
            "not a medical device",
        ):
            assert expected in text

    def test_identifier_never_displayed(self) -> None:
        """The patient identifier shows in neither the text, the HTML nor the repr."""
        patient = attrs.evolve(example_patient(), patient_id="MRN-0042-SECRET")
        assessment = assess(patient)
        for shown in (str(assessment), assessment._repr_html_(), repr(assessment)):
            assert "MRN-0042-SECRET" not in shown

    def test_no_lesion(self) -> None:
        """A patient without recorded lesions still gets the prognosis, and says so."""
        assessment = assess(Patient(kps=80))
        assert assessment.lesions == ()
        assert "No spinal lesion recorded" in str(assessment)

    @pytest.mark.parametrize("name", example_names())
    def test_json_round_trip(self, name: str) -> None:
        """Every example's assessment round-trips through JSON."""
        assessment = assess(example_patient(name))
        assert assessment == from_json(to_json(assessment), Assessment)

    @settings(max_examples=30, deadline=None)
    @given(patients(max_lesions=2))
    def test_determinism_and_lesion_order(self, patient: Patient) -> None:
        """Same input, same output; the order of lesions does not change any lesion's result."""
        first = assess(patient)
        assert first == assess(patient)
        reversed_patient = attrs.evolve(patient, lesions=tuple(reversed(patient.lesions)))
        second = assess(reversed_patient)
        assert tuple(reversed(first.lesions)) == second.lesions


class TestPlans:
    @settings(max_examples=30, deadline=None)
    @given(patients(max_lesions=1).filter(lambda p: len(p.lesions) == 1))
    def test_a_plan_is_no_better_than_its_worst_step(self, patient: Patient) -> None:
        """A contraindicated step contraindicates the plan; an eligible plan has eligible steps."""
        lesion = assess(patient).lesions[0]
        for plan in lesion.plans:
            # After a decompression the later steps are judged on the decompressed lesion.
            decompresses = any("decompressed canal" in f.statement for f in plan.findings)
            judged = plan.steps[:1] if decompresses else plan.steps
            steps = [lesion.option(step) for step in judged]
            if any(step.eligibility is Eligibility.CONTRAINDICATED for step in steps):
                assert plan.eligibility is Eligibility.CONTRAINDICATED
            if plan.eligibility is Eligibility.ELIGIBLE:
                assert all(step.eligibility is Eligibility.ELIGIBLE for step in steps)

    def test_separation_surgery_then_sbrt(self) -> None:
        """NOMS's plan for radioresistant high-grade compression is listed with its source."""
        lesion = assess(example_patient("renal_t7_cord_compression")).lesions[0]
        plan = next(p for p in lesion.plans if p.steps[0] is Modality.SEPARATION_SURGERY)
        assert plan.steps == (Modality.SEPARATION_SURGERY, Modality.SBRT)
        assert "Laufer" in str(plan.findings[0])


class TestRanking:
    @settings(max_examples=30, deadline=None)
    @given(patients(max_lesions=1).filter(lambda p: len(p.lesions) == 1), priority_orders)
    def test_dominated_options_never_rank_above_their_dominator(
        self, patient: Patient, priorities: list[Priority]
    ) -> None:
        """If A dominates B (eligibility and every priority), A ranks above B."""
        options = assess(patient).lesions[0].options
        ranking = rank_options(options, priorities, include_contraindicated=True)
        position = {item.modality: item.rank for item in ranking}
        for a in options:
            for b in options:
                if _dominates(a, b, priorities):
                    assert position[a.modality] < position[b.modality]

    def test_contraindicated_options_are_left_out_by_default(self) -> None:
        """Only possible options are ranked unless asked otherwise."""
        options = assess(example_patient("myeloma_t9_high_grade")).lesions[0].options
        ranked = rank_options(options, [Priority.FAST_PAIN_RELIEF])
        assert all(item.eligibility is not Eligibility.CONTRAINDICATED for item in ranked)
        assert [item.rank for item in ranked] == list(range(1, len(ranked) + 1))

    def test_fast_relief_puts_ablation_before_radiotherapy(self) -> None:
        """With fast pain relief first, ablation (days) ranks above SBRT (weeks) when both fit."""
        lesion = assess(example_patient()).lesions[0]
        ranked = lesion.ranked([Priority.FAST_PAIN_RELIEF, Priority.KEEP_SYSTEMIC_THERAPY])
        order = [item.modality for item in ranked]
        assert order.index(Modality.VERTEBRAL_AUGMENTATION) < order.index(Modality.SBRT)


class TestDecompressingPlans:
    def test_the_noms_plan_is_eligible_after_separation(self) -> None:
        """SBRT after separation surgery is judged on the decompressed canal, not as sole care."""
        lesion = assess(example_patient("renal_t7_cord_compression")).lesions[0]
        plan = next(p for p in lesion.plans if p.steps[0] is Modality.SEPARATION_SURGERY)
        assert lesion.option(Modality.SBRT).eligibility is Eligibility.CONTRAINDICATED
        assert plan.eligibility is Eligibility.ELIGIBLE
        assert plan.sessions == lesion.option(Modality.SEPARATION_SURGERY).burden.sessions
        assert any("decompressed canal" in f.statement for f in plan.findings)
