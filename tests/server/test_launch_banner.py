"""The local URL is printed at once when stdout is not a terminal (a pipe, a log file).

Python block-buffers a redirected stdout, so an unflushed banner would only appear when
the process exits: a supervisor reading the URL from the log would wait forever.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import httpx

BANNER = "* Running on local URL:  http://127.0.0.1:"
APP = textwrap.dedent(
    """
    import gradiate as gr
    gr.Interface(lambda name: "Hi " + name, "text", "text").launch(server_name="127.0.0.1")
    """
)


def buffered_environment() -> dict[str, str]:
    """This environment without anything that would unbuffer the child's stdout."""
    return {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}


def stop(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_for_banner(log: Path, process: subprocess.Popen[str], timeout_s: float) -> str:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for line in log.read_text().splitlines():
            if line.startswith(BANNER):
                return line
        assert process.poll() is None, f"the app exited early: {log.read_text()!r}"
        time.sleep(0.05)
    raise AssertionError(f"no banner in the log after {timeout_s} s: {log.read_text()!r}")


def test_banner_reaches_a_pipe_while_the_server_runs(tmp_path: Path) -> None:
    script = tmp_path / "app.py"
    script.write_text(APP)
    process = subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        env=buffered_environment(), text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: lines.put(process.stdout.readline()), daemon=True).start()
        try:
            line = lines.get(timeout=15)
        except queue.Empty:
            raise AssertionError("the banner did not reach the pipe within 15 s") from None
        assert line.startswith(BANNER), line
        assert process.poll() is None  # it came while the server was still serving
        assert httpx.get(line.split()[-1] + "/config", timeout=5).status_code == 200
    finally:
        stop(process)
        if process.stdout is not None:
            process.stdout.close()


def test_banner_reaches_a_log_file_while_the_server_runs(tmp_path: Path) -> None:
    script = tmp_path / "app.py"
    script.write_text(APP)
    log = tmp_path / "app.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, str(script)], stdout=output, stderr=subprocess.DEVNULL,
            env=buffered_environment(), text=True,
        )  # fmt: skip
    try:
        line = wait_for_banner(log, process, timeout_s=15)
        url = line.split()[-1]
        assert httpx.get(url + "/config", timeout=5).status_code == 200
    finally:
        stop(process)
