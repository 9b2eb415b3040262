"""Edit lists between two successive outputs of a generator (Gradio's ``process_generating`` diffs).

An edit is ``[action, path, value]`` with action ``replace``, ``append``, ``add`` or
``delete``; an empty list means "no change".
"""

from __future__ import annotations

from typing import Any

Edit = list[Any]


def diff(old: Any, new: Any) -> list[Edit]:
    """The edits that turn ``old`` into ``new``."""
    edits: list[Edit] = []
    _diff(old, new, [], edits)
    return edits


def _diff(old: Any, new: Any, path: list[Any], edits: list[Edit]) -> None:
    if old == new and type(old) is type(new):
        return
    if type(old) is not type(new):
        edits.append(["replace", path, new])
    elif isinstance(old, str):
        if new.startswith(old):
            edits.append(["append", path, new[len(old) :]])
        else:
            edits.append(["replace", path, new])
    elif isinstance(old, list):
        _diff_list(old, new, path, edits)
    elif isinstance(old, dict):
        _diff_dict(old, new, path, edits)
    else:
        edits.append(["replace", path, new])


def _diff_list(old: list[Any], new: list[Any], path: list[Any], edits: list[Edit]) -> None:
    for index in range(min(len(old), len(new))):
        _diff(old[index], new[index], [*path, index], edits)
    for index in range(len(old) - 1, len(new) - 1, -1):
        edits.append(["delete", [*path, index], None])
    for index in range(len(old), len(new)):
        edits.append(["add", [*path, index], new[index]])


def _diff_dict(
    old: dict[str, Any], new: dict[str, Any], path: list[Any], edits: list[Edit]
) -> None:
    for key, value in new.items():
        if key in old:
            _diff(old[key], value, [*path, key], edits)
        else:
            edits.append(["add", [*path, key], value])
    for key in old:
        if key not in new:
            edits.append(["delete", [*path, key], None])


def apply(value: Any, edits: list[Edit]) -> Any:
    """Apply ``edits`` to ``value`` and return the result (the client's side, for tests)."""
    for action, path, new in edits:
        if not path:
            value = _apply_root(value, action, new)
            continue
        parent = value
        for key in path[:-1]:
            parent = parent[key]
        key = path[-1]
        if action == "replace":
            parent[key] = new
        elif action == "append":
            parent[key] += new
        elif action == "add":
            if isinstance(parent, list):
                parent.insert(key, new)
            else:
                parent[key] = new
        elif action == "delete":
            del parent[key]
    return value


def _apply_root(value: Any, action: str, new: Any) -> Any:
    if action == "append":
        return value + new
    if action == "delete":
        return None
    return new
