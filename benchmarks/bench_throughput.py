"""Throughput: 100 concurrent sessions hammering the echo app.

Each session has its own ``session_hash`` and loops join + stream over its own
keep-alive connection (the ``raw`` transport, so the load generator is cheap).
The server runs in a subprocess, the load generator in this process, so each
gets a core. Events completed inside a fixed window after a warm-up are
counted, once with the default ``concurrency_limit`` (1) and once with
``concurrency_limit=None``. CPU seconds of server and client over the window
show which side was the bottleneck.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import Sequence
from typing import Protocol

from app_server import AppServer
from harness import Figure, emit, parse_args
from protocol_client import (
    Endpoint,
    ProtocolClient,
    RawTransport,
    find_endpoint,
    new_session_hash,
)

SESSIONS = 100
WARMUP_S = 1.5
WINDOW_S = 5.0
BUDGET_DEFAULT = 540.0
BUDGET_UNLIMITED = 2000.0


class LoadTarget(Protocol):
    """What the load is aimed at: an ``AppServer``, or a group of processes."""

    base_url: str

    def cpu_seconds(self) -> float:
        """CPU time the server side used so far."""
        ...


class Load:
    """Counts completed events and errors of the session workers."""

    def __init__(self) -> None:
        self.completed_at: list[float] = []
        self.errors: list[str] = []
        self.is_stopping = False


async def session_worker(base_url: str, endpoint: Endpoint, index: int, load: Load) -> None:
    """Run events back to back in one session until told to stop; each echoes its text."""
    client = ProtocolClient(RawTransport(base_url))
    session_hash = new_session_hash()
    count = 0
    try:
        while not load.is_stopping:
            text = f"s{index} e{count}"
            try:
                result = await client.run_event(endpoint, [text], session_hash)
            except Exception as exc:  # keep loading; errors are reported at the end
                load.errors.append(f"{type(exc).__name__}: {exc}")
                await client.transport.aclose()
                await asyncio.sleep(0.05)
                continue
            if result.success and result.output.get("data") == [text]:
                load.completed_at.append(result.completed_s)
            else:
                load.errors.append(f"bad output {result.output!r}")
            count += 1
    finally:
        await client.transport.aclose()


async def run_load(
    server: LoadTarget,
    sessions: int,
    window_s: float,
    api_name: str = "echo",
    base_urls: Sequence[str] = (),
) -> tuple[float, float, float, int]:
    """Load the server; return events/s, server CPU share, client CPU share, errors.

    ``api_name`` must return its input. Sessions take ``base_urls`` in turn (several
    fronts of one app), or all use ``server.base_url``.
    """
    urls = list(base_urls) or [server.base_url]
    endpoint = find_endpoint(urls[0], api_name)
    load = Load()
    tasks = [
        asyncio.create_task(session_worker(urls[i % len(urls)], endpoint, i, load))
        for i in range(sessions)
    ]
    try:
        await asyncio.sleep(WARMUP_S)
        started, server_cpu, client_cpu = (
            time.perf_counter(),
            server.cpu_seconds(),
            time.process_time(),
        )
        await asyncio.sleep(window_s)
        ended = time.perf_counter()
        server_share = (server.cpu_seconds() - server_cpu) / (ended - started)
        client_share = (time.process_time() - client_cpu) / (ended - started)
    finally:
        load.is_stopping = True
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    count = sum(1 for t in load.completed_at if started <= t < ended)
    if load.errors:
        print(f"  {len(load.errors)} errors, first: {load.errors[0]}", flush=True)
    return count / (ended - started), server_share, client_share, len(load.errors)


def measure(
    impl: str, python: str, limit: str, sessions: int, window_s: float
) -> tuple[float, float, float, int]:
    """Start the echo app with ``--concurrency-limit limit`` and load it."""
    with AppServer("echo", impl, python=python, app_args=["--concurrency-limit", limit]) as server:
        return asyncio.run(run_load(server, sessions, window_s))


def main() -> None:
    """Report events/s with the default concurrency limit and with none."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=SESSIONS)
    parser.add_argument("--window-s", type=float, default=WINDOW_S)
    args = parse_args(__doc__ or "", parser=parser)
    figures = []
    for limit, label, budget in (
        ("default", "concurrency_limit=1 (default)", BUDGET_DEFAULT),
        ("none", "concurrency_limit=None", BUDGET_UNLIMITED),
    ):
        rate, server_cpu, client_cpu, errors = measure(
            args.impl, args.app_python, limit, args.sessions, args.window_s
        )
        note = f"server CPU {server_cpu:.0%}, load generator CPU {client_cpu:.0%}"
        if errors:
            note += f", {errors} errors"
        figures.append(Figure(f"throughput, {label}", rate, "events/s", budget, "min", note))
    emit("throughput", args.impl, figures)


if __name__ == "__main__":
    main()
