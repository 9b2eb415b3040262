"""The scale-out example's app: a counter kept in gr.State and a slow, CPU-bound function.

Run on one machine with ``python app.py``; on many, see docker-compose.yml here.
"""

import os
import time

import gradiate as gr


def count(text: str, seen: int) -> tuple[str, int]:
    seen += 1
    return f"{text} (call {seen} of this session, by worker {os.getpid()})", seen


def slow_square(number: float) -> float:
    time.sleep(2)
    return number * number


@gr.non_idempotent
def place_order(item: str) -> str:
    # not run again if its worker dies mid-way: the client gets an error instead
    time.sleep(1)
    return f"ordered {item}"


with gr.Blocks(title="gradiate on many machines") as demo:
    seen = gr.State(0)
    text = gr.Textbox(label="Text")
    said = gr.Textbox(label="Answer")
    gr.Button("Count").click(count, [text, seen], [said, seen], api_name="count")
    number = gr.Number(label="Number")
    square = gr.Number(label="Square")
    gr.Button("Square").click(slow_square, number, square, concurrency_limit=None)
    item = gr.Textbox(label="Item")
    order = gr.Textbox(label="Order")
    gr.Button("Order").click(place_order, item, order)

if __name__ == "__main__":
    demo.launch()
