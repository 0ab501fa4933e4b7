import pytest

from spinal_metastasis import REFERENCES, Citation, Finding, FindingInput, InvalidInputError
from spinal_metastasis.references import citation
from spinal_metastasis.sources.scores import FISHER_2010


class TestCitation:
    def test_vancouver_text(self) -> None:
        """A citation prints in Vancouver style with its DOI and PMID."""
        text = str(FISHER_2010)
        assert text.startswith("Fisher CG, DiPaola CP")
        assert "Spine (Phila Pa 1976). 2010;35(22):E1221-E1229." in text
        assert "doi:10.1097/BRS.0b013e3181e16ae2." in text

    def test_unverified_is_said(self) -> None:
        """A value not checked against the primary text says so in its citation."""
        assert "[not verified against the primary text]" in str(FISHER_2010)

    def test_short_form(self) -> None:
        """The short form is the first author's surname and the year."""
        assert citation("fisher2010").short == "Fisher 2010"

    def test_rejects_empty_fields(self) -> None:
        """Authors, title and journal are required."""
        with pytest.raises(InvalidInputError, match="'authors'"):
            Citation(key="x", authors=" ", year=2020, title="t", journal="j")


class TestRegistry:
    def test_keys_match_citations(self) -> None:
        """Every registry key is its citation's key, and no key repeats."""
        assert all(key == item.key for key, item in REFERENCES.items())

    def test_short_names_are_unambiguous(self) -> None:
        """No two citations print the same short name (labels disambiguate)."""
        shorts = [item.short for item in REFERENCES.values()]
        assert len(set(shorts)) == len(shorts)

    def test_every_doi_is_bare(self) -> None:
        """DOIs are stored without a resolver prefix."""
        assert all(not (item.doi or "").startswith("http") for item in REFERENCES.values())


class TestFinding:
    def test_text_names_the_source(self) -> None:
        """A finding prints its statement and its source."""
        finding = Finding(
            statement="Level T12 is junctional.",
            citation=FISHER_2010,
            inputs=(FindingInput(name="levels", value="T12"),),
        )
        assert str(finding) == "Level T12 is junctional. [Fisher 2010]"
        assert str(finding.inputs[0]) == "levels=T12"
