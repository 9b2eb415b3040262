"""Run every benchmark on Gradio 6.31 and on gradiate and print them side by side.

Usage::

    python benchmarks/compare.py [--only latency,memory]

Gradio runs from ``.venv-gradio`` at the repo root (created here with
``gradio==6.31.0``, httpx and playwright if missing), gradiate from the
repo's ``.venv``. Each benchmark runs as a subprocess of the implementation's
own interpreter; when that interpreter lacks a benchmark's client-side
package (Playwright, for the page load), the Gradio venv drives the
benchmark and ``--app-python`` still runs the app under gradiate's
interpreter. The table is also saved to ``.bench/compare.md``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from typing import Any

from harness import Figure, format_budget, format_value
from suite import BENCHES, REPO_ROOT, RESULTS_DIR, run_bench, save

GRADIO_VERSION = "6.31.0"
GRADIO_VENV = REPO_ROOT / ".venv-gradio"
GRADIATE_PYTHON = REPO_ROOT / ".venv" / "bin" / "python"
CLIENT_PACKAGES = {"page_load": "playwright"}
"""Packages a benchmark needs in the interpreter that drives it (besides httpx)."""


def runs_ok(python: str, code: str) -> bool:
    """Whether ``python -c code`` exits with status 0."""
    result = subprocess.run([python, "-c", code], capture_output=True, check=False)
    return result.returncode == 0


def can_import(python: str, module: str) -> bool:
    """Whether ``python`` can import ``module``."""
    return runs_ok(python, f"import {module}")


def ensure_gradio_venv() -> str:
    """Create ``.venv-gradio`` with Gradio 6.31 if needed; return its python."""
    python = GRADIO_VENV / "bin" / "python"
    check = f"import gradio, httpx, playwright; assert gradio.__version__ == {GRADIO_VERSION!r}"
    if python.exists() and runs_ok(str(python), check):
        return str(python)
    print(f"creating {GRADIO_VENV} with gradio=={GRADIO_VERSION} …", file=sys.stderr, flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(GRADIO_VENV)], check=True)
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "-q",
            f"gradio=={GRADIO_VERSION}",
            "httpx",
            "playwright",
        ],
        check=True,
    )
    return str(python)


def run_impl(
    impl: str, python: str, names: list[str], fallback_driver: str
) -> list[dict[str, Any]]:
    """Run the benchmarks ``names`` for one implementation."""
    records = []
    for name in names:
        driver, app_python = python, None
        package = CLIENT_PACKAGES.get(name)
        if package and not can_import(python, package):
            driver, app_python = fallback_driver, python
        records.append(run_bench(name, impl, python=driver, app_python=app_python))
    return records


def by_name(records: list[dict[str, Any]]) -> dict[str, Figure]:
    """All figures of ``records`` keyed by figure name."""
    return {f["name"]: Figure(**f) for r in records for f in r.get("figures", [])}


def ratio(gradio: Figure | None, gradiate: Figure | None) -> str:
    """How many times better gradiate is (> 1 means better), by the figure's direction."""
    if not gradio or not gradiate or not gradio.value or not gradiate.value:
        return ""
    if gradio.direction == "max":
        return f"{gradio.value / gradiate.value:.1f}x"
    return f"{gradiate.value / gradio.value:.1f}x"


def table(gradio_records: list[dict[str, Any]], gradiate_records: list[dict[str, Any]]) -> str:
    """Markdown table: figure | gradio 6.31 | gradiate | ratio | budget."""
    gradio, gradiate = by_name(gradio_records), by_name(gradiate_records)
    names = list(dict.fromkeys([*gradio, *gradiate]))
    lines = [
        f"| figure | gradio {GRADIO_VERSION[:4]} | gradiate | ratio | budget (gradiate) |",
        "|---|---|---|---|---|",
    ]
    for name in names:
        left, right = gradio.get(name), gradiate.get(name)
        reference = right or left
        budget = ""
        if reference and reference.budget is not None:
            budget = format_budget(reference) + (f" {right.verdict()}" if right else "")
        lines.append(
            f"| {name} | {format_value(left.value, left.unit) if left else 'n/a'} "
            f"| {format_value(right.value, right.unit) if right else 'n/a'} "
            f"| {ratio(left, right)} | {budget} |"
        )
    lines.append("\nratio: how many times better gradiate is (> 1: gradiate better).")
    for record in [*gradio_records, *gradiate_records]:
        if "error" in record:
            lines.append(f"\n{record['impl']} {record['bench']}: FAILED ({record['error']})")
    return "\n".join(lines)


def main() -> int:
    """Run both implementations and print the comparison; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--only", default="", help="comma-separated subset of: " + ",".join(BENCHES)
    )
    args = parser.parse_args()
    names = [n for n in args.only.split(",") if n] or BENCHES
    unknown = sorted(set(names) - set(BENCHES))
    if unknown:
        parser.error(f"unknown benchmark(s) {unknown}; choose from {BENCHES}")
    gradio_python = ensure_gradio_venv()
    gradio_records = run_impl("gradio", gradio_python, names, gradio_python)
    gradiate_records: list[dict[str, Any]] = []
    if GRADIATE_PYTHON.exists() and can_import(str(GRADIATE_PYTHON), "gradiate"):
        gradiate_records = run_impl("gradiate", str(GRADIATE_PYTHON), names, gradio_python)
    else:
        print(
            f"gradiate: {GRADIATE_PYTHON} cannot import gradiate; its column is empty",
            file=sys.stderr,
        )
    save(gradio_records + gradiate_records, "compare.json")
    output = table(gradio_records, gradiate_records)
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / "compare.md").write_text(output + "\n")
    print("\n" + output)
    return 1 if any("error" in r for r in gradio_records + gradiate_records) else 0


if __name__ == "__main__":
    sys.exit(main())
