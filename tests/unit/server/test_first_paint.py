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
    assert 'type="range" min="1" max="10" step="1" value="1"' in html
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


def test_unwired_components_are_editable_only_while_empty_as_in_gradio():
    with gr.Blocks() as demo:
        gr.Textbox(label="empty")
        gr.Textbox("hello", label="filled")
        source = gr.Textbox("x", label="source")
        target = gr.Textbox(label="target")
        source.submit(lambda text: text, source, target)
    html = render_first_paint(demo.get_config())
    fields = html.split('<span class="fp-label">')[1:]
    readonly = {field.split("<")[0]: "fp-readonly" in field for field in fields}
    assert readonly == {"empty": False, "filled": True, "source": False, "target": True}


def test_a_row_puts_its_form_side_by_side_with_the_width_shares_of_its_inputs():
    with gr.Blocks() as demo, gr.Row():
        gr.Textbox(label="wide", scale=2)
        gr.Number(label="narrow", min_width=100)
        gr.Button("Go")
    html = render_first_paint(demo.get_config())
    assert '<div class="fp-row"><div class="fp-form" style="flex-grow:3;min-width:min(260px' in html
    assert 'class="fp-block" style="flex-grow:2;min-width:min(160px, 100%)"' in html
    assert 'class="fp-block" style="min-width:min(100px, 100%)"' in html


def test_markdown_keeps_its_headings_paragraphs_lists_and_inline_marks():
    with gr.Blocks() as demo:
        gr.Markdown("# Title\nSome *intro*\ntext.\n\n- **one**\n- `<two>`\n\n1. first\n\nMore.")
    html = render_first_paint(demo.get_config())
    assert (
        '<div class="fp-prose"><h1>Title</h1><p>Some <em>intro</em> text.</p>'
        "<ul><li><strong>one</strong></li><li><code>&lt;two&gt;</code></li></ul>"
        "<ol><li>first</li></ol><p>More.</p></div>"
    ) in html


def test_choices_are_drawn_with_the_selected_one_checked():
    with gr.Blocks() as demo:
        gr.Radio(["x", "y"], value="y", label="mode")
        gr.Dropdown([("Apple", "a"), ("Banana", "b")], value="b", label="fruit")
    html = render_first_paint(demo.get_config())
    assert '<input type="radio"><span>x</span>' in html
    assert '<input type="radio" checked><span>y</span>' in html
    assert "<option>Banana</option>" in html
