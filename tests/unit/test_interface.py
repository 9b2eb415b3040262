import orjson

import gradiate as gr
from gradiate.api_info import get_api_info


def greet(name: str, intensity: int) -> str:
    return "Hello, " + name + "!" * int(intensity)


def make():
    return gr.Interface(greet, ["text", gr.Slider(1, 10, step=1)], "text")


def test_interface_labels_inputs_by_parameter_and_output_as_output():
    demo = make()
    assert [c.label for c in demo.input_components] == ["name", "intensity"]
    assert demo.output_components[0].label == "output"


def test_interface_endpoint_is_named_after_the_function():
    info = get_api_info(make())
    params = info["named_endpoints"]["/greet"]["parameters"]
    assert [p["parameter_name"] for p in params] == ["name", "intensity"]
    assert params[1]["parameter_has_default"] is True
    assert params[1]["python_type"]["type"] == "float"


def test_interface_submits_on_button_and_on_enter_in_text_inputs():
    demo = make()
    main = demo.fns[0]
    events = {event for _, event in main.targets}
    assert events == {"click", "submit"}


def test_clear_button_resets_inputs_and_outputs_in_the_browser():
    demo = make()
    clear = next(fn for fn in demo.fns.values() if fn.js)
    assert clear.fn is None
    assert clear.api_visibility == "private"
    values = orjson.loads(clear.js.removeprefix("() => "))
    assert values == ["", 1, ""]


def test_live_interface_runs_on_change_without_submit_button():
    demo = gr.Interface(greet, ["text", gr.Slider(1, 10)], "text", live=True)
    assert {event for _, event in demo.fns[0].targets} == {"change"}
    assert demo.fns[0].trigger_mode == "always_last"
    names = [b.get_block_name() for b in demo.blocks.values()]
    assert "button" not in names


def test_title_is_escaped_html():
    demo = gr.Interface(greet, ["text", "number"], "text", title="<b>x</b>")
    html_blocks = [b for b in demo.blocks.values() if b.get_block_name() == "html"]
    assert html_blocks[0].value == "<h1 class='gradiate-title'>&lt;b&gt;x&lt;/b&gt;</h1>"


def test_injected_parameters_do_not_name_inputs() -> None:
    """Measured against Gradio 6.31: the input is labelled after ``text``, not ``request``."""

    def fn(request: gr.Request, text: str, progress: gr.Progress = gr.Progress()) -> str:  # noqa: B008  # Gradio's idiom
        return text

    demo = gr.Interface(fn, "text", "text")
    assert demo.input_components[0].label == "text"
