"""Describe a JSON schema as a Python type string (``str``, ``list[float]``…)."""

from __future__ import annotations

from typing import Any

_SIMPLE = {"string": "str", "number": "float", "integer": "int", "boolean": "bool", "null": "None"}


def schema_to_python_type(schema: Any, defs: dict[str, Any] | None = None) -> str:
    """The Python type a value of ``schema`` has, as Gradio's client displays it."""
    if not isinstance(schema, dict) or not schema:
        return "Any"
    defs = {**(defs or {}), **schema.get("$defs", {})}
    if "$ref" in schema:
        name = str(schema["$ref"]).rsplit("/", 1)[-1]
        return schema_to_python_type(defs.get(name, {}), defs)
    if "enum" in schema:  # Gradio's client quotes every value, numbers included
        return "Literal[" + ", ".join(f"'{v}'" for v in schema["enum"]) + "]"
    if "const" in schema:
        return f"Literal[{schema['const']!r}]"
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return " | ".join(schema_to_python_type(item, defs) for item in schema[key])
    kind = schema.get("type")
    if kind == {}:
        return (
            "str | float | bool | list | dict" if "json" in schema.get("description", "") else "Any"
        )
    if isinstance(kind, str) and kind in _SIMPLE:
        return _SIMPLE[kind]
    if kind == "array":
        return f"list[{schema_to_python_type(schema.get('items', {}), defs)}]"
    if kind == "object" and "properties" in schema:
        fields = ", ".join(
            f"{name}: {schema_to_python_type(sub, defs)}"
            for name, sub in schema["properties"].items()
        )
        return f"dict({fields})"
    if kind == "object":
        return "dict[str, Any]"
    return "Any"
