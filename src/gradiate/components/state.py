"""``gr.State``: a value kept per browser session, never shown."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from gradiate.components.base import Component
from gradiate.events import EventListener
from gradiate.unsupported import refuse_unsupported


class State(Component):
    """A hidden value that lives on the server, one copy per user session.

    Args:
        value: the starting value; each new session gets a deep copy.
        render: place it in the enclosing Blocks now.
        time_to_live: seconds after which the session's value is deleted.
        delete_callback: called with the value when it is deleted (not supported yet).
    """

    EVENTS = ("change",)
    skip_api = True
    change = EventListener("change")

    def __init__(
        self,
        value: Any = None,
        render: bool = True,
        *,
        time_to_live: float | None = None,
        delete_callback: Callable[[Any], None] | None = None,
    ) -> None:
        refuse_unsupported(self, delete_callback=delete_callback)
        self.time_to_live = time_to_live
        super().__init__(render=render)
        self.value = value
        self.initial_value = value

    def initial_payload(self) -> Any:
        """A fresh deep copy of the starting value for a new session."""
        return copy.deepcopy(self.initial_value)

    def get_props(self) -> dict[str, Any]:
        """State sends only its bookkeeping props: its value stays on the server."""
        return {"time_to_live": self.time_to_live, "name": "state"}
