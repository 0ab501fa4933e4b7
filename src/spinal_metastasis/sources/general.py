"""Citations of general clinical scales (neurology, performance status).

Each constant is a :class:`~spinal_metastasis.evidence.Citation`, stored once;
the registry :data:`spinal_metastasis.references.REFERENCES` collects them all.
"""

from typing import Final

from spinal_metastasis.evidence import Citation

# --- Neurology ----------------------------------------------------------------------------

FRANKEL_1969: Final = Citation(
    key="frankel1969",
    authors="Frankel HL, Hancock DO, Hyslop G, Melzak J, Michaelis LS, Ungar GH, et al.",
    year=1969,
    title=(
        "The value of postural reduction in the initial management of closed injuries of "
        "the spine with paraplegia and tetraplegia"
    ),
    journal="Paraplegia",
    locator="7(3):179-192",
    verified=False,
    verification="Grade definitions A-E as used by Tokuhashi 2005; the 1969 text was not re-read.",
)

# --- Performance status -----------------------------------------------------------------------

OKEN_1982: Final = Citation(
    key="oken1982",
    authors="Oken MM, Creech RH, Tormey DC, Horton J, Davis TE, McFadden ET, et al.",
    year=1982,
    title="Toxicity and response criteria of the Eastern Cooperative Oncology Group",
    journal="Am J Clin Oncol",
    locator="5(6):649-655",
    pmid="7165009",
    verified=False,
    verification="ECOG grades 0-5 read in several reproductions citing the paper.",
)

KARNOFSKY_1949: Final = Citation(
    key="karnofsky1949",
    authors="Karnofsky DA, Burchenal JH.",
    year=1949,
    title="The clinical evaluation of chemotherapeutic agents in cancer",
    journal=(
        "In: MacLeod CM, editor. Evaluation of chemotherapeutic agents. Columbia University Press"
    ),
    locator="p. 191-205",
    verified=False,
    verification=(
        "KPS 0-100 in steps of 10 read in several reproductions; the chapter was not read."
    ),
)


# --- Conversion between performance scales -------------------------------------------------

MA_2010: Final = Citation(
    key="ma2010",
    authors="Ma C, Bandukwala S, Burman D, Bryson J, Seccareccia D, Banerjee S, et al.",
    year=2010,
    title="Interconversion of three measures of performance status: an empirical analysis",
    journal="Eur J Cancer",
    locator="46(18):3175-3183",
    doi="10.1016/j.ejca.2010.06.126",
    pmid="20674334",
    verified=True,
    verification=(
        "Conversion KPS 100 = ECOG 0, 80-90 = 1, 60-70 = 2, 40-50 = 3, 10-30 = 4 and its hit "
        "rate (75 %) read in the PubMed abstract."
    ),
)

PRASAD_2018: Final = Citation(
    key="prasad2018",
    authors="Prasad KT, Kaur H, Muthu V, Aggarwal AN, Behera D, Singh N.",
    year=2018,
    title=(
        "Interconversion of two commonly used performance tools: an analysis of 5844 paired "
        "assessments in 1501 lung cancer patients"
    ),
    journal="World J Clin Oncol",
    locator="9(7):140-147",
    doi="10.5306/wjco.v9.i7.140",
    pmid="30425939",
    verified=True,
    verification=(
        "Conversion KPS 100 = ECOG 0, 80-90 = 1, 70 = 2, 50-60 = 3, 10-40 = 4 and its hit rate "
        "(78.1 %) read in the abstract (PMC and journal page)."
    ),
)

BUCCHERI_1996: Final = Citation(
    key="buccheri1996",
    authors="Buccheri G, Ferrigno D, Tamburini M.",
    year=1996,
    title=(
        "Karnofsky and ECOG performance status scoring in lung cancer: a prospective, "
        "longitudinal study of 536 patients from a single institution"
    ),
    journal="Eur J Cancer",
    locator="32A(7):1135-1141",
    verified=True,
    verification=(
        "Three-grade conversion (KPS 80-100 = ECOG 0-1, 60-70 = 2, < 60 = 3-4; agreement > 84 %) "
        "read in the abstract; DOI and PMID not seen."
    ),
)

# --- Anatomy ------------------------------------------------------------------------------------

CONUS_MRI_1998: Final = Citation(
    key="conusmri1998",
    authors="Department of Rehabilitation Medicine, Pusan National University College of Medicine",
    year=1998,
    title="Normal variations of the spinal cord termination",
    journal="J Korean Acad Rehabil Med",
    locator="22(5):1040-1043",
    verified=True,
    verification=(
        "Abstract read (KoreaMed record 2323138; authors not shown in the record): 226 adult "
        "MRIs; the cord ends most often at mid-L1, and between the mid-portion of T12 and the "
        "L1-L2 disc. Used to say that a lesion from L2 down lies below the conus (cauda equina)."
    ),
    label="Conus MRI 1998",
)

ALL: Final = (
    FRANKEL_1969,
    OKEN_1982,
    KARNOFSKY_1949,
    MA_2010,
    PRASAD_2018,
    BUCCHERI_1996,
    CONUS_MRI_1998,
)
