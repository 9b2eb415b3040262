import pytest

import gradiate as gr


def test_label_from_dict_ranks_confidences_and_trims():
    label = gr.Label(num_top_classes=2)
    payload = label.postprocess({"dog": 0.2, "cat": 0.7, "cow": 0.1})
    assert payload == {
        "label": "cat",
        "confidences": [{"label": "cat", "confidence": 0.7}, {"label": "dog", "confidence": 0.2}],
    }


def test_label_from_plain_value():
    assert gr.Label().postprocess("cat") == {"label": "cat"}
    with pytest.raises(TypeError, match="class name"):
        gr.Label().postprocess(object())


def test_json_parses_json_strings_and_makes_values_safe():
    box = gr.JSON()
    assert box.postprocess('{"a": [1, 2]}') == {"a": [1, 2]}
    assert box.postprocess({"t": (1, 2)}) == {"t": [1, 2]}


def test_markdown_dedents_like_a_docstring():
    assert gr.Markdown().postprocess("\n    # Title\n    text\n") == "# Title\ntext"


def test_state_keeps_value_out_of_the_config_and_copies_it_per_session():
    start = {"n": [1]}
    state = gr.State(start)
    assert "value" not in state.get_props()
    fresh = state.initial_payload()
    assert fresh == start
    assert fresh is not start


def test_button_is_skipped_by_the_api_and_has_text():
    button = gr.Button("Go", variant="primary")
    config = button.get_config()
    assert config["skip_api"] is True
    assert config["props"]["value"] == "Go"
    assert "api_info" not in config
