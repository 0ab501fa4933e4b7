"""The decision-aid page: the form generated from the schema, the result view, offline."""

import html.parser
import re
import urllib.parse

import pytest
from starlette.testclient import TestClient

from spinal_metastasis import assess, example_names, example_patient
from spinal_metastasis.anatomy import format_levels
from spinal_metastasis.service.app import create_app
from spinal_metastasis.service.page import MAX_FORM_FIELDS, document_of_form
from spinal_metastasis.treatments.option import Eligibility

FORM_HEADERS = {"content-type": "application/x-www-form-urlencoded"}


class _Submission(html.parser.HTMLParser):
    """What a browser submits for the patient form, as filled when the page was served."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self.inside = False
        self.select: str | None = None
        self.multiple = False
        self.options: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "form":
            self.inside = named.get("id") == "patient-form"
        if not self.inside:
            return
        if tag == "input":
            self.fields.append((str(named["name"]), named.get("value") or ""))
        elif tag == "select":
            self.select, self.multiple, self.options = str(named["name"]), "multiple" in named, []
        elif tag == "option" and self.select is not None:
            self.options.append((named.get("value") or "", "selected" in named))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        if tag == "select" and self.select is not None:
            chosen = [value for value, selected in self.options if selected]
            if not self.multiple and not chosen:
                chosen = [self.options[0][0]]
            self.fields += [(self.select, value) for value in chosen]
            self.select = None


def submission(page: str) -> str:
    parser = _Submission()
    parser.feed(page)
    return urllib.parse.urlencode(parser.fields)


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


class TestForm:
    @pytest.mark.parametrize("name", example_names())
    def test_an_example_round_trips_through_the_form(self, client: TestClient, name: str) -> None:
        """The form filled with an example submits a document that assesses like the example."""
        page = client.get("/", params={"example": name}).text
        response = client.post("/", content=submission(page), headers=FORM_HEADERS)
        expected = assess(example_patient(name))
        assert 200 == response.status_code
        for lesion in expected.lesions:
            assert f"<h2>Lesion {format_levels(lesion.lesion.levels)}</h2>" in response.text
            assert str(lesion.sins) in response.text.replace("&gt;", ">")

    def test_blank_fields_are_left_out(self) -> None:
        """A blank field is unknown: it is not in the document."""
        form = "primary=breast&kps=&ecog=1&lesions.0.levels=t12&lesions.0.escc="
        assert {"primary": "breast", "ecog": 1, "lesions": [{"levels": ["t12"]}]} == (
            document_of_form(form)
        )

    def test_known_empty_lists_differ_from_unknown(self) -> None:
        """prior_radiation 'known' with no course is none; without the mark it is unknown."""
        known = document_of_form("prior_radiation.__known=yes&systemic_therapy.__known=")
        assert {"prior_radiation": []} == known
        assert {} == document_of_form("prior_radiation.__known=&systemic_therapy.__known=")

    def test_an_empty_slot_is_dropped(self) -> None:
        """A lesion slot left blank is not a lesion."""
        form = "lesions.0.levels=t12&lesions.1.pain=&lesions.1.escc="
        assert {"lesions": [{"levels": ["t12"]}]} == document_of_form(form)

    def test_a_partly_known_patient_shows_what_is_awaited(self, client: TestClient) -> None:
        """Only a primary and a level: the page assesses and says what options wait for."""
        form = "primary=breast&lesions.0.levels=t12"
        response = client.post("/", content=form, headers=FORM_HEADERS)
        assert 'id="result"' in response.text
        assert "Waits for:" in response.text

    def test_bad_values_are_listed_by_field(self, client: TestClient) -> None:
        """An impossible value is shown with its field path, and the form keeps the input."""
        form = "kps=75&lesions.0.levels=t12&lesions.0.worst_pain_nrs=11"
        response = client.post("/", content=form, headers=FORM_HEADERS)
        assert 'id="errors"' in response.text
        assert "<code>kps</code>" in response.text
        assert "<code>lesions[0].worst_pain_nrs</code>" in response.text
        assert 'id="result"' not in response.text

    def test_an_unknown_example_gives_a_blank_form(self, client: TestClient) -> None:
        """A name that is not an example is said so; the form is blank."""
        response = client.get("/", params={"example": "../../etc/passwd"})
        assert "No example of that name." in response.text


class TestResult:
    def test_options_with_reasons_and_citations(self, client: TestClient) -> None:
        """Every option is a row; every non-eligible one gives reasons with citations."""
        page = client.get("/", params={"example": "breast_t12_mechanical"}).text
        text = client.post("/", content=submission(page), headers=FORM_HEADERS).text
        [lesion] = assess(example_patient("breast_t12_mechanical")).lesions
        rows = re.findall(r'<tr data-modality="([a-z_]+)">(.*?)</tr>', text, flags=re.DOTALL)
        assert [option.modality.value for option in lesion.options] == [row[0] for row in rows]
        for option, (_, row) in zip(lesion.options, rows, strict=True):
            if option.eligibility is not Eligibility.ELIGIBLE:
                assert '<a class="cite"' in row.split("</td>")[2]
        assert text.count("<svg") == 2
        assert "Decision support, not a medical device" in text
        assert '<h2>References</h2><ol><li id="ref-1">' in text

    def test_no_external_assets(self, client: TestClient) -> None:
        """Nothing is loaded from elsewhere: no script, no stylesheet link, no remote source."""
        page = client.get("/", params={"example": "breast_t12_mechanical"}).text
        text = client.post("/", content=submission(page), headers=FORM_HEADERS).text
        assert "<script" not in text
        assert "<link" not in text
        assert re.findall(r'(?:src|href)="(?!#|/)', text) == []

    def test_the_references_page(self, client: TestClient) -> None:
        """GET /references lists every source with an anchor per key."""
        from spinal_metastasis import REFERENCES  # noqa: PLC0415

        text = client.get("/references").text
        assert len(REFERENCES) == text.count("<li id=")


class TestLimits:
    def test_a_form_with_too_many_fields_is_a_json_400(self, client: TestClient) -> None:
        """A form past MAX_FORM_FIELDS is refused with a JSON error, not a failure."""
        form = "&".join(f"kps={index}" for index in range(MAX_FORM_FIELDS + 1))
        response = client.post("/", content=form, headers=FORM_HEADERS)
        assert (400, "invalid_form") == (response.status_code, response.json()["error"])
