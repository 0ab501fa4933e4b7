"""The OpenAPI 3.1 document of the REST API, assembled from the library's JSON Schemas.

OpenAPI 3.1 schemas are JSON Schema draft 2020-12, the dialect of
:func:`~spinal_metastasis.io.json_schema`: each class's schema goes into
``components/schemas`` unchanged (bounds, enums, ``additionalProperties``),
with its ``$defs`` moved beside it and its references pointed there.
"""

import functools
from typing import Any, Final

from spinal_metastasis.assessment import Assessment
from spinal_metastasis.io import json_schema
from spinal_metastasis.model import Fractionation, Patient, RadiationCourse, SpinalLesion
from spinal_metastasis.provenance import envelope_schema
from spinal_metastasis.service import cds
from spinal_metastasis.service.operations import (
    MAX_BODY_BYTES,
    NOTICE,
    SCORES,
    ReirradiationRequest,
    library_version,
    schema_classes,
    schema_names,
)

__all__ = ["document"]

_REF_PREFIX: Final = "#/components/schemas/"

_ERROR_SCHEMA: Final = {
    "type": "object",
    "title": "Error",
    "description": "Every error response: its class, its status and one entry per bad field.",
    "properties": {
        "error": {
            "enum": [
                "not_json",
                "invalid_form",
                "body_too_large",
                "invalid_input",
                "not_found",
                "method_not_allowed",
                "prefetch_missing",
                "internal_error",
            ]
        },
        "status": {"type": "integer"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"path": {"type": "string"}, "message": {"type": "string"}},
                "required": ["path", "message"],
            },
        },
    },
    "required": ["error", "status", "errors"],
}


def _rewrite(node: object) -> Any:  # noqa: ANN401 - JSON data
    """Point ``#/$defs/X`` references at ``#/components/schemas/X``."""
    if isinstance(node, dict):
        return {
            key: (
                value.replace("#/$defs/", _REF_PREFIX)
                if key == "$ref" and isinstance(value, str)
                else _rewrite(value)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rewrite(item) for item in node]
    return node


def _add(components: dict[str, Any], cls: type) -> dict[str, str]:
    """Add a class's schema (and its definitions) to the components; return its reference."""
    schema = dict(json_schema(cls))
    defs: dict[str, Any] = schema.pop("$defs", {})
    schema.pop("$schema", None)
    schema.pop("$id", None)  # an $id would change the base that references resolve against
    for name, definition in defs.items():
        components.setdefault(name, _rewrite(definition))
    components[cls.__name__] = _rewrite(schema)
    return {"$ref": f"{_REF_PREFIX}{cls.__name__}"}


def _result_ref(components: dict[str, Any], class_name: str) -> dict[str, str]:
    """The schema of a result class, added to the components."""
    return _add(components, schema_classes()[class_name])


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def _errors(*statuses: int) -> dict[str, Any]:
    texts = {
        400: "The body is not UTF-8 JSON.",
        404: "No such name.",
        412: "The prefetch the service needs is missing.",
        413: f"The body exceeds {MAX_BODY_BYTES} bytes.",
        422: "The document is invalid: one entry per bad field path.",
    }
    error = {"$ref": f"{_REF_PREFIX}Error"}
    return {
        str(status): {"description": texts[status], "content": _json(error)} for status in statuses
    }


def _post(
    summary: str, request: dict[str, Any], response: dict[str, Any], *statuses: int
) -> dict[str, Any]:
    return {
        "post": {
            "summary": summary,
            "requestBody": {"required": True, "content": _json(request)},
            "responses": {
                "200": {"description": "The result.", "content": _json(response)},
                **_errors(*statuses),
            },
        }
    }


def _get(summary: str, response: dict[str, Any], *statuses: int) -> dict[str, Any]:
    return {
        "get": {
            "summary": summary,
            "responses": {
                "200": {"description": "The result.", "content": _json(response)},
                **_errors(*statuses),
            },
        }
    }


def _add_envelope(components: dict[str, Any]) -> dict[str, str]:
    """The schema of the envelope (:func:`spinal_metastasis.provenance.envelope_schema`)."""
    schema = dict(envelope_schema(Assessment))
    defs: dict[str, Any] = schema.pop("$defs", {})
    schema.pop("$schema", None)
    schema.pop("$id", None)
    for name, definition in defs.items():
        components.setdefault(name, _rewrite(definition))
    components["AssessmentEnvelope"] = _rewrite(schema)
    return {"$ref": f"{_REF_PREFIX}AssessmentEnvelope"}


@functools.cache
def _document() -> dict[str, Any]:
    components: dict[str, Any] = {"Error": _ERROR_SCHEMA}
    patient = _add(components, Patient)
    lesion = _add(components, SpinalLesion)
    _add(components, RadiationCourse)
    _add(components, Fractionation)
    reirradiation = _add(components, ReirradiationRequest)
    envelope = _add_envelope(components)
    score_names = list(SCORES)
    name_parameter = {
        "name": "name",
        "in": "path",
        "required": True,
        "schema": {"enum": score_names},
        "description": "sins and escc take a SpinalLesion; the other scores take a Patient.",
    }
    class_parameter = {
        "name": "name",
        "in": "path",
        "required": True,
        "schema": {"enum": list(schema_names())},
    }
    score = _post(
        "Compute one score",
        {"oneOf": [lesion, patient]},
        {
            "type": "object",
            "properties": {
                "score": {"enum": score_names},
                "result": {
                    "anyOf": [
                        _result_ref(components, class_name)
                        for class_name in (
                            "SinsScore",
                            "EsccGrading",
                            "TokuhashiScore",
                            "TomitaScore",
                            "ModifiedBauerScore",
                            "NesmsScore",
                            "KatagiriScore",
                        )
                    ]
                },
            },
            "required": ["score", "result"],
        },
        400,
        404,
        413,
        422,
    )
    score["post"]["parameters"] = [name_parameter]
    schema_path = _get("The JSON Schema of a class", {"type": "object"}, 404)
    schema_path["get"]["parameters"] = [class_parameter]
    cds_path = _post(
        "Call a CDS Hooks service",
        {"type": "object", "required": ["hook", "hookInstance", "context"]},
        {"type": "object", "required": ["cards"]},
        400,
        404,
        412,
        413,
        422,
    )
    cds_path["post"]["parameters"] = [
        {
            "name": "service",
            "in": "path",
            "required": True,
            "schema": {"enum": list(cds.SERVICE_IDS)},
        }
    ]
    paths = {
        "/assess": _post(
            "Assess a patient: scores, NOMS and every option per lesion",
            patient,
            envelope,
            400,
            413,
            422,
        ),
        "/scores/{name}": score,
        "/reirradiation-check": _post(
            "Check a planned SBRT re-irradiation (Sahgal 2012 / HyTEC)",
            reirradiation,
            _result_ref(components, "ReirradiationCheck"),
            400,
            413,
            422,
        ),
        "/schema/{name}": schema_path,
        "/examples": _get(
            "The built-in example patients, by name",
            {"type": "object", "additionalProperties": patient},
        ),
        "/openapi.json": _get("This document", {"type": "object"}),
        "/cds-services": _get(
            "CDS Hooks discovery",
            {"type": "object", "required": ["services"]},
        ),
        "/cds-services/{service}": cds_path,
    }
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "spinal-metastasis",
            "version": library_version(),
            "summary": "Scores, radiobiology and treatment options for metastatic spinal tumors.",
            "description": NOTICE,
            "license": {"name": "Apache-2.0", "identifier": "Apache-2.0"},
        },
        "paths": paths,
        "components": {"schemas": dict(sorted(components.items()))},
    }


def document() -> dict[str, Any]:
    """Return the OpenAPI 3.1 document (built once; treat it as read-only)."""
    return _document()
