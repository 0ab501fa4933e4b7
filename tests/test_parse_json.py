"""Tests for ``spinal_metastasis.io.parse_json``: the one JSON decoder, within the limits."""

import pytest

from spinal_metastasis import Patient
from spinal_metastasis.errors import InvalidInputError, SerializationError
from spinal_metastasis.io import from_json, parse_json
from spinal_metastasis.limits import (
    MAX_DOCUMENT_BYTES,
    MAX_INTEGER_DIGITS,
    MAX_NESTING_DEPTH,
    MAX_STRING_CHARACTERS,
)


def _message(data: str | bytes | bytearray) -> str:
    with pytest.raises(SerializationError) as info:
        parse_json(data)
    (message,) = info.value.messages
    return message


class TestParseJson:
    def test_decodes_text_and_bytes_alike(self) -> None:
        """Text, UTF-8 bytes and a bytearray give the same plain data."""
        expected = {"kps": 80, "lesions": [{"levels": ["t12"]}], "age_years": 61.5}
        text = '{"kps": 80, "lesions": [{"levels": ["t12"]}], "age_years": 61.5}'
        actual = [parse_json(text), parse_json(text.encode()), parse_json(bytearray(text.encode()))]
        assert [expected] * 3 == actual

    def test_ignores_a_byte_order_mark(self) -> None:
        """A leading UTF-8 byte-order mark, as some editors write, is ignored."""
        assert {"kps": 80} == parse_json(b'\xef\xbb\xbf{"kps": 80}')

    def test_keeps_non_ascii_text_and_surrogate_pairs(self) -> None:
        """Non-ASCII text and an escaped surrogate pair (one character) are accepted."""
        assert {"a": "é😀", "b": "😀"} == parse_json('{"a": "é😀", "b": "\\ud83d\\ude00"}')

    def test_rejects_bytes_that_are_not_utf8(self) -> None:
        """Bytes that are not UTF-8 are refused, naming the byte and its offset."""
        expected = "$: not UTF-8 text (byte 0xff at offset 2 is not valid UTF-8)"
        assert expected == _message(b'{"\xff": 1}')

    def test_rejects_utf16(self) -> None:
        """UTF-16 (which the standard parser would detect and accept) is not UTF-8."""
        assert _message('{"kps": 80}'.encode("utf-16")).startswith("$: not UTF-8 text")

    def test_rejects_text_that_is_not_json(self) -> None:
        """Truncated text is refused with the line and column."""
        expected = "$: not valid JSON (Expecting ',' delimiter at line 1, column 10)"
        assert expected == _message('{"kps": 8')

    def test_rejects_a_document_over_the_size_limit(self) -> None:
        """A document larger than the limit is refused before it is parsed."""
        size = MAX_DOCUMENT_BYTES.value + 1
        expected = f"$: document of {size} bytes is larger than the limit of {size - 1}"
        assert expected == _message(b" " * size)

    def test_rejects_deep_nesting_with_its_path(self) -> None:
        """Nesting past the depth limit is refused, naming where (no RecursionError)."""
        message = _message('{"lesions": [{"levels": ' + "[" * 10_000 + "]" * 10_000 + "}]}")
        depth = MAX_NESTING_DEPTH.value
        assert message.startswith("lesions[0].levels" + "[0]" * (depth - 3) + ": nested deeper")

    def test_accepts_nesting_at_the_depth_limit(self) -> None:
        """Nesting exactly at the limit is accepted."""
        depth = MAX_NESTING_DEPTH.value
        expected: object = []
        for _ in range(depth - 1):
            expected = [expected]
        assert expected == parse_json("[" * depth + "]" * depth)

    def test_mismatched_brackets_are_a_syntax_error(self) -> None:
        """Brackets of two kinds that do not match, however many, are not JSON."""
        assert _message("[{" * 10 + "]}" * 10).startswith("$: not valid JSON")

    def test_unclosed_brackets_past_the_limit_are_too_deep(self) -> None:
        """Truncated text that opens past the limit is refused as too deep, with its path."""
        assert "nested deeper than 32" in _message('{"a": ' + "[" * 100_000)

    def test_brackets_inside_strings_do_not_count(self) -> None:
        """Brackets inside strings are text, not nesting."""
        text = '{"a": "' + "[" * 1000 + '"}'
        assert {"a": "[" * 1000} == parse_json(text)

    def test_rejects_a_long_integer_with_its_path(self) -> None:
        """An integer of more digits than the limit is refused with its path (no ValueError)."""
        expected = f"lesions[0].x: integer of 5000 digits (at most {MAX_INTEGER_DIGITS.value})"
        assert expected == _message('{"lesions": [{"x": ' + "9" * 5000 + "}]}")

    def test_rejects_a_long_number(self) -> None:
        """A number written with more characters than the limit is refused."""
        assert _message('{"inr": 1.' + "0" * 5000 + "}").startswith("inr: number of 5002 ")

    @pytest.mark.parametrize("text", ["NaN", "Infinity", "-Infinity"])
    def test_rejects_non_json_constants(self, text: str) -> None:
        """NaN and Infinity are not JSON."""
        expected = f"kps: {text} is not JSON (use a number, or null when unknown)"
        assert expected == _message(f'{{"kps": {text}}}')

    def test_rejects_a_number_too_large_for_a_double(self) -> None:
        """1e400 is not a finite double."""
        expected = "inr: number of magnitude too large for a double (5 characters)"
        assert expected == _message('{"inr": 1e400}')

    def test_rejects_repeated_keys(self) -> None:
        """An object that repeats a key is refused: parsers disagree on which value wins."""
        expected = "lesions[0].escc: key 'escc' appears more than once"
        assert expected == _message('{"lesions": [{"escc": "1a", "escc": "3"}]}')

    @pytest.mark.parametrize(
        "text",
        ['{"patient_id": "\\ud800"}', '{"patient_id": "a\\udfff"}', '{"patient_id": "\ud800"}'],
    )
    def test_rejects_lone_surrogates_without_echoing(self, text: str) -> None:
        """A lone surrogate (escaped or raw) is refused with its path; the value is not shown."""
        expected = (
            "patient_id: string holds a lone surrogate (not Unicode text; no UTF-8 encodes it)"
        )
        assert expected == _message(text)

    def test_rejects_a_lone_surrogate_in_a_key(self) -> None:
        """A key is a string too."""
        assert _message('{"a": {"\\udc00": 1}}').startswith("a: key: string holds a lone")

    def test_rejects_a_long_string(self) -> None:
        """A string longer than the limit is refused with its path."""
        size = MAX_STRING_CHARACTERS.value + 1
        expected = f"primary: string of {size} characters (at most {size - 1})"
        assert expected == _message('{"primary": "' + "x" * size + '"}')

    def test_rejects_what_is_not_text(self) -> None:
        """Only str, bytes and bytearray are JSON text."""
        expected = "$: expected JSON text (str or UTF-8 bytes) (got a int)"
        assert expected == _message(12)  # type: ignore[arg-type]

    def test_errors_are_the_library_errors(self) -> None:
        """Every failure is an InvalidInputError and a ValueError."""
        with pytest.raises(InvalidInputError):
            parse_json("[" * 100_000)


class TestFromJsonHostile:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ('{"patient_id": 12345}', "patient_id: expected a string (got a number)"),
            ('{"patient_id": ["MRN-1"]}', "patient_id: expected a string (got an array)"),
            ('{"patient_id": true}', "patient_id: expected a string (got a boolean)"),
        ],
    )
    def test_strings_are_never_converted(self, text: str, expected: str) -> None:
        """A string field takes only a string, and the bad value is not echoed."""
        with pytest.raises(SerializationError) as info:
            from_json(text, Patient)
        assert (expected,) == info.value.messages

    def test_long_lists_are_refused_before_structuring(self) -> None:
        """A list over its limit is refused by its length, whatever its items."""
        with pytest.raises(SerializationError) as info:
            from_json('{"systemic_therapy": [' + ", ".join(["1"] * 100_000) + "]}", Patient)
        expected = ("systemic_therapy: must hold at most 12 items (got 100000)",)
        assert expected == info.value.messages

    def test_echoed_values_are_truncated(self) -> None:
        """A long bad value is cut in the message, with its length."""
        with pytest.raises(SerializationError) as info:
            from_json('{"primary": "' + "x" * 9000 + '"}', Patient)
        assert "…' (9000 characters) is not one of" in info.value.messages[0]

    def test_many_errors_are_counted_not_listed(self) -> None:
        """Past the limit of reported errors, the rest are counted."""
        document = '{"a": 1' + "".join(f', "k{index}": 1' for index in range(500)) + "}"
        with pytest.raises(SerializationError) as info:
            from_json(document, Patient)
        assert "$: and 482 more unknown fields" == info.value.messages[-1]
