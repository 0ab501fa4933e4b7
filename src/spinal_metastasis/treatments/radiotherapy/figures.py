"""The figures of radiotherapy, each with its source.

Schedules, eligibility thresholds, systemic-therapy holds, pain relief, pain flare,
vertebral compression fracture and local control.

The values are typed data; the rules (:mod:`~spinal_metastasis.treatments.radiotherapy.rules`)
and the options (:mod:`~spinal_metastasis.treatments.radiotherapy.conventional`,
:mod:`~spinal_metastasis.treatments.radiotherapy.stereotactic`) read them from here.
"""

import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from spinal_metastasis._cache import memoized
from spinal_metastasis.errors import InvalidInputError
from spinal_metastasis.evidence import finding
from spinal_metastasis.model import (
    Alignment,
    BoneLesion,
    Collapse,
    Fractionation,
    Frankel,
    SystemicAgent,
)
from spinal_metastasis.radiobiology import (
    Schedule,
    Technique,
)
from spinal_metastasis.radiobiology import schedule as named_schedule
from spinal_metastasis.ranges import DayRange, ProbabilityRange, ScoreRange
from spinal_metastasis.sources.radiobiology import (
    HARTSELL_2005,
    RYU_2023,
    SAHGAL_2021_SC24,
)
from spinal_metastasis.sources.radiotherapy import (
    VAN_DER_LINDEN_2004,
    VAN_DER_VELDEN_2018,
    ZENG_2022,
)
from spinal_metastasis.sources.treatments import (
    CHOW_2015_DEXAMETHASONE,
    GUIMOND_2022,
    KHAN_2015_DEXAMETHASONE,
    KROEZE_2023,
    MCDONALD_2014,
)
from spinal_metastasis.treatments._common import HoldRecommendation
from spinal_metastasis.treatments.option import (
    Burden,
    Rate,
)

__all__ = [
    "BILSKY_3_CONTROL",
    "CEBRT_COMPLETE",
    "CEBRT_FLARE",
    "CEBRT_FLARE_DEXAMETHASONE",
    "CEBRT_HOLDS",
    "CEBRT_MAXIMAL_DAYS",
    "CEBRT_ONSET_DAYS",
    "CEBRT_RESPONSE",
    "CEBRT_RETREATMENT",
    "CEBRT_VCF_INCIDENCE",
    "DEFAULT_CEBRT_SCHEDULE",
    "DEFAULT_SBRT_SCHEDULE",
    "FIFTEEN_2_5",
    "FIVE_4",
    "GUCKENBERGER_CONTROL",
    "KROEZE_2017_AGENTS",
    "LOCAL_CONTROL_HORIZON_DAYS",
    "RADES_LONG",
    "RADES_SHORT",
    "RTOG0631_MAX_SEGMENTS",
    "SBRT_COMPLETE",
    "SBRT_FLARE",
    "SBRT_FLARE_DEXAMETHASONE",
    "SBRT_HOLDS",
    "SBRT_ONSET_DAYS",
    "SBRT_RESPONSE",
    "SBRT_RETREATMENT",
    "SBRT_VCF_INCIDENCE",
    "SC24_CEBRT_CONTROL",
    "SC24_MAX_ECOG",
    "SC24_MAX_SEGMENTS",
    "SC24_MAX_SINS",
    "SC24_SBRT",
    "SC24_SBRT_CONTROL",
    "SERIES_CONTROL",
    "SINGLE_8",
    "SINS_UNSTABLE_MIN",
    "SIX_4",
    "TEN_3",
    "THREE_8",
    "TWENTY_2",
    "VCF_HAZARD_RATIO_ALIGNMENT",
    "VCF_HAZARD_RATIO_BONE_LESION",
    "VCF_HAZARD_RATIO_COLLAPSE",
    "VCF_HAZARD_RATIO_DOSE_PER_FRACTION",
    "burden",
    "checked_schedule",
    "fmt",
]

# --- Schedules ----------------------------------------------------------------------------------

#: Default conventional schedule: 20 Gy in 5 fractions, the control arm of SC.24 (and a
#: multifraction arm of the Bone Pain Trial), so that the default cEBRT and SBRT options
#: are the two arms of one randomised trial.
DEFAULT_CEBRT_SCHEDULE: Final = named_schedule("20 Gy / 5")
#: Default SBRT schedule: 24 Gy in 2 daily fractions, the SBRT arm of SC.24.
DEFAULT_SBRT_SCHEDULE: Final = named_schedule("24 Gy / 2")

SINGLE_8: Final = Fractionation(total_dose_gy=8, fractions=1)
FIVE_4: Final = Fractionation(total_dose_gy=20, fractions=5)
SIX_4: Final = Fractionation(total_dose_gy=24, fractions=6)
TEN_3: Final = Fractionation(total_dose_gy=30, fractions=10)
FIFTEEN_2_5: Final = Fractionation(total_dose_gy=37.5, fractions=15)
TWENTY_2: Final = Fractionation(total_dose_gy=40, fractions=20)
SC24_SBRT: Final = Fractionation(total_dose_gy=24, fractions=2)
THREE_8: Final = Fractionation(total_dose_gy=24, fractions=3)

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
    days_before=DayRange(low=0, high=28),
    days_after=DayRange(low=0, high=28),
    statement=(
        "Anti-VEGF antibody (bevacizumab): up to 4 weeks before and after radiotherapy, the "
        "suggestion of a review of metastasis-directed hypofractionated radiotherapy (Guimond "
        "2022); no sourced minimum. The long interval guards against gastrointestinal "
        "perforation when bowel lies in the field (the tumor board's reading, not in the "
        "review's abstract)."
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
                "before SBRT (OligoCare, Kroeze 2023, read only in a summary: unverified; "
                "Guimond 2022 suggests 4 weeks); after SBRT, where OligoCare is silent, 4 weeks "
                "(Guimond 2022)."
            ),
            citation=KROEZE_2023,
        ),
        _A.VEGF_TKI: HoldRecommendation(
            days_before=DayRange(low=7, high=10),
            days_after=DayRange(low=5, high=10),
            statement=(
                "VEGF tyrosine kinase inhibitor: interrupt at least one cycle and wait at least "
                "1 week before SBRT (OligoCare, Kroeze 2023, read only in a summary: unverified; "
                "'one cycle' of a daily TKI is the library's reading; Guimond 2022: 5-10 days "
                "for sorafenib or sunitinib); after SBRT, where OligoCare is silent, 5-10 days "
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
KROEZE_2017_AGENTS: Final = frozenset({_A.EGFR_TKI, _A.ANTI_VEGF_ANTIBODY, _A.VEGF_TKI})

# --- Pain relief --------------------------------------------------------------------------------

#: cEBRT onset, days after the last fraction: 38 % had responded at the completion of
#: treatment (Truntzer 2013); median time to response 4 weeks (PRESENT, van der Velden 2018).
CEBRT_ONSET_DAYS: Final = DayRange(low=0, high=28)
#: cEBRT near-maximal relief: the response rate plateaued from day 8 (Truntzer 2013); pain
#: scores were lowest at 6 weeks, day 42 (PRESENT key messages).
CEBRT_MAXIMAL_DAYS: Final = DayRange(low=8, high=42)
#: PRESENT: complete or partial response in 61 % of 432 treated, 67 % of 390 assessable.
CEBRT_RESPONSE: Final = Rate(
    probability=ProbabilityRange(low=0.61, high=0.67),
    description=(
        "complete or partial pain response after conventional radiotherapy in an unselected "
        "cohort (61 % of all 432 treated, 67 % of the 390 assessable; PRESENT)"
    ),
    citation=VAN_DER_VELDEN_2018,
)
#: SC.24: complete pain response at 3 months 14 % after 20 Gy / 5 (secondary summary).
CEBRT_COMPLETE: Final = Rate(
    probability=ProbabilityRange.exact(0.14),
    description=(
        "complete pain response at 3 months, 20 Gy / 5 arm of SC.24 (read in a secondary "
        "summary of the trial)"
    ),
    citation=SAHGAL_2021_SC24,
)
#: Retreatment by schedule: the arm of the trial that used it.
CEBRT_RETREATMENT: Final[Mapping[Fractionation, Rate]] = MappingProxyType(
    {
        SINGLE_8: Rate(
            probability=ProbabilityRange(low=0.18, high=0.24),
            description=(
                "retreatment after 8 Gy x 1: 24 % in the Dutch Bone Metastasis Study (6 % "
                "after 24 Gy / 6; whole follow-up, bone metastases of any site) and 18 % in "
                "RTOG 97-14 (9 % after 30 Gy / 10; read in a secondary commentary, unverified)"
            ),
            citation=VAN_DER_LINDEN_2004,
        ),
        TEN_3: Rate(
            probability=ProbabilityRange.exact(0.09),
            description=(
                "retreatment after 30 Gy / 10, RTOG 97-14 (18 % after 8 Gy x 1; read in a "
                "secondary commentary)"
            ),
            citation=HARTSELL_2005,
        ),
        SIX_4: Rate(
            probability=ProbabilityRange.exact(0.06),
            description=(
                "retreatment after 24 Gy / 6, Dutch Bone Metastasis Study (24 % after "
                "8 Gy x 1; whole follow-up, bone metastases of any site)"
            ),
            citation=VAN_DER_LINDEN_2004,
        ),
        FIVE_4: Rate(
            probability=ProbabilityRange.exact(0.16),
            description=(
                "re-irradiation of the site within 1 year after 20 Gy / 5, SC.24 secondary "
                "analysis (2 % after 24 Gy / 2 SBRT; read in a trial summary)"
            ),
            citation=ZENG_2022,
        ),
    }
)

#: SBRT onset window: earliest relief within 24 hours, median 14 days after single-dose spine
#: radiosurgery (Ryu 2008, 61 metastases, 10-16 Gy x 1); Balagamwala 2018's median 1.8 months
#: (visit-bound, retrospective) stays a finding.
SBRT_ONSET_DAYS: Final = DayRange(low=1, high=14)
#: RTOG 0631: pain response (>= 3-point NRPS improvement) at 3 months 41.3 % after SRS.
SBRT_RESPONSE: Final = Rate(
    probability=ProbabilityRange.exact(0.413),
    description=(
        "pain response (at least 3 points better on the numerical rating pain scale) at "
        "3 months after 16 or 18 Gy x 1, RTOG 0631; 60.5 % after 8 Gy x 1 conventional on the "
        "same endpoint. Not comparable with the conventional-EBRT response figure (PRESENT, "
        "consensus endpoint), which uses another endpoint"
    ),
    citation=RYU_2023,
)
#: SC.24: complete pain response at 3 months 35 % after 24 Gy / 2 (secondary summary).
SBRT_COMPLETE: Final = Rate(
    probability=ProbabilityRange.exact(0.35),
    description=(
        "complete pain response at 3 months after 24 Gy / 2, SC.24; 14 % after 20 Gy / 5 "
        "conventional (read in a secondary summary of the trial)"
    ),
    citation=SAHGAL_2021_SC24,
)
#: SC.24 secondary analysis: 1-year re-irradiation 2 % after SBRT (16 % after cEBRT).
SBRT_RETREATMENT: Final = Rate(
    probability=ProbabilityRange.exact(0.02),
    description=(
        "re-irradiation of the site within 1 year after 24 Gy / 2, SC.24 secondary analysis "
        "(16 % after 20 Gy / 5; read in a trial summary, unverified: the analysis was not read)"
    ),
    citation=ZENG_2022,
)

# --- Toxicity -----------------------------------------------------------------------------------

#: cEBRT pain flare without prophylaxis: 30-40 % quoted with Chow 2015 (placebo arm 35 %).
CEBRT_FLARE: Final = Rate(
    probability=ProbabilityRange(low=0.30, high=0.40),
    description=(
        "pain flare after conventional radiotherapy without prophylaxis: 30-40 % quoted as "
        "background to the Chow 2015 trial, whose placebo arm had 35 % (days 0-10, 8 Gy x 1)"
    ),
    citation=CHOW_2015_DEXAMETHASONE,
)
#: Chow 2015: 26 % with dexamethasone 8 mg before and on days 1-4 (8 Gy x 1).
CEBRT_FLARE_DEXAMETHASONE: Final = Rate(
    probability=ProbabilityRange.exact(0.26),
    description=(
        "pain flare with dexamethasone 8 mg before 8 Gy x 1 and daily on days 1-4 "
        "(Chow 2015, days 0-10)"
    ),
    citation=CHOW_2015_DEXAMETHASONE,
)
#: McDonald 2014 review: pain flare 10-68 % after SBRT.
SBRT_FLARE: Final = Rate(
    probability=ProbabilityRange(low=0.10, high=0.68),
    description=(
        "pain flare after SBRT across the studies of a literature review (23 % in 195 "
        "patients, Pan 2014; 68.3 % in 41 steroid-naive patients, Chiang 2013)"
    ),
    citation=MCDONALD_2014,
)
#: Khan 2015: 19 % with prophylactic dexamethasone (4 or 8 mg) around spine SBRT.
SBRT_FLARE_DEXAMETHASONE: Final = Rate(
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
CEBRT_VCF_INCIDENCE: Final = ProbabilityRange(low=0.043, high=0.22)

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
RADES_SHORT: Final = ProbabilityRange.exact(0.61)
RADES_LONG: Final = ProbabilityRange.exact(0.81)
#: SC.24 secondary: local failure at 12 months 28 % after 20 Gy / 5, 6 % after 24 Gy / 2.
SC24_CEBRT_CONTROL: Final = ProbabilityRange.exact(0.72)
SC24_SBRT_CONTROL: Final = ProbabilityRange.exact(0.94)
#: Guckenberger 2014: 2-year local control 83.9 % (median 24 Gy / 3).
GUCKENBERGER_CONTROL: Final = ProbabilityRange.exact(0.839)
#: Bilsky 2011: control rates "greater than 85%" across spine radiosurgery series.
SERIES_CONTROL: Final = ProbabilityRange(low=0.85, high=1.0)
#: Kim 2019: 1-year local progression 24.9 % after single-fraction SRS for Bilsky grade 3.
BILSKY_3_CONTROL: Final = ProbabilityRange.exact(0.751)


def fmt(value: float) -> str:
    """Show a dose or an EQD2 rounded to 0.01 (``"44.62"``, ``"30"``)."""
    return f"{round(value, 2):g}"


def checked_schedule(value: object, technique: Technique) -> Schedule:
    """Return ``value`` if it is a schedule of ``technique``, else raise InvalidInputError."""
    if not isinstance(value, Schedule) or value.technique is not technique:
        msg = (
            f"'schedule' must be a {technique.value} Schedule of "
            f"spinal_metastasis.radiobiology.schedules.SCHEDULES (got {value!r})"
        )
        raise InvalidInputError(msg, field="schedule")
    return value


@memoized
def burden(plan: Schedule) -> Burden:
    """The sessions of a radiotherapy schedule; anesthesia and stay left unset (no source)."""
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
