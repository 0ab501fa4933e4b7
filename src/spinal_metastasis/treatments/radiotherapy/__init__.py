"""Radiotherapy for a spinal metastasis: conventional EBRT and SBRT.

Two options, each with its eligibility rules and its trade-off profile, for a
schedule of :data:`spinal_metastasis.radiobiology.schedules.SCHEDULES` (conventional
schedules for cEBRT, stereotactic ones for SBRT):

- **Conventional external beam radiotherapy** (:func:`assess_conventional_ebrt`),
  by default 20 Gy in 5 fractions, the control arm of SC.24, so that the two
  default options are the two arms of that randomised trial.
- **Stereotactic body radiotherapy** (:func:`assess_sbrt`), by default 24 Gy in
  2 fractions, the SBRT arm of SC.24.

The eligibility rules are declared once, in
:mod:`~spinal_metastasis.treatments.radiotherapy.rules`, and listed by
:func:`spinal_metastasis.rules` (``rules(Modality.SBRT)``): each with its id, the inputs
it reads, what it checks and its source; the docs render their table from that registry. The
figures (schedules, thresholds, holds, pain relief, flare, fracture and local control) are typed
data in :mod:`~spinal_metastasis.treatments.radiotherapy.figures`; the options are in
:mod:`~spinal_metastasis.treatments.radiotherapy.conventional` and
:mod:`~spinal_metastasis.treatments.radiotherapy.stereotactic`.

Decisions the sources leave open are stated in the rules' statements; in short: SINS 12
is outside SC.24 but not grossly unstable (caution); ECOG 3-4 is outside SC.24 (caution,
a trial criterion); high-grade compression without a deficit is a caution for SBRT, with
a deficit (Frankel A-D, read as due to this lesion) SBRT is contraindicated as the sole
treatment. Anesthesia: no source read states it; the set is left empty and a finding
says so. Hospital stay: no source read; ``None``.
"""

from spinal_metastasis.treatments.radiotherapy.conventional import assess_conventional_ebrt
from spinal_metastasis.treatments.radiotherapy.figures import (
    CEBRT_HOLDS,
    DEFAULT_CEBRT_SCHEDULE,
    DEFAULT_SBRT_SCHEDULE,
    LOCAL_CONTROL_HORIZON_DAYS,
    RTOG0631_MAX_SEGMENTS,
    SBRT_HOLDS,
    SBRT_VCF_INCIDENCE,
    SC24_MAX_ECOG,
    SC24_MAX_SEGMENTS,
    SC24_MAX_SINS,
    SINS_UNSTABLE_MIN,
    VCF_HAZARD_RATIO_ALIGNMENT,
    VCF_HAZARD_RATIO_BONE_LESION,
    VCF_HAZARD_RATIO_COLLAPSE,
    VCF_HAZARD_RATIO_DOSE_PER_FRACTION,
)
from spinal_metastasis.treatments.radiotherapy.stereotactic import assess_sbrt, sbrt_collapse_risk

__all__ = [
    "CEBRT_HOLDS",
    "DEFAULT_CEBRT_SCHEDULE",
    "DEFAULT_SBRT_SCHEDULE",
    "LOCAL_CONTROL_HORIZON_DAYS",
    "RTOG0631_MAX_SEGMENTS",
    "SBRT_HOLDS",
    "SBRT_VCF_INCIDENCE",
    "SC24_MAX_ECOG",
    "SC24_MAX_SEGMENTS",
    "SC24_MAX_SINS",
    "SINS_UNSTABLE_MIN",
    "VCF_HAZARD_RATIO_ALIGNMENT",
    "VCF_HAZARD_RATIO_BONE_LESION",
    "VCF_HAZARD_RATIO_COLLAPSE",
    "VCF_HAZARD_RATIO_DOSE_PER_FRACTION",
    "assess_conventional_ebrt",
    "assess_sbrt",
    "sbrt_collapse_risk",
]
