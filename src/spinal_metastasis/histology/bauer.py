"""Primary-tumor groups of the Bauer and modified Bauer scores.

Two Bauer items read the primary: "no lung cancer" and "primary = breast,
kidney, lymphoma or myeloma". Each primary therefore falls in one of three
groups: favorable (both items score), lung (neither scores) or other (only
"no lung cancer" scores). The table is data: pass another
:class:`BauerPrimaryTable` to the scores to use another grouping.

References:
    Bauer HC, Wedin R. Survival after surgery for spinal and extremity
    metastases. Prognostication in 241 patients. Acta Orthop Scand.
    1995;66(2):143-146. doi:10.3109/17453679508995508. Abstract (variables).

    Leithner A, Radl R, Gruber G, et al. Predictive value of seven preoperative
    prognostic scoring systems for spinal metastases. Eur Spine J.
    2008;17(11):1488-1495. doi:10.1007/s00586-008-0763-1 (same primary items).
"""

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Final

from attrs import Attribute, field, frozen

from spinal_metastasis._validators import StringRule, fail
from spinal_metastasis.evidence import Citation
from spinal_metastasis.histology.primary import PrimaryTumor
from spinal_metastasis.sources.survival import BAUER_1995

__all__ = ["BAUER_1995_PRIMARY_GROUPS", "BauerPrimaryGroup", "BauerPrimaryTable"]


class BauerPrimaryGroup(StrEnum):
    """Group of a primary tumor for the two Bauer primary items.

    ``FAVORABLE``: breast, kidney, lymphoma or myeloma (1 point for the
    favorable-primary item and 1 for "no lung cancer"). ``LUNG``: lung cancer
    (0 and 0). ``OTHER``: any other primary (0 and 1).
    """

    FAVORABLE = "favorable"
    LUNG = "lung"
    OTHER = "other"


def _complete(instance: object, attribute: "Attribute[Any]", value: object) -> None:
    groups = value if isinstance(value, Mapping) else {}
    absent = [member.value for member in PrimaryTumor if member not in groups]
    if absent:
        fail(attribute, "a group for every primary tumor", ", ".join(absent))


@frozen(kw_only=True, repr=False)
class BauerPrimaryTable:
    """A grouping of primary tumors for the Bauer scores.

    Attributes:
        name: Short name of the table.
        groups: The group of every :class:`~spinal_metastasis.histology.PrimaryTumor`.
        citation: The source of the grouping.
        version: Version of the table's content, raised whenever an entry changes
            (:func:`spinal_metastasis.provenance.table_digest` detects any change).
    """

    name: str
    # A mapping is not hashable: the hash leaves it out (equality compares it), so that a
    # table can be part of a memoization key, as the other histology tables are.
    groups: Mapping[PrimaryTumor, BauerPrimaryGroup] = field(validator=_complete, hash=False)
    citation: Citation
    version: str = field(default="1", validator=StringRule(optional=False, max_length=40))

    def __repr__(self) -> str:
        """Show the table by name only (``BauerPrimaryTable('...')``): the mapping is long."""
        return f"{type(self).__name__}({self.name!r})"

    def possible_groups(self, primary: PrimaryTumor | None) -> tuple[BauerPrimaryGroup, ...]:
        """Return the groups still possible: one for a known primary, else every group used.

        Examples:
            >>> BAUER_1995_PRIMARY_GROUPS.possible_groups(PrimaryTumor.KIDNEY)
            (<BauerPrimaryGroup.FAVORABLE: 'favorable'>,)
            >>> len(BAUER_1995_PRIMARY_GROUPS.possible_groups(None))
            3
        """
        if primary is not None:
            return (self.groups[primary],)
        used = set(self.groups.values())
        return tuple(group for group in BauerPrimaryGroup if group in used)


_FAVORABLE: Final = frozenset(
    {PrimaryTumor.BREAST, PrimaryTumor.KIDNEY, PrimaryTumor.LYMPHOMA, PrimaryTumor.MYELOMA}
)
_LUNG: Final = frozenset({PrimaryTumor.LUNG_NON_SMALL_CELL, PrimaryTumor.LUNG_SMALL_CELL})

#: Groups from the Bauer 1995 abstract, with breast, kidney, myeloma and lymphoma favorable,
#: lung cancer unfavorable, every other primary, including cancer of unknown origin, is "other".
BAUER_1995_PRIMARY_GROUPS: Final = BauerPrimaryTable(
    name="Bauer 1995",
    groups=MappingProxyType(
        {
            member: (
                BauerPrimaryGroup.FAVORABLE
                if member in _FAVORABLE
                else BauerPrimaryGroup.LUNG
                if member in _LUNG
                else BauerPrimaryGroup.OTHER
            )
            for member in PrimaryTumor
        }
    ),
    citation=BAUER_1995,
)
