"""The registry of every source the library uses, each stored once.

Each constant is a :class:`~spinal_metastasis.evidence.Citation`; ``verified``
says whether the values the library takes from it were read in the primary text,
and ``verification`` says what was read where. :data:`REFERENCES` maps each key
to its citation; the documentation's references page is generated from it.
"""

from types import MappingProxyType
from typing import Final

from spinal_metastasis.evidence import Citation

__all__ = [
    "BILSKY_2010",
    "FISHER_2010",
    "FOURNEY_2011",
    "FRANKEL_1969",
    "KARNOFSKY_1949",
    "OKEN_1982",
    "REFERENCES",
    "citation",
]

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

_ALL: Final = (
    FISHER_2010,
    FOURNEY_2011,
    BILSKY_2010,
    FRANKEL_1969,
    OKEN_1982,
    KARNOFSKY_1949,
)

#: Every citation the library uses, by key.
REFERENCES: Final = MappingProxyType({item.key: item for item in _ALL})


def citation(key: str) -> Citation:
    """Return the citation registered under ``key``.

    Raises:
        KeyError: If no citation has that key.

    Examples:
        >>> citation("fisher2010").short
        'Fisher 2010'
    """
    return REFERENCES[key]
