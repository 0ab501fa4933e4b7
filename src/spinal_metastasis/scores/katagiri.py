"""The Katagiri 2014 ("new") prognostic score for skeletal metastasis.

Six factors, total 0-10: primary lesion (slow growth 0, moderate 2, rapid 3),
visceral or cerebral metastases (nodular 1, disseminated 2), laboratory data
(abnormal 1, critical 2), ECOG performance status 3 or 4 (1), previous
chemotherapy (1) and multiple skeletal metastases (1). Groups: 0-3 low risk,
4-6 intermediate, 7-10 high.

Laboratory data: *critical* (platelets < 100 x 10^9/L, calcium >= 10.3 mg/dL or
total bilirubin >= 1.4 mg/dL) takes precedence over *abnormal* (CRP >= 0.4 mg/dL,
LDH >= 250 U/L or albumin < 3.7 g/dL). With some values unknown, the item gives
exactly the points still possible: one known critical value decides 2 whatever
the rest.

Performance status: the score uses ECOG. When only KPS is recorded, the ECOG
grades a published conversion pairs with it are all possible (default: Ma 2010
or Prasad 2018, ``spinal_metastasis.performance.MA_PRASAD``). ECOG 5 (and
KPS 0) means death: a survival score does not apply, so a recorded 5 is an
:class:`~spinal_metastasis.errors.InvalidInputError`, and an unknown grade is
completed with 0-4 only.

The point values, the laboratory cut-offs and the primary groups were read in a
reproduction of the paper (open-source calculator code), not in the paper; the
survival figures say where each was read (:class:`Provenance`).

References:
    Katagiri H, Okada R, Takagi T, et al. New prognostic factors and scoring
    system for patients with skeletal metastasis. Cancer Med.
    2014;3(5):1359-1367. doi:10.1002/cam4.292. PMID 25044999.
"""

from collections.abc import Callable, Hashable
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Final, NamedTuple, cast

import attrs
from attrs import frozen

from spinal_metastasis._cache import (
    RECORD_CACHE_SIZE,
    bounded,
    has_negative_zero,
)
from spinal_metastasis._html import score_html
from spinal_metastasis.errors import OutOfValidatedRangeError
from spinal_metastasis.evidence import Citation, Finding, FindingInput, finding_inputs
from spinal_metastasis.histology import PrimaryTumor
from spinal_metastasis.histology.katagiri import (
    KATAGIRI_2014_PRIMARY_GROUPS,
    KatagiriPrimaryGroup,
    KatagiriPrimaryTable,
)
from spinal_metastasis.model import Patient, SpinalLesion, VisceralMetastases
from spinal_metastasis.performance import MA_PRASAD, PerformanceConversion, possible_ecog
from spinal_metastasis.ranges import ScoreRange
from spinal_metastasis.ranges.enumeration import (
    Item,
    ScoreComponent,
    Values,
    component,
    enumerate_item,
    evaluate_items,
    input_value,
    score_fields,
)
from spinal_metastasis.scores.katagiri_labs import (
    KATAGIRI_2014_LAB_CUTOFFS,
    LabCutoff,
    LabTier,
)
from spinal_metastasis.sources.survival import KATAGIRI_2014

__all__ = [
    "KATAGIRI_2014_BANDS",
    "KATAGIRI_2014_LAB_CUTOFFS",
    "KatagiriBand",
    "KatagiriGroup",
    "KatagiriScore",
    "LabCutoff",
    "LabTier",
    "Provenance",
    "SurvivalFigure",
    "katagiri",
    "katagiri_group",
]


class KatagiriGroup(StrEnum):
    """Risk group of a Katagiri total (Katagiri 2014)."""

    LOW = "low"  # 0-3
    INTERMEDIATE = "intermediate"  # 4-6
    HIGH = "high"  # 7-10


#: How a group reads in a summary: 7-10 is the poor-prognosis group (27 % alive at 6 months,
#: 6 % at 1 year; Katagiri 2014, abstract).
_GROUP_WORDS: Final = {KatagiriGroup.HIGH: "high risk (poor prognosis)"}


class Provenance(StrEnum):
    """Where a published figure was read.

    ``PRIMARY``: in the paper or its abstract. ``SECONDARY``: in a source that
    reproduces or quotes the paper. ``UNVERIFIED``: in no source (the project's
    clinical reference, from memory).
    """

    PRIMARY = "primary"
    SECONDARY = "secondary"
    UNVERIFIED = "unverified"


#: Upper bound of the low-risk group, 0-3 (Katagiri 2014 abstract, "a score of <=3").
LOW_RISK_MAX: Final = 3
#: Upper bound of the intermediate group, 4-6; 7-10 is high risk ("a score of >=7").
INTERMEDIATE_RISK_MAX: Final = 6

# Katagiri 2014 point table, as reproduced in calculator code (verified-secondary).
_PRIMARY_POINTS: Final = MappingProxyType(
    {KatagiriPrimaryGroup.SLOW: 0, KatagiriPrimaryGroup.MODERATE: 2, KatagiriPrimaryGroup.RAPID: 3}
)
#: Nodular visceral or cerebral metastasis (idem).
NODULAR_METASTASIS_POINTS: Final = 1
#: Disseminated metastasis (pleural, peritoneal or leptomeningeal; idem).
DISSEMINATED_METASTASIS_POINTS: Final = 2
_LAB_POINTS: Final = MappingProxyType({LabTier.ABNORMAL: 1, LabTier.CRITICAL: 2})
#: ECOG performance status 3 or 4 scores 1 point (idem).
POOR_PERFORMANCE_ECOG: Final = frozenset({3, 4})
#: ECOG 5 is death (Oken 1982), outside a survival score.
DEAD_ECOG: Final = 5


@frozen(kw_only=True)
class SurvivalFigure:
    """A published survival proportion of a Katagiri group at one time point.

    Attributes:
        months: Time from treatment, in months.
        survival: Proportion alive, in [0, 1].
        provenance: Where the figure was read.
        source: The text it was read in, in a few words.
        citation: The paper the figure describes.
    """

    months: int
    survival: float
    provenance: Provenance
    source: str
    citation: Citation = KATAGIRI_2014

    def __str__(self) -> str:
        """Show ``91 % at 12 months``."""
        return f"{100 * self.survival:g} % at {self.months} months"


@frozen(kw_only=True)
class KatagiriBand:
    """A risk group with its published survival.

    Attributes:
        group: The group.
        low: Lowest total of the group.
        high: Highest total of the group.
        survival: The survival figures found for it, each with its provenance.
    """

    group: KatagiriGroup
    low: int
    high: int
    survival: tuple[SurvivalFigure, ...]


_ABSTRACT: Final = "Katagiri 2014 abstract"
_UGUR: Final = "Ugur et al. (Ann Joint) abstract, quoting the Katagiri cohort"
_CODE: Final = "open-source calculator code citing the paper"
_MEMORY: Final = "project clinical reference, from memory; not found in any source"

#: The risk groups and every survival figure found for them, tagged by provenance.
KATAGIRI_2014_BANDS: Final = (
    KatagiriBand(
        group=KatagiriGroup.LOW,
        low=0,
        high=LOW_RISK_MAX,
        survival=(
            SurvivalFigure(months=6, survival=0.979, provenance=Provenance.SECONDARY, source=_UGUR),
            # Ugur quotes 91.5 % and 77.2 %; the abstract's 91 % and 78 % are used.
            SurvivalFigure(
                months=12, survival=0.91, provenance=Provenance.PRIMARY, source=_ABSTRACT
            ),
            SurvivalFigure(
                months=24, survival=0.78, provenance=Provenance.PRIMARY, source=_ABSTRACT
            ),
        ),
    ),
    KatagiriBand(
        group=KatagiriGroup.INTERMEDIATE,
        low=LOW_RISK_MAX + 1,
        high=INTERMEDIATE_RISK_MAX,
        survival=(
            SurvivalFigure(months=6, survival=0.739, provenance=Provenance.SECONDARY, source=_UGUR),
            SurvivalFigure(months=12, survival=0.49, provenance=Provenance.SECONDARY, source=_CODE),
            SurvivalFigure(
                months=24, survival=0.28, provenance=Provenance.UNVERIFIED, source=_MEMORY
            ),
        ),
    ),
    KatagiriBand(
        group=KatagiriGroup.HIGH,
        low=INTERMEDIATE_RISK_MAX + 1,
        high=10,
        survival=(
            SurvivalFigure(
                months=6, survival=0.27, provenance=Provenance.PRIMARY, source=_ABSTRACT
            ),
            SurvivalFigure(
                months=12, survival=0.06, provenance=Provenance.PRIMARY, source=_ABSTRACT
            ),
            SurvivalFigure(
                months=24, survival=0.02, provenance=Provenance.UNVERIFIED, source=_MEMORY
            ),
        ),
    ),
)


def katagiri_group(total: int) -> KatagiriGroup:
    """Return the risk group of a Katagiri total (0-3 / 4-6 / 7-10).

    Examples:
        >>> [katagiri_group(total).value for total in (3, 4, 6, 7)]
        ['low', 'intermediate', 'intermediate', 'high']
    """
    if total <= LOW_RISK_MAX:
        return KatagiriGroup.LOW
    if total <= INTERMEDIATE_RISK_MAX:
        return KatagiriGroup.INTERMEDIATE
    return KatagiriGroup.HIGH


@frozen(kw_only=True)
class KatagiriScore:
    """The Katagiri 2014 score of a patient.

    Attributes:
        points: Total, 0-10; a range when inputs are unknown (exact and tight).
        category: The risk group, or ``None`` when the unknowns leave more than one.
        possible_categories: Every group some completion of the unknowns gives.
        components: The six factors with their findings and points.
        missing: Unknown inputs that could still change the group.
        notes: Caveats about the inputs (unverified groups, converted ECOG), each
            with its source.
        citation: Katagiri 2014.
    """

    points: ScoreRange
    category: KatagiriGroup | None
    possible_categories: frozenset[KatagiriGroup]
    components: tuple[ScoreComponent, ...]
    missing: tuple[str, ...]
    notes: tuple[Finding, ...] = ()
    citation: Citation = KATAGIRI_2014

    _repr_html_ = score_html

    @property
    def band(self) -> KatagiriBand | None:
        """The group's score range and survival figures, when the group is decided."""
        return next((b for b in KATAGIRI_2014_BANDS if b.group is self.category), None)

    def __str__(self) -> str:
        """One line: ``Katagiri 5 (intermediate): primary lesion 2, ...``."""
        category = " or ".join(
            _GROUP_WORDS.get(g, g.value) for g in KatagiriGroup if g in self.possible_categories
        )
        parts = ", ".join(str(component) for component in self.components)
        return f"Katagiri {self.points} ({category}): {parts}"


# --- The factors, each an item of the shared engine over its own inputs ----------------------


@frozen
class _Factor:
    """One Katagiri factor: its inputs (with the values still possible) and its points."""

    name: str
    domains: tuple[tuple[str, tuple[Hashable, ...]], ...]
    points: Callable[[Values, Hashable], int]  # a module-level function of values and table
    inputs: tuple[FindingInput, ...]
    finding: str
    table: Hashable = None  # what the points read besides the values (a table, cut-offs)

    @property
    def item(self) -> Item:
        """The factor as an item of :mod:`spinal_metastasis.ranges.enumeration`."""
        return Item(name=self.name, domains=self.domains, points=self.points, table=self.table)


def _inputs(**values: object) -> tuple[FindingInput, ...]:
    return finding_inputs(**values)


def _known_or_both(value: bool | None) -> tuple[bool, ...]:
    return (False, True) if value is None else (value,)


def _primary_factor(patient: "Patient | _Inputs", table: KatagiriPrimaryTable) -> _Factor:
    primary = patient.primary
    primaries = (primary,) if primary is not None else tuple(PrimaryTumor)
    unclassified = any(not table.classifies(member) for member in primaries)
    groups: tuple[Hashable, ...] = tuple(KatagiriPrimaryGroup) if unclassified else (None,)

    used: dict[str, object] = {"primary": primary}
    if primary is None or primary in table.by_hormone_dependence:
        used["hormone_dependent"] = patient.hormone_dependent
    if primary is None or primary in table.by_targeted_therapy:
        used["molecular_targeted_therapy"] = patient.molecular_targeted_therapy
    possible = table.possible_groups(
        primary,
        hormone_dependent=patient.hormone_dependent,
        molecular_targeted_therapy=patient.molecular_targeted_therapy,
    )
    finding = " or ".join(g.value for g in KatagiriPrimaryGroup if g in possible) + " growth"
    finding += f" ({'unknown primary' if primary is None else primary.label})"
    return _Factor(
        name="primary lesion",
        domains=(
            ("primary", primaries),
            ("hormone_dependent", _known_or_both(patient.hormone_dependent)),
            ("molecular_targeted_therapy", _known_or_both(patient.molecular_targeted_therapy)),
            ("primary_growth_group", groups),
        ),
        points=_primary_points,
        inputs=_inputs(**used),
        finding=finding,
        table=table,
    )


def _primary_points(values: Values, table: Hashable) -> int:
    member = values["primary"]
    assert isinstance(member, PrimaryTumor)  # noqa: S101 - narrows the type
    assert isinstance(table, KatagiriPrimaryTable)  # noqa: S101
    group = table.group(
        member,
        hormone_dependent=values["hormone_dependent"] is True,
        molecular_targeted_therapy=values["molecular_targeted_therapy"] is True,
    )
    return _PRIMARY_POINTS[group if group is not None else values["primary_growth_group"]]  # type: ignore[index]


def _visceral_points(values: Values, _table: Hashable) -> int:
    if values["disseminated_metastases"] is True:
        return DISSEMINATED_METASTASIS_POINTS
    if (
        values["visceral_metastases"] is not VisceralMetastases.NONE
        or values["brain_metastases"] is True
    ):
        return NODULAR_METASTASIS_POINTS
    return 0


def _visceral_factor(patient: "Patient | _Inputs") -> _Factor:
    visceral = patient.visceral_metastases
    item = _Factor(
        name="visceral or cerebral metastases",
        domains=(
            (
                "visceral_metastases",
                tuple(VisceralMetastases) if visceral is None else (visceral,),
            ),
            ("brain_metastases", _known_or_both(patient.brain_metastases)),
            ("disseminated_metastases", _known_or_both(patient.disseminated_metastases)),
        ),
        points=_visceral_points,
        inputs=_inputs(
            visceral_metastases=visceral,
            brain_metastases=patient.brain_metastases,
            disseminated_metastases=patient.disseminated_metastases,
        ),
        finding="",
    )
    texts = {0: "none", 1: "nodular visceral or cerebral", 2: "disseminated"}
    possible = enumerate_item(item.item).possible
    finding = " or ".join(texts[points] for points in sorted(possible))
    return attrs.evolve(item, finding=finding)


def _lab_factor_of(labs: tuple[float | None, ...], cutoffs: tuple[LabCutoff, ...]) -> _Factor:
    """The laboratory factor from the value each cut-off reads (``None``: unknown)."""
    # Typed as getattr(patient, field) was: the checks below narrow each value before use.
    measured: dict[str, Any] = {
        cutoff.field: value for cutoff, value in zip(cutoffs, labs, strict=True)
    }

    out = [
        f"{c.label} {measured[c.field]:g} {c.unit}"
        for c in cutoffs
        if measured[c.field] is not None and c.out_of_range(measured[c.field])
    ]
    unknown = [c.label for c in cutoffs if measured[c.field] is None]
    finding = ", ".join(out) if out else "all known values normal"
    if unknown:
        finding += "; unknown: " + ", ".join(unknown)
    return _Factor(
        name="laboratory data",
        domains=tuple(
            (
                c.field,
                (False, True)
                if measured[c.field] is None
                else (c.out_of_range(measured[c.field]),),
            )
            for c in cutoffs
        ),
        points=_lab_points,
        inputs=_inputs(**measured),
        finding=finding,
        table=cutoffs,
    )


def _lab_points(values: Values, cutoffs: Hashable) -> int:
    tiers = [
        _LAB_POINTS[c.tier]
        for c in cast("tuple[LabCutoff, ...]", cutoffs)
        if values[c.field] is True
    ]
    return max(tiers, default=0)


def _performance_factor(patient: "Patient | _Inputs", conversion: PerformanceConversion) -> _Factor:
    if patient.ecog == DEAD_ECOG:
        msg = f"'ecog' must be 0-4 for a survival score: ECOG {DEAD_ECOG} means death (got 5)"
        raise OutOfValidatedRangeError(msg, field="ecog")
    grades = sorted(possible_ecog(patient.kps, patient.ecog, conversion=conversion) - {DEAD_ECOG})
    if not grades:
        msg = f"'kps' must be above 0 for a survival score: KPS {patient.kps} means death"
        raise OutOfValidatedRangeError(msg, field="kps")
    if patient.ecog is not None:
        finding = f"ECOG {patient.ecog}"
    elif patient.kps is not None:
        finding = (
            f"ECOG {' or '.join(map(str, grades))} (from KPS {patient.kps}, {conversion.name})"
        )
    else:
        finding = "unknown"
    return _Factor(
        name="ECOG 3-4",
        domains=(("ecog", tuple(grades)),),
        points=_performance_points,
        inputs=_inputs(ecog=patient.ecog, kps=patient.kps),
        finding=finding,
    )


def _performance_points(values: Values, _table: Hashable) -> int:
    return int(values["ecog"] in POOR_PERFORMANCE_ECOG)


def _chemotherapy_points(values: Values, _table: Hashable) -> int:
    return int(values["previous_chemotherapy"] is True)


def _skeletal_points(values: Values, _table: Hashable) -> int:
    return int(values["vertebral_metastases"] + values["extraspinal_bone_metastases"] > 1)  # type: ignore[operator]


def _chemotherapy_factor(patient: "Patient | _Inputs") -> _Factor:
    given = patient.previous_chemotherapy
    return _Factor(
        name="previous chemotherapy",
        domains=(("previous_chemotherapy", _known_or_both(given)),),
        points=_chemotherapy_points,
        inputs=_inputs(previous_chemotherapy=given),
        finding=input_value(given).replace("true", "yes").replace("false", "no"),
    )


def _skeletal_factor(patient: "Patient | _Inputs") -> _Factor:
    involved = sum(len(lesion.levels) for lesion in patient.lesions)
    vertebral = patient.vertebral_metastases
    extraspinal = patient.extraspinal_bone_metastases
    # Counts are enumerated as 0, 1 and "2 or more": enough for "more than one".
    many = 2
    vertebral_text = (
        f"{vertebral} vertebral" if vertebral is not None else f"unknown vertebral (>= {involved})"
    )
    return _Factor(
        name="multiple skeletal metastases",
        domains=(
            (
                "vertebral_metastases",
                (min(vertebral, many),)
                if vertebral is not None
                else tuple(range(min(involved, many), many + 1)),
            ),
            (
                "extraspinal_bone_metastases",
                (min(extraspinal, many),) if extraspinal is not None else tuple(range(many + 1)),
            ),
        ),
        points=_skeletal_points,
        inputs=_inputs(
            vertebral_metastases=vertebral,
            extraspinal_bone_metastases=extraspinal,
        ),
        finding=f"{vertebral_text} + {input_value(extraspinal)} extraspinal",
    )


def _notes(
    patient: "_Inputs", table: KatagiriPrimaryTable, conversion: PerformanceConversion
) -> tuple[Finding, ...]:
    notes: list[Finding] = []
    primary = patient.primary
    if primary is not None and primary in table.unverified:
        group = table.fixed[primary].value
        notes.append(
            Finding(
                statement=(
                    f"The {group}-growth group of {primary.label} is from the project's clinical "
                    "reference; it was not seen in any reproduction of Katagiri 2014."
                ),
                citation=table.citation,
                inputs=(FindingInput(name="primary", value=primary.value),),
            )
        )
    if primary is not None and not table.classifies(primary):
        notes.append(
            Finding(
                statement=(
                    f"The table '{table.name}' does not classify {primary.label}: every growth "
                    "group is possible."
                ),
                citation=table.citation,
                inputs=(FindingInput(name="primary", value=primary.value),),
            )
        )
    if patient.ecog is None and patient.kps is not None:
        notes.append(
            Finding(
                statement=(
                    f"ECOG not recorded: the grades paired with KPS {patient.kps} by the "
                    f"{conversion.name} conversion are all possible."
                ),
                citation=conversion.citations[0],
                inputs=(FindingInput(name="kps", value=str(patient.kps)),),
            )
        )
    return tuple(notes)


def katagiri(
    patient: Patient,
    *,
    primary_groups: KatagiriPrimaryTable = KATAGIRI_2014_PRIMARY_GROUPS,
    conversion: PerformanceConversion | None = None,
    lab_cutoffs: tuple[LabCutoff, ...] = KATAGIRI_2014_LAB_CUTOFFS,
) -> KatagiriScore:
    r"""Score a patient with the Katagiri 2014 ("new") score.

    Unknown inputs give the exact range of totals over every completion, the
    groups still possible and the inputs that would decide the group.

    Args:
        patient: The patient; any clinical field may be ``None``.
        primary_groups: The grouping of primary lesions (default: every primary
            classified, with the groups not seen in any source flagged).
        conversion: The KPS-to-ECOG table used when only KPS is recorded
            (``None``: Ma 2010 or Prasad 2018, ``performance.MA_PRASAD``).
        lab_cutoffs: The laboratory cut-offs (default: Katagiri 2014).

    Returns:
        The score, its risk group (or the groups still possible) and the factors.

    Raises:
        OutOfValidatedRangeError: If the patient is recorded as dead (ECOG 5, or KPS 0
            with no ECOG).

    References:
        Katagiri H, Okada R, Takagi T, et al. New prognostic factors and scoring
        system for patients with skeletal metastasis. Cancer Med.
        2014;3(5):1359-1367. doi:10.1002/cam4.292. PMID 25044999. Abstract
        (factors, survival of the groups <= 3 and >= 7); point table as
        reproduced in open-source calculator code.

    Note:
        Derived in 808 patients with symptomatic skeletal metastases
        (2005-2008; 749 treated without surgery). External validation in 616
        irradiated patients (Kubota 2019). The primary groups of endometrial,
        ovarian, bladder, gallbladder, cervical and other cancers were not
        verified; results that use them say so in ``notes``.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> score = katagiri(example_patient())
        >>> score.points.value, score.category.value
        (1, 'low')
        >>> print(str(score).replace(", l", ",\n  l").replace(", p", ",\n  p"))
        Katagiri 1 (low): primary lesion 0, visceral or cerebral metastases 0,
          laboratory data 0, ECOG 3-4 0,
          previous chemotherapy 0, multiple skeletal metastases 1
    """
    inputs = _Inputs(
        primary=patient.primary,
        hormone_dependent=patient.hormone_dependent,
        molecular_targeted_therapy=patient.molecular_targeted_therapy,
        visceral_metastases=patient.visceral_metastases,
        brain_metastases=patient.brain_metastases,
        disseminated_metastases=patient.disseminated_metastases,
        kps=patient.kps,
        ecog=patient.ecog,
        previous_chemotherapy=patient.previous_chemotherapy,
        vertebral_metastases=patient.vertebral_metastases,
        extraspinal_bone_metastases=patient.extraspinal_bone_metastases,
        lesions=patient.lesions,
        labs=tuple(getattr(patient, cutoff.field) for cutoff in lab_cutoffs),
    )
    conversion = MA_PRASAD if conversion is None else conversion
    # -0.0 equals 0.0 as a key but is shown as "-0": such a record is scored afresh.
    score = _katagiri if has_negative_zero(inputs.labs) else _memoized_katagiri
    return score(inputs, primary_groups, conversion, lab_cutoffs)


class _Inputs(NamedTuple):
    """What the score reads of a patient: a cache key (see spinal_metastasis._cache).

    ``labs`` holds the value each laboratory cut-off reads, in the cut-offs' order.
    """

    primary: PrimaryTumor | None
    hormone_dependent: bool | None
    molecular_targeted_therapy: bool | None
    visceral_metastases: VisceralMetastases | None
    brain_metastases: bool | None
    disseminated_metastases: bool | None
    kps: int | None
    ecog: int | None
    previous_chemotherapy: bool | None
    vertebral_metastases: int | None
    extraspinal_bone_metastases: int | None
    lesions: tuple[SpinalLesion, ...]
    labs: tuple[float | None, ...]


def _katagiri(
    patient: _Inputs,
    primary_groups: KatagiriPrimaryTable,
    conversion: PerformanceConversion,
    lab_cutoffs: tuple[LabCutoff, ...],
) -> KatagiriScore:
    items = [
        _primary_factor(patient, primary_groups),
        _visceral_factor(patient),
        _lab_factor_of(patient.labs, lab_cutoffs),
        _performance_factor(patient, conversion),
        _chemotherapy_factor(patient),
        _skeletal_factor(patient),
    ]
    # The factors read disjoint inputs and the total is their sum: the sums of the factors'
    # possible points give the exact result without enumerating every completion.
    result = evaluate_items([item.item for item in items], katagiri_group)
    components = tuple(
        component(name=item.name, finding=item.finding, points=points, inputs=item.inputs)
        for item, points in zip(items, result.component_points, strict=True)
    )
    return KatagiriScore(
        **score_fields(result, components),
        notes=_notes(patient, primary_groups, conversion),
    )


# The score is a pure function of these fields and returns a frozen result: memoized, in a
# bounded cache (see spinal_metastasis._cache).
_memoized_katagiri: Final = bounded(RECORD_CACHE_SIZE)(_katagiri)
