"""A small app of the harness's own tests: it runs on today's in-memory backend."""

import time

import gradiate as gr


def spell(word: str):
    for end in range(1, len(word) + 1):
        time.sleep(0.3)
        yield word[:end]


def slow(text: str) -> str:
    time.sleep(2.5)
    return f"done {text}"


with gr.Blocks() as demo:
    text = gr.Textbox(label="Text")
    out = gr.Textbox(label="Out")
    gr.Button("Spell").click(spell, text, out, api_name="spell")
    gr.Button("Slow").click(slow, text, out, api_name="slow")
