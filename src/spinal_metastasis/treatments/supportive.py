"""Best supportive care: always an option, with what it does not do.

Supportive care (analgesia, and no local treatment of the lesion) is open to
every patient: its one rule, ``best_supportive_care.open_to_all`` (see
:func:`spinal_metastasis.rules`), is always eligible.

Trade-offs: no local tumor control (``None``), no published onset of pain
relief (``None``), no interruption of systemic therapy (no procedure), an
untreated collapse risk (``ProbabilityRange(0, 1)``: no figure for supportive
care alone), no sessions and no anesthesia.
"""

from typing import Final, cast

from spinal_metastasis.evidence import finding
from spinal_metastasis.ranges import DayRange, ProbabilityRange, ScoreRange
from spinal_metastasis.rule_engine.engine import Rule, Statement, evaluate
from spinal_metastasis.sources.scores import FISHER_2010, TOMITA_2001
from spinal_metastasis.sources.survival import LEITHNER_2008
from spinal_metastasis.treatments.context import LesionContext, OptionFacts
from spinal_metastasis.treatments.option import (
    Anesthesia,
    Burden,
    CollapseRisk,
    Eligibility,
    LocalControl,
    Modality,
    OptionAssessment,
    PainRelief,
    Toxicity,
)

__all__ = ["OPEN_TO_ALL", "SUPPORTIVE_HOLD_DAYS", "SUPPORTIVE_RULES", "assess_best_supportive_care"]

#: No procedure, so systemic therapy is not interrupted.
SUPPORTIVE_HOLD_DAYS: Final = DayRange.exact(0)

_RULE_STATEMENT: Final = (
    "Supportive care is open to every patient; it is the strategy the prognostic scores "
    "suggest in their terminal-care bands (Tomita 8-10: terminal care, non-operative "
    "supportive care; modified Bauer 0-1: supportive care, no surgery)."
)
_PAIN: Final = PainRelief(
    onset_days=None,
    findings=(
        finding(
            "No published figure for the onset or rate of pain relief with supportive care "
            "alone was found.",
            TOMITA_2001,
        ),
    ),
)
_TOXICITY: Final = Toxicity(
    systemic_therapy_hold_days=SUPPORTIVE_HOLD_DAYS,
    cord_eqd2_added_gy=0.0,
    findings=(
        finding(
            "No procedure and no radiation: systemic therapy is not interrupted and no cord "
            "dose is added.",
            TOMITA_2001,
        ),
    ),
)
_COLLAPSE: Final = CollapseRisk(
    probability=ProbabilityRange(low=0, high=1),
    drivers=(
        finding(
            "The lesion is left untreated: no published incidence of collapse under supportive "
            "care alone was found; the lesion's SINS describes its instability.",
            FISHER_2010,
        ),
    ),
)
_LOCAL_CONTROL: Final = LocalControl(
    probability=None,
    findings=(
        finding(
            "Supportive care does not treat the tumor locally; modified Bauer 0-1 suggests "
            "supportive care without surgery.",
            LEITHNER_2008,
        ),
    ),
)
_BURDEN: Final = Burden(sessions=ScoreRange.exact(0), anesthesia=frozenset({Anesthesia.NONE}))

#: Supportive care's one rule: open to every patient (it reads nothing).
OPEN_TO_ALL: Final[Rule[OptionFacts]] = Rule(
    id="best_supportive_care.open_to_all",
    description="Supportive care is open to every patient (the scores' terminal-care bands).",
    citation=TOMITA_2001,
    reads=(),
    decide=lambda _values: Eligibility.ELIGIBLE,
    says=lambda _possible, _values: Statement(text=_RULE_STATEMENT),
)
#: The rules of best supportive care.
SUPPORTIVE_RULES: Final = (OPEN_TO_ALL,)
# The same for every lesion, so built once.
_ASSESSMENT: Final = OptionAssessment.from_rules(
    Modality.BEST_SUPPORTIVE_CARE,
    [evaluate(OPEN_TO_ALL, cast("OptionFacts", None))],  # reads nothing of the facts
    pain_relief=_PAIN,
    toxicity=_TOXICITY,
    collapse_risk=_COLLAPSE,
    local_control=_LOCAL_CONTROL,
    burden=_BURDEN,
)


def assess_best_supportive_care(context: LesionContext) -> OptionAssessment:
    """Assess best supportive care: always eligible; no local treatment.

    Args:
        context: The lesion's context, from
            :func:`~spinal_metastasis.treatments.context.lesion_context` (not read:
            the verdict and the trade-offs are the same for every lesion).

    Returns:
        An eligible option with no local control, no onset figure, no interruption of
        systemic therapy, an untreated collapse risk (0-1), no sessions and no anesthesia.

    References:
        Tomita K, Kawahara N, Kobayashi T, et al. Surgical strategy for spinal metastases.
        Spine. 2001;26(3):298-306. doi:10.1097/00007632-200102010-00016 (score 8-10:
        terminal care).

        Leithner A, Radl R, Gruber G, et al. Predictive value of seven preoperative
        prognostic scoring systems for spinal metastases. Eur Spine J.
        2008;17(11):1488-1495. doi:10.1007/s00586-008-0763-1 (modified Bauer 0-1:
        supportive care).

    Note:
        The score bands are cited as where supportive care is the suggested strategy, not
        computed here: supportive care is eligible whatever the scores.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> from spinal_metastasis.treatments.context import lesion_context
        >>> patient = example_patient()
        >>> option = assess_best_supportive_care(lesion_context(patient, patient.lesions[0]))
        >>> option.eligibility.value, option.burden.sessions.value, option.local_control.probability
        ('eligible', 0, None)
    """
    return _ASSESSMENT
