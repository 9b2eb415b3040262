"""The list of benchmarks and how to run one in a subprocess and collect its figures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
RESULTS_DIR = REPO_ROOT / ".bench"
BENCHES = [
    "import",
    "startup",
    "latency",
    "throughput",
    "streaming",
    "page_load",
    "markdown",
    "memory",
    "scaleout",
]
BENCH_TIMEOUT_S = 300


def run_bench(
    name: str, impl: str, python: str = sys.executable, app_python: str | None = None
) -> dict[str, Any]:
    """Run ``bench_<name>.py`` with ``python`` and return its JSON record.

    Its stderr (the readable progress) goes straight to ours. A benchmark that
    crashes or prints no JSON line gives a record with an ``error`` key.
    """
    command = [python, str(BENCH_DIR / f"bench_{name}.py"), "--impl", impl]
    if app_python:
        command += ["--app-python", app_python]
    print(f"--- {name} ({impl}) ---", file=sys.stderr, flush=True)
    try:
        completed = subprocess.run(
            command,
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            text=True,
            timeout=BENCH_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {
            "bench": name,
            "impl": impl,
            "figures": [],
            "error": f"timed out after {BENCH_TIMEOUT_S} s",
        }
    for line in reversed(completed.stdout.splitlines()):
        if line.startswith("{"):
            record: dict[str, Any] = json.loads(line)
            if completed.returncode != 0:
                record["error"] = f"exit status {completed.returncode}"
            return record
    return {
        "bench": name,
        "impl": impl,
        "figures": [],
        "error": f"exit status {completed.returncode}, no figures",
    }


def save(records: list[dict[str, Any]], filename: str) -> Path:
    """Write ``records`` as JSON under ``.bench/`` and return the path."""
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / filename
    path.write_text(json.dumps(records, indent=2) + "\n")
    return path
