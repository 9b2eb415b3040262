"""The ``gradiate`` command: ``gradiate serve app.py`` and ``gradiate worker app.py``.

``serve`` runs front processes (HTTP and the event streams). With a shared backend
(Redis) they run no user function: ``gradiate worker`` processes do, on this machine or
others. With the in-memory backend one process is both, as ``demo.launch()`` is.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from gradiate.app_loader import (
    LoadedApp,
    backend_url,
    is_shared,
    load_app,
    redact,
    use_backend,
)
from gradiate.exceptions import ConfigError

if TYPE_CHECKING:
    from gradiate.launch_options import LaunchOptions

logger = logging.getLogger("gradiate.cli")

FRONT: frozenset[str] = frozenset({"front"})
WORKER: frozenset[str] = frozenset({"worker"})
BOTH: frozenset[str] = frozenset({"front", "worker"})
STOP_GRACE_S = 30.0
"""How long a stopping worker waits for its running jobs before it exits anyway."""

APP_ENV = "GRADIATE_APP"
DEMO_NAME_ENV = "GRADIATE_DEMO_NAME"
ROLE_ENV = "GRADIATE_ROLE"
HOST_ENV = "GRADIATE_SERVER_NAME"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return the exit status."""
    args = _parser().parse_args(argv)
    configure_logging()
    try:
        if args.command == "serve":
            return serve(args)
        return work(args)
    except ConfigError as exc:
        print(f"gradiate {args.command}: {exc}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gradiate", description="Serve a gradiate app, or run its functions as a worker."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve_cmd = commands.add_parser(
        "serve",
        help="serve the app over HTTP",
        description="Serve the app. With --backend redis://… these are front processes "
        "(HTTP and event streams; `gradiate worker` runs the functions); without, one "
        "process does both.",
    )
    _common(serve_cmd, backend_required=False)
    serve_cmd.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    serve_cmd.add_argument(
        "--port", type=int, help="port (default: the first free one from 7860; 0: any free)"
    )
    serve_cmd.add_argument(
        "--workers", type=int, default=1, metavar="N",
        help="HTTP processes on this port (needs a shared backend)",
    )  # fmt: skip
    worker_cmd = commands.add_parser(
        "worker",
        help="run the app's functions for front processes (no HTTP)",
        description="Pull the app's events from the shared backend and run them, until "
        "SIGTERM or Ctrl-C (running jobs then get to finish).",
    )
    _common(worker_cmd, backend_required=True)
    return parser


def _common(parser: argparse.ArgumentParser, *, backend_required: bool) -> None:
    parser.add_argument("app", help="the app's Python file")
    need = "required" if backend_required else "default: in-memory"
    parser.add_argument(
        "--backend",
        metavar="URL",
        help=f"queue backend, such as redis://host:6379/0 (or GRADIATE_QUEUE_URL; {need})",
    )
    parser.add_argument(
        "--demo-name", metavar="NAME", help="the Blocks to serve (default: `demo`, or the only one)"
    )


def configure_logging() -> None:
    """Show gradiate's INFO lines (roles, backend lost and back) on stderr, once."""
    root = logging.getLogger("gradiate")
    if root.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)


# ----- serve ----------------------------------------------------------------------------


def serve(args: argparse.Namespace) -> int:
    """``gradiate serve``: front processes, or one process of both roles."""
    if args.workers < 1:
        raise ConfigError(f"--workers {args.workers}: use at least 1.")
    loaded = load_app(args.app, args.demo_name)
    url = backend_url(loaded.blocks, args.backend)
    if args.backend or is_shared(url):
        use_backend(loaded.blocks, url)
    options = serve_options(loaded, args.host, args.port)
    if args.workers > 1:
        if not is_shared(url):
            raise ConfigError(
                f"--workers {args.workers} runs {args.workers} processes, and the in-memory "
                "backend shares nothing between them; pass --backend redis://host:6379/0 (or "
                "set GRADIATE_QUEUE_URL), or run one process."
            )
        return _serve_processes(loaded, args, options)
    roles = FRONT if is_shared(url) else BOTH
    if roles == FRONT:
        logger.info(
            "front process on %s: HTTP and event streams; `gradiate worker` processes run "
            "the functions",
            redact(url),
        )
    else:
        logger.info("one process, front and worker (in-memory backend)")
    return _run_uvicorn(make_app(loaded, options, roles), options)


def serve_options(loaded: LoadedApp, host: str | None, port: int | None) -> LaunchOptions:
    """The app's ``launch()`` options (or the defaults), with ``--host`` and ``--port``."""
    from gradiate.launch_options import LaunchOptions

    options = loaded.launch_options
    if options is None:
        options = LaunchOptions.build(
            server_name=host, server_port=port, max_threads=40, max_file_size=None
        )
    if host is not None:
        options = dataclasses.replace(options, server_name=host)
    if port is not None:
        if not 0 <= port <= 65535:
            raise ConfigError(f"--port {port}: a port must be between 0 and 65535.")
        options = dataclasses.replace(options, server_port=port)
    return options


def make_app(loaded: LoadedApp, options: LaunchOptions, roles: frozenset[str]) -> Any:
    """The ASGI app of ``loaded`` in ``roles``, set up as ``launch()`` sets it up."""
    from gradiate.server.app import create_app

    blocks = loaded.blocks
    blocks.show_error = options.show_error
    blocks.max_file_size_bytes = options.max_file_size_bytes
    app = create_app(blocks, options, roles=roles)
    blocks.app = app
    return app


def _run_uvicorn(app: Any, options: LaunchOptions) -> int:
    from gradiate.server.running import bind_socket, uvicorn_config

    sock = bind_socket(options.server_name, options.server_port)
    config = uvicorn_config(app, options, graceful_shutdown_s=5)
    _announcing_server(config, options).run(sockets=[sock])
    return 0


def _announcing_server(config: Any, options: LaunchOptions) -> Any:
    """uvicorn's server, printing the app's URL once it accepts connections."""
    import uvicorn

    class Server(uvicorn.Server):
        async def startup(self, sockets: list[Any] | None = None) -> None:
            await super().startup(sockets)
            if self.started and sockets and not options.quiet:
                port = sockets[0].getsockname()[1]
                print(f"* Running on local URL:  {_url(options, port)}", flush=True)

    return Server(config)


def _url(options: LaunchOptions, port: int) -> str:
    host = options.server_name
    if host in ("0.0.0.0", "::"):
        host = "127.0.0.1"
    elif ":" in host:
        host = f"[{host}]"
    scheme = "https" if options.ssl_certfile else "http"
    return f"{scheme}://{host}:{port}"


def _serve_processes(loaded: LoadedApp, args: argparse.Namespace, options: LaunchOptions) -> int:
    import uvicorn

    host = options.server_name
    os.environ[APP_ENV] = str(loaded.path)
    os.environ[ROLE_ENV] = "front"
    os.environ[HOST_ENV] = host
    if args.demo_name:
        os.environ[DEMO_NAME_ENV] = args.demo_name
    port = options.server_port if options.server_port is not None else 7860
    logger.info(
        "%d front processes on %s:%d, backend %s; `gradiate worker` processes run the functions",
        args.workers, host, port, redact(os.environ["GRADIATE_QUEUE_URL"]),
    )  # fmt: skip
    print(f"* Running on local URL:  {_url(options, port)}", flush=True)
    uvicorn.run(
        "gradiate.asgi:app", host=host, port=port, workers=args.workers, log_level="warning",
        access_log=False, lifespan="on", ws="none", root_path=options.root_path,
        ssl_keyfile=options.ssl_keyfile, ssl_certfile=options.ssl_certfile,
        ssl_keyfile_password=options.ssl_keyfile_password, timeout_graceful_shutdown=5,
    )  # fmt: skip
    return 0


# ----- worker ---------------------------------------------------------------------------


def work(args: argparse.Namespace) -> int:
    """``gradiate worker``: run the app's functions for the fronts until told to stop."""
    loaded = load_app(args.app, args.demo_name)
    url = backend_url(loaded.blocks, args.backend)
    if not is_shared(url):
        raise ConfigError(
            "a worker needs a shared backend: pass --backend redis://host:6379/0 (or set "
            "GRADIATE_QUEUE_URL). With the in-memory backend `gradiate serve` runs the "
            "functions itself."
        )
    use_backend(loaded.blocks, url)
    options = loaded.launch_options
    asyncio.run(_work(loaded, url, options))
    return 0


async def _work(loaded: LoadedApp, url: str, options: LaunchOptions | None) -> None:
    from gradiate.engine.engine import Engine

    blocks = loaded.blocks
    blocks.show_error = options.show_error if options else False
    engine = Engine(
        blocks,
        roles=WORKER,
        max_threads=options.max_threads if options else 40,
        show_error=blocks.show_error,
    )
    stop = asyncio.Event()
    _on_stop_signals(stop)
    async with engine.running():
        logger.info("worker running %s's functions from %s", loaded.path.name, redact(url))
        await stop.wait()
        await _drain(engine, STOP_GRACE_S)
    logger.info("worker stopped")


async def _drain(engine: Any, grace_s: float) -> None:
    """Take no new job; wait up to ``grace_s`` for the running ones, else exit at once.

    Exiting hard matters: leaving ``engine.running()`` would cancel the jobs and report them
    cancelled, whereas a process that is gone leaves them to be retried on another worker.
    """
    worker = engine.worker
    if worker is None:
        return
    worker.stop_pulling()
    logger.info(
        "stopping: no new jobs; waiting up to %.0f s for %d running", grace_s,
        worker.running_count(),
    )  # fmt: skip
    deadline = time.monotonic() + grace_s
    while worker.running_count() and time.monotonic() < deadline:  # noqa: ASYNC110  # a count
        await asyncio.sleep(0.05)
    if worker.running_count():
        logger.warning(
            "%d jobs still running after %.0f s; exiting (the backend hands them to another "
            "worker)", worker.running_count(), grace_s,
        )  # fmt: skip
        logging.shutdown()
        os._exit(1)
    _exit_after(grace_s)  # closing the backend must not hang either


def _on_stop_signals(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)


def _exit_after(seconds: float) -> None:
    """Exit the process if stopping takes longer than ``seconds`` (a job that will not end)."""

    def force() -> None:
        logger.warning(
            "jobs still running after %.0f s; exiting (the backend hands them to another worker)",
            seconds,
        )
        logging.shutdown()
        os._exit(1)

    timer = threading.Timer(seconds, force)
    timer.daemon = True
    timer.start()


if __name__ == "__main__":
    sys.exit(main())
