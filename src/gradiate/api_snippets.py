"""The ``code_snippets`` of ``/gradio_api/info``: how to call an endpoint from each client.

Gradio 6.31 attaches four snippets to every endpoint (Python ``gradio_client``,
JavaScript ``@gradio/client``, curl, and its CLI), filled with each parameter's default or
example value. gradiate writes the same text, character for character, so API pages and
tools that show them read the same for both servers.
"""

from __future__ import annotations

import copy
import json
from typing import Any

API_PREFIX = "/gradio_api/"


def with_code_snippets(api_info: dict[str, Any], root: str) -> dict[str, Any]:
    """A copy of ``api_info`` whose endpoints carry their snippets for the app at ``root``.

    Args:
        api_info: the document from ``get_api_info``.
        root: the app's public URL, without a trailing slash.
    """
    document = copy.deepcopy(api_info)
    for api_name, endpoint in document["named_endpoints"].items():
        params: list[dict[str, Any]] = endpoint["parameters"]
        endpoint["code_snippets"] = {
            "python": python_snippet(api_name, params, root),
            "javascript": javascript_snippet(api_name, params, root),
            "bash": bash_snippet(api_name, params, root),
            "cli": cli_snippet(api_name, params, root),
        }
    return document


def python_snippet(api_name: str, params: list[dict[str, Any]], root: str) -> str:
    """``client.predict(...)`` with ``gradio_client``."""
    arguments = [f"\t{_name(p)}={_literal(_value(p), _python_type(p), 'py')}," for p in params]
    return "\n".join(
        [
            "from gradio_client import Client",
            "",
            f'client = Client("{root}")',
            "result = client.predict(",
            *arguments,
            f'\tapi_name="{api_name}",',
            ")",
            "print(result)",
        ]
    )


def javascript_snippet(api_name: str, params: list[dict[str, Any]], root: str) -> str:
    """``client.predict(...)`` with ``@gradio/client``."""
    arguments = [f"\t\t{_name(p)}: {_literal(_value(p), _python_type(p), 'js')}," for p in params]
    return "\n".join(
        [
            'import { Client } from "@gradio/client";',
            "",
            f'const client = await Client.connect("{root}");',
            f'const result = await client.predict("{api_name}", {{',
            *arguments,
            "});",
            "",
            "console.log(result.data);",
        ]
    )


def bash_snippet(api_name: str, params: list[dict[str, Any]], root: str) -> str:
    """A ``curl`` POST to ``/call/v2/<name>`` piped into a GET of the result stream."""
    entries = ", ".join(
        f'"{_name(p)}": {_literal(_value(p), _python_type(p), "bash")}' for p in params
    )
    name = api_name.lstrip("/")
    base = f"{root.rstrip('/')}{API_PREFIX}"
    return "\n".join(
        [
            f'curl -X POST {base}call/v2/{name} -s -H "Content-Type: application/json" \\',
            f"  -d '{{{entries}}}' \\",
            "  | awk -F'\"' '{ print $4}' \\",
            f"  | read EVENT_ID; curl -N {base}call/{name}/$EVENT_ID",
        ]
    )


def cli_snippet(api_name: str, params: list[dict[str, Any]], root: str) -> str:
    """The Gradio CLI's ``predict`` line (``{command}`` is left for the reader to fill)."""
    payload = {p["parameter_name"]: p["parameter_default"] or p["example_input"] for p in params}
    return f"{{command}} predict {root} {api_name} '{json.dumps(payload, indent=2)}'\n"


def _name(param: dict[str, Any]) -> str:
    return str(param.get("parameter_name") or param.get("label", "input"))


def _value(param: dict[str, Any]) -> Any:
    return param["parameter_default"] if param["parameter_has_default"] else param["example_input"]


def _python_type(param: dict[str, Any]) -> str | None:
    return param.get("python_type", {}).get("type")


def _literal(value: Any, python_type: str | None, language: str) -> str:
    """How a value is written in a snippet; strings and choices quoted as they are."""
    null = "None" if language == "py" else "null"
    if python_type is None or value is None:
        return null
    if python_type == "str" or python_type.startswith("Literal['"):
        return f'"{value}"'
    if python_type == "bool":
        if language == "py":
            return "True" if value else "False"
        return str(value).lower() if isinstance(value, bool) else str(value)
    if isinstance(value, str):
        return value or null
    return _python_flavoured_json(value)


def _python_flavoured_json(value: Any) -> str:
    # Gradio writes nested None/True/False the Python way in every language's snippet.
    marker = "\x00gradiate-literal:"

    def mark(item: Any) -> Any:
        if item is None or isinstance(item, bool):
            return f"{marker}{item}"
        if isinstance(item, (list, tuple)):
            return [mark(element) for element in item]
        if isinstance(item, dict):
            return {key: mark(element) for key, element in item.items()}
        return item

    text = json.dumps(mark(value), default=str)
    for literal in ("None", "True", "False"):
        text = text.replace(json.dumps(f"{marker}{literal}"), literal)
    return text
