"""The readable summary: verdict words, missing figures, reasons and anatomy."""

import attrs
import pytest

from spinal_metastasis import (
    ESCC,
    Eligibility,
    Frankel,
    Modality,
    Patient,
    PrimaryTumor,
    SpinalLesion,
    VertebralLevel,
    assess,
    example_patient,
    noms,
)
from spinal_metastasis.model import VisceralMetastases
from spinal_metastasis.report import option_reason, verdict_text
from spinal_metastasis.scores.katagiri import katagiri
from tests.cases.katagiri import katagiri_patient

E = Eligibility


def _row(text: str, label: str) -> str:
    """The options-table row of one option."""
    return next(line for line in text.splitlines() if line.strip().startswith(label + "  "))


class TestVerdictWords:
    @pytest.mark.parametrize(
        ("possible", "expected"),
        [
            (
                {E.CAUTION, E.CONTRAINDICATED},
                "not eligible: caution or contraindicated, pending frankel, inr",
            ),
            (
                {E.ELIGIBLE, E.CONTRAINDICATED},
                "undetermined: eligible or contraindicated, pending frankel, inr",
            ),
            (
                {E.ELIGIBLE, E.CAUTION, E.CONTRAINDICATED},
                "undetermined: eligible or caution or contraindicated, pending frankel, inr",
            ),
        ],
        ids=["caution or contraindicated", "eligible or contraindicated", "any"],
    )
    def test_undetermined_names_what_is_still_possible(
        self, possible: set[Eligibility], expected: str
    ) -> None:
        """Two possible verdicts, neither eligible, read "not eligible: ..., pending ..."."""
        assert expected == verdict_text(E.UNDETERMINED, frozenset(possible), ["frankel", "inr"])

    def test_a_determined_verdict_is_its_word(self) -> None:
        """A determined verdict is printed as it is."""
        assert ["eligible", "caution", "contraindicated"] == [
            verdict_text(v, frozenset({v})) for v in (E.ELIGIBLE, E.CAUTION, E.CONTRAINDICATED)
        ]

    def test_the_summary_prints_the_pair_with_what_it_waits_for(self) -> None:
        """Prostate T4-T5: open surgery is caution or contraindicated, pending operability."""
        text = str(assess(example_patient("prostate_partly_known")))
        assert (
            "    posterior stabilization: not eligible: caution or contraindicated, pending "
            "medically_operable, expected_survival_years, prior_radiation, platelets_10e9_per_l, "
            "inr, active_infection - "
        ) in text
        assert "posterior stabilization, then conventional EBRT: not eligible: caution or " in text


class TestMissingFigures:
    def test_no_figure_instead_of_0_to_100_percent(self) -> None:
        """The 0-100 % collapse placeholder prints "no figure"; a sourced range prints itself."""
        text = str(assess(example_patient()))
        assert " 0–100 %" not in text
        assert "no figure" in _row(text, "vertebral augmentation").split("days")[-1]
        assert "4.3–22 %" in _row(text, "conventional EBRT")

    def test_no_sourced_hold_instead_of_0_days(self) -> None:
        """Current agents without a hold recommendation: "no sourced hold", not "0 days"."""
        text = str(assess(example_patient()))
        assert "no sourced hold" in _row(text, "posterior stabilization")
        assert "2–4 days" in _row(text, "conventional EBRT")

    def test_supportive_care_and_no_systemic_therapy_keep_0_days(self) -> None:
        """0 days stays 0 days with nothing to hold, or for supportive care (no procedure)."""
        patient = attrs.evolve(example_patient(), systemic_therapy=())
        text = str(assess(patient))
        assert "0 days" in _row(text, "posterior stabilization")
        assert "0 days" in _row(str(assess(example_patient())), "best supportive care")


class TestReasons:
    def test_every_option_not_eligible_has_a_reason(self) -> None:
        """Each option not eligible has one line: its verdict, the rule's statement, the source."""
        assessment = assess(example_patient("myeloma_t9_high_grade"))
        text = str(assessment)
        lesion = assessment.lesions[0]
        for option in lesion.options:
            reason = option_reason(option)
            if option.eligibility is E.ELIGIBLE:
                assert reason is None
            else:
                assert reason is not None
                assert f"    {option.modality.label}: {option.eligibility.value} - {reason}" in text

    def test_the_reason_is_the_rule_of_the_verdict(self) -> None:
        """Myeloma T9, ESCC 3, Frankel C: SBRT's reason is a contraindicating rule's statement."""
        option = assess(example_patient("myeloma_t9_high_grade")).lesions[0].option(Modality.SBRT)
        contraindicating = [r for r in option.rules if r.verdict is E.CONTRAINDICATED]
        reason = option_reason(option)
        assert reason is not None
        assert reason.startswith(contraindicating[0].finding.statement)
        assert contraindicating[0].finding.citation.short in reason

    def test_the_rule_id_is_printed_when_the_finding_has_one(self) -> None:
        """A finding with a rule id shows it beside its source."""
        option = assess(example_patient("myeloma_t9_high_grade")).lesions[0].option(Modality.SBRT)
        first = next(r for r in option.rules if r.verdict is E.CONTRAINDICATED).finding
        reason = option_reason(option)
        assert reason is not None
        rule_id = getattr(first, "rule_id", None)
        expected = (
            f"[{rule_id}; {first.citation.short}]" if rule_id else f"[{first.citation.short}]"
        )
        assert expected in reason


class TestWording:
    def test_frankel_grade_in_upper_case(self) -> None:
        """NOMS's neurologic finding writes Frankel D, not Frankel d."""
        lesion = SpinalLesion(levels=(VertebralLevel.T7,), escc=ESCC.GRADE_2)
        result = noms(
            Patient(primary=PrimaryTumor.KIDNEY, lesions=(lesion,), frankel=Frankel.D), lesion
        )
        statement = result.findings[0].statement
        assert ("(Frankel D)." in statement, "Frankel d" in statement) == (True, False)

    @pytest.mark.parametrize(
        ("visceral", "expected"),
        [
            (VisceralMetastases.NONE, "Katagiri 6 (intermediate)"),
            (VisceralMetastases.TREATABLE, "Katagiri 7 (high risk (poor prognosis))"),
        ],
        ids=["6: intermediate", "7: high risk, poor prognosis"],
    )
    def test_katagiri_high_group_reads_poor_prognosis(
        self, visceral: VisceralMetastases, expected: str
    ) -> None:
        """Katagiri 2014: 7-10 is the group with 27 % alive at 6 months, 6 % at 1 year."""
        patient = katagiri_patient(
            primary=PrimaryTumor.COLON,
            ecog=3,
            previous_chemotherapy=True,
            extraspinal_bone_metastases=3,
            visceral_metastases=visceral,
        )
        assert str(katagiri(patient)).startswith(expected + ":")

    @pytest.mark.parametrize(
        ("level", "below"),
        [(VertebralLevel.L1, False), (VertebralLevel.L2, True)],
        ids=["L1: the conus may lie here", "L2: below the conus"],
    )
    def test_cauda_equina_below_the_conus(self, level: VertebralLevel, below: bool) -> None:
        """From L2 down the canal holds the cauda equina (cord ends T12 to L1-L2, 226 MRIs)."""
        lesion = SpinalLesion(levels=(level,), escc=ESCC.GRADE_2)
        text = str(assess(Patient(lesions=(lesion,))))
        assert below == ("below the conus: cauda equina, not cord [Conus MRI 1998]" in text)
