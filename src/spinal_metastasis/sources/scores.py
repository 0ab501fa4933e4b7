"""Citations of the published scores (instability, epidural compression, prognosis).

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
        "the 2010 full text was not re-read."
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
    pmid="21709187",
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

ALL: Final = (FISHER_2010, FOURNEY_2011, BILSKY_2010)
