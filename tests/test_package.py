import subprocess
import sys

import pytest

import spinal_metastasis

RULES_IMPORT_ORDERS = (
    "import spinal_metastasis as s; s.rules; import spinal_metastasis.rule_engine.engine as e",
    "import spinal_metastasis.rule_engine.engine as e; import spinal_metastasis as s; s.rules",
    (
        "from spinal_metastasis import rules; import spinal_metastasis.rule_engine as e; "
        "import spinal_metastasis as s"
    ),
    (
        "import spinal_metastasis as s; s.assess(s.example_patient()); s.rules; "
        "from spinal_metastasis.rule_engine import engine as e"
    ),
    (
        "from spinal_metastasis.rule_engine.engine import Rule; import spinal_metastasis as s; "
        "import spinal_metastasis.rule_engine as e; s.Rule"
    ),
)


class TestPackage:
    def test_core_import_pulls_in_no_extra(self) -> None:
        """Importing the package imports none of the optional heavy dependencies."""
        code = (
            "import sys, spinal_metastasis; "
            "print(sorted(m for m in ('numpy', 'pandas', 'polars', 'matplotlib', 'hypothesis', "
            "'pyarrow', 'jsonschema') if m in sys.modules))"
        )
        result = subprocess.run(  # noqa: S603 - a fixed command
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert result.stdout.strip() == "[]"

    def test_import_loads_the_package_module_alone(self) -> None:
        """Importing the package loads none of its modules until a public name is used."""
        code = (
            "import sys, spinal_metastasis; "
            "print(sorted(m for m in sys.modules if m.startswith('spinal_metastasis.')))"
        )
        result = subprocess.run(  # noqa: S603 - a fixed command
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert result.stdout.strip() == "[]"

    def test_version_is_served_from_metadata(self) -> None:
        """__version__ is the installed distribution's version."""
        assert spinal_metastasis.__version__ == "0.1.0"

    def test_all_is_unique_and_importable(self) -> None:
        """__all__ names each public object once, and every name in it exists (ruff sorts it)."""
        names = spinal_metastasis.__all__
        assert len(set(names)) == len(names)
        assert all(hasattr(spinal_metastasis, name) for name in names)


class TestNames:
    def test_noms_is_the_function_whatever_was_imported_first(self) -> None:
        """`spinal_metastasis.noms` is the NOMS function even after its module is imported."""
        code = (
            "import spinal_metastasis.pathways, spinal_metastasis as s; "
            "from spinal_metastasis import assess, example_patient, noms; "
            "assess(example_patient()); print(callable(noms), callable(s.noms))"
        )
        result = subprocess.run(  # noqa: S603 - a fixed command
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert result.stdout.strip() == "True True"

    @pytest.mark.parametrize("imports", RULES_IMPORT_ORDERS)
    def test_rules_is_the_function_and_the_engine_importable_in_any_order(
        self, imports: str
    ) -> None:
        """`spinal_metastasis.rules` stays the function, and the rules engine stays importable."""
        code = (
            f"{imports}; import spinal_metastasis.rule_engine.engine as engine; "
            "print(type(s.rules).__name__, s.rules(s.Modality.SBRT)[0].id, "
            "engine.__name__, e.__name__.startswith('spinal_metastasis.rule_engine'))"
        )
        result = subprocess.run(  # noqa: S603 - a fixed command
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        expected = "function sbrt.performance_status spinal_metastasis.rule_engine.engine True"
        assert result.stdout.strip() == expected
