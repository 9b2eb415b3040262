"""``gr.ClearButton``: a button that empties components."""

from __future__ import annotations

from typing import Any, Literal

import orjson

from gradiate.components.base import Component
from gradiate.components.button import Button
from gradiate.unsupported import refuse_unsupported, warn_unsupported


class ClearButton(Button):
    """A button that resets the given components to empty values in the browser.

    Args:
        components: the components to clear; more can be added with ``.add()``.
        value: the button's text.
        api_name: expose the clearing as an API endpoint (not supported yet).
        api_visibility: how that endpoint is listed (ignored for now, with a warning).
        **kwargs: the options of ``gr.Button``.
    """

    def __init__(
        self,
        components: Component | list[Component] | None = None,
        *,
        value: str = "Clear",
        api_name: str | None = None,
        api_visibility: Literal["public", "private", "undocumented"] = "undocumented",
        **kwargs: Any,
    ) -> None:
        refuse_unsupported(self, api_name=api_name)
        warn_unsupported(self, api_visibility=api_visibility)
        super().__init__(value, **kwargs)
        self.cleared: list[Component] = []
        if components is not None:
            self.add(components)

    def add(self, components: Component | list[Component]) -> ClearButton:
        """Also clear ``components`` when this button is clicked."""
        items = components if isinstance(components, list) else [components]
        values = [item.cleared_value() for item in items]
        self.cleared.extend(items)
        self.click(
            None,
            None,
            items,
            js=f"() => {orjson.dumps(values).decode()}",
            api_name=False,
            queue=False,
            show_progress="hidden",
        )
        return self
