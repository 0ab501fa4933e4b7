"""Citations used across the treatment options (surgery trials, timing, safety, collapse).

Each constant is a :class:`~spinal_metastasis.evidence.Citation`, stored once;
the registry :data:`spinal_metastasis.references.REFERENCES` collects them all.
Modality-specific sources live in :mod:`~spinal_metastasis.sources.radiotherapy`,
:mod:`~spinal_metastasis.sources.surgery` and :mod:`~spinal_metastasis.sources.percutaneous`.
"""

from typing import Final

from spinal_metastasis.evidence import Citation
from spinal_metastasis.sources.radiobiology import LAUFER_2013

PATCHELL_2005: Final = Citation(
    key="patchell2005",
    authors="Patchell RA, Tibbs PA, Regine WF, et al.",
    year=2005,
    title=(
        "Direct decompressive surgical resection in the treatment of spinal cord compression "
        "caused by metastatic cancer: a randomised trial"
    ),
    journal="Lancet",
    locator="366(9486):643-648",
    doi="10.1016/S0140-6736(05)66954-1",
    verified=True,
    verification=(
        "Design, 101 randomised, ambulation 84 % vs 57 %, median 122 vs 13 days and regained "
        "walking 62 % vs 19 % read in the Lancet abstract; inclusion (expected survival >= 3 "
        "months, single area of compression) and exclusion (radiosensitive tumors, paraplegia "
        "> 48 h) read in secondary summaries; PMID not re-read."
    ),
)

# Stored once, with the radiotherapy schedules it reports; named here for the treatment rules.
LAUFER_2013_SEPARATION: Final = LAUFER_2013

SIR_2019: Final = Citation(
    key="patel2019sir",
    authors="Patel IJ, Rahim S, Davidson JC, et al.",
    year=2019,
    title=(
        "Society of Interventional Radiology consensus guidelines for the periprocedural "
        "management of thrombotic and bleeding risk in patients undergoing percutaneous "
        "image-guided interventions-Part II: recommendations"
    ),
    journal="J Vasc Interv Radiol",
    locator="30(8):1168-1184",
    verified=False,
    verification=(
        "High bleeding-risk thresholds (correct INR to 1.5-1.8 or less; transfuse platelets "
        "below 50 x 10^9/L) and bone ablation in the high-risk group read in a guideline "
        "summary and two radiology-practice reproductions of the table; pages, DOI and PMID "
        "not seen. The 2019 category of vertebroplasty was not confirmed."
    ),
)

GUIMOND_2022: Final = Citation(
    key="guimond2022",
    authors="Guimond E, Tsai CJ, Hosni A, O'Kane G, Yang J, Barry A.",
    year=2022,
    title=(
        "Safety and tolerability of metastasis-directed radiation therapy in the era of "
        "evolving systemic, immune, and targeted therapies"
    ),
    journal="Adv Radiat Oncol",
    locator="7(6):101022",
    doi="10.1016/j.adro.2022.101022",
    pmid="36177487",
    verified=True,
    verification=(
        "Suggested holds per agent class around palliative radiotherapy read in the abstract."
    ),
)

KROEZE_2023: Final = Citation(
    key="kroeze2023",
    authors="Kroeze SGC, Pavic M, Stellamans K, Lievens Y, Becherini C, Scorsetti M, et al.",
    year=2023,
    title=(
        "Metastases-directed stereotactic body radiotherapy in combination with targeted "
        "therapy or immunotherapy: systematic review and consensus recommendations by the "
        "EORTC-ESTRO OligoCare consortium"
    ),
    journal="Lancet Oncol",
    locator="24(3):e121-e132",
    doi="10.1016/S1470-2045(22)00752-5",
    pmid="36858728",
    verified=False,
    verification=(
        "Checkpoint inhibitors continued (not the same day); at least 1 week between "
        "ipilimumab and SBRT; VEGF inhibitors interrupted for at least one cycle and at "
        "least 1 week: read in the abstract and a trial-summary newsletter, not in the "
        "drug-by-drug tables. Flagged: the abstract (PMID 36858728) gives only the Delphi "
        "process; 'one cycle' for a daily TKI is the library's reading."
    ),
)

KROEZE_2017: Final = Citation(
    key="kroeze2017",
    authors="Kroeze SGC, Fritz C, Hoyer M, et al.",
    year=2017,
    title=(
        "Toxicity of concurrent stereotactic radiotherapy and targeted therapy or "
        "immunotherapy: a systematic review"
    ),
    journal="Cancer Treat Rev",
    locator="53:25-37",
    verified=True,
    verification=(
        "Increased extracranial SRT toxicity with EGFR inhibitors, bevacizumab, sorafenib "
        "and cetuximab, 'concurrent' meaning within 30 days, read in the abstract."
    ),
)

SAHGAL_2013_VCF: Final = Citation(
    key="sahgal2013vcf",
    authors="Sahgal A, Atenafu EG, Chao S, et al.",
    year=2013,
    title=(
        "Vertebral compression fracture after spine stereotactic body radiotherapy: a "
        "multi-institutional analysis with a focus on radiation dose and the spinal "
        "instability neoplastic score"
    ),
    journal="J Clin Oncol",
    locator="31(27):3426-3431",
    doi="10.1200/JCO.2013.50.1411",
    pmid="23960179",
    verified=True,
    verification=(
        "VCF 14 % (57/410 segments), median 2.46 months, 65 % within 4 months, and the "
        "Fine-Gray hazard ratios read in the PMC abstract and Table 3."
    ),
    label="Sahgal 2013 (VCF)",
)

FARUQI_2018: Final = Citation(
    key="faruqi2018",
    authors="Faruqi S, Tseng CL, Whyne C, et al.",
    year=2018,
    title=(
        "Vertebral compression fracture after spine stereotactic body radiation therapy: a "
        "review of the pathophysiology and risk factors"
    ),
    journal="Neurosurgery",
    locator="83(3):314-322",
    doi="10.1093/neuros/nyx493",
    pmid="29048517",
    verified=True,
    verification="Crude VCF 13.9 % of 2,911 segments in 11 studies read in the PubMed abstract.",
)

ITSHAYEK_2010: Final = Citation(
    key="itshayek2010",
    authors=(
        "Itshayek E, Yamada J, Bilsky M, Schmidt M, Shaffrey C, Gerszten P, Polly D, "
        "Gokaslan Z, Varga PP, Fisher CG."
    ),
    year=2010,
    title=(
        "Timing of surgery and radiotherapy in the management of metastatic spine disease: "
        "a systematic review"
    ),
    journal="Int J Oncol",
    doi="10.3892/ijo_00000527",
    verified=False,
    verification=(
        "Abstract, title and authors read (University of Minnesota research-portal record): "
        "of 46 reports on surgery after radiotherapy (5,836 patients) only one retrospective "
        "study addressed the timing, suggesting more wound complications when surgery follows "
        "radiotherapy within 7 days; none of 51 reports answered the timing of radiotherapy "
        "after surgery (intervals of 5-21 days reported in nine). One retrospective study, "
        "not a body of evidence. Volume and pages not seen."
    ),
)

JARVERS_2021: Final = Citation(
    key="jarvers2021",
    authors="Jarvers JS, Lange M, Schiemann S, Pfranger J, Heyde CE, Osterhoff G.",
    year=2021,
    title=(
        "Risk factors for wound-related complications after surgical stabilization of spinal "
        "metastases with a special focus on the effect of postoperative radiation therapy"
    ),
    journal="BMC Surg",
    locator="21",
    doi="10.1186/s12893-021-01431-9",
    verified=True,
    verification=(
        "Wound complications 17.3 %; radiotherapy within 21 days after surgery and "
        "chemotherapy within 3 weeks of surgery associated with wound problems: read in "
        "the abstract."
    ),
)

MCDONALD_2014: Final = Citation(
    key="mcdonald2014",
    authors="McDonald R, Chow E, Rowbottom L, DeAngelis C, Soliman H.",
    year=2014,
    title=(
        "Incidence of pain flare in radiation treatment of bone metastases: a literature review"
    ),
    journal="J Bone Oncol",
    locator="3(3-4):84-89",
    doi="10.1016/j.jbo.2014.10.001",
    pmid="26909303",
    verified=True,
    verification="Flare 2-44 % after EBRT and 10-68 % after SBRT read in the abstract.",
)

CHOW_2015_DEXAMETHASONE: Final = Citation(
    key="chow2015",
    authors="Chow E, et al.",
    year=2015,
    title=(
        "Dexamethasone in the prophylaxis of radiation-induced pain flare after palliative "
        "radiotherapy for bone metastases: a double-blind, randomised placebo-controlled, "
        "phase 3 trial"
    ),
    journal="Lancet Oncol",
    locator="16(15):1463-1472",
    doi="10.1016/S1470-2045(15)00199-0",
    verified=False,
    verification=(
        "Flare 26 % with dexamethasone vs 35 % with placebo after 8 Gy x 1 read in three "
        "secondary summaries (ASCO Post, ONS, ESMO); the title is from memory. Locator "
        "confirmed in a secondary source (2026-12-07 figure audit)."
    ),
)

KHAN_2015_DEXAMETHASONE: Final = Citation(
    key="khan2015",
    authors="Khan L, Chiang A, Zhang L, Thibault I, Bedard G, Wong E, et al.",
    year=2015,
    title=(
        "Prophylactic dexamethasone effectively reduces the incidence of pain flare following "
        "spine stereotactic body radiotherapy (SBRT): a prospective observational study"
    ),
    journal="Support Care Cancer",
    locator="23(10)",
    doi="10.1007/s00520-015-2659-z",
    verified=True,
    verification=(
        "Flare 19 % with prophylactic dexamethasone (25 % with 4 mg, 13 % with 8 mg) vs 68 % "
        "historical read in the Springer abstract."
    ),
)

ASTRO_2024_BONE: Final = Citation(
    key="alcorn2024astro",
    authors="Alcorn S, Cortes AA, Bradfield L, Brennan M, Dennis K, Diaz DA, et al.",
    year=2024,
    title=(
        "External beam radiation therapy for palliation of symptomatic bone metastases: an "
        "ASTRO clinical practice guideline"
    ),
    journal="Pract Radiat Oncol",
    doi="10.1016/j.prro.2024.04.018",
    verified=False,
    verification=(
        "Recommendation read in a guideline summary: for spine metastases compressing the "
        "spinal cord or cauda equina, radiotherapy combined with dexamethasone is recommended "
        "over radiotherapy alone (strong, low quality). No dose in the text read; locator not "
        "seen."
    ),
    label="ASTRO 2024",
)

NICE_QS56: Final = Citation(
    key="niceqs56",
    authors="National Institute for Health and Care Excellence.",
    year=2023,
    title="Spinal metastases and metastatic spinal cord compression (quality standard QS56)",
    journal="National Institute for Health and Care Excellence",
    locator="Quality statements 3 and 6",
    verified=True,
    verification=(
        "Read on the NICE pages: statement 3, adults with suspected MSCC and neurological "
        "symptoms or signs have a whole-spine MRI and any treatment plan agreed within 24 hours "
        "of the suspected diagnosis; statement 6, MSCC not suitable for surgery starts "
        "radiotherapy within 24 hours of the decision to treat. No 24-hour limit for surgery "
        "itself in the current wording."
    ),
    label="NICE QS56",
)

ALL: Final = (
    ASTRO_2024_BONE,
    NICE_QS56,
    PATCHELL_2005,
    SIR_2019,
    GUIMOND_2022,
    KROEZE_2023,
    KROEZE_2017,
    SAHGAL_2013_VCF,
    FARUQI_2018,
    ITSHAYEK_2010,
    JARVERS_2021,
    MCDONALD_2014,
    CHOW_2015_DEXAMETHASONE,
    KHAN_2015_DEXAMETHASONE,
)
