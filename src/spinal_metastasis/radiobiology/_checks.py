"""Argument checks: the radiobiology functions validate their arguments as constructors do."""

import math
from collections.abc import Iterable, Sequence
from typing import Final, NoReturn

from spinal_metastasis.errors import InvalidInputError
from spinal_metastasis.model import Fractionation

#: Floating-point slack for comparisons with a limit, so that a dose computed to sit
#: exactly on a limit (by :func:`isoeffective_dose_gy`) is not reported above it.
_TOLERANCE: Final = 1e-9


# --- Argument checks (functions validate their arguments as constructors do) ------------------


def _reject(name: str, expectation: str, value: object) -> NoReturn:
    """Raise the house error: ``'<name>' must be <expectation> (got <value!r>)``."""
    msg = f"'{name}' must be {expectation} (got {value!r})"
    raise InvalidInputError(msg, field=name)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _positive(name: str, value: object) -> float:
    if not _is_number(value) or value <= 0:  # type: ignore[operator]
        _reject(name, "a finite number > 0", value)
    return float(value)  # type: ignore[arg-type]


def _non_negative(name: str, value: object) -> float:
    if not _is_number(value) or value < 0:  # type: ignore[operator]
        _reject(name, "a finite number >= 0", value)
    return float(value)  # type: ignore[arg-type]


def _interval(value: object) -> float | None:
    return None if value is None else _checked_interval(value)


def _checked_interval(value: object) -> float:
    if not _is_number(value) or value < 0:  # type: ignore[operator]
        _reject("interval_days", "a finite number >= 0, or None (unknown)", value)
    return float(value)  # type: ignore[arg-type]


def _integer(name: str, value: object, minimum: int, maximum: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not minimum <= value <= maximum:
        _reject(name, f"an integer from {minimum} to {maximum}", value)
    return value


def _fractionation(name: str, value: object) -> Fractionation:
    if not isinstance(value, Fractionation):
        _reject(name, "a Fractionation", value)
    return value


def _fractionations(name: str, value: object, *, min_length: int) -> tuple[Fractionation, ...]:
    expectation = f"a sequence of at least {min_length} Fractionation"
    if isinstance(value, (str, bytes, Fractionation)) or not isinstance(value, Iterable):
        _reject(name, expectation, value)
    items = tuple(value)
    if len(items) < min_length or not all(isinstance(item, Fractionation) for item in items):
        _reject(name, expectation, value)
    return items


#: Longest text of a finding's input value (FindingInput's StringRule).
_INPUT_MAX_CHARS: Final = 200


def _courses_text(courses: Sequence[Fractionation]) -> str:
    """The courses as text for a finding's input; their count when that would be too long."""
    text = "; ".join(str(course) for course in courses)
    return text if len(text) <= _INPUT_MAX_CHARS else f"{len(courses)} courses"
