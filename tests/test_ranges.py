import pytest
from hypothesis import given
from hypothesis import strategies as st

from spinal_metastasis import DayRange, InvalidInputError, ProbabilityRange, ScoreRange
from spinal_metastasis.ranges import months_to_days, weeks_to_days

ints = st.integers(min_value=-50, max_value=50)


@st.composite
def score_ranges(draw: st.DrawFn) -> ScoreRange:
    a, b = sorted((draw(ints), draw(ints)))
    return ScoreRange(low=a, high=b)


probabilities = st.floats(min_value=0, max_value=1, allow_nan=False)


class TestScoreRange:
    @given(score_ranges(), score_ranges(), ints, ints)
    def test_sum_holds_every_sum_of_members(
        self, a: ScoreRange, b: ScoreRange, x: int, y: int
    ) -> None:
        """X in a and y in b imply x + y in a + b."""
        if x in a and y in b:
            assert (x + y) in (a + b)

    @given(score_ranges(), score_ranges())
    def test_sum_is_tight(self, a: ScoreRange, b: ScoreRange) -> None:
        """Both ends of a sum are reached by members."""
        total = a + b
        assert (a.low + b.low, a.high + b.high) == (total.low, total.high)

    @given(score_ranges(), score_ranges())
    def test_hull_holds_both(self, a: ScoreRange, b: ScoreRange) -> None:
        """The hull contains both ranges' ends."""
        hull = a.hull(b)
        assert all(v in hull for v in (a.low, a.high, b.low, b.high))

    def test_exact_value_and_text(self) -> None:
        """An exact range has a value and prints as one number; a wide one as an en-dash range."""
        assert ScoreRange.exact(11).value == 11
        assert ScoreRange(low=9, high=13).value is None
        assert str(ScoreRange(low=9, high=13)) == "9–13"
        assert "x" not in ScoreRange.exact(3)

    def test_rejects_high_below_low(self) -> None:
        """High < low is rejected, naming 'high' and the low end."""
        with pytest.raises(InvalidInputError, match=r"'high' must be >= 'low' \(5\) \(got 4\)"):
            ScoreRange(low=5, high=4)


class TestDayRange:
    def test_weeks_and_months(self) -> None:
        """Weeks are 7 days; months are mean Gregorian months."""
        assert DayRange.from_weeks(1, 2) == DayRange(low=7, high=14)
        assert months_to_days(12) == pytest.approx(365.25)
        assert weeks_to_days(4) == 28.0
        assert DayRange.from_months(0, 1).high == pytest.approx(30.4375)

    def test_sum_hull_and_text(self) -> None:
        """Sequential durations add; the hull spans both."""
        a, b = DayRange(low=1, high=3), DayRange(low=7, high=28)
        assert DayRange(low=8, high=31) == a + b
        assert DayRange(low=1, high=28) == a.hull(b)
        assert str(DayRange.exact(3)) == "3 days"
        assert str(DayRange(low=0.5, high=3)) == "0.5–3 days"

    def test_rejects_negative_days(self) -> None:
        """Days are never negative."""
        with pytest.raises(InvalidInputError, match="'low'"):
            DayRange(low=-1, high=3)


class TestProbabilityRange:
    @given(probabilities, probabilities)
    def test_complement_is_an_involution(self, a: float, b: float) -> None:
        """1 - (1 - p) = p for both ends."""
        low, high = sorted((a, b))
        p = ProbabilityRange(low=low, high=high)
        back = p.complement().complement()
        assert back.low == pytest.approx(p.low)
        assert back.high == pytest.approx(p.high)

    def test_rejects_out_of_unit_interval(self) -> None:
        """Probabilities lie in [0, 1]."""
        with pytest.raises(InvalidInputError, match="'high'"):
            ProbabilityRange(low=0.2, high=1.2)

    def test_text_and_hull(self) -> None:
        """Percentages print rounded; the hull spans both."""
        assert str(ProbabilityRange.exact(0.14)) == "14 %"
        assert str(ProbabilityRange(low=0.26, high=0.35)) == "26–35 %"
        assert ProbabilityRange(low=0.1, high=0.5) == ProbabilityRange.exact(0.1).hull(
            ProbabilityRange.exact(0.5)
        )
