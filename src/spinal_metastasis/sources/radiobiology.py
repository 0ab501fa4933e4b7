"""Citations of the radiobiology: the LQ model, spinal cord tolerance and the palliative schedules.

Each constant is a :class:`~spinal_metastasis.evidence.Citation`, stored once;
the registry :data:`spinal_metastasis.references.REFERENCES` collects them all.
``verified=True`` means the figures the library takes from the source were read
in the primary text or its abstract; bibliographic details that could not be
confirmed (a DOI, a PMID, the pages) are left out and named in ``verification``.
"""

from typing import Final

from spinal_metastasis.evidence import Citation

# --- The linear-quadratic model ---------------------------------------------------------------

FOWLER_1989: Final = Citation(
    key="fowler1989",
    authors="Fowler JF.",
    year=1989,
    title="The linear-quadratic formula and progress in fractionated radiotherapy",
    journal="Br J Radiol",
    locator="62(740):679-694",
    doi="10.1259/0007-1285-62-740-679",
    verified=False,
    verification=(
        "Volume, issue and pages read on a scan of the first page; the DOI read in four "
        "public repositories and CRAN documentation (secondary). The BED and EQD2 formulas "
        "were read in calculator documentation, not in the paper's text."
    ),
)

BRENNER_2008: Final = Citation(
    key="brenner2008",
    authors="Brenner DJ.",
    year=2008,
    title=(
        "The linear-quadratic model is an appropriate methodology for determining "
        "isoeffective doses at large doses per fraction"
    ),
    journal="Semin Radiat Oncol",
    locator="18(4):234-239",
    verified=True,
    verification=(
        "'Reasonably well validated ... up to about 10 Gy / fraction, and would be reasonable "
        "for use up to about 18 Gy per fraction' read verbatim in the PMC author manuscript "
        "(PMC2750078). Volume and pages are from the brief, not seen; the DOI and PMID could "
        "not be confirmed and are omitted."
    ),
)

KIRKPATRICK_2008: Final = Citation(
    key="kirkpatrick2008",
    authors="Kirkpatrick JP, Meyer JJ, Marks LB.",
    year=2008,
    title=(
        "The linear-quadratic model is inappropriate to model high dose per fraction "
        "effects in radiosurgery"
    ),
    journal="Semin Radiat Oncol",
    locator="18(4):240-243",
    doi="10.1016/j.semradonc.2008.04.005",
    pmid="18725110",
    verified=True,
    verification=(
        "Abstract read (Duke scholars page): a qualitative counter-position; it states no "
        "numeric dose-per-fraction range. The full text was not read."
    ),
)

# --- Spinal cord tolerance --------------------------------------------------------------------

SAHGAL_2021_HYTEC: Final = Citation(
    key="sahgal2021hytec",
    authors=(
        "Sahgal A, Chang JH, Ma L, Marks LB, Milano MT, Medin P, Niemierko A, Soltys SG, "
        "Tomé WA, Wong CS, Yorke E, Grimm J, Jackson A."
    ),
    year=2021,
    title="Spinal cord dose tolerance to stereotactic body radiation therapy",
    journal="Int J Radiat Oncol Biol Phys",
    locator="110(1):124-136",
    doi="10.1016/j.ijrobp.2019.09.038",
    pmid="31606528",
    verified=True,
    verification=(
        "HyTEC; online 2019. Abstract read in three copies (Stanford, UNM VIVO, MSKCC): de novo "
        "cord Dmax 12.4-14.0 Gy/1, 17.0/2, 20.3/3, 23.0/4, 25.3/5 fractions for a 1% to 5% risk "
        "of myelopathy; re-irradiation factors associated with a lower risk: cumulative thecal "
        "sac EQD2 (alpha/beta 2) Dmax <=70 Gy, SBRT EQD2 Dmax <=25 Gy, ratio <=0.5, interval "
        ">=5 months. Tables 3 and 4 were not read. Locator confirmed on the abstract "
        "(2026-12-07 figure audit)."
    ),
    label="HyTEC 2021",
)

SAHGAL_2013: Final = Citation(
    key="sahgal2013",
    authors=(
        "Sahgal A, Weinberg V, Ma L, Chang E, Chao S, Muacevic A, Gorgulho A, Soltys S, "
        "Gerszten PC, Ryu S, Angelov L, Gibbs I, Wong CS, Larson DA."
    ),
    year=2013,
    title=(
        "Probabilities of radiation myelopathy specific to stereotactic body radiation "
        "therapy to guide safe practice"
    ),
    journal="Int J Radiat Oncol Biol Phys",
    locator="85(2):341-347",
    doi="10.1016/j.ijrobp.2012.05.007",
    pmid="22713832",
    verified=True,
    verification=(
        "Abstract read (Stanford publication page): 9 myelopathy cases vs 66 controls; a risk "
        "of 5% or less with thecal sac Pmax limited to 12.4 Gy/1, 17.0/2, 20.3/3, 23.0/4 and "
        "25.3 Gy/5 fractions; alpha/beta 2 Gy."
    ),
)

SAHGAL_2012: Final = Citation(
    key="sahgal2012",
    authors=(
        "Sahgal A, Ma L, Weinberg V, Gibbs IC, Chao S, Chang U, Werner-Wasik M, Angelov L, "
        "Chang EL, Sohn M, Soltys SG, Letourneau D, Ryu S, Gerszten PC, Fowler J, Wong CS, "
        "Larson DA."
    ),
    year=2012,
    title="Reirradiation human spinal cord tolerance for stereotactic body radiotherapy",
    journal="Int J Radiat Oncol Biol Phys",
    locator="82(1):107-116",
    verified=True,
    verification=(
        "Abstract read (Stanford publication page): 5 myelopathy vs 14 no-myelopathy patients, "
        "thecal sac contours, alpha/beta 2 Gy; SBRT at least 5 months after conventional RT with "
        "a thecal sac Pmax nBED of 20-25 Gy2/2 appears safe if the total Pmax nBED does not exceed "
        "approximately 70 Gy2/2 and the SBRT share is no more than approximately 50%. DOI and "
        "PMID omitted: two conflicting candidates (10.1016/j.ijrobp.2010.11.020 from memory; "
        "10.1016/j.ijrobp.2010.08.021 with PMID 20951503 in one code repository), neither "
        "confirmed in a bibliographic source."
    ),
)

NIEDER_2006: Final = Citation(
    key="nieder2006",
    authors="Nieder C, Grosu AL, Andratschke NH, Molls M.",
    year=2006,
    title=(
        "Update of human spinal cord reirradiation tolerance based on additional data "
        "from 38 patients"
    ),
    journal="Int J Radiat Oncol Biol Phys",
    locator="66(5):1446-1449",
    doi="10.1016/j.ijrobp.2006.07.1383",
    pmid="17084560",
    verified=True,
    verification=(
        "Abstract read on PubMed: alpha/beta 2 Gy (cervical, thoracic) and 4 Gy (lumbar cord); "
        "risk appears small after <=135.5 Gy2 cumulative BED with an interval of at least "
        "6 months and each course <=98 Gy2; no myelopathy yet reported up to 120 Gy2. The DOI "
        "was read only in a project's reference list (secondary)."
    ),
)

KIRKPATRICK_2010: Final = Citation(
    key="kirkpatrick2010",
    authors="Kirkpatrick JP, van der Kogel AJ, Schultheiss TE.",
    year=2010,
    title="Radiation dose-volume effects in the spinal cord",
    journal="Int J Radiat Oncol Biol Phys",
    locator="76(3 Suppl):S42-S49",
    doi="10.1016/j.ijrobp.2009.04.095",
    pmid="20171517",
    verified=True,
    verification=(
        "QUANTEC. Abstract read in a reference-list reproduction: fitted alpha/beta 0.87 Gy; "
        "partial repair evident about 6 months after RT. DOI and PMID confirmed in two "
        "secondary sources."
    ),
)

# --- Trials and series that define the palliative schedules -----------------------------------

HARTSELL_2005: Final = Citation(
    key="hartsell2005",
    authors=(
        "Hartsell WF, Scott CB, Bruner DW, Scarantino CW, Ivker RA, Roach M 3rd, Suh JH, "
        "Demas WF, Movsas B, Petersen IA, Konski AA, Cleeland CS, Janjan NA, DeSilvio M."
    ),
    year=2005,
    title=(
        "Randomized trial of short- versus long-course radiotherapy for palliation of "
        "painful bone metastases"
    ),
    journal="J Natl Cancer Inst",
    locator="97(11):798-804",
    verified=False,
    verification=(
        "RTOG 97-14. Arms (8 Gy x 1 vs 30 Gy in 10 fractions) read in the abstract (Google "
        "Scholar record); the title is from memory; DOI and PMID not found and omitted. "
        "Flagged (2026-12-07 figure audit): the retreatment figures the library takes from it "
        "(18 % after 8 Gy x 1) were not re-read by either review."
    ),
)

BONE_PAIN_TRIAL_1999: Final = Citation(
    key="bptwp1999",
    authors="Bone Pain Trial Working Party.",
    year=1999,
    title=(
        "8 Gy single fraction radiotherapy for the treatment of metastatic skeletal pain: "
        "randomised comparison with a multifraction schedule over 12 months of patient follow-up"
    ),
    journal="Radiother Oncol",
    locator="52(2):111-121",
    pmid="10577696",
    verified=True,
    verification=(
        "Abstract read on PubMed: 8 Gy x 1 vs a multifraction schedule (20 Gy/5 or 30 Gy/10), "
        "n = 765. DOI not confirmed and omitted."
    ),
    label="Bone Pain Trial 1999",
)

STEENLAND_1999: Final = Citation(
    key="steenland1999",
    authors="Steenland E, Leer JW, van Houwelingen H, et al.",
    year=1999,
    title=(
        "The effect of a single fraction compared to multiple fractions on painful bone "
        "metastases: a global analysis of the Dutch Bone Metastasis Study"
    ),
    journal="Radiother Oncol",
    locator="52:101-109",
    verified=False,
    verification=(
        "Dutch Bone Metastasis Study. Citation read in a reference list; arms (8 Gy x 1 vs "
        "24 Gy in 6 fractions of 4 Gy) read in the abstracts of two secondary analyses "
        "(van der Linden 2004, PMID 15145173; Meeuse). DOI and PMID not confirmed."
    ),
)

RADES_2005: Final = Citation(
    key="rades2005",
    authors="Rades D, Stalpers LJ, Veninga T, et al.",
    year=2005,
    title=(
        "Evaluation of five radiation schedules and prognostic factors for metastatic "
        "spinal cord compression"
    ),
    journal="J Clin Oncol",
    locator="23(15):3366-3375",
    doi="10.1200/JCO.2005.04.754",
    pmid="15908648",
    verified=True,
    verification=(
        "Abstract read on a PubMed mirror: 1 x 8 Gy, 5 x 4 Gy, 10 x 3 Gy, 15 x 2.5 Gy and "
        "20 x 2 Gy. Co-authors after Rades are from memory."
    ),
)

SAHGAL_2021_SC24: Final = Citation(
    key="sahgal2021sc24",
    authors="Sahgal A, Myrehaug SD, Siva S, et al.",
    year=2021,
    title=(
        "Stereotactic body radiotherapy versus conventional external beam radiotherapy in "
        "patients with painful spinal metastases: an open-label, multicentre, randomised, "
        "controlled, phase 2/3 trial"
    ),
    journal="Lancet Oncol",
    locator="22(7):1023-1033",
    doi="10.1016/S1470-2045(21)00196-0",
    pmid="34126044",
    verified=True,
    verification=(
        "CCTG SC.24. Abstract read on a PubMed mirror: 24 Gy in two daily fractions SBRT vs "
        "20 Gy in five daily fractions, ECOG 0-2, SINS < 12. The complete-response figures "
        "(35 % vs 14 % at 3 months) and the histology strata were read only in secondary "
        "summaries; volume and pages are from the brief, not seen."
    ),
    label="SC.24 2021",
)

RYU_2023: Final = Citation(
    key="ryu2023",
    authors="Ryu S, Deshmukh S, Timmerman RD, et al.",
    year=2023,
    title=(
        "Stereotactic radiosurgery vs conventional radiotherapy for localized vertebral "
        "metastases of the spine: phase 3 results of NRG Oncology/RTOG 0631 randomized "
        "clinical trial"
    ),
    journal="JAMA Oncol",
    locator="9(6):800-807",
    doi="10.1001/jamaoncol.2023.0356",
    pmid="37079324",
    verified=True,
    verification=(
        "NRG/RTOG 0631. Read in PMC10119775: a single dose of 16 or 18 Gy to the involved "
        "level(s) vs 8 Gy to the involved vertebra plus one vertebra above and below."
    ),
)

SPRAVE_2018: Final = Citation(
    key="sprave2018",
    authors="Sprave T, Verma V, Förster R, et al.",
    year=2018,
    title=(
        "Randomized phase II trial evaluating pain response in patients with spinal "
        "metastases following stereotactic body radiotherapy versus three-dimensional "
        "conformal radiotherapy"
    ),
    journal="Radiother Oncol",
    locator="128(2):274-282",
    doi="10.1016/j.radonc.2018.04.030",
    verified=False,
    verification=(
        "Arms (24 Gy x 1 SBRT vs 30 Gy/10 3DCRT, n = 55, NCT02358720) read in the abstract of "
        "the trial's pre-specified secondary analysis; the pages are from memory; the DOI is "
        "from a secondary source (2026-12-07 figure audit), not seen on the paper."
    ),
)

GUCKENBERGER_2014: Final = Citation(
    key="guckenberger2014",
    authors="Guckenberger M, Mantel F, Gerszten PC, et al.",
    year=2014,
    title=(
        "Safety and efficacy of stereotactic body radiotherapy as primary treatment for "
        "vertebral metastases: a multi-institutional analysis"
    ),
    journal="Radiat Oncol",
    doi="10.1186/s13014-014-0226-2",
    verified=True,
    verification=(
        "Read in PMC4205292: a retrospective cohort (301 patients, 387 lesions), not a trial; "
        "median 24 Gy (range 8-60) in 3 fractions (range 1-20). PMID not confirmed."
    ),
)

GUCKENBERGER_2024: Final = Citation(
    key="guckenberger2024",
    authors="Guckenberger M, Billiet C, Schnell D, et al.",
    year=2024,
    title=(
        "Dose-intensified stereotactic body radiotherapy for painful vertebral metastases: "
        "a randomized phase 3 trial"
    ),
    journal="Cancer",
    locator="130(15):2713-2722",
    doi="10.1002/cncr.35310",
    verified=True,
    verification=(
        "Abstract read (BORIS Bern): SBRT 48.5 Gy/10 (epidural involvement) or 40 Gy/5 vs "
        "conventional 30 Gy/10 or 20 Gy/5."
    ),
)

LAUFER_2013: Final = Citation(
    key="laufer2013",
    authors="Laufer I, Iorgulescu JB, Chapman T, et al.",
    year=2013,
    title=(
        "Local disease control for spinal metastases following 'separation surgery' and "
        "adjuvant hypofractionated or high-dose single-fraction stereotactic radiosurgery: "
        "outcome analysis in 186 patients"
    ),
    journal="J Neurosurg Spine",
    locator="18:207-214",
    pmid="23709750",
    verified=False,
    verification=(
        "Abstract read in a blog reproduction (secondary): after separation surgery 24 Gy x 1 "
        "(n = 40), 24-30 Gy in 3 fractions (n = 37) or 18-36 Gy in 5-6 fractions (n = 109). "
        "Co-authors and subtitle from memory; DOI not confirmed. Locator (J Neurosurg Spine "
        "18:207) confirmed in a secondary source and PMID 23709750 on the abstract record "
        "(2026-12-07 figure audit)."
    ),
    label="Laufer 2013 (separation surgery)",
)

ALL: Final = (
    FOWLER_1989,
    BRENNER_2008,
    KIRKPATRICK_2008,
    SAHGAL_2021_HYTEC,
    SAHGAL_2013,
    SAHGAL_2012,
    NIEDER_2006,
    KIRKPATRICK_2010,
    HARTSELL_2005,
    BONE_PAIN_TRIAL_1999,
    STEENLAND_1999,
    RADES_2005,
    SAHGAL_2021_SC24,
    RYU_2023,
    SPRAVE_2018,
    GUCKENBERGER_2014,
    GUCKENBERGER_2024,
    LAUFER_2013,
)
