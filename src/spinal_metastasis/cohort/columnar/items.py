"""The items of each score: its possible points for each combination of channel codes.

SINS and the NESMS read their modules' point tables; the other scores are read through
their own evaluation: an item is one or more of the score's components and the channels they
read, and its points are the components' exact range (no point is tabulated here).
"""

import functools
from collections.abc import Callable, Collection, Hashable, Mapping
from types import MappingProxyType
from typing import Any, Final, Protocol

import attrs
from attrs import frozen

from spinal_metastasis.anatomy import SinsLocation
from spinal_metastasis.cohort.columnar.columns import _LEVELS, _channels
from spinal_metastasis.model import Patient, SpinalLesion
from spinal_metastasis.ranges.enumeration import ScoreComponent
from spinal_metastasis.scores import bauer, katagiri, nesms, sins, tokuhashi, tomita

# --- Items: the possible points of each item, from the scores' own tables ---------------------


class _NotScored(Exception):  # noqa: N818 - a control-flow signal, not an error
    """The score does not apply to the row and that is not an error (SINS without a lesion)."""


_PointsFn = Callable[..., Collection[int]]


@frozen
class _Item:
    """An item (or items that share inputs): the points it can give for given channel values.

    ``points`` returns the possible points, raises ``OutOfValidatedRangeError`` when the score
    does not apply (with the scalar function's own message), or ``_NotScored``.
    """

    channels: tuple[str, ...]
    points: _PointsFn


@frozen
class _Score:
    """A score as columns: its items, how totals become categories, and the output categories."""

    name: str
    items: tuple[_Item, ...]
    categorize: Callable[[int], Hashable]
    categories: tuple[Hashable, ...]
    total: Callable[[int], int] = int


class _Scored(Protocol):
    """A score's result, as columnar scoring reads it: its components."""

    @property
    def components(self) -> tuple[ScoreComponent, ...]: ...


def _patient(**values: Any) -> Patient:  # noqa: ANN401 - values of any field
    """A patient with only the given fields known; ``involved`` levels become one lesion."""
    involved = values.pop("involved", 0)
    lesions = (SpinalLesion(levels=_LEVELS[:involved]),) if involved else ()
    return Patient(lesions=lesions, **values)


def _from_table(table: Mapping[Any, int], value: object) -> tuple[int, ...]:
    """The points of a finding in a point table; every row's when the finding is unknown."""
    return tuple(table.values()) if value is None else (table[value],)


def _sins_location(location: SinsLocation | None) -> tuple[int, ...]:
    if location is None:
        raise _NotScored
    return (sins._LOCATION_POINTS[location],)  # noqa: SLF001


def _sins() -> _Score:
    # sins(): each component is its own table; an unknown finding takes every row of it.
    findings = ("pain", "bone_lesion", "alignment", "collapse", "posterolateral")
    return _Score(
        name="sins",
        items=(
            _Item(("location",), _sins_location),
            *(
                _Item((name,), functools.partial(_from_table, sins._TABLES[name]))  # noqa: SLF001
                for name in findings
            ),
        ),
        categorize=sins.sins_category,
        categories=tuple(sins.SinsCategory),
    )


def _component_points(
    score: Callable[[Patient], _Scored],
    indices: tuple[int, ...],
    channels: tuple[str, ...],
    *values: object,
) -> tuple[int, int]:
    """Lowest and highest points of the score's components ``indices`` for these channel values.

    The score's own evaluation gives each component's exact range over the completions of
    its fields; the fields the components do not read are known (a value of their channel),
    so that the other items are evaluated once.
    """
    fields = {
        channel.split("@", 1)[0]: value for channel, value in zip(channels, values, strict=True)
    }
    components = score(_patient(**{**_others_known(), **fields})).components
    return (
        sum(components[index].points.low for index in indices),
        sum(components[index].points.high for index in indices),
    )


@functools.cache
def _others_known() -> Mapping[str, object]:
    """A known value of every patient field the survival scores read, but the counts and KPS.

    The first value of each channel (for a laboratory value, its value within range); the
    counts (0 is outside the scores) and KPS (0 is death) stay unknown.
    """
    unread = ("location", "involved", "kps", "vertebral_metastases", "extraspinal_bone_metastases")
    patient_fields = {field.name for field in attrs.fields(Patient)}
    return MappingProxyType(
        {
            name.split("@", 1)[0]: channel.values[1]
            for name, channel in _channels().items()
            if name not in unread and name.split("@", 1)[0] in patient_fields
        }
    )


def _declared(
    name: str,
    score: Callable[[Patient], _Scored],
    items: tuple[tuple[tuple[int, ...], tuple[str, ...]], ...],
    categorize: Callable[[int], Hashable],
    categories: tuple[Hashable, ...],
) -> _Score:
    """A score whose items are its own components, each over the channels it reads."""
    return _Score(
        name=name,
        items=tuple(
            _Item(channels, functools.partial(_component_points, score, indices, channels))
            for indices, channels in items
        ),
        categorize=categorize,
        categories=categories,
    )


# Each item: the score's components it sums, and the channels (model fields) they read.
_COUNTS_READ: Final = ("vertebral_metastases", "extraspinal_bone_metastases", "involved")


def _tokuhashi() -> _Score:
    return _declared(
        "tokuhashi_revised",
        tokuhashi.tokuhashi_revised,
        (
            ((0,), ("kps", "ecog")),
            ((1,), ("extraspinal_bone_metastases",)),
            ((2,), ("vertebral_metastases", "involved")),
            ((3,), ("visceral_metastases",)),
            ((4,), ("primary",)),
            ((5,), ("frankel",)),
        ),
        tokuhashi.tokuhashi_category,
        tuple(tokuhashi.TokuhashiCategory),
    )


def _tomita() -> _Score:
    return _declared(
        "tomita",
        tomita.tomita,
        (((0,), ("primary",)), ((1,), ("visceral_metastases",)), ((2,), _COUNTS_READ)),
        tomita.tomita_category,
        tuple(tomita.TomitaCategory),
    )


def _modified_bauer() -> _Score:
    # No lung cancer and favorable primary read the primary alone: one item of two components.
    return _declared(
        "modified_bauer",
        bauer.modified_bauer,
        (((0,), ("visceral_metastases",)), ((1, 2), ("primary",)), ((3,), _COUNTS_READ)),
        bauer.modified_bauer_strategy,
        tuple(bauer.ModifiedBauerStrategy),
    )


# Sums are packed into one int16 per row: low + _HIGH * high, plus _INVALID when some item of
# the score does not apply to the row (a few _INVALID never reach _HIGH).
_HIGH: Final = 128
_INVALID: Final = 32
# The packed result of a score: low in bits 0-4, high in bits 5-9, category code + 1 in bits
# 10-13 (0: undetermined), and bit 14 when the score is null on the row.
_LOW_BITS: Final = 5
_CATEGORY_SHIFT: Final = 10
_NULL_FLAG: Final = 1 << 14


def _nesms_bauer(packed: int) -> set[int]:
    """NESMS item "modified Bauer >= 3" from the modified Bauer range (low and high)."""
    low, high = packed % _HIGH, packed // _HIGH
    if low >= _INVALID:  # pragma: no cover - modified Bauer applies to every valid row
        raise _NotScored
    return {
        nesms.MODIFIED_BAUER_POINTS if total >= nesms.MODIFIED_BAUER_THRESHOLD else 0
        for total in (low, high)
    }


def _nesms_ambulatory(ambulatory: bool | None) -> set[int]:
    walks = (False, True) if ambulatory is None else (ambulatory,)
    return {nesms.AMBULATORY_POINTS if value is True else 0 for value in walks}


def _nesms_albumin(albumin: float | None) -> set[int]:
    high = (False, True) if albumin is None else (albumin >= nesms.ALBUMIN_THRESHOLD_G_PER_DL,)
    return {nesms.ALBUMIN_POINTS if value is True else 0 for value in high}


def _nesms_total(raw: int) -> int:
    return nesms._capped((raw,))  # noqa: SLF001 - the ceiling applies after the sum


def _nesms() -> _Score:
    return _Score(
        name="nesms",
        items=(
            _Item(("modified_bauer@packed",), _nesms_bauer),
            _Item(("ambulatory",), _nesms_ambulatory),
            _Item(("albumin_g_per_dl@nesms",), _nesms_albumin),
        ),
        categorize=nesms._identity,  # noqa: SLF001
        categories=tuple(range(nesms.CEILING + 1)),
        total=_nesms_total,
    )


def _katagiri() -> _Score:
    labs = tuple(f"{cutoff.field}@katagiri" for cutoff in katagiri.KATAGIRI_2014_LAB_CUTOFFS)
    return _declared(
        "katagiri",
        katagiri.katagiri,
        (
            ((0,), ("primary", "hormone_dependent", "molecular_targeted_therapy")),
            ((1,), ("visceral_metastases", "brain_metastases", "disseminated_metastases")),
            ((2,), labs),
            ((3,), ("kps", "ecog")),
            ((4,), ("previous_chemotherapy",)),
            ((5,), _COUNTS_READ),
        ),
        katagiri.katagiri_group,
        tuple(katagiri.KatagiriGroup),
    )
