"""A Model Context Protocol server over standard input and output (``spinal-metastasis mcp``).

Built on the official ``mcp`` SDK's low-level server, so that each tool's
``inputSchema`` is the library's own JSON Schema (``json_schema(Patient)``),
not one derived from Python signatures. Four tools:

- ``assess_patient``: a patient document → the versioned assessment envelope
  (structured), and a text summary that lists every undetermined option with
  the inputs it waits for;
- ``score``: one score (``sins`` and ``escc`` of a lesion, the others of the patient);
- ``reirradiation_check``: a planned SBRT re-irradiation against the HyTEC criteria;
- ``describe_inputs``: the input schema and the built-in example patients.

Bad input gives a tool error (``isError``) with one line per bad field path,
the messages of :func:`~spinal_metastasis.io.from_json`; it never echoes an identifier.
"""

import json
from collections.abc import Callable
from typing import Any, Final

import anyio
import mcp.types as mcp_types
from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server

from spinal_metastasis.assessment import Assessment, assess
from spinal_metastasis.io import json_schema, unstructure
from spinal_metastasis.model import Patient
from spinal_metastasis.radiobiology import reirradiation_check
from spinal_metastasis.service.operations import (
    NOTICE,
    SCORES,
    ReirradiationRequest,
    ServiceError,
    envelope,
    examples,
    library_version,
    patient_of,
    structured,
)
from spinal_metastasis.treatments.option import Eligibility

__all__ = ["TOOLS", "build_server", "run"]


def _root_schema(cls: type) -> dict[str, Any]:
    schema = dict(json_schema(cls))
    schema.pop("$id", None)
    return schema


def _score_schema() -> dict[str, Any]:
    patient = _root_schema(Patient)
    defs = dict(patient.pop("$defs", {}))
    patient.pop("$schema", None)
    defs["Patient"] = patient
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "name": {"enum": list(SCORES), "description": "Which score."},
            "patient": {"$ref": "#/$defs/Patient"},
            "lesion_index": {
                "type": "integer",
                "minimum": 0,
                "description": "For sins and escc: which of the patient's lesions (default 0).",
            },
        },
        "required": ["name", "patient"],
        "additionalProperties": False,
        "$defs": defs,
    }


def _tools() -> tuple[mcp_types.Tool, ...]:
    return (
        mcp_types.Tool(
            name="assess_patient",
            description=(
                "Assess a patient with metastatic spinal tumors: prognosis scores, and per lesion "
                "SINS, ESCC, NOMS and the eligibility and trade-offs of every treatment option, "
                "each with its citations. Unknown fields may be left out; an undetermined answer "
                f"names the inputs it waits for. {NOTICE}"
            ),
            input_schema=_root_schema(Patient),
        ),
        mcp_types.Tool(
            name="score",
            description=(
                "Compute one published score: sins or escc of one lesion, or tokuhashi_revised, "
                "tomita, modified_bauer, nesms or katagiri of the patient. With unknown inputs the "
                "result is the exact range of points and the inputs that would decide it."
            ),
            input_schema=_score_schema(),
        ),
        mcp_types.Tool(
            name="reirradiation_check",
            description=(
                "Check a planned SBRT re-irradiation of the spinal cord against the four "
                "Sahgal 2012 / HyTEC criteria (EQD2, alpha/beta 2 Gy). An unknown interval "
                "leaves the check undetermined and says so."
            ),
            input_schema=_root_schema(ReirradiationRequest),
        ),
        mcp_types.Tool(
            name="describe_inputs",
            description=(
                "The JSON Schema of a patient document (every field may be left out when "
                "unknown) and the built-in example patients."
            ),
            input_schema={"type": "object", "properties": {}, "additionalProperties": False},
        ),
    )


#: The tools, by name.
TOOLS: Final = {tool.name: tool for tool in _tools()}


def _waiting(assessment: Assessment) -> list[str]:
    """One line per undetermined answer, with the inputs it waits for."""
    lines = []
    for lesion in assessment.lesions:
        where = "–".join(level.label for level in lesion.lesion.levels)
        if lesion.noms.missing:
            lines.append(f"{where} NOMS waits for: {', '.join(lesion.noms.missing)}")
        lines += [
            f"{where} {option.modality.value} undetermined, waits for: {', '.join(option.missing)}"
            for option in lesion.options
            if option.eligibility is Eligibility.UNDETERMINED
        ]
    return lines


def _assess_patient(arguments: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    assessment = assess(patient_of(arguments))
    waiting = _waiting(assessment)
    text = f"{assessment}\n"
    if waiting:
        text += "\nUndetermined:\n" + "".join(f"- {line}\n" for line in waiting)
    structured = envelope(assessment)
    structured["undetermined"] = waiting
    return text + f"\n{NOTICE}", structured


def _score(arguments: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    unknown = sorted(set(arguments) - {"name", "patient", "lesion_index"})
    errors = [{"path": name, "message": "unknown argument"} for name in unknown]
    name = arguments.get("name")
    if not isinstance(name, str) or name not in SCORES:
        errors.append({"path": "name", "message": f"must be one of {', '.join(SCORES)}"})
    index = arguments.get("lesion_index", 0)
    if not isinstance(index, int) or isinstance(index, bool) or index < 0:
        errors.append({"path": "lesion_index", "message": "must be an integer >= 0"})
    if errors:
        raise ServiceError(422, "invalid_input", errors)
    patient = patient_of(arguments.get("patient"))
    cls, function = SCORES[str(name)]
    subject: object = patient
    if cls is not Patient:
        if int(index) >= len(patient.lesions):
            message = f"the patient has {len(patient.lesions)} lesion(s)"
            raise ServiceError(422, "invalid_input", [{"path": "lesion_index", "message": message}])
        subject = patient.lesions[int(index)]
    result = function(subject)
    return str(result), {"score": name, "result": unstructure(result)}


def _reirradiation(arguments: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    request = structured(arguments, ReirradiationRequest)
    check = reirradiation_check(
        prior=request.prior, planned=request.planned, interval_days=request.interval_days
    )
    text = str(check)
    if not check.determined:
        text += f"\nUndetermined: waits for {', '.join(check.missing)}."
    data: dict[str, Any] = unstructure(check)
    return text, data


def _describe_inputs(arguments: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    if arguments:
        errors = [{"path": name, "message": "unknown argument"} for name in sorted(arguments)]
        raise ServiceError(422, "invalid_input", errors)
    schema = json_schema(Patient)
    data = {"schema": schema, "examples": examples()}
    text = (
        "A patient document is a JSON object with these fields (leave out what is unknown): "
        + ", ".join(schema["properties"])
        + ". Examples: "
        + ", ".join(data["examples"])
        + "."
    )
    return text, data


_HANDLERS: Final[dict[str, Callable[[dict[str, Any]], tuple[str, dict[str, Any]]]]] = {
    "assess_patient": _assess_patient,
    "score": _score,
    "reirradiation_check": _reirradiation,
    "describe_inputs": _describe_inputs,
}


def call_tool(name: str, arguments: dict[str, Any] | None) -> mcp_types.CallToolResult:
    """Run one tool; a bad input is a tool error with one line per bad field path."""
    handler = _HANDLERS.get(name)
    if handler is None:
        text = f"no tool of that name (tools: {', '.join(_HANDLERS)})"
        return mcp_types.CallToolResult(
            content=[mcp_types.TextContent(type="text", text=text)], is_error=True
        )
    try:
        text, structured = handler(arguments or {})
    except ServiceError as exc:
        lines = "\n".join(f"{entry['path']}: {entry['message']}" for entry in exc.errors)
        return mcp_types.CallToolResult(
            content=[mcp_types.TextContent(type="text", text=lines)],
            structured_content=exc.document(),
            is_error=True,
        )
    return mcp_types.CallToolResult(
        content=[mcp_types.TextContent(type="text", text=text)],
        structured_content=json.loads(json.dumps(structured)),
    )


def build_server() -> Server[Any]:
    """The MCP server with the four tools (not yet connected to a transport)."""

    async def list_tools(
        _ctx: object, _params: mcp_types.PaginatedRequestParams | None
    ) -> mcp_types.ListToolsResult:
        return mcp_types.ListToolsResult(tools=list(TOOLS.values()))

    async def handle_call(
        _ctx: object, params: mcp_types.CallToolRequestParams
    ) -> mcp_types.CallToolResult:
        return await anyio.to_thread.run_sync(call_tool, params.name, params.arguments)

    return Server(
        "spinal-metastasis",
        version=library_version(),
        instructions=(
            "Decision support for metastatic spinal tumors. Call describe_inputs for the patient "
            f"document's schema and examples, then assess_patient. {NOTICE}"
        ),
        on_list_tools=list_tools,
        on_call_tool=handle_call,
    )


async def _serve() -> None:
    server = build_server()
    async with stdio_server() as (read_stream, write_stream):
        await server.run(read_stream, write_stream, server.create_initialization_options())


def run() -> None:
    """Serve MCP over standard input and output until the client closes them."""
    anyio.run(_serve)
