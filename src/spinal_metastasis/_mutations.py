"""Hostile documents: valid patient documents mutated the ways broken and hostile clients do.

Shared by the Hypothesis strategy :func:`spinal_metastasis.testing.hostile_documents`
and the fuzz benchmark (``benchmarks/fuzz.py``), so that the suite and the benchmark
try the same classes of input. Standard library only; every function takes the
:class:`random.Random` to draw from, so a run is reproduced by its seed.

Each mutation works on the parsed document (a value at a random path replaced,
removed or added) or on its text (cut short, a key repeated, a byte changed); values
that JSON cannot hold as Python data (a 5,000-digit integer, ``NaN``, nesting 10,000
deep) are spliced into the text in place of a placeholder string.
"""

import json
import random
from collections.abc import Callable
from typing import Final, TypeAlias

__all__ = ["MUTATIONS", "mutate"]

Json: TypeAlias = object
_Path: TypeAlias = tuple[str | int, ...]

_PLACEHOLDER: Final = "\x00raw{}\x00"


class _Raw:
    """Text to splice into the serialized document where a placeholder string stands."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def __call__(self, text: str) -> str:
        self.texts.append(text)
        return _PLACEHOLDER.format(len(self.texts) - 1)

    def splice(self, text: str) -> str:
        for index, raw in enumerate(self.texts):
            text = text.replace(json.dumps(_PLACEHOLDER.format(index)), raw)
        return text


#: With ``small=True``, sizes stop here: still past every limit, cheap enough for a test suite.
_SMALL: Final = 20_000


class _Small(random.Random):
    """A random source that draws only the small sizes (it draws from the one it wraps)."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__()
        self.rng = rng

    def random(self) -> float:
        return self.rng.random()

    def getrandbits(self, k: int, /) -> int:
        return self.rng.getrandbits(k)


def _size(rng: random.Random, sizes: tuple[int, ...]) -> int:
    if isinstance(rng, _Small):
        sizes = tuple(size for size in sizes if size <= _SMALL)
    return rng.choice(sizes)


def _paths(document: Json, path: _Path = ()) -> list[_Path]:
    """Every path in the document, the root first."""
    found: list[_Path] = [path]
    if isinstance(document, dict):
        for key, value in document.items():
            found += _paths(value, (*path, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found += _paths(value, (*path, index))
    return found


def _get(document: Json, path: _Path) -> Json:
    for step in path:
        document = document[step]  # type: ignore[index]
    return document


def _set(document: Json, path: _Path, value: Json) -> Json:
    if not path:
        return value
    parent = _get(document, path[:-1])
    parent[path[-1]] = value  # type: ignore[index]
    return document


def _any_path(rng: random.Random, document: Json) -> _Path:
    return rng.choice(_paths(document))


def _long_string(rng: random.Random) -> str:
    # The largest is just past the document limit: larger ones are refused the same way.
    return rng.choice('xé😀 [{"\\') * _size(rng, (200, 5_000, 20_000, 1_100_000))


# --- Values -------------------------------------------------------------------------------------


def _wrong_type(rng: random.Random, raw: _Raw) -> Json:
    choices: list[Callable[[], Json]] = [
        lambda: rng.randint(-5, 200),
        lambda: rng.random() * rng.choice((1, 100, 1e6)),
        lambda: rng.choice((True, False)),
        lambda: None,
        lambda: rng.choice(("", " ", "70", "true", "null", "t12", "T11-T12", "1a", "breast")),
        list,
        dict,
        lambda: [rng.randint(0, 9)],
        lambda: {"kps": 80},
        lambda: rng.randint(-(2**70), 2**70),
        lambda: raw(rng.choice(("70.0", "-0", "0.1e1", "1E2", "7e1"))),
    ]
    return rng.choice(choices)()


def _huge_number(rng: random.Random, raw: _Raw) -> Json:
    digits = _size(rng, (19, 21, 400, 4_301, 5_000, 100_000))
    choices = [
        "9" * digits,
        "-" + "9" * digits,
        "1e400",
        "-1e400",
        "1e-400",
        "NaN",
        "Infinity",
        "-Infinity",
        "0." + "0" * digits + "1",
        "1" + "0" * digits + ".0",
        "1.7976931348623157e308",
    ]
    return raw(rng.choice(choices))


def _deep(rng: random.Random, raw: _Raw) -> Json:
    depth = _size(rng, (31, 33, 100, 1_000, 10_000, 100_000))
    if rng.random() < 0.5:  # noqa: PLR2004 - half arrays, half objects
        return raw("[" * depth + "]" * depth)
    return raw('{"a":' * depth + "1" + "}" * depth)


def _unicode(rng: random.Random, raw: _Raw) -> Json:
    choices = [
        raw('"\\ud800"'),
        raw('"x\\udfffy"'),
        raw('"\\ud83d\\ude00"'),  # a valid pair
        raw('"\\u0000"'),
        "\u202e" + "t12",  # right-to-left override
        "t\u0301" + "12",  # combining accent
        "\U0001f600",
        "T\u0131\u0032",  # dotless i
        "\ufeff" + "breast",
        "ＢＲＥＡＳＴ",  # full-width
    ]
    return rng.choice(choices)


def _long_list(rng: random.Random, value: Json) -> Json:
    size = _size(rng, (13, 30, 51, 1_000, 100_000))
    item = value[0] if isinstance(value, list) and value else value
    if size > 1_000 and isinstance(item, dict | list):  # noqa: PLR2004 - a long list of small items
        item = 0
    return [item] * size


# --- Mutations of the parsed document -----------------------------------------------------------


def _replace(make: Callable[[random.Random, _Raw], Json]) -> Callable[..., str]:
    def mutation(rng: random.Random, document: Json) -> str:
        raw = _Raw()
        path = _any_path(rng, document)
        document = _set(document, path, make(rng, raw))
        return raw.splice(json.dumps(document, ensure_ascii=rng.random() < 0.5))  # noqa: PLR2004

    return mutation


def _missing_key(rng: random.Random, document: Json) -> str:
    objects = [path for path in _paths(document) if isinstance(_get(document, path), dict)]
    path = rng.choice(objects)
    target = _get(document, path)
    if isinstance(target, dict) and target:
        del target[rng.choice(list(target))]
    return json.dumps(document)


def _extra_key(rng: random.Random, document: Json) -> str:
    objects = [path for path in _paths(document) if isinstance(_get(document, path), dict)]
    target = _get(document, rng.choice(objects))
    count = _size(rng, (1, 1, 3, 1_000, 50_000))
    if isinstance(target, dict):
        for index in range(count):
            target[rng.choice(("foo", "kps ", "KPS", "__class__", "x" * 300)) + str(index)] = index
    return json.dumps(document)


def _long_string_value(rng: random.Random, document: Json) -> str:
    path = _any_path(rng, document)
    return json.dumps(_set(document, path, _long_string(rng)))


def _long_list_value(rng: random.Random, document: Json) -> str:
    path = _any_path(rng, document)
    return json.dumps(_set(document, path, _long_list(rng, _get(document, path))))


def _valid_change(rng: random.Random, document: Json) -> str:
    """A change that may well be valid: a known field set to another plausible value."""
    if isinstance(document, dict):
        field = rng.choice(("kps", "ecog", "primary", "frankel", "ambulatory", "patient_id"))
        document[field] = {
            "kps": rng.choice((None, 0, 10, 50, 100, 70.0)),
            "ecog": rng.choice((None, 0, 1, 2, 3, 4, 5)),
            "primary": rng.choice(("breast", "lung_non_small_cell", "myeloma", None)),
            "frankel": rng.choice(("a", "c", "e", None)),
            "ambulatory": rng.choice((True, False, None)),
            "patient_id": rng.choice(("MRN-001", "é-😀", None)),
        }[field]
    return json.dumps(document, ensure_ascii=False)


# --- Mutations of the text ----------------------------------------------------------------------


def _truncated(rng: random.Random, document: Json) -> str:
    text = json.dumps(document)
    return text[: rng.randrange(len(text))]


def _duplicated_key(rng: random.Random, document: Json) -> str:
    text = json.dumps(document)
    if isinstance(document, dict) and document:
        key = rng.choice(list(document))
        return text[:-1] + f", {json.dumps(key)}: {json.dumps(rng.choice((None, 1, 'x')))}" + "}"
    return text


def _text_noise(rng: random.Random, document: Json) -> str:
    text = json.dumps(document)
    position = rng.randrange(len(text))
    noise = rng.choice(("\\", '"', "\\u12", "\x00", "\n", ",", "]", "}", "{", "\ud800", "\\x"))
    return text[:position] + noise + text[position:]


#: Each class of mutation, by name: a function of a random source and a document (JSON-like
#: Python data, mutated in place) that returns the mutated text.
MUTATIONS: Final[dict[str, Callable[[random.Random, Json], str]]] = {
    "wrong type": _replace(_wrong_type),
    "missing key": _missing_key,
    "extra keys": _extra_key,
    "huge or non-finite number": _replace(_huge_number),
    "deep nesting": _replace(_deep),
    "long string": _long_string_value,
    "long list": _long_list_value,
    "unicode and surrogates": _replace(_unicode),
    "duplicated key": _duplicated_key,
    "truncated text": _truncated,
    "text noise": _text_noise,
    "plausible change": _valid_change,
}


def _encoded(rng: random.Random, text: str) -> bytes:
    """The text as bytes: UTF-8 mostly, sometimes with a byte that is not, or another encoding."""
    draw = rng.random()
    data = text.encode("utf-8", "surrogatepass")
    if draw < 0.03:  # noqa: PLR2004 - a few documents in another encoding
        return text.encode(rng.choice(("utf-16", "latin-1", "cp1252")), "replace")
    if draw < 0.06 and data:  # noqa: PLR2004 - or with one byte that is not UTF-8
        position = rng.randrange(len(data))
        return data[:position] + bytes([rng.choice((0x80, 0xC0, 0xFF, 0xED))]) + data[position:]
    return data


def mutate(
    rng: random.Random, document: Json, *, kind: str | None = None, small: bool = False
) -> tuple[str, bytes]:
    """Mutate a copy of a JSON document; return the class of mutation and the bytes.

    Args:
        rng: The random source (seeded, for a reproducible run).
        document: A valid document as JSON-like data; it is not changed.
        kind: The class of mutation (a key of :data:`MUTATIONS`); drawn when ``None``.
        small: Draw only sizes up to 20,000 (digits, depth, characters, items), for tests.
    """
    if small:
        rng = _Small(rng)
    name = kind if kind is not None else rng.choice(list(MUTATIONS))
    copy = json.loads(json.dumps(document))
    text = MUTATIONS[name](rng, copy)
    return name, _encoded(rng, text)
