"""``assessment_to_bundle``: an assessment as a FHIR R4 collection Bundle, on plain dicts.

The bundle holds the inputs as mCODE STU4 resources (so that
:func:`~spinal_metastasis.fhir.patient_from_bundle` reads every known input back) and the
results: each score as an Observation, each option as a GuidanceResponse, the collapse risk
and the local control of each option as RiskAssessments, and a Provenance naming the library
and its version. See ``docs/explanation/interoperability.md`` for the field-by-field table.
"""

import hashlib
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from enum import Enum
from typing import Any, Final, Protocol

from attrs import evolve

from spinal_metastasis import AssessmentSettings
from spinal_metastasis.anatomy import VertebralLevel
from spinal_metastasis.assessment import Assessment, LesionAssessment
from spinal_metastasis.errors import InvalidInputError
from spinal_metastasis.evidence import Citation, Finding
from spinal_metastasis.fhir import _codes as c
from spinal_metastasis.fhir._checks import check_day, check_type
from spinal_metastasis.fhir._codesystem import (
    LESION_FIELDS,
    PATIENT_FIELDS,
    PROGNOSTIC_SCORES,
    QUANTITY_UNITS,
    code_system,
    coding,
    slug,
)
from spinal_metastasis.io import to_json
from spinal_metastasis.model import Patient, RadiationCourse, SpinalLesion, SystemicAgent
from spinal_metastasis.provenance import library_version as provenance_library_version
from spinal_metastasis.provenance import provenance
from spinal_metastasis.ranges import DayRange, ProbabilityRange, ScoreRange
from spinal_metastasis.treatments.option import Eligibility, OptionAssessment

__all__ = ["assessment_to_bundle", "library_version", "patient_to_bundle"]

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


class _Item(Protocol):
    """One item of a score (``ScoreComponent``)."""

    @property
    def name(self) -> str: ...
    @property
    def finding(self) -> str: ...
    @property
    def points(self) -> ScoreRange: ...


class _ScoreResult(Protocol):
    """What every score result has (DESIGN: points, category, possible categories, items)."""

    @property
    def points(self) -> ScoreRange: ...
    @property
    def category(self) -> object: ...
    @property
    def possible_categories(self) -> frozenset[Any]: ...
    @property
    def components(self) -> tuple[_Item, ...]: ...
    @property
    def citation(self) -> Citation: ...


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


class _Export:
    def __init__(
        self,
        patient: Patient,
        assessment: Assessment | None,
        *,
        as_of: date,
        recorded: datetime,
        settings: AssessmentSettings | None = None,
    ) -> None:
        self.assessment = assessment
        self.provenance = provenance(settings)
        self.patient = patient
        self.as_of = as_of.isoformat()
        self.recorded = recorded.isoformat()
        # Patient identifiers never enter the bundle, not even hashed.
        anonymous = evolve(self.patient, patient_id=None)
        seed = hashlib.sha256(to_json(anonymous).encode()).hexdigest()
        self.builder = _Builder(seed)
        self.version = library_version()
        self.subject = ""
        self.primary: str | None = None
        self.lesion_refs: list[str] = []
        self.inputs: list[str] = []
        self.factors: list[str] = []  # the patient-level input Observations
        self.outputs: list[str] = []

    # --- inputs -------------------------------------------------------------------------

    def run(self) -> Resource:
        self.builder.add(code_system(self.version))
        self.device = self.builder.add(self._device())
        self.subject = self.builder.add(self._patient_resource())
        self._primary()
        for lesion in self.patient.lesions:
            self._lesion(lesion)
        self._patient_observations()
        self._radiation()
        if self.assessment is not None:
            self._results(self.assessment)
            self._provenance(self.assessment)
        return {
            "resourceType": "Bundle",
            "type": "collection",
            "timestamp": self.recorded,
            "entry": self.builder.entries,
        }

    def _device(self) -> Resource:
        return {
            "resourceType": "Device",
            "deviceName": [{"name": "spinal_metastasis", "type": "user-friendly-name"}],
            "version": [
                {"type": {"text": "library"}, "value": self.version},
                {"type": {"text": "schema"}, "value": str(self.provenance["schema_version"])},
            ],
            "type": _project("spinal_metastasis"),
        }

    def _patient_resource(self) -> Resource:
        # US Core asks for an identifier, a name and a gender: the identifier is the
        # resource's own urn (never the caller's), the name is masked, the gender unknown.
        return {
            "resourceType": "Patient",
            "meta": {"profile": [c.CANCER_PATIENT]},
            "identifier": [
                {"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{self.builder.uuid('patient')}"}
            ],
            "name": [
                {"extension": [{"url": c.DATA_ABSENT_REASON_EXTENSION, "valueCode": "masked"}]}
            ],
            "gender": "unknown",
        }

    def _condition(self, profile: str, code: Resource) -> Resource:
        return {
            "resourceType": "Condition",
            "meta": {"profile": [profile]},
            "clinicalStatus": {"coding": [{"system": c.CONDITION_CLINICAL, "code": "active"}]},
            "category": [
                {"coding": [{"system": c.CONDITION_CATEGORY, "code": "problem-list-item"}]}
            ],
            "code": code,
            "subject": {"reference": self.subject},
        }

    def _primary(self) -> None:
        primary = self.patient.primary
        if primary is None:
            return
        written = c.PRIMARY_ICD10_WRITTEN.get(primary)
        standard = (
            {"system": c.ICD10CM, "code": written[0], "display": written[1]}
            if written
            else {
                "system": c.SNOMED,
                "code": c.MALIGNANT_DISEASE_SNOMED,
                "display": "Malignant neoplastic disease (disorder)",
            }
        )
        resource = self._condition(
            c.PRIMARY_CANCER_CONDITION,
            _codeable(standard, coding(f"primary.{primary.value}"), text=primary.label),
        )
        morphology = c.LUNG_MORPHOLOGY_WRITTEN.get(primary)
        if morphology:
            resource["extension"] = [
                {
                    "url": c.HISTOLOGY_EXTENSION,
                    "valueCodeableConcept": _codeable(
                        {"system": c.ICDO3, "code": morphology[0], "display": morphology[1]}
                    ),
                }
            ]
        self.primary = self.builder.add(resource)
        self.inputs.append(self.primary)

    def _lesion(self, lesion: SpinalLesion) -> None:
        code, display = c.BONE_SECONDARY_WRITTEN
        resource = self._condition(
            c.SECONDARY_CANCER_CONDITION,
            _codeable({"system": c.ICD10CM, "code": code, "display": display}),
        )
        resource["bodySite"] = [
            _codeable(_vertebra(level), text=level.label) for level in lesion.levels
        ]
        if self.primary:
            resource["extension"] = [
                {
                    "url": c.CONDITION_RELATED_EXTENSION,
                    "valueReference": {"reference": self.primary},
                }
            ]
        reference = self.builder.add(resource)
        self.lesion_refs.append(reference)
        self.inputs.append(reference)
        for field in LESION_FIELDS:
            value = getattr(lesion, field)
            if value is not None:
                category = "imaging" if field in _IMAGING else "exam"
                observation = self._observation(field, value, category=category)
                observation["focus"] = [{"reference": reference}]
                self.inputs.append(self.builder.add(observation))

    def _observation(self, field: str, value: object, *, category: str | None) -> Resource:
        resource: Resource = {
            "resourceType": "Observation",
            "status": "final",
            "code": _project(field),
            "subject": {"reference": self.subject},
            "effectiveDateTime": self.as_of,
        }
        if category:
            resource["category"] = [
                {"coding": [{"system": c.OBSERVATION_CATEGORY, "code": category}]}
            ]
        resource.update({"dataAbsentReason": _absent()} if value is None else _value(field, value))
        return resource

    def _patient_observations(self) -> None:
        patient = self.patient
        for field, loinc in _LOINC_FIELDS.items():
            value = getattr(patient, field)
            if value is None:
                continue
            profile = (
                c.ECOG_PERFORMANCE_STATUS if field == "ecog" else c.KARNOFSKY_PERFORMANCE_STATUS
            )
            display = (
                "ECOG Performance Status score"
                if field == "ecog"
                else "Karnofsky Performance Status score"
            )
            resource: Resource = {
                "resourceType": "Observation",
                "meta": {"profile": [profile]},
                "status": "final",
                "category": [{"coding": [{"system": c.OBSERVATION_CATEGORY, "code": "survey"}]}],
                "code": _codeable({"system": c.LOINC, "code": loinc, "display": display}),
                "subject": {"reference": self.subject},
                "effectiveDateTime": self.as_of,
                "valueInteger": value,
            }
            self._factor(resource)
        for field, codes in c.LAB_CODES.items():
            value = getattr(patient, field)
            if value is None:
                continue
            code, display = codes[0]
            unit = c.LAB_UNITS[field][0]
            resource = {
                "resourceType": "Observation",
                "meta": {"profile": [c.US_CORE_LAB]},
                "status": "final",
                "category": [
                    {"coding": [{"system": c.OBSERVATION_CATEGORY, "code": "laboratory"}]}
                ],
                "code": _codeable({"system": c.LOINC, "code": code, "display": display}),
                "subject": {"reference": self.subject},
                "effectiveDateTime": self.as_of,
                "valueQuantity": {
                    "value": _number(value),
                    "unit": unit,
                    "system": c.UCUM,
                    "code": unit,
                },
            }
            self._factor(resource)
        for field in PATIENT_FIELDS:
            value = getattr(patient, field)
            if value is None and field in _COUNTED and patient.lesions:
                # The import counts sites from the conditions: say that the count is unknown.
                self._factor(self._observation(field, None, category=None))
            if value is None or (field == "prior_radiation" and value):
                continue
            self._factor(self._observation(field, value, category=None))

    def _factor(self, resource: Resource) -> None:
        reference = self.builder.add(resource)
        self.inputs.append(reference)
        self.factors.append(reference)

    def _radiation(self) -> None:
        for course in self.patient.prior_radiation or ():
            self._course(course)

    def _course(self, course: RadiationCourse) -> None:
        label = "–".join(dict.fromkeys((course.levels[0].label, course.levels[-1].label)))
        volume: Resource = {
            "resourceType": "BodyStructure",
            "meta": {"profile": [c.RADIOTHERAPY_VOLUME]},
            "description": f"Treated vertebrae {label}",
            "patient": {"reference": self.subject},
        }
        if len(course.levels) == 1:
            volume["location"] = _codeable(_vertebra(course.levels[0]))
        volume_ref = self.builder.add(volume)
        period: Resource
        if course.days_since_completion is None:
            period = {
                "extension": [{"url": c.DATA_ABSENT_REASON_EXTENSION, "valueCode": "unknown"}]
            }
        else:
            end = date.fromisoformat(self.as_of) - timedelta(days=course.days_since_completion)
            period = {"end": end.isoformat()}
        fractions = course.fractionation.fractions
        resource: Resource = {
            "resourceType": "Procedure",
            "meta": {"profile": [c.RADIOTHERAPY_COURSE_SUMMARY]},
            "extension": [
                {"url": c.SESSIONS_EXTENSION, "valueUnsignedInt": fractions},
                {
                    "url": c.DOSE_TO_VOLUME_EXTENSION,
                    "extension": [
                        {"url": "volume", "valueReference": {"reference": volume_ref}},
                        {
                            "url": "totalDoseDelivered",
                            "valueQuantity": {
                                "value": _scaled(course.fractionation.total_dose_gy, 100),
                                "unit": "cGy",
                                "system": c.UCUM,
                                "code": "cGy",
                            },
                        },
                        {"url": "fractionsDelivered", "valueUnsignedInt": fractions},
                    ],
                },
            ],
            "status": "completed",
            "code": _codeable(
                {
                    "system": c.SNOMED,
                    "code": c.RADIOTHERAPY_COURSE_SNOMED,
                    "display": "Radiotherapy course of treatment (regime/therapy)",
                }
            ),
            "subject": {"reference": self.subject},
            "performedPeriod": period,
            "reasonCode": [
                _codeable(
                    {
                        "system": c.SNOMED,
                        "code": c.SECONDARY_DISEASE_SNOMED,
                        "display": "Secondary malignant neoplastic disease (disorder)",
                    }
                )
            ],
            "bodySite": [_codeable(_vertebra(level), text=level.label) for level in course.levels],
        }
        procedure = self.builder.add(resource)
        self.inputs.extend((volume_ref, procedure))
        if course.cord_max_dose is not None:
            cord: Resource = {
                "resourceType": "Observation",
                "status": "final",
                "code": _project("cord_max_dose"),
                "subject": {"reference": self.subject},
                "partOf": [{"reference": procedure}],
                "effectiveDateTime": self.as_of,
                "bodySite": _codeable(
                    {"system": c.SNOMED, "code": c.SPINAL_CORD[0], "display": c.SPINAL_CORD[1]}
                ),
                "valueQuantity": _quantity(course.cord_max_dose.total_dose_gy, "Gy", "gray"),
                "component": [
                    {
                        "code": _project("fractions"),
                        "valueInteger": course.cord_max_dose.fractions,
                    }
                ],
            }
            self.inputs.append(self.builder.add(cord))

    # --- results ------------------------------------------------------------------------

    def _results(self, assessment: Assessment) -> None:
        prognosis = assessment.prognosis
        for name in PROGNOSTIC_SCORES:
            score = getattr(prognosis, name)
            if score is not None:
                self.outputs.append(self.builder.add(self._score(name, score, lesion=None)))
        for index, lesion in enumerate(assessment.lesions):
            self._lesion_results(index, lesion)

    def _score(self, name: str, score: _ScoreResult, *, lesion: int | None) -> Resource:
        points = score.points
        category = _category_value(score.category)
        citation = score.citation
        components: list[Resource] = [
            {"code": _project("total_points"), **_range_or_integer(points)}
        ]
        if category is None:
            components.append({"code": _project("category"), "dataAbsentReason": _absent()})
        else:
            components.append(
                {
                    "code": _project("category"),
                    "valueCodeableConcept": _project(f"{name}.{category}"),
                }
            )
        components.extend(
            {
                "code": _codeable(
                    coding(f"{name}.item.{slug(item.name)}", display=item.name),
                    text=f"{item.name}: {item.finding}",
                ),
                **_range_or_integer(item.points),
            }
            for item in score.components
        )
        possible = sorted(str(_category_value(value)) for value in score.possible_categories)
        resource: Resource = {
            "resourceType": "Observation",
            "status": "final",
            "category": [{"coding": [{"system": c.OBSERVATION_CATEGORY, "code": "survey"}]}],
            "code": _project(name, text=str(score)),
            "subject": {"reference": self.subject},
            "effectiveDateTime": self.as_of,
            "method": {"text": _citation_text(citation)},
            "note": [{"text": "Possible categories: " + ", ".join(possible)}],
            "component": components,
        }
        if name in PROGNOSTIC_SCORES:
            # mCODE CancerRiskAssessment: the value is the category (a CodeableConcept), the
            # focus the primary cancer, the prognostic factors are the members.
            if category is None:
                resource["dataAbsentReason"] = _absent()
            else:
                resource["valueCodeableConcept"] = _project(f"{name}.{category}")
            if self.primary:
                resource["focus"] = [{"reference": self.primary}]
            if self.factors:
                resource["hasMember"] = [{"reference": ref} for ref in self.factors]
        else:
            resource.update(_range_or_integer(points))
            assert lesion is not None  # noqa: S101 - SINS is scored per lesion
            resource["focus"] = [{"reference": self.lesion_refs[lesion]}]
            assessed = self.patient.lesions[lesion]
            resource["bodySite"] = _levels_site(assessed.levels, assessed.label)
        if category is not None:
            resource["interpretation"] = [_project(f"{name}.{category}")]
        return resource

    def _lesion_results(self, index: int, lesion: LesionAssessment) -> None:
        reference = self.lesion_refs[index]
        site = _levels_site(lesion.lesion.levels, lesion.lesion.label)
        self.outputs.append(self.builder.add(self._score("sins", lesion.sins, lesion=index)))
        base = {
            "resourceType": "Observation",
            "status": "final",
            "subject": {"reference": self.subject},
            "effectiveDateTime": self.as_of,
            "focus": [{"reference": reference}],
            "bodySite": site,
        }
        if lesion.escc_grade is not None:
            grade: Resource = {
                **base,
                "code": _project("escc_grade"),
                "valueCodeableConcept": _project(f"escc_grade.{lesion.escc_grade.value}"),
            }
            self.outputs.append(self.builder.add(grade))
        noms = lesion.noms
        noms_resource: Resource = {
            **base,
            "code": _project("noms", text=str(noms.pathway.value)),
            "valueCodeableConcept": _project(f"noms.{noms.pathway.value}"),
            "component": [
                {
                    "code": _project("noms.stabilization"),
                    "valueCodeableConcept": _project(
                        f"noms.stabilization.{noms.stabilization.value}"
                    ),
                }
            ],
            "note": [_finding_note(finding) for finding in noms.findings] or None,
        }
        if not noms_resource["note"]:
            del noms_resource["note"]
        self.outputs.append(self.builder.add(noms_resource))
        for option in lesion.options:
            self._option(option, reference)

    def _option(self, option: OptionAssessment, lesion_ref: str) -> None:
        modality = f"modality.{option.modality.value}"
        parameters: list[Resource] = [
            {
                "name": "eligibility",
                "valueCoding": coding(f"eligibility.{option.eligibility.value}"),
            }
        ]
        parameters.extend(
            {"name": "possible_eligibility", "valueCoding": coding(f"eligibility.{value.value}")}
            for value in sorted(option.possible_eligibility, key=list(Eligibility).index)
        )
        parameters.extend({"name": "missing", "valueString": name} for name in option.missing)
        parameters.extend(_finding_parameter(finding) for finding in option.findings)
        output = self.builder.add({"resourceType": "Parameters", "parameter": parameters})
        undetermined = option.eligibility is Eligibility.UNDETERMINED
        guidance: Resource = {
            "resourceType": "GuidanceResponse",
            "moduleCodeableConcept": _project(modality),
            "status": "data-required" if undetermined and option.missing else "success",
            "subject": {"reference": self.subject},
            "occurrenceDateTime": self.recorded,
            "performer": {"reference": self.device},
            "reasonReference": [{"reference": lesion_ref}],
            "outputParameters": {"reference": output},
            # The findings, with their citations, are in outputParameters (not repeated here).
            "note": [{"text": f"{option.modality.value}: {option.eligibility.value}"}],
        }
        if undetermined and option.missing:
            guidance["dataRequirement"] = [_requirement(name) for name in option.missing]
        guidance_ref = self.builder.add(guidance)
        self.outputs.extend((output, guidance_ref))
        risks = (
            ("collapse_risk", option.collapse_risk.probability, None, option.collapse_risk.drivers),
            (
                "local_control",
                option.local_control.probability,
                option.local_control.horizon_days,
                option.local_control.findings,
            ),
        )
        for code, probability, horizon, findings in risks:
            if probability is None:
                continue
            self.outputs.append(
                self.builder.add(
                    self._risk(
                        code, probability, horizon, findings, guidance_ref, lesion_ref, modality
                    )
                )
            )

    def _risk(  # noqa: PLR0917 - private, called once
        self,
        code: str,
        probability: ProbabilityRange,
        horizon: DayRange | None,
        findings: Iterable[Finding],
        guidance: str,
        lesion_ref: str,
        modality: str,
    ) -> Resource:
        prediction: Resource = {
            "outcome": _project(code),
            "probabilityRange": {
                "low": {"value": probability.low, "unit": "1", "system": c.UCUM, "code": "1"},
                "high": {"value": probability.high, "unit": "1", "system": c.UCUM, "code": "1"},
            },
        }
        if horizon is not None:
            prediction["whenRange"] = {
                "low": _quantity(horizon.low, "d", "day"),
                "high": _quantity(horizon.high, "d", "day"),
            }
        resource: Resource = {
            "resourceType": "RiskAssessment",
            "status": "final",
            "code": _project(code),
            "method": _project(modality),
            "subject": {"reference": self.subject},
            "occurrenceDateTime": self.recorded,
            "condition": {"reference": lesion_ref},
            "performer": {"reference": self.device},
            "basis": [{"reference": guidance}],
            "prediction": [prediction],
        }
        notes = [_finding_note(finding) for finding in findings]
        if notes:
            resource["note"] = notes
        return resource

    def _provenance(self, assessment: Assessment) -> None:
        provenance: Resource = {
            "resourceType": "Provenance",
            "target": [{"reference": ref} for ref in self.outputs],
            "recorded": self.recorded,
            "agent": [
                {
                    "type": _codeable(
                        {
                            "system": c.PROVENANCE_PARTICIPANT,
                            "code": "assembler",
                            "display": "Assembler",
                        }
                    ),
                    "who": {
                        "reference": self.device,
                        "display": f"spinal_metastasis {self.version}",
                    },
                }
            ],
            "entity": [
                *({"role": "source", "what": {"reference": ref}} for ref in self.inputs),
                *(
                    {
                        "role": "source",
                        "what": {
                            "display": (
                                f"{role}: {table['name']} (version {table['version']}, "
                                f"sha256 {table['sha256']})"
                            )
                        },
                    }
                    for role, table in self.provenance["settings"].items()
                ),
            ],
        }
        _check_names(assessment, self.provenance["settings"])
        self.builder.add(provenance)


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


def assessment_to_bundle(
    assessment: Assessment,
    *,
    as_of: date | None = None,
    recorded: datetime | None = None,
    settings: AssessmentSettings | None = None,
) -> dict[str, object]:
    """Write an assessment as a FHIR R4 ``collection`` Bundle of plain dicts (mCODE STU4).

    The bundle holds the patient's known inputs as mCODE resources and the results: each
    score an Observation (components per item; ``valueRange`` where inputs are unknown; the
    category as ``interpretation``, or ``dataAbsentReason`` while undetermined), each option
    a GuidanceResponse (``success``, or ``data-required`` with a ``dataRequirement`` per
    missing input), collapse risk and local control RiskAssessments with
    ``probabilityRange``, and a Provenance naming the library and its version. Patient
    identifiers are never written.

    Args:
        assessment: The result of :func:`~spinal_metastasis.assessment.assess`.
        as_of: The date the inputs are dated with (``effectiveDateTime``; the end of each
            radiotherapy course is ``as_of`` minus its ``days_since_completion``). Defaults
            to the date of ``recorded``.
        recorded: When the results were produced (the Provenance's ``recorded``); defaults
            to now, in UTC. Pass both for a reproducible bundle.
        settings: The settings the assessment was made with (default: the defaults); the
            Provenance names each table with its version and SHA-256.

    Returns:
        The Bundle, a JSON-ready dict.

    Raises:
        InvalidInputError: If ``assessment`` is not an Assessment, ``as_of`` not a date
            (a ``datetime`` is refused), ``recorded`` not a datetime with a time zone, or
            ``settings`` name other tables than the assessment records.

    Examples:
        >>> from datetime import UTC, date, datetime
        >>> from spinal_metastasis import assess, example_patient
        >>> bundle = assessment_to_bundle(
        ...     assess(example_patient("breast_t12_mechanical")),
        ...     as_of=date(2026, 1, 15),
        ...     recorded=datetime(2026, 1, 15, 9, 30, tzinfo=UTC),
        ... )
        >>> bundle["resourceType"], bundle["type"]
        ('Bundle', 'collection')
    """
    check_type(assessment, Assessment, "assessment")
    when = recorded if recorded is not None else datetime.now(UTC)  # the edge: a clock
    check_type(when, datetime, "recorded")
    if when.tzinfo is None or when.utcoffset() is None:
        msg = f"'recorded' must be a datetime with a time zone (got {when!r})"
        raise InvalidInputError(msg, field="recorded")
    day = check_day(as_of, "as_of") if as_of is not None else when.date()
    export = _Export(assessment.patient, assessment, as_of=day, recorded=when, settings=settings)
    return export.run()


def patient_to_bundle(patient: Patient, *, as_of: date) -> dict[str, object]:
    """Write a patient's known inputs as a FHIR R4 ``collection`` Bundle (mCODE STU4).

    The same resources as the inputs part of :func:`assessment_to_bundle`, without results:
    :func:`~spinal_metastasis.fhir.patient_from_bundle` reads every known input back.

    Args:
        patient: The patient (its identifier is never written).
        as_of: The date the inputs are dated with.

    Returns:
        The Bundle, a JSON-ready dict.

    Raises:
        InvalidInputError: If ``patient`` is not a Patient or ``as_of`` not a date.

    Examples:
        >>> from datetime import date
        >>> from spinal_metastasis import Patient
        >>> bundle = patient_to_bundle(Patient(kps=70), as_of=date(2026, 1, 15))
        >>> [entry["resource"]["resourceType"] for entry in bundle["entry"]]
        ['CodeSystem', 'Device', 'Patient', 'Observation']
    """
    check_type(patient, Patient, "patient")
    as_of = check_day(as_of, "as_of")
    moment = datetime(as_of.year, as_of.month, as_of.day, tzinfo=UTC)
    return _Export(patient, None, as_of=as_of, recorded=moment).run()


def _check_names(assessment: Assessment, tables: Mapping[str, Mapping[str, object]]) -> None:
    """Refuse settings that contradict the tables the assessment records it used."""
    recorded = {
        "escc_grouping": assessment.escc_grouping,
        "radiosensitivity_table": assessment.radiosensitivity_table,
    }
    for role, name in recorded.items():
        given = tables.get(role, {}).get("name")
        if given is not None and given != name:
            msg = f"'settings' must be those of the assessment ({role} {name!r}, got {given!r})"
            raise InvalidInputError(msg, field="settings")
