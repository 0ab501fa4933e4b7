"""Citations of the radiotherapy treatment options.

Each constant is a :class:`~spinal_metastasis.evidence.Citation`, stored once;
the registry :data:`spinal_metastasis.references.REFERENCES` collects them all.
The trials that define the schedules (RTOG 97-14, the Bone Pain Trial, the
Dutch Bone Metastasis Study, SC.24, RTOG 0631, Sprave 2018) and the cord
tolerance papers live in :mod:`~spinal_metastasis.sources.radiobiology`; the
cross-cutting ones (Guimond 2022, OligoCare, Sahgal 2013 VCF, Chow 2015,
Khan 2015, McDonald 2014) in :mod:`~spinal_metastasis.sources.treatments`.
The sources here add the outcome figures of the two radiotherapy options.

``verified=True`` means the figures the library takes from the source were read
in the paper's own abstract or text; bibliographic details that could not be
confirmed are left out and named in ``verification``.
"""

from typing import Final

from spinal_metastasis.evidence import Citation

# --- Time course and response of conventional radiotherapy -----------------------------------

VAN_DER_VELDEN_2018: Final = Citation(
    key="vandervelden2018",
    authors=(
        "van der Velden JM, van der Linden YM, Versteeg AL, Verlaan JJ, Gerlich AS, "
        "Pielkenrood BJ, Kasperts N, Verkooijen HM."
    ),
    year=2018,
    title=(
        "Evaluation of effectiveness of palliative radiotherapy for bone metastases: a "
        "prospective cohort study"
    ),
    journal="J Radiat Oncol",
    locator="7(4):325-333",
    doi="10.1007/s13566-018-0363-6",
    pmid="30595809",
    label="van der Velden 2018",
    verified=True,
    verification=(
        "PRESENT cohort. Abstract read (PMC6290653, PubMed): 262 of 432 patients (61 %) had a "
        "complete or partial response, 67 % of the 390 assessable; median time to response "
        "4 weeks (range 1-15). The article's key messages (Springer page) add that pain scores "
        "are lowest at 6 weeks after radiotherapy."
    ),
)

TRUNTZER_2013: Final = Citation(
    key="truntzer2013",
    authors="Truntzer P, Atlani D, Pop M, Clavier JB, Guihard S, Schumacher C, Noel G.",
    year=2013,
    title=(
        "Early evaluation predicts pain relief of irradiated bone metastases: a single-center "
        "prospective study"
    ),
    journal="BMC Palliat Care",
    locator="12:12",
    doi="10.1186/1472-684X-12-12",
    verified=True,
    verification=(
        "Abstract read on the BMC page: overall response 38 % at the completion of treatment, "
        "53.8 % at day 8, 53.8 % at day 15 and 57.1 % at day 30; the improvement peaked at "
        "day 8. PMID not seen."
    ),
)

CHOW_2012: Final = Citation(
    key="chow2012",
    authors="Chow E, Zeng L, Salvo N, Dennis K, Tsao M, Lutz S.",
    year=2012,
    title=("Update on the systematic review of palliative radiotherapy trials for bone metastases"),
    journal="Clin Oncol (R Coll Radiol)",
    locator="24(2):112-124",
    verified=False,
    verification=(
        "Not read. Retreatment 20 % after a single fraction vs 8 % after multiple fractions read "
        "only as a quotation in a hospice-medicine recommendation reproduced on a commentary "
        "site; authors, volume and pages from the research note, not seen."
    ),
)

RADES_2011: Final = Citation(
    key="rades2011",
    authors=(
        "Rades D, Lange M, Veninga T, Stalpers LJA, Bajrovic A, Adamietz IA, Rudat V, Schild SE."
    ),
    year=2011,
    title=(
        "Final results of a prospective study comparing the local control of short-course and "
        "long-course radiotherapy for metastatic spinal cord compression"
    ),
    journal="Int J Radiat Oncol Biol Phys",
    pmid="20452136",
    verified=True,
    verification=(
        "Abstract read (Mayo Clinic Pure, OSTI, a PubMed mirror): 265 patients; 1-year local "
        "control 61 % after short-course (1 x 8 Gy or 5 x 4 Gy) and 81 % after long-course "
        "radiotherapy (10 x 3, 15 x 2.5 or 20 x 2 Gy), p = 0.005. Published online in 2010; "
        "volume and pages (79(2):524-530 in the research note) not seen, so left out."
    ),
)

# --- SBRT outcomes ----------------------------------------------------------------------------

ZENG_2022: Final = Citation(
    key="zeng2022sc24",
    authors="Zeng KL, et al.",
    year=2022,
    title=(
        "[Secondary analysis of the CCTG SC.24 randomised trial: local failure, vertebral "
        "compression fracture and re-irradiation after SBRT or conventional radiotherapy; "
        "exact title not seen]"
    ),
    journal="Int J Radiat Oncol Biol Phys",
    verified=False,
    verification=(
        "Read only in a trial-summary newsletter (secondary), 137 patients: local failure 3 % vs "
        "11 % at 6 months, 6 % vs 28 % at 12 months and 15 % vs 36 % at 24 months after "
        "24 Gy / 2 SBRT vs 20 Gy / 5; 1-year re-irradiation 2 % vs 16 %; VCF 8 % at 12 and 11 % "
        "at 24 months overall. Title, co-authors, volume, pages, DOI and PMID not found in the "
        "stored sources."
    ),
)

KIM_2019: Final = Citation(
    key="kim2019crt",
    authors="Kim, Kim, Kim, Kim, Chie, Shin, Wu, Kim (initials not seen).",
    year=2019,
    title=(
        "The feasibility of spinal stereotactic radiosurgery for spinal metastasis with "
        "epidural cord compression"
    ),
    journal="Cancer Res Treat",
    locator="51(4)",
    verified=True,
    verification=(
        "Abstract read (PMC6790856; journal page): single-fraction 12-24 Gy SRS, 149 regions; "
        "1-year local progression 3.0 / 8.4 / 0 / 24.9 % and VCF 6.6 / 5.2 / 17.1 / 12.1 % for "
        "Bilsky 0 / 1 / 2 / 3; pain response 79 / 78 / 53 / 63 %. Author initials, pages, DOI "
        "and PMID not seen."
    ),
)

BILSKY_2011: Final = Citation(
    key="bilsky2011",
    authors=("Bilsky MH, Angelov L, Rock J, Weaver J, Sheehan J, Rhines L, Azeem S, Gerszten P."),
    year=2011,
    title="Spinal radiosurgery: a neurosurgical perspective",
    journal="J Radiosurg SBRT",
    locator="1(1):47-54",
    verified=True,
    verification=(
        "Abstract read (PMC5658900): 'Multiple series have demonstrated control rates greater "
        "than 85% which appears to be histology independent.' DOI and PMID not seen."
    ),
)

BALAGAMWALA_2018: Final = Citation(
    key="balagamwala2018",
    authors=("Balagamwala EH, Naik M, Reddy CA, Angelov L, Suh JH, Djemil T, Magnelli A, Chao ST."),
    year=2018,
    title="Pain flare after stereotactic radiosurgery for spine metastases",
    journal="J Radiosurg SBRT",
    locator="5(2):99-105",
    pmid="29657890",
    verified=True,
    verification=(
        "Abstract read (PMC5893450): 348 patients, 507 single-fraction treatments (median "
        "15 Gy); median time to pain relief 1.8 months."
    ),
)

PAN_2014: Final = Citation(
    key="pan2014",
    authors="Pan HY, et al.",
    year=2014,
    title=(
        "Incidence and predictive factors of pain flare after spine stereotactic body "
        "radiation therapy: secondary analysis of phase 1/2 trials"
    ),
    journal="Int J Radiat Oncol Biol Phys",
    locator="90(4):870-876",
    doi="10.1016/j.ijrobp.2014.07.037",
    pmid="25227497",
    verified=True,
    verification=(
        "Abstract read on PubMed: pain flare in 44 of 195 evaluable patients (23 %), median "
        "5 days after the start of treatment; more fractions associated with less flare "
        "(OR 0.66). The author list was not shown on the pages read (first author from memory)."
    ),
)

CHIANG_2013: Final = Citation(
    key="chiang2013",
    authors="Chiang A, et al.",
    year=2013,
    title=(
        "Pain flare is a common adverse event in steroid-naive patients after spine "
        "stereotactic body radiation therapy: a prospective clinical trial"
    ),
    journal="Int J Radiat Oncol Biol Phys",
    verified=True,
    verification=(
        "Abstract read on OSTI: 41 steroid-naive patients (20-24 Gy x 1 or 24-35 Gy in 2-5 "
        "fractions); pain flare in 68.3 %, most often on day 1 after SBRT. The author list, "
        "volume, pages, DOI and PMID were not shown (first author from memory)."
    ),
)

# --- Collapse after conventional radiotherapy -------------------------------------------------

SPRAVE_2018_FRACTURE: Final = Citation(
    key="sprave2018bmc",
    authors="Sprave T, et al.",
    year=2018,
    title=(
        "Local response and pathologic fractures following stereotactic body radiotherapy "
        "versus three-dimensional conformal radiotherapy for spinal metastases - a "
        "randomized controlled trial"
    ),
    journal="BMC Cancer",
    doi="10.1186/s12885-018-4777-8",
    label="Sprave 2018 (fractures)",
    verified=True,
    verification=(
        "Abstract read on the BMC page: pre-specified secondary analysis of NCT02358720 "
        "(24 Gy x 1 SBRT vs 30 Gy / 10 3DCRT, 55 patients); new pathological fractures at "
        "3 months 8.7 % vs 4.3 %. The author list was not shown (first author taken from the "
        "trial's primary report)."
    ),
)

RYU_2008: Final = Citation(
    key="ryu2008",
    authors="Ryu S, Jin R, Jin JY, Chen Q, Rock J, Anderson J, Movsas B.",
    year=2008,
    title="Pain control by image-guided radiosurgery for solitary spinal metastasis",
    journal="J Pain Symptom Manage",
    locator="35(3):292-298",
    doi="10.1016/j.jpainsymman.2007.04.020",
    pmid="18215498",
    verified=True,
    verification=(
        "Abstract read (PubMed 18215498): 49 patients, 61 solitary spinal metastases, single-dose "
        "radiosurgery 10-16 Gy; median time to pain relief 14 days, earliest within 24 hours; "
        "complete relief 46 %, partial 18.9 %."
    ),
)

VAN_DER_LINDEN_2004: Final = Citation(
    key="vanderlinden2004",
    authors=(
        "van der Linden YM, Lok JJ, Steenland E, Martijn H, van Houwelingen H, Marijnen CAM, "
        "Leer JWH; Dutch Bone Metastasis Study Group."
    ),
    year=2004,
    title=(
        "Single fraction radiotherapy is efficacious: a further analysis of the Dutch Bone "
        "Metastasis Study controlling for the influence of retreatment"
    ),
    journal="Int J Radiat Oncol Biol Phys",
    locator="59(2):528-537",
    doi="10.1016/j.ijrobp.2003.10.006",
    pmid="15145173",
    verified=True,
    verification=(
        "Abstract read (PMID 15145173): retreatment 24 % after 8 Gy single fraction vs 6 % after "
        "24 Gy in multiple fractions (p < 0.001), over the trial's follow-up, bone metastases of "
        "any site."
    ),
)

ALL: Final = (
    VAN_DER_VELDEN_2018,
    VAN_DER_LINDEN_2004,
    RYU_2008,
    TRUNTZER_2013,
    CHOW_2012,
    RADES_2011,
    ZENG_2022,
    KIM_2019,
    BILSKY_2011,
    BALAGAMWALA_2018,
    PAN_2014,
    CHIANG_2013,
    SPRAVE_2018_FRACTURE,
)
