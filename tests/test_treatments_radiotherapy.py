import math
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spinal_metastasis import (
    ESCC,
    Alignment,
    BoneLesion,
    Collapse,
    Fractionation,
    Frankel,
    InvalidInputError,
    Pain,
    Patient,
    Posterolateral,
    PrimaryTumor,
    RadiationCourse,
    SpinalLesion,
    SystemicAgent,
    VertebralLevel,
    example_patient,
    from_json,
    to_json,
)
from spinal_metastasis.performance import possible_ecog
from spinal_metastasis.radiobiology import SCHEDULES, Schedule, Technique, schedule
from spinal_metastasis.ranges import DayRange, ProbabilityRange, ScoreRange
from spinal_metastasis.scores.escc import ESCC_1C_HIGH
from spinal_metastasis.sources.radiobiology import NIEDER_2006, SAHGAL_2021_HYTEC
from spinal_metastasis.sources.radiotherapy import KIM_2019, ZENG_2022
from spinal_metastasis.sources.treatments import GUIMOND_2022, KROEZE_2023, PATCHELL_2005
from spinal_metastasis.testing import patients, radiation_courses, spinal_lesions
from spinal_metastasis.treatments.context import (
    AssessmentSettings,
    LesionContext,
    lesion_context,
)
from spinal_metastasis.treatments.option import Eligibility, Modality, OptionAssessment
from spinal_metastasis.treatments.radiotherapy import (
    CEBRT_HOLDS,
    DEFAULT_CEBRT_SCHEDULE,
    DEFAULT_SBRT_SCHEDULE,
    SBRT_HOLDS,
    SBRT_VCF_INCIDENCE,
    VCF_HAZARD_RATIO_ALIGNMENT,
    VCF_HAZARD_RATIO_BONE_LESION,
    VCF_HAZARD_RATIO_COLLAPSE,
    assess_conventional_ebrt,
    assess_sbrt,
    sbrt_collapse_risk,
)

E = Eligibility.ELIGIBLE
C = Eligibility.CAUTION
X = Eligibility.CONTRAINDICATED
U = Eligibility.UNDETERMINED
T8 = (VertebralLevel.T8,)

# A fully known baseline: breast primary, fit, T8 lesion, SINS 3, ESCC 0, never irradiated.
BASE_LESION: dict[str, Any] = {
    "levels": T8,
    "pain": Pain.OCCASIONAL_NON_MECHANICAL,
    "bone_lesion": BoneLesion.MIXED,
    "alignment": Alignment.NORMAL,
    "collapse": Collapse.NONE,
    "posterolateral": Posterolateral.NONE,
    "escc": ESCC.GRADE_0,
}
BASE_PATIENT: dict[str, Any] = {
    "primary": PrimaryTumor.BREAST,
    "kps": 80,
    "ecog": 1,
    "frankel": Frankel.E,
    "medically_operable": True,
    "expected_survival_years": 2.0,
    "systemic_therapy": (),
    "prior_radiation": (),
}


def make(
    lesion: dict[str, Any] | None = None,
    settings: AssessmentSettings | None = None,
    **patient: Any,
) -> LesionContext:
    """Build the context of a one-lesion patient from the baseline and overrides."""
    spinal = SpinalLesion(**(BASE_LESION | (lesion or {})))
    person = Patient(**(BASE_PATIENT | patient), lesions=(spinal,))
    return lesion_context(person, spinal, settings)


def course(
    total: float, fractions: int, days: int | None = 365, levels: tuple[VertebralLevel, ...] = T8
) -> RadiationCourse:
    """A completed course to the given levels."""
    return RadiationCourse(
        levels=levels,
        fractionation=Fractionation(total_dose_gy=total, fractions=fractions),
        days_since_completion=days,
    )


def verdict_of(option: OptionAssessment, citation: object) -> frozenset[Eligibility]:
    """The verdicts of the rule citing ``citation``."""
    [found] = [item for item in option.rules if item.finding.citation is citation]
    return found.possible


# --- Conventional EBRT --------------------------------------------------------------------------


class TestConventionalScenarios:
    @pytest.mark.parametrize(
        ("context", "verdict"),
        [
            pytest.param(make(), E, id="published: NOMS, radiosensitive low grade -> cEBRT"),
            pytest.param(
                make({"escc": ESCC.GRADE_3}, frankel=Frankel.C),
                E,
                id="published: NOMS 2010, radiosensitive whatever the compression -> cEBRT",
            ),
            pytest.param(
                make(primary=PrimaryTumor.KIDNEY),
                C,
                id="published: AO, radioresistant (renal) -> less durable control",
            ),
            pytest.param(
                make({"escc": ESCC.GRADE_2}, primary=PrimaryTumor.MELANOMA),
                C,
                id="published: NOMS/Patchell, radioresistant high grade operable -> surgery first",
            ),
            pytest.param(
                make(
                    {"escc": ESCC.GRADE_2}, primary=PrimaryTumor.MELANOMA, medically_operable=False
                ),
                C,
                id="published: NOMS, radioresistant high grade inoperable -> cEBRT (caution)",
            ),
        ],
    )
    def test_verdict(self, context: LesionContext, verdict: Eligibility) -> None:
        """The NOMS scenarios give the expected cEBRT verdict."""
        assert verdict == assess_conventional_ebrt(context).eligibility

    def test_surgery_first_only_for_operable(self) -> None:
        """The Patchell finding appears for an operable patient, not for an inoperable one."""
        operable = make({"escc": ESCC.GRADE_2}, primary=PrimaryTumor.MELANOMA)
        inoperable = make(
            {"escc": ESCC.GRADE_2}, primary=PrimaryTumor.MELANOMA, medically_operable=False
        )
        assert frozenset({C}) == verdict_of(assess_conventional_ebrt(operable), PATCHELL_2005)
        assert not [
            r
            for r in assess_conventional_ebrt(inoperable).rules
            if r.finding.citation is PATCHELL_2005
        ]

    def test_unknown_primary_waits_for_it(self) -> None:
        """An unknown primary leaves eligible and caution open and names the primary."""
        option = assess_conventional_ebrt(make(primary=None))
        assert frozenset({E, C}) == option.possible_eligibility
        assert "primary" in option.missing

    def test_unclassified_primary_names_no_field(self) -> None:
        """A known primary no table classifies is undetermined, and no field would decide it."""
        option = assess_conventional_ebrt(make(primary=PrimaryTumor.HEAD_AND_NECK))
        assert option.eligibility == U
        assert () == option.missing

    def test_surgery_first_unknown_fitness(self) -> None:
        """Radioresistant high grade with unknown fitness names the fitness inputs."""
        option = assess_conventional_ebrt(
            make({"escc": ESCC.GRADE_3}, primary=PrimaryTumor.KIDNEY, medically_operable=None)
        )
        assert option.eligibility == C
        [rule] = [r for r in option.rules if "surgery first" in r.finding.statement]
        assert frozenset({E, C}) == rule.possible
        assert rule.missing == ("medically_operable",)

    @pytest.mark.parametrize(
        ("collapse", "total", "verdict"),
        [
            pytest.param(
                Collapse.NONE_WITH_OVER_50_PERCENT_BODY_INVOLVED,
                12,
                E,
                id="worked: SINS 12, not unstable",
            ),
            pytest.param(
                Collapse.LESS_THAN_50_PERCENT,
                13,
                C,
                id="published: Fourney 2011, SINS 13 unstable -> stabilization (NOMS)",
            ),
        ],
    )
    def test_instability_threshold(
        self, collapse: Collapse, total: int, verdict: Eligibility
    ) -> None:
        """SINS 12 is not grossly unstable; 13 asks for stabilization apart from radiation."""
        context = make(
            {
                "levels": (VertebralLevel.T12,),
                "pain": Pain.MECHANICAL,
                "bone_lesion": BoneLesion.LYTIC,
                "alignment": Alignment.DE_NOVO_DEFORMITY,
                "collapse": collapse,
                "posterolateral": Posterolateral.UNILATERAL,
            }
        )
        assert total == context.sins.points.value
        assert verdict == assess_conventional_ebrt(context).eligibility

    def test_unknown_sins_names_the_findings(self) -> None:
        """An undecided SINS names the unknown findings."""
        option = assess_conventional_ebrt(
            make(
                {
                    "levels": (VertebralLevel.T12,),
                    "pain": None,
                    "alignment": None,
                    "bone_lesion": BoneLesion.LYTIC,
                    "collapse": Collapse.LESS_THAN_50_PERCENT,
                }
            )
        )
        assert frozenset({E, C}) == option.possible_eligibility
        assert option.missing == ("pain", "alignment")


class TestConventionalReirradiation:
    @pytest.mark.parametrize(
        ("prior", "verdict"),
        [
            pytest.param(
                course(30, 10),
                C,
                id="worked: Nieder 2006, 30 Gy/10 then 20 Gy/5 -> 135 Gy2 (<= 135.5)",
            ),
            pytest.param(
                course(31, 10),
                X,
                id="worked: Nieder 2006, 31 Gy/10 then 20 Gy/5 -> 139 Gy2 (> 135.5)",
            ),
            pytest.param(
                course(50, 25),
                X,
                id="worked: Nieder 2006, a 100 Gy2 course (> 98)",
            ),
            pytest.param(course(8, 1, days=30), C, id="worked: short interval is reported only"),
        ],
    )
    def test_nieder_bounds(self, prior: RadiationCourse, verdict: Eligibility) -> None:
        """The BED bounds decide between caution and contraindication."""
        option = assess_conventional_ebrt(make(prior_radiation=(prior,)))
        assert frozenset({verdict}) == verdict_of(option, NIEDER_2006)

    def test_short_interval_is_said(self) -> None:
        """An interval under 6 months is named in the finding."""
        option = assess_conventional_ebrt(make(prior_radiation=(course(8, 1, days=30),)))
        [rule] = [r for r in option.rules if r.finding.citation is NIEDER_2006]
        assert "less than Nieder's 6 months" in rule.finding.statement

    def test_unknown_interval_does_not_matter(self) -> None:
        """With the BED bounds met, an unknown interval leaves the caution determined."""
        option = assess_conventional_ebrt(make(prior_radiation=(course(8, 1, days=None),)))
        assert option.eligibility == C

    def test_other_levels_do_not_count(self) -> None:
        """A course to distant levels is not a re-irradiation."""
        far = course(40, 20, levels=(VertebralLevel.L4,))
        assert assess_conventional_ebrt(make(prior_radiation=(far,))).eligibility == E

    def test_adjacent_course_is_named(self) -> None:
        """A course to the next level is named in a toxicity finding."""
        near = course(30, 10, levels=(VertebralLevel.T9,))
        option = assess_conventional_ebrt(make(prior_radiation=(near,)))
        assert any("adjacent" in f.statement for f in option.toxicity.findings)

    def test_unknown_prior_radiation(self) -> None:
        """Unknown prior radiation leaves every verdict possible and names it."""
        option = assess_conventional_ebrt(make(prior_radiation=None))
        assert option.eligibility == U
        assert frozenset({E, C, X}) == option.possible_eligibility
        assert option.missing == ("prior_radiation",)

    def test_lumbar_uses_alpha_beta_4(self) -> None:
        """Nieder's lumbar alpha/beta of 4 Gy is used and said to be unverified."""
        levels = (VertebralLevel.L3,)
        option = assess_conventional_ebrt(
            make({"levels": levels}, prior_radiation=(course(30, 10, levels=levels),))
        )
        assert any("α/β 4 Gy" in f.statement for f in option.toxicity.findings)

    def test_sacral_uses_alpha_beta_2(self) -> None:
        """A sacral lesion, for which Nieder gives no alpha/beta, takes 2 Gy and says so."""
        levels = (VertebralLevel.S2,)
        option = assess_conventional_ebrt(
            make({"levels": levels}, prior_radiation=(course(30, 10, levels=levels),))
        )
        assert option.eligibility == C
        assert any("sacral" in f.statement for f in option.toxicity.findings)

    def test_assumed_cord_dose_is_said(self) -> None:
        """An unknown cord dose of the prior course is replaced by the prescription, said so."""
        option = assess_conventional_ebrt(make(prior_radiation=(course(8, 1),)))
        assert any("prescription is assumed" in f.statement for f in option.toxicity.findings)


class TestConventionalTradeOffs:
    def test_default_schedule_is_the_sc24_control_arm(self) -> None:
        """20 Gy / 5 by default: 30 Gy EQD2 to the cord, five sessions."""
        option = assess_conventional_ebrt(make())
        assert Fractionation(total_dose_gy=20, fractions=5) == (
            DEFAULT_CEBRT_SCHEDULE.fractionation
        )
        assert option.toxicity.cord_eqd2_added_gy == 30.0
        assert ScoreRange.exact(5) == option.burden.sessions
        assert pytest.approx(0.16) == option.pain_relief.retreatment.probability.low  # type: ignore[union-attr]
        assert ZENG_2022 is option.pain_relief.retreatment.citation  # type: ignore[union-attr]

    @pytest.mark.parametrize(
        ("name", "cord", "retreatment", "control"),
        [
            pytest.param("8 Gy x 1", 20.0, 0.18, ProbabilityRange.exact(0.61), id="8 Gy x 1"),
            pytest.param(
                "20 Gy / 5", 30.0, 0.16, ProbabilityRange(low=0.61, high=0.72), id="20 Gy / 5"
            ),
            pytest.param("30 Gy / 10", 37.5, 0.09, ProbabilityRange.exact(0.81), id="30 Gy / 10"),
            pytest.param("24 Gy / 6", 36.0, 0.06, None, id="24 Gy / 6"),
            pytest.param("37.5 Gy / 15", 42.1875, None, ProbabilityRange.exact(0.81), id="37.5/15"),
        ],
    )
    def test_by_schedule(
        self,
        name: str,
        cord: float,
        retreatment: float | None,
        control: ProbabilityRange | None,
    ) -> None:
        """Cord EQD2, retreatment and local control follow the schedule and its trial."""
        option = assess_conventional_ebrt(make(), schedule=schedule(name))
        assert pytest.approx(cord) == option.toxicity.cord_eqd2_added_gy
        rate = option.pain_relief.retreatment
        assert retreatment == (None if rate is None else rate.probability.low)
        assert control == option.local_control.probability

    def test_pain_relief(self) -> None:
        """Onset within 4 weeks, near-maximal from day 8 to 6 weeks; 61-67 % respond."""
        relief = assess_conventional_ebrt(make()).pain_relief
        assert DayRange(low=0, high=28) == relief.onset_days
        assert DayRange(low=8, high=42) == relief.maximal_days
        assert ProbabilityRange(low=0.61, high=0.67) == relief.response.probability  # type: ignore[union-attr]
        assert ProbabilityRange.exact(0.14) == relief.complete_response.probability  # type: ignore[union-attr]

    def test_single_fraction_retreatment_findings(self) -> None:
        """After 8 Gy x 1 the Dutch and pooled retreatment figures are given too."""
        option = assess_conventional_ebrt(make(), schedule=schedule("8 Gy x 1"))
        assert any("24 % vs 7 %" in f.statement for f in option.pain_relief.findings)

    def test_flare(self) -> None:
        """Flare 30-40 % without prophylaxis, 26 % with dexamethasone (Chow 2015)."""
        toxicity = assess_conventional_ebrt(make()).toxicity
        assert ProbabilityRange(low=0.3, high=0.4) == toxicity.pain_flare.probability  # type: ignore[union-attr]
        assert ProbabilityRange.exact(0.26) == (
            toxicity.pain_flare_with_dexamethasone.probability  # type: ignore[union-attr]
        )

    def test_collapse_range_without_model(self) -> None:
        """Collapse after cEBRT is a cited range with no relative hazard."""
        risk = assess_conventional_ebrt(make()).collapse_risk
        assert ProbabilityRange(low=0.043, high=0.22) == risk.probability
        assert risk.relative_hazard is None

    def test_radioresistant_local_control_is_said_lower(self) -> None:
        """A radioresistant primary gets the finding that control is lower."""
        option = assess_conventional_ebrt(make(primary=PrimaryTumor.KIDNEY))
        assert any("lower" in f.statement for f in option.local_control.findings)

    def test_burden_leaves_unsourced_figures_unset(self) -> None:
        """No anesthesia or hospital stay is sourced: empty and None, with a finding."""
        burden = assess_conventional_ebrt(make()).burden
        assert frozenset() == burden.anesthesia
        assert burden.hospital_days is None
        assert any("No source read" in f.statement for f in burden.findings)


class TestSchedules:
    def test_rejects_a_stereotactic_schedule_for_cebrt(self) -> None:
        """Conventional EBRT needs a conventional schedule."""
        with pytest.raises(InvalidInputError, match="'schedule'"):
            assess_conventional_ebrt(make(), schedule=DEFAULT_SBRT_SCHEDULE)

    def test_rejects_a_conventional_schedule_for_sbrt(self) -> None:
        """SBRT needs a stereotactic schedule."""
        with pytest.raises(InvalidInputError, match="'schedule'"):
            assess_sbrt(make(), schedule=DEFAULT_CEBRT_SCHEDULE)

    def test_rejects_a_fractionation(self) -> None:
        """A bare Fractionation is not a Schedule."""
        with pytest.raises(InvalidInputError, match="'schedule'"):
            assess_sbrt(make(), schedule=Fractionation(total_dose_gy=24, fractions=2))  # type: ignore[arg-type]

    @pytest.mark.parametrize("plan", SCHEDULES, ids=lambda s: s.name)
    def test_every_catalogue_schedule(self, plan: Schedule) -> None:
        """Every schedule of the catalogue assesses with its own option."""
        assess = (
            assess_sbrt if plan.technique is Technique.STEREOTACTIC else (assess_conventional_ebrt)
        )
        option = assess(make(prior_radiation=(course(8, 1),)), schedule=plan)
        assert ScoreRange.exact(plan.fractionation.fractions) == option.burden.sessions


# --- SBRT ---------------------------------------------------------------------------------------


class TestSbrtEligibility:
    @pytest.mark.parametrize(
        ("ecog", "verdict"),
        [
            pytest.param(2, E, id="published: SC.24, ECOG 2 included"),
            pytest.param(3, C, id="published: SC.24, ECOG 3 excluded"),
        ],
    )
    def test_performance(self, ecog: int, verdict: Eligibility) -> None:
        """SC.24 enrolled ECOG 0-2."""
        assert verdict == assess_sbrt(make(ecog=ecog, kps=None)).eligibility

    def test_performance_from_kps(self) -> None:
        """KPS 60 maps to ECOG 2 or 3: undetermined, waiting for the ECOG grade."""
        assert frozenset({2, 3}) == possible_ecog(60, None)
        option = assess_sbrt(make(ecog=None, kps=60))
        assert frozenset({E, C}) == option.possible_eligibility
        assert option.missing == ("ecog",)

    @pytest.mark.parametrize(
        ("levels", "verdict"),
        [
            pytest.param((VertebralLevel.T8, VertebralLevel.T9), E, id="published: RTOG 0631, 2"),
            pytest.param(
                (VertebralLevel.T7, VertebralLevel.T8, VertebralLevel.T9),
                E,
                id="published: SC.24, 3 consecutive",
            ),
            pytest.param(
                (VertebralLevel.T6, VertebralLevel.T7, VertebralLevel.T8, VertebralLevel.T9),
                C,
                id="published: SC.24, 4 excluded",
            ),
        ],
    )
    def test_extent(self, levels: tuple[VertebralLevel, ...], verdict: Eligibility) -> None:
        """At most 3 consecutive segments (SC.24), 2 per site (RTOG 0631)."""
        assert verdict == assess_sbrt(make({"levels": levels})).eligibility

    @pytest.mark.parametrize(
        ("collapse", "alignment", "total", "verdict"),
        [
            pytest.param(
                Collapse.NONE_WITH_OVER_50_PERCENT_BODY_INVOLVED,
                Alignment.NORMAL,
                10,
                E,
                id="worked: SINS 10",
            ),
            pytest.param(
                Collapse.LESS_THAN_50_PERCENT,
                Alignment.NORMAL,
                11,
                E,
                id="published: SC.24, SINS 11 (< 12) included",
            ),
            pytest.param(
                Collapse.AT_LEAST_50_PERCENT,
                Alignment.NORMAL,
                12,
                C,
                id="published: SC.24, SINS 12 excluded, not unstable",
            ),
            pytest.param(
                Collapse.LESS_THAN_50_PERCENT,
                Alignment.DE_NOVO_DEFORMITY,
                13,
                X,
                id="published: NOMS, SINS 13 unstable -> stabilization first",
            ),
        ],
    )
    def test_stability(
        self, collapse: Collapse, alignment: Alignment, total: int, verdict: Eligibility
    ) -> None:
        """SINS < 12 eligible, 12 caution, 13-18 contraindicated as the sole treatment."""
        context = make(
            {
                "levels": (VertebralLevel.T12,),
                "pain": Pain.MECHANICAL,
                "bone_lesion": BoneLesion.LYTIC,
                "alignment": alignment,
                "collapse": collapse,
                "posterolateral": Posterolateral.UNILATERAL,
            }
        )
        assert total == context.sins.points.value
        assert verdict == assess_sbrt(context).eligibility

    def test_unknown_sins_spanning_every_band(self) -> None:
        """A SINS range crossing 11/12 and 12/13 leaves every verdict possible."""
        option = assess_sbrt(
            make(
                {
                    "levels": (VertebralLevel.T12,),
                    "pain": Pain.MECHANICAL,
                    "bone_lesion": BoneLesion.LYTIC,
                    "alignment": Alignment.DE_NOVO_DEFORMITY,
                    "collapse": None,
                    "posterolateral": Posterolateral.UNILATERAL,
                }
            )
        )
        assert frozenset({E, C, X}) == option.possible_eligibility
        assert option.missing == ("collapse",)

    @pytest.mark.parametrize(
        ("escc", "frankel", "verdict"),
        [
            pytest.param(
                ESCC.GRADE_2, Frankel.D, X, id="published: SC.24, symptomatic compression"
            ),
            pytest.param(ESCC.GRADE_3, Frankel.A, X, id="published: NOMS, decompression first"),
            pytest.param(ESCC.GRADE_2, Frankel.E, C, id="published: NOMS, high grade -> surgery"),
            pytest.param(ESCC.GRADE_1B, Frankel.D, E, id="worked: low grade with a deficit"),
            pytest.param(ESCC.GRADE_1C, Frankel.E, E, id="worked: 1c low in the default grouping"),
        ],
    )
    def test_compression(self, escc: ESCC, frankel: Frankel, verdict: Eligibility) -> None:
        """Symptomatic high-grade compression excludes SBRT alone; asymptomatic, caution."""
        context = make({"escc": escc}, primary=PrimaryTumor.KIDNEY, frankel=frankel)
        assert verdict == assess_sbrt(context).eligibility

    def test_1c_high_under_the_alternative_grouping(self) -> None:
        """Under the 1c-high grouping, 1c asks for caution."""
        settings = AssessmentSettings(escc_grouping=ESCC_1C_HIGH)
        context = make({"escc": ESCC.GRADE_1C}, settings=settings)
        assert assess_sbrt(context).eligibility == C

    def test_bilsky_3_cites_kim(self) -> None:
        """Bilsky 3 adds the 24.9 % local progression of single-fraction SRS."""
        option = assess_sbrt(make({"escc": ESCC.GRADE_3}))
        assert frozenset({C}) == verdict_of(option, KIM_2019)

    def test_unknown_compression_and_neurology(self) -> None:
        """Unknown ESCC and Frankel leave contraindication possible and name both."""
        option = assess_sbrt(make({"escc": None}, frankel=None))
        assert frozenset({E, C, X}) == option.possible_eligibility
        assert {"escc", "frankel"} == set(option.missing)


class TestSbrtReirradiation:
    @pytest.mark.parametrize(
        ("prior", "verdict", "cord"),
        [
            pytest.param(course(8, 1), C, 20.0, id="published: Sahgal 2012, after 8 Gy x 1 -> 20"),
            pytest.param(course(20, 5), C, 25.0, id="published: HyTEC, after 20 Gy/5 -> 25"),
            pytest.param(course(50, 25), C, 20.0, id="worked: 50 Gy EQD2 leaves 70 - 50 = 20"),
            pytest.param(course(70, 35), X, None, id="published: HyTEC, cumulative 70 reached"),
            pytest.param(course(20, 5, days=152), X, None, id="published: HyTEC, 152 d < 5 mo"),
            pytest.param(course(20, 5, days=153), C, 25.0, id="published: HyTEC, 153 d >= 5 mo"),
        ],
    )
    def test_criteria(
        self, prior: RadiationCourse, verdict: Eligibility, cord: float | None
    ) -> None:
        """The re-irradiation budget decides; the cord dose added is the budget."""
        option = assess_sbrt(make(prior_radiation=(prior,)))
        assert frozenset({verdict}) == verdict_of(option, SAHGAL_2021_HYTEC)
        added = option.toxicity.cord_eqd2_added_gy
        assert cord == (None if added is None else pytest.approx(added))

    def test_unknown_interval(self) -> None:
        """With a dose allowed but the interval unknown, caution or contraindication."""
        option = assess_sbrt(make(prior_radiation=(course(20, 5, days=None),)))
        assert frozenset({C, X}) == option.possible_eligibility
        assert option.missing == ("prior_radiation",)  # the field a user supplies
        assert pytest.approx(25.0) == option.toxicity.cord_eqd2_added_gy

    def test_unknown_prior(self) -> None:
        """Unknown prior radiation: undetermined, no cord dose."""
        option = assess_sbrt(make(prior_radiation=None))
        assert frozenset({E, C, X}) == option.possible_eligibility
        assert option.missing == ("prior_radiation",)
        assert option.toxicity.cord_eqd2_added_gy is None

    def test_de_novo_cord_limit(self) -> None:
        """De novo 24 Gy / 2 adds the HyTEC limit of 17 Gy / 2, about 44.6 Gy EQD2."""
        option = assess_sbrt(make())
        assert round(option.toxicity.cord_eqd2_added_gy or 0, 1) == 44.6

    def test_ten_fractions_have_no_hytec_limit(self) -> None:
        """HyTEC gives limits for 1-5 fractions only; 48.5 Gy / 10 has none."""
        option = assess_sbrt(make(), schedule=schedule("48.5 Gy / 10"))
        assert option.toxicity.cord_eqd2_added_gy is None
        assert any("1 to 5" in f.statement for f in option.toxicity.findings)


class TestSbrtTradeOffs:
    def test_pain_relief_shows_both_trials(self) -> None:
        """SC.24 complete response 35 %, RTOG 0631 41.3 %; onset 1-14 days (Ryu 2008)."""
        relief = assess_sbrt(make()).pain_relief
        assert ProbabilityRange.exact(0.35) == relief.complete_response.probability  # type: ignore[union-attr]
        assert ProbabilityRange.exact(0.413) == relief.response.probability  # type: ignore[union-attr]
        assert DayRange(low=1, high=14) == relief.onset_days
        assert relief.maximal_days is None

    def test_other_schedule_is_flagged(self) -> None:
        """A schedule other than SC.24's says the figures come from the trials' schedules."""
        relief = assess_sbrt(make(), schedule=schedule("16 Gy x 1")).pain_relief
        assert any("not necessarily 16 Gy x 1" in f.statement for f in relief.findings)

    def test_flare(self) -> None:
        """Flare 10-68 % (review), 19 % with dexamethasone (Khan 2015)."""
        toxicity = assess_sbrt(make()).toxicity
        assert ProbabilityRange(low=0.1, high=0.68) == toxicity.pain_flare.probability  # type: ignore[union-attr]
        assert ProbabilityRange.exact(0.19) == (
            toxicity.pain_flare_with_dexamethasone.probability  # type: ignore[union-attr]
        )

    @pytest.mark.parametrize(
        ("escc", "name", "control", "horizon"),
        [
            pytest.param(ESCC.GRADE_0, "24 Gy / 2", ProbabilityRange.exact(0.94), 12, id="SC.24"),
            pytest.param(ESCC.GRADE_3, "24 Gy / 2", ProbabilityRange.exact(0.751), 12, id="B3"),
            pytest.param(None, "24 Gy / 2", ProbabilityRange(low=0.751, high=0.94), 12, id="?"),
            pytest.param(ESCC.GRADE_1A, "24 Gy / 3", ProbabilityRange.exact(0.839), 24, id="24/3"),
            pytest.param(
                ESCC.GRADE_1A, "16 Gy x 1", ProbabilityRange(low=0.85, high=1), None, id="series"
            ),
            pytest.param(
                ESCC.GRADE_3, "16 Gy x 1", ProbabilityRange.exact(0.751), 12, id="series B3"
            ),
        ],
    )
    def test_local_control(
        self, escc: ESCC | None, name: str, control: ProbabilityRange, horizon: int | None
    ) -> None:
        """Local control by schedule, lower for Bilsky 3 (Kim 2019)."""
        option = assess_sbrt(make({"escc": escc}, frankel=Frankel.E), schedule=schedule(name))
        assert control == option.local_control.probability
        expected = None if horizon is None else DayRange.from_months(horizon, horizon)
        assert expected == option.local_control.horizon_days

    def test_collapse_uses_the_schedule_dose(self) -> None:
        """24 Gy x 1 carries the >= 24 Gy hazard ratio; 24 Gy / 2 the reference."""
        lytic = make({"bone_lesion": BoneLesion.LYTIC})
        single = assess_sbrt(lytic, schedule=schedule("24 Gy x 1")).collapse_risk
        default = assess_sbrt(lytic).collapse_risk
        assert pytest.approx((5.25 * 3.53, 5.25 * 3.53)) == single.relative_hazard
        assert pytest.approx((3.53, 3.53)) == default.relative_hazard
        assert default.probability == SBRT_VCF_INCIDENCE

    def test_kroeze_2017_for_targeted_agents(self) -> None:
        """EGFR and VEGF agents bring the Kroeze 2017 toxicity finding."""
        option = assess_sbrt(make(systemic_therapy=(SystemicAgent.EGFR_TKI,)))
        assert any(f.citation.key == "kroeze2017" for f in option.toxicity.findings)


class TestHolds:
    @pytest.mark.parametrize(
        ("agent", "cebrt", "sbrt"),
        [
            pytest.param(
                SystemicAgent.BRAF_INHIBITOR, DayRange.exact(6), DayRange.exact(6), id="BRAF"
            ),
            pytest.param(
                SystemicAgent.MEK_INHIBITOR,
                DayRange(low=2, high=4),
                DayRange(low=2, high=4),
                id="MEK",
            ),
            pytest.param(
                SystemicAgent.ANTI_VEGF_ANTIBODY,
                DayRange(low=0, high=56),
                DayRange(low=35, high=56),
                id="bevacizumab",
            ),
            pytest.param(
                SystemicAgent.VEGF_TKI,
                DayRange(low=10, high=20),
                DayRange(low=12, high=20),
                id="VEGF TKI",
            ),
            pytest.param(
                SystemicAgent.EGFR_TKI, DayRange(low=2, high=4), DayRange(low=2, high=4), id="EGFR"
            ),
            pytest.param(
                SystemicAgent.CDK46_INHIBITOR,
                DayRange(low=2, high=4),
                DayRange(low=2, high=4),
                id="CDK4/6",
            ),
            pytest.param(
                SystemicAgent.IMMUNE_CHECKPOINT_INHIBITOR,
                DayRange.exact(0),
                DayRange.exact(0),
                id="checkpoint",
            ),
            pytest.param(
                SystemicAgent.CTLA4_INHIBITOR,
                DayRange.exact(0),
                DayRange(low=7, high=14),
                id="ipilimumab",
            ),
        ],
    )
    def test_interruption(self, agent: SystemicAgent, cebrt: DayRange, sbrt: DayRange) -> None:
        """Guimond 2022 around cEBRT; OligoCare then Guimond around SBRT."""
        context = make(systemic_therapy=(agent,))
        assert cebrt == assess_conventional_ebrt(context).toxicity.systemic_therapy_hold_days
        assert sbrt == assess_sbrt(context).toxicity.systemic_therapy_hold_days

    def test_sources(self) -> None:
        """Holds around cEBRT cite Guimond; SBRT checkpoint and VEGF holds cite OligoCare."""
        assert all(item.citation is GUIMOND_2022 for item in CEBRT_HOLDS.values())
        assert SBRT_HOLDS[SystemicAgent.VEGF_TKI].citation is KROEZE_2023

    @pytest.mark.parametrize(
        "agent",
        [
            SystemicAgent.CYTOTOXIC,
            SystemicAgent.HORMONAL,
            SystemicAgent.BONE_MODIFYING,
            SystemicAgent.OTHER,
        ],
    )
    def test_unsourced_agents_are_reported(self, agent: SystemicAgent) -> None:
        """Agents without a sourced hold are reported, not guessed."""
        for assess in (assess_conventional_ebrt, assess_sbrt):
            toxicity = assess(make(systemic_therapy=(agent,))).toxicity
            assert DayRange.exact(0) == toxicity.systemic_therapy_hold_days
            assert any("No sourced hold" in f.statement for f in toxicity.findings)

    def test_unknown_agents_range_over_every_class(self) -> None:
        """Unknown systemic therapy: from no interruption to the longest sourced hold."""
        option = assess_conventional_ebrt(make(systemic_therapy=None))
        assert DayRange(low=0, high=56) == option.toxicity.systemic_therapy_hold_days


# --- Collapse after SBRT (Sahgal 2013) ----------------------------------------------------------


def lesion(**findings: Any) -> SpinalLesion:
    """A T12 lesion with the given collapse risk factors."""
    return SpinalLesion(levels=(VertebralLevel.T12,), **findings)


class TestSbrtCollapseRisk:
    def test_table_3_product(self) -> None:
        """Lytic, < 50 % collapse, 24 Gy per fraction: 5.25 x 8.98 x 3.53 (Sahgal 2013)."""
        risk = sbrt_collapse_risk(
            lesion(
                bone_lesion=BoneLesion.LYTIC,
                alignment=Alignment.NORMAL,
                collapse=Collapse.LESS_THAN_50_PERCENT,
            ),
            dose_per_fraction_gy=24,
        )
        expected = 5.25 * 8.98 * 3.53
        assert pytest.approx((expected, expected)) == risk.relative_hazard
        assert ProbabilityRange(low=0.1235, high=0.14) == risk.probability

    @pytest.mark.parametrize(
        ("dose", "hazard"),
        [
            pytest.param(12, (1.0, 1.0), id="published: <= 19 reference"),
            pytest.param(19, (1.0, 1.0), id="published: 19 reference"),
            pytest.param(19.5, (1.0, 4.91), id="worked: between 19 and 20, both neighbours"),
            pytest.param(20, (4.91, 4.91), id="published: 20-23"),
            pytest.param(23, (4.91, 4.91), id="published: 23 in 20-23"),
            pytest.param(23.5, (4.91, 5.25), id="worked: between 23 and 24, both neighbours"),
            pytest.param(24, (5.25, 5.25), id="published: >= 24"),
        ],
    )
    def test_dose_bins(self, dose: float, hazard: tuple[float, float]) -> None:
        """The dose bins of Sahgal 2013, with the gaps between them as ranges."""
        risk = sbrt_collapse_risk(
            lesion(
                bone_lesion=BoneLesion.BLASTIC, alignment=Alignment.NORMAL, collapse=Collapse.NONE
            ),
            dose_per_fraction_gy=dose,
        )
        assert pytest.approx(hazard) == risk.relative_hazard

    def test_unknown_factors_span_their_ratios(self) -> None:
        """Unknown collapse, alignment and quality span their lowest and highest ratios."""
        risk = sbrt_collapse_risk(lesion(), dose_per_fraction_gy=12)
        assert pytest.approx((1.0, 8.98 * 2.99 * 3.53)) == risk.relative_hazard

    def test_high_dose_caution(self) -> None:
        """At 20 Gy per fraction or more, the authors' caution is a driver."""
        risk = sbrt_collapse_risk(lesion(), dose_per_fraction_gy=20)
        assert any("Caution at 20 Gy" in f.statement for f in risk.drivers)

    @pytest.mark.parametrize("dose", [0, -1, math.nan, math.inf, True, "24"])
    def test_rejects_bad_dose(self, dose: Any) -> None:
        """The dose per fraction must be a finite positive number."""
        with pytest.raises(InvalidInputError, match="'dose_per_fraction_gy'"):
            sbrt_collapse_risk(lesion(), dose_per_fraction_gy=dose)

    @given(spinal_lesions(), st.floats(min_value=0.5, max_value=40))
    def test_contains_every_completion_and_is_tight(
        self, spinal: SpinalLesion, dose: float
    ) -> None:
        """The relative-hazard range holds every completion's value and both ends are reached."""
        low, high = sbrt_collapse_risk(spinal, dose_per_fraction_gy=dose).relative_hazard or (0, 0)
        values: list[float] = []
        for collapse in [spinal.collapse] if spinal.collapse else list(Collapse):
            for alignment in [spinal.alignment] if spinal.alignment else list(Alignment):
                for quality in [spinal.bone_lesion] if spinal.bone_lesion else list(BoneLesion):
                    filled = attrs.evolve(
                        spinal, collapse=collapse, alignment=alignment, bone_lesion=quality
                    )
                    hazard = sbrt_collapse_risk(filled, dose_per_fraction_gy=dose).relative_hazard
                    assert hazard is not None
                    values.extend(hazard)
        assert pytest.approx(low) == min(values)
        assert pytest.approx(high) == max(values)

    @given(spinal_lesions(), st.floats(min_value=0.5, max_value=40), st.floats(0, 10))
    def test_higher_dose_never_lowers_the_hazard(
        self, spinal: SpinalLesion, dose: float, more: float
    ) -> None:
        """A higher dose per fraction never lowers either end of the relative hazard."""
        before = sbrt_collapse_risk(spinal, dose_per_fraction_gy=dose).relative_hazard
        after = sbrt_collapse_risk(spinal, dose_per_fraction_gy=dose + more).relative_hazard
        assert before is not None
        assert after is not None
        assert after[0] >= before[0] - 1e-9
        assert after[1] >= before[1] - 1e-9

    @pytest.mark.parametrize(
        ("table", "better", "worse"),
        [
            (VCF_HAZARD_RATIO_BONE_LESION, BoneLesion.MIXED, BoneLesion.LYTIC),
            (VCF_HAZARD_RATIO_ALIGNMENT, Alignment.NORMAL, Alignment.DE_NOVO_DEFORMITY),
            (VCF_HAZARD_RATIO_ALIGNMENT, Alignment.NORMAL, Alignment.SUBLUXATION_TRANSLATION),
            (
                VCF_HAZARD_RATIO_COLLAPSE,
                Collapse.NONE,
                Collapse.NONE_WITH_OVER_50_PERCENT_BODY_INVOLVED,
            ),
            (
                VCF_HAZARD_RATIO_COLLAPSE,
                Collapse.NONE_WITH_OVER_50_PERCENT_BODY_INVOLVED,
                Collapse.AT_LEAST_50_PERCENT,
            ),
            (
                VCF_HAZARD_RATIO_COLLAPSE,
                Collapse.NONE_WITH_OVER_50_PERCENT_BODY_INVOLVED,
                Collapse.LESS_THAN_50_PERCENT,
            ),
        ],
    )
    def test_a_risk_factor_never_lowers_the_hazard(
        self, table: Any, better: Any, worse: Any
    ) -> None:
        """Having a Sahgal 2013 risk factor never lowers the hazard ratio."""
        assert table[worse] >= table[better]

    def test_published_inversion_of_collapse_severity(self) -> None:
        """As published, >= 50 % collapse has a lower ratio than < 50 % (6.92 vs 8.98)."""
        assert VCF_HAZARD_RATIO_COLLAPSE[Collapse.AT_LEAST_50_PERCENT] == 6.92
        assert VCF_HAZARD_RATIO_COLLAPSE[Collapse.LESS_THAN_50_PERCENT] == 8.98


# --- Examples and properties --------------------------------------------------------------------


class TestExamples:
    @pytest.mark.parametrize(
        ("name", "cebrt", "sbrt"),
        [
            ("breast_t12_mechanical", E, E),
            ("renal_t7_cord_compression", C, X),
            ("lung_l2_reirradiation", C, C),
            ("myeloma_t9_high_grade", E, X),
        ],
    )
    def test_example_patients(self, name: str, cebrt: Eligibility, sbrt: Eligibility) -> None:
        """The bundled examples give the verdicts their findings call for."""
        patient = example_patient(name)
        context = lesion_context(patient, patient.lesions[0])
        assert cebrt == assess_conventional_ebrt(context).eligibility
        assert sbrt == assess_sbrt(context).eligibility
        assert assess_sbrt(context).modality == Modality.SBRT


ASSESS = (assess_conventional_ebrt, assess_sbrt)
with_lesions = patients().filter(lambda p: bool(p.lesions))
known = patients(unknowns=False).filter(lambda p: bool(p.lesions))


# Whole-patient assessments under coverage can pass the default 200 ms deadline.
@settings(deadline=None)
@given(with_lesions)
def test_deterministic_and_round_trips(patient: Patient) -> None:
    """Same input, same output; every assessment survives JSON."""
    for spinal in patient.lesions:
        for assess in ASSESS:
            option = assess(lesion_context(patient, spinal))
            assert option == assess(lesion_context(patient, spinal))
            assert option == from_json(to_json(option), OptionAssessment)


LESION_ENUMS: dict[str, Any] = {
    "pain": Pain,
    "bone_lesion": BoneLesion,
    "alignment": Alignment,
    "collapse": Collapse,
    "posterolateral": Posterolateral,
    "escc": ESCC,
}


@st.composite
def completions(draw: st.DrawFn, patient: Patient) -> Patient:
    """Fill every unknown input the radiotherapy rules read with a drawn value."""
    lesions = tuple(
        attrs.evolve(
            item,
            **{
                name: draw(st.sampled_from(enum))
                for name, enum in LESION_ENUMS.items()
                if getattr(item, name) is None
            },
        )
        for item in patient.lesions
    )
    prior = patient.prior_radiation
    if prior is None:
        targets = st.sampled_from([item.levels for item in patient.lesions])
        overlapping = st.builds(attrs.evolve, radiation_courses(unknowns=False), levels=targets)
        prior = tuple(draw(st.lists(radiation_courses(unknowns=False) | overlapping, max_size=2)))
    prior = tuple(
        attrs.evolve(c, days_since_completion=draw(st.sampled_from([30, 152, 153, 183, 400])))
        if c.days_since_completion is None
        else c
        for c in prior
    )
    fields: dict[str, Any] = {
        "lesions": lesions,
        "prior_radiation": prior,
        "primary": patient.primary or draw(st.sampled_from(PrimaryTumor)),
        "ecog": (
            draw(st.sampled_from(sorted(possible_ecog(patient.kps, None))))
            if patient.ecog is None
            else patient.ecog
        ),
        "frankel": patient.frankel or draw(st.sampled_from(Frankel)),
        "medically_operable": (
            draw(st.booleans())
            if patient.medically_operable is None
            else patient.medically_operable
        ),
        "expected_survival_years": (
            draw(st.sampled_from([0.1, 0.25, 2.0]))
            if patient.expected_survival_years is None
            else patient.expected_survival_years
        ),
    }
    return attrs.evolve(patient, **fields)


@settings(deadline=None)
@given(with_lesions, st.data())
def test_sound_under_unknowns(patient: Patient, data: st.DataObject) -> None:
    """Every completion of the unknown inputs gives one of the verdicts said to be possible."""
    complete = data.draw(completions(patient))
    for original, filled in zip(patient.lesions, complete.lesions, strict=True):
        before = lesion_context(patient, original)
        after = lesion_context(complete, filled)
        for assess in ASSESS:
            possible = assess(before).possible_eligibility
            assert assess(after).possible_eligibility <= possible


def bounds(option: OptionAssessment) -> tuple[int, int]:
    """The mildest and the most severe verdict still possible."""
    severities = [verdict.severity for verdict in option.possible_eligibility]
    return min(severities), max(severities)


def never_more_eligible(before: Patient, after: Patient, index: int) -> None:
    """Assert that neither end of the possible verdicts gets milder from before to after."""
    for assess in ASSESS:
        low, high = bounds(assess(lesion_context(before, before.lesions[index])))
        new_low, new_high = bounds(assess(lesion_context(after, after.lesions[index])))
        assert new_low >= low
        assert new_high >= high


def with_lesion(patient: Patient, index: int, **changes: Any) -> Patient:
    """The patient with one lesion changed."""
    lesions = list(patient.lesions)
    lesions[index] = attrs.evolve(lesions[index], **changes)
    return attrs.evolve(patient, lesions=tuple(lesions))


@settings(deadline=None)
@given(with_lesions, st.sampled_from(ESCC))
def test_worse_compression_never_more_eligible(patient: Patient, worse: ESCC) -> None:
    """A worse ESCC grade never makes cEBRT or SBRT more eligible."""
    for index, spinal in enumerate(patient.lesions):
        if spinal.escc is None or worse.order < spinal.escc.order:
            continue
        never_more_eligible(patient, with_lesion(patient, index, escc=worse), index)


@settings(deadline=None)
@given(with_lesions, st.floats(min_value=1, max_value=5))
def test_more_prior_dose_never_more_eligible(patient: Patient, factor: float) -> None:
    """Scaling up every earlier course never makes re-irradiation more eligible."""
    if not patient.prior_radiation:
        return

    def scaled(value: Fractionation) -> Fractionation:
        return attrs.evolve(value, total_dose_gy=min(100.0, value.total_dose_gy * factor))

    more = tuple(
        attrs.evolve(
            c,
            fractionation=scaled(c.fractionation),
            cord_max_dose=None if c.cord_max_dose is None else scaled(c.cord_max_dose),
        )
        for c in patient.prior_radiation
    )
    for index in range(len(patient.lesions)):
        never_more_eligible(patient, attrs.evolve(patient, prior_radiation=more), index)


@settings(deadline=None)
@given(with_lesions, st.integers(min_value=0, max_value=400))
def test_shorter_interval_never_more_eligible(patient: Patient, shorter: int) -> None:
    """A more recent earlier course never makes re-irradiation more eligible."""
    if not patient.prior_radiation:
        return
    recent = tuple(
        attrs.evolve(c, days_since_completion=min(shorter, c.days_since_completion))
        if c.days_since_completion is not None
        else c
        for c in patient.prior_radiation
    )
    for index in range(len(patient.lesions)):
        never_more_eligible(patient, attrs.evolve(patient, prior_radiation=recent), index)


@settings(deadline=None)
@given(known, st.integers(min_value=0, max_value=5))
def test_worse_performance_never_more_eligible(patient: Patient, worse: int) -> None:
    """A worse ECOG grade never makes SBRT more eligible."""
    if patient.ecog is None or worse < patient.ecog:
        return
    never_more_eligible(patient, attrs.evolve(patient, ecog=worse), 0)


SINS_ORDERS: dict[str, tuple[Any, ...]] = {
    "pain": (Pain.PAIN_FREE, Pain.OCCASIONAL_NON_MECHANICAL, Pain.MECHANICAL),
    "bone_lesion": (BoneLesion.BLASTIC, BoneLesion.MIXED, BoneLesion.LYTIC),
    "alignment": (
        Alignment.NORMAL,
        Alignment.DE_NOVO_DEFORMITY,
        Alignment.SUBLUXATION_TRANSLATION,
    ),
    "collapse": (
        Collapse.NONE,
        Collapse.NONE_WITH_OVER_50_PERCENT_BODY_INVOLVED,
        Collapse.LESS_THAN_50_PERCENT,
        Collapse.AT_LEAST_50_PERCENT,
    ),
    "posterolateral": (Posterolateral.NONE, Posterolateral.UNILATERAL, Posterolateral.BILATERAL),
}


@settings(deadline=None)
@given(known, st.sampled_from(sorted(SINS_ORDERS)), st.integers(min_value=0, max_value=3))
def test_worse_sins_finding_never_more_eligible(patient: Patient, name: str, rank: int) -> None:
    """A worse SINS finding never makes cEBRT or SBRT more eligible."""
    order = SINS_ORDERS[name]
    current = getattr(patient.lesions[0], name)
    if current is None or rank >= len(order) or rank < order.index(current):
        return
    never_more_eligible(patient, with_lesion(patient, 0, **{name: order[rank]}), 0)


class TestNeurologicTextFollowsHistologyAndLevel:
    """C7: the SBRT neurologic text names cEBRT for a radiosensitive primary; C40: cauda equina."""

    def _statement(self, context: LesionContext) -> str:
        [rule] = [
            r
            for r in assess_sbrt(context).rules
            if r.finding.rule_id == "sbrt.symptomatic_compression"
        ]
        assert X == rule.verdict
        return rule.finding.statement

    def test_radiosensitive_primary_names_conventional_ebrt(self) -> None:
        """Myeloma with symptomatic high-grade compression: conventional EBRT, not decompression."""
        statement = self._statement(
            make({"escc": ESCC.GRADE_3}, primary=PrimaryTumor.MYELOMA, frankel=Frankel.C)
        )
        assert "conventional EBRT is the treatment" in statement
        assert "decompression comes first" not in statement

    def test_radioresistant_primary_names_decompression(self) -> None:
        """Kidney with symptomatic high-grade compression: decompression comes first."""
        statement = self._statement(
            make({"escc": ESCC.GRADE_3}, primary=PrimaryTumor.KIDNEY, frankel=Frankel.C)
        )
        assert "decompression comes first" in statement

    @pytest.mark.parametrize(
        ("level", "structure"),
        [
            pytest.param(VertebralLevel.L1, "cord", id="L1: cord (conus between T12 and L1-L2)"),
            pytest.param(VertebralLevel.L2, "cauda equina", id="L2: below the conus"),
        ],
    )
    def test_below_the_conus(self, level: VertebralLevel, structure: str) -> None:
        """From L2 down the compression is of the cauda equina (CONUS_MRI_1998)."""
        context = make({"escc": ESCC.GRADE_3, "levels": (level,)}, frankel=Frankel.C)
        assert f"high-grade {structure} compression" in self._statement(context)
