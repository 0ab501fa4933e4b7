"""Memoization never changes an output; the package imports its modules on first use."""

import importlib
import json
import re
import subprocess
import sys
from typing import Any, cast

import attrs
import pytest
from hypothesis import given, settings

import spinal_metastasis
from spinal_metastasis import (
    Assessment,
    InvalidInputError,
    Patient,
    _cache,
    assess,
    example_names,
    example_patient,
    to_json,
)
from spinal_metastasis._cache import has_negative_zero
from spinal_metastasis.evidence import _finding
from spinal_metastasis.testing import patients


def _entries(memoized: object) -> int:
    """The number of entries in a memoized function's cache."""
    return int(cast("Any", memoized).cache_info().currsize)


def _input_values(assessment: Assessment) -> list[str]:
    """Every input value a finding of the assessment shows."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if set(node) == {"name", "value"}:
                found.append(node["value"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(json.loads(to_json(assessment)))
    return found


def _with(field: str, value: float) -> Patient:
    base = example_patient()
    if field == "distance_to_cord_mm":
        lesion = attrs.evolve(base.lesions[0], distance_to_cord_mm=value)
        return attrs.evolve(base, lesions=(lesion,))
    changes: dict[str, Any] = {field: value}
    return attrs.evolve(base, **changes)


MEASURED = (
    "distance_to_cord_mm",
    "expected_survival_years",
    "paraplegia_duration_hours",
    "platelets_10e9_per_l",
    "crp_mg_per_dl",
    "ldh_u_per_l",
    "bilirubin_mg_per_dl",
)


class TestCacheDocs:
    def test_the_names_the_cache_module_cites_exist(self) -> None:
        """Every object the cache module's docstring refers to exists."""
        targets = re.findall(r":(class|func|mod):`~?([\w.]+)`", _cache.__doc__ or "")
        missing = []
        for role, target in targets:
            module, _, name = target.rpartition(".")
            try:
                if role == "mod":
                    importlib.import_module(target)
                else:
                    getattr(importlib.import_module(module) if module else _cache, name)
            except (ImportError, AttributeError):
                missing.append(target)
        assert [] == missing


class TestNegativeZero:
    """-0.0 equals 0.0 as a cache key but is shown as "-0": the two never share a result."""

    def test_has_negative_zero(self) -> None:
        """Only -0.0 counts, not 0.0 nor None."""
        assert not has_negative_zero((None, 0.0, 1.5))
        assert has_negative_zero((None, -0.0))

    @pytest.mark.parametrize("field", MEASURED)
    def test_each_zero_is_shown_as_given_in_either_order(self, field: str) -> None:
        """Whichever zero was assessed first, each record shows its own."""
        for first, second in ((0.0, -0.0), (-0.0, 0.0)):
            for value in (first, second):
                shown = _input_values(assess(_with(field, value)))
                assert ("-0" in shown) is (str(value) == "-0.0")


class TestMemoizedEqualsRecomputed:
    @settings(max_examples=30, deadline=None)
    @given(patients(max_lesions=2))
    def test_assess_twice(self, patient: Patient) -> None:
        """A second assessment of an equal record is equal to the first."""
        try:
            first = assess(patient)
        except InvalidInputError:
            return
        assert assess(attrs.evolve(patient)) == first

    def test_clear_empties_every_cache_and_changes_no_output(self) -> None:
        """After clear(), the caches start empty and an assessment is the same JSON as before."""
        patient = example_patient()
        before = to_json(assess(patient))
        _cache.clear()
        assert [0] * len(_cache._CLEARS) == [
            _entries(cache_clear.__self__)  # type: ignore[attr-defined]
            for cache_clear in _cache._CLEARS
        ]
        assert before == to_json(assess(patient))
        assert 0 < _entries(_finding)


class TestLazyPackage:
    def _run(self, code: str) -> str:
        result = subprocess.run(  # noqa: S603 - a fixed command
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        return result.stdout.strip()

    def test_import_loads_little(self) -> None:
        """``import spinal_metastasis`` loads neither cattrs nor the treatments until used.

        Only the NOMS function is bound eagerly (its name is also a submodule's).
        """
        code = (
            "import sys, spinal_metastasis; "
            "print(sorted(m for m in sys.modules "
            "if m.startswith(('spinal_metastasis.treatments', 'spinal_metastasis.assessment', "
            "'spinal_metastasis.io', 'spinal_metastasis.radiobiology', 'cattrs'))))"
        )
        assert self._run(code) == "[]"

    def test_names_resolve_and_are_listed(self) -> None:
        """Every public name resolves, is listed by dir() and is star-imported."""
        assert set(spinal_metastasis.__all__) <= set(dir(spinal_metastasis))
        assert spinal_metastasis.assess is assess
        namespace: dict[str, object] = {}
        exec("from spinal_metastasis import *", namespace)  # noqa: S102 - a fixed statement
        assert set(spinal_metastasis.__all__) <= set(namespace)
        with pytest.raises(AttributeError, match="no attribute 'nope'"):
            _ = spinal_metastasis.nope


class TestExamplePatientNames:
    @pytest.mark.parametrize("name", ["", ".", "..", "../io", "x/y", "a\\b", "__init__", 5, None])
    def test_only_example_names_are_read(self, name: object) -> None:
        """A name is a file name of the examples package, never a path."""
        with pytest.raises(InvalidInputError, match="'name' must be one of"):
            example_patient(name)  # type: ignore[arg-type]

    def test_every_example_loads(self) -> None:
        """Every listed example is read."""
        assert all(isinstance(example_patient(name), Patient) for name in example_names())
