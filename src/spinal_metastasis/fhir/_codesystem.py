"""The project's code system: the codes that SNOMED CT, LOINC and ICD-10-CM do not define.

Concepts are built from the model's own enums and field names, so that a code exists once:
``<field>`` for an input (``"pain"``), ``<field>.<value>`` for an enum value
(``"pain.mechanical"``, ``"escc.1c"``), ``<score>`` and ``<score>.<category>`` for a score
and its categories, ``modality.<value>`` and ``eligibility.<value>`` for the options.
Score items are ``<score>.item.<name>``; the code system lists the fixed concepts and is
published as a ``fragment`` for the item codes.
"""

import functools
import re
from enum import StrEnum
from typing import Final

from spinal_metastasis import (
    ESCC,
    Alignment,
    BauerGroup,
    BoneLesion,
    Collapse,
    Eligibility,
    EsccGrade,
    Frankel,
    KatagiriGroup,
    Modality,
    ModifiedBauerStrategy,
    NomsPathway,
    Pain,
    Posterolateral,
    PrimaryTumor,
    SinsCategory,
    Stabilization,
    SystemicAgent,
    TokuhashiCategory,
    TomitaCategory,
    VisceralMetastases,
)
from spinal_metastasis.fhir._codes import CODE_SYSTEM_URL

__all__: list[str] = []

#: Enum-valued inputs coded by the project, by model field.
ENUM_FIELDS: Final[dict[str, type[StrEnum]]] = {
    "pain": Pain,
    "bone_lesion": BoneLesion,
    "alignment": Alignment,
    "collapse": Collapse,
    "posterolateral": Posterolateral,
    "escc": ESCC,
    "frankel": Frankel,
    "visceral_metastases": VisceralMetastases,
    "systemic_therapy": SystemicAgent,
    "primary": PrimaryTumor,
}

#: Lesion inputs carried by project-coded Observations (focus: the lesion's condition).
LESION_FIELDS: Final = (
    "pain",
    "bone_lesion",
    "alignment",
    "collapse",
    "posterolateral",
    "escc",
    "posterior_wall_intact",
    "worst_pain_nrs",
    "distance_to_cord_mm",
    "paraspinal_extension",
)

#: Patient inputs carried by project-coded Observations.
PATIENT_FIELDS: Final = (
    "age_years",
    "frankel",
    "ambulatory",
    "paraplegia_duration_hours",
    "extraspinal_bone_metastases",
    "vertebral_metastases",
    "visceral_metastases",
    "brain_metastases",
    "disseminated_metastases",
    "hormone_dependent",
    "molecular_targeted_therapy",
    "previous_chemotherapy",
    "inr",
    "systemic_therapy",
    "prior_radiation",
    "expected_survival_years",
    "medically_operable",
    "implanted_cardiac_device",
    "active_infection",
)

#: UCUM units of the project-coded quantities.
QUANTITY_UNITS: Final = {
    "age_years": ("a", "year"),
    "paraplegia_duration_hours": ("h", "hour"),
    "distance_to_cord_mm": ("mm", "millimeter"),
    "expected_survival_years": ("a", "year"),
    "inr": ("{INR}", "INR"),
}

#: The score results, by their attribute on ``Prognosis`` or ``LesionAssessment``.
SCORE_CATEGORIES: Final[dict[str, type[StrEnum] | None]] = {
    "sins": SinsCategory,
    "tokuhashi_revised": TokuhashiCategory,
    "tomita": TomitaCategory,
    "bauer": BauerGroup,
    "modified_bauer": ModifiedBauerStrategy,
    "nesms": None,  # the category is the score itself (0-3)
    "katagiri": KatagiriGroup,
}
PROGNOSTIC_SCORES: Final = (
    "tokuhashi_revised",
    "tomita",
    "bauer",
    "modified_bauer",
    "nesms",
    "katagiri",
)
_NESMS_CATEGORIES: Final = range(4)

_OTHER: Final = {
    "total_points": "Total points of a score",
    "category": "Category of a score",
    "escc_grade": "Low or high grade epidural spinal cord compression (ESCC grouping)",
    "noms": "NOMS decision framework",
    "noms.stabilization": "NOMS stabilization",
    "collapse_risk": "Vertebral compression fracture after the treatment",
    "local_control": "Local tumor control after the treatment",
    "cord_max_dose": "Spinal cord (thecal sac) point-maximum dose of a radiotherapy course",
    "fractions": "Number of fractions",
    "possible_eligibility": "Verdicts that a completion of the unknowns gives",
    "finding": "A finding behind a verdict, with its source",
    "spinal_metastasis": "The spinal_metastasis library",
}


def slug(text: str) -> str:
    """Turn an item name into a code fragment (``"KPS (points)"`` gives ``kps_points``)."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "item"


def _display(text: str) -> str:
    return text.replace("_", " ")


@functools.cache
def concepts() -> dict[str, str]:  # noqa: C901 - one loop per family of codes
    """Every fixed concept of the code system: code -> display."""
    found: dict[str, str] = {}
    for field in (*LESION_FIELDS, *PATIENT_FIELDS, "primary"):
        found[field] = _display(field)
    for field, enum in ENUM_FIELDS.items():
        for member in enum:
            found[f"{field}.{member.value}"] = f"{_display(field)}: {_display(member.value)}"
    found["systemic_therapy.none"] = "systemic therapy: none"
    for score, categories in SCORE_CATEGORIES.items():
        found[score] = _display(score)
        values = (
            [str(value) for value in _NESMS_CATEGORIES]
            if categories is None
            else [member.value for member in categories]
        )
        for value in values:
            found[f"{score}.{value}"] = f"{_display(score)}: {_display(value)}"
    for grade in EsccGrade:
        found[f"escc_grade.{grade.value}"] = f"ESCC grade: {_display(grade.value)}"
    for pathway in NomsPathway:
        found[f"noms.{pathway.value}"] = f"NOMS: {_display(pathway.value)}"
    for stabilization in Stabilization:
        found[f"noms.stabilization.{stabilization.value}"] = (
            f"NOMS stabilization: {_display(stabilization.value)}"
        )
    for modality in Modality:
        found[f"modality.{modality.value}"] = _display(modality.value)
    for eligibility in Eligibility:
        found[f"eligibility.{eligibility.value}"] = f"eligibility: {_display(eligibility.value)}"
    found.update(_OTHER)
    return found


def coding(code: str, *, display: str | None = None) -> dict[str, str]:
    """A Coding of the project's code system."""
    return {
        "system": CODE_SYSTEM_URL,
        "code": code,
        "display": display or concepts().get(code, _display(code)),
    }


def code_system(version: str) -> dict[str, object]:
    """The CodeSystem resource of the project's codes."""
    return {
        "resourceType": "CodeSystem",
        "url": CODE_SYSTEM_URL,
        "version": version,
        "name": "SpinalMetastasis",
        "title": "spinal_metastasis inputs, scores and options",
        "status": "active",
        "experimental": False,
        "publisher": "The spinal_metastasis developers",
        "description": (
            "Codes for what SNOMED CT, LOINC and ICD-10-CM do not define: the SINS items, the "
            "epidural grade, the spine scores and their categories, the treatment options and "
            "their verdicts. Score items are coded <score>.item.<name>."
        ),
        "caseSensitive": True,
        "content": "fragment",
        "concept": [
            {"code": code, "display": display} for code, display in sorted(concepts().items())
        ],
    }
