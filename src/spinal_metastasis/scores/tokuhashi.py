"""Revised Tokuhashi score (2005): preoperative prognosis of metastatic spine tumors.

Six items, each 0-2 points except the primary site (0-5), total 0-15:

====================================  ===========  =========  ========
item                                  0 points     1 point    2 points
====================================  ===========  =========  ========
general condition (KPS)               10-40 %      50-70 %    80-100 %
extraspinal bone metastasis foci      >= 3         1-2        0
metastases in the vertebral body      >= 3         2          1
metastases to major internal organs   unremovable  removable  none
palsy (Frankel)                       A, B         C, D       E
====================================  ===========  =========  ========

The primary site scores 0-5 (:mod:`spinal_metastasis.histology.tokuhashi`).

Totals 0-8 predict survival under 6 months (conservative treatment or
palliative surgery), 9-11 at least 6 months (palliative surgery; excisional
surgery for a single lesion without metastases to major internal organs), 12-15
at least 1 year (excisional surgery).

Unknown inputs give the exact range over their completions. A KPS known only
through ECOG takes every Karnofsky value the conversion pairs with the grade
(``spinal_metastasis.performance.possible_kps``). An unknown count of
vertebral metastases is at least the number of levels the recorded lesions
involve, and at least one.

Conflict recorded: some reproductions reportedly print the vertebral-body item
as >= 3 / 1-2 / 0 (the pattern of the extraspinal item). Every reproduction read
(including the 1990 original as reproduced) prints >= 3 / 2 / 1, which this
module uses; a count of 0 would mean no spinal metastasis, outside the score.

References:
    Tokuhashi Y, Matsuzaki H, Oda H, Oshima M, Ryu J. A revised scoring system
    for preoperative evaluation of metastatic spine tumor prognosis. Spine
    (Phila Pa 1976). 2005;30(19):2186-2191. doi:10.1097/01.brs.0000180401.06919.a5.
    Table (as reproduced in NICE CG75, appendix 3).
"""

from enum import StrEnum
from types import MappingProxyType
from typing import Final, NamedTuple, assert_never

from attrs import frozen

from spinal_metastasis._cache import RECORD_CACHE_SIZE, bounded
from spinal_metastasis._html import score_html
from spinal_metastasis.errors import OutOfValidatedRangeError
from spinal_metastasis.evidence import Citation
from spinal_metastasis.histology import PrimaryTumor
from spinal_metastasis.histology.tokuhashi import TOKUHASHI_2005_PRIMARY, TokuhashiPrimaryTable
from spinal_metastasis.model import Frankel, Patient, VisceralMetastases
from spinal_metastasis.performance import MA_PRASAD, PerformanceConversion, possible_kps
from spinal_metastasis.ranges import ScoreRange
from spinal_metastasis.ranges.enumeration import (
    Factor,
    ScoreComponent,
    component,
    evaluate_sum,
    factor,
    score_fields,
)
from spinal_metastasis.sources.scores import TOKUHASHI_2005

__all__ = [
    "AT_LEAST_6_MONTHS_MAX",
    "KPS_MODERATE_MAX",
    "KPS_POOR_MAX",
    "LESS_THAN_6_MONTHS_MAX",
    "MAX_TOTAL",
    "TokuhashiCategory",
    "TokuhashiScore",
    "tokuhashi_category",
    "tokuhashi_revised",
]


class TokuhashiCategory(StrEnum):
    """Predicted survival band of a revised Tokuhashi total (Tokuhashi 2005)."""

    LESS_THAN_6_MONTHS = "less_than_6_months"  # 0-8
    AT_LEAST_6_MONTHS = "at_least_6_months"  # 9-11
    AT_LEAST_1_YEAR = "at_least_1_year"  # 12-15

    @property
    def predicted_survival(self) -> str:
        """The predicted survival as printed (``"≥ 1 year"``)."""
        return _SURVIVAL[self]

    @property
    def suggested_treatment(self) -> str:
        """The treatment Tokuhashi suggests for the band."""
        return _TREATMENT[self]


# Survival bands: NICE CG75 appendix 3 ("TS 0-8 < 6 months, TS 9-11 >= 6 months,
# TS 12-15 >= 1 year"). The neurosurgery-notes page's "> 6 months / <= 6 months /
# <= 1 year" is a transcription error and is not used.
_SURVIVAL: Final = MappingProxyType(
    {
        TokuhashiCategory.LESS_THAN_6_MONTHS: "< 6 months",
        TokuhashiCategory.AT_LEAST_6_MONTHS: "≥ 6 months",
        TokuhashiCategory.AT_LEAST_1_YEAR: "≥ 1 year",
    }
)
# Treatment bands: neurosurgery-notes page and Wheeless (secondary).
_TREATMENT: Final = MappingProxyType(
    {
        TokuhashiCategory.LESS_THAN_6_MONTHS: "conservative treatment or palliative surgery",
        TokuhashiCategory.AT_LEAST_6_MONTHS: (
            "palliative surgery; excisional surgery if a single spinal lesion without "
            "metastases to major internal organs"
        ),
        TokuhashiCategory.AT_LEAST_1_YEAR: "excisional surgery",
    }
)

#: Upper bound of the "< 6 months" band 0-8 (Tokuhashi 2005; NICE CG75).
LESS_THAN_6_MONTHS_MAX: Final = 8
#: Upper bound of the "≥ 6 months" band 9-11; 12-15 is "≥ 1 year".
AT_LEAST_6_MONTHS_MAX: Final = 11
#: Highest total, 2 + 2 + 2 + 2 + 5 + 2.
MAX_TOTAL: Final = 15

# General condition on the Karnofsky scale (Tokuhashi 2005, table): poor 10-40 % -> 0,
# moderate 50-70 % -> 1, good 80-100 % -> 2. KPS 0 (dead) is outside the table.
#: Highest KPS of the "poor" band (10-40 %).
KPS_POOR_MAX: Final = 40
#: Highest KPS of the "moderate" band (50-70 %); 80-100 % is "good".
KPS_MODERATE_MAX: Final = 70
_KPS_MIN: Final = 10
_KPS_ALIVE: Final = frozenset(range(_KPS_MIN, 101, 10))

# Number of extraspinal bone metastasis foci (Tokuhashi 2005, table): >= 3 -> 0, 1-2 -> 1, 0 -> 2.
_EXTRASPINAL_MANY: Final = 3
# Number of metastases in the vertebral body (Tokuhashi 2005, table): >= 3 -> 0, 2 -> 1, 1 -> 2.
# Some reproductions reportedly print >= 3 / 1-2 / 0; not seen, not used.
_VERTEBRAL_POINTS: Final = MappingProxyType({1: 2, 2: 1})
_VERTEBRAL_MANY: Final = 3
# Metastases to major internal organs (Tokuhashi 2005, table): "removable" = TREATABLE.
_VISCERAL_POINTS: Final = MappingProxyType(
    {VisceralMetastases.UNTREATABLE: 0, VisceralMetastases.TREATABLE: 1, VisceralMetastases.NONE: 2}
)
# Palsy (Tokuhashi 2005, table): complete (Frankel A, B) 0, incomplete (C, D) 1, none (E) 2.
_PALSY_POINTS: Final = MappingProxyType(
    {Frankel.A: 0, Frankel.B: 0, Frankel.C: 1, Frankel.D: 1, Frankel.E: 2}
)
_ITEM_POINTS: Final = (0, 1, 2)

_COMPONENT_NAMES: Final = MappingProxyType(
    {
        "kps": "general condition",
        "extraspinal_bone_metastases": "extraspinal bone metastases",
        "vertebral_metastases": "vertebral body metastases",
        "visceral_metastases": "visceral metastases",
        "primary": "primary site",
        "frankel": "palsy",
    }
)


def tokuhashi_category(total: int) -> TokuhashiCategory:
    """Return the survival band of a revised Tokuhashi total (0-8 / 9-11 / 12-15).

    Examples:
        >>> [tokuhashi_category(total).value for total in (8, 9, 11, 12)]
        ['less_than_6_months', 'at_least_6_months', 'at_least_6_months', 'at_least_1_year']
    """
    if total <= LESS_THAN_6_MONTHS_MAX:
        return TokuhashiCategory.LESS_THAN_6_MONTHS
    if total <= AT_LEAST_6_MONTHS_MAX:
        return TokuhashiCategory.AT_LEAST_6_MONTHS
    return TokuhashiCategory.AT_LEAST_1_YEAR


def _general_condition_points(kps: int) -> int:
    if kps <= KPS_POOR_MAX:
        return 0
    return 1 if kps <= KPS_MODERATE_MAX else 2


def _extraspinal_points(count: int) -> int:
    if count >= _EXTRASPINAL_MANY:
        return 0
    return 1 if count else 2


def _vertebral_points(count: int) -> int:
    return _VERTEBRAL_POINTS.get(count, 0)


@frozen(kw_only=True)
class TokuhashiScore:
    """The revised Tokuhashi score of a patient.

    Attributes:
        points: Total, 0-15; a range when inputs are unknown (exact and tight).
        category: The survival band, or ``None`` when the unknowns leave more than one.
        possible_categories: Every band some completion of the unknowns gives.
        components: The six items with their findings and points.
        missing: Unknown inputs that could still change the band (``"primary"``
            also when a known primary spans two rows of the table).
        citation: Tokuhashi 2005.
    """

    points: ScoreRange
    category: TokuhashiCategory | None
    possible_categories: frozenset[TokuhashiCategory]
    components: tuple[ScoreComponent, ...]
    missing: tuple[str, ...]
    citation: Citation = TOKUHASHI_2005

    _repr_html_ = score_html

    @property
    def predicted_survival(self) -> str | None:
        """The predicted survival of the band (``"≥ 1 year"``), when determined."""
        return None if self.category is None else self.category.predicted_survival

    @property
    def suggested_treatment(self) -> str | None:
        """The treatment Tokuhashi suggests for the band, when determined."""
        return None if self.category is None else self.category.suggested_treatment

    def __str__(self) -> str:
        """One line: ``Tokuhashi 14 (≥ 1 year): general condition 2, ...``."""
        survival = " or ".join(
            c.predicted_survival for c in TokuhashiCategory if c in self.possible_categories
        )
        parts = ", ".join(str(component) for component in self.components)
        return f"Tokuhashi {self.points} ({survival}): {parts}"


def tokuhashi_revised(
    patient: Patient,
    *,
    primary_table: TokuhashiPrimaryTable = TOKUHASHI_2005_PRIMARY,
    conversion: PerformanceConversion = MA_PRASAD,
) -> TokuhashiScore:
    """Score a patient's prognosis with the revised Tokuhashi score (2005).

    Args:
        patient: The patient. Uses ``kps`` (or ``ecog`` when the KPS is unknown),
            ``extraspinal_bone_metastases``, ``vertebral_metastases`` (or the
            levels of ``lesions`` as a lower bound), ``visceral_metastases``,
            ``primary`` and ``frankel``; each may be ``None``.
        primary_table: Points of each primary;
            :data:`~spinal_metastasis.histology.tokuhashi.TOKUHASHI_2005_PRIMARY` by default.
        conversion: ECOG-to-KPS table used when only ECOG is recorded.

    Returns:
        The total (a range when inputs are unknown), the survival band or the
        bands still possible, and the six items.

    Raises:
        OutOfValidatedRangeError: If ``kps`` is 0 (or, with the KPS unknown, ``ecog``
            is 5): both mean death, outside the score. If ``vertebral_metastases``
            is 0: the score is for metastatic spine tumors.

    References:
        Tokuhashi Y, Matsuzaki H, Oda H, Oshima M, Ryu J. Spine (Phila Pa 1976).
        2005;30(19):2186-2191. doi:10.1097/01.brs.0000180401.06919.a5. Table
        (points) and survival bands, as reproduced in NICE CG75, appendix 3.

    Note:
        Derived from Japanese patients with metastatic spine tumors considered for
        surgery. In a pooled review of 10 studies (1,686 patients) the revised
        score's predictive accuracy was 63 % (Zoccali 2016,
        doi:10.1007/s00586-015-4339-6). Primaries the table does not name (lymphoma,
        myeloma, colon, ...) score as "others" (2) by inference. The bands predict
        survival; they are not treatment orders.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> score = tokuhashi_revised(example_patient())
        >>> score.points.value, score.predicted_survival
        (14, '≥ 1 year')
        >>> import textwrap
        >>> print(textwrap.fill(str(score), width=72))
        Tokuhashi 14 (≥ 1 year): general condition 2, extraspinal bone
        metastases 1, vertebral body metastases 2, visceral metastases 2,
        primary site 5, palsy 2
        >>> partly = tokuhashi_revised(example_patient("prostate_partly_known"))
        >>> str(partly.points), partly.category, partly.missing
        ('8–12', None, ('extraspinal_bone_metastases', 'frankel'))
    """
    inputs = _Inputs(
        kps=patient.kps,
        ecog=patient.ecog,
        extraspinal_bone_metastases=patient.extraspinal_bone_metastases,
        vertebral_metastases=patient.vertebral_metastases,
        visceral_metastases=patient.visceral_metastases,
        primary=patient.primary,
        frankel=patient.frankel,
        involved=sum(len(lesion.levels) for lesion in patient.lesions),
    )
    return _tokuhashi_revised(inputs, primary_table, conversion)


class _Inputs(NamedTuple):
    """What the score reads of a patient (the levels of its lesions counted): a cache key."""

    kps: int | None
    ecog: int | None
    extraspinal_bone_metastases: int | None
    vertebral_metastases: int | None
    visceral_metastases: VisceralMetastases | None
    primary: PrimaryTumor | None
    frankel: Frankel | None
    involved: int


# The score is a pure function of a few discrete fields and returns a frozen result: it is
# memoized on them, in a bounded cache (see spinal_metastasis._cache).
@bounded(RECORD_CACHE_SIZE)
def _tokuhashi_revised(
    patient: _Inputs, primary_table: TokuhashiPrimaryTable, conversion: PerformanceConversion
) -> TokuhashiScore:
    kps_domain = _kps_values(patient, conversion)
    involved = patient.involved
    factors = [
        _kps_factor(patient, kps_domain),
        factor(
            "extraspinal_bone_metastases",
            _ITEM_POINTS
            if patient.extraspinal_bone_metastases is None
            else (_extraspinal_points(patient.extraspinal_bone_metastases),),
            extraspinal_bone_metastases=patient.extraspinal_bone_metastases,
        ),
        factor(
            "vertebral_metastases",
            _vertebral_domain(patient.vertebral_metastases, involved),
            vertebral_metastases=patient.vertebral_metastases,
            lesion_levels=involved,
        ),
        factor(
            "visceral_metastases",
            _ITEM_POINTS
            if patient.visceral_metastases is None
            else (_VISCERAL_POINTS[patient.visceral_metastases],),
            visceral_metastases=patient.visceral_metastases,
        ),
        factor(
            "primary",
            tuple(sorted(primary_table.possible_points(patient.primary))),
            primary=patient.primary,
        ),
        factor(
            "frankel",
            _ITEM_POINTS if patient.frankel is None else (_PALSY_POINTS[patient.frankel],),
            frankel=patient.frankel,
        ),
    ]

    # Each item's points are its factor's value and the total is their sum: the sums of the
    # items' possible points give the exact result without enumerating every completion.
    result = evaluate_sum(factors, [_points] * len(factors), tokuhashi_category)
    findings = (
        _kps_finding(patient, kps_domain, conversion),
        _extraspinal_finding(patient.extraspinal_bone_metastases),
        _vertebral_finding(patient.vertebral_metastases, involved),
        _visceral_finding(patient.visceral_metastases),
        _primary_finding(patient, primary_table),
        _palsy_finding(patient.frankel),
    )
    parts = tuple(
        component(name=_COMPONENT_NAMES[item.name], finding=text, points=points, inputs=item.inputs)
        for item, text, points in zip(factors, findings, result.component_points, strict=True)
    )
    return TokuhashiScore(
        **score_fields(result, parts),
    )


def _points(value: int) -> int:
    """The points of an item whose factor's values are its points."""
    return value


def _kps_values(patient: "Patient | _Inputs", conversion: PerformanceConversion) -> frozenset[int]:
    if patient.kps == 0:
        msg = "'kps' must be from 10 to 100 for the revised Tokuhashi score; 0 means dead (got 0)"
        raise OutOfValidatedRangeError(msg, field="kps")
    values = possible_kps(patient.kps, patient.ecog, conversion=conversion) & _KPS_ALIVE
    if not values:  # the KPS is unknown and the ECOG grade pairs only with KPS 0 (ECOG 5)
        msg = (
            "'ecog' must be from 0 to 4 for the revised Tokuhashi score when the KPS is unknown; "
            f"{patient.ecog} means dead (got {patient.ecog})"
        )
        raise OutOfValidatedRangeError(msg, field="ecog")
    return values


def _kps_factor(patient: "Patient | _Inputs", kps_values: frozenset[int]) -> Factor:
    domain = tuple(sorted({_general_condition_points(kps) for kps in kps_values}))
    if patient.kps is None:
        return factor("kps", domain, kps=None, ecog=patient.ecog)
    return factor("kps", domain, kps=patient.kps)


def _vertebral_domain(count: int | None, involved: int) -> tuple[int, ...]:
    if count == 0:
        msg = (
            "'vertebral_metastases' must be >= 1 for the revised Tokuhashi score, a score of "
            "metastatic spine tumors (got 0)"
        )
        raise OutOfValidatedRangeError(msg, field="vertebral_metastases")
    if count is not None:
        return (_vertebral_points(count),)
    least = max(involved, 1)
    return tuple(sorted({_vertebral_points(n) for n in range(least, _VERTEBRAL_MANY + 1)} | {0}))


def _band_label(kps: int) -> str:
    if kps <= KPS_POOR_MAX:
        return "poor, 10–40 %"
    return "moderate, 50–70 %" if kps <= KPS_MODERATE_MAX else "good, 80–100 %"


def _kps_finding(
    patient: "Patient | _Inputs", values: frozenset[int], conversion: PerformanceConversion
) -> str:
    if patient.kps is not None:
        return f"KPS {patient.kps} ({_band_label(patient.kps)})"
    if patient.ecog is None:
        return "unknown"
    low, high = min(values), max(values)
    kps = f"KPS {low}" if low == high else f"KPS {low}–{high}"
    return f"{kps} from ECOG {patient.ecog} ({conversion.name})"


def _extraspinal_band(count: int) -> str:
    if count >= _EXTRASPINAL_MANY:
        return "≥ 3"
    return "1–2" if count else "none"


def _extraspinal_finding(count: int | None) -> str:
    if count is None:
        return "unknown"
    return f"{count} {'focus' if count == 1 else 'foci'} ({_extraspinal_band(count)})"


def _vertebral_finding(count: int | None, involved: int) -> str:
    if count is not None:
        band = "≥ 3" if count >= _VERTEBRAL_MANY else str(count)
        noun = "vertebral body" if count == 1 else "vertebral bodies"
        return f"{count} {noun} ({band})"
    if involved:
        return f"unknown; at least {involved} from the recorded lesions"
    return "unknown"


def _visceral_finding(visceral: VisceralMetastases | None) -> str:
    match visceral:
        case None:
            return "unknown"
        case VisceralMetastases.NONE:
            return "none"
        case VisceralMetastases.TREATABLE:
            return "removable (treatable)"
        case VisceralMetastases.UNTREATABLE:
            return "unremovable (untreatable)"
        case _:
            assert_never(visceral)


def _primary_finding(patient: "Patient | _Inputs", table: TokuhashiPrimaryTable) -> str:
    if patient.primary is None:
        return "unknown"
    return f"{patient.primary.label}: {table.placement[patient.primary]}"


def _palsy_finding(frankel: Frankel | None) -> str:
    if frankel is None:
        return "unknown"
    kind = {0: "complete palsy", 1: "incomplete palsy", 2: "no palsy"}[_PALSY_POINTS[frankel]]
    return f"Frankel {frankel.value.upper()} ({kind})"
