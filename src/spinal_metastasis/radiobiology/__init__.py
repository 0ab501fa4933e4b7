"""Radiobiology of spine radiotherapy: BED, EQD2, schedules, cord tolerance and re-irradiation.

Doses are compared with the linear-quadratic (LQ) model without a correction for
overall treatment time: BED = D (1 + d / (α/β)) and EQD2 = BED / (1 + 2 / (α/β))
for a total dose D given in n fractions of d Gy (Fowler 1989). The α/β ratio is
always named by the caller, because it is a property of the tissue: 10 Gy is the
convention for tumor, 3 Gy for late-reacting tissue such as bone, 2 Gy for the
spinal cord in the re-irradiation work this module encodes (Sahgal 2012, HyTEC).

The LQ model is "reasonably well validated ... up to about 10 Gy / fraction" and
"would be reasonable for use up to about 18 Gy per fraction" (Brenner 2008);
others hold it inappropriate at radiosurgical doses (Kirkpatrick 2008). Beyond
10 Gy per fraction the functions still return their value, and
:func:`~spinal_metastasis.radiobiology.lq.lq_validity_findings` returns a finding that says
so; the re-irradiation checks include those findings.

Cord limits and re-irradiation criteria are dose-volume points of the spinal cord
or thecal sac (the point maximum, Pmax/Dmax), not prescriptions. They are
factors associated with a lower risk of radiation myelopathy in small series,
not validated tolerances.

The package's modules follow these steps: :mod:`~spinal_metastasis.radiobiology.lq`
(the model), :mod:`~spinal_metastasis.radiobiology.schedules` (the catalogue),
:mod:`~spinal_metastasis.radiobiology.cord_limits` (de novo SBRT cord limits),
:mod:`~spinal_metastasis.radiobiology.reirradiation` and
:mod:`~spinal_metastasis.radiobiology.allowance` (SBRT re-irradiation),
:mod:`~spinal_metastasis.radiobiology.nieder` (conventional re-irradiation) and
:mod:`~spinal_metastasis.radiobiology.cord_history` (a patient's earlier courses).
Every public name is importable from :mod:`spinal_metastasis.radiobiology`.

References:
    Fowler JF. The linear-quadratic formula and progress in fractionated
    radiotherapy. Br J Radiol. 1989;62(740):679-694.
    doi:10.1259/0007-1285-62-740-679.

    Brenner DJ. The linear-quadratic model is an appropriate methodology for
    determining isoeffective doses at large doses per fraction. Semin Radiat
    Oncol. 2008;18(4):234-239.

    Sahgal A, Chang JH, Ma L, et al. Spinal cord dose tolerance to stereotactic
    body radiation therapy. Int J Radiat Oncol Biol Phys. 2021;110(1):124-136.
    doi:10.1016/j.ijrobp.2019.09.038 (HyTEC; abstract).

    Sahgal A, Ma L, Weinberg V, et al. Reirradiation human spinal cord tolerance
    for stereotactic body radiotherapy. Int J Radiat Oncol Biol Phys.
    2012;82(1):107-116 (abstract).

    Nieder C, Grosu AL, Andratschke NH, Molls M. Update of human spinal cord
    reirradiation tolerance based on additional data from 38 patients. Int J
    Radiat Oncol Biol Phys. 2006;66(5):1446-1449. doi:10.1016/j.ijrobp.2006.07.1383.
"""

from spinal_metastasis.radiobiology.allowance import (
    ReirradiationAllowance,
    max_reirradiation_dose_gy,
)
from spinal_metastasis.radiobiology.cord_history import (
    CordDoseHistory,
    CordHistoryStatus,
    PriorCordDose,
    cord_dose_history,
    cord_dose_history_of,
)
from spinal_metastasis.radiobiology.cord_limits import (
    HYTEC_CORD_LIMITS,
    CordDoseLimitRow,
    DoseStructure,
    SbrtCordLimit,
    sbrt_cord_limit,
    sbrt_cord_limit_gy,
)
from spinal_metastasis.radiobiology.lq import (
    CORD_ALPHA_BETA_GY,
    LQ_REASONABLE_MAX_DOSE_PER_FRACTION_GY,
    LQ_WELL_VALIDATED_MAX_DOSE_PER_FRACTION_GY,
    bed,
    eqd2,
    isoeffective_dose_gy,
    lq_validity_findings,
    total_eqd2_gy,
)
from spinal_metastasis.radiobiology.nieder import (
    NIEDER_ALPHA_BETA_GY,
    NIEDER_COURSE_BED_GY,
    NIEDER_CUMULATIVE_BED_GY,
    NIEDER_MIN_INTERVAL_DAYS,
    NIEDER_NO_MYELOPATHY_REPORTED_BED_GY,
    NiederCheck,
    nieder_alpha_beta_gy,
    nieder_check,
)
from spinal_metastasis.radiobiology.reirradiation import (
    HYTEC_REIRRADIATION_LIMITS,
    Comparison,
    Criterion,
    CriterionName,
    ReirradiationCheck,
    ReirradiationLimits,
    reirradiation_check,
)
from spinal_metastasis.radiobiology.schedules import (
    SCHEDULES,
    Schedule,
    Technique,
    schedule,
)

__all__ = [
    "CORD_ALPHA_BETA_GY",
    "HYTEC_CORD_LIMITS",
    "HYTEC_REIRRADIATION_LIMITS",
    "LQ_REASONABLE_MAX_DOSE_PER_FRACTION_GY",
    "LQ_WELL_VALIDATED_MAX_DOSE_PER_FRACTION_GY",
    "NIEDER_ALPHA_BETA_GY",
    "NIEDER_COURSE_BED_GY",
    "NIEDER_CUMULATIVE_BED_GY",
    "NIEDER_MIN_INTERVAL_DAYS",
    "NIEDER_NO_MYELOPATHY_REPORTED_BED_GY",
    "SCHEDULES",
    "Comparison",
    "CordDoseHistory",
    "CordDoseLimitRow",
    "CordHistoryStatus",
    "Criterion",
    "CriterionName",
    "DoseStructure",
    "NiederCheck",
    "PriorCordDose",
    "ReirradiationAllowance",
    "ReirradiationCheck",
    "ReirradiationLimits",
    "SbrtCordLimit",
    "Schedule",
    "Technique",
    "bed",
    "cord_dose_history",
    "cord_dose_history_of",
    "eqd2",
    "isoeffective_dose_gy",
    "lq_validity_findings",
    "max_reirradiation_dose_gy",
    "nieder_alpha_beta_gy",
    "nieder_check",
    "reirradiation_check",
    "sbrt_cord_limit",
    "sbrt_cord_limit_gy",
    "schedule",
    "total_eqd2_gy",
]
