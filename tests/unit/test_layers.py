"""The layers of docs/architecture.md: imports point down, only the engine facade is public."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "gradiate"


def imported_modules(path: Path) -> set[str]:
    """Modules imported at run time (imports under ``if TYPE_CHECKING:`` are left out)."""
    tree = ast.parse(path.read_text("utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            node.body = []
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def modules_in(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).glob("*.py"))


@pytest.mark.parametrize("path", modules_in("server"), ids=lambda p: p.name)
def test_server_uses_only_the_engine_facade(path: Path) -> None:
    engine_imports = {m for m in imported_modules(path) if m.startswith("gradiate.engine")}
    assert engine_imports <= {"gradiate.engine.engine"}


@pytest.mark.parametrize("path", modules_in("engine"), ids=lambda p: p.name)
def test_engine_knows_nothing_of_http(path: Path) -> None:
    forbidden = ("starlette", "uvicorn", "gradiate.server", "httpx")
    assert not [m for m in imported_modules(path) if m.startswith(forbidden)]


@pytest.mark.parametrize(
    "path", modules_in("components") + modules_in("layouts"), ids=lambda p: p.name
)
def test_components_know_nothing_of_engine_or_http(path: Path) -> None:
    forbidden = ("starlette", "uvicorn", "gradiate.server", "gradiate.engine", "gradiate.blocks")
    assert not [m for m in imported_modules(path) if m.startswith(forbidden)]
