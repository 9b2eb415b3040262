"""``gr.ClearButton``: a button that empties components."""

from __future__ import annotations

from typing import Any

import orjson

from gradiate.components.base import Component
from gradiate.components.button import Button


class ClearButton(Button):
    """A button that resets the given components to empty values in the browser.

    Args:
        components: the components to clear; more can be added with ``.add()``.
        value: the button's text.
        **kwargs: the options of ``gr.Button``.
    """

    def __init__(
        self,
        components: Component | list[Component] | None = None,
        *,
        value: str = "Clear",
        **kwargs: Any,
    ) -> None:
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
