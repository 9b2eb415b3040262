"""Run every benchmark for one implementation and print a table of figures.

Usage::

    python benchmarks/run.py [--impl gradiate|gradio] [--only latency,memory]

Each ``bench_*.py`` runs as a subprocess of this interpreter; results are
also saved to ``.bench/<impl>.json``. Exit status 1 when a benchmark failed,
or (for gradiate, unless ``--no-fail``) when a figure misses its budget.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from harness import Figure, format_budget, format_value
from suite import BENCHES, run_bench, save


def figures_of(record: dict[str, Any]) -> list[Figure]:
    """The ``Figure``s of one benchmark record."""
    return [Figure(**figure) for figure in record.get("figures", [])]


def table(records: list[dict[str, Any]]) -> str:
    """Markdown table: name | figure | budget | verdict."""
    lines = ["| name | figure | budget | verdict |", "|---|---|---|---|"]
    for record in records:
        if "error" in record:
            lines.append(f"| {record['bench']} | FAILED: {record['error']} | | FAILED |")
        for figure in figures_of(record):
            value = format_value(figure.value, figure.unit)
            if figure.note:
                value += f" ({figure.note})"
            lines.append(
                f"| {figure.name} | {value} | {format_budget(figure)} | {figure.verdict()} |"
            )
    return "\n".join(lines)


def main() -> int:
    """Run the benchmarks and print the table; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--impl", choices=["gradiate", "gradio"], default="gradiate")
    parser.add_argument(
        "--only", default="", help="comma-separated subset of: " + ",".join(BENCHES)
    )
    parser.add_argument(
        "--no-fail", action="store_true", help="exit 0 even when a budget is missed"
    )
    args = parser.parse_args()
    names = [n for n in args.only.split(",") if n] or BENCHES
    unknown = sorted(set(names) - set(BENCHES))
    if unknown:
        parser.error(f"unknown benchmark(s) {unknown}; choose from {BENCHES}")
    records = [run_bench(name, args.impl) for name in names]
    path = save(records, f"{args.impl}.json")
    print(f"\n## {args.impl} ({sys.executable})\n")
    print(table(records))
    print(f"\nsaved to {path}")
    failed = any("error" in r for r in records)
    over = any(f.verdict() == "OVER" for r in records for f in figures_of(r))
    is_gated = args.impl == "gradiate" and not args.no_fail
    return 1 if failed or (over and is_gated) else 0


if __name__ == "__main__":
    sys.exit(main())
