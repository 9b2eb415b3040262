"""``launch()``: serve a Blocks app on uvicorn, print its URL, optionally block."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from gradiate.exceptions import ConfigError
from gradiate.launch_options import LaunchOptions

if TYPE_CHECKING:
    from gradiate.blocks import Blocks
    from gradiate.server.guard import Guard

logger = logging.getLogger(__name__)


def launch(
    blocks: Blocks,
    *,
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
    height: int = 500,
    width: int | str = "100%",
    favicon_path: str | None = None,
    ssl_keyfile: str | None = None,
    ssl_certfile: str | None = None,
    ssl_keyfile_password: str | None = None,
    ssl_verify: bool = True,
    quiet: bool = False,
    show_api: bool = True,
    allowed_paths: Sequence[str] | None = None,
    blocked_paths: Sequence[str] | None = None,
    root_path: str | None = None,
    app_kwargs: dict[str, Any] | None = None,
    max_file_size: int | str | None = None,
    strict_cors: bool = True,
    ssr_mode: bool | None = None,
    pwa: bool | None = None,
    mcp_server: bool | None = None,
    theme: Any = None,
    css: str | None = None,
    js: str | None = None,
    head: str | None = None,
    allowed_hosts: Sequence[str] | None = None,
    frame_ancestors: str | Sequence[str] | None = None,
    max_sessions: int = 100_000,
    max_events_per_session: int = 64,
    **gradio_only: Any,
) -> tuple[Guard, str, str | None]:
    """Serve ``blocks`` and print its local URL (Gradio's ``Blocks.launch``).

    Args:
        blocks: the app.
        inline: accepted for Gradio compatibility (notebook display comes later).
        inbrowser: open the app in the default browser.
        share: a public link needs the share tunnel, which this version does not have.
        debug: block even when ``prevent_thread_lock`` would not.
        max_threads: worker threads for sync functions.
        auth: login needs the auth feature, which this version does not have.
        auth_message: accepted for Gradio compatibility.
        prevent_thread_lock: return at once, leaving the server running in a thread.
        show_error: send exception messages (not tracebacks) to the browser.
        server_name: the address to listen on; ``GRADIO_SERVER_NAME`` or 127.0.0.1.
        server_port: the port; ``GRADIO_SERVER_PORT`` or the first free from 7860.
        height: accepted for Gradio compatibility.
        width: accepted for Gradio compatibility.
        favicon_path: accepted for Gradio compatibility.
        ssl_keyfile: serve HTTPS with this key.
        ssl_certfile: serve HTTPS with this certificate.
        ssl_keyfile_password: the key's password.
        ssl_verify: accepted for Gradio compatibility.
        quiet: print nothing.
        show_api: accepted for Gradio compatibility.
        allowed_paths: extra folders whose files may be served.
        blocked_paths: folders whose files may never be served.
        root_path: the path prefix when served behind a proxy.
        app_kwargs: accepted for Gradio compatibility.
        max_file_size: the largest upload (bytes, or a string such as ``"5mb"``).
        strict_cors: refuse requests from ``Origin: null``; False allows them, as Gradio.
        ssr_mode: accepted for Gradio compatibility (gradiate renders in the browser).
        pwa: accepted for Gradio compatibility.
        mcp_server: accepted for Gradio compatibility.
        theme: overrides the Blocks' theme.
        css: overrides the Blocks' custom CSS.
        js: overrides the Blocks' custom JavaScript.
        head: overrides the Blocks' custom head HTML.
        allowed_hosts: extra ``Host`` names to serve (a loopback bind serves only loopback
            names and ``server_name``; ``"*"`` serves any); also ``GRADIATE_ALLOWED_HOSTS``.
        frame_ancestors: who may show the app in a frame (CSP sources; default ``"*"``).
        max_sessions: sessions kept at once; new ones past it get 503.
        max_events_per_session: events one session may have pending; more get 503.
        **gradio_only: other Gradio options, accepted and ignored with a debug log.

    Returns:
        ``(app, local_url, share_url)``: the ASGI app, its URL, and None.

    Raises:
        ConfigError: ``share`` or ``auth`` was asked for, or a setting is invalid.
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
    if gradio_only:
        logger.debug("launch(): ignoring Gradio-only options %s", sorted(gradio_only))
    for name, value in (("theme", theme), ("css", css), ("js", js), ("head", head)):
        if value is not None:
            setattr(blocks, name, value)
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
    return _serve(blocks, options, debug)


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
        print(f"* Running on local URL:  {blocks.local_url.rstrip('/')}")  # Gradio's banner
    if options.inbrowser:
        import webbrowser  # only here: importing it costs ~9 ms of every start-up

        webbrowser.open(blocks.local_url)
    if not options.prevent_thread_lock or debug:
        blocks.block_thread()
    return app, blocks.local_url, None
