"""Growth rate of the primary tumor in the Tomita score (2001).

Tomita grades the primary tumor by its growth: slow, moderate or rapid (cancer
of unknown primary counts as rapid). The reproductions read give the groups
only by example, so this table places only the primaries those examples name:

- slow: breast, thyroid, prostate;
- moderate: kidney, uterus;
- rapid: lung, liver, stomach, colon, and unknown primary.

Every other primary is ``None`` (group not verified): the score then gives the
range over the three groups, rather than a guess. The clinical reference's
fuller "rapid" list (esophagus, pancreas, bladder, melanoma, sarcomas) is from
memory and is not used; pass your own :class:`TomitaGrowthTable` to use it.

References:
    Tomita K, Kawahara N, Kobayashi T, Yoshida A, Murakami H, Akamaru T.
    Surgical strategy for spinal metastases. Spine (Phila Pa 1976).
    2001;26(3):298-306. doi:10.1097/00007632-200102010-00016.
"""

from collections.abc import Mapping
from enum import StrEnum
from typing import Final

from attrs import field, frozen

from spinal_metastasis._validators import InstanceRule, StringRule
from spinal_metastasis.evidence import Citation
from spinal_metastasis.histology._tables import every_primary as _every_primary
from spinal_metastasis.histology._tables import read_only as _read_only
from spinal_metastasis.histology.primary import PrimaryTumor
from spinal_metastasis.sources.scores import TOMITA_2001

__all__ = ["TOMITA_2001_GROWTH", "TomitaGrowth", "TomitaGrowthTable", "tomita_growth"]


class TomitaGrowth(StrEnum):
    """Growth rate of the primary tumor (Tomita 2001)."""

    SLOW = "slow"
    MODERATE = "moderate"
    RAPID = "rapid"


@frozen(kw_only=True, repr=False)
class TomitaGrowthTable:
    """The growth group of every primary tumor.

    Attributes:
        name: Short name of the table.
        groups: For every :class:`~spinal_metastasis.histology.PrimaryTumor`, its
            group, or ``None`` when the table does not place it (the score then
            gives a range).
        citation: The source of the table.
        notes: What the table rests on.
        version: Version of the table's content, raised whenever an entry changes
            (:func:`spinal_metastasis.provenance.table_digest` detects any change).
    """

    name: str = field(validator=StringRule(optional=False))
    groups: Mapping[PrimaryTumor, TomitaGrowth | None] = field(
        converter=_read_only, validator=_every_primary, hash=False
    )
    citation: Citation = field(validator=InstanceRule(cls=Citation, optional=False))
    notes: str = field(validator=StringRule(optional=False, max_length=2000))
    version: str = field(default="1", validator=StringRule(optional=False, max_length=40))

    def __repr__(self) -> str:
        """Show the name only (the table itself is long)."""
        return f"TomitaGrowthTable(name={self.name!r})"

    @property
    def unplaced(self) -> frozenset[PrimaryTumor]:
        """The primaries whose group the table leaves open."""
        return frozenset(primary for primary, group in self.groups.items() if group is None)


_P = PrimaryTumor
# Tomita 2001 growth groups as the reproductions read give them ("e.g."); nothing else placed.
_VERIFIED: Final = {
    TomitaGrowth.SLOW: (_P.BREAST, _P.THYROID, _P.PROSTATE),
    TomitaGrowth.MODERATE: (_P.KIDNEY, _P.UTERUS),
    TomitaGrowth.RAPID: (
        _P.LUNG_NON_SMALL_CELL,
        _P.LUNG_SMALL_CELL,
        _P.LIVER,
        _P.STOMACH,
        _P.COLON,
        _P.UNKNOWN_PRIMARY,
    ),
}

#: The default, only the example primaries the reproductions name; every other primary open.
TOMITA_2001_GROWTH: Final = TomitaGrowthTable(
    name="Tomita 2001 (named examples only)",
    groups={
        primary: next((g for g, members in _VERIFIED.items() if primary in members), None)
        for primary in PrimaryTumor
    },
    citation=TOMITA_2001,
    notes=(
        "Slow: breast, thyroid, prostate; moderate: kidney, uterus; rapid: lung (both types), "
        "liver, stomach, colon, and unknown primary, as named by example ('e.g.') in open-source "
        "calculator reproductions of the table. The paper's full lists were not read; every "
        "other primary is left open."
    ),
)


def tomita_growth(
    primary: PrimaryTumor | None, *, table: TomitaGrowthTable = TOMITA_2001_GROWTH
) -> TomitaGrowth | None:
    """Return the Tomita growth group of a primary, or ``None`` when not placed or unknown.

    References:
        Tomita K, Kawahara N, Kobayashi T, et al. Spine (Phila Pa 1976).
        2001;26(3):298-306. doi:10.1097/00007632-200102010-00016.

    Examples:
        >>> tomita_growth(PrimaryTumor.BREAST).value, tomita_growth(PrimaryTumor.KIDNEY).value
        ('slow', 'moderate')
        >>> tomita_growth(PrimaryTumor.UNKNOWN_PRIMARY).value
        'rapid'
        >>> tomita_growth(PrimaryTumor.MELANOMA) is None
        True
    """
    return None if primary is None else table.groups[primary]
