import gradiate as gr
from gradiate.server.first_paint import render_first_paint

PAYLOAD = '"><script>alert(1)</script><img src=x onerror=alert(1)>'


def greet(name: str, intensity: int) -> str:
    return name * int(intensity)


def test_first_paint_is_inert_and_shows_the_inputs_with_their_labels():
    demo = gr.Interface(greet, ["text", gr.Slider(1, 10, step=1)], "text")
    html = render_first_paint(demo.get_config())
    assert html.startswith('<main class="fp" inert>')
    assert '<span class="fp-label">name</span><input class="fp-input"' in html
    assert 'type="range" min="1" max="10" value="1"' in html
    assert "fp-readonly" in html  # the output box is not an input of any event
    assert ">Submit</button>" in html
    assert ">Clear</button>" in html


def test_labels_values_and_prose_are_escaped():
    with gr.Blocks() as demo:
        gr.Textbox(PAYLOAD, label=PAYLOAD, placeholder=PAYLOAD)
        gr.Textbox(PAYLOAD, lines=3)
        gr.Markdown(PAYLOAD)
        gr.HTML(PAYLOAD)
        gr.Button(PAYLOAD)
    html = render_first_paint(demo.get_config())
    assert "<script" not in html
    assert "<img" not in html
    assert 'value="&quot;&gt;&lt;script&gt;' in html


def test_hidden_components_and_state_are_left_out():
    with gr.Blocks() as demo:
        gr.Textbox(label="shown")
        gr.Textbox(label="secret", visible=False)
        gr.State(1)
    html = render_first_paint(demo.get_config())
    assert "shown" in html
    assert "secret" not in html
    assert html.count("<input") == 1
