"""The scale-out benchmark's app, served by ``gradiate serve`` / ``gradiate worker``.

``crunch`` does ``BENCH_CRUNCH_STEPS`` steps of GIL-holding numpy work (about 50 ms, as
calibrated by the benchmark) and returns its input; ``echo`` returns its input at once.
Neither has a concurrency limit, so every worker process can take jobs.
"""

from __future__ import annotations

import os

from _cpu_work import crunch as crunch_steps

import gradiate as gr

STEPS = int(os.environ.get("BENCH_CRUNCH_STEPS", "50000"))


def crunch(text: str) -> str:
    crunch_steps(STEPS)
    return text


with gr.Blocks() as demo:
    box = gr.Textbox()
    out = gr.Textbox()
    gr.Button("Crunch").click(crunch, box, out, api_name="crunch", concurrency_limit=None)
    gr.Button("Echo").click(lambda text: text, box, out, api_name="echo", concurrency_limit=None)
