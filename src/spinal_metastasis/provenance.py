"""What produced a result: the versions and the tables behind every machine-readable output.

A result written for a machine (the command line's ``--json``, a batch table, a
Parquet file, a service's answer) says what produced it:

- ``schema_version``: the version of the JSON wire format
  (:data:`spinal_metastasis.io.SCHEMA_VERSION`);
- ``library_version``: the installed version of this library;
- ``settings``: every swappable table the assessment used, by its role
  (``escc_grouping``, ``radiosensitivity_table``, and the tables of the
  prognostic scores), each with its ``name``, its ``version`` and the SHA-256
  of its content (:func:`table_digest`), so that two results can be told apart
  when an institution swaps a table or a table's entries change.

:func:`provenance` gives these three keys; :func:`envelope` wraps a result with
them (``kind`` names the result's class, ``result`` holds exactly what
:func:`~spinal_metastasis.io.to_json` writes, so the result still reads back
with :func:`~spinal_metastasis.io.from_json`); :func:`envelope_schema` is the
envelope's JSON Schema. :func:`provenance_metadata` gives the same as flat
strings, for Parquet and Arrow key-value metadata.

Examples:
    >>> from spinal_metastasis import assess, example_patient
    >>> document = envelope(assess(example_patient()))
    >>> sorted(document)
    ['kind', 'library_version', 'result', 'schema_version', 'settings']
    >>> document["kind"], document["settings"]["escc_grouping"]["name"]
    ('Assessment', 'Bilsky low 0-1c, high 2-3')
"""

import enum
import functools
import hashlib
import json
from collections.abc import Mapping
from typing import Any, Final, TypeAlias

import attrs

from spinal_metastasis.errors import InvalidInputError
from spinal_metastasis.histology.bauer import BAUER_1995_PRIMARY_GROUPS, BauerPrimaryTable
from spinal_metastasis.histology.katagiri import (
    KATAGIRI_2014_PRIMARY_GROUPS,
    KatagiriPrimaryTable,
)
from spinal_metastasis.histology.radiosensitivity import RadiosensitivityTable
from spinal_metastasis.histology.tokuhashi import TOKUHASHI_2005_PRIMARY, TokuhashiPrimaryTable
from spinal_metastasis.histology.tomita import TOMITA_2001_GROWTH, TomitaGrowthTable
from spinal_metastasis.io import SCHEMA_VERSION, json_schema, unstructure
from spinal_metastasis.scores.escc import EsccGrouping
from spinal_metastasis.treatments.context import DEFAULT_SETTINGS, AssessmentSettings

__all__ = [
    "METADATA_KEYS",
    "Table",
    "envelope",
    "envelope_json",
    "envelope_schema",
    "library_version",
    "provenance",
    "provenance_metadata",
    "settings_tables",
    "table_digest",
]

#: A swappable table: anything with a ``name`` and a ``version`` whose content can be hashed.
Table: TypeAlias = (
    EsccGrouping
    | RadiosensitivityTable
    | BauerPrimaryTable
    | KatagiriPrimaryTable
    | TokuhashiPrimaryTable
    | TomitaGrowthTable
)

#: The keys :func:`provenance_metadata` writes into Parquet and Arrow metadata.
METADATA_KEYS: Final = ("schema_version", "library_version", "settings")

_DISTRIBUTION: Final = "spinal-metastasis"
_UNKNOWN_VERSION: Final = "0+unknown"
_SHA256_PATTERN: Final = "^[0-9a-f]{64}$"


@functools.cache
def library_version() -> str:
    """Return the installed version of the library (``"0+unknown"`` when not installed).

    Examples:
        >>> library_version() != ""
        True
    """
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415 - lazy

    try:
        return version(_DISTRIBUTION)
    except PackageNotFoundError:  # pragma: no cover - run from a source tree, not installed
        return _UNKNOWN_VERSION


def _sort_key(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _canonical(value: object) -> object:
    """Turn a table into plain JSON data in one fixed order (sets and mappings sorted)."""
    if isinstance(value, enum.Enum):
        return value.value
    cls: Any = type(value)  # attrs.has() does not narrow the type for attrs.fields()
    if attrs.has(cls):
        return {
            field.name: _canonical(getattr(value, field.name))
            for field in attrs.fields(cls)
            if field.name != "version"
        }
    if isinstance(value, Mapping):
        pairs = [[_canonical(key), _canonical(item)] for key, item in value.items()]
        return sorted(pairs, key=_sort_key)
    if isinstance(value, frozenset | set):
        return sorted((_canonical(item) for item in value), key=_sort_key)
    if isinstance(value, tuple | list):
        return [_canonical(item) for item in value]
    if value is None or isinstance(value, str | int | float):
        return value
    msg = f"'table' must hold only data (got a {type(value).__name__})"
    raise InvalidInputError(msg, field="table")


@functools.lru_cache(maxsize=64)
def table_digest(table: Table) -> str:
    """Return the SHA-256 (hex) of a table's content: every field but its ``version``.

    The content is written as canonical JSON (enum values, mappings and sets
    sorted, keys sorted, no spaces), so the digest does not depend on the order
    entries were declared in, the process or the platform. Equal content gives
    an equal digest whatever the table's name or version.

    Examples:
        >>> from spinal_metastasis.histology import NOMS_TABLE
        >>> len(table_digest(NOMS_TABLE))
        64
    """
    text = json.dumps(_canonical(table), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def settings_tables(settings: AssessmentSettings | None = None) -> dict[str, Table]:
    """Return every swappable table an assessment with ``settings`` uses, by its role.

    The roles are the settings' fields (``escc_grouping``, ``radiosensitivity_table``)
    and the tables of the prognostic scores :func:`~spinal_metastasis.assessment.assess`
    computes (``bauer_primary_groups``, ``katagiri_primary_groups``,
    ``tokuhashi_primary_table``, ``tomita_growth_table``), sorted by role.

    Examples:
        >>> sorted(settings_tables())[:2]
        ['bauer_primary_groups', 'escc_grouping']
    """
    chosen = settings if settings is not None else DEFAULT_SETTINGS
    tables: dict[str, Table] = {
        "bauer_primary_groups": BAUER_1995_PRIMARY_GROUPS,
        "escc_grouping": chosen.escc_grouping,
        "katagiri_primary_groups": KATAGIRI_2014_PRIMARY_GROUPS,
        "radiosensitivity_table": chosen.radiosensitivity_table,
        "tokuhashi_primary_table": TOKUHASHI_2005_PRIMARY,
        "tomita_growth_table": TOMITA_2001_GROWTH,
    }
    return tables


def provenance(settings: AssessmentSettings | None = None) -> dict[str, Any]:
    """Return what produces an assessment with ``settings``: versions and tables used.

    Args:
        settings: The settings of the assessment (default: NOMS grouping and table).

    Returns:
        A JSON-ready dict with the keys ``schema_version`` and ``library_version``
        (strings) and ``settings``: for each role, a dict of the table's ``name``,
        ``version`` and ``sha256``.

    Examples:
        >>> document = provenance()
        >>> document["schema_version"], document["settings"]["radiosensitivity_table"]["name"]
        ('1', 'NOMS spine oncology')
    """
    return {
        "schema_version": SCHEMA_VERSION,
        "library_version": library_version(),
        "settings": {
            role: {"name": table.name, "version": table.version, "sha256": table_digest(table)}
            for role, table in settings_tables(settings).items()
        },
    }


def provenance_metadata(settings: AssessmentSettings | None = None) -> dict[str, str]:
    """Return :func:`provenance` as flat strings (``settings`` as JSON), for file metadata.

    Parquet and Arrow key-value metadata hold strings only; the keys are
    :data:`METADATA_KEYS`.

    Examples:
        >>> metadata = provenance_metadata()
        >>> metadata["schema_version"], json.loads(metadata["settings"])["escc_grouping"]["version"]
        ('1', '1')
    """
    document = provenance(settings)
    return {
        "schema_version": document["schema_version"],
        "library_version": document["library_version"],
        "settings": json.dumps(document["settings"], sort_keys=True, ensure_ascii=False),
    }


def _check_names(result: object, settings: AssessmentSettings) -> None:
    """An assessment names its two settings tables: refuse an envelope that contradicts it."""
    for role in ("escc_grouping", "radiosensitivity_table"):
        recorded = getattr(result, role, None)
        used: str = getattr(settings, role).name
        if isinstance(recorded, str) and recorded != used:
            msg = (
                f"'settings' must be the settings the result was computed with "
                f"({role} {recorded!r}, got {used!r})"
            )
            raise InvalidInputError(msg, field="settings")


def envelope(result: object, *, settings: AssessmentSettings | None = None) -> dict[str, Any]:
    """Wrap a result with its provenance: the versioned document machines store.

    Args:
        result: Any result or model object (an
            :class:`~spinal_metastasis.assessment.Assessment`, a score, ...).
        settings: The settings the result was computed with (default: NOMS).

    Returns:
        ``{"schema_version", "library_version", "settings", "kind", "result"}``:
        :func:`provenance`, the class name of the result, and the result as
        :func:`~spinal_metastasis.io.unstructure` gives it (unchanged, so
        ``from_json(json.dumps(document["result"]), cls)`` reads it back).

    Raises:
        InvalidInputError: If ``result`` is an assessment whose recorded ESCC
            grouping or radiosensitivity table is not the one in ``settings``.

    Examples:
        >>> from spinal_metastasis import Fractionation
        >>> document = envelope(Fractionation(total_dose_gy=8, fractions=1))
        >>> document["kind"], document["result"]
        ('Fractionation', {'total_dose_gy': 8.0, 'fractions': 1})
    """
    chosen = settings if settings is not None else DEFAULT_SETTINGS
    _check_names(result, chosen)
    return {
        **provenance(chosen),
        "kind": type(result).__name__,
        "result": unstructure(result),
    }


def envelope_json(
    result: object, *, settings: AssessmentSettings | None = None, indent: int | None = None
) -> str:
    """Serialize :func:`envelope` to JSON text.

    Examples:
        >>> from spinal_metastasis import Fractionation
        >>> envelope_json(Fractionation(total_dose_gy=8, fractions=1)).startswith('{"schema_')
        True
    """
    return json.dumps(envelope(result, settings=settings), indent=indent, ensure_ascii=False)


def _provenance_properties() -> dict[str, Any]:
    table = {
        "type": "object",
        "properties": {
            "name": {"type": "string", "minLength": 1},
            "version": {"type": "string", "minLength": 1},
            "sha256": {"type": "string", "pattern": _SHA256_PATTERN},
        },
        "required": ["name", "version", "sha256"],
        "additionalProperties": False,
    }
    return {
        "schema_version": {"const": SCHEMA_VERSION},
        "library_version": {"type": "string", "minLength": 1},
        "settings": {
            "type": "object",
            "description": "Every swappable table used, by its role.",
            "additionalProperties": table,
        },
    }


def envelope_schema(cls: type) -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of the envelope of a result of class ``cls``.

    The ``result`` property is :func:`~spinal_metastasis.io.json_schema` of ``cls``;
    its definitions move to the envelope's ``$defs``.

    Examples:
        >>> from spinal_metastasis import Fractionation
        >>> schema = envelope_schema(Fractionation)
        >>> schema["properties"]["kind"], schema["properties"]["result"]
        ({'const': 'Fractionation'}, {'$ref': '#/$defs/Fractionation'})
    """
    inner = json_schema(cls)
    defs: dict[str, Any] = dict(inner.pop("$defs", {}))
    dialect = inner.pop("$schema")
    inner.pop("$id")
    defs[cls.__name__] = inner
    properties = {
        **_provenance_properties(),
        "kind": {"const": cls.__name__},
        "result": {"$ref": f"#/$defs/{cls.__name__}"},
    }
    return {
        "$schema": dialect,
        "$id": f"urn:spinal-metastasis:schema:{SCHEMA_VERSION}:envelope:{cls.__name__}",
        "type": "object",
        "title": f"{cls.__name__} envelope",
        "description": "A result with the versions and the tables that produced it.",
        "properties": properties,
        "required": [*METADATA_KEYS, "kind", "result"],
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }
