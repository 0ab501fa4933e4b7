"""De novo SBRT spinal cord point-maximum limits in 1 to 5 fractions (HyTEC, Sahgal 2021)."""

from enum import StrEnum
from typing import Final

from attrs import field, frozen

from spinal_metastasis._format import two_decimals as _fmt
from spinal_metastasis._validators import (
    IntegerRule,
    NumberRule,
    as_float,
)
from spinal_metastasis.evidence import Citation
from spinal_metastasis.model import Fractionation
from spinal_metastasis.radiobiology._checks import _integer
from spinal_metastasis.radiobiology.lq import CORD_ALPHA_BETA_GY, eqd2
from spinal_metastasis.ranges import ProbabilityRange
from spinal_metastasis.sources.radiobiology import (
    SAHGAL_2013,
    SAHGAL_2021_HYTEC,
)

__all__ = [
    "HYTEC_CORD_LIMITS",
    "CordDoseLimitRow",
    "DoseStructure",
    "SbrtCordLimit",
    "sbrt_cord_limit",
    "sbrt_cord_limit_gy",
]


# HyTEC abstract. The de novo limits were reported for SBRT in 1 to 5 fractions, and the
# re-irradiation factors for "reirradiation SBRT delivered in 1 to 5 fractions".
_SBRT_MAX_FRACTIONS: Final = 5


# --- De novo SBRT cord limits (HyTEC) ---------------------------------------------------------


class DoseStructure(StrEnum):
    """The structure a point-maximum dose limit applies to."""

    SPINAL_CORD = "spinal_cord"
    THECAL_SAC = "thecal_sac"


@frozen(kw_only=True)
class CordDoseLimitRow:
    """One row of a table of de novo SBRT point-maximum limits.

    Attributes:
        fractions: Number of fractions.
        point_max_gy: The limit (point maximum, Gy).
        point_max_upper_gy: The upper end of the stated range (equal to the limit
            when a single value is stated).
    """

    fractions: int = field(validator=IntegerRule(minimum=1, maximum=50, optional=False))
    point_max_gy: float = field(
        converter=as_float,
        validator=NumberRule(minimum=0, exclusive_minimum=True, maximum=100, optional=False),
    )
    point_max_upper_gy: float = field(
        converter=as_float,
        validator=NumberRule(minimum=0, exclusive_minimum=True, maximum=100, optional=False),
    )


#: De novo spinal cord Dmax "estimated to be associated with a 1% to 5% risk" of myelopathy
#: (HyTEC abstract, Sahgal 2021), 12.4 to 14.0 Gy in 1 fraction and 17.0 / 20.3 / 23.0 /
#: 25.3 Gy in 2 / 3 / 4 / 5 fractions. Sahgal 2013 gives the same numbers for the thecal sac.
HYTEC_CORD_LIMITS: Final = (
    CordDoseLimitRow(fractions=1, point_max_gy=12.4, point_max_upper_gy=14.0),
    CordDoseLimitRow(fractions=2, point_max_gy=17.0, point_max_upper_gy=17.0),
    CordDoseLimitRow(fractions=3, point_max_gy=20.3, point_max_upper_gy=20.3),
    CordDoseLimitRow(fractions=4, point_max_gy=23.0, point_max_upper_gy=23.0),
    CordDoseLimitRow(fractions=5, point_max_gy=25.3, point_max_upper_gy=25.3),
)
# HyTEC abstract, "a 1% to 5% risk of radiation myelopathy".
_HYTEC_RISK: Final = ProbabilityRange(low=0.01, high=0.05)
# Sahgal 2013 abstract, "A risk of RM of 5% or less" at the same thecal sac Pmax doses.
_SAHGAL_2013_RISK: Final = ProbabilityRange(low=0.0, high=0.05)


@frozen(kw_only=True)
class SbrtCordLimit:
    """The de novo SBRT spinal cord point-maximum limit for a number of fractions.

    Attributes:
        fractions: Number of fractions, 1 to 5.
        point_max_gy: The limit: spinal cord Dmax in Gy (HyTEC; lower end for 1 fraction).
        point_max_upper_gy: Upper end of the stated range (14.0 Gy for 1 fraction;
            equal to ``point_max_gy`` otherwise, as the HyTEC abstract gives one value).
        risk: The risk of radiation myelopathy HyTEC associates with the limit
            ("1% to 5%"), not a 1 % limit.
        structure: The structure of the limit (spinal cord, per HyTEC).
        thecal_sac_risk: Sahgal 2013's "5% or less" for the same doses applied to the
            thecal sac point maximum.
        alpha_beta_gy: α/β used for :attr:`eqd2_gy`.
        citation: HyTEC (Sahgal 2021).
        thecal_sac_citation: Sahgal 2013.
    """

    fractions: int
    point_max_gy: float
    point_max_upper_gy: float
    risk: ProbabilityRange = _HYTEC_RISK
    structure: DoseStructure = DoseStructure.SPINAL_CORD
    thecal_sac_risk: ProbabilityRange = _SAHGAL_2013_RISK
    alpha_beta_gy: float = CORD_ALPHA_BETA_GY
    citation: Citation = SAHGAL_2021_HYTEC
    thecal_sac_citation: Citation = SAHGAL_2013

    @property
    def point_max(self) -> Fractionation:
        """The limit as a point dose in :attr:`fractions` fractions."""
        return Fractionation(total_dose_gy=self.point_max_gy, fractions=self.fractions)

    @property
    def eqd2_gy(self) -> float:
        """The limit's EQD2 at :attr:`alpha_beta_gy` (about 44.6 Gy for every row)."""
        return eqd2(self.point_max, alpha_beta_gy=self.alpha_beta_gy)

    def __str__(self) -> str:
        """Show ``spinal cord Dmax 17 Gy in 2 fractions (1–5 % myelopathy risk; HyTEC)``."""
        dose = _fmt(self.point_max_gy)
        if self.point_max_upper_gy != self.point_max_gy:
            dose += f"–{_fmt(self.point_max_upper_gy)}"
        noun = "fraction" if self.fractions == 1 else "fractions"
        structure = self.structure.value.replace("_", " ")
        return (
            f"{structure} Dmax {dose} Gy in {self.fractions} {noun} "
            f"({self.risk} myelopathy risk; {self.citation.short})"
        )


def sbrt_cord_limit(fractions: int) -> SbrtCordLimit:
    """Return the de novo SBRT spinal cord point-maximum limit for 1 to 5 fractions.

    The limits are 12.4 (to 14.0) / 17.0 / 20.3 / 23.0 / 25.3 Gy in 1 / 2 / 3 / 4 / 5
    fractions, estimated by HyTEC to carry a 1 % to 5 % risk of radiation
    myelopathy; all are isoeffective at about 44.6 Gy EQD2₂.

    Args:
        fractions: Number of SBRT fractions, 1 to 5.

    Returns:
        The limit, its range, risk, structure and citations.

    Raises:
        InvalidInputError: If ``fractions`` is not an integer from 1 to 5.

    References:
        Sahgal A, Chang JH, Ma L, et al. Spinal cord dose tolerance to stereotactic
        body radiation therapy. Int J Radiat Oncol Biol Phys. 2021;110(1):124-136.
        doi:10.1016/j.ijrobp.2019.09.038 (abstract).
        Sahgal A, Weinberg V, Ma L, et al. Probabilities of radiation myelopathy
        specific to stereotactic body radiation therapy to guide safe practice.
        Int J Radiat Oncol Biol Phys. 2013;85(2):341-347.
        doi:10.1016/j.ijrobp.2012.05.007 (thecal sac Pmax, risk 5 % or less).

    Note:
        No prior radiotherapy to the level. HyTEC's Table 3 reportedly lists higher
        upper values for 2 to 5 fractions (LQ extrapolations); they were read only
        in a secondary source and are not used.

    Examples:
        >>> limit = sbrt_cord_limit(1)
        >>> limit.point_max_gy, limit.point_max_upper_gy, str(limit.risk)
        (12.4, 14.0, '1–5 %')
        >>> round(limit.eqd2_gy, 1)
        44.6
    """
    count = _integer("fractions", fractions, 1, _SBRT_MAX_FRACTIONS)
    row = next(row for row in HYTEC_CORD_LIMITS if row.fractions == count)
    return SbrtCordLimit(
        fractions=count,
        point_max_gy=row.point_max_gy,
        point_max_upper_gy=row.point_max_upper_gy,
    )


def sbrt_cord_limit_gy(fractions: int) -> float:
    """Return the de novo SBRT spinal cord point-maximum limit in Gy (HyTEC).

    Args:
        fractions: Number of SBRT fractions, 1 to 5.

    Returns:
        12.4, 17.0, 20.3, 23.0 or 25.3 Gy.

    Raises:
        InvalidInputError: If ``fractions`` is not an integer from 1 to 5.

    References:
        Sahgal A, Chang JH, Ma L, et al. Int J Radiat Oncol Biol Phys.
        2021;110(1):124-136. doi:10.1016/j.ijrobp.2019.09.038 (abstract).

    Examples:
        >>> [sbrt_cord_limit_gy(n) for n in range(1, 6)]
        [12.4, 17.0, 20.3, 23.0, 25.3]
    """
    return sbrt_cord_limit(fractions).point_max_gy
