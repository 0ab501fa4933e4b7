"""The figures of the percutaneous procedures, each with its source.

Thresholds, systemic-therapy holds, pain relief, complications, fracture, local control
and burden of ablation, LITT, focused ultrasound and vertebral augmentation.
"""

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final

from spinal_metastasis._cache import (
    VALUE_CACHE_SIZE,
    bounded,
    memoized,
)
from spinal_metastasis.anatomy import Region
from spinal_metastasis.evidence import Citation, Finding, finding
from spinal_metastasis.model import (
    ESCC,
    Collapse,
    Frankel,
    SystemicAgent,
)
from spinal_metastasis.ranges import (
    DayRange,
    ProbabilityRange,
    ScoreRange,
    months_to_days,
    weeks_to_days,
)
from spinal_metastasis.sources.augmentation import (
    BERENSON_2011,
    EVANS_2016,
    HQO_2016,
    PEREZ_2021,
    SARAVANA_BAWAN_2019,
)
from spinal_metastasis.sources.percutaneous import (
    BAAL_2021,
    CALLSTROM_2013,
    CARDIA_2023,
    CRYO_SPINE_12_YEARS_2021,
    GOETZ_2004,
    HURWITZ_2014,
    JENNINGS_2021,
    KASTLER_2013,
    KASTLER_2014,
    KHAN_2018,
    LEE_2017,
    LEVY_2023,
    LV_2020,
    MOTAGHI_2022,
    MURALI_2021,
    SAGOO_2022,
    TATSUI_2015,
    TATSUI_2016,
    TOMASIAN_2016,
    VEGA_2019,
    WALLACE_2015,
    WANG_2022,
    YAO_2023,
)
from spinal_metastasis.sources.scores import LAUFER_2013
from spinal_metastasis.sources.surgery import BASTOS_2020, JCM_2023_PAINFUL_VCF
from spinal_metastasis.sources.treatments import SIR_2019
from spinal_metastasis.treatments._common import (
    HoldRecommendation,
    agent_holds,
)
from spinal_metastasis.treatments.option import (
    AgentHold,
    Anesthesia,
    Burden,
    CollapseRisk,
    LocalControl,
    Modality,
    PainRelief,
    Rate,
    Toxicity,
)

__all__ = [
    "AUGMENTATION_BURDEN",
    "AUGMENTATION_COLLAPSE",
    "AUGMENTATION_COMPLICATIONS",
    "AUGMENTATION_LOCAL",
    "AUGMENTATION_PAIN",
    "CRYO_BURDEN",
    "CRYO_COMPLICATIONS",
    "CRYO_LOCAL",
    "CRYO_PAIN",
    "FRACTURE",
    "LITT_BURDEN",
    "LITT_COMPLICATIONS",
    "LITT_FEW_TREATED_FRANKEL",
    "LITT_LOCAL",
    "LITT_MIN_ESCC",
    "LITT_PAIN",
    "LITT_UNTREATED_FRANKEL",
    "MIN_DISTANCE_TO_CORD_MM",
    "MIN_WORST_PAIN_NRS",
    "MRGFUS_BURDEN",
    "MRGFUS_COLLAPSE",
    "MRGFUS_COMPLICATIONS",
    "MRGFUS_LOCAL",
    "MRGFUS_PAIN",
    "MRGFUS_TREATED_REGIONS",
    "MWA_BURDEN",
    "MWA_COMPLICATIONS",
    "MWA_LOCAL",
    "MWA_PAIN",
    "RFA_BURDEN",
    "RFA_COMPLICATIONS",
    "RFA_LOCAL",
    "RFA_PAIN",
    "litt_holds",
    "no_fracture_figure",
    "toxicity",
    "unsourced_holds",
]

# --- Thresholds ---------------------------------------------------------------------------------

#: Tumor-to-cord distance below which thermal ablation needs thermal protection, in mm.
#: Early trials required about 1 cm (Dupuy 2010, ACRIN 6661; from memory, not verified);
#: the clinical reference cites a 2015 series requiring more than 10 mm.
MIN_DISTANCE_TO_CORD_MM: Final = 10.0

#: Worst pain (NRS 0-10) required by the ablation and focused-ultrasound trials
#: (Goetz 2004; Callstrom 2013; Hurwitz 2014).
MIN_WORST_PAIN_NRS: Final = 4

#: Lowest ESCC grade of the spinal LITT series, 1c (Bastos 2020; 92 % of Bastos 2021 had 1c
#: or higher).
LITT_MIN_ESCC: Final = ESCC.GRADE_1C

# Spinal LITT (Bastos 2021: Frankel E 91.7 %, D 6.7 %, C 1.7 %; Tatsui 2016: no motor deficit).
LITT_UNTREATED_FRANKEL: Final = frozenset({Frankel.A, Frankel.B})
LITT_FEW_TREATED_FRANKEL: Final = frozenset({Frankel.C, Frankel.D})
# A vertebral compression fracture (SINS collapse present).
FRACTURE: Final = frozenset({Collapse.AT_LEAST_50_PERCENT, Collapse.LESS_THAN_50_PERCENT})
# MRgFUS: sacral lesions were among the BM004 trial's treated sites (Chen 2017).
MRGFUS_TREATED_REGIONS: Final = frozenset({Region.SACRAL})


# --- Systemic-therapy holds ---------------------------------------------------------------------

# Tatsui 2016 (19 patients) and Vega (100 patients): systemic therapy was not interrupted
# to perform spinal LITT. Applied to every agent class: the sources do not list agents.
_LITT_HOLDS: Final[Mapping[SystemicAgent, HoldRecommendation]] = MappingProxyType(
    {
        agent: HoldRecommendation(
            days_before=DayRange.exact(0),
            days_after=DayRange.exact(0),
            statement=(
                "Systemic therapy was not interrupted to perform spinal LITT (Tatsui 2016, 19 "
                "patients; Vega, first 100 patients); agent classes were not listed."
            ),
            citation=TATSUI_2016,
        )
        for agent in SystemicAgent
    }
)


@bounded(VALUE_CACHE_SIZE)
def unsourced_holds(
    agents: tuple[SystemicAgent, ...] | None, modality: Modality, citation: Citation
) -> tuple[DayRange, Finding]:
    """No sourced hold: 0 days, with a finding saying so (not a recommendation to continue)."""
    days, _, _ = agent_holds(agents, {})
    current = (
        "the current agents are unknown"
        if agents is None
        else "no current systemic therapy"
        if not agents
        else "current: " + ", ".join(agent.value.replace("_", " ") for agent in agents)
    )
    statement = (
        f"No society guidance on holding anticancer drugs around {modality.label} was found "
        f"({current}); the 0 days reported is the absence of a sourced hold, not a "
        "recommendation to continue."
    )
    if citation is SIR_2019:
        statement += " The SIR 2019 platelet and INR thresholds are the only sourced timing rule."
    recorded: object = agents if agents is None or agents else "none"
    return days, finding(statement, citation, systemic_therapy=recorded)


# --- Trade-off figures --------------------------------------------------------------------------

# Radiofrequency ablation. Onset: first assessment at 3 days in OPuS One (Levy 2023), NRS
# 8.0 -> 3.9 at 1 week (Wallace 2015). Near-maximal: 2.9 at 4 weeks (Wallace 2015), still
# falling to 1.4 at 24 weeks in Goetz 2004.
_RFA_ONSET_DAYS: Final = DayRange(low=3, high=7)
_RFA_MAXIMAL_DAYS: Final = DayRange.from_weeks(4, 24)
# Goetz 2004: 95 % had a worst-pain drop of 2 points or more.
_RFA_RESPONSE: Final = Rate(
    probability=ProbabilityRange.exact(0.95),
    description=(
        "worst pain fell by 2 points or more, 43 patients with painful osteolytic metastases "
        "of any site, follow-up to 24 weeks"
    ),
    citation=GOETZ_2004,
)
# Murali 2021: local tumour control failure 13.2 % (follow-up 2.5 months to 5 years).
_RFA_LOCAL_CONTROL: Final = ProbabilityRange.exact(round(1 - 0.132, 3))
_RFA_LOCAL_CONTROL_HORIZON_DAYS: Final = DayRange.from_months(2.5, 60)

# Cryoablation. Onset: NRS 6.2 -> 3.5 at 24 hours (12-year series); 7.1 -> 5.1 at 1 week
# (Callstrom 2013). Near-maximal: 1.9 at 1 month (12-year series), still falling to 1.4 at
# 24 weeks in Callstrom 2013.
_CRYO_ONSET_DAYS: Final = DayRange(low=1, high=7)
_CRYO_MAXIMAL_DAYS: Final = DayRange(low=months_to_days(1), high=weeks_to_days(24))
# Sagoo 2022: local tumour control 60 % to 100 % across studies.
_CRYO_LOCAL_CONTROL: Final = ProbabilityRange(low=0.60, high=1.0)

# Microwave ablation. VAS 7.4 -> 1.3 at day 0 (Kastler 2014); 8 -> 1 at 24 hours (Motaghi
# 2022); stable from 1 to 6 months.
_MWA_ONSET_DAYS: Final = DayRange(low=0, high=1)
_MWA_MAXIMAL_DAYS: Final = DayRange(low=0, high=1)
# Yao 2023: local control above 80 %; Khan 2018: no locoregional progression in 59/61
# surviving patients at 20-24 weeks.
_MWA_LOCAL_CONTROL: Final = ProbabilityRange(low=0.80, high=round(59 / 61, 3))

# Spinal LITT. VAS 6.18 -> 4.27 within 30 days -> 2.8 within 60 days (Tatsui 2015).
_LITT_ONSET_DAYS: Final = DayRange(low=0, high=30)
_LITT_MAXIMAL_DAYS: Final = DayRange(low=0, high=60)
# Vega: local control in 83 of the first 100 patients (LITT then radiosurgery).
_LITT_LOCAL_CONTROL: Final = ProbabilityRange.exact(83 / 100)
# Bastos 2020: hospital stay 3.4 days (vs 9 after open surgery).
_LITT_HOSPITAL_DAYS: Final = DayRange.exact(3.4)

# MR-guided focused ultrasound. Response within days in two-thirds (Hurwitz 2014, news
# summary); 71 % at 1 week (Lee 2017). Pain reduction 3.8 points at 1 month and 4.4 at 3
# months (Baal 2021); primary endpoint at 3 months (Hurwitz 2014).
_MRGFUS_ONSET_DAYS: Final = DayRange(low=0, high=7)
_MRGFUS_MAXIMAL_DAYS: Final = DayRange.from_months(1, 3)
_MRGFUS_RESPONSE: Final = Rate(
    probability=ProbabilityRange.exact(0.643),
    description=(
        "response at 3 months (worst pain improved by 2 points or more without a "
        "morphine-equivalent increase above 25 %), phase III trial, painful bone metastases; "
        "sham arm 20.0 %"
    ),
    citation=HURWITZ_2014,
)
# Hurwitz 2014: two pathological fractures among the 112 patients treated with MRgFUS.
_MRGFUS_FRACTURES: Final = 2
_MRGFUS_TREATED_PATIENTS: Final = 112

# Vertebral augmentation. Better pain at 1 week (CAFE, manufacturer page); 3 days in an
# osteoporotic randomised trial (Evans 2016).
_AUGMENTATION_ONSET_DAYS: Final = DayRange(low=3, high=7)
# Health Quality Ontario 2016: outpatient.
_AUGMENTATION_HOSPITAL_DAYS: Final = DayRange.exact(0)

_ONE_SESSION: Final = ScoreRange.exact(1)
_NO_COLLAPSE_FIGURE: Final = ProbabilityRange(low=0, high=1)


RFA_PAIN: Final = PainRelief(
    onset_days=_RFA_ONSET_DAYS,
    maximal_days=_RFA_MAXIMAL_DAYS,
    response=_RFA_RESPONSE,
    findings=(
        finding(
            "Pain, interference and quality of life improved from the first assessment at 3 "
            "days and stayed improved to 12 months (OPuS One, 206 patients).",
            LEVY_2023,
        ),
        finding(
            "Radiofrequency ablation with augmentation of spinal metastases: NRS 8.0 before, "
            "3.9 at 1 week, 2.9 at 4 weeks.",
            WALLACE_2015,
        ),
        finding(
            "Worst pain 7.9 before, 4.5 at 4 weeks, 3.0 at 12 weeks, 1.4 at 24 weeks "
            "(osteolytic metastases of any site).",
            GOETZ_2004,
        ),
    ),
)
CRYO_PAIN: Final = PainRelief(
    onset_days=_CRYO_ONSET_DAYS,
    maximal_days=_CRYO_MAXIMAL_DAYS,
    findings=(
        finding(
            "Spinal cryoablation: NRS 6.2 before, 3.5 at 24 hours, 1.9 at 1 month; clinical "
            "success in 30/32 palliative sessions (93.8 %; definition not read), not used as "
            "a response rate.",
            CRYO_SPINE_12_YEARS_2021,
        ),
        finding(
            "Worst pain 7.1 before, 5.1 at 1 week, 4.0 at 4 weeks, 3.6 at 8 weeks, 1.4 at 24 "
            "weeks (bone metastases of any site).",
            CALLSTROM_2013,
        ),
        finding(
            "Pooled pain reduction 5.03 points at 1 month across 8 spinal cryoablation studies.",
            SAGOO_2022,
        ),
        finding(
            "MOTION (66 patients, bone metastases of any site, prospective): worst pain 2 "
            "points better at week 1 and -2.61 (95 % CI -3.45 to -1.78) at week 8.",
            JENNINGS_2021,
        ),
    ),
)
MWA_PAIN: Final = PainRelief(
    onset_days=_MWA_ONSET_DAYS,
    maximal_days=_MWA_MAXIMAL_DAYS,
    # No responder rate for spinal microwave ablation was read: Kastler 2013's 19/20 is a
    # meeting abstract on bone tumours of any site, seen in a news report (kept as a finding).
    response=None,
    findings=(
        finding(
            "Spinal microwave ablation: VAS 7.4 before, 1.3 at day 0, 1.6 at day 7, 1.9 at 1 "
            "month, 2.2 at 3 months, 2.3 at 6 months; relief in all but one patient.",
            KASTLER_2014,
        ),
        finding(
            "No responder rate for spinal microwave ablation: pain relief of 50 % or more "
            "immediately after 19 of 20 procedures comes from a meeting abstract on bone tumours "
            "of any site, read only in a news report (unverified).",
            KASTLER_2013,
        ),
        finding(
            "Microwave ablation with vertebroplasty: VAS 8 before, 1 at 24 hours, 2 at 4 "
            "weeks, 1 at 6 months.",
            MOTAGHI_2022,
        ),
        finding(
            "Microwave ablation with cementoplasty: median VAS 7.0 before, 2 at 2-4 weeks "
            "and 2 at 20-24 weeks.",
            KHAN_2018,
        ),
    ),
)
LITT_PAIN: Final = PainRelief(
    onset_days=_LITT_ONSET_DAYS,
    maximal_days=_LITT_MAXIMAL_DAYS,
    findings=(
        finding(
            "Spinal LITT then radiosurgery: mean VAS 6.18 before, 4.27 within 30 days, 2.8 "
            "within 60 days (11 patients).",
            TATSUI_2015,
        ),
    ),
)
MRGFUS_PAIN: Final = PainRelief(
    onset_days=_MRGFUS_ONSET_DAYS,
    maximal_days=_MRGFUS_MAXIMAL_DAYS,
    response=_MRGFUS_RESPONSE,
    findings=(
        finding(
            "Response within days in two-thirds of patients (news summary of the trial).",
            HURWITZ_2014,
        ),
        finding(
            "Response at 1 week 71 % after focused ultrasound vs 26 % after radiotherapy "
            "(matched pairs).",
            LEE_2017,
        ),
        finding(
            "Pooled pain response 79 % across 33 studies; pain reduction 3.8 points at 1 "
            "month and 4.4 at 3 months.",
            BAAL_2021,
        ),
    ),
)
AUGMENTATION_PAIN: Final = PainRelief(
    onset_days=_AUGMENTATION_ONSET_DAYS,
    findings=(
        finding(
            "Kyphoplasty for painful cancer fractures: pain better than non-surgical care at "
            "1 week (manufacturer's trial page); Roland-Morris disability 17.6 to 9.1 at 1 "
            "month, the primary endpoint. Time to maximal relief not reported in the sources "
            "read.",
            BERENSON_2011,
        ),
        finding(
            "Osteoporotic (not malignant) fractures: pain 7.4 to 4.1 after kyphoplasty and 7.9 "
            "to 3.7 after vertebroplasty at 3 days.",
            EVANS_2016,
        ),
        finding("Vertebral augmentation rapidly reduces pain in cancer fractures.", HQO_2016),
    ),
)

RFA_COMPLICATIONS: Final = (
    finding(
        "Complications in 10.9 % after radiofrequency ablation vs 27.4 % after microwave "
        "ablation (systematic review, 630 patients).",
        YAO_2023,
    ),
    finding(
        "Cement leakage 6.4 % with ablation before cement vs 20.5 % with cement alone.",
        LV_2020,
    ),
    finding("No major complications and no symptomatic cement extravasation.", WALLACE_2015),
)
CRYO_COMPLICATIONS: Final = (
    finding("Grade I-II complications 6.1 %, grade III-V 2.0 % (148 patients).", SAGOO_2022),
    finding("Two transient radiculopathies with weakness after 31 spinal tumours.", TOMASIAN_2016),
    finding("One major complication (osteomyelitis) among 61 patients.", CALLSTROM_2013),
)
MWA_COMPLICATIONS: Final = (
    finding(
        "Complications in 27.4 % after microwave ablation vs 10.9 % after radiofrequency "
        "ablation (systematic review, 630 patients).",
        YAO_2023,
    ),
    finding(
        "Two complications among 102 spinal metastases: an S1 thermal nerve injury and a "
        "skin burn.",
        KHAN_2018,
    ),
    finding("No complications among 20 spinal tumours.", KASTLER_2014),
    finding(
        "Cement leakage in 27.8 % of lesions (microwave ablation with cement after "
        "radiotherapy), without symptoms.",
        WANG_2022,
    ),
)
LITT_COMPLICATIONS: Final = (
    finding(
        "Complications 12.6 %, mostly transient; revision surgery 3.4 % (206 patients).",
        CARDIA_2023,
    ),
    finding("Complications 5 % after spinal LITT vs 35 % after open surgery.", BASTOS_2020),
    finding("No permanent neurological injury among 19 patients.", TATSUI_2016),
    finding("Nerve-root palsy in 3 early lumbar cases among the first 100.", VEGA_2019),
)
MRGFUS_COMPLICATIONS: Final = (
    finding(
        "Sonication pain in 32.1 % of treated patients; one third-degree skin burn.",
        HURWITZ_2014,
    ),
    finding("Pooled high-grade adverse events 0.9 %, low-grade 5.9 %.", BAAL_2021),
)
AUGMENTATION_COMPLICATIONS: Final = (
    finding("Cement leakage 20.5 % with cement alone (6.4 % after ablation).", LV_2020),
    finding(
        "Asymptomatic cement leakage in 9 % of benign fractures with posterior-wall "
        "disruption; no neurological sequelae.",
        PEREZ_2021,
    ),
)

RFA_LOCAL: Final = LocalControl(
    probability=_RFA_LOCAL_CONTROL,
    horizon_days=_RFA_LOCAL_CONTROL_HORIZON_DAYS,
    findings=(
        finding(
            "Local tumour control failed in 13.2 % (15 studies, follow-up 2.5 months to 5 "
            "years): control 86.8 %.",
            MURALI_2021,
        ),
        finding(
            "Tumour recurrence 11.4 % at 6 months with ablation and cement vs 30.8 % with "
            "cement alone.",
            LV_2020,
        ),
    ),
)
CRYO_LOCAL: Final = LocalControl(
    probability=_CRYO_LOCAL_CONTROL,
    findings=(
        finding("Local tumour control 60 % to 100 % at varying follow-up (8 studies).", SAGOO_2022),
        finding("Local tumour control 96.7 % (30/31) at a median of 10 months.", TOMASIAN_2016),
        finding(
            "Local-control intent met in 6/10 (60 %) at a median of 25 months.",
            CRYO_SPINE_12_YEARS_2021,
        ),
    ),
)
MWA_LOCAL: Final = LocalControl(
    probability=_MWA_LOCAL_CONTROL,
    findings=(
        finding("Local control above 80 % after microwave ablation (systematic review).", YAO_2023),
        finding(
            "No locoregional progression in 59/61 surviving patients at 20-24 weeks.",
            KHAN_2018,
        ),
    ),
)
LITT_LOCAL: Final = LocalControl(
    probability=_LITT_LOCAL_CONTROL,
    findings=(
        finding(
            "Spinal LITT then radiosurgery: local control in 83 of the first 100 patients; 17 "
            "progressed (follow-up not stated).",
            VEGA_2019,
        ),
    ),
)
MRGFUS_LOCAL: Final = LocalControl(
    probability=None,
    findings=(
        finding(
            "No local tumour-control figure for focused ultrasound of bone metastases in the "
            "sources read; the trials measured pain.",
            BAAL_2021,
        ),
    ),
)
AUGMENTATION_LOCAL: Final = LocalControl(
    probability=None,
    findings=(
        finding(
            "Not a tumour treatment: vertebroplasty can mechanically stabilize the vertebral "
            "body but does not treat the local tumour; tumour control comes from ablation or "
            "radiotherapy.",
            SARAVANA_BAWAN_2019,
        ),
    ),
)


@memoized
def no_fracture_figure(modality: Modality, citation: Citation) -> CollapseRisk:
    """No published fracture incidence after the option alone: the whole range, said so."""
    return CollapseRisk(
        probability=_NO_COLLAPSE_FIGURE,
        drivers=(
            finding(
                f"No published incidence of vertebral fracture after {modality.label} alone "
                "was found; most spinal series added cement augmentation.",
                citation,
            ),
        ),
    )


MRGFUS_COLLAPSE: Final = CollapseRisk(
    probability=_NO_COLLAPSE_FIGURE,
    drivers=(
        finding(
            f"Two pathological fractures among the {_MRGFUS_TREATED_PATIENTS} patients treated "
            f"with focused ultrasound in the phase III trial "
            f"({_MRGFUS_FRACTURES}/{_MRGFUS_TREATED_PATIENTS}, "
            f"{100 * _MRGFUS_FRACTURES / _MRGFUS_TREATED_PATIENTS:.1f} %), at sites not "
            "reported; not a vertebral figure.",
            HURWITZ_2014,
        ),
    ),
)
AUGMENTATION_COLLAPSE: Final = CollapseRisk(
    probability=_NO_COLLAPSE_FIGURE,
    drivers=(
        finding(
            "Cement augmentation stabilizes a fractured vertebral body (NOMS: mechanical pain "
            "without gross instability); no incidence of further collapse after augmentation "
            "of a metastatic vertebra was found.",
            LAUFER_2013,
        ),
        finding(
            "After spine SBRT, the share of compression fractures that were painful was 44 % "
            "in spines without fixation vs 0 % with fixation (fixation there is surgical "
            "instrumentation, not cement; 60 fractures among 779 segments).",
            JCM_2023_PAINFUL_VCF,
        ),
    ),
)


def _burden(
    anesthesia: Iterable[Anesthesia],
    *findings: Finding,
    hospital_days: DayRange | None = None,
) -> Burden:
    """One session, with the anaesthesia and hospital stay the sources report."""
    return Burden(
        sessions=_ONE_SESSION,
        anesthesia=frozenset(anesthesia),
        hospital_days=hospital_days,
        findings=findings,
    )


RFA_BURDEN: Final = _burden(
    (),
    finding(
        "One procedure; anaesthesia and hospital stay were not stated in the sources read.",
        WALLACE_2015,
    ),
)
CRYO_BURDEN: Final = _burden(
    (),
    finding(
        "One procedure; anaesthesia and hospital stay were not stated in the sources read.",
        TOMASIAN_2016,
    ),
)
MWA_BURDEN: Final = _burden(
    (Anesthesia.LOCAL, Anesthesia.GENERAL),
    finding("Local anaesthesia with nitrous oxide; mean ablation time 4.4 minutes.", KASTLER_2014),
    finding("General anaesthesia.", KHAN_2018),
)
LITT_BURDEN: Final = _burden(
    (),
    finding(
        "Hospital stay 3.4 days (vs 9 after open surgery); radiotherapy or radiosurgery "
        "started after 7.8 days and systemic therapy after 24.7 days (vs 35.9 and 59).",
        BASTOS_2020,
    ),
    finding(
        "Spinal radiosurgery follows in every case; it is assessed as its own option. "
        "Anaesthesia not stated in the sources read.",
        TATSUI_2015,
    ),
    hospital_days=_LITT_HOSPITAL_DAYS,
)
MRGFUS_BURDEN: Final = _burden(
    (),
    finding(
        "One treatment; anaesthesia and hospital stay were not stated in the sources read.",
        HURWITZ_2014,
    ),
)
AUGMENTATION_BURDEN: Final = _burden(
    (),
    finding(
        "Performed as an outpatient without general anaesthesia (which anaesthesia instead "
        "is not stated).",
        HQO_2016,
    ),
    hospital_days=_AUGMENTATION_HOSPITAL_DAYS,
)


@bounded(VALUE_CACHE_SIZE)
def litt_holds(
    agents: tuple[SystemicAgent, ...] | None,
) -> tuple[DayRange, tuple[AgentHold, ...], tuple[Finding, ...]]:
    """The holds around spinal LITT: none (systemic therapy was not interrupted)."""
    return agent_holds(agents, _LITT_HOLDS)


def toxicity(
    days: DayRange, hold_findings: tuple[Finding, ...], complications: tuple[Finding, ...]
) -> Toxicity:
    """The toxicity of a percutaneous option: no cord dose, its holds and complications."""
    return Toxicity(
        systemic_therapy_hold_days=days,
        cord_eqd2_added_gy=0.0,
        findings=(*hold_findings, *complications),
    )
