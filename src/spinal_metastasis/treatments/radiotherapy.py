"""Radiotherapy for a spinal metastasis: conventional EBRT and SBRT.

Two options, each with its eligibility rules and its trade-off profile, for a
schedule of :data:`spinal_metastasis.radiobiology.schedules.SCHEDULES` (conventional
schedules for cEBRT, stereotactic ones for SBRT):

- **Conventional external beam radiotherapy** (:func:`assess_conventional_ebrt`),
  by default 20 Gy in 5 fractions, the control arm of SC.24, so that the two
  default options are the two arms of that randomised trial.
- **Stereotactic body radiotherapy** (:func:`assess_sbrt`), by default 24 Gy in
  2 fractions, the SBRT arm of SC.24.

Eligibility rules, each with its source:

- cEBRT: the NOMS oncologic assessment (radiosensitive histology: cEBRT whatever
  the compression; radioresistant: lower local control, caution); high-grade
  compression from a radioresistant primary in an operable patient: surgery first
  (NOMS, Patchell 2005), caution; gross instability (SINS 13-18): stabilization is
  a separate need (NOMS), caution; earlier radiotherapy to the levels: Nieder 2006
  (cumulative cord BED <= 135.5 Gy₂, each course <= 98 Gy₂), caution when met,
  contraindicated when a BED bound fails. An interval shorter than Nieder's
  6 months is reported (caution), not a contraindication: conventional
  re-irradiation is the usual palliative practice and Nieder's bounds concern the dose.
- SBRT: SC.24 eligibility (ECOG 0-2; at most 3 consecutive segments; SINS < 12;
  no neurologically symptomatic cord compression), with RTOG 0631 (at most 2
  contiguous levels per site) as a second source; high-grade compression:
  separation surgery first (NOMS), caution, and contraindicated as the sole
  treatment with a neurological deficit; earlier radiotherapy: the Sahgal 2012 /
  HyTEC re-irradiation criteria through
  :func:`~spinal_metastasis.radiobiology.allowance.max_reirradiation_dose_gy` (no positive
  dose allowed, or an interval shorter than 5 months: contraindicated; a dose
  allowed: caution, since the budget of at most 25 Gy EQD2₂ is below the de novo
  cord limit of about 44.6 Gy EQD2₂).

Decisions the sources leave open, and how they are made here:

- SINS 12 is outside SC.24 (SINS < 12) but not grossly unstable: caution. SINS
  13-18 calls for stabilization (NOMS): SBRT as the sole treatment is
  contraindicated; cEBRT gets a caution (NOMS still sends patients who cannot
  have surgery to cEBRT).
- ECOG 3-4 is outside SC.24: caution, not a contraindication (a trial criterion).
- High-grade compression without a deficit: caution for SBRT (single-fraction
  SRS for Bilsky 3 had 24.9 % local progression at 1 year, Kim 2019); with a
  deficit (Frankel A-D): contraindicated as the sole treatment. The patient's
  Frankel grade is read as due to this lesion's compression.
- Anesthesia: no source read states it for either option; the set is left empty
  and a finding says so. Hospital stay: no source read; ``None``.
- Figures read only in secondary summaries say so in their descriptions.

The module is longer than the style guide's 600 lines; it should become a package
(conventional, stereotactic, shared rules) when it next grows.

References:
    Sahgal A, Myrehaug SD, Siva S, et al. Stereotactic body radiotherapy versus
    conventional external beam radiotherapy in patients with painful spinal
    metastases: an open-label, multicentre, randomised, controlled, phase 2/3
    trial. Lancet Oncol. 2021;22(7):1023-1033. doi:10.1016/S1470-2045(21)00196-0.

    Ryu S, Deshmukh S, Timmerman RD, et al. Stereotactic radiosurgery vs
    conventional radiotherapy for localized vertebral metastases of the spine:
    phase 3 results of NRG Oncology/RTOG 0631. JAMA Oncol. 2023;9(6):800-807.
    doi:10.1001/jamaoncol.2023.0356.

    Laufer I, Rubin DG, Lis E, et al. The NOMS framework: approach to the
    treatment of spinal metastatic tumors. Oncologist. 2013.
    doi:10.1634/theoncologist.2012-0293.

    Nieder C, Grosu AL, Andratschke NH, Molls M. Update of human spinal cord
    reirradiation tolerance based on additional data from 38 patients. Int J
    Radiat Oncol Biol Phys. 2006;66(5):1446-1449. doi:10.1016/j.ijrobp.2006.07.1383.

    Sahgal A, Atenafu EG, Chao S, et al. Vertebral compression fracture after
    spine stereotactic body radiotherapy. J Clin Oncol. 2013;31(27):3426-3431.
    doi:10.1200/JCO.2013.50.1411.
"""

import math
from collections.abc import Hashable, Mapping, Sequence
from types import MappingProxyType
from typing import Final, TypeVar

from spinal_metastasis._cache import RECORD_CACHE_SIZE, VALUE_CACHE_SIZE, bounded, memoized
from spinal_metastasis.anatomy import Region, VertebralLevel, format_levels
from spinal_metastasis.errors import InvalidInputError
from spinal_metastasis.evidence import Citation, Finding, finding, input_value
from spinal_metastasis.histology import PrimaryTumor
from spinal_metastasis.model import (
    ESCC,
    Alignment,
    BoneLesion,
    Collapse,
    Fractionation,
    Frankel,
    RadiationCourse,
    SpinalLesion,
    SystemicAgent,
)
from spinal_metastasis.performance import possible_ecog
from spinal_metastasis.radiobiology import (
    CORD_ALPHA_BETA_GY,
    CordDoseHistory,
    CordHistoryStatus,
    CriterionName,
    Schedule,
    Technique,
    cord_dose_history_of,
    eqd2,
    lq_validity_findings,
    max_reirradiation_dose_gy,
    nieder_check,
    sbrt_cord_limit,
)
from spinal_metastasis.radiobiology import schedule as named_schedule
from spinal_metastasis.ranges import DayRange, ProbabilityRange, ScoreRange
from spinal_metastasis.ranges.enumeration import decide, factor
from spinal_metastasis.sources.radiobiology import (
    BONE_PAIN_TRIAL_1999,
    FOWLER_1989,
    GUCKENBERGER_2014,
    HARTSELL_2005,
    NIEDER_2006,
    RYU_2023,
    SAHGAL_2021_HYTEC,
    SAHGAL_2021_SC24,
    STEENLAND_1999,
)
from spinal_metastasis.sources.radiotherapy import (
    BALAGAMWALA_2018,
    BILSKY_2011,
    CHIANG_2013,
    CHOW_2012,
    KIM_2019,
    PAN_2014,
    RADES_2011,
    SPRAVE_2018_FRACTURE,
    TRUNTZER_2013,
    VAN_DER_VELDEN_2018,
    ZENG_2022,
)
from spinal_metastasis.sources.scores import AO_RADIOSENSITIVITY, FOURNEY_2011
from spinal_metastasis.sources.scores import LAUFER_2013 as NOMS_2013
from spinal_metastasis.sources.treatments import (
    CHOW_2015_DEXAMETHASONE,
    FARUQI_2018,
    GUIMOND_2022,
    KHAN_2015_DEXAMETHASONE,
    KROEZE_2017,
    KROEZE_2023,
    MCDONALD_2014,
    PATCHELL_2005,
    SAHGAL_2013_VCF,
)
from spinal_metastasis.treatments._common import HoldRecommendation, agent_holds
from spinal_metastasis.treatments.context import LesionContext, TreatmentInputs
from spinal_metastasis.treatments.option import (
    AgentHold,
    Burden,
    CollapseRisk,
    Eligibility,
    LocalControl,
    Modality,
    OptionAssessment,
    PainRelief,
    Rate,
    RuleOutcome,
    Toxicity,
    rule,
)

# The rules and trade-offs below are pure functions of the few values they take (enums,
# booleans, frozensets, ranges, schedules, frozen courses) and return frozen objects, so
# they are memoized (functools.cache, see spinal_metastasis._cache): the domains are
# small, sharing a frozen result is safe, and the cache is thread-safe. A number a rule
# only displays is passed already rendered (``input_value``), so that equal keys always
# give equal text.

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

_K = TypeVar("_K")
_E = Eligibility.ELIGIBLE
_C = Eligibility.CAUTION
_X = Eligibility.CONTRAINDICATED
_ALL_VERDICTS: Final = frozenset({_E, _C, _X})

# --- Schedules ----------------------------------------------------------------------------------

#: Default conventional schedule: 20 Gy in 5 fractions, the control arm of SC.24 (and a
#: multifraction arm of the Bone Pain Trial), so that the default cEBRT and SBRT options
#: are the two arms of one randomised trial.
DEFAULT_CEBRT_SCHEDULE: Final = named_schedule("20 Gy / 5")
#: Default SBRT schedule: 24 Gy in 2 daily fractions, the SBRT arm of SC.24.
DEFAULT_SBRT_SCHEDULE: Final = named_schedule("24 Gy / 2")

_SINGLE_8: Final = Fractionation(total_dose_gy=8, fractions=1)
_FIVE_4: Final = Fractionation(total_dose_gy=20, fractions=5)
_SIX_4: Final = Fractionation(total_dose_gy=24, fractions=6)
_TEN_3: Final = Fractionation(total_dose_gy=30, fractions=10)
_FIFTEEN_2_5: Final = Fractionation(total_dose_gy=37.5, fractions=15)
_TWENTY_2: Final = Fractionation(total_dose_gy=40, fractions=20)
_SC24_SBRT: Final = Fractionation(total_dose_gy=24, fractions=2)
_THREE_8: Final = Fractionation(total_dose_gy=24, fractions=3)

# --- Eligibility thresholds ---------------------------------------------------------------------

#: SC.24 eligibility: ECOG performance status 0-2 (abstract).
SC24_MAX_ECOG: Final = 2
#: SC.24 eligibility: no more than three consecutive vertebral segments (abstract).
SC24_MAX_SEGMENTS: Final = 3
#: RTOG 0631 eligibility: a solitary metastasis or 2 contiguous levels; each site up to 2
#: contiguous vertebral bodies (PubMed abstract).
RTOG0631_MAX_SEGMENTS: Final = 2
#: SC.24 eligibility: "SINS <12" (abstract), so the largest SINS included is 11.
SC24_MAX_SINS: Final = 11
#: SINS 13-18: unstable (Fourney 2011); NOMS: gross instability calls for stabilization.
SINS_UNSTABLE_MIN: Final = 13
#: Frankel grades with a neurological deficit (E is normal motor and sensory function).
_DEFICIT_FRANKEL: Final = frozenset({Frankel.A, Frankel.B, Frankel.C, Frankel.D})

# --- Systemic-therapy holds ---------------------------------------------------------------------

_A = SystemicAgent
# Guimond 2022 abstract: BRAF 3 days; MEK 1-2 days; erlotinib/gefitinib 1-2 days, osimertinib
# >= 2 days; bevacizumab 4 weeks; sorafenib/sunitinib 5-10 days; CDK4/6 consider 1-2 days;
# each "prior and post-RT".
_GUIMOND_BRAF: Final = HoldRecommendation(
    days_before=DayRange.exact(3),
    days_after=DayRange.exact(3),
    statement=(
        "BRAF inhibitor: suspend 3 days before and after radiotherapy (toxic when given "
        "concurrently; Guimond 2022)."
    ),
    citation=GUIMOND_2022,
)
_GUIMOND_MEK: Final = HoldRecommendation(
    days_before=DayRange(low=1, high=2),
    days_after=DayRange(low=1, high=2),
    statement=("MEK inhibitor: suspend 1-2 days before and after radiotherapy (Guimond 2022)."),
    citation=GUIMOND_2022,
)
_GUIMOND_EGFR: Final = HoldRecommendation(
    days_before=DayRange(low=1, high=2),
    days_after=DayRange(low=1, high=2),
    statement=(
        "EGFR tyrosine kinase inhibitor: erlotinib or gefitinib 1-2 days, osimertinib at least "
        "2 days, before and after radiotherapy (Guimond 2022); for osimertinib the upper end "
        "is a minimum."
    ),
    citation=GUIMOND_2022,
)
_GUIMOND_ANTI_VEGF: Final = HoldRecommendation(
    days_before=DayRange.from_weeks(4, 4),
    days_after=DayRange.from_weeks(4, 4),
    statement=(
        "Anti-VEGF antibody (bevacizumab): suspend 4 weeks before and after radiotherapy "
        "(Guimond 2022)."
    ),
    citation=GUIMOND_2022,
)
_GUIMOND_VEGF_TKI: Final = HoldRecommendation(
    days_before=DayRange(low=5, high=10),
    days_after=DayRange(low=5, high=10),
    statement=(
        "VEGF tyrosine kinase inhibitor (sorafenib, sunitinib): consider suspending 5-10 days "
        "before and after radiotherapy (Guimond 2022)."
    ),
    citation=GUIMOND_2022,
)
_GUIMOND_CDK46: Final = HoldRecommendation(
    days_before=DayRange(low=1, high=2),
    days_after=DayRange(low=1, high=2),
    statement=(
        "CDK4/6 inhibitor: consider suspending 1-2 days before and after radiotherapy "
        "(Guimond 2022)."
    ),
    citation=GUIMOND_2022,
)

#: Holds around conventional radiotherapy (Guimond 2022). Checkpoint inhibitors, cytotoxic,
#: hormonal, bone-modifying and other agents have no sourced hold: they are reported, not guessed.
CEBRT_HOLDS: Final[Mapping[SystemicAgent, HoldRecommendation]] = MappingProxyType(
    {
        _A.BRAF_INHIBITOR: _GUIMOND_BRAF,
        _A.MEK_INHIBITOR: _GUIMOND_MEK,
        _A.EGFR_TKI: _GUIMOND_EGFR,
        _A.ANTI_VEGF_ANTIBODY: _GUIMOND_ANTI_VEGF,
        _A.VEGF_TKI: _GUIMOND_VEGF_TKI,
        _A.CDK46_INHIBITOR: _GUIMOND_CDK46,
    }
)

#: Holds around SBRT: the OligoCare consensus (Kroeze 2023) where its abstract speaks
#: (checkpoint inhibitors, ipilimumab, VEGF inhibitors before SBRT), Guimond 2022 where it is
#: silent (the interval after SBRT for VEGF inhibitors; BRAF, MEK, EGFR and CDK4/6 inhibitors).
SBRT_HOLDS: Final[Mapping[SystemicAgent, HoldRecommendation]] = MappingProxyType(
    {
        _A.IMMUNE_CHECKPOINT_INHIBITOR: HoldRecommendation(
            days_before=DayRange.exact(0),
            days_after=DayRange.exact(0),
            statement=(
                "Immune checkpoint inhibitor: can be continued uninterrupted around SBRT, though "
                "not given on the same day (OligoCare consensus, Kroeze 2023)."
            ),
            citation=KROEZE_2023,
        ),
        _A.CTLA4_INHIBITOR: HoldRecommendation(
            days_before=DayRange.exact(7),
            days_after=DayRange(low=0, high=7),
            statement=(
                "Ipilimumab or combined checkpoint blockade: near-consensus to wait at least "
                "1 week between the drug and SBRT, some experts would interrupt it (OligoCare, "
                "Kroeze 2023); read as at least 7 days before SBRT and up to 7 days after, "
                "since the summary read does not say whether the gap applies after SBRT."
            ),
            citation=KROEZE_2023,
        ),
        _A.ANTI_VEGF_ANTIBODY: HoldRecommendation(
            days_before=DayRange(low=7, high=28),
            days_after=DayRange.from_weeks(4, 4),
            statement=(
                "Anti-VEGF antibody: interrupt at least one cycle and wait at least 1 week "
                "before SBRT (OligoCare, Kroeze 2023; Guimond 2022 suggests 4 weeks); after "
                "SBRT, where OligoCare is silent, 4 weeks (Guimond 2022)."
            ),
            citation=KROEZE_2023,
        ),
        _A.VEGF_TKI: HoldRecommendation(
            days_before=DayRange(low=7, high=10),
            days_after=DayRange(low=5, high=10),
            statement=(
                "VEGF tyrosine kinase inhibitor: interrupt at least one cycle and wait at least "
                "1 week before SBRT (OligoCare, Kroeze 2023; Guimond 2022: 5-10 days for "
                "sorafenib or sunitinib); after SBRT, where OligoCare is silent, 5-10 days "
                "(Guimond 2022)."
            ),
            citation=KROEZE_2023,
        ),
        _A.BRAF_INHIBITOR: _GUIMOND_BRAF,
        _A.MEK_INHIBITOR: _GUIMOND_MEK,
        _A.EGFR_TKI: _GUIMOND_EGFR,
        _A.CDK46_INHIBITOR: _GUIMOND_CDK46,
    }
)
#: Kroeze 2017: more toxicity of extracranial SRT with EGFR inhibitors, bevacizumab, sorafenib.
_KROEZE_2017_AGENTS: Final = frozenset({_A.EGFR_TKI, _A.ANTI_VEGF_ANTIBODY, _A.VEGF_TKI})

# --- Pain relief --------------------------------------------------------------------------------

#: cEBRT onset, days after the last fraction: 38 % had responded at the completion of
#: treatment (Truntzer 2013); median time to response 4 weeks (PRESENT, van der Velden 2018).
_CEBRT_ONSET_DAYS: Final = DayRange(low=0, high=28)
#: cEBRT near-maximal relief: the response rate plateaued from day 8 (Truntzer 2013); pain
#: scores were lowest at 6 weeks, day 42 (PRESENT key messages).
_CEBRT_MAXIMAL_DAYS: Final = DayRange(low=8, high=42)
#: PRESENT: complete or partial response in 61 % of 432 treated, 67 % of 390 assessable.
_CEBRT_RESPONSE: Final = Rate(
    probability=ProbabilityRange(low=0.61, high=0.67),
    description=(
        "complete or partial pain response after conventional radiotherapy in an unselected "
        "cohort (61 % of all 432 treated, 67 % of the 390 assessable; PRESENT)"
    ),
    citation=VAN_DER_VELDEN_2018,
)
#: SC.24: complete pain response at 3 months 14 % after 20 Gy / 5 (secondary summary).
_CEBRT_COMPLETE: Final = Rate(
    probability=ProbabilityRange.exact(0.14),
    description=(
        "complete pain response at 3 months, 20 Gy / 5 arm of SC.24 (read in a secondary "
        "summary of the trial)"
    ),
    citation=SAHGAL_2021_SC24,
)
#: Retreatment by schedule: the arm of the trial that used it.
_CEBRT_RETREATMENT: Final[Mapping[Fractionation, Rate]] = MappingProxyType(
    {
        _SINGLE_8: Rate(
            probability=ProbabilityRange.exact(0.18),
            description=(
                "retreatment after 8 Gy x 1, RTOG 97-14 (9 % after 30 Gy / 10; read in a "
                "secondary commentary)"
            ),
            citation=HARTSELL_2005,
        ),
        _TEN_3: Rate(
            probability=ProbabilityRange.exact(0.09),
            description=(
                "retreatment after 30 Gy / 10, RTOG 97-14 (18 % after 8 Gy x 1; read in a "
                "secondary commentary)"
            ),
            citation=HARTSELL_2005,
        ),
        _SIX_4: Rate(
            probability=ProbabilityRange.exact(0.07),
            description=(
                "retreatment after 24 Gy / 6, Dutch Bone Metastasis Study (24 % after "
                "8 Gy x 1; read in a secondary commentary)"
            ),
            citation=STEENLAND_1999,
        ),
        _FIVE_4: Rate(
            probability=ProbabilityRange.exact(0.16),
            description=(
                "re-irradiation of the site within 1 year after 20 Gy / 5, SC.24 secondary "
                "analysis (2 % after 24 Gy / 2 SBRT; read in a trial summary)"
            ),
            citation=ZENG_2022,
        ),
    }
)

#: SBRT: median time to pain relief 1.8 months after single-fraction spine SRS (median 15 Gy).
_SBRT_ONSET_DAYS: Final = DayRange.from_months(1.8, 1.8)
#: RTOG 0631: pain response (>= 3-point NRPS improvement) at 3 months 41.3 % after SRS.
_SBRT_RESPONSE: Final = Rate(
    probability=ProbabilityRange.exact(0.413),
    description=(
        "pain response (at least 3 points better on the numerical rating pain scale) at "
        "3 months after 16 or 18 Gy x 1, RTOG 0631; 60.5 % after 8 Gy x 1 conventional"
    ),
    citation=RYU_2023,
)
#: SC.24: complete pain response at 3 months 35 % after 24 Gy / 2 (secondary summary).
_SBRT_COMPLETE: Final = Rate(
    probability=ProbabilityRange.exact(0.35),
    description=(
        "complete pain response at 3 months after 24 Gy / 2, SC.24; 14 % after 20 Gy / 5 "
        "conventional (read in a secondary summary of the trial)"
    ),
    citation=SAHGAL_2021_SC24,
)
#: SC.24 secondary analysis: 1-year re-irradiation 2 % after SBRT (16 % after cEBRT).
_SBRT_RETREATMENT: Final = Rate(
    probability=ProbabilityRange.exact(0.02),
    description=(
        "re-irradiation of the site within 1 year after 24 Gy / 2, SC.24 secondary analysis "
        "(16 % after 20 Gy / 5; read in a trial summary)"
    ),
    citation=ZENG_2022,
)

# --- Toxicity -----------------------------------------------------------------------------------

#: cEBRT pain flare without prophylaxis: 30-40 % quoted with Chow 2015 (placebo arm 35 %).
_CEBRT_FLARE: Final = Rate(
    probability=ProbabilityRange(low=0.30, high=0.40),
    description=(
        "pain flare after conventional radiotherapy without prophylaxis: 30-40 % quoted as "
        "background to the Chow 2015 trial, whose placebo arm had 35 % (days 0-10, 8 Gy x 1)"
    ),
    citation=CHOW_2015_DEXAMETHASONE,
)
#: Chow 2015: 26 % with dexamethasone 8 mg before and on days 1-4 (8 Gy x 1).
_CEBRT_FLARE_DEXAMETHASONE: Final = Rate(
    probability=ProbabilityRange.exact(0.26),
    description=(
        "pain flare with dexamethasone 8 mg before 8 Gy x 1 and daily on days 1-4 "
        "(Chow 2015, days 0-10)"
    ),
    citation=CHOW_2015_DEXAMETHASONE,
)
#: McDonald 2014 review: pain flare 10-68 % after SBRT.
_SBRT_FLARE: Final = Rate(
    probability=ProbabilityRange(low=0.10, high=0.68),
    description=(
        "pain flare after SBRT across the studies of a literature review (23 % in 195 "
        "patients, Pan 2014; 68.3 % in 41 steroid-naive patients, Chiang 2013)"
    ),
    citation=MCDONALD_2014,
)
#: Khan 2015: 19 % with prophylactic dexamethasone (4 or 8 mg) around spine SBRT.
_SBRT_FLARE_DEXAMETHASONE: Final = Rate(
    probability=ProbabilityRange.exact(0.19),
    description=(
        "pain flare with prophylactic dexamethasone (4 or 8 mg before SBRT and for 4 days "
        "after; 25 % with 4 mg, 13 % with 8 mg), Khan 2015"
    ),
    citation=KHAN_2015_DEXAMETHASONE,
)

# --- Collapse (vertebral compression fracture) --------------------------------------------------

#: Incidence after stereotactic radiotherapy, Sahgal 2013 (12.35 % at 1 year to 14 % crude,
#: 57 of 410 segments); Faruqi 2018 pooled 13.9 % of 2,911 segments.
SBRT_VCF_INCIDENCE: Final = ProbabilityRange(low=0.1235, high=0.14)
#: cEBRT: 4.3 % at 3 months after 30 Gy / 10 (Sprave 2018) to about 22 % at 2 years in both
#: arms of RTOG 0631 (secondary); SC.24 overall 8 % at 12 and 11 % at 24 months.
_CEBRT_VCF_INCIDENCE: Final = ProbabilityRange(low=0.043, high=0.22)

#: Hazard ratio by baseline collapse in Sahgal 2013 (Fine and Gray model, Table 3), against no
#: VCF with less than 50 % of the body involved. Not monotone in severity: < 50 % 8.98,
#: >= 50 % 6.92.
VCF_HAZARD_RATIO_COLLAPSE: Final[Mapping[Collapse, float]] = MappingProxyType(
    {
        Collapse.NONE: 1.0,
        Collapse.NONE_WITH_OVER_50_PERCENT_BODY_INVOLVED: 4.46,
        Collapse.LESS_THAN_50_PERCENT: 8.98,
        Collapse.AT_LEAST_50_PERCENT: 6.92,
    }
)
#: Sahgal 2013: malalignment (kyphosis or scoliosis, or subluxation) 2.99 against normal.
VCF_HAZARD_RATIO_ALIGNMENT: Final[Mapping[Alignment, float]] = MappingProxyType(
    {
        Alignment.NORMAL: 1.0,
        Alignment.DE_NOVO_DEFORMITY: 2.99,
        Alignment.SUBLUXATION_TRANSLATION: 2.99,
    }
)
#: Sahgal 2013: lytic tumor 3.53 against mixed or blastic.
VCF_HAZARD_RATIO_BONE_LESION: Final[Mapping[BoneLesion, float]] = MappingProxyType(
    {BoneLesion.LYTIC: 3.53, BoneLesion.MIXED: 1.0, BoneLesion.BLASTIC: 1.0}
)
#: Sahgal 2013: dose per fraction bins (Gy, inclusive): <= 19 reference, 20-23 HR 4.91,
#: >= 24 HR 5.25. As (lowest dose, highest dose, HR); doses between two bins (19-20, 23-24)
#: take the range of the two neighbouring hazard ratios.
VCF_HAZARD_RATIO_DOSE_PER_FRACTION: Final = (
    (0.0, 19.0, 1.0),
    (20.0, 23.0, 4.91),
    (24.0, math.inf, 5.25),
)

# --- Local control ------------------------------------------------------------------------------

#: When the local-control figures were measured, 1 year (Rades 2011, SC.24, Kim 2019).
LOCAL_CONTROL_HORIZON_DAYS: Final = DayRange.from_months(12, 12)
#: Rades 2011: 1-year local control 61 % short-course (1 x 8, 5 x 4 Gy), 81 % long-course.
_RADES_SHORT: Final = ProbabilityRange.exact(0.61)
_RADES_LONG: Final = ProbabilityRange.exact(0.81)
#: SC.24 secondary: local failure at 12 months 28 % after 20 Gy / 5, 6 % after 24 Gy / 2.
_SC24_CEBRT_CONTROL: Final = ProbabilityRange.exact(0.72)
_SC24_SBRT_CONTROL: Final = ProbabilityRange.exact(0.94)
#: Guckenberger 2014: 2-year local control 83.9 % (median 24 Gy / 3).
_GUCKENBERGER_CONTROL: Final = ProbabilityRange.exact(0.839)
#: Bilsky 2011: control rates "greater than 85%" across spine radiosurgery series.
_SERIES_CONTROL: Final = ProbabilityRange(low=0.85, high=1.0)
#: Kim 2019: 1-year local progression 24.9 % after single-fraction SRS for Bilsky grade 3.
_BILSKY_3_CONTROL: Final = ProbabilityRange.exact(0.751)


# --- Small helpers ------------------------------------------------------------------------------


def _fmt(value: float) -> str:
    return f"{round(value, 2):g}"


def _checked_schedule(value: object, technique: Technique) -> Schedule:
    if not isinstance(value, Schedule) or value.technique is not technique:
        msg = (
            f"'schedule' must be a {technique.value} Schedule of "
            f"spinal_metastasis.radiobiology.SCHEDULES (got {value!r})"
        )
        raise InvalidInputError(msg, field="schedule")
    return value


def _possible(values: Sequence[Eligibility]) -> frozenset[Eligibility]:
    return frozenset(values)


def _verdicts(
    factors: Sequence[tuple[str, frozenset[bool], Mapping[str, object]]],
    outcome: "_Outcome",
) -> tuple[frozenset[Eligibility], tuple[str, ...]]:
    """Enumerate a rule over the values still possible of its boolean factors."""
    built = [factor(name, tuple(sorted(values)), **inputs) for name, values, inputs in factors]
    possible, missing = decide(built, outcome)
    return frozenset(possible), missing


class _Outcome:
    """A rule's verdict as a function of named boolean factors (for :func:`decide`)."""

    def __init__(self, when_true: Eligibility, *names: str) -> None:
        self.when_true = when_true
        self.names = names

    def __call__(self, values: Mapping[str, Hashable]) -> Eligibility:
        return self.when_true if all(values[name] for name in self.names) else _E


def _deficits(frankel: Frankel | None) -> frozenset[bool]:
    if frankel is None:
        return frozenset({False, True})
    return frozenset({frankel in _DEFICIT_FRANKEL})


def _unknown_sins_inputs(lesion: SpinalLesion) -> tuple[str, ...]:
    names = ("pain", "bone_lesion", "alignment", "collapse", "posterolateral")
    return tuple(name for name in names if getattr(lesion, name) is None)


# --- Rules shared by both options ---------------------------------------------------------------


@memoized
def _oncologic_rule(sensitive: frozenset[bool], primary: PrimaryTumor | None) -> RuleOutcome:
    """NOMS oncologic assessment for cEBRT: radiosensitive eligible, radioresistant caution."""
    if sensitive == frozenset({True}):
        return rule(
            _E,
            "Radiosensitive histology: NOMS treats it with conventional EBRT whatever the "
            "degree of epidural compression or myelopathy.",
            NOMS_2013,
            primary=primary,
        )
    if sensitive == frozenset({False}):
        return rule(
            _C,
            "Radioresistant histology: conventional EBRT gives less durable local control "
            "(radioresistant tumors need SBRT for durable control); see the local-control "
            "figures.",
            AO_RADIOSENSITIVITY,
            primary=primary,
        )
    missing = ("primary",) if primary is None else ("oncologic",)
    return rule(
        {_E, _C},
        "Response of the primary to conventional EBRT undetermined: radiosensitive histology "
        "is treated with conventional EBRT (NOMS); radioresistant histology gets less durable "
        "local control.",
        NOMS_2013,
        missing=missing,
        primary=primary,
    )


@bounded(VALUE_CACHE_SIZE)
def _surgery_first_rule(  # noqa: PLR0917 - one private call site, the values it reads
    radiosensitive: frozenset[bool],
    high_grade: frozenset[bool],
    operable: frozenset[bool],
    primary: PrimaryTumor | None,
    escc: ESCC | None,
    medically_operable: bool | None,
    survival: str,
) -> RuleOutcome:
    """NOMS and Patchell: high-grade compression, radioresistant, operable: surgery first.

    ``survival`` is the expected survival as displayed (``input_value``).
    """
    factors = (
        (
            "radioresistant",
            frozenset(not v for v in radiosensitive),
            {"primary": primary},
        ),
        ("high_grade", high_grade, {"escc": escc}),
        (
            "operable",
            operable,
            {"medically_operable": medically_operable, "expected_survival_years": survival},
        ),
    )
    possible, missing = _verdicts(factors, _Outcome(_C, "radioresistant", "high_grade", "operable"))
    if possible == frozenset({_C}):
        statement = (
            "High-grade epidural compression from a radioresistant primary in a patient who can "
            "tolerate surgery: NOMS recommends separation surgery, then SBRT; surgery plus "
            "radiotherapy kept more patients walking than radiotherapy alone (84 % vs 57 %, "
            "Patchell 2005)."
        )
        citation = PATCHELL_2005
    elif possible == frozenset({_E}):
        statement = (
            "Not the NOMS indication for surgery first (high-grade compression from a "
            "radioresistant primary in an operable patient)."
        )
        citation = NOMS_2013
    else:
        statement = (
            "Whether NOMS sends this lesion to surgery first (high-grade compression from a "
            "radioresistant primary in an operable patient) is undetermined."
        )
        citation = NOMS_2013
    return rule(
        possible,
        statement,
        citation,
        missing=missing,
        primary=primary,
        escc=escc,
        medically_operable=medically_operable,
        expected_survival_years=survival,
    )


def _sins_verdicts(
    points: ScoreRange, unknown: tuple[str, ...], verdict_of: "_SinsVerdict"
) -> tuple[frozenset[Eligibility], tuple[str, ...]]:
    possible = _possible([verdict_of(total) for total in range(points.low, points.high + 1)])
    missing = unknown if len(possible) > 1 else ()
    return possible, missing


class _SinsVerdict:
    """Verdict of a SINS total against two thresholds (caution from, contraindicated from)."""

    def __init__(self, caution_from: int, contraindicated_from: int | None) -> None:
        self.caution_from = caution_from
        self.contraindicated_from = contraindicated_from

    def __call__(self, total: int) -> Eligibility:
        if self.contraindicated_from is not None and total >= self.contraindicated_from:
            return _X
        return _C if total >= self.caution_from else _E


@memoized
def _cebrt_mechanical_rule(points: ScoreRange, unknown: tuple[str, ...]) -> RuleOutcome:
    """NOMS mechanical assessment: gross instability needs stabilization, apart from radiation.

    ``unknown``: the lesion's unknown SINS findings.
    """
    possible, missing = _sins_verdicts(points, unknown, _SinsVerdict(SINS_UNSTABLE_MIN, None))
    sins = str(points)
    if possible == frozenset({_C}):
        statement = (
            f"SINS {sins}: unstable. Gross instability calls for surgical stabilization, a need "
            "radiotherapy does not meet (NOMS); radiotherapy is given after it, or alone if "
            "surgery is not possible."
        )
    elif possible == frozenset({_E}):
        statement = f"SINS {sins}: not grossly unstable (SINS 13-18)."
    else:
        statement = (
            f"SINS {sins}: whether the spine is unstable (13-18), which calls for "
            "stabilization apart from radiotherapy, is undetermined."
        )
    return rule(possible, statement, FOURNEY_2011, missing=missing, sins=sins)


# --- Re-irradiation -----------------------------------------------------------------------------


#: Longest text of a finding's input value (FindingInput).
_INPUT_MAX_CHARS: Final = 200


def _prior_text(history: CordDoseHistory) -> str:
    text = "; ".join(str(dose.course) for dose in history.courses)
    return text if len(text) <= _INPUT_MAX_CHARS else f"{len(history.courses)} courses"


def _unknown_prior_rule(label: str, criteria: str, citation: Citation) -> RuleOutcome:
    statement = (
        f"Whether {label} was irradiated before is unknown ('prior_radiation'): a prior course "
        f"would make this a re-irradiation, judged by {criteria}."
    )
    return rule(
        _ALL_VERDICTS, statement, citation, missing=("prior_radiation",), prior_radiation=None
    )


@bounded(VALUE_CACHE_SIZE)
def _cebrt_reirradiation(
    prior_radiation: tuple[RadiationCourse, ...] | None,
    levels: tuple[VertebralLevel, ...],
    plan: Schedule,
) -> tuple[RuleOutcome, tuple[Finding, ...]]:
    """Nieder 2006 for conventional re-irradiation: BED bounds decide; interval is reported."""
    label = format_levels(levels)
    history = cord_dose_history_of(prior_radiation, levels)
    # The history's own findings speak of the SBRT budget (HyTEC); keep the adjacent-level ones.
    adjacent = tuple(item for item in history.findings if item.citation is RYU_2023)
    if history.status is CordHistoryStatus.UNDETERMINED:
        return _unknown_prior_rule(label, "Nieder 2006", NIEDER_2006), ()
    if history.status is CordHistoryStatus.DE_NOVO:
        statement = f"No earlier course overlaps {label}: not a re-irradiation."
        return rule(_E, statement, NIEDER_2006, prior_radiation="none overlapping"), adjacent
    assumed = tuple(
        finding(
            f"The cord point maximum of {dose.course} is unknown; its prescription is assumed, "
            "as the cord lies inside a conventional field (hot spots can exceed it).",
            NIEDER_2006,
            cord_max_dose=None,
        )
        for dose in history.courses
        if dose.assumed
    )
    not_sacral = [level for level in levels if level.region is not Region.SACRAL]
    prior = [dose.point_max for dose in history.courses]
    if not_sacral:
        check = nieder_check(
            prior=prior,
            planned=plan.fractionation,
            interval_days=history.interval_days,
            levels=not_sacral,
        )
    else:
        check = nieder_check(
            prior=prior,
            planned=plan.fractionation,
            interval_days=history.interval_days,
            alpha_beta_gy=CORD_ALPHA_BETA_GY,
        )
    dose_criteria = [
        c
        for c in check.criteria
        if c.name in {CriterionName.CUMULATIVE_BED, CriterionName.COURSE_BED}
    ]
    interval = next(c for c in check.criteria if c.name is CriterionName.INTERVAL)
    timing = {
        True: "at least 6 months since the last course",
        False: "less than Nieder's 6 months since the last course",
        None: "interval since the last course unknown",
    }[interval.passed]
    dose = (
        f"cumulative cord BED {_fmt(check.cumulative_bed_gy)} Gy (<= 135.5) and highest "
        f"course {_fmt(check.max_course_bed_gy)} Gy (<= 98), alpha/beta "
        f"{_fmt(check.alpha_beta_gy)} Gy"
    )
    if any(c.passed is False for c in dose_criteria):
        verdict = _X
        statement = (
            f"Conventional re-irradiation of {label} with {plan.name}: {dose}, beyond the "
            f"bounds within which Nieder 2006 found the myelopathy risk small; {timing}."
        )
    else:
        verdict = _C
        statement = (
            f"Conventional re-irradiation of {label} with {plan.name}: {dose}, within the "
            f"bounds of Nieder 2006; {timing}. Re-irradiation needs care even so."
        )
    outcome = rule(
        verdict,
        statement,
        NIEDER_2006,
        prior_radiation=_prior_text(history),
        planned=str(plan.fractionation),
        interval_days=history.interval_days,
    )
    extra: list[Finding] = []
    if not not_sacral:
        extra.append(
            finding(
                f"{label} is sacral, for which Nieder 2006 gives no alpha/beta; 2 Gy (the "
                "cervical and thoracic value, the more cautious) is used.",
                NIEDER_2006,
                levels=label,
            )
        )
    return outcome, (*assumed, *adjacent, *check.findings, *extra)


@bounded(VALUE_CACHE_SIZE)
def _sbrt_reirradiation(
    prior_radiation: tuple[RadiationCourse, ...] | None,
    levels: tuple[VertebralLevel, ...],
    plan: Schedule,
) -> tuple[RuleOutcome, float | None, tuple[Finding, ...]]:
    """Sahgal 2012 / HyTEC: the largest SBRT cord dose the re-irradiation criteria allow.

    Returns the rule, the cord EQD2 the course may add, and the findings.
    """
    label = format_levels(levels)
    fractions = plan.fractionation.fractions
    history = cord_dose_history_of(prior_radiation, levels)
    if history.status is CordHistoryStatus.UNDETERMINED:
        return (
            _unknown_prior_rule(label, "Sahgal 2012 / HyTEC", SAHGAL_2021_HYTEC),
            None,
            history.findings,
        )
    if history.status is CordHistoryStatus.DE_NOVO:
        statement = f"No earlier course overlaps {label}: de novo SBRT, HyTEC cord limits."
        outcome = rule(_E, statement, SAHGAL_2021_HYTEC, prior_radiation="none overlapping")
        if fractions > len(history.de_novo_limits):
            note = finding(
                f"HyTEC gives de novo cord limits for 1 to {len(history.de_novo_limits)} "
                f"fractions; none for {plan.name}.",
                SAHGAL_2021_HYTEC,
                fractions=fractions,
            )
            return outcome, None, (*history.findings, note)
        limit = sbrt_cord_limit(fractions)
        note = finding(
            f"De novo {limit}: about {_fmt(limit.eqd2_gy)} Gy EQD2 (alpha/beta "
            f"{_fmt(limit.alpha_beta_gy)} Gy) added to the cord point maximum at most.",
            SAHGAL_2021_HYTEC,
            fractions=fractions,
        )
        validity = lq_validity_findings(limit.point_max)
        return outcome, limit.eqd2_gy, (*history.findings, note, *validity)
    allowance = max_reirradiation_dose_gy(
        prior=[dose.point_max for dose in history.courses],
        fractions=fractions,
        interval_days=history.interval_days,
    )
    findings = tuple(dict.fromkeys((*history.findings, *allowance.findings)))
    cord: float | None = allowance.allowed_eqd2_gy
    missing: tuple[str, ...] = ()
    possible: frozenset[Eligibility]
    if allowance.max_total_dose_gy is None:
        reason = (
            "the interval since the last course is shorter than 5 months"
            if CriterionName.INTERVAL in allowance.binding
            else f"the prior cord EQD2 of {_fmt(allowance.prior_eqd2_gy)} Gy leaves no dose"
        )
        statement = (
            f"SBRT re-irradiation of {label}: no positive cord dose keeps the Sahgal 2012 / "
            f"HyTEC re-irradiation criteria, as {reason}."
        )
        possible, cord = frozenset({_X}), None
    else:
        statement = (
            f"SBRT re-irradiation of {label}: the criteria leave "
            f"{_fmt(allowance.allowed_eqd2_gy)} Gy EQD2 to the thecal sac point maximum "
            f"({_fmt(allowance.max_total_dose_gy)} Gy in {fractions} fractions), below the de "
            "novo cord limit of about 44.6 Gy EQD2: the plan is bound by the prior dose."
        )
        possible = frozenset({_C})
        if not allowance.determined:
            statement += (
                " The interval since the last course is unknown; under 5 months, none is allowed."
            )
            possible, missing = frozenset({_C, _X}), history.missing
    outcome = rule(
        possible,
        statement,
        SAHGAL_2021_HYTEC,
        missing=missing,
        prior_radiation=_prior_text(history),
        interval_days=history.interval_days,
        fractions=fractions,
    )
    return outcome, cord, findings


# --- SBRT eligibility (SC.24, RTOG 0631, NOMS) --------------------------------------------------


@memoized
def _sbrt_performance_rule(kps: int | None, ecog: int | None) -> RuleOutcome:
    grades = possible_ecog(kps, ecog)
    possible = _possible([_E if grade <= SC24_MAX_ECOG else _C for grade in sorted(grades)])
    inputs = {"ecog": ecog, "kps": kps}
    if possible == frozenset({_E}):
        statement = "Performance status within SC.24 eligibility (ECOG 0-2)."
    elif possible == frozenset({_C}):
        statement = (
            "Performance status worse than ECOG 2: outside SC.24 eligibility (ECOG 0-2), "
            "where the benefit of SBRT was shown."
        )
    else:
        statement = "ECOG performance status undetermined; SC.24 enrolled ECOG 0-2."
    missing = ("ecog",) if len(possible) > 1 else ()
    return rule(possible, statement, SAHGAL_2021_SC24, missing=missing, **inputs)


@memoized
def _sbrt_extent_rule(levels: tuple[VertebralLevel, ...]) -> RuleOutcome:
    count = len(levels)
    label = format_levels(levels)
    if count <= RTOG0631_MAX_SEGMENTS:
        statement = (
            f"{label}: {count} level(s), within SC.24 (at most 3 consecutive segments) and "
            "RTOG 0631 (a solitary level or 2 contiguous levels per site)."
        )
        return rule(_E, statement, RYU_2023, levels=label)
    if count <= SC24_MAX_SEGMENTS:
        statement = (
            f"{label}: {count} consecutive levels, within SC.24 (at most 3) though beyond "
            "RTOG 0631 (at most 2 contiguous levels per site)."
        )
        return rule(_E, statement, SAHGAL_2021_SC24, levels=label)
    statement = (
        f"{label}: {count} consecutive levels, beyond SC.24 (at most 3 consecutive segments) "
        "and RTOG 0631 (at most 2 per site)."
    )
    return rule(_C, statement, SAHGAL_2021_SC24, levels=label)


@memoized
def _sbrt_stability_rule(points: ScoreRange, unknown: tuple[str, ...]) -> RuleOutcome:
    possible, missing = _sins_verdicts(
        points, unknown, _SinsVerdict(SC24_MAX_SINS + 1, SINS_UNSTABLE_MIN)
    )
    sins = str(points)
    if possible == frozenset({_E}):
        statement = f"SINS {sins}: within SC.24 eligibility (SINS < 12, no frank instability)."
    elif possible == frozenset({_C}):
        statement = (
            f"SINS {sins}: outside SC.24 eligibility (SINS < 12), though not grossly unstable; "
            "higher SINS goes with more fractures after SBRT."
        )
    elif possible == frozenset({_X}):
        statement = (
            f"SINS {sins}: unstable. SC.24 excluded frank instability (SINS < 12) and NOMS "
            "sends gross instability to stabilization: SBRT is not a sole treatment here."
        )
    else:
        statement = (
            f"SINS {sins}: whether the lesion meets SC.24's SINS < 12, or is unstable (13-18, "
            "stabilization first), is undetermined."
        )
    return rule(possible, statement, SAHGAL_2021_SC24, missing=missing, sins=sins)


@memoized
def _sbrt_neurologic_rule(
    high_grade: frozenset[bool], escc: ESCC | None, frankel: Frankel | None
) -> RuleOutcome:
    factors = (
        ("high_grade", high_grade, {"escc": escc}),
        ("deficit", _deficits(frankel), {"frankel": frankel}),
    )
    possible, missing = _verdicts(factors, _Outcome(_X, "high_grade", "deficit"))
    inputs = {"escc": escc, "frankel": frankel}
    if possible == frozenset({_X}):
        statement = (
            "Neurologically symptomatic high-grade cord compression: excluded from SC.24; "
            "decompression comes first (NOMS, Patchell 2005), so SBRT is not a sole treatment."
        )
    elif possible == frozenset({_E}):
        statement = "No neurologically symptomatic high-grade cord compression (SC.24 criterion)."
    else:
        statement = (
            "Whether a neurological deficit comes with high-grade compression (excluded from "
            "SC.24; decompression first) is undetermined."
        )
    return rule(possible, statement, SAHGAL_2021_SC24, missing=missing, **inputs)


@memoized
def _sbrt_epidural_rule(
    high_grade: frozenset[bool], escc: ESCC | None, grouping: str
) -> RuleOutcome:
    if high_grade == frozenset({False}):
        statement = (
            f"Low-grade epidural compression ({grouping}): radiation without prior "
            "decompression (NOMS: SBRT for radioresistant, conventional EBRT for radiosensitive "
            "histology)."
        )
        return rule(_E, statement, NOMS_2013, escc=escc)
    if high_grade == frozenset({True}):
        statement = (
            f"High-grade epidural compression ({grouping}): NOMS sends radioresistant tumors in "
            "operable patients to separation surgery, then SBRT, and radiosensitive tumors to "
            "conventional EBRT."
        )
        if escc is ESCC.GRADE_3:
            statement += (
                " After single-fraction SRS, Bilsky 3 had 24.9 % local progression at 1 year."
            )
            return rule(_C, statement, KIM_2019, escc=escc)
        return rule(_C, statement, NOMS_2013, escc=escc)
    statement = "Epidural compression grade unknown: high grade sends SBRT behind surgery (NOMS)."
    return rule({_E, _C}, statement, NOMS_2013, missing=("escc",), escc=escc)


# --- Trade-offs: cEBRT --------------------------------------------------------------------------


@memoized
def _cebrt_pain_relief(plan: Schedule) -> PainRelief:
    findings = [
        finding(
            "Overall response 38 % at the completion of radiotherapy, 53.8 % at day 8, 57.1 % "
            "at day 30; the improvement peaked at day 8.",
            TRUNTZER_2013,
        ),
        finding(
            "Median time to response 4 weeks (range 1-15) in an unselected cohort; pain scores "
            "lowest at 6 weeks.",
            VAN_DER_VELDEN_2018,
        ),
        finding(
            "8 Gy x 1 vs 30 Gy / 10: overall response 66 % in both arms; 33 % off narcotics at "
            "3 months (read in a secondary commentary).",
            HARTSELL_2005,
        ),
        finding(
            "8 Gy x 1 vs 20 Gy / 5 or 30 Gy / 10: no difference in time to first improvement or "
            "to complete relief; retreatment twice as common after 8 Gy.",
            BONE_PAIN_TRIAL_1999,
        ),
        finding(
            "Pain response at 3 months 60.5 % after 8 Gy x 1 vs 41.3 % after 16-18 Gy x 1 SRS "
            "(RTOG 0631): SRS was not better.",
            RYU_2023,
        ),
    ]
    retreatment = _CEBRT_RETREATMENT.get(plan.fractionation)
    if plan.fractionation == _SINGLE_8:
        findings.append(
            finding(
                "Retreatment after a single fraction vs multiple fractions: 24 % vs 7 % in the "
                "Dutch Bone Metastasis Study, 20 % vs 8 % pooled (Chow 2012); read second-hand.",
                CHOW_2012,
            )
        )
    if retreatment is None:
        findings.append(
            finding(
                f"No retreatment rate for {plan.name} was found in the sources read.",
                CHOW_2012,
                schedule=plan.name,
            )
        )
    if plan.fractionation != _FIVE_4:
        findings.append(
            finding(
                f"The complete-response figure was measured after 20 Gy / 5, not {plan.name}; "
                "single and multiple fractions relieved pain alike in the randomised trials.",
                BONE_PAIN_TRIAL_1999,
                schedule=plan.name,
            )
        )
    return PainRelief(
        onset_days=_CEBRT_ONSET_DAYS,
        maximal_days=_CEBRT_MAXIMAL_DAYS,
        response=_CEBRT_RESPONSE,
        complete_response=_CEBRT_COMPLETE,
        retreatment=retreatment,
        findings=tuple(findings),
    )


@bounded(VALUE_CACHE_SIZE)
def _cebrt_holds(
    agents: tuple[SystemicAgent, ...] | None,
) -> tuple[DayRange, tuple[AgentHold, ...], tuple[Finding, ...]]:
    return agent_holds(agents, CEBRT_HOLDS)


def _cebrt_toxicity(
    agents: tuple[SystemicAgent, ...] | None, plan: Schedule, extra: Sequence[Finding]
) -> Toxicity:
    days, holds, hold_findings = _cebrt_holds(agents)
    cord, findings = _cebrt_cord(plan)
    return Toxicity(
        systemic_therapy_hold_days=days,
        holds=holds,
        pain_flare=_CEBRT_FLARE,
        pain_flare_with_dexamethasone=_CEBRT_FLARE_DEXAMETHASONE,
        cord_eqd2_added_gy=cord,
        findings=(*hold_findings, *findings, *extra),
    )


@memoized
def _cebrt_cord(plan: Schedule) -> tuple[float, tuple[Finding, ...]]:
    """The cord EQD2 of a conventional schedule, with the schedule's toxicity findings."""
    cord = eqd2(plan.fractionation, alpha_beta_gy=CORD_ALPHA_BETA_GY)
    findings = [
        finding(
            f"The spinal cord lies inside a conventional field and is assumed to receive the "
            f"prescription: {plan.fractionation} is {_fmt(cord)} Gy EQD2 (alpha/beta "
            f"{_fmt(CORD_ALPHA_BETA_GY)} Gy). An assumption, not a planned dose.",
            FOWLER_1989,
            schedule=plan.name,
        ),
        finding(
            "Pain flare after conventional radiotherapy ranged from 2 % to 44 % across studies.",
            MCDONALD_2014,
        ),
        finding(
            "Dexamethasone prophylaxis brought 3 grade 3-4 hyperglycaemia events.",
            CHOW_2015_DEXAMETHASONE,
        ),
    ]
    if plan.fractionation in {_SINGLE_8, _TEN_3}:
        findings.append(
            finding(
                "Acute grade 2-4 toxicity 10 % after 8 Gy x 1 vs 17 % after 30 Gy / 10 "
                "(read in a secondary commentary).",
                HARTSELL_2005,
                schedule=plan.name,
            )
        )
    findings.extend(lq_validity_findings(plan.fractionation))
    return cord, tuple(findings)


@memoized
def _cebrt_collapse_risk() -> CollapseRisk:
    drivers = (
        finding(
            "New pathological fracture 3 months after 30 Gy / 10: 4.3 % (8.7 % after 24 Gy x 1 "
            "SBRT).",
            SPRAVE_2018_FRACTURE,
        ),
        finding(
            "Vertebral compression fracture about 20-22 % at 2 years in both arms of RTOG 0631 "
            "(8 Gy x 1 and 16-18 Gy x 1; read in a trial summary).",
            RYU_2023,
        ),
        finding(
            "SC.24, both arms together: fracture 8 % at 12 and 11 % at 24 months; more "
            "radiation-related fractures after SBRT, more tumor-progression fractures after "
            "conventional radiotherapy (read in a trial summary).",
            ZENG_2022,
        ),
        finding(
            "The Sahgal 2013 hazard ratios were derived after SBRT; no lesion-level model for "
            "conventional radiotherapy was found, so no relative hazard is given.",
            SAHGAL_2013_VCF,
        ),
    )
    return CollapseRisk(probability=_CEBRT_VCF_INCIDENCE, relative_hazard=None, drivers=drivers)


@memoized
def _cebrt_local_control(
    radiosensitive: frozenset[bool], primary: PrimaryTumor | None, plan: Schedule
) -> LocalControl:
    course = plan.fractionation
    findings: list[Finding] = []
    probability: ProbabilityRange | None
    if course in {_SINGLE_8, _FIVE_4}:
        probability = _RADES_SHORT
        findings.append(
            finding(
                "1-year local control 61 % after short-course (1 x 8 or 5 x 4 Gy) vs 81 % after "
                "long-course radiotherapy for spinal cord compression.",
                RADES_2011,
                schedule=plan.name,
            )
        )
    elif course in {_TEN_3, _FIFTEEN_2_5, _TWENTY_2}:
        probability = _RADES_LONG
        findings.append(
            finding(
                "1-year local control 81 % after long-course (10 x 3, 15 x 2.5 or 20 x 2 Gy) vs "
                "61 % after short-course radiotherapy for spinal cord compression.",
                RADES_2011,
                schedule=plan.name,
            )
        )
    else:
        probability = None
        findings.append(
            finding(
                f"No local-control figure for {plan.name} was found in the sources read.",
                RADES_2011,
                schedule=plan.name,
            )
        )
    if course == _FIVE_4 and probability is not None:
        probability = probability.hull(_SC24_CEBRT_CONTROL)
        findings.append(
            finding(
                "Local failure at 12 months 28 % after 20 Gy / 5 vs 6 % after 24 Gy / 2 SBRT "
                "(SC.24; read in a trial summary).",
                ZENG_2022,
            )
        )
    findings.append(_histology_finding(radiosensitive, primary))
    return LocalControl(
        probability=probability,
        horizon_days=LOCAL_CONTROL_HORIZON_DAYS if probability is not None else None,
        findings=tuple(findings),
    )


def _histology_finding(radiosensitive: frozenset[bool], primary: PrimaryTumor | None) -> Finding:
    if radiosensitive == frozenset({True}):
        return finding(
            "Radiosensitive histology: favourable histologies had better local control after "
            "conventional radiotherapy; the figures above are for mixed histologies.",
            NOMS_2013,
            primary=primary,
        )
    if radiosensitive == frozenset({False}):
        return finding(
            "Radioresistant histology: local control after conventional radiotherapy is lower "
            "than the figures above, which are for mixed histologies; no per-histology figure "
            "was verified.",
            AO_RADIOSENSITIVITY,
            primary=primary,
        )
    return finding(
        "Response of the primary to conventional radiotherapy undetermined; radioresistant "
        "histologies have lower local control than the mixed-histology figures above.",
        AO_RADIOSENSITIVITY,
        primary=primary,
    )


@memoized
def _burden(plan: Schedule) -> Burden:
    course = plan.fractionation
    citation = plan.citation or SAHGAL_2021_SC24
    findings = (
        finding(
            f"{plan.name}: {course.fractions} treatment session(s), one per fraction.",
            citation,
            schedule=plan.name,
        ),
        finding(
            "No source read states the anesthesia or the hospital stay of spine radiotherapy "
            "(none and outpatient by convention): both are left unset.",
            citation,
        ),
    )
    return Burden(
        sessions=ScoreRange.exact(course.fractions),
        anesthesia=frozenset(),
        hospital_days=None,
        recovery_days=None,
        findings=findings,
    )


# --- Trade-offs: SBRT ---------------------------------------------------------------------------


@memoized
def _sbrt_pain_relief(plan: Schedule) -> PainRelief:
    findings = [
        finding(
            "Median time to pain relief 1.8 months after single-fraction spine radiosurgery "
            "(median 15 Gy).",
            BALAGAMWALA_2018,
        ),
        finding(
            "SBRT is not uniformly better for pain: complete response at 3 months 35 % vs 14 % "
            "(24 Gy / 2 vs 20 Gy / 5, SC.24), but pain response 41.3 % vs 60.5 % (16-18 Gy x 1 "
            "vs 8 Gy x 1, RTOG 0631).",
            RYU_2023,
        ),
        finding(
            "Complete or partial pain response after single-fraction SRS 79 / 78 / 53 / 63 % "
            "for Bilsky grades 0 / 1 / 2 / 3.",
            KIM_2019,
        ),
    ]
    if plan.fractionation != _SC24_SBRT:
        findings.append(
            finding(
                f"The response figures were measured after 24 Gy / 2 (SC.24) and 16-18 Gy x 1 "
                f"(RTOG 0631), not necessarily {plan.name}.",
                SAHGAL_2021_SC24,
                schedule=plan.name,
            )
        )
    return PainRelief(
        onset_days=_SBRT_ONSET_DAYS,
        maximal_days=None,
        response=_SBRT_RESPONSE,
        complete_response=_SBRT_COMPLETE,
        retreatment=_SBRT_RETREATMENT,
        findings=tuple(findings),
    )


@bounded(VALUE_CACHE_SIZE)
def _sbrt_holds(
    agents: tuple[SystemicAgent, ...] | None,
) -> tuple[DayRange, tuple[AgentHold, ...], tuple[Finding, ...]]:
    return agent_holds(agents, SBRT_HOLDS)


def _sbrt_toxicity(
    agents: tuple[SystemicAgent, ...] | None, cord: float | None, extra: Sequence[Finding]
) -> Toxicity:
    days, holds, hold_findings = _sbrt_holds(agents)
    return Toxicity(
        systemic_therapy_hold_days=days,
        holds=holds,
        pain_flare=_SBRT_FLARE,
        pain_flare_with_dexamethasone=_SBRT_FLARE_DEXAMETHASONE,
        cord_eqd2_added_gy=cord,
        findings=(*hold_findings, *_sbrt_toxicity_findings(agents or (), cord is None), *extra),
    )


@bounded(VALUE_CACHE_SIZE)
def _sbrt_toxicity_findings(
    agents: tuple[SystemicAgent, ...], cord_unknown: bool
) -> tuple[Finding, ...]:
    findings = [
        finding(
            "Pain flare in 23 % of 195 patients, a median of 5 days after the start of SBRT; "
            "more fractions, less flare (odds ratio 0.66 per fraction).",
            PAN_2014,
        ),
        finding(
            "Pain flare in 68.3 % of 41 steroid-naive patients, most often the day after SBRT.",
            CHIANG_2013,
        ),
        finding(
            "Grade 3 pain in 5 % after SBRT vs 4 % after conventional radiotherapy (SC.24; "
            "read in a secondary summary).",
            SAHGAL_2021_SC24,
        ),
    ]
    if _KROEZE_2017_AGENTS.intersection(agents):
        findings.append(
            finding(
                "Extracranial stereotactic radiotherapy within 30 days of EGFR inhibitors, "
                "bevacizumab or sorafenib carried more toxicity.",
                KROEZE_2017,
                systemic_therapy=agents,
            )
        )
    if cord_unknown:
        findings.append(
            finding(
                "The cord dose this course may add is not known until the prior radiation and "
                "the cord limits for the schedule are.",
                SAHGAL_2021_HYTEC,
            )
        )
    return tuple(findings)


@memoized
def _sbrt_local_control(grade: ESCC | None, plan: Schedule) -> LocalControl:
    course = plan.fractionation
    findings: list[Finding] = [
        finding(
            "Spine radiosurgery series report local control above 85 %, apparently "
            "independent of histology.",
            BILSKY_2011,
        )
    ]
    horizon: DayRange | None = LOCAL_CONTROL_HORIZON_DAYS
    if course == _SC24_SBRT:
        probability = _SC24_SBRT_CONTROL
        findings.append(
            finding(
                "Local failure at 12 months 6 % after 24 Gy / 2 vs 28 % after 20 Gy / 5 (SC.24; "
                "read in a trial summary).",
                ZENG_2022,
            )
        )
    elif course == _THREE_8:
        probability = _GUCKENBERGER_CONTROL
        horizon = DayRange.from_months(24, 24)
        findings.append(
            finding(
                "2-year local control 83.9 % (median 24 Gy / 3); non-small-cell lung, renal "
                "cell, melanoma and other histologies did worse.",
                GUCKENBERGER_2014,
            )
        )
    else:
        probability = _SERIES_CONTROL
        horizon = None
    if grade is ESCC.GRADE_3 or grade is None:
        probability = (
            _BILSKY_3_CONTROL if grade is ESCC.GRADE_3 else probability.hull(_BILSKY_3_CONTROL)
        )
        horizon = LOCAL_CONTROL_HORIZON_DAYS if horizon is None else horizon
        findings.append(
            finding(
                "1-year local progression after single-fraction SRS 3.0 / 8.4 / 0 / 24.9 % for "
                "Bilsky grades 0 / 1 / 2 / 3: Bilsky 3 is controlled less often.",
                KIM_2019,
                escc=grade,
            )
        )
    return LocalControl(probability=probability, horizon_days=horizon, findings=tuple(findings))


# --- Collapse after SBRT (Sahgal 2013) ----------------------------------------------------------


def _dose_hazard(dose_per_fraction_gy: float) -> tuple[float, float]:
    """Hazard ratio of a dose per fraction: one bin's, or two neighbours' between bins.

    The first bin starts at 0 and the last has no upper end, so a positive dose lies in a
    bin or just below one that is not the first.
    """
    bins = VCF_HAZARD_RATIO_DOSE_PER_FRACTION
    index = next(i for i, (_, highest, _) in enumerate(bins) if dose_per_fraction_gy <= highest)
    lowest, _, ratio = bins[index]
    if dose_per_fraction_gy >= lowest:
        return ratio, ratio
    return bins[index - 1][2], ratio


def _hazard_range(ratios: Mapping[_K, float], value: _K | None) -> tuple[float, float]:
    if value is None:
        return min(ratios.values()), max(ratios.values())
    ratio = ratios[value]
    return ratio, ratio


def _shown(value: object) -> str:
    if value is None:
        return "unknown"
    if isinstance(value, float):
        return f"{_fmt(value)} Gy"
    return str(value).replace("_", " ")


def sbrt_collapse_risk(lesion: SpinalLesion, *, dose_per_fraction_gy: float) -> CollapseRisk:
    """Estimate the risk of vertebral compression fracture after SBRT (Sahgal 2013).

    The probability is the incidence in the Sahgal 2013 cohort (12.35 % at 1 year
    to 14 % crude; Faruqi 2018 pooled 13.9 %). The lesion's relative hazard is the
    product of the Sahgal 2013 hazard ratios of its factors against the study's
    reference group (<= 19 Gy per fraction, no fracture with less than 50 % of the
    body involved, normal alignment, mixed or blastic): dose per fraction
    >= 24 Gy 5.25, 20-23 Gy 4.91; baseline fracture < 50 % 8.98, >= 50 % 6.92; no
    fracture but more than 50 % of the body involved 4.46; malalignment (de novo
    deformity or subluxation) 2.99; lytic 3.53. An unknown factor spans its lowest
    and highest ratio, so ``relative_hazard`` is a ``(low, high)`` pair.

    Args:
        lesion: The lesion (``collapse``, ``alignment`` and ``bone_lesion`` are read).
        dose_per_fraction_gy: The planned dose per fraction in Gy, a finite number > 0.

    Returns:
        The incidence, the relative hazard and one finding per factor.

    Raises:
        InvalidInputError: If ``dose_per_fraction_gy`` is not a finite number > 0.

    References:
        Sahgal A, Atenafu EG, Chao S, et al. Vertebral compression fracture after
        spine stereotactic body radiotherapy: a multi-institutional analysis with a
        focus on radiation dose and the spinal instability neoplastic score. J Clin
        Oncol. 2013;31(27):3426-3431. doi:10.1200/JCO.2013.50.1411 (Table 3).
        Faruqi S, Tseng CL, Whyne C, et al. Vertebral compression fracture after
        spine stereotactic body radiation therapy: a review of the pathophysiology
        and risk factors. Neurosurgery. 2018;83(3):314-322. doi:10.1093/neuros/nyx493.

    Note:
        The dose bins of Sahgal 2013 are <= 19, 20-23 and >= 24 Gy per fraction; a
        dose between two bins (above 19 and below 20, or above 23 and below 24 Gy)
        takes the range of the two neighbouring ratios. Multiplying the ratios
        assumes the multivariable model's proportional effects; the product is a
        relative hazard, not a probability. The published ratios are not monotone
        in collapse severity (8.98 for < 50 % against 6.92, with a wide interval,
        for >= 50 %).

    Examples:
        >>> from spinal_metastasis import Alignment, BoneLesion, Collapse, SpinalLesion
        >>> lesion = SpinalLesion(
        ...     levels="T12", bone_lesion=BoneLesion.LYTIC, alignment=Alignment.NORMAL,
        ...     collapse=Collapse.LESS_THAN_50_PERCENT,
        ... )
        >>> risk = sbrt_collapse_risk(lesion, dose_per_fraction_gy=24)
        >>> [round(value, 1) for value in risk.relative_hazard]
        [166.4, 166.4]
        >>> str(risk.probability)
        '12.3–14 %'
    """
    dose: object = dose_per_fraction_gy
    if (
        not isinstance(dose, (int, float))
        or isinstance(dose, bool)
        or not math.isfinite(dose)
        or dose <= 0
    ):
        msg = f"'dose_per_fraction_gy' must be a finite number > 0 (got {dose!r})"
        raise InvalidInputError(msg, field="dose_per_fraction_gy")
    return _sbrt_collapse_risk(lesion.collapse, lesion.alignment, lesion.bone_lesion, float(dose))


@bounded(VALUE_CACHE_SIZE)
def _sbrt_collapse_risk(
    collapse: Collapse | None,
    alignment: Alignment | None,
    bone_lesion: BoneLesion | None,
    per_fraction: float,
) -> CollapseRisk:
    parts: tuple[tuple[tuple[float, float], str, str, object], ...] = (
        (_dose_hazard(per_fraction), "Dose per fraction", "dose_per_fraction_gy", per_fraction),
        (
            _hazard_range(VCF_HAZARD_RATIO_COLLAPSE, collapse),
            "Baseline collapse",
            "collapse",
            collapse,
        ),
        (
            _hazard_range(VCF_HAZARD_RATIO_ALIGNMENT, alignment),
            "Alignment",
            "alignment",
            alignment,
        ),
        (
            _hazard_range(VCF_HAZARD_RATIO_BONE_LESION, bone_lesion),
            "Bone lesion",
            "bone_lesion",
            bone_lesion,
        ),
    )
    low = high = 1.0
    drivers: list[Finding] = []
    for (ratio_low, ratio_high), what, name, value in parts:
        low *= ratio_low
        high *= ratio_high
        ratio = _fmt(ratio_low)
        if ratio_high != ratio_low:
            ratio += f"-{_fmt(ratio_high)}"
        drivers.append(
            finding(
                f"{what} {_shown(value)}: hazard ratio {ratio} against the reference group.",
                SAHGAL_2013_VCF,
                **{name: value},
            )
        )
    if per_fraction >= VCF_HAZARD_RATIO_DOSE_PER_FRACTION[1][0]:
        drivers.append(
            finding(
                "Caution at 20 Gy per fraction or more, above all with lytic tumor, "
                "malalignment or a baseline fracture; 65 % of fractures came within 4 months "
                "(median 2.46), so image early and often.",
                SAHGAL_2013_VCF,
                dose_per_fraction_gy=per_fraction,
            )
        )
    drivers.append(
        finding(
            "Crude fracture rate 13.9 % of 2,911 segments across 11 SBRT studies; 37 % of the "
            "fractures had an intervention.",
            FARUQI_2018,
        )
    )
    return CollapseRisk(
        probability=SBRT_VCF_INCIDENCE, relative_hazard=(low, high), drivers=tuple(drivers)
    )


# --- The options --------------------------------------------------------------------------------


def assess_conventional_ebrt(
    context: LesionContext, *, schedule: Schedule = DEFAULT_CEBRT_SCHEDULE
) -> OptionAssessment:
    """Assess conventional external beam radiotherapy for one lesion.

    Rules: the NOMS oncologic assessment (radiosensitive: eligible; radioresistant:
    caution, lower local control); surgery first for high-grade compression from a
    radioresistant primary in an operable patient (caution); gross instability
    (SINS 13-18, caution); re-irradiation by Nieder 2006 (caution within the BED
    bounds, contraindicated beyond them; unknown prior radiation undetermined).

    Args:
        context: The lesion's context, from
            :func:`~spinal_metastasis.treatments.context.lesion_context`.
        schedule: A conventional schedule of
            :data:`spinal_metastasis.radiobiology.schedules.SCHEDULES`;
            20 Gy / 5 (the control arm of SC.24) by default.

    Returns:
        The verdict, its findings and the trade-offs (pain relief, toxicity, collapse,
        local control, burden).

    Raises:
        InvalidInputError: If ``schedule`` is not a conventional Schedule.

    References:
        Laufer I, Rubin DG, Lis E, et al. The NOMS framework. Oncologist. 2013.
        doi:10.1634/theoncologist.2012-0293.
        Patchell RA, Tibbs PA, Regine WF, et al. Lancet. 2005;366(9486):643-648.
        doi:10.1016/S0140-6736(05)66954-1.
        Nieder C, Grosu AL, Andratschke NH, Molls M. Int J Radiat Oncol Biol Phys.
        2006;66(5):1446-1449. doi:10.1016/j.ijrobp.2006.07.1383.
        Rades D, Lange M, Veninga T, et al. Int J Radiat Oncol Biol Phys. 2011.
        PMID 20452136 (local control by schedule).

    Note:
        The cord dose assumes the cord receives the prescription. The figures come
        from mixed-histology cohorts; per-histology local control was not verified.
        Cetuximab (held during the radiotherapy week, Guimond 2022) has no agent
        class in the model.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> from spinal_metastasis.treatments.context import lesion_context
        >>> patient = example_patient("lung_l2_reirradiation")
        >>> option = assess_conventional_ebrt(lesion_context(patient, patient.lesions[0]))
        >>> option.eligibility.value, option.toxicity.cord_eqd2_added_gy
        ('caution', 30.0)
    """
    plan = _checked_schedule(schedule, Technique.CONVENTIONAL)
    return _conventional_ebrt(context.inputs, plan)


# An option's assessment is a pure function of the values it reads (TreatmentInputs) and of
# the schedule, and is frozen: memoized on them, in a bounded cache.
@bounded(RECORD_CACHE_SIZE)
def _conventional_ebrt(inputs: TreatmentInputs, plan: Schedule) -> OptionAssessment:
    lesion = inputs.lesion
    reirradiation, reirradiation_findings = _cebrt_reirradiation(
        inputs.prior_radiation, lesion.levels, plan
    )
    rules = (
        _oncologic_rule(inputs.radiosensitive, inputs.primary),
        _surgery_first_rule(
            inputs.radiosensitive,
            inputs.high_grade,
            inputs.operable,
            inputs.primary,
            lesion.escc,
            inputs.medically_operable,
            input_value(inputs.expected_survival_years),
        ),
        _cebrt_mechanical_rule(inputs.sins_points, _unknown_sins_inputs(lesion)),
        reirradiation,
    )
    return OptionAssessment.from_rules(
        Modality.CONVENTIONAL_EBRT,
        rules,
        pain_relief=_cebrt_pain_relief(plan),
        toxicity=_cebrt_toxicity(inputs.systemic_therapy, plan, reirradiation_findings),
        collapse_risk=_cebrt_collapse_risk(),
        local_control=_cebrt_local_control(inputs.radiosensitive, inputs.primary, plan),
        burden=_burden(plan),
    )


def assess_sbrt(
    context: LesionContext, *, schedule: Schedule = DEFAULT_SBRT_SCHEDULE
) -> OptionAssessment:
    """Assess stereotactic body radiotherapy for one lesion.

    Rules: SC.24 eligibility (ECOG 0-2; at most 3 consecutive segments, with RTOG
    0631's 2 as a second source; SINS < 12, SINS 13-18 contraindicated as the sole
    treatment; no neurologically symptomatic high-grade compression); high-grade
    compression (caution: separation surgery first per NOMS); re-irradiation by the
    Sahgal 2012 / HyTEC criteria (no positive cord dose allowed or an interval under
    5 months: contraindicated; a dose allowed: caution; unknown: undetermined).

    Args:
        context: The lesion's context, from
            :func:`~spinal_metastasis.treatments.context.lesion_context`.
        schedule: A stereotactic schedule of
            :data:`spinal_metastasis.radiobiology.schedules.SCHEDULES`;
            24 Gy / 2 (the SBRT arm of SC.24) by default.

    Returns:
        The verdict, its findings and the trade-offs.

    Raises:
        InvalidInputError: If ``schedule`` is not a stereotactic Schedule.

    References:
        Sahgal A, Myrehaug SD, Siva S, et al. Lancet Oncol. 2021;22(7):1023-1033.
        doi:10.1016/S1470-2045(21)00196-0 (SC.24).
        Ryu S, Deshmukh S, Timmerman RD, et al. JAMA Oncol. 2023;9(6):800-807.
        doi:10.1001/jamaoncol.2023.0356 (RTOG 0631).
        Sahgal A, Chang JH, Ma L, et al. Int J Radiat Oncol Biol Phys.
        2021;110(1):124-136. doi:10.1016/j.ijrobp.2019.09.038 (HyTEC).
        Sahgal A, Atenafu EG, Chao S, et al. J Clin Oncol. 2013;31(27):3426-3431.
        doi:10.1200/JCO.2013.50.1411 (fracture).

    Note:
        The re-irradiation criteria come from 19 patients and were derived after
        conventional first courses. The cord dose added is the HyTEC limit (de novo)
        or the re-irradiation budget, not a planned dose.

    Examples:
        >>> from spinal_metastasis import example_patient
        >>> from spinal_metastasis.treatments.context import lesion_context
        >>> patient = example_patient("renal_t7_cord_compression")
        >>> option = assess_sbrt(lesion_context(patient, patient.lesions[0]))
        >>> option.eligibility.value, round(option.toxicity.cord_eqd2_added_gy, 1)
        ('contraindicated', 44.6)
    """
    plan = _checked_schedule(schedule, Technique.STEREOTACTIC)
    return _sbrt(context.inputs, plan)


@bounded(RECORD_CACHE_SIZE)  # memoized as _conventional_ebrt is
def _sbrt(inputs: TreatmentInputs, plan: Schedule) -> OptionAssessment:
    lesion = inputs.lesion
    reirradiation, cord, reirradiation_findings = _sbrt_reirradiation(
        inputs.prior_radiation, lesion.levels, plan
    )
    rules = (
        _sbrt_performance_rule(inputs.kps, inputs.ecog),
        _sbrt_extent_rule(lesion.levels),
        _sbrt_stability_rule(inputs.sins_points, _unknown_sins_inputs(lesion)),
        _sbrt_neurologic_rule(inputs.high_grade, lesion.escc, inputs.frankel),
        _sbrt_epidural_rule(inputs.high_grade, lesion.escc, inputs.settings.escc_grouping.name),
        reirradiation,
    )
    return OptionAssessment.from_rules(
        Modality.SBRT,
        rules,
        pain_relief=_sbrt_pain_relief(plan),
        toxicity=_sbrt_toxicity(inputs.systemic_therapy, cord, reirradiation_findings),
        collapse_risk=sbrt_collapse_risk(
            lesion, dose_per_fraction_gy=plan.fractionation.dose_per_fraction_gy
        ),
        local_control=_sbrt_local_control(lesion.escc, plan),
        burden=_burden(plan),
    )
