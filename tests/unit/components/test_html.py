import pytest

import gradiate as gr
from gradiate.components.html import DEFAULT_JS_ON_LOAD
from gradiate.events import BoundListener
from gradiate.exceptions import ConfigError


def test_html_config_follows_gradio_6():
    props = gr.HTML(
        ["a", "b"],
        html_template="{{#each value}}<i>{{this}}</i>{{/each}}",
        css_template="i { color: ${color} }",
        color="red",
        size=3,
    ).get_props()
    assert props["value"] == ["a", "b"]
    assert props["html_template"] == "{{#each value}}<i>{{this}}</i>{{/each}}"
    assert props["css_template"] == "i { color: ${color} }"
    assert props["js_on_load"] == DEFAULT_JS_ON_LOAD
    assert props["props"] == {"color": "red", "size": 3}
    assert props["apply_default_css"] is True
    assert props["sanitize_html"] is True
    assert props["component_class_name"] == "HTML"


def test_html_defaults_match_gradio():
    props = gr.HTML().get_props()
    assert "value" not in props
    assert props["html_template"] == "${value}"
    assert (
        props["js_on_load"] == "element.addEventListener('click', function() { trigger('click') });"
    )
    assert props["show_label"] is False


def test_html_keeps_json_values_for_the_templates():
    assert gr.HTML().postprocess({"n": 1}) == {"n": 1}
    assert gr.HTML().postprocess(None) is None


def test_html_custom_event_from_js_on_load_is_a_listener():
    with gr.Blocks():
        box = gr.HTML(js_on_load="element.onclick = () => trigger('bump', {n: 1});")
        listener = box.bump
    assert isinstance(listener, BoundListener)
    assert listener.event_name == "bump"


def test_html_unknown_attribute_names_the_fix():
    with pytest.raises(AttributeError, match=r"trigger\('nothing'\)"):
        _ = gr.HTML().nothing


def test_html_warns_that_script_tags_do_not_run():
    with pytest.warns(UserWarning, match="will not run"):
        gr.HTML(html_template="<script>init()</script>${value}")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("every", 1.0),
        ("inputs", [object()]),
        ("buttons", [object()]),
        ("server_functions", [print]),
    ],
)
def test_html_names_unsupported_parameters(name, value):
    with pytest.raises(ConfigError, match=rf"HTML\({name}=.*does not support '{name}'"):
        gr.HTML(**{name: value})


def test_html_with_children_is_refused_with_the_fix():
    with (
        gr.Blocks(),
        pytest.raises(ConfigError, match="@children"),
        gr.HTML("<div>@children</div>"),
    ):
        gr.Textbox()
