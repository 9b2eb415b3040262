"""Shared start-up for the benchmark apps: argument parsing and launch.

Each app script imports this, builds its demo with ``gr`` and hands it to
``serve``. The implementation (``gradiate`` or ``gradio``) comes from
``--impl`` so the same app runs on both.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import signal
from types import ModuleType
from typing import Any


def parse_args() -> argparse.Namespace:
    """Read ``--impl``, ``--port`` and ``--concurrency-limit`` from the command line."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--impl", choices=["gradiate", "gradio"], default="gradiate")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument(
        "--concurrency-limit",
        default="default",
        help="'default' (Gradio's 1), 'none' (unlimited) or an integer",
    )
    return parser.parse_args()


def load_impl(impl: str) -> ModuleType:
    """Import the implementation under test as ``gr``."""
    return importlib.import_module(impl)


def concurrency_limit(raw: str) -> Any:
    """Turn the ``--concurrency-limit`` text into Gradio's value."""
    if raw == "default":
        return "default"
    if raw == "none":
        return None
    return int(raw)


def serve(demo: Any, port: int) -> None:
    """Launch ``demo`` on loopback and block until the process is killed."""
    # The memory benchmark sends SIGUSR1 so the server collects garbage
    # before its RSS is read; the handler runs on the blocked main thread.
    signal.signal(signal.SIGUSR1, lambda _signum, _frame: gc.collect())
    demo.launch(server_name="127.0.0.1", server_port=port, quiet=True)
