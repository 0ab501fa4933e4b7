"""The decision-aid page in headless Chromium (Debian's chromium and chromium-driver).

Skipped when either is absent, unless ``SPINAL_METASTASIS_REQUIRE_BROWSER=1`` (CI sets it
after installing them), when a missing browser is a failure. The browser is driven
through chromedriver's W3C WebDriver protocol over HTTP on loopback; the server and
the driver bind 127.0.0.1 only, and every wait is bounded.
"""

import base64
import os
import shutil
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from spinal_metastasis import assess, example_patient
from spinal_metastasis.anatomy import format_levels
from tests.cases.service import WAIT_SECONDS, live_server, wait_until

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

#: Set by CI after it installs Chromium: then a missing browser fails instead of skipping.
REQUIRED = os.environ.get("SPINAL_METASTASIS_REQUIRE_BROWSER") == "1"

pytestmark = pytest.mark.skipif(
    (CHROMIUM is None or CHROMEDRIVER is None) and not REQUIRED,
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)",
)

#: The W3C WebDriver id of an element reference.
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"
CHROMIUM_ARGUMENTS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1800",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class _Browser:
    """The few WebDriver commands the test needs."""

    def __init__(self, http: httpx.Client, session: str) -> None:
        self.http = http
        self.session = session

    def command(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        response = self.http.request(method, f"/session/{self.session}{path}", json=body)
        response.raise_for_status()
        return response.json()["value"]

    def go(self, url: str) -> None:
        self.command("POST", "/url", {"url": url})

    def find(self, css: str) -> str:
        found = self.command("POST", "/element", {"using": "css selector", "value": css})
        element: str = found[ELEMENT]
        return element

    def count(self, css: str) -> int:
        found = self.command("POST", "/elements", {"using": "css selector", "value": css})
        return len(found)

    def click(self, css: str) -> None:
        self.command("POST", f"/element/{self.find(css)}/click", {})

    def type(self, css: str, text: str) -> None:
        element = self.find(css)
        self.command("POST", f"/element/{element}/clear", {})
        self.command("POST", f"/element/{element}/value", {"text": text})

    def text(self, css: str) -> str:
        value: str = self.command("GET", f"/element/{self.find(css)}/text")
        return value

    def scroll_to(self, css: str) -> None:
        script = "document.querySelector(arguments[0]).scrollIntoView();"
        self.command("POST", "/execute/sync", {"script": script, "args": [css]})

    def screenshot(self) -> bytes:
        return base64.b64decode(self.command("GET", "/screenshot"))


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[_Browser]:
    assert CHROMEDRIVER is not None, "chromedriver is not installed"
    assert CHROMIUM is not None, "chromium is not installed"
    port = _free_port()
    driver = subprocess.Popen(  # noqa: S603 - a fixed local program
        [CHROMEDRIVER, f"--port={port}", "--allowed-ips=127.0.0.1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=WAIT_SECONDS) as http:

            def ready() -> bool:
                try:
                    return bool(http.get("/status").json()["value"]["ready"])
                except httpx.HTTPError:
                    return False

            wait_until(ready)
            arguments = [*CHROMIUM_ARGUMENTS, f"--user-data-dir={tmp_path / 'profile'}"]
            capabilities = {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "goog:chromeOptions": {"binary": CHROMIUM, "args": arguments},
                }
            }
            created = http.post("/session", json={"capabilities": capabilities})
            created.raise_for_status()
            session = created.json()["value"]["sessionId"]
            try:
                yield _Browser(http, session)
            finally:
                http.delete(f"/session/{session}")
    finally:
        driver.terminate()
        driver.wait(WAIT_SECONDS)


def test_fill_submit_and_read_the_result(browser: _Browser, tmp_path: Path) -> None:
    """Load /, pick an example, change a field, submit, and read the result per lesion."""
    expected = assess(example_patient("breast_t12_mechanical"))
    with live_server() as base:
        browser.go(f"{base}/")
        assert "Decision support, not a medical device" in browser.text(".notice")
        browser.click('#example option[value="breast_t12_mechanical"]')
        browser.click("#load-example")
        wait_until(lambda: browser.count('input[name="kps"][value="80"]') == 1)
        browser.type('input[name="age_years"]', "58")
        browser.click("#assess")
        wait_until(lambda: browser.count("#result") == 1)
        [lesion] = expected.lesions
        heading = browser.text(".lesion h2")
        options = browser.count("table.options tr[data-modality]")
        noms = browser.text(".lesion .noms")
        charts = browser.count(".lesion svg")
        browser.scroll_to("#result")
        (tmp_path / "decision-aid.png").write_bytes(browser.screenshot())
    assert f"Lesion {format_levels(lesion.lesion.levels)}" == heading
    assert len(lesion.options) == options
    assert lesion.noms.pathway.value.replace("_", " ") in noms
    assert 2 == charts
    assert (tmp_path / "decision-aid.png").read_bytes().startswith(b"\x89PNG")
