"""Import time and memory: ``python -c "import <impl>"`` in fresh processes.

Figures: median wall time over the runs (interpreter start included, as a
user sees it), and the peak RSS of such a process (``ru_maxrss`` of the
child, through ``os.wait4``). A bare ``python -c pass`` is timed too, so the
interpreter's own share is visible.
"""

from __future__ import annotations

import os
import subprocess
import time

from app_server import server_env
from harness import Figure, emit, median, parse_args

RUNS = 7
BUDGET_MS = 150.0
BUDGET_MB = 35.0


def time_child(python: str, code: str) -> tuple[float, int]:
    """Run ``python -c code``; return its wall seconds and peak RSS in bytes."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [python, "-c", code], env=server_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        error = process.stderr.read().decode(errors="replace") if process.stderr else ""
        raise RuntimeError(f"python -c {code!r} failed ({process.returncode}):\n{error[-2000:]}")
    if process.stderr:
        process.stderr.close()
    return elapsed, usage.ru_maxrss * 1024  # Linux reports kilobytes


def main() -> None:
    """Time ``import <impl>`` and report median time and peak RSS."""
    args = parse_args(__doc__ or "")
    time_child(args.app_python, f"import {args.impl}")  # warm the file cache
    runs = [time_child(args.app_python, f"import {args.impl}") for _ in range(RUNS)]
    bare = [time_child(args.app_python, "pass") for _ in range(3)]
    figures = [
        Figure("import time (median)", median([t for t, _ in runs]) * 1000, "ms", BUDGET_MS),
        Figure("import peak RSS", median([m for _, m in runs]) / 2**20, "MB", BUDGET_MB),
        Figure("bare interpreter (python -c pass)", median([t for t, _ in bare]) * 1000, "ms"),
    ]
    emit("import", args.impl, figures)


if __name__ == "__main__":
    main()
