"""Hatch build hook: build the Svelte front end into ``src/gradiate/_frontend/``.

Runs ``npm ci`` and ``npm run build`` in ``frontend/`` when the built files are missing or
older than the sources, so ``pip install .`` from a clean clone ships a working UI.
Set ``GRADIATE_SKIP_FRONTEND_BUILD=1`` to package whatever is already built.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

ROOT = Path(__file__).resolve().parent
FRONTEND = ROOT / "frontend"
BUILT_INDEX = ROOT / "src" / "gradiate" / "_frontend" / "index.html"
SOURCE_GLOBS = ("src/**/*", "index.html", "package.json", "package-lock.json", "vite.config.*",
                "scripts/*", "tsconfig*.json", "svelte.config.*")  # fmt: skip


def newest_source_mtime() -> float:
    """The latest modification time among the front end's sources."""
    newest = 0.0
    for pattern in SOURCE_GLOBS:
        for path in FRONTEND.glob(pattern):
            if path.is_file() and "node_modules" not in path.parts:
                newest = max(newest, path.stat().st_mtime)
    return newest


def frontend_is_stale() -> bool:
    """Whether the built front end is missing or older than its sources."""
    if not BUILT_INDEX.is_file():
        return True
    return BUILT_INDEX.stat().st_mtime < newest_source_mtime()


def build_frontend() -> None:
    """Install the front end's packages (when needed) and build it."""
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError(
            "Building gradiate's front end needs Node.js and npm (https://nodejs.org); "
            "install them and retry, or install a wheel that already contains the front end."
        )
    modules = FRONTEND / "node_modules"
    lock = FRONTEND / "package-lock.json"
    if not modules.is_dir() or modules.stat().st_mtime < lock.stat().st_mtime:
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=FRONTEND, check=True)
        modules.touch()
    subprocess.run([npm, "run", "build"], cwd=FRONTEND, check=True)


class FrontendBuildHook(BuildHookInterface):  # type: ignore[type-arg]  # hatchling is untyped here
    """Builds the front end before the wheel (or editable wheel) is assembled."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Build the front end if it is stale, unless told to skip."""
        if os.environ.get("GRADIATE_SKIP_FRONTEND_BUILD") == "1":
            return
        if (FRONTEND / "package.json").is_file() and frontend_is_stale():
            build_frontend()
