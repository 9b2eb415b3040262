"""CPU work that holds the GIL: many tiny numpy operations in a Python loop.

Each operation is too small for numpy to release the GIL, so threads of one process
take turns and only more processes add throughput.
"""

from __future__ import annotations

import time

import numpy as np


def crunch(steps: int) -> float:
    """Do ``steps`` rounds of tiny array arithmetic; a value so the work is not skipped."""
    values = np.ones(8)
    for _ in range(steps):
        values = values * 1.000001 + 1e-9
    return float(values.sum())


def steps_for(seconds: float, probe_steps: int = 20_000) -> int:
    """How many steps take ``seconds`` on this machine (best of three probes)."""
    best = min(_timed(probe_steps) for _ in range(3))
    return max(1, round(probe_steps * seconds / best))


def _timed(steps: int) -> float:
    started = time.perf_counter()
    crunch(steps)
    return time.perf_counter() - started
