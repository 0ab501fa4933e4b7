"""Citations of the percutaneous treatment options.

Thermal ablation (radiofrequency, cryo-, microwave), spinal laser interstitial thermal
therapy, MR-guided focused ultrasound and vertebral augmentation.

Each constant is a :class:`~spinal_metastasis.evidence.Citation`, stored once;
the registry :data:`spinal_metastasis.references.REFERENCES` collects them all.
Cross-cutting sources (SIR 2019 coagulation thresholds) live in
:mod:`~spinal_metastasis.sources.treatments`; Bastos 2020 (spinal LITT vs open
surgery) and the J Clin Med 2023 painful-fracture study in
:mod:`~spinal_metastasis.sources.surgery`; the NOMS framework in
:mod:`~spinal_metastasis.sources.scores`.
"""

from typing import Final

from spinal_metastasis.evidence import Citation
from spinal_metastasis.sources.augmentation import (
    BERENSON_2011,
    EVANS_2016,
    HQO_2016,
    PEREZ_2021,
    SARAVANA_BAWAN_2019,
    TSOUMAKIDOU_2017,
)

# --- Radiofrequency ablation -------------------------------------------------------------------

GOETZ_2004: Final = Citation(
    key="goetz2004",
    authors="Goetz MP, Callstrom MR, Charboneau JW, et al.",
    year=2004,
    title=(
        "Percutaneous image-guided radiofrequency ablation of painful metastases involving "
        "bone: a multicenter study"
    ),
    journal="J Clin Oncol",
    locator="22(2):300-306",
    doi="10.1200/JCO.2004.03.097",
    verified=False,
    verification=(
        "DOI confirmed in the 2026-12-07 figure audit. "
        "Abstract read (Johns Hopkins repository record): 43 patients with painful osteolytic "
        "metastases and worst pain of 4/10 or more; worst pain 7.9 to 4.5 (4 weeks), 3.0 "
        "(12 weeks), 1.4 (24 weeks); 95 % had a drop of 2 points or more; adverse events "
        "included a skin burn at the grounding pad. Co-authors, title, volume and pages from "
        "memory."
    ),
)

DUPUY_2010: Final = Citation(
    key="dupuy2010",
    authors="Dupuy DE, Liu D, Hartfeil D, et al.",
    year=2010,
    title=(
        "Percutaneous radiofrequency ablation of painful osseous metastases: a multicenter "
        "American College of Radiology Imaging Network trial (ACRIN 6661)"
    ),
    journal="Cancer",
    locator="116(4):989-997",
    doi="10.1002/cncr.24837",
    pmid="20041484",
    verified=False,
    verification=(
        "Design and results (55 patients, Memorial Pain Assessment Card, 8 thoracolumbar "
        "spine sites) read in the abstract. The eligibility margin of about 1 cm between the "
        "lesion and the spinal cord or cauda equina, used here as the distance threshold, "
        "was garbled in the copy read and comes from the project's clinical reference (from "
        "memory); the clinical reference also cites an unnamed 2015 series requiring more "
        "than 10 mm. Co-authors after the first and the title from memory. Flagged: the "
        "10 mm margin stays unverified."
    ),
)

LEVY_2023: Final = Citation(
    key="levy2023",
    authors="Levy J, et al.",
    year=2023,
    title=(
        "OsteoCool Tumor Ablation Post-Market Study (OPuS One): final results in 206 patients "
        "(title not recorded)"
    ),
    journal="Cardiovasc Intervent Radiol",
    pmid="37012392",
    verified=True,
    verification=(
        "Abstract read (PMID 37012392, per the project's clinical reference): 206 patients at "
        "15 institutions with lytic metastases; worst and average pain, pain interference and "
        "quality of life improved from the first assessment at 3 days and stayed improved to "
        "12 months, independent of radiotherapy or chemotherapy at the index site. Journal "
        "(Cardiovasc Intervent Radiol) and PMID confirmed in the 2026-12-07 figure audit; "
        "co-authors and exact title not recorded."
    ),
)

WALLACE_2015: Final = Citation(
    key="wallace2015",
    authors="Wallace AN, Greenwood TJ, Jennings JW.",
    year=2015,
    title=(
        "Radiofrequency ablation and vertebral augmentation for palliation of painful spinal "
        "metastases"
    ),
    journal="J Neurooncol",
    locator="124(1):111-118",
    doi="10.1007/s11060-015-1813-2",
    pmid="26022981",
    verified=True,
    verification=(
        "PubMed abstract read: 72 treatments of 110 spinal metastases; augmentation after "
        "95 % of ablations; mean NRS 8.0 before, 3.9 at 1 week and 2.9 at 4 weeks; no major "
        "complications and no symptomatic cement extravasation. Not the 2016 AJNR paper, "
        "whose 1-year local control (89 %) was not found."
    ),
)

MURALI_2021: Final = Citation(
    key="murali2021",
    authors="Murali N, Turmezei T, Bhatti S, Patel P, Marshall T, Smith T.",
    year=2021,
    title=(
        "What is the effectiveness of radiofrequency ablation in the management of patients "
        "with spinal metastases? A systematic review and meta-analysis"
    ),
    journal="J Orthop Surg Res",
    locator="16:659",
    doi="10.1186/s13018-021-02775-x",
    pmid="34742319",
    verified=True,
    verification=(
        "PMC8571892 abstract read: 15 studies; local tumour control failure in 13.2 % "
        "(follow-up 2.5 months to 5 years); mortality 23.6 % within 1 year."
    ),
)

LV_2020: Final = Citation(
    key="lv2020",
    authors="Lv N, Geng R, Ling F, Zhou Z, Liu M.",
    year=2020,
    title=(
        "Clinical efficacy and safety of bone cement combined with radiofrequency ablation in "
        "the treatment of spinal metastases"
    ),
    journal="BMC Neurol",
    locator="20:418",
    doi="10.1186/s12883-020-01998-5",
    verified=True,
    verification=(
        "Abstract read on the BMC page (authors from a copy of the PDF): retrospective, "
        "35 patients (47 vertebrae) with ablation and cement vs 52 (78 vertebrae) with cement "
        "alone; cement leakage 6.4 % vs 20.5 %; tumour recurrence 11.4 % vs 30.8 % at 6 "
        "months. PMID not seen."
    ),
)

YAO_2023: Final = Citation(
    key="yao2023",
    authors="Yao Y, Zhu X, Zhang N, Wang P, Liu Z, Chen Y, Xu C, Ouyang T, Meng W.",
    year=2023,
    title="Microwave ablation versus radiofrequency ablation for treating spinal metastases",
    journal="Medicine (Baltimore)",
    locator="102(25):e34092",
    doi="10.1097/MD.0000000000034092",
    verified=True,
    verification=(
        "Abstract read (bibliographic record): systematic review of 16 articles, 630 "
        "patients; complications in 27.4 % after microwave ablation and 10.9 % after "
        "radiofrequency ablation; local control above 80 % with both. PMID not seen."
    ),
)

# --- Cryoablation -------------------------------------------------------------------------------

CALLSTROM_2013: Final = Citation(
    key="callstrom2013",
    authors="Callstrom MR, Dupuy DE, Solomon SB, et al.",
    year=2013,
    title=(
        "Percutaneous image-guided cryoablation of painful metastases involving bone: "
        "multicenter trial"
    ),
    journal="Cancer",
    locator="119(5):1033-1041",
    doi="10.1002/cncr.27793",
    pmid="23065947",
    verified=True,
    verification=(
        "PubMed abstract read: 61 patients (69 tumours), one or two painful metastases with "
        "worst pain of 4/10 or more; worst pain 7.1 to 5.1 (1 week), 4.0 (4 weeks), 3.6 "
        "(8 weeks), 1.4 (24 weeks); one major complication (osteomyelitis). Co-authors and "
        "title from memory."
    ),
)

TOMASIAN_2016: Final = Citation(
    key="tomasian2016",
    authors="Tomasian A, Wallace A, Northrup B, Hillen TJ, Jennings JW.",
    year=2016,
    title=("Spine cryoablation: pain palliation and local tumor control for vertebral metastases"),
    journal="AJNR Am J Neuroradiol",
    locator="37(1):189-195",
    doi="10.3174/ajnr.A4521",
    pmid="26427837",
    verified=True,
    verification=(
        "Abstract read (AJNR, PubMed mirror): 14 patients, 31 tumours, thermal protection in "
        "all; pain and analgesic use lower at 1 week, 1 month and 3 months; local tumour "
        "control 96.7 % (30/31) at a median of 10 months; two transient radiculopathies."
    ),
)

SAGOO_2022: Final = Citation(
    key="sagoo2022",
    authors=(
        "Sagoo NS, Haider AS, Ozair A, Vannabouathong C, Rahman M, Haider M, Sharma N, Raj KM, "
        "Raj SD, Paul JC, Steinmetz MP, Adogwa O, Aoun SG, Passias PG, Vira S."
    ),
    year=2022,
    title="Percutaneous image-guided cryoablation of spinal metastases: a systematic review",
    journal="Journal not recorded (UT Southwestern research-portal record)",
    verified=False,
    verification=(
        "Abstract and authors read on the UT Southwestern research-portal record: 8 studies, "
        "148 patients, 187 lesions; thermal protection in 61.5 %; local tumour control 60 % to "
        "100 %; grade I-II complications 6.1 %, grade III-V 2.0 %; pooled mean difference in "
        "pain from baseline on the 0-10 numeric rating scale 5.03 (95 % CI 4.24-5.82) at 1 "
        "month and 4.61 (3.27-5.95) at the last follow-up (24-40 weeks in 3 of 4 studies). "
        "The journal and the year were not shown on the record (year from the project's "
        "research note)."
    ),
)

CRYO_SPINE_12_YEARS_2021: Final = Citation(
    key="cryospine12y2021",
    authors="Authors not read.",
    year=2021,
    title=(
        "Pain relief and local tumour control following percutaneous image-guided "
        "cryoablation for spine metastasis: a 12-year single-centre experience"
    ),
    journal="Journal not read (bibliographic record without a journal)",
    verified=False,
    verification=(
        "Abstract read on an acemap record (no authors or journal shown): 41 patients, 46 "
        "metastases; mean NRS 6.2 before, 3.5 at 24 hours and 1.9 at 1 month; clinical "
        "success in 30/32 palliative sessions (93.8 %; definition not read); local-control "
        "intent met in 6/10 (60 %) at a median of 25 months; complications 8 %."
    ),
)

# --- Microwave ablation -----------------------------------------------------------------------

KASTLER_2014: Final = Citation(
    key="kastler2014",
    authors="Kastler A, et al.",
    year=2014,
    title="Microwave thermal ablation of spinal metastatic bone tumors",
    journal="J Vasc Interv Radiol",
    doi="10.1016/j.jvir.2014.06.007",
    verified=True,
    verification=(
        "Abstract read (ScienceDirect): 17 patients, 20 spinal tumours, local anaesthesia "
        "with nitrous oxide; VAS 7.4 before, 1.3 at day 0, 1.6 at day 7, 1.9 at 1 month, 2.2 "
        "at 3 months, 2.3 at 6 months; no complications. Co-authors, volume, pages and PMID "
        "not seen."
    ),
)

KASTLER_2013: Final = Citation(
    key="kastler2013aapm",
    authors="Kastler A.",
    year=2013,
    title="Microwave ablation of painful bone tumours (annual meeting abstract)",
    journal="American Academy of Pain Medicine annual meeting",
    verified=False,
    verification=(
        "Read in a news report (Cancer Therapy Advisor), not in the abstract itself: bone "
        "tumours in general (13 patients, 20 procedures); pain relief of 50 % or more "
        "immediately after 19 of 20 procedures; mean duration 4.36 months; one abscess."
    ),
)

KHAN_2018: Final = Citation(
    key="khan2018mwa",
    authors="Khan MA, et al.",
    year=2018,
    title=(
        "Efficacy and safety of percutaneous microwave ablation and cementoplasty in the "
        "treatment of painful spinal metastases and myeloma"
    ),
    journal="AJNR Am J Neuroradiol",
    locator="39(7):1376",
    doi="10.3174/ajnr.A5680",
    verified=True,
    verification=(
        "Abstract read (AJNR): 69 patients, 102 spinal metastases, general anaesthesia; "
        "median VAS 7.0 before, 2 at 2-4 weeks and 2 at 20-24 weeks; no locoregional "
        "progression in 59/61 surviving patients at 20-24 weeks; two complications (S1 "
        "thermal nerve injury, skin burn). Title and DOI from a citing article's reference "
        "list; co-authors and last page not seen."
    ),
)

MOTAGHI_2022: Final = Citation(
    key="motaghi2022",
    authors="Motaghi M, England RW, Hafezi Nejad N, Sankaran N, Patel AM, Khan MA.",
    year=2022,
    title=(
        "Assessing long-term locoregional control of spinal osseous metastases after "
        "microwave ablation"
    ),
    journal="J Clin Neurosci",
    locator="104:48-55",
    doi="10.1016/j.jocn.2022.07.025",
    pmid="35963064",
    verified=True,
    verification=(
        "PubMed abstract read: 28 patients, 48 levels, microwave ablation with "
        "vertebroplasty; median VAS 8 before, 1 at 24 hours, 2 at 4 weeks, 1 at 6 months."
    ),
)

WANG_2022: Final = Citation(
    key="wang2022mwa",
    authors=("Wang B, Zhang K, Zhang X, Yang S, Hu M, Li P, Yang W, Fan J, Xing C, Yuan Q."),
    year=2022,
    title=(
        "Microwave ablation combined with cementoplasty under real-time temperature "
        "monitoring in the treatment of 82 patients with recurrent spinal metastases after "
        "radiotherapy"
    ),
    journal="BMC Musculoskelet Disord",
    doi="10.1186/s12891-022-05999-y",
    verified=True,
    verification=(
        "Abstract read on the BMC page (authors from a library record): 82 patients, 115 "
        "lesions after radiotherapy; VAS 6.3 before, 1.7 at 1 month; cement leakage in 27.8 % "
        "(32/115) of lesions, without symptoms. Volume and PMID not seen."
    ),
)

# --- Spinal laser interstitial thermal therapy ---------------------------------------------------

TATSUI_2015: Final = Citation(
    key="tatsui2015",
    authors=(
        "Tatsui CE, Stafford RJ, Li J, Sellin JN, Amini B, Rao G, Suki D, Ghia AJ, Brown P, "
        "Lee SH, Cowles CE, Weinberg JS, Rhines LD."
    ),
    year=2015,
    title=(
        "Utilization of laser interstitial thermotherapy guided by real-time thermal MRI as an "
        "alternative to separation surgery in the management of spinal metastasis"
    ),
    journal="J Neurosurg Spine",
    locator="23(4):400-411",
    verified=True,
    verification=(
        "Abstract read (bibliographic record): patients with high-grade epidural compression "
        "from radioresistant tumours; laser probe placed percutaneously in the epidural "
        "space under real-time thermal MRI; all received spinal radiosurgery afterwards; "
        "mean VAS 6.18 before, 4.27 within 30 days and 2.8 within 60 days. The probe-to-dura "
        "distance of about 6 mm was read in the authors' AANS 2015 abstract. DOI and PMID "
        "not seen."
    ),
)

TATSUI_2016: Final = Citation(
    key="tatsui2016",
    authors="Tatsui CE, Lee SH, Amini B, Rao G, Suki D, Oro M, et al., Li J.",
    year=2016,
    title=(
        "Spinal laser interstitial thermal therapy: a novel alternative to surgery for "
        "metastatic epidural spinal cord compression"
    ),
    journal="Neurosurgery",
    locator="79 Suppl 1:S73-S82",
    doi="10.1227/NEU.0000000000001444",
    verified=True,
    verification=(
        "Abstract read (library record): 19 patients without motor deficit; no permanent "
        "neurological injury; median follow-up 28 weeks; 'Systemic therapy was not "
        "interrupted to perform the procedures.' PMID not seen."
    ),
)

BASTOS_2021: Final = Citation(
    key="bastos2021",
    authors=(
        "Bastos DCA, Vega RA, Traylor JI, Ghia AJ, Li J, Oro M, Bishop AJ, Yeboa DN, Amini B, "
        "Kumar VA, Rao G, Rhines LD, Tatsui CE."
    ),
    year=2021,
    title=(
        "Spinal laser interstitial thermal therapy: single-center experience and outcomes in "
        "the first 120 cases"
    ),
    journal="J Neurosurg Spine",
    locator="35(3):354-363",
    verified=True,
    verification=(
        "Abstract read on a bibliographic record (truncated): 110 patients, 120 procedures, "
        "2013-2019; 5 cervical, 8 lumbar and 107 thoracic levels; Frankel grade before the "
        "procedure E 91.7 %, D 6.7 %, C 1.7 %; ESCC 1c or higher in 92 %. The outcome figures "
        "were cut off. DOI and PMID not seen."
    ),
)

VEGA_2019: Final = Citation(
    key="vega2019aans",
    authors=(
        "Vega RA, de Almeida Bastos D, Ghia A, Li J, Bishop A, Yeboa D, Amini B, Rao G, "
        "Rhines L, Tatsui C."
    ),
    year=2019,
    title=(
        "Spinal laser interstitial thermal therapy for metastatic epidural spinal cord "
        "compression: the first 100 patients (electronic poster)"
    ),
    journal="American Association of Neurological Surgeons annual meeting",
    verified=True,
    verification=(
        "The authors' abstract read on the AANS 360 e-poster page: 100 patients, 2013-2018 "
        "(5 cervical, 8 lumbar, 87 thoracic); systemic therapy not interrupted in any case; "
        "local control in 83, progression in 17; levels containing motor nerve roots were "
        "avoided after nerve-root palsy in 3 early lumbar cases. The page prints no year or "
        "title: the year is inferred from the 2013-2018 series and the title describes it."
    ),
)

CARDIA_2023: Final = Citation(
    key="cardia2023",
    authors="Cardia A, Cannizzaro D, Stefini R, Chibbaro S, Ganau M, Zaed I.",
    year=2023,
    title=(
        "The efficacy of laser interstitial thermal therapy in the management of spinal "
        "metastases: a systematic review of the literature"
    ),
    journal="Neurol Sci",
    locator="44(2):519-528",
    doi="10.1007/s10072-022-06432-x",
    pmid="36181543",
    verified=True,
    verification=(
        "Abstract read (Springer page and a PubMed mirror; published online 2022): 6 studies, "
        "206 patients with compressive spinal metastases, 88.8 % thoracic; complications "
        "12.6 %, mostly transient; revision surgery 3.4 %."
    ),
)

# --- MR-guided focused ultrasound ---------------------------------------------------------------

HURWITZ_2014: Final = Citation(
    key="hurwitz2014",
    authors="Hurwitz MD, Ghanouni P, Kanaev SV, Iozeffi D, Gianfelice D, Fennessy FM, et al.",
    year=2014,
    title=(
        "Magnetic resonance-guided focused ultrasound for patients with painful bone "
        "metastases: phase III trial results"
    ),
    journal="J Natl Cancer Inst",
    verified=True,
    verification=(
        "Abstract read (Fox Chase staff-publication record): 147 patients randomised 3:1 "
        "(112 MRgFUS, 35 sham); response at 3 months (worst-pain improvement of 2 points or "
        "more without a morphine-equivalent increase above 25 %) 64.3 % vs 20.0 %; sonication "
        "pain in 32.1 %; two pathological fractures and one third-degree skin burn (abstract "
        "cut off there). The baseline NRS of 4 or more and the response 'within days' in "
        "two-thirds were read in a news summary (ESMO medwireNews). The eligibility text "
        "(whether vertebral lesions were eligible), volume, DOI and PMID were not read."
    ),
)

BAAL_2021: Final = Citation(
    key="baal2021",
    authors="Baal JD, Chen WC, Baal U, Wagle S, Baal JH, Link TM, Bucknor MD.",
    year=2021,
    title=(
        "Efficacy and safety of magnetic resonance-guided focused ultrasound for the "
        "treatment of painful bone metastases: a systematic review and meta-analysis"
    ),
    journal="Skeletal Radiol",
    locator="50(12):2459-2469",
    doi="10.1007/s00256-021-03822-8",
    pmid="34018007",
    verified=True,
    verification=(
        "PMC8536557 abstract read: 33 studies, 1082 patients; pooled pain response 79 %; pain "
        "reduction 3.8 points at 1 month and 4.4 at 3 months; high-grade adverse events "
        "0.9 %, low-grade 5.9 %."
    ),
)

LEE_2017: Final = Citation(
    key="lee2017mrgfus",
    authors="Lee HL, Kuo CC, Tsai JT, Chen CY, Wu MH, Chiou JF.",
    year=2017,
    title=(
        "Magnetic resonance-guided focused ultrasound versus conventional radiation therapy "
        "for painful bone metastasis: a matched-pair study"
    ),
    journal="J Bone Joint Surg Am",
    locator="99(18):1572",
    verified=True,
    verification=(
        "Abstract read (copy of the article): 21 MRgFUS vs 42 radiotherapy patients, matched; "
        "response at 1 week 71 % vs 26 %. Last page, DOI and PMID not seen."
    ),
)

CHEN_2017: Final = Citation(
    key="chen2017mrgfus",
    authors="Chen L, Meyer J, Freedman G, Konski A, Ma CM.",
    year=2017,
    title=(
        "MR guided focused ultrasound for the palliation of bone metastases: clinical "
        "procedures and outcome"
    ),
    journal="Clin Oncol",
    locator="2:1287",
    verified=True,
    verification=(
        "Read on the journal page: the seven Fox Chase patients of the multicentre phase III "
        "trial (BM004) had scapula, humeral head, sacrum, ilium, pubic ramus and acetabular "
        "metastases; no vertebral body was treated."
    ),
)

# --- Safety across the ablation techniques ------------------------------------------------------

RYAN_2022: Final = Citation(
    key="ryan2022cirse",
    authors="Ryan A, Byrne C, Pusceddu C, Buy X, Tsoumakidou G, Filippiadis D.",
    year=2022,
    title="CIRSE standards of practice on thermal ablation of bone tumours",
    journal="Cardiovasc Intervent Radiol",
    locator="45(5):591-605",
    doi="10.1007/s00270-022-03126-x",
    pmid="35348870",
    verified=False,
    verification=(
        "Bibliographic details and the abstract read (PMC9018647); the document's "
        "contraindications and device-management advice were not read. The active-infection "
        "contraindication and the implanted-cardiac-device caution applied with this "
        "citation are from the project's clinical reference (from memory)."
    ),
)

SAG_2022: Final = Citation(
    key="sag2022",
    authors="Sag AA, Husain AM.",
    year=2022,
    title="Thermal protection strategies and neuromonitoring during ablation",
    journal="Semin Intervent Radiol",
    locator="39(2):157-161",
    doi="10.1055/s-0042-1745795",
    pmid="35781991",
    verified=True,
    verification=(
        "Read in the article (PMC9246484): 'The fundamental goal when protecting a nerve from "
        "injury is to keep the juxtaneural temperature between 10 and 45 °C', confirmed with "
        "a thermocouple next to the nerve. The same window is the technical-success "
        "criterion of an epidural-monitoring technique paper (PubMed 33629134)."
    ),
)

GEMMETE_2017: Final = Citation(
    key="gemmete2017",
    authors="Gemmete JJ.",
    year=2017,
    title="Is an intact posterior vertebral body cortex protective for percutaneous ablation?",
    journal="AJNR Am J Neuroradiol",
    locator="38(8):1660",
    verified=False,
    verification=(
        "Editorial read in part: it presents a sheep study (AJNR 2017;38(8):1653) of bipolar "
        "radiofrequency, cryo- and microwave ablation that asked whether an intact posterior "
        "cortex protects the spinal cord and nerve roots. The study's answer and any "
        "quantitative effect were not read."
    ),
)

JENNINGS_2021: Final = Citation(
    key="jennings2021motion",
    authors=(
        "Jennings JW, Prologo JD, Garnon J, Gangi A, Buy X, Palussiere J, Kurup AN, Callstrom M, "
        "Genshaft S, Abtin F, Huang AJ, Iannuccilli J, Pilleul F, Mastier C, Littrup PJ, "
        "de Baere T, Deschamps F."
    ),
    year=2021,
    title=("Cryoablation for palliation of painful bone metastases: the MOTION multicenter study"),
    journal="Radiol Imaging Cancer",
    locator="3(2):e200101",
    doi="10.1148/rycan.2021200101",
    pmid="33817650",
    verified=True,
    verification=(
        "Abstract read (PubMed 33817650 record): 66 adults with bone metastases of any site, "
        "prospective single-arm, 2016-2018; worst pain 2 points better at week 1; mean change "
        "-2.61 (95 % CI -3.45 to -1.78) at week 8."
    ),
    label="MOTION 2021",
)

ALL: Final = (
    GOETZ_2004,
    JENNINGS_2021,
    DUPUY_2010,
    LEVY_2023,
    WALLACE_2015,
    MURALI_2021,
    LV_2020,
    YAO_2023,
    CALLSTROM_2013,
    TOMASIAN_2016,
    SAGOO_2022,
    CRYO_SPINE_12_YEARS_2021,
    KASTLER_2014,
    KASTLER_2013,
    KHAN_2018,
    MOTAGHI_2022,
    WANG_2022,
    TATSUI_2015,
    TATSUI_2016,
    BASTOS_2021,
    VEGA_2019,
    CARDIA_2023,
    HURWITZ_2014,
    BAAL_2021,
    LEE_2017,
    CHEN_2017,
    BERENSON_2011,
    HQO_2016,
    EVANS_2016,
    PEREZ_2021,
    SARAVANA_BAWAN_2019,
    TSOUMAKIDOU_2017,
    RYAN_2022,
    SAG_2022,
    GEMMETE_2017,
)
