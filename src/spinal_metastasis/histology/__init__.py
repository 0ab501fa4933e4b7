"""Primary tumors, and the per-source tables that classify them.

:class:`PrimaryTumor` is a finding (where the cancer started); how each score or
framework groups primaries (growth rate, radiosensitivity, prognostic category)
is a typed table with its citation, so that another source can be passed in
without editing code.
"""

from spinal_metastasis.histology.bauer import (
    BAUER_1995_PRIMARY_GROUPS,
    BauerPrimaryGroup,
    BauerPrimaryTable,
)
from spinal_metastasis.histology.katagiri import (
    KATAGIRI_2014_PRIMARY_GROUPS,
    KATAGIRI_2014_VERIFIED_PRIMARY_GROUPS,
    KatagiriPrimaryGroup,
    KatagiriPrimaryTable,
)
from spinal_metastasis.histology.primary import PrimaryTumor
from spinal_metastasis.histology.radiosensitivity import (
    NOMS_TABLE,
    SC24_TABLE,
    Radiosensitivity,
    RadiosensitivityTable,
    is_radiosensitive,
)
from spinal_metastasis.histology.tokuhashi import (
    TOKUHASHI_2005_PRIMARY,
    TokuhashiPrimaryTable,
)
from spinal_metastasis.histology.tomita import (
    TOMITA_2001_GROWTH,
    TomitaGrowth,
    TomitaGrowthTable,
)

# The function radiosensitivity() is not re-exported here: it would hide the module of that name.
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
