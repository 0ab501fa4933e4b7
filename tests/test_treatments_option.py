import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spinal_metastasis import Patient, SpinalLesion, SystemicAgent, VertebralLevel
from spinal_metastasis.ranges import DayRange
from spinal_metastasis.rule_engine.engine import evaluate
from spinal_metastasis.sources.treatments import GUIMOND_2022, SIR_2019
from spinal_metastasis.treatments._common import (
    HoldRecommendation,
    coagulation_rules,
    systemic_holds,
)
from spinal_metastasis.treatments.context import OptionFacts, lesion_context
from spinal_metastasis.treatments.option import Eligibility, Modality, RuleOutcome, combine, rule


def _coagulation(
    platelets_10e9_per_l: float | None = None, inr: float | None = None
) -> tuple[RuleOutcome, RuleOutcome]:
    """The two SIR 2019 rules evaluated for a patient with these laboratory values."""
    lesion = SpinalLesion(levels=(VertebralLevel.T12,))
    patient = Patient(lesions=(lesion,), platelets_10e9_per_l=platelets_10e9_per_l, inr=inr)
    facts = OptionFacts(lesion_context(patient, lesion))
    platelet_rule, inr_rule = coagulation_rules()
    return evaluate(platelet_rule, facts), evaluate(inr_rule, facts)


VERDICTS = (Eligibility.ELIGIBLE, Eligibility.CAUTION, Eligibility.CONTRAINDICATED)
verdict_sets = st.sets(st.sampled_from(VERDICTS), min_size=1).map(frozenset)


def outcome(possible: frozenset[Eligibility]) -> RuleOutcome:
    return rule(possible, "A rule.", SIR_2019)


class TestCombine:
    @given(st.lists(verdict_sets, min_size=1, max_size=5))
    def test_matches_brute_force(self, sets: list[frozenset[Eligibility]]) -> None:
        """The possible verdicts are exactly the worst verdicts of every combination."""
        expected = {max(combo, key=lambda v: v.severity) for combo in itertools.product(*sets)}
        verdict, possible = combine([outcome(s) for s in sets])
        assert expected == possible
        single = next(iter(expected)) if len(expected) == 1 else Eligibility.UNDETERMINED
        assert single == verdict

    def test_no_rule_is_eligible(self) -> None:
        """An option without rules is eligible."""
        assert (Eligibility.ELIGIBLE, frozenset({Eligibility.ELIGIBLE})) == combine([])

    def test_a_known_contraindication_decides_whatever_is_unknown(self) -> None:
        """An undecided rule cannot undo a determined contraindication."""
        verdict, _ = combine(
            [outcome(frozenset(VERDICTS)), outcome(frozenset({Eligibility.CONTRAINDICATED}))]
        )
        assert verdict is Eligibility.CONTRAINDICATED

    def test_rule_rejects_undetermined_as_a_verdict(self) -> None:
        """UNDETERMINED is a combination result, never a rule's own verdict."""
        with pytest.raises(ValueError, match="'possible'"):
            rule(Eligibility.UNDETERMINED, "x", SIR_2019)

    def test_labels(self) -> None:
        """Modalities read as clinicians write them."""
        assert Modality.SBRT.label == "SBRT"
        assert Modality.RADIOFREQUENCY_ABLATION.label == "radiofrequency ablation"
        assert Modality.SEPARATION_SURGERY.is_open_surgery
        assert not Modality.VERTEBRAL_AUGMENTATION.is_open_surgery


HOLDS = {
    SystemicAgent.ANTI_VEGF_ANTIBODY: HoldRecommendation(
        days_before=DayRange.from_weeks(4, 4),
        days_after=DayRange.from_weeks(4, 4),
        statement="Bevacizumab: 4 weeks before and after.",
        citation=GUIMOND_2022,
    ),
    SystemicAgent.VEGF_TKI: HoldRecommendation(
        days_before=DayRange(low=5, high=10),
        days_after=DayRange(low=5, high=10),
        statement="Sorafenib/sunitinib: 5-10 days before and after.",
        citation=GUIMOND_2022,
    ),
}


class TestSystemicHolds:
    def test_longest_hold_of_the_current_agents(self) -> None:
        """The interruption is the longest hold among the current agents."""
        patient = Patient(systemic_therapy=(SystemicAgent.VEGF_TKI, SystemicAgent.HORMONAL))
        days, holds, findings = systemic_holds(patient, HOLDS)
        assert DayRange(low=10, high=20) == days
        assert [hold.agent for hold in holds] == [SystemicAgent.VEGF_TKI]
        assert "hormonal" in findings[0].statement

    def test_no_agents_no_interruption(self) -> None:
        """Without current agents nothing is interrupted."""
        days, holds, _ = systemic_holds(Patient(systemic_therapy=()), HOLDS)
        assert DayRange.exact(0) == days
        assert holds == ()

    def test_unknown_agents_range_over_the_table(self) -> None:
        """Unknown agents give the range from no hold to the longest hold in the table."""
        days, _, findings = systemic_holds(Patient(), HOLDS)
        assert DayRange(low=0, high=56) == days
        assert findings[0].inputs[0].value == "unknown"


class TestCoagulationRules:
    @pytest.mark.parametrize(
        ("platelets", "verdict"),
        [(49.9, Eligibility.CAUTION), (50.0, Eligibility.ELIGIBLE)],
        ids=["49.9: below SIR 2019 threshold", "50: at the threshold"],
    )
    def test_platelet_threshold(self, platelets: float, verdict: Eligibility) -> None:
        """Platelets below 50 x 10^9/L need attention (SIR 2019)."""
        platelet_rule, _ = _coagulation(platelets_10e9_per_l=platelets)
        assert verdict is platelet_rule.verdict

    @pytest.mark.parametrize(
        ("inr", "verdict"),
        [(1.5, Eligibility.ELIGIBLE), (1.51, Eligibility.CAUTION)],
        ids=["1.5: within SIR 2019", "1.51: above"],
    )
    def test_inr_threshold(self, inr: float, verdict: Eligibility) -> None:
        """An INR above 1.5 needs correcting (SIR 2019)."""
        _, inr_rule = _coagulation(inr=inr)
        assert verdict is inr_rule.verdict

    def test_unknown_values_wait_for_them(self) -> None:
        """Unknown values leave both verdicts possible and name the input."""
        platelet_rule, inr_rule = _coagulation()
        assert platelet_rule.verdict is Eligibility.UNDETERMINED
        assert platelet_rule.missing == ("platelets_10e9_per_l",)
        assert inr_rule.missing == ("inr",)

    @given(st.floats(0, 1000), st.floats(0, 1000))
    def test_lower_platelets_never_more_eligible(self, a: float, b: float) -> None:
        """Lowering the platelet count never improves the verdict."""
        low, high = sorted((a, b))
        worse, _ = _coagulation(platelets_10e9_per_l=low)
        better, _ = _coagulation(platelets_10e9_per_l=high)
        assert worse.verdict.severity >= better.verdict.severity
