"""The limits on what the library reads, each named with its reason: a documented policy.

Every document and record from outside (JSON text, JSON-like dicts, JSON Lines, table
rows) is held to these limits before it is structured, so that a hostile or broken input
is refused in bounded time, memory and message size. None of them is a clinical
threshold: each is set far above what a valid patient needs, and says why.

:func:`spinal_metastasis.io.parse_json` applies the limits on JSON text (size, nesting,
digits, string length); the converter applies the list lengths and the number of
messages; every message echoes a value through :func:`echo`, which truncates it.

Examples:
    >>> MAX_NESTING_DEPTH.value
    32
    >>> echo("x" * 1000)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' (1000 characters)"
    >>> capped([f"m{index}" for index in range(25)])[-1]
    '$: ... and 5 more'
"""

import math
import reprlib
from collections.abc import Sequence
from typing import Final

from attrs import frozen

__all__ = [
    "LIMITS",
    "MAX_COURSES",
    "MAX_DOCUMENT_BYTES",
    "MAX_ECHO_CHARACTERS",
    "MAX_INTEGER_DIGITS",
    "MAX_LESIONS",
    "MAX_LEVELS",
    "MAX_NESTING_DEPTH",
    "MAX_NUMBER_CHARACTERS",
    "MAX_REPORTED_ERRORS",
    "MAX_STRING_CHARACTERS",
    "MAX_SYSTEMIC_AGENTS",
    "Limit",
    "capped",
    "echo",
]


@frozen(kw_only=True)
class Limit:
    """One named limit: its value, its unit and why it is what it is."""

    name: str
    value: int
    unit: str
    reason: str

    def __int__(self) -> int:
        """Return the value."""
        return self.value


MAX_DOCUMENT_BYTES: Final = Limit(
    name="document size",
    value=1_048_576,
    unit="bytes (characters for text already decoded)",
    reason=(
        "The largest valid patient document (29 single-level lesions with every field, "
        "every systemic agent, 50 radiation courses of 29 levels) is 25 KB, 63 KB indented "
        "by four spaces; 1 MiB is over fifteen times that, and a larger document is "
        "refused before it is parsed."
    ),
)

MAX_NESTING_DEPTH: Final = Limit(
    name="nesting depth",
    value=32,
    unit="arrays and objects, one inside another",
    reason=(
        "A patient document nests 5 deep (patient, courses, course, fractionation) and a "
        "FHIR bundle about 10; the standard parser fails near the interpreter's recursion "
        "limit (about 1,000), so depth is checked before parsing."
    ),
)

MAX_INTEGER_DIGITS: Final = Limit(
    name="integer digits",
    value=20,
    unit="decimal digits",
    reason=(
        "Every integer field is at most 7 digits and 20 hold any 64-bit integer; the "
        "interpreter refuses to convert more than 4,300 digits, and converting a long "
        "integer costs time quadratic in its length."
    ),
)

MAX_NUMBER_CHARACTERS: Final = Limit(
    name="number length",
    value=64,
    unit="characters of one number",
    reason=(
        "A double needs at most 17 significant digits and a 3-digit exponent; 64 "
        "characters hold any number another system writes."
    ),
)

MAX_STRING_CHARACTERS: Final = Limit(
    name="string length",
    value=10_000,
    unit="characters of one string (keys included)",
    reason=(
        "The longest string field (patient_id) holds 128 characters and every other string "
        "is an enum value; 10,000 leaves room for other documents parsed the same way "
        "(the narrative of a FHIR resource)."
    ),
)

MAX_LESIONS: Final = Limit(
    name="lesions per patient",
    value=29,
    unit="lesions",
    reason=(
        "A lesion has at least one level and two lesions may not share a level, so a "
        "patient has at most one lesion per vertebral level (29, C1 to S5)."
    ),
)

MAX_LEVELS: Final = Limit(
    name="levels per lesion or course",
    value=29,
    unit="vertebral levels",
    reason="Levels are contiguous and never repeated: at most the 29 levels C1 to S5.",
)

MAX_SYSTEMIC_AGENTS: Final = Limit(
    name="systemic agents",
    value=12,
    unit="agent classes",
    reason="Agents are classes, never repeated: at most the 12 members of SystemicAgent.",
)

MAX_COURSES: Final = Limit(
    name="radiation courses",
    value=50,
    unit="courses",
    reason=(
        "A policy bound, not a clinical one: each course is checked against every "
        "planned option, and a spine that has received 50 courses is far beyond any "
        "recorded history."
    ),
)

MAX_REPORTED_ERRORS: Final = Limit(
    name="errors reported",
    value=20,
    unit="messages per document",
    reason=(
        "A form shows the first errors to fix; the rest are counted ($: ... and 12 more), "
        "so "
        "that a document with thousands of bad values gives a short message."
    ),
)

MAX_ECHO_CHARACTERS: Final = Limit(
    name="echoed value",
    value=60,
    unit="characters of a value shown in a message",
    reason=(
        "A message shows the bad value so that it can be found; a longer value is cut, "
        "with its length, so that a 50 MB string gives a message of one line."
    ),
)

#: Every limit, in the order the documentation lists them.
LIMITS: Final[tuple[Limit, ...]] = (
    MAX_DOCUMENT_BYTES,
    MAX_NESTING_DEPTH,
    MAX_INTEGER_DIGITS,
    MAX_NUMBER_CHARACTERS,
    MAX_STRING_CHARACTERS,
    MAX_LESIONS,
    MAX_LEVELS,
    MAX_SYSTEMIC_AGENTS,
    MAX_COURSES,
    MAX_REPORTED_ERRORS,
    MAX_ECHO_CHARACTERS,
)

_LOG10_2: Final = math.log10(2)


def _short_repr() -> reprlib.Repr:
    short = reprlib.Repr()
    short.maxlevel = 2
    short.maxlist = short.maxtuple = short.maxdict = short.maxset = short.maxfrozenset = 4
    short.maxstring = short.maxother = short.maxlong = MAX_ECHO_CHARACTERS.value
    return short


_SHORT: Final = _short_repr()


def echo(value: object) -> str:
    """Show a value in a message: its ``repr``, cut to ``MAX_ECHO_CHARACTERS``.

    A longer string is cut and followed by its length; a container shows its first
    items; an integer too long to convert shows its number of digits. The result is
    ASCII-safe for lone surrogates (``repr`` escapes them) and never raises.

    Examples:
        >>> echo("t13")
        "'t13'"
        >>> echo(10**5000)
        'an integer of 5001 digits'
        >>> echo(list(range(100)))
        '[0, 1, 2, 3, ...] (100 items)'
    """
    limit = MAX_ECHO_CHARACTERS.value
    if isinstance(value, str):
        if len(value) <= limit:
            return repr(value)
        return f"{value[:limit]!r}"[:-1] + f"…' ({len(value)} characters)"
    if isinstance(value, int) and not isinstance(value, bool):
        if value.bit_length() * _LOG10_2 > limit:
            digits = len(str(abs(value))) if value.bit_length() < 14_000 else None  # noqa: PLR2004 - below the interpreter's 4,300-digit limit
            if digits is None:
                digits = math.floor(value.bit_length() * _LOG10_2) + 1
            return f"an integer of {digits} digits"
        return repr(value)
    try:
        shown = _SHORT.repr(value)
    except Exception:  # noqa: BLE001 - a user's object whose repr fails is still reported
        return f"a {type(value).__name__}"
    if len(shown) > limit * 2:
        shown = shown[: limit * 2] + "…"
    if isinstance(value, list | tuple | dict | set | frozenset) and len(value) > _SHORT.maxlist:
        shown += f" ({len(value)} items)"
    return shown


def capped(messages: Sequence[str]) -> list[str]:
    """Keep the first ``MAX_REPORTED_ERRORS`` messages and count the rest.

    Examples:
        >>> capped(["a", "b"])
        ['a', 'b']
    """
    limit = MAX_REPORTED_ERRORS.value
    if len(messages) <= limit:
        return list(messages)
    return [*messages[:limit], f"$: ... and {len(messages) - limit} more"]
