"""Field validators shared by the model and result classes.

attrs' built-in validators raise ``TypeError``/``ValueError`` with messages that do
not list the allowed values. These small rule objects raise
:class:`~spinal_metastasis.errors.InvalidInputError` naming the field, what is
allowed and the value received, and describe themselves as JSON Schema fragments,
so that the schema of a class is derived from the same rules that validate it.
Every rule accepts ``None`` (unknown) unless built with ``optional=False``.
"""

import enum
import math
import re
from collections.abc import Callable  # noqa: TC003 - used at run time in a cast
from typing import Any, Final

from attrs import Attribute, frozen

from spinal_metastasis.errors import InvalidInputError
from spinal_metastasis.limits import echo

__all__ = [
    "BoolRule",
    "EnumRule",
    "InstanceRule",
    "IntegerRule",
    "NumberRule",
    "StringRule",
    "TupleRule",
    "as_float",
    "fail",
    "nullable",
]

JsonSchema = dict[str, Any]

_NULL: Final[JsonSchema] = {"type": "null"}


#: A tuple in a message shows at most this many items, then how many there are.
_SHOWN_ITEMS: Final = 8


def _show(value: object) -> str:
    if isinstance(value, enum.Enum):
        return repr(value.value)
    if isinstance(value, tuple):
        shown = ", ".join(_show(item) for item in value[:_SHOWN_ITEMS])
        more = f", ... ({len(value)} items)" if len(value) > _SHOWN_ITEMS else ""
        return f"({shown}{more})"
    return echo(value)


def fail(
    attribute: "Attribute[Any]", expectation: str, value: object, *, echo: bool = True
) -> None:
    """Raise the house error for a field: ``'<field>' must be <expectation> (got <value!r>)``."""
    got = f" (got {_show(value)})" if echo else ""
    msg = f"'{attribute.name}' must be {expectation}{got}"
    raise InvalidInputError(msg, field=attribute.name)


def nullable(schema: JsonSchema, *, optional: bool) -> JsonSchema:
    """Allow ``null`` beside ``schema`` when the value may be unknown."""
    return {"anyOf": [schema, _NULL]} if optional else schema


def as_float(value: float | None) -> float | None:
    """Turn an ``int`` into a ``float``; leave anything else for the validator to judge."""
    raw: object = value  # at run time anything may arrive; the validator judges it
    if isinstance(raw, int) and not isinstance(raw, bool):
        return float(raw)
    return value


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@frozen(kw_only=True)
class IntegerRule:
    """An integer within bounds, optionally a multiple of a step."""

    minimum: int | None = None
    maximum: int | None = None
    multiple_of: int | None = None
    optional: bool = True

    def expectation(self) -> str:
        """Describe what the rule allows, for messages."""
        text = "an integer"
        if self.minimum is not None and self.maximum is not None:
            text += f" from {self.minimum} to {self.maximum}"
        elif self.minimum is not None:
            text += f" >= {self.minimum}"
        elif self.maximum is not None:
            text += f" <= {self.maximum}"
        if self.multiple_of is not None:
            text += f" in steps of {self.multiple_of}"
        return text + (", or None (unknown)" if self.optional else "")

    def __call__(self, instance: object, attribute: "Attribute[Any]", value: object) -> None:
        """Validate ``value`` for ``attribute``."""
        if value is None and self.optional:
            return
        if (
            not _is_int(value)
            or (self.minimum is not None and value < self.minimum)  # type: ignore[operator]
            or (self.maximum is not None and value > self.maximum)  # type: ignore[operator]
            or (self.multiple_of is not None and value % self.multiple_of)  # type: ignore[operator]
        ):
            fail(attribute, self.expectation(), value)

    def json_schema(self) -> JsonSchema:
        """Return the JSON Schema of the values the rule accepts."""
        schema: JsonSchema = {"type": "integer"}
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        if self.multiple_of is not None:
            schema["multipleOf"] = self.multiple_of
        return nullable(schema, optional=self.optional)


@frozen(kw_only=True)
class NumberRule:
    """A finite real number within bounds (``exclusive_minimum`` for "> 0")."""

    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    optional: bool = True

    def expectation(self) -> str:
        """Describe what the rule allows, for messages."""
        parts = []
        if self.minimum is not None:
            parts.append(f"{'>' if self.exclusive_minimum else '>='} {self.minimum:g}")
        if self.maximum is not None:
            parts.append(f"<= {self.maximum:g}")
        text = "a finite number" + (" " + " and ".join(parts) if parts else "")
        return text + (", or None (unknown)" if self.optional else "")

    def __call__(self, instance: object, attribute: "Attribute[Any]", value: object) -> None:
        """Validate ``value`` for ``attribute``."""
        if value is None and self.optional:
            return
        if (
            not isinstance(value, (int, float))
            or isinstance(value, bool)
            or not math.isfinite(value)
        ):
            fail(attribute, self.expectation(), value)
            return
        too_low = self.minimum is not None and (
            value <= self.minimum if self.exclusive_minimum else value < self.minimum
        )
        too_high = self.maximum is not None and value > self.maximum
        if too_low or too_high:
            fail(attribute, self.expectation(), value)

    def json_schema(self) -> JsonSchema:
        """Return the JSON Schema of the values the rule accepts."""
        schema: JsonSchema = {"type": "number"}
        if self.minimum is not None:
            key = "exclusiveMinimum" if self.exclusive_minimum else "minimum"
            schema[key] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return nullable(schema, optional=self.optional)


@frozen(kw_only=True)
class BoolRule:
    """A real ``bool`` (not 0/1, not "true")."""

    optional: bool = True

    def __call__(self, instance: object, attribute: "Attribute[Any]", value: object) -> None:
        """Validate ``value`` for ``attribute``."""
        if value is None and self.optional:
            return
        if not isinstance(value, bool):
            fail(
                attribute, "True or False" + (", or None (unknown)" if self.optional else ""), value
            )

    def json_schema(self) -> JsonSchema:
        """Return the JSON Schema of the values the rule accepts."""
        return nullable({"type": "boolean"}, optional=self.optional)


#: A lone surrogate is not Unicode text: no UTF-8 output (JSON, CSV, a terminal) encodes it.
_LONE_SURROGATE: Final = re.compile("[\ud800-\udfff]")


@frozen(kw_only=True)
class StringRule:
    """A non-empty string; ``secret`` fields never echo the value in messages."""

    max_length: int = 200
    optional: bool = True
    secret: bool = False

    def __call__(self, instance: object, attribute: "Attribute[Any]", value: object) -> None:
        """Validate ``value`` for ``attribute``."""
        if value is None and self.optional:
            return
        if (
            not isinstance(value, str)
            or not value.strip()
            or len(value) > self.max_length
            or _LONE_SURROGATE.search(value)
        ):
            expectation = (
                f"a non-empty string of at most {self.max_length} characters, "
                "without lone surrogates"
            )
            fail(attribute, expectation, value, echo=not self.secret)

    def json_schema(self) -> JsonSchema:
        """Return the JSON Schema of the values the rule accepts."""
        schema: JsonSchema = {"type": "string", "minLength": 1, "maxLength": self.max_length}
        return nullable(schema, optional=self.optional)


@frozen(kw_only=True)
class EnumRule:
    """A member of one enum; the message lists the allowed JSON values."""

    enum_type: type[enum.Enum]
    optional: bool = True

    def allowed(self) -> str:
        """List the allowed values, in declaration order."""
        return ", ".join(str(member.value) for member in self.enum_type)

    def __call__(self, instance: object, attribute: "Attribute[Any]", value: object) -> None:
        """Validate ``value`` for ``attribute``."""
        if value is None and self.optional:
            return
        if not isinstance(value, self.enum_type):
            expectation = f"a {self.enum_type.__name__} (one of {self.allowed()})"
            fail(attribute, expectation + (", or None (unknown)" if self.optional else ""), value)

    def json_schema(self) -> JsonSchema:
        """Return the JSON Schema of the values the rule accepts."""
        schema: JsonSchema = {"enum": [member.value for member in self.enum_type]}
        return nullable(schema, optional=self.optional)


@frozen(kw_only=True)
class TupleRule:
    """A tuple whose every element passes ``element``.

    ``element`` is a rule built with ``optional=False``, or a class.
    """

    element: "IntegerRule | NumberRule | EnumRule | type"
    min_length: int = 0
    max_length: int | None = None
    unique: bool = False
    optional: bool = True

    def expectation(self) -> str:
        """Describe what the rule allows, for messages."""
        name = getattr(self.element, "__name__", None) or "valid values"
        if isinstance(self.element, EnumRule):
            name = f"{self.element.enum_type.__name__} members ({self.element.allowed()})"
        expectation = f"a tuple of {name}"
        if self.min_length:
            expectation = f"a tuple of at least {self.min_length} {name}"
        if self.max_length is not None:
            expectation += f", at most {self.max_length}"
        if self.unique:
            expectation += " without repeats"
        return expectation

    def __call__(self, instance: object, attribute: "Attribute[Any]", value: object) -> None:
        """Validate ``value`` for ``attribute``."""
        if value is None and self.optional:
            return
        # The message is built only on failure: tuples of findings are validated often.
        if (
            not isinstance(value, tuple)
            or len(value) < self.min_length
            or (self.max_length is not None and len(value) > self.max_length)
        ):
            fail(attribute, self.expectation(), value)
            return
        for item in value:
            if isinstance(self.element, type):
                if not isinstance(item, self.element):
                    fail(attribute, self.expectation(), value)
            else:
                check: Callable[[object, Attribute[Any], object], None] = self.element
                check(instance, attribute, item)
        if self.unique and len(set(value)) != len(value):
            fail(attribute, self.expectation(), value)


@frozen(kw_only=True)
class InstanceRule:
    """An instance of one class (a nested model object)."""

    cls: type
    optional: bool = True

    def __call__(self, instance: object, attribute: "Attribute[Any]", value: object) -> None:
        """Validate ``value`` for ``attribute``."""
        if value is None and self.optional:
            return
        if not isinstance(value, self.cls):
            expectation = f"a {self.cls.__name__}" + (
                ", or None (unknown)" if self.optional else ""
            )
            fail(attribute, expectation, value)
