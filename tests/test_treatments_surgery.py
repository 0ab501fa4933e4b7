from collections.abc import Callable
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
from spinal_metastasis.histology.radiosensitivity import SC24_TABLE
from spinal_metastasis.model import VisceralMetastases
from spinal_metastasis.pathways import NomsPathway
from spinal_metastasis.ranges import DayRange, ProbabilityRange, ScoreRange
from spinal_metastasis.scores.escc import ESCC_1C_HIGH
from spinal_metastasis.sources.scores import FISHER_2010, FOURNEY_2011
from spinal_metastasis.sources.scores import LAUFER_2013 as NOMS_2013
from spinal_metastasis.sources.surgery import (
    AVASTIN_LABEL,
    JCM_2023_PAINFUL_VCF,
    LEE_2018,
    NICE_NG24,
    ROCHE_AVASTIN_PERIOPERATIVE,
    TKI_SURGERY_TABLE_2021,
)
from spinal_metastasis.sources.treatments import ITSHAYEK_2010, JARVERS_2021, PATCHELL_2005
from spinal_metastasis.testing import patients, radiation_courses
from spinal_metastasis.treatments.context import (
    AssessmentSettings,
    LesionContext,
    SurgeryPlatelets,
    lesion_context,
)
from spinal_metastasis.treatments.option import (
    Anesthesia,
    Eligibility,
    Modality,
    OptionAssessment,
)
from spinal_metastasis.treatments.supportive import assess_best_supportive_care
from spinal_metastasis.treatments.surgery import (
    LABEL_HOLDS,
    PATCHELL_AMBULATORY,
    PATCHELL_REGAINED_WALKING,
    SEPARATION_LOCAL_CONTROL,
    assess_corpectomy_reconstruction,
    assess_decompressive_laminectomy,
    assess_posterior_stabilization,
    assess_separation_surgery,
)

E, C, X, U = (
    Eligibility.ELIGIBLE,
    Eligibility.CAUTION,
    Eligibility.CONTRAINDICATED,
    Eligibility.UNDETERMINED,
)
Assess = Callable[[LesionContext], OptionAssessment]
SURGERY: dict[str, Assess] = {
    "laminectomy": assess_decompressive_laminectomy,
    "separation": assess_separation_surgery,
    "corpectomy": assess_corpectomy_reconstruction,
    "stabilization": assess_posterior_stabilization,
}
DECOMPRESSIVE: dict[str, Assess] = {
    name: SURGERY[name] for name in ("laminectomy", "separation", "corpectomy")
}
ALL: dict[str, Assess] = {**SURGERY, "supportive": assess_best_supportive_care}

# Rule positions in the decompressive options and in posterior stabilization.
OPERABLE, PARAPLEGIA, HISTOLOGY, INDICATION, RADIOTHERAPY = range(5)
STABILIZATION_INDICATION, STABILIZATION_RADIOTHERAPY = 1, 2

# SINS 8 at T7 (semi-rigid 1, non-mechanical 1, lytic 2, body > 50 % 1, bilateral 3).
POTENTIALLY_UNSTABLE = {
    "pain": Pain.OCCASIONAL_NON_MECHANICAL,
    "bone_lesion": BoneLesion.LYTIC,
    "alignment": Alignment.NORMAL,
    "collapse": Collapse.NONE_WITH_OVER_50_PERCENT_BODY_INVOLVED,
    "posterolateral": Posterolateral.BILATERAL,
}
FIT = {
    "medically_operable": True,
    "expected_survival_years": 1.0,
    "prior_radiation": (),
    "kps": 80,
    "platelets_10e9_per_l": 200.0,
    "inr": 1.0,
    "active_infection": False,
    # No visceral metastases: modified Bauer >= 1 + (not lung) >= 2, out of its poor band.
    "visceral_metastases": VisceralMetastases.NONE,
}


def make(
    primary: PrimaryTumor | None = PrimaryTumor.KIDNEY,
    *,
    levels: tuple[VertebralLevel, ...] = (VertebralLevel.T7,),
    escc: ESCC | None = ESCC.GRADE_2,
    lesion: dict[str, Any] | None = None,
    settings: AssessmentSettings | None = None,
    **patient: Any,
) -> LesionContext:
    """A context for one lesion; the patient is fit, without earlier radiotherapy."""
    spinal = SpinalLesion(levels=levels, escc=escc, **(lesion or POTENTIALLY_UNSTABLE))
    fields: dict[str, Any] = {**FIT, "frankel": Frankel.D, **patient}
    return lesion_context(Patient(primary=primary, lesions=(spinal,), **fields), spinal, settings)


def sins_lesion(
    level: VertebralLevel,
    pain: Pain,
    bone: BoneLesion,
    collapse: Collapse,
    posterolateral: Posterolateral,
) -> dict[str, Any]:
    return {
        "pain": pain,
        "bone_lesion": bone,
        "alignment": Alignment.NORMAL,
        "collapse": collapse,
        "posterolateral": posterolateral,
    }


class TestPublishedScenarios:
    @pytest.mark.parametrize(
        ("context", "assess", "verdict"),
        [
            pytest.param(
                make(PrimaryTumor.KIDNEY, escc=ESCC.GRADE_2, frankel=Frankel.C),
                assess_decompressive_laminectomy,
                E,
                id="Patchell 2005: single-area MESCC with deficit, not radiosensitive, fit",
            ),
            pytest.param(
                make(PrimaryTumor.MELANOMA, escc=ESCC.GRADE_3, frankel=Frankel.E),
                assess_separation_surgery,
                E,
                id="NOMS (Laufer 2013): high grade, radioresistant, operable -> separation",
            ),
            pytest.param(
                make(PrimaryTumor.LYMPHOMA, escc=ESCC.GRADE_3, frankel=Frankel.D),
                assess_decompressive_laminectomy,
                C,
                id="Patchell 2005 exclusion / NOMS: lymphoma -> radiotherapy first",
            ),
            pytest.param(
                make(PrimaryTumor.BREAST, escc=ESCC.GRADE_2, frankel=Frankel.E),
                assess_separation_surgery,
                C,
                id="NOMS: high grade, radiosensitive -> cEBRT whatever the compression",
            ),
            pytest.param(
                make(PrimaryTumor.KIDNEY, escc=ESCC.GRADE_1B, frankel=Frankel.E),
                assess_separation_surgery,
                C,
                id="NOMS: low grade, radioresistant -> SBRT, no decompression",
            ),
            pytest.param(
                make(PrimaryTumor.KIDNEY, medically_operable=False),
                assess_decompressive_laminectomy,
                X,
                id="Patchell 2005 inclusion: medically operable",
            ),
            pytest.param(
                make(PrimaryTumor.KIDNEY, frankel=Frankel.A, paraplegia_duration_hours=72),
                assess_decompressive_laminectomy,
                C,
                id="Patchell 2005 exclusion: paraplegic for more than 48 h",
            ),
        ],
    )
    def test_verdict(self, context: LesionContext, assess: Assess, verdict: Eligibility) -> None:
        """Published eligibility descriptions give the expected verdicts."""
        assert verdict == assess(context).eligibility

    def test_example_patient_with_renal_cord_compression(self) -> None:
        """The renal T7 example (ESCC 2, Frankel D, fit, SINS 8) is a separation candidate."""
        patient = example_patient("renal_t7_cord_compression")
        context = lesion_context(patient, patient.lesions[0])
        verdicts = {name: assess(context).eligibility for name, assess in ALL.items()}
        expected = {
            "laminectomy": E,
            "separation": E,
            "corpectomy": C,
            "stabilization": C,
            "supportive": E,
        }
        assert expected == verdicts

    def test_myeloma_example_not_operable(self) -> None:
        """The myeloma example is judged not operable: every open option is contraindicated."""
        patient = example_patient("myeloma_t9_high_grade")
        context = lesion_context(patient, patient.lesions[0])
        assert {X} == {assess(context).eligibility for assess in SURGERY.values()}


class TestOperability:
    @pytest.mark.parametrize(
        ("survival", "verdict"),
        [
            pytest.param(0.24, X, id="under 3 months (Patchell 2005)"),
            pytest.param(0.25, E, id="3 months exactly"),
        ],
    )
    def test_survival_threshold(self, survival: float, verdict: Eligibility) -> None:
        """Expected survival of at least 3 months is required (both sides of 0.25 years)."""
        rule = assess_decompressive_laminectomy(make(expected_survival_years=survival))
        assert verdict == rule.rules[OPERABLE].verdict

    def test_short_survival_is_named(self) -> None:
        """The contraindication says why."""
        option = assess_posterior_stabilization(make(expected_survival_years=0.1))
        assert "under 3 months" in option.rules[OPERABLE].finding.statement
        assert option.eligibility == X

    def test_unknown_fitness_waits_for_the_unknown_inputs(self) -> None:
        """Unknown operability leaves eligible or contraindicated and names the inputs."""
        option = assess_decompressive_laminectomy(make(medically_operable=None))
        assert frozenset({E, X}) == option.rules[OPERABLE].possible
        assert option.rules[OPERABLE].missing == ("medically_operable",)
        assert option.eligibility == U
        assert "medically_operable" in option.missing

    def test_unknown_survival_but_not_operable(self) -> None:
        """A known 'not operable' decides whatever the survival."""
        option = assess_separation_surgery(
            make(medically_operable=False, expected_survival_years=None)
        )
        assert option.eligibility == X


#: Every survival score in its poor band: lung primary, untreatable visceral metastases, many
#: bone metastases, bedridden (KPS 30), no chemotherapy, poor laboratory values.
TERMINAL: dict[str, Any] = {
    "kps": 30,
    "frankel": Frankel.C,
    "ambulatory": False,
    "visceral_metastases": VisceralMetastases.UNTREATABLE,
    "extraspinal_bone_metastases": 5,
    "vertebral_metastases": 5,
    "brain_metastases": True,
    "disseminated_metastases": True,
    "previous_chemotherapy": True,
    "albumin_g_per_dl": 2.5,
    "crp_mg_per_dl": 5.0,
    "ldh_u_per_l": 500.0,
    "calcium_mg_per_dl": 11.0,
    "bilirubin_mg_per_dl": 2.0,
    "platelets_10e9_per_l": 90.0,
}


class TestPoorFitness:
    """C1: KPS <= 40, or every computed survival score in its poor band."""

    @pytest.mark.parametrize(
        ("kps", "verdict"),
        [
            pytest.param(40, C, id="KPS 40: poor (Tokuhashi 10-40 %), at most caution"),
            pytest.param(50, E, id="KPS 50: not poor"),
        ],
    )
    def test_kps_threshold_when_operable(self, kps: int, verdict: Eligibility) -> None:
        """Team-entered operable: KPS 40 gives caution, KPS 50 eligible (both sides of 40)."""
        option = assess_decompressive_laminectomy(make(kps=kps, frankel=Frankel.C))
        assert verdict == option.rules[OPERABLE].verdict

    def test_kps_shown_in_the_finding(self) -> None:
        """The caution names the KPS and the scores with their bands."""
        statement = assess_decompressive_laminectomy(make(kps=30)).rules[OPERABLE].finding.statement
        assert "KPS 30" in statement
        assert "Tokuhashi" in statement
        assert "at most caution" in statement

    def test_unknown_operability_is_never_eligible(self) -> None:
        """A dying patient without an operability entry: caution or contraindicated."""
        context = make(PrimaryTumor.LUNG_NON_SMALL_CELL, medically_operable=None, **TERMINAL)
        assert frozenset({True}) == context.fitness.poor
        for assess in SURGERY.values():
            option = assess(context)
            assert frozenset({C, X}) == option.rules[OPERABLE].possible
            assert E not in option.possible_eligibility

    def test_every_score_poor_gives_caution_when_operable(self) -> None:
        """Every computed score poor, KPS above 40, team-entered operable: caution."""
        context = make(PrimaryTumor.LUNG_NON_SMALL_CELL, **{**TERMINAL, "kps": 50})
        assert frozenset({False}) == context.fitness.kps_poor
        assert frozenset({True}) == context.fitness.scores_poor
        assert C == assess_decompressive_laminectomy(context).rules[OPERABLE].verdict

    def test_one_score_out_of_its_poor_band(self) -> None:
        """One score out of its poor band (no visceral metastases) and KPS 50: eligible."""
        terminal = {**TERMINAL, "kps": 50, "visceral_metastases": VisceralMetastases.NONE}
        context = make(PrimaryTumor.LUNG_NON_SMALL_CELL, **terminal)
        assert frozenset({False}) == context.fitness.scores_poor
        assert E == assess_decompressive_laminectomy(context).rules[OPERABLE].verdict

    def test_noms_reads_the_same_fitness(self) -> None:
        """NOMS: poor fitness cannot tolerate surgery, whatever the operability entry."""
        for operable in (None, True):
            context = make(
                PrimaryTumor.MELANOMA, escc=ESCC.GRADE_3, medically_operable=operable, **TERMINAL
            )
            assert context.noms.pathway is NomsPathway.CONVENTIONAL_EBRT
            [systemic] = [f for f in context.noms.findings if f.statement.startswith("Systemic")]
            assert "Poor fitness: KPS 30" in systemic.statement


class TestCoagulationAndInfection:
    """C2, C3: platelets (NICE NG24), INR (SIR 2019 by analogy), active infection."""

    @pytest.mark.parametrize(
        ("platelets", "setting", "verdict"),
        [
            pytest.param(50.0, SurgeryPlatelets.SURGERY, C, id="50: not above 50 (NG24)"),
            pytest.param(51.0, SurgeryPlatelets.SURGERY, E, id="51: above 50"),
            pytest.param(100.0, SurgeryPlatelets.CNS_SURGERY, C, id="CNS setting: 100"),
            pytest.param(101.0, SurgeryPlatelets.CNS_SURGERY, E, id="CNS setting: 101"),
            pytest.param(30.0, SurgeryPlatelets.SURGERY, C, id="30 (the board's patient)"),
        ],
    )
    def test_platelets(
        self, platelets: float, setting: SurgeryPlatelets, verdict: Eligibility
    ) -> None:
        """Platelets above the chosen NICE NG24 threshold, both sides of 50 and of 100."""
        context = make(
            platelets_10e9_per_l=platelets, settings=AssessmentSettings(surgery_platelets=setting)
        )
        for assess in SURGERY.values():
            option = assess(context)
            [rule] = [r for r in option.rules if r.finding.rule_id == "open_surgery.platelets"]
            assert verdict == rule.verdict
            assert NICE_NG24 == rule.finding.citation

    @pytest.mark.parametrize(
        ("inr", "verdict"),
        [
            pytest.param(1.5, E, id="1.5"),
            pytest.param(1.6, C, id="1.6"),
            pytest.param(2.2, C, id="2.2"),
        ],
    )
    def test_inr(self, inr: float, verdict: Eligibility) -> None:
        """INR above 1.5 gives caution, labelled a percutaneous threshold used by analogy."""
        option = assess_posterior_stabilization(make(inr=inr))
        [rule] = [r for r in option.rules if r.finding.rule_id == "open_surgery.inr"]
        assert verdict == rule.verdict
        assert "by analogy" in rule.finding.statement

    def test_board_patient_not_eligible(self) -> None:
        """Platelets 30 with INR 2.2 no longer leave posterior stabilization eligible."""
        context = make(
            lesion=sins_lesion(
                VertebralLevel.T7,
                Pain.MECHANICAL,
                BoneLesion.LYTIC,
                Collapse.AT_LEAST_50_PERCENT,
                Posterolateral.BILATERAL,
            ),
            platelets_10e9_per_l=30.0,
            inr=2.2,
        )
        option = assess_posterior_stabilization(context)
        assert C == option.eligibility
        assert "correct it first" in option.rules[-3].finding.statement

    @pytest.mark.parametrize(
        ("infection", "possible"),
        [
            pytest.param(True, frozenset({C}), id="active: caution"),
            pytest.param(False, frozenset({E}), id="none"),
            pytest.param(None, frozenset({E, C}), id="unknown"),
        ],
    )
    def test_infection(self, infection: bool | None, possible: frozenset[Eligibility]) -> None:
        """Active infection: caution (treat first; emergency decompression may still be needed)."""
        for assess in SURGERY.values():
            option = assess(make(active_infection=infection))
            assert possible == option.rules[-1].possible
            if infection:
                assert "emergency decompression" in option.rules[-1].finding.statement


class TestParaplegia:
    @pytest.mark.parametrize(
        ("frankel", "hours", "verdict"),
        [
            pytest.param(Frankel.A, 48.0, E, id="Frankel A, 48 h: not more than 48 h"),
            pytest.param(Frankel.A, 48.5, C, id="Frankel A, 48.5 h: excluded by Patchell"),
            pytest.param(Frankel.B, 72.0, C, id="Frankel B (motor complete), 72 h"),
            pytest.param(Frankel.C, 72.0, E, id="Frankel C is not paraplegic"),
            pytest.param(Frankel.E, None, E, id="Frankel E, duration unknown"),
            pytest.param(None, 24.0, E, id="grade unknown, 24 h at most"),
        ],
    )
    def test_threshold(
        self, frankel: Frankel | None, hours: float | None, verdict: Eligibility
    ) -> None:
        """Paraplegia (Frankel A or B) for more than 48 h gives caution."""
        context = make(frankel=frankel, paraplegia_duration_hours=hours)
        assert verdict == assess_decompressive_laminectomy(context).rules[PARAPLEGIA].verdict

    @pytest.mark.parametrize(
        ("frankel", "hours", "missing"),
        [
            pytest.param(Frankel.A, None, ("paraplegia_duration_hours",), id="duration unknown"),
            pytest.param(None, 72.0, ("frankel",), id="grade unknown"),
            pytest.param(None, None, ("frankel", "paraplegia_duration_hours"), id="both"),
        ],
    )
    def test_unknowns(
        self, frankel: Frankel | None, hours: float | None, missing: tuple[str, ...]
    ) -> None:
        """Unknown grade or duration of a possible paraplegia is undetermined."""
        rule = assess_corpectomy_reconstruction(
            make(frankel=frankel, paraplegia_duration_hours=hours)
        ).rules[PARAPLEGIA]
        assert (frozenset({E, C}), missing) == (rule.possible, rule.missing)

    def test_not_applied_to_stabilization(self) -> None:
        """Stabilization is a mechanical decision: the Patchell exclusions are not its rules."""
        option = assess_posterior_stabilization(
            make(frankel=Frankel.A, paraplegia_duration_hours=100, primary=PrimaryTumor.LYMPHOMA)
        )
        assert len(option.rules) == 6
        assert PATCHELL_2005 not in {r.finding.citation for r in option.rules[1:]}


class TestHistology:
    @pytest.mark.parametrize(
        ("primary", "verdict", "citation"),
        [
            pytest.param(PrimaryTumor.MYELOMA, C, PATCHELL_2005, id="highly sensitive: Patchell"),
            pytest.param(PrimaryTumor.GERM_CELL, C, PATCHELL_2005, id="germ-cell: Patchell"),
            pytest.param(PrimaryTumor.PROSTATE, C, NOMS_2013, id="sensitive: NOMS"),
            pytest.param(PrimaryTumor.THYROID, E, NOMS_2013, id="resistant: NOMS"),
        ],
    )
    def test_classes(self, primary: PrimaryTumor, verdict: Eligibility, citation: object) -> None:
        """Radiosensitive tumors give caution: radiotherapy first."""
        rule = assess_decompressive_laminectomy(make(primary)).rules[HISTOLOGY]
        assert (verdict, citation) == (rule.verdict, rule.finding.citation)

    def test_unknown_primary(self) -> None:
        """An unknown primary waits for the primary."""
        rule = assess_separation_surgery(make(None)).rules[HISTOLOGY]
        assert (frozenset({E, C}), ("primary",)) == (rule.possible, rule.missing)

    def test_unclassified_primary(self) -> None:
        """A primary the table does not classify stays open, and no field would decide it."""
        rule = assess_separation_surgery(make(PrimaryTumor.HEAD_AND_NECK)).rules[HISTOLOGY]
        assert (frozenset({E, C}), ()) == (rule.possible, rule.missing)

    def test_table_is_swappable(self) -> None:
        """Under the SC.24 strata non-small-cell lung is radiosensitive (NOMS: resistant)."""
        settings = AssessmentSettings(radiosensitivity_table=SC24_TABLE)
        nsclc = PrimaryTumor.LUNG_NON_SMALL_CELL
        assert assess_separation_surgery(make(nsclc)).rules[HISTOLOGY].verdict == E
        sc24 = assess_separation_surgery(make(nsclc, settings=settings))
        assert sc24.rules[HISTOLOGY].verdict == C


class TestDecompressionIndication:
    @pytest.mark.parametrize(
        ("primary", "escc", "frankel", "verdict", "citation"),
        [
            pytest.param(
                PrimaryTumor.BREAST, ESCC.GRADE_2, Frankel.D, E, PATCHELL_2005,
                id="high grade with deficit (Patchell)",
            ),
            pytest.param(
                PrimaryTumor.KIDNEY, ESCC.GRADE_2, Frankel.E, E, NOMS_2013,
                id="high grade, radioresistant (NOMS)",
            ),
            pytest.param(
                PrimaryTumor.KIDNEY, ESCC.GRADE_1C, Frankel.D, C, NOMS_2013,
                id="1c is low grade by default",
            ),
            pytest.param(
                PrimaryTumor.BREAST, ESCC.GRADE_3, Frankel.E, C, NOMS_2013,
                id="no deficit, radiosensitive",
            ),
            pytest.param(
                PrimaryTumor.BREAST, None, Frankel.E, C, NOMS_2013,
                id="no deficit, radiosensitive, whatever the grade",
            ),
        ],
    )  # fmt: skip
    def test_indication(
        self,
        primary: PrimaryTumor,
        escc: ESCC | None,
        frankel: Frankel,
        verdict: Eligibility,
        citation: object,
    ) -> None:
        """High-grade compression with a deficit or from a radioresistant primary indicates it."""
        rule = assess_decompressive_laminectomy(make(primary, escc=escc, frankel=frankel))
        indication = rule.rules[INDICATION]
        assert (verdict, citation) == (indication.verdict, indication.finding.citation)

    def test_1c_high_under_the_alternative_grouping(self) -> None:
        """With 1c counted high grade, 1c with a deficit is indicated."""
        settings = AssessmentSettings(escc_grouping=ESCC_1C_HIGH)
        context = make(escc=ESCC.GRADE_1C, frankel=Frankel.D, settings=settings)
        assert assess_separation_surgery(context).rules[INDICATION].verdict == E

    def test_unknown_grade_waits_for_it(self) -> None:
        """Unknown ESCC with a deficit waits for the grade only."""
        rule = assess_decompressive_laminectomy(make(escc=None, frankel=Frankel.D))
        indication = rule.rules[INDICATION]
        assert (frozenset({E, C}), ("escc",)) == (indication.possible, indication.missing)


class TestStabilizationIndication:
    @pytest.mark.parametrize(
        ("lesion", "total", "verdict"),
        [
            pytest.param(
                sins_lesion(VertebralLevel.T12, Pain.MECHANICAL, BoneLesion.LYTIC,
                            Collapse.LESS_THAN_50_PERCENT, Posterolateral.BILATERAL),
                13, E, id="SINS 13: unstable, surgical stabilization (Fourney 2011; NOMS)",
            ),
            pytest.param(
                sins_lesion(VertebralLevel.T12, Pain.MECHANICAL, BoneLesion.LYTIC,
                            Collapse.AT_LEAST_50_PERCENT, Posterolateral.UNILATERAL),
                12, C, id="SINS 12: potentially unstable, consultation only",
            ),
            pytest.param(
                sins_lesion(VertebralLevel.T7, Pain.MECHANICAL, BoneLesion.MIXED,
                            Collapse.NONE_WITH_OVER_50_PERCENT_BODY_INVOLVED,
                            Posterolateral.UNILATERAL),
                7, C, id="SINS 7: potentially unstable",
            ),
            pytest.param(
                sins_lesion(VertebralLevel.T7, Pain.MECHANICAL, BoneLesion.MIXED,
                            Collapse.NONE, Posterolateral.UNILATERAL),
                6, C, id="SINS 6: stable",
            ),
        ],
    )  # fmt: skip
    def test_bands(self, lesion: dict[str, Any], total: int, verdict: Eligibility) -> None:
        """SINS 13-18 indicates surgical stabilization; below 13, caution (both sides of 12/13)."""
        level = VertebralLevel.T12 if total >= 12 else VertebralLevel.T7
        context = make(levels=(level,), lesion=lesion)
        rule = assess_posterior_stabilization(context).rules[STABILIZATION_INDICATION]
        assert (total, verdict) == (context.sins.points.value, rule.verdict)
        assert rule.finding.citation == FOURNEY_2011

    def test_stable_statement(self) -> None:
        """A stable spine has nothing to stabilize."""
        lesion = sins_lesion(
            VertebralLevel.T7, Pain.PAIN_FREE, BoneLesion.BLASTIC, Collapse.NONE,
            Posterolateral.NONE,
        )  # fmt: skip
        rule = assess_posterior_stabilization(make(lesion=lesion)).rules[1]
        assert "stable, 0-6" in rule.finding.statement

    def test_unknown_findings(self) -> None:
        """Unknown findings that could reach 13 leave the indication undetermined."""
        lesion = dict(POTENTIALLY_UNSTABLE, alignment=None)
        context = make(levels=(VertebralLevel.T12,), lesion=lesion)
        rule = assess_posterior_stabilization(context).rules[1]
        assert (frozenset({E, C}), ("alignment",)) == (rule.possible, rule.missing)


class TestCorpectomyIndication:
    @pytest.mark.parametrize(
        ("lesion", "escc", "verdict"),
        [
            pytest.param(
                sins_lesion(VertebralLevel.T12, Pain.MECHANICAL, BoneLesion.LYTIC,
                            Collapse.AT_LEAST_50_PERCENT, Posterolateral.BILATERAL),
                ESCC.GRADE_1A, E, id="collapse with gross instability",
            ),
            pytest.param(
                sins_lesion(VertebralLevel.T7, Pain.OCCASIONAL_NON_MECHANICAL, BoneLesion.LYTIC,
                            Collapse.LESS_THAN_50_PERCENT, Posterolateral.NONE),
                ESCC.GRADE_2, E, id="collapse with high-grade compression",
            ),
            pytest.param(
                sins_lesion(VertebralLevel.T7, Pain.OCCASIONAL_NON_MECHANICAL, BoneLesion.LYTIC,
                            Collapse.LESS_THAN_50_PERCENT, Posterolateral.NONE),
                ESCC.GRADE_1B, C, id="collapse without instability or high grade",
            ),
            pytest.param(POTENTIALLY_UNSTABLE, ESCC.GRADE_3, C, id="no body collapse"),
        ],
    )  # fmt: skip
    def test_indication(self, lesion: dict[str, Any], escc: ESCC, verdict: Eligibility) -> None:
        """Vertebral body collapse with gross instability or high-grade compression (library)."""
        level = VertebralLevel.T12 if lesion["pain"] is Pain.MECHANICAL else VertebralLevel.T7
        context = make(levels=(level,), escc=escc, lesion=lesion)
        rule = assess_corpectomy_reconstruction(context).rules[INDICATION]
        assert (verdict, FISHER_2010) == (rule.verdict, rule.finding.citation)

    def test_unknown_collapse(self) -> None:
        """Unknown collapse with high-grade compression waits for the collapse."""
        lesion = dict(POTENTIALLY_UNSTABLE, collapse=None)
        rule = assess_corpectomy_reconstruction(make(lesion=lesion)).rules[INDICATION]
        assert frozenset({E, C}) == rule.possible
        assert "collapse" in rule.missing

    def test_unknown_collapse_without_any_indication(self) -> None:
        """Without instability or high-grade compression, no collapse value indicates it."""
        lesion = sins_lesion(
            VertebralLevel.T7, Pain.PAIN_FREE, BoneLesion.BLASTIC, Collapse.NONE,
            Posterolateral.NONE,
        )  # fmt: skip
        lesion["collapse"] = None
        rule = assess_corpectomy_reconstruction(make(escc=ESCC.GRADE_0, lesion=lesion)).rules[
            INDICATION
        ]
        assert (rule.verdict, rule.missing) == (C, ())

    def test_unknown_grade_missing(self) -> None:
        """Collapse without gross instability and an unknown grade waits for the grade."""
        lesion = sins_lesion(
            VertebralLevel.T7, Pain.OCCASIONAL_NON_MECHANICAL, BoneLesion.LYTIC,
            Collapse.LESS_THAN_50_PERCENT, Posterolateral.NONE,
        )  # fmt: skip
        rule = assess_corpectomy_reconstruction(make(escc=None, lesion=lesion)).rules[INDICATION]
        assert rule.missing == ("escc",)


def course(days: int | None, levels: tuple[VertebralLevel, ...] = (VertebralLevel.T7,)) -> Any:
    return RadiationCourse(
        levels=levels,
        fractionation=Fractionation(total_dose_gy=20.0, fractions=5),
        days_since_completion=days,
    )


class TestRecentRadiotherapy:
    @pytest.mark.parametrize(
        ("days", "verdict", "citation"),
        [
            pytest.param(6, C, ITSHAYEK_2010, id="6 days: within 7 (Itshayek 2010)"),
            pytest.param(7, E, LEE_2018, id="7 days: allowed, under the preferred 2 weeks"),
            pytest.param(13, E, LEE_2018, id="13 days"),
            pytest.param(14, E, ITSHAYEK_2010, id="14 days: 2 weeks (Lee 2018)"),
        ],
    )
    def test_interval(self, days: int, verdict: Eligibility, citation: object) -> None:
        """Surgery within 7 days after radiotherapy gives caution (both sides of 7 and 14)."""
        option = assess_posterior_stabilization(make(prior_radiation=(course(days),)))
        rule = option.rules[STABILIZATION_RADIOTHERAPY]
        assert (verdict, citation) == (rule.verdict, rule.finding.citation)

    def test_other_levels_do_not_count(self) -> None:
        """A recent course to other levels does not constrain this lesion."""
        prior = (course(1, (VertebralLevel.L3,)),)
        rule = assess_separation_surgery(make(prior_radiation=prior)).rules[RADIOTHERAPY]
        assert rule.verdict == E

    def test_one_recent_course_decides(self) -> None:
        """A known recent course decides even when another interval is unknown."""
        prior = (course(None, (VertebralLevel.T6, VertebralLevel.T7)), course(3))
        rule = assess_separation_surgery(make(prior_radiation=prior)).rules[RADIOTHERAPY]
        assert rule.verdict == C

    @pytest.mark.parametrize(
        "prior",
        [pytest.param(None, id="radiotherapy unknown"), pytest.param((course(None),), id="days")],
    )
    def test_unknown(self, prior: tuple[RadiationCourse, ...] | None) -> None:
        """Unknown earlier radiotherapy or interval waits for it."""
        rule = assess_separation_surgery(make(prior_radiation=prior)).rules[RADIOTHERAPY]
        assert (frozenset({E, C}), ("prior_radiation",)) == (rule.possible, rule.missing)


class TestHolds:
    @pytest.mark.parametrize(
        ("agents", "days"),
        [
            pytest.param((), DayRange.exact(0), id="no systemic therapy"),
            pytest.param(
                (SystemicAgent.ANTI_VEGF_ANTIBODY,), DayRange(low=70, high=112),
                id="bevacizumab: 6-8 weeks before, 4-8 weeks after (guidelines, default)",
            ),
            pytest.param(
                (SystemicAgent.VEGF_TKI,), DayRange(low=15, high=44),
                id="VEGF TKI: 24 h (axitinib) to 30 days (apatinib) before, 14 days after",
            ),
            pytest.param((SystemicAgent.CYTOTOXIC,), DayRange.exact(42), id="chemotherapy 3 weeks"),
            pytest.param(
                (SystemicAgent.CYTOTOXIC, SystemicAgent.ANTI_VEGF_ANTIBODY),
                DayRange(low=70, high=112), id="the longest hold",
            ),
            pytest.param(None, DayRange(low=0, high=112), id="unknown: every class"),
        ],
    )  # fmt: skip
    def test_default_is_the_conservative_table(
        self, agents: tuple[SystemicAgent, ...] | None, days: DayRange
    ) -> None:
        """Holds follow the guideline table by default (open question 17)."""
        toxicity = assess_separation_surgery(make(systemic_therapy=agents)).toxicity
        assert days == toxicity.systemic_therapy_hold_days

    def test_label_table(self) -> None:
        """The label table holds bevacizumab 28 days before and 28 after."""
        context = make(systemic_therapy=(SystemicAgent.ANTI_VEGF_ANTIBODY,))
        toxicity = assess_decompressive_laminectomy(context, holds=LABEL_HOLDS).toxicity
        assert DayRange.exact(56) == toxicity.systemic_therapy_hold_days
        assert toxicity.holds[0].finding.citation == AVASTIN_LABEL

    def test_holds_carry_their_sources(self) -> None:
        """Each hold cites its source."""
        agents = (SystemicAgent.ANTI_VEGF_ANTIBODY, SystemicAgent.VEGF_TKI, SystemicAgent.CYTOTOXIC)
        holds = assess_posterior_stabilization(make(systemic_therapy=agents)).toxicity.holds
        cited = [hold.finding.citation for hold in holds]
        assert cited == [ROCHE_AVASTIN_PERIOPERATIVE, TKI_SURGERY_TABLE_2021, JARVERS_2021]

    def test_unsourced_agents_are_reported(self) -> None:
        """An agent without a sourced hold is reported, not guessed."""
        context = make(systemic_therapy=(SystemicAgent.IMMUNE_CHECKPOINT_INHIBITOR,))
        toxicity = assess_corpectomy_reconstruction(context).toxicity
        assert DayRange.exact(0) == toxicity.systemic_therapy_hold_days
        assert "immune checkpoint inhibitor" in toxicity.findings[0].statement
        assert toxicity.findings[0].citation == JARVERS_2021


class TestTradeOffs:
    @pytest.mark.parametrize("assess", SURGERY.values(), ids=SURGERY.keys())
    def test_common(self, assess: Assess) -> None:
        """No onset figure, no cord dose, no collapse figure, no sourced anesthesia."""
        option = assess(make())
        assert option.pain_relief.onset_days is None
        assert option.toxicity.cord_eqd2_added_gy == 0.0
        assert ProbabilityRange(low=0, high=1) == option.collapse_risk.probability
        assert frozenset() == option.burden.anesthesia
        assert option.burden.recovery_days is None

    def test_local_control(self) -> None:
        """Only separation surgery (with radiosurgery) has a local-control figure."""
        context = make()
        controls = {name: assess(context).local_control.probability for name, assess in ALL.items()}
        assert {name: value for name, value in controls.items() if value is not None} == {
            "separation": SEPARATION_LOCAL_CONTROL
        }
        assert ProbabilityRange(low=0.774, high=0.959) == SEPARATION_LOCAL_CONTROL

    def test_burden(self) -> None:
        """Sessions and hospital stays by option, as sourced (7-9 days: Kumar 2018, Bastos 2020)."""
        context = make()
        burdens = {name: assess(context).burden for name, assess in ALL.items()}
        sessions = {name: burden.sessions for name, burden in burdens.items()}
        hospital = {name: burden.hospital_days for name, burden in burdens.items()}
        assert {
            "laminectomy": ScoreRange.exact(1),
            "separation": ScoreRange(low=2, high=7),
            "corpectomy": ScoreRange.exact(1),
            "stabilization": ScoreRange.exact(1),
            "supportive": ScoreRange.exact(0),
        } == sessions
        assert {
            "laminectomy": DayRange(low=7, high=9),
            "separation": DayRange(low=7, high=9),
            "corpectomy": None,
            "stabilization": DayRange(low=7, high=9),
            "supportive": None,
        } == hospital

    def test_patchell_walking(self) -> None:
        """Patchell's walking outcomes are findings of the decompressive options."""
        statements = [f.statement for f in assess_separation_surgery(make()).pain_relief.findings]
        assert any(s.startswith("84 % able to walk") for s in statements)
        assert any(s.startswith("62 % regained walking") for s in statements)
        assert ProbabilityRange.exact(0.84) == PATCHELL_AMBULATORY.probability
        assert ProbabilityRange.exact(0.62) == PATCHELL_REGAINED_WALKING.probability

    def test_fixation_finding(self) -> None:
        """Options with fixation cite the painful-fracture figure; laminectomy does not."""
        context = make()
        cited = {
            name: JCM_2023_PAINFUL_VCF
            in {d.citation for d in assess(context).collapse_risk.drivers}
            for name, assess in SURGERY.items()
        }
        expected = {"laminectomy": False, "separation": True, "corpectomy": True}
        assert expected | {"stabilization": True} == cited


class TestSupportiveCare:
    def test_trade_offs(self) -> None:
        """No local control, no onset, no hold, untreated collapse, no session, no anesthesia."""
        option = assess_best_supportive_care(make())
        assert option.modality == Modality.BEST_SUPPORTIVE_CARE
        assert option.local_control.probability is None
        assert option.pain_relief.onset_days is None
        assert DayRange.exact(0) == option.toxicity.systemic_therapy_hold_days
        assert ProbabilityRange(low=0, high=1) == option.collapse_risk.probability
        assert frozenset({Anesthesia.NONE}) == option.burden.anesthesia

    @settings(deadline=None)
    @given(patients(max_lesions=2).filter(lambda p: bool(p.lesions)))
    def test_always_eligible(self, patient: Patient) -> None:
        """Supportive care is eligible for every patient and lesion."""
        for lesion in patient.lesions:
            assert assess_best_supportive_care(lesion_context(patient, lesion)).eligibility == E


# --- Properties -----------------------------------------------------------------------------------

with_lesions = patients(max_lesions=2).filter(lambda p: bool(p.lesions))
# Each example assesses every option for every lesion (and builds cattrs hooks on the first
# round trip): slower than Hypothesis's default deadline on a loaded machine or under coverage.
unhurried = settings(deadline=None)


@unhurried
@given(with_lesions)
def test_deterministic_and_round_trips(patient: Patient) -> None:
    """Same input, same output; every assessment survives JSON."""
    for lesion in patient.lesions:
        context = lesion_context(patient, lesion)
        for assess in ALL.values():
            option = assess(context)
            assert option == assess(lesion_context(patient, lesion))
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
    """Fill every unknown input the surgical rules read with a drawn value."""
    lesions = tuple(
        attrs.evolve(
            lesion,
            **{
                name: draw(st.sampled_from(enum))
                for name, enum in LESION_ENUMS.items()
                if getattr(lesion, name) is None
            },
        )
        for lesion in patient.lesions
    )
    prior = patient.prior_radiation
    if prior is None:
        prior = tuple(draw(st.lists(radiation_courses(unknowns=False), max_size=2)))
    prior = tuple(
        attrs.evolve(c, days_since_completion=draw(st.integers(0, 30)))
        if c.days_since_completion is None
        else c
        for c in prior
    )
    fields: dict[str, Any] = {
        "lesions": lesions,
        "prior_radiation": prior,
        "primary": patient.primary or draw(st.sampled_from(PrimaryTumor)),
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
        "paraplegia_duration_hours": (
            draw(st.sampled_from([1.0, 48.0, 49.0, 500.0]))
            if patient.paraplegia_duration_hours is None
            else patient.paraplegia_duration_hours
        ),
    }
    return attrs.evolve(patient, **fields)


@unhurried
@given(with_lesions, st.data())
def test_sound_under_unknowns(patient: Patient, data: st.DataObject) -> None:
    """Every completion of the unknown inputs gives one of the verdicts said to be possible."""
    complete = data.draw(completions(patient))
    for original, filled in zip(patient.lesions, complete.lesions, strict=True):
        before = lesion_context(patient, original)
        after = lesion_context(complete, filled)
        for assess in SURGERY.values():
            possible = assess(before).possible_eligibility
            assert assess(after).possible_eligibility <= possible


def severity(option: OptionAssessment) -> int | None:
    """The verdict's severity, or None when undetermined."""
    return None if option.eligibility is U else option.eligibility.severity


@unhurried
@given(with_lesions, st.floats(min_value=0, max_value=10))
def test_shorter_survival_never_more_eligible(patient: Patient, shorter: float) -> None:
    """A shorter expected survival never makes open surgery more eligible."""
    longer = patient.expected_survival_years
    if longer is None or shorter > longer:
        return
    worse = attrs.evolve(patient, expected_survival_years=shorter)
    for lesion in patient.lesions:
        for assess in SURGERY.values():
            low, high = (severity(assess(lesion_context(p, lesion))) for p in (patient, worse))
            assert low is None or high is None or high >= low


@unhurried
@given(with_lesions, st.floats(min_value=0, max_value=500))
def test_longer_paraplegia_never_more_eligible(patient: Patient, longer: float) -> None:
    """A longer paraplegia never makes decompression more eligible."""
    shorter = patient.paraplegia_duration_hours
    if shorter is None or longer < shorter:
        return
    worse = attrs.evolve(patient, paraplegia_duration_hours=longer)
    for lesion in patient.lesions:
        for assess in DECOMPRESSIVE.values():
            low, high = (severity(assess(lesion_context(p, lesion))) for p in (patient, worse))
            assert low is None or high is None or high >= low


@unhurried
@given(with_lesions, st.sampled_from(ESCC))
def test_worse_compression_never_less_indicated(patient: Patient, worse: ESCC) -> None:
    """A worse ESCC grade never makes decompression (laminectomy, separation) less eligible."""
    for lesion in patient.lesions:
        if lesion.escc is None or worse.order < lesion.escc.order:
            continue
        worse_lesion = attrs.evolve(lesion, escc=worse)
        worse_patient = attrs.evolve(
            patient,
            lesions=tuple(worse_lesion if item is lesion else item for item in patient.lesions),
        )
        for assess in (assess_decompressive_laminectomy, assess_separation_surgery):
            before = severity(assess(lesion_context(patient, lesion)))
            after = severity(assess(lesion_context(worse_patient, worse_lesion)))
            assert before is None or after is None or after <= before


class TestTranslationIsGrossInstability:
    def test_translation_indicates_stabilization_below_sins_13(self) -> None:
        """A subluxation/translation is gross instability, as in NOMS, whatever the SINS."""
        lesion = SpinalLesion(
            levels="T7",
            pain=Pain.OCCASIONAL_NON_MECHANICAL,
            bone_lesion=BoneLesion.BLASTIC,
            alignment=Alignment.SUBLUXATION_TRANSLATION,
            collapse=Collapse.NONE,
            posterolateral=Posterolateral.NONE,
        )
        patient = Patient(lesions=(lesion,), medically_operable=True, expected_survival_years=2.0)
        context = lesion_context(patient, lesion)
        assert context.sins.points.value is not None
        assert context.sins.points.value < 13
        indication = assess_posterior_stabilization(context).rules[1]
        assert indication.possible == frozenset({Eligibility.ELIGIBLE})

    def test_unknown_alignment_leaves_the_indication_open(self) -> None:
        """With the alignment unknown, a possible translation keeps the indication open."""
        lesion = SpinalLesion(
            levels="T7",
            pain=Pain.OCCASIONAL_NON_MECHANICAL,
            bone_lesion=BoneLesion.BLASTIC,
            collapse=Collapse.NONE,
            posterolateral=Posterolateral.NONE,
        )
        patient = Patient(lesions=(lesion,), medically_operable=True, expected_survival_years=2.0)
        indication = assess_posterior_stabilization(lesion_context(patient, lesion)).rules[1]
        assert Eligibility.ELIGIBLE in indication.possible
        assert "alignment" in indication.missing


@unhurried
@given(with_lesions, st.integers(min_value=0, max_value=100))
def test_lower_kps_never_more_eligible(patient: Patient, lower: int) -> None:
    """A lower KPS never makes open surgery more eligible."""
    higher = patient.kps
    if higher is None or lower > higher:
        return
    worse = attrs.evolve(patient, kps=lower - lower % 10)
    for lesion in patient.lesions:
        for assess in SURGERY.values():
            low, high = (severity(assess(lesion_context(p, lesion))) for p in (patient, worse))
            assert low is None or high is None or high >= low


@unhurried
@given(with_lesions, st.floats(min_value=0, max_value=1000), st.floats(min_value=0.5, max_value=10))
def test_worse_coagulation_never_more_eligible(
    patient: Patient, platelets: float, inr: float
) -> None:
    """Lower platelets or a higher INR never make open surgery more eligible."""
    worse_platelets = min(platelets, patient.platelets_10e9_per_l or platelets)
    worse_inr = max(inr, patient.inr or inr)
    worse = attrs.evolve(patient, platelets_10e9_per_l=worse_platelets, inr=worse_inr)
    if patient.platelets_10e9_per_l is None or patient.inr is None:
        return
    for lesion in patient.lesions:
        for assess in SURGERY.values():
            low, high = (severity(assess(lesion_context(p, lesion))) for p in (patient, worse))
            assert low is None or high is None or high >= low


def test_unindicated_operation_reads_not_indicated() -> None:
    """C38: low-grade compression leaves decompression a caution that reads "Not indicated"."""
    option = assess_decompressive_laminectomy(make(escc=ESCC.GRADE_1A, frankel=Frankel.E))
    assert C == option.rules[INDICATION].verdict
    assert option.rules[INDICATION].finding.statement.startswith("Not indicated:")
