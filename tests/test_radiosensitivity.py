import attrs
import pytest

from spinal_metastasis import InvalidInputError, PrimaryTumor
from spinal_metastasis.histology.radiosensitivity import (
    NOMS_TABLE,
    SC24_TABLE,
    Radiosensitivity,
    RadiosensitivityTable,
    is_radiosensitive,
    radiosensitivity,
    radiosensitivity_finding,
)

P = PrimaryTumor
TABLES = [pytest.param(NOMS_TABLE, id="NOMS"), pytest.param(SC24_TABLE, id="SC.24")]

# Primaries no source read classifies (clinical reference §4; research note §8): undetermined.
NOMS_UNDETERMINED = {
    P.LUNG_SMALL_CELL,
    P.BLADDER,
    P.UTERUS,
    P.CERVIX,
    P.HEAD_AND_NECK,
    P.UNKNOWN_PRIMARY,
    P.OTHER,
}
# Memberships carried from NOMS 2013 as recalled, not read in any source.
NOMS_UNVERIFIED = {P.OVARY, P.NEUROENDOCRINE, P.PANCREAS, P.LIVER, P.GALLBLADDER}
NOMS_UNVERIFIED |= {P.LUNG_NON_SMALL_CELL}
# SC.24 strata: "radioresistant (gastrointestinal, sarcoma, melanoma and renal cell cancer
# metastases) vs. radiosensitive (all other histologies)".
SC24_GASTROINTESTINAL = {P.COLON, P.RECTUM, P.STOMACH, P.ESOPHAGUS, P.PANCREAS, P.LIVER}
SC24_GASTROINTESTINAL |= {P.GALLBLADDER}
SC24_RESISTANT = SC24_GASTROINTESTINAL | {P.SARCOMA, P.OSTEOSARCOMA, P.MELANOMA, P.KIDNEY}


class TestTables:
    @pytest.mark.parametrize("table", TABLES)
    def test_every_primary_has_an_entry_and_a_basis(self, table: RadiosensitivityTable) -> None:
        """Each table has a class (or None) and a stated basis for every PrimaryTumor."""
        assert set(PrimaryTumor) == set(table.classes) == set(table.basis)
        assert all(table.basis[primary].strip() for primary in PrimaryTumor)

    def test_noms_leaves_only_the_documented_primaries_undetermined(self) -> None:
        """None is allowed only for primaries no source classifies."""
        assert NOMS_TABLE.undetermined == NOMS_UNDETERMINED

    def test_noms_unverified_memberships(self) -> None:
        """The memberships read in no source are exactly the ones flagged."""
        assert NOMS_TABLE.unverified == NOMS_UNVERIFIED

    @pytest.mark.parametrize("primary", [P.KIDNEY, P.THYROID], ids=["kidney", "thyroid"])
    @pytest.mark.parametrize("table", TABLES)
    def test_renal_cell_and_thyroid(
        self, primary: PrimaryTumor, table: RadiosensitivityTable
    ) -> None:
        """RCC is resistant in both; thyroid is resistant by default (AO), sensitive in SC.24."""
        expected = (
            Radiosensitivity.SENSITIVE
            if (table is SC24_TABLE and primary is P.THYROID)
            else Radiosensitivity.RESISTANT
        )
        assert expected == radiosensitivity(primary, table=table)

    def test_noms_default_is_resistant_for_renal_cell_and_thyroid(self) -> None:
        """The default table disagrees with the seed text: kidney and thyroid are resistant."""
        assert (is_radiosensitive(P.KIDNEY), is_radiosensitive(P.THYROID)) == (False, False)

    def test_noms_highly_sensitive_group(self) -> None:
        """Lymphoma, myeloma and germ-cell tumors (seminoma) are highly radiosensitive (AO)."""
        assert {P.LYMPHOMA, P.MYELOMA, P.GERM_CELL} == NOMS_TABLE.members(
            Radiosensitivity.HIGHLY_SENSITIVE
        )

    def test_noms_sensitive_group(self) -> None:
        """Breast and prostate (Maranzano 1995), ovary and neuroendocrine (unverified)."""
        assert {P.BREAST, P.PROSTATE, P.OVARY, P.NEUROENDOCRINE} == NOMS_TABLE.members(
            Radiosensitivity.SENSITIVE
        )

    @pytest.mark.parametrize("primary", list(PrimaryTumor), ids=lambda p: p.value)
    def test_sc24_matches_its_stratification_rule(self, primary: PrimaryTumor) -> None:
        """GI, sarcoma, melanoma, renal resistant; every other histology sensitive; 'other' open."""
        expected = (
            None
            if primary is P.OTHER
            else Radiosensitivity.RESISTANT
            if primary in SC24_RESISTANT
            else Radiosensitivity.SENSITIVE
        )
        assert expected == SC24_TABLE.of(primary)

    def test_sc24_flags_the_digestive_glands(self) -> None:
        """Whether SC.24's 'gastrointestinal' covers pancreas, liver and gallbladder is inferred."""
        assert {P.PANCREAS, P.LIVER, P.GALLBLADDER} == SC24_TABLE.unverified

    @pytest.mark.parametrize("table", TABLES)
    def test_unverified_are_classified(self, table: RadiosensitivityTable) -> None:
        """An unverified membership is still a membership (never an undetermined primary)."""
        assert not table.unverified & table.undetermined


class TestRadiosensitivity:
    def test_is_radiosensitive_property(self) -> None:
        """Only RESISTANT is not radiosensitive."""
        assert [k.is_radiosensitive for k in Radiosensitivity] == [True, True, False]

    @pytest.mark.parametrize("table", TABLES)
    def test_unknown_primary_field_is_undetermined(self, table: RadiosensitivityTable) -> None:
        """primary=None gives None, not a guess."""
        assert (
            radiosensitivity(None, table=table),
            is_radiosensitive(None, table=table),
        ) == (None, None)

    def test_undetermined_primary_gives_none(self) -> None:
        """Head and neck is undetermined in the default table."""
        assert is_radiosensitive(P.HEAD_AND_NECK) is None

    def test_finding_names_the_basis_and_flags_unverified(self) -> None:
        """The finding states the class, the table, the basis, and flags unverified memberships."""
        finding = radiosensitivity_finding(P.OVARY)
        assert finding.statement.startswith("Ovary: sensitive to conventional EBRT (NOMS")
        assert finding.statement.endswith("; unverified).")
        assert (finding.inputs[0].name, finding.inputs[0].value) == ("primary", "ovary")
        assert finding.citation.key == "laufer2013noms"

    @pytest.mark.parametrize(
        ("primary", "key"),
        [
            (P.THYROID, "aosurgery_radiosensitivity"),
            (P.BREAST, "maranzano1995"),
            (P.SARCOMA, "sahgal2021sc24"),
            (P.LIVER, "laufer2013noms"),
            (P.HEAD_AND_NECK, "laufer2013noms"),
        ],
        ids=["thyroid: AO", "breast: Maranzano", "sarcoma: SC.24", "liver: NOMS", "undetermined"],
    )
    def test_finding_cites_the_source_of_the_entry(self, primary: PrimaryTumor, key: str) -> None:
        """Each finding cites the source its entry rests on."""
        assert key == radiosensitivity_finding(primary).citation.key

    def test_finding_for_an_undetermined_primary(self) -> None:
        """An undetermined primary is stated as such."""
        statement = radiosensitivity_finding(P.BLADDER).statement
        assert statement.startswith("Bladder: response to conventional EBRT undetermined")

    def test_finding_for_an_unknown_primary_field(self) -> None:
        """A missing primary gives an 'unknown' input."""
        finding = radiosensitivity_finding(None, table=SC24_TABLE)
        assert (finding.inputs[0].value, finding.citation.key) == ("unknown", "sahgal2021sc24")


class TestTableValidation:
    def test_a_table_must_cover_every_primary(self) -> None:
        """A partial mapping is rejected, naming the absent primaries."""
        with pytest.raises(InvalidInputError, match="every PrimaryTumor"):
            attrs.evolve(NOMS_TABLE, classes={P.BREAST: Radiosensitivity.SENSITIVE})

    def test_sources_must_be_citations(self) -> None:
        """A source that is not a Citation is rejected."""
        with pytest.raises(InvalidInputError, match="'sources' must be a mapping of PrimaryTumor"):
            attrs.evolve(NOMS_TABLE, sources={P.BREAST: "Maranzano"})

    def test_unverified_must_be_classified(self) -> None:
        """Flagging an undetermined primary as an unverified membership is rejected."""
        with pytest.raises(InvalidInputError, match="'unverified' must be primaries that"):
            attrs.evolve(NOMS_TABLE, unverified={P.BLADDER})

    def test_repr_is_short(self) -> None:
        """The repr names the table instead of printing every entry."""
        assert repr(NOMS_TABLE) == "RadiosensitivityTable(name='NOMS spine oncology')"

    def test_a_custom_table_can_be_used(self) -> None:
        """An institution can classify an undetermined primary in its own table."""
        classes = {**NOMS_TABLE.classes, P.HEAD_AND_NECK: Radiosensitivity.SENSITIVE}
        table = attrs.evolve(NOMS_TABLE, name="local", classes=classes)
        assert is_radiosensitive(P.HEAD_AND_NECK, table=table) is True
