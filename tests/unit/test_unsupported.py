"""Gradio options gradiate cannot honour: an error or one warning, never a silent no-op."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import gradiate as gr
from gradiate import unsupported
from gradiate.exceptions import ConfigError
from gradiate.unsupported import refuse_unsupported, warn_unsupported


def resize(image: object, *, every: float | None = None, mode: str = "fast") -> None:
    """A stand-in owner whose signature declares the options' defaults."""


@pytest.fixture(autouse=True)
def fresh_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(unsupported, "_warned", set())


def test_default_values_pass() -> None:
    refuse_unsupported(resize, every=None, mode="fast")


def test_a_changed_option_raises_config_error_naming_it_and_the_fix() -> None:
    with pytest.raises(ConfigError) as caught:
        refuse_unsupported(resize, every=None, mode="slow")
    assert str(caught.value) == (
        "resize(mode='slow'): gradiate does not support 'mode' yet. Remove it (or pass the "
        "default, mode='fast') to run this app with gradiate; README.md (Gradio names) lists "
        "what is planned."
    )


def test_the_owner_can_be_shown_under_another_name() -> None:
    with pytest.raises(ConfigError, match=r"^Button\.click\(every=2\)"):
        refuse_unsupported(resize, shown_as="Button.click", every=2)


def test_an_option_the_owner_lacks_is_a_programming_error() -> None:
    with pytest.raises(TypeError, match="resize has no parameter 'colour'"):
        refuse_unsupported(resize, colour="red")


def test_a_cosmetic_option_logs_one_warning_per_option(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="gradiate.unsupported"):
        warn_unsupported(resize, mode="slow", every=None)
        warn_unsupported(resize, mode="slower")
    assert [record.getMessage() for record in caplog.records] == [
        "resize(mode='slow'): gradiate ignores 'mode' for now; the app works without it."
    ]


def _in_blocks(build: Callable[[], Any]) -> Callable[[], Any]:
    def run() -> Any:
        with gr.Blocks():
            return build()

    return run


def _button_listener(**options: Any) -> Callable[[], Any]:
    return _in_blocks(lambda: gr.Button().click(lambda: None, **options))


@pytest.mark.parametrize(
    ("build", "option"),
    [
        (lambda: gr.Number(lambda: 1, every=2), "every"),
        (lambda: gr.Textbox(lambda: "", inputs=[]), "inputs"),
        (lambda: gr.Textbox(submit_btn=True), "submit_btn"),
        (lambda: gr.Textbox(stop_btn="Stop"), "stop_btn"),
        (lambda: gr.State(delete_callback=print), "delete_callback"),
        (lambda: gr.ClearButton(api_name="clear"), "api_name"),
        (lambda: gr.Blocks(js="() => 1"), "js"),
        (lambda: gr.Interface(str, "text", "text", examples=[["a"]]), "examples"),
        (lambda: gr.Interface(str, "text", "text", flagging_mode="manual"), "flagging_mode"),
        (lambda: gr.Interface(str, "text", "text", batch=True), "batch"),
        (lambda: gr.Interface(str, "text", "text", additional_inputs=["text"]), "additional"),
        (_button_listener(batch=True), "batch"),
        (_button_listener(validator=bool), "validator"),
        (_button_listener(inputs_kwargs={}), "inputs_kwargs"),
        (_button_listener(js=True), "js=True"),
        (_in_blocks(lambda: gr.on(None, str, batch=True)), "batch"),
        (_in_blocks(lambda: gr.Blocks().queue(api_open=False)), "api_open"),
    ],
)
def test_an_option_gradiate_cannot_honour_raises_config_error(
    build: Callable[[], Any], option: str
) -> None:
    with pytest.raises(ConfigError, match=option):
        build()


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (lambda: gr.Blocks(analytics_enabled=True), "Blocks(analytics_enabled=True)"),
        (lambda: gr.Blocks(theme="soft"), "Blocks(theme='soft')"),
        (lambda: gr.Row(show_progress=True, render=False), "Row(show_progress=True)"),
        (lambda: gr.Column(show_progress=True, render=False), "Column(show_progress=True)"),
        (lambda: gr.Dropdown(num_choices_shown=5), "Dropdown(num_choices_shown=5)"),
        (lambda: gr.Radio(rtl=True), "Radio(rtl=True)"),
        (lambda: gr.JSON(show_indices=True), "JSON(show_indices=True)"),
        (lambda: gr.Interface(str, "text", "text", time_limit=5), "Interface(time_limit=5)"),
        (_button_listener(time_limit=5), "Button.click(time_limit=5)"),
        (_button_listener(show_progress_on=[]), "Button.click(show_progress_on=[])"),
    ],
)
def test_a_cosmetic_option_works_and_warns_once(
    build: Callable[[], Any], expected: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="gradiate.unsupported"):
        build()
        build()
    assert [record.getMessage().split(":")[0] for record in caplog.records] == [expected]


def props_of(component: Any) -> dict[str, Any]:
    return component.get_config()["props"]


def test_number_placeholder_reaches_the_config() -> None:
    assert props_of(gr.Number(placeholder="Age"))["placeholder"] == "Age"


def test_common_props_reach_the_config() -> None:
    box = gr.Textbox(elem_classes="wide", key="prompt", preserved_by_key=["value", "label"])
    config = box.get_config()
    assert config["props"]["elem_classes"] == ["wide"]
    assert config["props"]["preserved_by_key"] == ["value", "label"]
    assert config["key"] == "prompt"


def test_textbox_copy_button_is_sent_and_a_custom_button_is_refused() -> None:
    assert props_of(gr.Textbox(buttons=["copy"]))["buttons"] == ["copy"]
    with pytest.raises(ConfigError, match=r"Textbox\(buttons=\[…'share'…\]\)"):
        gr.Textbox(buttons=["share"])  # type: ignore[list-item]  # the wrong value under test


def test_button_link_target_is_sent_and_checked() -> None:
    assert props_of(gr.Button(link="https://x.org", link_target="_blank"))["link_target"] == (
        "_blank"
    )
    with pytest.raises(ConfigError, match="link_target='new'"):
        gr.Button(link_target="new")  # type: ignore[arg-type]  # the wrong value under test


def test_slider_precision_rounds_what_the_function_gets_and_shows() -> None:
    slider = gr.Slider(0, 10, precision=1)
    assert slider.preprocess(3.14159) == 3.1
    assert slider.postprocess(2.71828) == 2.7
    assert gr.Slider(0, 10, precision=0).preprocess(4.6) == 5


def test_visible_hidden_hides_the_component() -> None:
    assert props_of(gr.Textbox(visible="hidden"))["visible"] is False


def test_render_false_keeps_a_component_out_of_the_layout() -> None:
    with gr.Blocks() as demo:
        gr.Textbox(render=False)
    assert demo.blocks == {}


def test_css_and_head_paths_are_read_into_the_page(tmp_path: Path) -> None:
    css, head = tmp_path / "app.css", tmp_path / "head.html"
    css.write_text(".x { color: red }", "utf-8")
    head.write_text("<meta name='x'>", "utf-8")
    demo = gr.Blocks(css="body {}", css_paths=[css], head_paths=head)
    assert demo.css == "body {}\n.x { color: red }"
    assert demo.head == "<meta name='x'>"


def test_an_unreadable_css_path_names_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.css"
    with pytest.raises(ConfigError, match=r"css_paths='.*missing\.css': cannot read the file"):
        gr.Blocks(css_paths=missing)


def test_listeners_take_gradios_parameters_positionally() -> None:
    with gr.Blocks() as demo:
        box = gr.Textbox()
        dependency = gr.Button().click(str, box, box, "shout")
        dependency.then(str, box, box, "after")
    assert [fn.api_name for fn in demo.fns.values()] == ["shout", "after"]
    assert demo.fns[1].trigger_after == 0


def test_listeners_and_gr_on_work_as_decorators() -> None:
    with gr.Blocks() as demo:
        box = gr.Textbox()

        @gr.Button().click(inputs=box, outputs=box)
        def shout(text: str) -> str:
            return text.upper()

        @gr.on([box.submit], inputs=box, outputs=box)
        def whisper(text: str) -> str:
            return text.lower()

    assert shout("a") == "A"
    assert [fn.fn for fn in demo.fns.values()] == [shout, whisper]


def test_load_can_be_wired_after_the_blocks_body() -> None:
    with gr.Blocks() as demo:
        box = gr.Textbox()
    demo.load(lambda: "hi", None, box, "greet")
    assert demo.fns[0].targets == [(0, "load")]
    assert demo.fns[0].api_name == "greet"


def test_update_takes_gradios_positional_props() -> None:
    assert gr.update("box", None, False) == {"__type__": "update", "elem_id": "box",
                                             "visible": False}  # fmt: skip


def test_a_chained_listener_names_itself_in_errors() -> None:
    with gr.Blocks():
        dependency = gr.Button().click(str)
        with pytest.raises(ConfigError, match=r"^Dependency\.success\(batch=True\)"):
            dependency.success(str, batch=True)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda: gr.Slider(show_reset_button=True),
            "Slider() got unexpected keyword argument(s) 'show_reset_button' (Gradio 6 "
            'replaced it with buttons=["reset"]); help(gr.Slider) lists the options it takes.',
        ),
        (
            lambda: gr.Number(placehodler="Age"),
            "Number() got unexpected keyword argument(s) 'placehodler' (did you mean "
            "'placeholder'?); help(gr.Number) lists the options it takes.",
        ),
        (
            lambda: gr.Row(equal_heigth=True, render=False),
            "Row() got unexpected keyword argument(s) 'equal_heigth' (did you mean "
            "'equal_height'?); help(gr.Row) lists the options it takes.",
        ),
        (
            lambda: gr.Textbox(colour="red"),
            "Textbox() got unexpected keyword argument(s) 'colour'; help(gr.Textbox) lists the "
            "options it takes.",
        ),
    ],
)
def test_an_unknown_constructor_keyword_names_the_class_and_the_fix(
    build: Callable[[], Any], message: str
) -> None:
    with pytest.raises(TypeError) as caught:
        build()
    assert str(caught.value) == message
