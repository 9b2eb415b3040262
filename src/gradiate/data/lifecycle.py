"""An app's cache over its life: where it is, when it is swept, when it is removed (R08).

``delete_cache`` (``gr.Blocks``/``gr.Interface``):

- left at its default: clean-up is **on** — folders unused for a day are removed, the
  least recently used go when the cache passes 20 GB, and a single-process app's cache is
  removed when it shuts down. This differs from Gradio, which keeps every file by default.
- ``(frequency_s, age_s)``: Gradio's meaning — every ``frequency_s`` remove files older
  than ``age_s``, and remove the cache at shutdown.
- ``None``: Gradio's default — nothing is removed.

Files used by an event that is running are pinned and survive every sweep. At start-up
the caches of earlier single-process runs of the same app whose process is gone are
removed (a crash leaves them behind).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import anyio

from gradiate.data.app_files import AppFiles, cache_root, values_files
from gradiate.data.cache import FileCache
from gradiate.data.cache_plan import DEFAULT_DELETE_CACHE, CachePlan

if TYPE_CHECKING:
    from gradiate.blocks import Blocks


def app_files_for(
    blocks: Blocks,
    *,
    namespace: str,
    per_process: bool,
    allowed: Sequence[str | os.PathLike[str]] = (),
    blocked: Sequence[str | os.PathLike[str]] = (),
) -> tuple[AppFiles, CachePlan]:
    """The files of ``blocks`` and how they are cleaned.

    ``per_process``: the app runs in this process only (in-memory backend), so its cache is
    its own; otherwise every process of the app shares ``apps/<namespace>``.
    """
    plan = CachePlan.from_delete_cache(getattr(blocks, "delete_cache", DEFAULT_DELETE_CACHE))
    folder = namespace.replace(":", "-")
    apps = cache_root() / "apps"
    if per_process:
        _remove_dead_runs(apps, folder)
        folder = f"{folder}-{os.getpid()}"
    cache = FileCache(apps / folder, max_age_s=plan.max_age_s, max_bytes=plan.max_bytes)
    static = [*getattr(blocks, "static_paths", ())]
    files = AppFiles(
        cache, values_files().cache, allowed=(*allowed, *static), blocked=tuple(blocked)
    )
    return files, plan


def _remove_dead_runs(apps: Path, folder: str) -> None:
    with contextlib.suppress(OSError), os.scandir(apps) as entries:
        for entry in entries:
            prefix, _, pid = entry.name.rpartition("-")
            if prefix == folder and pid.isdigit() and not _alive(int(pid)):
                shutil.rmtree(entry.path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.asynccontextmanager
async def cache_kept(files: AppFiles, plan: CachePlan, *, owner: bool) -> AsyncIterator[None]:
    """Sweep ``files``' cache on ``plan`` while the body runs; remove it after if ``owner``."""
    async with anyio.create_task_group() as tasks:
        if plan.sweep_every_s is not None:
            tasks.start_soon(_sweep_forever, files.cache, plan.sweep_every_s)
        try:
            yield
        finally:
            tasks.cancel_scope.cancel()
    if owner and plan.remove_at_exit:
        files.cache.clear()


async def _sweep_forever(cache: FileCache, every_s: float) -> None:
    while True:
        await anyio.sleep(every_s)
        await anyio.to_thread.run_sync(cache.sweep)
