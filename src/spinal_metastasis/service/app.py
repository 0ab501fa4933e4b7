"""The ASGI application: REST with OpenAPI, CDS Hooks and the decision-aid page.

Built on Starlette, served by uvicorn (``spinal-metastasis serve``). Every
response to an error is JSON (``{"error", "status", "errors": [{"path",
"message"}]}``), never a traceback. One structured log line per request goes
to the ``spinal_metastasis.service`` logger: method, path, status and
duration, and nothing from the request body.
"""

import functools
import json
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, Final

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from spinal_metastasis.service import cds, openapi, page
from spinal_metastasis.service.operations import (
    MAX_BODY_BYTES,
    MAX_CDS_BODY_BYTES,
    ServiceError,
    assess_document,
    decode,
    examples,
    reirradiation_document,
    schema_of,
    score_document,
)

__all__ = ["LOGGER_NAME", "create_app"]

#: The logger of the request lines.
LOGGER_NAME: Final = "spinal_metastasis.service"

_logger = logging.getLogger(LOGGER_NAME)


class _JSON(JSONResponse):
    """JSON without escaping non-ASCII text (the library's statements use µ, α, –)."""

    def render(self, content: object) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _error(status: int, kind: str, message: str) -> Response:
    body = {"error": kind, "status": status, "errors": [{"path": "$", "message": message}]}
    return _JSON(body, status_code=status)


async def _body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """Read the body, stopping as soon as it passes ``limit`` bytes (413)."""
    too_large = ServiceError(
        413, "body_too_large", [{"path": "$", "message": f"the body exceeds {limit} bytes"}]
    )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


async def _json_body(request: Request) -> object:
    return decode(await _body(request))


async def _assess(request: Request) -> Response:
    document = await _json_body(request)
    return _JSON(await run_in_threadpool(assess_document, document))


async def _score(request: Request) -> Response:
    name = str(request.path_params["name"])
    document = await _json_body(request)
    return _JSON(await run_in_threadpool(score_document, name, document))


async def _reirradiation(request: Request) -> Response:
    document = await _json_body(request)
    return _JSON(await run_in_threadpool(reirradiation_document, document))


async def _schema(request: Request) -> Response:
    return _JSON(schema_of(str(request.path_params["name"])))


async def _examples(_: Request) -> Response:
    return _JSON(examples())


async def _openapi(_: Request) -> Response:
    return _JSON(openapi.document())


async def _discovery(_: Request) -> Response:
    return _JSON(cds.discovery())


async def _cds_service(request: Request) -> Response:
    service = str(request.path_params["service"])
    body = await _body(request, MAX_CDS_BODY_BYTES.value)
    document = decode(body, cds_hooks=True)
    base = str(request.base_url).rstrip("/")
    importer: cds.PatientImporter = request.app.state.import_patient
    return _JSON(
        await run_in_threadpool(
            functools.partial(cds.call, base_url=base, import_patient=importer), service, document
        )
    )


async def _page(request: Request) -> Response:
    if request.method == "POST":
        form = (await _body(request)).decode("utf-8", errors="replace")
        html = await run_in_threadpool(page.render_submitted, form)
    else:
        html = page.render_blank(request.query_params.get("example"))
    return HTMLResponse(html)


async def _references(_: Request) -> Response:
    return HTMLResponse(page.render_references())


async def _service_error(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, ServiceError)  # noqa: S101 - registered for this class only
    return _JSON(exc.document(), status_code=exc.status)


async def _http_error(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)  # noqa: S101 - registered for this class only
    kinds = {404: "not_found", 405: "method_not_allowed"}
    return _error(exc.status_code, kinds.get(exc.status_code, "http_error"), str(exc.detail))


async def _internal_error(_: Request, exc: Exception) -> Response:
    _logger.error("internal error: %s", type(exc).__name__)
    return _error(500, "internal_error", "the service failed on this request")


class _RequestLog:
    """One structured log line per request: method, path, status and duration."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            line = {
                "method": scope["method"],
                "path": scope["path"],
                "status": status,
                "duration_ms": round((time.perf_counter() - started) * 1000, 3),
            }
            _logger.info(json.dumps(line, separators=(",", ":")))


_Handler = Callable[[Request, Exception], Awaitable[Response]]


def create_app(*, import_patient: "cds.PatientImporter | None" = None) -> Starlette:
    """Build the ASGI application (no state: every request is a pure computation).

    Args:
        import_patient: How the CDS Hooks services read the prefetched FHIR resources;
            :func:`spinal_metastasis.service.cds.import_mcode` by default.

    Examples:
        >>> from starlette.testclient import TestClient
        >>> with TestClient(create_app()) as client:
        ...     client.get("/examples").status_code
        200
    """
    routes = [
        Route("/", _page, methods=["GET", "POST"]),
        Route("/references", _references, methods=["GET"]),
        Route("/assess", _assess, methods=["POST"]),
        Route("/scores/{name}", _score, methods=["POST"]),
        Route("/reirradiation-check", _reirradiation, methods=["POST"]),
        Route("/schema/{name}", _schema, methods=["GET"]),
        Route("/examples", _examples, methods=["GET"]),
        Route("/openapi.json", _openapi, methods=["GET"]),
        Route("/cds-services", _discovery, methods=["GET"]),
        Route("/cds-services/{service}", _cds_service, methods=["POST"]),
    ]
    handlers: dict[Any, _Handler] = {
        ServiceError: _service_error,
        HTTPException: _http_error,
        Exception: _internal_error,
    }
    app = Starlette(routes=routes, exception_handlers=handlers)
    app.state.import_patient = import_patient or cds.import_mcode
    app.add_middleware(_RequestLog)
    return app
