"""The groups and bands of the Bauer scores: their score ranges, survival and strategy.

The original score's cut-points (0-1 / 2-3 / 4-5) are from the project's clinical reference,
not verified against Bauer 1995; the modified score's bands (0-1 / 2 / 3-4) and strategies
are Leithner 2008's, as reproduced.

References:
    Bauer HC, Wedin R. Survival after surgery for spinal and extremity metastases.
    Prognostication in 241 patients. Acta Orthop Scand. 1995;66(2):143-146.

    Leithner A, Radl R, Gruber G, et al. Predictive value of seven preoperative
    prognostic scoring systems for spinal metastases. Eur Spine J.
    2008;17(11):1488-1495. doi:10.1007/s00586-008-0763-1.
"""

from enum import StrEnum
from typing import Final

from attrs import frozen

from spinal_metastasis.evidence import Citation
from spinal_metastasis.sources.survival import BAUER_1995, LEITHNER_2008

__all__ = [
    "BAUER_BANDS",
    "BAUER_INTERMEDIATE_MAX",
    "BAUER_POOR_MAX",
    "MODIFIED_BAUER_BANDS",
    "SHORT_TERM_PALLIATION_MAX",
    "SUPPORTIVE_CARE_MAX",
    "BauerBand",
    "BauerGroup",
    "ModifiedBauerBand",
    "ModifiedBauerStrategy",
]


class BauerGroup(StrEnum):
    """Prognostic group of the original Bauer score (cut-points not verified)."""

    POOR = "poor"  # 0-1
    INTERMEDIATE = "intermediate"  # 2-3
    GOOD = "good"  # 4-5


class ModifiedBauerStrategy(StrEnum):
    """Suggested strategy of the modified Bauer score (Leithner 2008, as reproduced)."""

    SUPPORTIVE_CARE = "supportive_care"  # 0-1
    SHORT_TERM_PALLIATION = "short_term_palliation"  # 2
    MIDDLE_TERM_LOCAL_CONTROL = "middle_term_local_control"  # 3-4


#: Original Bauer, 0-1 is the poorest group. UNVERIFIED (project clinical reference).
BAUER_POOR_MAX: Final = 1
#: Original Bauer, 2-3 intermediate and 4-5 good. UNVERIFIED (project clinical reference).
BAUER_INTERMEDIATE_MAX: Final = 3
#: Modified Bauer, 0-1 supportive care (Leithner 2008, as reproduced).
SUPPORTIVE_CARE_MAX: Final = 1
#: Modified Bauer, 2 short-term palliation; 3-4 middle-term local control (idem).
SHORT_TERM_PALLIATION_MAX: Final = 2


@frozen(kw_only=True)
class BauerBand:
    """A prognostic group of the original Bauer score.

    Attributes:
        group: The group.
        low: Lowest total of the group.
        high: Highest total of the group.
        one_year_survival: Proportion alive at one year where the Bauer 1995
            abstract gives it (its "0.5 to 0.0" are the best and the worst
            group), else ``None``.
        citation: Bauer 1995 (cut-points not verified).
    """

    group: BauerGroup
    low: int
    high: int
    one_year_survival: float | None
    citation: Citation = BAUER_1995


@frozen(kw_only=True)
class ModifiedBauerBand:
    """A strategy band of the modified Bauer score.

    Attributes:
        strategy: The band.
        low: Lowest total of the band.
        high: Highest total of the band.
        goal: The treatment goal.
        surgery: The surgery it suggests.
        citation: Leithner 2008 (read in a reproduction).
    """

    strategy: ModifiedBauerStrategy
    low: int
    high: int
    goal: str
    surgery: str
    citation: Citation = LEITHNER_2008


#: The original's groups. Cut-points UNVERIFIED; 1-year survival from the abstract's range.
BAUER_BANDS: Final = (
    BauerBand(group=BauerGroup.POOR, low=0, high=BAUER_POOR_MAX, one_year_survival=0.0),
    BauerBand(
        group=BauerGroup.INTERMEDIATE,
        low=BAUER_POOR_MAX + 1,
        high=BAUER_INTERMEDIATE_MAX,
        one_year_survival=None,
    ),
    BauerBand(group=BauerGroup.GOOD, low=BAUER_INTERMEDIATE_MAX + 1, high=5, one_year_survival=0.5),
)

#: Modified Bauer strategy bands (Leithner 2008, as reproduced on a decision-support page).
MODIFIED_BAUER_BANDS: Final = (
    ModifiedBauerBand(
        strategy=ModifiedBauerStrategy.SUPPORTIVE_CARE,
        low=0,
        high=SUPPORTIVE_CARE_MAX,
        goal="supportive care",
        surgery="no surgery",
    ),
    ModifiedBauerBand(
        strategy=ModifiedBauerStrategy.SHORT_TERM_PALLIATION,
        low=SUPPORTIVE_CARE_MAX + 1,
        high=SHORT_TERM_PALLIATION_MAX,
        goal="short-term palliation",
        surgery="posterior (dorsal) surgery",
    ),
    ModifiedBauerBand(
        strategy=ModifiedBauerStrategy.MIDDLE_TERM_LOCAL_CONTROL,
        low=SHORT_TERM_PALLIATION_MAX + 1,
        high=4,
        goal="middle-term local control",
        surgery="anterior and posterior (ventral-dorsal) surgery",
    ),
)
