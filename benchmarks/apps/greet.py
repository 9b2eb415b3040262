"""Greet app: the Gradio quick-start demo (Textbox + Slider -> Textbox)."""

from __future__ import annotations

import _launch


def main() -> None:
    """Build and serve the greet Interface."""
    args = _launch.parse_args()
    gr = _launch.load_impl(args.impl)

    def greet(name: str, intensity: float) -> str:
        return "Hello, " + name + "!" * int(intensity)

    demo = gr.Interface(greet, ["text", gr.Slider(1, 10, step=1)], "text")
    _launch.serve(demo, args.port)


if __name__ == "__main__":
    main()
