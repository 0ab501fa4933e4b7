"""Checks of the arguments of the FHIR functions (not of the bundle): the library's error."""

from datetime import date, datetime

from spinal_metastasis.errors import InvalidInputError

__all__ = ["check_day", "check_type"]


def check_day(value: object, name: str) -> date:
    """Return ``value`` if it is a day (a ``date`` that is not a ``datetime``).

    A ``datetime`` is refused rather than cut: a day in FHIR has no time, and a time without
    its zone is not a FHIR ``dateTime``.

    Examples:
        >>> check_day(date(2026, 1, 15), "as_of")
        datetime.date(2026, 1, 15)
        >>> check_day("2026-01-15", "as_of")
        Traceback (most recent call last):
        ...
        spinal_metastasis.errors.InvalidInputError: 'as_of' must be a datetime.date (got str)
    """
    if isinstance(value, datetime) or not isinstance(value, date):
        kind = type(value).__name__
        detail = " (pass its .date())" if isinstance(value, datetime) else ""
        msg = f"'{name}' must be a datetime.date (got {kind}){detail}"
        raise InvalidInputError(msg, field=name)
    return value


def check_type(value: object, kind: type, name: str) -> None:
    """Refuse an argument of another type than ``kind``, naming it.

    Examples:
        >>> check_type(3, str, "assessment")
        Traceback (most recent call last):
        ...
        spinal_metastasis.errors.InvalidInputError: 'assessment' must be of type str (got int)
    """
    if not isinstance(value, kind):
        msg = f"'{name}' must be of type {kind.__name__} (got {type(value).__name__})"
        raise InvalidInputError(msg, field=name)
