"""The exceptions this library raises on purpose.

Every error subclasses :class:`SpinalMetastasisError` and the matching built-in,
so ``except ValueError`` keeps working for callers who do not know this library.
Clinical outcomes ("contraindicated", "unstable") are return values, never errors.
"""

from collections.abc import Sequence

__all__ = [
    "InvalidInputError",
    "OutOfValidatedRangeError",
    "SerializationError",
    "SpinalMetastasisError",
]


class SpinalMetastasisError(Exception):
    """Root of every error this library raises on purpose."""


class InvalidInputError(SpinalMetastasisError, ValueError):
    """A value lies outside the domain its field allows.

    The message names the field, what is allowed and the value received,
    except for identifier fields, whose value is never echoed.

    Attributes:
        field: Name of the offending field, or ``None`` when the error concerns a
            whole document.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        """Create the error from its message and the name of the field."""
        super().__init__(message)
        self.field = field

    @property
    def detail(self) -> str:
        """The message without its leading ``'<field>'`` (``"must be >= 1 (got 0)"``)."""
        message = str(self)
        prefix = f"'{self.field}' "
        return message.removeprefix(prefix) if self.field else message

    def __reduce__(self) -> tuple[object, ...]:
        """Keep the error picklable (process pools ship errors back)."""
        return (_rebuild_invalid_input, (type(self), str(self), self.field))


def _rebuild_invalid_input(
    cls: type[InvalidInputError], message: str, field: str | None
) -> InvalidInputError:
    return cls(message, field=field)


class OutOfValidatedRangeError(InvalidInputError):
    """Inputs are plausible but outside the range the model was validated for."""


class SerializationError(InvalidInputError):
    """External data (JSON) could not be turned into model objects.

    Attributes:
        messages: One message per bad field, each starting with the field's path
            (``lesions[0].escc: '4' is not one of 0, 1a, 1b, 1c, 2, 3``).
    """

    def __init__(self, messages: Sequence[str]) -> None:
        """Create the error from one message per bad field."""
        super().__init__("; ".join(messages))
        self.messages = tuple(messages)

    def __reduce__(self) -> tuple[object, ...]:
        """Keep the error picklable."""
        return (type(self), (self.messages,))
