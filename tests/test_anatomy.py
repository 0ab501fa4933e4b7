import pytest
from hypothesis import given

from spinal_metastasis import InvalidInputError, Region, SinsLocation, VertebralLevel
from spinal_metastasis.anatomy import format_levels, is_contiguous, parse_levels
from spinal_metastasis.testing import level_spans

# Fisher 2010, Table 1, written out level by level as an independent oracle.
FISHER_2010_LOCATION = {
    **dict.fromkeys(["C1", "C2", "C7", "T1", "T2", "T11", "T12", "L1", "L5", "S1"], "junctional"),
    **dict.fromkeys(["C3", "C4", "C5", "C6", "L2", "L3", "L4"], "mobile"),
    **dict.fromkeys([f"T{n}" for n in range(3, 11)], "semi_rigid"),
    **dict.fromkeys(["S2", "S3", "S4", "S5"], "rigid"),
}


class TestVertebralLevel:
    def test_twenty_nine_levels_in_order(self) -> None:
        """C1 to S5, cranio-caudal, with positions 0 to 28."""
        assert [level.position for level in VertebralLevel] == list(range(29))
        assert VertebralLevel.C1.label == "C1"
        assert VertebralLevel.S5.label == "S5"

    @pytest.mark.parametrize("level", list(VertebralLevel), ids=lambda level: level.label)
    def test_sins_location_matches_fisher_2010(self, level: VertebralLevel) -> None:
        """Every level's location class is the one in Fisher 2010, Table 1."""
        assert FISHER_2010_LOCATION[level.label] == level.sins_location.value

    def test_regions(self) -> None:
        """Regions follow the level letter."""
        assert VertebralLevel.C7.region is Region.CERVICAL
        assert VertebralLevel.T1.region is Region.THORACIC
        assert VertebralLevel.L5.region is Region.LUMBAR
        assert VertebralLevel.S1.region is Region.SACRAL

    def test_json_value_is_lowercase_label(self) -> None:
        """The wire format is the lowercase label."""
        assert VertebralLevel.T12.value == "t12"
        assert SinsLocation.SEMI_RIGID.value == "semi_rigid"


class TestParseLevels:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("T12", ("T12",)),
            ("t11-t12", ("T11", "T12")),
            ("T11–L1", ("T11", "T12", "L1")),
            (" L5 - S1 ", ("L5", "S1")),
            ("C7-T1", ("C7", "T1")),
        ],
    )
    def test_parses_labels_and_ranges(self, text: str, expected: tuple[str, ...]) -> None:
        """Single labels and ranges across region borders parse to contiguous levels."""
        assert expected == tuple(level.label for level in parse_levels(text))

    @pytest.mark.parametrize("text", ["T13", "L6", "X1", "", "T12-T11", "T1-T2-T3", "Co1"])
    def test_rejects_non_levels(self, text: str) -> None:
        """Labels that are not levels, and caudo-cranial ranges, are rejected naming 'levels'."""
        with pytest.raises(InvalidInputError, match="'levels'") as info:
            parse_levels(text)
        assert info.value.field == "levels"

    @given(level_spans(max_size=29))
    def test_format_then_parse_round_trips(self, span: tuple[VertebralLevel, ...]) -> None:
        """Formatting a span and parsing it back gives the span."""
        assert span == parse_levels(format_levels(span))


class TestIsContiguous:
    @given(level_spans(max_size=10))
    def test_spans_are_contiguous(self, span: tuple[VertebralLevel, ...]) -> None:
        """Every generated span is contiguous."""
        assert is_contiguous(span)

    def test_gaps_repeats_and_reversal_are_not(self) -> None:
        """A gap, a repeat or a caudo-cranial order is not contiguous."""
        t9, t10, t11 = VertebralLevel.T9, VertebralLevel.T10, VertebralLevel.T11
        assert not is_contiguous((t9, t11))
        assert not is_contiguous((t9, t9))
        assert not is_contiguous((t10, t9))
        assert is_contiguous((t9, t10, t11))
