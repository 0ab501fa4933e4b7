"""CDS Hooks 2.0: discovery, patient-view cards and the order-select / order-sign check."""

import datetime as dt
from typing import Any

import pytest
from starlette.testclient import TestClient

from spinal_metastasis import example_patient
from spinal_metastasis.fhir import patient_to_bundle
from spinal_metastasis.service import cds
from spinal_metastasis.service.app import create_app
from spinal_metastasis.service.operations import MAX_CDS_BODY_BYTES, library_version
from tests.cases.service import draft_orders, example_importer, hook_request, radiotherapy_order

INDICATORS = {"info", "warning", "critical"}


def _client(example: str) -> TestClient:
    return TestClient(create_app(import_patient=example_importer(example)))


def _cards(example: str, service: str, request: dict[str, Any]) -> list[dict[str, Any]]:
    response = _client(example).post(f"/cds-services/{service}", json=request)
    assert 200 == response.status_code, response.text
    cards: list[dict[str, Any]] = response.json()["cards"]
    return cards


def _check_card(card: dict[str, Any]) -> None:
    """The specification's required card fields, and nothing that writes orders."""
    assert isinstance(card["summary"], str)
    assert len(card["summary"]) < 140
    assert card["indicator"] in INDICATORS
    assert card["source"]["label"].startswith(f"spinal-metastasis {library_version()}")
    assert "suggestions" not in card
    assert "selectionBehavior" not in card


class TestDiscovery:
    def test_every_service_has_the_required_fields(self) -> None:
        """Each service names its hook, id and description, and a prefetch for the patient."""
        services = TestClient(create_app()).get("/cds-services").json()["services"]
        assert ["patient-view", "order-select", "order-sign"] == [s["hook"] for s in services]
        assert list(cds.SERVICE_IDS) == [service["id"] for service in services]
        assert all(service["description"] for service in services)
        assert all("{{context.patientId}}" in s["prefetch"]["patient"] for s in services)


class TestPatientView:
    @pytest.mark.parametrize(
        ("example", "indicator"),
        [
            ("breast_t12_mechanical", "info"),  # SINS 11, ESCC 1b
            ("renal_t7_cord_compression", "warning"),  # ESCC 2: high grade
        ],
    )
    def test_one_card_per_lesion(self, example: str, indicator: str) -> None:
        """A card per spinal lesion, warning for high-grade compression."""
        request = hook_request("patient-view")
        cards = _cards(example, cds.PATIENT_VIEW, request)
        assert len(example_patient(example).lesions) == len(cards)
        for card in cards:
            _check_card(card)
        assert [indicator] == [card["indicator"] for card in cards]

    def test_an_unstable_spine_is_a_warning(self) -> None:
        """SINS 13 or more (unstable) gives a warning card."""

        def unstable(_: dict[str, Any]) -> Any:
            from spinal_metastasis import (  # noqa: PLC0415
                Alignment,
                BoneLesion,
                Collapse,
                Pain,
                Patient,
                Posterolateral,
                SpinalLesion,
                VertebralLevel,
            )

            lesion = SpinalLesion(
                levels=(VertebralLevel.T12,),
                pain=Pain.MECHANICAL,
                bone_lesion=BoneLesion.LYTIC,
                alignment=Alignment.DE_NOVO_DEFORMITY,
                collapse=Collapse.LESS_THAN_50_PERCENT,
                posterolateral=Posterolateral.UNILATERAL,
            )
            return Patient(lesions=(lesion,))

        client = TestClient(create_app(import_patient=unstable))
        response = client.post(
            f"/cds-services/{cds.PATIENT_VIEW}", json=hook_request("patient-view")
        )
        [card] = response.json()["cards"]
        assert "warning" == card["indicator"]
        assert "SINS 13 (unstable)" in card["summary"]

    def test_the_detail_says_what_undetermined_options_wait_for(self) -> None:
        """For a partly known patient the Markdown detail names the data options wait for."""
        cards = _cards("prostate_partly_known", cds.PATIENT_VIEW, hook_request("patient-view"))
        assert all("waits for: " in card["detail"] for card in cards)
        assert all("| option | eligibility |" in card["detail"] for card in cards)

    def test_the_source_links_to_the_citation(self) -> None:
        """The source names the score's citation and links to the service's reference page."""
        client = _client("breast_t12_mechanical")
        response = client.post(
            f"/cds-services/{cds.PATIENT_VIEW}", json=hook_request("patient-view")
        )
        [card] = response.json()["cards"]
        assert "http://testserver/references#fisher2010" == card["source"]["url"]
        assert client.get("/references").text.count('id="fisher2010"') == 1

    def test_without_prefetch_the_service_answers_412(self) -> None:
        """No outbound calls: a request without the prefetch gets 412."""
        request = hook_request("patient-view")
        del request["prefetch"]
        response = _client("breast_t12_mechanical").post(
            f"/cds-services/{cds.PATIENT_VIEW}", json=request
        )
        assert (412, "prefetch_missing") == (response.status_code, response.json()["error"])

    def test_required_request_fields(self) -> None:
        """hook, hookInstance and context are required (422 names each)."""
        response = _client("breast_t12_mechanical").post(
            f"/cds-services/{cds.PATIENT_VIEW}", json={"prefetch": {}}
        )
        assert 422 == response.status_code
        expected = {"hook", "hookInstance", "context"}
        assert expected == {entry["path"] for entry in response.json()["errors"]}

    def test_the_wrong_hook_is_422(self) -> None:
        """A service answers its own hook only."""
        response = _client("breast_t12_mechanical").post(
            f"/cds-services/{cds.PATIENT_VIEW}", json=hook_request("order-sign")
        )
        assert 422 == response.status_code

    def test_an_unknown_service_is_404(self) -> None:
        """A service id the discovery document does not list is a 404."""
        response = _client("breast_t12_mechanical").post(
            "/cds-services/nothing", json=hook_request("patient-view")
        )
        assert 404 == response.status_code

    def test_a_patient_resource_alone_gives_no_card(self) -> None:
        """A prefetch with only the Patient resource knows no lesion: no card."""
        response = TestClient(create_app()).post(
            f"/cds-services/{cds.PATIENT_VIEW}", json=hook_request("patient-view")
        )
        assert (200, []) == (response.status_code, response.json()["cards"])


def _order_request(hook: str, *orders: dict[str, Any], selections: list[str]) -> dict[str, Any]:
    context: dict[str, Any] = {"draftOrders": draft_orders(*orders)}
    if hook == "order-select":
        context["selections"] = selections
    return hook_request(hook, **context)


class TestOrders:
    def test_a_reirradiation_within_the_criteria(self) -> None:
        """L2 after 20 Gy / 5 to L1-L3 210 days ago, 12 Gy / 2 planned: the four criteria met."""
        order = radiotherapy_order("sbrt", site="L2 vertebral body", total_cgy=1200, fractions=2)
        request = _order_request("order-select", order, selections=["ServiceRequest/sbrt"])
        [card] = _cards("lung_l2_reirradiation", cds.ORDER_SELECT, request)
        _check_card(card)
        assert ("info", "L2: meets the four re-irradiation criteria") == (
            card["indicator"],
            card["summary"],
        )
        assert "cumulative EQD2 54 Gy" in card["detail"]

    def test_a_reirradiation_that_fails_is_a_warning(self) -> None:
        """24 Gy / 2 (84 Gy EQD2) over the same history fails a criterion."""
        order = radiotherapy_order("sbrt", site="L2", total_cgy=2400, fractions=2)
        request = _order_request("order-sign", order, selections=[])
        [card] = _cards("lung_l2_reirradiation", cds.ORDER_SIGN, request)
        assert ("warning", "L2: fails a re-irradiation criterion") == (
            card["indicator"],
            card["summary"],
        )

    def test_only_selected_orders_are_checked_on_select(self) -> None:
        """order-select looks at the selected orders only."""
        first = radiotherapy_order("a", site="L2", total_cgy=1200, fractions=2)
        second = radiotherapy_order("b", site="L2", total_cgy=2400, fractions=2)
        request = _order_request("order-select", first, second, selections=["ServiceRequest/b"])
        cards = _cards("lung_l2_reirradiation", cds.ORDER_SELECT, request)
        assert ["warning"] == [card["indicator"] for card in cards]

    def test_a_first_course_gets_the_de_novo_limit(self) -> None:
        """No earlier course at T12: the de novo cord limit applies."""
        order = radiotherapy_order("sbrt", site="T12", total_cgy=2400, fractions=2)
        request = _order_request("order-sign", order, selections=[])
        [card] = _cards("breast_t12_mechanical", cds.ORDER_SIGN, request)
        assert "info" == card["indicator"]
        assert "de novo" in card["summary"]

    def test_an_order_without_dose_waits_for_it(self) -> None:
        """Without the dose extension the check says what it waits for."""
        order = radiotherapy_order("sbrt", site="L2", total_cgy=None, fractions=None)
        request = _order_request("order-sign", order, selections=[])
        [card] = _cards("lung_l2_reirradiation", cds.ORDER_SIGN, request)
        assert "L2: re-irradiation check waits for the planned dose" == card["summary"]

    def test_an_order_without_levels_waits_for_them(self) -> None:
        """Without a vertebral level in bodySite the check waits for it."""
        order = radiotherapy_order("sbrt", site=None, total_cgy=1200, fractions=2)
        request = _order_request("order-sign", order, selections=[])
        [card] = _cards("lung_l2_reirradiation", cds.ORDER_SIGN, request)
        assert "waits for the vertebral levels" in card["summary"]

    def test_unknown_prior_radiation_is_a_warning(self) -> None:
        """With the prior radiation unknown the check cannot say whether it re-irradiates."""
        order = radiotherapy_order("sbrt", site="T4", total_cgy=1200, fractions=2)
        request = _order_request("order-sign", order, selections=[])
        [card] = _cards("prostate_partly_known", cds.ORDER_SIGN, request)
        assert ("warning", "T4: re-irradiation check waits for the prior radiation") == (
            card["indicator"],
            card["summary"],
        )

    def test_other_orders_get_no_card(self) -> None:
        """A ServiceRequest that is not radiotherapy is left alone."""
        order = {"resourceType": "ServiceRequest", "id": "mri", "code": {"text": "MRI spine"}}
        request = _order_request("order-sign", order, selections=[])
        assert [] == _cards("lung_l2_reirradiation", cds.ORDER_SIGN, request)

    def test_draft_orders_are_required(self) -> None:
        """An order hook without draftOrders is a 422 naming it."""
        request = hook_request("order-sign")
        response = _client("lung_l2_reirradiation").post(
            f"/cds-services/{cds.ORDER_SIGN}", json=request
        )
        assert (422, "context.draftOrders") == (
            response.status_code,
            response.json()["errors"][0]["path"],
        )


class TestSummary:
    def test_a_long_summary_is_cut_below_140_characters(self) -> None:
        """The summary stays under the specification's 140 characters."""
        assert 139 == len(cds._summary("x" * 500))


class TestMcodePrefetch:
    """The default importer: the prefetch read as mCODE by spinal_metastasis.fhir."""

    @staticmethod
    def _prefetch(example: str) -> dict[str, Any]:
        today = dt.datetime.now(dt.UTC).date()
        return {"everything": patient_to_bundle(example_patient(example), as_of=today)}

    def test_patient_view_from_an_mcode_bundle(self) -> None:
        """The exported bundle of an example patient gives a card per lesion, warning for ESCC 2."""
        request = hook_request("patient-view")
        request["prefetch"] = self._prefetch("renal_t7_cord_compression")
        response = TestClient(create_app()).post(f"/cds-services/{cds.PATIENT_VIEW}", json=request)
        cards = response.json()["cards"]
        assert 200 == response.status_code
        assert ["warning"] == [card["indicator"] for card in cards]
        assert cards[0]["summary"].startswith("T7: ")

    def test_order_sign_against_the_imported_courses(self) -> None:
        """The imported course history (20 Gy / 5 to L1-L3) is what the order is checked against."""
        order = radiotherapy_order("sbrt", site="L2", total_cgy=1200, fractions=2)
        request = _order_request("order-sign", order, selections=[])
        request["prefetch"] = self._prefetch("lung_l2_reirradiation")
        response = TestClient(create_app()).post(f"/cds-services/{cds.ORDER_SIGN}", json=request)
        [card] = response.json()["cards"]
        assert "L2: meets the four re-irradiation criteria" == card["summary"]

    def test_a_value_the_import_refuses_is_422(self) -> None:
        """A Karnofsky value the model rejects is named, without identifiers."""
        request = hook_request("patient-view")
        request["prefetch"] = {
            "patient": {"resourceType": "Patient", "id": "p", "identifier": [{"value": "MRN-1"}]},
            "kps": {
                "resourceType": "Observation",
                "status": "final",
                "code": {"coding": [{"system": "http://loinc.org", "code": "89243-0"}]},
                "subject": {"reference": "Patient/p"},
                "effectiveDateTime": "2020-01-01",
                "valueInteger": 85,
            },
        }
        response = TestClient(create_app()).post(f"/cds-services/{cds.PATIENT_VIEW}", json=request)
        assert response.status_code in {200, 422}
        assert "MRN-1" not in response.text

    def test_a_request_over_the_cds_limit_is_413(self) -> None:
        """CDS Hooks requests may be larger than patient documents, up to their own limit."""
        body = b" " * (MAX_CDS_BODY_BYTES.value + 1)
        response = TestClient(create_app()).post(f"/cds-services/{cds.PATIENT_VIEW}", content=body)
        assert 413 == response.status_code
