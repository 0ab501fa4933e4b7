"""JSON Schema fragments derived from type annotations, for fields that carry no rule.

Model classes validate every field with a rule of :mod:`spinal_metastasis._validators`,
and their schema comes from those rules. Result classes are built by the library
itself and many of their fields carry no rule: their schema comes from the field's
annotation, read the way the converter writes it (enums as their values, tuples
and frozensets as arrays, frozensets sorted and without repeats, ``None`` as
``null``, nested attrs classes by reference). The docstring's ``Attributes:``
section gives each property its description.
"""

import enum
import functools
import re
import types
import typing
from collections.abc import Callable
from typing import Any, Final

import attrs

__all__ = ["annotation_schema", "attribute_descriptions"]

JsonSchema = dict[str, Any]

_SCALARS: Final[dict[type, JsonSchema]] = {
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    float: {"type": "number"},
    str: {"type": "string"},
    type(None): {"type": "null"},
}


def _enum_schema(enum_type: type[enum.Enum]) -> JsonSchema:
    return {"enum": [member.value for member in enum_type]}


def _type_schema(tp: type, class_ref: Callable[[type], JsonSchema]) -> JsonSchema:
    if issubclass(tp, enum.Enum):
        return _enum_schema(tp)
    if tp in _SCALARS:
        return dict(_SCALARS[tp])
    if attrs.has(tp):
        return class_ref(tp)
    msg = f"no JSON Schema for the class {tp!r}"  # pragma: no cover - a developer error
    raise TypeError(msg)  # pragma: no cover


def _tuple_schema(args: tuple[Any, ...], class_ref: Callable[[type], JsonSchema]) -> JsonSchema:
    if args[1:] == (Ellipsis,):
        return {"type": "array", "items": annotation_schema(args[0], class_ref)}
    return {
        "type": "array",
        "prefixItems": [annotation_schema(arg, class_ref) for arg in args],
        "items": False,
        "minItems": len(args),
    }


def annotation_schema(tp: Any, class_ref: Callable[[type], JsonSchema]) -> JsonSchema:  # noqa: ANN401 - any annotation
    """Return the JSON Schema of the values the converter writes for annotation ``tp``.

    Args:
        tp: A resolved annotation (``int``, ``X | None``, ``tuple[X, ...]``, an enum,
            an attrs class, ...).
        class_ref: Gives the schema (a ``$ref``) of a nested attrs class.

    Raises:
        TypeError: For an annotation the wire format has no form for (a developer error).
    """
    if isinstance(tp, type):
        return _type_schema(tp, class_ref)
    origin = typing.get_origin(tp)
    args: tuple[Any, ...] = typing.get_args(tp)
    if origin in {typing.Union, types.UnionType}:
        return {"anyOf": [annotation_schema(arg, class_ref) for arg in args]}
    if origin is tuple and args:
        return _tuple_schema(args, class_ref)
    if origin is frozenset:
        (element,) = args
        return {
            "type": "array",
            "items": annotation_schema(element, class_ref),
            "uniqueItems": True,
        }
    msg = f"no JSON Schema for the annotation {tp!r}"  # pragma: no cover - a developer error
    raise TypeError(msg)  # pragma: no cover


_ATTRIBUTE: Final = re.compile(r"^(?P<indent> *)(?P<name>[a-z_][a-z0-9_]*): (?P<text>.+)$")


@functools.cache
def attribute_descriptions(cls: type) -> dict[str, str]:
    """Read the ``Attributes:`` section of a class docstring: one description per field.

    Continuation lines are joined and reST markup is kept as it is.
    """
    lines = (cls.__doc__ or "").splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == "Attributes:")
    except StopIteration:
        return {}
    descriptions: dict[str, str] = {}
    indent: int | None = None
    name: str | None = None
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        match = _ATTRIBUTE.match(line)
        if match and (indent is None or len(match["indent"]) == indent):
            indent = len(match["indent"])
            name = match["name"]
            descriptions[name] = match["text"].strip()
        elif name is not None and indent is not None and len(line) - len(line.lstrip()) > indent:
            descriptions[name] += " " + line.strip()
        else:
            break
    return descriptions
