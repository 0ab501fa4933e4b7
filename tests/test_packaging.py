import re
import sys
import tomllib
from pathlib import Path

from spinal_metastasis.provenance import library_version

ROOT = Path(__file__).parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _cff_field(name: str) -> str:
    """The value of a top-level scalar field of CITATION.cff (a YAML subset: ``key: value``)."""
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    match = re.search(rf"^{name}: *(.+)$", text, flags=re.MULTILINE)
    assert match is not None, name
    return match[1].strip().strip('"')


class TestCitationFile:
    def test_format_version(self) -> None:
        """CITATION.cff follows the Citation File Format 1.2.0."""
        assert "1.2.0" == _cff_field("cff-version")

    def test_version_is_the_package_version(self) -> None:
        """The cited version is the version of the package."""
        assert PYPROJECT["version"] == _cff_field("version") == library_version()

    def test_license_is_the_package_license(self) -> None:
        """The cited licence is the package's licence expression."""
        assert PYPROJECT["license"] == _cff_field("license")

    def test_ships_in_the_source_distribution(self) -> None:
        """The source distribution includes CITATION.cff."""
        sdist = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
        assert "CITATION.cff" in sdist["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]


class TestClassifiers:
    def test_claim_the_running_python(self) -> None:
        """The Python version the tests run on is one the classifiers claim."""
        running = (
            f"Programming Language :: Python :: {sys.version_info.major}.{sys.version_info.minor}"
        )
        assert running in PYPROJECT["classifiers"]

    def test_claims_start_at_requires_python(self) -> None:
        """The oldest claimed version is the one requires-python names."""
        claimed = [
            classifier.rsplit(" ", 1)[1]
            for classifier in PYPROJECT["classifiers"]
            if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", classifier)
        ]
        assert f">={claimed[0]}" == PYPROJECT["requires-python"]
