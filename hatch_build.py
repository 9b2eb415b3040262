"""Hatch build hook: build the Svelte front end into ``src/gradiate/_frontend/``.

Runs ``npm ci`` and ``npm run build`` in ``frontend/`` when the built files are missing or
older than the sources, so ``pip install .`` from a clean clone ships a working UI.
Set ``GRADIATE_SKIP_FRONTEND_BUILD=1`` to package whatever is already built.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

_SCRIPT = Path(__file__).resolve().parent / "scripts" / "build_frontend.py"


class FrontendBuildHook(BuildHookInterface):  # type: ignore[type-arg]  # hatchling is untyped here
    """Builds the front end before the wheel (or editable wheel) is assembled."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Build the front end if it is stale, unless told to skip."""
        if os.environ.get("GRADIATE_SKIP_FRONTEND_BUILD") == "1":
            return
        spec = importlib.util.spec_from_file_location("gradiate_build_frontend", _SCRIPT)
        if spec is None or spec.loader is None:
            raise RuntimeError(f"cannot load {_SCRIPT}")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.main()
