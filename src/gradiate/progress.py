"""``gr.Progress``: report progress of a long function to the user.

Declare it as a parameter default, ``def fn(x, progress=gr.Progress()):``; the engine
passes a live tracker in its place, and ``progress(0.5, desc="Halfway")`` or
``for item in progress.tqdm(items):`` updates the bar in the browser.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sized
from typing import Any, TypeVar

from gradiate.feedback import report

T = TypeVar("T")


class Progress:
    """A progress tracker (Gradio's ``gr.Progress``).

    Args:
        track_tqdm: accepted for Gradio compatibility.
    """

    def __init__(self, track_tqdm: bool = False) -> None:
        self.track_tqdm = track_tqdm

    def __call__(
        self,
        progress: float | tuple[int, int | None] | None,
        desc: str | None = None,
        total: int | None = None,
        unit: str = "steps",
    ) -> float | tuple[int, int | None] | None:
        """Report ``progress`` (a 0-1 fraction, or ``(index, length)``) with ``desc``."""
        if isinstance(progress, tuple):
            index, length = progress
            data = {"index": index, "length": length, "unit": unit, "progress": None, "desc": desc}
        else:
            data = {
                "index": None,
                "length": total,
                "unit": unit,
                "progress": progress,
                "desc": desc,
            }
        report({"msg": "progress", "progress_data": [data]})
        return progress

    def tqdm(
        self,
        iterable: Iterable[T],
        desc: str | None = None,
        total: int | None = None,
        unit: str = "steps",
        **kwargs: Any,
    ) -> Iterator[T]:
        """Iterate over ``iterable`` and report each step."""
        length = (
            total if total is not None else (len(iterable) if isinstance(iterable, Sized) else None)
        )
        for index, item in enumerate(iterable):
            self((index, length), desc=desc, unit=unit)
            yield item
        self((length or 0, length), desc=desc, unit=unit)
