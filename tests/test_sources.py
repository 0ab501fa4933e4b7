"""Citation fixes of the 2026-12-07 figure audit (issue 14, C41-C43)."""

import pytest

from spinal_metastasis.references import REFERENCES


class TestCitationFixes:
    def test_goetz_2004_doi(self) -> None:
        """C41: Goetz 2004 (J Clin Oncol 22:300) has its DOI."""
        assert "10.1200/JCO.2004.03.097" == REFERENCES["goetz2004"].doi

    def test_levy_2023_journal(self) -> None:
        """C41: OPuS One is in Cardiovasc Intervent Radiol, PMID 37012392."""
        item = REFERENCES["levy2023"]
        assert ("Cardiovasc Intervent Radiol", "37012392") == (item.journal, item.pmid)

    def test_itshayek_2010_authors_and_evidence(self) -> None:
        """C41: Itshayek ... Fisher; its 7-day finding rests on one retrospective study."""
        item = REFERENCES["itshayek2010"]
        assert (item.authors.split(",")[0], item.authors.rstrip(".").split(", ")[-1]) == (
            "Itshayek E",
            "Fisher CG",
        )
        assert item.doi == "10.3892/ijo_00000527"
        assert "only one retrospective study" in (item.verification or "")

    def test_sprave_2018_doi(self) -> None:
        """C41: Sprave 2018's DOI, from a secondary source, and said so."""
        item = REFERENCES["sprave2018"]
        assert item.doi == "10.1016/j.radonc.2018.04.030"
        assert "secondary" in (item.verification or "")

    def test_sagoo_2022_pain_at_one_month(self) -> None:
        """C41: pooled mean pain reduction 5.03 (4.24-5.82) points at 1 month."""
        assert "5.03 (95 % CI 4.24-5.82) at 1 month" in (REFERENCES["sagoo2022"].verification or "")

    def test_ao_year_is_an_access_year(self) -> None:
        """C41: the AO Surgery Reference page prints no year; 2026 is the year of access."""
        assert "year of access" in REFERENCES["aosurgery_radiosensitivity"].journal

    @pytest.mark.parametrize(
        "key",
        [
            "neurosurgerywiki_escc",
            "radiopaedia_escc",
            "kastler2013aapm",
            "kroeze2023",
            "zeng2022sc24",
            "chow2012",
            "hartsell2005",
            "katagiri2014",
            "bauer1995",
            "dupuy2010",
        ],
    )
    def test_still_flagged(self, key: str) -> None:
        """C42: sources not (re)read stay unverified."""
        assert REFERENCES[key].verified is False

    @pytest.mark.parametrize(
        "key",
        [
            "tokuhashi2005",
            "fisher2010",
            "leithner2008",
            "ghori2015",
            "laufer2013",
            "chow2015",
            "bastos2020",
            "avastin_label",
            "sahgal2021hytec",
        ],
    )
    def test_confirmed_locators_recorded(self, key: str) -> None:
        """C43: each confirmed locator says where it was confirmed."""
        assert "2026-12-07" in (REFERENCES[key].verification or "")

    def test_laufer_2013_pmid(self) -> None:
        """C43: Laufer 2013 (J Neurosurg Spine 18:207), PMID 23709750 on the abstract record."""
        item = REFERENCES["laufer2013"]
        assert (item.locator, item.pmid) == ("18:207-214", "23709750")
