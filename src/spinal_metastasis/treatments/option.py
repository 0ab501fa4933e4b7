"""What every treatment option's assessment looks like: eligibility and trade-offs.

An option is judged by *rules*. Each rule looks at some inputs and returns the
eligibility verdicts still possible (one when its inputs are known) with a
:class:`~spinal_metastasis.evidence.Finding` that cites its source. The option's
eligibility is the worst verdict of its rules (contraindicated over caution over
eligible); when the unknown inputs leave more than one verdict possible, it is
``UNDETERMINED`` and ``missing`` names the inputs it waits for. The combination
is sound: a determined verdict is the verdict of every completion of the unknowns.

Trade-offs are figures from the literature, each with its citation: pain relief
(onset, time to maximal effect, response, retreatment), toxicity (systemic-therapy
holds, pain flare, cord dose added), collapse risk, local control and burden.
A figure no source gives is ``None``, never a guess.
"""

from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Final

from attrs import field, frozen

from spinal_metastasis._cache import memoized
from spinal_metastasis.evidence import Citation, Finding, finding
from spinal_metastasis.model import SystemicAgent
from spinal_metastasis.ranges import DayRange, ProbabilityRange, ScoreRange
from spinal_metastasis.rule_engine.engine import Eligibility, RuleOutcome

__all__ = [
    "AgentHold",
    "Anesthesia",
    "Burden",
    "CollapseRisk",
    "Eligibility",
    "LocalControl",
    "Modality",
    "OptionAssessment",
    "PainRelief",
    "Rate",
    "RuleOutcome",
    "Toxicity",
    "combine",
    "rule",
]


class Modality(StrEnum):
    """A treatment option for a spinal metastasis."""

    CONVENTIONAL_EBRT = "conventional_ebrt"
    SBRT = "sbrt"
    DECOMPRESSIVE_LAMINECTOMY = "decompressive_laminectomy"
    CORPECTOMY_RECONSTRUCTION = "corpectomy_reconstruction"
    POSTERIOR_STABILIZATION = "posterior_stabilization"
    SEPARATION_SURGERY = "separation_surgery"
    RADIOFREQUENCY_ABLATION = "radiofrequency_ablation"
    CRYOABLATION = "cryoablation"
    MICROWAVE_ABLATION = "microwave_ablation"
    LASER_INTERSTITIAL_THERMAL_THERAPY = "laser_interstitial_thermal_therapy"
    FOCUSED_ULTRASOUND = "focused_ultrasound"
    VERTEBRAL_AUGMENTATION = "vertebral_augmentation"
    BEST_SUPPORTIVE_CARE = "best_supportive_care"

    @property
    def label(self) -> str:
        """A readable name (``"SBRT"``, ``"radiofrequency ablation"``)."""
        return _LABELS.get(self, self.value.replace("_", " "))

    @property
    def is_open_surgery(self) -> bool:
        """Whether the option is open surgery under general anesthesia."""
        return self in _OPEN_SURGERY


_LABELS: Final = {
    Modality.CONVENTIONAL_EBRT: "conventional EBRT",
    Modality.SBRT: "SBRT",
    Modality.CORPECTOMY_RECONSTRUCTION: "corpectomy with reconstruction",
    # Patchell 2005 tested direct decompression with stabilization as needed, not laminectomy
    # alone: the label says so wherever the option is shown.
    Modality.DECOMPRESSIVE_LAMINECTOMY: "decompressive surgery (laminectomy ± fixation)",
    Modality.LASER_INTERSTITIAL_THERMAL_THERAPY: "laser interstitial thermal therapy",
}
_OPEN_SURGERY: Final = frozenset(
    {
        Modality.DECOMPRESSIVE_LAMINECTOMY,
        Modality.CORPECTOMY_RECONSTRUCTION,
        Modality.POSTERIOR_STABILIZATION,
        Modality.SEPARATION_SURGERY,
    }
)


_VERDICTS: Final = (Eligibility.ELIGIBLE, Eligibility.CAUTION, Eligibility.CONTRAINDICATED)


class Anesthesia(StrEnum):
    """Anesthesia a procedure needs."""

    NONE = "none"
    LOCAL = "local"
    SEDATION = "sedation"
    GENERAL = "general"


def rule(
    possible: Eligibility | Iterable[Eligibility],
    statement: str,
    citation: Citation,
    *,
    missing: Sequence[str] = (),
    **inputs: object,
) -> RuleOutcome:
    """Build a rule outcome.

    Args:
        possible: The verdict, or the verdicts still possible when inputs are unknown.
        statement: One sentence a clinician can read.
        citation: The source of the rule.
        missing: The unknown inputs that would decide it.
        **inputs: The input values the rule used.
    """
    verdicts = frozenset({possible} if isinstance(possible, Eligibility) else possible)
    if not verdicts or Eligibility.UNDETERMINED in verdicts:
        msg = "'possible' must be one or more of eligible, caution, contraindicated"
        raise ValueError(msg)
    return RuleOutcome(
        possible=verdicts, finding=finding(statement, citation, **inputs), missing=tuple(missing)
    )


def combine(outcomes: Sequence[RuleOutcome]) -> tuple[Eligibility, frozenset[Eligibility]]:
    """Combine rule outcomes: the worst verdict wins; unknowns widen the possibilities.

    A verdict is possible when some rule can give it, every rule can give it or a
    milder one, and it is at least as severe as every rule's mildest verdict.

    Returns:
        The verdict (``UNDETERMINED`` when several are possible) and the possible verdicts.
    """
    return _combined(tuple(item.possible for item in outcomes))


# A pure function of a few small sets of verdicts: memoized (see spinal_metastasis._cache).
@memoized
def _combined(
    possibles: tuple[frozenset[Eligibility], ...],
) -> tuple[Eligibility, frozenset[Eligibility]]:
    if not possibles:
        return Eligibility.ELIGIBLE, frozenset({Eligibility.ELIGIBLE})
    floor = max(min(v.severity for v in item) for item in possibles)
    possible = frozenset(
        verdict
        for verdict in _VERDICTS
        if verdict.severity >= floor
        and any(verdict in item for item in possibles)
        and all(min(v.severity for v in item) <= verdict.severity for item in possibles)
    )
    verdict = next(iter(possible)) if len(possible) == 1 else Eligibility.UNDETERMINED
    return verdict, possible


# --- Trade-offs ---------------------------------------------------------------------------------


@frozen(kw_only=True)
class Rate:
    """A published proportion, with what it measures and its source.

    Attributes:
        probability: The proportion, or the range across the sources.
        description: What was measured, in whom, and when (``"complete pain
            response at 3 months, SBRT arm of SC.24"``).
        citation: The source.
    """

    probability: ProbabilityRange
    description: str
    citation: Citation

    def __str__(self) -> str:
        """Show ``35 % (complete pain response at 3 months ...)``."""
        return f"{self.probability} ({self.description}) [{self.citation.short}]"


@frozen(kw_only=True)
class PainRelief:
    """How fast, how often and how durably the option relieves pain.

    Attributes:
        onset_days: When relief begins, or ``None`` when no source reports it.
        maximal_days: When relief is near its maximum, or ``None``.
        response: Overall (complete + partial) pain response.
        complete_response: Complete pain response.
        retreatment: Proportion retreated at the same site.
        findings: The statements behind the figures, with their sources.
    """

    onset_days: DayRange | None
    maximal_days: DayRange | None = None
    response: Rate | None = None
    complete_response: Rate | None = None
    retreatment: Rate | None = None
    findings: tuple[Finding, ...] = ()


@frozen(kw_only=True)
class AgentHold:
    """How long one current systemic agent class is held around the treatment.

    Attributes:
        agent: The agent class.
        days_before: Days held before the treatment.
        days_after: Days held after the treatment.
        finding: The recommendation and its source.
    """

    agent: SystemicAgent
    days_before: DayRange
    days_after: DayRange
    finding: Finding

    @property
    def total_days(self) -> DayRange:
        """Days the agent is interrupted in all (before plus after)."""
        return self.days_before + self.days_after


@frozen(kw_only=True)
class Toxicity:
    """Toxicity and interactions of the option.

    Attributes:
        systemic_therapy_hold_days: Days the patient's current systemic therapy is
            interrupted around the treatment (the longest hold among the current
            agents; a range over every agent class when the agents are unknown).
        holds: The hold of each current agent class.
        pain_flare: Probability of a pain flare, without steroid prophylaxis.
        pain_flare_with_dexamethasone: Probability with dexamethasone prophylaxis.
        cord_eqd2_added_gy: Spinal cord point dose the option adds, as EQD2 with
            alpha/beta 2 Gy; 0 for options without radiation; ``None`` when unknown.
        findings: Other toxicity statements (complications), with their sources.
    """

    systemic_therapy_hold_days: DayRange
    holds: tuple[AgentHold, ...] = ()
    pain_flare: Rate | None = None
    pain_flare_with_dexamethasone: Rate | None = None
    cord_eqd2_added_gy: float | None = None
    findings: tuple[Finding, ...] = ()


@frozen(kw_only=True)
class CollapseRisk:
    """Risk of vertebral compression fracture (new or progressive) after the option.

    Attributes:
        probability: Published incidence for the option in comparable lesions;
            ``ProbabilityRange(0, 1)`` when no source gives one.
        relative_hazard: The product of the published hazard ratios of this
            lesion's risk factors against the source's reference group, as a
            ``(low, high)`` pair (a range when factors are unknown), or ``None``.
        drivers: The risk factors found, each with its hazard ratio and source.
    """

    probability: ProbabilityRange
    relative_hazard: tuple[float, float] | None = None
    drivers: tuple[Finding, ...] = ()


@frozen(kw_only=True)
class LocalControl:
    """Local tumor control after the option.

    Attributes:
        probability: Published local control, or ``None`` when the option does not
            treat the tumor or no source gives a figure.
        horizon_days: When the figure was measured.
        findings: The statements behind the figure.
    """

    probability: ProbabilityRange | None
    horizon_days: DayRange | None = None
    findings: tuple[Finding, ...] = ()


@frozen(kw_only=True)
class Burden:
    """What the option asks of the patient.

    Attributes:
        sessions: Number of treatment sessions (fractions, procedures).
        anesthesia: The anesthesia the sources report (several when they differ).
        hospital_days: Days in hospital, or ``None`` when no source gives it.
        recovery_days: Days to usual activity, or ``None``.
        findings: The statements behind the figures.
    """

    sessions: ScoreRange
    anesthesia: frozenset[Anesthesia] = field(factory=frozenset)
    hospital_days: DayRange | None = None
    recovery_days: DayRange | None = None
    findings: tuple[Finding, ...] = ()


# Frozen and hashable with the assessments that hold it: the deep hash is computed once.
@frozen(kw_only=True, cache_hash=True)
class OptionAssessment:
    """One treatment option for one lesion: eligibility and trade-offs.

    Attributes:
        modality: The option.
        eligibility: The verdict, or ``UNDETERMINED``.
        possible_eligibility: Every verdict some completion of the unknowns gives.
        findings: Every finding behind the verdict, with its source and inputs.
        rules: The outcome of each eligibility rule.
        missing: The unknown inputs the verdict waits for.
        pain_relief: Pain relief figures.
        toxicity: Toxicity and systemic-therapy interruption.
        collapse_risk: Vertebral compression fracture risk.
        local_control: Local tumor control.
        burden: Sessions, anesthesia, hospital stay and recovery.
    """

    modality: Modality
    eligibility: Eligibility
    possible_eligibility: frozenset[Eligibility]
    findings: tuple[Finding, ...]
    rules: tuple[RuleOutcome, ...]
    missing: tuple[str, ...]
    pain_relief: PainRelief
    toxicity: Toxicity
    collapse_risk: CollapseRisk
    local_control: LocalControl
    burden: Burden

    @classmethod
    def from_rules(
        cls,
        modality: Modality,
        outcomes: Sequence[RuleOutcome],
        *,
        pain_relief: PainRelief,
        toxicity: Toxicity,
        collapse_risk: CollapseRisk,
        local_control: LocalControl,
        burden: Burden,
    ) -> "OptionAssessment":
        """Assemble an assessment from its rule outcomes and trade-offs."""
        verdict, possible = combine(outcomes)
        missing: list[str] = []
        if verdict is Eligibility.UNDETERMINED:
            for item in outcomes:
                if len(item.possible) > 1:
                    missing.extend(name for name in item.missing if name not in missing)
        return cls(
            modality=modality,
            eligibility=verdict,
            possible_eligibility=possible,
            findings=tuple(item.finding for item in outcomes),
            rules=tuple(outcomes),
            missing=tuple(missing),
            pain_relief=pain_relief,
            toxicity=toxicity,
            collapse_risk=collapse_risk,
            local_control=local_control,
            burden=burden,
        )

    def __str__(self) -> str:
        """One line: the option, the verdict and what it waits for."""
        text = f"{self.modality.label}: {self.eligibility.value}"
        if self.missing:
            text += f" (waits for {', '.join(self.missing)})"
        return text
