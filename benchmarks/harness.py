"""Command line and reporting shared by every ``bench_*.py`` module.

A benchmark parses its arguments with ``parse_args``, measures, and calls
``emit`` once: that prints one JSON line on stdout (what ``run.py`` and
``compare.py`` collect) and a readable summary on stderr.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Literal

Direction = Literal["max", "min"]
"""``max``: the figure must stay at or below its budget; ``min``: at or above."""


@dataclass(frozen=True, slots=True)
class Figure:
    """One measured number, with the budget gradiate must meet."""

    name: str
    value: float | None
    unit: str
    budget: float | None = None
    direction: Direction = "max"
    note: str = ""

    def verdict(self) -> str:
        """``ok``, ``OVER`` (budget missed), ``skip`` (not measured) or ``-`` (no budget)."""
        if self.value is None:
            return "skip"
        if self.budget is None:
            return "-"
        within = self.value <= self.budget if self.direction == "max" else self.value >= self.budget
        return "ok" if within else "OVER"


def parse_args(
    description: str,
    argv: Sequence[str] | None = None,
    parser: argparse.ArgumentParser | None = None,
) -> argparse.Namespace:
    """Parse ``--impl`` and ``--app-python`` plus whatever ``parser`` already declares."""
    parser = parser or argparse.ArgumentParser(description=description)
    parser.add_argument("--impl", choices=["gradiate", "gradio"], default="gradiate")
    parser.add_argument(
        "--app-python",
        default=sys.executable,
        help="interpreter that runs the app under test (default: this one)",
    )
    return parser.parse_args(argv)


def format_value(value: float | None, unit: str) -> str:
    """Render a figure for a table: few digits, thousands separators."""
    if value is None:
        return "n/a"
    if abs(value) >= 100 or float(value).is_integer():
        text = f"{value:,.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.2f}"
    return f"{text} {unit}".strip()


def format_budget(figure: Figure) -> str:
    """Render the budget as ``≤ 150 ms`` or ``≥ 540 events/s``."""
    if figure.budget is None:
        return ""
    sign = "≤" if figure.direction == "max" else "≥"
    return f"{sign} {format_value(figure.budget, figure.unit)}"


def emit(bench: str, impl: str, figures: Sequence[Figure]) -> None:
    """Print the figures as one JSON line on stdout and as text on stderr."""
    for figure in figures:
        line = f"[{bench}/{impl}] {figure.name}: {format_value(figure.value, figure.unit)}"
        if figure.budget is not None:
            line += f"  (budget {format_budget(figure)}: {figure.verdict()})"
        if figure.note:
            line += f"  {figure.note}"
        print(line, file=sys.stderr)
    record = {"bench": bench, "impl": impl, "figures": [asdict(f) for f in figures]}
    print(json.dumps(record), flush=True)


def percentile(values: Sequence[float], fraction: float) -> float:
    """The ``fraction`` quantile of ``values`` (nearest rank on sorted data)."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def median(values: Sequence[float]) -> float:
    """The median of ``values``."""
    return statistics.median(values)
