"""Hostile input through every reader: the library's own error, in bounded size, never a crash.

The inputs of issue 17 (deep nesting, long integers, lone surrogates, bytes that are not
UTF-8, non-string identifiers, booleans in integer columns) and Hypothesis properties
over :func:`spinal_metastasis.testing.hostile_documents`, the mutations that
``benchmarks/fuzz.py`` runs at full size.
"""

import io
import json
import re
from pathlib import Path
from typing import Final

import pandas as pd
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spinal_metastasis import Patient, assess
from spinal_metastasis.cli import main
from spinal_metastasis.cohort import score_frame
from spinal_metastasis.cohort.batch import assess_many
from spinal_metastasis.errors import SerializationError
from spinal_metastasis.io import example_patient, from_json, parse_json, to_json, unstructure
from spinal_metastasis.limits import MAX_COURSES, MAX_ECHO_CHARACTERS, MAX_REPORTED_ERRORS
from spinal_metastasis.testing import hostile_documents

#: A message starts with a path: ``$``, ``$[0]…``, or a field path, then ``: ``.
PATH: Final = re.compile(r"^(\$(\[\d+\])*|[A-Za-z_'][^:]*): ")
#: The bound on one message line: the expectation with its allowed values, and echoes.
MAX_LINE: Final = 1_000 + 2 * MAX_ECHO_CHARACTERS.value

BREAST = '{"primary": "breast", "lesions": [{"levels": ["t12"]}]}'

#: The bad inputs of the issue, as bytes.
ISSUE_INPUTS: Final = {
    "deep arrays": b"[" * 10_000 + b"]" * 10_000,
    "deep objects": b'{"a":' * 10_000 + b"1" + b"}" * 10_000,
    "deep inside a field": b'{"lesions": [{"levels": ' + b"[" * 5_000 + b"]" * 5_000 + b"}]}",
    "5000-digit integer": b'{"kps": ' + b"9" * 5_000 + b"}",
    "not UTF-8": b'{"primary": "\xff\xfe"}',
    "binary garbage": bytes(byte for byte in range(256) if byte != 0x0A) * 4,
    "lone surrogate in patient_id": b'{"patient_id": "\\ud800", "lesions": [{"levels": ["t12"]}]}',
    "integer patient_id": b'{"patient_id": 12345}',
    "list patient_id": b'{"patient_id": ["MRN-123"]}',
    "50 MB enum string": b'{"primary": "' + b"x" * 1_000_000 + b'"}',
    "unknown keys": json.dumps({f"k{index}": index for index in range(50_000)}).encode(),
    "many bad lesions": json.dumps({"lesions": [{"levels": ["t1"], "escc": "9"}] * 30}).encode(),
}


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def _assert_library_error(error: SerializationError) -> None:
    assert (True, True) == (
        all(PATH.match(message) for message in error.messages),
        all(len(message) <= MAX_LINE for message in error.messages),
    )
    assert len(error.messages) <= MAX_REPORTED_ERRORS.value + 1


class TestIssueInputs:
    @pytest.mark.parametrize("data", ISSUE_INPUTS.values(), ids=ISSUE_INPUTS.keys())
    def test_api_raises_the_library_error(self, data: bytes) -> None:
        """Each input of the issue gives a SerializationError with paths, of bounded size."""
        with pytest.raises(SerializationError) as info:
            from_json(data, Patient)
        _assert_library_error(info.value)

    @pytest.mark.parametrize("data", ISSUE_INPUTS.values(), ids=ISSUE_INPUTS.keys())
    def test_cli_exits_2_without_a_traceback(
        self, data: bytes, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """`assess --json -` exits 2 with field-path messages, nothing on standard output."""
        _stdin(monkeypatch, data)
        status = main(["assess", "--json", "-"])
        captured = capsys.readouterr()
        assert (2, "", True) == (
            status,
            captured.out,
            all(PATH.match(line) for line in captured.err.splitlines()),
        )

    def test_cli_reads_a_file_that_is_not_utf8(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A file that is not UTF-8 exits 2 with a message, not a UnicodeDecodeError."""
        path = tmp_path / "latin1.json"
        path.write_bytes('{"primary": "côlon"}'.encode("latin-1"))
        assert 2 == main(["assess", str(path)])
        expected = "$: not UTF-8 text (byte 0xf4 at offset 14 is not valid UTF-8)\n"
        assert expected == capsys.readouterr().err

    @pytest.mark.parametrize("as_json", [True, False])
    def test_cli_output_always_encodes(
        self,
        as_json: bool,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """On an ASCII-only standard output, JSON is ASCII-escaped and the summary escaped."""
        _stdin(monkeypatch, '{"patient_id": "é😀", "lesions": [{"levels": ["t12"]}]}'.encode())
        buffer = io.BytesIO()
        stdout = io.TextIOWrapper(buffer, encoding="ascii")
        monkeypatch.setattr("sys.stdout", stdout)
        status = main(["assess", *(["--json"] if as_json else []), "-"])
        stdout.flush()
        text = buffer.getvalue().decode("ascii")
        patient_id = json.loads(text)["result"]["patient"]["patient_id"] if as_json else None
        assert (0, "é😀" if as_json else None) == (status, patient_id)

    def test_identifier_never_in_messages(self) -> None:
        """A bad identifier's value, of any type, is not echoed."""
        documents = (
            '{"patient_id": 987654321}',
            '{"patient_id": ["MRN-987654321"]}',
            '{"patient_id": 987654321e400}',
            '{"patient_id": {"987654321": 1}}',
            '{"patient_id": "' + "987654321" * 100 + '"}',
        )
        for document in documents:
            with pytest.raises(SerializationError) as info:
                from_json(document, Patient)
            assert "987654321" not in str(info.value)

    def test_stream_goes_on_past_every_bad_line(self) -> None:
        """`assess_many` gives one result per line: the bad ones' errors, the good ones assessed."""
        lines = [BREAST.encode(), *ISSUE_INPUTS.values(), BREAST.encode()]
        results = list(assess_many(io.BytesIO(b"\n".join(lines))))
        expected = [True] + [False] * len(ISSUE_INPUTS) + [True]
        assert expected == [result.ok for result in results]

    def test_stream_bounds_a_line_without_end(self) -> None:
        """A line longer than a document may be is an error of its own, read only to the limit."""
        data = BREAST.encode() + b"\n" + b"[" * 3_000_000 + b"\n" + BREAST.encode()
        results = list(assess_many(io.BytesIO(data)))
        messages = [result.error.messages if result.error else () for result in results]
        expected = [(), ("$: line of 3000000 characters is larger than the limit of 1048576",), ()]
        assert expected == messages


class TestManyCourses:
    def test_a_patient_with_the_most_courses_is_assessed(self) -> None:
        """50 courses (the limit) are assessed; the finding shows their count (found by fuzzing)."""
        document = unstructure(example_patient("lung_l2_reirradiation"))
        document["prior_radiation"] *= MAX_COURSES.value
        assessment = assess(from_json(json.dumps(document), Patient))
        assert 1 == len(assessment.lesions)


class TestColumnarBooleans:
    @pytest.mark.parametrize("frame_type", ["pandas", "polars"])
    def test_true_in_an_integer_column_is_an_error_whatever_came_before(
        self, frame_type: str
    ) -> None:
        """True is not 1 and False is not 0 in `ecog`; 0 after False is still scored."""
        ecog = [1, True, False, 0]
        data = {"primary": ["breast"] * 4, "levels": ["T12"] * 4}
        if frame_type == "pandas":
            frame = pd.DataFrame({**data, "ecog": pd.Series(ecog, dtype=object)})
            errors = score_frame(frame)["score_errors"].isna().tolist()
        else:
            frame = pl.DataFrame({**data, "ecog": pl.Series(ecog, dtype=pl.Object)})
            errors = score_frame(frame)["score_errors"].is_null().to_list()
        assert [True, False, False, True] == errors


# The properties: Hypothesis draws the same classes of mutation as the fuzz benchmark, at a
# number of examples that keeps them to a few seconds in CI (the benchmark runs 100,000).
_HOSTILE = settings(
    max_examples=min(settings().max_examples, 50),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
_STREAMS = settings(_HOSTILE, max_examples=min(settings().max_examples, 10))


class TestProperties:
    @_HOSTILE
    @given(data=hostile_documents())
    def test_parse_json_raises_only_the_library_error(self, data: bytes) -> None:
        """parse_json returns plain data or raises SerializationError with a path, nothing else."""
        try:
            parse_json(data)
        except SerializationError as error:
            _assert_library_error(error)

    @_HOSTILE
    @given(data=hostile_documents())
    def test_from_json_accepts_or_rejects_with_paths(self, data: bytes) -> None:
        """A hostile document is a valid patient that round-trips, or a bounded error."""
        try:
            patient = from_json(data, Patient)
        except SerializationError as error:
            _assert_library_error(error)
        else:
            assert patient == from_json(to_json(patient), Patient)

    @_STREAMS
    @given(lines=st.lists(hostile_documents(), min_size=1, max_size=4))
    def test_assess_many_never_ends_the_stream(self, lines: list[bytes]) -> None:
        """Every non-blank line of JSON Lines gives one result, in order."""
        flat = [line.replace(b"\n", b" ").replace(b"\r", b" ") for line in lines]
        expected = [index + 1 for index, line in enumerate(flat) if line.strip()]
        results = list(assess_many(io.BytesIO(b"\n".join(flat))))
        assert expected == [result.line for result in results]
