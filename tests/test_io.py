import json
import re
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from spinal_metastasis import (
    Fractionation,
    InvalidInputError,
    Patient,
    RadiationCourse,
    SerializationError,
    SpinalLesion,
    example_names,
    example_patient,
    from_json,
    json_schema,
    to_json,
)
from spinal_metastasis.io import structure, unstructure
from spinal_metastasis.testing import fractionations, patients, radiation_courses, spinal_lesions

EXAMPLES_DIR = Path(__file__).parent.parent / "examples"
PATH = re.compile(r"^(\$|[a-z_0-9]+(\[\d+\])*(\.[a-z_0-9]+(\[\d+\])*)*): \S")
SCHEMA = jsonschema.Draft202012Validator(json_schema(Patient))

# JSON has no NaN or infinity.
json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=5)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)


def errors_of(document: object, cls: type = Patient) -> tuple[str, ...]:
    try:
        structure(document, cls)
    except SerializationError as exc:
        return exc.messages
    return ()


class TestRoundTrip:
    @given(patients())
    def test_patient(self, patient: Patient) -> None:
        """from_json(to_json(p)) == p for every patient, identifier included."""
        assert patient == from_json(to_json(patient), Patient)

    @given(spinal_lesions())
    def test_lesion(self, lesion: SpinalLesion) -> None:
        """Lesions round-trip exactly."""
        assert lesion == from_json(to_json(lesion), SpinalLesion)

    @given(radiation_courses())
    def test_course(self, course: RadiationCourse) -> None:
        """Radiation courses round-trip exactly."""
        assert course == from_json(to_json(course), RadiationCourse)

    @given(fractionations())
    def test_fractionation(self, fractionation: Fractionation) -> None:
        """Schedules round-trip exactly."""
        assert fractionation == from_json(to_json(fractionation).encode(), Fractionation)

    def test_wire_format(self) -> None:
        """Field names and lowercase enum values; ESCC as its grade label."""
        document = json.loads(to_json(example_patient()))
        assert document["lesions"][0]["levels"] == ["t12"]
        assert document["lesions"][0]["escc"] == "1b"
        assert document["lesions"][0]["collapse"] == "less_than_50_percent"
        assert document["primary"] == "breast"


class TestStrictNumbers:
    @pytest.mark.parametrize(
        ("document", "message"),
        [
            ({"kps": "70"}, "kps: expected an integer (got '70')"),
            ({"kps": 70.9}, "kps: expected an integer (got 70.9)"),
            ({"kps": True}, "kps: expected an integer (got True)"),
            ({"albumin_g_per_dl": "3.5"}, "albumin_g_per_dl: expected a number (got '3.5')"),
            ({"albumin_g_per_dl": False}, "albumin_g_per_dl: expected a number (got False)"),
            ({"ambulatory": "false"}, "ambulatory: expected true or false (got 'false')"),
            ({"ambulatory": 0}, "ambulatory: expected true or false (got 0)"),
        ],
    )
    def test_no_coercion(self, document: dict[str, Any], message: str) -> None:
        """Strings, floats and booleans are never silently turned into other types."""
        assert (message,) == errors_of(document)

    def test_integral_numbers_are_integers(self) -> None:
        """70.0 is the integer 70, as in JSON Schema (JavaScript writes 70 either way)."""
        kps = from_json('{"kps": 70.0}', Patient).kps
        assert kps == 70
        assert type(kps) is int

    def test_integers_are_accepted_as_numbers(self) -> None:
        """A JSON integer is a valid float (3 -> 3.0)."""
        assert from_json('{"albumin_g_per_dl": 3}', Patient).albumin_g_per_dl == 3.0


class TestErrors:
    def test_every_bad_field_is_reported_with_its_path(self) -> None:
        """All bad fields, nested ones included, are reported at once."""
        document = {
            "kps": 75,
            "foo": 1,
            "lesions": [{"levels": ["t9", "t11"], "escc": "4"}],
            "prior_radiation": [{"levels": ["t9"], "fractionation": {"fractions": 0}}],
        }
        assert set(errors_of(document)) == {
            "kps: must be an integer from 0 to 100 in steps of 10, or None (unknown) (got 75)",
            "$: unknown field 'foo' (allowed: "
            + ", ".join(f.name for f in attrs.fields(Patient))
            + ")",
            "lesions[0].escc: '4' is not one of 0, 1a, 1b, 1c, 2, 3",
            (
                "lesions[0].levels: must be contiguous levels in cranio-caudal order, "
                "without repeats (got 'T9, T11')"
            ),
            "prior_radiation[0].fractionation.total_dose_gy: required field missing",
            "prior_radiation[0].fractionation.fractions: must be an integer from 1 to 50 (got 0)",
        }

    def test_rule_spanning_fields(self) -> None:
        """Errors of rules that span fields name the later field."""
        document = {"lesions": [{"levels": ["t9", "t10"]}], "vertebral_metastases": 1}
        assert errors_of(document) == (
            "vertebral_metastases: must be >= the 2 levels involved by 'lesions' (got 1)",
        )

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("nope", "$: not valid JSON"),
            (b"\xff", "$: not UTF-8 text"),
            ("[1]", "$: expected a JSON object (got [1])"),
            ('{"lesions": "T12"}', "lesions: expected a JSON array (got 'T12')"),
            ('{"lesions": [3]}', "lesions[0]: expected a JSON object (got 3)"),
        ],
    )
    def test_shape_errors(self, text: str | bytes, message: str) -> None:
        """Non-JSON and wrongly shaped documents raise SerializationError with a path."""
        with pytest.raises(SerializationError) as info:
            from_json(text, Patient)
        assert info.value.messages[0].startswith(message)
        assert isinstance(info.value, InvalidInputError)
        assert isinstance(info.value, ValueError)

    @given(json_values)
    def test_arbitrary_json_raises_only_invalid_input(self, document: object) -> None:
        """Any JSON value either builds a patient or raises SerializationError with paths."""
        for message in errors_of(document):
            assert PATH.match(message), message

    @given(patients(), st.data())
    def test_identifier_never_in_errors(self, patient: Patient, data: st.DataObject) -> None:
        """A document with an identifier and a bad field never echoes the identifier."""
        document = unstructure(attrs.evolve(patient, patient_id="MRN-0042-SECRET"))
        document[data.draw(st.sampled_from(["kps", "ecog", "frankel", "lesions"]))] = "bad"
        assert not any("MRN-0042" in message for message in errors_of(document))


SCALAR_FIELDS = {
    "kps": st.integers(-20, 120),
    "ecog": st.integers(-2, 7),
    "extraspinal_bone_metastases": st.integers(-3, 5),
    "albumin_g_per_dl": st.floats(-1, 20, allow_nan=False),
    "inr": st.floats(-1, 25, allow_nan=False),
    "age_years": st.floats(-5, 140, allow_nan=False),
}


class TestAgreesWithConstructor:
    @given(st.sampled_from(sorted(SCALAR_FIELDS)), st.data())
    def test_from_json_rejects_what_the_constructor_rejects(
        self, field: str, data: st.DataObject
    ) -> None:
        """For any value, from_json and the constructor accept or reject together."""
        value = data.draw(SCALAR_FIELDS[field])
        kwargs: dict[str, Any] = {field: value}
        try:
            built: Patient | None = Patient(**kwargs)
        except InvalidInputError:
            built = None
        messages = errors_of({field: value})
        assert (built is None) == bool(messages)
        if built is not None:
            assert built == structure({field: value}, Patient)


class TestJsonSchema:
    @given(patients())
    def test_accepts_what_to_json_writes(self, patient: Patient) -> None:
        """Every valid patient's JSON is valid against the schema."""
        SCHEMA.validate(json.loads(to_json(patient)))

    @given(patients(), st.sampled_from(sorted(SCALAR_FIELDS)), st.data())
    def test_rejects_what_from_json_rejects(
        self, patient: Patient, field: str, data: st.DataObject
    ) -> None:
        """A schema-invalid document is rejected by from_json, and vice versa for field rules."""
        document = unstructure(patient)
        document[field] = data.draw(SCALAR_FIELDS[field] | json_scalars)
        schema_ok = SCHEMA.is_valid(document)
        assert schema_ok == (not errors_of(document))

    def test_unknown_keys_and_enums(self) -> None:
        """Extra keys and unknown enum values are schema errors too."""
        assert not SCHEMA.is_valid({"foo": 1})
        assert not SCHEMA.is_valid({"lesions": [{"levels": ["t13"]}]})
        assert not SCHEMA.is_valid({"lesions": [{"levels": []}]})
        assert SCHEMA.is_valid({})

    def test_is_a_valid_draft_2020_12_schema(self) -> None:
        """The schema itself validates against the meta-schema."""
        jsonschema.Draft202012Validator.check_schema(json_schema(Patient))


class TestExamples:
    @pytest.mark.parametrize("name", example_names())
    def test_built_in_examples_match_the_repository_copies(self, name: str) -> None:
        """examples/*.json and the built-in data are the same patients."""
        text = (EXAMPLES_DIR / f"{name}.json").read_text(encoding="utf-8")
        assert example_patient(name) == from_json(text, Patient)

    def test_every_repository_example_is_built_in(self) -> None:
        """No example exists only in the repository."""
        assert sorted(p.stem for p in EXAMPLES_DIR.glob("*.json")) == list(example_names())

    def test_unknown_example(self) -> None:
        """An unknown name lists the available ones."""
        with pytest.raises(InvalidInputError, match="'name' must be one of breast_t12_mechanical"):
            example_patient("nope")
