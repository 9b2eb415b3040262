"""Echo app: ``lambda x: x`` on a Textbox, for latency, throughput and memory."""

from __future__ import annotations

import _launch


def main() -> None:
    """Build and serve the echo Interface with the requested concurrency limit."""
    args = _launch.parse_args()
    gr = _launch.load_impl(args.impl)
    demo = gr.Interface(
        lambda x: x,
        gr.Textbox(),
        gr.Textbox(),
        api_name="echo",
        concurrency_limit=_launch.concurrency_limit(args.concurrency_limit),
    )
    demo.queue()
    _launch.serve(demo, args.port)


if __name__ == "__main__":
    main()
