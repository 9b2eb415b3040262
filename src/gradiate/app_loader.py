"""Loading an app file for the ``gradiate`` command and ``gradiate.asgi``.

The file runs as a module named after it (``app.py`` → ``app``), with its folder first on
``sys.path`` as ``python app.py`` would have it; a ``demo.launch()`` in it returns at once
(its options are kept). A stable module name matters: ``gr.State`` values of classes the
file defines are pickled by module and name, and every process loads the file the same way.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from gradiate.exceptions import ConfigError

if TYPE_CHECKING:
    from types import ModuleType

    from gradiate.blocks import Blocks
    from gradiate.launch_options import LaunchOptions

QUEUE_URL_ENV = "GRADIATE_QUEUE_URL"


@dataclass(frozen=True, slots=True)
class LoadedApp:
    """The app a file defines, and the options of its ``launch()`` call if it made one."""

    path: Path
    module: ModuleType
    blocks: Blocks
    launch_options: LaunchOptions | None


def load_app(path: str | os.PathLike[str], demo_name: str | None = None) -> LoadedApp:
    """Run the app file and return its Blocks: ``demo_name``, else ``demo``, else the only one.

    Raises:
        ConfigError: the file is missing, or names no Blocks (or several) to serve.
    """
    from gradiate.launching import launches_captured

    file = Path(path).resolve()
    if not file.is_file():
        raise ConfigError(f"{path}: no such file; give the path of the app's Python file.")
    if file.suffix != ".py":
        raise ConfigError(f"{path}: not a Python file; give the app's .py file.")
    folder = str(file.parent)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    name = _module_name(file)
    spec = importlib.util.spec_from_file_location(name, file)
    if spec is None or spec.loader is None:  # pragma: no cover - a .py file always has one
        raise ConfigError(f"{path}: cannot be loaded as a Python module.")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    with launches_captured() as calls:
        try:
            spec.loader.exec_module(module)
        except BaseException:
            sys.modules.pop(name, None)
            raise
    blocks = _pick_blocks(module, file, demo_name)
    options = next((call.options for call in reversed(calls) if call.blocks is blocks), None)
    return LoadedApp(file, module, blocks, options)


def _module_name(file: Path) -> str:
    stem = file.stem
    if stem.isidentifier() and stem not in sys.modules:
        return stem
    safe = "".join(c if c.isalnum() else "_" for c in stem)
    return f"gradiate_app_{safe}"


def _pick_blocks(module: ModuleType, file: Path, demo_name: str | None) -> Blocks:
    from gradiate.blocks import Blocks

    found: dict[int, tuple[str, Blocks]] = {}
    for attr, value in vars(module).items():
        if isinstance(value, Blocks) and not attr.startswith("__"):
            found.setdefault(id(value), (attr, value))
    names = ", ".join(sorted(attr for attr, _ in found.values())) or "none"
    if demo_name is not None:
        value = getattr(module, demo_name, None)
        if isinstance(value, Blocks):
            return value
        what = "is not a gr.Blocks" if value is not None else "is not defined"
        raise ConfigError(
            f"{file.name}: --demo-name {demo_name!r} {what}; the Blocks it defines at module "
            f"level: {names}."
        )
    demo = getattr(module, "demo", None)
    if isinstance(demo, Blocks):
        return demo
    if len(found) == 1:
        return next(iter(found.values()))[1]
    if not found:
        raise ConfigError(
            f"{file.name} defines no gr.Blocks at module level; build the app at the top "
            "level of the file (for example `demo = gr.Interface(...)`), not inside a function."
        )
    raise ConfigError(
        f"{file.name} defines several Blocks ({names}); choose one with --demo-name, or "
        "name it `demo`."
    )


def backend_url(blocks: Blocks, given: str | None = None) -> str:
    """The backend to use: ``given`` (``--backend``), ``demo.queue(backend=)``, then the env.

    In-memory (``memory://``) when none is set.

    Raises:
        ConfigError: the URL is neither ``memory://`` nor a Redis URL.
    """
    from gradiate.engine.backends import backend_url as chosen

    return chosen(blocks, given)


def use_backend(blocks: Blocks, url: str) -> None:
    """Make ``url`` the backend of ``blocks`` and of the processes started from this one."""
    blocks.queue_backend = url
    os.environ[QUEUE_URL_ENV] = url


def is_shared(url: str) -> bool:
    """Whether processes can share this backend (anything but in-memory)."""
    return not url.startswith("memory:")


def redact(url: str) -> str:
    """``url`` without its password, for the log."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))
