"""``Blocks.queue()``: how events wait their turn, and on which backend."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from gradiate.exceptions import ConfigError
from gradiate.unsupported import refuse_unsupported, warn_unsupported

if TYPE_CHECKING:
    from gradiate.blocks import Blocks


def queue(
    blocks: Blocks,
    status_update_rate: float | Literal["auto"] = "auto",
    api_open: bool | None = None,
    max_size: int | None = None,
    *,
    default_concurrency_limit: int | Literal["not_set"] | None = "not_set",
    backend: str | None = None,
) -> Blocks:
    """Set how events wait their turn: the queue's ``max_size``, default limit and backend.

    Args:
        status_update_rate: how often queue positions are sent; gradiate sends each
            change, so another value is ignored with a warning.
        api_open: ``False`` (API calls only through the queue) is not supported yet.
        max_size: the most events waiting; ``None`` for no limit.
        default_concurrency_limit: runs at once of each event that says ``"default"``.
        backend: where sessions, the queue and results live (a gradiate extension):
            ``"memory://"`` (one process, the default) or a Redis URL such as
            ``"redis://localhost:6379/0"`` to run the app on many processes and machines.
            ``GRADIATE_QUEUE_URL`` sets it when this is not given.

    Returns:
        The app, to chain ``.launch()``.

    Raises:
        ConfigError: for an option gradiate cannot honour or a bad value.
    """
    from gradiate.blocks import Blocks

    warn_unsupported(Blocks.queue, status_update_rate=status_update_rate)
    if api_open is False:
        refuse_unsupported(Blocks.queue, api_open=api_open)
    if max_size is not None and max_size < 1:
        raise ConfigError(f"queue(max_size={max_size}): use at least 1, or None for no limit.")
    if backend is not None:
        from gradiate.engine.backends import backend_url

        blocks.queue_backend = backend
        backend_url(blocks)  # a bad URL fails here, not at launch
    blocks.max_size = max_size
    if default_concurrency_limit != "not_set":
        check_concurrency_limit(default_concurrency_limit)
        blocks.default_concurrency_limit = default_concurrency_limit
    return blocks


def check_concurrency_limit(limit: object) -> None:
    """Refuse a ``concurrency_limit`` that is not a positive int, None or ``"default"``."""
    if limit is None or limit == "default":
        return
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
        raise ConfigError(
            f"concurrency_limit={limit!r}: use a positive integer, None for no limit, or "
            "'default' for the queue's default_concurrency_limit."
        )
