"""``gr.set_static_paths``: folders served as they are, per app (SECURITY.md T06a)."""

from __future__ import annotations

import os
from pathlib import Path

_static_paths: list[Path] = []


def set_static_paths(paths: str | os.PathLike[str] | list[str | os.PathLike[str]]) -> None:
    """Serve the files in ``paths`` as they are (not copied into the cache).

    Called inside ``with gr.Blocks()``, it applies to that app only; outside, to every app
    created afterwards (SECURITY.md T06a).
    """
    from gradiate import context

    items = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    resolved = [Path(p).expanduser().resolve() for p in items]
    root = context.current_root.get()
    if root is not None:
        root.static_paths.extend(resolved)
    else:
        _static_paths.extend(resolved)


def global_static_paths() -> list[Path]:
    """The static paths set outside any app, copied by each new ``Blocks``."""
    return list(_static_paths)
