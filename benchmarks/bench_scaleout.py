"""Scale-out: one app on several processes over a real Redis (Debian's redis-server).

1. Throughput of a CPU-bound function (about 50 ms of tiny numpy operations in a Python
   loop, which hold the GIL; OMP/OpenBLAS threads 1) with 1, 2 and 4 ``gradiate worker``
   processes behind one ``gradiate serve`` front, 8 sessions looping events; the 1 → 2
   ratio. Threads of one process cannot scale this work; processes can.
2. The Redis path's added p50 latency: an echo at concurrency 1 through a front and a
   worker on Redis, minus the same through one in-memory ``gradiate serve``.
3. Echo throughput with 100 sessions through two fronts (half the sessions each), two
   workers.

The load generator is ``bench_throughput``'s and ``bench_latency``'s (``protocol_client``'s
raw transport). gradiate only: with ``--impl gradio`` every figure is n/a.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
from app_server import APPS_DIR, CLK_TCK, free_port, server_env
from bench_latency import measure as measure_latency
from bench_throughput import run_load
from harness import Figure, emit, median, parse_args

sys.path.insert(0, str(APPS_DIR))
from _cpu_work import steps_for  # apps/ is not a package

APP = APPS_DIR / "scaleout.py"
REDIS_SERVER = "/usr/bin/redis-server"
CRUNCH_S = 0.05
CPU_SESSIONS = 8
CPU_WINDOW_S = 5.0
ECHO_SESSIONS = 100
ECHO_WINDOW_S = 5.0
LATENCY_EVENTS = 300
BUDGET_SCALING = 1.8
BUDGET_ADDED_P50_MS = 1.0
READY_TIMEOUT_S = 60.0


class Processes:
    """Child processes of one measurement, each logging to a file; all killed at the end."""

    def __init__(self, folder: Path, env: dict[str, str]) -> None:
        self.folder = folder
        self.env = env
        self.procs: list[subprocess.Popen[bytes]] = []
        self.front_urls: list[str] = []

    @property
    def base_url(self) -> str:
        """The first front's URL."""
        return self.front_urls[0]

    def spawn(self, name: str, command: list[str]) -> subprocess.Popen[bytes]:
        """Start ``command``; its output goes to ``<name>.log``."""
        with (self.folder / f"{name}.log").open("ab") as log:
            proc = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                env=self.env, start_new_session=True,
            )  # fmt: skip
        self.procs.append(proc)
        return proc

    def log(self, name: str) -> str:
        """What ``name`` wrote so far."""
        path = self.folder / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def wait_for(self, name: str, proc: subprocess.Popen[bytes], ready: str | None) -> None:
        """Wait until ``ready`` (a URL answering 200, or a line in the log) is there."""
        deadline = time.monotonic() + READY_TIMEOUT_S
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{name} exited:\n{self.log(name)[-3000:]}")
            if ready is None or (ready.startswith("http") and _answers(ready)):
                return
            if not ready.startswith("http") and ready in self.log(name):
                return
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} not ready in {READY_TIMEOUT_S} s:\n{self.log(name)}")
            time.sleep(0.05)

    def cpu_seconds(self) -> float:
        """User + system CPU time of every process so far."""
        total = 0.0
        for proc in self.procs:
            with contextlib.suppress(OSError), open(f"/proc/{proc.pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / CLK_TCK
        return total

    def kill(self) -> None:
        """Kill them all."""
        for proc in self.procs:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.TransportError:
        return False


def _redis_ready(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def gradiate(*args: str) -> list[str]:
    """The ``gradiate`` command under this interpreter."""
    return [sys.executable, "-m", "gradiate", *args]


@contextlib.contextmanager
def deployment(fronts: int, workers: int, steps: int, redis: bool = True) -> Iterator[Processes]:
    """redis-server, ``fronts`` fronts and ``workers`` workers (or one in-memory process)."""
    with tempfile.TemporaryDirectory(prefix="bench-scaleout-") as tmp:
        env = server_env(
            {"BENCH_CRUNCH_STEPS": str(steps), "OMP_NUM_THREADS": "1",
             "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
        )  # fmt: skip
        env.pop("GRADIATE_QUEUE_URL", None)
        group = Processes(Path(tmp), env)
        try:
            backend: list[str] = []
            if redis:
                port = free_port()
                redis_command = [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1",
                                 "--save", "", "--appendonly", "no", "--dir", tmp]  # fmt: skip
                group.spawn("redis", redis_command)
                deadline = time.monotonic() + READY_TIMEOUT_S
                while not _redis_ready(port):
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"redis-server did not start:\n{group.log('redis')}")
                    time.sleep(0.02)
                backend = ["--backend", f"redis://127.0.0.1:{port}/0"]
            urls = group.front_urls
            for index in range(fronts):
                front_port = free_port()
                name = f"front{index}"
                proc = group.spawn(name, gradiate("serve", str(APP), *backend,
                                                  "--port", str(front_port)))  # fmt: skip
                urls.append(f"http://127.0.0.1:{front_port}")
                group.wait_for(name, proc, urls[-1] + "/config")
            for index in range(workers if redis else 0):
                name = f"worker{index}"
                proc = group.spawn(name, gradiate("worker", str(APP), *backend))
                group.wait_for(name, proc, "worker running")
            yield group
        finally:
            group.kill()


def cpu_throughput(workers: int, steps: int) -> tuple[float, float, int]:
    """Events/s of ``crunch`` with ``workers`` workers; server CPU share; errors."""
    with deployment(1, workers, steps) as group:
        rate, server_cpu, _client, errors = asyncio.run(
            run_load(group, CPU_SESSIONS, CPU_WINDOW_S, api_name="crunch")
        )
    return rate, server_cpu, errors


def added_latency_ms() -> tuple[float, float]:
    """p50 echo round trips (ms): in-memory, then through Redis."""
    p50s = []
    for redis in (False, True):
        with deployment(1, 1, 1, redis=redis) as group:
            times = asyncio.run(measure_latency(group.base_url, LATENCY_EVENTS, "raw"))
        p50s.append(median(times) * 1000)
    return p50s[0], p50s[1]


def echo_throughput() -> tuple[float, float, float, int]:
    """Echo events/s with 100 sessions through two fronts and two workers."""
    with deployment(2, 2, 1) as group:
        return asyncio.run(
            run_load(group, ECHO_SESSIONS, ECHO_WINDOW_S, api_name="echo",
                     base_urls=group.front_urls)
        )  # fmt: skip


def main() -> None:
    """Measure and report the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    args = parse_args(__doc__ or "", parser=parser)
    names = [
        "crunch throughput, 1 worker",
        "crunch throughput, 2 workers",
        "crunch throughput, 4 workers",
        "crunch scaling, 1 to 2 workers",
        "echo p50 added by Redis, concurrency 1",
        "echo throughput, 100 sessions, 2 fronts",
    ]
    if args.impl != "gradiate" or not os.access(REDIS_SERVER, os.X_OK):
        why = "gradiate only" if args.impl != "gradiate" else f"no {REDIS_SERVER}"
        emit("scaleout", args.impl, [Figure(name, None, "", note=why) for name in names])
        return
    steps = steps_for(CRUNCH_S)
    rates = {}
    notes = {}
    for workers in (1, 2, 4):
        rate, server_cpu, errors = cpu_throughput(workers, steps)
        rates[workers] = rate
        notes[workers] = f"server CPU {server_cpu:.0%}" + (f", {errors} errors" if errors else "")
    memory_p50, redis_p50 = added_latency_ms()
    echo_rate, echo_cpu, client_cpu, echo_errors = echo_throughput()
    echo_note = f"server CPU {echo_cpu:.0%}, load generator CPU {client_cpu:.0%}"
    if echo_errors:
        echo_note += f", {echo_errors} errors"
    figures = [
        Figure(names[0], rates[1], "events/s", direction="min", note=notes[1]),
        Figure(names[1], rates[2], "events/s", direction="min", note=notes[2]),
        Figure(names[2], rates[4], "events/s", direction="min", note=notes[4]),
        Figure(
            names[3],
            rates[2] / rates[1] if rates[1] else None,
            "x",
            BUDGET_SCALING,
            "min",
            f"{os.cpu_count()} cores, {CRUNCH_S * 1000:.0f} ms a job",
        ),
        Figure(
            names[4],
            redis_p50 - memory_p50,
            "ms",
            BUDGET_ADDED_P50_MS,
            "max",
            f"p50 {memory_p50:.2f} ms in-memory, {redis_p50:.2f} ms on Redis",
        ),
        Figure(names[5], echo_rate, "events/s", direction="min", note=echo_note),
    ]
    emit("scaleout", args.impl, figures)


if __name__ == "__main__":
    main()
