"""Writing the patient's inputs: the Patient, Conditions, Observations and Procedures."""

import hashlib
from datetime import date, datetime, timedelta

from attrs import evolve

from spinal_metastasis import AssessmentSettings
from spinal_metastasis.assessment import Assessment
from spinal_metastasis.fhir import _codes as c
from spinal_metastasis.fhir._codesystem import (
    LESION_FIELDS,
    PATIENT_FIELDS,
    coding,
)
from spinal_metastasis.fhir._export_values import (
    _COUNTED,
    _IMAGING,
    _LOINC_FIELDS,
    Resource,
    _absent,
    _Builder,
    _codeable,
    _number,
    _project,
    _quantity,
    _scaled,
    _value,
    _vertebra,
    library_version,
)
from spinal_metastasis.io import to_json
from spinal_metastasis.model import Patient, RadiationCourse, SpinalLesion
from spinal_metastasis.provenance import provenance


class _InputExport:
    """The patient's known inputs as mCODE resources."""

    device: str  # the reference of the Device, added first by the bundle

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
