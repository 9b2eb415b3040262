"""``launch()``: serve a Blocks app on uvicorn, print its URL, optionally block."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from gradiate.exceptions import ConfigError
from gradiate.launch_options import LaunchOptions
from gradiate.unsupported import refuse_unsupported, suggest_keywords, warn_unsupported

if TYPE_CHECKING:
    from gradiate.blocks import Blocks
    from gradiate.server.guard import Guard

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class LaunchCall:
    """A ``launch()`` made while an app file was loaded by the ``gradiate`` command."""

    blocks: Blocks
    options: LaunchOptions


_CAPTURED: ContextVar[list[LaunchCall] | None] = ContextVar("gradiate_launch_calls", default=None)


@contextmanager
def launches_captured() -> Iterator[list[LaunchCall]]:
    """While the block runs, ``launch()`` records its call here and returns at once.

    The command line loads an app file this way: its ``demo.launch(...)`` neither starts
    a server nor blocks, and its options (``show_error=``, ``max_threads=`` …) are kept.
    """
    calls: list[LaunchCall] = []
    token = _CAPTURED.set(calls)
    try:
        yield calls
    finally:
        _CAPTURED.reset(token)


@suggest_keywords
def launch(
    blocks: Blocks,
    inline: bool | None = None,
    inbrowser: bool = False,
    share: bool | None = None,
    debug: bool = False,
    max_threads: int = 40,
    auth: Any = None,
    auth_message: str | None = None,
    prevent_thread_lock: bool = False,
    show_error: bool = False,
    server_name: str | None = None,
    server_port: int | None = None,
    *,
    height: int = 500,
    width: int | str = "100%",
    favicon_path: str | Path | None = None,
    ssl_keyfile: str | None = None,
    ssl_certfile: str | None = None,
    ssl_keyfile_password: str | None = None,
    ssl_verify: bool = True,
    quiet: bool = False,
    footer_links: list[Any] | None = None,
    run_history: bool | None = None,
    allowed_paths: Sequence[str] | None = None,
    blocked_paths: Sequence[str] | None = None,
    root_path: str | None = None,
    app_kwargs: dict[str, Any] | None = None,
    state_session_capacity: int = 10000,
    share_server_address: str | None = None,
    share_server_protocol: Literal["http", "https"] | None = None,
    share_server_tls_certificate: str | None = None,
    auth_dependency: Callable[..., Any] | None = None,
    max_file_size: int | str | None = None,
    enable_monitoring: bool | None = None,
    strict_cors: bool = True,
    node_server_name: str | None = None,
    node_port: int | None = None,
    ssr_mode: bool | None = None,
    pwa: bool | None = None,
    mcp_server: bool | None = None,
    num_workers: int | None = None,
    i18n: Any = None,
    theme: Any = None,
    css: str | None = None,
    css_paths: str | Path | Sequence[str | Path] | None = None,
    js: str | None = None,
    head: str | None = None,
    head_paths: str | Path | Sequence[str | Path] | None = None,
    allowed_hosts: Sequence[str] | None = None,
    frame_ancestors: str | Sequence[str] | None = None,
    max_sessions: int = 100_000,
    max_events_per_session: int = 64,
) -> tuple[Guard, str, str | None]:
    """Serve ``blocks`` and print its local URL (Gradio's ``Blocks.launch``).

    Every parameter is Gradio's. An unknown keyword raises ``TypeError`` with the closest
    name; an option gradiate cannot honour raises ``ConfigError`` when set, and a
    cosmetic one (notebook sizes, footer, favicon, PWA, SSR) is ignored with one warning.

    Args:
        blocks: the app.
        inline: notebook display (ignored, with a warning).
        inbrowser: open the app in the default browser.
        share: a public link needs the share tunnel, which gradiate does not have yet.
        debug: block even when ``prevent_thread_lock`` would not.
        max_threads: worker threads for sync functions.
        auth: login is not available yet.
        auth_message: the login page's text (ignored, with a warning).
        prevent_thread_lock: return at once, leaving the server running in a thread.
        show_error: send exception messages (not tracebacks) to the browser.
        server_name: the address to listen on; ``GRADIO_SERVER_NAME`` or 127.0.0.1.
        server_port: the port (an int); ``GRADIO_SERVER_PORT`` or the first free from 7860.
        height: the notebook frame's height (ignored, with a warning).
        width: the notebook frame's width (ignored, with a warning).
        favicon_path: the tab's icon (ignored, with a warning).
        ssl_keyfile: serve HTTPS with this key.
        ssl_certfile: serve HTTPS with this certificate.
        ssl_keyfile_password: the key's password.
        ssl_verify: checks of the share server's certificate (ignored, with a warning).
        quiet: print nothing.
        footer_links: the footer's links (ignored, with a warning).
        run_history: the run-history panel (ignored, with a warning).
        allowed_paths: extra folders whose files may be served.
        blocked_paths: folders whose files may never be served.
        root_path: the path prefix when served behind a proxy.
        app_kwargs: options of the web framework's app (not supported).
        state_session_capacity: the most sessions kept (not supported yet).
        share_server_address: not supported yet (no share links).
        share_server_protocol: not supported yet (no share links).
        share_server_tls_certificate: not supported yet (no share links).
        auth_dependency: not supported yet (no login).
        max_file_size: the largest upload (bytes, or a string such as ``"5mb"``).
        enable_monitoring: the monitoring dashboard (not supported yet).
        strict_cors: refuse requests from ``Origin: null``; False allows them, as Gradio.
        node_server_name: gradiate renders in the browser: no Node server (ignored).
        node_port: gradiate renders in the browser: no Node server (ignored).
        ssr_mode: gradiate renders in the browser (ignored, with a warning).
        pwa: installable app (ignored, with a warning).
        mcp_server: the MCP server (not supported yet).
        num_workers: several server processes (not supported yet).
        i18n: translations (not supported yet).
        theme: overrides the Blocks' theme (ignored, with a warning).
        css: overrides the Blocks' custom CSS.
        css_paths: files whose CSS is added to the page.
        js: custom JavaScript run when the page loads (not supported yet).
        head: overrides the Blocks' custom head HTML.
        head_paths: files whose HTML is added to the page's ``<head>``.
        allowed_hosts: extra ``Host`` names to serve (a loopback bind serves only loopback
            names and ``server_name``; ``"*"`` serves any); also ``GRADIATE_ALLOWED_HOSTS``.
        frame_ancestors: who may show the app in a frame (CSP sources; default ``"*"``).
        max_sessions: sessions kept at once; new ones past it get 503.
        max_events_per_session: events one session may have pending; more get 503.

    Returns:
        ``(app, local_url, share_url)``: the ASGI app, its URL, and None.

    Raises:
        ConfigError: an option gradiate cannot honour was set, or a setting is invalid.
        TypeError: an unknown keyword argument.
    """
    if share:
        raise ConfigError(
            "launch(share=True): share links are not available in gradiate yet; serve on a "
            "reachable address with server_name='0.0.0.0' instead."
        )
    if auth is not None:
        raise ConfigError(
            "launch(auth=...): login is not available in gradiate yet; put the app behind a "
            "reverse proxy with authentication instead."
        )
    _check_port(server_port)
    refuse_unsupported(
        launch, app_kwargs=app_kwargs, state_session_capacity=state_session_capacity,
        share_server_address=share_server_address, share_server_protocol=share_server_protocol,
        share_server_tls_certificate=share_server_tls_certificate,
        auth_dependency=auth_dependency, num_workers=num_workers,
        i18n=i18n, enable_monitoring=enable_monitoring or None, mcp_server=mcp_server or None,
    )  # fmt: skip
    warn_unsupported(
        launch, inline=inline, auth_message=auth_message, height=height, width=width,
        favicon_path=favicon_path, ssl_verify=ssl_verify, footer_links=footer_links,
        run_history=run_history, node_server_name=node_server_name, node_port=node_port,
        ssr_mode=ssr_mode or None, pwa=pwa or None,
    )  # fmt: skip
    page_options(launch, theme=theme, js=js)
    if css is not None or css_paths is not None:
        blocks.css = with_files(css if css is not None else blocks.css, css_paths, "css_paths")
    if head is not None or head_paths is not None:
        blocks.head = with_files(
            head if head is not None else blocks.head, head_paths, "head_paths"
        )
    if theme is not None:
        blocks.theme = theme
    options = LaunchOptions.build(
        server_name=server_name,
        server_port=server_port,
        max_threads=max_threads,
        max_file_size=max_file_size,
        inbrowser=inbrowser,
        prevent_thread_lock=prevent_thread_lock,
        quiet=quiet,
        show_error=show_error,
        root_path=root_path or "",
        ssl_keyfile=ssl_keyfile,
        ssl_certfile=ssl_certfile,
        ssl_keyfile_password=ssl_keyfile_password,
        allowed_paths=tuple(allowed_paths or ()),
        blocked_paths=tuple(blocked_paths or ()),
        strict_cors=strict_cors,
        allowed_hosts=allowed_hosts,
        frame_ancestors=frame_ancestors,
        max_sessions=max_sessions,
        max_events_per_session=max_events_per_session,
    )
    captured = _CAPTURED.get()
    if captured is not None:
        captured.append(LaunchCall(blocks, options))
        logger.info("launch() returns at once: the gradiate command runs the server")
        return blocks.app, blocks.local_url or "", None
    return _serve(blocks, options, debug)


def _check_port(server_port: object) -> None:
    if server_port is None or (isinstance(server_port, int) and not isinstance(server_port, bool)):
        return
    hint = ""
    if isinstance(server_port, str) and server_port.strip().isdigit():
        hint = f" Use server_port={int(server_port)}."
    raise ConfigError(
        f"launch(server_port={server_port!r}): a port is an int, got "
        f"{type(server_port).__name__}.{hint}"
    )


def page_options(owner: object, *, theme: object = None, js: object = None) -> None:
    """Check the page options shared by ``gr.Blocks()`` and ``launch()``.

    A theme other than the built-in one is ignored with a warning (the page still works);
    page-load JavaScript is refused, since the app may depend on it.

    Raises:
        ConfigError: for ``js``.
    """
    if js is not None:
        raise ConfigError(
            f"{getattr(owner, '__name__', type(owner).__name__)}(js=...): page-load JavaScript "
            "is not supported in gradiate yet; remove it, or run the script from "
            "head='<script>…</script>' instead."
        )
    if isinstance(theme, str) and theme.lower() in ("default", "base"):
        theme = None
    warn_unsupported(owner, theme=theme)


def with_files(
    text: str | None, paths: str | Path | Sequence[str | Path] | None, option: str
) -> str | None:
    """``text`` followed by the contents of the files in ``paths`` (``css_paths=``).

    Raises:
        ConfigError: a file cannot be read.
    """
    if paths is None:
        return text
    items = [paths] if isinstance(paths, (str, Path)) else list(paths)
    parts = [text] if text else []
    for path in items:
        try:
            parts.append(Path(path).read_text("utf-8"))
        except OSError as exc:
            raise ConfigError(
                f"{option}={str(path)!r}: cannot read the file ({exc.strerror}); give the path "
                "of an existing text file."
            ) from exc
    return "\n".join(parts) or None


def _serve(blocks: Blocks, options: LaunchOptions, debug: bool) -> tuple[Guard, str, None]:
    from gradiate.server.app import create_app
    from gradiate.server.running import RunningServer

    if blocks.server is not None:
        blocks.close()
    blocks.show_error = options.show_error
    blocks.max_file_size_bytes = options.max_file_size_bytes
    app = create_app(blocks, options)
    server = RunningServer(app, options)
    server.start()
    blocks.server = server
    blocks.is_running = True
    blocks.server_name = options.server_name
    blocks.server_port = server.port
    host = options.server_name
    if host in ("0.0.0.0", "::"):
        host = "127.0.0.1"
    elif ":" in host:
        host = f"[{host}]"
    scheme = "https" if options.ssl_certfile else "http"
    blocks.local_url = f"{scheme}://{host}:{server.port}/"
    blocks.app = app
    if not options.quiet:
        # flush: with stdout redirected (a pipe, a log file) the URL must not wait in a buffer
        print(f"* Running on local URL:  {blocks.local_url.rstrip('/')}", flush=True)
    if options.inbrowser:
        import webbrowser  # only here: importing it costs ~9 ms of every start-up

        webbrowser.open(blocks.local_url)
    if not options.prevent_thread_lock or debug:
        blocks.block_thread()
    return app, blocks.local_url, None
