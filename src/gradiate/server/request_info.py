"""``request_info``: the plain record of an HTTP request that ``gr.Request`` exposes.

The engine knows nothing of HTTP, so the routes read what a function may ask for from the
ASGI scope into a ``RequestInfo`` and hand that over with the event.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from gradiate.request import RequestInfo


def request_info(scope: MutableMapping[str, Any]) -> RequestInfo:
    """What ``gr.Request`` exposes, read from an ASGI scope."""
    client = scope.get("client")
    server = scope.get("server")
    return RequestInfo(
        headers=tuple((bytes(name), bytes(value)) for name, value in scope.get("headers", ())),
        client=(str(client[0]), int(client[1])) if client else None,
        query_string=bytes(scope.get("query_string", b"")),
        scheme=str(scope.get("scheme", "http")),
        server=(str(server[0]), server[1]) if server else None,
        root_path=str(scope.get("root_path", "")),
        path=str(scope.get("path", "/")),
        path_params={str(k): str(v) for k, v in scope.get("path_params", {}).items()},
    )
