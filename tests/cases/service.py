"""Shared pieces of the service tests: a live server on loopback, CDS Hooks requests."""

import contextlib
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import uvicorn

from spinal_metastasis.io import example_patient, unstructure
from spinal_metastasis.model import Patient
from spinal_metastasis.service.app import create_app
from spinal_metastasis.service.cds import PatientImporter

#: Upper bound of every wait on a server or a browser, in seconds.
WAIT_SECONDS = 30.0

CODEX_DOSE = (
    "http://hl7.org/fhir/us/codex-radiation-therapy/StructureDefinition/"
    "codexrt-radiotherapy-dose-prescribed-to-volume"
)


def wait_until(condition: Any, *, seconds: float = WAIT_SECONDS) -> None:
    """Poll ``condition`` every 50 ms until it is true; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            msg = f"gave up after {seconds} s"
            raise TimeoutError(msg)
        time.sleep(0.05)


@contextlib.contextmanager
def live_server(**app_options: Any) -> Iterator[str]:
    """Serve the app with uvicorn on 127.0.0.1 (a free port) in a thread; yield its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(**app_options), log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        wait_until(lambda: server.started)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(WAIT_SECONDS)
        sock.close()


def example_importer(name: str) -> PatientImporter:
    """An importer that returns a built-in example, whatever the bundle holds."""
    patient = example_patient(name)

    def read(bundle: dict[str, Any]) -> Patient:
        assert bundle["resourceType"] == "Bundle"
        return patient

    return read


def prefetch() -> dict[str, Any]:
    """A prefetch with the patient resource (the importer is the test's)."""
    return {
        "patient": {"resourceType": "Patient", "id": "example"},
        "conditions": {"resourceType": "Bundle", "type": "searchset", "entry": []},
    }


def hook_request(hook: str, **context: Any) -> dict[str, Any]:
    """A CDS Hooks 2.0 request with its required fields."""
    return {
        "hook": hook,
        "hookInstance": str(uuid.uuid4()),
        "context": {"userId": "Practitioner/1", "patientId": "example", **context},
        "prefetch": prefetch(),
    }


def radiotherapy_order(
    identifier: str, *, site: str | None, total_cgy: float | None, fractions: int | None
) -> dict[str, Any]:
    """A draft radiotherapy ServiceRequest with the CodeX dose extension."""
    resource: dict[str, Any] = {
        "resourceType": "ServiceRequest",
        "id": identifier,
        "status": "draft",
        "intent": "order",
        "subject": {"reference": "Patient/example"},
        "code": {"text": "Stereotactic body radiotherapy"},
    }
    if site is not None:
        resource["bodySite"] = [{"text": site}]
    if total_cgy is not None and fractions is not None:
        resource["extension"] = [
            {
                "url": CODEX_DOSE,
                "extension": [
                    {"url": "volume", "valueReference": {"reference": "BodyStructure/target"}},
                    {
                        "url": "totalDose",
                        "valueQuantity": {
                            "value": total_cgy,
                            "unit": "cGy",
                            "system": "http://unitsofmeasure.org",
                            "code": "cGy",
                        },
                    },
                    {"url": "fractions", "valuePositiveInt": fractions},
                ],
            }
        ]
    return resource


def draft_orders(*resources: dict[str, Any]) -> dict[str, Any]:
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"resource": resource} for resource in resources],
    }


def example_document(name: str) -> dict[str, Any]:
    document: dict[str, Any] = unstructure(example_patient(name))
    return document
