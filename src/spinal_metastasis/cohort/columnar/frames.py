"""The pandas and polars adapters: columns read to numpy, results written back."""

import importlib
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, cast

import numpy as np
from attrs import frozen

from spinal_metastasis.cohort.columnar.cells import _Dictionary, _is_null, _Numbers, _Raw
from spinal_metastasis.cohort.columnar.columns import FrameT, _Array
from spinal_metastasis.errors import InvalidInputError

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

# --- Frames: pandas and polars, read to numpy and written back ------------------------------


class _Adapter(Generic[FrameT]):
    """What score_frame needs from a DataFrame library."""

    def height(self, frame: FrameT) -> int:
        raise NotImplementedError

    def names(self, frame: FrameT) -> list[str]:
        raise NotImplementedError

    def read(self, frame: FrameT, column: str) -> _Raw:
        raise NotImplementedError

    def write(self, frame: FrameT, columns: Mapping[str, "_Output"]) -> FrameT:
        raise NotImplementedError

    def errors(self, frame: FrameT, records: Sequence["_Record"]) -> FrameT:
        raise NotImplementedError


@frozen
class _Output:
    """One added column, backend-neutral: values, null mask, and categories if categorical."""

    data: _Array | dict[int, str]  # int8 values or codes; for the errors column, {row: messages}
    mask: _Array | int | None  # null rows, or None; for the errors column, the height
    categories: tuple[str, ...] | None = None


@frozen
class _Record:
    """One error: row position, frame column, value, message, and the score (None: whole row)."""

    row: int
    column: str
    value: object
    message: str
    score: str | None = None


def _holds_bool(values: Iterable[object]) -> bool:
    return any(isinstance(value, bool | np.bool_) for value in values)


def _distinct_key(value: object) -> object:
    """A key under which a boolean never equals a number (``True == 1`` in Python)."""
    try:
        hash(value)
    except TypeError:  # unhashable (a list): a value of its own
        return (None, id(value))
    return (isinstance(value, bool | np.bool_), value)


def _object_dictionary(values: Sequence[object]) -> _Dictionary:
    """Dictionary-encode a column of Python objects, cell by cell; ``True`` is not ``1``.

    A hash-based encoding (``pandas.factorize``, a dict) takes ``True`` for ``1`` and
    ``False`` for ``0``, so that a boolean cell of an integer column would be scored as
    the first of the two met; here each is its own value, which the model rejects.
    """
    distinct: dict[object, int] = {}
    uniques: list[object] = []
    codes = np.empty(len(values), dtype=np.int64)
    for row, value in enumerate(values):
        if _is_null(value):
            codes[row] = -1
            continue
        key = _distinct_key(value)
        code = distinct.get(key)
        if code is None:
            code = distinct[key] = len(uniques)
            uniques.append(value)
        codes[row] = code
    return _Dictionary(codes, tuple(uniques))


def _pandas_read(series: "pd.Series") -> _Raw:
    import pandas as pd  # noqa: PLC0415 - the extra is imported only for a pandas frame

    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return _Dictionary(series.cat.codes.to_numpy(), tuple(dtype.categories.tolist()))
    if pd.api.types.is_bool_dtype(dtype):
        array = series.array
        data, mask = getattr(array, "_data", None), getattr(array, "_mask", None)
        if not (isinstance(data, np.ndarray) and isinstance(mask, np.ndarray)):
            data, mask = series.to_numpy(dtype=bool, na_value=False), series.isna().to_numpy()
        # False -> 0, True -> 1, null -> -1, in int8 arithmetic (no per-row branches).
        return _Dictionary(
            data.view(np.int8) - mask.view(np.int8) * (data.view(np.int8) + 1), (False, True)
        )
    if pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_complex_dtype(dtype):
        return _Numbers(series.to_numpy(dtype=np.float64, na_value=np.nan))
    if pd.api.types.is_object_dtype(dtype) and _holds_bool(series.array):
        return _object_dictionary(series.tolist())
    try:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
    except TypeError:  # unhashable cells (lists): each is its own value, and is rejected
        return _object_dictionary(series.tolist())
    return _Dictionary(codes, tuple(np.asarray(uniques, dtype=object).tolist()))


class _PandasAdapter(_Adapter["pd.DataFrame"]):
    def height(self, frame: "pd.DataFrame") -> int:
        return len(frame)

    def names(self, frame: "pd.DataFrame") -> list[str]:
        return [str(name) for name in frame.columns]

    def read(self, frame: "pd.DataFrame", column: str) -> _Raw:
        return _pandas_read(frame[column])

    def write(self, frame: "pd.DataFrame", columns: Mapping[str, _Output]) -> "pd.DataFrame":
        import pandas as pd  # noqa: PLC0415

        added: dict[str, Any] = {}
        for name, output in columns.items():
            if output.categories is not None:
                dtype = pd.CategoricalDtype(list(output.categories), ordered=True)
                added[name] = pd.Categorical.from_codes(output.data, dtype=dtype)
            elif isinstance(output.data, dict):
                added[name] = _pandas_strings(output.data, frame.index)
            else:
                mask = np.zeros(output.data.shape, bool) if output.mask is None else output.mask
                added[name] = pd.arrays.IntegerArray(output.data, mask)
        kept = frame.drop(columns=[name for name in added if name in frame.columns])
        return pd.concat([kept, pd.DataFrame(added, index=frame.index, copy=False)], axis=1)

    def errors(self, frame: "pd.DataFrame", records: Sequence[_Record]) -> "pd.DataFrame":
        import pandas as pd  # noqa: PLC0415

        rows = [record.row for record in records]
        data = _error_columns(records)
        return pd.DataFrame(
            {
                "row": np.array(rows, dtype=np.int64),
                **{key: pd.array(values, dtype="string") for key, values in data.items()},
            },
            index=frame.index[rows],
        )


def _pandas_strings(
    values: Mapping[int, str], index: "pd.Index"
) -> "pd.api.extensions.ExtensionArray":
    """A nullable string column, built by broadcasting null and setting the few messages."""
    import pandas as pd  # noqa: PLC0415

    dtype = pd.StringDtype()
    if dtype.storage == "pyarrow":  # pandas uses pyarrow when it is installed
        pa = importlib.import_module("pyarrow")
        nulls = pa.nulls(len(index), pa.large_string())
        column = pd.Series(pd.array(nulls, dtype=dtype), index=index)
    else:  # pragma: no cover - pandas without pyarrow
        column = pd.Series(pd.NA, index=index, dtype=dtype)
    if values:
        column.iloc[list(values)] = list(values.values())
    return column.array


def _polars_read(series: "pl.Series") -> _Raw:  # noqa: PLR0911 - one return per kind of column
    import polars as pl  # noqa: PLC0415 - the extra is imported only for a polars frame

    dtype = series.dtype
    if dtype == pl.Categorical and not isinstance(dtype, pl.Enum):
        # Distinct values by their physical ids (integers), not by hashing strings.
        physical = series.to_physical()
        uniques = series.gather(physical.arg_unique()).drop_nulls()
        ids = uniques.to_physical().to_numpy().astype(np.int64)
        null_id = int(ids.max(initial=-1)) + 1
        position = np.full(null_id + 1, -1, dtype=np.int32)  # the last entry: null
        position[ids] = np.arange(ids.size, dtype=np.int32)
        codes = np.take(position, physical.fill_null(null_id).to_numpy())
        return _Dictionary(codes, tuple(uniques.cast(pl.String).to_list()))
    if isinstance(dtype, pl.Enum):
        categories = tuple(dtype.categories.to_list())
        physical = series.to_physical()
        if len(categories) <= np.iinfo(np.int8).max:  # uint8 codes; 255 reads as -1 in int8
            codes = physical.fill_null(np.iinfo(np.uint8).max).to_numpy().view(np.int8)
        else:
            codes = physical.cast(pl.Int32).fill_null(-1).to_numpy()
        return _Dictionary(codes, categories)
    if dtype == pl.String:
        distinct = series.drop_nulls().unique().to_list()
        encoded = series.cast(pl.Enum(distinct)).to_physical()
        return _Dictionary(encoded.cast(pl.Int32).fill_null(-1).to_numpy(), tuple(distinct))
    if dtype == pl.Boolean:
        return _Dictionary(series.cast(pl.Int8).fill_null(-1).to_numpy(), (False, True))
    if dtype == pl.Null:
        return _Dictionary(np.full(len(series), -1, dtype=np.int8), ())
    if dtype.is_numeric():
        return _Numbers(series.cast(pl.Float64).fill_null(math.nan).to_numpy())
    return _object_dictionary(series.to_list())


def _polars_series(name: str, output: _Output) -> "pl.Series":
    import polars as pl  # noqa: PLC0415

    if isinstance(output.data, dict):
        height = cast("int", output.mask)
        column = pl.repeat(None, height, dtype=pl.String, eager=True).alias(name)
        if output.data:
            column = column.scatter(list(output.data), list(output.data.values()))
        return column
    values = output.data
    if output.categories is not None:
        dtype = pl.Enum(list(output.categories))
        series = pl.Series(name, values.view(np.uint8))  # null (-1) reads as 255: no category
        to = getattr(series.cat, "to", None)
        if to is not None:
            converted: pl.Series = to(dtype, strict=False)
            return converted
        return series.replace_strict(  # pragma: no cover - polars 1.x
            list(range(len(output.categories))),
            list(output.categories),
            default=None,
            return_dtype=dtype,
        )
    series = pl.Series(name, values)
    if output.mask is None:
        return series
    null = pl.Series(cast("_Array", output.mask))
    return pl.select(pl.when(null).then(None).otherwise(series).alias(name)).to_series()


class _PolarsAdapter(_Adapter["pl.DataFrame"]):
    def height(self, frame: "pl.DataFrame") -> int:
        return int(frame.height)

    def names(self, frame: "pl.DataFrame") -> list[str]:
        return list(frame.columns)

    def read(self, frame: "pl.DataFrame", column: str) -> _Raw:
        return _polars_read(frame.get_column(column))

    def write(self, frame: "pl.DataFrame", columns: Mapping[str, _Output]) -> "pl.DataFrame":
        return frame.with_columns(
            [_polars_series(name, output) for name, output in columns.items()]
        )

    def errors(self, frame: "pl.DataFrame", records: Sequence[_Record]) -> "pl.DataFrame":
        import polars as pl  # noqa: PLC0415

        columns = {
            key: pl.Series(key, v, dtype=pl.String) for key, v in _error_columns(records).items()
        }
        rows = pl.Series("row", [record.row for record in records], dtype=pl.Int64)
        return pl.DataFrame([rows, *columns.values()])


def _error_columns(records: Sequence[_Record]) -> dict[str, list[str | None]]:
    return {
        "column": [record.column for record in records],
        "value": [repr(record.value) for record in records],
        "message": [record.message for record in records],
        "score": [record.score for record in records],
    }


def _adapter(frame: object) -> _Adapter[Any]:
    library = type(frame).__module__.split(".", 1)[0]
    if library == "pandas" and type(frame).__name__ == "DataFrame":
        return _PandasAdapter()
    if library == "polars" and type(frame).__name__ == "DataFrame":
        return _PolarsAdapter()
    name = type(frame).__name__
    msg = f"'df' must be a pandas or polars DataFrame or a pyarrow Table (got {name})"
    raise InvalidInputError(msg, field="df")
