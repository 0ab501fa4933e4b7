"""The Bauer score (1995) and the modified Bauer score (Leithner 2008).

The original score counts five favorable factors, one point each (0-5): no
pathological fracture, no visceral or brain metastases, no lung cancer, a
solitary skeletal metastasis, and a breast, kidney, lymphoma or myeloma primary.
The modified score drops the fracture item (0-4) and maps its total to a
surgical strategy: 0-1 supportive care, 2 short-term palliation (posterior
surgery), 3-4 middle-term local control (anterior and posterior surgery).

What was verified (see ``docs/reference/scores/bauer.md``): the five variables
of the original are in the Bauer 1995 abstract, which names "visceral or brain
metastases"; the one-point-per-factor table and the original's group cut-points
(0-1 / 2-3 / 4-5) were not read and are flagged as such. The four modified
items and the strategy bands were read in a reproduction citing Leithner 2008,
whose item is "no visceral metastases": this module follows that text, so the
modified score does not count brain metastases (an open question).

Inputs and assumptions:

- *Solitary skeletal metastasis* means exactly one bone metastasis in all:
  ``vertebral_metastases + extraspinal_bone_metastases == 1``. The recorded
  lesions give a floor for an unknown vertebral count (two involved levels are
  already not solitary).
- *Pathological fracture* is not a model field. Unless the caller passes
  ``pathological_fracture``, it is judged from the spinal lesions: any lesion
  with vertebral collapse (less than or at least 50 %) is a pathological
  vertebral fracture; every lesion known not collapsed means no fracture;
  otherwise it is unknown. Extremity fractures are not modelled, so a patient
  with a pathological fracture of a long bone needs ``pathological_fracture=True``.

References:
    Bauer HC, Wedin R. Survival after surgery for spinal and extremity
    metastases. Prognostication in 241 patients. Acta Orthop Scand.
    1995;66(2):143-146. doi:10.3109/17453679508995508. Abstract.

    Leithner A, Radl R, Gruber G, et al. Predictive value of seven preoperative
    prognostic scoring systems for spinal metastases. Eur Spine J.
    2008;17(11):1488-1495. doi:10.1007/s00586-008-0763-1.
"""

from collections.abc import Hashable, Mapping
from enum import StrEnum
from typing import Final, NamedTuple

from attrs import frozen

from spinal_metastasis._cache import RECORD_CACHE_SIZE, bounded
from spinal_metastasis._html import score_html
from spinal_metastasis.evidence import Citation, Finding
from spinal_metastasis.histology import PrimaryTumor
from spinal_metastasis.histology.bauer import (
    BAUER_1995_PRIMARY_GROUPS,
    BauerPrimaryGroup,
    BauerPrimaryTable,
)
from spinal_metastasis.model import Collapse, Patient, SpinalLesion, VisceralMetastases
from spinal_metastasis.ranges import ScoreRange
from spinal_metastasis.ranges.enumeration import (
    Factor,
    ScoreComponent,
    component,
    evaluate,
    factor,
    score_fields,
)
from spinal_metastasis.scores.bauer_bands import (
    BAUER_BANDS,
    BAUER_INTERMEDIATE_MAX,
    BAUER_POOR_MAX,
    MODIFIED_BAUER_BANDS,
    SHORT_TERM_PALLIATION_MAX,
    SUPPORTIVE_CARE_MAX,
    BauerBand,
    BauerGroup,
    ModifiedBauerBand,
    ModifiedBauerStrategy,
)
from spinal_metastasis.sources.survival import BAUER_1995, LEITHNER_2008

__all__ = [
    "BAUER_BANDS",
    "MODIFIED_BAUER_BANDS",
    "BauerBand",
    "BauerGroup",
    "BauerScore",
    "ModifiedBauerBand",
    "ModifiedBauerScore",
    "ModifiedBauerStrategy",
    "bauer",
    "bauer_group",
    "modified_bauer",
    "modified_bauer_strategy",
]


# A collapsed vertebral body is a pathological vertebral fracture (SINS collapse grades).
_FRACTURED: Final = frozenset({Collapse.AT_LEAST_50_PERCENT, Collapse.LESS_THAN_50_PERCENT})
# Bone metastasis counts are enumerated as 0, 1 and "2 or more": enough for "exactly one".
_MANY: Final = 2


# The library pairs the two scores' bands by rank (worst, middle, best) to flag a
# disagreement; the papers do not pair them.
_RANK: Final[Mapping[Hashable, int]] = {
    BauerGroup.POOR: 0,
    BauerGroup.INTERMEDIATE: 1,
    BauerGroup.GOOD: 2,
    ModifiedBauerStrategy.SUPPORTIVE_CARE: 0,
    ModifiedBauerStrategy.SHORT_TERM_PALLIATION: 1,
    ModifiedBauerStrategy.MIDDLE_TERM_LOCAL_CONTROL: 2,
}


def bauer_group(total: int) -> BauerGroup:
    """Return the group of an original Bauer total (0-1 / 2-3 / 4-5; not verified).

    Examples:
        >>> [bauer_group(total).value for total in (1, 2, 3, 4)]
        ['poor', 'intermediate', 'intermediate', 'good']
    """
    if total <= BAUER_POOR_MAX:
        return BauerGroup.POOR
    if total <= BAUER_INTERMEDIATE_MAX:
        return BauerGroup.INTERMEDIATE
    return BauerGroup.GOOD


def modified_bauer_strategy(total: int) -> ModifiedBauerStrategy:
    """Return the strategy band of a modified Bauer total (0-1 / 2 / 3-4).

    Examples:
        >>> [modified_bauer_strategy(total).value for total in (1, 2, 3)]
        ['supportive_care', 'short_term_palliation', 'middle_term_local_control']
    """
    if total <= SUPPORTIVE_CARE_MAX:
        return ModifiedBauerStrategy.SUPPORTIVE_CARE
    if total <= SHORT_TERM_PALLIATION_MAX:
        return ModifiedBauerStrategy.SHORT_TERM_PALLIATION
    return ModifiedBauerStrategy.MIDDLE_TERM_LOCAL_CONTROL


_DISPLAY: Final[Mapping[str, str]] = {
    "short_term_palliation": "short-term palliation",
    "middle_term_local_control": "middle-term local control",
}


def _label(value: object) -> str:
    text = str(getattr(value, "value", value))
    return _DISPLAY.get(text, text.replace("_", " "))


def _categories_text(possible: frozenset[StrEnum], order: type[StrEnum]) -> str:
    return " or ".join(_label(member) for member in order if member in possible)


@frozen(kw_only=True)
class ModifiedBauerScore:
    """The modified Bauer score of a patient (Leithner 2008).

    Attributes:
        points: Total, 0-4; a range when inputs are unknown (exact and tight).
        category: The strategy band, or ``None`` when the unknowns leave more than one.
        possible_categories: Every band some completion of the unknowns gives.
        components: The four items with their findings and points.
        missing: Unknown inputs that could still change the band.
        notes: Caveats about how the inputs were read, each with its source.
        citation: Leithner 2008.
    """

    points: ScoreRange
    category: ModifiedBauerStrategy | None
    possible_categories: frozenset[ModifiedBauerStrategy]
    components: tuple[ScoreComponent, ...]
    missing: tuple[str, ...]
    notes: tuple[Finding, ...] = ()
    citation: Citation = LEITHNER_2008

    _repr_html_ = score_html

    @property
    def band(self) -> ModifiedBauerBand | None:
        """The band's goal and suggested surgery, when the band is decided."""
        return next((b for b in MODIFIED_BAUER_BANDS if b.strategy is self.category), None)

    def __str__(self) -> str:
        """One line: ``Modified Bauer 3 (middle-term local control): no visceral ... 1, ...``."""
        category = _categories_text(self.possible_categories, ModifiedBauerStrategy)
        parts = ", ".join(str(component) for component in self.components)
        return f"Modified Bauer {self.points} ({category}): {parts}"


@frozen(kw_only=True)
class BauerScore:
    """The original Bauer score of a patient (Bauer 1995), with the modified score beside it.

    Attributes:
        points: Total, 0-5; a range when inputs are unknown (exact and tight).
        category: The prognostic group (cut-points not verified), or ``None``
            when the unknowns leave more than one.
        possible_categories: Every group some completion of the unknowns gives.
        components: The five items with their findings and points.
        missing: Unknown inputs that could still change the group.
        modified: The modified Bauer score of the same patient.
        disagrees_with_modified: Whether the original's group and the modified
            score's band differ in rank (worst, middle, best); ``None`` when the
            unknowns leave both answers possible.
        notes: Caveats about the inputs and the cut-points, each with its source.
        citation: Bauer 1995.
    """

    points: ScoreRange
    category: BauerGroup | None
    possible_categories: frozenset[BauerGroup]
    components: tuple[ScoreComponent, ...]
    missing: tuple[str, ...]
    modified: ModifiedBauerScore
    disagrees_with_modified: bool | None
    notes: tuple[Finding, ...] = ()
    citation: Citation = BAUER_1995

    _repr_html_ = score_html

    @property
    def band(self) -> BauerBand | None:
        """The group's score range and 1-year survival, when the group is decided."""
        return next((b for b in BAUER_BANDS if b.group is self.category), None)

    def __str__(self) -> str:
        """One line: ``Bauer 4 (good): no pathological fracture 1, ...; modified Bauer 3 (...)``."""
        category = _categories_text(self.possible_categories, BauerGroup)
        parts = ", ".join(str(component) for component in self.components)
        modified = _categories_text(self.modified.possible_categories, ModifiedBauerStrategy)
        text = f"Bauer {self.points} ({category}): {parts}; modified Bauer {self.modified.points}"
        text += f" ({modified})"
        if self.disagrees_with_modified:
            text += ", bands disagree"
        return text


# --- What the scores read of a patient -----------------------------------------------------------


class _BauerInputs(NamedTuple):
    """The patient's fields the Bauer scores read: a cache key (see spinal_metastasis._cache)."""

    primary: PrimaryTumor | None
    visceral_metastases: VisceralMetastases | None
    vertebral_metastases: int | None
    extraspinal_bone_metastases: int | None
    brain_metastases: bool | None
    lesions: tuple[SpinalLesion, ...]


def _bauer_inputs(patient: "Patient | _BauerInputs") -> _BauerInputs:
    if isinstance(patient, _BauerInputs):
        return patient
    return _BauerInputs(
        primary=patient.primary,
        visceral_metastases=patient.visceral_metastases,
        vertebral_metastases=patient.vertebral_metastases,
        extraspinal_bone_metastases=patient.extraspinal_bone_metastases,
        brain_metastases=patient.brain_metastases,
        lesions=patient.lesions,
    )


# --- Factors: one per input, so that `missing` names exactly the deciding inputs --------------


def _count_factors(patient: "Patient | _BauerInputs") -> list[Factor]:
    involved = sum(len(lesion.levels) for lesion in patient.lesions)
    vertebral = patient.vertebral_metastases
    extraspinal = patient.extraspinal_bone_metastases
    return [
        factor(
            "vertebral_metastases",
            (min(vertebral, _MANY),)
            if vertebral is not None
            else tuple(range(min(involved, _MANY), _MANY + 1)),
            vertebral_metastases=vertebral,
        ),
        factor(
            "extraspinal_bone_metastases",
            (min(extraspinal, _MANY),) if extraspinal is not None else tuple(range(_MANY + 1)),
            extraspinal_bone_metastases=extraspinal,
        ),
    ]


def _visceral_factor(patient: "Patient | _BauerInputs") -> Factor:
    visceral = patient.visceral_metastases
    domain = (False, True) if visceral is None else (visceral is not VisceralMetastases.NONE,)
    return factor("visceral_metastases", domain, visceral_metastases=visceral)


def _brain_factor(patient: "Patient | _BauerInputs") -> Factor:
    brain = patient.brain_metastases
    return factor(
        "brain_metastases", (False, True) if brain is None else (brain,), brain_metastases=brain
    )


def _primary_factor(patient: "Patient | _BauerInputs", table: BauerPrimaryTable) -> Factor:
    return factor("primary", table.possible_groups(patient.primary), primary=patient.primary)


def _fracture_factor(patient: "Patient | _BauerInputs", override: bool | None) -> Factor:
    if override is not None:
        return factor("pathological_fracture", (override,), pathological_fracture=override)
    collapses = {
        f"lesions[{i}].collapse": lesion.collapse for i, lesion in enumerate(patient.lesions)
    }
    if any(collapse in _FRACTURED for collapse in collapses.values()):
        domain: tuple[bool, ...] = (True,)
    elif collapses and None not in collapses.values():
        domain = (False,)
    else:
        domain = (False, True)
    return factor("pathological_fracture", domain, **collapses)


def _modified_factors(patient: "Patient | _BauerInputs", table: BauerPrimaryTable) -> list[Factor]:
    """Factors of the modified Bauer score (shared with the NESMS)."""
    return [_visceral_factor(patient), _primary_factor(patient, table), *_count_factors(patient)]


def _modified_items(values: Mapping[str, Hashable]) -> list[int]:
    """Points of the four modified Bauer items for one completion (shared with the NESMS)."""
    group = values["primary"]
    solitary = values["vertebral_metastases"] + values["extraspinal_bone_metastases"] == 1  # type: ignore[operator]
    return [
        int(values["visceral_metastases"] is False),
        int(group is not BauerPrimaryGroup.LUNG),
        int(group is BauerPrimaryGroup.FAVORABLE),
        int(solitary),
    ]


def _original_items(values: Mapping[str, Hashable]) -> list[int]:
    visceral, no_lung, favorable, solitary = _modified_items(values)
    return [
        int(values["pathological_fracture"] is False),
        int(visceral == 1 and values["brain_metastases"] is False),
        no_lung,
        solitary,
        favorable,
    ]


# --- Findings as text ---------------------------------------------------------------------------


def _count_text(patient: _BauerInputs) -> str:
    vertebral = patient.vertebral_metastases
    involved = sum(len(lesion.levels) for lesion in patient.lesions)
    vertebral_text = (
        f"{vertebral} vertebral" if vertebral is not None else f"unknown vertebral (>= {involved})"
    )
    extraspinal = patient.extraspinal_bone_metastases
    extraspinal_text = "unknown" if extraspinal is None else str(extraspinal)
    return f"{vertebral_text} + {extraspinal_text} extraspinal"


def _fracture_text(patient: _BauerInputs, override: bool | None) -> str:
    if override is not None:
        return "pathological fracture (as given)" if override else "none (as given)"
    collapsed = [lesion.label for lesion in patient.lesions if lesion.collapse in _FRACTURED]
    if collapsed:
        return "vertebral collapse at " + ", ".join(collapsed)
    unknown = [lesion.label for lesion in patient.lesions if lesion.collapse is None]
    if unknown:
        return "unknown (collapse unknown at " + ", ".join(unknown) + ")"
    if not patient.lesions:
        return "unknown (no spinal lesion recorded)"
    return "no vertebral collapse (extremities not modelled)"


def _visceral_text(patient: _BauerInputs) -> str:
    return "unknown" if patient.visceral_metastases is None else _label(patient.visceral_metastases)


def _brain_text(patient: _BauerInputs) -> str:
    brain = patient.brain_metastases
    return "unknown" if brain is None else ("present" if brain else "absent")


def _primary_text(patient: _BauerInputs) -> str:
    return "unknown" if patient.primary is None else patient.primary.label


_MODIFIED_NAMES: Final = (
    "no visceral metastases",
    "no lung cancer",
    "favorable primary",
    "solitary skeletal metastasis",
)
_ORIGINAL_NAMES: Final = (
    "no pathological fracture",
    "no visceral or brain metastases",
    "no lung cancer",
    "solitary skeletal metastasis",
    "favorable primary",
)


def _modified_result(
    patient: "Patient | _BauerInputs", table: BauerPrimaryTable
) -> tuple[ModifiedBauerScore, tuple[Factor, ...]]:
    """The modified score and its factors (shared with the original score and the NESMS)."""
    return _memoized_modified_result(_bauer_inputs(patient), table)


# The scores are pure functions of a few fields and return frozen results: they are
# memoized on them, in bounded caches (see spinal_metastasis._cache).
@bounded(RECORD_CACHE_SIZE)
def _memoized_modified_result(
    patient: _BauerInputs, table: BauerPrimaryTable
) -> tuple[ModifiedBauerScore, tuple[Factor, ...]]:
    factors = tuple(_modified_factors(patient, table))
    result = evaluate(factors, components=_modified_items, categorize=modified_bauer_strategy)
    visceral, primary, vertebral, extraspinal = factors
    count_inputs = vertebral.inputs + extraspinal.inputs
    findings = (
        (_visceral_text(patient), visceral.inputs),
        (_primary_text(patient), primary.inputs),
        (_primary_text(patient), primary.inputs),
        (_count_text(patient), count_inputs),
    )
    components = tuple(
        component(name=name, finding=text, points=points, inputs=inputs)
        for name, (text, inputs), points in zip(
            _MODIFIED_NAMES, findings, result.component_points, strict=True
        )
    )
    notes: tuple[Finding, ...] = ()
    if patient.brain_metastases is not False:
        notes = (
            Finding(
                statement=(
                    "Brain metastases are not scored: the modified item reads 'no visceral "
                    "metastases' (Leithner 2008 as reproduced); the original Bauer item is "
                    "'visceral or brain'."
                ),
                citation=LEITHNER_2008,
                inputs=_brain_factor(patient).inputs,
            ),
        )
    score = ModifiedBauerScore(
        **score_fields(result, components),
        notes=notes,
    )
    return score, factors


def modified_bauer(
    patient: Patient, *, primary_groups: BauerPrimaryTable = BAUER_1995_PRIMARY_GROUPS
) -> ModifiedBauerScore:
    """Score a patient with the modified Bauer score (Leithner 2008).

    Four favorable items, one point each (0-4): no visceral metastases, no lung
    cancer, a breast, kidney, lymphoma or myeloma primary, and a solitary
    skeletal metastasis. Bands: 0-1 supportive care, 2 short-term palliation
    (posterior surgery), 3-4 middle-term local control (anterior and posterior
    surgery). Unknown inputs give the exact range over every completion.

    Args:
        patient: The patient; any clinical field may be ``None``.
        primary_groups: The grouping of primaries (default: Bauer 1995).

    Returns:
        The score, its band (or the bands still possible) and the items.

    References:
        Leithner A, Radl R, Gruber G, et al. Predictive value of seven
        preoperative prognostic scoring systems for spinal metastases. Eur Spine J.
        2008;17(11):1488-1495. doi:10.1007/s00586-008-0763-1. Items and bands as
        reproduced on a decision-support page citing the paper (not read in it).

    Note:
        Derived from the original Bauer score and compared in 69 operated
        patients with spinal metastases (Leithner 2008). Brain metastases are
        not scored, following the reproduced item "no visceral metastases";
        whether Leithner kept "brain" from the original is an open question.

    Examples:
        >>> from spinal_metastasis import PrimaryTumor, VisceralMetastases
        >>> patient = Patient(
        ...     primary=PrimaryTumor.KIDNEY, visceral_metastases=VisceralMetastases.NONE,
        ...     vertebral_metastases=1, extraspinal_bone_metastases=0, brain_metastases=False,
        ... )
        >>> score = modified_bauer(patient)
        >>> score.points.value, score.category.value, score.band.surgery
        (4, 'middle_term_local_control', 'anterior and posterior (ventral-dorsal) surgery')
    """
    return _modified_result(patient, primary_groups)[0]


def bauer(
    patient: Patient,
    *,
    pathological_fracture: bool | None = None,
    primary_groups: BauerPrimaryTable = BAUER_1995_PRIMARY_GROUPS,
) -> BauerScore:
    """Score a patient with the original Bauer score (Bauer 1995), and flag disagreement.

    Five favorable factors, one point each (0-5): no pathological fracture, no
    visceral or brain metastases, no lung cancer, a solitary skeletal
    metastasis, and a breast, kidney, lymphoma or myeloma primary. The result
    carries the modified score of the same patient and whether the two scores'
    bands differ in rank, computed jointly over the same completions.

    Args:
        patient: The patient; any clinical field may be ``None``.
        pathological_fracture: Any pathological fracture (spine or extremity),
            when the caller knows it; it replaces the judgement from the spinal
            lesions' collapse.
        primary_groups: The grouping of primaries (default: Bauer 1995).

    Returns:
        The score, its group (or the groups still possible), the items, and
        the modified score.

    References:
        Bauer HC, Wedin R. Survival after surgery for spinal and extremity
        metastases. Prognostication in 241 patients. Acta Orthop Scand.
        1995;66(2):143-146. doi:10.3109/17453679508995508. PMID 7740944.
        Abstract (variables, three groups with 1-year survival 0.5 to 0.0).

    Note:
        Derived in 241 operated patients (153 extremity, 88 spinal metastases).
        The group cut-points 0-1 / 2-3 / 4-5 are not verified against the paper.
        Without ``pathological_fracture`` the fracture item reads only the
        spinal lesions; extremity fractures are not modelled.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> score = bauer(example_patient())
        >>> score.points.value, score.category.value, score.modified.points.value
        (3, 'intermediate', 3)
        >>> score.disagrees_with_modified
        True
    """
    return _bauer(_bauer_inputs(patient), pathological_fracture, primary_groups)


@bounded(RECORD_CACHE_SIZE)
def _bauer(
    patient: _BauerInputs, pathological_fracture: bool | None, primary_groups: BauerPrimaryTable
) -> BauerScore:
    modified, modified_factors = _modified_result(patient, primary_groups)
    factors = [
        _fracture_factor(patient, pathological_fracture),
        _brain_factor(patient),
        *modified_factors,
    ]
    result = evaluate(factors, components=_original_items, categorize=bauer_group)

    def both(values: Mapping[str, Hashable]) -> list[int]:
        return [sum(_original_items(values)), sum(_modified_items(values))]

    def disagree(code: int) -> bool:
        original, modified_total = divmod(code, 10)
        return _RANK[bauer_group(original)] != _RANK[modified_bauer_strategy(modified_total)]

    comparison = evaluate(
        factors,
        components=both,
        total=lambda points: 10 * points[0] + points[1],
        categorize=disagree,
    )
    fracture, brain, visceral, primary, vertebral, extraspinal = factors
    findings = (
        (_fracture_text(patient, pathological_fracture), fracture.inputs),
        (
            f"visceral {_visceral_text(patient)}, brain {_brain_text(patient)}",
            visceral.inputs + brain.inputs,
        ),
        (_primary_text(patient), primary.inputs),
        (_count_text(patient), vertebral.inputs + extraspinal.inputs),
        (_primary_text(patient), primary.inputs),
    )
    components = tuple(
        component(name=name, finding=text, points=points, inputs=inputs)
        for name, (text, inputs), points in zip(
            _ORIGINAL_NAMES, findings, result.component_points, strict=True
        )
    )
    notes = [
        Finding(
            statement=(
                "Group cut-points 0-1 / 2-3 / 4-5 are from the project's clinical reference, "
                "not verified against Bauer 1995."
            ),
            citation=BAUER_1995,
        )
    ]
    if pathological_fracture is None:
        notes.append(
            Finding(
                statement=(
                    "Pathological fracture judged from vertebral collapse only; extremity "
                    "fractures are not modelled (pass pathological_fracture to include them)."
                ),
                citation=BAUER_1995,
                inputs=fracture.inputs,
            )
        )
    disagreement = comparison.category
    return BauerScore(
        **score_fields(result, components),
        modified=modified,
        disagrees_with_modified=disagreement,
        notes=tuple(notes),
    )
