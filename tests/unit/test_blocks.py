import pytest

import gradiate as gr
from gradiate.exceptions import ConfigError


def echo(text):
    return text


def test_config_lists_every_component_referenced_by_a_dependency():
    with gr.Blocks() as demo:
        with gr.Row():
            box = gr.Textbox(label="in")
            out = gr.Textbox(label="out")
        btn = gr.Button("Go")
        btn.click(echo, box, out)
    config = demo.get_config("http://x")
    ids = {component["id"] for component in config["components"]}
    dep = config["dependencies"][0]
    assert set(dep["inputs"]) | set(dep["outputs"]) <= ids
    assert dep["targets"] == [[btn.id, "click"]]
    assert dep["api_name"] == "echo"
    assert config["protocol"] == "sse_v3"
    assert config["api_prefix"] == "/gradio_api"
    assert config["root"] == "http://x"
    assert config["layout"]["id"] == 0


def test_adjacent_inputs_are_grouped_in_a_form():
    with gr.Blocks() as demo:
        gr.Textbox()
        gr.Number()
        gr.Button()
    layout = demo.get_config()["layout"]
    form = layout["children"][0]
    assert demo.blocks[form["id"]].get_block_name() == "form"
    assert len(form["children"]) == 2


def test_api_names_default_to_function_name_and_are_deduplicated():
    with gr.Blocks() as demo:
        box = gr.Textbox()
        box.change(echo, box, box)
        box.submit(echo, box, box)
        box.blur(echo, box, box, api_name=False)
    names = [(fn.api_name, fn.api_visibility) for fn in demo.fns.values()]
    assert names == [("echo", "public"), ("echo_1", "public"), ("false", "private")]


def test_listener_outside_blocks_fails_with_the_fix():
    box = gr.Textbox()
    with pytest.raises(ConfigError, match=r"inside a `with gr\.Blocks"):
        box.change(echo, box, box)


def test_function_arity_mismatch_fails_at_wiring_time():
    with gr.Blocks():
        a, b = gr.Textbox(), gr.Textbox()
        button = gr.Button()
        expected = r"echo\(\) takes 1 input argument\(s\) but the event has 2 input"
        with pytest.raises(ConfigError, match=expected):
            button.click(echo, [a, b], a)


def test_non_component_input_fails_with_its_type():
    with gr.Blocks(), pytest.raises(ConfigError, match="must be a component"):
        gr.Button().click(echo, "text", None)


def test_then_chains_record_the_trigger():
    with gr.Blocks() as demo:
        box = gr.Textbox()
        first = gr.Button().click(echo, box, box)
        first.success(echo, box, box)
    second = demo.fns[1]
    assert second.trigger_after == 0
    assert second.trigger_only_on_success is True
    assert second.targets == []


def test_callable_value_becomes_a_load_event():
    with gr.Blocks() as demo:
        gr.Textbox(lambda: "now")
    load = next(iter(demo.fns.values()))
    assert load.targets == [(0, "load")]
    assert load.api_visibility == "private"


def test_bad_concurrency_limit_fails():
    with gr.Blocks():
        box = gr.Textbox()
        with pytest.raises(ConfigError, match="positive integer"):
            box.change(echo, box, box, concurrency_limit=0)


def test_heartbeat_requested_only_with_state():
    with gr.Blocks() as plain:
        gr.Textbox()
    with gr.Blocks() as stateful:
        gr.State(0)
    assert plain.get_config()["connect_heartbeat"] is False
    assert stateful.get_config()["connect_heartbeat"] is True


def test_rendering_renumbers_chains_cancels_and_targets() -> None:
    with gr.Blocks() as inner:
        box = gr.Textbox()
        button = gr.Button()
        first = button.click(echo, box, box, api_name="echo")
        first.then(echo, box, box)
        gr.Button().click(None, None, None, cancels=[first])
    with gr.Blocks() as outer:
        other = gr.Textbox()
        other.submit(echo, other, other, api_name="echo")
        inner.render()
    fns = list(outer.fns.values())
    assert [fn.id for fn in fns] == [0, 1, 2, 3]
    assert [fn.api_name for fn in fns[:2]] == ["echo", "echo_1"]
    assert fns[1].targets == [(button.id, "click")]
    assert fns[2].trigger_after == 1
    assert fns[3].cancels == [1]
    assert first.fn_index == 1
    assert box.root is outer
    assert len(set(outer.blocks)) == len(outer.blocks)
    assert inner.blocks == {}
