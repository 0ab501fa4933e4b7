"""Tables of rows: pandas, polars or Arrow, with the dtypes of the enums."""

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

from spinal_metastasis.cohort.batch.rows import (
    _INT_COLUMNS_ALL,
    _TEXT_COLUMNS,
    COLUMNS,
    AssessmentRow,
    BatchResult,
)
from spinal_metastasis.errors import InvalidInputError
from spinal_metastasis.provenance import provenance, provenance_metadata

if TYPE_CHECKING:  # pragma: no cover - annotations only; the extras load lazily
    import pandas as pd
    import polars as pl
    import pyarrow as pa

__all__ = [
    "to_table",
]


# --- Tables -----------------------------------------------------------------------------------


def _rows(results: Iterable[BatchResult | AssessmentRow]) -> Iterator[AssessmentRow]:
    for item in results:
        if isinstance(item, BatchResult):
            yield from item.rows
        else:
            yield item


def _missing_extra(extra: str) -> ImportError:
    module = {"pandas": "pandas", "polars": "polars", "arrow": "pyarrow"}[extra]
    msg = f'{module} is needed for this table: pip install "spinal-metastasis[{extra}]"'
    return ImportError(msg)


def _columns(rows: Iterable[AssessmentRow]) -> dict[str, list[Any]]:
    collected = list(rows)
    if not collected:
        return {name: [] for name in COLUMNS}
    return {
        name: list(values)
        for name, values in zip(COLUMNS, zip(*collected, strict=True), strict=True)
    }


_ENUM_COLUMNS: Final = ("sins_category", "noms_pathway", "stabilization", "modality", "eligibility")


def _enum_categories() -> dict[str, list[str]]:
    from spinal_metastasis.pathways import NomsPathway, Stabilization  # noqa: PLC0415
    from spinal_metastasis.scores.sins import SinsCategory  # noqa: PLC0415
    from spinal_metastasis.treatments.option import Eligibility, Modality  # noqa: PLC0415

    enums = (SinsCategory, NomsPathway, Stabilization, Modality, Eligibility)
    return {
        name: [member.value for member in enum_type]
        for name, enum_type in zip(_ENUM_COLUMNS, enums, strict=True)
    }


# The SINS columns have the dtype score_frame gives them (small nullable integers).
_SCORE_COLUMNS: Final = frozenset({"sins_low", "sins_high"})


def _pandas(columns: dict[str, list[Any]]) -> "pd.DataFrame":
    try:
        import pandas as pd  # noqa: PLC0415 - an optional extra
    except ImportError:
        error = _missing_extra("pandas")
        raise error from None
    categories = _enum_categories()
    data: dict[str, Any] = {}
    for name, values in columns.items():
        if name in categories:
            data[name] = pd.Categorical(values, categories=categories[name], ordered=True)
        elif name in _SCORE_COLUMNS:
            data[name] = pd.array(values, dtype="Int8")
        elif name in _INT_COLUMNS_ALL:
            data[name] = pd.array(values, dtype="int64")
        elif name in _TEXT_COLUMNS:
            data[name] = pd.array(values, dtype="string")
        else:
            data[name] = pd.array(values, dtype="Float64")
    frame = pd.DataFrame(data)
    frame.attrs.update(provenance())
    return frame


def _polars(columns: dict[str, list[Any]]) -> "pl.DataFrame":
    try:
        import polars as pl  # noqa: PLC0415 - an optional extra
    except ImportError:
        error = _missing_extra("polars")
        raise error from None
    categories = _enum_categories()
    schema: dict[str, Any] = {}
    for name in columns:
        if name in categories:
            schema[name] = pl.Enum(categories[name])
        elif name in _SCORE_COLUMNS:
            schema[name] = pl.Int8
        elif name in _INT_COLUMNS_ALL:
            schema[name] = pl.Int64
        elif name in _TEXT_COLUMNS:
            schema[name] = pl.String
        else:
            schema[name] = pl.Float64
    return pl.DataFrame(columns, schema=schema)


def _arrow_schema() -> "pa.Schema":
    try:
        import pyarrow as pa  # noqa: PLC0415 - an optional extra
    except ImportError:
        error = _missing_extra("arrow")
        raise error from None
    categories = _enum_categories()
    fields = []
    for name in COLUMNS:
        if name in categories:
            kind = pa.dictionary(pa.int8(), pa.string(), ordered=True)
        elif name in _SCORE_COLUMNS:
            kind = pa.int8()
        elif name in _INT_COLUMNS_ALL:
            kind = pa.int64()
        elif name in _TEXT_COLUMNS:
            kind = pa.string()
        else:
            kind = pa.float64()
        fields.append(pa.field(name, kind, nullable=name not in _INT_COLUMNS_ALL))
    return pa.schema(fields, metadata=provenance_metadata())


def _arrow(columns: dict[str, list[Any]]) -> "pa.Table":
    schema = _arrow_schema()
    import pyarrow as pa  # noqa: PLC0415 - an optional extra, checked above

    arrays: list[Any] = []
    for name, values in columns.items():
        kind = schema.field(name).type
        if pa.types.is_dictionary(kind):
            # The dictionary is the enum, in its order, whichever values the rows hold.
            categories = _enum_categories()[name]
            code = {value: index for index, value in enumerate(categories)}
            indices = pa.array([None if v is None else code[v] for v in values], pa.int8())
            arrays.append(
                pa.DictionaryArray.from_arrays(indices, pa.array(categories), ordered=True)
            )
        else:
            arrays.append(pa.array(values, kind))
    return pa.Table.from_arrays(arrays, schema=schema)


TableKind: TypeAlias = Literal["pandas", "polars", "arrow"]


def to_table(results: Iterable[BatchResult | AssessmentRow], *, kind: TableKind = "pandas") -> Any:  # noqa: ANN401 - the table type depends on ``kind``
    """Collect the rows of batch results into one table.

    Args:
        results: Results of :func:`assess_many` (failed ones add no row), or rows.
        kind: ``"pandas"`` (extra ``pandas``), ``"polars"`` (extra ``polars``) or
            ``"arrow"`` (extra ``arrow``).

    Returns:
        A ``pandas.DataFrame``, a ``polars.DataFrame`` or a ``pyarrow.Table`` with
        the columns :data:`COLUMNS`. Nulls mean "no figure" or "undetermined";
        a pandas frame carries :func:`~spinal_metastasis.provenance.provenance` in
        ``DataFrame.attrs``, an Arrow table in its schema's metadata
        (:func:`~spinal_metastasis.provenance.provenance_metadata`);
        the dtypes are those of :func:`~spinal_metastasis.cohort.score_frame`:
        the enum columns are ordered categoricals in enum order (pandas), ``Enum``
        (polars) or ordered dictionary columns whose dictionary is the enum
        (Arrow); the SINS points are small nullable integers (``Int8``); the
        figures are nullable floats (``Float64`` in pandas, nulls in polars and
        Arrow).

    Raises:
        ImportError: If the extra for ``kind`` is not installed; the message names it.
        InvalidInputError: If ``kind`` is not one of the three.
    """
    builders: dict[str, Callable[[dict[str, list[Any]]], Any]] = {
        "pandas": _pandas,
        "polars": _polars,
        "arrow": _arrow,
    }
    if kind not in builders:
        msg = f"'kind' must be one of pandas, polars, arrow (got {kind!r})"
        raise InvalidInputError(msg, field="kind")
    return builders[kind](_columns(_rows(results)))
