"""Build the Svelte front end into ``src/gradiate/_frontend/`` when it is stale.

Used by the Hatch build hook (``hatch_build.py``) and by ``make install``; run it directly
with ``python scripts/build_frontend.py [--force]``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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


def main() -> None:
    """Build when stale (or always with ``--force``)."""
    if "--force" in sys.argv or frontend_is_stale():
        build_frontend()


if __name__ == "__main__":
    main()
