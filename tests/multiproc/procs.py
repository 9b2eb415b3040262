"""Real processes for the scale-out tests: redis-server, nginx, gradiate fronts and workers.

Every process runs on 127.0.0.1, logs to a file in the test's temp folder, and is started
in its own process group so that killing it (``kill -9`` included) takes its children too.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import httpx

SRC = Path(__file__).resolve().parents[2] / "src"
READY_TIMEOUT_S = 30.0
REDIS_SERVER = "/usr/bin/redis-server"
NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/bin/nginx")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """This environment for a child: these sources first on its path, no gradiate settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRADIATE_")}
    path = [str(SRC), *filter(None, env.get("PYTHONPATH", "").split(os.pathsep))]
    env.update(
        PYTHONPATH=os.pathsep.join(dict.fromkeys(path)),
        PYTHONUNBUFFERED="1",
        NO_PROXY="127.0.0.1,localhost",
        OMP_NUM_THREADS="1",
        OPENBLAS_NUM_THREADS="1",
    )
    env.update(extra or {})
    return env


class Proc:
    """One child process with its log file."""

    started: ClassVar[list[Proc]] = []
    """Every process started, so that none outlives the test session (``kill_leftovers``)."""

    def __init__(
        self, name: str, command: Sequence[str], log_dir: Path, env: dict[str, str] | None = None
    ) -> None:
        self.name = name
        self.command = list(command)
        self.log_path = log_dir / f"{name}.log"
        self.env = env if env is not None else child_env()
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Proc:
        """Spawn it (appending to its log, so a restart keeps the earlier lines)."""
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                self.command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                env=self.env, start_new_session=True,
            )  # fmt: skip
        Proc.started.append(self)
        return self

    @property
    def pid(self) -> int:
        """Its process id."""
        if self.process is None:
            raise RuntimeError(f"{self.name} was not started")
        return self.process.pid

    def is_alive(self) -> bool:
        """Whether it still runs."""
        return self.process is not None and self.process.poll() is None

    def log(self) -> str:
        """Everything it wrote so far."""
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def wait_for_log(self, text: str, timeout_s: float = READY_TIMEOUT_S, after: int = 0) -> None:
        """Wait until ``text`` appears in its log past character ``after``.

        Raises:
            AssertionError: it exited, or the text did not appear in time.
        """
        deadline = time.monotonic() + timeout_s
        while text not in self.log()[after:]:
            assert self.is_alive(), f"{self.name} exited:\n{self.log()[-3000:]}"
            assert time.monotonic() < deadline, (
                f"{self.name}: no {text!r} after {timeout_s} s:\n{self.log()[-3000:]}"
            )
            time.sleep(0.05)

    def kill9(self) -> None:
        """``kill -9`` it (and its process group), and reap it."""
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self, timeout_s: float = 10.0) -> int | None:
        """SIGTERM, then SIGKILL if it lingers; its exit status."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                self.kill9()
        return self.process.returncode


def kill_leftovers() -> None:
    """``kill -9`` every process started here that still runs."""
    for proc in Proc.started:
        proc.kill9()
    Proc.started.clear()


def wait_http(url: str, timeout_s: float = READY_TIMEOUT_S, proc: Proc | None = None) -> None:
    """Poll ``url`` until it answers 200.

    Raises:
        AssertionError: ``proc`` exited, or no 200 in time.
    """
    deadline = time.monotonic() + timeout_s
    while True:
        if proc is not None:
            assert proc.is_alive(), f"{proc.name} exited:\n{proc.log()[-3000:]}"
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, f"{url} did not answer 200 in {timeout_s} s"
        time.sleep(0.05)


# ----- redis-server ----------------------------------------------------------------------


class RedisProcess:
    """Debian's redis-server on a loopback port, no persistence; restartable on that port."""

    def __init__(self, folder: Path, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        folder.mkdir(parents=True, exist_ok=True)
        command = [
            REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
            "--appendonly", "no", "--dir", str(folder), "--protected-mode", "yes",
        ]  # fmt: skip
        self.proc = Proc(f"redis-{self.port}", command, folder, env=dict(os.environ))

    def start(self) -> RedisProcess:
        """Start it and wait until it answers PING."""
        self.proc.start()
        deadline = time.monotonic() + READY_TIMEOUT_S
        while not self.ping():
            assert self.proc.is_alive(), f"redis-server exited:\n{self.proc.log()}"
            assert time.monotonic() < deadline, "redis-server did not answer PING"
            time.sleep(0.02)
        return self

    def ping(self) -> bool:
        """Whether it answers ``PING`` (spoken over a plain socket: no client needed)."""
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(64).startswith(b"+PONG")
        except OSError:
            return False

    def flush(self) -> None:
        """Empty every database."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as sock:
            sock.sendall(b"FLUSHALL\r\n")
            assert sock.recv(64).startswith(b"+OK")

    def stop(self) -> None:
        """Kill it at once (data is not kept)."""
        self.proc.kill9()


# ----- nginx -----------------------------------------------------------------------------

NGINX_CONF = """\
{user}worker_processes 1;
daemon off;
master_process on;
pid {dir}/nginx.pid;
error_log {dir}/error.log info;
events {{ worker_connections 4096; }}
http {{
    log_format upstream '$request_method $uri $status $upstream_addr';
    access_log {dir}/access.log upstream;
    client_body_temp_path {dir}/client_body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    # No keepalive to the fronts and no hash: each request may go to either front.
    upstream fronts {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://fronts;
            proxy_http_version 1.1;
            proxy_set_header Connection close;
            proxy_set_header Host $http_host;
            proxy_buffering off;
            proxy_cache off;
            # Which front answered: a test kills the one holding a stream.
            add_header X-Upstream $upstream_addr always;
            proxy_read_timeout {read_timeout};
            client_max_body_size 100m;
        }}
    }}
}}
"""


def nginx_binary() -> str:
    """Debian's nginx (``apt-get install nginx-light``)."""
    for candidate in NGINX_CANDIDATES:
        if os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which("nginx")
    if found is None:
        raise RuntimeError("nginx is not installed: apt-get install -y nginx-light")
    return found


class Nginx:
    """A round-robin nginx proxy in front of ``upstreams``, with its own prefix and logs."""

    def __init__(
        self, folder: Path, upstreams: Sequence[int], *, read_timeout_s: float = 3600
    ) -> None:
        """``read_timeout_s``: a stream silent this long is cut (a test cuts them on purpose)."""
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        servers = "\n".join(f"        server 127.0.0.1:{port};" for port in upstreams)
        # As root, nginx would hand its workers to `nobody`, who cannot write this folder.
        user = "user root;\n" if os.geteuid() == 0 else ""
        conf = folder / "nginx.conf"
        timeout = f"{int(read_timeout_s * 1000)}ms"
        text = NGINX_CONF.format(
            user=user, dir=folder, servers=servers, port=self.port, read_timeout=timeout
        )
        conf.write_text(text)
        error_log = str(folder / "error.log")
        command = [nginx_binary(), "-p", str(folder), "-c", str(conf), "-e", error_log]
        self.proc = Proc("nginx", command, folder, env=dict(os.environ))

    def start(self) -> Nginx:
        """Start it and wait until it listens."""
        self.proc.start()
        deadline = time.monotonic() + READY_TIMEOUT_S
        while True:
            assert self.proc.is_alive(), f"nginx exited:\n{self.proc.log()}{self.error_log()}"
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=1),
            ):
                return self
            assert time.monotonic() < deadline, "nginx did not listen in time"
            time.sleep(0.02)

    def log_mark(self) -> int:
        """How many requests are logged so far (for ``upstreams_of(after=...)``)."""
        log = self.folder / "access.log"
        return len(log.read_text().splitlines()) if log.exists() else 0

    def upstreams_of(self, method: str, path_start: str, after: int = 0) -> list[str]:
        """The front (``127.0.0.1:port``) each logged request to ``path_start`` went to."""
        log = self.folder / "access.log"
        found = []
        for line in log.read_text().splitlines()[after:] if log.exists() else []:
            parts = line.split(" ", 3)
            if len(parts) == 4 and parts[0] == method and parts[1].startswith(path_start):
                found.append(parts[3].split(",")[-1].strip())
        return found

    def error_log(self) -> str:
        """nginx's own error log."""
        path = self.folder / "error.log"
        return path.read_text() if path.exists() else ""

    def stop(self) -> None:
        """Stop it (SIGTERM: fast shutdown)."""
        self.proc.stop()


# ----- the cluster -----------------------------------------------------------------------


def gradiate_command(*args: str) -> list[str]:
    """``gradiate ...`` as this interpreter runs it."""
    return [sys.executable, "-m", "gradiate", *args]


@dataclass
class Cluster:
    """Front processes behind nginx and worker processes, sharing one Redis."""

    app: Path
    backend: str
    folder: Path
    env: dict[str, str] = field(default_factory=dict)
    fronts: list[Proc] = field(default_factory=list)
    front_ports: list[int] = field(default_factory=list)
    workers: list[Proc] = field(default_factory=list)
    nginx: Nginx | None = None

    @property
    def url(self) -> str:
        """The proxy's URL: what clients use."""
        assert self.nginx is not None
        return self.nginx.url

    def add_front(self, port: int | None = None) -> Proc:
        """Start one ``gradiate serve`` front on ``port`` (a free one by default)."""
        port = port or free_port()
        index = len(self.fronts)
        command = gradiate_command(
            "serve", str(self.app), "--backend", self.backend, "--host", "127.0.0.1",
            "--port", str(port),
        )  # fmt: skip
        proc = Proc(f"front{index}-{port}", command, self.folder, child_env(self.env)).start()
        self.fronts.append(proc)
        self.front_ports.append(port)
        return proc

    def add_worker(self) -> Proc:
        """Start one ``gradiate worker``; return once it says it runs."""
        command = gradiate_command("worker", str(self.app), "--backend", self.backend)
        name = f"worker{len(self.workers)}"
        proc = Proc(name, command, self.folder, child_env(self.env)).start()
        self.workers.append(proc)
        proc.wait_for_log("worker running")
        return proc

    def wait_ready(self) -> None:
        """Wait until every front answers /config."""
        for proc, port in zip(self.fronts, self.front_ports, strict=True):
            if proc.is_alive():
                wait_http(f"http://127.0.0.1:{port}/config", proc=proc)

    def front_at(self, address: str) -> Proc:
        """The front listening on ``127.0.0.1:port``."""
        port = int(address.rsplit(":", 1)[1])
        return self.fronts[self.front_ports.index(port)]

    def restart_front(self, proc: Proc) -> None:
        """Start a killed front again on its port, and wait until it answers."""
        port = self.front_ports[self.fronts.index(proc)]
        proc.start()
        wait_http(f"http://127.0.0.1:{port}/config", proc=proc)

    def worker_with_pid(self, pid: int) -> Proc:
        """The worker whose process id is ``pid``."""
        return next(worker for worker in self.workers if worker.pid == pid)

    def logs(self) -> str:
        """Every process's log tail, for a failing assertion."""
        parts = [f"--- {p.name}\n{p.log()[-2000:]}" for p in [*self.fronts, *self.workers]]
        return "\n".join(parts)

    def stop(self) -> None:
        """Stop everything (each process even when stopping another failed)."""
        procs = [*([self.nginx.proc] if self.nginx else []), *self.fronts, *self.workers]
        for proc in procs:
            try:
                proc.stop()
            except Exception:
                proc.kill9()


@contextlib.contextmanager
def cluster(
    app: Path, backend: str, folder: Path, *, fronts: int = 2, workers: int = 3,
    env: dict[str, str] | None = None,
) -> Iterator[Cluster]:  # fmt: skip
    """``fronts`` fronts behind nginx and ``workers`` workers of ``app`` on ``backend``."""
    folder.mkdir(parents=True, exist_ok=True)
    group = Cluster(app, backend, folder, env=dict(env or {}))
    try:
        for _ in range(fronts):
            group.add_front()
        for _ in range(workers):
            group.add_worker()
        group.wait_ready()
        group.nginx = Nginx(folder / "nginx", group.front_ports).start()
        yield group
    finally:
        group.stop()
