"""FHIR R4 / mCODE STU4 import and export (spinal_metastasis.fhir).

Every bundle the module writes is validated with ``fhir.resources`` (R4B models).
The hand-written bundles follow the shape of the mCODE STU4 examples
(HL7/fhir-mCODE-ig, ``input/fsh/EX_Basic.fsh``, ``EX_ExtendedExample.fsh``,
``EX_Radiotherapy.fsh``).
"""

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from attrs import evolve
from hypothesis import HealthCheck, given, settings

from spinal_metastasis import (
    ESCC,
    Fractionation,
    Patient,
    PrimaryTumor,
    RadiationCourse,
    SpinalLesion,
    VertebralLevel,
    assess,
    example_names,
    example_patient,
    to_json,
)
from spinal_metastasis.cli import main
from spinal_metastasis.errors import InvalidInputError
from spinal_metastasis.fhir import (
    CODE_SYSTEM_URL,
    MappingStatus,
    assessment_to_bundle,
    code_system,
    patient_from_bundle,
    patient_to_bundle,
)
from spinal_metastasis.testing import patients

fhir_bundle = pytest.importorskip("fhir.resources.R4B.bundle")

AS_OF = date(2026, 1, 15)
RECORDED = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)
LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"
UCUM = "http://unitsofmeasure.org"
ICDO3 = "http://terminology.hl7.org/CodeSystem/icd-o-3"
MCODE = "http://hl7.org/fhir/us/mcode/StructureDefinition/"


def validate(bundle: Any) -> None:
    """Validate a bundle and every resource in it with the fhir.resources R4B models."""
    fhir_bundle.Bundle.model_validate(bundle)


def resources(bundle: Any, kind: str) -> list[Any]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def by_code(bundle: Any, code: str) -> list[Any]:
    return [
        resource
        for resource in resources(bundle, "Observation")
        if any(item["code"] == code for item in resource["code"]["coding"])
    ]


def export(patient: Patient) -> Any:
    return assessment_to_bundle(assess(patient), as_of=AS_OF, recorded=RECORDED)


def reimport(bundle: Any) -> Patient:
    """Import a bundle after a trip through JSON text, as an application receives it."""
    return patient_from_bundle(json.loads(json.dumps(bundle)), as_of=AS_OF).patient


# --- Hand-written bundles in the shape of the mCODE IG examples -------------------------------


def entry(resource: Any, full_url: str) -> Any:
    return {"fullUrl": full_url, "resource": resource}


PATIENT = {
    "resourceType": "Patient",
    "id": "cancer-patient-john-anyperson",
    "meta": {"profile": [MCODE + "mcode-cancer-patient"]},
    "identifier": [{"use": "usual", "system": "http://hospital.example.org", "value": "m123"}],
    "name": [{"family": "Anyperson", "given": ["John", "B."]}],
    "gender": "male",
    "birthDate": "1951-01-20",
}


def primary(code: Any, *, histology: Any = None) -> Any:
    resource: Any = {
        "resourceType": "Condition",
        "id": "primary-cancer-condition-nsclc",
        "meta": {"profile": [MCODE + "mcode-primary-cancer-condition"]},
        "clinicalStatus": {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                    "code": "active",
                }
            ]
        },
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/condition-category",
                        "code": "problem-list-item",
                    }
                ]
            }
        ],
        "code": {"coding": [code]},
        "subject": {"reference": "Patient/cancer-patient-john-anyperson"},
    }
    if histology is not None:
        resource["extension"] = [
            {
                "url": MCODE + "mcode-histology-morphology-behavior",
                "valueCodeableConcept": {"coding": [histology]},
            }
        ]
    return resource


def secondary(ident: str, *sites: str, code: str = "C79.51") -> Any:
    return {
        "resourceType": "Condition",
        "id": ident,
        "meta": {"profile": [MCODE + "mcode-secondary-cancer-condition"]},
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/condition-category",
                        "code": "problem-list-item",
                    }
                ]
            }
        ],
        "code": {"coding": [{"system": ICD10CM, "code": code}]},
        "bodySite": [{"coding": [{"system": SNOMED, "code": site}]} for site in sites],
        "subject": {"reference": "Patient/cancer-patient-john-anyperson"},
    }


def performance(loinc: str, value: object, when: str, *, status: str = "final") -> Any:
    profile = (
        "mcode-ecog-performance-status"
        if loinc == "89247-1"
        else "mcode-karnofsky-performance-status"
    )
    return {
        "resourceType": "Observation",
        "meta": {"profile": [MCODE + profile]},
        "status": status,
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                        "code": "survey",
                    }
                ]
            }
        ],
        "code": {"coding": [{"system": LOINC, "code": loinc}]},
        "subject": {"reference": "Patient/cancer-patient-john-anyperson"},
        "effectiveDateTime": when,
        "valueInteger": value,
    }


def lab(loinc: str, value: object, unit: str, when: str = "2026-01-10") -> Any:
    return {
        "resourceType": "Observation",
        "status": "final",
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                        "code": "laboratory",
                    }
                ]
            }
        ],
        "code": {"coding": [{"system": LOINC, "code": loinc}]},
        "subject": {"reference": "Patient/cancer-patient-john-anyperson"},
        "effectiveDateTime": when,
        "valueQuantity": {"value": value, "unit": unit, "system": UCUM, "code": unit},
    }


def radiotherapy(sites: list[str], cgy: object, fractions: int, end: str) -> Any:
    """A RadiotherapyCourseSummary shaped like the IG's radiotherapy-treatment-summary example."""
    return {
        "resourceType": "Procedure",
        "meta": {"profile": [MCODE + "mcode-radiotherapy-course-summary"]},
        "status": "completed",
        "code": {"coding": [{"system": SNOMED, "code": "1217123003"}]},
        "bodySite": [{"coding": [{"system": SNOMED, "code": site}]} for site in sites],
        "reasonCode": [{"coding": [{"system": ICD10CM, "code": "C79.51"}]}],
        "extension": [
            {"url": MCODE + "mcode-radiotherapy-sessions", "valueUnsignedInt": fractions},
            {
                "url": MCODE + "mcode-radiotherapy-dose-delivered-to-volume",
                "extension": [
                    {"url": "volume", "valueReference": {"reference": "BodyStructure/volume"}},
                    {
                        "url": "totalDoseDelivered",
                        "valueQuantity": {
                            "value": cgy,
                            "unit": "cGy",
                            "system": UCUM,
                            "code": "cGy",
                        },
                    },
                    {"url": "fractionsDelivered", "valueUnsignedInt": fractions},
                ],
            },
        ],
        "subject": {"reference": "Patient/cancer-patient-john-anyperson"},
        "performedPeriod": {"start": "2025-09-01", "end": end},
    }


def bundle_of(*resources_: Any) -> Any:
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            entry(r, f"urn:uuid:00000000-0000-4000-8000-{i:012d}") for i, r in enumerate(resources_)
        ],
    }


NSCLC = {"system": SNOMED, "code": "254637007", "display": "Non-small cell lung cancer (disorder)"}
T12 = "280849005"
T11 = "52120002"
T4 = "86197001"
T5 = "6105006"
T9 = "33766003"
CHEST_WALL = "78904004"


def mcode_bundle() -> Any:
    """A lung cancer patient with a T11-T12 metastasis, in mCODE resources."""
    return bundle_of(
        PATIENT,
        primary(NSCLC),
        secondary("bone-mets", T11, T12),
        performance("89247-1", 2, "2025-12-01"),
        performance("89247-1", 1, "2026-01-10"),
        performance("89247-1", 3, "2026-02-01"),  # after as_of
        performance("89243-0", 70, "2026-01-10"),
        lab("1751-7", Decimal(36), "g/L"),
        lab("1988-5", 12, "mg/L"),
        lab("777-3", 250, "10*3/uL"),
        radiotherapy([T12], 2000, 5, "2025-09-05"),
        radiotherapy([CHEST_WALL], 6000, 30, "2018-10-25"),
    )


class TestPatientFromBundle:
    def test_maps_mcode_resources(self) -> None:
        """Primary, lesion, performance status, laboratory values and radiotherapy are read."""
        expected = Patient(
            primary=PrimaryTumor.LUNG_NON_SMALL_CELL,
            lesions=(SpinalLesion(levels=(VertebralLevel.T11, VertebralLevel.T12)),),
            age_years=74.0,
            kps=70,
            ecog=1,
            vertebral_metastases=2,
            extraspinal_bone_metastases=0,
            albumin_g_per_dl=3.6,
            crp_mg_per_dl=1.2,
            platelets_10e9_per_l=250.0,
            prior_radiation=(
                RadiationCourse(
                    levels=(VertebralLevel.T12,),
                    fractionation=Fractionation(total_dose_gy=20.0, fractions=5),
                    days_since_completion=132,
                ),
            ),
        )
        assert expected == patient_from_bundle(mcode_bundle(), as_of=AS_OF).patient

    def test_report_has_one_entry_per_resource(self) -> None:
        """Every resource gets a report entry, in bundle order."""
        report = patient_from_bundle(mcode_bundle(), as_of=AS_OF).report
        assert list(range(12)) == [item.entry for item in report]

    def test_report_says_why(self) -> None:
        """Later and out-of-range values are reported as ignored, with the reason."""
        report = patient_from_bundle(mcode_bundle(), as_of=AS_OF).report
        expected = [
            (MappingStatus.IGNORED, "a later value of 'ecog' was used"),
            (MappingStatus.MAPPED, "latest 'ecog' on or before as_of"),
            (MappingStatus.IGNORED, "observed after as_of"),
            (MappingStatus.IGNORED, "a course outside the spine"),
        ]
        actual = [(report[i].status, report[i].reason) for i in (3, 4, 5, 11)]
        assert expected == actual

    def test_identifiers_never_reported(self) -> None:
        """Neither the identifier nor the name nor the resource ids appear in the report."""
        text = str(patient_from_bundle(mcode_bundle(), as_of=AS_OF))
        leaked = [word for word in ("m123", "Anyperson", "john", "bone-mets") if word in text]
        assert [] == leaked

    def test_imaging_items_unknown(self) -> None:
        """A SecondaryCancerCondition alone leaves every imaging finding unknown."""
        lesion = patient_from_bundle(mcode_bundle(), as_of=AS_OF).patient.lesions[0]
        expected = SpinalLesion(levels=(VertebralLevel.T11, VertebralLevel.T12))
        assert expected == lesion

    def test_unknown_heavy_bundle(self) -> None:
        """A bundle with one secondary condition gives a patient with everything else unknown."""
        expected = Patient(
            lesions=(SpinalLesion(levels=(VertebralLevel.T4,)),),
            vertebral_metastases=1,
            extraspinal_bone_metastases=0,
        )
        assert expected == patient_from_bundle(bundle_of(secondary("s", T4)), as_of=AS_OF).patient

    def test_empty_bundle(self) -> None:
        """An empty bundle is a patient with every input unknown."""
        assert Patient() == patient_from_bundle(bundle_of(), as_of=AS_OF).patient

    def test_non_contiguous_sites_split(self) -> None:
        """A condition at T4 and T9 is two lesions."""
        patient = patient_from_bundle(bundle_of(secondary("s", T4, T9)), as_of=AS_OF).patient
        assert [(VertebralLevel.T4,), (VertebralLevel.T9,)] == [x.levels for x in patient.lesions]

    def test_lung_without_histology_unknown(self) -> None:
        """Lung cancer coded in ICD-10-CM without histology leaves the primary unknown."""
        result = patient_from_bundle(
            bundle_of(primary({"system": ICD10CM, "code": "C34.90"})), as_of=AS_OF
        )
        assert (None, MappingStatus.AMBIGUOUS) == (result.patient.primary, result.report[0].status)

    @pytest.mark.parametrize(
        ("histology", "expected"),
        [
            pytest.param("8041/3", PrimaryTumor.LUNG_SMALL_CELL, id="small cell carcinoma"),
            pytest.param("8140/3", PrimaryTumor.LUNG_NON_SMALL_CELL, id="adenocarcinoma"),
            pytest.param("8046/3", PrimaryTumor.LUNG_NON_SMALL_CELL, id="non-small cell"),
            pytest.param("82711006", None, id="infiltrating duct carcinoma: not split"),
        ],
    )
    def test_lung_histology_splits(self, histology: str, expected: PrimaryTumor | None) -> None:
        """The histology splits small-cell from non-small-cell lung cancer; others do not."""
        condition = primary(
            {"system": ICD10CM, "code": "C34.11"},
            histology={"system": ICDO3 if "/" in histology else SNOMED, "code": histology},
        )
        assert expected == patient_from_bundle(bundle_of(condition), as_of=AS_OF).patient.primary

    def test_histology_observation(self) -> None:
        """A HistologicBehaviorAndType Observation (LOINC 31206-6) splits lung cancer too."""
        observation = {
            "resourceType": "Observation",
            "status": "final",
            "code": {"coding": [{"system": LOINC, "code": "31206-6"}]},
            "valueCodeableConcept": {
                "coding": [
                    {"system": "http://terminology.hl7.org/CodeSystem/icd-o-3", "code": "8041/3"}
                ]
            },
        }
        bundle = bundle_of(primary({"system": ICD10CM, "code": "C34.90"}), observation)
        assert (
            PrimaryTumor.LUNG_SMALL_CELL == patient_from_bundle(bundle, as_of=AS_OF).patient.primary
        )

    @pytest.mark.parametrize(
        ("code", "expected"),
        [
            ("C50.912", PrimaryTumor.BREAST),
            ("C61", PrimaryTumor.PROSTATE),
            ("C64.1", PrimaryTumor.KIDNEY),
            ("C90.00", PrimaryTumor.MYELOMA),
            ("C80.1", PrimaryTumor.UNKNOWN_PRIMARY),
            ("C65.1", None),
        ],
    )
    def test_icd10_primaries(self, code: str, expected: PrimaryTumor | None) -> None:
        """ICD-10-CM codes of the primary map to the model's primaries, or to unknown."""
        bundle = bundle_of(primary({"system": ICD10CM, "code": code}))
        assert expected == patient_from_bundle(bundle, as_of=AS_OF).patient.primary

    def test_rejected_value_names_resource_and_field(self) -> None:
        """A KPS of 85 is an error naming the entry, the element and the model field."""
        bundle = bundle_of(PATIENT, performance("89243-0", 85, "2026-01-10"))
        with pytest.raises(InvalidInputError) as raised:
            patient_from_bundle(bundle, as_of=AS_OF)
        expected = (
            (
                "entry[1] Observation.valueInteger: 'kps' must be an integer from 0 to 100 in "
                "steps of 10, or None (unknown) (got 85)"
            ),
            "kps",
        )
        assert expected == (str(raised.value), raised.value.field)

    def test_rejected_value_hides_identifiers(self) -> None:
        """The error does not show the patient's identifier or resource ids."""
        bundle = bundle_of(PATIENT, performance("89243-0", 85, "2026-01-10"))
        with pytest.raises(InvalidInputError) as raised:
            patient_from_bundle(bundle, as_of=AS_OF)
        assert "m123" not in str(raised.value)

    def test_same_day_disagreement_unknown(self) -> None:
        """Two ECOG grades on the same latest day leave ECOG unknown, reported ambiguous."""
        bundle = bundle_of(
            performance("89247-1", 1, "2026-01-10"), performance("89247-1", 2, "2026-01-10")
        )
        result = patient_from_bundle(bundle, as_of=AS_OF)
        expected = (None, [MappingStatus.AMBIGUOUS, MappingStatus.AMBIGUOUS])
        assert expected == (result.patient.ecog, [item.status for item in result.report])

    def test_unconverted_unit_unknown(self) -> None:
        """A calcium in mmol/L is left unknown (no molar mass is assumed)."""
        result = patient_from_bundle(bundle_of(lab("17861-6", 2.4, "mmol/L")), as_of=AS_OF)
        assert (None, MappingStatus.AMBIGUOUS) == (
            result.patient.calcium_mg_per_dl,
            result.report[0].status,
        )

    def test_bool_is_not_a_number(self) -> None:
        """A boolean laboratory value is an error naming the element."""
        with pytest.raises(InvalidInputError, match=r"entry\[0\] Observation.valueQuantity.value"):
            patient_from_bundle(bundle_of(lab("1751-7", True, "g/dL")), as_of=AS_OF)  # noqa: FBT003

    def test_not_a_bundle(self) -> None:
        """Anything but a Bundle is an InvalidInputError."""
        with pytest.raises(InvalidInputError, match="must be a FHIR Bundle"):
            patient_from_bundle({"resourceType": "Patient"}, as_of=AS_OF)

    def test_entry_without_resource(self) -> None:
        """An entry without a resource is an error naming it."""
        with pytest.raises(InvalidInputError, match=r"entry\[0\]\.resource"):
            patient_from_bundle({"resourceType": "Bundle", "entry": [{}]}, as_of=AS_OF)

    def test_course_without_site_leaves_radiation_unknown(self) -> None:
        """A radiotherapy course whose site is not coded leaves prior radiation unknown."""
        bundle = bundle_of(radiotherapy([], 3000, 10, "2025-01-01"))
        assert None is patient_from_bundle(bundle, as_of=AS_OF).patient.prior_radiation

    def test_brain_metastasis(self) -> None:
        """A brain metastasis (SNOMED CT 94225005, as in the IG example) sets brain_metastases."""
        condition = secondary("brain", code="C79.31")
        condition["code"] = {"coding": [{"system": SNOMED, "code": "94225005"}]}
        assert patient_from_bundle(bundle_of(condition), as_of=AS_OF).patient.brain_metastases


class TestAssessmentToBundle:
    @pytest.mark.parametrize("name", example_names())
    def test_validates(self, name: str) -> None:
        """The bundle of every example patient validates against the FHIR R4B models."""
        validate(export(example_patient(name)))

    @pytest.mark.parametrize("name", example_names())
    def test_round_trip(self, name: str) -> None:
        """Importing the export gives back every known input of the example patient."""
        patient = example_patient(name)
        assert evolve(patient, patient_id=None) == reimport(export(patient))

    def test_deterministic(self) -> None:
        """The same assessment and times give the same bundle."""
        patient = example_patient("breast_t12_mechanical")
        assert export(patient) == export(patient)

    def test_identifier_never_written(self) -> None:
        """The patient identifier appears nowhere in the bundle."""
        patient = evolve(example_patient("breast_t12_mechanical"), patient_id="MRN-0042")
        assert "MRN-0042" not in json.dumps(export(patient))

    def test_collection_with_profiles(self) -> None:
        """A collection Bundle whose mCODE resources claim their STU4 profiles."""
        bundle = export(example_patient("lung_l2_reirradiation"))
        profiles = {
            p for e in bundle["entry"] for p in e["resource"].get("meta", {}).get("profile", [])
        }
        expected = {
            MCODE + "mcode-cancer-patient",
            MCODE + "mcode-primary-cancer-condition",
            MCODE + "mcode-secondary-cancer-condition",
            MCODE + "mcode-ecog-performance-status",
            MCODE + "mcode-karnofsky-performance-status",
            MCODE + "mcode-radiotherapy-course-summary",
            MCODE + "mcode-radiotherapy-volume",
            "http://hl7.org/fhir/us/core/StructureDefinition/us-core-observation-lab",
        }
        assert ("collection", expected) == (bundle["type"], profiles)

    def test_sins_with_unknowns(self) -> None:
        """A SINS with unknown items is a valueRange, its category absent while undetermined."""
        patient = Patient(lesions=(SpinalLesion(levels=(VertebralLevel.T12,)),))
        sins = by_code(export(patient), "sins")[0]
        category = next(
            x for x in sins["component"] if x["code"]["coding"][0]["code"] == "category"
        )
        expected = (
            {"low": {"value": 3}, "high": {"value": 18}},
            "unknown",
            None,
        )
        actual = (
            sins["valueRange"],
            category["dataAbsentReason"]["coding"][0]["code"],
            sins.get("interpretation"),
        )
        assert expected == actual

    def test_sins_known(self) -> None:
        """A SINS of known items is a valueInteger with its category as interpretation."""
        sins = by_code(export(example_patient("breast_t12_mechanical")), "sins")[0]
        interpretation = sins["interpretation"][0]["coding"][0]["code"]
        assert (int, "sins.potentially_unstable") == (type(sins["valueInteger"]), interpretation)

    def test_sins_body_site(self) -> None:
        """The SINS Observation carries the vertebral bodySite (SNOMED CT)."""
        sins = by_code(export(example_patient("breast_t12_mechanical")), "sins")[0]
        assert [(SNOMED, T12)] == [(c["system"], c["code"]) for c in sins["bodySite"]["coding"]]

    def test_prognostic_score_pattern(self) -> None:
        """Prognostic scores follow CancerRiskAssessment: the value is the category."""
        bundle = export(example_patient("renal_t7_cord_compression"))
        tomita = by_code(bundle, "tomita")[0]
        primary_ref = next(
            e["fullUrl"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Condition"
        )
        assert ("valueCodeableConcept", primary_ref) == (
            next(key for key in tomita if key.startswith("value")),
            tomita["focus"][0]["reference"],
        )

    def test_undetermined_prognosis_absent(self) -> None:
        """An undetermined prognostic category is a dataAbsentReason, not a value."""
        tomita = by_code(
            export(Patient(lesions=(SpinalLesion(levels=(VertebralLevel.T4,)),))), "tomita"
        )[0]
        assert ("unknown", False) == (
            tomita["dataAbsentReason"]["coding"][0]["code"],
            any(key.startswith("value") for key in tomita),
        )

    def test_guidance_data_required(self) -> None:
        """An undetermined option is data-required, one dataRequirement per missing input."""
        bundle = export(example_patient("prostate_partly_known"))
        sbrt = next(
            g
            for g in resources(bundle, "GuidanceResponse")
            if g["moduleCodeableConcept"]["coding"][0]["code"] == "modality.sbrt"
        )
        codes = [r["codeFilter"][0]["code"][0]["code"] for r in sbrt["dataRequirement"]]
        assert ("data-required", ["1217123003"]) == (sbrt["status"], codes)

    def test_guidance_success(self) -> None:
        """A decided option is success, its findings with their citations in outputParameters."""
        bundle = export(example_patient("breast_t12_mechanical"))
        guidance = resources(bundle, "GuidanceResponse")[0]
        parameters = resources(bundle, "Parameters")[0]
        findings = [p for p in parameters["parameter"] if p["name"] == "finding"]
        citations = [
            part["name"] for f in findings for part in f["part"] if part["name"] == "citation"
        ]
        assert ("success", len(findings)) == (guidance["status"], len(citations))

    def test_risk_assessments(self) -> None:
        """Collapse risk and local control are RiskAssessments with a probabilityRange in [0, 1]."""
        bundle = export(example_patient("breast_t12_mechanical"))
        ranges = [
            (p["probabilityRange"]["low"]["value"], p["probabilityRange"]["high"]["value"])
            for r in resources(bundle, "RiskAssessment")
            for p in r["prediction"]
        ]
        assert (True, True) == (all(0 <= low <= high <= 1 for low, high in ranges), bool(ranges))

    def test_provenance_names_library(self) -> None:
        """The Provenance names the library and its version, and targets every result."""
        import spinal_metastasis  # noqa: PLC0415

        bundle = export(example_patient("breast_t12_mechanical"))
        provenance = resources(bundle, "Provenance")[0]
        results = sum(
            len(resources(bundle, kind))
            for kind in ("GuidanceResponse", "RiskAssessment", "Parameters")
        )
        expected = f"spinal_metastasis {spinal_metastasis.__version__}"
        assert (expected, True) == (
            provenance["agent"][0]["who"]["display"],
            len(provenance["target"]) > results,
        )

    def test_project_codes_defined(self) -> None:
        """Every project code in an export is defined in the published CodeSystem."""
        text = json.dumps(export(example_patient("prostate_partly_known")))
        concepts: Any = code_system()["concept"]
        defined = {concept["code"] for concept in concepts}
        used = set()
        for resource in json.loads(text)["entry"]:
            used |= _project_codes(resource)
        assert set() == {code for code in used if ".item." not in code} - defined

    def test_recorded_needs_time_zone(self) -> None:
        """A naive datetime is rejected."""
        with pytest.raises(
            InvalidInputError, match="'recorded' must be a datetime with a time zone"
        ):
            assessment_to_bundle(assess(Patient()), recorded=datetime(2026, 1, 1))  # noqa: DTZ001


def _project_codes(value: object) -> set[str]:
    if isinstance(value, dict):
        found = set()
        if value.get("system") == CODE_SYSTEM_URL and isinstance(value.get("code"), str):
            found.add(value["code"])
        for item in value.values():
            found |= _project_codes(item)
        return found
    if isinstance(value, list):
        return set().union(*(_project_codes(item) for item in value)) if value else set()
    return set()


class TestPatientToBundle:
    def test_validates(self) -> None:
        """A patient's inputs alone make a valid bundle."""
        validate(patient_to_bundle(example_patient("lung_l2_reirradiation"), as_of=AS_OF))

    @given(patient=patients(max_lesions=2))
    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    def test_import_of_export_keeps_every_known_input(self, patient: Patient) -> None:
        """Reading back the bundle of any patient gives every known input (identifier aside).

        Doses travel in cGy, as mCODE fixes: exact to 15 significant digits in Gy.
        """
        patient = evolve(patient, patient_id=None, prior_radiation=_digits(patient.prior_radiation))
        assert patient == reimport(patient_to_bundle(patient, as_of=AS_OF))

    def test_dose_in_cgy_exact(self) -> None:
        """A dose of 15 significant digits comes back exactly after the trip through cGy."""
        course = RadiationCourse(
            levels=(VertebralLevel.T9,),
            fractionation=Fractionation(total_dose_gy=20.1, fractions=3),
            cord_max_dose=Fractionation(total_dose_gy=12.345678901234, fractions=3),
            days_since_completion=30,
        )
        patient = Patient(prior_radiation=(course,))
        assert (course,) == reimport(patient_to_bundle(patient, as_of=AS_OF)).prior_radiation

    def test_escc_round_trip(self) -> None:
        """Grade labels survive the trip (ESCC 1c)."""
        patient = Patient(lesions=(SpinalLesion(levels=(VertebralLevel.L1,), escc=ESCC.GRADE_1C),))
        assert ESCC.GRADE_1C == reimport(patient_to_bundle(patient, as_of=AS_OF)).lesions[0].escc


def _digits(courses: tuple[RadiationCourse, ...] | None) -> tuple[RadiationCourse, ...] | None:
    """The courses with their doses to 15 significant digits."""

    def dose(fractionation: Fractionation) -> Fractionation:
        return evolve(fractionation, total_dose_gy=float(f"{fractionation.total_dose_gy:.15g}"))

    if courses is None:
        return None
    return tuple(
        evolve(
            course,
            fractionation=dose(course.fractionation),
            cord_max_dose=None if course.cord_max_dose is None else dose(course.cord_max_dose),
        )
        for course in courses
    )


class TestCommandLine:
    def test_assess_fhir_bundle(self, tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
        """``assess --fhir BUNDLE --as-of DATE`` assesses the patient the bundle holds."""
        path = tmp_path / "bundle.json"
        path.write_text(json.dumps(mcode_bundle(), default=float))
        status = main(["assess", "--fhir", str(path), "--as-of", "2026-01-15", "--json"])
        document = json.loads(capsys.readouterr().out)
        assert (0, 70) == (status, document["result"]["patient"]["kps"])

    def test_report_on_stderr(self, tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
        """The import summary goes to standard error, without identifiers."""
        path = tmp_path / "bundle.json"
        path.write_text(json.dumps(mcode_bundle(), default=float))
        main(["assess", "--fhir", str(path), "--as-of", "2026-01-15"])
        err = capsys.readouterr().err
        expected = "FHIR import: 12 resources (9 mapped, 3 ignored, 0 ambiguous)\n"
        assert (expected, False) == (err, "m123" in err)

    def test_format_fhir(self, tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
        """``--format fhir`` prints a Bundle that validates and reads back."""
        path = tmp_path / "patient.json"
        path.write_text(to_json(example_patient("renal_t7_cord_compression")))
        status = main(["assess", str(path), "--format", "fhir", "--as-of", "2026-01-15"])
        bundle = json.loads(capsys.readouterr().out)
        validate(bundle)
        assert (0, example_patient("renal_t7_cord_compression")) == (status, reimport(bundle))

    def test_long_narrative_read(self, tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
        """A narrative or attachment longer than a patient document's strings is read (F17)."""
        bundle = mcode_bundle()
        patient = bundle["entry"][0]["resource"]
        patient["text"] = {"status": "generated", "div": "<div>" + "x" * 20_000 + "</div>"}
        path = tmp_path / "bundle.json"
        path.write_text(json.dumps(bundle, default=float))
        status = main(["assess", "--fhir", str(path), "--as-of", "2026-01-15", "--json"])
        document = json.loads(capsys.readouterr().out)
        assert (0, 70) == (status, document["result"]["patient"]["kps"])

    def test_parse_json_string_bound(self) -> None:
        """``parse_json`` takes the string bound of the document it reads."""
        from spinal_metastasis.io import parse_json  # noqa: PLC0415

        text = json.dumps({"div": "x" * 20_000})
        with pytest.raises(InvalidInputError, match="string of 20000 characters"):
            parse_json(text)
        assert {"div": "x" * 20_000} == parse_json(text, max_string=20_000)
        with pytest.raises(InvalidInputError, match=r"at most 19999\)"):
            parse_json(text, max_string=19_999)

    @pytest.mark.parametrize(
        "options",
        [["--format", "fhir"], ["--format", "text"], ["--json"]],
    )
    def test_jsonl_refuses_output_options(
        self, tmp_path: Any, capsys: pytest.CaptureFixture[str], options: list[str]
    ) -> None:
        """``--jsonl`` writes a table: ``--format`` and ``--json`` are usage errors (F20)."""
        path = tmp_path / "cohort.jsonl"
        path.write_text(to_json(example_patient("renal_t7_cord_compression")) + "\n")
        with pytest.raises(SystemExit) as raised:
            main(["assess", "--jsonl", str(path), *options])
        err = capsys.readouterr().err
        assert (2, True) == (raised.value.code, "--jsonl writes a table" in err)

    @pytest.mark.parametrize("output", ["text", "fhir"])
    def test_json_and_format_conflict(self, tmp_path: Any, output: str) -> None:
        """``--json`` with ``--format text`` or ``fhir`` is a usage error (F20)."""
        path = tmp_path / "patient.json"
        path.write_text(to_json(example_patient("renal_t7_cord_compression")))
        with pytest.raises(SystemExit) as raised:
            main(["assess", str(path), "--json", "--format", output, "--as-of", "2026-01-15"])
        assert 2 == raised.value.code

    def test_fhir_needs_as_of(self, tmp_path: Any) -> None:
        """``--fhir`` without ``--as-of`` is a usage error."""
        path = tmp_path / "bundle.json"
        path.write_text(json.dumps(bundle_of()))
        with pytest.raises(SystemExit) as raised:
            main(["assess", "--fhir", str(path)])
        assert 2 == raised.value.code

    def test_rejected_value_exit_2(self, tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
        """A value the model rejects exits with status 2 and names the resource."""
        path = tmp_path / "bundle.json"
        path.write_text(json.dumps(bundle_of(PATIENT, performance("89243-0", 85, "2026-01-10"))))
        status = main(["assess", "--fhir", str(path), "--as-of", "2026-01-15"])
        err = capsys.readouterr().err
        assert (2, True) == (status, err.startswith("entry[1] Observation.valueInteger: 'kps'"))

    def test_not_json_exit_2(self, tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
        """A bundle that is not JSON exits with status 2."""
        path = tmp_path / "bundle.json"
        path.write_bytes(b"{not json")
        status = main(["assess", "--fhir", str(path), "--as-of", "2026-01-15"])
        assert (2, True) == (status, bool(capsys.readouterr().err))

    def test_missing_file_exit_2(self, tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
        """A bundle that cannot be read exits with status 2."""
        status = main(["assess", "--fhir", str(tmp_path / "no.json"), "--as-of", "2026-01-15"])
        assert (2, True) == (status, "cannot read" in capsys.readouterr().err)


class TestProvenance:
    def test_settings_with_hashes(self) -> None:
        """The Provenance names every settings table with its version and SHA-256."""
        from spinal_metastasis.provenance import provenance  # noqa: PLC0415

        bundle = export(example_patient("breast_t12_mechanical"))
        entities = [
            e["what"].get("display", "") for e in resources(bundle, "Provenance")[0]["entity"]
        ]
        tables = provenance()["settings"]
        expected = {
            f"{role}: {t['name']} (version {t['version']}, sha256 {t['sha256']})"
            for role, t in tables.items()
        }
        assert expected <= set(entities)


class TestCountsOfSites:
    def test_liver_metastasis_keeps_counts(self) -> None:
        """A liver metastasis (C78.7) does not hide bone sites: the counts stand."""
        bundle = bundle_of(secondary("s", T4), secondary("liver", code="C78.7"))
        patient = patient_from_bundle(bundle, as_of=AS_OF).patient
        assert (1, 0) == (patient.vertebral_metastases, patient.extraspinal_bone_metastases)

    def test_uncoded_site_hides_counts(self) -> None:
        """A metastasis the codes do not place (SNOMED CT 128462008 alone) leaves counts unknown."""
        other = secondary("other")
        other["code"] = {"coding": [{"system": SNOMED, "code": "128462008"}]}
        patient = patient_from_bundle(bundle_of(secondary("s", T4), other), as_of=AS_OF).patient
        assert (None, None) == (patient.vertebral_metastases, patient.extraspinal_bone_metastases)

    def test_extraspinal_bone_counted(self) -> None:
        """A bone metastasis with a non-vertebral site counts as one extraspinal focus."""
        femur = secondary("femur", "71341001")
        patient = patient_from_bundle(bundle_of(secondary("s", T4), femur), as_of=AS_OF).patient
        assert (1, 1) == (patient.vertebral_metastases, patient.extraspinal_bone_metastases)

    def test_course_site_from_volume(self) -> None:
        """A course without bodySite is placed by the location of its RadiotherapyVolume."""
        volume = {
            "resourceType": "BodyStructure",
            "id": "volume",
            "location": {"coding": [{"system": SNOMED, "code": T9}]},
            "patient": {"reference": "Patient/cancer-patient-john-anyperson"},
        }
        course = radiotherapy([], 800, 1, "2025-12-15")
        del course["bodySite"]
        courses = patient_from_bundle(
            bundle_of(volume, course), as_of=AS_OF
        ).patient.prior_radiation
        assert [(VertebralLevel.T9,)] == [item.levels for item in courses or ()]


class TestHostileValues:
    @pytest.mark.parametrize(
        "value",
        [10**400, Decimal("NaN"), Decimal("Infinity"), float("inf"), "3.6", None],
        ids=["huge", "nan", "infinity", "float infinity", "string", "null"],
    )
    def test_not_a_finite_number(self, value: object) -> None:
        """Non-finite, huge and non-numeric laboratory values are InvalidInputErrors."""
        with pytest.raises(InvalidInputError, match="'albumin_g_per_dl' must be a finite number"):
            patient_from_bundle(bundle_of(lab("1751-7", value, "g/dL")), as_of=AS_OF)

    def test_repr_without_identifiers(self) -> None:
        """The repr of an import shows no identifier of the bundle."""
        text = repr(patient_from_bundle(mcode_bundle(), as_of=AS_OF))
        assert [] == [word for word in ("m123", "Anyperson", "bone-mets") if word in text]

    @pytest.mark.parametrize(
        "bundle",
        [
            {"resourceType": "Bundle", "entry": {"resource": {}}},
            {"resourceType": "Bundle", "entry": [{"resource": {"resourceType": 3}}]},
            ["not", "a", "bundle"],
        ],
        ids=["entry not a list", "resourceType not a string", "a list"],
    )
    def test_malformed_bundle(self, bundle: object) -> None:
        """Malformed bundles are InvalidInputErrors, never KeyError or TypeError."""
        with pytest.raises(InvalidInputError):
            patient_from_bundle(bundle, as_of=AS_OF)

    def test_odd_shapes_are_ignored(self) -> None:
        """Elements of the wrong JSON type are read as absent, not as errors."""
        odd = {
            "resourceType": "Condition",
            "meta": {"profile": "not a list"},
            "code": ["not", "a", "concept"],
            "bodySite": {"coding": "x"},
        }
        observation = {
            "resourceType": "Observation",
            "status": "final",
            "code": 7,
            "effectiveDateTime": "2026-13-40",
        }
        result = patient_from_bundle(bundle_of(odd, observation), as_of=AS_OF)
        assert (Patient(), 2) == (result.patient, len(result.report))


def _project_observation(code: str, **value: object) -> Any:
    return {
        "resourceType": "Observation",
        "status": "final",
        "code": {"coding": [{"system": CODE_SYSTEM_URL, "code": code}]},
        "effectiveDateTime": "2026-01-10",
        **value,
    }


def _with(resource: Any, **changes: object) -> Any:
    return {**resource, **changes}


def _without(resource: Any, *keys: str) -> Any:
    return {key: value for key, value in resource.items() if key not in keys}


def _course_without_fractions() -> Any:
    course = radiotherapy([T9], 800, 1, "2025-12-15")
    course["extension"] = [course["extension"][1]]
    del course["extension"][0]["extension"][2]
    return course


def _course_two_doses() -> Any:
    course = radiotherapy([T9], 2400, 2, "2025-12-15")
    second = json.loads(json.dumps(course["extension"][1]))
    second["extension"][1]["valueQuantity"]["value"] = 1600
    second["extension"][0]["valueReference"] = {"reference": "BodyStructure/ctv"}
    course["extension"].append(second)
    return course


REASONS = [
    pytest.param(
        [_with(PATIENT, birthDate="1951")],
        0,
        "the birth date is partial: age left unknown",
        id="partial birth date",
    ),
    pytest.param(
        [_with(PATIENT, birthDate="2027-01-01")],
        0,
        "born after as_of: age left unknown",
        id="born after as_of",
    ),
    pytest.param(
        [_without(PATIENT, "birthDate")],
        0,
        "no full birth date (identifiers are not read)",
        id="no birth date",
    ),
    pytest.param(
        [
            _with(
                secondary("s", T4),
                verificationStatus={
                    "coding": [
                        {
                            "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                            "code": "refuted",
                        }
                    ]
                },
            )
        ],
        0,
        "refuted or entered in error",
        id="refuted condition",
    ),
    pytest.param(
        [_without(primary({"system": SNOMED, "code": "414916001"}), "meta")],
        0,
        "not a cancer condition the model reads",
        id="hypertension",
    ),
    pytest.param(
        [secondary("s", "3572006")],
        0,
        "a spinal metastasis without its level",
        id="vertebral body without level",
    ),
    pytest.param([secondary("s")], 0, "a bone metastasis without its site", id="bone without site"),
    pytest.param(
        [{"resourceType": "Medication"}],
        0,
        "a Medication carries no input of the model",
        id="other",
    ),
    pytest.param(
        [performance("89247-1", 1, "2026-01-10", status="preliminary")],
        0,
        "status 'preliminary': not a final result",
        id="preliminary",
    ),
    pytest.param(
        [_without(performance("89247-1", 1, "2026-01-10"), "effectiveDateTime")],
        0,
        "no effective date: cannot tell the latest",
        id="undated",
    ),
    pytest.param(
        [_without(performance("89247-1", 1, "2026-01-10"), "valueInteger")],
        0,
        "no valueInteger",
        id="ECOG without value",
    ),
    pytest.param(
        [_without(lab("1751-7", 3.5, "g/dL"), "valueQuantity")],
        0,
        "no valueQuantity",
        id="laboratory without value",
    ),
    pytest.param(
        [_with(lab("2345-7", 90, "mg/dL"))],
        0,
        "an observation the model does not read",
        id="glucose",
    ),
    pytest.param(
        [_project_observation("collapse", valueCodeableConcept={"coding": []})],
        0,
        "a lesion finding without the lesion (focus)",
        id="finding without focus",
    ),
    pytest.param(
        [_project_observation("cord_max_dose")],
        0,
        "a cord dose without its course (partOf)",
        id="cord dose without course",
    ),
    pytest.param(
        [_project_observation("sins")], 0, "an output of an assessment, not an input", id="output"
    ),
    pytest.param(
        [{"resourceType": "Procedure", "status": "completed", "code": {"coding": []}}],
        0,
        "not a radiotherapy course summary",
        id="surgery",
    ),
    pytest.param(
        [_with(radiotherapy([T9], 800, 1, "2025-12-15"), status="in-progress")],
        0,
        "status 'in-progress': a course to the spine not known to be completed, "
        "prior radiation left unknown",
        id="course in progress",
    ),
    pytest.param(
        [radiotherapy(["3572006"], 800, 1, "2025-12-15")],
        0,
        "spine treated, level not coded: prior radiation left unknown",
        id="course without level",
    ),
    pytest.param(
        [radiotherapy([T9], 800, 1, "2026-02-01")],
        0,
        "in progress at as_of (ends after it): prior radiation left unknown",
        id="course after as_of",
    ),
    pytest.param(
        [_course_without_fractions()],
        0,
        "number of fractions not given: prior radiation left unknown",
        id="course without fractions",
    ),
    pytest.param(
        [_course_two_doses()],
        0,
        "several doses to different volumes: prior radiation left unknown",
        id="course with two doses",
    ),
    pytest.param(
        [secondary("a", T4), secondary("b", T4)],
        1,
        "shares a level with an earlier lesion: not read",
        id="shared level",
    ),
    pytest.param(
        [
            {
                "resourceType": "Observation",
                "status": "final",
                "code": {"coding": [{"system": LOINC, "code": "31206-6"}]},
                "valueCodeableConcept": {"coding": []},
            }
        ],
        0,
        "a histology the model does not split on",
        id="histology not read",
    ),
]


@pytest.mark.parametrize(("resources_", "position", "reason"), REASONS)
def test_report_reasons(resources_: list[Any], position: int, reason: str) -> None:
    """Each resource the import does not map says why in the report."""
    report = patient_from_bundle(bundle_of(*resources_), as_of=AS_OF).report
    assert reason == report[position].reason


ERRORS = [
    pytest.param(
        [
            _project_observation(
                "systemic_therapy",
                component=[
                    {
                        "valueCodeableConcept": {
                            "coding": [
                                {"system": CODE_SYSTEM_URL, "code": "systemic_therapy.aspirin"}
                            ]
                        }
                    }
                ],
            )
        ],
        r"entry\[0\] Observation.component\[0\].valueCodeableConcept: unknown systemic agent",
        id="unknown agent",
    ),
    pytest.param(
        [_project_observation("age_years", valueQuantity={"value": 70, "code": "mo"})],
        r"entry\[0\] Observation.valueQuantity.code: unit must be 'a'",
        id="age in months",
    ),
    pytest.param(
        [_project_observation("age_years", valueQuantity={"value": "70", "code": "a"})],
        r"entry\[0\] Observation.valueQuantity.value: 'age_years' must be a finite number",
        id="age as text",
    ),
    pytest.param(
        [
            _project_observation(
                "frankel",
                valueCodeableConcept={"coding": [{"system": CODE_SYSTEM_URL, "code": "frankel.f"}]},
            )
        ],
        r"entry\[0\] Observation.valueCodeableConcept: 'frankel.f' is not a value of 'frankel'",
        id="Frankel F",
    ),
    pytest.param(
        [_project_observation("frankel")],
        r"entry\[0\] Observation.value\[x\]: no value for 'frankel'",
        id="no value",
    ),
    pytest.param(
        [_project_observation("ambulatory", valueBoolean="yes")],
        r"entry\[0\] Observation.valueBoolean: 'ambulatory' must be",
        id="boolean as text",
    ),
    pytest.param(
        [radiotherapy([T9], 800, 0, "2025-12-15")],
        r"entry\[0\] Procedure.extension\[1\]",
        id="zero fractions",
    ),
    pytest.param(
        [_with(radiotherapy([T9], "800", 1, "2025-12-15"))],
        r"entry\[0\] Procedure.extension\[1\].extension\[totalDoseDelivered\].valueQuantity.value",
        id="dose as text",
    ),
    pytest.param(
        [_project_observation("vertebral_metastases", valueInteger=0), secondary("s", T4, T5)],
        r"entry\[0\] Observation.valueInteger: 'vertebral_metastases' must be >= the 2 levels",
        id="fewer vertebrae than the lesions",
    ),
]


@pytest.mark.parametrize(("resources_", "message"), ERRORS)
def test_rejected_values(resources_: list[Any], message: str) -> None:
    """A value the model rejects names the entry, the element and the reason."""
    with pytest.raises(InvalidInputError, match=message):
        patient_from_bundle(bundle_of(*resources_), as_of=AS_OF)


class TestDates:
    @pytest.mark.parametrize(
        ("when", "expected"),
        [("2026", None), ("2026-01", None), ("2025-12", 1), ("2025", 1)],
    )
    def test_partial_dates(self, when: str, expected: int | None) -> None:
        """A partial date counts only when its last possible day is on or before as_of."""
        bundle = bundle_of(performance("89247-1", 1, when))
        assert expected == patient_from_bundle(bundle, as_of=AS_OF).patient.ecog

    def test_effective_period(self) -> None:
        """An effectivePeriod is dated by its end."""
        observation = _without(performance("89247-1", 2, ""), "effectiveDateTime")
        observation["effectivePeriod"] = {"start": "2026-01-01", "end": "2026-01-02"}
        assert 2 == patient_from_bundle(bundle_of(observation), as_of=AS_OF).patient.ecog


class TestLesionFindings:
    def test_finding_by_focus(self) -> None:
        """A project-coded finding whose focus is the condition sets the lesion's field."""
        finding = _project_observation(
            "collapse",
            valueCodeableConcept={
                "coding": [{"system": CODE_SYSTEM_URL, "code": "collapse.at_least_50_percent"}]
            },
            focus=[{"reference": "Condition/s"}],
        )
        lesion = patient_from_bundle(
            bundle_of(secondary("s", T4), finding), as_of=AS_OF
        ).patient.lesions[0]
        assert "at_least_50_percent" == lesion.collapse

    def test_finding_of_split_lesion_not_read(self) -> None:
        """A finding of a condition spanning non-contiguous levels is not applied to either."""
        finding = _project_observation(
            "paraspinal_extension", valueBoolean=True, focus=[{"reference": "Condition/s"}]
        )
        result = patient_from_bundle(bundle_of(secondary("s", T4, T9), finding), as_of=AS_OF)
        assert ([None, None], MappingStatus.AMBIGUOUS) == (
            [lesion.paraspinal_extension for lesion in result.patient.lesions],
            result.report[1].status,
        )

    def test_relative_reference_resolved(self) -> None:
        """References resolve by fullUrl and by Type/id, absolute or relative."""
        finding = _project_observation(
            "escc",
            valueCodeableConcept={"coding": [{"system": CODE_SYSTEM_URL, "code": "escc.2"}]},
            focus=[{"reference": "https://ehr.example.org/fhir/Condition/s"}],
        )
        lesion = patient_from_bundle(
            bundle_of(secondary("s", T4), finding), as_of=AS_OF
        ).patient.lesions[0]
        assert ESCC.GRADE_2 == lesion.escc


def test_bundle_from_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--fhir -`` reads the bundle from standard input."""
    import io  # noqa: PLC0415

    data = json.dumps(bundle_of(performance("89243-0", 60, "2026-01-10"))).encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    status = main(["assess", "--fhir", "-", "--as-of", "2026-01-15", "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    assert (0, 60) == (status, document["result"]["patient"]["kps"])


def test_resolved_cancer_does_not_compete() -> None:
    """A resolved earlier cancer is ignored when a current primary is recorded."""
    old = primary({"system": ICD10CM, "code": "C61"})
    old["clinicalStatus"] = {
        "coding": [
            {
                "system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                "code": "resolved",
            }
        ]
    }
    result = patient_from_bundle(bundle_of(old, primary(NSCLC)), as_of=AS_OF)
    expected = (PrimaryTumor.LUNG_NON_SMALL_CELL, MappingStatus.IGNORED)
    assert expected == (result.patient.primary, result.report[0].status)


def test_two_current_primaries_unknown() -> None:
    """Two current primaries that disagree leave the primary unknown."""
    bundle = bundle_of(primary({"system": ICD10CM, "code": "C61"}), primary(NSCLC))
    result = patient_from_bundle(bundle, as_of=AS_OF)
    assert (None, [MappingStatus.AMBIGUOUS] * 2) == (
        result.patient.primary,
        [entry.status for entry in result.report],
    )


class TestPriorRadiation:
    def test_course_outside_spine_is_not_none_to_spine(self) -> None:
        """A chest wall course alone leaves spine radiotherapy unknown, not none."""
        bundle = bundle_of(radiotherapy([CHEST_WALL], 6000, 30, "2018-10-25"))
        assert None is patient_from_bundle(bundle, as_of=AS_OF).patient.prior_radiation

    def test_recorded_none(self) -> None:
        """The project's Observation records no earlier spine radiotherapy."""
        bundle = bundle_of(_project_observation("prior_radiation", valueBoolean=False))
        assert () == patient_from_bundle(bundle, as_of=AS_OF).patient.prior_radiation

    def test_recorded_true_alone_unknown(self) -> None:
        """An Observation saying there was radiotherapy, without the course, leaves it unknown."""
        bundle = bundle_of(_project_observation("prior_radiation", valueBoolean=True))
        assert None is patient_from_bundle(bundle, as_of=AS_OF).patient.prior_radiation

    def test_unclear_course_wins_over_none(self) -> None:
        """A course whose site is not coded makes the recorded none unknown."""
        bundle = bundle_of(
            _project_observation("prior_radiation", valueBoolean=False),
            radiotherapy([], 3000, 10, "2025-01-01"),
        )
        assert None is patient_from_bundle(bundle, as_of=AS_OF).patient.prior_radiation


class TestCourseNotCompleted:
    """A course to the spine that may have delivered dose by as_of is never "none" (F8)."""

    @pytest.mark.parametrize("status", ["in-progress", "on-hold", "unknown"])
    def test_status_leaves_unknown(self, status: str) -> None:
        """In progress, on hold or unknown: prior radiation unknown, even with a recorded none."""
        bundle = bundle_of(
            _project_observation("prior_radiation", valueBoolean=False),
            _with(radiotherapy([T9], 800, 1, "2025-12-15"), status=status),
        )
        result = patient_from_bundle(bundle, as_of=AS_OF)
        assert None is result.patient.prior_radiation
        assert MappingStatus.AMBIGUOUS is result.report[1].status

    def test_ends_after_as_of_leaves_unknown(self) -> None:
        """A completed course whose period spans as_of was in progress then: unknown."""
        course = radiotherapy([T9], 800, 1, "2026-01-20")
        course["performedPeriod"] = {"start": "2026-01-10", "end": "2026-01-20"}
        bundle = bundle_of(_project_observation("prior_radiation", valueBoolean=False), course)
        assert None is patient_from_bundle(bundle, as_of=AS_OF).patient.prior_radiation

    def test_starts_after_as_of_ignored(self) -> None:
        """A course that starts after as_of is not prior radiation (F9)."""
        course = radiotherapy([T9], 800, 1, "2026-01-20")
        course["performedPeriod"] = {"start": "2026-02-01"}
        bundle = bundle_of(_project_observation("prior_radiation", valueBoolean=False), course)
        result = patient_from_bundle(bundle, as_of=AS_OF)
        assert () == result.patient.prior_radiation
        assert "started after as_of" == result.report[1].reason

    @pytest.mark.parametrize("status", ["preparation", "not-done", "entered-in-error"])
    def test_not_delivered_dropped(self, status: str) -> None:
        """A course in preparation, not done or entered in error delivered nothing."""
        bundle = bundle_of(
            _project_observation("prior_radiation", valueBoolean=False),
            _with(radiotherapy([T9], 800, 1, "2025-12-15"), status=status),
        )
        assert () == patient_from_bundle(bundle, as_of=AS_OF).patient.prior_radiation


class TestDanglingFindings:
    """A project Observation pointing at something not read is reported, not a crash (F1)."""

    def test_finding_of_the_patient(self) -> None:
        """A lesion finding whose focus is the Patient is ambiguous; the import goes on."""
        finding = _project_observation(
            "collapse",
            valueCodeableConcept={"coding": [{"system": CODE_SYSTEM_URL, "code": "collapse.none"}]},
        )
        finding["focus"] = [{"reference": "Patient/cancer-patient-john-anyperson"}]
        bundle = bundle_of(PATIENT, secondary("s", T4), finding)
        result = patient_from_bundle(bundle, as_of=AS_OF)
        assert MappingStatus.AMBIGUOUS is result.report[2].status
        assert None is result.patient.lesions[0].collapse

    def test_finding_of_a_lesion_not_read(self) -> None:
        """A finding of a lesion dropped for sharing a level is ambiguous."""
        finding = _project_observation(
            "collapse",
            valueCodeableConcept={"coding": [{"system": CODE_SYSTEM_URL, "code": "collapse.none"}]},
        )
        finding["focus"] = [{"reference": "Condition/b"}]
        bundle = bundle_of(secondary("a", T4), secondary("b", T4), finding)
        assert MappingStatus.AMBIGUOUS is patient_from_bundle(bundle, as_of=AS_OF).report[2].status

    @pytest.mark.parametrize("status", ["in-progress", "not-done"])
    def test_cord_dose_of_a_course_not_read(self, status: str) -> None:
        """A cord dose whose course is not read is ambiguous."""
        course = _with(radiotherapy([T9], 800, 1, "2025-12-15"), status=status, id="rt")
        cord = _project_observation("cord_max_dose", valueQuantity={"value": 8, "code": "Gy"})
        cord["partOf"] = [{"reference": "Procedure/rt"}]
        report = patient_from_bundle(bundle_of(course, cord), as_of=AS_OF).report
        assert MappingStatus.AMBIGUOUS is report[1].status

    def test_cli_exit(self, tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
        """The command line reads such a bundle (exit 0), not a traceback."""
        finding = _project_observation(
            "collapse",
            valueCodeableConcept={"coding": [{"system": CODE_SYSTEM_URL, "code": "collapse.none"}]},
        )
        finding["focus"] = [{"reference": "Patient/cancer-patient-john-anyperson"}]
        path = tmp_path / "bundle.json"
        path.write_text(json.dumps(bundle_of(PATIENT, secondary("s", T4), finding)))
        assert 0 == main(["assess", "--fhir", str(path), "--as-of", "2026-01-15"])
        assert "a finding of a lesion that is not read" in capsys.readouterr().err


def test_many_same_day_values_linear(monkeypatch: pytest.MonkeyPatch) -> None:
    """Copies of one value are chosen without comparing every pair of them (F16)."""
    from spinal_metastasis.fhir import _import  # noqa: PLC0415 - the private candidate class

    calls = 0
    original = _import._Candidate.__eq__

    def counting(self: object, other: object) -> bool:
        nonlocal calls
        calls += 1
        return bool(original(self, other))

    monkeypatch.setattr(_import._Candidate, "__eq__", counting)
    copies = [performance("89247-1", 1, "2026-01-10") for _ in range(2000)]
    result = patient_from_bundle(bundle_of(*copies), as_of=AS_OF)
    assert 1 == result.patient.ecog
    assert calls < len(copies)


class TestOtherPatients:
    """Resources about another patient are not merged in (F14)."""

    def test_other_subject_ignored(self) -> None:
        """An ECOG whose subject is another patient is ignored, with the reason."""
        other = performance("89247-1", 4, "2026-01-12")
        other["subject"] = {"reference": "Patient/another-patient"}
        bundle = bundle_of(PATIENT, performance("89247-1", 2, "2026-01-10"), other)
        result = patient_from_bundle(bundle, as_of=AS_OF)
        assert 2 == result.patient.ecog
        assert MappingStatus.IGNORED is result.report[2].status
        assert "another patient" in result.report[2].reason

    def test_second_patient_ambiguous(self) -> None:
        """A second Patient is ambiguous, and the resources about it are not read."""
        second = {**PATIENT, "id": "another-patient", "birthDate": "1990-01-01"}
        other = performance("89247-1", 4, "2026-01-12")
        other["subject"] = {"reference": "Patient/another-patient"}
        bundle = bundle_of(PATIENT, second, other)
        result = patient_from_bundle(bundle, as_of=AS_OF)
        assert (74.0, None) == (result.patient.age_years, result.patient.ecog)
        assert [MappingStatus.AMBIGUOUS, MappingStatus.IGNORED] == [
            entry.status for entry in result.report[1:]
        ]
        assert "another-patient" not in str(result)

    def test_without_patient_first_subject(self) -> None:
        """Without a Patient, resources about another subject than the first are ignored."""
        other = performance("89247-1", 4, "2026-01-12")
        other["subject"] = {"reference": "http://example.org/fhir/Patient/another-patient"}
        same = performance("89247-1", 2, "2026-01-10")
        same["subject"] = {
            "reference": "http://example.org/fhir/Patient/cancer-patient-john-anyperson"
        }
        result = patient_from_bundle(bundle_of(secondary("s", T4), same, other), as_of=AS_OF)
        assert (2, MappingStatus.IGNORED) == (result.patient.ecog, result.report[2].status)

    def test_body_structure_of_another_patient(self) -> None:
        """A volume of another patient does not place this patient's course."""
        volume = {
            "resourceType": "BodyStructure",
            "id": "volume",
            "location": {"coding": [{"system": SNOMED, "code": T9}]},
            "patient": {"reference": "Patient/another-patient"},
        }
        course = radiotherapy([], 800, 1, "2025-12-15")
        del course["bodySite"]
        result = patient_from_bundle(bundle_of(PATIENT, volume, course), as_of=AS_OF)
        assert MappingStatus.IGNORED is result.report[1].status
        assert None is result.patient.prior_radiation


class TestUnplacedBoneSites:
    """A bone-metastasis site the tables do not place is not counted as extraspinal (F18)."""

    @pytest.mark.parametrize(
        "site",
        [
            {"coding": [{"system": SNOMED, "code": "421060004"}]},
            {"text": "T10 vertebral body"},
            {"coding": [{"system": SNOMED, "code": "3572006"}]},
        ],
    )
    def test_counts_unknown(self, site: Any) -> None:
        """Vertebral column, text only, vertebral body: both counts left unknown."""
        unplaced = secondary("unplaced")
        unplaced["bodySite"] = [site]
        bundle = bundle_of(secondary("s", T4), unplaced)
        result = patient_from_bundle(bundle, as_of=AS_OF)
        patient = result.patient
        assert (None, None) == (patient.vertebral_metastases, patient.extraspinal_bone_metastases)
        assert MappingStatus.AMBIGUOUS is result.report[1].status

    def test_unplaced_site_beside_a_level(self) -> None:
        """A vertebra and a site not placed in one Condition: counts unknown, lesion read."""
        both = secondary("both", T4)
        both["bodySite"].append({"text": "pedicle"})
        result = patient_from_bundle(bundle_of(both), as_of=AS_OF)
        patient = result.patient
        assert result.report[0].reason.endswith("counts of sites left unknown")
        assert (1, None, None) == (
            len(patient.lesions),
            patient.vertebral_metastases,
            patient.extraspinal_bone_metastases,
        )

    def test_known_bone_counted(self) -> None:
        """A rib (TG263 map) counts as one extraspinal site."""
        rib = secondary("rib", "113197003")
        patient = patient_from_bundle(bundle_of(secondary("s", T4), rib), as_of=AS_OF).patient
        assert (1, 1) == (patient.vertebral_metastases, patient.extraspinal_bone_metastases)


def _histology_observation(**changes: object) -> Any:
    return {
        "resourceType": "Observation",
        "status": "final",
        "code": {"coding": [{"system": LOINC, "code": "31206-6"}]},
        "effectiveDateTime": "2026-01-05",
        "valueCodeableConcept": {"coding": [{"system": ICDO3, "code": "8041/3"}]},
        "extension": [
            {
                "url": MCODE + "mcode-related-condition",
                "valueReference": {"reference": "Condition/primary-cancer-condition-nsclc"},
            }
        ],
        **changes,
    }


class TestAsOfAndStatus:
    """as_of and status apply to Conditions and histology as to other Observations (F3, F4)."""

    @pytest.mark.parametrize("key", ["onsetDateTime", "recordedDate"])
    def test_metastasis_after_as_of_ignored(self, key: str) -> None:
        """A metastasis diagnosed after as_of is not a lesion and is not counted."""
        later = _with(secondary("later", T9), **{key: "2026-06-01"})
        result = patient_from_bundle(bundle_of(secondary("s", T4), later), as_of=AS_OF)
        assert ((VertebralLevel.T4,),) == tuple(item.levels for item in result.patient.lesions)
        assert 1 == result.patient.vertebral_metastases
        assert "diagnosed after as_of" == result.report[1].reason

    def test_primary_after_as_of_ignored(self) -> None:
        """A primary diagnosed after as_of is not the primary."""
        later = _with(primary(NSCLC), onsetDateTime="2026-03-01")
        assert None is patient_from_bundle(bundle_of(later), as_of=AS_OF).patient.primary

    def test_resolved_metastasis_not_current(self) -> None:
        """A metastasis abated before as_of is ambiguous, not a lesion; counts unknown."""
        resolved = _with(secondary("old", T9), abatementDateTime="2025-06-01")
        result = patient_from_bundle(bundle_of(secondary("s", T4), resolved), as_of=AS_OF)
        patient = result.patient
        assert 1 == len(patient.lesions)
        assert (None, None) == (patient.vertebral_metastases, patient.extraspinal_bone_metastases)
        assert MappingStatus.AMBIGUOUS is result.report[1].status

    def test_abated_after_as_of_is_current(self) -> None:
        """A metastasis that abated only after as_of was current then."""
        later = _with(secondary("s", T9), abatementDateTime="2026-06-01")
        patient = patient_from_bundle(bundle_of(later), as_of=AS_OF).patient
        assert 1 == len(patient.lesions)

    def test_histology_read(self) -> None:
        """The histology Observation splits the lung primary (the baseline of the cases below)."""
        lung = primary({"system": ICD10CM, "code": "C34.11"})
        bundle = bundle_of(lung, _histology_observation())
        assert (
            PrimaryTumor.LUNG_SMALL_CELL is patient_from_bundle(bundle, as_of=AS_OF).patient.primary
        )

    @pytest.mark.parametrize(
        "changes",
        [
            {"status": "entered-in-error"},
            {"status": "preliminary"},
            {"effectiveDateTime": "2026-02-01"},
        ],
    )
    def test_histology_not_final_or_later_ignored(self, changes: dict[str, object]) -> None:
        """An entered-in-error, preliminary or later histology leaves the lung primary unknown."""
        lung = primary({"system": ICD10CM, "code": "C34.11"})
        result = patient_from_bundle(
            bundle_of(lung, _histology_observation(**changes)), as_of=AS_OF
        )
        assert None is result.patient.primary
        assert MappingStatus.IGNORED is result.report[1].status


class TestBoundedEcho:
    """Every value of the bundle shown in a message or the report is bounded (F2)."""

    LONG = "MRN-778899" * 10_000

    def _longest(self, *resources_: Any) -> int:
        result = patient_from_bundle(bundle_of(*resources_), as_of=AS_OF)
        return max(len(str(entry)) for entry in result.report)

    def test_resource_type(self) -> None:
        """A long resourceType is cut in the report."""
        assert self._longest({"resourceType": self.LONG}) < 300

    def test_status_and_unit(self) -> None:
        """A long status or unit is cut in the report."""
        status = _with(performance("89247-1", 1, "2026-01-10"), status=self.LONG)
        unit = lab("1751-7", 3.5, self.LONG)
        assert self._longest(status, unit) < 300

    def test_errors(self) -> None:
        """An error names a long value cut, never whole; so does the report a long dose unit."""
        with pytest.raises(InvalidInputError) as raised:
            patient_from_bundle(bundle_of(lab("1751-7", self.LONG, "g/dL")), as_of=AS_OF)
        assert len(str(raised.value)) < 300
        course = radiotherapy([T9], 800, 1, "2025-12-15")
        course["extension"][1]["extension"][1]["valueQuantity"]["code"] = self.LONG
        assert self._longest(course) < 300


@pytest.mark.parametrize(
    ("code", "display"),
    [
        ("94222008", "Secondary malignant neoplasm of bone"),
        ("94503003", "Secondary malignant neoplasm of vertebral column"),
        ("94381002", "Secondary malignant neoplasm of liver"),
    ],
)
def test_unprofiled_snomed_metastasis_hides_counts(code: str, display: str) -> None:
    """An unprofiled metastasis coded by a SNOMED CT concept not in the tables: counts unknown."""
    other = {
        "resourceType": "Condition",
        "code": {"coding": [{"system": SNOMED, "code": code, "display": display}]},
        "bodySite": [{"coding": [{"system": SNOMED, "code": "71341001"}]}],
    }
    result = patient_from_bundle(bundle_of(secondary("s", T4), other), as_of=AS_OF)
    patient = result.patient
    assert (None, None) == (patient.vertebral_metastases, patient.extraspinal_bone_metastases)
    assert MappingStatus.AMBIGUOUS is result.report[1].status


class TestArguments:
    """Arguments of the wrong type get the library's error, naming them (F19)."""

    @pytest.mark.parametrize("as_of", [datetime(2026, 1, 15, 12), "2026-01-15", None])  # noqa: DTZ001
    def test_import_as_of(self, as_of: object) -> None:
        """``patient_from_bundle``: a datetime, a string or None as ``as_of``."""
        with pytest.raises(InvalidInputError, match=r"'as_of' must be a datetime\.date") as raised:
            patient_from_bundle(bundle_of(), as_of=as_of)  # type: ignore[arg-type]
        assert "as_of" == raised.value.field

    @pytest.mark.parametrize("as_of", [datetime(2026, 1, 15, 12), "2026-01-15"])  # noqa: DTZ001
    def test_export_as_of(self, as_of: object) -> None:
        """``patient_to_bundle`` and ``assessment_to_bundle`` refuse a datetime ``as_of``."""
        with pytest.raises(InvalidInputError, match="'as_of'"):
            patient_to_bundle(Patient(kps=70), as_of=as_of)  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError, match="'as_of'"):
            assessment_to_bundle(assess(Patient()), as_of=as_of, recorded=RECORDED)  # type: ignore[arg-type]

    def test_export_not_an_assessment(self) -> None:
        """``assessment_to_bundle`` of a Patient names ``assessment``."""
        with pytest.raises(InvalidInputError, match="'assessment' must be of type Assessment"):
            assessment_to_bundle(Patient(), as_of=AS_OF, recorded=RECORDED)  # type: ignore[arg-type]

    def test_export_date_times_have_a_zone(self) -> None:
        """Every dateTime the export writes with a time carries its zone."""
        bundle = export(example_patient("breast_t12_mechanical"))
        times = [value for value in _strings(bundle) if "T" in value and value[:4].isdigit()]
        assert times
        assert all(value.endswith(("+00:00", "Z")) for value in times)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [item for child in value.values() for item in _strings(child)]
    if isinstance(value, list):
        return [item for child in value for item in _strings(child)]
    return []


@pytest.mark.parametrize("unit", ["rad", "Gy{RBE}", "cgy"])
def test_unknown_dose_unit_leaves_course_unknown(unit: str) -> None:
    """A dose in a unit not converted makes the course ambiguous; the rest is read (F13)."""
    course = radiotherapy([T9], 800, 1, "2025-12-15")
    course["extension"][1]["extension"][1]["valueQuantity"]["code"] = unit
    result = patient_from_bundle(
        bundle_of(course, performance("89247-1", 1, "2026-01-10")), as_of=AS_OF
    )
    assert (None, 1) == (result.patient.prior_radiation, result.patient.ecog)
    assert MappingStatus.AMBIGUOUS is result.report[0].status


@pytest.mark.parametrize(
    ("sessions", "fractions", "element"),
    [
        (1, True, r"extension\[1\]\.extension\[fractionsDelivered\]\.valueUnsignedInt"),
        (1, 1.0, r"extension\[1\]\.extension\[fractionsDelivered\]\.valueUnsignedInt"),
        ("1", None, r"extension\[0\]\.valueUnsignedInt"),
    ],
)
def test_fractions_error_names_its_element(
    sessions: object, fractions: object, element: str
) -> None:
    """A bad number of fractions is reported at its own element (F5)."""
    course = radiotherapy([T9], 800, 1, "2025-12-15")
    course["extension"][0]["valueUnsignedInt"] = sessions
    parts = course["extension"][1]["extension"]
    if fractions is None:
        del parts[2]
    else:
        parts[2]["valueUnsignedInt"] = fractions
    with pytest.raises(
        InvalidInputError, match=r"entry\[0\] Procedure\." + element + ": 'fractions'"
    ):
        patient_from_bundle(bundle_of(course), as_of=AS_OF)


class TestConvertedValues:
    """Messages say which unit the value they show is in; a Decimal sNaN is refused (F21)."""

    def test_lab_message_shows_the_bundle_value(self) -> None:
        """Albumin -3 g/L: the message shows -0.3 (g/dL) and the bundle's -3 g/L."""
        with pytest.raises(InvalidInputError, match=r"got -0\.3\) \(the model's unit; -3 g/L"):
            patient_from_bundle(bundle_of(lab("1751-7", -3, "g/L")), as_of=AS_OF)

    def test_dose_message_shows_the_bundle_value(self) -> None:
        """A dose of -800 cGy: the message shows -8.0 Gy and the bundle's -800 cGy."""
        with pytest.raises(InvalidInputError, match=r"got -8\.0\) \(in Gy; -800 cGy"):
            patient_from_bundle(bundle_of(radiotherapy([T9], -800, 1, "2025-12-15")), as_of=AS_OF)

    @pytest.mark.parametrize("loinc", ["89247-1", "1751-7"])
    def test_signaling_nan(self, loinc: str) -> None:
        """A Decimal sNaN is the library's error naming the element."""
        resource = (
            performance(loinc, 1, "2026-01-10")
            if loinc == "89247-1"
            else lab(loinc, Decimal("sNaN"), "g/L")
        )
        if loinc == "89247-1":
            del resource["valueInteger"]
            resource["valueQuantity"] = {"value": Decimal("sNaN")}
        with pytest.raises(InvalidInputError, match=r"entry\[0\] Observation\.valueQuantity"):
            patient_from_bundle(bundle_of(resource), as_of=AS_OF)


def test_lung_code_and_histology_disagree() -> None:
    """SNOMED CT non-small cell lung cancer with a small cell histology: unknown (F6)."""
    lung = primary(NSCLC, histology={"system": ICDO3, "code": "8041/3"})
    result = patient_from_bundle(bundle_of(lung), as_of=AS_OF)
    assert (None, MappingStatus.AMBIGUOUS) == (result.patient.primary, result.report[0].status)
    agree = primary(NSCLC, histology={"system": ICDO3, "code": "8140/3"})
    assert PrimaryTumor.LUNG_NON_SMALL_CELL is reimport(bundle_of(agree)).primary


@pytest.mark.parametrize(
    ("histology", "expected"),
    [
        ("8012/3", PrimaryTumor.LUNG_NON_SMALL_CELL),
        ("8560/3", PrimaryTumor.LUNG_NON_SMALL_CELL),
        ("8250/3", PrimaryTumor.LUNG_NON_SMALL_CELL),
        ("8255/3", PrimaryTumor.LUNG_NON_SMALL_CELL),
        ("8550/3", PrimaryTumor.LUNG_NON_SMALL_CELL),
        ("8240/3", None),
        ("8972/3", None),
    ],
)
def test_non_small_cell_histologies(histology: str, expected: PrimaryTumor | None) -> None:
    """C34 with a non-small cell carcinoma of the SEER lung rules is non-small cell (F7)."""
    lung = primary(
        {"system": ICD10CM, "code": "C34.11"}, histology={"system": ICDO3, "code": histology}
    )
    assert expected is reimport(bundle_of(lung)).primary


def test_extraspinal_count_closed_world() -> None:
    """Spinal metastases alone count 0 extraspinal; a recorded unknown keeps it unknown (F11)."""
    assert 0 == reimport(bundle_of(secondary("s", T4))).extraspinal_bone_metastases
    absent = _project_observation(
        "extraspinal_bone_metastases",
        dataAbsentReason={
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/data-absent-reason",
                    "code": "unknown",
                }
            ]
        },
    )
    assert None is reimport(bundle_of(secondary("s", T4), absent)).extraspinal_bone_metastases


def test_recorded_age_wins_over_birth_date() -> None:
    """An age recorded by the project's Observation wins over the birth date, and says so."""
    age = _project_observation("age_years", valueQuantity={"value": 70, "code": "a"})
    result = patient_from_bundle(bundle_of(PATIENT, age), as_of=AS_OF)
    assert (70.0, MappingStatus.IGNORED, MappingStatus.MAPPED) == (
        result.patient.age_years,
        result.report[0].status,
        result.report[1].status,
    )


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("254632001", PrimaryTumor.LUNG_SMALL_CELL),
        ("67841000119103", PrimaryTumor.LUNG_SMALL_CELL),
        ("423121009", PrimaryTumor.LUNG_NON_SMALL_CELL),
        ("363406005", PrimaryTumor.COLON),
        ("399068003", PrimaryTumor.PROSTATE),
        ("363346000", None),
    ],
)
def test_snomed_primaries(code: str, expected: PrimaryTumor | None) -> None:
    """SNOMED CT disorders (as Synthea and the mCODE examples write them) name the primary."""
    bundle = bundle_of(primary({"system": SNOMED, "code": code}))
    assert expected == patient_from_bundle(bundle, as_of=AS_OF).patient.primary


@pytest.mark.parametrize(
    ("value", "expected"), [(1, 1), (2.0, 2), (Decimal(3), 3)], ids=["int", "float", "Decimal"]
)
def test_ecog_as_quantity(value: object, expected: int) -> None:
    """An ECOG grade written as a whole-number valueQuantity is read too."""
    observation = _without(performance("89247-1", 0, "2026-01-10"), "valueInteger")
    observation["valueQuantity"] = {"value": value, "unit": "{score}"}
    assert expected == patient_from_bundle(bundle_of(observation), as_of=AS_OF).patient.ecog


def test_fractional_kps_rejected() -> None:
    """A KPS of 72.5 in a valueQuantity is rejected, naming the element."""
    observation = _without(performance("89243-0", 0, "2026-01-10"), "valueInteger")
    observation["valueQuantity"] = {"value": 72.5}
    with pytest.raises(
        InvalidInputError, match=r"entry\[0\] Observation.valueQuantity.value: 'kps'"
    ):
        patient_from_bundle(bundle_of(observation), as_of=AS_OF)
