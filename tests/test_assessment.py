import math

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spinal_metastasis import (
    ESCC,
    Alignment,
    Assessment,
    BoneLesion,
    Collapse,
    Eligibility,
    Frankel,
    Modality,
    NomsPathway,
    Pain,
    Patient,
    Posterolateral,
    PrimaryTumor,
    Priority,
    SpinalLesion,
    VertebralLevel,
    assess,
    example_names,
    example_patient,
    from_json,
    rank_options,
    to_json,
)
from spinal_metastasis.assessment import LesionAssessment, PlanAssessment, RankedOption
from spinal_metastasis.ranges import ProbabilityRange, ScoreRange
from spinal_metastasis.ranking import _cost, _dominates
from spinal_metastasis.testing import option_sets, patients
from spinal_metastasis.treatments.option import OptionAssessment

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
            # After a stabilization they are judged on the stabilized spine.
            statements = " ".join(f.statement for f in plan.findings)
            later = "decompressed canal" in statements or "stabilized spine" in statements
            judged = plan.steps[:1] if later else plan.steps
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


def _ranked(
    options: tuple[OptionAssessment, ...], priorities: list[Priority]
) -> tuple[RankedOption, ...]:
    return rank_options(options, priorities, include_contraindicated=True)


def _shared_cost(
    options: tuple[OptionAssessment, ...],
    priorities: list[Priority],
    option: OptionAssessment,
    on: set[Priority],
) -> float:
    """The option's weighted mean normalized cost on the priorities ``on`` (as documented)."""
    sourced = any(item.toxicity.holds for item in options)
    costs = {p: [_cost(o, p, holds_sourced=sourced) for o in options] for p in priorities}
    scales = {
        p: max((v for c in costs[p] if c is not None for v in c), default=1.0) or 1.0
        for p in priorities
    }
    weights = {p: len(priorities) - i for i, p in enumerate(priorities)}
    total = 0.0
    for p in on:
        cost = _cost(option, p, holds_sourced=sourced)
        assert cost is not None
        total += weights[p] * (cost[0] + cost[1]) / 2 / scales[p]
    return total / sum(weights[p] for p in on)


def _comparable(a: RankedOption, b: RankedOption) -> bool:
    """Whether a's eligibility is no worse than b's for the ranking (supportive care ~ E/C)."""
    order = [Eligibility.ELIGIBLE, Eligibility.CAUTION, Eligibility.UNDETERMINED]
    order.append(Eligibility.CONTRAINDICATED)
    pools = {a.eligibility, b.eligibility}
    supportive = Modality.BEST_SUPPORTIVE_CARE in (a.modality, b.modality)
    if supportive and pools <= {Eligibility.ELIGIBLE, Eligibility.CAUTION}:
        return True
    return order.index(a.eligibility) <= order.index(b.eligibility)


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
        for item in ranking:
            for dominator in item.dominated_by:
                assert position[dominator] < item.rank

    @given(option_sets(), priority_orders)
    def test_a_dominator_always_ranks_above(
        self, options: tuple[OptionAssessment, ...], priorities: list[Priority]
    ) -> None:
        """On arbitrary figures, an option never ranks level with or above one dominating it."""
        ranking = _ranked(options, priorities)
        position = {item.modality: item.rank for item in ranking}
        sourced = any(option.toxicity.holds for option in options)
        for a in options:
            for b in options:
                if _dominates(a, b, priorities, holds_sourced=sourced):
                    assert position[a.modality] < position[b.modality]

    @given(option_sets(), priority_orders)
    def test_no_option_wins_on_the_figures_it_lacks(
        self, options: tuple[OptionAssessment, ...], priorities: list[Priority]
    ) -> None:
        """A above B, A lacking figures B has: A is strictly better on the figures A has."""
        ranking = _ranked(options, priorities)
        option = {item.modality: item for item in options}
        for i, a in enumerate(ranking):
            for b in ranking[i + 1 :]:
                has_a = set(priorities) - set(a.without_figures)
                has_b = set(priorities) - set(b.without_figures)
                if a.rank < b.rank and has_a < has_b and _comparable(b, a):
                    if not has_a:
                        pytest.fail(f"{a.modality} has no figure yet ranks above {b.modality}")
                    cost_a = _shared_cost(options, priorities, option[a.modality], has_a)
                    cost_b = _shared_cost(options, priorities, option[b.modality], has_a)
                    assert cost_a < cost_b

    @given(option_sets(), priority_orders)
    def test_ranks_are_ordered_and_ties_share_one(
        self, options: tuple[OptionAssessment, ...], priorities: list[Priority]
    ) -> None:
        """Ranks never decrease; tied options share a rank and name each other."""
        ranking = _ranked(options, priorities)
        ranks = [item.rank for item in ranking]
        assert sorted(ranks) == ranks
        assert ranks[0] == 1
        for position, item in enumerate(ranking, start=1):
            peers = {other.modality for other in ranking if other.rank == item.rank} - {
                item.modality
            }
            assert (peers, item.rank <= position) == (set(item.tied_with), True)

    @given(option_sets(), priority_orders)
    def test_a_missing_collapse_figure_is_not_a_figure(
        self, options: tuple[OptionAssessment, ...], priorities: list[Priority]
    ) -> None:
        """The 0-100 % placeholder is a missing figure (never scored as 50 %), and flagged."""
        ranking = _ranked(options, priorities)
        placeholder = ProbabilityRange(low=0, high=1)
        option = {item.modality: item for item in options}
        for item in ranking:
            missing = option[item.modality].collapse_risk.probability == placeholder
            wanted = Priority.AVOID_COLLAPSE in priorities
            assert (missing and wanted) == (Priority.AVOID_COLLAPSE in item.without_figures)

    @given(option_sets(), priority_orders)
    def test_supportive_care_never_wins_a_tie_with_a_local_treatment(
        self, options: tuple[OptionAssessment, ...], priorities: list[Priority]
    ) -> None:
        """Supportive care ranks after every eligible or caution option scoring no worse.

        Unless it shares its rank, or the option lacks a figure supportive care has (it then
        cannot rank above supportive care on it).
        """
        ranking = _ranked(options, priorities)
        for i, supportive in enumerate(ranking):
            if supportive.modality is not Modality.BEST_SUPPORTIVE_CARE:
                continue
            if supportive.eligibility is not Eligibility.ELIGIBLE:
                continue
            for other in ranking[i + 1 :]:
                if other.eligibility not in {Eligibility.ELIGIBLE, Eligibility.CAUTION}:
                    continue
                lacks = set(other.without_figures) - set(supportive.without_figures)
                tied = other.rank == supportive.rank
                assert tied or bool(lacks) or other.score > supportive.score

    def test_contraindicated_options_are_left_out_by_default(self) -> None:
        """Only possible options are ranked unless asked otherwise."""
        options = assess(example_patient("myeloma_t9_high_grade")).lesions[0].options
        ranked = rank_options(options, [Priority.FAST_PAIN_RELIEF])
        assert all(item.eligibility is not Eligibility.CONTRAINDICATED for item in ranked)
        assert [item.rank for item in ranked] == sorted(item.rank for item in ranked)

    def test_fast_relief_puts_ablation_before_radiotherapy(self) -> None:
        """With fast pain relief first, ablation (days) ranks above SBRT (weeks) when both fit."""
        lesion = assess(example_patient()).lesions[0]
        ranked = lesion.ranked([Priority.FAST_PAIN_RELIEF, Priority.KEEP_SYSTEMIC_THERAPY])
        order = [item.modality for item in ranked]
        assert order.index(Modality.VERTEBRAL_AUGMENTATION) < order.index(Modality.SBRT)

    def test_supportive_care_does_not_rank_first_for_a_fit_patient(self) -> None:
        """Breast T12, fast relief first: supportive care ranks right after LITT.

        Supportive care has no onset figure; LITT has every figure it has and is no worse on
        them (0 days of hold), so supportive care cannot win on the onset it lacks.
        """
        lesion = assess(example_patient()).lesions[0]
        ranked = lesion.ranked([Priority.FAST_PAIN_RELIEF, Priority.KEEP_SYSTEMIC_THERAPY])
        order = [item.modality for item in ranked]
        supportive = ranked[order.index(Modality.BEST_SUPPORTIVE_CARE)]
        assert (supportive.without_figures, order.index(Modality.BEST_SUPPORTIVE_CARE)) == (
            (Priority.FAST_PAIN_RELIEF,),
            order.index(Modality.LASER_INTERSTITIAL_THERMAL_THERAPY) + 1,
        )

    def test_known_absence_of_control_costs_the_maximum(self) -> None:
        """Durability: supportive care and stabilization (no tumor treatment) cost 1 and tie.

        Corpectomy (no figure) is ranked without one, not as 0 % control.
        """
        lesion = assess(example_patient()).lesions[0]
        ranked = {item.modality: item for item in lesion.ranked([Priority.DURABILITY])}
        supportive = ranked[Modality.BEST_SUPPORTIVE_CARE]
        stabilization = ranked[Modality.POSTERIOR_STABILIZATION]
        corpectomy = ranked[Modality.CORPECTOMY_RECONSTRUCTION]
        assert (supportive.score, stabilization.score, supportive.rank) == (
            1.0,
            1.0,
            stabilization.rank,
        )
        assert (corpectomy.without_figures, corpectomy.score) == ((Priority.DURABILITY,), math.inf)

    def test_ties_share_a_rank_in_the_order_given(self) -> None:
        """Four open operations with no figure for fast relief tie: one rank, input order."""
        lesion = assess(example_patient()).lesions[0]
        ranked = lesion.ranked([Priority.FAST_PAIN_RELIEF, Priority.KEEP_SYSTEMIC_THERAPY])
        surgical = [item for item in ranked if item.modality.is_open_surgery]
        assert [item.modality for item in surgical] == [m for m in Modality if m.is_open_surgery]
        assert len({item.rank for item in surgical}) == 1


def _plan(lesion: LesionAssessment, name: str) -> PlanAssessment:
    return next(plan for plan in lesion.plans if plan.name == name)


def _unstable(sins_lesion: SpinalLesion) -> Patient:
    """A fit breast patient with one lesion (no prior radiotherapy, no systemic therapy)."""
    return Patient(
        primary=PrimaryTumor.BREAST,
        lesions=(sins_lesion,),
        kps=80,
        ecog=1,
        frankel=Frankel.E,
        medically_operable=True,
        expected_survival_years=2.0,
        prior_radiation=(),
        systemic_therapy=(),
    )


class TestPlanPairs:
    @pytest.mark.parametrize(
        ("pathway", "stabilization"),
        [
            ("conventional EBRT", "posterior stabilization"),
            ("SBRT", "posterior stabilization"),
            ("conventional EBRT", "vertebral augmentation"),
            ("SBRT", "vertebral augmentation"),
        ],
    )
    def test_every_noms_pathway_and_stabilization_pair_has_a_plan(
        self, pathway: str, stabilization: str
    ) -> None:
        """NOMS pairs a radiation pathway with a stabilization: each pair is a plan (C27, C28)."""
        names = {plan.name for plan in assess(example_patient()).lesions[0].plans}
        assert f"{stabilization}, then {pathway}" in names

    @pytest.mark.parametrize(
        ("sins_points", "stabilized_verdict"),
        [(12, Eligibility.ELIGIBLE), (13, Eligibility.ELIGIBLE)],
        ids=["SINS 12: outside SC.24", "SINS 13: unstable"],
    )
    def test_sbrt_after_stabilization_is_judged_on_the_stabilized_spine(
        self, sins_points: int, stabilized_verdict: Eligibility
    ) -> None:
        """SINS 12-13 make SBRT alone caution or contraindicated, not SBRT after fixation."""
        # T12 junctional 3, mechanical pain 3, lytic 2, unilateral posterolateral 1; then
        # normal alignment with collapse >= 50 % (0 + 3 = 12) or de novo deformity with
        # collapse < 50 % (2 + 2 = 13).
        alignment = Alignment.DE_NOVO_DEFORMITY if sins_points == 13 else Alignment.NORMAL
        collapse = (
            Collapse.LESS_THAN_50_PERCENT if sins_points == 13 else Collapse.AT_LEAST_50_PERCENT
        )
        lesion = SpinalLesion(
            levels=(VertebralLevel.T12,),
            pain=Pain.MECHANICAL,
            bone_lesion=BoneLesion.LYTIC,
            alignment=alignment,
            collapse=collapse,
            posterolateral=Posterolateral.UNILATERAL,
            escc=ESCC.GRADE_0,
        )
        assessed = assess(_unstable(lesion)).lesions[0]
        assert assessed.sins.points.value == sins_points
        alone = assessed.option(Modality.SBRT).eligibility
        plan = _plan(assessed, "posterior stabilization, then SBRT")
        step = next(f for f in plan.findings if f.statement.startswith("Step 2"))
        assert alone in {Eligibility.CAUTION, Eligibility.CONTRAINDICATED}
        assert f"is {stabilized_verdict.value}." in step.statement
        assert any("stabilized spine" in f.statement for f in plan.findings)

    def test_decompression_plan_computes_the_schedule_it_quotes(self) -> None:
        """Patchell 2005 gave 30 Gy / 10 after decompression: the plan counts 10 sessions."""
        lesion = assess(example_patient("renal_t7_cord_compression")).lesions[0]
        plan = _plan(lesion, "decompressive surgery, then conventional EBRT")
        surgery = lesion.option(Modality.DECOMPRESSIVE_LAMINECTOMY).burden.sessions
        assert plan.sessions == surgery + ScoreRange.exact(10)
        assert any("(30 Gy / 10)" in f.statement for f in plan.findings)

    def test_separation_plan_gives_laufer_range(self) -> None:
        """Laufer 2013: 1-year local progression 4.1-22.6 %, 16.4 % overall; 24 Gy / 2 no arm."""
        lesion = assess(example_patient("renal_t7_cord_compression")).lesions[0]
        statement = _plan(lesion, "separation surgery, then SBRT").findings[0].statement
        assert ("4.1-22.6 %" in statement, "16.4 % overall" in statement) == (True, True)
        assert "24 Gy / 2, which matches none" in statement


class TestDecompressingPlans:
    def test_the_noms_plan_is_eligible_after_separation(self) -> None:
        """SBRT after separation surgery is judged on the decompressed canal, not as sole care."""
        lesion = assess(example_patient("renal_t7_cord_compression")).lesions[0]
        plan = next(p for p in lesion.plans if p.steps[0] is Modality.SEPARATION_SURGERY)
        assert lesion.option(Modality.SBRT).eligibility is Eligibility.CONTRAINDICATED
        assert plan.eligibility is Eligibility.ELIGIBLE
        assert plan.sessions == lesion.option(Modality.SEPARATION_SURGERY).burden.sessions
        assert any("decompressed canal" in f.statement for f in plan.findings)
