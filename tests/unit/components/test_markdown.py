import pytest

import gradiate as gr
from gradiate.exceptions import ConfigError


def test_markdown_config_carries_gradios_props_and_defaults():
    props = gr.Markdown("# Hi").get_props()
    assert props["value"] == "# Hi"
    assert props["latex_delimiters"] == [{"left": "$$", "right": "$$", "display": True}]
    assert props["sanitize_html"] is True
    assert props["show_label"] is False
    assert props["container"] is False
    assert props["buttons"] is None
    assert props["preserved_by_key"] == ["value"]


def test_markdown_removes_common_indentation_like_gradio():
    assert gr.Markdown().postprocess("\n    # Title\n    text\n") == "# Title\ntext"
    assert gr.Markdown().postprocess(None) is None


def test_markdown_passes_its_display_options_to_the_browser():
    props = gr.Markdown(
        "x",
        rtl=True,
        line_breaks=True,
        header_links=True,
        sanitize_html=False,
        height=200,
        max_height="50vh",
        min_height=10,
        buttons=["copy"],
        padding=True,
        latex_delimiters=[{"left": "\\(", "right": "\\)", "display": False}],
    ).get_props()
    assert props["rtl"] is True
    assert props["line_breaks"] is True
    assert props["header_links"] is True
    assert props["sanitize_html"] is False
    assert (props["height"], props["max_height"], props["min_height"]) == (200, "50vh", 10)
    assert props["buttons"] == ["copy"]
    assert props["padding"] is True
    assert props["latex_delimiters"] == [{"left": "\\(", "right": "\\)", "display": False}]


@pytest.mark.parametrize(
    ("delimiters", "message"),
    [
        ([{"left": "$"}], "non-empty 'left' and 'right'"),
        ([{"left": "", "right": "$"}], "non-empty 'left' and 'right'"),
        ([{"left": "$", "right": "$", "display": "yes"}], "'display' must be True or False"),
        (["$"], "non-empty 'left' and 'right'"),
    ],
)
def test_markdown_rejects_malformed_latex_delimiters(delimiters, message):
    with pytest.raises(ConfigError, match=message):
        gr.Markdown(latex_delimiters=delimiters)


def test_markdown_rejects_an_unknown_button():
    with pytest.raises(ConfigError, match="supports only the built-in buttons here"):
        gr.Markdown(buttons=["share"])  # type: ignore[list-item]  # the bad value under test


@pytest.mark.parametrize(("name", "value"), [("every", 2.0), ("inputs", [object()])])
def test_markdown_names_unsupported_parameters(name, value):
    with pytest.raises(ConfigError, match=rf"Markdown\({name}=.*does not support '{name}'"):
        gr.Markdown(**{name: value})


def test_markdown_hidden_is_not_shown():
    assert gr.Markdown("x", visible="hidden").get_props()["visible"] is False


def test_markdown_has_gradios_events():
    assert gr.Markdown.EVENTS == ("change", "copy")
