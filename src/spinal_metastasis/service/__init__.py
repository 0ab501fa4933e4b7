"""The service surfaces (the optional ``service`` extra): REST, CDS Hooks, MCP and a page.

``spinal-metastasis serve`` runs :func:`serve`: the ASGI app of
:func:`spinal_metastasis.service.app.create_app` under uvicorn, on the loopback
interface unless told otherwise. ``spinal-metastasis mcp`` runs the Model
Context Protocol server of :mod:`spinal_metastasis.service.mcp_server` over
standard input and output. The core library never imports this package.
"""

import logging
from typing import Final

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "serve"]

#: Loopback: the service is reachable from this machine only unless a host is given.
DEFAULT_HOST: Final = "127.0.0.1"
DEFAULT_PORT: Final = 8000
_HANDLER_MARK: Final = "_spinal_metastasis_request_log"


def serve(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
    """Serve the REST API, the CDS Hooks services and the page until interrupted.

    One JSON line per request (method, path, status, duration) goes to standard error.
    """
    import uvicorn  # noqa: PLC0415 - the optional extra

    from spinal_metastasis.service.app import LOGGER_NAME, create_app  # noqa: PLC0415

    logger = logging.getLogger(LOGGER_NAME)
    if not any(getattr(handler, _HANDLER_MARK, False) for handler in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        setattr(handler, _HANDLER_MARK, True)
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    uvicorn.run(create_app(), host=host, port=port, access_log=False, log_level="warning")
