"""Latency: echo event round trip at concurrency 1 through the queue protocol.

One event after another in one session, each is ``POST queue/join`` then
``GET queue/data`` until ``process_completed`` (timed), then the stream is
read to its end.

The budgeted figure uses the lean ``raw`` transport of ``protocol_client``:
on this 2-core machine httpx spends about 1.4 ms of CPU per request (two
requests per event), more than the whole 2 ms budget, so an httpx-timed
figure says more about httpx than about the server. A shorter httpx run is
reported beside it as a cross-check of what a typical Python client sees.
"""

from __future__ import annotations

import argparse
import asyncio

from app_server import AppServer
from harness import Figure, emit, median, parse_args, percentile
from protocol_client import (
    ProtocolClient,
    TransportName,
    find_endpoint,
    make_transport,
    new_session_hash,
)

WARMUP_EVENTS = 30
EVENTS = 300
HTTPX_EVENTS = 100
BUDGET_P50_MS = 2.0


async def measure(base_url: str, events: int, transport: TransportName) -> list[float]:
    """Run ``events`` echo events one at a time; return their round trips in seconds."""
    endpoint = find_endpoint(base_url, "echo")
    client = ProtocolClient(make_transport(base_url, transport))
    try:
        session_hash = new_session_hash()
        for i in range(WARMUP_EVENTS):
            await client.run_event(endpoint, [f"warm {i}"], session_hash)
        times = []
        for i in range(events):
            result = await client.run_event(endpoint, [f"hello {i}"], session_hash)
            if not result.success or result.output.get("data") != [f"hello {i}"]:
                raise RuntimeError(f"echo event {i} returned {result.output!r}")
            times.append(result.round_trip_s)
        return times
    finally:
        await client.transport.aclose()


def main() -> None:
    """Report p50/p90 echo round trip and the resulting sequential events/s."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=EVENTS)
    parser.add_argument("--httpx-events", type=int, default=HTTPX_EVENTS)
    args = parse_args(__doc__ or "", parser=parser)
    with AppServer("echo", args.impl, python=args.app_python) as server:
        times = asyncio.run(measure(server.base_url, args.events, "raw"))
        httpx_times = asyncio.run(measure(server.base_url, args.httpx_events, "httpx"))
    figures = [
        Figure("echo round trip p50", median(times) * 1000, "ms", BUDGET_P50_MS),
        Figure("echo round trip p90", percentile(times, 0.9) * 1000, "ms"),
        Figure(
            "sequential events/s (1 / mean)", len(times) / sum(times), "events/s", direction="min"
        ),
        Figure("echo round trip p50, httpx client", median(httpx_times) * 1000, "ms"),
    ]
    emit("latency", args.impl, figures)


if __name__ == "__main__":
    main()
