"""``create_app``: the Starlette application for one Blocks app."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from gradiate.api_info import get_api_info
from gradiate.api_snippets import with_code_snippets
from gradiate.engine.engine import (
    BOTH_ROLES,
    Engine,
    SessionLimits,
    open_backend,
    session_ttl_from_env,
)
from gradiate.server.guard import Guard, create_guard
from gradiate.server.hot_routes import HotRoutes
from gradiate.server.page import AppPage, public_root
from gradiate.server.responses import BadRequestError, JSONResponse, error_response
from gradiate.server.routes_call import CallRoutes
from gradiate.server.routes_files import FileRoutes
from gradiate.server.routes_queue import QueueRoutes
from gradiate.server.routes_upload import UploadRoutes
from gradiate.server.static_assets import FRONTEND_DIR, StaticAssets

if TYPE_CHECKING:
    from gradiate.blocks import Blocks
    from gradiate.launch_options import LaunchOptions

logger = logging.getLogger(__name__)

API = "/gradio_api"


def create_app(
    blocks: Blocks, options: LaunchOptions, *, roles: frozenset[str] = BOTH_ROLES
) -> Guard:
    """The ASGI app serving ``blocks``: page, config, queue, REST API and assets.

    The ``Guard`` is the outermost layer: every request, the raw hot routes included,
    passes its Host and Origin checks and gets its security headers. ``roles`` are the
    engine's (a front alone runs no user functions; it needs a shared backend).
    """
    limits = SessionLimits(max_sessions=options.max_sessions)
    engine = Engine(
        blocks,
        backend=open_backend(None, blocks, ttl_s=session_ttl_from_env(), limits=limits),
        roles=roles,
        max_threads=options.max_threads,
        show_error=options.show_error,
        limits=limits,
        max_pending_per_session=options.max_events_per_session,
        allowed_paths=options.allowed_paths,
        blocked_paths=options.blocked_paths,
    )
    page = AppPage(blocks, FRONTEND_DIR)
    assets = StaticAssets(FRONTEND_DIR / "assets")
    queue = QueueRoutes(engine)
    call = CallRoutes(engine)
    files = FileRoutes(engine.files)
    uploads = UploadRoutes(engine.files, options.max_file_size_bytes)
    api_info = get_api_info(blocks)
    all_api_info = get_api_info(blocks, all_endpoints=True)

    async def info(request: Request) -> Response:
        every = request.query_params.get("all_endpoints", "").lower() in ("1", "true")
        return JSONResponse(
            with_code_snippets(all_api_info if every else api_info, public_root(request))
        )

    async def asset(request: Request) -> Response:
        return assets.response(request, request.path_params["path"])

    async def index(request: Request) -> Response:
        return page.index(request)

    async def config(request: Request) -> Response:
        return page.config(request)

    async def constant(request: Request) -> Response:
        return JSONResponse(_CONSTANTS[request.url.path.removeprefix(API)])

    async def app_id(request: Request) -> Response:
        return JSONResponse({"app_id": blocks.app_id})

    async def theme_css(request: Request) -> Response:
        return Response(b"", media_type="text/css")

    async def login(request: Request) -> Response:
        return RedirectResponse(url="./", status_code=302)

    routes = [
        Route("/", index),
        Route("/config", config),
        Route("/config/", config),
        Route("/theme.css", theme_css),
        Route("/login", login, methods=["GET", "POST"]),
        Route("/assets/{path:path}", asset, methods=["GET", "HEAD"]),
        Route(f"{API}/info", info),
        Route(f"{API}/info/", info),
        Route(f"{API}/app_id", app_id),
        Route(f"{API}/theme.css", theme_css),
        *[Route(API + path, constant) for path in _CONSTANTS],
        Route(f"{API}/upload", uploads.upload, methods=["POST"]),
        Route(f"{API}/file={{path:path}}", files.file, methods=["GET", "HEAD"]),
        Route(f"{API}/file/{{path:path}}", files.file, methods=["GET", "HEAD"]),
        Route(f"{API}/queue/status", queue.status),
        Route(f"{API}/cancel", queue.cancel, methods=["POST"]),
        Route(f"{API}/reset", queue.reset, methods=["POST"]),
        Route(f"{API}/reset/", queue.reset, methods=["POST"]),
        Route(f"{API}/heartbeat/{{session_hash}}", queue.heartbeat),
        Route(f"{API}/call/v2/{{api_name}}", call.call_v2, methods=["POST"]),
        Route(f"{API}/call/v2/{{api_name}}/{{event_id}}", call.results),
        Route(f"{API}/call/{{api_name}}", call.call, methods=["POST"]),
        Route(f"{API}/call/{{api_name}}/", call.call, methods=["POST"]),
        Route(f"{API}/call/{{api_name}}/{{event_id}}", call.results),
        Route(f"{API}/run/{{api_name}}", call.run, methods=["POST"]),
        Route(f"{API}/run/{{api_name}}/", call.run, methods=["POST"]),
    ]

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with engine.running():
            yield

    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={
            BadRequestError: _bad_request,
            HTTPException: _http_error,
            Exception: _unexpected_error,
        },
    )
    app.state.engine = engine
    return create_guard(HotRoutes(engine, app), options)


_CONSTANTS: dict[str, object] = {
    "/startup-events": False,
    "/login_check": None,
    "/user": None,
    "/token": {"token": None, "user": None},
}


async def _bad_request(request: Request, exc: Exception) -> Response:
    if not isinstance(exc, BadRequestError):
        raise exc
    return error_response(exc.status, exc.error, exc.detail, retry_after_s=exc.retry_after_s)


async def _http_error(request: Request, exc: Exception) -> Response:
    if not isinstance(exc, HTTPException):
        raise exc
    error = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    return error_response(exc.status_code, error, str(exc.detail))


async def _unexpected_error(request: Request, exc: Exception) -> Response:
    logger.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal_error", "The server hit an unexpected error.")
