"""Primary-site item of the revised Tokuhashi score (2005): points of each primary tumor.

The paper's table has six rows:

======  =========================================================
points  primary site
======  =========================================================
0       lung, osteosarcoma, stomach, bladder, esophagus, pancreas
1       liver, gallbladder, unidentified (unknown primary)
2       others
3       kidney, uterus
4       rectum
5       thyroid, breast, prostate, carcinoid tumor
======  =========================================================

Primaries the table does not name (lymphoma, myeloma, colon, ovary, ...) fall
into "others" (2) by construction of the table; that placement is an inference,
recorded in :attr:`TokuhashiPrimaryTable.inferred`. Two members of
:class:`~spinal_metastasis.histology.PrimaryTumor` span rows, so the table gives
them two possible values and the score a range: ``NEUROENDOCRINE`` (a carcinoid
tumor, 5, or another neuroendocrine carcinoma, "others" 2) and ``CERVIX`` (the
uterine cervix: the "uterus" row, 3, if the paper's "uterus" includes cervical
cancer, which the reproductions do not say, else "others", 2). Record a carcinoid tumor as
``NEUROENDOCRINE``.

References:
    Tokuhashi Y, Matsuzaki H, Oda H, Oshima M, Ryu J. A revised scoring system
    for preoperative evaluation of metastatic spine tumor prognosis. Spine
    (Phila Pa 1976). 2005;30(19):2186-2191. doi:10.1097/01.brs.0000180401.06919.a5.
    Table (as reproduced in NICE CG75, appendix 3).
"""

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, Final

from attrs import Attribute, field, frozen

from spinal_metastasis._validators import InstanceRule, StringRule, fail
from spinal_metastasis.evidence import Citation
from spinal_metastasis.histology._tables import every_primary as _every_primary
from spinal_metastasis.histology._tables import primaries as _primaries
from spinal_metastasis.histology._tables import read_only as _read_only
from spinal_metastasis.histology.primary import PrimaryTumor
from spinal_metastasis.sources.scores import TOKUHASHI_2005

__all__ = [
    "TOKUHASHI_2005_PRIMARY",
    "TOKUHASHI_2005_ROWS",
    "TokuhashiPrimaryTable",
    "tokuhashi_primary_points",
]

#: The rows of the primary-site item as printed (Tokuhashi 2005, table; NICE CG75 appendix 3).
TOKUHASHI_2005_ROWS: Final = MappingProxyType(
    {
        0: "lung, osteosarcoma, stomach, bladder, esophagus, pancreas",
        1: "liver, gallbladder, unidentified",
        2: "others",
        3: "kidney, uterus",
        4: "rectum",
        5: "thyroid, breast, prostate, carcinoid tumor",
    }
)


def _points_sets(
    value: Mapping[PrimaryTumor, Iterable[int]],
) -> Mapping[PrimaryTumor, frozenset[int]]:
    return MappingProxyType({primary: frozenset(points) for primary, points in value.items()})


def _table_rows(instance: object, attribute: "Attribute[Any]", value: object) -> None:
    items = value.items() if isinstance(value, Mapping) else ()
    for primary, points in items:
        if not points or not set(points) <= set(TOKUHASHI_2005_ROWS):
            fail(attribute, f"non-empty sets of the row points 0-5 (for {primary.value})", points)


@frozen(kw_only=True, repr=False)
class TokuhashiPrimaryTable:
    """Points of the primary-site item for every primary tumor.

    Attributes:
        name: Short name of the table.
        points: For every :class:`~spinal_metastasis.histology.PrimaryTumor`, the
            points still possible: one value, or two when it spans two rows.
        placement: For every primary, the row it was placed in and why.
        inferred: Primaries placed by inference rather than named in the table.
        citation: The source of the table.
        version: Version of the table's content, raised whenever an entry changes
            (:func:`spinal_metastasis.provenance.table_digest` detects any change).
    """

    name: str = field(validator=StringRule(optional=False))
    points: Mapping[PrimaryTumor, frozenset[int]] = field(
        converter=_points_sets, validator=[_every_primary, _table_rows], hash=False
    )
    placement: Mapping[PrimaryTumor, str] = field(
        converter=_read_only, validator=_every_primary, hash=False
    )
    inferred: frozenset[PrimaryTumor] = field(converter=_primaries)
    citation: Citation = field(validator=InstanceRule(cls=Citation, optional=False))
    version: str = field(default="1", validator=StringRule(optional=False, max_length=40))

    def __repr__(self) -> str:
        """Show the name only (the table itself is long)."""
        return f"TokuhashiPrimaryTable(name={self.name!r})"

    @property
    def ambiguous(self) -> frozenset[PrimaryTumor]:
        """The primaries that span two rows (the score gives them a range)."""
        return frozenset(primary for primary, points in self.points.items() if len(points) > 1)

    def possible_points(self, primary: PrimaryTumor | None) -> frozenset[int]:
        """Return the points still possible for a primary; every row's when it is unknown."""
        if primary is None:
            return frozenset().union(*self.points.values())
        return self.points[primary]


_P = PrimaryTumor
_OTHERS = "others (2): not named in the table; placed by inference"

# Tokuhashi 2005 primary-site rows, by PrimaryTumor. Named rows as printed; "others" by inference.
_ENTRIES: Final[dict[PrimaryTumor, tuple[tuple[int, ...], str]]] = {
    _P.LUNG_NON_SMALL_CELL: ((0,), "lung (0): the table does not split lung cancer"),
    _P.LUNG_SMALL_CELL: ((0,), "lung (0): the table does not split lung cancer"),
    _P.OSTEOSARCOMA: ((0,), "osteosarcoma (0)"),
    _P.STOMACH: ((0,), "stomach (0)"),
    _P.BLADDER: ((0,), "bladder (0)"),
    _P.ESOPHAGUS: ((0,), "esophagus (0)"),
    _P.PANCREAS: ((0,), "pancreas (0)"),
    _P.LIVER: ((1,), "liver (1)"),
    _P.GALLBLADDER: ((1,), "gallbladder (1)"),
    _P.UNKNOWN_PRIMARY: ((1,), "unidentified (1)"),
    _P.KIDNEY: ((3,), "kidney (3)"),
    _P.UTERUS: ((3,), "uterus (3)"),
    _P.RECTUM: ((4,), "rectum (4)"),
    _P.THYROID: ((5,), "thyroid (5)"),
    _P.BREAST: ((5,), "breast (5)"),
    _P.PROSTATE: ((5,), "prostate (5)"),
    _P.NEUROENDOCRINE: (
        (2, 5),
        (
            "carcinoid tumor (5) or another neuroendocrine carcinoma (others, 2): "
            "the primary does not say which"
        ),
    ),
    _P.CERVIX: (
        (2, 3),
        "uterus (3) if the table's 'uterus' includes the cervix, else others (2): not stated",
    ),
    _P.COLON: ((2,), f"{_OTHERS} (only the rectum is named)"),
    _P.OVARY: ((2,), _OTHERS),
    _P.HEAD_AND_NECK: ((2,), _OTHERS),
    _P.MELANOMA: ((2,), _OTHERS),
    _P.SARCOMA: ((2,), f"{_OTHERS} (only osteosarcoma is named)"),
    _P.MYELOMA: ((2,), _OTHERS),
    _P.LYMPHOMA: ((2,), _OTHERS),
    _P.GERM_CELL: ((2,), _OTHERS),
    _P.OTHER: ((2,), f"{_OTHERS} (a carcinoid tumor must be recorded as neuroendocrine)"),
}

#: The default, the revised Tokuhashi table with unnamed primaries as "others".
TOKUHASHI_2005_PRIMARY: Final = TokuhashiPrimaryTable(
    name="Tokuhashi 2005",
    points={primary: entry[0] for primary, entry in _ENTRIES.items()},
    placement={primary: entry[1] for primary, entry in _ENTRIES.items()},
    inferred=(primary for primary, entry in _ENTRIES.items() if entry[1].startswith(_OTHERS)),
    citation=TOKUHASHI_2005,
)


def tokuhashi_primary_points(
    primary: PrimaryTumor | None, *, table: TokuhashiPrimaryTable = TOKUHASHI_2005_PRIMARY
) -> frozenset[int]:
    """Return the primary-site points still possible (0-5) for a primary tumor.

    Args:
        primary: The primary, or ``None`` when unknown (every row is then possible).
        table: The table; :data:`TOKUHASHI_2005_PRIMARY` by default.

    Returns:
        One value, or the values of every row the primary may belong to.

    References:
        Tokuhashi Y, Matsuzaki H, Oda H, Oshima M, Ryu J. Spine (Phila Pa 1976).
        2005;30(19):2186-2191. doi:10.1097/01.brs.0000180401.06919.a5. Table.

    Examples:
        >>> sorted(tokuhashi_primary_points(PrimaryTumor.BREAST))
        [5]
        >>> sorted(tokuhashi_primary_points(PrimaryTumor.NEUROENDOCRINE))
        [2, 5]
        >>> PrimaryTumor.LYMPHOMA in TOKUHASHI_2005_PRIMARY.inferred
        True
    """
    return table.possible_points(primary)
