"""Stereotactic body radiotherapy: trade-offs, ``sbrt_collapse_risk``, ``assess_sbrt``.

The rules are declared in :mod:`spinal_metastasis.treatments.radiotherapy.rules` and listed
by :func:`spinal_metastasis.rules`.
"""

import math
from collections.abc import Mapping, Sequence
from typing import TypeVar

from spinal_metastasis._cache import VALUE_CACHE_SIZE, bounded, memoized
from spinal_metastasis.errors import InvalidInputError
from spinal_metastasis.evidence import Finding, finding
from spinal_metastasis.model import (
    ESCC,
    Alignment,
    BoneLesion,
    Collapse,
    SpinalLesion,
    SystemicAgent,
)
from spinal_metastasis.radiobiology import (
    CordHistoryStatus,
    Schedule,
    Technique,
    lq_validity_findings,
    sbrt_cord_limit,
)
from spinal_metastasis.ranges import DayRange
from spinal_metastasis.rule_engine.engine import evaluate
from spinal_metastasis.sources.radiobiology import (
    GUCKENBERGER_2014,
    RYU_2023,
    SAHGAL_2021_HYTEC,
    SAHGAL_2021_SC24,
)
from spinal_metastasis.sources.radiotherapy import (
    BALAGAMWALA_2018,
    BILSKY_2011,
    CHIANG_2013,
    KIM_2019,
    PAN_2014,
    RYU_2008,
    ZENG_2022,
)
from spinal_metastasis.sources.treatments import (
    FARUQI_2018,
    KROEZE_2017,
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
    BILSKY_3_CONTROL,
    DEFAULT_SBRT_SCHEDULE,
    GUCKENBERGER_CONTROL,
    KROEZE_2017_AGENTS,
    LOCAL_CONTROL_HORIZON_DAYS,
    SBRT_COMPLETE,
    SBRT_FLARE,
    SBRT_FLARE_DEXAMETHASONE,
    SBRT_HOLDS,
    SBRT_ONSET_DAYS,
    SBRT_RESPONSE,
    SBRT_RETREATMENT,
    SBRT_VCF_INCIDENCE,
    SC24_SBRT,
    SC24_SBRT_CONTROL,
    SERIES_CONTROL,
    THREE_8,
    VCF_HAZARD_RATIO_ALIGNMENT,
    VCF_HAZARD_RATIO_BONE_LESION,
    VCF_HAZARD_RATIO_COLLAPSE,
    VCF_HAZARD_RATIO_DOSE_PER_FRACTION,
    burden,
    checked_schedule,
    fmt,
)
from spinal_metastasis.treatments.radiotherapy.reirradiation import (
    SbrtReirradiation,
    sbrt_reirradiation,
)
from spinal_metastasis.treatments.radiotherapy.rules import SBRT_RULES

_K = TypeVar("_K")
_E = Eligibility.ELIGIBLE
_C = Eligibility.CAUTION
_X = Eligibility.CONTRAINDICATED


# --- Trade-offs: SBRT ---------------------------------------------------------------------------


@memoized
def _sbrt_pain_relief(plan: Schedule) -> PainRelief:
    findings = [
        finding(
            "Pain relief began within 24 hours at the earliest, at a median of 14 days, after "
            "single-dose spine radiosurgery (10-16 Gy, 61 solitary metastases): the onset "
            "window 1-14 days.",
            RYU_2008,
        ),
        finding(
            "Median time to pain relief 1.8 months after single-fraction spine radiosurgery "
            "(median 15 Gy; 507 treatments): a retrospective series with pain assessed at "
            "follow-up visits, which bounds how early relief could be seen.",
            BALAGAMWALA_2018,
        ),
        finding(
            "SBRT is not uniformly better for pain: complete response at 3 months 35 % vs 14 % "
            "(24 Gy / 2 vs 20 Gy / 5, SC.24), but pain response 41.3 % vs 60.5 % (16-18 Gy x 1 "
            "vs 8 Gy x 1, RTOG 0631).",
            RYU_2023,
        ),
        finding(
            "Complete or partial pain response after single-fraction SRS 79 / 78 / 53 / 63 % "
            "for Bilsky grades 0 / 1 / 2 / 3.",
            KIM_2019,
        ),
    ]
    if plan.fractionation != SC24_SBRT:
        findings.append(
            finding(
                f"The response figures were measured after 24 Gy / 2 (SC.24) and 16-18 Gy x 1 "
                f"(RTOG 0631), not necessarily {plan.name}.",
                SAHGAL_2021_SC24,
                schedule=plan.name,
            )
        )
    return PainRelief(
        onset_days=SBRT_ONSET_DAYS,
        maximal_days=None,
        response=SBRT_RESPONSE,
        complete_response=SBRT_COMPLETE,
        retreatment=SBRT_RETREATMENT,
        findings=tuple(findings),
    )


@bounded(VALUE_CACHE_SIZE)
def _sbrt_holds(
    agents: tuple[SystemicAgent, ...] | None,
) -> tuple[DayRange, tuple[AgentHold, ...], tuple[Finding, ...]]:
    return agent_holds(agents, SBRT_HOLDS)


def _sbrt_toxicity(
    agents: tuple[SystemicAgent, ...] | None, cord: float | None, extra: Sequence[Finding]
) -> Toxicity:
    days, holds, hold_findings = _sbrt_holds(agents)
    return Toxicity(
        systemic_therapy_hold_days=days,
        holds=holds,
        pain_flare=SBRT_FLARE,
        pain_flare_with_dexamethasone=SBRT_FLARE_DEXAMETHASONE,
        cord_eqd2_added_gy=cord,
        findings=(*hold_findings, *_sbrt_toxicity_findings(agents or (), cord is None), *extra),
    )


@bounded(VALUE_CACHE_SIZE)
def _sbrt_toxicity_findings(
    agents: tuple[SystemicAgent, ...], cord_unknown: bool
) -> tuple[Finding, ...]:
    findings = [
        finding(
            "Pain flare in 23 % of 195 patients, a median of 5 days after the start of SBRT; "
            "more fractions, less flare (odds ratio 0.66 per fraction).",
            PAN_2014,
        ),
        finding(
            "Pain flare in 68.3 % of 41 steroid-naive patients, most often the day after SBRT.",
            CHIANG_2013,
        ),
        finding(
            "Grade 3 pain in 5 % after SBRT vs 4 % after conventional radiotherapy (SC.24; "
            "read in a secondary summary).",
            SAHGAL_2021_SC24,
        ),
    ]
    if KROEZE_2017_AGENTS.intersection(agents):
        findings.append(
            finding(
                "Extracranial stereotactic radiotherapy within 30 days of EGFR inhibitors, "
                "bevacizumab or sorafenib carried more toxicity.",
                KROEZE_2017,
                systemic_therapy=agents,
            )
        )
    if cord_unknown:
        findings.append(
            finding(
                "The cord dose this course may add is not known until the prior radiation and "
                "the cord limits for the schedule are.",
                SAHGAL_2021_HYTEC,
            )
        )
    return tuple(findings)


@memoized
def _sbrt_local_control(grade: ESCC | None, plan: Schedule) -> LocalControl:
    course = plan.fractionation
    findings: list[Finding] = [
        finding(
            "Spine radiosurgery series report local control above 85 %, apparently "
            "independent of histology.",
            BILSKY_2011,
        )
    ]
    horizon: DayRange | None = LOCAL_CONTROL_HORIZON_DAYS
    if course == SC24_SBRT:
        probability = SC24_SBRT_CONTROL
        findings.append(
            finding(
                "Local failure at 12 months 6 % after 24 Gy / 2 vs 28 % after 20 Gy / 5 (SC.24; "
                "read in a trial summary, unverified: the secondary analysis was not read).",
                ZENG_2022,
            )
        )
    elif course == THREE_8:
        probability = GUCKENBERGER_CONTROL
        horizon = DayRange.from_months(24, 24)
        findings.append(
            finding(
                "2-year local control 83.9 % (median 24 Gy / 3); non-small-cell lung, renal "
                "cell, melanoma and other histologies did worse.",
                GUCKENBERGER_2014,
            )
        )
    else:
        probability = SERIES_CONTROL
        horizon = None
    if grade is ESCC.GRADE_3 or grade is None:
        probability = (
            BILSKY_3_CONTROL if grade is ESCC.GRADE_3 else probability.hull(BILSKY_3_CONTROL)
        )
        horizon = LOCAL_CONTROL_HORIZON_DAYS if horizon is None else horizon
        findings.append(
            finding(
                "1-year local progression after single-fraction SRS 3.0 / 8.4 / 0 / 24.9 % for "
                "Bilsky grades 0 / 1 / 2 / 3 (80 / 39 / 21 / 9 regions): Bilsky 3 is controlled "
                "less often, and its 75.1 % control rests on a subgroup of 9 regions.",
                KIM_2019,
                escc=grade,
            )
        )
    return LocalControl(probability=probability, horizon_days=horizon, findings=tuple(findings))


# --- Collapse after SBRT (Sahgal 2013) ----------------------------------------------------------


def _dose_hazard(dose_per_fraction_gy: float) -> tuple[float, float]:
    """Hazard ratio of a dose per fraction: one bin's, or two neighbours' between bins.

    The first bin starts at 0 and the last has no upper end, so a positive dose lies in a
    bin or just below one that is not the first.
    """
    bins = VCF_HAZARD_RATIO_DOSE_PER_FRACTION
    index = next(i for i, (_, highest, _) in enumerate(bins) if dose_per_fraction_gy <= highest)
    lowest, _, ratio = bins[index]
    if dose_per_fraction_gy >= lowest:
        return ratio, ratio
    return bins[index - 1][2], ratio


def _hazard_range(ratios: Mapping[_K, float], value: _K | None) -> tuple[float, float]:
    if value is None:
        return min(ratios.values()), max(ratios.values())
    ratio = ratios[value]
    return ratio, ratio


def _shown(value: object) -> str:
    if value is None:
        return "unknown"
    if isinstance(value, float):
        return f"{fmt(value)} Gy"
    return str(value).replace("_", " ")


def sbrt_collapse_risk(lesion: SpinalLesion, *, dose_per_fraction_gy: float) -> CollapseRisk:
    """Estimate the risk of vertebral compression fracture after SBRT (Sahgal 2013).

    The probability is the incidence in the Sahgal 2013 cohort (12.35 % at 1 year
    to 14 % crude; Faruqi 2018 pooled 13.9 %). The lesion's relative hazard is the
    product of the Sahgal 2013 hazard ratios of its factors against the study's
    reference group (<= 19 Gy per fraction, no fracture with less than 50 % of the
    body involved, normal alignment, mixed or blastic): dose per fraction
    >= 24 Gy 5.25, 20-23 Gy 4.91; baseline fracture < 50 % 8.98, >= 50 % 6.92; no
    fracture but more than 50 % of the body involved 4.46; malalignment (de novo
    deformity or subluxation) 2.99; lytic 3.53. An unknown factor spans its lowest
    and highest ratio, so ``relative_hazard`` is a ``(low, high)`` pair.

    Args:
        lesion: The lesion (``collapse``, ``alignment`` and ``bone_lesion`` are read).
        dose_per_fraction_gy: The planned dose per fraction in Gy, a finite number > 0.

    Returns:
        The incidence, the relative hazard and one finding per factor.

    Raises:
        InvalidInputError: If ``dose_per_fraction_gy`` is not a finite number > 0.

    References:
        Sahgal A, Atenafu EG, Chao S, et al. Vertebral compression fracture after
        spine stereotactic body radiotherapy: a multi-institutional analysis with a
        focus on radiation dose and the spinal instability neoplastic score. J Clin
        Oncol. 2013;31(27):3426-3431. doi:10.1200/JCO.2013.50.1411 (Table 3).
        Faruqi S, Tseng CL, Whyne C, et al. Vertebral compression fracture after
        spine stereotactic body radiation therapy: a review of the pathophysiology
        and risk factors. Neurosurgery. 2018;83(3):314-322. doi:10.1093/neuros/nyx493.

    Note:
        The dose bins of Sahgal 2013 are <= 19, 20-23 and >= 24 Gy per fraction; a
        dose between two bins (above 19 and below 20, or above 23 and below 24 Gy)
        takes the range of the two neighbouring ratios. Multiplying the ratios
        assumes the multivariable model's proportional effects; the product is a
        relative hazard, not a probability. The published ratios are not monotone
        in collapse severity (8.98 for < 50 % against 6.92, with a wide interval,
        for >= 50 %).

    Examples:
        >>> from spinal_metastasis import Alignment, BoneLesion, Collapse, SpinalLesion
        >>> lesion = SpinalLesion(
        ...     levels="T12", bone_lesion=BoneLesion.LYTIC, alignment=Alignment.NORMAL,
        ...     collapse=Collapse.LESS_THAN_50_PERCENT,
        ... )
        >>> risk = sbrt_collapse_risk(lesion, dose_per_fraction_gy=24)
        >>> [round(value, 1) for value in risk.relative_hazard]
        [166.4, 166.4]
        >>> str(risk.probability)
        '12.3–14 %'
    """
    dose: object = dose_per_fraction_gy
    if (
        not isinstance(dose, (int, float))
        or isinstance(dose, bool)
        or not math.isfinite(dose)
        or dose <= 0
    ):
        msg = f"'dose_per_fraction_gy' must be a finite number > 0 (got {dose!r})"
        raise InvalidInputError(msg, field="dose_per_fraction_gy")
    return _sbrt_collapse_risk(lesion.collapse, lesion.alignment, lesion.bone_lesion, float(dose))


@bounded(VALUE_CACHE_SIZE)
def _sbrt_collapse_risk(
    collapse: Collapse | None,
    alignment: Alignment | None,
    bone_lesion: BoneLesion | None,
    per_fraction: float,
) -> CollapseRisk:
    parts: tuple[tuple[tuple[float, float], str, str, object], ...] = (
        (_dose_hazard(per_fraction), "Dose per fraction", "dose_per_fraction_gy", per_fraction),
        (
            _hazard_range(VCF_HAZARD_RATIO_COLLAPSE, collapse),
            "Baseline collapse",
            "collapse",
            collapse,
        ),
        (
            _hazard_range(VCF_HAZARD_RATIO_ALIGNMENT, alignment),
            "Alignment",
            "alignment",
            alignment,
        ),
        (
            _hazard_range(VCF_HAZARD_RATIO_BONE_LESION, bone_lesion),
            "Bone lesion",
            "bone_lesion",
            bone_lesion,
        ),
    )
    low = high = 1.0
    drivers: list[Finding] = []
    for (ratio_low, ratio_high), what, name, value in parts:
        low *= ratio_low
        high *= ratio_high
        ratio = fmt(ratio_low)
        if ratio_high != ratio_low:
            ratio += f"-{fmt(ratio_high)}"
        drivers.append(
            finding(
                f"{what} {_shown(value)}: hazard ratio {ratio} against the reference group.",
                SAHGAL_2013_VCF,
                **{name: value},
            )
        )
    if per_fraction >= VCF_HAZARD_RATIO_DOSE_PER_FRACTION[1][0]:
        drivers.append(
            finding(
                "Caution at 20 Gy per fraction or more, above all with lytic tumor, "
                "malalignment or a baseline fracture; 65 % of fractures came within 4 months "
                "(median 2.46), so image early and often.",
                SAHGAL_2013_VCF,
                dose_per_fraction_gy=per_fraction,
            )
        )
    drivers.append(
        finding(
            "Crude fracture rate 13.9 % of 2,911 segments across 11 SBRT studies; 37 % of the "
            "fractures had an intervention.",
            FARUQI_2018,
        )
    )
    return CollapseRisk(
        probability=SBRT_VCF_INCIDENCE, relative_hazard=(low, high), drivers=tuple(drivers)
    )


def assess_sbrt(
    context: LesionContext, *, schedule: Schedule = DEFAULT_SBRT_SCHEDULE
) -> OptionAssessment:
    """Assess stereotactic body radiotherapy for one lesion.

    Rules: ``rules(Modality.SBRT)`` (see :func:`spinal_metastasis.rules`; declared in
    :mod:`spinal_metastasis.treatments.radiotherapy.rules`).

    Args:
        context: The lesion's context, from
            :func:`~spinal_metastasis.treatments.context.lesion_context`.
        schedule: A stereotactic schedule of
            :data:`spinal_metastasis.radiobiology.schedules.SCHEDULES`;
            24 Gy / 2 (the SBRT arm of SC.24) by default.

    Returns:
        The verdict, its findings and the trade-offs.

    Raises:
        InvalidInputError: If ``schedule`` is not a stereotactic Schedule.

    References:
        Sahgal A, Myrehaug SD, Siva S, et al. Lancet Oncol. 2021;22(7):1023-1033.
        doi:10.1016/S1470-2045(21)00196-0 (SC.24).
        Ryu S, Deshmukh S, Timmerman RD, et al. JAMA Oncol. 2023;9(6):800-807.
        doi:10.1001/jamaoncol.2023.0356 (RTOG 0631).
        Sahgal A, Chang JH, Ma L, et al. Int J Radiat Oncol Biol Phys.
        2021;110(1):124-136. doi:10.1016/j.ijrobp.2019.09.038 (HyTEC).
        Sahgal A, Atenafu EG, Chao S, et al. J Clin Oncol. 2013;31(27):3426-3431.
        doi:10.1200/JCO.2013.50.1411 (fracture).

    Note:
        The re-irradiation criteria come from 19 patients and were derived after
        conventional first courses. The cord dose added is the HyTEC limit (de novo)
        or the re-irradiation budget, not a planned dose.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> from spinal_metastasis.treatments.context import lesion_context
        >>> patient = example_patient("renal_t7_cord_compression")
        >>> option = assess_sbrt(lesion_context(patient, patient.lesions[0]))
        >>> option.eligibility.value, round(option.toxicity.cord_eqd2_added_gy, 1)
        ('contraindicated', 44.6)
    """
    plan = checked_schedule(schedule, Technique.STEREOTACTIC)
    facts = OptionFacts(context, plan)
    cord, reirradiation_findings = _sbrt_cord(
        facts.derived("sbrt_reirradiation", sbrt_reirradiation)
    )
    lesion = context.lesion
    return OptionAssessment.from_rules(
        Modality.SBRT,
        [evaluate(item, facts) for item in SBRT_RULES],
        pain_relief=_sbrt_pain_relief(plan),
        toxicity=_sbrt_toxicity(context.patient.systemic_therapy, cord, reirradiation_findings),
        collapse_risk=sbrt_collapse_risk(
            lesion, dose_per_fraction_gy=plan.fractionation.dose_per_fraction_gy
        ),
        local_control=_sbrt_local_control(lesion.escc, plan),
        burden=burden(plan),
    )


def _sbrt_cord(value: SbrtReirradiation) -> tuple[float | None, tuple[Finding, ...]]:
    """The cord EQD2 the course may add (HyTEC de novo, or the re-irradiation budget)."""
    history, plan = value.history, value.plan
    fractions = plan.fractionation.fractions
    if history.status is CordHistoryStatus.UNDETERMINED:
        return None, history.findings
    if history.status is CordHistoryStatus.DE_NOVO:
        if fractions > len(history.de_novo_limits):
            note = finding(
                f"HyTEC gives de novo cord limits for 1 to {len(history.de_novo_limits)} "
                f"fractions; none for {plan.name}.",
                SAHGAL_2021_HYTEC,
                fractions=fractions,
            )
            return None, (*history.findings, note)
        limit = sbrt_cord_limit(fractions)
        note = finding(
            f"De novo {limit}: about {fmt(limit.eqd2_gy)} Gy EQD2 (alpha/beta "
            f"{fmt(limit.alpha_beta_gy)} Gy) added to the cord point maximum at most.",
            SAHGAL_2021_HYTEC,
            fractions=fractions,
        )
        return limit.eqd2_gy, (*history.findings, note, *lq_validity_findings(limit.point_max))
    allowance = value.allowance
    if allowance is None:  # pragma: no cover - a re-irradiation has an allowance
        raise ValueError(allowance)
    findings = tuple(dict.fromkeys((*history.findings, *allowance.findings)))
    if allowance.max_total_dose_gy is None:
        return None, findings
    return allowance.allowed_eqd2_gy, findings
