r"""The one JSON decoder: text or bytes from outside to plain Python data, within the limits.

:func:`parse_json` (re-exported by :mod:`spinal_metastasis.io`) is what every entry
point that reads JSON calls. It checks, before the standard parser can fail or run
long: the size of the document, that bytes are UTF-8, the nesting depth, the length
of every integer and number, the length of every string, that no string holds a lone
surrogate (which no UTF-8 output can encode), that no object repeats a key (parsers
disagree on which value wins), and that the text is JSON (``NaN`` and ``Infinity``
are not). Every failure is one
:class:`~spinal_metastasis.errors.SerializationError` whose message starts with the
path of the offending value (``$`` for the whole document).

The checks cost nothing on the common path: the depth scan runs only when the text
holds more brackets than the depth limit, the surrogate search only when it holds a
``\u`` escape of one (or, as text, does not encode), and the value that failed is
located by a second pass that runs only after a failure.
"""

import json
import math
import re
from collections.abc import Callable
from typing import Final

from spinal_metastasis.errors import SerializationError
from spinal_metastasis.limits import (
    MAX_DOCUMENT_BYTES,
    MAX_INTEGER_DIGITS,
    MAX_NESTING_DEPTH,
    MAX_NUMBER_CHARACTERS,
    MAX_STRING_CHARACTERS,
    echo,
)

__all__ = ["parse_json"]

# A string token (no backtracking: the unrolled form), or one structural character.
_TOKEN: Final = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{},:]', re.DOTALL)
_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_BOM: Final = "\ufeff"


class _Rejected(Exception):  # noqa: N818 - internal signal, never escapes this module
    """A hook refused a value; the second pass finds where."""


class _Bad:
    """Stands in the second pass's tree for a value the first pass refused."""

    __slots__ = ("detail",)

    def __init__(self, detail: str) -> None:
        self.detail = detail


def _join(path: str, key: object) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    name = key if isinstance(key, str) and key.isidentifier() else echo(key)
    return f"{path}.{name}" if path else name


def _where(path: str) -> str:
    return f"${path}" if not path or path.startswith("[") else path


def _fail(detail: str, *, path: str = "") -> SerializationError:
    return SerializationError([f"{_where(path)}: {detail}"])


# --- Scalars ------------------------------------------------------------------------------------


def _integer_detail(text: str) -> str | None:
    digits = len(text) - text.startswith("-")
    if digits > MAX_INTEGER_DIGITS.value:
        return f"integer of {digits} digits (at most {MAX_INTEGER_DIGITS.value})"
    return None


def _number_detail(text: str) -> str | None:
    if len(text) > MAX_NUMBER_CHARACTERS.value:
        return f"number of {len(text)} characters (at most {MAX_NUMBER_CHARACTERS.value})"
    if not math.isfinite(float(text)):
        return f"number of magnitude too large for a double ({len(text)} characters)"
    return None


def _constant_detail(text: str) -> str:
    return f"{text} is not JSON (use a number, or null when unknown)"


# The hooks of the first pass run once per number: the common case costs one comparison.


def _strict_int(text: str) -> int:
    if len(text) > MAX_INTEGER_DIGITS.value and _integer_detail(text) is not None:
        raise _Rejected
    return int(text)


def _strict_float(text: str) -> float:
    value = float(text)
    if len(text) > MAX_NUMBER_CHARACTERS.value or not math.isfinite(value):
        raise _Rejected
    return value


def _strict_constant(_text: str) -> float:
    raise _Rejected


def _strict_object(pairs: list[tuple[str, object]]) -> dict[str, object]:
    document = dict(pairs)
    if len(document) != len(pairs):
        raise _Rejected
    return document


def _marking_int(text: str) -> object:
    detail = _integer_detail(text)
    return int(text) if detail is None else _Bad(detail)


def _marking_float(text: str) -> object:
    detail = _number_detail(text)
    return float(text) if detail is None else _Bad(detail)


def _marking_constant(text: str) -> object:
    return _Bad(_constant_detail(text))


def _marking_object(pairs: list[tuple[str, object]]) -> object:
    document: dict[str, object] = {}
    for key, value in pairs:
        if key in document:
            document[key] = _Bad(f"key {echo(key)} appears more than once")
        else:
            document[key] = value
    return document


# --- Locating a bad value -----------------------------------------------------------------------


def _string_detail(text: str, max_string: int = MAX_STRING_CHARACTERS.value) -> str | None:
    if len(text) > max_string:
        return f"string of {len(text)} characters (at most {max_string})"
    if _SURROGATE.search(text):
        return "string holds a lone surrogate (not Unicode text; no UTF-8 encodes it)"
    return None


def _find(
    tree: object,
    path: str,
    *,
    check_strings: bool,
    max_string: int = MAX_STRING_CHARACTERS.value,
) -> SerializationError | None:
    """Return the error of the first bad value of ``tree`` (depth-first), if any."""
    if isinstance(tree, _Bad):
        return _fail(tree.detail, path=path)
    if isinstance(tree, str):
        detail = _string_detail(tree, max_string) if check_strings else None
        return None if detail is None else _fail(detail, path=path)
    items: list[tuple[object, object]]
    if isinstance(tree, dict):
        items = list(tree.items())
    elif isinstance(tree, list):
        items = list(enumerate(tree))
    else:
        return None
    for key, value in items:
        if check_strings and isinstance(key, str):
            detail = _string_detail(key, max_string)
            if detail is not None:
                return _fail(f"key: {detail}", path=path)
        found = _find(value, _join(path, key), check_strings=check_strings, max_string=max_string)
        if found is not None:
            return found
    return None


# --- Depth --------------------------------------------------------------------------------------


def _key(token: str) -> object:
    try:
        key: object = json.loads(token)
    except ValueError:
        return token
    return key


def _stack_path(stack: list[list[object]]) -> str:
    path = ""
    for is_object, position in stack:
        if position is not None:
            path = _join(path, _key(str(position)) if is_object else position)
    return path


# Bytes of the text: everything but the brackets is deleted, and ``{}`` read as ``[]``.
_UNIFIED: Final = bytes.maketrans(b"{}", b"[]")
_NOT_BRACKETS: Final = bytes(byte for byte in range(256) if byte not in b"[]{}")


def _within_depth(text: str, max_depth: int) -> bool:
    """Whether the standard parser would nest at most ``max_depth`` deep in this text.

    Escapes and strings are dropped, then all but the brackets, ``{}`` read as ``[]``
    (the parser nests on either; a mismatched pair is its syntax error to report).
    Each round removes the innermost pairs, so the pairs of a document of depth d are
    gone after d rounds; what is left is unmatched, and may not open too deep either.
    """
    data = text.encode("utf-8", "surrogatepass").replace(b"\\\\", b"").replace(b'\\"', b"")
    brackets = b"".join(data.split(b'"')[0::2]).translate(_UNIFIED, _NOT_BRACKETS)
    if b"[" * (max_depth + 1) in brackets:  # a run of openers too long: no need to pair
        return False
    for _ in range(max_depth):
        if b"[]" not in brackets:
            break
        brackets = brackets.replace(b"[]", b"")
    return b"[]" not in brackets and brackets.count(b"[") <= max_depth


def _check_depth(text: str, max_depth: int) -> None:
    """Refuse nesting deeper than ``max_depth``, naming where it goes too deep.

    A scan of the string and structural tokens only; strings are skipped whole, so a
    bracket inside a string does not count. The scan stops at the first excess.
    """
    # Each open container: [is_object, current key (its token) or index].
    stack: list[list[object]] = []
    last_string = ""
    for match in _TOKEN.finditer(text):
        lexeme = match.group()
        if lexeme[0] == '"':
            last_string = lexeme
        elif lexeme in "[{":
            if len(stack) >= max_depth:
                detail = (
                    f"nested deeper than {max_depth} arrays and objects "
                    f"(at character {match.start()})"
                )
                raise _fail(detail, path=_stack_path(stack))
            stack.append([lexeme == "{", None if lexeme == "{" else 0])
        elif lexeme in "]}":
            if stack:
                stack.pop()
        elif stack and lexeme == ":":
            stack[-1][1] = last_string
        elif stack and not stack[-1][0]:  # a comma in an array
            index = stack[-1][1]
            stack[-1][1] = index + 1 if isinstance(index, int) else 0


# --- The decoder --------------------------------------------------------------------------------


def _text(data: object, max_bytes: int) -> str:
    if isinstance(data, bytes | bytearray | memoryview):
        size = len(data)
        if size > max_bytes:
            detail = f"document of {size} bytes is larger than the limit of {max_bytes}"
            raise _fail(detail)
        try:
            text = bytes(data).decode("utf-8")
        except UnicodeDecodeError as exc:
            byte = bytes(data)[exc.start]
            detail = f"not UTF-8 text (byte 0x{byte:02x} at offset {exc.start} is not valid UTF-8)"
            raise _fail(detail) from None
    elif isinstance(data, str):
        if len(data) > max_bytes:
            detail = f"document of {len(data)} characters is larger than the limit of {max_bytes}"
            raise _fail(detail)
        text = data
    else:
        detail = f"expected JSON text (str or UTF-8 bytes) (got a {type(data).__name__})"
        raise _fail(detail)
    return text.removeprefix(_BOM)


def _may_hold_long_string(text: str, limit: int = MAX_STRING_CHARACTERS.value) -> bool:
    """Whether some run of the text between quotes is longer than a string may be."""
    if len(text) <= limit:
        return False
    if '\\"' in text:  # an escaped quote: the runs between quotes are not the strings
        return True
    # Without escaped quotes, every other run between quotes is a string (or a key).
    return max(map(len, text.split('"')[1::2]), default=0) > limit


def _may_hold_surrogate(text: str) -> bool:
    if "\\u" in text and _SURROGATE_ESCAPE.search(text):
        return True
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _decode(
    text: str,
    *,
    parse_int: Callable[[str], object],
    parse_float: Callable[[str], object],
    parse_constant: Callable[[str], object],
    object_pairs_hook: Callable[[list[tuple[str, object]]], object],
) -> object:
    try:
        return json.loads(
            text,
            parse_int=parse_int,
            parse_float=parse_float,
            parse_constant=parse_constant,
            object_pairs_hook=object_pairs_hook,
        )
    except json.JSONDecodeError as exc:
        detail = f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        raise _fail(detail) from None
    except RecursionError:  # pragma: no cover - the depth scan runs first
        detail = f"nested deeper than {MAX_NESTING_DEPTH.value} arrays and objects"
        raise _fail(detail) from None


def parse_json(
    data: str | bytes | bytearray,
    *,
    max_bytes: int = MAX_DOCUMENT_BYTES.value,
    max_depth: int = MAX_NESTING_DEPTH.value,
    max_string: int = MAX_STRING_CHARACTERS.value,
) -> object:
    r"""Decode one JSON document from outside, within the limits of :mod:`spinal_metastasis.limits`.

    Args:
        data: JSON text, or its UTF-8 bytes (a leading byte-order mark is ignored).
        max_bytes: Largest document accepted, in bytes (characters for ``str``).
        max_depth: Deepest nesting of arrays and objects accepted.
        max_string: Longest string (or key) accepted, in characters.

    Returns:
        The document as plain Python data: dicts, lists, strings, ints, floats,
        booleans and ``None``.

    Raises:
        SerializationError: If the document is too large, is not UTF-8, is not JSON,
            nests too deep, holds an integer or a number too long (or not finite),
            a string too long or with a lone surrogate, or an object with a repeated
            key. The message starts with the path of the value (``$`` for the whole
            document). It is an :class:`~spinal_metastasis.errors.InvalidInputError`.

    Examples:
        >>> parse_json(b'{"kps": 80, "lesions": [{"levels": ["t12"]}]}')
        {'kps': 80, 'lesions': [{'levels': ['t12']}]}
        >>> parse_json('{"kps": ' + "9" * 5000 + "}")
        Traceback (most recent call last):
        ...
        spinal_metastasis.errors.SerializationError: kps: integer of 5000 digits (at most 20)
        >>> parse_json(b"\xff")
        Traceback (most recent call last):
        ...
        spinal_metastasis.errors.SerializationError: $: not UTF-8 text (byte 0xff at offset 0 is not valid UTF-8)
    """  # noqa: E501 - the doctest's expected output is one line
    text = _text(data, max_bytes)
    if text.count("[") + text.count("{") > max_depth and not _within_depth(text, max_depth):
        _check_depth(text, max_depth)
    try:
        tree = _decode(
            text,
            parse_int=_strict_int,
            parse_float=_strict_float,
            parse_constant=_strict_constant,
            object_pairs_hook=_strict_object,
        )
    except _Rejected:
        marked = _decode(
            text,
            parse_int=_marking_int,
            parse_float=_marking_float,
            parse_constant=_marking_constant,
            object_pairs_hook=_marking_object,
        )
        found = _find(marked, "", check_strings=False)
        if found is not None:
            raise found from None
        detail = "not valid JSON"  # pragma: no cover - the two passes agree
        raise _fail(detail) from None  # pragma: no cover
    if _may_hold_long_string(text, max_string) or _may_hold_surrogate(text):
        found = _find(tree, "", check_strings=True, max_string=max_string)
        if found is not None:
            raise found
    return tree
