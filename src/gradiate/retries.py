"""``gr.non_idempotent``: a function that must not run twice for one event."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

IDEMPOTENT_ATTRIBUTE = "__gradiate_idempotent__"


def non_idempotent(fn: F) -> F:
    """Mark ``fn`` as unsafe to re-run (it charges a card, sends a mail…).

    On a shared backend, an event whose worker process dies mid-run is run again once on
    another worker. A function marked here is not: its event fails with a message saying
    the worker stopped. Use as a decorator or call it on the function.
    """
    setattr(fn, IDEMPOTENT_ATTRIBUTE, False)
    return fn


def is_idempotent(fn: object) -> bool:
    """Whether an event of ``fn`` may be re-run after its worker died."""
    return getattr(fn, IDEMPOTENT_ATTRIBUTE, True) is not False
