"""A data stream that drops mid-event: the result still reaches the client that reconnects."""

from __future__ import annotations

import time
from typing import Any

import anyio
import httpx
import pytest

import gradiate as gr

pytestmark = pytest.mark.anyio


def slow_echo(text: str) -> str:
    time.sleep(1.5)
    return text


async def test_result_reaches_a_stream_reopened_after_the_first_dropped(
    launch: Any, wire: Any
) -> None:
    demo = gr.Interface(slow_echo, "text", "text", api_name="slow")
    with launch(demo) as url:
        async with httpx.AsyncClient(base_url=url) as client:
            config = await wire.config(client)
            session_hash = wire.new_session()
            event_id = await wire.join(
                client, wire.fn_index(config, "slow"), ["kept"], session_hash
            )
            with anyio.move_on_after(0.2):  # read the start of the stream, then hang up
                async with client.stream(
                    "GET", "gradio_api/queue/data", params={"session_hash": session_hash}
                ) as response:
                    async for _ in response.aiter_bytes():
                        pass
            messages = await wire.session_messages(client, session_hash)
    completed = [m for m in messages if m["msg"] == "process_completed"]
    assert [(m["event_id"], m["output"]["data"]) for m in completed] == [(event_id, ["kept"])]
