import io
import json
from pathlib import Path

import pytest

from spinal_metastasis import Assessment, Patient, assess, example_names, from_json
from spinal_metastasis.cli import main

EXAMPLES_DIR = Path(__file__).parent.parent / "examples"


class TestDemo:
    def test_prints_a_summary(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`demo` prints a readable summary of the built-in example and exits 0."""
        assert main(["demo"]) == 0
        out = capsys.readouterr().out
        assert out.startswith("Patient with breast primary, KPS 80, ECOG 1")
        assert "SINS 11 (potentially unstable)" in out
        assert "NOMS: conventional ebrt" in out
        assert "not a medical device" in out

    @pytest.mark.parametrize("name", example_names())
    def test_json_carries_the_assessment(
        self, name: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`demo --json` prints the versioned envelope: the whole assessment, patient included."""
        assert main(["demo", "--example", name, "--json"]) == 0
        document = json.loads(capsys.readouterr().out)
        assert ("1", "Assessment") == (document["schema_version"], document["kind"])
        expected = from_json((EXAMPLES_DIR / f"{name}.json").read_text("utf-8"), Patient)
        assessment = from_json(json.dumps(document["result"]), Assessment)
        assert assess(expected) == assessment


class TestAssess:
    def test_reads_a_file(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`assess FILE` summarizes the document."""
        assert main(["assess", str(EXAMPLES_DIR / "renal_t7_cord_compression.json")]) == 0
        assert "Patient with kidney primary" in capsys.readouterr().out

    def test_reads_stdin(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """`assess -` reads standard input."""
        monkeypatch.setattr("sys.stdin", io.StringIO('{"primary": "myeloma"}'))
        assert main(["assess", "-"]) == 0
        assert "myeloma primary" in capsys.readouterr().out

    def test_bad_input_exits_2_with_one_line_per_field(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Invalid input exits 2 with field-path messages on stderr, never a traceback."""
        monkeypatch.setattr(
            "sys.stdin", io.StringIO('{"kps": 75, "lesions": [{"levels": ["t12"], "escc": "4"}]}')
        )
        assert main(["assess", "-"]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err.splitlines() == [
            "lesions[0].escc: '4' is not one of 0, 1a, 1b, 1c, 2, 3",
            "kps: must be an integer from 0 to 100 in steps of 10, or None (unknown) (got 75)",
        ]

    def test_missing_file_exits_2(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A file that cannot be read exits 2 with a one-line message."""
        assert main(["assess", str(tmp_path / "absent.json")]) == 2
        assert "cannot read" in capsys.readouterr().err


class TestSchemaAndExamples:
    def test_schema(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`schema` prints the Patient JSON Schema."""
        assert main(["schema"]) == 0
        assert json.loads(capsys.readouterr().out)["title"] == "Patient"

    def test_examples(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`examples` lists the built-in examples, one per line."""
        assert main(["examples"]) == 0
        assert tuple(capsys.readouterr().out.split()) == example_names()
