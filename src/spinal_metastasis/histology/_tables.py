"""Converters and validators that the per-source tables of primary tumors share."""

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from spinal_metastasis._validators import fail
from spinal_metastasis.histology.primary import PrimaryTumor

if TYPE_CHECKING:
    from attrs import Attribute


def read_only(value: Mapping[PrimaryTumor, Any]) -> Mapping[PrimaryTumor, Any]:
    """Copy a table into a read-only mapping."""
    return MappingProxyType(dict(value))


def primaries(value: Iterable[PrimaryTumor]) -> frozenset[PrimaryTumor]:
    """Freeze a collection of primary tumors."""
    return frozenset(value)


def every_primary(instance: object, attribute: "Attribute[Any]", value: object) -> None:
    """Reject a table that lacks an entry for some primary tumor."""
    keys = set(value) if isinstance(value, Mapping) else set()
    absent = [primary.value for primary in PrimaryTumor if primary not in keys]
    if absent or len(keys) != len(PrimaryTumor):
        fail(attribute, "a mapping with an entry for every PrimaryTumor", ", ".join(absent))
