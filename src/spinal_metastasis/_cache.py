"""Memoization of pure functions: the only state the core keeps between calls.

The rules, scores and trade-offs are pure functions of a few hashable values (enums,
booleans, small ints, frozensets, ranges, frozen model objects) and return frozen
objects, so a result computed once can be returned again to every caller: nothing can
mutate it, and the output is the same as recomputing it. The caches are those of
:mod:`functools`, whose bookkeeping is thread-safe (two threads may compute the same
entry once each; both results are equal).

Two rules keep a cache from ever changing an output:

- A key holds every value the function reads. A memoized function takes those values
  as arguments (or one frozen projection of them, such as a score's ``_Inputs`` or
  the SINS findings that NOMS reads) rather than a whole patient or context, and the
  type checker sees its
  signature, so it cannot read anything else.
- Equal keys must mean equal outputs. Python treats ``0.0 == -0.0`` and ``1 == True``
  as equal. The model's fields never mix booleans and integers, and ``-0.0`` is the
  one float that equals another (``0.0``) yet is displayed differently (``"-0"``): a
  measured number that a function only displays is passed already rendered
  (``evidence.input_value``); a key that holds measured numbers also holds their signs,
  or the function is memoized only when none of them is ``-0.0``
  (:func:`has_negative_zero`).

Caches keyed on a few values are unbounded when those values have few combinations
(:func:`memoized`) and bounded otherwise (:func:`bounded`, :data:`VALUE_CACHE_SIZE`);
caches keyed on a whole record are bounded by :data:`RECORD_CACHE_SIZE`.
"""

import functools
import math
import sys
from collections.abc import Callable
from typing import Final, ParamSpec, TypeVar, cast

__all__ = [
    "RECORD_CACHE_SIZE",
    "VALUE_CACHE_SIZE",
    "bounded",
    "clear",
    "has_negative_zero",
    "memoized",
]

P = ParamSpec("P")
R = TypeVar("R")

#: Entries of a cache keyed on a whole record (a lesion's treatment inputs, a patient's score
#: inputs): the working set of an application. A lesion's results take about 26 KB, so these
#: caches hold at most a few tens of MB; a cohort of distinct records cycles through them.
RECORD_CACHE_SIZE: Final = 1024
#: Entries of a cache keyed on a few values, some of them measured (a rule that shows the
#: distance to the cord, the hold of a set of agents): small results, often shared by records.
VALUE_CACHE_SIZE: Final = 4096


#: The ``cache_clear`` of every cache made here, for :func:`clear`.
_CLEARS: Final[list[Callable[[], None]]] = []


def clear() -> None:
    """Empty every cache made by :func:`memoized` and :func:`bounded`.

    Outputs do not change, only the time and memory they take. For benchmarks that
    compare runs from the same (cold) start, and for a long-running process that wants
    its memory back after a large cohort. The per-process constants built once on first
    use (the JSON converter, the columnar tables) are kept.
    """
    for cache_clear in _CLEARS:
        cache_clear()
    # The rules engine keeps its own table of evaluations (when it has been loaded).
    engine = sys.modules.get("spinal_metastasis.rule_engine.engine")
    if engine is not None:
        engine.clear_cache()


def _registered(wrapper: "functools._lru_cache_wrapper[R]") -> Callable[P, R]:
    _CLEARS.append(wrapper.cache_clear)
    return cast("Callable[P, R]", wrapper)


def memoized(function: Callable[P, R]) -> Callable[P, R]:
    """Memoize a pure function of a small, finite domain of hashable arguments.

    Unbounded (:func:`functools.cache`): use it only where the arguments take few
    values (enums, booleans, levels, schedules). Unlike a bare ``functools.cache``,
    the signature stays visible to the type checker.
    """
    return _registered(functools.cache(function))


def has_negative_zero(values: tuple[float | None, ...]) -> bool:
    """Whether a value is ``-0.0``: equal to ``0.0`` as a key, but displayed ``"-0"``.

    Examples:
        >>> has_negative_zero((1.0, None, 0.0)), has_negative_zero((-0.0,))
        (False, True)
    """
    if 0.0 not in values:  # the usual case, checked in C (None never equals 0.0)
        return False
    return any(
        value == 0 and math.copysign(1.0, value) < 0 for value in values if value is not None
    )


def bounded(maxsize: int) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Memoize a pure function in a least-recently-used cache of ``maxsize`` entries.

    For functions whose arguments can take many values (statements that show a
    measured number, a patient's whole record), so that memory stays bounded.
    """

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        return _registered(functools.lru_cache(maxsize=maxsize)(function))

    return decorate
