"""Tomita score (2001): surgical strategy for spinal metastases.

Three items, total 2-10:

========================================  ================================================
item                                      points
========================================  ================================================
primary tumor growth                      slow 1, moderate 2, rapid 4 (unknown primary 4)
visceral metastases                       none 0, treatable 2, untreatable 4
bone metastases (spinal and extraspinal)  solitary 1, multiple 2
========================================  ================================================

=====  =========================  ==================================
total  treatment goal             surgical strategy
=====  =========================  ==================================
2-3    long-term local control    wide or marginal excision
4-5    middle-term local control  marginal or intralesional excision
6-7    short-term palliation      palliative surgery
8-10   terminal care              non-operative supportive care
=====  =========================  ==================================

"Solitary" means exactly one bone metastasis in all: one vertebral body and no
extraspinal focus. Two or more involved levels among the recorded lesions make
the metastases multiple even when the counts are unknown. The growth group of a
primary comes from :mod:`spinal_metastasis.histology.tomita`; primaries the
sources read do not place get the range over the three groups.

References:
    Tomita K, Kawahara N, Kobayashi T, Yoshida A, Murakami H, Akamaru T.
    Surgical strategy for spinal metastases. Spine (Phila Pa 1976).
    2001;26(3):298-306. doi:10.1097/00007632-200102010-00016.
"""

from collections.abc import Hashable, Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Final, NamedTuple, cast

from attrs import frozen

from spinal_metastasis._cache import RECORD_CACHE_SIZE, bounded
from spinal_metastasis._html import score_html
from spinal_metastasis.errors import OutOfValidatedRangeError
from spinal_metastasis.evidence import Citation
from spinal_metastasis.histology import PrimaryTumor
from spinal_metastasis.histology.tomita import TOMITA_2001_GROWTH, TomitaGrowth, TomitaGrowthTable
from spinal_metastasis.model import Patient, VisceralMetastases
from spinal_metastasis.ranges import ScoreRange
from spinal_metastasis.ranges.enumeration import (
    ScoreComponent,
    component,
    evaluate,
    factor,
    score_fields,
)
from spinal_metastasis.sources.scores import TOMITA_2001

__all__ = [
    "LONG_TERM_MAX",
    "MAX_TOTAL",
    "MIDDLE_TERM_MAX",
    "MIN_TOTAL",
    "SHORT_TERM_MAX",
    "TomitaCategory",
    "TomitaScore",
    "tomita",
    "tomita_category",
]


class TomitaCategory(StrEnum):
    """Treatment goal of a Tomita total (Tomita 2001)."""

    LONG_TERM_LOCAL_CONTROL = "long_term_local_control"  # 2-3
    MIDDLE_TERM_LOCAL_CONTROL = "middle_term_local_control"  # 4-5
    SHORT_TERM_PALLIATION = "short_term_palliation"  # 6-7
    TERMINAL_CARE = "terminal_care"  # 8-10

    @property
    def treatment_goal(self) -> str:
        """The treatment goal as printed (``"long-term local control"``)."""
        return _GOAL[self]

    @property
    def surgical_strategy(self) -> str:
        """The surgical strategy Tomita proposes for the band."""
        return _STRATEGY[self]


# Bands, goals and strategies: open-source calculator code and a hospital form schema (secondary).
_GOAL: Final = MappingProxyType(
    {
        TomitaCategory.LONG_TERM_LOCAL_CONTROL: "long-term local control",
        TomitaCategory.MIDDLE_TERM_LOCAL_CONTROL: "middle-term local control",
        TomitaCategory.SHORT_TERM_PALLIATION: "short-term palliation",
        TomitaCategory.TERMINAL_CARE: "terminal care",
    }
)
_STRATEGY: Final = MappingProxyType(
    {
        TomitaCategory.LONG_TERM_LOCAL_CONTROL: "wide or marginal excision",
        TomitaCategory.MIDDLE_TERM_LOCAL_CONTROL: "marginal or intralesional excision",
        TomitaCategory.SHORT_TERM_PALLIATION: "palliative surgery",
        TomitaCategory.TERMINAL_CARE: "non-operative supportive care",
    }
)

#: Lowest total, slow growth 1 + no visceral metastases 0 + solitary bone metastasis 1.
MIN_TOTAL: Final = 2
#: Highest total, rapid growth 4 + untreatable visceral metastases 4 + multiple bone metastases 2.
MAX_TOTAL: Final = 10
#: Upper bound of the long-term local control band 2-3 (Tomita 2001).
LONG_TERM_MAX: Final = 3
#: Upper bound of the middle-term local control band 4-5.
MIDDLE_TERM_MAX: Final = 5
#: Upper bound of the short-term palliation band 6-7; 8-10 is terminal care.
SHORT_TERM_MAX: Final = 7

# Primary tumor growth (Tomita 2001): slow 1, moderate 2, rapid 4. A review table giving rapid
# growth 3 points (Global Spine J 2018, reported second-hand) contradicts the 2-10 range.
_GROWTH_POINTS: Final = MappingProxyType(
    {TomitaGrowth.SLOW: 1, TomitaGrowth.MODERATE: 2, TomitaGrowth.RAPID: 4}
)
# Visceral metastases (Tomita 2001): none 0, treatable 2, untreatable 4.
_VISCERAL_POINTS: Final = MappingProxyType(
    {VisceralMetastases.NONE: 0, VisceralMetastases.TREATABLE: 2, VisceralMetastases.UNTREATABLE: 4}
)
# Bone metastases (Tomita 2001): solitary 1, multiple 2.
_SOLITARY_POINTS: Final = 1
_MULTIPLE_POINTS: Final = 2
# Factor values: one vertebral body or several; no extraspinal focus or some.
_ONE_VERTEBRA: Final = 1
_SEVERAL_VERTEBRAE: Final = 2
_NO_EXTRASPINAL: Final = 0
_SOME_EXTRASPINAL: Final = 1


def tomita_category(total: int) -> TomitaCategory:
    """Return the treatment-goal band of a Tomita total (2-3 / 4-5 / 6-7 / 8-10).

    Examples:
        >>> [tomita_category(total).treatment_goal for total in (3, 4, 7)]
        ['long-term local control', 'middle-term local control', 'short-term palliation']
        >>> tomita_category(8).surgical_strategy
        'non-operative supportive care'
    """
    if total <= LONG_TERM_MAX:
        return TomitaCategory.LONG_TERM_LOCAL_CONTROL
    if total <= MIDDLE_TERM_MAX:
        return TomitaCategory.MIDDLE_TERM_LOCAL_CONTROL
    if total <= SHORT_TERM_MAX:
        return TomitaCategory.SHORT_TERM_PALLIATION
    return TomitaCategory.TERMINAL_CARE


@frozen(kw_only=True)
class TomitaScore:
    """The Tomita score of a patient.

    Attributes:
        points: Total, 2-10; a range when inputs are unknown (exact and tight).
        category: The band, or ``None`` when the unknowns leave more than one.
        possible_categories: Every band some completion of the unknowns gives.
        components: The three items with their findings and points.
        missing: Unknown inputs that could still change the band (``"primary"``
            also when the growth group of a known primary is not placed).
        citation: Tomita 2001.
    """

    points: ScoreRange
    category: TomitaCategory | None
    possible_categories: frozenset[TomitaCategory]
    components: tuple[ScoreComponent, ...]
    missing: tuple[str, ...]
    citation: Citation = TOMITA_2001

    _repr_html_ = score_html

    @property
    def treatment_goal(self) -> str | None:
        """The treatment goal of the band, when determined."""
        return None if self.category is None else self.category.treatment_goal

    @property
    def surgical_strategy(self) -> str | None:
        """The surgical strategy of the band, when determined."""
        return None if self.category is None else self.category.surgical_strategy

    def __str__(self) -> str:
        """One line: ``Tomita 4 (middle-term local control): primary tumor growth 1, ...``."""
        goal = " or ".join(
            c.treatment_goal for c in TomitaCategory if c in self.possible_categories
        )
        parts = ", ".join(str(component) for component in self.components)
        return f"Tomita {self.points} ({goal}): {parts}"


def tomita(
    patient: Patient, *, growth_table: TomitaGrowthTable = TOMITA_2001_GROWTH
) -> TomitaScore:
    r"""Score a patient with the Tomita score (2001) and its surgical strategy.

    Args:
        patient: The patient. Uses ``primary``, ``visceral_metastases``,
            ``vertebral_metastases`` and ``extraspinal_bone_metastases`` (with the
            levels of ``lesions`` as a lower bound on the vertebral count); each
            may be ``None``.
        growth_table: Growth group of each primary;
            :data:`~spinal_metastasis.histology.tomita.TOMITA_2001_GROWTH` (only the
            primaries the sources name) by default.

    Returns:
        The total (a range when inputs are unknown), the band or the bands still
        possible, and the three items.

    Raises:
        OutOfValidatedRangeError: If ``vertebral_metastases`` is 0: the score is for
            spinal metastases.

    References:
        Tomita K, Kawahara N, Kobayashi T, Yoshida A, Murakami H, Akamaru T.
        Spine (Phila Pa 1976). 2001;26(3):298-306.
        doi:10.1097/00007632-200102010-00016. Scoring table and strategy bands,
        as reproduced in open-source calculator code.

    Note:
        Derived from surgically treated Japanese patients with spinal metastases.
        The survival of each band reported in the paper could not be verified and
        is not returned. Primaries outside the named examples of each growth group
        are left open (range), never guessed.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> score = tomita(example_patient())
        >>> print(str(score).replace(": ", ":\n  "))
        Tomita 3 (long-term local control):
          primary tumor growth 1, visceral metastases 0, bone metastases 2
        >>> score.surgical_strategy
        'wide or marginal excision'
        >>> partly = tomita(example_patient("prostate_partly_known"))
        >>> str(partly.points), partly.category.value
        ('3', 'long_term_local_control')
    """
    inputs = _Inputs(
        primary=patient.primary,
        visceral_metastases=patient.visceral_metastases,
        vertebral_metastases=patient.vertebral_metastases,
        extraspinal_bone_metastases=patient.extraspinal_bone_metastases,
        involved=sum(len(lesion.levels) for lesion in patient.lesions),
    )
    return _tomita(inputs, growth_table)


class _Inputs(NamedTuple):
    """What the score reads of a patient (the levels of its lesions counted): a cache key."""

    primary: PrimaryTumor | None
    visceral_metastases: VisceralMetastases | None
    vertebral_metastases: int | None
    extraspinal_bone_metastases: int | None
    involved: int


# The score is a pure function of a few discrete fields and returns a frozen result: it is
# memoized on them, in a bounded cache (see spinal_metastasis._cache).
@bounded(RECORD_CACHE_SIZE)
def _tomita(patient: _Inputs, growth_table: TomitaGrowthTable) -> TomitaScore:
    group = None if patient.primary is None else growth_table.groups[patient.primary]
    growth = tuple(_GROWTH_POINTS.values()) if group is None else (_GROWTH_POINTS[group],)
    involved = patient.involved
    factors = [
        factor("primary", growth, primary=patient.primary),
        factor(
            "visceral_metastases",
            tuple(sorted(set(_VISCERAL_POINTS.values())))
            if patient.visceral_metastases is None
            else (_VISCERAL_POINTS[patient.visceral_metastases],),
            visceral_metastases=patient.visceral_metastases,
        ),
        factor(
            "vertebral_metastases",
            _vertebral_domain(patient.vertebral_metastases, involved),
            vertebral_metastases=patient.vertebral_metastases,
            lesion_levels=involved,
        ),
        factor(
            "extraspinal_bone_metastases",
            (_NO_EXTRASPINAL, _SOME_EXTRASPINAL)
            if patient.extraspinal_bone_metastases is None
            else (min(patient.extraspinal_bone_metastases, _SOME_EXTRASPINAL),),
            extraspinal_bone_metastases=patient.extraspinal_bone_metastases,
        ),
    ]

    def components(values: Mapping[str, Hashable]) -> list[int]:
        solitary = (
            values["vertebral_metastases"] == _ONE_VERTEBRA
            and values["extraspinal_bone_metastases"] == _NO_EXTRASPINAL
        )
        return [
            cast("int", values["primary"]),
            cast("int", values["visceral_metastases"]),
            _SOLITARY_POINTS if solitary else _MULTIPLE_POINTS,
        ]

    result = evaluate(factors, components=components, categorize=tomita_category)
    primary_item, visceral_item, vertebral_item, extraspinal_item = factors
    parts = (
        component(
            name="primary tumor growth",
            finding=_growth_finding(patient, growth_table),
            points=result.component_points[0],
            inputs=primary_item.inputs,
        ),
        component(
            name="visceral metastases",
            finding=_visceral_finding(patient.visceral_metastases),
            points=result.component_points[1],
            inputs=visceral_item.inputs,
        ),
        component(
            name="bone metastases",
            finding=_bone_finding(patient, involved, result.component_points[2]),
            points=result.component_points[2],
            inputs=vertebral_item.inputs + extraspinal_item.inputs,
        ),
    )
    return TomitaScore(
        **score_fields(result, parts),
    )


def _vertebral_domain(count: int | None, involved: int) -> tuple[int, ...]:
    if count == 0:
        msg = (
            "'vertebral_metastases' must be >= 1 for the Tomita score of spinal metastases (got 0)"
        )
        raise OutOfValidatedRangeError(msg, field="vertebral_metastases")
    if count is not None:
        return (min(count, _SEVERAL_VERTEBRAE),)
    if involved >= _SEVERAL_VERTEBRAE:
        return (_SEVERAL_VERTEBRAE,)
    return (_ONE_VERTEBRA, _SEVERAL_VERTEBRAE)


def _growth_finding(patient: _Inputs, table: TomitaGrowthTable) -> str:
    if patient.primary is None:
        return "unknown"
    group = table.groups[patient.primary]
    if group is None:
        return f"{patient.primary.label}: growth group not placed by {table.name}"
    return f"{patient.primary.label}: {group.value} growth"


def _visceral_finding(visceral: VisceralMetastases | None) -> str:
    return "unknown" if visceral is None else visceral.value


def _bone_finding(patient: _Inputs, involved: int, points: ScoreRange) -> str:
    vertebral, extraspinal = patient.vertebral_metastases, patient.extraspinal_bone_metastases
    counts = (
        f"{'unknown' if vertebral is None else vertebral} vertebral, "
        f"{'unknown' if extraspinal is None else extraspinal} extraspinal"
    )
    if vertebral is None and involved:
        counts += f"; at least {involved} involved levels recorded"
    if not points.is_exact:
        return f"solitary or multiple ({counts})"
    kind = "solitary" if points.low == _SOLITARY_POINTS else "multiple"
    return f"{kind} ({counts})"
