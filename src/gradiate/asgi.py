"""An ASGI ``app`` for ASGI servers: ``uvicorn gradiate.asgi:app --workers 4``.

Set ``GRADIATE_APP`` to the app's file (and ``GRADIATE_DEMO_NAME`` to pick its Blocks),
``GRADIATE_QUEUE_URL=redis://…`` so the processes share one queue, and optionally
``GRADIATE_ROLE=front`` (HTTP only; ``gradiate worker`` runs the functions) or
``GRADIATE_ROLE=worker``; by default each process is both. Each process loads the app at
its first lifespan or request. ``GRADIO_SERVER_NAME`` and ``GRADIATE_ALLOWED_HOSTS`` set the
``Host`` names answered, as for ``launch()``: the server's bind address is not known here.
"""

from __future__ import annotations

import os
import threading
from typing import Any

from gradiate.exceptions import ConfigError
from gradiate.server.asgi_types import Receive, Scope, Send

ROLES = {
    "": frozenset({"front", "worker"}),
    "both": frozenset({"front", "worker"}),
    "front": frozenset({"front"}),
    "worker": frozenset({"worker"}),
}


def roles_from_env() -> frozenset[str]:
    """``GRADIATE_ROLE`` as a set of roles.

    Raises:
        ConfigError: an unknown role.
    """
    raw = os.environ.get("GRADIATE_ROLE", "").strip().lower()
    if raw not in ROLES:
        raise ConfigError(
            f"GRADIATE_ROLE={raw!r}: use 'front', 'worker', or leave it unset for both."
        )
    return ROLES[raw]


def build_app() -> Any:
    """The app named by the environment, as ``gradiate serve`` would build it.

    Raises:
        ConfigError: ``GRADIATE_APP`` is unset, or the app or role is wrong.
    """
    from gradiate.app_loader import backend_url, is_shared, load_app, use_backend
    from gradiate.cli import configure_logging, make_app, serve_options

    configure_logging()

    path = os.environ.get("GRADIATE_APP")
    if not path:
        raise ConfigError(
            "GRADIATE_APP is not set; set it to the app's file, e.g. "
            "GRADIATE_APP=app.py uvicorn gradiate.asgi:app"
        )
    roles = roles_from_env()
    loaded = load_app(path, os.environ.get("GRADIATE_DEMO_NAME") or None)
    url = backend_url(loaded.blocks)
    if is_shared(url):
        use_backend(loaded.blocks, url)
    elif roles != ROLES[""]:
        raise ConfigError(
            f"GRADIATE_ROLE={os.environ['GRADIATE_ROLE']}: a split role needs a shared backend; "
            "set GRADIATE_QUEUE_URL=redis://host:6379/0."
        )
    # The ASGI server chose the address: its name wins over the file's launch(server_name=).
    host = os.environ.get("GRADIATE_SERVER_NAME") or os.environ.get("GRADIO_SERVER_NAME")
    return make_app(loaded, serve_options(loaded, host or None, None), roles)


class LazyApp:
    """Builds the real app on first use, once per process."""

    def __init__(self) -> None:
        self._app: Any = None
        self._lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        app = self._app
        if app is None:
            with self._lock:
                if self._app is None:
                    self._app = build_app()
                app = self._app
        await app(scope, receive, send)


app = LazyApp()
