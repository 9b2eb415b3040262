"""Running the ASGI app on uvicorn in a background thread, and stopping it."""

from __future__ import annotations

import errno
import socket
import threading
import time
from typing import TYPE_CHECKING, Any

import uvicorn

from gradiate.exceptions import ConfigError
from gradiate.launch_options import DEFAULT_PORT, PORT_SEARCH_SPAN

if TYPE_CHECKING:
    from gradiate.launch_options import LaunchOptions
    from gradiate.server.guard import Guard

STARTUP_TIMEOUT_S = 15.0


def bind_socket(host: str, port: int | None) -> socket.socket:
    """A listening-ready socket on ``port``, or the first free port from 7860 on.

    Raises:
        ConfigError: the fixed port is taken, or no port in the range is free.
    """
    candidates = (
        [port] if port is not None else range(DEFAULT_PORT, DEFAULT_PORT + PORT_SEARCH_SPAN)
    )
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    for candidate in candidates:
        # IPPROTO_TCP explicitly: asyncio only sets TCP_NODELAY on sockets created with it,
        # and without it small responses stall on delayed ACKs.
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, candidate))
        except OSError as exc:
            sock.close()
            if exc.errno not in (errno.EADDRINUSE, errno.EACCES):
                raise ConfigError(f"Cannot listen on {host}:{candidate}: {exc.strerror}.") from exc
            continue
        sock.set_inheritable(True)
        return sock
    if port is not None:
        raise ConfigError(
            f"Port {port} on {host} is in use; pass another server_port, or none to use the "
            "first free port from 7860."
        )
    raise ConfigError(
        f"No free port between {DEFAULT_PORT} and {DEFAULT_PORT + PORT_SEARCH_SPAN - 1} on "
        f"{host}; pass server_port."
    )


class RunningServer:
    """uvicorn serving one app in a daemon thread."""

    def __init__(self, app: Guard, options: LaunchOptions) -> None:
        self.sock = bind_socket(options.server_name, options.server_port)
        self.port: int = self.sock.getsockname()[1]
        config = uvicorn_config(app, options, graceful_shutdown_s=1)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True,
            name=f"gradiate-server-{self.port}",
        )  # fmt: skip

    def start(self) -> None:
        """Start serving; return once the server accepts connections.

        Raises:
            RuntimeError: the server did not start in time.
        """
        self.thread.start()
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                self.sock.close()
                raise RuntimeError("The gradiate server failed to start; see the log above.")
            time.sleep(0.002)

    def stop(self) -> None:
        """Stop serving and wait for the thread to end (open streams are cut)."""
        self.server.should_exit = True
        self.thread.join(timeout=1.0)
        if self.thread.is_alive():
            self.server.force_exit = True
            self.thread.join(timeout=5.0)
        self.sock.close()

    def wait_until_interrupted(self) -> None:
        """Block the calling thread until Ctrl-C or until the server stops."""
        try:
            while self.thread.is_alive():
                self.thread.join(timeout=0.5)
        except KeyboardInterrupt:
            print("Keyboard interruption in main thread... closing server.", flush=True)


def uvicorn_config(app: Any, options: LaunchOptions, graceful_shutdown_s: int) -> uvicorn.Config:
    """How gradiate runs uvicorn: quiet, no websockets, TLS and root path from ``options``."""
    return uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        lifespan="on",
        root_path=options.root_path,
        ssl_keyfile=options.ssl_keyfile,
        ssl_certfile=options.ssl_certfile,
        ssl_keyfile_password=options.ssl_keyfile_password,
        ws="none",
        timeout_graceful_shutdown=graceful_shutdown_s,
    )
