"""Bounded load test of the REST service on loopback, against assess() alone in the same run.

Run from the repository root (extra ``service``)::

    python benchmarks/service.py                      # 2,000 requests, 16 clients
    python benchmarks/service.py --requests 400       # quicker

The server is ``spinal-metastasis serve`` (uvicorn, one process) on 127.0.0.1 and a
free port, started as a subprocess; the clients are asyncio tasks on one
``httpx.AsyncClient`` in this process. Each request posts one of the built-in
example patients to ``POST /assess``. Reported: errors (any status but 200, or a
transport error), latency p50 and p99, and requests per second, against the
same patients assessed by ``assess()`` alone in this process, and by
``assess()`` plus the envelope's JSON encoding (the work a request adds to the
pure computation). Both baselines run on one core, as the server does. A second load posts each
patient's first lesion to ``POST /scores/sins`` (a small result), against ``sins()``
plus its JSON alone. For both, the ASGI app is also called in this process without
sockets or an HTTP client, which separates the app's own cost (routing, decoding,
validation, logging) from the server's and the client's.
Every loop is bounded: the request count, and a timeout on each wait.
"""

import argparse
import asyncio
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from spinal_metastasis import assess, example_names, example_patient, sins
from spinal_metastasis.io import unstructure
from spinal_metastasis.service.operations import envelope

_SRC = Path(__file__).resolve().parent.parent / "src"
TIMEOUT_SECONDS = 60.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def _server(port: int) -> Iterator[str]:
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(_SRC), os.environ.get("PYTHONPATH", "")]),
    }
    process = subprocess.Popen(  # noqa: S603 - this interpreter, this package
        [sys.executable, "-m", "spinal_metastasis.cli", "serve", "--port", str(port)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while True:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{base}/examples", timeout=1).status_code == 200:
                    break
            if time.monotonic() > deadline:
                msg = "the server did not start"
                raise TimeoutError(msg)
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(TIMEOUT_SECONDS)


async def _load(
    base: str, path: str, bodies: list[bytes], requests: int, clients: int
) -> tuple[list[float], int, float]:
    latencies: list[float] = []
    errors = 0
    queue: asyncio.Queue[int] = asyncio.Queue()
    for index in range(requests):
        queue.put_nowait(index)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=TIMEOUT_SECONDS) as client:

        async def worker() -> None:
            nonlocal errors
            while True:
                try:
                    index = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                started = time.perf_counter()
                try:
                    response = await client.post(
                        path,
                        content=bodies[index % len(bodies)],
                        headers={"content-type": "application/json"},
                    )
                    await response.aread()
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                latencies.append(time.perf_counter() - started)
                errors += not ok

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        elapsed = time.perf_counter() - started
    return latencies, errors, elapsed


def _baseline(patients: list[object], requests: int, *, encode: bool) -> float:
    started = time.perf_counter()
    for index in range(requests):
        assessment = assess(patients[index % len(patients)])  # type: ignore[arg-type]
        if encode:
            json.dumps(envelope(assessment), ensure_ascii=False, separators=(",", ":")).encode()
    return requests / (time.perf_counter() - started)


def _asgi_rate(path: str, bodies: list[bytes], requests: int) -> float:
    """Requests per second of the ASGI app called in this process: no sockets, no HTTP client."""
    from spinal_metastasis.service.app import create_app  # noqa: PLC0415

    app = create_app()

    async def one(body: bytes) -> None:
        scope = {
            "type": "http",
            "method": "POST",
            "path": path,
            "raw_path": path.encode(),
            "query_string": b"",
            "headers": [(b"content-type", b"application/json")],
            "http_version": "1.1",
            "scheme": "http",
            "server": ("127.0.0.1", 8000),
            "client": ("127.0.0.1", 50000),
            "root_path": "",
        }
        messages = [{"type": "http.request", "body": body, "more_body": False}]

        async def receive() -> dict[str, object]:
            return messages.pop() if messages else {"type": "http.disconnect"}

        async def send(message: object) -> None:
            pass

        await app(scope, receive, send)  # type: ignore[arg-type]

    async def run() -> float:
        started = time.perf_counter()
        for index in range(requests):
            await one(bodies[index % len(bodies)])
        return requests / (time.perf_counter() - started)

    return asyncio.run(run())


def _sins_baseline(patients: list[object], requests: int) -> float:
    lesions = [patient.lesions[0] for patient in patients]  # type: ignore[attr-defined]
    started = time.perf_counter()
    for index in range(requests):
        json.dumps(unstructure(sins(lesions[index % len(lesions)]))).encode()
    return requests / (time.perf_counter() - started)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    """Run the load test and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=16)
    args = parser.parse_args()
    names = example_names()
    patients = [example_patient(name) for name in names]
    bodies = [json.dumps(unstructure(patient)).encode() for patient in patients]
    lesions = [json.dumps(unstructure(patient.lesions[0])).encode() for patient in patients]
    warm = min(len(patients) * 10, args.requests)
    _baseline(patients, warm, encode=True)  # the library's caches, as in the server after warm-up
    alone = _baseline(patients, args.requests, encode=False)
    encoded = _baseline(patients, args.requests, encode=True)
    with _server(_free_port()) as base:
        asyncio.run(_load(base, "/assess", bodies, warm, args.clients))  # warm-up, not counted
        latencies, errors, elapsed = asyncio.run(
            _load(base, "/assess", bodies, args.requests, args.clients)
        )
        small = asyncio.run(_load(base, "/scores/sins", lesions, args.requests, args.clients))
    served = args.requests / elapsed
    print(
        f"{args.requests} requests from {args.clients} concurrent clients, POST /assess, "
        f"{len(names)} example patients, 127.0.0.1"
    )
    print(f"errors: {errors}")
    print(
        f"latency: p50 {_percentile(latencies, 0.50) * 1000:.1f} ms, "
        f"p99 {_percentile(latencies, 0.99) * 1000:.1f} ms, "
        f"mean {statistics.fmean(latencies) * 1000:.1f} ms"
    )
    print(f"service: {served:.0f} requests/s")
    print(f"assess() alone: {alone:.0f} /s; service / assess() = {served / alone:.2f}")
    print(f"assess() + envelope JSON: {encoded:.0f} /s; service / that = {served / encoded:.2f}")
    in_process = _asgi_rate("/assess", bodies, max(args.requests // 10, 1))
    print(
        f"the ASGI app in-process: {in_process:.0f} /s; service / that = {served / in_process:.2f}"
    )
    sins_latencies, sins_errors, sins_elapsed = small
    sins_alone = _sins_baseline(patients, args.requests)
    sins_served = args.requests / sins_elapsed
    print(
        f"POST /scores/sins: errors {sins_errors}, "
        f"p50 {_percentile(sins_latencies, 0.50) * 1000:.1f} ms, "
        f"p99 {_percentile(sins_latencies, 0.99) * 1000:.1f} ms, {sins_served:.0f} requests/s; "
        f"sins() + JSON alone {sins_alone:.0f} /s; ratio {sins_served / sins_alone:.2f}"
    )
    sins_app = _asgi_rate("/scores/sins", lesions, args.requests)
    print(
        f"POST /scores/sins, the ASGI app in-process: {sins_app:.0f} /s; "
        f"service / that = {sins_served / sins_app:.2f}"
    )


if __name__ == "__main__":
    main()
