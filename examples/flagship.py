"""The flagship demo: greet someone, as loudly as you like."""

import gradiate as gr


def greet(name: str, intensity: int) -> str:
    """Say hello to ``name`` with ``intensity`` exclamation marks."""
    return "Hello, " + name + "!" * int(intensity)


demo = gr.Interface(
    greet,
    ["text", gr.Slider(1, 10, step=1)],
    "text",
    title="Greeter",
    description="Type a name, pick how excited to be, and press **Submit**.",
)

if __name__ == "__main__":
    demo.launch()
