"""The REST API through an HTTP test client: every endpoint and every error class."""

import json
import logging
from typing import Any

import jsonschema
import pytest
from openapi_spec_validator import validate
from starlette.testclient import TestClient

from spinal_metastasis import Patient, assess, example_names, example_patient, json_schema
from spinal_metastasis.errors import SerializationError
from spinal_metastasis.io import from_json, unstructure
from spinal_metastasis.service import app as app_module
from spinal_metastasis.service.app import LOGGER_NAME, create_app
from spinal_metastasis.service.operations import MAX_BODY_BYTES, SCORES, ServiceError, decode
from tests.cases.service import example_document


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(), raise_server_exceptions=False)


def _messages(response: Any) -> list[str]:
    return [f"{entry['path']}: {entry['message']}" for entry in response.json()["errors"]]


class TestAssess:
    @pytest.mark.parametrize("name", example_names())
    def test_returns_the_envelope_of_assess(self, client: TestClient, name: str) -> None:
        """POST /assess returns the versioned envelope around exactly what assess() gives."""
        response = client.post("/assess", json=example_document(name))
        expected = json.loads(json.dumps(unstructure(assess(example_patient(name)))))
        assert 200 == response.status_code
        assert expected == response.json()["result"]
        assert {"schema_version", "library_version", "kind", "result"} <= set(response.json())

    def test_a_partly_known_patient_is_assessed(self, client: TestClient) -> None:
        """A document with only some fields is valid: the rest is unknown."""
        response = client.post("/assess", json={"lesions": [{"levels": ["t12"]}]})
        assert 200 == response.status_code

    def test_bad_fields_give_422_with_the_messages_of_from_json(self, client: TestClient) -> None:
        """One entry per bad field path, the same messages as from_json."""
        document = {"kps": 75, "lesions": [{"levels": ["t13"], "escc": "4"}]}
        with pytest.raises(SerializationError) as raised:
            from_json(json.dumps(document), Patient)
        response = client.post("/assess", json=document)
        assert 422 == response.status_code
        assert "invalid_input" == response.json()["error"]
        assert sorted(raised.value.messages) == sorted(_messages(response))
        assert 3 == len(response.json()["errors"])

    def test_a_rule_across_fields_gives_422(self, client: TestClient) -> None:
        """Levels that are not contiguous are rejected with the field's path."""
        response = client.post("/assess", json={"lesions": [{"levels": ["t12", "t10"]}]})
        assert 422 == response.status_code
        assert ["lesions[0].levels"] == [entry["path"] for entry in response.json()["errors"]]

    def test_the_identifier_is_never_echoed(self, client: TestClient) -> None:
        """An invalid document with an identifier does not send the identifier back."""
        document = {"patient_id": "MRN-99887766", "kps": 75, "unknown_key": 1}
        response = client.post("/assess", json=document)
        assert 422 == response.status_code
        assert "MRN-99887766" not in response.text

    def test_not_json_gives_400(self, client: TestClient) -> None:
        """A body that is not JSON is a 400 with a JSON error."""
        response = client.post("/assess", content=b"{not json")
        assert 400 == response.status_code
        assert "not_json" == response.json()["error"]

    def test_not_utf8_gives_400(self, client: TestClient) -> None:
        """A body that is not UTF-8 is a 400."""
        response = client.post("/assess", content=b'{"primary": "\xff"}')
        assert 400 == response.status_code

    def test_nan_gives_400(self, client: TestClient) -> None:
        """NaN is not JSON."""
        response = client.post("/assess", content=b'{"kps": NaN}')
        assert 400 == response.status_code

    def test_a_body_over_the_limit_gives_413(self, client: TestClient) -> None:
        """A body over MAX_BODY_BYTES is refused with 413."""
        response = client.post("/assess", content=b" " * (MAX_BODY_BYTES + 1))
        assert 413 == response.status_code
        assert "body_too_large" == response.json()["error"]

    def test_a_streamed_body_over_the_limit_gives_413(self, client: TestClient) -> None:
        """Without a Content-Length the body is counted as it arrives."""

        def chunks() -> Any:
            for _ in range(MAX_BODY_BYTES // 65536 + 2):
                yield b" " * 65536

        response = client.post("/assess", content=chunks())
        assert 413 == response.status_code

    def test_an_internal_error_is_json_without_a_traceback(
        self, client: TestClient, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A failure inside the service is a 500 with a JSON body naming no internals."""

        def fail(_: object) -> object:
            msg = "secret internal detail"
            raise RuntimeError(msg)

        monkeypatch.setattr(app_module, "assess_document", fail)
        response = client.post("/assess", json={})
        assert 500 == response.status_code
        assert "internal_error" == response.json()["error"]
        assert "secret internal detail" not in response.text
        assert "Traceback" not in response.text


class TestRoutes:
    def test_unknown_path_is_a_json_404(self, client: TestClient) -> None:
        """A path the service does not have is a 404 with a JSON body."""
        response = client.get("/nowhere")
        assert (404, "not_found") == (response.status_code, response.json()["error"])

    def test_wrong_method_is_a_json_405(self, client: TestClient) -> None:
        """GET on a POST endpoint is a 405 with a JSON body."""
        response = client.get("/assess")
        assert (405, "method_not_allowed") == (response.status_code, response.json()["error"])


class TestScores:
    @pytest.mark.parametrize("name", list(SCORES))
    def test_every_score(self, client: TestClient, name: str) -> None:
        """Each score takes a lesion (sins, escc) or a patient and returns its result."""
        patient = example_document("breast_t12_mechanical")
        cls, function = SCORES[name]
        document = patient if cls is Patient else patient["lesions"][0]
        subject = example_patient("breast_t12_mechanical")
        expected = unstructure(function(subject if cls is Patient else subject.lesions[0]))
        response = client.post(f"/scores/{name}", json=document)
        assert 200 == response.status_code
        assert json.loads(json.dumps(expected)) == response.json()["result"]

    def test_sins_of_a_partly_known_lesion_is_a_range(self, client: TestClient) -> None:
        """Unknown SINS items give the exact range of totals (T12: location 3, the rest 0 to 15)."""
        response = client.post("/scores/sins", json={"levels": ["t12"]})
        assert {"low": 3, "high": 18} == response.json()["result"]["points"]

    def test_unknown_score_is_404(self, client: TestClient) -> None:
        """A score the library does not have is a 404 that lists the scores."""
        response = client.post("/scores/sinss", json={})
        assert 404 == response.status_code
        assert "sins" in response.json()["errors"][0]["message"]

    def test_bad_lesion_is_422(self, client: TestClient) -> None:
        """A lesion with a bad field is a 422 naming the field."""
        response = client.post("/scores/sins", json={"levels": ["t12"], "pain": "sharp"})
        assert ["pain"] == [entry["path"] for entry in response.json()["errors"]]


class TestReirradiation:
    def test_the_documented_example(self, client: TestClient) -> None:
        """20 Gy / 5 then 12 Gy / 2 after 210 days meets the four criteria (54 and 24 Gy EQD2)."""
        document = {
            "prior": [{"total_dose_gy": 20, "fractions": 5}],
            "planned": {"total_dose_gy": 12, "fractions": 2},
            "interval_days": 210,
        }
        result = client.post("/reirradiation-check", json=document).json()
        assert (54.0, 24.0, True) == (
            result["cumulative_eqd2_gy"],
            result["planned_eqd2_gy"],
            result["within_limits"],
        )

    def test_an_unknown_interval_is_undetermined(self, client: TestClient) -> None:
        """Without the interval the check waits for it."""
        document = {
            "prior": [{"total_dose_gy": 20, "fractions": 5}],
            "planned": {"total_dose_gy": 12, "fractions": 2},
        }
        result = client.post("/reirradiation-check", json=document).json()
        assert (False, ["interval_days"]) == (result["determined"], result["missing"])

    def test_missing_and_bad_fields_are_422(self, client: TestClient) -> None:
        """Each bad field is named: the prior courses, the planned fractions."""
        document = {"planned": {"total_dose_gy": 12, "fractions": 0}}
        response = client.post("/reirradiation-check", json=document)
        assert 422 == response.status_code
        assert {"prior", "planned.fractions"} == {e["path"] for e in response.json()["errors"]}


class TestSchemaAndExamples:
    def test_schema_of_patient(self, client: TestClient) -> None:
        """GET /schema/Patient is json_schema(Patient)."""
        assert json_schema(Patient) == client.get("/schema/Patient").json()

    def test_unknown_class_is_404(self, client: TestClient) -> None:
        """A class without a schema is a 404."""
        assert 404 == client.get("/schema/Nothing").status_code

    def test_examples(self, client: TestClient) -> None:
        """GET /examples has every example patient, valid as a patient document."""
        examples = client.get("/examples").json()
        assert list(example_names()) == sorted(examples)
        assert example_patient("lung_l2_reirradiation") == from_json(
            json.dumps(examples["lung_l2_reirradiation"]), Patient
        )


class TestOpenApi:
    def test_the_document_is_valid_openapi_3_1(self, client: TestClient) -> None:
        """The document passes the OpenAPI 3.1 validator."""
        document = client.get("/openapi.json").json()
        validate(document)
        assert "3.1.0" == document["openapi"]

    def test_it_carries_the_library_bounds(self, client: TestClient) -> None:
        """The patient schema keeps the validators' bounds (KPS 0..100 in steps of 10)."""
        schemas = client.get("/openapi.json").json()["components"]["schemas"]
        expected = {"type": "integer", "minimum": 0, "maximum": 100, "multipleOf": 10}
        assert expected == schemas["Patient"]["properties"]["kps"]["anyOf"][0]

    def test_the_assess_response_validates_against_its_schema(self, client: TestClient) -> None:
        """The envelope POST /assess returns is valid under the document's response schema."""
        document = client.get("/openapi.json").json()
        response = client.post("/assess", json=example_document("lung_l2_reirradiation")).json()
        schema = {
            "$ref": "#/components/schemas/AssessmentEnvelope",
            "components": document["components"],
        }
        jsonschema.Draft202012Validator(schema).validate(response)

    def test_every_route_is_described(self, client: TestClient) -> None:
        """Each REST path of the app is in the document."""
        paths = set(client.get("/openapi.json").json()["paths"])
        expected = {
            "/assess",
            "/scores/{name}",
            "/reirradiation-check",
            "/schema/{name}",
            "/examples",
            "/openapi.json",
            "/cds-services",
            "/cds-services/{service}",
        }
        assert expected == paths


class TestRequestLog:
    def test_one_line_per_request_without_patient_data(
        self, client: TestClient, caplog: pytest.LogCaptureFixture
    ) -> None:
        """Each request logs method, path, status and duration, and nothing of the body."""
        document = {"patient_id": "MRN-55555", "kps": 75}
        with caplog.at_level(logging.INFO, logger=LOGGER_NAME):
            client.post("/assess", json=document)
            client.get("/examples")
        lines = [json.loads(record.getMessage()) for record in caplog.records]
        assert [("POST", "/assess", 422), ("GET", "/examples", 200)] == [
            (line["method"], line["path"], line["status"]) for line in lines
        ]
        assert all(line["duration_ms"] >= 0 for line in lines)
        assert "MRN-55555" not in caplog.text
        # Nothing of the body: each line holds the request's method, path, status and duration
        # only (a duration such as 12.75 ms may contain the digits of any value).
        keys = {key for line in lines for key in line}
        assert "kps" not in caplog.text
        assert {"method", "path", "status", "duration_ms"} == keys


class TestDecode:
    def test_the_decoder_message_is_passed_on(self) -> None:
        """A body past a decoder limit (nesting) is a 400 whose message says why."""
        with pytest.raises(ServiceError) as raised:
            decode(b"[" * 40 + b"]" * 40)
        assert 400 == raised.value.status
        assert "$" == raised.value.errors[0]["path"][0]

    def test_too_large_before_parsing(self) -> None:
        """Decode refuses a body over the limit without parsing it."""
        with pytest.raises(ServiceError) as raised:
            decode(b"0" * (MAX_BODY_BYTES + 1))
        assert 413 == raised.value.status
