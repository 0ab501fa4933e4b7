"""Building FHIR values for the export: codings, quantities, ranges, references and ids."""

import uuid
from collections.abc import Mapping, Sequence
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Final

from spinal_metastasis.anatomy import VertebralLevel
from spinal_metastasis.evidence import Citation, Finding
from spinal_metastasis.fhir import _codes as c
from spinal_metastasis.fhir._codesystem import (
    QUANTITY_UNITS,
    coding,
)
from spinal_metastasis.provenance import library_version as provenance_library_version
from spinal_metastasis.ranges import ScoreRange

if TYPE_CHECKING:
    from spinal_metastasis.model import SystemicAgent


Resource = dict[str, object]


_NAMESPACE: Final = uuid.UUID("5b0f3f6e-2d0c-4f43-9a4e-6d1f6c2a9b71")


_IMAGING: Final = frozenset(
    {
        "bone_lesion",
        "alignment",
        "collapse",
        "posterolateral",
        "escc",
        "posterior_wall_intact",
        "distance_to_cord_mm",
        "paraspinal_extension",
    }
)


_COUNTED: Final = frozenset({"vertebral_metastases", "extraspinal_bone_metastases"})


_LOINC_FIELDS: Final = {"ecog": c.ECOG_LOINC, "kps": c.KARNOFSKY_LOINC}


def library_version() -> str:
    """Return the installed version of the library (as :mod:`spinal_metastasis.provenance`)."""
    return provenance_library_version()


def _category_value(category: object) -> str | None:
    if category is None:
        return None
    if isinstance(category, Enum):
        return str(category.value)
    return str(category)


def _codeable(*codings: Mapping[str, str], text: str | None = None) -> Resource:
    result: Resource = {"coding": [dict(item) for item in codings]}
    if text:
        result["text"] = text
    return result


def _project(code: str, *, text: str | None = None) -> Resource:
    return _codeable(coding(code), text=text)


def _absent(reason: str = "unknown") -> Resource:
    return {"coding": [{"system": c.DATA_ABSENT_REASON, "code": reason}]}


def _range_or_integer(points: ScoreRange) -> Resource:
    if points.low == points.high:
        return {"valueInteger": points.low}
    return {"valueRange": {"low": {"value": points.low}, "high": {"value": points.high}}}


def _number(value: float) -> int | float:
    """A JSON number: integral floats as ints (FHIR decimals keep their written precision)."""
    return int(value) if float(value).is_integer() else value


def _scaled(value: float, factor: int) -> int | float:
    """Multiply by a power of ten without binary noise (20.1 Gy -> 2010 cGy)."""
    return _number(float(Decimal(repr(value)) * factor))


def _vertebra(level: VertebralLevel) -> dict[str, str]:
    code, display = c.VERTEBRA_CODES[level]
    return {"system": c.SNOMED, "code": code, "display": display}


def _levels_site(lesion_levels: Sequence[VertebralLevel], label: str) -> Resource:
    return _codeable(*(_vertebra(level) for level in lesion_levels), text=label)


def _citation_text(citation: Citation) -> str:
    return str(citation)


def _finding_note(finding: Finding) -> Resource:
    return {"text": f"{finding.statement} [{_citation_text(finding.citation)}]"}


class _Builder:
    """Collects the entries; references are urn:uuid derived from the inputs (deterministic)."""

    def __init__(self, seed: str) -> None:
        self._seed = seed
        self._count = 0
        self.entries: list[Resource] = []

    def uuid(self, name: str) -> uuid.UUID:
        return uuid.uuid5(_NAMESPACE, f"{self._seed}/{name}")

    def add(self, resource: Resource) -> str:
        self._count += 1
        reference = f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{self._seed}/{self._count}')}"
        self.entries.append({"fullUrl": reference, "resource": resource})
        return reference


def _quantity(value: float, code: str, unit: str) -> Resource:
    return {"value": _number(value), "unit": unit, "system": c.UCUM, "code": code}


def _value(field: str, value: object) -> Resource:  # noqa: PLR0911 - one return per type
    """The value[x] (or components) of a project-coded input."""
    if field == "systemic_therapy":
        agents: tuple[SystemicAgent, ...] = value  # type: ignore[assignment]
        if not agents:
            return {"valueCodeableConcept": _project("systemic_therapy.none")}
        return {
            "component": [
                {
                    "code": _project("systemic_therapy"),
                    "valueCodeableConcept": _project(f"systemic_therapy.{agent.value}"),
                }
                for agent in agents
            ]
        }
    if field == "prior_radiation":
        return {"valueBoolean": False}  # an empty tuple: no earlier radiotherapy to the spine
    if isinstance(value, bool):
        return {"valueBoolean": value}
    if isinstance(value, Enum):
        return {"valueCodeableConcept": _project(f"{field}.{value.value}")}
    if isinstance(value, int) and field not in QUANTITY_UNITS:
        return {"valueInteger": value}
    code, unit = QUANTITY_UNITS[field]
    return {"valueQuantity": _quantity(float(value), code, unit)}  # type: ignore[arg-type]


def _finding_parameter(finding: Finding) -> Resource:
    citation = finding.citation
    parts: list[Resource] = [
        {"name": "statement", "valueString": finding.statement},
        {"name": "citation", "valueString": _citation_text(citation)},
    ]
    if citation.doi:
        parts.append({"name": "doi", "valueUri": f"https://doi.org/{citation.doi}"})
    if citation.pmid:
        parts.append({"name": "pmid", "valueString": citation.pmid})
    parts.extend(
        {"name": "input", "valueString": f"{item.name}={item.value}"} for item in finding.inputs
    )
    rule_id = getattr(finding, "rule_id", None)
    if isinstance(rule_id, str):
        parts.append({"name": "rule_id", "valueString": rule_id})
    return {"name": "finding", "part": parts}


_CONDITION_FIELDS: Final = frozenset({"primary", "levels", "lesions"})


_PROCEDURE_FIELDS: Final = frozenset({"prior_radiation"})


def _requirement(name: str) -> Resource:
    """The DataRequirement of a missing input: the resource type and the code that carries it."""
    if name in _LOINC_FIELDS:
        code = {"system": c.LOINC, "code": _LOINC_FIELDS[name]}
        kind = "Observation"
    elif name in c.LAB_CODES:
        code = {"system": c.LOINC, "code": c.LAB_CODES[name][0][0]}
        kind = "Observation"
    elif name in _PROCEDURE_FIELDS:
        code = {"system": c.SNOMED, "code": c.RADIOTHERAPY_COURSE_SNOMED}
        kind = "Procedure"
    else:
        code = coding(name)
        kind = "Condition" if name in _CONDITION_FIELDS else "Observation"
    return {"type": kind, "codeFilter": [{"path": "code", "code": [code]}]}
