"""Every engine behaviour, run on every backend (see conftest.py).

A feature of the engine is done when it passes here on both backends.
"""

import threading
import time

import anyio
import pytest

import gradiate as gr
from gradiate.engine.engine import SessionBusyError, SessionLimitError, UnknownEndpointError
from gradiate.engine.interfaces import QueueFullError
from gradiate.engine.sessions import SessionLimits

pytestmark = pytest.mark.anyio


async def collect(engine, session_hash):
    received = []
    with anyio.fail_after(10):
        async for batch in engine.stream(session_hash):
            received.extend(batch)
    return received


def completed(messages):
    return [m for m in messages if m["msg"] == "process_completed"]


async def test_event_messages_arrive_in_protocol_order(make_engine):
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(str.upper, box, box)
    engine = make_engine(demo)
    async with engine.running():
        await engine.join(engine.fn_by_index(0), ["hi"], "s1")
        messages = await collect(engine, "s1")
    assert [m["msg"] for m in messages] == [
        "estimation", "process_starts", "process_completed", "close_stream",
    ]  # fmt: skip
    assert messages[2]["output"]["data"] == ["HI"]
    assert messages[2]["success"] is True


async def test_generator_sends_full_value_then_diffs_then_full_completion(make_engine):
    def spell(text):
        for end in range(1, len(text) + 1):
            yield text[:end]

    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(spell, box, box)
    engine = make_engine(demo)
    async with engine.running():
        await engine.join(engine.fn_by_index(0), ["abc"], "s")
        messages = await collect(engine, "s")
    generating = [m["output"]["data"] for m in messages if m["msg"] == "process_generating"]
    assert generating == [["a"], [[["append", [], "b"]]], [[["append", [], "c"]]]]
    assert completed(messages)[0]["output"]["data"] == ["abc"]


async def test_state_is_kept_per_session(make_engine):
    def count(state):
        return state + 1, state + 1

    with gr.Blocks() as demo:
        state = gr.State(0)
        out = gr.Number()
        gr.Button().click(count, state, [state, out])
    engine = make_engine(demo)
    async with engine.running():
        for _ in range(2):
            await engine.join(engine.fn_by_index(0), [None], "a")
            first = await collect(engine, "a")
        await engine.join(engine.fn_by_index(0), [None], "b")
        other = await collect(engine, "b")
    assert completed(first)[0]["output"]["data"] == [None, 2]
    assert completed(first)[0]["output"]["changed_state_ids"] == [state.id]
    assert completed(other)[0]["output"]["data"] == [None, 1]


async def test_gr_error_reaches_the_client_and_other_errors_are_hidden(make_engine, caplog):
    def fail(text):
        if text == "user":
            raise gr.Error("bad input", title="Oops")
        raise RuntimeError("secret detail")

    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(fail, box, box)
    engine = make_engine(demo)
    async with engine.running():
        await engine.join(engine.fn_by_index(0), ["user"], "u")
        user = completed(await collect(engine, "u"))[0]
        await engine.join(engine.fn_by_index(0), ["other"], "o")
        other = completed(await collect(engine, "o"))[0]
    assert user["success"] is False
    assert user["output"]["error"] == "bad input"
    assert user["output"]["title"] == "Oops"
    assert other["output"] == {"error": None}
    assert "secret detail" in caplog.text  # the traceback goes to the server log


async def test_wrong_input_count_fails_the_event_with_the_expected_count(make_engine):
    with gr.Blocks() as demo:
        a, b = gr.Textbox(label="a"), gr.Textbox(label="b")
        gr.Button().click(lambda x, y: x + y, [a, b], a)
    engine = make_engine(demo)
    async with engine.running():
        await engine.join(engine.fn_by_index(0), ["only one"], "s")
        result = completed(await collect(engine, "s"))[0]
    assert result["success"] is False
    assert "Expected 2 input value(s)" in result["output"]["error"]


async def test_default_concurrency_limit_runs_one_at_a_time_and_none_runs_all(make_engine):
    active = []
    peak = []
    lock = threading.Lock()

    def slow(text):
        with lock:
            active.append(1)
            peak.append(len(active))
        time.sleep(0.05)
        with lock:
            active.pop()
        return text

    for limit, expected_peak in (("default", 1), (None, 3)):
        peak.clear()
        with gr.Blocks() as demo:
            box = gr.Textbox()
            gr.Button().click(slow, box, box, concurrency_limit=limit)
        engine = make_engine(demo)
        async with engine.running(), anyio.create_task_group() as tg:
            for index in range(3):
                await engine.join(engine.fn_by_index(0), ["x"], f"s{index}")
                tg.start_soon(collect, engine, f"s{index}")
        assert max(peak) == expected_peak


async def test_queue_full_is_refused(make_engine):
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(lambda t: time.sleep(0.2) or t, box, box)
    demo.queue(max_size=1)
    engine = make_engine(demo)
    async with engine.running():
        await engine.join(engine.fn_by_index(0), ["1"], "a")
        await engine.join(engine.fn_by_index(0), ["2"], "b")
        with pytest.raises(QueueFullError):
            await engine.join(engine.fn_by_index(0), ["3"], "c")
        await collect(engine, "a")
        await collect(engine, "b")


async def test_cancel_stops_a_running_generator(make_engine):
    reached = []

    async def forever(text):
        for index in range(1000):
            reached.append(index)
            yield str(index)
            await anyio.sleep(0.01)

    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(forever, box, box)
    engine = make_engine(demo)
    async with engine.running():
        event_id = await engine.join(engine.fn_by_index(0), ["x"], "s")
        await anyio.sleep(0.05)
        assert await engine.cancel(event_id) is True
        messages = await collect(engine, "s")
    assert completed(messages)[-1]["output"] == {}
    assert len(reached) < 100


async def test_info_and_progress_are_sent_as_messages(make_engine):
    def work(text, progress=gr.Progress()):  # noqa: B008  # Gradio's idiom
        gr.Info("starting")
        progress(0.5, desc="half")
        return text

    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(work, box, box)
    engine = make_engine(demo)
    async with engine.running():
        event_id = await engine.join(engine.fn_by_index(0), ["x"], "s")
        messages = await collect(engine, "s")
    log = next(m for m in messages if m["msg"] == "log")
    progress = next(m for m in messages if m["msg"] == "progress")
    assert log == {**log, "log": "starting", "level": "info", "event_id": event_id}
    assert progress["progress_data"][0]["progress"] == 0.5


async def test_unknown_session_and_endpoint_are_reported(make_engine):
    with gr.Blocks() as demo:
        gr.Textbox()
    engine = make_engine(demo)
    async with engine.running():
        messages = await collect(engine, "nobody")
        with pytest.raises(UnknownEndpointError, match="fn_index=7"):
            engine.fn_by_index(7)
        with pytest.raises(UnknownEndpointError, match="no API endpoint named '/x'"):
            engine.fn_by_api_name("x")
    assert messages[0]["session_not_found"] is True


async def test_idle_sessions_expire(make_engine):
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(str.upper, box, box)
    engine = make_engine(demo, session_ttl_s=0.1)
    async with engine.running():
        await engine.join(engine.fn_by_index(0), ["x"], "s")
        await collect(engine, "s")
        await anyio.sleep(0.4)
        assert (await engine.stats())["sessions"] == 0


async def test_stateless_session_is_freed_when_its_stream_closes_and_stateful_kept(make_engine):
    with gr.Blocks() as demo:
        box = gr.Textbox()
        state = gr.State(0)
        gr.Button().click(str.upper, box, box)
        gr.Button().click(lambda s: s + 1, state, state)
    engine = make_engine(demo)
    async with engine.running():
        await engine.join(engine.fn_by_index(0), ["x"], "plain")
        await collect(engine, "plain")
        await engine.join(engine.fn_by_index(1), [None], "stateful")
        await collect(engine, "stateful")
        assert not await engine.has_session("plain")
        assert await engine.sessions.load_state("stateful", [state.id]) == {state.id: 1}


async def test_waiting_events_hear_their_place_in_the_queue(make_engine):
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(lambda t: time.sleep(0.05) or t, box, box)
    engine = make_engine(demo)
    async with engine.running():
        for name in ("a", "b", "c"):
            await engine.join(engine.fn_by_index(0), [name], name)
        third = await collect(engine, "c")
        await collect(engine, "a")
        await collect(engine, "b")
    first_estimate = third[0]
    assert first_estimate["msg"] == "estimation"
    assert (first_estimate["rank"], first_estimate["queue_size"]) == (1, 2)
    assert completed(third)[0]["output"]["data"] == ["c"]


async def test_cancelling_a_waiting_event_ends_it_without_running_it(make_engine):
    ran = []

    def slow(text):
        ran.append(text)
        time.sleep(0.3)
        return text

    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(slow, box, box)
    engine = make_engine(demo)
    async with engine.running():
        await engine.join(engine.fn_by_index(0), ["first"], "a")
        waiting = await engine.join(engine.fn_by_index(0), ["second"], "b")
        assert await engine.cancel(waiting) is True
        cancelled = await collect(engine, "b")
        await collect(engine, "a")
        assert await engine.cancel("no-such-event") is False
    assert completed(cancelled) == [{**completed(cancelled)[0], "output": {}, "success": True}]
    assert ran == ["first"]


async def test_a_saturated_group_does_not_delay_another_group(make_engine):
    def slow(text):
        time.sleep(2)
        return text

    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(slow, box, box, concurrency_limit=None, concurrency_id="a")
        gr.Button().click(str.upper, box, box, concurrency_id="b")
    engine = make_engine(demo, max_threads=2)
    async with engine.running(), anyio.create_task_group() as tg:
        for index in range(4):  # fills group a's two threads, two more wait for them
            await engine.join(engine.fn_by_index(0), ["x"], f"a{index}")
            tg.start_soon(collect, engine, f"a{index}")
        await anyio.sleep(0.2)
        started = time.monotonic()
        await engine.join(engine.fn_by_index(1), ["b"], "b")
        other = await collect(engine, "b")
        elapsed = time.monotonic() - started
    assert completed(other)[0]["output"]["data"] == ["B"]
    assert elapsed < 0.5


async def test_state_changed_in_place_is_kept(make_engine):
    def add(item, history):
        history.append(item)
        return len(history)

    with gr.Blocks() as demo:
        box = gr.Textbox()
        history = gr.State([])
        count = gr.Number()
        gr.Button().click(add, [box, history], count)
    engine = make_engine(demo)
    async with engine.running():
        for item in ("a", "b", "c"):
            await engine.join(engine.fn_by_index(0), [item, None], "s")
            result = completed(await collect(engine, "s"))[0]
        assert await engine.sessions.load_state("s", [history.id]) == {history.id: ["a", "b", "c"]}
    assert result["output"]["data"] == [3]


async def test_a_stream_dropped_mid_event_is_resumed_by_the_next_one(make_engine):
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(lambda t: time.sleep(0.5) or t.upper(), box, box)
    engine = make_engine(demo)
    async with engine.running():
        await engine.join(engine.fn_by_index(0), ["late"], "s")
        stream = engine.stream("s")
        first = await anext(stream)  # the client hangs up after its first message
        await stream.aclose()
        await anyio.sleep(0.2)
        rest = await collect(engine, "s")
    assert first[0]["msg"] == "estimation"
    assert completed(rest)[0]["output"]["data"] == ["LATE"]
    assert rest[-1]["msg"] == "close_stream"


async def test_events_per_session_and_sessions_are_bounded(make_engine):
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(lambda t: time.sleep(0.2) or t, box, box)
    engine = make_engine(demo, max_pending_per_session=2, limits=SessionLimits(max_sessions=1))
    async with engine.running():
        await engine.join(engine.fn_by_index(0), ["a"], "s")
        await engine.join(engine.fn_by_index(0), ["b"], "s")
        with pytest.raises(SessionBusyError):
            await engine.join(engine.fn_by_index(0), ["c"], "s")
        with pytest.raises(SessionLimitError):
            await engine.join(engine.fn_by_index(0), ["d"], "other")
        assert not await engine.has_session("other")
        messages = await collect(engine, "s")
    assert [m["output"]["data"] for m in completed(messages)] == [["a"], ["b"]]


async def test_a_second_run_reports_the_first_runs_time_as_its_eta(make_engine):
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(lambda t: time.sleep(0.1) or t, box, box)
    engine = make_engine(demo)
    async with engine.running():
        await engine.join(engine.fn_by_index(0), ["a"], "s")
        await collect(engine, "s")
        await engine.join(engine.fn_by_index(0), ["b"], "s")
        second = await collect(engine, "s")
    starts = next(m for m in second if m["msg"] == "process_starts")
    assert 0.05 < starts["eta"] < 1.0
