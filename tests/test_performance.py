import pytest
from hypothesis import given
from hypothesis import strategies as st

from spinal_metastasis.performance import (
    BUCCHERI_1996_TABLE,
    ECOG_VALUES,
    KPS_VALUES,
    MA_2010_TABLE,
    MA_PRASAD,
    PRASAD_2018_TABLE,
    PerformanceConversion,
    possible_ecog,
    possible_kps,
)

kps_values = st.sampled_from(KPS_VALUES)
ecog_values = st.sampled_from(ECOG_VALUES)


class TestTables:
    @pytest.mark.parametrize(
        ("table", "ecog", "kps"),
        [
            (MA_2010_TABLE, 0, {100}),
            (MA_2010_TABLE, 1, {80, 90}),
            (MA_2010_TABLE, 2, {60, 70}),
            (MA_2010_TABLE, 3, {40, 50}),
            (MA_2010_TABLE, 4, {10, 20, 30}),
            (PRASAD_2018_TABLE, 2, {70}),
            (PRASAD_2018_TABLE, 3, {50, 60}),
            (PRASAD_2018_TABLE, 4, {10, 20, 30, 40}),
            (BUCCHERI_1996_TABLE, 1, {80, 90, 100}),
            (BUCCHERI_1996_TABLE, 3, {10, 20, 30, 40, 50}),
        ],
        ids=lambda v: getattr(v, "name", str(v)),
    )
    def test_published_pairs(self, table: PerformanceConversion, ecog: int, kps: set[int]) -> None:
        """Each table pairs the grades as its abstract prints them."""
        assert frozenset(kps) == table.kps(ecog)

    @pytest.mark.parametrize("table", [MA_2010_TABLE, PRASAD_2018_TABLE, BUCCHERI_1996_TABLE])
    def test_every_living_kps_has_a_grade(self, table: PerformanceConversion) -> None:
        """Every KPS from 10 to 100 maps to some ECOG grade 0-4, and KPS 0 to grade 5 (death)."""
        for kps in KPS_VALUES[1:]:
            assert table.ecog(kps) <= {0, 1, 2, 3, 4}
            assert table.ecog(kps)
        assert frozenset({5}) == table.ecog(0)

    @given(ecog_values)
    def test_default_is_the_union_of_the_five_grade_tables(self, ecog: int) -> None:
        """The default spread is any value Ma 2010 or Prasad 2018 allows."""
        assert MA_PRASAD.kps(ecog) == MA_2010_TABLE.kps(ecog) | PRASAD_2018_TABLE.kps(ecog)


class TestPossibleValues:
    @given(kps_values, st.none() | ecog_values)
    def test_recorded_kps_wins(self, kps: int, ecog: int | None) -> None:
        """A recorded KPS is used as it is, whatever the ECOG."""
        assert frozenset({kps}) == possible_kps(kps, ecog)

    @given(ecog_values)
    def test_kps_from_ecog_round_trips(self, ecog: int) -> None:
        """Every KPS converted from an ECOG grade converts back to a set holding that grade."""
        for kps in possible_kps(None, ecog):
            assert ecog in possible_ecog(kps, None)

    def test_unknown_gives_everything(self) -> None:
        """With neither scale recorded every value is possible."""
        assert frozenset(KPS_VALUES) == possible_kps(None, None)
        assert frozenset(ECOG_VALUES) == possible_ecog(None, None)

    def test_kps_60_is_ecog_2_or_3(self) -> None:
        """KPS 60 is ECOG 2 in Ma 2010 and ECOG 3 in Prasad 2018: the default keeps both."""
        assert frozenset({2, 3}) == possible_ecog(60, None)
        assert frozenset({2}) == possible_ecog(60, None, conversion=MA_2010_TABLE)
