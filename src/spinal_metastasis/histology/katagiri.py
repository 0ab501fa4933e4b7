"""Primary-lesion groups of the Katagiri 2014 ("new") score.

Katagiri grades the primary lesion as slow growth (0 points), moderate growth
(2) or rapid growth (3). Breast and prostate cancer depend on hormone
dependence, and lung cancer on whether it is treated with molecularly targeted
drugs. The tables are data: pass another :class:`KatagiriPrimaryTable` to the
score to use another grouping.

Two tables are provided:

- :data:`KATAGIRI_2014_PRIMARY_GROUPS` (the default) classifies every primary.
  The groups read in a reproduction of the paper (open-source calculator code)
  are verified-secondary; the rest (endometrial, ovarian and "others" as
  moderate; "other urological", gallbladder and cervical cancer as rapid) come
  from the project's clinical reference and were not seen in any source, so
  they are listed in :attr:`KatagiriPrimaryTable.unverified` and every score
  that uses them says so.
- :data:`KATAGIRI_2014_VERIFIED_PRIMARY_GROUPS` keeps only the verified groups;
  any other primary is left unclassified, and the score gives the range over
  the three groups.

References:
    Katagiri H, Okada R, Takagi T, et al. New prognostic factors and scoring
    system for patients with skeletal metastasis. Cancer Med.
    2014;3(5):1359-1367. doi:10.1002/cam4.292. Table of prognostic factors, as
    reproduced in open-source calculator code (not read in the paper).
"""

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from attrs import field, frozen

from spinal_metastasis._validators import StringRule
from spinal_metastasis.errors import InvalidInputError
from spinal_metastasis.evidence import Citation
from spinal_metastasis.histology.primary import PrimaryTumor
from spinal_metastasis.sources.survival import KATAGIRI_2014

__all__ = [
    "KATAGIRI_2014_PRIMARY_GROUPS",
    "KATAGIRI_2014_VERIFIED_PRIMARY_GROUPS",
    "KatagiriPrimaryGroup",
    "KatagiriPrimaryTable",
]


class KatagiriPrimaryGroup(StrEnum):
    """Growth group of the primary lesion (Katagiri 2014): 0, 2 or 3 points."""

    SLOW = "slow"
    MODERATE = "moderate"
    RAPID = "rapid"


_Pair = tuple[KatagiriPrimaryGroup, KatagiriPrimaryGroup]


@frozen(kw_only=True, repr=False)
class KatagiriPrimaryTable:
    """A grouping of primary lesions for the Katagiri score.

    Attributes:
        name: Short name of the table.
        fixed: Primaries whose group does not depend on anything else.
        by_hormone_dependence: Primaries grouped by hormone dependence:
            ``(group if hormone dependent, group if hormone independent)``.
        by_targeted_therapy: Primaries grouped by molecularly targeted therapy:
            ``(group if treated with targeted drugs, group if not)``.
        unverified: Classified primaries whose group was not seen in any source.
        citation: The source of the grouping.
        version: Version of the table's content, raised whenever an entry changes
            (:func:`spinal_metastasis.provenance.table_digest` detects any change).
    """

    name: str
    # Mappings are not hashable: the hash leaves them out (equality compares them), so that
    # a table can be part of a memoization key, as the other histology tables are.
    fixed: Mapping[PrimaryTumor, KatagiriPrimaryGroup] = field(hash=False)
    by_hormone_dependence: Mapping[PrimaryTumor, _Pair] = field(hash=False)
    by_targeted_therapy: Mapping[PrimaryTumor, _Pair] = field(hash=False)
    unverified: frozenset[PrimaryTumor]
    citation: Citation
    version: str = field(default="1", validator=StringRule(optional=False, max_length=40))

    def __attrs_post_init__(self) -> None:
        """Check that each primary has one rule and that flagged primaries are classified."""
        rules = (self.fixed, self.by_hormone_dependence, self.by_targeted_therapy)
        counts = [sum(member in rule for rule in rules) for member in PrimaryTumor]
        shared = [m.value for m, count in zip(PrimaryTumor, counts, strict=True) if count > 1]
        if shared:
            msg = f"'by_targeted_therapy' must not regroup primaries (got {', '.join(shared)})"
            raise InvalidInputError(msg, field="by_targeted_therapy")
        stray = sorted(member.value for member in self.unverified if not self.classifies(member))
        if stray:
            msg = f"'unverified' must list only classified primaries (got {', '.join(stray)})"
            raise InvalidInputError(msg, field="unverified")

    def __repr__(self) -> str:
        """Show the table by name only (``KatagiriPrimaryTable('...')``): the mapping is long."""
        return f"{type(self).__name__}({self.name!r})"

    def classifies(self, primary: PrimaryTumor) -> bool:
        """Whether the table assigns the primary a group (given its modifiers).

        Examples:
            >>> KATAGIRI_2014_VERIFIED_PRIMARY_GROUPS.classifies(PrimaryTumor.OVARY)
            False
        """
        return (
            primary in self.fixed
            or primary in self.by_hormone_dependence
            or primary in self.by_targeted_therapy
        )

    def group(
        self,
        primary: PrimaryTumor,
        *,
        hormone_dependent: bool,
        molecular_targeted_therapy: bool,
    ) -> KatagiriPrimaryGroup | None:
        """Return the group of a primary with known modifiers, or ``None`` if unclassified.

        Examples:
            >>> table = KATAGIRI_2014_PRIMARY_GROUPS
            >>> table.group(
            ...     PrimaryTumor.BREAST, hormone_dependent=False, molecular_targeted_therapy=False
            ... ).value
            'moderate'
        """
        if primary in self.fixed:
            return self.fixed[primary]
        if primary in self.by_hormone_dependence:
            dependent, independent = self.by_hormone_dependence[primary]
            return dependent if hormone_dependent else independent
        if primary in self.by_targeted_therapy:
            targeted, untargeted = self.by_targeted_therapy[primary]
            return targeted if molecular_targeted_therapy else untargeted
        return None

    def possible_groups(
        self,
        primary: PrimaryTumor | None,
        *,
        hormone_dependent: bool | None = None,
        molecular_targeted_therapy: bool | None = None,
    ) -> frozenset[KatagiriPrimaryGroup]:
        """Return the groups still possible when some inputs are unknown.

        Examples:
            >>> sorted(g.value for g in KATAGIRI_2014_PRIMARY_GROUPS.possible_groups(
            ...     PrimaryTumor.PROSTATE))
            ['moderate', 'slow']
        """
        primaries = (primary,) if primary is not None else tuple(PrimaryTumor)
        hormone = (hormone_dependent,) if hormone_dependent is not None else (False, True)
        targeted = (
            (molecular_targeted_therapy,)
            if molecular_targeted_therapy is not None
            else (False, True)
        )
        groups: set[KatagiriPrimaryGroup] = set()
        for member in primaries:
            for dependent in hormone:
                for treated in targeted:
                    found = self.group(
                        member, hormone_dependent=dependent, molecular_targeted_therapy=treated
                    )
                    groups.update(KatagiriPrimaryGroup if found is None else (found,))
        return frozenset(groups)


_S, _M, _R = KatagiriPrimaryGroup.SLOW, KatagiriPrimaryGroup.MODERATE, KatagiriPrimaryGroup.RAPID

# Katagiri 2014 primary-lesion groups as reproduced in calculator code (verified-secondary):
# slow: hormone-dependent breast and prostate, thyroid, myeloma, lymphoma; moderate: lung with
# molecularly targeted therapy, hormone-independent breast and prostate, renal cell, sarcoma
# (osteosarcoma is a sarcoma); rapid: lung without targeted therapy, colorectal, gastric,
# pancreatic, head and neck, esophageal, hepatocellular, melanoma, unknown origin.
_VERIFIED_FIXED: Final = MappingProxyType(
    {
        PrimaryTumor.THYROID: _S,
        PrimaryTumor.MYELOMA: _S,
        PrimaryTumor.LYMPHOMA: _S,
        PrimaryTumor.KIDNEY: _M,
        PrimaryTumor.SARCOMA: _M,
        PrimaryTumor.OSTEOSARCOMA: _M,
        PrimaryTumor.COLON: _R,
        PrimaryTumor.RECTUM: _R,
        PrimaryTumor.STOMACH: _R,
        PrimaryTumor.PANCREAS: _R,
        PrimaryTumor.HEAD_AND_NECK: _R,
        PrimaryTumor.ESOPHAGUS: _R,
        PrimaryTumor.LIVER: _R,
        PrimaryTumor.MELANOMA: _R,
        PrimaryTumor.UNKNOWN_PRIMARY: _R,
    }
)
# From the project's clinical reference only (UNVERIFIED): endometrial, ovarian and "others"
# moderate; "other urological", gallbladder and cervical rapid. Germ cell and neuroendocrine
# tumors are not named anywhere and fall under "others".
_UNVERIFIED_FIXED: Final = MappingProxyType(
    {
        PrimaryTumor.UTERUS: _M,
        PrimaryTumor.OVARY: _M,
        PrimaryTumor.GERM_CELL: _M,
        PrimaryTumor.NEUROENDOCRINE: _M,
        PrimaryTumor.OTHER: _M,
        PrimaryTumor.BLADDER: _R,
        PrimaryTumor.GALLBLADDER: _R,
        PrimaryTumor.CERVIX: _R,
    }
)
_HORMONE: Final = MappingProxyType({PrimaryTumor.BREAST: (_S, _M), PrimaryTumor.PROSTATE: (_S, _M)})
_TARGETED: Final = MappingProxyType(
    {PrimaryTumor.LUNG_NON_SMALL_CELL: (_M, _R), PrimaryTumor.LUNG_SMALL_CELL: (_M, _R)}
)

#: The default, with every primary classified; the groups not seen in any source are flagged.
KATAGIRI_2014_PRIMARY_GROUPS: Final = KatagiriPrimaryTable(
    name="Katagiri 2014",
    fixed=MappingProxyType({**_VERIFIED_FIXED, **_UNVERIFIED_FIXED}),
    by_hormone_dependence=_HORMONE,
    by_targeted_therapy=_TARGETED,
    unverified=frozenset(_UNVERIFIED_FIXED),
    citation=KATAGIRI_2014,
)

#: Only the groups read in a reproduction of the paper; other primaries are unclassified.
KATAGIRI_2014_VERIFIED_PRIMARY_GROUPS: Final = KatagiriPrimaryTable(
    name="Katagiri 2014 (verified groups only)",
    fixed=_VERIFIED_FIXED,
    by_hormone_dependence=_HORMONE,
    by_targeted_therapy=_TARGETED,
    unverified=frozenset(),
    citation=KATAGIRI_2014,
)
