"""Spinal Instability Neoplastic Score (SINS).

Six components scored from imaging and the pain history, total 0-18:
0-6 stable, 7-12 potentially unstable (indeterminate), 13-18 unstable. The
Spine Oncology Study Group recommends surgical consultation at 7 or more; that
is a referral threshold, not an indication to operate.

References:
    Fisher CG, DiPaola CP, Ryken TC, et al. A novel classification system for
    spinal instability in neoplastic disease: an evidence-based approach and
    expert consensus from the Spine Oncology Study Group. Spine (Phila Pa 1976).
    2010;35(22):E1221-E1229. doi:10.1097/BRS.0b013e3181e16ae2. Table 1.

    Fourney DR, Frangou EM, Ryken TC, et al. Spinal instability neoplastic score:
    an analysis of reliability and validity from the Spine Oncology Study Group.
    J Clin Oncol. 2011;29(22):3072-3077. doi:10.1200/JCO.2010.34.3897.
"""

from collections.abc import Hashable
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from attrs import frozen

from spinal_metastasis._cache import VALUE_CACHE_SIZE, bounded, memoized
from spinal_metastasis._html import score_html
from spinal_metastasis.anatomy import SinsLocation, VertebralLevel
from spinal_metastasis.evidence import Citation, finding_inputs
from spinal_metastasis.model import (
    Alignment,
    BoneLesion,
    Collapse,
    Pain,
    Posterolateral,
    SpinalLesion,
)
from spinal_metastasis.ranges import ScoreRange
from spinal_metastasis.ranges.enumeration import (
    Evaluation,
    ScoreComponent,
    component,
    evaluate_sum,
    factor,
    score_fields,
)
from spinal_metastasis.sources.scores import FISHER_2010, FOURNEY_2011

__all__ = [
    "SURGICAL_CONSULTATION_THRESHOLD",
    "SinsCategory",
    "SinsScore",
    "sins",
    "sins_evaluation",
    "sins_of_findings",
]


class SinsCategory(StrEnum):
    """SINS category of a total (Fisher 2010; Fourney 2011)."""

    STABLE = "stable"  # 0-6
    POTENTIALLY_UNSTABLE = "potentially_unstable"  # 7-12 (indeterminate)
    UNSTABLE = "unstable"  # 13-18


# Fisher 2010, Table 1.
_LOCATION_POINTS: Final = MappingProxyType(
    {
        SinsLocation.JUNCTIONAL: 3,  # occiput-C2, C7-T2, T11-L1, L5-S1
        SinsLocation.MOBILE: 2,  # C3-C6, L2-L4
        SinsLocation.SEMI_RIGID: 1,  # T3-T10
        SinsLocation.RIGID: 0,  # S2-S5
    }
)
_PAIN_POINTS: Final = MappingProxyType(
    {Pain.MECHANICAL: 3, Pain.OCCASIONAL_NON_MECHANICAL: 1, Pain.PAIN_FREE: 0}
)
_BONE_LESION_POINTS: Final = MappingProxyType(
    {BoneLesion.LYTIC: 2, BoneLesion.MIXED: 1, BoneLesion.BLASTIC: 0}
)
_ALIGNMENT_POINTS: Final = MappingProxyType(
    {Alignment.SUBLUXATION_TRANSLATION: 4, Alignment.DE_NOVO_DEFORMITY: 2, Alignment.NORMAL: 0}
)
_COLLAPSE_POINTS: Final = MappingProxyType(
    {
        Collapse.AT_LEAST_50_PERCENT: 3,
        Collapse.LESS_THAN_50_PERCENT: 2,
        Collapse.NONE_WITH_OVER_50_PERCENT_BODY_INVOLVED: 1,
        Collapse.NONE: 0,
    }
)
_POSTEROLATERAL_POINTS: Final = MappingProxyType(
    {Posterolateral.BILATERAL: 3, Posterolateral.UNILATERAL: 1, Posterolateral.NONE: 0}
)

#: Upper bound of the stable band (Fourney 2011): 0-6 stable.
STABLE_MAX: Final = 6
#: Upper bound of the potentially unstable band (Fourney 2011): 7-12; 13-18 unstable.
POTENTIALLY_UNSTABLE_MAX: Final = 12
#: Total from which the SOSG recommends surgical consultation, 7 (Fourney 2011).
SURGICAL_CONSULTATION_THRESHOLD: Final = 7

_TABLES: Final = MappingProxyType(
    {
        "location": _LOCATION_POINTS,
        "pain": _PAIN_POINTS,
        "bone_lesion": _BONE_LESION_POINTS,
        "alignment": _ALIGNMENT_POINTS,
        "collapse": _COLLAPSE_POINTS,
        "posterolateral": _POSTEROLATERAL_POINTS,
    }
)
_COMPONENT_NAMES: Final = MappingProxyType(
    {
        "location": "location",
        "pain": "pain",
        "bone_lesion": "bone lesion",
        "alignment": "alignment",
        "collapse": "collapse",
        "posterolateral": "posterolateral",
    }
)


def sins_category(total: int) -> SinsCategory:
    """Return the category of a SINS total (0-6 / 7-12 / 13-18).

    Examples:
        >>> sins_category(6).value, sins_category(7).value, sins_category(13).value
        ('stable', 'potentially_unstable', 'unstable')
    """
    if total <= STABLE_MAX:
        return SinsCategory.STABLE
    if total <= POTENTIALLY_UNSTABLE_MAX:
        return SinsCategory.POTENTIALLY_UNSTABLE
    return SinsCategory.UNSTABLE


def location_class(levels: tuple[VertebralLevel, ...]) -> SinsLocation:
    """Return the location class of a lesion: the most unstable class among its levels.

    Examples:
        >>> location_class((VertebralLevel.T10, VertebralLevel.T11)).value
        'junctional'
    """
    return max((level.sins_location for level in levels), key=_LOCATION_POINTS.__getitem__)


@frozen(kw_only=True)
class SinsScore:
    """The SINS of one lesion.

    Attributes:
        points: Total, 0-18; a range when findings are unknown (exact and tight).
        category: The category, or ``None`` when the unknowns leave more than one.
        possible_categories: Every category some completion of the unknowns gives.
        components: The six components with their findings and points.
        missing: Unknown findings that could still change the category.
        surgical_consultation_recommended: SOSG referral at 7 or more; ``None``
            when the unknowns leave both answers possible.
        citation: Fisher 2010 (point table).
    """

    points: ScoreRange
    category: SinsCategory | None
    possible_categories: frozenset[SinsCategory]
    components: tuple[ScoreComponent, ...]
    missing: tuple[str, ...]
    surgical_consultation_recommended: bool | None
    citation: Citation = FISHER_2010
    category_citation: Citation = FOURNEY_2011

    _repr_html_ = score_html

    def __str__(self) -> str:
        """One line: ``SINS 11 (potentially unstable): location 3, pain 3, ...``."""
        category = (
            self.category.value.replace("_", " ")
            if self.category is not None
            else " or ".join(
                c.value.replace("_", " ") for c in SinsCategory if c in self.possible_categories
            )
        )
        parts = ", ".join(str(component) for component in self.components)
        return f"SINS {self.points} ({category}): {parts}"


def sins(lesion: SpinalLesion) -> SinsScore:
    r"""Score the spinal instability of a lesion (SINS).

    A lesion spanning several levels takes the most unstable location class among
    them. Unknown findings give the exact range of totals over every completion.

    Args:
        lesion: The lesion; its levels are always known, its findings may be ``None``.

    Returns:
        The score, its category (or the categories still possible) and the
        components.

    References:
        Fisher CG, DiPaola CP, Ryken TC, et al. Spine (Phila Pa 1976).
        2010;35(22):E1221-E1229. doi:10.1097/BRS.0b013e3181e16ae2. Table 1.
        Fourney DR, Frangou EM, Ryken TC, et al. J Clin Oncol.
        2011;29(22):3072-3077. doi:10.1200/JCO.2010.34.3897 (bands 0-6, 7-12, 13-18).

    Note:
        SINS was built by expert consensus and validated for reliability among
        surgeons and radiation oncologists; it is a referral aid, not an
        indication to operate. Inter-observer agreement is lowest for bone
        lesion quality (kappa 0.244; Fourney 2011).

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> score = sins(example_patient().lesions[0])
        >>> score.points.value, score.category.value, score.surgical_consultation_recommended
        (11, 'potentially_unstable', True)
        >>> print(str(score).replace(", a", ",\n  a"))
        SINS 11 (potentially unstable): location 3, pain 3, bone lesion 2,
          alignment 0, collapse 2, posterolateral 1
    """
    return sins_of_findings(
        lesion.levels,
        lesion.pain,
        lesion.bone_lesion,
        lesion.alignment,
        lesion.collapse,
        lesion.posterolateral,
    )


# SINS reads only the levels and five findings, and the score is frozen: it is memoized on
# them, in a bounded cache (see spinal_metastasis._cache).
@bounded(VALUE_CACHE_SIZE)
def sins_of_findings(  # noqa: PLR0917 - the six inputs of the score, in table order
    levels: tuple[VertebralLevel, ...],
    pain: Pain | None,
    bone_lesion: BoneLesion | None,
    alignment: Alignment | None,
    collapse: Collapse | None,
    posterolateral: Posterolateral | None,
) -> SinsScore:
    """Score SINS from a lesion's levels and findings (``None``: unknown); see :func:`sins`.

    Examples:
        >>> sins_of_findings((VertebralLevel.T12,), None, None, None, None, None).points
        ScoreRange(low=3, high=18)
    """
    location = location_class(levels)
    levels_label = ", ".join(level.label for level in levels)
    result = sins_evaluation(location, pain, bone_lesion, alignment, collapse, posterolateral)
    values = (location, pain, bone_lesion, alignment, collapse, posterolateral)
    findings = zip(_TABLES, values, strict=True)
    parts = tuple(
        component(
            name=_COMPONENT_NAMES[name],
            finding=_finding_text(name, value, location, levels_label),
            points=points,
            inputs=finding_inputs(
                **({"levels": levels_label} if name == "location" else {name: value})
            ),
        )
        for (name, value), points in zip(findings, result.component_points, strict=True)
    )
    referral = {category is not SinsCategory.STABLE for category in result.possible_categories}
    return SinsScore(
        **score_fields(result, parts),
        surgical_consultation_recommended=referral.pop() if len(referral) == 1 else None,
    )


# The points, categories and deciding inputs depend on the levels only through their location
# class: a domain of 4 x 4 x 4 x 4 x 5 x 4 values, memoized whole (see spinal_metastasis._cache).
@memoized
def sins_evaluation(  # noqa: PLR0917 - the six inputs of the score, in table order
    location: SinsLocation,
    pain: Pain | None,
    bone_lesion: BoneLesion | None,
    alignment: Alignment | None,
    collapse: Collapse | None,
    posterolateral: Posterolateral | None,
) -> Evaluation[SinsCategory]:
    """The exact SINS points, categories and deciding inputs of a location class and findings.

    What :func:`sins_of_findings` scores, without the components' texts: for callers that
    need only the categories (NOMS, the surgical rules), and shared by every lesion of the
    same location class and findings (``None``: unknown).

    Examples:
        >>> result = sins_evaluation(SinsLocation.JUNCTIONAL, None, None, None, None, None)
        >>> result.points, sorted(category.value for category in result.possible_categories)
        (ScoreRange(low=3, high=18), ['potentially_unstable', 'stable', 'unstable'])
    """
    values = (location, pain, bone_lesion, alignment, collapse, posterolateral)
    factors = [
        factor(name, tuple(table) if value is None else (value,), **{name: value})
        for (name, table), value in zip(_TABLES.items(), values, strict=True)
    ]
    return evaluate_sum(factors, [table.__getitem__ for table in _TABLES.values()], sins_category)


def _finding_text(
    name: str, value: Hashable | None, location: SinsLocation, levels_label: str
) -> str:
    if name == "location":
        return f"{location.value.replace('_', '-')} ({levels_label})"
    if value is None:
        return "unknown"
    return str(getattr(value, "value", value)).replace("_", " ")
