"""Start an app from ``benchmarks/apps/`` in a subprocess and wait until it serves.

The server always runs in its own process, so the load generator and the
server each get a core, and its RSS and CPU time can be read from ``/proc``.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType

import httpx

APPS_DIR = Path(__file__).resolve().parent / "apps"
READY_TIMEOUT_S = 60.0
CLK_TCK = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for app subprocesses: no telemetry, no update checks."""
    env = dict(os.environ)
    env.update(
        {
            "GRADIO_ANALYTICS_ENABLED": "False",
            "HF_HUB_OFFLINE": "1",
            "PYTHONUNBUFFERED": "1",
            "NO_PROXY": "127.0.0.1,localhost",
        }
    )
    env.update(extra or {})
    return env


class AppServer:
    """One app subprocess on a free loopback port; use as a context manager.

    Args:
        app: script name in ``benchmarks/apps/`` without ``.py`` (``"echo"``).
        impl: ``"gradiate"`` or ``"gradio"``.
        python: interpreter to run the app with.
        app_args: extra arguments for the app script.
        env: extra environment variables.
    """

    def __init__(
        self,
        app: str,
        impl: str,
        python: str = sys.executable,
        app_args: list[str] | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._command = [
            python,
            str(APPS_DIR / f"{app}.py"),
            "--impl",
            impl,
            "--port",
            str(self.port),
            *(app_args or []),
        ]
        self._env = server_env(env)
        self._log = tempfile.TemporaryFile()  # noqa: SIM115  # lives until stop()
        self.process: subprocess.Popen[bytes] | None = None
        self.started_s = 0.0
        """``perf_counter`` just before the process was spawned."""

    def start(self) -> None:
        """Spawn the app process."""
        self.started_s = time.perf_counter()
        self.process = subprocess.Popen(
            self._command,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env=self._env,
            start_new_session=True,  # its own group, so helpers it spawns die with it
        )

    def wait_ready(self, timeout_s: float = READY_TIMEOUT_S, poll_s: float = 0.005) -> float:
        """Poll ``GET /`` until it answers 200; return seconds since ``start``.

        Raises:
            RuntimeError: the process exited or did not answer in time.
        """
        deadline = time.perf_counter() + timeout_s
        with httpx.Client(timeout=5.0) as client:
            while time.perf_counter() < deadline:
                if self.process is None or self.process.poll() is not None:
                    raise RuntimeError(f"app exited early:\n{self.log_tail()}")
                try:
                    if client.get(f"{self.base_url}/").status_code == 200:
                        return time.perf_counter() - self.started_s
                except httpx.TransportError:
                    pass
                time.sleep(poll_s)
        raise RuntimeError(f"app did not answer 200 on / in {timeout_s} s:\n{self.log_tail()}")

    @property
    def pid(self) -> int:
        """The app's process id."""
        if self.process is None:
            raise RuntimeError("AppServer.pid: call start() first")
        return self.process.pid

    def rss_bytes(self) -> int:
        """Resident set size of the app process (``VmRSS``)."""
        with open(f"/proc/{self.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        raise RuntimeError(f"no VmRSS in /proc/{self.pid}/status")

    def cpu_seconds(self) -> float:
        """User + system CPU time used so far by the app process."""
        with open(f"/proc/{self.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK

    def collect_garbage(self) -> None:
        """Ask the app to run ``gc.collect()`` (its SIGUSR1 handler)."""
        os.kill(self.pid, signal.SIGUSR1)

    def log_tail(self, size: int = 3000) -> str:
        """The last ``size`` bytes the app wrote to stdout/stderr."""
        self._log.seek(0)
        return self._log.read().decode(errors="replace")[-size:]

    def stop(self) -> None:
        """Kill the app process and wait for it."""
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self._log.close()

    def __enter__(self) -> AppServer:
        self.start()
        try:
            self.wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
