from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from spinal_metastasis import (
    ESCC,
    Alignment,
    BoneLesion,
    Collapse,
    Frankel,
    Pain,
    Patient,
    Posterolateral,
    SpinalLesion,
    SystemicAgent,
    VertebralLevel,
    assess,
    example_patient,
)
from spinal_metastasis.histology import PrimaryTumor
from spinal_metastasis.io import from_json, to_json
from spinal_metastasis.ranges import DayRange, ProbabilityRange
from spinal_metastasis.references import REFERENCES
from spinal_metastasis.scores.escc import ESCC_1C_HIGH
from spinal_metastasis.sources import percutaneous as sources
from spinal_metastasis.testing import patients
from spinal_metastasis.treatments import percutaneous as pc
from spinal_metastasis.treatments.context import AssessmentSettings, LesionContext, lesion_context
from spinal_metastasis.treatments.option import (
    Anesthesia,
    Eligibility,
    Modality,
    OptionAssessment,
)

Assess = Callable[[LesionContext], OptionAssessment]

ELIGIBLE = Eligibility.ELIGIBLE
CAUTION = Eligibility.CAUTION
CONTRAINDICATED = Eligibility.CONTRAINDICATED

ASSESSORS: dict[Modality, Assess] = {
    Modality.RADIOFREQUENCY_ABLATION: pc.assess_radiofrequency_ablation,
    Modality.CRYOABLATION: pc.assess_cryoablation,
    Modality.MICROWAVE_ABLATION: pc.assess_microwave_ablation,
    Modality.LASER_INTERSTITIAL_THERMAL_THERAPY: pc.assess_laser_interstitial_thermal_therapy,
    Modality.FOCUSED_ULTRASOUND: pc.assess_focused_ultrasound,
    Modality.VERTEBRAL_AUGMENTATION: pc.assess_vertebral_augmentation,
}
ALL = list(ASSESSORS.values())
IDS = [modality.value for modality in ASSESSORS]
VERTEBRAL_ABLATIONS = [
    pc.assess_radiofrequency_ablation,
    pc.assess_cryoablation,
    pc.assess_microwave_ablation,
]
ABLATION_IDS = ["rfa", "cryo", "mwa"]
# Options whose eligibility must not improve with a worse ESCC grade (spinal LITT is the
# exception: compression is its indication).
ESCC_MONOTONE = [
    f
    for modality, f in ASSESSORS.items()
    if modality is not Modality.LASER_INTERSTITIAL_THERMAL_THERAPY
]
# Percutaneous procedures (a needle or probe): SIR 2019 coagulation thresholds apply.
PERCUTANEOUS = [
    f for modality, f in ASSESSORS.items() if modality is not Modality.FOCUSED_ULTRASOUND
]

# A lesion every vertebral-ablation trial would have taken (Goetz 2004; Callstrom 2013): a
# painful lytic T8 metastasis, bone only, stable, 15 mm from the cord, intact wall.
IDEAL_LESION = SpinalLesion(
    levels=(VertebralLevel.T8,),
    pain=Pain.OCCASIONAL_NON_MECHANICAL,
    bone_lesion=BoneLesion.LYTIC,
    alignment=Alignment.NORMAL,
    collapse=Collapse.NONE,
    posterolateral=Posterolateral.NONE,
    escc=ESCC.GRADE_0,
    posterior_wall_intact=True,
    worst_pain_nrs=7,
    distance_to_cord_mm=15.0,
    paraspinal_extension=False,
)
IDEAL_PATIENT = Patient(
    primary=PrimaryTumor.KIDNEY,
    lesions=(IDEAL_LESION,),
    frankel=Frankel.E,
    platelets_10e9_per_l=250.0,
    inr=1.0,
    systemic_therapy=(),
    active_infection=False,
    implanted_cardiac_device=False,
)


def context_for(
    lesion_changes: dict[str, Any] | None = None,
    settings: AssessmentSettings | None = None,
    **patient_changes: Any,
) -> LesionContext:
    lesion = attrs.evolve(IDEAL_LESION, **(lesion_changes or {}))
    patient = attrs.evolve(IDEAL_PATIENT, lesions=(lesion,), **patient_changes)
    return lesion_context(patient, lesion, settings)


def verdict(
    assess: Assess, lesion_changes: dict[str, Any] | None = None, **changes: Any
) -> Eligibility:
    return assess(context_for(lesion_changes, **changes)).eligibility


def example_option(assess: Assess, name: str = "breast_t12_mechanical") -> OptionAssessment:
    patient = example_patient(name)
    return assess(lesion_context(patient, patient.lesions[0]))


def rule_inputs(option: OptionAssessment, verdict_: Eligibility) -> list[str]:
    return [item.finding.inputs[0].name for item in option.rules if item.verdict is verdict_]


# --- Published and worked scenarios -------------------------------------------------------------


class TestVerticalAblationScenarios:
    @pytest.mark.parametrize("assess", VERTEBRAL_ABLATIONS, ids=ABLATION_IDS)
    def test_trial_like_lesion_is_eligible(self, assess: Assess) -> None:
        """A painful lytic, stable, bone-only lesion 15 mm from the cord (Goetz 2004)."""
        assert verdict(assess) == ELIGIBLE

    @pytest.mark.parametrize("assess", VERTEBRAL_ABLATIONS, ids=ABLATION_IDS)
    def test_worked_breast_t12_is_caution_for_the_4_mm_distance(self, assess: Assess) -> None:
        """worked: breast T12, tumor 4 mm from the cord (clinical reference §10.2)."""
        option = example_option(assess)
        assert (
            option.eligibility,
            rule_inputs(option, CAUTION),
        ) == (CAUTION, ["distance_to_cord_mm"])

    @pytest.mark.parametrize("assess", VERTEBRAL_ABLATIONS, ids=ABLATION_IDS)
    @pytest.mark.parametrize(
        ("distance", "expected"),
        [(9.9, CAUTION), (10.0, ELIGIBLE)],
        ids=["9.9 mm: caution (clinical reference 10.2)", "10 mm: eligible (Dupuy 2010 margin)"],
    )
    def test_distance_threshold(
        self, assess: Assess, distance: float, expected: Eligibility
    ) -> None:
        """Both sides of the 10 mm margin (early trials; Sag 2022 thermal protection)."""
        assert expected == verdict(assess, {"distance_to_cord_mm": distance})

    @pytest.mark.parametrize("assess", VERTEBRAL_ABLATIONS, ids=ABLATION_IDS)
    @pytest.mark.parametrize(
        ("nrs", "expected"),
        [(3, CAUTION), (4, ELIGIBLE)],
        ids=["NRS 3 (below Goetz 2004)", "NRS 4 (Callstrom 2013)"],
    )
    def test_worst_pain_threshold(self, assess: Assess, nrs: int, expected: Eligibility) -> None:
        """Goetz 2004 and Callstrom 2013 enrolled worst pain of 4/10 or more."""
        assert expected == verdict(assess, {"worst_pain_nrs": nrs})

    @pytest.mark.parametrize("assess", VERTEBRAL_ABLATIONS, ids=ABLATION_IDS)
    @pytest.mark.parametrize(
        ("quality", "expected"),
        [(BoneLesion.LYTIC, ELIGIBLE), (BoneLesion.MIXED, ELIGIBLE), (BoneLesion.BLASTIC, CAUTION)],
        ids=[
            "lytic (Goetz 2004)",
            "mixed (clinical reference 10.2)",
            "blastic (outside Goetz 2004)",
        ],
    )
    def test_bone_lesion_quality(
        self, assess: Assess, quality: BoneLesion, expected: Eligibility
    ) -> None:
        """Painful lytic or mixed lesions were the trial target; blastic is outside it."""
        assert expected == verdict(assess, {"bone_lesion": quality})

    @pytest.mark.parametrize("assess", VERTEBRAL_ABLATIONS, ids=ABLATION_IDS)
    @pytest.mark.parametrize(
        ("escc", "expected"),
        [(ESCC.GRADE_1C, ELIGIBLE), (ESCC.GRADE_2, CONTRAINDICATED)],
        ids=["1c low by default (Radiopaedia)", "2 high (NOMS)"],
    )
    def test_high_grade_compression(
        self, assess: Assess, escc: ESCC, expected: Eligibility
    ) -> None:
        """High-grade ESCC contraindicates ablation as sole therapy (NOMS reading)."""
        assert expected == verdict(assess, {"escc": escc})

    @pytest.mark.parametrize("assess", VERTEBRAL_ABLATIONS, ids=ABLATION_IDS)
    def test_1c_counts_as_high_grade_with_the_cautious_grouping(self, assess: Assess) -> None:
        """With ESCC 1c grouped as high grade, 1c contraindicates ablation alone."""
        context = context_for(
            {"escc": ESCC.GRADE_1C}, AssessmentSettings(escc_grouping=ESCC_1C_HIGH)
        )
        assert assess(context).eligibility == CONTRAINDICATED

    @pytest.mark.parametrize("assess", VERTEBRAL_ABLATIONS, ids=ABLATION_IDS)
    @pytest.mark.parametrize(
        ("frankel", "expected"),
        [(Frankel.D, CONTRAINDICATED), (Frankel.E, ELIGIBLE)],
        ids=["Frankel D (NOMS deficit)", "Frankel E"],
    )
    def test_neurological_deficit(
        self, assess: Assess, frankel: Frankel, expected: Eligibility
    ) -> None:
        """A deficit (Frankel A-D) contraindicates ablation as sole therapy."""
        assert expected == verdict(assess, frankel=frankel)

    @pytest.mark.parametrize("assess", VERTEBRAL_ABLATIONS, ids=ABLATION_IDS)
    @pytest.mark.parametrize(
        ("changes", "expected"),
        [
            # T12 3 + mechanical 3 + lytic 2 + normal 0 + collapse >= 50 % 3 + unilateral 1 = 12
            (
                {
                    "collapse": Collapse.AT_LEAST_50_PERCENT,
                    "posterolateral": Posterolateral.UNILATERAL,
                },
                ELIGIBLE,
            ),
            # T12 3 + mechanical 3 + lytic 2 + normal 0 + collapse < 50 % 2 + bilateral 3 = 13
            (
                {
                    "collapse": Collapse.LESS_THAN_50_PERCENT,
                    "posterolateral": Posterolateral.BILATERAL,
                },
                CONTRAINDICATED,
            ),
        ],
        ids=["SINS 12 (Fourney 2011): eligible", "SINS 13 (Fourney 2011): contraindicated"],
    )
    def test_sins_gross_instability_threshold(
        self, assess: Assess, changes: dict[str, Any], expected: Eligibility
    ) -> None:
        """SINS 13-18 is gross instability: ablation alone is contraindicated (NOMS)."""
        lesion = {"levels": (VertebralLevel.T12,), "pain": Pain.MECHANICAL, **changes}
        assert expected == verdict(assess, lesion)

    @pytest.mark.parametrize("assess", VERTEBRAL_ABLATIONS, ids=ABLATION_IDS)
    def test_subluxation_is_gross_instability_whatever_the_sins(self, assess: Assess) -> None:
        """Subluxation needs stabilization even at SINS 8 (T8 1, pain 1, lytic 2, subluxation 4)."""
        context = context_for({"alignment": Alignment.SUBLUXATION_TRANSLATION})
        assert (context.sins.points.value, assess(context).eligibility) == (8, CONTRAINDICATED)

    @pytest.mark.parametrize("assess", VERTEBRAL_ABLATIONS, ids=ABLATION_IDS)
    @pytest.mark.parametrize(
        ("intact", "expected"),
        [(False, CAUTION), (True, ELIGIBLE)],
        ids=["breached (AJNR 2017)", "intact"],
    )
    def test_posterior_wall(self, assess: Assess, intact: bool, expected: Eligibility) -> None:
        """A breached posterior wall calls for caution (AJNR 2017 sheep study topic)."""
        assert expected == verdict(assess, {"posterior_wall_intact": intact})

    @pytest.mark.parametrize("assess", VERTEBRAL_ABLATIONS, ids=ABLATION_IDS)
    @pytest.mark.parametrize(
        ("platelets", "expected"),
        [(49.9, CAUTION), (50.0, ELIGIBLE)],
        ids=["49.9 (SIR 2019)", "50 (SIR 2019)"],
    )
    def test_platelet_threshold(
        self, assess: Assess, platelets: float, expected: Eligibility
    ) -> None:
        """SIR 2019 high bleeding-risk: consider transfusion below 50 x 10^9/L."""
        assert expected == verdict(assess, platelets_10e9_per_l=platelets)

    @pytest.mark.parametrize("assess", VERTEBRAL_ABLATIONS, ids=ABLATION_IDS)
    @pytest.mark.parametrize(
        ("inr", "expected"),
        [(1.5, ELIGIBLE), (1.6, CAUTION)],
        ids=["INR 1.5 (SIR 2019)", "INR 1.6 (SIR 2019)"],
    )
    def test_inr_threshold(self, assess: Assess, inr: float, expected: Eligibility) -> None:
        """SIR 2019 high bleeding-risk: correct the INR above 1.5."""
        assert expected == verdict(assess, inr=inr)

    @pytest.mark.parametrize("assess", VERTEBRAL_ABLATIONS, ids=ABLATION_IDS)
    def test_active_infection_contraindicates(self, assess: Assess) -> None:
        """Active infection contraindicates the procedure (clinical reference, unverified)."""
        option = assess(context_for(active_infection=True))
        rule = next(r for r in option.rules if r.finding.inputs[0].name == "active_infection")
        assert (option.eligibility, rule.finding.citation.verified) == (CONTRAINDICATED, False)

    @pytest.mark.parametrize(
        ("assess", "expected"),
        [
            (pc.assess_radiofrequency_ablation, CAUTION),
            (pc.assess_cryoablation, ELIGIBLE),
            (pc.assess_microwave_ablation, ELIGIBLE),
        ],
        ids=ABLATION_IDS,
    )
    def test_cardiac_device_concerns_radiofrequency_only(
        self, assess: Assess, expected: Eligibility
    ) -> None:
        """Monopolar current: a device caution for radiofrequency ablation alone."""
        assert expected == verdict(assess, implanted_cardiac_device=True)

    @pytest.mark.parametrize("assess", VERTEBRAL_ABLATIONS, ids=ABLATION_IDS)
    def test_distance_unknown_waits_for_it(self, assess: Assess) -> None:
        """An unknown distance leaves eligible and caution possible and is named."""
        option = assess(context_for({"distance_to_cord_mm": None}))
        assert (
            option.eligibility,
            option.missing,
        ) == (Eligibility.UNDETERMINED, ("distance_to_cord_mm",))
        assert frozenset({ELIGIBLE, CAUTION}) == option.possible_eligibility

    def test_determined_contraindication_whatever_the_unknowns(self) -> None:
        """worked: myeloma T9, ESCC 3, Frankel C: contraindicated as sole therapy."""
        option = example_option(pc.assess_radiofrequency_ablation, "myeloma_t9_high_grade")
        assert (option.eligibility, option.missing) == (CONTRAINDICATED, ())


class TestLitt:
    def test_worked_renal_t7_cord_compression(self) -> None:
        """worked: renal T7, ESCC 2, Frankel D: LITT possible with caution (motor deficit)."""
        option = example_option(
            pc.assess_laser_interstitial_thermal_therapy, "renal_t7_cord_compression"
        )
        assert (option.eligibility, rule_inputs(option, CAUTION)) == (CAUTION, ["frankel"])

    @pytest.mark.parametrize(
        ("escc", "expected"),
        [(ESCC.GRADE_1B, CAUTION), (ESCC.GRADE_1C, ELIGIBLE), (ESCC.GRADE_3, ELIGIBLE)],
        ids=[
            "1b (Bastos 2021): caution",
            "1c (Bastos 2020): eligible",
            "3 (Tatsui 2015): eligible",
        ],
    )
    def test_compression_is_the_indication(self, escc: ESCC, expected: Eligibility) -> None:
        """Bastos 2020/2021: ESCC 1c or higher is LITT's population."""
        assert expected == verdict(pc.assess_laser_interstitial_thermal_therapy, {"escc": escc})

    @pytest.mark.parametrize(
        ("frankel", "expected"),
        [
            (Frankel.A, CONTRAINDICATED),
            (Frankel.B, CONTRAINDICATED),
            (Frankel.C, CAUTION),
            (Frankel.D, CAUTION),
            (Frankel.E, ELIGIBLE),
        ],
        ids=[
            "A (none in Bastos 2021)",
            "B (none in Bastos 2021)",
            "C (1.7 % Bastos 2021)",
            "D (6.7 % Bastos 2021)",
            "E (Tatsui 2016)",
        ],
    )
    def test_motor_deficit(self, frankel: Frankel, expected: Eligibility) -> None:
        """Bastos 2021: Frankel E 91.7 %, D 6.7 %, C 1.7 %; none A or B."""
        assess = pc.assess_laser_interstitial_thermal_therapy
        assert expected == verdict(assess, {"escc": ESCC.GRADE_2}, frankel=frankel)

    @pytest.mark.parametrize(
        ("level", "expected"),
        [
            (VertebralLevel.T7, ELIGIBLE),
            (VertebralLevel.L2, CAUTION),
            (VertebralLevel.S1, CAUTION),
            (VertebralLevel.C5, CAUTION),
        ],
        ids=["T7 (Vega 2019)", "L2 (Vega 2019 palsies)", "S1 (Vega 2019)", "C5 (Vega 2019)"],
    )
    def test_levels_with_motor_roots(self, level: VertebralLevel, expected: Eligibility) -> None:
        """Vega: nerve-root palsy in 3 early lumbar cases; motor-root levels avoided."""
        changes = {"escc": ESCC.GRADE_2, "levels": (level,)}
        assert expected == verdict(pc.assess_laser_interstitial_thermal_therapy, changes)

    @pytest.mark.parametrize(
        ("primary", "expected"),
        [(PrimaryTumor.KIDNEY, ELIGIBLE), (PrimaryTumor.MYELOMA, CAUTION)],
        ids=["renal, radioresistant (Tatsui 2015)", "myeloma, radiosensitive (NOMS)"],
    )
    def test_radiosensitive_primary(self, primary: PrimaryTumor, expected: Eligibility) -> None:
        """Tatsui 2015 selected radioresistant tumors; NOMS sends radiosensitive ones to EBRT."""
        assess = pc.assess_laser_interstitial_thermal_therapy
        assert expected == verdict(assess, {"escc": ESCC.GRADE_2}, primary=primary)

    def test_closeness_to_the_cord_is_not_a_caution(self) -> None:
        """The probe lies about 6 mm from the dura: distance 0 mm stays eligible."""
        assess = pc.assess_laser_interstitial_thermal_therapy
        changes = {"escc": ESCC.GRADE_3, "distance_to_cord_mm": 0.0, "posterior_wall_intact": False}
        assert verdict(assess, changes) == ELIGIBLE

    def test_systemic_therapy_is_not_interrupted(self) -> None:
        """Tatsui 2016 and Vega: systemic therapy was not interrupted (0 days, per agent)."""
        agents = (SystemicAgent.VEGF_TKI, SystemicAgent.IMMUNE_CHECKPOINT_INHIBITOR)
        option = pc.assess_laser_interstitial_thermal_therapy(
            context_for({"escc": ESCC.GRADE_2}, systemic_therapy=agents)
        )
        toxicity = option.toxicity
        assert DayRange.exact(0) == toxicity.systemic_therapy_hold_days
        assert agents == tuple(hold.agent for hold in toxicity.holds)
        assert {"tatsui2016"} == {hold.finding.citation.key for hold in toxicity.holds}

    def test_trade_offs(self) -> None:
        """Tatsui 2015 (30/60 days), Vega 83/100, Bastos 2020 3.4 days in hospital."""
        option = pc.assess_laser_interstitial_thermal_therapy(context_for({"escc": ESCC.GRADE_2}))
        assert DayRange(low=0, high=30) == option.pain_relief.onset_days
        assert DayRange(low=0, high=60) == option.pain_relief.maximal_days
        assert ProbabilityRange.exact(0.83) == option.local_control.probability
        assert DayRange.exact(3.4) == option.burden.hospital_days
        assert any("24.7 days" in item.statement for item in option.burden.findings)


class TestFocusedUltrasound:
    @pytest.mark.parametrize(
        ("levels", "expected"),
        [
            ((VertebralLevel.S2,), ELIGIBLE),
            ((VertebralLevel.S1, VertebralLevel.S2), ELIGIBLE),
            ((VertebralLevel.L5, VertebralLevel.S1), CONTRAINDICATED),
            ((VertebralLevel.T8,), CONTRAINDICATED),
        ],
        ids=[
            "S2 (Chen 2017)",
            "S1-S2 (Chen 2017)",
            "L5-S1 (library decision)",
            "T8 (library decision)",
        ],
    )
    def test_site(self, levels: tuple[VertebralLevel, ...], expected: Eligibility) -> None:
        """Chen 2017: sacrum among BM004's sites; vertebrae research only (library decision)."""
        assert expected == verdict(pc.assess_focused_ultrasound, {"levels": levels})

    def test_no_coagulation_rule_for_a_non_invasive_treatment(self) -> None:
        """Focused ultrasound is non-invasive: low platelets do not change the verdict."""
        changes = {"levels": (VertebralLevel.S2,)}
        assess = pc.assess_focused_ultrasound
        assert verdict(assess, changes, platelets_10e9_per_l=5.0, inr=4.0) == ELIGIBLE

    @pytest.mark.parametrize(
        ("nrs", "expected"),
        [(3, CAUTION), (4, ELIGIBLE)],
        ids=["NRS 3 (Hurwitz 2014)", "NRS 4 (Hurwitz 2014)"],
    )
    def test_worst_pain_threshold(self, nrs: int, expected: Eligibility) -> None:
        """Hurwitz 2014 required a baseline worst pain of 4/10 or more."""
        changes = {"levels": (VertebralLevel.S2,), "worst_pain_nrs": nrs}
        assert expected == verdict(pc.assess_focused_ultrasound, changes)

    def test_trade_offs(self) -> None:
        """Hurwitz 2014: response 64.3 % at 3 months; 2/112 pathological fractures."""
        option = pc.assess_focused_ultrasound(context_for({"levels": (VertebralLevel.S2,)}))
        assert ProbabilityRange.exact(0.643) == option.pain_relief.response.probability  # type: ignore[union-attr]
        assert ProbabilityRange(low=0, high=1) == option.collapse_risk.probability
        assert "2/112, 1.8 %" in option.collapse_risk.drivers[0].statement
        assert option.local_control.probability is None


class TestVertebralAugmentation:
    def test_worked_breast_t12_mechanical_pain(self) -> None:
        """worked: breast T12, mechanical pain, SINS 11: augmentation eligible (NOMS)."""
        assert example_option(pc.assess_vertebral_augmentation).eligibility == ELIGIBLE

    @pytest.mark.parametrize(
        ("pain", "collapse", "expected"),
        [
            (Pain.MECHANICAL, Collapse.NONE, ELIGIBLE),
            (Pain.OCCASIONAL_NON_MECHANICAL, Collapse.LESS_THAN_50_PERCENT, ELIGIBLE),
            (Pain.OCCASIONAL_NON_MECHANICAL, Collapse.NONE, CAUTION),
            (Pain.PAIN_FREE, Collapse.AT_LEAST_50_PERCENT, CAUTION),
        ],
        ids=[
            "mechanical pain (NOMS)",
            "painful fracture (CAFE)",
            "no fracture",
            "pain-free fracture",
        ],
    )
    def test_indication(self, pain: Pain, collapse: Collapse, expected: Eligibility) -> None:
        """NOMS (mechanical pain) and CAFE (painful fractures) indicate augmentation."""
        changes = {"pain": pain, "collapse": collapse}
        assert expected == verdict(pc.assess_vertebral_augmentation, changes)

    def test_gross_instability_needs_surgery(self) -> None:
        """NOMS: gross instability goes to open stabilization, not cement alone."""
        changes = {
            "levels": (VertebralLevel.T12,),
            "pain": Pain.MECHANICAL,
            "collapse": Collapse.LESS_THAN_50_PERCENT,
            "posterolateral": Posterolateral.BILATERAL,
        }
        assert verdict(pc.assess_vertebral_augmentation, changes) == CONTRAINDICATED

    def test_posterior_wall_breach_is_caution(self) -> None:
        """Perez 2021: posterior-wall disruption 'often considered' a contraindication."""
        changes = {"pain": Pain.MECHANICAL, "posterior_wall_intact": False}
        option = pc.assess_vertebral_augmentation(context_for(changes))
        assert (
            option.eligibility,
            rule_inputs(option, CAUTION),
        ) == (CAUTION, ["posterior_wall_intact"])

    def test_distance_to_the_cord_is_not_a_rule(self) -> None:
        """Cement has no thermal distance rule: 2 mm from the cord stays eligible."""
        changes = {"pain": Pain.MECHANICAL, "distance_to_cord_mm": 2.0}
        assert verdict(pc.assess_vertebral_augmentation, changes) == ELIGIBLE

    def test_coagulation_finding_is_flagged(self) -> None:
        """SIR 2019's category for vertebroplasty was not confirmed: the finding says so."""
        option = pc.assess_vertebral_augmentation(
            context_for({"pain": Pain.MECHANICAL}, platelets_10e9_per_l=40.0)
        )
        platelet = next(
            r for r in option.rules if r.finding.inputs[0].name == "platelets_10e9_per_l"
        )
        assert platelet.verdict == CAUTION
        assert "not confirmed" in platelet.finding.statement

    def test_trade_offs(self) -> None:
        """Outpatient (HQO 2016), relief within a week (CAFE), no tumor control."""
        option = pc.assess_vertebral_augmentation(context_for({"pain": Pain.MECHANICAL}))
        assert DayRange.exact(0) == option.burden.hospital_days
        assert DayRange(low=3, high=7) == option.pain_relief.onset_days
        assert option.local_control.probability is None
        assert option.local_control.findings[0].citation.key == "saravanabawan2019"
        assert any("44 %" in item.statement for item in option.collapse_risk.drivers)


class TestTradeOffs:
    def test_radiofrequency_figures(self) -> None:
        """Levy 2023/Wallace 2015 onset, Goetz 2004 response, Murali 2021 control."""
        option = pc.assess_radiofrequency_ablation(context_for())
        relief = option.pain_relief
        assert DayRange(low=3, high=7) == relief.onset_days
        assert DayRange.from_weeks(4, 24) == relief.maximal_days
        assert relief.response is not None
        assert (
            relief.response.probability.low,
            relief.response.citation.key,
        ) == (0.95, "goetz2004")
        assert ProbabilityRange.exact(0.868) == option.local_control.probability

    def test_cryoablation_figures(self) -> None:
        """12-year series (24 h), Callstrom 2013 (1 week); Sagoo 2022 control 60-100 %."""
        option = pc.assess_cryoablation(context_for())
        assert DayRange(low=1, high=7) == option.pain_relief.onset_days
        assert option.pain_relief.response is None
        assert ProbabilityRange(low=0.6, high=1.0) == option.local_control.probability

    def test_microwave_figures(self) -> None:
        """Kastler 2014 (day 0, local + N2O), Khan 2018 (general, 59/61)."""
        option = pc.assess_microwave_ablation(context_for())
        assert DayRange(low=0, high=1) == option.pain_relief.onset_days
        assert frozenset({Anesthesia.LOCAL, Anesthesia.GENERAL}) == option.burden.anesthesia
        assert ProbabilityRange(low=0.8, high=0.967) == option.local_control.probability

    @pytest.mark.parametrize("assess", ALL, ids=IDS)
    def test_no_radiation_one_session(self, assess: Assess) -> None:
        """No cord dose is added and the procedure is one session."""
        option = assess(context_for())
        assert (option.toxicity.cord_eqd2_added_gy, option.burden.sessions.value) == (0.0, 1)
        assert option.toxicity.pain_flare is None

    @pytest.mark.parametrize(
        "assess",
        [f for m, f in ASSESSORS.items() if m is not Modality.LASER_INTERSTITIAL_THERMAL_THERAPY],
        ids=[m.value for m in ASSESSORS if m is not Modality.LASER_INTERSTITIAL_THERMAL_THERAPY],
    )
    @pytest.mark.parametrize(
        "agents", [None, (), (SystemicAgent.VEGF_TKI,)], ids=["unknown", "none", "VEGF TKI"]
    )
    def test_no_sourced_hold_is_said_not_implied(
        self, assess: Assess, agents: tuple[SystemicAgent, ...] | None
    ) -> None:
        """Without guidance the hold is 0 days with a finding that no source exists."""
        option = assess(context_for(systemic_therapy=agents))
        assert DayRange.exact(0) == option.toxicity.systemic_therapy_hold_days
        statement = option.toxicity.findings[0].statement
        assert "No society guidance" in statement
        assert "not a recommendation" in statement

    @pytest.mark.parametrize("assess", ALL, ids=IDS)
    def test_every_citation_is_registered(self, assess: Assess) -> None:
        """Every finding's citation is the registered one (no stray copies)."""
        option = assess(context_for())
        findings = [
            *option.findings,
            *option.pain_relief.findings,
            *option.toxicity.findings,
            *option.collapse_risk.drivers,
            *option.local_control.findings,
            *option.burden.findings,
        ]
        assert all(REFERENCES[item.citation.key] == item.citation for item in findings)

    def test_sources_module_lists_its_citations_once(self) -> None:
        """The percutaneous sources are unique by key and all registered."""
        keys = [item.key for item in sources.ALL]
        assert len(keys) == len(set(keys))
        assert all(REFERENCES[key] is item for key, item in zip(keys, sources.ALL, strict=True))


# --- Properties ---------------------------------------------------------------------------------

patients_with_a_lesion = patients(max_lesions=2).filter(lambda patient: len(patient.lesions) > 0)
assessors = st.sampled_from(ALL)

LEVEL_VALUES: dict[str, list[Any]] = {
    "escc": list(ESCC),
    "pain": list(Pain),
    "bone_lesion": list(BoneLesion),
    "alignment": list(Alignment),
    "collapse": list(Collapse),
    "posterolateral": list(Posterolateral),
    "posterior_wall_intact": [False, True],
    "worst_pain_nrs": [0, 3, 4, 10],
    "distance_to_cord_mm": [0.0, 9.9, 10.0, 40.0],
}
PATIENT_VALUES: dict[str, list[Any]] = {
    "frankel": list(Frankel),
    "platelets_10e9_per_l": [10.0, 49.9, 50.0, 300.0],
    "inr": [0.9, 1.5, 1.6, 3.0],
    "active_infection": [False, True],
    "implanted_cardiac_device": [False, True],
    "primary": list(PrimaryTumor),
    "systemic_therapy": [(), (SystemicAgent.CYTOTOXIC,)],
}


@st.composite
def completions(
    draw: st.DrawFn, patient: Patient, lesion: SpinalLesion
) -> tuple[Patient, SpinalLesion]:
    """Fill every unknown input the rules read with one of its values."""
    lesion_fill = {
        name: draw(st.sampled_from(values))
        for name, values in LEVEL_VALUES.items()
        if getattr(lesion, name) is None
    }
    patient_fill = {
        name: draw(st.sampled_from(values))
        for name, values in PATIENT_VALUES.items()
        if getattr(patient, name) is None
    }
    return attrs.evolve(patient, **patient_fill), attrs.evolve(lesion, **lesion_fill)


def severities(possible: frozenset[Eligibility]) -> tuple[int, int]:
    return min(v.severity for v in possible), max(v.severity for v in possible)


class TestProperties:
    @given(patient=patients_with_a_lesion, assess=assessors)
    def test_deterministic(self, patient: Patient, assess: Assess) -> None:
        """The same context gives the same assessment."""
        lesion = patient.lesions[0]
        assert assess(lesion_context(patient, lesion)) == assess(lesion_context(patient, lesion))

    @given(patient=patients_with_a_lesion, assess=assessors)
    def test_json_round_trip(self, patient: Patient, assess: Assess) -> None:
        """Every assessment survives to_json / from_json unchanged."""
        option = assess(lesion_context(patient, patient.lesions[0]))
        assert option == from_json(to_json(option), OptionAssessment)

    @given(patient=patients_with_a_lesion, assess=assessors, data=st.data())
    def test_sound_under_unknowns(
        self, patient: Patient, assess: Assess, data: st.DataObject
    ) -> None:
        """Every completion's verdicts lie within the possible ones; a determined verdict holds."""
        lesion = patient.lesions[0]
        option = assess(lesion_context(patient, lesion))
        full_patient, full_lesion = data.draw(completions(patient, lesion))
        completed = assess(lesion_context(full_patient, full_lesion))
        assert completed.possible_eligibility <= option.possible_eligibility
        if option.eligibility is not Eligibility.UNDETERMINED:
            assert option.eligibility == completed.eligibility

    @given(patient=patients_with_a_lesion, assess=assessors)
    def test_undetermined_names_what_it_waits_for(self, patient: Patient, assess: Assess) -> None:
        """An undetermined verdict always names at least one missing input."""
        option = assess(lesion_context(patient, patient.lesions[0]))
        assert (option.eligibility is Eligibility.UNDETERMINED) == bool(option.missing)

    @given(
        patient=patients_with_a_lesion,
        assess=st.sampled_from(ESCC_MONOTONE),
        grades=st.lists(st.sampled_from(list(ESCC)), min_size=2, max_size=2, unique=True),
    )
    def test_worse_escc_never_more_eligible(
        self, patient: Patient, assess: Assess, grades: list[ESCC]
    ) -> None:
        """A worse ESCC grade never makes ablation, ultrasound or cement more eligible."""
        better, worse = sorted(grades, key=lambda grade: grade.order)
        lesion = patient.lesions[0]
        low = assess(lesion_context(patient, attrs.evolve(lesion, escc=better)))
        high = assess(lesion_context(patient, attrs.evolve(lesion, escc=worse)))
        (low_min, low_max), (high_min, high_max) = (
            severities(low.possible_eligibility),
            severities(high.possible_eligibility),
        )
        assert high_min >= low_min
        assert high_max >= low_max

    @given(
        patient=patients_with_a_lesion,
        assess=st.sampled_from(PERCUTANEOUS),
        counts=st.lists(st.floats(min_value=0, max_value=1000), min_size=2, max_size=2),
    )
    def test_lower_platelets_never_more_eligible(
        self, patient: Patient, assess: Assess, counts: list[float]
    ) -> None:
        """Lower platelets never make a percutaneous procedure more eligible."""
        lower, higher = sorted(counts)
        lesion = patient.lesions[0]
        worse = assess(lesion_context(attrs.evolve(patient, platelets_10e9_per_l=lower), lesion))
        better = assess(lesion_context(attrs.evolve(patient, platelets_10e9_per_l=higher), lesion))
        (worse_min, worse_max), (better_min, better_max) = (
            severities(worse.possible_eligibility),
            severities(better.possible_eligibility),
        )
        assert worse_min >= better_min
        assert worse_max >= better_max

    @given(patient=patients_with_a_lesion, assess=assessors)
    def test_collapse_risk_does_not_depend_on_the_lesion(
        self, patient: Patient, assess: Assess
    ) -> None:
        """No published per-lesion figure: a worse risk factor cannot lower the risk."""
        option = assess(lesion_context(patient, patient.lesions[0]))
        assert ProbabilityRange(low=0, high=1) == option.collapse_risk.probability

    @given(patient=patients_with_a_lesion, assess=assessors)
    def test_findings_follow_the_rules(self, patient: Patient, assess: Assess) -> None:
        """Each rule contributes its finding, in order, with a registered citation."""
        option = assess(lesion_context(patient, patient.lesions[0]))
        assert tuple(item.finding for item in option.rules) == option.findings
        assert all(item.citation.key in REFERENCES for item in option.findings)


def test_distance_text_names_the_cauda_equina_below_the_conus() -> None:
    """C40: a lesion at L2-L3, below the conus, is "from the cauda equina" (CONUS_MRI_1998)."""
    patient = example_patient("lung_l2_reirradiation")
    lesion = attrs.evolve(patient.lesions[0], levels=(VertebralLevel.L2, VertebralLevel.L3))
    option = (
        assess(attrs.evolve(patient, lesions=(lesion,)))
        .lesions[0]
        .option(Modality.RADIOFREQUENCY_ABLATION)
    )
    [rule] = [r for r in option.rules if r.finding.rule_id == "thermal_ablation.distance_to_cord"]
    assert "from the cauda equina" in rule.finding.statement
