"""Streaming app: a generator yielding 200 growing token strings."""

from __future__ import annotations

from collections.abc import Iterator

import _launch

TOKEN_COUNT = 200


def main() -> None:
    """Build and serve the token-streaming Interface."""
    args = _launch.parse_args()
    gr = _launch.load_impl(args.impl)

    def generate(prompt: str) -> Iterator[str]:
        acc = ""
        for _ in range(TOKEN_COUNT):
            acc += "tok "
            yield acc

    demo = gr.Interface(generate, gr.Textbox(), gr.Textbox(), api_name="generate")
    demo.queue()
    _launch.serve(demo, args.port)


if __name__ == "__main__":
    main()
