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

import math
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from typing import Final, NamedTuple, TypeVar

from attrs import evolve, frozen

from spinal_metastasis._cache import RECORD_CACHE_SIZE, bounded
from spinal_metastasis.errors import OutOfValidatedRangeError
from spinal_metastasis.evidence import Citation, Finding, finding
from spinal_metastasis.model import ESCC, Patient, SpinalLesion
from spinal_metastasis.pathways import NomsResult
from spinal_metastasis.radiobiology import schedule as named_schedule
from spinal_metastasis.ranges import DayRange, ProbabilityRange, ScoreRange
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


# --- Ranking ------------------------------------------------------------------------------------


class Priority(StrEnum):
    """What matters most to the patient, for ranking the options."""

    FAST_PAIN_RELIEF = "fast_pain_relief"
    KEEP_SYSTEMIC_THERAPY = "keep_systemic_therapy"
    AVOID_OPEN_SURGERY = "avoid_open_surgery"
    DURABILITY = "durability"
    AVOID_COLLAPSE = "avoid_collapse"


@frozen(kw_only=True)
class RankedOption:
    """An option's place in a ranking.

    Attributes:
        rank: 1 for the first; options tied on eligibility and score share a rank.
        modality: The option.
        eligibility: Its eligibility.
        score: The weighted cost it was ranked by (lower is better), over the
            priorities it has figures for; ``inf`` when it has none.
        dominated_by: The options at least as good on every priority and on
            eligibility, and better on one.
        without_figures: The priorities it has no figure for: it was ranked
            without them (a missing figure is neither a good nor a bad one).
        tied_with: The options that share its rank.

    .. versionchanged:: 0.2
       ``without_figures`` and ``tied_with``; ties share a rank.
    """

    rank: int
    modality: Modality
    eligibility: Eligibility
    score: float
    dominated_by: tuple[Modality, ...]
    without_figures: tuple[Priority, ...] = ()
    tied_with: tuple[Modality, ...] = ()


#: The placeholder of a collapse risk no source gives (``CollapseRisk.probability``): missing.
_NO_PROBABILITY: Final = ProbabilityRange(low=0, high=1)
#: Options whose local-control figure is absent because they do not treat the tumor, as their
#: own findings say (decompression: Patchell 2005; stabilization: NOMS; cement: Saravana-Bawan
#: 2019; supportive care): a known absence, which costs the maximum, not a missing figure.
_NO_TUMOR_TREATMENT: Final = frozenset(
    {
        Modality.DECOMPRESSIVE_LAMINECTOMY,
        Modality.POSTERIOR_STABILIZATION,
        Modality.VERTEBRAL_AUGMENTATION,
        Modality.BEST_SUPPORTIVE_CARE,
    }
)
#: Supportive care has no procedure: systemic therapy is not interrupted (a figure, 0 days).
_SUPPORTIVE: Final = Modality.BEST_SUPPORTIVE_CARE
#: The ranking's eligibility pools: eligible, caution, undetermined, contraindicated.
_POOL: Final = {
    Eligibility.ELIGIBLE: 0,
    Eligibility.CAUTION: 1,
    Eligibility.UNDETERMINED: 2,
    Eligibility.CONTRAINDICATED: 3,
}
_Cost = tuple[float, float]


def _cost(
    option: OptionAssessment, priority: Priority, *, holds_sourced: bool = True
) -> _Cost | None:
    """Cost of an option on one priority as a (low, high) pair (lower is better), or ``None``.

    ``None`` is a missing figure: no onset, no sourced hold (0 days without a hold
    recommendation for the current agents, when some option has one), no collapse figure
    (the 0-100 % placeholder), no local-control figure for an option that treats the tumor.
    A known absence (no local control from an option that does not treat the tumor) costs
    the maximum, 1.
    """
    match priority:
        case Priority.FAST_PAIN_RELIEF:
            onset = option.pain_relief.onset_days
            return None if onset is None else (onset.low, onset.high)
        case Priority.KEEP_SYSTEMIC_THERAPY:
            hold = option.toxicity.systemic_therapy_hold_days
            unsourced = (
                holds_sourced
                and hold.high == 0
                and not option.toxicity.holds
                and option.modality is not _SUPPORTIVE
            )
            return None if unsourced else (hold.low, hold.high)
        case Priority.AVOID_OPEN_SURGERY:
            value = 1.0 if option.modality.is_open_surgery else 0.0
            return (value, value)
        case Priority.DURABILITY:
            control = option.local_control.probability
            if control is None:
                return (1.0, 1.0) if option.modality in _NO_TUMOR_TREATMENT else None
            return (1 - control.high, 1 - control.low)
        case _:  # Priority.AVOID_COLLAPSE
            risk = option.collapse_risk.probability
            return None if risk == _NO_PROBABILITY else (risk.low, risk.high)


def _pools_comparable(a: OptionAssessment, b: OptionAssessment) -> bool:
    """Whether ``a``'s eligibility is no worse than ``b``'s, for the ranking.

    Supportive care is open to everyone, so its eligibility earns it nothing: it stands with
    the eligible and the caution options alike and competes with them on trade-offs.
    """
    if _SUPPORTIVE in (a.modality, b.modality):
        pools = {_POOL[a.eligibility], _POOL[b.eligibility]}
        if pools <= {0, 1}:
            return True
    return _POOL[a.eligibility] <= _POOL[b.eligibility]


def _strictly_better_pool(a: OptionAssessment, b: OptionAssessment) -> bool:
    return _pools_comparable(a, b) and not _pools_comparable(b, a)


def _dominates(
    a: OptionAssessment,
    b: OptionAssessment,
    priorities: Sequence[Priority],
    *,
    holds_sourced: bool = True,
) -> bool:
    """Whether ``a`` is at least as good as ``b`` on eligibility and every priority, better on one.

    Both must have a figure on the same priorities (a missing figure is neither better nor
    worse than a figure); where both miss one, they are equal on it.
    """
    if not _pools_comparable(a, b):
        return False
    costs_a = [_cost(a, p, holds_sourced=holds_sourced) for p in priorities]
    costs_b = [_cost(b, p, holds_sourced=holds_sourced) for p in priorities]
    if any((x is None) != (y is None) for x, y in zip(costs_a, costs_b, strict=True)):
        return False
    pairs = [
        (x, y) for x, y in zip(costs_a, costs_b, strict=True) if x is not None and y is not None
    ]
    no_worse = all(x[0] <= y[0] and x[1] <= y[1] for x, y in pairs)
    return no_worse and (any(x != y for x, y in pairs) or _strictly_better_pool(a, b))


class _Scored(NamedTuple):
    option: OptionAssessment
    order: int
    costs: dict[Priority, float]  # normalized midpoints of the priorities with figures


def _mean(
    costs: dict[Priority, float], weights: dict[Priority, int], on: Iterable[Priority]
) -> float:
    chosen = [p for p in on if p in costs]
    total = sum(weights[p] for p in chosen)
    return sum(weights[p] * costs[p] for p in chosen) / total if total else math.inf


def _covers(a: _Scored, b: _Scored, weights: dict[Priority, int]) -> bool:
    """Whether ``a`` has every figure ``b`` has and more, and is no worse on ``b``'s figures.

    Then ``b`` must not rank above ``a``: it would win on the figures it lacks.
    """
    return (
        _pools_comparable(a.option, b.option)
        and set(b.costs) < set(a.costs)
        and _mean(a.costs, weights, b.costs) <= _mean(b.costs, weights, b.costs)
    )


def rank_options(
    options: Sequence[OptionAssessment],
    priorities: Sequence[Priority],
    *,
    include_contraindicated: bool = False,
) -> tuple[RankedOption, ...]:
    """Order options by eligibility, then by the patient's priorities.

    Each priority is a cost (onset days, hold days, open surgery, 1 - local control,
    collapse probability), normalized by its largest value among the options; ranges count
    by their midpoint; the first priority weighs most (weights n, n-1, ..., 1).

    - **Missing stays missing.** An option is scored on the priorities it has figures for
      (the weighted mean of their costs), and ``without_figures`` names the others. It never
      ranks above an option that has every figure it has and more and is no worse on its
      figures: it would win on the figures it lacks. A known absence (no local control from
      an option that does not treat the tumor) costs the maximum.
    - **Eligibility.** Eligible options come first, then caution, undetermined and
      contraindicated. Best supportive care, open to everyone, gains nothing from being
      eligible: it ranks by trade-offs among the eligible and caution options, after every
      one of them whose score is no worse than its own (never above a local treatment on a
      tie).
    - **Dominance.** An option never ranks above an option that dominates it (at least as good
      on eligibility and every priority with figures, better on one).
    - **Ties** (same eligibility pool and score, neither ordered above the other by the rules
      above) share a rank, listed in the order given; never alphabetical.

    Args:
        options: The options of one lesion.
        priorities: What matters, most important first (no repeats).
        include_contraindicated: Whether to keep contraindicated options (last).

    Returns:
        The ranked options.

    References:
        Patchell RA, et al. Lancet. 2005;366(9486):643-648 (surgery plus radiotherapy over
        radiotherapy alone); Lutz S, et al. Pract Radiat Oncol. 2017;7(1):4-12 (palliative
        radiotherapy relieves pain in 50-80 %): supportive care is not preferred by default.
    """
    kept = [
        option
        for option in options
        if include_contraindicated or option.eligibility is not Eligibility.CONTRAINDICATED
    ]
    holds_sourced = any(option.toxicity.holds for option in kept)
    weights = {priority: len(priorities) - index for index, priority in enumerate(priorities)}
    raw = [
        {p: _cost(option, p, holds_sourced=holds_sourced) for p in priorities} for option in kept
    ]
    scales: dict[Priority, float] = {}
    for priority in priorities:
        values = [v for costs in raw if (c := costs[priority]) is not None for v in c]
        scales[priority] = max(values, default=1.0) or 1.0
    scored = [
        _Scored(
            option=option,
            order=index,
            costs={p: (c[0] + c[1]) / 2 / scales[p] for p, c in costs.items() if c is not None},
        )
        for index, (option, costs) in enumerate(zip(kept, raw, strict=True))
    ]
    score = {item.order: _mean(item.costs, weights, priorities) for item in scored}

    # Which options dominate which, and which must rank above which (dominance, or the lower
    # one lacks figures the upper has): each pair judged once.
    dominates = {
        (a.order, b.order): a is not b
        and _dominates(a.option, b.option, priorities, holds_sourced=holds_sourced)
        for a in scored
        for b in scored
    }
    above = {
        (a.order, b.order): dominates[a.order, b.order] or (a is not b and _covers(a, b, weights))
        for a in scored
        for b in scored
    }

    def before(a: _Scored, b: _Scored) -> bool:
        """Whether ``a`` must rank above ``b``."""
        return above[a.order, b.order]

    caution_scores = [
        score[item.order]
        for item in scored
        if item.option.eligibility is Eligibility.CAUTION
        and item.option.modality is not _SUPPORTIVE
    ]

    def key(item: _Scored) -> tuple[int, float, int]:
        own = score[item.order]
        if item.option.modality is _SUPPORTIVE and item.option.eligibility is Eligibility.ELIGIBLE:
            # After every eligible or caution option whose score is no worse than its own.
            pool = 1 if any(other <= own for other in caution_scores) else 0
            return (pool, own, 1)
        return (_POOL[item.option.eligibility], own, 0)

    remaining = list(scored)
    ordered: list[_Scored] = []
    while remaining:
        free = [b for b in remaining if not any(before(a, b) for a in remaining if a is not b)]
        chosen = min(free, key=lambda item: (key(item), item.order))
        ordered.append(chosen)
        remaining.remove(chosen)

    ranks: list[int] = []
    for position, item in enumerate(ordered):
        group_start = position
        while group_start > 0 and key(ordered[group_start - 1])[:2] == key(item)[:2]:
            group_start -= 1
        tied = ordered[group_start:position]
        if tied and not any(before(other, item) for other in tied):
            ranks.append(ranks[group_start])
        else:
            ranks.append(position + 1)
    return tuple(
        RankedOption(
            rank=rank,
            modality=item.option.modality,
            eligibility=item.option.eligibility,
            score=round(score[item.order], 6),
            dominated_by=tuple(
                other.option.modality for other in scored if dominates[other.order, item.order]
            ),
            without_figures=tuple(p for p in priorities if p not in item.costs),
            tied_with=tuple(
                other.option.modality
                for other, other_rank in zip(ordered, ranks, strict=True)
                if other_rank == rank and other is not item
            ),
        )
        for item, rank in zip(ordered, ranks, strict=True)
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
