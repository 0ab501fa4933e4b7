"""Citations of the published scores and classifications.

Instability (SINS), epidural compression (ESCC), radiosensitivity of the
histology, and prognosis (Tokuhashi, Tomita).

Each constant is a :class:`~spinal_metastasis.evidence.Citation`, stored once;
the registry :data:`spinal_metastasis.references.REFERENCES` collects them all.
"""

from typing import Final

from spinal_metastasis.evidence import Citation

# --- Spinal instability -----------------------------------------------------------------------

FISHER_2010: Final = Citation(
    key="fisher2010",
    authors="Fisher CG, DiPaola CP, Ryken TC, Bilsky MH, Shaffrey CI, Berven SH, et al.",
    year=2010,
    title=(
        "A novel classification system for spinal instability in neoplastic disease: "
        "an evidence-based approach and expert consensus from the Spine Oncology Study Group"
    ),
    journal="Spine (Phila Pa 1976)",
    locator="35(22):E1221-E1229",
    doi="10.1097/BRS.0b013e3181e16ae2",
    pmid="20562730",
    verified=False,
    verification=(
        "SINS component points and level classes read in the journal's table as reproduced "
        "by the 2011 validation paper and three independent open-source calculators; "
        "the 2010 full text was not re-read. Locator, DOI and authors confirmed on the "
        "journal's abstract page and the PDF header (2026-12-07 figure audit)."
    ),
)

FOURNEY_2011: Final = Citation(
    key="fourney2011",
    authors="Fourney DR, Frangou EM, Ryken TC, DiPaola CP, Shaffrey CI, Berven SH, et al.",
    year=2011,
    title=(
        "Spinal instability neoplastic score: an analysis of reliability and validity "
        "from the Spine Oncology Study Group"
    ),
    journal="J Clin Oncol",
    locator="29(22):3072-3077",
    doi="10.1200/JCO.2010.34.3897",
    verified=True,
    verification="Categories 0-6 / 7-12 / 13-18 and the referral threshold read in the abstract.",
)

# --- Epidural compression and neurology -------------------------------------------------------

BILSKY_2010: Final = Citation(
    key="bilsky2010",
    authors="Bilsky MH, Laufer I, Fourney DR, Groff M, Schmidt MH, Varga PP, et al.",
    year=2010,
    title="Reliability analysis of the epidural spinal cord compression scale",
    journal="J Neurosurg Spine",
    locator="13(3):324-328",
    doi="10.3171/2010.3.SPINE09459",
    pmid="20809724",
    verified=False,
    verification=(
        "Six-grade definitions read in two reproductions (Radiopaedia and a published "
        "figure legend); the paper's own text was not re-read."
    ),
)

RADIOPAEDIA_ESCC: Final = Citation(
    key="radiopaedia_escc",
    authors="Radiopaedia.org contributors (last revised by Knipe H).",
    year=2024,
    title="Epidural spinal cord compression scale",
    journal="Radiopaedia.org, reference article (last revised 3 May 2024)",
    verified=False,
    verification=(
        "Read on the page itself: grades 0, 1a and 1b are 'low-grade' with radiation as initial "
        "treatment in the absence of instability; 'the role of surgery and radiosurgery in "
        "patients with grade 1c epidural is controversial (c.2022)', with high-dose "
        "hypofractionated radiation as a possible SRS option; grades 2 and 3 are 'high-grade' "
        "and need decompression before radiation unless the tumor is highly radiosensitive. "
        "A teaching wiki, not the primary literature (Bilsky 2010; Laufer 2013)."
    ),
)

NEUROSURGERYWIKI_ESCC: Final = Citation(
    key="neurosurgerywiki_escc",
    authors="Neurosurgery Wiki contributors.",
    year=2025,
    title="Epidural spinal cord compression (ESCC) classification",
    journal="neurosurgerywiki.com (last modified 15 June 2025)",
    verified=False,
    verification=(
        "Read on the page itself: 'Grades 0-1c: typically amenable to SBRT alone, depending "
        "on tumor histology and stability'; grades 2-3 high grade. Low authority: the page "
        "words 1c as 'spinal cord contact without deformation', unlike Bilsky's 'thecal sac "
        "deformation with cord abutment'. Flagged: never the sole support for grouping 1c as "
        "low grade."
    ),
)

# --- Oncologic assessment (radiosensitivity) --------------------------------------------------

LAUFER_2013: Final = Citation(
    key="laufer2013noms",
    authors="Laufer I, Rubin DG, Lis E, Cox BW, Stubblefield MD, Yamada Y, et al.",
    year=2013,
    title="The NOMS framework: approach to the treatment of spinal metastatic tumors",
    journal="Oncologist",
    doi="10.1634/theoncologist.2012-0293",
    pmid="23709750",
    verified=False,
    verification=(
        "PMID (QxMD record) and DOI (secondary pages) confirmed; the abstract's conclusion read. "
        "The full text was not reachable: the framework's histology lists (which primaries are "
        "radiosensitive or radioresistant), its handling of ESCC 1c, the volume and pages "
        "(18(6):744-751 in secondary sources) and the full author list were not read."
    ),
)

AO_RADIOSENSITIVITY: Final = Citation(
    key="aosurgery_radiosensitivity",
    authors="AO Foundation.",
    year=2026,
    title="Classification of tumor radiosensitivity",
    journal=(
        "AO Surgery Reference, Spine, metastatic tumors (web page; 2026 is the year of access, "
        "not of publication)"
    ),
    verified=True,
    verification=(
        "Read on the page itself: classification by response to conventionally fractionated "
        "radiotherapy; radiosensitive: lymphoma, myeloma, seminoma; radioresistant: renal "
        "cell, melanoma, thyroid, colorectal; 'radioresistant tumors require stereotactic body "
        "radiation therapy (SBRT) for durable control'. A teaching reference, secondary to the "
        "primary literature; no publication year is printed, so the year is that of access."
    ),
)

MARANZANO_1995: Final = Citation(
    key="maranzano1995",
    authors="Maranzano E, Latini P.",
    year=1995,
    title=(
        "Effectiveness of radiation therapy without surgery in metastatic spinal cord "
        "compression: final results from a prospective trial"
    ),
    journal="Int J Radiat Oncol Biol Phys",
    pmid="7607970",
    verified=True,
    verification=(
        "PubMed abstract read (PMID 7607970): 209 evaluable patients, 30 Gy with steroids; "
        "'tumors with favorable histologies (i.e., myeloma, breast, and prostate carcinomas) "
        "above all responded to RT'. Title and authors as cited by the clinical reference; "
        "volume, pages and DOI not seen and omitted."
    ),
)

# --- Prognosis -------------------------------------------------------------------------------

TOKUHASHI_2005: Final = Citation(
    key="tokuhashi2005",
    authors="Tokuhashi Y, Matsuzaki H, Oda H, Oshima M, Ryu J.",
    year=2005,
    title=(
        "A revised scoring system for preoperative evaluation of metastatic spine tumor prognosis"
    ),
    journal="Spine (Phila Pa 1976)",
    locator="30(19):2186-2191",
    doi="10.1097/01.brs.0000180401.06919.a5",
    pmid="16205345",
    verified=False,
    verification=(
        "Point table and survival bands (0-8 < 6 months, 9-11 >= 6 months, 12-15 >= 1 year) "
        "read in reproductions: NICE CG75 appendix 3 (reproduced with corrections approved by "
        "Tokuhashi), a 2025 review table, a neurosurgery notes page and open-source calculator "
        "code; treatment bands in the notes page and Wheeless. The paper and its abstract were "
        "not read; DOI and PMID are secondary. Some reproductions reportedly print the "
        "vertebral-body item as >= 3 / 1-2 / 0 (not seen). Locator confirmed (2026-12-07 "
        "figure audit): NICE CG75 appendix 3, Table 2 (secondary, approved by the author)."
    ),
)

TOMITA_2001: Final = Citation(
    key="tomita2001",
    authors="Tomita K, Kawahara N, Kobayashi T, Yoshida A, Murakami H, Akamaru T.",
    year=2001,
    title="Surgical strategy for spinal metastases",
    journal="Spine (Phila Pa 1976)",
    locator="26(3):298-306",
    doi="10.1097/00007632-200102010-00016",
    verified=False,
    verification=(
        "Point table (growth 1/2/4, visceral 0/2/4, bone 1/2; total 2-10) and the four bands "
        "with goal and strategy read in open-source calculator code and a hospital form schema. "
        "Growth groups are given there only by example (slow: breast, thyroid, prostate; "
        "moderate: kidney, uterus; rapid: lung, liver, stomach, colon, and unknown primary). "
        "The paper was not read; the DOI is secondary and the PMID was not found. One review "
        "table (Global Spine J 2018) reportedly gives rapid growth 3 points, inconsistent "
        "with the 2-10 range; not used."
    ),
)

ALL: Final = (
    FISHER_2010,
    FOURNEY_2011,
    BILSKY_2010,
    RADIOPAEDIA_ESCC,
    NEUROSURGERYWIKI_ESCC,
    LAUFER_2013,
    AO_RADIOSENSITIVITY,
    MARANZANO_1995,
    TOKUHASHI_2005,
    TOMITA_2001,
)
