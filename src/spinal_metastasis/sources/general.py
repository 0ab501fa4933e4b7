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

ALL: Final = (FRANKEL_1969, OKEN_1982, KARNOFSKY_1949)
