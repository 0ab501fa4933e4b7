"""Performance status: the conversion between the ECOG and Karnofsky scales.

Scores use the scale their paper used (Karnofsky for Tokuhashi, ECOG for
Katagiri). When only the other scale is recorded, the value is converted through
a published empirical table, and the conversion's spread is carried as the set
of values still possible, so a score turns it into a range rather than a guess.

There is no single agreed mapping: the best published tables agree with paired
assessments 75-84 % of the time. The default, :data:`MA_PRASAD`, is the union of
the two five-grade empirical tables (Ma 2010; Prasad 2018): a converted value is
any value either table allows. Both scales define their last grade (ECOG 5,
KPS 0) as death, so those two are paired by definition.
"""

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from attrs import field, frozen

from spinal_metastasis.evidence import Citation
from spinal_metastasis.sources.general import (
    BUCCHERI_1996,
    KARNOFSKY_1949,
    MA_2010,
    OKEN_1982,
    PRASAD_2018,
)

__all__ = [
    "BUCCHERI_1996_TABLE",
    "ECOG_VALUES",
    "KPS_VALUES",
    "MA_2010_TABLE",
    "MA_PRASAD",
    "PRASAD_2018_TABLE",
    "PerformanceConversion",
    "possible_ecog",
    "possible_kps",
]

#: Every Karnofsky value, 0-100 in steps of 10 (Karnofsky 1949).
KPS_VALUES: Final = tuple(range(0, 101, 10))
#: Every ECOG grade, 0-5 (Oken 1982).
ECOG_VALUES: Final = tuple(range(6))


@frozen(kw_only=True)
class PerformanceConversion:
    """A published table pairing ECOG grades with Karnofsky values.

    Attributes:
        name: Short name of the table.
        kps_of_ecog: For each ECOG grade, the Karnofsky values the table pairs with it.
        citations: The sources of the table.
    """

    name: str
    # A mapping is not hashable: the hash leaves it out (equality compares it), so that a
    # conversion can be part of a memoization key, as the histology tables are.
    kps_of_ecog: Mapping[int, frozenset[int]] = field(hash=False)
    citations: tuple[Citation, ...]

    def kps(self, ecog: int) -> frozenset[int]:
        """Karnofsky values paired with an ECOG grade."""
        return self.kps_of_ecog[ecog]

    def ecog(self, kps: int) -> frozenset[int]:
        """ECOG grades paired with a Karnofsky value."""
        return frozenset(grade for grade, values in self.kps_of_ecog.items() if kps in values)


def _table(rows: dict[int, tuple[int, ...]]) -> Mapping[int, frozenset[int]]:
    # ECOG 5 and KPS 0 both mean death (Oken 1982; Karnofsky 1949).
    return MappingProxyType({**{g: frozenset(v) for g, v in rows.items()}, 5: frozenset({0})})


# Ma 2010 (abstract): KPS 100 = ECOG 0; 80-90 = 1; 60-70 = 2; 40-50 = 3; 10-30 = 4.
MA_2010_TABLE: Final = PerformanceConversion(
    name="Ma 2010",
    kps_of_ecog=_table({0: (100,), 1: (80, 90), 2: (60, 70), 3: (40, 50), 4: (10, 20, 30)}),
    citations=(MA_2010, OKEN_1982, KARNOFSKY_1949),
)
# Prasad 2018 (abstract): KPS 100 = ECOG 0; 80-90 = 1; 70 = 2; 50-60 = 3; 10-40 = 4.
PRASAD_2018_TABLE: Final = PerformanceConversion(
    name="Prasad 2018",
    kps_of_ecog=_table({0: (100,), 1: (80, 90), 2: (70,), 3: (50, 60), 4: (10, 20, 30, 40)}),
    citations=(PRASAD_2018, OKEN_1982, KARNOFSKY_1949),
)
# Buccheri 1996 (abstract), three grades: KPS 80-100 = ECOG 0-1; 60-70 = 2; < 60 = 3-4.
BUCCHERI_1996_TABLE: Final = PerformanceConversion(
    name="Buccheri 1996",
    kps_of_ecog=_table(
        {
            0: (80, 90, 100),
            1: (80, 90, 100),
            2: (60, 70),
            3: (10, 20, 30, 40, 50),
            4: (10, 20, 30, 40, 50),
        }
    ),
    citations=(BUCCHERI_1996, OKEN_1982, KARNOFSKY_1949),
)

#: Default: any value that Ma 2010 or Prasad 2018 pairs with the recorded grade.
MA_PRASAD: Final = PerformanceConversion(
    name="Ma 2010 or Prasad 2018",
    kps_of_ecog=MappingProxyType(
        {grade: MA_2010_TABLE.kps(grade) | PRASAD_2018_TABLE.kps(grade) for grade in ECOG_VALUES}
    ),
    citations=(MA_2010, PRASAD_2018, OKEN_1982, KARNOFSKY_1949),
)


def possible_kps(
    kps: int | None, ecog: int | None, *, conversion: PerformanceConversion = MA_PRASAD
) -> frozenset[int]:
    """Return the Karnofsky values still possible.

    The recorded KPS when known; else the values the conversion pairs with the
    recorded ECOG grade; else every value.

    Examples:
        >>> sorted(possible_kps(None, 2))
        [60, 70]
        >>> sorted(possible_kps(80, 3))
        [80]
    """
    if kps is not None:
        return frozenset({kps})
    if ecog is not None:
        return conversion.kps(ecog)
    return frozenset(KPS_VALUES)


def possible_ecog(
    kps: int | None, ecog: int | None, *, conversion: PerformanceConversion = MA_PRASAD
) -> frozenset[int]:
    """Return the ECOG grades still possible.

    The recorded grade when known; else the grades the conversion pairs with the
    recorded KPS; else every grade.

    Examples:
        >>> sorted(possible_ecog(60, None))
        [2, 3]
        >>> sorted(possible_ecog(None, None))
        [0, 1, 2, 3, 4, 5]
    """
    if ecog is not None:
        return frozenset({ecog})
    if kps is not None:
        return conversion.ecog(kps)
    return frozenset(ECOG_VALUES)
