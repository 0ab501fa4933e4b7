"""``assess(patient)``: every score, NOMS and every treatment option for every lesion.

The assessment composes the layers above it and adds two things of its own:

- **Plans**: ordered combinations of options that the literature uses (separation
  surgery then SBRT; ablation with cement augmentation, then radiotherapy;
  augmentation, then conventional EBRT or SBRT; stabilization, then conventional EBRT
  or SBRT; decompression then 30 Gy / 10; laser ablation then SBRT), with their
  combined eligibility and trade-offs. Every NOMS pair of a radiation pathway and a
  stabilization has a plan. After a decompressing step the later steps are judged on
  the decompressed canal; after a stabilizing step, on the stabilized spine (their
  spinal-stability rules are met); each step uses the schedule its plan quotes.
- **Ranking**: options ordered by a patient's stated priorities, with the options
  each one is Pareto-dominated by. A dominated option never ranks above an option
  that dominates it.
"""

from collections.abc import Callable, Sequence
from typing import Final, NamedTuple, TypeVar

from attrs import evolve, frozen

from spinal_metastasis._cache import RECORD_CACHE_SIZE, bounded
from spinal_metastasis.errors import OutOfValidatedRangeError
from spinal_metastasis.evidence import Citation, Finding, finding
from spinal_metastasis.model import ESCC, Patient, SpinalLesion
from spinal_metastasis.pathways import NomsResult
from spinal_metastasis.radiobiology import schedule as named_schedule
from spinal_metastasis.ranges import DayRange, ScoreRange
from spinal_metastasis.ranking import Priority, RankedOption, rank_options
from spinal_metastasis.report import assessment_html, assessment_text, verdict_text
from spinal_metastasis.scores.bauer import BauerScore, ModifiedBauerScore, bauer, modified_bauer
from spinal_metastasis.scores.escc import EsccGrade, escc_grade
from spinal_metastasis.scores.katagiri import KatagiriScore, katagiri
from spinal_metastasis.scores.nesms import NesmsScore, nesms
from spinal_metastasis.scores.sins import SinsScore
from spinal_metastasis.scores.tokuhashi import TokuhashiScore, tokuhashi_revised
from spinal_metastasis.scores.tomita import TomitaScore, tomita
from spinal_metastasis.sources.percutaneous import TATSUI_2015, WALLACE_2015
from spinal_metastasis.sources.scores import LAUFER_2013
from spinal_metastasis.sources.treatments import LAUFER_2013_SEPARATION, PATCHELL_2005
from spinal_metastasis.treatments.context import (
    DEFAULT_SETTINGS,
    AssessmentSettings,
    LesionContext,
    lesion_context,
)
from spinal_metastasis.treatments.option import (
    Eligibility,
    Modality,
    OptionAssessment,
    RuleOutcome,
    combine,
    rule,
)
from spinal_metastasis.treatments.percutaneous import (
    assess_cryoablation,
    assess_focused_ultrasound,
    assess_laser_interstitial_thermal_therapy,
    assess_microwave_ablation,
    assess_radiofrequency_ablation,
    assess_vertebral_augmentation,
)
from spinal_metastasis.treatments.radiotherapy import assess_conventional_ebrt, assess_sbrt
from spinal_metastasis.treatments.supportive import assess_best_supportive_care
from spinal_metastasis.treatments.surgery import (
    assess_corpectomy_reconstruction,
    assess_decompressive_laminectomy,
    assess_posterior_stabilization,
    assess_separation_surgery,
)

__all__ = [
    "Assessment",
    "LesionAssessment",
    "PlanAssessment",
    "Priority",
    "Prognosis",
    "RankedOption",
    "assess",
    "rank_options",
]

_ASSESSORS: Final[dict[Modality, Callable[[LesionContext], OptionAssessment]]] = {
    Modality.CONVENTIONAL_EBRT: assess_conventional_ebrt,
    Modality.SBRT: assess_sbrt,
    Modality.DECOMPRESSIVE_LAMINECTOMY: assess_decompressive_laminectomy,
    Modality.CORPECTOMY_RECONSTRUCTION: assess_corpectomy_reconstruction,
    Modality.POSTERIOR_STABILIZATION: assess_posterior_stabilization,
    Modality.SEPARATION_SURGERY: assess_separation_surgery,
    Modality.RADIOFREQUENCY_ABLATION: assess_radiofrequency_ablation,
    Modality.CRYOABLATION: assess_cryoablation,
    Modality.MICROWAVE_ABLATION: assess_microwave_ablation,
    Modality.LASER_INTERSTITIAL_THERMAL_THERAPY: assess_laser_interstitial_thermal_therapy,
    Modality.FOCUSED_ULTRASOUND: assess_focused_ultrasound,
    Modality.VERTEBRAL_AUGMENTATION: assess_vertebral_augmentation,
    Modality.BEST_SUPPORTIVE_CARE: assess_best_supportive_care,
}


# --- Plans --------------------------------------------------------------------------------------


@frozen(kw_only=True, cache_hash=True)
class _PlanTemplate:
    name: str
    steps: tuple[Modality, ...]
    statement: str
    citation: Citation
    # The first step decompresses the canal: the later steps are judged on the decompressed
    # lesion, not as sole treatments of a compressing tumor.
    decompresses: bool = False
    # The first step stabilizes the spine (instrumented fixation): the later steps are judged
    # on the stabilized spine, their spinal-stability rules met by the fixation.
    stabilizes: bool = False
    # The first step's sessions already count the later ones (separation surgery includes its
    # postoperative radiosurgery).
    sessions_in_first_step: bool = False
    # The schedule each step uses (by its name in ``radiobiology.SCHEDULES``), ``None`` for the
    # option's default: a plan that quotes a trial's schedule computes that schedule.
    schedules: tuple[str | None, ...] = ()

    def schedule(self, index: int) -> str | None:
        """The schedule of step ``index`` (0-based), or ``None`` for the option's default."""
        return self.schedules[index] if index < len(self.schedules) else None


#: The epidural grade the later steps of a decompressing plan are judged on: separation surgery
#: aims at a margin of low-grade (0-1) epidural disease for radiosurgery (Laufer 2013).
_DECOMPRESSED_ESCC: Final = ESCC.GRADE_1B
#: The schedule of Patchell 2005's two arms: 30 Gy in 10 fractions.
_PATCHELL_SCHEDULE: Final = "30 Gy / 10"


_PLANS: Final = (
    _PlanTemplate(
        name="separation surgery, then SBRT",
        steps=(Modality.SEPARATION_SURGERY, Modality.SBRT),
        statement=(
            "Separation surgery (decompression and instrumentation) followed by stereotactic "
            "radiosurgery: 1-year local progression 4.1-22.6 % across the radiosurgery arms "
            "(4.1 % after 24-30 Gy in 3 fractions, 22.6 % after 18-36 Gy in 5-6 fractions), "
            "16.4 % overall (Laufer 2013, 186 patients). The SBRT step here is 24 Gy / 2, "
            "which matches none of Laufer's arms."
        ),
        citation=LAUFER_2013_SEPARATION,
        decompresses=True,
        stabilizes=True,
        sessions_in_first_step=True,
    ),
    _PlanTemplate(
        name="radiofrequency ablation with cement augmentation",
        steps=(Modality.RADIOFREQUENCY_ABLATION, Modality.VERTEBRAL_AUGMENTATION),
        statement=(
            "Radiofrequency ablation followed by vertebral augmentation in the same session "
            "(augmentation after 95 % of ablations; Wallace 2015)."
        ),
        citation=WALLACE_2015,
    ),
    _PlanTemplate(
        name="radiofrequency ablation with cement augmentation, then conventional EBRT",
        steps=(
            Modality.RADIOFREQUENCY_ABLATION,
            Modality.VERTEBRAL_AUGMENTATION,
            Modality.CONVENTIONAL_EBRT,
        ),
        statement=(
            "Ablation and augmentation for fast relief and stability, then radiotherapy for "
            "tumor control; the combination is reported, its benefit over either alone is not "
            "established by a trial."
        ),
        citation=WALLACE_2015,
    ),
    _PlanTemplate(
        name="vertebral augmentation, then conventional EBRT",
        steps=(Modality.VERTEBRAL_AUGMENTATION, Modality.CONVENTIONAL_EBRT),
        statement=(
            "Cement augmentation for mechanical pain without gross instability, then "
            "radiotherapy to the tumor by the NOMS radiation pathway (NOMS)."
        ),
        citation=LAUFER_2013,
    ),
    _PlanTemplate(
        name="vertebral augmentation, then SBRT",
        steps=(Modality.VERTEBRAL_AUGMENTATION, Modality.SBRT),
        statement=(
            "Cement augmentation for mechanical pain without gross instability, then SBRT where "
            "the NOMS radiation pathway is stereotactic (NOMS)."
        ),
        citation=LAUFER_2013,
    ),
    _PlanTemplate(
        name="posterior stabilization, then conventional EBRT",
        steps=(Modality.POSTERIOR_STABILIZATION, Modality.CONVENTIONAL_EBRT),
        statement="Stabilization for instability, then radiotherapy to the tumor (NOMS).",
        citation=LAUFER_2013,
        stabilizes=True,
    ),
    _PlanTemplate(
        name="posterior stabilization, then SBRT",
        steps=(Modality.POSTERIOR_STABILIZATION, Modality.SBRT),
        statement=(
            "Stabilization for instability, then SBRT where the NOMS radiation pathway is "
            "stereotactic (NOMS)."
        ),
        citation=LAUFER_2013,
        stabilizes=True,
    ),
    _PlanTemplate(
        name="decompressive surgery, then conventional EBRT",
        steps=(Modality.DECOMPRESSIVE_LAMINECTOMY, Modality.CONVENTIONAL_EBRT),
        statement=(
            "Direct decompressive surgery followed by 30 Gy in 10 fractions, the surgical arm "
            "of Patchell 2005; the radiotherapy step is computed for 30 Gy / 10."
        ),
        citation=PATCHELL_2005,
        decompresses=True,
        schedules=(None, _PATCHELL_SCHEDULE),
    ),
    _PlanTemplate(
        name="laser interstitial thermal therapy, then SBRT",
        steps=(Modality.LASER_INTERSTITIAL_THERMAL_THERAPY, Modality.SBRT),
        statement="Spinal laser ablation of epidural tumor is always followed by SSRS (MDACC).",
        citation=TATSUI_2015,
        decompresses=True,
    ),
)


@frozen(kw_only=True)
class PlanAssessment:
    """An ordered combination of options, with combined eligibility and trade-offs.

    Attributes:
        name: The plan in words.
        steps: The options, in order.
        eligibility: The worst eligibility of the steps, or ``UNDETERMINED``.
        possible_eligibility: Every verdict some completion of the unknowns gives.
        missing: The unknown inputs the verdict waits for.
        onset_days: When pain relief begins: the earliest onset among the steps
            (delays between steps not counted), or ``None``.
        systemic_therapy_hold_days: Days systemic therapy is interrupted: at least
            the longest hold of a step, at most the sum of the steps' holds.
        sessions: Total sessions.
        hospital_days: Total days in hospital, or ``None`` when a step has no figure.
        findings: The plan's source and the steps' verdicts.
    """

    name: str
    steps: tuple[Modality, ...]
    eligibility: Eligibility
    possible_eligibility: frozenset[Eligibility]
    missing: tuple[str, ...]
    onset_days: DayRange | None
    systemic_therapy_hold_days: DayRange
    sessions: ScoreRange
    hospital_days: DayRange | None
    findings: tuple[Finding, ...]

    def __str__(self) -> str:
        """One line: the plan and its verdict (the verdicts still possible when undetermined)."""
        verdict = verdict_text(self.eligibility, self.possible_eligibility, self.missing)
        return f"{self.name}: {verdict}"


class _Step(NamedTuple):
    """What a plan reads of one step's assessment: a cache key."""

    modality: Modality
    eligibility: Eligibility
    possible_eligibility: frozenset[Eligibility]
    missing: tuple[str, ...]
    onset_days: DayRange | None
    systemic_therapy_hold_days: DayRange
    sessions: ScoreRange
    hospital_days: DayRange | None


#: Every modality, in declaration order (the order of ``LesionAssessment.options``).
_MODALITIES: Final = tuple(Modality)
#: The input names of the spinal-stability rules (the SINS) that a stabilized spine meets.
_STABILITY_INPUTS: Final = frozenset({"sins"})


class _StepKey(NamedTuple):
    """Which assessment of an option a plan step reads."""

    modality: Modality
    decompressed: bool
    schedule: str | None


def _step_keys(template: _PlanTemplate) -> tuple[_StepKey, ...]:
    return tuple(
        _StepKey(
            modality=modality,
            decompressed=template.decompresses and index > 0,
            schedule=template.schedule(index),
        )
        for index, modality in enumerate(template.steps)
    )


#: Every distinct step assessment the plans read, each once.
_STEP_KEYS: Final = tuple(dict.fromkeys(key for t in _PLANS for key in _step_keys(t)))


def _reads_stability(outcome: RuleOutcome) -> bool:
    """Whether a rule judges the spine's stability (it reads the SINS)."""
    return any(item.name in _STABILITY_INPUTS for item in outcome.finding.inputs)


def _step(option: OptionAssessment, *, stabilized: bool = False) -> _Step:
    """The few figures of an option that a plan reads.

    On a stabilized spine the option's spinal-stability rules are met by the fixation: its
    verdict is that of its other rules.
    """
    eligibility, possible, missing = option.eligibility, option.possible_eligibility, option.missing
    if stabilized:
        kept = [item for item in option.rules if not _reads_stability(item)]
        eligibility, possible = combine(kept)
        waiting: list[str] = []
        if eligibility is Eligibility.UNDETERMINED:
            for item in kept:
                if len(item.possible) > 1:
                    waiting.extend(name for name in item.missing if name not in waiting)
        missing = tuple(waiting)
    return _Step(
        modality=option.modality,
        eligibility=eligibility,
        possible_eligibility=possible,
        missing=missing,
        onset_days=option.pain_relief.onset_days,
        systemic_therapy_hold_days=option.toxicity.systemic_therapy_hold_days,
        sessions=option.burden.sessions,
        hospital_days=option.burden.hospital_days,
    )


def _plans(steps: dict[_StepKey, OptionAssessment]) -> tuple[PlanAssessment, ...]:
    plans = []
    for template in _PLANS:
        keys = _step_keys(template)
        figures = tuple(
            _step(steps[key], stabilized=template.stabilizes and index > 0)
            for index, key in enumerate(keys)
        )
        plans.append(_plan_of(template, figures))
    return tuple(plans)


# A plan is a pure function of its template and of a few figures of each step, and is
# frozen: memoized on them, in a bounded cache (see spinal_metastasis._cache).
@bounded(RECORD_CACHE_SIZE)
def _plan_of(template: _PlanTemplate, steps: tuple[_Step, ...]) -> PlanAssessment:
    outcomes: list[RuleOutcome] = [
        rule(
            step.possible_eligibility,
            f"Step {index}: {step.modality.label}"
            + (f" ({template.schedule(index - 1)})" if template.schedule(index - 1) else "")
            + f" is {step.eligibility.value}.",
            template.citation,
            missing=step.missing,
        )
        for index, step in enumerate(steps, start=1)
    ]
    verdict, possible = combine(outcomes)
    onsets = [step.onset_days for step in steps if step.onset_days]
    holds = [step.systemic_therapy_hold_days for step in steps]
    stays = [step.hospital_days for step in steps]
    missing: list[str] = []
    for step in steps:
        missing.extend(name for name in step.missing if name not in missing)
    return PlanAssessment(
        name=template.name,
        steps=template.steps,
        eligibility=verdict,
        possible_eligibility=possible,
        missing=tuple(missing) if verdict is Eligibility.UNDETERMINED else (),
        onset_days=(
            DayRange(low=min(o.low for o in onsets), high=min(o.high for o in onsets))
            if onsets
            else None
        ),
        systemic_therapy_hold_days=DayRange(
            low=max(hold.low for hold in holds), high=sum(hold.high for hold in holds)
        ),
        sessions=(
            steps[0].sessions
            if template.sessions_in_first_step
            else sum((step.sessions for step in steps[1:]), steps[0].sessions)
        ),
        hospital_days=(
            sum((stay for stay in stays[1:] if stay), stays[0])
            if all(stay is not None for stay in stays) and stays[0] is not None
            else None
        ),
        findings=(
            finding(template.statement, template.citation),
            *(
                (
                    finding(
                        "The steps after the decompression are judged on the decompressed "
                        f"canal (ESCC {_DECOMPRESSED_ESCC.label}), the aim of separation "
                        "surgery, not as sole treatments of a compressing tumor.",
                        LAUFER_2013_SEPARATION,
                    ),
                )
                if template.decompresses
                else ()
            ),
            *(
                (
                    finding(
                        "The steps after the stabilization are judged on the stabilized spine: "
                        "the instrumented fixation meets their spinal-stability (SINS) rules; "
                        "their other rules stand.",
                        LAUFER_2013,
                    ),
                )
                if template.stabilizes
                else ()
            ),
            *(item.finding for item in outcomes),
        ),
    )


# --- The assessment -----------------------------------------------------------------------------


@frozen(kw_only=True)
class Prognosis:
    """The patient-level prognostic scores.

    A score is ``None`` when the patient lies outside the population it was
    built for (recorded as dead, or no vertebral metastasis); ``not_scored``
    then says why, score by score.
    """

    tokuhashi_revised: TokuhashiScore | None
    tomita: TomitaScore | None
    bauer: BauerScore | None
    modified_bauer: ModifiedBauerScore | None
    nesms: NesmsScore | None
    katagiri: KatagiriScore | None
    not_scored: tuple[str, ...] = ()

    def __str__(self) -> str:
        """One score per line."""
        scores = (
            self.tokuhashi_revised,
            self.tomita,
            self.bauer,
            self.modified_bauer,
            self.nesms,
            self.katagiri,
        )
        return "\n".join([*(str(s) for s in scores if s is not None), *self.not_scored])


T = TypeVar("T")


def _score(
    name: str, function: Callable[[Patient], T], patient: Patient, reasons: list[str]
) -> T | None:
    """Score the patient, or record why the score does not apply."""
    try:
        return function(patient)
    except OutOfValidatedRangeError as error:
        reasons.append(f"{name} not scored: {error}")
        return None


def _prognosis(patient: Patient) -> Prognosis:
    reasons: list[str] = []
    return Prognosis(
        tokuhashi_revised=_score("Tokuhashi", tokuhashi_revised, patient, reasons),
        tomita=_score("Tomita", tomita, patient, reasons),
        bauer=_score("Bauer", bauer, patient, reasons),
        modified_bauer=_score("Modified Bauer", modified_bauer, patient, reasons),
        nesms=_score("NESMS", nesms, patient, reasons),
        katagiri=_score("Katagiri", katagiri, patient, reasons),
        not_scored=tuple(reasons),
    )


@frozen(kw_only=True)
class LesionAssessment:
    """Everything assessed for one lesion.

    Attributes:
        lesion: The lesion.
        sins: Its SINS.
        escc_grade: Low or high grade epidural compression, or ``None`` when unknown.
        noms: The NOMS result.
        options: One assessment per modality, in the order of
            :class:`~spinal_metastasis.treatments.option.Modality`.
        plans: The combined plans.
    """

    lesion: SpinalLesion
    sins: SinsScore
    escc_grade: EsccGrade | None
    noms: NomsResult
    options: tuple[OptionAssessment, ...]
    plans: tuple[PlanAssessment, ...]

    def option(self, modality: Modality) -> OptionAssessment:
        """Return the assessment of one modality."""
        return next(option for option in self.options if option.modality is modality)

    def ranked(self, priorities: Sequence[Priority]) -> tuple[RankedOption, ...]:
        """Rank this lesion's options by the patient's priorities (see :func:`rank_options`)."""
        return rank_options(self.options, priorities)


@frozen(kw_only=True)
class Assessment:
    """The whole assessment of a patient.

    Attributes:
        patient: The patient assessed.
        prognosis: The patient-level prognostic scores.
        lesions: One assessment per lesion, in the patient's order.
        escc_grouping: Name of the ESCC grouping used.
        radiosensitivity_table: Name of the radiosensitivity table used.
    """

    patient: Patient
    prognosis: Prognosis
    lesions: tuple[LesionAssessment, ...]
    escc_grouping: str
    radiosensitivity_table: str

    def __str__(self) -> str:
        """A readable clinical summary: prognosis, and per lesion SINS, NOMS and the options."""
        return assessment_text(self)

    def _repr_html_(self) -> str:
        """HTML for notebooks."""
        return assessment_html(self)


def _assess_lesion(
    patient: Patient, lesion: SpinalLesion, settings: AssessmentSettings
) -> LesionAssessment:
    context = lesion_context(patient, lesion, settings)
    options = {modality: assess(context) for modality, assess in _ASSESSORS.items()}
    decompressed = lesion_context(patient, evolve(lesion, escc=_DECOMPRESSED_ESCC), settings)
    steps: dict[_StepKey, OptionAssessment] = {}
    for key in _STEP_KEYS:
        if not key.decompressed and key.schedule is None:
            steps[key] = options[key.modality]
        else:
            steps[key] = _assess_step(key, decompressed if key.decompressed else context)
    return LesionAssessment(
        lesion=lesion,
        sins=context.sins,
        escc_grade=escc_grade(lesion.escc, grouping=settings.escc_grouping),
        noms=context.noms,
        options=tuple(options[modality] for modality in _MODALITIES),
        plans=_plans(steps),
    )


def _assess_step(key: _StepKey, context: LesionContext) -> OptionAssessment:
    """Assess one plan step in its context, with the schedule its plan quotes."""
    if key.schedule is None:
        return _ASSESSORS[key.modality](context)
    if key.modality is Modality.CONVENTIONAL_EBRT:
        return assess_conventional_ebrt(context, schedule=named_schedule(key.schedule))
    if key.modality is Modality.SBRT:
        return assess_sbrt(context, schedule=named_schedule(key.schedule))
    msg = f"'schedule' must be given only for a radiotherapy step (got {key.modality.value})"
    raise ValueError(msg)


def assess(patient: Patient, *, settings: AssessmentSettings | None = None) -> Assessment:
    """Assess every lesion of a patient: scores, NOMS, every option and plan.

    Args:
        patient: The patient; unknown inputs give ranges and ``UNDETERMINED``.
        settings: The ESCC grouping and radiosensitivity table (defaults: NOMS).

    Returns:
        The assessment; ``str()`` of it is a readable clinical summary.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> assessment = assess(example_patient())
        >>> assessment.lesions[0].sins.points.value
        11
    """
    chosen = settings if settings is not None else DEFAULT_SETTINGS
    return Assessment(
        patient=patient,
        prognosis=_prognosis(patient),
        lesions=tuple(_assess_lesion(patient, lesion, chosen) for lesion in patient.lesions),
        escc_grouping=chosen.escc_grouping.name,
        radiosensitivity_table=chosen.radiosensitivity_table.name,
    )
