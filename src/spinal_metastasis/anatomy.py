"""Vertebral levels, spinal regions and the SINS location class of a level.

The 29 mobile and sacral levels C1–S5 are modelled; the occiput and the coccyx
are not (SINS does not score the coccyx). Levels are ordered cranio-caudally,
so a lesion's levels can be checked for contiguity across region borders
(C7–T1, T12–L1, L5–S1).
"""

import itertools
import re
from collections.abc import Iterable, Sequence
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from spinal_metastasis.errors import InvalidInputError
from spinal_metastasis.limits import echo

__all__ = [
    "Region",
    "SinsLocation",
    "VertebralLevel",
    "format_levels",
    "is_contiguous",
    "parse_levels",
]


class Region(StrEnum):
    """Region of the spine a level belongs to."""

    CERVICAL = "cervical"
    THORACIC = "thoracic"
    LUMBAR = "lumbar"
    SACRAL = "sacral"


class SinsLocation(StrEnum):
    """Location class of a level in the Spinal Instability Neoplastic Score.

    References:
        Fisher CG, DiPaola CP, Ryken TC, et al. A novel classification system for
        spinal instability in neoplastic disease. Spine. 2010;35(22):E1221-E1229.
        doi:10.1097/BRS.0b013e3181e16ae2. Table 1 (location).
    """

    JUNCTIONAL = "junctional"  # occiput–C2, C7–T2, T11–L1, L5–S1
    MOBILE = "mobile"  # C3–C6, L2–L4
    SEMI_RIGID = "semi_rigid"  # T3–T10
    RIGID = "rigid"  # S2–S5


class VertebralLevel(StrEnum):
    """A vertebral level, C1 to S5, in cranio-caudal order.

    The JSON value is the lowercase label (``"t12"``); :attr:`label` is ``"T12"``.

    Examples:
        >>> VertebralLevel.T12.label, VertebralLevel.T12.region.value
        ('T12', 'thoracic')
        >>> VertebralLevel.T12.sins_location.value
        'junctional'
    """

    C1 = "c1"
    C2 = "c2"
    C3 = "c3"
    C4 = "c4"
    C5 = "c5"
    C6 = "c6"
    C7 = "c7"
    T1 = "t1"
    T2 = "t2"
    T3 = "t3"
    T4 = "t4"
    T5 = "t5"
    T6 = "t6"
    T7 = "t7"
    T8 = "t8"
    T9 = "t9"
    T10 = "t10"
    T11 = "t11"
    T12 = "t12"
    L1 = "l1"
    L2 = "l2"
    L3 = "l3"
    L4 = "l4"
    L5 = "l5"
    S1 = "s1"
    S2 = "s2"
    S3 = "s3"
    S4 = "s4"
    S5 = "s5"

    @property
    def position(self) -> int:
        """Position from C1 (0) to S5 (28)."""
        return _INDEX[self]

    @property
    def label(self) -> str:
        """The conventional label (``"T12"``)."""
        return self.name

    @property
    def region(self) -> Region:
        """The region of the spine."""
        return _REGION[self.name[0]]

    @property
    def sins_location(self) -> SinsLocation:
        """The SINS location class (Fisher 2010, Table 1)."""
        return _SINS_LOCATION[self]


_LEVELS: Final = tuple(VertebralLevel)
_INDEX: Final = MappingProxyType({level: i for i, level in enumerate(_LEVELS)})
_REGION: Final = MappingProxyType(
    {"C": Region.CERVICAL, "T": Region.THORACIC, "L": Region.LUMBAR, "S": Region.SACRAL}
)

# Fisher 2010, Table 1: junctional (occiput-C2, C7-T2, T11-L1, L5-S1), mobile (C3-C6, L2-L4),
# semi-rigid (T3-T10), rigid (S2-S5).
_J, _M, _SR, _R = (
    SinsLocation.JUNCTIONAL,
    SinsLocation.MOBILE,
    SinsLocation.SEMI_RIGID,
    SinsLocation.RIGID,
)
_SINS_LOCATION: Final = MappingProxyType(
    dict(
        zip(
            _LEVELS,
            (
                (_J, _J)  # C1-C2
                + (_M,) * 4  # C3-C6
                + (_J, _J, _J)  # C7-T2
                + (_SR,) * 8  # T3-T10
                + (_J, _J, _J)  # T11-L1
                + (_M,) * 3  # L2-L4
                + (_J, _J)  # L5-S1
                + (_R,) * 4  # S2-S5
            ),
            strict=True,
        )
    )
)

#: The longest text read as a label of levels, spaces included.
_MAX_LABEL: Final = 40

_LEVEL_PATTERN: Final = re.compile(r"^\s*([CTLS])(\d{1,2})\s*$", re.IGNORECASE)


def _parse_level(text: str) -> VertebralLevel:
    match = _LEVEL_PATTERN.match(text)
    name = f"{match.group(1).upper()}{int(match.group(2))}" if match else ""
    if name not in VertebralLevel.__members__:
        msg = f"'levels' must be vertebral levels C1-C7, T1-T12, L1-L5 or S1-S5 (got {echo(text)})"
        raise InvalidInputError(msg, field="levels")
    return VertebralLevel[name]


def parse_levels(text: str) -> tuple[VertebralLevel, ...]:
    """Parse ``"T12"``, ``"T11-T12"`` or ``"T11–L1"`` into the tuple of levels.

    Raises:
        InvalidInputError: If a label is not a level or the range runs caudo-cranially.

    Examples:
        >>> [level.label for level in parse_levels("T11-L1")]
        ['T11', 'T12', 'L1']
    """
    # A label is short ("T11 - L1"); a long one is refused before the split, whose
    # whitespace patterns would take time quadratic in a long run of spaces.
    parts = re.split(r"\s*[-–]\s*", text.strip()) if len(text) <= _MAX_LABEL else ()
    if not 1 <= len(parts) <= 2:  # noqa: PLR2004 - a range has two ends
        msg = f"'levels' must be one level or a range such as 'T11-T12' (got {echo(text)})"
        raise InvalidInputError(msg, field="levels")
    first, last = _parse_level(parts[0]), _parse_level(parts[-1])
    if last.position < first.position:
        msg = f"'levels' must run from cranial to caudal (got {echo(text)})"
        raise InvalidInputError(msg, field="levels")
    return _LEVELS[first.position : last.position + 1]


def format_levels(levels: Sequence[VertebralLevel]) -> str:
    """Format contiguous levels as ``"T12"`` or ``"T11–L1"``.

    Examples:
        >>> format_levels((VertebralLevel.T11, VertebralLevel.T12))
        'T11–T12'
    """
    if len(levels) == 1:
        return levels[0].label
    return f"{levels[0].label}–{levels[-1].label}"


def is_contiguous(levels: Iterable[VertebralLevel]) -> bool:
    """Whether the levels are adjacent and in cranio-caudal order, without repeats.

    Examples:
        >>> is_contiguous((VertebralLevel.T12, VertebralLevel.L1))
        True
        >>> is_contiguous((VertebralLevel.T10, VertebralLevel.T12))
        False
    """
    indices = [level.position for level in levels]
    return all(b == a + 1 for a, b in itertools.pairwise(indices))
