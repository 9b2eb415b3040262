"""Memory kept per event: server RSS growth over N events, each in a new session.

Warm up with events in fresh sessions, let those sessions expire, collect
garbage in the server (SIGUSR1 → ``gc.collect()`` in the app) and read its
``VmRSS``; then run N more events, each with a new ``session_hash``, let them
expire, collect, read again. Figure: (after - before) / N bytes.

gradiate expires sessions after ``GRADIATE_SESSION_TTL_S`` (set to 1 s here);
Gradio has no such knob (its state expires an hour after a heartbeat drops),
so for Gradio this shows what a long-running server keeps.
"""

from __future__ import annotations

import argparse
import asyncio
import time

from app_server import AppServer
from harness import Figure, emit, parse_args
from protocol_client import Endpoint, ProtocolClient, RawTransport, find_endpoint

EVENTS = 2000
WARMUP_EVENTS = 300
WORKERS = 8
SESSION_TTL_S = 1.0
SETTLE_S = 2.5
"""Wait after the last event: longer than the TTL plus a sweep."""
BUDGET_BYTES_PER_EVENT = 1024.0


async def run_events(base_url: str, endpoint: Endpoint, count: int) -> None:
    """Run ``count`` echo events, each in a new session, over a few connections."""
    remaining = iter(range(count))

    async def worker() -> None:
        client = ProtocolClient(RawTransport(base_url))
        try:
            for i in remaining:
                result = await client.run_event(endpoint, [f"event {i}"])
                if not result.success:
                    raise RuntimeError(f"event {i} failed: {result.output!r}")
        finally:
            await client.transport.aclose()

    await asyncio.gather(*(worker() for _ in range(WORKERS)))


def settled_rss(server: AppServer) -> int:
    """RSS after sessions have had time to expire and garbage was collected."""
    time.sleep(SETTLE_S)
    server.collect_garbage()
    time.sleep(0.3)
    return server.rss_bytes()


def main() -> None:
    """Report RSS kept per event."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=EVENTS)
    args = parse_args(__doc__ or "", parser=parser)
    env = {"GRADIATE_SESSION_TTL_S": str(SESSION_TTL_S)}
    with AppServer("echo", args.impl, python=args.app_python, env=env) as server:
        endpoint = find_endpoint(server.base_url, "echo")
        asyncio.run(run_events(server.base_url, endpoint, WARMUP_EVENTS))
        before = settled_rss(server)
        started = time.perf_counter()
        asyncio.run(run_events(server.base_url, endpoint, args.events))
        elapsed = time.perf_counter() - started
        after = settled_rss(server)
    figures = [
        Figure(
            "RSS kept per event (new session each)",
            (after - before) / args.events,
            "B",
            BUDGET_BYTES_PER_EVENT,
        ),
        Figure("server RSS after warm-up", before / 2**20, "MB"),
        Figure(
            "events/s while measuring (8 connections)",
            args.events / elapsed,
            "events/s",
            direction="min",
        ),
    ]
    emit("memory", args.impl, figures)


if __name__ == "__main__":
    main()
