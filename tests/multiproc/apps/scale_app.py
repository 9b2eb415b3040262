"""The app the scale-out tests run on many processes.

``MULTIPROC_RECORD_DIR`` names a folder where the slow functions write one file per run
(``<tag>.<pid>.start`` / ``.end`` with a timestamp), so a test can see which worker runs
what, and when.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import gradiate as gr

RECORD_DIR = Path(os.environ.get("MULTIPROC_RECORD_DIR", "."))
SLOW_S = float(os.environ.get("MULTIPROC_SLOW_S", "3"))


def record(tag: str, stage: str) -> None:
    path = RECORD_DIR / f"{tag}.{os.getpid()}.{stage}"
    path.write_text(repr(time.time()))


def echo(text: str) -> str:
    return text


def add(amount: float, total: float) -> tuple[float, float]:
    total = total + amount
    return total, total


def whoami(text: str) -> str:
    return f"{text}@{os.getpid()}"


def step(text: str) -> str:
    time.sleep(0.02)
    return text


def limited(tag: str) -> str:
    record(tag, "start")
    time.sleep(0.3)
    record(tag, "end")
    return tag


def slow(tag: str) -> str:
    record(tag, "start")
    time.sleep(SLOW_S)
    record(tag, "end")
    return f"done {tag}"


@gr.non_idempotent
def charge(tag: str) -> str:
    record(tag, "start")
    time.sleep(SLOW_S)
    record(tag, "end")
    return f"charged {tag}"


def spell(word: str):
    for end in range(1, len(word) + 1):
        time.sleep(0.2)
        yield word[:end]


with gr.Blocks() as demo:
    text = gr.Textbox(label="Text")
    out = gr.Textbox(label="Out")
    amount = gr.Number(label="Amount")
    total_box = gr.Number(label="Total")
    total = gr.State(0)
    gr.Button("Echo").click(echo, text, out, api_name="echo", concurrency_limit=None)
    gr.Button("Add").click(add, [amount, total], [total_box, total], api_name="add")
    gr.Button("Who").click(whoami, text, out, api_name="whoami", concurrency_limit=None)
    gr.Button("Step").click(step, text, out, api_name="step", concurrency_limit=None)
    gr.Button("Limited").click(limited, text, out, api_name="limited", concurrency_limit=1)
    gr.Button("Slow").click(slow, text, out, api_name="slow", concurrency_limit=None)
    gr.Button("Charge").click(charge, text, out, api_name="charge", concurrency_limit=None)
    gr.Button("Spell").click(spell, text, out, api_name="spell", concurrency_limit=None)

if __name__ == "__main__":
    demo.launch()
