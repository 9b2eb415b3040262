"""API parity with Gradio 6.31, read from the committed snapshot (no Gradio needed).

``make parity`` refreshes ``tests/parity/gradio_6_31_api.json`` from Gradio itself; these
tests fail when an implemented name lacks one of Gradio's parameters, takes its positional
parameters in another order, or has a default other than Gradio's (beyond the few listed).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import gradiate as gr

ROOT = Path(__file__).resolve().parents[2]


def _load_parity() -> ModuleType:
    spec = importlib.util.spec_from_file_location("parity", ROOT / "scripts" / "parity.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["parity"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


parity = _load_parity()
SNAPSHOT = parity.load_snapshot()
REPORTS = {report.name: report for report in parity.compare(SNAPSHOT)}
IMPLEMENTED = sorted(name for name, report in REPORTS.items() if report.implemented)

KNOWN_DEFAULT_DIFFERENCES = {
    "Blocks(title='gradiate', Gradio 'Gradio')",  # the tab names the library serving it
    "Blocks(delete_cache=[], Gradio None)",  # cache clean-up is on unless None is passed
    "Interface(delete_cache=[], Gradio None)",
    "Dropdown(value=None, Gradio {'repr': '<DefaultValue>'})",  # None picks the first choice
    "Info(title='', Gradio 'Info')",  # '' lets the toast show its level as the title
    "Success(title='', Gradio 'Success')",
    "Warning(title='', Gradio 'Warning')",
}


def test_snapshot_is_of_gradio_6_31() -> None:
    assert SNAPSHOT["gradio_version"] == "6.31.0"
    assert {"Blocks", "Textbox", "Image", "ChatInterface", "themes", "themes.Soft"} <= set(
        SNAPSHOT["names"]
    )


@pytest.mark.parametrize("name", IMPLEMENTED)
def test_implemented_name_accepts_every_gradio_parameter(name: str) -> None:
    assert REPORTS[name].missing_params == []


@pytest.mark.parametrize("name", IMPLEMENTED)
def test_positional_parameters_keep_gradios_order_and_kind(name: str) -> None:
    assert REPORTS[name].order_problems == []


def test_defaults_are_gradios_except_the_documented_differences() -> None:
    differences = {item for name in IMPLEMENTED for item in REPORTS[name].default_differences}
    assert differences == KNOWN_DEFAULT_DIFFERENCES


def test_the_comparison_reports_a_missing_parameter_and_a_reordered_one() -> None:
    entry = {"kind": "class", "signatures": {"__init__": [
        ["maximum", "pos", 100], ["minimum", "pos", 0], ["value", "pos", None],
        ["no_such_option", "kw", None],
    ]}}  # fmt: skip
    report = parity.compare_name("Slider", entry, SNAPSHOT["listener"])
    assert report.missing_params == ["Slider(no_such_option)"]
    assert report.order_problems == [
        "Slider: positional ['minimum', 'maximum', 'value'], Gradio ['maximum', 'minimum', 'value']"
    ]


def test_the_comparison_reports_a_listener_parameter_gradiate_lacks() -> None:
    listener = [*SNAPSHOT["listener"], ["no_such_listener_option", "pos", None]]
    entry = {"kind": "class", "signatures": {"click": "<listener>"}}
    report = parity.compare_name("Button", entry, listener)
    assert report.missing_params == ["Button.click(no_such_listener_option)"]


def test_gradio_names_module_lists_the_snapshots_top_level_names() -> None:
    from gradiate.gradio_names import GRADIO_NAMES

    assert {name for name in SNAPSHOT["names"] if "." not in name} == GRADIO_NAMES


@pytest.mark.parametrize("name", ["Image", "ChatInterface", "themes", "media", "Audio"])
def test_a_planned_gradio_name_raises_attribute_error_naming_it(name: str) -> None:
    with pytest.raises(AttributeError) as caught:
        getattr(gr, name)
    assert str(caught.value) == (
        f"gradiate does not implement gr.{name} yet; see the table in README.md "
        "(Gradio names) for what is planned"
    )
    assert not hasattr(gr, name)


def test_a_name_gradio_lacks_stays_an_ordinary_attribute_error() -> None:
    with pytest.raises(AttributeError, match=r"^module 'gradiate' has no attribute 'Imagee'$"):
        gr.Imagee  # noqa: B018


def test_import_gradiate_does_not_load_the_parity_helpers() -> None:
    code = (
        "import sys, gradiate; print(','.join(m for m in ('gradiate.gradio_names', "
        "'gradiate.unsupported') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_docs_table_is_current() -> None:
    table = (ROOT / "docs" / "parity.md").read_text("utf-8")
    assert table == parity.markdown_table(list(REPORTS.values()))
