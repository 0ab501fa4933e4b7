"""How the library's text shows numbers: doses, proportions and ranges.

Two precisions, each named, so that every caller keeps the one its text has always used:

- :func:`one_decimal` for the trade-off figures (days, percentages): ``7``, ``7.5``;
- :func:`two_decimals` for doses and the radiobiology (Gy, EQD2, months): ``57.5``,
  ``70.63``, ``20``.

:func:`percent_range` shows a range of proportions as percentages at one decimal.
Rounding is presentation only: the functions that compute return full precision.
"""

__all__ = ["one_decimal", "percent_range", "two_decimals"]


def one_decimal(value: float) -> str:
    """Show a number rounded to one decimal, without a trailing ``.0``.

    Examples:
        >>> one_decimal(7.0), one_decimal(7.25), one_decimal(30.44)
        ('7', '7.2', '30.4')
    """
    rounded = round(value, 1)
    return f"{rounded:.0f}" if rounded.is_integer() else f"{rounded:.1f}"


def two_decimals(value: float) -> str:
    """Show a number rounded to two decimals at most, in the general format.

    Examples:
        >>> two_decimals(57.5), two_decimals(70.6349), two_decimals(20.0)
        ('57.5', '70.63', '20')
    """
    return f"{round(value, 2):g}"


def percent_range(low: float, high: float) -> str:
    """Show a range of proportions as percentages, one figure when both ends show the same.

    Examples:
        >>> percent_range(0.26, 0.35), percent_range(0.14, 0.1401)
        ('26–35 %', '14 %')
    """
    low_text, high_text = one_decimal(100 * low), one_decimal(100 * high)
    return f"{low_text} %" if low_text == high_text else f"{low_text}–{high_text} %"
