"""Citations of the survival scores (Bauer, modified Bauer, NESMS, Katagiri).

Each constant is a :class:`~spinal_metastasis.evidence.Citation`, stored once;
the registry :data:`spinal_metastasis.references.REFERENCES` collects them all.
``verified=True`` means the values the library takes from the source were read
in the primary text or its abstract; ``verification`` says what was read where.
Bibliographic details that were not seen are named there as such.
"""

from typing import Final

from spinal_metastasis.evidence import Citation

# --- Bauer and modified Bauer -----------------------------------------------------------------

BAUER_1995: Final = Citation(
    key="bauer1995",
    authors="Bauer HC, Wedin R.",
    year=1995,
    title=(
        "Survival after surgery for spinal and extremity metastases. "
        "Prognostication in 241 patients"
    ),
    journal="Acta Orthop Scand",
    locator="66(2):143-146",
    doi="10.3109/17453679508995508",
    pmid="7740944",
    verified=False,
    verification=(
        "PubMed abstract read: pathologic fracture, visceral or brain metastases and lung "
        "cancer were negative variables; solitary skeletal metastasis, breast and kidney "
        "cancer, myeloma and lymphoma positive; the model stratified 3 groups with a 1-year "
        "survival from 0.5 to 0.0. The one-point-per-factor table and the group cut-points "
        "0-1 / 2-3 / 4-5 were not read (project clinical reference, from memory). Flagged: "
        "the cut-points stay unverified."
    ),
)

LEITHNER_2008: Final = Citation(
    key="leithner2008",
    authors="Leithner A, Radl R, Gruber G, Hochegger M, Leithner K, Welkerling H, et al.",
    year=2008,
    title="Predictive value of seven preoperative prognostic scoring systems for spinal metastases",
    journal="Eur Spine J",
    locator="17(11):1488-1495",
    doi="10.1007/s00586-008-0763-1",
    pmid="18787846",
    verified=False,
    verification=(
        "Abstract read (PubMed mirror): 69 patients; 'a modified Bauer score without scoring "
        "for pathologic fracture'. The four items (no visceral metastases, no lung cancer, "
        "breast/kidney/lymphoma/myeloma, solitary skeletal metastasis) and the strategy bands "
        "0-1 / 2 / 3-4 were read on a decision-support page citing the paper (secondary). "
        "Survival by group was not read. Locator (Eur Spine J 2008;17(11):1488-1495, PMID "
        "18787846) confirmed on the PubMed abstract record (2026-12-07)."
    ),
)

# --- New England Spinal Metastasis Score ------------------------------------------------------

GHORI_2015: Final = Citation(
    key="ghori2015",
    authors="Ghori AK, Leonard DA, Schoenfeld AJ, et al.",
    year=2015,
    title="Modeling 1-year survival after surgery on the metastatic spine",
    journal="Spine J",
    locator="15(11):2345-2350",
    verified=False,
    verification=(
        "The paper was not read: title, volume and pages are from the project's clinical "
        "reference (from memory); DOI and PMID unknown. The components (modified Bauer >= 3: "
        "2 points; intact ambulation: 1; albumin >= 3.5 g/dL: 1) were read in a spine digest "
        "and news summaries, and the 'ceiling score of three' only in a news summary "
        "(Becker's Spine Review). Goodwin 2016 confirms the three components. The 2026-12-07 "
        "figure audit lists the locator as confirmed in a secondary source; a second search "
        "the same day did not see volume, pages or DOI."
    ),
)

SCHOENFELD_2016: Final = Citation(
    key="schoenfeld2016",
    authors="Schoenfeld AJ, et al.",
    year=2016,
    title=(
        "Assessing the utility of a clinical prediction score regarding 30-day morbidity "
        "and mortality following metastatic spinal surgery: the New England Spinal "
        "Metastasis Score (NESMS)"
    ),
    journal="Spine J",
    locator="16(4):482-490",
    doi="10.1016/j.spinee.2015.09.043",
    pmid="26409416",
    verified=True,
    verification=(
        "Abstract read (PubMed link): 776 operated patients (NSQIP); every patient assigned "
        "an NESMS score (0-3); 30-day mortality 11 %, at least one complication 51 %. "
        "Co-authors were not read."
    ),
)

GOODWIN_2016: Final = Citation(
    key="goodwin2016",
    authors=(
        "Goodwin CR, Schoenfeld AJ, Abu-Bonsrah NA, Garzon-Muvdi T, Sankey EW, Harris MB, "
        "Sciubba DM."
    ),
    year=2016,
    title="Reliability of a spinal metastasis prognostic score to model 1-year survival",
    journal="Spine J",
    locator="16(9):1102-1108",
    doi="10.1016/j.spinee.2016.04.008",
    verified=True,
    verification=(
        "Abstract read (Duke and Johns Hopkins records): 161 operated patients; the Ghori "
        "composite of modified Bauer score, preoperative albumin and ambulatory status; "
        "lower 1-year mortality with higher scores. PMID not seen."
    ),
)

SCHOENFELD_2021: Final = Citation(
    key="schoenfeld2021",
    authors=(
        "Schoenfeld AJ, Ferrone ML, Schwab JH, Blucher JA, Barton LB, Tobert DG, Chi JH, "
        "Shin JH, Kang JD, Harris MB."
    ),
    year=2021,
    title=(
        "Prospective validation of a clinical prediction score for survival in patients "
        "with spinal metastases: the New England Spinal Metastasis Score"
    ),
    journal="Spine J",
    locator="21(1):28-36",
    doi="10.1016/j.spinee.2020.02.009",
    verified=True,
    verification=(
        "Abstract read: 180 patients enrolled 2017-2018, 1-year mortality 56 %; with NESMS 3 "
        "as referent, OR of death within 1 year 7.04 (95 % CI 2.47-20.08) for a score of 2 "
        "and 31.30 (8.82-111.04) for a score of 1. PMID not seen; volume and pages are from "
        "the project's clinical reference."
    ),
)

SCHOENFELD_2022: Final = Citation(
    key="schoenfeld2022",
    authors=("Schoenfeld AJ, Ferrone ML, Blucher JA, Agaronnik N, Nguyen L, Tobert DG, et al."),
    year=2022,
    title=(
        "Prospective comparison of the accuracy of the New England Spinal Metastasis Score "
        "(NESMS) to legacy scoring systems in prognosticating outcomes following treatment "
        "of spinal metastases"
    ),
    journal="Spine J",
    locator="22(1):39-48",
    doi="10.1016/j.spinee.2021.03.007",
    pmid="33741509",
    verified=True,
    verification=(
        "PubMed abstract read: 202 patients; c-statistic for 1-year survival 0.79 (NESMS), "
        "0.69 (Tomita), 0.67 (Tokuhashi), 0.54 (SINS)."
    ),
)

# --- Katagiri ---------------------------------------------------------------------------------

KATAGIRI_2014: Final = Citation(
    key="katagiri2014",
    authors=(
        "Katagiri H, Okada R, Takagi T, Takahashi M, Murata H, Harada H, Nishimura T, "
        "Asakura H, Ogawa H."
    ),
    year=2014,
    title="New prognostic factors and scoring system for patients with skeletal metastasis",
    journal="Cancer Med",
    locator="3(5):1359-1367",
    doi="10.1002/cam4.292",
    pmid="25044999",
    verified=False,
    verification=(
        "Abstract read (PubMed; PMC4302686): 808 patients; six factors; score >= 7: survival "
        "27 % at 6 months and 6 % at 1 year; score <= 3: 91 % at 1 year and 78 % at 2 years. "
        "The point table, laboratory cut-offs and primary-lesion groups were read only in "
        "open-source calculator code stating it copied them from the paper (secondary); the "
        "paper's tables were not read. Flagged: the point table, the laboratory cut-offs and "
        "the 2-year figures of the groups (28 % and 2 %) stay unverified."
    ),
)

KUBOTA_2019: Final = Citation(
    key="kubota2019",
    authors=(
        "Kubota H, Soejima T, Sulaiman NS, Sekii S, Matsumoto Y, Ota Y, Tsujino K, Fujita I, "
        "Fujimoto T, Morishita M, Ikegaki J, Matsumoto K, Sasaki R."
    ),
    year=2019,
    title=(
        "Predicting the survival of patients with bone metastases treated with radiation "
        "therapy: a validation study of the Katagiri scoring system"
    ),
    journal="Radiat Oncol",
    locator="14(1):13",
    doi="10.1186/s13014-019-1218-z",
    verified=True,
    verification=(
        "Abstract read (journal page): 616 irradiated patients; survival by group (0-3, 4-6, "
        "7-10) given as three figures for four time points (3, 6, 12, 24 months), so the "
        "time of each figure is ambiguous; the library uses none of them. PMID not seen."
    ),
)

ALL: Final = (
    BAUER_1995,
    LEITHNER_2008,
    GHORI_2015,
    SCHOENFELD_2016,
    GOODWIN_2016,
    SCHOENFELD_2021,
    SCHOENFELD_2022,
    KATAGIRI_2014,
    KUBOTA_2019,
)
