"""The path policy, the file cache and an app's files (SECURITY.md T01-T11, T20, T26, T27)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from gradiate.data.app_files import AppFiles, FileRefusedError
from gradiate.data.cache import BadFileNameError, FileCache, sanitize_name
from gradiate.data.cache_plan import DEFAULT_DELETE_CACHE, CachePlan
from gradiate.data.file_data import is_file_data, make_file_data
from gradiate.data.paths import FileNotAllowedError, PathPolicy, is_inside, validate_path_string


@pytest.fixture
def tree(tmp_path: Path) -> dict[str, Path]:
    allowed = tmp_path / "allowed"
    (allowed / "private").mkdir(parents=True)
    (allowed / "ok.txt").write_text("ok")
    (allowed / "private" / "secret.txt").write_text("secret")
    evil = tmp_path / "allowed_evil"
    evil.mkdir()
    (evil / "secret.txt").write_text("evil")
    outside = tmp_path / "outside"
    outside.mkdir()
    canary = outside / "canary.txt"
    canary.write_text("canary")
    (allowed / "link.txt").symlink_to(canary)
    (allowed / "inner.txt").symlink_to(allowed / "ok.txt")
    cache = tmp_path / "cache"
    cache.mkdir()
    return {"allowed": allowed, "evil": evil, "canary": canary, "cache": cache, "tmp": tmp_path}


@pytest.mark.parametrize(
    "raw",
    ["", "a\x00b", "//10.0.0.1/share/x", "\\\\10.0.0.1\\share\\x", "/\\10.0.0.1/share",
     "\\/10.0.0.1/share", "smb://h/x", "file:///etc/hostname", "ftp://h/x", "http://x/a.png",
     "C:\\x.txt", "c:/x.txt"],
)  # fmt: skip
def test_strings_that_name_no_local_file_are_refused_before_any_lookup(raw: str) -> None:
    with pytest.raises(FileNotAllowedError):
        validate_path_string(raw)


def test_policy_serves_allowed_and_cache_and_refuses_everything_else(
    tree: dict[str, Path],
) -> None:
    policy = PathPolicy.build([tree["cache"]], [tree["allowed"]], [tree["allowed"] / "private"])
    assert policy.servable(str(tree["allowed"] / "ok.txt")) == tree["allowed"] / "ok.txt"
    assert policy.servable(str(tree["allowed"] / "inner.txt")) == tree["allowed"] / "ok.txt"
    refused = [
        tree["canary"],  # T03 absolute outside
        tree["cache"] / ".." / "outside" / "canary.txt",  # T01 dot-dot
        tree["allowed"] / "link.txt",  # T06 symlink out
        tree["allowed"] / "private" / "secret.txt",  # T07 blocked beats allowed
        tree["allowed"] / "PRIVATE" / "secret.txt",  # T10 (missing here, refused the same)
        tree["evil"] / "secret.txt",  # T08 prefix confusion
        tree["allowed"] / ".." / "allowed_evil" / "secret.txt",
        tree["allowed"],  # T14 a directory
        tree["allowed"] / "missing.txt",  # T05 same answer as forbidden
    ]
    for path in refused:
        with pytest.raises(FileNotAllowedError) as caught:
            policy.servable(str(path))
        assert str(caught.value).startswith("File not allowed: ")


def test_blocked_paths_compare_case_insensitively() -> None:
    assert is_inside(Path("/data/SECRET/a.txt"), Path("/data/Secret"), case_insensitive=True)
    assert not is_inside(Path("/data/Secret_x/a.txt"), Path("/data/Secret"), case_insensitive=True)


def test_env_blocklist_merges_with_the_argument(
    tree: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tree["allowed"] / "d1").mkdir()
    (tree["allowed"] / "d1" / "x.txt").write_text("x")
    monkeypatch.setenv("GRADIO_BLOCKED_PATHS", str(tree["allowed"] / "d1"))
    policy = PathPolicy.build([tree["cache"]], [tree["allowed"]], [tree["allowed"] / "private"])
    for path in (tree["allowed"] / "d1" / "x.txt", tree["allowed"] / "private" / "secret.txt"):
        with pytest.raises(FileNotAllowedError):
            policy.servable(str(path))


@pytest.mark.parametrize(
    ("name", "stored"),
    [("../../x.txt", "x.txt"), ("/etc/passwd", "passwd"), ("C:\\x.txt", "x.txt"),
     ("a/b.txt", "b.txt"), ("a\\b.txt", "b.txt"), ("x\x00.png", "x_.png"),
     ("CON.txt", "_CON.txt"),
     ("<img src=x onerror=alert(1)>.png", "_img src=x onerror=alert(1)_.png"),
     ("😀 résumé.pdf", "😀 résumé.pdf"), (".env", "env")],
)  # fmt: skip
def test_hostile_file_names_are_stored_as_plain_base_names(name: str, stored: str) -> None:
    assert sanitize_name(name) == stored


def test_dot_dot_is_no_file_name_and_long_names_keep_their_extension() -> None:
    with pytest.raises(BadFileNameError):
        sanitize_name("..")
    long = sanitize_name("a" * 300 + ".png")
    assert long.endswith(".png")
    assert len(long.encode()) <= 200


def test_cache_is_content_addressed_and_aborted_writes_leave_nothing(tmp_path: Path) -> None:
    cache = FileCache(tmp_path / "c")
    first = cache.store_bytes(b"one", "same.txt")
    second = cache.store_bytes(b"two", "same.txt")
    again = cache.store_bytes(b"one", "same.txt")
    assert first != second
    assert first == again
    assert first.read_bytes() == b"one"
    assert first.parent.parent == cache.root
    assert cache.contains(first)
    with cache.writer("big.bin") as writer:
        writer.write(b"x" * 1000)
    # leaving the block without commit() discards the partial file
    assert not any((cache.root / ".partial").iterdir())
    assert sorted(p.name for p in cache.root.iterdir() if p.name != ".partial") == sorted(
        {first.parent.name, second.parent.name}
    )


def test_sweep_removes_old_folders_keeps_pinned_ones_and_caps_the_size(tmp_path: Path) -> None:
    cache = FileCache(tmp_path / "c", max_age_s=1, max_bytes=2500)
    old = cache.store_bytes(b"o" * 100, "old.txt")
    pinned = cache.store_bytes(b"p" * 100, "pinned.txt")
    cache.pin(pinned)
    past = time.time() - 10
    for path in (old, pinned):
        os.utime(path.parent, (past, past))
    assert cache.sweep() == 1
    assert not old.exists()
    assert pinned.exists()
    newest = [cache.store_bytes(bytes([i]) * 1000, f"n{i}.bin") for i in range(4)]
    for i, path in enumerate(newest):
        os.utime(path.parent, (time.time() - 0.5 + i * 0.1,) * 2)
    cache.sweep()
    assert cache.total_bytes() <= 2500
    assert pinned.exists()
    assert newest[-1].exists()
    assert not newest[0].exists()


def test_delete_cache_values() -> None:
    assert CachePlan.from_delete_cache(DEFAULT_DELETE_CACHE).max_bytes is not None
    assert CachePlan.from_delete_cache(None).sweep_every_s is None
    assert CachePlan.from_delete_cache((5, 60)).max_age_s == 60
    with pytest.raises(ValueError, match="delete_cache"):
        CachePlan.from_delete_cache((0, "x"))


def test_app_files_accept_only_their_own_files_and_copy_returned_ones(
    tree: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tree["allowed"])
    files = AppFiles(FileCache(tree["cache"] / "app"), FileCache(tree["cache"] / "values"))
    mine = files.output_bytes(b"hello", "hello.txt")
    assert is_file_data(mine)
    assert mine["size"] == 5
    assert files.input_path(mine) == mine["path"]
    for payload in (
        make_file_data(str(tree["canary"])),  # T16
        make_file_data(str(tree["cache"] / "app" / ".." / ".." / "outside" / "canary.txt")),
        make_file_data("http://127.0.0.1:9/x.png"),
        {"path": mine["path"]},  # T17: no meta marker, not a file
    ):
        with pytest.raises(FileRefusedError):
            files.input_path(payload)
    copied = files.output_file("ok.txt")  # the working directory: allowed, copied
    assert Path(copied["path"]).read_text() == "ok"
    assert files.cache.contains(Path(copied["path"]))
    (tree["allowed"] / ".env").write_text("KEY=1")
    for refused in (".env", str(tree["canary"]), "/etc/hostname"):  # T20
        with pytest.raises(FileRefusedError):
            files.output_file(refused)
