"""The open-surgery options: decompression, separation, corpectomy and stabilization.

Their rules are declared in :mod:`spinal_metastasis.treatments.surgery.rules` and listed by
:func:`spinal_metastasis.rules`; their figures are in
:mod:`~spinal_metastasis.treatments.surgery.figures`.
"""

from collections.abc import Mapping

from spinal_metastasis.model import (
    SystemicAgent,
)
from spinal_metastasis.rule_engine.engine import Rule, evaluate
from spinal_metastasis.treatments._common import HoldRecommendation
from spinal_metastasis.treatments.context import LesionContext, OptionFacts
from spinal_metastasis.treatments.option import (
    Modality,
    OptionAssessment,
    RuleOutcome,
)
from spinal_metastasis.treatments.surgery.figures import (
    BASTOS_TIMING,
    CORPECTOMY_BURDEN,
    CORPECTOMY_COMPLICATIONS,
    CORPECTOMY_LOCAL_CONTROL,
    DECOMPRESSION_BURDEN,
    DECOMPRESSION_PAIN,
    FIXED_COLLAPSE_PROBABILITY,
    NO_COLLAPSE_PROBABILITY,
    NOT_A_TUMOR_TREATMENT,
    SEPARATION_BURDEN,
    SEPARATION_CONTROL,
    STABILIZATION_BURDEN,
    STABILIZATION_COMPLICATIONS,
    STABILIZATION_LOCAL_CONTROL,
    STABILIZATION_PAIN,
    SURGERY_HOLDS,
    toxicity,
)
from spinal_metastasis.treatments.surgery.rules import (
    CORPECTOMY_RULES,
    DECOMPRESSION_RULES,
    STABILIZATION_RULES,
)

_Holds = Mapping[SystemicAgent, HoldRecommendation]


def _verdicts(rules: tuple[Rule[OptionFacts], ...], context: LesionContext) -> list[RuleOutcome]:
    facts = OptionFacts(context)
    return [evaluate(item, facts) for item in rules]


def assess_decompressive_laminectomy(
    context: LesionContext,
    *,
    holds: Mapping[SystemicAgent, HoldRecommendation] = SURGERY_HOLDS,
) -> OptionAssessment:
    """Assess posterior decompressive surgery (laminectomy, with or without fixation).

    Rules: fitness (operable and expected survival of at least 3 months), paraplegia
    for more than 48 hours, radiosensitive histology, the indication (high-grade
    epidural compression with a neurological deficit, or from a radioresistant
    primary), and radiotherapy to the same levels within 7 days.

    Args:
        context: The lesion's context, from
            :func:`~spinal_metastasis.treatments.context.lesion_context`.
        holds: Systemic-therapy holds around surgery; the conservative (guideline)
            table by default,
            ``LABEL_HOLDS`` for the drug labels.

    Returns:
        The verdict, its findings and the trade-offs: no onset figure for pain relief,
        Patchell's walking outcomes, complications, holds, hospital stay (median 7 days).

    References:
        Patchell RA, Tibbs PA, Regine WF, et al. Direct decompressive surgical resection in
        the treatment of spinal cord compression caused by metastatic cancer: a randomised
        trial. Lancet. 2005;366(9486):643-648. doi:10.1016/S0140-6736(05)66954-1.

        Laufer I, Rubin DG, Lis E, et al. The NOMS framework: approach to the treatment of
        spinal metastatic tumors. Oncologist. 2013. doi:10.1634/theoncologist.2012-0293.

        Itshayek E, et al. Int J Oncol. 2010. doi:10.3892/ijo_00000527 (timing).

    Note:
        Patchell's surgery was tailored decompression (with stabilization as needed), not
        laminectomy alone; its walking figures are the best evidence for decompression
        but describe that trial's population (single area of compression, at least one
        neurological sign, not radiosensitive, not paraplegic over 48 h). Whether a
        laminectomy destabilizes an unstable spine is not assessed (no source in the notes).

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> from spinal_metastasis.treatments.context import lesion_context
        >>> patient = example_patient("renal_t7_cord_compression")
        >>> option = assess_decompressive_laminectomy(lesion_context(patient, patient.lesions[0]))
        >>> option.eligibility.value, str(option.burden.hospital_days)
        ('eligible', '7–9 days')
    """
    return _decompressive_laminectomy(_verdicts(DECOMPRESSION_RULES, context), context, holds)


def _decompressive_laminectomy(
    rules: list[RuleOutcome], context: LesionContext, holds: _Holds
) -> OptionAssessment:
    return OptionAssessment.from_rules(
        Modality.DECOMPRESSIVE_LAMINECTOMY,
        rules,
        pain_relief=DECOMPRESSION_PAIN,
        toxicity=toxicity(context.patient.systemic_therapy, holds),
        collapse_risk=NO_COLLAPSE_PROBABILITY,
        local_control=NOT_A_TUMOR_TREATMENT,
        burden=DECOMPRESSION_BURDEN,
    )


def assess_separation_surgery(
    context: LesionContext,
    *,
    holds: Mapping[SystemicAgent, HoldRecommendation] = SURGERY_HOLDS,
) -> OptionAssessment:
    """Assess separation surgery followed by stereotactic radiosurgery (NOMS).

    Rules: as for decompression (fitness, paraplegia over 48 hours, radiosensitive
    histology, high-grade compression with a deficit or from a radioresistant primary,
    radiotherapy within 7 days).

    Args:
        context: The lesion's context.
        holds: Systemic-therapy holds around surgery (conservative table by default).

    Returns:
        The verdict and trade-offs; local control is that of surgery *plus* postoperative
        radiosurgery (1-year 77.4-95.9 %), and the sessions count the radiosurgery fractions.

    References:
        Laufer I, et al. Local disease control for spinal metastases following 'separation
        surgery' and adjuvant hypofractionated or high-dose single-fraction stereotactic
        radiosurgery. J Neurosurg Spine. 2013;18:207-214.

        Al-Omair A, Masucci L, Masson-Cote L, et al. Neuro Oncol. 2013;15(10):1413-1419.
        doi:10.1093/neuonc/not101.

        Bastos DCA, et al. J Neurosurg Spine. 2020;32(5):667-675 (hospital stay, timing).

    Note:
        The local-control range depends on the postoperative dose: 4.1 % 1-year local
        progression with 24-30 Gy in 3 fractions vs 22.6 % with 18-36 Gy in 5-6
        fractions (Laufer 2013). Whether the postoperative SBRT itself is feasible (cord
        dose after earlier radiotherapy) is assessed by the SBRT option.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> from spinal_metastasis.treatments.context import lesion_context
        >>> patient = example_patient("renal_t7_cord_compression")
        >>> option = assess_separation_surgery(lesion_context(patient, patient.lesions[0]))
        >>> option.eligibility.value, str(option.local_control.probability)
        ('eligible', '77.4–95.9 %')
    """
    return _separation_surgery(_verdicts(DECOMPRESSION_RULES, context), context, holds)


def _separation_surgery(
    rules: list[RuleOutcome], context: LesionContext, holds: _Holds
) -> OptionAssessment:
    return OptionAssessment.from_rules(
        Modality.SEPARATION_SURGERY,
        rules,
        pain_relief=DECOMPRESSION_PAIN,
        toxicity=toxicity(context.patient.systemic_therapy, holds, (BASTOS_TIMING,)),
        collapse_risk=FIXED_COLLAPSE_PROBABILITY,
        local_control=SEPARATION_CONTROL,
        burden=SEPARATION_BURDEN,
    )


def assess_corpectomy_reconstruction(
    context: LesionContext,
    *,
    holds: Mapping[SystemicAgent, HoldRecommendation] = SURGERY_HOLDS,
) -> OptionAssessment:
    """Assess corpectomy (vertebral body resection) with anterior column reconstruction.

    Rules: fitness, paraplegia over 48 hours, radiosensitive histology, the indication
    (vertebral body collapse with gross instability or high-grade compression), and
    radiotherapy within 7 days.

    Args:
        context: The lesion's context.
        holds: Systemic-therapy holds around surgery (conservative table by default).

    Returns:
        The verdict and trade-offs (complications by approach; no sourced hospital stay
        or local control specific to corpectomy: ``None``).

    References:
        Spiessberger A, Arvind V, Gruter B, Cho SK. Thoracolumbar corpectomy/spondylectomy
        for spinal metastasis: a pooled analysis comparing the outcome of seven different
        surgical approaches. Eur Spine J. 2020;29(2):248-256. doi:10.1007/s00586-019-06179-8.

        Fisher CG, DiPaola CP, Ryken TC, et al. Spine. 2010;35(22):E1221-E1229.
        doi:10.1097/BRS.0b013e3181e16ae2 (collapse and instability).

    Note:
        No source read states when a corpectomy is indicated. The rule is the library's
        conservative reading of "anterior column destruction or collapse with instability
        or ventral compression": vertebral body collapse (SINS collapse < 50 % or >= 50 %)
        with gross instability (SINS 13-18) or high-grade epidural compression. The model
        does not record whether the compression is ventral; high-grade compression with a
        collapsed body stands in for it. Otherwise the verdict is caution, never a
        contraindication.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> from spinal_metastasis.treatments.context import lesion_context
        >>> patient = example_patient("renal_t7_cord_compression")
        >>> option = assess_corpectomy_reconstruction(lesion_context(patient, patient.lesions[0]))
        >>> option.eligibility.value, option.local_control.probability is None
        ('caution', True)
    """
    return _corpectomy_reconstruction(_verdicts(CORPECTOMY_RULES, context), context, holds)


def _corpectomy_reconstruction(
    rules: list[RuleOutcome], context: LesionContext, holds: _Holds
) -> OptionAssessment:
    return OptionAssessment.from_rules(
        Modality.CORPECTOMY_RECONSTRUCTION,
        rules,
        pain_relief=DECOMPRESSION_PAIN,
        toxicity=toxicity(context.patient.systemic_therapy, holds, (CORPECTOMY_COMPLICATIONS,)),
        collapse_risk=FIXED_COLLAPSE_PROBABILITY,
        local_control=CORPECTOMY_LOCAL_CONTROL,
        burden=CORPECTOMY_BURDEN,
    )


def assess_posterior_stabilization(
    context: LesionContext,
    *,
    holds: Mapping[SystemicAgent, HoldRecommendation] = SURGERY_HOLDS,
) -> OptionAssessment:
    """Assess posterior stabilization (open or percutaneous pedicle-screw fixation).

    Rules: fitness, the indication (gross instability, SINS 13-18; SINS 7-12 asks for
    a surgical consultation and is caution) and radiotherapy within 7 days. The
    Patchell exclusions (paraplegia, radiosensitive histology) concern decompression
    and are not applied: NOMS assesses instability separately from the neurology and
    the histology.

    Args:
        context: The lesion's context.
        holds: Systemic-therapy holds around surgery (conservative table by default).

    Returns:
        The verdict and trade-offs: early walking and complications after percutaneous
        fixation, hospital stay (median 7 days after open surgery; percutaneous about 3.8
        days shorter).

    References:
        Fourney DR, Frangou EM, Ryken TC, et al. Spinal instability neoplastic score: an
        analysis of reliability and validity from the Spine Oncology Study Group. J Clin
        Oncol. 2011;29(22):3072-3077. doi:10.1200/JCO.2010.34.3897.

        Versteeg AL, Verlaan JJ, de Baat P, et al. Ann Surg Oncol. 2016;23(7):2343-2349.
        doi:10.1245/s10434-016-5156-9.

        Perna A, Smakaj A, Vitiello R, et al. Front Oncol. 2022;12:884928.
        doi:10.3389/fonc.2022.884928.

    Note:
        SINS is a referral aid built by expert consensus, not an operative indication;
        the decision to fix a potentially unstable spine (SINS 7-12) is the surgeon's.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> from spinal_metastasis.treatments.context import lesion_context
        >>> patient = example_patient()
        >>> option = assess_posterior_stabilization(lesion_context(patient, patient.lesions[0]))
        >>> option.eligibility.value, option.rules[1].finding.statement.split(":")[0]
        ('caution', 'SINS 11 (potentially unstable)')
    """
    return _posterior_stabilization(_verdicts(STABILIZATION_RULES, context), context, holds)


def _posterior_stabilization(
    rules: list[RuleOutcome], context: LesionContext, holds: _Holds
) -> OptionAssessment:
    return OptionAssessment.from_rules(
        Modality.POSTERIOR_STABILIZATION,
        rules,
        pain_relief=STABILIZATION_PAIN,
        toxicity=toxicity(context.patient.systemic_therapy, holds, STABILIZATION_COMPLICATIONS),
        collapse_risk=FIXED_COLLAPSE_PROBABILITY,
        local_control=STABILIZATION_LOCAL_CONTROL,
        burden=STABILIZATION_BURDEN,
    )
