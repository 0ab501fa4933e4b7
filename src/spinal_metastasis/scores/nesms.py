"""The New England Spinal Metastasis Score (NESMS).

Three items: a modified Bauer score of 3 or more (2 points), independent
ambulation (1 point) and a serum albumin of 3.5 g/dL or more (1 point). The
published range is 0-3: the derivation model had "a ceiling score of three", so
a raw sum of 4 scores 3. The ceiling was read only in a news summary of the
derivation paper, so the result keeps the raw sum beside the capped score.

The modified Bauer item is computed by :func:`~spinal_metastasis.scores.bauer.modified_bauer`'s
own factors and items, enumerated jointly with the other two items, so unknown
modified Bauer inputs flow into the NESMS range exactly.

References:
    Ghori AK, Leonard DA, Schoenfeld AJ, et al. Modeling 1-year survival after
    surgery on the metastatic spine. Spine J. 2015;15(11):2345-2350 (not read;
    components and ceiling from secondary summaries).

    Schoenfeld AJ, et al. Assessing the utility of a clinical prediction score
    regarding 30-day morbidity and mortality following metastatic spinal surgery:
    the New England Spinal Metastasis Score (NESMS). Spine J. 2016;16(4):482-490.
    doi:10.1016/j.spinee.2015.09.043. Abstract (range 0-3).

    Schoenfeld AJ, Ferrone ML, Schwab JH, et al. Prospective validation of a
    clinical prediction score for survival in patients with spinal metastases:
    the New England Spinal Metastasis Score. Spine J. 2021;21(1):28-36.
    doi:10.1016/j.spinee.2020.02.009. Abstract (odds ratios by score).
"""

from collections.abc import Hashable, Mapping, Sequence
from typing import Final, NamedTuple

from attrs import frozen

from spinal_metastasis._cache import RECORD_CACHE_SIZE, bounded
from spinal_metastasis._html import score_html
from spinal_metastasis.evidence import Citation, Finding
from spinal_metastasis.histology.bauer import BAUER_1995_PRIMARY_GROUPS, BauerPrimaryTable
from spinal_metastasis.model import Patient
from spinal_metastasis.ranges import ScoreRange
from spinal_metastasis.ranges.enumeration import (
    ScoreComponent,
    component,
    evaluate,
    factor,
    score_fields,
)
from spinal_metastasis.scores.bauer import (
    ModifiedBauerScore,
    _bauer_inputs,
    _BauerInputs,
    _modified_items,
    _modified_result,
)
from spinal_metastasis.sources.survival import GHORI_2015, SCHOENFELD_2016, SCHOENFELD_2021

__all__ = [
    "ALBUMIN_THRESHOLD_G_PER_DL",
    "CEILING",
    "MODIFIED_BAUER_THRESHOLD",
    "NESMS_COHORT_OUTCOMES",
    "ONE_YEAR_DEATH_ODDS",
    "CohortOutcome",
    "NesmsScore",
    "OddsRatio",
    "nesms",
]

#: A modified Bauer score of 3 or more scores 2 points (Ghori 2015, secondary).
MODIFIED_BAUER_THRESHOLD: Final = 3
MODIFIED_BAUER_POINTS: Final = 2
#: Independent ("intact") ambulation scores 1 point (Ghori 2015, secondary).
AMBULATORY_POINTS: Final = 1
#: A serum albumin of 3.5 g/dL or more scores 1 point (Ghori 2015, secondary).
ALBUMIN_THRESHOLD_G_PER_DL: Final = 3.5
ALBUMIN_POINTS: Final = 1
#: "A ceiling score of three" (news summary of Ghori 2015; UNVERIFIED in the paper).
CEILING: Final = 3


@frozen(kw_only=True)
class OddsRatio:
    """A published odds ratio of an outcome for one NESMS score against a referent score.

    Attributes:
        score: The NESMS score.
        reference_score: The referent score.
        outcome: The outcome (``"death within 1 year"``).
        odds_ratio: The odds ratio.
        ci_low: Lower end of its 95 % confidence interval.
        ci_high: Upper end of its 95 % confidence interval.
        patients: Size of the cohort.
        citation: Where it was read.
    """

    score: int
    reference_score: int
    outcome: str
    odds_ratio: float
    ci_low: float
    ci_high: float
    patients: int
    citation: Citation

    def __str__(self) -> str:
        """Show ``OR 7.04 (95 % CI 2.47–20.08) of death within 1 year vs NESMS 3``."""
        return (
            f"OR {self.odds_ratio:.2f} (95 % CI {self.ci_low:.2f}–{self.ci_high:.2f}) "
            f"of {self.outcome} vs NESMS {self.reference_score}"
        )


@frozen(kw_only=True)
class CohortOutcome:
    """An outcome reported for a whole NESMS cohort (not by score).

    Attributes:
        outcome: The outcome (``"death within 30 days"``).
        proportion: Proportion of the cohort, in [0, 1].
        patients: Size of the cohort.
        population: Who the cohort was.
        citation: Where it was read.
    """

    outcome: str
    proportion: float
    patients: int
    population: str
    citation: Citation


#: Odds of death within 1 year against NESMS 3, 180 patients (Schoenfeld 2021 abstract).
ONE_YEAR_DEATH_ODDS: Final = (
    OddsRatio(
        score=2,
        reference_score=3,
        outcome="death within 1 year",
        odds_ratio=7.04,
        ci_low=2.47,
        ci_high=20.08,
        patients=180,
        citation=SCHOENFELD_2021,
    ),
    OddsRatio(
        score=1,
        reference_score=3,
        outcome="death within 1 year",
        odds_ratio=31.30,
        ci_low=8.82,
        ci_high=111.04,
        patients=180,
        citation=SCHOENFELD_2021,
    ),
)

#: Whole-cohort outcomes read in the abstracts (Schoenfeld 2016 and 2021).
NESMS_COHORT_OUTCOMES: Final = (
    CohortOutcome(
        outcome="death within 30 days",
        proportion=0.11,
        patients=776,
        population="operated patients (NSQIP)",
        citation=SCHOENFELD_2016,
    ),
    CohortOutcome(
        outcome="at least one complication within 30 days",
        proportion=0.51,
        patients=776,
        population="operated patients (NSQIP)",
        citation=SCHOENFELD_2016,
    ),
    CohortOutcome(
        outcome="death within 1 year",
        proportion=0.56,
        patients=180,
        population="patients presenting for treatment of spinal metastases (prospective)",
        citation=SCHOENFELD_2021,
    ),
)

_NAMES: Final = ("modified Bauer >= 3", "independent ambulation", "albumin >= 3.5 g/dL")


@frozen(kw_only=True)
class NesmsScore:
    """The NESMS of a patient.

    Attributes:
        points: The score, 0-3 (the raw sum capped at :data:`CEILING`); a range
            when inputs are unknown (exact and tight).
        category: The score itself when decided (the NESMS has no named bands),
            else ``None``.
        possible_categories: Every score some completion of the unknowns gives
            (not every value of a range need be possible).
        components: The three items with their findings and points.
        missing: Unknown inputs that could still change the score.
        raw_points: The uncapped sum, 0-4.
        modified_bauer: The modified Bauer score the first item reads.
        notes: Caveats, each with its source.
        citation: Ghori 2015 (not verified against the paper).
    """

    points: ScoreRange
    category: int | None
    possible_categories: frozenset[int]
    components: tuple[ScoreComponent, ...]
    missing: tuple[str, ...]
    raw_points: ScoreRange
    modified_bauer: ModifiedBauerScore
    notes: tuple[Finding, ...] = ()
    citation: Citation = GHORI_2015

    _repr_html_ = score_html

    @property
    def ceiling_applied(self) -> bool | None:
        """Whether the raw sum of 4 was capped; ``None`` when the unknowns leave both."""
        if self.raw_points.low > CEILING:
            return True
        if self.raw_points.high <= CEILING:
            return False
        return None

    @property
    def one_year_death_odds(self) -> OddsRatio | None:
        """The published odds ratio of death within 1 year for the decided score, if any."""
        return next((item for item in ONE_YEAR_DEATH_ODDS if item.score == self.category), None)

    def __str__(self) -> str:
        """One line: ``NESMS 2: modified Bauer >= 3 2, independent ambulation 0, ...``."""
        parts = ", ".join(str(component) for component in self.components)
        text = f"NESMS {self.points}: {parts}"
        if self.ceiling_applied is not False:
            text += f" (raw {self.raw_points}, ceiling {CEILING})"
        odds = self.one_year_death_odds
        if odds is not None:
            text += f"; {odds}"
        return text


def _items(values: Mapping[str, Hashable]) -> list[int]:
    modified = sum(_modified_items(values))
    return [
        MODIFIED_BAUER_POINTS if modified >= MODIFIED_BAUER_THRESHOLD else 0,
        AMBULATORY_POINTS if values["ambulatory"] is True else 0,
        ALBUMIN_POINTS if values["albumin_g_per_dl"] is True else 0,
    ]


def _capped(points: Sequence[int]) -> int:
    return min(CEILING, sum(points))


def _identity(total: int) -> int:
    return total


def nesms(
    patient: Patient, *, primary_groups: BauerPrimaryTable = BAUER_1995_PRIMARY_GROUPS
) -> NesmsScore:
    """Score a patient with the New England Spinal Metastasis Score.

    Modified Bauer score of 3 or more: 2 points; independent ambulation: 1;
    serum albumin of 3.5 g/dL or more: 1. The total is capped at 3 (the
    published range 0-3). Unknown inputs, including those of the modified
    Bauer score, give the exact range over every completion.

    Args:
        patient: The patient; any clinical field may be ``None``.
        primary_groups: The grouping of primaries for the modified Bauer item.

    Returns:
        The score (or the scores still possible), the items, the raw sum and
        the modified Bauer score used.

    References:
        Ghori AK, Leonard DA, Schoenfeld AJ, et al. Spine J. 2015;15(11):2345-2350
        (not read: components and the "ceiling score of three" from news
        summaries and a spine digest). Schoenfeld AJ, et al. Spine J.
        2016;16(4):482-490. doi:10.1016/j.spinee.2015.09.043 (range 0-3).
        Schoenfeld AJ, Ferrone ML, Schwab JH, et al. Spine J. 2021;21(1):28-36.
        doi:10.1016/j.spinee.2020.02.009 (odds ratios of 1-year death).

    Note:
        Derived in 307 operated patients; validated in operated patients
        (Goodwin 2016; Schoenfeld 2016, 30-day outcomes) and prospectively in
        patients treated with or without surgery (Schoenfeld 2021, 2022). The
        handling of a raw sum of 4 was not read in the papers.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> score = nesms(example_patient())
        >>> score.points.value, score.raw_points.value, score.ceiling_applied
        (3, 4, True)
    """
    inputs = _Inputs(
        bauer=_bauer_inputs(patient),
        ambulatory=patient.ambulatory,
        albumin_g_per_dl=patient.albumin_g_per_dl,
    )
    return _nesms(inputs, primary_groups)


class _Inputs(NamedTuple):
    """What the score reads of a patient: a cache key (see spinal_metastasis._cache).

    The albumin is a number > 0 (never -0.0), so equal keys show it alike.
    """

    bauer: _BauerInputs
    ambulatory: bool | None
    albumin_g_per_dl: float | None


# The score is a pure function of these fields and returns a frozen result: memoized, in a
# bounded cache.
@bounded(RECORD_CACHE_SIZE)
def _nesms(patient: _Inputs, primary_groups: BauerPrimaryTable) -> NesmsScore:
    modified, modified_factors = _modified_result(patient.bauer, primary_groups)
    albumin = patient.albumin_g_per_dl
    factors = [
        *modified_factors,
        factor(
            "ambulatory",
            (False, True) if patient.ambulatory is None else (patient.ambulatory,),
            ambulatory=patient.ambulatory,
        ),
        factor(
            "albumin_g_per_dl",
            (False, True) if albumin is None else (albumin >= ALBUMIN_THRESHOLD_G_PER_DL,),
            albumin_g_per_dl=albumin,
        ),
    ]
    result = evaluate(factors, components=_items, total=_capped, categorize=_identity)
    ambulatory, albumin_factor = factors[-2:]
    findings = (
        (f"modified Bauer {modified.points}", sum((f.inputs for f in modified_factors), ())),
        (
            "unknown" if patient.ambulatory is None else ("yes" if patient.ambulatory else "no"),
            ambulatory.inputs,
        ),
        ("unknown" if albumin is None else f"{albumin:g} g/dL", albumin_factor.inputs),
    )
    components = tuple(
        component(name=name, finding=text, points=points, inputs=inputs)
        for name, (text, inputs), points in zip(
            _NAMES, findings, result.component_points, strict=True
        )
    )
    # The items read disjoint inputs, so the raw range is the sum of the item ranges.
    raw = ScoreRange(
        low=sum(c.points.low for c in components), high=sum(c.points.high for c in components)
    )
    notes: tuple[Finding, ...] = ()
    if raw.high > CEILING:
        notes = (
            Finding(
                statement=(
                    f"A raw sum of 4 scores {CEILING} ('a ceiling score of three'); read only "
                    "in a news summary of Ghori 2015, not in the paper."
                ),
                citation=GHORI_2015,
            ),
        )
    return NesmsScore(
        **score_fields(result, components),
        raw_points=raw,
        modified_bauer=modified,
        notes=notes,
    )
