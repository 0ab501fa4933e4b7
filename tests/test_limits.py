"""Tests for ``spinal_metastasis.limits``: the named limits and the helpers that apply them."""

import json

import pytest

from spinal_metastasis import Patient, SystemicAgent, VertebralLevel
from spinal_metastasis.io import example_patient, from_json, unstructure
from spinal_metastasis.limits import (
    LIMITS,
    MAX_COURSES,
    MAX_DOCUMENT_BYTES,
    MAX_ECHO_CHARACTERS,
    MAX_LESIONS,
    MAX_LEVELS,
    MAX_REPORTED_ERRORS,
    MAX_SYSTEMIC_AGENTS,
    capped,
    echo,
)


class TestLimits:
    def test_list_limits_follow_the_model(self) -> None:
        """Lesions and levels are bounded by the vertebral levels, agents by their classes."""
        expected = (len(VertebralLevel), len(VertebralLevel), len(SystemicAgent))
        assert expected == (MAX_LESIONS.value, MAX_LEVELS.value, MAX_SYSTEMIC_AGENTS.value)

    def test_every_limit_has_a_reason(self) -> None:
        """Each limit is positive, named once, and says why."""
        names = [limit.name for limit in LIMITS]
        assert (len(names), True) == (
            len(set(names)),
            all(limit.value > 0 and limit.reason and limit.unit for limit in LIMITS),
        )

    def test_the_largest_valid_patient_is_well_within_the_limits(self) -> None:
        """29 full lesions, every agent and 50 courses of 29 levels: read, and under 1/15 MiB."""
        document = unstructure(example_patient("lung_l2_reirradiation"))
        levels = [level.value for level in VertebralLevel]
        lesion, course = document["lesions"][0], document["prior_radiation"][0]
        document |= {
            "patient_id": "M" * 128,
            "lesions": [dict(lesion, levels=[level]) for level in levels],
            "vertebral_metastases": len(levels),
            "systemic_therapy": [agent.value for agent in SystemicAgent],
            "prior_radiation": [dict(course, levels=levels)] * MAX_COURSES.value,
        }
        text = json.dumps(document, indent=4)
        patient = from_json(text, Patient)
        assert (29, True) == (len(patient.lesions), 15 * len(text) < MAX_DOCUMENT_BYTES.value)


class TestEcho:
    def test_short_values_are_their_repr(self) -> None:
        """A short value shows as its repr."""
        assert ["'t13'", "75", "None", "True", "[1, 2]"] == [
            echo("t13"),
            echo(75),
            echo(None),
            echo(True),  # noqa: FBT003 - the value shown
            echo([1, 2]),
        ]

    def test_long_strings_are_cut_with_their_length(self) -> None:
        """A long string is cut to the limit and followed by its length."""
        shown = echo("x" * 50_000_000)
        assert (True, True) == (
            shown.endswith("…' (50000000 characters)"),
            len(shown) < 3 * MAX_ECHO_CHARACTERS.value,
        )

    def test_huge_integers_show_their_digits(self) -> None:
        """An integer past the interpreter's conversion limit shows its number of digits."""
        assert "an integer of 100001 digits" == echo(10**100_000)

    def test_lone_surrogates_are_escaped(self) -> None:
        """A lone surrogate is shown escaped, so that the message encodes."""
        assert "'\\ud800'" == echo("\ud800")

    @pytest.mark.parametrize(
        "value",
        [list(range(1_000_000)), {str(index): index for index in range(100_000)}, [[[[[[1]]]]]]],
    )
    def test_containers_are_short(self, value: object) -> None:
        """A large or deep container shows a few items."""
        assert len(echo(value)) <= 3 * MAX_ECHO_CHARACTERS.value


class TestCapped:
    def test_keeps_the_first_and_counts_the_rest(self) -> None:
        """Past the limit, the rest are counted in one last message."""
        limit = MAX_REPORTED_ERRORS.value
        messages = [str(index) for index in range(limit + 7)]
        assert [*messages[:limit], "$: ... and 7 more"] == capped(messages)
