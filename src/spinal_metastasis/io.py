"""JSON in and out through one private ``cattrs`` converter, and the JSON Schema.

The wire format is the attrs field names and the enum values. Numbers are strict:
``"70"``, ``70.9`` and ``true`` are not the integer 70 (``70.0`` is, as in JSON
Schema), and ``"8"`` is not the number 8. Unknown keys are rejected. Every
structural error is reported as one
:class:`~spinal_metastasis.errors.SerializationError` (an
:class:`~spinal_metastasis.errors.InvalidInputError`) whose ``messages`` name the
path of every bad field, ready for a form: ``lesions[0].escc: '4' is not one of
0, 1a, 1b, 1c, 2, 3``.
"""

import enum
import functools
import json
import pkgutil
import types
import typing
from collections.abc import Callable
from typing import Any, Final, TypeVar

import attrs

from spinal_metastasis._decoding import parse_json
from spinal_metastasis._schema import annotation_schema, attribute_descriptions
from spinal_metastasis._validators import (
    BoolRule,
    EnumRule,
    InstanceRule,
    IntegerRule,
    NumberRule,
    StringRule,
    TupleRule,
    nullable,
)
from spinal_metastasis.errors import InvalidInputError, SerializationError
from spinal_metastasis.limits import MAX_REPORTED_ERRORS, capped, echo
from spinal_metastasis.model import Patient

__all__ = [
    "SCHEMA_VERSION",
    "example_names",
    "example_patient",
    "from_json",
    "json_schema",
    "parse_json",
    "structure",
    "to_json",
    "unstructure",
]

T = TypeVar("T")

#: Version of the JSON wire format; any change to it is a breaking change.
SCHEMA_VERSION: Final = "1"

_JSON_SCHEMA_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"

_Rule = IntegerRule | NumberRule | BoolRule | StringRule | EnumRule | InstanceRule | TupleRule
_RULE_TYPES: Final = (
    IntegerRule,
    NumberRule,
    BoolRule,
    StringRule,
    EnumRule,
    InstanceRule,
    TupleRule,
)


# --- Strict scalar hooks ----------------------------------------------------------------------


def _strict_int(value: object, _: type) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    # JSON (and JSON Schema's "integer") does not tell 70 from 70.0; JavaScript cannot.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    msg = f"expected an integer (got {echo(value)})"
    raise InvalidInputError(msg)


def _strict_float(value: object, _: type) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    msg = f"expected a number (got {echo(value)})"
    raise InvalidInputError(msg)


def _strict_bool(value: object, _: type) -> bool:
    if isinstance(value, bool):
        return value
    msg = f"expected true or false (got {echo(value)})"
    raise InvalidInputError(msg)


def _strict_str(value: object, _: type) -> str:
    if isinstance(value, str):
        return value
    # The value is not echoed: a string field may hold an identifier (patient_id).
    msg = f"expected a string (got {_kind(value)})"
    raise InvalidInputError(msg)


def _kind(value: object) -> str:
    """Name the JSON type of a value, without showing it."""
    match value:
        case None:
            return "null"
        case bool():
            return "a boolean"
        case int() | float():
            return "a number"
        case list():
            return "an array"
        case dict():
            return "an object"
        case _:
            return f"a {type(value).__name__}"


@functools.cache
def _enum_members(enum_type: type[enum.Enum]) -> tuple[dict[object, enum.Enum], str]:
    members = {member.value: member for member in enum_type}
    return members, ", ".join(str(value) for value in members)


def _structure_enum(value: object, enum_type: type[enum.Enum]) -> enum.Enum:
    members, allowed = _enum_members(enum_type)
    try:
        return members[value]
    except (KeyError, TypeError):
        msg = f"{echo(value)} is not one of {allowed}"
        raise InvalidInputError(msg) from None


def _tuple_hook(tp: Any, converter: Any) -> Callable[[object, type], tuple[object, ...]]:
    # cattrs is imported with the converter, on first use (see _converter).
    from cattrs.errors import IterableValidationError, IterableValidationNote  # noqa: PLC0415

    (element, _ellipsis) = typing.get_args(tp)
    hook = converter.get_structure_hook(element)

    def structure(value: object, _: type) -> tuple[object, ...]:
        if not isinstance(value, list):
            msg = f"expected a JSON array (got {echo(value)})"
            raise InvalidInputError(msg)
        items: list[object] = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                items.append(hook(item, element))
            except Exception as exc:  # noqa: BLE001 - collected, re-raised as a group below
                exc.add_note(
                    IterableValidationNote(f"Structuring {tp} @ index {index}", index, element)
                )
                errors.append(exc)
        if errors:
            msg = f"While structuring {tp}"
            raise IterableValidationError(msg, errors, tp)
        return tuple(items)

    return structure


def _check_alone(field: "attrs.Attribute[Any]", value: object) -> None:
    """Run the field's validators that do not need the other fields of the instance."""
    validators = getattr(field.validator, "_validators", None) or (field.validator,)
    for validator in validators:
        if validator is None:
            continue
        try:
            validator(None, field, value)
        except AttributeError:  # a rule that spans fields: checked at construction
            continue


def _diagnose(cls: type, value: dict[str, Any], converter: Any) -> list[Exception]:
    """Collect every field's error, not only the first (the slow path, after a failure)."""
    from cattrs.errors import AttributeValidationNote, ForbiddenExtraKeysError  # noqa: PLC0415

    errors: list[Exception] = []
    fields = attrs.fields(attrs.resolve_types(cls))
    names = {field.name for field in fields}
    extra = set(value) - names
    if extra:
        errors.append(ForbiddenExtraKeysError("", cls, extra))
    for field in fields:
        note = AttributeValidationNote(
            f"Structuring {cls.__name__} @ {field.name}", field.name, field.type
        )
        if field.name not in value:
            if field.default is attrs.NOTHING:
                missing = KeyError(field.name)
                missing.add_note(note)
                errors.append(missing)
            continue
        try:
            _check_alone(field, converter.structure(value[field.name], field.type))
        except Exception as exc:  # noqa: BLE001 - collected, re-raised as a group
            exc.add_note(note)
            errors.append(exc)
    return errors


def _bounded_lists(cls: type) -> tuple[tuple[str, int], ...]:
    """The list fields of ``cls`` with a maximum length (the limits on lists)."""
    bounded: list[tuple[str, int]] = []
    for field in attrs.fields(cls):
        rule = _rule_of(field)
        if isinstance(rule, TupleRule) and rule.max_length is not None:
            bounded.append((field.name, rule.max_length))
    return tuple(bounded)


def _object_hook(cls: type, converter: Any) -> Callable[[object, type], object]:
    from cattrs.errors import ClassValidationError  # noqa: PLC0415 - see _converter
    from cattrs.gen import make_dict_structure_fn  # noqa: PLC0415

    generated: Callable[[Any, type], object] = make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=True
    )
    bounded = _bounded_lists(cls)

    def structure(value: object, cl: type) -> object:
        if not isinstance(value, dict):
            msg = f"expected a JSON object (got {echo(value)})"
            raise InvalidInputError(msg)
        # An over-long list is refused before any of its items is structured.
        for name, limit in bounded:
            items = value.get(name)
            if isinstance(items, list) and len(items) > limit:
                msg = f"'{name}' must hold at most {limit} items (got {len(items)})"
                raise InvalidInputError(msg, field=name)
        try:
            return generated(value, cl)
        except (ClassValidationError, InvalidInputError) as first:
            errors = _diagnose(cls, value, converter)
            if not errors:  # only a rule that spans fields failed
                raise
            msg = f"While structuring {cls.__name__}"
            raise ClassValidationError(msg, errors, cls) from first

    return structure


def _is_optional(tp: Any) -> bool:
    """``X | None`` of one other type (cattrs' own hook looks the inner hook up on every call)."""
    args = typing.get_args(tp)
    return (
        typing.get_origin(tp) in {typing.Union, types.UnionType}
        and len(args) == 2  # noqa: PLR2004 - the type and None
        and type(None) in args
    )


def _optional_hook(tp: Any, converter: Any) -> Callable[[object, type], object]:
    (inner,) = (arg for arg in typing.get_args(tp) if arg is not type(None))
    hook = converter.get_structure_hook(inner)

    def structure(value: object, _: type) -> object:
        return None if value is None else hook(value, inner)

    return structure


def _is_homogeneous_tuple(tp: Any) -> bool:
    args: tuple[Any, ...] = typing.get_args(tp)
    return typing.get_origin(tp) is tuple and args[1:] == (Ellipsis,)


def _sort_key(item: object) -> tuple[int, str]:
    if isinstance(item, enum.Enum):
        return (list(type(item)).index(item), "")
    return (0, repr(item))


def _unstructure_set(value: frozenset[Any]) -> list[Any]:
    """Write a set as a list in a fixed order (enum declaration order), so JSON is deterministic."""
    return [_converter().unstructure(item) for item in sorted(value, key=_sort_key)]


def _is_frozenset(tp: Any) -> bool:
    return tp is frozenset or typing.get_origin(tp) is frozenset


# The converter and cattrs itself are loaded on first use, not when the package is imported:
# a program that builds patients in Python and never reads or writes JSON never loads them.
# functools.cache makes it one converter for the process (safe to share between threads).
@functools.cache
def _converter() -> Any:
    from cattrs.preconf.json import make_converter  # noqa: PLC0415 - lazy on purpose

    converter = make_converter(forbid_extra_keys=True)
    converter.register_structure_hook(int, _strict_int)
    converter.register_structure_hook(float, _strict_float)
    converter.register_structure_hook(bool, _strict_bool)
    # A class hook: the converter dispatches ``str`` to its built-in ``str(value)`` before
    # any predicate hook. The StrEnums keep their own hook (StrEnum comes before str in
    # their MRO, so the more specific class hook wins).
    converter.register_structure_hook(str, _strict_str)
    converter.register_structure_hook(enum.StrEnum, _structure_enum)
    converter.register_structure_hook_factory(
        _is_optional, lambda tp: _optional_hook(tp, converter)
    )
    converter.register_structure_hook_factory(
        _is_homogeneous_tuple,
        lambda tp: _tuple_hook(tp, converter),
    )
    converter.register_structure_hook_factory(attrs.has, lambda cls: _object_hook(cls, converter))
    converter.register_unstructure_hook_func(_is_frozenset, _unstructure_set)
    return converter


# --- Error translation ------------------------------------------------------------------------


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _unknown_fields(exc: Any, where: str) -> list[str]:
    allowed = ", ".join(field.name for field in attrs.fields(exc.cl))
    # Sorted only when few: 200,000 unknown keys give one line each for the first few,
    # and one that counts the others, within the number of messages reported.
    limit = MAX_REPORTED_ERRORS.value - 1
    extra = list(exc.extra_fields)
    shown = sorted(extra, key=str) if len(extra) <= limit else extra[:limit]
    messages = [f"{where}: unknown field {echo(key)} (allowed: {allowed})" for key in shown]
    if len(extra) > limit:
        messages.append(f"{where}: and {len(extra) - limit} more unknown fields")
    return messages


def _messages(exc: BaseException, path: str) -> list[str]:
    from cattrs.errors import (  # noqa: PLC0415 - see _converter
        ClassValidationError,
        ForbiddenExtraKeysError,
        IterableValidationError,
    )

    where = path or "$"
    if isinstance(exc, ForbiddenExtraKeysError):
        return _unknown_fields(exc, where)
    if isinstance(exc, ClassValidationError | IterableValidationError):
        messages: list[str] = []
        for sub in exc.exceptions:
            sub_path = path
            for note in getattr(sub, "__notes__", ()):
                name = getattr(note, "name", None)
                index = getattr(note, "index", None)
                if isinstance(name, str):
                    sub_path = _join(path, name)
                elif isinstance(index, int):
                    sub_path = f"{path}[{index}]"
            messages.extend(_messages(sub, sub_path))
        return messages
    if isinstance(exc, KeyError):
        return [f"{where}: required field missing"]
    if isinstance(exc, InvalidInputError):
        if exc.field is not None:
            named = path == exc.field or path.endswith(f".{exc.field}")
            return [f"{path if named else _join(path, exc.field)}: {exc.detail}"]
        return [f"{where}: {exc}"]
    # Anything else cattrs raised on a shape it could not use (a list for an object, ...).
    return [f"{where}: invalid value ({type(exc).__name__})"]


# --- Public functions -------------------------------------------------------------------------


def unstructure(obj: object) -> Any:
    """Turn a model or result object into JSON-ready Python data (dicts, lists, scalars).

    Examples:
        >>> from spinal_metastasis import Fractionation
        >>> unstructure(Fractionation(total_dose_gy=8, fractions=1))
        {'total_dose_gy': 8.0, 'fractions': 1}
    """
    return _converter().unstructure(obj)


def to_json(obj: object, *, indent: int | None = None) -> str:
    """Serialize a model or result object to JSON.

    Examples:
        >>> from spinal_metastasis import Fractionation
        >>> to_json(Fractionation(total_dose_gy=20, fractions=5))
        '{"total_dose_gy": 20.0, "fractions": 5}'
    """
    return json.dumps(_converter().unstructure(obj), indent=indent, ensure_ascii=False)


def from_json(data: str | bytes | bytearray, cls: type[T]) -> T:
    """Build an object of ``cls`` from JSON text, validating every field.

    The text is decoded by :func:`parse_json`, within the limits of
    :mod:`spinal_metastasis.limits`; bytes must be UTF-8.

    Raises:
        SerializationError: With one message per bad field, each starting with the
            field's path. It is an :class:`~spinal_metastasis.errors.InvalidInputError`
            and a ``ValueError``.

    Examples:
        >>> from spinal_metastasis import Fractionation
        >>> from_json('{"total_dose_gy": 8, "fractions": 1}', Fractionation)
        Fractionation(total_dose_gy=8.0, fractions=1)
        >>> from_json('{"total_dose_gy": 8, "fractions": "1"}', Fractionation)
        Traceback (most recent call last):
        ...
        spinal_metastasis.errors.SerializationError: fractions: expected an integer (got '1')
    """
    return structure(parse_json(data), cls)


def structure(document: object, cls: type[T]) -> T:
    """Build an object of ``cls`` from JSON-like Python data (the inverse of :func:`unstructure`).

    Raises:
        SerializationError: As :func:`from_json`.
    """
    converter = _converter()
    from cattrs.errors import ClassValidationError, IterableValidationError  # noqa: PLC0415

    try:
        result: T = converter.structure(document, cls)
    except (ClassValidationError, IterableValidationError, InvalidInputError) as exc:
        raise SerializationError(capped(_messages(exc, ""))) from None
    return result


# --- JSON Schema ------------------------------------------------------------------------------


def _rule_of(field: "attrs.Attribute[Any]") -> _Rule | None:
    validators = [field.validator]
    inner = getattr(field.validator, "_validators", None)
    if inner is not None:
        validators = list(inner)
    for validator in validators:
        if isinstance(validator, _Rule):
            return validator
    return None


def _class_ref(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    name = cls.__name__
    if name not in defs:
        defs[name] = {}  # placeholder against recursion
        defs[name] = _class_schema(cls, defs)
    return {"$ref": f"#/$defs/{name}"}


def _field_schema(field: "attrs.Attribute[Any]", defs: dict[str, Any]) -> dict[str, Any]:
    rule = _rule_of(field)
    if isinstance(rule, InstanceRule):
        return nullable(_class_ref(rule.cls, defs), optional=rule.optional)
    if isinstance(rule, TupleRule):
        element = rule.element
        items = _class_ref(element, defs) if isinstance(element, type) else element.json_schema()
        array: dict[str, Any] = {"type": "array", "items": items}
        if rule.min_length:
            array["minItems"] = rule.min_length
        if rule.max_length is not None:
            array["maxItems"] = rule.max_length
        if rule.unique:
            array["uniqueItems"] = True
        return nullable(array, optional=rule.optional)
    if rule is not None:
        return rule.json_schema()
    # A field without a rule (most fields of result classes): the schema of its annotation.
    return annotation_schema(field.type, lambda cls: _class_ref(cls, defs))


def _class_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required: list[str] = []
    descriptions = attribute_descriptions(cls)
    for field in attrs.fields(attrs.resolve_types(cls)):
        properties[field.name] = _field_schema(field, defs)
        if field.name in descriptions:
            properties[field.name]["description"] = descriptions[field.name]
        if field.default is attrs.NOTHING:
            required.append(field.name)
    schema: dict[str, Any] = {
        "type": "object",
        "title": cls.__name__,
        "properties": properties,
        "additionalProperties": False,
    }
    doc = (cls.__doc__ or "").strip().splitlines()
    if doc:
        schema["description"] = doc[0]
    if required:
        schema["required"] = required
    return schema


def json_schema(cls: type = Patient) -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a model or result class, ``Patient`` by default.

    The schema is derived from the same rules that validate the class, so a form
    built from it accepts what :func:`from_json` accepts, except the rules that
    span fields (contiguous levels, lesions that share a level), which a schema
    cannot express. Fields without a rule (most fields of the result classes,
    such as :class:`~spinal_metastasis.assessment.Assessment`) take the schema of
    their annotation, as :func:`to_json` writes them. Each property's
    ``description`` is the class docstring's entry for the field.

    .. versionchanged:: 0.1
       Every result class has a schema (it raised ``TypeError``).

    Examples:
        >>> schema = json_schema()
        >>> schema["properties"]["kps"]["anyOf"][0]
        {'type': 'integer', 'minimum': 0, 'maximum': 100, 'multipleOf': 10}
    """
    defs: dict[str, Any] = {}
    schema = _class_schema(cls, defs)
    defs.pop(cls.__name__, None)
    document = {
        "$schema": _JSON_SCHEMA_DIALECT,
        "$id": f"urn:spinal-metastasis:schema:{SCHEMA_VERSION}:{cls.__name__}",
        **schema,
    }
    if defs:
        document["$defs"] = dict(sorted(defs.items()))
    return document


# --- Built-in example patients ----------------------------------------------------------------

_EXAMPLES_PACKAGE: Final = "spinal_metastasis.examples"


def example_names() -> tuple[str, ...]:
    """Return the names of the built-in example patients, sorted.

    Examples:
        >>> "breast_t12_mechanical" in example_names()
        True
    """
    import importlib.resources  # noqa: PLC0415 - only to list the files; reading needs less

    files = importlib.resources.files(_EXAMPLES_PACKAGE).iterdir()
    return tuple(
        sorted(item.name.removesuffix(".json") for item in files if item.name.endswith(".json"))
    )


def example_patient(name: str = "breast_t12_mechanical") -> Patient:
    """Load a built-in example patient by name (see :func:`example_names`).

    Raises:
        InvalidInputError: If there is no example of that name.

    Examples:
        >>> example_patient().primary
        <PrimaryTumor.BREAST: 'breast'>
    """
    data = _example_bytes(name)
    if data is None:
        names = example_names()
        msg = f"'name' must be one of {', '.join(names)} (got {name!r})"
        raise InvalidInputError(msg, field="name")
    return from_json(data.decode("utf-8"), Patient)


def _example_bytes(name: str) -> bytes | None:
    """The example's file, read through the package loader, or ``None`` if there is none.

    A name is a file name in the examples package, never a path.
    """
    raw: object = name  # at run time anything may arrive
    if not isinstance(raw, str) or not raw or raw.startswith("."):
        return None
    if any(char in raw for char in "/\\\0"):
        return None
    try:
        return pkgutil.get_data(_EXAMPLES_PACKAGE, f"{name}.json")
    except OSError:
        return None
