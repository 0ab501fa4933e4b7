import functools
import json
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spinal_metastasis import (
    Assessment,
    BauerScore,
    EsccGrading,
    Fractionation,
    KatagiriScore,
    LesionAssessment,
    ModifiedBauerScore,
    NesmsScore,
    NomsResult,
    OptionAssessment,
    OutOfValidatedRangeError,
    Patient,
    PlanAssessment,
    ReirradiationCheck,
    SinsScore,
    Stabilization,
    TokuhashiScore,
    TomitaScore,
    assess,
    bauer,
    escc_grading,
    example_names,
    example_patient,
    json_schema,
    katagiri,
    modified_bauer,
    nesms,
    noms,
    reirradiation_check,
    sins,
    to_json,
    tokuhashi_revised,
    tomita,
)
from spinal_metastasis.provenance import envelope_json, envelope_schema
from spinal_metastasis.testing import fractionations, patients, spinal_lesions

RESULT_CLASSES = [
    Assessment,
    LesionAssessment,
    SinsScore,
    TokuhashiScore,
    TomitaScore,
    BauerScore,
    ModifiedBauerScore,
    NesmsScore,
    KatagiriScore,
    EsccGrading,
    NomsResult,
    OptionAssessment,
    PlanAssessment,
    ReirradiationCheck,
]


_VALIDATORS: dict[str, jsonschema.Draft202012Validator] = {}


def _validator(cls: type) -> jsonschema.Draft202012Validator:
    if cls.__name__ not in _VALIDATORS:
        _VALIDATORS[cls.__name__] = jsonschema.Draft202012Validator(json_schema(cls))
    return _VALIDATORS[cls.__name__]


def _scored(score: Callable[[Patient], object], patient: Patient) -> object:
    """The score, or ``None`` outside the range it was validated in (assess reports those)."""
    try:
        return score(patient)
    except OutOfValidatedRangeError:
        return None


def _errors(obj: object) -> list[str]:
    """The schema errors of what to_json writes for ``obj``, against its class's schema."""
    document = json.loads(to_json(obj))
    return [
        f"{error.json_path}: {error.message}"
        for error in _validator(type(obj)).iter_errors(document)
    ]


class TestJsonSchemaOfResults:
    @pytest.mark.parametrize("cls", RESULT_CLASSES, ids=lambda cls: cls.__name__)
    def test_is_a_valid_draft_2020_12_schema(self, cls: type) -> None:
        """The schema of every result class validates against the meta-schema."""
        jsonschema.Draft202012Validator.check_schema(json_schema(cls))

    @pytest.mark.parametrize("cls", RESULT_CLASSES, ids=lambda cls: cls.__name__)
    def test_names_the_class_and_its_version(self, cls: type) -> None:
        """The schema is titled by the class and identified by the wire-format version."""
        schema = json_schema(cls)
        assert (cls.__name__, f"urn:spinal-metastasis:schema:1:{cls.__name__}") == (
            schema["title"],
            schema["$id"],
        )

    def test_takes_the_rules_where_they_exist(self) -> None:
        """A field with a rule keeps its rule's bounds inside a result (probabilities 0-1)."""
        ranges = json_schema(OptionAssessment)["$defs"]["ProbabilityRange"]["properties"]
        assert {"type": "number", "minimum": 0, "maximum": 1} == {
            key: ranges["low"][key] for key in ("type", "minimum", "maximum")
        }

    def test_takes_the_annotations_elsewhere(self) -> None:
        """A field without a rule takes its annotation: an enum is its values, a set unique."""
        properties = json_schema(NomsResult)["properties"]
        stabilizations = [member.value for member in Stabilization]
        assert {"type": "array", "items": {"enum": stabilizations}, "uniqueItems": True} == {
            key: value
            for key, value in properties["possible_stabilizations"].items()
            if key != "description"
        }

    def test_describes_the_fields(self) -> None:
        """Each property carries the class docstring's description of the field."""
        properties = json_schema(OptionAssessment)["properties"]
        assert "The option." == properties["modality"]["description"]

    def test_describes_multiline_attributes_whole(self) -> None:
        """A description that spans lines in the docstring is read whole."""
        description = json_schema(NesmsScore)["properties"]["points"]["description"]
        assert description.endswith("(exact and tight).")


class TestEverythingWrittenValidates:
    @pytest.mark.parametrize("name", example_names())
    def test_example_assessments(self, name: str) -> None:
        """The assessment of every example patient validates against the Assessment schema."""
        assert [] == _errors(assess(example_patient(name)))

    # A whole assessment is about 0.4 MB of JSON per lesion, about 0.4 s to validate.
    @settings(max_examples=10, deadline=None)
    @given(patient=patients())
    def test_assessments(self, patient: Patient) -> None:
        """Every assessment to_json writes validates against the Assessment schema."""
        assert [] == _errors(assess(patient))

    @settings(max_examples=50, deadline=None)
    @given(patient=patients(max_lesions=1))
    def test_scores_and_noms(self, patient: Patient) -> None:
        """Every score result and NOMS result validates against its class's schema."""
        scores = (tokuhashi_revised, tomita, bauer, modified_bauer, nesms, katagiri)
        results: list[Any] = [result for score in scores if (result := _scored(score, patient))]
        for lesion in patient.lesions:
            results += [sins(lesion), escc_grading(lesion), noms(patient, lesion)]
        assert [] == [error for result in results for error in _errors(result)]

    @settings(max_examples=100)
    @given(lesion=spinal_lesions())
    def test_sins(self, lesion: Any) -> None:
        """Every SINS result validates against the SinsScore schema."""
        assert [] == _errors(sins(lesion))

    @settings(max_examples=100)
    @given(
        prior=st.lists(fractionations(), min_size=1, max_size=3),
        planned=fractionations(),
        interval_days=st.none() | st.floats(min_value=0, max_value=10_000),
    )
    def test_reirradiation_checks(
        self, prior: list[Fractionation], planned: Fractionation, interval_days: float | None
    ) -> None:
        """Every re-irradiation check validates against the ReirradiationCheck schema."""
        check = reirradiation_check(prior=prior, planned=planned, interval_days=interval_days)
        assert [] == _errors(check)

    @settings(max_examples=5, deadline=None)
    @given(patient=patients(max_lesions=1))
    def test_envelopes(self, patient: Patient) -> None:
        """Every envelope validates against the envelope schema of its result class."""
        validator = _envelope_validator()
        document = json.loads(envelope_json(assess(patient)))
        assert [] == [error.message for error in validator.iter_errors(document)]


@functools.cache
def _envelope_validator() -> jsonschema.Draft202012Validator:
    schema = envelope_schema(Assessment)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)
