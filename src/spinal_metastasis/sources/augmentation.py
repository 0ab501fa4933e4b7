"""Citations of vertebral augmentation (vertebroplasty, kyphoplasty).

Each constant is a :class:`~spinal_metastasis.evidence.Citation`, stored once;
:mod:`spinal_metastasis.sources.percutaneous` re-exports them with the other percutaneous
options' sources, and the registry :data:`spinal_metastasis.references.REFERENCES` collects
them all.
"""

from typing import Final

from spinal_metastasis.evidence import Citation

__all__ = [
    "BERENSON_2011",
    "EVANS_2016",
    "HQO_2016",
    "PEREZ_2021",
    "SARAVANA_BAWAN_2019",
    "TSOUMAKIDOU_2017",
]

# --- Vertebral augmentation ---------------------------------------------------------------------

BERENSON_2011: Final = Citation(
    key="berenson2011",
    authors=(
        "Berenson J, Pflugmacher R, Jarzem P, Zonder J, Schechtman K, Tillman JB, Bastian L, "
        "Ashraf T, Vrionis F; Cancer Patient Fracture Evaluation (CAFE) Investigators."
    ),
    year=2011,
    title=(
        "Balloon kyphoplasty versus non-surgical fracture management for treatment of painful "
        "vertebral body compression fractures in patients with cancer: a multicentre, "
        "randomised controlled trial"
    ),
    journal="Lancet Oncol",
    locator="12(3):225-235",
    doi="10.1016/S1470-2045(11)70008-0",
    verified=True,
    verification=(
        "Abstract read (ScienceDirect): 134 randomised; Roland-Morris disability 17.6 to 9.1 "
        "at 1 month with kyphoplasty (change -8.3). The better pain 'at 1 week' and the "
        "crossover of 38/52 controls were read on the manufacturer's trial page (secondary)."
    ),
)

HQO_2016: Final = Citation(
    key="hqo2016",
    authors="Health Quality Ontario.",
    year=2016,
    title=(
        "Vertebral augmentation involving vertebroplasty or kyphoplasty for cancer-related "
        "vertebral compression fractures: a systematic review"
    ),
    journal="Ont Health Technol Assess Ser",
    verified=True,
    verification=(
        "Key messages read (copy of the report): 'performed on an outpatient basis without "
        "general anesthesia'; both procedures 'rapidly reduce pain'. Volume, issue and pages "
        "not seen."
    ),
)

EVANS_2016: Final = Citation(
    key="evans2016",
    authors="Evans AJ, Kip KE, Brinjikji W, Layton KF, Jensen ML, Gaughen JR, Kallmes DF.",
    year=2016,
    title=(
        "Randomized controlled trial of vertebroplasty versus kyphoplasty in the treatment of "
        "vertebral compression fractures"
    ),
    journal="J Neurointerv Surg",
    locator="8(7):756",
    verified=True,
    verification=(
        "Abstract read (journal page): osteoporotic, not malignant, fractures; pain 7.4 to "
        "4.1 (kyphoplasty) and 7.9 to 3.7 (vertebroplasty) at 3 days."
    ),
)

PEREZ_2021: Final = Citation(
    key="perez2021",
    authors="Perez JL, Ozpinar A, Agarwal N, Hacker E, Alan N, Gerszten PC.",
    year=2021,
    title=(
        "Safety and efficacy of balloon kyphoplasty for vertebral fractures with posterior "
        "wall disruption"
    ),
    journal="Int J Spine Surg",
    locator="15(2):353",
    verified=True,
    verification=(
        "Abstract read (journal full text): 'A disruption in the posterior wall of the "
        "affected vertebra is often considered to be a relative or an absolute "
        "contraindication to BK'; 98 patients, 157 benign fractures with posterior wall "
        "disruption: asymptomatic cement leakage in 9 %, no neurological sequelae at 6 weeks."
    ),
)

SARAVANA_BAWAN_2019: Final = Citation(
    key="saravanabawan2019",
    authors="Saravana-Bawan S, et al.",
    year=2019,
    title="Palliation of bone metastases: exploring options beyond radiotherapy",
    journal="Ann Palliat Med",
    locator="8:168",
    doi="10.21037/apm.2018.12.04",
    verified=True,
    verification=(
        "Read in the article itself (journal page): 'While VP can mechanically stabilize the "
        "vertebral body, it does not treat the local tumor.' First author, volume, first page "
        "and DOI from a citing article's reference list; co-authors not seen."
    ),
)

TSOUMAKIDOU_2017: Final = Citation(
    key="tsoumakidou2017",
    authors="Tsoumakidou G, Too CW, Koch G, Caudrelier J, Cazzato RL, Garnon J, Gangi A.",
    year=2017,
    title="CIRSE guidelines on percutaneous vertebral augmentation",
    journal="Cardiovasc Intervent Radiol",
    locator="40(3):331-342",
    doi="10.1007/s00270-017-1574-8",
    verified=False,
    verification=(
        "Bibliographic details read on the Springer page; the contraindication list was not "
        "read. The active-infection contraindication applied with this citation is from the "
        "project's clinical reference (from memory)."
    ),
)
