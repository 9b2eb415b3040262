"""A small app of the harness's own tests: it runs on today's in-memory backend."""

import time

import gradiate as gr


def spell(word: str):
    for end in range(1, len(word) + 1):
        time.sleep(0.3)
        yield word[:end]


demo = gr.Interface(spell, "text", "text", api_name="spell")
