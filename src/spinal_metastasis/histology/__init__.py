"""Primary tumors, and the per-source tables that classify them.

:class:`PrimaryTumor` is a finding (where the cancer started); how each score or
framework groups primaries (growth rate, radiosensitivity, prognostic category)
is a typed table with its citation, so that another source can be passed in
without editing code.
"""

from enum import StrEnum

__all__ = [
    "BAUER_1995_PRIMARY_GROUPS",
    "KATAGIRI_2014_PRIMARY_GROUPS",
    "KATAGIRI_2014_VERIFIED_PRIMARY_GROUPS",
    "NOMS_TABLE",
    "SC24_TABLE",
    "TOKUHASHI_2005_PRIMARY",
    "TOMITA_2001_GROWTH",
    "BauerPrimaryGroup",
    "BauerPrimaryTable",
    "KatagiriPrimaryGroup",
    "KatagiriPrimaryTable",
    "PrimaryTumor",
    "Radiosensitivity",
    "RadiosensitivityTable",
    "TokuhashiPrimaryTable",
    "TomitaGrowth",
    "TomitaGrowthTable",
    "is_radiosensitive",
]


class PrimaryTumor(StrEnum):
    """Site or type of the primary cancer.

    ``LUNG_NON_SMALL_CELL`` and ``LUNG_SMALL_CELL`` are both "lung" for scores that
    do not split lung cancer. ``UNKNOWN_PRIMARY`` is a known finding (cancer of
    unidentified origin), not a missing value: a missing value is ``None``.
    """

    BREAST = "breast"
    PROSTATE = "prostate"
    LUNG_NON_SMALL_CELL = "lung_non_small_cell"
    LUNG_SMALL_CELL = "lung_small_cell"
    KIDNEY = "kidney"
    THYROID = "thyroid"
    COLON = "colon"
    RECTUM = "rectum"
    STOMACH = "stomach"
    ESOPHAGUS = "esophagus"
    PANCREAS = "pancreas"
    LIVER = "liver"
    GALLBLADDER = "gallbladder"
    BLADDER = "bladder"
    UTERUS = "uterus"
    CERVIX = "cervix"
    OVARY = "ovary"
    HEAD_AND_NECK = "head_and_neck"
    MELANOMA = "melanoma"
    SARCOMA = "sarcoma"
    OSTEOSARCOMA = "osteosarcoma"
    MYELOMA = "myeloma"
    LYMPHOMA = "lymphoma"
    GERM_CELL = "germ_cell"
    NEUROENDOCRINE = "neuroendocrine"
    UNKNOWN_PRIMARY = "unknown_primary"
    OTHER = "other"

    @property
    def label(self) -> str:
        """A readable name (``"lung (non-small cell)"``)."""
        return _LABELS.get(self, self.value.replace("_", " "))


_LABELS = {
    PrimaryTumor.LUNG_NON_SMALL_CELL: "lung (non-small cell)",
    PrimaryTumor.LUNG_SMALL_CELL: "lung (small cell)",
    PrimaryTumor.HEAD_AND_NECK: "head and neck",
    PrimaryTumor.GERM_CELL: "germ cell",
    PrimaryTumor.UNKNOWN_PRIMARY: "unknown primary",
}

# The per-source tables import PrimaryTumor from this module, so they come after it. The
# function radiosensitivity() is not re-exported here: it would hide the module of that name.
from spinal_metastasis.histology.bauer import (  # noqa: E402
    BAUER_1995_PRIMARY_GROUPS,
    BauerPrimaryGroup,
    BauerPrimaryTable,
)
from spinal_metastasis.histology.katagiri import (  # noqa: E402
    KATAGIRI_2014_PRIMARY_GROUPS,
    KATAGIRI_2014_VERIFIED_PRIMARY_GROUPS,
    KatagiriPrimaryGroup,
    KatagiriPrimaryTable,
)
from spinal_metastasis.histology.radiosensitivity import (  # noqa: E402
    NOMS_TABLE,
    SC24_TABLE,
    Radiosensitivity,
    RadiosensitivityTable,
    is_radiosensitive,
)
from spinal_metastasis.histology.tokuhashi import (  # noqa: E402
    TOKUHASHI_2005_PRIMARY,
    TokuhashiPrimaryTable,
)
from spinal_metastasis.histology.tomita import (  # noqa: E402
    TOMITA_2001_GROWTH,
    TomitaGrowth,
    TomitaGrowthTable,
)
