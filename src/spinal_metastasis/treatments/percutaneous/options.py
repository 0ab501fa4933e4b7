"""The percutaneous options: ablation, LITT, focused ultrasound and vertebral augmentation.

Their rules are declared in :mod:`spinal_metastasis.treatments.percutaneous.rules` and
listed by :func:`spinal_metastasis.rules`; their figures are in
:mod:`~spinal_metastasis.treatments.percutaneous.figures`.
"""

from typing import Final

import attrs

from spinal_metastasis.evidence import Citation, Finding
from spinal_metastasis.rule_engine.engine import Rule, evaluate
from spinal_metastasis.sources.percutaneous import (
    CARDIA_2023,
    HURWITZ_2014,
    KHAN_2018,
    SAGOO_2022,
    WALLACE_2015,
)
from spinal_metastasis.sources.treatments import SIR_2019
from spinal_metastasis.treatments.context import LesionContext, OptionFacts
from spinal_metastasis.treatments.option import (
    Burden,
    Eligibility,
    LocalControl,
    Modality,
    OptionAssessment,
    PainRelief,
    RuleOutcome,
    Toxicity,
)
from spinal_metastasis.treatments.percutaneous.figures import (
    AUGMENTATION_BURDEN,
    AUGMENTATION_COLLAPSE,
    AUGMENTATION_COMPLICATIONS,
    AUGMENTATION_LOCAL,
    AUGMENTATION_PAIN,
    CRYO_BURDEN,
    CRYO_COMPLICATIONS,
    CRYO_LOCAL,
    CRYO_PAIN,
    LITT_BURDEN,
    LITT_COMPLICATIONS,
    LITT_LOCAL,
    LITT_PAIN,
    MRGFUS_BURDEN,
    MRGFUS_COLLAPSE,
    MRGFUS_COMPLICATIONS,
    MRGFUS_LOCAL,
    MRGFUS_PAIN,
    MWA_BURDEN,
    MWA_COMPLICATIONS,
    MWA_LOCAL,
    MWA_PAIN,
    RFA_BURDEN,
    RFA_COMPLICATIONS,
    RFA_LOCAL,
    RFA_PAIN,
    litt_holds,
    no_fracture_figure,
    toxicity,
    unsourced_holds,
)
from spinal_metastasis.treatments.percutaneous.rules import (
    AUGMENTATION_COAGULATION_NOTE,
    AUGMENTATION_RULES,
    COAGULATION,
    CRYOABLATION_RULES,
    FOCUSED_ULTRASOUND_RULES,
    LITT_RULES,
    MICROWAVE_RULES,
    RADIOFREQUENCY_RULES,
)

_ELIGIBLE: Final = Eligibility.ELIGIBLE
_CAUTION: Final = Eligibility.CAUTION
_CONTRAINDICATED: Final = Eligibility.CONTRAINDICATED


# --- Assessments --------------------------------------------------------------------------------


def _outcomes(rules: tuple[Rule[OptionFacts], ...], context: LesionContext) -> list[RuleOutcome]:
    facts = OptionFacts(context)
    return [evaluate(item, facts) for item in rules]


def _assess_vertebral_ablation(
    context: LesionContext,
    modality: Modality,
    *,
    rules: tuple[Rule[OptionFacts], ...],
    pain_relief: PainRelief,
    complications: tuple[Finding, ...],
    collapse_citation: Citation,
    local_control: LocalControl,
    burden: Burden,
) -> OptionAssessment:
    days, hold = unsourced_holds(context.patient.systemic_therapy, modality, SIR_2019)
    return OptionAssessment.from_rules(
        modality,
        _outcomes(rules, context),
        pain_relief=pain_relief,
        toxicity=toxicity(days, (hold,), complications),
        collapse_risk=no_fracture_figure(modality, collapse_citation),
        local_control=local_control,
        burden=burden,
    )


def assess_radiofrequency_ablation(context: LesionContext) -> OptionAssessment:
    """Assess percutaneous radiofrequency ablation of a spinal metastasis.

    Rules: not as sole therapy with high-grade compression or a deficit, nor with gross
    instability; caution with a breached posterior wall, a tumor within 10 mm of the
    cord, out-of-range coagulation values (SIR 2019, high bleeding risk), pain below
    4/10, a blastic lesion or an implanted cardiac device; contraindicated with active
    infection.

    Args:
        context: The lesion's context, from
            :func:`~spinal_metastasis.treatments.context.lesion_context`.

    Returns:
        The verdict, its findings and the trade-offs (onset 3-7 days, response 95 %,
        local control 86.8 %, complications 10.9 %).

    References:
        Goetz MP, Callstrom MR, Charboneau JW, et al. Percutaneous image-guided
        radiofrequency ablation of painful metastases involving bone: a multicenter
        study. J Clin Oncol. 2004;22(2):300-306.

        Wallace AN, Greenwood TJ, Jennings JW. Radiofrequency ablation and vertebral
        augmentation for palliation of painful spinal metastases. J Neurooncol.
        2015;124(1):111-118. doi:10.1007/s11060-015-1813-2.

        Murali N, Turmezei T, Bhatti S, et al. J Orthop Surg Res. 2021;16:659.
        doi:10.1186/s13018-021-02775-x.

        Patel IJ, Rahim S, Davidson JC, et al. SIR consensus guidelines, part II.
        J Vasc Interv Radiol. 2019;30(8):1168-1184.

    Note:
        The neurological, mechanical, distance, infection and device rules rest on the
        project's clinical reference (from memory) and carry unverified citations. Most
        spinal series added cement augmentation; the figures describe ablation with or
        without cement.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> from spinal_metastasis.treatments.context import lesion_context
        >>> patient = example_patient()
        >>> option = assess_radiofrequency_ablation(lesion_context(patient, patient.lesions[0]))
        >>> option.eligibility.value, str(option.pain_relief.onset_days)
        ('caution', '3–7 days')
        >>> cautions = [item for item in option.rules if item.verdict is Eligibility.CAUTION]
        >>> [item.finding.inputs[0].name for item in cautions]
        ['distance_to_cord_mm']
    """
    return _radiofrequency_ablation(context)


def _radiofrequency_ablation(context: LesionContext) -> OptionAssessment:
    return _assess_vertebral_ablation(
        context,
        Modality.RADIOFREQUENCY_ABLATION,
        rules=RADIOFREQUENCY_RULES,
        pain_relief=RFA_PAIN,
        complications=RFA_COMPLICATIONS,
        collapse_citation=WALLACE_2015,
        local_control=RFA_LOCAL,
        burden=RFA_BURDEN,
    )


def assess_cryoablation(context: LesionContext) -> OptionAssessment:
    """Assess percutaneous cryoablation of a spinal metastasis.

    The rules of radiofrequency ablation without the cardiac-device caution.

    Args:
        context: The lesion's context.

    Returns:
        The verdict, its findings and the trade-offs (onset 1-7 days, local control
        60-100 %, grade III-V complications 2.0 %).

    References:
        Callstrom MR, Dupuy DE, Solomon SB, et al. Percutaneous image-guided cryoablation
        of painful metastases involving bone: multicenter trial. Cancer.
        2013;119(5):1033-1041. doi:10.1002/cncr.27793.

        Tomasian A, Wallace A, Northrup B, Hillen TJ, Jennings JW. Spine cryoablation:
        pain palliation and local tumor control for vertebral metastases. AJNR Am J
        Neuroradiol. 2016;37(1):189-195. doi:10.3174/ajnr.A4521.

    Note:
        No response rate is reported: the 93.8 % "clinical success" of a 12-year series
        has no definition in the abstract read.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> from spinal_metastasis.treatments.context import lesion_context
        >>> patient = example_patient("myeloma_t9_high_grade")
        >>> assess_cryoablation(lesion_context(patient, patient.lesions[0])).eligibility.value
        'contraindicated'
    """
    return _cryoablation(context)


def _cryoablation(context: LesionContext) -> OptionAssessment:
    return _assess_vertebral_ablation(
        context,
        Modality.CRYOABLATION,
        rules=CRYOABLATION_RULES,
        pain_relief=CRYO_PAIN,
        complications=CRYO_COMPLICATIONS,
        collapse_citation=SAGOO_2022,
        local_control=CRYO_LOCAL,
        burden=CRYO_BURDEN,
    )


def assess_microwave_ablation(context: LesionContext) -> OptionAssessment:
    """Assess percutaneous microwave ablation of a spinal metastasis.

    The rules of radiofrequency ablation without the cardiac-device caution (no source
    for one was read).

    Args:
        context: The lesion's context.

    Returns:
        The verdict, its findings and the trade-offs (relief from day 0-1, local control
        80-97 %, complications 27.4 %).

    References:
        Kastler A, et al. Microwave thermal ablation of spinal metastatic bone tumors.
        J Vasc Interv Radiol. 2014. doi:10.1016/j.jvir.2014.06.007.

        Khan MA, et al. Efficacy and safety of percutaneous microwave ablation and
        cementoplasty in the treatment of painful spinal metastases and myeloma. AJNR Am
        J Neuroradiol. 2018;39(7):1376. doi:10.3174/ajnr.A5680.

        Yao Y, Zhu X, Zhang N, et al. Microwave ablation versus radiofrequency ablation
        for treating spinal metastases. Medicine (Baltimore). 2023;102(25):e34092.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> from spinal_metastasis.treatments.context import lesion_context
        >>> patient = example_patient("lung_l2_reirradiation")
        >>> option = assess_microwave_ablation(lesion_context(patient, patient.lesions[0]))
        >>> option.eligibility.value, sorted(a.value for a in option.burden.anesthesia)
        ('caution', ['general', 'local'])
    """
    return _microwave_ablation(context)


def _microwave_ablation(context: LesionContext) -> OptionAssessment:
    return _assess_vertebral_ablation(
        context,
        Modality.MICROWAVE_ABLATION,
        rules=MICROWAVE_RULES,
        pain_relief=MWA_PAIN,
        complications=MWA_COMPLICATIONS,
        collapse_citation=KHAN_2018,
        local_control=MWA_LOCAL,
        burden=MWA_BURDEN,
    )


def assess_laser_interstitial_thermal_therapy(context: LesionContext) -> OptionAssessment:
    """Assess spinal laser interstitial thermal therapy (LITT), followed by radiosurgery.

    Epidural compression (ESCC 1c or higher) is LITT's indication. Caution below 1c,
    with a Frankel C or D deficit, a radiosensitive primary or a level outside the
    thoracic spine; contraindicated with Frankel A or B (no such patient was treated),
    gross instability or active infection; SIR 2019 coagulation thresholds apply.
    Closeness to the cord is expected and not a caution.

    Args:
        context: The lesion's context.

    Returns:
        The verdict, its findings and the trade-offs (relief within 30 days, local
        control 83 % with radiosurgery, hospital stay 3.4 days, no interruption of
        systemic therapy).

    References:
        Tatsui CE, Stafford RJ, Li J, et al. Utilization of laser interstitial
        thermotherapy guided by real-time thermal MRI as an alternative to separation
        surgery in the management of spinal metastasis. J Neurosurg Spine.
        2015;23(4):400-411.

        Tatsui CE, Lee SH, Amini B, et al. Spinal laser interstitial thermal therapy: a
        novel alternative to surgery for metastatic epidural spinal cord compression.
        Neurosurgery. 2016;79 Suppl 1:S73-S82. doi:10.1227/NEU.0000000000001444.

        Bastos DCA, Vega RA, Traylor JI, et al. Spinal laser interstitial thermal therapy:
        single-center experience and outcomes in the first 120 cases. J Neurosurg Spine.
        2021;35(3):354-363.

    Note:
        A single-centre technique (MD Anderson). Frankel A-B as a contraindication and
        C-D as a caution are the library's reading of the series' populations (Frankel E
        91.7 %, D 6.7 %, C 1.7 %; none without motor function).

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> from spinal_metastasis.treatments.context import lesion_context
        >>> patient = example_patient("renal_t7_cord_compression")
        >>> option = assess_laser_interstitial_thermal_therapy(
        ...     lesion_context(patient, patient.lesions[0])
        ... )
        >>> option.eligibility.value, option.toxicity.systemic_therapy_hold_days.high
        ('caution', 0.0)
    """
    return _laser_interstitial_thermal_therapy(context)


def _laser_interstitial_thermal_therapy(context: LesionContext) -> OptionAssessment:
    days, holds, hold_findings = litt_holds(context.patient.systemic_therapy)
    toxicity = Toxicity(
        systemic_therapy_hold_days=days,
        holds=holds,
        cord_eqd2_added_gy=0.0,
        findings=(*hold_findings, *LITT_COMPLICATIONS),
    )
    modality = Modality.LASER_INTERSTITIAL_THERMAL_THERAPY
    rules = _outcomes(LITT_RULES, context)
    return OptionAssessment.from_rules(
        modality,
        rules,
        pain_relief=LITT_PAIN,
        toxicity=toxicity,
        collapse_risk=no_fracture_figure(modality, CARDIA_2023),
        local_control=LITT_LOCAL,
        burden=LITT_BURDEN,
    )


def assess_focused_ultrasound(context: LesionContext) -> OptionAssessment:
    """Assess MR-guided focused ultrasound (MRgFUS) of a spinal metastasis.

    Non-invasive: no coagulation or infection rule (none sourced). Not as sole therapy
    with high-grade compression or a deficit, nor with gross instability; a mobile-spine
    vertebra is contraindicated (research only); caution with pain below 4/10.

    Args:
        context: The lesion's context.

    Returns:
        The verdict, its findings and the trade-offs (response 64.3 % at 3 months vs
        20.0 % sham, sonication pain 32.1 %).

    References:
        Hurwitz MD, Ghanouni P, Kanaev SV, et al. Magnetic resonance-guided focused
        ultrasound for patients with painful bone metastases: phase III trial results.
        J Natl Cancer Inst. 2014.

        Baal JD, Chen WC, Baal U, et al. Efficacy and safety of magnetic resonance-guided
        focused ultrasound for the treatment of painful bone metastases: a systematic
        review and meta-analysis. Skeletal Radiol. 2021;50(12):2459-2469.
        doi:10.1007/s00256-021-03822-8.

        Chen L, Meyer J, Freedman G, Konski A, Ma CM. MR guided focused ultrasound for the
        palliation of bone metastases: clinical procedures and outcome. Clin Oncol.
        2017;2:1287.

    Note:
        The trial's eligibility for vertebral lesions was not read; the site rule is a
        library decision (the research note advises "not eligible until the eligibility
        text is read"). Sacral lesions were among the trial's treated sites.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> from spinal_metastasis.treatments.context import lesion_context
        >>> patient = example_patient()
        >>> assess_focused_ultrasound(lesion_context(patient, patient.lesions[0])).eligibility
        <Eligibility.CONTRAINDICATED: 'contraindicated'>
    """
    return _focused_ultrasound(context)


def _focused_ultrasound(context: LesionContext) -> OptionAssessment:
    modality = Modality.FOCUSED_ULTRASOUND
    days, hold = unsourced_holds(context.patient.systemic_therapy, modality, HURWITZ_2014)
    rules = _outcomes(FOCUSED_ULTRASOUND_RULES, context)
    return OptionAssessment.from_rules(
        modality,
        rules,
        pain_relief=MRGFUS_PAIN,
        toxicity=toxicity(days, (hold,), MRGFUS_COMPLICATIONS),
        collapse_risk=MRGFUS_COLLAPSE,
        local_control=MRGFUS_LOCAL,
        burden=MRGFUS_BURDEN,
    )


def assess_vertebral_augmentation(context: LesionContext) -> OptionAssessment:
    """Assess percutaneous vertebral augmentation (vertebroplasty or kyphoplasty).

    Indicated by mechanical pain or a painful fracture without gross instability (NOMS;
    CAFE); caution without either, with a breached posterior wall or with
    out-of-range coagulation values; contraindicated as sole therapy with high-grade
    compression, a deficit or gross instability, and with active infection.

    Args:
        context: The lesion's context.

    Returns:
        The verdict, its findings and the trade-offs (relief within 3-7 days, outpatient,
        no local-control figure: it does not treat the tumor).

    References:
        Berenson J, Pflugmacher R, Jarzem P, et al. Balloon kyphoplasty versus
        non-surgical fracture management for treatment of painful vertebral body
        compression fractures in patients with cancer (CAFE). Lancet Oncol.
        2011;12(3):225-235. doi:10.1016/S1470-2045(11)70008-0.

        Laufer I, Rubin DG, Lis E, et al. The NOMS framework: approach to the treatment of
        spinal metastatic tumors. Oncologist. 2013. doi:10.1634/theoncologist.2012-0293.

        Perez JL, Ozpinar A, Agarwal N, et al. Safety and efficacy of balloon kyphoplasty
        for vertebral fractures with posterior wall disruption. Int J Spine Surg.
        2021;15(2):353.

    Note:
        SIR 2019's category for vertebroplasty was not confirmed; the high bleeding-risk
        thresholds are applied with that caveat in the finding.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> from spinal_metastasis.treatments.context import lesion_context
        >>> patient = example_patient()
        >>> option = assess_vertebral_augmentation(lesion_context(patient, patient.lesions[0]))
        >>> option.eligibility.value, option.local_control.probability is None
        ('eligible', True)
    """
    return _vertebral_augmentation(context)


_COAGULATION_IDS: Final = frozenset(rule.id for rule in COAGULATION)


def _noted(outcome: RuleOutcome) -> RuleOutcome:
    """Add why the high-risk thresholds apply to a shared coagulation rule's statement."""
    if outcome.finding.rule_id not in _COAGULATION_IDS:
        return outcome
    statement = outcome.finding.statement + AUGMENTATION_COAGULATION_NOTE
    return attrs.evolve(outcome, finding=attrs.evolve(outcome.finding, statement=statement))


def _vertebral_augmentation(context: LesionContext) -> OptionAssessment:
    modality = Modality.VERTEBRAL_AUGMENTATION
    days, hold = unsourced_holds(context.patient.systemic_therapy, modality, SIR_2019)
    rules = [_noted(outcome) for outcome in _outcomes(AUGMENTATION_RULES, context)]
    return OptionAssessment.from_rules(
        modality,
        rules,
        pain_relief=AUGMENTATION_PAIN,
        toxicity=toxicity(days, (hold,), AUGMENTATION_COMPLICATIONS),
        collapse_risk=AUGMENTATION_COLLAPSE,
        local_control=AUGMENTATION_LOCAL,
        burden=AUGMENTATION_BURDEN,
    )
