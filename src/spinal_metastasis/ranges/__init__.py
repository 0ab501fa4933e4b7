"""The arithmetic of unknowns: closed ranges of scores, days and probabilities.

A range is exact when ``low == high``. Every score returns a :class:`ScoreRange`
that holds the score of every completion of its unknown inputs, and is tight:
both ends are reached by some completion. Day and probability ranges carry the
spread the literature reports.

The enumeration of unknowns that scores, NOMS and the eligibility rules share
(:class:`~spinal_metastasis.ranges.enumeration.Factor`,
:func:`~spinal_metastasis.ranges.enumeration.evaluate`,
:func:`~spinal_metastasis.ranges.enumeration.decide`) is
:mod:`spinal_metastasis.ranges.enumeration`.
"""

from typing import Any, Final, Self

from attrs import Attribute, field, frozen
from attrs.validators import and_

from spinal_metastasis._format import one_decimal, percent_range
from spinal_metastasis._validators import IntegerRule, NumberRule, as_float, fail

__all__ = [
    "DAYS_PER_MONTH",
    "DAYS_PER_WEEK",
    "DayRange",
    "ProbabilityRange",
    "ScoreRange",
    "months_to_days",
    "weeks_to_days",
]

DAYS_PER_WEEK: Final = 7
#: The mean Gregorian month (365.25 / 12 days), used to turn reported months into days.
DAYS_PER_MONTH: Final = 365.25 / 12


def weeks_to_days(weeks: float) -> float:
    """Convert weeks to days.

    Examples:
        >>> weeks_to_days(4)
        28.0
    """
    return float(weeks * DAYS_PER_WEEK)


def months_to_days(months: float) -> float:
    """Convert months to days with the mean Gregorian month.

    Examples:
        >>> round(months_to_days(3), 2)
        91.31
    """
    return months * DAYS_PER_MONTH


def _not_below_low(instance: Any, attribute: "Attribute[Any]", value: object) -> None:
    if isinstance(value, (int, float)) and value < instance.low:
        fail(attribute, f">= 'low' ({instance.low})", value)


# Frozen and used in memoization keys: the hash is computed once (cache_hash).
@frozen(kw_only=True, cache_hash=True)
class ScoreRange:
    """The closed range of totals a score can take, ``low <= high``.

    Examples:
        >>> ScoreRange(low=7, high=9) + ScoreRange.exact(2)
        ScoreRange(low=9, high=11)
        >>> str(ScoreRange.exact(11))
        '11'
    """

    low: int = field(validator=IntegerRule(optional=False))
    high: int = field(validator=and_(IntegerRule(optional=False), _not_below_low))

    @classmethod
    def exact(cls, value: int) -> Self:
        """Return the range holding only ``value``."""
        return cls(low=value, high=value)

    @property
    def is_exact(self) -> bool:
        """Whether the range holds a single total."""
        return self.low == self.high

    @property
    def value(self) -> int | None:
        """The total when exact, else ``None``."""
        return self.low if self.is_exact else None

    def __add__(self, other: "ScoreRange") -> "ScoreRange":
        """Add two independent ranges."""
        return ScoreRange(low=self.low + other.low, high=self.high + other.high)

    def __contains__(self, value: object) -> bool:
        """Whether ``value`` lies within the range."""
        return isinstance(value, int) and self.low <= value <= self.high

    def hull(self, other: "ScoreRange") -> "ScoreRange":
        """Return the smallest range that holds both."""
        return ScoreRange(low=min(self.low, other.low), high=max(self.high, other.high))

    def __str__(self) -> str:
        """Show ``11`` or ``9–13``."""
        return str(self.low) if self.is_exact else f"{self.low}–{self.high}"


# Frozen and used in memoization keys: the hash is computed once (cache_hash).
@frozen(kw_only=True, cache_hash=True)
class DayRange:
    """A closed range of days, ``0 <= low <= high``.

    Examples:
        >>> DayRange(low=7, high=14) + DayRange(low=1, high=3)
        DayRange(low=8.0, high=17.0)
        >>> str(DayRange(low=7, high=28))
        '7–28 days'
    """

    low: float = field(converter=as_float, validator=NumberRule(minimum=0, optional=False))
    high: float = field(
        converter=as_float, validator=and_(NumberRule(minimum=0, optional=False), _not_below_low)
    )

    @classmethod
    def exact(cls, days: float) -> Self:
        """Return the range holding only ``days``."""
        return cls(low=days, high=days)

    @classmethod
    def from_weeks(cls, low: float, high: float) -> Self:
        """Build a range from weeks."""
        return cls(low=weeks_to_days(low), high=weeks_to_days(high))

    @classmethod
    def from_months(cls, low: float, high: float) -> Self:
        """Build a range from months (mean Gregorian month)."""
        return cls(low=months_to_days(low), high=months_to_days(high))

    def __add__(self, other: "DayRange") -> "DayRange":
        """Add two durations that follow each other."""
        return DayRange(low=self.low + other.low, high=self.high + other.high)

    def hull(self, other: "DayRange") -> "DayRange":
        """Return the smallest range that holds both."""
        return DayRange(low=min(self.low, other.low), high=max(self.high, other.high))

    def __str__(self) -> str:
        """Show ``7–28 days``."""
        if self.low == self.high:
            return f"{one_decimal(self.low)} days"
        return f"{one_decimal(self.low)}–{one_decimal(self.high)} days"


# Frozen and used in memoization keys: the hash is computed once (cache_hash).
@frozen(kw_only=True, cache_hash=True)
class ProbabilityRange:
    """A closed range of probabilities, ``0 <= low <= high <= 1``.

    Examples:
        >>> str(ProbabilityRange(low=0.26, high=0.35))
        '26–35 %'
        >>> ProbabilityRange(low=0.2, high=0.3).complement()
        ProbabilityRange(low=0.7, high=0.8)
    """

    low: float = field(
        converter=as_float, validator=NumberRule(minimum=0, maximum=1, optional=False)
    )
    high: float = field(
        converter=as_float,
        validator=and_(NumberRule(minimum=0, maximum=1, optional=False), _not_below_low),
    )

    @classmethod
    def exact(cls, probability: float) -> Self:
        """Return the range holding only ``probability``."""
        return cls(low=probability, high=probability)

    def complement(self) -> "ProbabilityRange":
        """Return the range of ``1 - p``."""
        return ProbabilityRange(low=round(1 - self.high, 12), high=round(1 - self.low, 12))

    def hull(self, other: "ProbabilityRange") -> "ProbabilityRange":
        """Return the smallest range that holds both."""
        return ProbabilityRange(low=min(self.low, other.low), high=max(self.high, other.high))

    def __str__(self) -> str:
        """Show percentages: ``26–35 %`` or ``14 %``."""
        return percent_range(self.low, self.high)
