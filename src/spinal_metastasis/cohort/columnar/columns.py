"""Input columns and the integer channels the lookup tables are indexed by.

The columns are every scalar field of Patient and SpinalLesion; a channel is the
integer coding of one input (0 is *unknown*), in the enum's order.
"""

from collections.abc import Mapping
from enum import Enum
from types import MappingProxyType
from typing import Any, Final, TypeAlias, TypeVar, cast

import attrs
import numpy.typing as npt
from attrs import frozen

from spinal_metastasis._validators import BoolRule, EnumRule, IntegerRule, NumberRule
from spinal_metastasis.anatomy import SinsLocation, VertebralLevel
from spinal_metastasis.model import Patient, SpinalLesion
from spinal_metastasis.performance import ECOG_VALUES, KPS_VALUES
from spinal_metastasis.scores import bauer, katagiri, nesms, tokuhashi, tomita

__all__ = [
    "COLUMNS",
    "ERRORS_COLUMN",
    "SCORES",
]


FrameT = TypeVar("FrameT")
_Array: TypeAlias = npt.NDArray[Any]  # noqa: PYI047 - used by the package's modules

#: The six scores, in output order; each adds ``<name>_low``, ``<name>_high``, ``<name>_category``.
SCORES: Final = ("sins", "tokuhashi_revised", "tomita", "modified_bauer", "nesms", "katagiri")
#: Name of the added column that holds each row's error messages (null when the row is clean).
ERRORS_COLUMN: Final = "score_errors"


# --- The columns: every scalar field of Patient and SpinalLesion -----------------------------

_Rule = IntegerRule | NumberRule | BoolRule | EnumRule


def _rule_of(field: "attrs.Attribute[Any]") -> _Rule | None:
    validators = getattr(field.validator, "_validators", None) or (field.validator,)
    return next((v for v in validators if isinstance(v, _Rule)), None)


def _scalar_fields() -> dict[str, "attrs.Attribute[Any]"]:
    fields: dict[str, attrs.Attribute[Any]] = {"levels": attrs.fields(SpinalLesion).levels}
    for cls in (SpinalLesion, Patient):
        for field in attrs.fields(cls):
            if _rule_of(field) is not None:
                fields[field.name] = field
    return fields


_FIELDS: Final = MappingProxyType(_scalar_fields())

#: The default column of every model field the frame may carry: the field's own name. Lesion
#: fields (``levels``, ``pain``, ... ``paraspinal_extension``) and patient fields (``primary``,
#: ``kps``, ... ``active_infection``) sit side by side. Pass ``columns`` to rename any of them.
COLUMNS: Final[Mapping[str, str]] = MappingProxyType({name: name for name in _FIELDS})


# --- Channels: the integer codes the tables are indexed by -----------------------------------

# Every score reads a count of metastases only up to a few (Tokuhashi: ">= 3"; Bauer, Tomita and
# Katagiri: "2 or more"), so counts are coded 0, 1, 2 and "at least the largest of these".
_COUNT_CAP: Final = max(
    tokuhashi._EXTRASPINAL_MANY,  # noqa: SLF001 - the score's own constants
    tokuhashi._VERTEBRAL_MANY,  # noqa: SLF001
    bauer._MANY,  # noqa: SLF001
    tomita._SEVERAL_VERTEBRAE,  # noqa: SLF001
)
_COUNTS: Final = tuple(range(_COUNT_CAP + 1))
_LEVELS: Final = tuple(VertebralLevel)


@frozen
class _Channel:
    """Integer codes of one input: code ``i`` stands for ``values[i]``; ``values[0]`` is unknown."""

    name: str
    values: tuple[Any, ...]

    @property
    def size(self) -> int:
        return len(self.values)


def _enum_channel(name: str, enum_type: type[Enum]) -> _Channel:
    # The category order is the enum's declaration order, never the alphabet.
    return _Channel(name, (None, *enum_type))


def _lab_channel(cutoff: katagiri.LabCutoff) -> _Channel:
    """Unknown, a value within range, a value out of range (representatives of each)."""
    inside, outside = (
        (cutoff.threshold, cutoff.threshold / 2)
        if cutoff.below
        else (cutoff.threshold / 2, cutoff.threshold)
    )
    if cutoff.out_of_range(inside) or not cutoff.out_of_range(outside):  # pragma: no cover
        msg = f"representatives of {cutoff.field} do not fall on both sides of its cut-off"
        raise AssertionError(msg)
    return _Channel(f"{cutoff.field}@katagiri", (None, inside, outside))


_NESMS_ALBUMIN: Final = nesms.ALBUMIN_THRESHOLD_G_PER_DL
_BOOL_FIELDS: Final = (
    "ambulatory",
    "brain_metastases",
    "disseminated_metastases",
    "hormone_dependent",
    "molecular_targeted_therapy",
    "previous_chemotherapy",
)


def _channels() -> dict[str, _Channel]:
    channels = [
        _enum_channel("location", SinsLocation),
        _Channel("involved", _COUNTS),  # levels of the lesion (0: no lesion recorded)
        *(
            _enum_channel(name, cast("EnumRule", _rule_of(_FIELDS[name])).enum_type)
            for name in (
                "pain",
                "bone_lesion",
                "alignment",
                "collapse",
                "posterolateral",
                "primary",
                "frankel",
                "visceral_metastases",
            )
        ),
        *(_Channel(name, (None, False, True)) for name in _BOOL_FIELDS),
        _Channel("kps", (None, *KPS_VALUES)),
        _Channel("ecog", (None, *ECOG_VALUES)),
        _Channel("vertebral_metastases", (None, *_COUNTS)),
        _Channel("extraspinal_bone_metastases", (None, *_COUNTS)),
        *(_lab_channel(cutoff) for cutoff in katagiri.KATAGIRI_2014_LAB_CUTOFFS),
        _Channel("albumin_g_per_dl@nesms", (None, _NESMS_ALBUMIN / 2, _NESMS_ALBUMIN)),
    ]
    return {channel.name: channel for channel in channels}
