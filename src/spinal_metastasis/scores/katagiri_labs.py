"""The laboratory item of the Katagiri 2014 score: the cut-offs and their tiers.

*Critical* values (platelets, calcium, bilirubin) give 2 points and take precedence over
*abnormal* ones (CRP, LDH, albumin), which give 1. The cut-offs were read in a reproduction
of the paper (open-source calculator code), not in the paper.

References:
    Katagiri H, Okada R, Takagi T, et al. New prognostic factors and scoring
    system for patients with skeletal metastasis. Cancer Med.
    2014;3(5):1359-1367. doi:10.1002/cam4.292. PMID 25044999.
"""

from enum import StrEnum
from typing import Final

from attrs import frozen

__all__ = [
    "ALBUMIN_ABNORMAL_BELOW_G_PER_DL",
    "BILIRUBIN_CRITICAL_MG_PER_DL",
    "CALCIUM_CRITICAL_MG_PER_DL",
    "CRP_ABNORMAL_MG_PER_DL",
    "KATAGIRI_2014_LAB_CUTOFFS",
    "LDH_ABNORMAL_U_PER_L",
    "PLATELETS_CRITICAL_BELOW_10E9_PER_L",
    "LabCutoff",
    "LabTier",
]


class LabTier(StrEnum):
    """Tier of an out-of-range laboratory value (Katagiri 2014)."""

    ABNORMAL = "abnormal"  # 1 point
    CRITICAL = "critical"  # 2 points


#: Abnormal if C-reactive protein >= 0.4 mg/dL (Katagiri 2014, as reproduced).
CRP_ABNORMAL_MG_PER_DL: Final = 0.4
#: Abnormal if lactate dehydrogenase >= 250 U/L (idem).
LDH_ABNORMAL_U_PER_L: Final = 250.0
#: Abnormal if serum albumin < 3.7 g/dL (idem).
ALBUMIN_ABNORMAL_BELOW_G_PER_DL: Final = 3.7
#: Critical if platelets < 100 x 10^9/L, i.e. < 100,000/uL (idem).
PLATELETS_CRITICAL_BELOW_10E9_PER_L: Final = 100.0
#: Critical if serum calcium >= 10.3 mg/dL (idem).
CALCIUM_CRITICAL_MG_PER_DL: Final = 10.3
#: Critical if total bilirubin >= 1.4 mg/dL (idem; the unit is not printed there).
BILIRUBIN_CRITICAL_MG_PER_DL: Final = 1.4


@frozen(kw_only=True)
class LabCutoff:
    """A laboratory cut-off of the Katagiri score.

    Attributes:
        field: The :class:`~spinal_metastasis.model.Patient` field it reads.
        label: Its name in findings (``"albumin"``).
        unit: Its unit (``"g/dL"``).
        threshold: The cut-off value.
        below: ``True`` when values below the threshold are out of range; ``False``
            when values at or above it are.
        tier: The tier of an out-of-range value.
    """

    field: str
    label: str
    unit: str
    threshold: float
    below: bool
    tier: LabTier

    def out_of_range(self, value: float) -> bool:
        """Whether a value is out of range.

        Examples:
            >>> albumin = KATAGIRI_2014_LAB_CUTOFFS[2]
            >>> albumin.out_of_range(3.69), albumin.out_of_range(3.7)
            (True, False)
        """
        return value < self.threshold if self.below else value >= self.threshold


#: The Katagiri 2014 laboratory cut-offs as reproduced, abnormal first, then critical.
KATAGIRI_2014_LAB_CUTOFFS: Final = tuple(
    LabCutoff(field=field, label=label, unit=unit, threshold=threshold, below=below, tier=tier)
    for field, label, unit, threshold, below, tier in (
        ("crp_mg_per_dl", "CRP", "mg/dL", CRP_ABNORMAL_MG_PER_DL, False, LabTier.ABNORMAL),
        ("ldh_u_per_l", "LDH", "U/L", LDH_ABNORMAL_U_PER_L, False, LabTier.ABNORMAL),
        (
            "albumin_g_per_dl",
            "albumin",
            "g/dL",
            ALBUMIN_ABNORMAL_BELOW_G_PER_DL,
            True,
            LabTier.ABNORMAL,
        ),
        (
            "platelets_10e9_per_l",
            "platelets",
            "x10^9/L",
            PLATELETS_CRITICAL_BELOW_10E9_PER_L,
            True,
            LabTier.CRITICAL,
        ),
        (
            "calcium_mg_per_dl",
            "calcium",
            "mg/dL",
            CALCIUM_CRITICAL_MG_PER_DL,
            False,
            LabTier.CRITICAL,
        ),
        (
            "bilirubin_mg_per_dl",
            "bilirubin",
            "mg/dL",
            BILIRUBIN_CRITICAL_MG_PER_DL,
            False,
            LabTier.CRITICAL,
        ),
    )
)
