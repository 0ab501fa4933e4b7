"""The items of each score: its possible points for each combination of channel codes.

Each item reads the scalar score module's own tables and helpers.
"""

import functools
import itertools
from collections.abc import Callable, Collection, Hashable, Mapping
from types import MappingProxyType
from typing import Any, Final, cast

from attrs import frozen

from spinal_metastasis.anatomy import SinsLocation
from spinal_metastasis.cohort.columnar.columns import _LEVELS
from spinal_metastasis.histology.bauer import BAUER_1995_PRIMARY_GROUPS
from spinal_metastasis.histology.katagiri import KATAGIRI_2014_PRIMARY_GROUPS
from spinal_metastasis.histology.tokuhashi import TOKUHASHI_2005_PRIMARY
from spinal_metastasis.histology.tomita import TOMITA_2001_GROWTH
from spinal_metastasis.model import Frankel, Patient, SpinalLesion, VisceralMetastases
from spinal_metastasis.performance import MA_PRASAD
from spinal_metastasis.ranges.enumeration import enumerate_item
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


def _tokuhashi_condition(kps: int | None, ecog: int | None) -> tuple[int, ...]:
    patient = Patient(kps=kps, ecog=ecog)
    values = tokuhashi._kps_values(patient, MA_PRASAD)  # noqa: SLF001
    return cast("tuple[int, ...]", tokuhashi._kps_factor(patient, values).domain)  # noqa: SLF001


def _tokuhashi_extraspinal(count: int | None) -> tuple[int, ...]:
    if count is None:
        return tokuhashi._ITEM_POINTS  # noqa: SLF001
    return (tokuhashi._extraspinal_points(count),)  # noqa: SLF001


def _tokuhashi_vertebral(count: int | None, involved: int) -> tuple[int, ...]:
    return tokuhashi._vertebral_domain(count, involved)  # noqa: SLF001


def _tokuhashi_visceral(visceral: VisceralMetastases | None) -> tuple[int, ...]:
    if visceral is None:
        return tokuhashi._ITEM_POINTS  # noqa: SLF001
    return (tokuhashi._VISCERAL_POINTS[visceral],)  # noqa: SLF001


def _tokuhashi_palsy(frankel: Frankel | None) -> tuple[int, ...]:
    if frankel is None:
        return tokuhashi._ITEM_POINTS  # noqa: SLF001
    return (tokuhashi._PALSY_POINTS[frankel],)  # noqa: SLF001


def _tokuhashi() -> _Score:
    return _Score(
        name="tokuhashi_revised",
        items=(
            _Item(("kps", "ecog"), _tokuhashi_condition),
            _Item(("extraspinal_bone_metastases",), _tokuhashi_extraspinal),
            _Item(("vertebral_metastases", "involved"), _tokuhashi_vertebral),
            _Item(("visceral_metastases",), _tokuhashi_visceral),
            _Item(("primary",), TOKUHASHI_2005_PRIMARY.possible_points),
            _Item(("frankel",), _tokuhashi_palsy),
        ),
        categorize=tokuhashi.tokuhashi_category,
        categories=tuple(tokuhashi.TokuhashiCategory),
    )


def _tomita_growth(primary: object) -> tuple[int, ...]:
    group = None if primary is None else TOMITA_2001_GROWTH.groups[cast("Any", primary)]
    return _from_table(tomita._GROWTH_POINTS, group)  # noqa: SLF001


def _tomita_bone(vertebral: int | None, extraspinal: int | None, involved: int) -> set[int]:
    # tomita(): solitary means one vertebral body and no extraspinal focus; levels bound the count.
    vertebrae = tomita._vertebral_domain(vertebral, involved)  # noqa: SLF001
    some, none = tomita._SOME_EXTRASPINAL, tomita._NO_EXTRASPINAL  # noqa: SLF001
    foci = (none, some) if extraspinal is None else (min(extraspinal, some),)
    return {
        tomita._SOLITARY_POINTS  # noqa: SLF001
        if (count == tomita._ONE_VERTEBRA and focus == none)  # noqa: SLF001
        else tomita._MULTIPLE_POINTS  # noqa: SLF001
        for count in vertebrae
        for focus in foci
    }


def _tomita() -> _Score:
    return _Score(
        name="tomita",
        items=(
            _Item(("primary",), _tomita_growth),
            _Item(
                ("visceral_metastases",),
                functools.partial(_from_table, tomita._VISCERAL_POINTS),  # noqa: SLF001
            ),
            _Item(
                ("vertebral_metastases", "extraspinal_bone_metastases", "involved"), _tomita_bone
            ),
        ),
        categorize=tomita.tomita_category,
        categories=tuple(tomita.TomitaCategory),
    )


# bauer._modified_items(values) returns the four items in this order; each reads these factors.
_BAUER_ITEMS: Final = MappingProxyType(
    {
        ("visceral_metastases",): (0,),
        ("primary",): (1, 2),  # no lung cancer, favorable primary: one factor, two items
        ("vertebral_metastases", "extraspinal_bone_metastases"): (3,),
    }
)


def _bauer_points(factors: tuple[str, ...], **values: Any) -> set[int]:  # noqa: ANN401
    """Points of the modified Bauer items that read ``factors``, over every completion.

    The factors and the item rule are bauer's own (``_modified_factors``,
    ``_modified_items``); the factors the items do not read are held at any value.
    """
    patient = _patient(**values)
    domains = {
        item.name: item.domain
        for item in bauer._modified_factors(patient, BAUER_1995_PRIMARY_GROUPS)  # noqa: SLF001
    }
    positions = _BAUER_ITEMS[factors]
    fixed = {name: domain[0] for name, domain in domains.items()}
    points: set[int] = set()
    for combination in itertools.product(*(domains[name] for name in factors)):
        items = bauer._modified_items({**fixed, **dict(zip(factors, combination, strict=True))})  # noqa: SLF001
        points.add(sum(items[position] for position in positions))
    return points


def _bauer_visceral(visceral: object) -> set[int]:
    return _bauer_points(("visceral_metastases",), visceral_metastases=visceral)


def _bauer_primary(primary: object) -> set[int]:
    return _bauer_points(("primary",), primary=primary)


def _bauer_solitary(vertebral: int | None, extraspinal: int | None, involved: int) -> set[int]:
    return _bauer_points(
        ("vertebral_metastases", "extraspinal_bone_metastases"),
        vertebral_metastases=vertebral,
        extraspinal_bone_metastases=extraspinal,
        involved=involved,
    )


def _modified_bauer() -> _Score:
    return _Score(
        name="modified_bauer",
        items=(
            _Item(("visceral_metastases",), _bauer_visceral),
            _Item(("primary",), _bauer_primary),
            _Item(
                ("vertebral_metastases", "extraspinal_bone_metastases", "involved"),
                _bauer_solitary,
            ),
        ),
        categorize=bauer.modified_bauer_strategy,
        categories=tuple(bauer.ModifiedBauerStrategy),
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


def _katagiri_points(
    build: Callable[..., Any],
    *args: object,
    **values: Any,  # noqa: ANN401 - values of any field
) -> frozenset[int]:
    """Possible points of a Katagiri factor, enumerated by katagiri's own factor code."""
    return enumerate_item(build(_patient(**values), *args).item).possible


def _katagiri_primary(
    primary: object, hormone: bool | None, targeted: bool | None
) -> frozenset[int]:
    return _katagiri_points(
        katagiri._primary_factor,  # noqa: SLF001
        KATAGIRI_2014_PRIMARY_GROUPS,
        primary=primary,
        hormone_dependent=hormone,
        molecular_targeted_therapy=targeted,
    )


def _katagiri_visceral(
    visceral: object, brain: bool | None, disseminated: bool | None
) -> frozenset[int]:
    return _katagiri_points(
        katagiri._visceral_factor,  # noqa: SLF001
        visceral_metastases=visceral,
        brain_metastases=brain,
        disseminated_metastases=disseminated,
    )


def _katagiri_labs(*values: float | None) -> frozenset[int]:
    cutoffs = katagiri.KATAGIRI_2014_LAB_CUTOFFS
    measured = {cutoff.field: value for cutoff, value in zip(cutoffs, values, strict=True)}
    return _katagiri_points(katagiri._lab_factor, cutoffs, **measured)  # noqa: SLF001


def _katagiri_performance(kps: int | None, ecog: int | None) -> frozenset[int]:
    return _katagiri_points(katagiri._performance_factor, MA_PRASAD, kps=kps, ecog=ecog)  # noqa: SLF001


def _katagiri_chemotherapy(given: bool | None) -> frozenset[int]:
    return _katagiri_points(katagiri._chemotherapy_factor, previous_chemotherapy=given)  # noqa: SLF001


def _katagiri_skeletal(
    vertebral: int | None, extraspinal: int | None, involved: int
) -> frozenset[int]:
    return _katagiri_points(
        katagiri._skeletal_factor,  # noqa: SLF001
        vertebral_metastases=vertebral,
        extraspinal_bone_metastases=extraspinal,
        involved=involved,
    )


def _katagiri() -> _Score:
    labs = tuple(f"{cutoff.field}@katagiri" for cutoff in katagiri.KATAGIRI_2014_LAB_CUTOFFS)
    return _Score(
        name="katagiri",
        items=(
            _Item(
                ("primary", "hormone_dependent", "molecular_targeted_therapy"), _katagiri_primary
            ),
            _Item(
                ("visceral_metastases", "brain_metastases", "disseminated_metastases"),
                _katagiri_visceral,
            ),
            _Item(labs, _katagiri_labs),
            _Item(("kps", "ecog"), _katagiri_performance),
            _Item(("previous_chemotherapy",), _katagiri_chemotherapy),
            _Item(
                ("vertebral_metastases", "extraspinal_bone_metastases", "involved"),
                _katagiri_skeletal,
            ),
        ),
        categorize=katagiri.katagiri_group,
        categories=tuple(katagiri.KatagiriGroup),
    )
