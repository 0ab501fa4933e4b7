"""FHIR R4 / mCODE STU4 in and out, on plain JSON dicts (standard library only).

- :func:`patient_from_bundle` reads a Bundle of mCODE resources into a
  :class:`~spinal_metastasis.model.Patient`, with a report of what it read, ignored or found
  ambiguous in every resource.
- :func:`assessment_to_bundle` writes an :class:`~spinal_metastasis.assessment.Assessment` as a
  ``collection`` Bundle: the inputs as mCODE resources, the scores as Observations, the
  options as GuidanceResponses, collapse risk and local control as RiskAssessments, and a
  Provenance naming the library and its version.
- :func:`code_system` is the CodeSystem of the project's own codes, for what SNOMED CT,
  LOINC and ICD-10-CM do not define.

The field-by-field mapping and the source of every code are in the interoperability page of
the documentation.
"""

from spinal_metastasis.fhir._codes import CODE_SYSTEM_URL
from spinal_metastasis.fhir._codesystem import code_system as _code_system
from spinal_metastasis.fhir._export import assessment_to_bundle, library_version, patient_to_bundle
from spinal_metastasis.fhir._import import (
    FhirImport,
    MappingStatus,
    ReportEntry,
    patient_from_bundle,
)

__all__ = [
    "CODE_SYSTEM_URL",
    "FhirImport",
    "MappingStatus",
    "ReportEntry",
    "assessment_to_bundle",
    "code_system",
    "patient_from_bundle",
    "patient_to_bundle",
]


def code_system() -> dict[str, object]:
    """Return the CodeSystem resource of the project's codes (a JSON-ready dict).

    Examples:
        >>> code_system()["url"] == CODE_SYSTEM_URL
        True
    """
    return _code_system(library_version())
