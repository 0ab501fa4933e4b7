"""Citations of the surgery treatment options.

Complications, hospital stay and recovery after open surgery for spinal
metastases, separation surgery with postoperative stereotactic radiosurgery,
the timing of surgery and radiotherapy, and the interruption of anti-angiogenic
drugs around surgery. Sources shared with other options (Patchell 2005, Laufer
2013, Itshayek 2010, Jarvers 2021) live in :mod:`~spinal_metastasis.sources.treatments`.

Each constant is a :class:`~spinal_metastasis.evidence.Citation`, stored once;
the registry :data:`spinal_metastasis.references.REFERENCES` collects them all.
``verified=True`` means the figures the library takes from the source were read
in the primary text or its abstract; ``verification`` says what was read where.
"""

from typing import Final

from spinal_metastasis.evidence import Citation

# --- Complications and hospital stay -----------------------------------------------------------

TARAWNEH_2021: Final = Citation(
    key="tarawneh2021",
    authors="Tarawneh AM, Pasku D, Quraishi NA.",
    year=2021,
    title=(
        "Surgical complications and re-operation rates in spinal metastases surgery: "
        "a systematic review"
    ),
    journal="Eur Spine J",
    locator="30(10):2791-2799",
    doi="10.1007/s00586-020-06647-6",
    verified=True,
    verification=(
        "Abstract read on the journal page: 19 studies (2010-2020); surgical-site infection "
        "6.5 % (135/2088), neurological deterioration 3.3 % (53/1595), instrumentation "
        "failure 2.0 % (30/1501), re-operation 8.3 % (54/651), infection the commonest reason "
        "for re-operation (27.8 %). PMID not seen."
    ),
)

PAULINO_PEREIRA_2019: Final = Citation(
    key="paulinopereira2019",
    authors="Paulino Pereira NR, et al.",
    year=2019,
    title=(
        "Complications and reoperations after surgery for 647 patients with spine metastatic "
        "disease"
    ),
    journal="Spine J",
    locator="19(1):144-156",
    doi="10.1016/j.spinee.2018.05.037",
    pmid="29864546",
    verified=True,
    verification=(
        "PubMed abstract read: 205 of 647 patients (32 %) had a complication within 30 days; "
        "lower albumin, comorbidity, pathologic fracture, three or more levels and a combined "
        "approach were associated with it. Co-authors not read."
    ),
)

KUMAR_2018: Final = Citation(
    key="kumar2018los",
    authors="Kumar N, et al.",
    year=2018,
    title=(
        "Factors influencing extended hospital stay in patients undergoing metastatic spine "
        "tumour surgery and its impact on survival"
    ),
    journal="J Clin Neurosci",
    locator="56:114-120",
    doi="10.1016/j.jocn.2018.06.041",
    verified=True,
    verification=(
        "Abstract and highlights read (publisher page): 220 patients, 2005-2015; median length "
        "of stay 7 days (1-30); extended stay (above the 75th percentile) 11 days or more, "
        "associated with instrumentation of more than 9 levels and postoperative complications. "
        "The author list was not shown on the page read; the first author is taken from the "
        "same group's ISASS 2018 abstract of this study (Kumar N, Zaw AS, et al.)."
    ),
)

SPIESSBERGER_2020: Final = Citation(
    key="spiessberger2020",
    authors="Spiessberger A, Arvind V, Gruter B, Cho SK.",
    year=2020,
    title=(
        "Thoracolumbar corpectomy/spondylectomy for spinal metastasis: a pooled analysis "
        "comparing the outcome of seven different surgical approaches"
    ),
    journal="Eur Spine J",
    locator="29(2):248-256",
    doi="10.1007/s00586-019-06179-8",
    verified=True,
    verification=(
        "Abstract read on the journal page: 63 articles, 774 patients; directly "
        "procedure-related complications 0 % with mini-open retropleural/retroperitoneal and "
        "thoracoscopic approaches vs 7-15 % with the others; blood loss 917-1172 mL (anterior "
        "and mini-open) vs 1633-2261 mL (posterior). Hospital stay and local control are not "
        "reported in the abstract."
    ),
)

VERSTEEG_2016: Final = Citation(
    key="versteeg2016",
    authors=(
        "Versteeg AL, Verlaan JJ, de Baat P, Jiya TU, Stadhouder A, Diekerhof CH, "
        "van Solinge GB, Oner FC."
    ),
    year=2016,
    title=(
        "Complications after percutaneous pedicle screw fixation for the treatment of "
        "unstable spinal metastases"
    ),
    journal="Ann Surg Oncol",
    locator="23(7):2343-2349",
    doi="10.1245/s10434-016-5156-9",
    pmid="26965698",
    verified=True,
    verification=(
        "PubMed and PMC4889628 abstract read: 101 patients; 87 % ambulated within 3 days "
        "after surgery; complication rate 18 %; median survival 11.0 months."
    ),
)

PERNA_2022: Final = Citation(
    key="perna2022",
    authors="Perna A, Smakaj A, Vitiello R, Velluto C, Proietti L, Tamburrelli FC, Maccauro G.",
    year=2022,
    title=(
        "Posterior percutaneous pedicle screws fixation versus open surgical instrumented "
        "fusion for thoraco-lumbar spinal metastases palliative management: a systematic "
        "review and meta-analysis"
    ),
    journal="Front Oncol",
    locator="12:884928",
    doi="10.3389/fonc.2022.884928",
    pmid="35444954",
    verified=True,
    verification=(
        "Abstract read (PMC9013833) per the project's research note: 8 studies, 448 patients; "
        "percutaneous fixation reduced mean hospital stay by 3.77 days and blood loss by "
        "585.7 mL; infections odds ratio 0.31."
    ),
)

# --- Separation surgery and postoperative stereotactic radiosurgery ----------------------------

BASTOS_2020: Final = Citation(
    key="bastos2020",
    authors=(
        "Bastos DCA, Everson RG, de Oliveira Santos BF, Habib A, Vega RA, Oro M, Rao G, Li J, "
        "Ghia AJ, Bishop AJ, Yeboa DN, Amini B, Rhines LD, Tatsui CE."
    ),
    year=2020,
    title=(
        "A comparison of spinal laser interstitial thermotherapy with open surgery for "
        "metastatic thoracic epidural spinal cord compression"
    ),
    journal="J Neurosurg Spine",
    locator="32(5):667-675",
    verified=False,
    verification=(
        "Design (matched groups, 40 vs 40, thoracic ESCC 1c or higher, MD Anderson 2010-2016) "
        "read on the journal's abstract page; the figures for the open-surgery group (hospital "
        "stay 9 days, complications 35 %, 35.9 days to radiotherapy or SSRS, 59 days to "
        "systemic therapy) read in a wiki reproduction of the abstract (secondary). The first "
        "author is indexed as 'de Almeida Bastos DC'; DOI and PMID not seen. Locator (J "
        "Neurosurg Spine 32:667) confirmed on the abstract (2026-12-07 figure audit)."
    ),
)

AL_OMAIR_2013: Final = Citation(
    key="alomair2013",
    authors=(
        "Al-Omair A, Masucci L, Masson-Cote L, Campbell M, Atenafu EG, Parent A, et al., Sahgal A."
    ),
    year=2013,
    title=(
        "Surgical resection of epidural disease improves local control following postoperative "
        "spine stereotactic body radiotherapy"
    ),
    journal="Neuro Oncol",
    locator="15(10):1413-1419",
    doi="10.1093/neuonc/not101",
    pmid="24057886",
    verified=True,
    verification=(
        "PMC3779044 abstract read: 80 patients treated with postoperative SBRT; 1-year local "
        "control 84 %; better control with 18-26 Gy in 1-2 fractions and a postoperative "
        "epidural grade of 0-1."
    ),
)

BATE_2015: Final = Citation(
    key="bate2015",
    authors="Bate BG, Khan NR, Kimball BY, Gabrick K, Weaver J.",
    year=2015,
    title="Stereotactic radiosurgery for spinal metastases with or without separation surgery",
    journal="J Neurosurg Spine",
    locator="22(4):409-415",
    verified=False,
    verification=(
        "Design (57 patients, 69 lesions; 48 SRS alone, 21 surgery then SRS) read in the full "
        "text's opening; local disease unchanged or regressed in 91.3 % and Frankel grade "
        "improved or stable in 98.6 % read in a news summary (secondary), for the whole "
        "cohort, without a stated time point. DOI and PMID not seen."
    ),
)

# --- Timing of radiotherapy and surgery --------------------------------------------------------

LEE_2018: Final = Citation(
    key="lee2018timing",
    authors="Lee RS, Batke J, Weir L, Dea N, Fisher CG.",
    year=2018,
    title=(
        "Timing of surgery and radiotherapy in the management of metastatic spine disease: "
        "expert opinion"
    ),
    journal="J Spine Surg",
    pmid="30069530",
    verified=True,
    verification=(
        "Abstract read (PMC6046325): survey of 86 radiation oncologists and 27 spine surgeons; "
        "58 % would wait 1 or 2 weeks after radiotherapy before operating, 62 % accept 1 or 2 "
        "weeks after surgery before radiotherapy; the authors recommend a minimum of 2 weeks "
        "either way. Volume and pages not seen."
    ),
)

# --- Collapse after fixation -------------------------------------------------------------------

JCM_2023_PAINFUL_VCF: Final = Citation(
    key="jcm2023painfulvcf",
    authors="jcm12113853 (authors not seen).",
    year=2023,
    title=(
        "Incidence and prognostic factors of painful vertebral compression fracture caused by "
        "spine stereotactic body radiotherapy"
    ),
    journal="J Clin Med",
    locator="12(11):3853",
    verified=True,
    verification=(
        "Abstract read on the MDPI page: 779 segments in 391 patients after spine SBRT; "
        "iatrogenic VCF 7.7 %, painful VCF 2.4 %; the painful-VCF rate was higher without "
        "fixation than with fixation (44 % vs 0 %). The title is from a preprint record of the "
        "same study (934 segments: none of 17 fractures fixed posteriorly before SBRT became "
        "painful); authors, DOI and PMID not seen."
    ),
)

# --- Anti-angiogenic drugs and surgery ---------------------------------------------------------

AVASTIN_LABEL: Final = Citation(
    key="avastin_label",
    authors="Genentech, Inc.",
    year=2022,
    title=(
        "Avastin (bevacizumab) prescribing information: warnings and precautions, surgery "
        "and wound healing complications"
    ),
    journal="US Food and Drug Administration label",
    verified=False,
    verification=(
        "'Withhold for at least 28 days prior to elective surgery; do not administer until at "
        "least 28 days following major surgery and until adequate wound healing' read only as "
        "quoted by drug-information pages (the project's clinical reference); the label itself "
        "was not read. The manufacturer's medical-information page (read) confirms the 28 days "
        "after surgery. The year is that of the label's last major change seen. The label's "
        "'prior to elective surgery' was read in the label text (2026-12-07 figure audit)."
    ),
)

GORDON_2009: Final = Citation(
    key="gordon2009",
    authors="Gordon CR, Rojavin Y, Patel M, Zins JE, Grana G, Kann B, Simons R, Atabek U.",
    year=2009,
    title=(
        "A review on bevacizumab and surgical wound healing: an important warning to all surgeons"
    ),
    journal="Ann Plast Surg",
    locator="62(6):707-709",
    doi="10.1097/SAP.0b013e3181828141",
    pmid="19461291",
    verified=True,
    verification=(
        "PubMed abstract read: wait at least 6 to 8 weeks (over 40 days) after the last dose "
        "before surgery (half-life about 20 days); restart no sooner than 28 days after surgery "
        "and only once the incision has healed."
    ),
)

NHS_VEGF_WOUND: Final = Citation(
    key="nhs_vegf_wound",
    authors="Edinburgh Cancer Centre.",
    year=2024,
    title=(
        "Vascular endothelial growth factor inhibiting drug-specific toxicities: delayed wound "
        "healing and wound complications"
    ),
    journal="Acute oncology guidelines, Right Decisions (NHS Scotland), version 1.1",
    verified=True,
    verification=(
        "Read on the page itself (last reviewed 5 January 2024): wait 6-8 weeks after the last "
        "dose of a VEGF inhibitor before elective major surgery; do not start it for at least "
        "4 weeks after surgery or until the wound is fully healed."
    ),
)

ROCHE_AVASTIN_PERIOPERATIVE: Final = Citation(
    key="roche_avastin_periop",
    authors="Roche Medical Information.",
    year=2023,
    title="Perioperative use of Avastin",
    journal="medically.roche.com (medical-information response, updated 22 September 2023)",
    verified=True,
    verification=(
        "Read on the page itself: do not initiate Avastin for at least 28 days after surgery or "
        "until the wound is fully healed; published guidelines suggest stopping it 6-8 weeks "
        "before major surgery and restarting 4-8 weeks after. A manufacturer's summary, "
        "secondary to the guidelines it cites."
    ),
)

TKI_SURGERY_TABLE_2021: Final = Citation(
    key="frontoncol2021tki",
    authors="PMC8339966 (authors not seen).",
    year=2021,
    title=(
        "Review of tyrosine kinase inhibitors and surgery, Table 3: summary of regulatory "
        "recommendations concerning the use of TKIs prior to surgery (article title not seen)"
    ),
    journal="Front Oncol",
    locator="11:696865",
    doi="10.3389/fonc.2021.696865",
    verified=False,
    verification=(
        "Table 3 read (PMC8339966), a summary of the drug labels (secondary): stop apatinib at "
        "least 30 days, anlotinib 4 weeks, cabozantinib 28 days, regorafenib 2 weeks, "
        "pazopanib 7 days and axitinib 24 hours before scheduled surgery; sorafenib and "
        "sunitinib: interruption recommended for major surgery, no interval. Resumption after "
        "surgery is not in the table. Authors and title not seen."
    ),
)

INLYTA_LABEL: Final = Citation(
    key="inlyta_label",
    authors="Pfizer Inc.",
    year=2020,
    title=(
        "Inlyta (axitinib) prescribing information: warnings and precautions, risk of impaired "
        "wound healing (5.8)"
    ),
    journal="US Food and Drug Administration label",
    verified=True,
    verification=(
        "Label text read (section 5.8, revision 1/2020): withhold at least 2 days before elective "
        "surgery; do not administer for at least 2 weeks after major surgery and until adequate "
        "wound healing. The same post-operative rule appears in secondary reproductions of the "
        "cabozantinib, lenvatinib and pazopanib labels (not read)."
    ),
)

# --- Coagulation and infection before open surgery ----------------------------------------------

NICE_NG24: Final = Citation(
    key="niceng24",
    authors="National Institute for Health and Care Excellence.",
    year=2015,
    title="Blood transfusion (NICE guideline NG24)",
    journal="National Institute for Health and Care Excellence",
    locator="Recommendations: platelets, thresholds and targets",
    verified=False,
    verification=(
        "Platelet recommendations read verbatim as reproduced in two secondary pages "
        "(GPnotebook, pharmacynotebook): consider prophylactic transfusion to raise the count "
        "above 50 x 10^9/L for invasive procedures or surgery, above 100 x 10^9/L for surgery "
        "in critical sites such as the central nervous system; whether spinal surgery counts "
        "as a critical site is not said. The NICE page's own section 1.5 was not reached; "
        "recommendation numbers not seen. No pre-surgery INR threshold in NG24."
    ),
    label="NICE NG24",
)

MANGRAM_1999: Final = Citation(
    key="mangram1999",
    authors="Mangram AJ, Horan TC, Pearson ML, Silver LC, Jarvis WR.",
    year=1999,
    title="Guideline for prevention of surgical site infection, 1999",
    journal="Infect Control Hosp Epidemiol",
    locator="20(4):250-278",
    verified=False,
    verification=(
        "Not read: the CDC/HICPAC recommendation to identify and treat remote infections and "
        "postpone elective surgery until they have resolved was recalled by the board; no "
        "figure is taken from it."
    ),
)

ALL: Final = (
    TARAWNEH_2021,
    INLYTA_LABEL,
    PAULINO_PEREIRA_2019,
    KUMAR_2018,
    SPIESSBERGER_2020,
    VERSTEEG_2016,
    PERNA_2022,
    BASTOS_2020,
    AL_OMAIR_2013,
    BATE_2015,
    LEE_2018,
    JCM_2023_PAINFUL_VCF,
    AVASTIN_LABEL,
    GORDON_2009,
    NHS_VEGF_WOUND,
    ROCHE_AVASTIN_PERIOPERATIVE,
    TKI_SURGERY_TABLE_2021,
    NICE_NG24,
    MANGRAM_1999,
)
