"""Markdown app: a button that shows a 256 KB mixed document, one that streams 64 KB."""

from __future__ import annotations

from collections.abc import Iterator

import _launch

DOCUMENT_BYTES = 256 * 1024
STREAM_BYTES = 64 * 1024
STREAM_TOKENS = 1000


def section(index: int) -> str:
    """One section: heading, paragraph with inline marks and links, lists, table, code."""
    return (
        f"## Section {index}\n\n"
        f"Some *emphasis*, **strong** text, a [link](https://example.com/{index}) and "
        f"`inline code`, then https://www.example.org/{index} as a bare link.\n\n"
        "- first item\n- second item\n  - nested item\n\n"
        "1. one\n2. two\n\n"
        f"| name | value | note |\n|---|:-:|---|\n| {index} | x | y |\n| 2 | 3 | 4 |\n\n"
        f"```python\ndef section_{index}(x):\n    return x * {index}\n```\n\n"
        f"> quoted line {index}\n\n"
    )


def document(size: int) -> str:
    """A document of about ``size`` characters made of numbered sections."""
    parts: list[str] = []
    length = 0
    while length < size:
        parts.append(section(len(parts)))
        length += len(parts[-1])
    return "".join(parts)


def main() -> None:
    """Build and serve the Markdown app."""
    args = _launch.parse_args()
    gr = _launch.load_impl(args.impl)
    full = document(DOCUMENT_BYTES)
    streamed = document(STREAM_BYTES)

    def show() -> str:
        return full

    def stream() -> Iterator[str]:
        step = len(streamed) // STREAM_TOKENS
        for end in range(step, len(streamed) + step, step):
            yield streamed[:end]

    with gr.Blocks() as demo:
        shown = gr.Markdown(elem_id="doc")
        gr.Button("Show").click(show, outputs=shown)
        gr.Button("Stream").click(stream, outputs=shown)
    _launch.serve(demo, args.port)


if __name__ == "__main__":
    main()
