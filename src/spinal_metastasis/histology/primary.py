"""The primary tumor: where the cancer started, a finding of the patient."""

from enum import StrEnum

__all__ = ["PrimaryTumor"]


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
