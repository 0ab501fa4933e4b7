"""Conventional external beam radiotherapy: its trade-offs and ``assess_conventional_ebrt``.

The rules are declared in :mod:`spinal_metastasis.treatments.radiotherapy.rules` and listed
by :func:`spinal_metastasis.rules`.
"""

from collections.abc import Sequence

from spinal_metastasis._cache import VALUE_CACHE_SIZE, bounded, memoized
from spinal_metastasis.evidence import Finding, finding
from spinal_metastasis.histology import PrimaryTumor
from spinal_metastasis.model import (
    SystemicAgent,
)
from spinal_metastasis.radiobiology import (
    CORD_ALPHA_BETA_GY,
    Schedule,
    Technique,
    eqd2,
    lq_validity_findings,
)
from spinal_metastasis.ranges import DayRange, ProbabilityRange
from spinal_metastasis.rule_engine.engine import evaluate
from spinal_metastasis.sources.radiobiology import (
    BONE_PAIN_TRIAL_1999,
    FOWLER_1989,
    HARTSELL_2005,
    RYU_2023,
)
from spinal_metastasis.sources.radiotherapy import (
    CHOW_2012,
    RADES_2011,
    SPRAVE_2018_FRACTURE,
    TRUNTZER_2013,
    VAN_DER_VELDEN_2018,
    ZENG_2022,
)
from spinal_metastasis.sources.scores import AO_RADIOSENSITIVITY
from spinal_metastasis.sources.scores import LAUFER_2013 as NOMS_2013
from spinal_metastasis.sources.treatments import (
    CHOW_2015_DEXAMETHASONE,
    MCDONALD_2014,
    SAHGAL_2013_VCF,
)
from spinal_metastasis.treatments._common import agent_holds
from spinal_metastasis.treatments.context import LesionContext, OptionFacts
from spinal_metastasis.treatments.option import (
    AgentHold,
    CollapseRisk,
    Eligibility,
    LocalControl,
    Modality,
    OptionAssessment,
    PainRelief,
    Toxicity,
)
from spinal_metastasis.treatments.radiotherapy.figures import (
    CEBRT_COMPLETE,
    CEBRT_FLARE,
    CEBRT_FLARE_DEXAMETHASONE,
    CEBRT_HOLDS,
    CEBRT_MAXIMAL_DAYS,
    CEBRT_ONSET_DAYS,
    CEBRT_RESPONSE,
    CEBRT_RETREATMENT,
    CEBRT_VCF_INCIDENCE,
    DEFAULT_CEBRT_SCHEDULE,
    FIFTEEN_2_5,
    FIVE_4,
    LOCAL_CONTROL_HORIZON_DAYS,
    RADES_LONG,
    RADES_SHORT,
    SC24_CEBRT_CONTROL,
    SINGLE_8,
    TEN_3,
    TWENTY_2,
    burden,
    checked_schedule,
    fmt,
)
from spinal_metastasis.treatments.radiotherapy.reirradiation import cebrt_reirradiation
from spinal_metastasis.treatments.radiotherapy.rules import CEBRT_RULES

_E = Eligibility.ELIGIBLE
_C = Eligibility.CAUTION
_X = Eligibility.CONTRAINDICATED


# --- Trade-offs: cEBRT --------------------------------------------------------------------------


@memoized
def _cebrt_pain_relief(plan: Schedule) -> PainRelief:
    findings = [
        finding(
            "Overall response 38 % at the completion of radiotherapy, 53.8 % at day 8, 57.1 % "
            "at day 30; the improvement peaked at day 8.",
            TRUNTZER_2013,
        ),
        finding(
            "Median time to response 4 weeks (range 1-15) in an unselected cohort; pain scores "
            "lowest at 6 weeks.",
            VAN_DER_VELDEN_2018,
        ),
        finding(
            "8 Gy x 1 vs 30 Gy / 10: overall response 66 % in both arms; 33 % off narcotics at "
            "3 months (read in a secondary commentary).",
            HARTSELL_2005,
        ),
        finding(
            "8 Gy x 1 vs 20 Gy / 5 or 30 Gy / 10: no difference in time to first improvement or "
            "to complete relief; retreatment twice as common after 8 Gy.",
            BONE_PAIN_TRIAL_1999,
        ),
        finding(
            "Pain response at 3 months 60.5 % after 8 Gy x 1 vs 41.3 % after 16-18 Gy x 1 SRS "
            "(RTOG 0631): SRS was not better.",
            RYU_2023,
        ),
    ]
    retreatment = CEBRT_RETREATMENT.get(plan.fractionation)
    if plan.fractionation == SINGLE_8:
        findings.append(
            finding(
                "Retreatment after a single fraction vs multiple fractions: 24 % vs 7 % in the "
                "Dutch Bone Metastasis Study, 20 % vs 8 % pooled (Chow 2012); read second-hand.",
                CHOW_2012,
            )
        )
    if retreatment is None:
        findings.append(
            finding(
                f"No retreatment rate for {plan.name} was found in the sources read.",
                CHOW_2012,
                schedule=plan.name,
            )
        )
    if plan.fractionation != FIVE_4:
        findings.append(
            finding(
                f"The complete-response figure was measured after 20 Gy / 5, not {plan.name}; "
                "single and multiple fractions relieved pain alike in the randomised trials.",
                BONE_PAIN_TRIAL_1999,
                schedule=plan.name,
            )
        )
    return PainRelief(
        onset_days=CEBRT_ONSET_DAYS,
        maximal_days=CEBRT_MAXIMAL_DAYS,
        response=CEBRT_RESPONSE,
        complete_response=CEBRT_COMPLETE,
        retreatment=retreatment,
        findings=tuple(findings),
    )


@bounded(VALUE_CACHE_SIZE)
def _cebrt_holds(
    agents: tuple[SystemicAgent, ...] | None,
) -> tuple[DayRange, tuple[AgentHold, ...], tuple[Finding, ...]]:
    return agent_holds(agents, CEBRT_HOLDS)


def _cebrt_toxicity(
    agents: tuple[SystemicAgent, ...] | None, plan: Schedule, extra: Sequence[Finding]
) -> Toxicity:
    days, holds, hold_findings = _cebrt_holds(agents)
    cord, findings = _cebrt_cord(plan)
    return Toxicity(
        systemic_therapy_hold_days=days,
        holds=holds,
        pain_flare=CEBRT_FLARE,
        pain_flare_with_dexamethasone=CEBRT_FLARE_DEXAMETHASONE,
        cord_eqd2_added_gy=cord,
        findings=(*hold_findings, *findings, *extra),
    )


@memoized
def _cebrt_cord(plan: Schedule) -> tuple[float, tuple[Finding, ...]]:
    """The cord EQD2 of a conventional schedule, with the schedule's toxicity findings."""
    cord = eqd2(plan.fractionation, alpha_beta_gy=CORD_ALPHA_BETA_GY)
    findings = [
        finding(
            f"The spinal cord lies inside a conventional field and is assumed to receive the "
            f"prescription: {plan.fractionation} is {fmt(cord)} Gy EQD2 (alpha/beta "
            f"{fmt(CORD_ALPHA_BETA_GY)} Gy). An assumption, not a planned dose.",
            FOWLER_1989,
            schedule=plan.name,
        ),
        finding(
            "Pain flare after conventional radiotherapy ranged from 2 % to 44 % across studies.",
            MCDONALD_2014,
        ),
        finding(
            "Dexamethasone prophylaxis brought 3 grade 3-4 hyperglycaemia events.",
            CHOW_2015_DEXAMETHASONE,
        ),
    ]
    if plan.fractionation in {SINGLE_8, TEN_3}:
        findings.append(
            finding(
                "Acute grade 2-4 toxicity 10 % after 8 Gy x 1 vs 17 % after 30 Gy / 10 "
                "(read in a secondary commentary).",
                HARTSELL_2005,
                schedule=plan.name,
            )
        )
    findings.extend(lq_validity_findings(plan.fractionation))
    return cord, tuple(findings)


@memoized
def _cebrt_collapse_risk() -> CollapseRisk:
    drivers = (
        finding(
            "New pathological fracture 3 months after 30 Gy / 10: 4.3 % (8.7 % after 24 Gy x 1 "
            "SBRT).",
            SPRAVE_2018_FRACTURE,
        ),
        finding(
            "Vertebral compression fracture about 20-22 % at 2 years in both arms of RTOG 0631 "
            "(8 Gy x 1 and 16-18 Gy x 1; read in a trial summary).",
            RYU_2023,
        ),
        finding(
            "SC.24, both arms together: fracture 8 % at 12 and 11 % at 24 months; more "
            "radiation-related fractures after SBRT, more tumor-progression fractures after "
            "conventional radiotherapy (read in a trial summary).",
            ZENG_2022,
        ),
        finding(
            "The Sahgal 2013 hazard ratios were derived after SBRT; no lesion-level model for "
            "conventional radiotherapy was found, so no relative hazard is given.",
            SAHGAL_2013_VCF,
        ),
    )
    return CollapseRisk(probability=CEBRT_VCF_INCIDENCE, relative_hazard=None, drivers=drivers)


@memoized
def _cebrt_local_control(
    radiosensitive: frozenset[bool], primary: PrimaryTumor | None, plan: Schedule
) -> LocalControl:
    course = plan.fractionation
    findings: list[Finding] = []
    probability: ProbabilityRange | None
    if course in {SINGLE_8, FIVE_4}:
        probability = RADES_SHORT
        findings.append(
            finding(
                "1-year local control 61 % after short-course (1 x 8 or 5 x 4 Gy) vs 81 % after "
                "long-course radiotherapy for spinal cord compression.",
                RADES_2011,
                schedule=plan.name,
            )
        )
    elif course in {TEN_3, FIFTEEN_2_5, TWENTY_2}:
        probability = RADES_LONG
        findings.append(
            finding(
                "1-year local control 81 % after long-course (10 x 3, 15 x 2.5 or 20 x 2 Gy) vs "
                "61 % after short-course radiotherapy for spinal cord compression.",
                RADES_2011,
                schedule=plan.name,
            )
        )
    else:
        probability = None
        findings.append(
            finding(
                f"No local-control figure for {plan.name} was found in the sources read.",
                RADES_2011,
                schedule=plan.name,
            )
        )
    if course == FIVE_4 and probability is not None:
        probability = probability.hull(SC24_CEBRT_CONTROL)
        findings.append(
            finding(
                "Local failure at 12 months 28 % after 20 Gy / 5 vs 6 % after 24 Gy / 2 SBRT "
                "(SC.24; read in a trial summary).",
                ZENG_2022,
            )
        )
    findings.append(_histology_finding(radiosensitive, primary))
    return LocalControl(
        probability=probability,
        horizon_days=LOCAL_CONTROL_HORIZON_DAYS if probability is not None else None,
        findings=tuple(findings),
    )


def _histology_finding(radiosensitive: frozenset[bool], primary: PrimaryTumor | None) -> Finding:
    if radiosensitive == frozenset({True}):
        return finding(
            "Radiosensitive histology: favourable histologies had better local control after "
            "conventional radiotherapy; the figures above are for mixed histologies.",
            NOMS_2013,
            primary=primary,
        )
    if radiosensitive == frozenset({False}):
        return finding(
            "Radioresistant histology: local control after conventional radiotherapy is lower "
            "than the figures above, which are for mixed histologies; no per-histology figure "
            "was verified.",
            AO_RADIOSENSITIVITY,
            primary=primary,
        )
    return finding(
        "Response of the primary to conventional radiotherapy undetermined; radioresistant "
        "histologies have lower local control than the mixed-histology figures above.",
        AO_RADIOSENSITIVITY,
        primary=primary,
    )


# --- The options --------------------------------------------------------------------------------


def assess_conventional_ebrt(
    context: LesionContext, *, schedule: Schedule = DEFAULT_CEBRT_SCHEDULE
) -> OptionAssessment:
    """Assess conventional external beam radiotherapy for one lesion.

    Rules: ``rules(Modality.CONVENTIONAL_EBRT)`` (see :func:`spinal_metastasis.rules`;
    declared in :mod:`spinal_metastasis.treatments.radiotherapy.rules`).

    Args:
        context: The lesion's context, from
            :func:`~spinal_metastasis.treatments.context.lesion_context`.
        schedule: A conventional schedule of
            :data:`spinal_metastasis.radiobiology.schedules.SCHEDULES`;
            20 Gy / 5 (the control arm of SC.24) by default.

    Returns:
        The verdict, its findings and the trade-offs (pain relief, toxicity, collapse,
        local control, burden).

    Raises:
        InvalidInputError: If ``schedule`` is not a conventional Schedule.

    References:
        Laufer I, Rubin DG, Lis E, et al. The NOMS framework. Oncologist. 2013.
        doi:10.1634/theoncologist.2012-0293.
        Patchell RA, Tibbs PA, Regine WF, et al. Lancet. 2005;366(9486):643-648.
        doi:10.1016/S0140-6736(05)66954-1.
        Nieder C, Grosu AL, Andratschke NH, Molls M. Int J Radiat Oncol Biol Phys.
        2006;66(5):1446-1449. doi:10.1016/j.ijrobp.2006.07.1383.
        Rades D, Lange M, Veninga T, et al. Int J Radiat Oncol Biol Phys. 2011.
        PMID 20452136 (local control by schedule).

    Note:
        The cord dose assumes the cord receives the prescription. The figures come
        from mixed-histology cohorts; per-histology local control was not verified.
        Cetuximab (held during the radiotherapy week, Guimond 2022) has no agent
        class in the model.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> from spinal_metastasis.treatments.context import lesion_context
        >>> patient = example_patient("lung_l2_reirradiation")
        >>> option = assess_conventional_ebrt(lesion_context(patient, patient.lesions[0]))
        >>> option.eligibility.value, option.toxicity.cord_eqd2_added_gy
        ('caution', 30.0)
    """
    plan = checked_schedule(schedule, Technique.CONVENTIONAL)
    facts = OptionFacts(context, plan)
    reirradiation = facts.derived("cebrt_reirradiation", cebrt_reirradiation)
    patient = context.patient
    return OptionAssessment.from_rules(
        Modality.CONVENTIONAL_EBRT,
        [evaluate(item, facts) for item in CEBRT_RULES],
        pain_relief=_cebrt_pain_relief(plan),
        toxicity=_cebrt_toxicity(patient.systemic_therapy, plan, reirradiation.findings),
        collapse_risk=_cebrt_collapse_risk(),
        local_control=_cebrt_local_control(context.radiosensitive, patient.primary, plan),
        burden=burden(plan),
    )
