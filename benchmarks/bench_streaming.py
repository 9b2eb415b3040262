"""Streaming: a generator yielding 200 growing strings, read over the queue stream.

tokens/s = 200 / (time from sending the join to ``process_completed``); the
median of a few runs, each in a fresh session. The number of
``process_generating`` messages received is checked, and the final value
compared with what the generator built.
"""

from __future__ import annotations

import asyncio
import time

from app_server import AppServer
from harness import Figure, emit, median, parse_args
from protocol_client import ProtocolClient, RawTransport, find_endpoint

TOKEN_COUNT = 200
RUNS = 7
BUDGET_TOKENS_PER_S = 10_000.0


async def measure(base_url: str) -> tuple[list[float], list[float], int]:
    """Stream ``RUNS`` times; return tokens/s, first-token seconds and the fewest yields seen."""
    endpoint = find_endpoint(base_url, "generate")
    client = ProtocolClient(RawTransport(base_url))
    expected = "tok " * TOKEN_COUNT
    rates, first_token, fewest = [], [], TOKEN_COUNT
    try:
        await client.run_event(endpoint, ["warm up"])
        for _ in range(RUNS):
            result = await client.run_event(endpoint, ["go"])
            if not result.success or result.output.get("data") != [expected]:
                raise RuntimeError(f"stream ended with {str(result.output)[:200]}")
            rates.append(TOKEN_COUNT / result.round_trip_s)
            if result.first_generating_s is not None:
                first_token.append(result.first_generating_s - result.join_started_s)
            fewest = min(fewest, result.generating_count)
    finally:
        await client.transport.aclose()
    return rates, first_token, fewest


def main() -> None:
    """Report streamed tokens/s and time to the first token."""
    args = parse_args(__doc__ or "")
    with AppServer("stream", args.impl, python=args.app_python) as server:
        started, server_cpu, client_cpu = (
            time.perf_counter(),
            server.cpu_seconds(),
            time.process_time(),
        )
        rates, first_token, fewest = asyncio.run(measure(server.base_url))
        elapsed = time.perf_counter() - started
        server_share = (server.cpu_seconds() - server_cpu) / elapsed
        client_share = (time.process_time() - client_cpu) / elapsed
    note = f"server CPU {server_share:.0%}, client CPU {client_share:.0%}"
    if fewest != TOKEN_COUNT:
        note += f"; only {fewest} process_generating messages in one run"
    figures = [
        Figure(
            "streamed tokens/s (median)",
            median(rates),
            "tokens/s",
            BUDGET_TOKENS_PER_S,
            "min",
            note,
        ),
        Figure(
            "time to first token (median)",
            median(first_token) * 1000 if first_token else None,
            "ms",
        ),
    ]
    emit("streaming", args.impl, figures)


if __name__ == "__main__":
    main()
