import json
import subprocess
import sys

import jsonschema
import pytest

from spinal_metastasis.cli import main
from spinal_metastasis.provenance import library_version, provenance


class TestVersion:
    def test_prints_the_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`--version` prints the program and the library version, and exits 0."""
        with pytest.raises(SystemExit) as exit_info:
            main(["--version"])
        assert (0, f"spinal-metastasis {library_version()}\n") == (
            exit_info.value.code,
            capsys.readouterr().out,
        )

    def test_python_dash_m(self) -> None:
        """`python -m spinal_metastasis` runs the same command."""
        completed = subprocess.run(
            [sys.executable, "-m", "spinal_metastasis", "--version"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert f"spinal-metastasis {library_version()}\n" == completed.stdout


class TestOutputSchema:
    def test_validates_what_json_prints(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`schema --output` is the schema of the documents `--json` prints."""
        assert main(["schema", "--output"]) == 0
        schema = json.loads(capsys.readouterr().out)
        assert main(["demo", "--example", "lung_l2_reirradiation", "--json"]) == 0
        document = json.loads(capsys.readouterr().out)
        errors = jsonschema.Draft202012Validator(schema).iter_errors(document)
        assert [] == [error.message for error in errors]

    def test_json_carries_the_provenance(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`--json` carries the schema and library versions and the tables used."""
        assert main(["demo", "--json"]) == 0
        document = json.loads(capsys.readouterr().out)
        assert provenance().items() <= document.items()
