"""The MCP server through the official SDK's client, over stdio, in a subprocess."""

import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import anyio
from mcp import ClientSession, StdioServerParameters, stdio_client

from spinal_metastasis import Patient, example_patient, json_schema, tokuhashi_revised
from spinal_metastasis.io import unstructure
from spinal_metastasis.service.mcp_server import build_server, call_tool
from spinal_metastasis.service.operations import SCORES
from tests.cases.service import WAIT_SECONDS, example_document

_SRC = str(Path(__file__).resolve().parent.parent / "src")


def _session(check: Callable[[ClientSession], Awaitable[None]]) -> None:
    """Start ``spinal-metastasis mcp`` (through the CLI) and run ``check`` on a session."""
    path = os.pathsep.join([_SRC, os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    parameters = StdioServerParameters(
        command=sys.executable,
        args=["-m", "spinal_metastasis.cli", "mcp"],
        env={"PYTHONPATH": path},
    )

    async def run() -> None:
        with anyio.fail_after(WAIT_SECONDS * 2):
            async with stdio_client(parameters) as (read, write), ClientSession(read, write) as s:
                await s.initialize()
                await check(s)

    anyio.run(run)


def test_tools_and_their_input_schemas() -> None:
    """Four tools; assess_patient takes json_schema(Patient), the others their own schemas."""
    found: dict[str, Any] = {}

    async def check(session: ClientSession) -> None:
        found.update({tool.name: tool.input_schema for tool in (await session.list_tools()).tools})

    _session(check)
    expected = {key: value for key, value in json_schema(Patient).items() if key != "$id"}
    assert ["assess_patient", "score", "reirradiation_check", "describe_inputs"] == list(found)
    assert expected == found["assess_patient"]
    assert list(SCORES) == found["score"]["properties"]["name"]["enum"]


def test_every_tool_answers() -> None:
    """Each tool returns structured content and text, and bad input is a tool error."""
    results: dict[str, Any] = {}

    async def check(session: ClientSession) -> None:
        document = example_document("prostate_partly_known")
        results["assess"] = await session.call_tool("assess_patient", document)
        results["score"] = await session.call_tool(
            "score", {"name": "sins", "patient": document, "lesion_index": 0}
        )
        results["check"] = await session.call_tool(
            "reirradiation_check",
            {
                "prior": [{"total_dose_gy": 20, "fractions": 5}],
                "planned": {"total_dose_gy": 12, "fractions": 2},
            },
        )
        results["describe"] = await session.call_tool("describe_inputs", {})
        results["bad"] = await session.call_tool(
            "assess_patient", {"patient_id": "MRN-4242", "kps": 75, "ecog": 9}
        )
        results["bad_score"] = await session.call_tool("score", {"name": "x", "patient": {}})

    _session(check)
    assess = results["assess"]
    patient = example_patient("prostate_partly_known")
    assert not assess.is_error
    assert "Assessment" == assess.structured_content["kind"]
    assert "waits for: prior_radiation" in assess.content[0].text
    assert assess.structured_content["undetermined"]
    score = results["score"].structured_content
    assert {"low": 1, "high": 10} == score["result"]["points"]
    reirradiation = results["check"]
    assert "Undetermined: waits for interval_days." in reirradiation.content[0].text
    assert ["interval_days"] == reirradiation.structured_content["missing"]
    examples = results["describe"].structured_content["examples"]
    assert unstructure(patient)["primary"] == examples["prostate_partly_known"]["primary"]
    bad = results["bad"]
    assert bad.is_error
    assert {"kps", "ecog"} == {line.split(":")[0] for line in bad.content[0].text.splitlines()}
    assert "MRN-4242" not in bad.content[0].text
    assert results["bad_score"].is_error


class TestCallTool:
    """The tools in this process (the same functions the stdio server runs)."""

    def test_assess_patient_names_what_undetermined_answers_wait_for(self) -> None:
        """An undetermined option is listed with the inputs it waits for."""
        result = call_tool("assess_patient", {"lesions": [{"levels": ["t12"]}]})
        assert not result.is_error
        assert result.structured_content is not None
        lines = result.structured_content["undetermined"]
        assert any(line.startswith("T12 sbrt undetermined, waits for: ") for line in lines)

    def test_score_of_a_patient(self) -> None:
        """A patient score takes the patient; the text is the score's summary."""
        document = example_document("breast_t12_mechanical")
        result = call_tool("score", {"name": "tokuhashi_revised", "patient": document})
        expected = tokuhashi_revised(example_patient("breast_t12_mechanical"))
        assert str(expected) == result.content[0].text  # type: ignore[union-attr]

    def test_score_arguments_are_checked(self) -> None:
        """Unknown arguments, an unknown score and a bad index are each named."""
        result = call_tool("score", {"name": "x", "patient": {}, "lesion_index": -1, "y": 1})
        assert result.is_error
        assert {"y", "name", "lesion_index"} == {
            line.split(":")[0]
            for line in result.content[0].text.splitlines()  # type: ignore[union-attr]
        }

    def test_a_lesion_index_past_the_lesions(self) -> None:
        """The SINS of lesion 3 of a one-lesion patient is an error that says how many there are."""
        document = example_document("breast_t12_mechanical")
        result = call_tool("score", {"name": "sins", "patient": document, "lesion_index": 3})
        assert "lesion_index: the patient has 1 lesion(s)" == result.content[0].text  # type: ignore[union-attr]

    def test_a_determined_reirradiation_check(self) -> None:
        """With the interval known the text is the check's summary alone."""
        arguments = {
            "prior": [{"total_dose_gy": 20, "fractions": 5}],
            "planned": {"total_dose_gy": 12, "fractions": 2},
            "interval_days": 210,
        }
        result = call_tool("reirradiation_check", arguments)
        assert "Undetermined" not in result.content[0].text  # type: ignore[union-attr]
        assert result.structured_content is not None
        assert result.structured_content["within_limits"]

    def test_describe_inputs_takes_no_arguments(self) -> None:
        """describe_inputs rejects arguments, naming each."""
        result = call_tool("describe_inputs", {"x": 1})
        assert (True, "x: unknown argument") == (result.is_error, result.content[0].text)  # type: ignore[union-attr]

    def test_an_unknown_tool(self) -> None:
        """A tool the server does not have is a tool error listing the tools."""
        result = call_tool("nothing", None)
        assert result.is_error
        assert "assess_patient" in result.content[0].text  # type: ignore[union-attr]

    def test_the_server_lists_the_tools(self) -> None:
        """build_server gives a server named after the library."""
        assert "spinal-metastasis" == build_server().name
