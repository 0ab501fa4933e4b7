"""`spinal-metastasis serve`: loopback by default, a real server in a subprocess."""

import json
import logging
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from spinal_metastasis import cli
from spinal_metastasis.service import DEFAULT_HOST, DEFAULT_PORT, serve
from spinal_metastasis.service.app import LOGGER_NAME
from tests.cases.service import WAIT_SECONDS, wait_until

_SRC = str(Path(__file__).resolve().parent.parent / "src")


@pytest.fixture(autouse=True)
def _restore_logger() -> Iterator[None]:
    """serve() adds a handler to the request logger: take it away after each test."""
    logger = logging.getLogger(LOGGER_NAME)
    handlers, level = list(logger.handlers), logger.level
    yield
    logger.handlers[:] = handlers
    logger.setLevel(level)


class TestServe:
    def test_binds_loopback_by_default(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without --host the server listens on 127.0.0.1:8000 only."""
        calls: list[dict[str, Any]] = []
        monkeypatch.setattr(uvicorn, "run", lambda *_, **options: calls.append(options))
        assert 0 == cli.main(["serve"])
        assert [("127.0.0.1", 8000)] == [(call["host"], call["port"]) for call in calls]
        assert ("127.0.0.1", 8000) == (DEFAULT_HOST, DEFAULT_PORT)

    def test_host_and_port_are_passed_on(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """--host and --port reach uvicorn."""
        calls: list[dict[str, Any]] = []
        monkeypatch.setattr(uvicorn, "run", lambda *_, **options: calls.append(options))
        serve(host="::1", port=8123)
        assert [("::1", 8123)] == [(call["host"], call["port"]) for call in calls]

    def test_a_real_server_answers_and_logs_one_line_per_request(self) -> None:
        """The command serves on a free loopback port and logs each request as JSON."""
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        path = os.pathsep.join([_SRC, os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
        process = subprocess.Popen(  # noqa: S603 - this interpreter, this package
            [sys.executable, "-m", "spinal_metastasis.cli", "serve", "--port", str(port)],
            env={**os.environ, "PYTHONPATH": path},
            stderr=subprocess.PIPE,
            text=True,
        )
        base = f"http://127.0.0.1:{port}"

        def up() -> bool:
            try:
                return httpx.get(f"{base}/examples", timeout=1).status_code == 200
            except httpx.HTTPError:
                return False

        try:
            wait_until(up)
            response = httpx.post(f"{base}/scores/sins", json={"levels": ["t12"]}, timeout=10)
        finally:
            process.terminate()
            _, errors = process.communicate(timeout=WAIT_SECONDS)
        lines = [json.loads(line) for line in errors.splitlines() if line.startswith("{")]
        assert 200 == response.status_code
        assert {"method": "POST", "path": "/scores/sins", "status": 200} == {
            key: lines[-1][key] for key in ("method", "path", "status")
        }
