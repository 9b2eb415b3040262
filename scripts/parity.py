"""Measure how much of Gradio 6.31's public API gradiate has, name by name and parameter.

Usage::

    python scripts/parity.py              # refresh the snapshot from Gradio, then report
    python scripts/parity.py --no-refresh # report from the committed snapshot only

The refresh runs this same file under Gradio's own interpreter (``.venv-gradio``, made by
``benchmarks/compare.py``'s ``ensure_gradio_venv``) with ``--extract``: it records every
public name of ``gradio`` (plus ``gradio.themes``, ``gradio.media`` and
``gradio.events.Dependency``), and for each one the parameters of its constructor or
function and of its documented methods and event listeners, into
``tests/parity/gradio_6_31_api.json``. Those are facts (names, kinds, defaults), not code.

The report then imports gradiate and prints, for every name, whether gradiate has it and,
when it does, Gradio's parameters that gradiate lacks or orders differently. It ends with
the totals; ``tests/unit/test_parity.py`` asserts the same from the snapshot, without Gradio.
It also writes ``docs/parity.md``, the table of Gradio names and their status.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = REPO_ROOT / "tests" / "parity" / "gradio_6_31_api.json"
DOCS_TABLE = REPO_ROOT / "docs" / "parity.md"
NAMES_MODULE = REPO_ROOT / "src" / "gradiate" / "gradio_names.py"
SUBMODULES = ("themes", "media")
"""Gradio submodules whose public names count as Gradio's API (``gr.themes.Soft``)."""
LISTENER = "<listener>"
"""Marks a method that is an event listener; their shared signature is stored once."""

Param = list[Any]
"""``[name, kind, default]``; kind is ``pos`` (positional-or-keyword), ``kw`` (keyword-only)
or ``posonly``; default is a JSON value, ``{"repr": ...}`` for other objects, or absent."""


# ----- extraction (runs under Gradio's interpreter) ---------------------------------------


def _default_fact(value: Any) -> Any:
    if isinstance(value, str) and "site-packages/gradio/" in value:
        # A file Gradio ships (an icon): keep the snapshot free of this machine's paths.
        return "<gradio>/" + value.split("site-packages/gradio/", 1)[1]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)) and all(
        item is None or isinstance(item, (bool, int, float, str)) for item in value
    ):
        return list(value)
    text = repr(value)
    if " at 0x" in text:
        text = f"<{type(value).__qualname__}>"
    return {"repr": text}


_KINDS = {
    inspect.Parameter.POSITIONAL_ONLY: "posonly",
    inspect.Parameter.POSITIONAL_OR_KEYWORD: "pos",
    inspect.Parameter.KEYWORD_ONLY: "kw",
}


def params_of(signature: inspect.Signature, skip_first: bool) -> list[Param]:
    """The named parameters of ``signature`` as snapshot facts (no ``*args``/``**kwargs``)."""
    params = list(signature.parameters.values())
    if skip_first and params:
        params = params[1:]
    facts: list[Param] = []
    for param in params:
        if param.kind not in _KINDS or param.name.startswith("_"):
            continue
        fact: Param = [param.name, _KINDS[param.kind]]
        if param.default is not param.empty:
            fact.append(_default_fact(param.default))
        facts.append(fact)
    return facts


def _gradio_names(gradio: Any) -> dict[str, Any]:
    names = {name: getattr(gradio, name) for name in gradio.__all__}
    for name in dir(gradio):
        value = getattr(gradio, name)
        if not name.startswith("_") and not inspect.ismodule(value):
            names.setdefault(name, value)
    for module_name in SUBMODULES:
        module = importlib.import_module(f"gradio.{module_name}")
        names[module_name] = module
        public = getattr(module, "__all__", None) or [
            name
            for name, value in vars(module).items()
            if not name.startswith("_")
            and inspect.isfunction(value)
            and value.__module__ == module.__name__
        ]
        for name in public:
            names[f"{module_name}.{name}"] = getattr(module, name)
    names.pop("__version__", None)
    names["events.Dependency"] = importlib.import_module("gradio.events").Dependency
    return names


def _documented_methods() -> dict[Any, list[str]]:
    from gradio_client import documentation

    methods: dict[Any, list[str]] = {}
    for entries in documentation.classes_to_document.values():
        for cls, fns in entries:
            names = [fn if isinstance(fn, str) else fn.event_name for fn in fns]
            methods[cls] = [name for name in dict.fromkeys(names) if not name.startswith("*")]
    return methods


def _dependency_methods(gradio: Any) -> dict[str, list[Param]]:
    """``then``/``success``/``failure`` exist only on a Dependency instance."""
    with gradio.Blocks():
        dependency = gradio.Button().click(None)
    return {
        name: params_of(inspect.signature(getattr(dependency, name)), skip_first=False)
        for name in ("then", "success", "failure")
    }


def _class_facts(
    cls: type, methods: list[str], listener: list[Param], built_by_gradio: bool
) -> dict[str, Any]:
    events = {getattr(e, "event_name", e) for e in getattr(cls, "EVENTS", [])}
    signatures: dict[str, Any] = {}
    if not built_by_gradio:
        signatures["__init__"] = params_of(inspect.signature(cls.__init__), skip_first=True)
    for name in methods:
        attr = getattr(cls, name, None)
        if attr is None:
            continue
        try:
            params = params_of(inspect.signature(attr), skip_first=True)
        except (TypeError, ValueError):
            continue
        signatures[name] = LISTENER if name in events and params == listener else params
    return {"kind": "class", "signatures": signatures}


def extract() -> dict[str, Any]:
    """Read Gradio's public API facts from the running interpreter's ``gradio``."""
    import gradio
    from gradio.events import Dependency, EventData

    listener = params_of(inspect.signature(gradio.Button.click), skip_first=True)
    documented = _documented_methods()
    facts: dict[str, Any] = {}
    for name, value in sorted(_gradio_names(gradio).items()):
        if inspect.ismodule(value):
            facts[name] = {"kind": "module"}
        elif inspect.isclass(value):
            # apps receive event data and dependencies; they never construct them
            built_by_gradio = issubclass(value, (EventData, Dependency))
            methods = documented.get(value, [])
            facts[name] = _class_facts(value, methods, listener, built_by_gradio)
        elif callable(value):
            signature = inspect.signature(value)
            facts[name] = {"kind": "function", "signatures": {"": params_of(signature, False)}}
        else:
            facts[name] = {"kind": "constant"}
    facts["events.Dependency"]["signatures"].update(_dependency_methods(gradio))
    return {"gradio_version": gradio.__version__, "listener": listener, "names": facts}


def dump(snapshot: dict[str, Any]) -> str:
    """JSON with one line per signature, so a diff shows which signature changed."""
    lines = ["{", f'"gradio_version": {json.dumps(snapshot["gradio_version"])},']
    lines.append(f'"listener": {json.dumps(snapshot["listener"])},')
    lines.append('"names": {')
    entries = []
    for name, entry in snapshot["names"].items():
        if "signatures" not in entry:
            entries.append(f" {json.dumps(name)}: {json.dumps(entry)}")
            continue
        sigs = ",\n".join(
            f"   {json.dumps(method)}: {json.dumps(params)}"
            for method, params in entry["signatures"].items()
        )
        entries.append(
            f' {json.dumps(name)}: {{"kind": {json.dumps(entry["kind"])}, "signatures": {{\n'
            f"{sigs}\n  }}}}"
        )
    lines.append(",\n".join(entries))
    lines.append("}}")
    return "\n".join(lines) + "\n"


# ----- comparison (runs under gradiate's interpreter) -------------------------------------


@dataclass
class NameReport:
    """What gradiate has of one Gradio name."""

    name: str
    kind: str
    implemented: bool
    missing_params: list[str] = field(default_factory=list)
    """``"Textbox(submit_btn, stop_btn)"``: per signature, Gradio parameters gradiate lacks."""
    order_problems: list[str] = field(default_factory=list)
    """Positional parameters whose order or kind differs from Gradio's."""
    default_differences: list[str] = field(default_factory=list)
    """Parameters whose default differs from Gradio's."""
    missing_methods: list[str] = field(default_factory=list)
    """Documented methods or event listeners gradiate does not have yet."""


def load_snapshot(path: Path = SNAPSHOT) -> dict[str, Any]:
    """The committed facts about Gradio's API."""
    return json.loads(path.read_text("utf-8"))


def resolve(name: str) -> Any | None:
    """gradiate's object for the Gradio name ``name`` (``"themes.Soft"``), or None."""
    import gradiate

    head, _, rest = name.partition(".")
    if not rest:
        return getattr(gradiate, name) if name in gradiate.__all__ else None
    try:
        module = importlib.import_module(f"gradiate.{head}")
    except ModuleNotFoundError:
        return None
    return getattr(module, rest, None)


def _own_params(function: Any, skip_first: bool) -> tuple[list[inspect.Parameter], bool]:
    params = list(inspect.signature(function).parameters.values())
    if skip_first and params:
        params = params[1:]
    has_kwargs = any(p.kind is p.VAR_KEYWORD for p in params)
    return [p for p in params if p.kind in _KINDS], has_kwargs


def effective_init_params(cls: type) -> tuple[list[inspect.Parameter], dict[str, Any]]:
    """The class's own ``__init__`` parameters, and every keyword it accepts.

    gradiate's constructors pass ``**kwargs`` on to ``super().__init__``, so the keywords
    a class accepts are its own plus, while ``**kwargs`` continues, its bases'.
    """
    own: list[inspect.Parameter] | None = None
    accepted: dict[str, Any] = {}
    for klass in cls.__mro__:
        init = klass.__dict__.get("__init__")
        if init is None or klass is object:
            continue
        params, has_kwargs = _own_params(init, skip_first=True)
        if own is None:
            own = params
        for param in params:
            accepted.setdefault(param.name, param.default)
        if not has_kwargs:
            break
    return own or [], accepted


def listener_params() -> tuple[list[inspect.Parameter], dict[str, Any]]:
    """The parameters of gradiate's event listeners (``btn.click(...)``)."""
    from gradiate.events import BoundListener

    params, _ = _own_params(BoundListener.__call__, skip_first=True)
    return params, {p.name: p.default for p in params}


def _method_params(cls: type, method: str) -> tuple[list[inspect.Parameter], dict[str, Any]] | None:
    from gradiate.events import EventListener

    attr = inspect.getattr_static(cls, method, None)
    if attr is None:
        return None
    returns_listener = isinstance(attr, property) and "Listener" in str(
        inspect.signature(attr.fget).return_annotation if attr.fget else ""
    )
    if isinstance(attr, EventListener) or returns_listener:
        return listener_params()
    params, _ = _own_params(getattr(cls, method), skip_first=True)
    return params, {p.name: p.default for p in params}


def compare_signature(
    label: str,
    gradio_params: list[Param],
    ours: tuple[list[inspect.Parameter], dict[str, Any]],
    report: NameReport,
) -> None:
    """Record in ``report`` how gradiate's parameters differ from ``gradio_params``."""
    own, accepted = ours
    missing = [name for name, *_ in gradio_params if name not in accepted]
    if missing:
        report.missing_params.append(f"{label}({', '.join(missing)})")
    for name, _kind, *default in gradio_params:
        if name in accepted and default and _default_fact(accepted[name]) != default[0]:
            report.default_differences.append(
                f"{label}({name}={_default_fact(accepted[name])!r}, Gradio {default[0]!r})"
            )
    theirs_positional = [name for name, kind, *_ in gradio_params if kind in ("pos", "posonly")]
    ours_positional = [p.name for p in own if p.kind is not p.KEYWORD_ONLY]
    if theirs_positional != ours_positional:
        report.order_problems.append(
            f"{label}: positional {ours_positional}, Gradio {theirs_positional}"
        )


def compare_name(name: str, entry: dict[str, Any], listener: list[Param]) -> NameReport:
    """Compare one Gradio name with gradiate's."""
    ours = resolve(name)
    report = NameReport(name, entry["kind"], implemented=ours is not None)
    if ours is None or "signatures" not in entry:
        return report
    for method, params in entry["signatures"].items():
        gradio_params = listener if params == LISTENER else params
        if method == "":
            label = name
            if inspect.isclass(ours):
                found: Any = effective_init_params(ours)
            else:
                found = _own_params(ours, skip_first=False)[0]
                found = (found, {p.name: p.default for p in found})
        elif method == "__init__":
            label, found = name, effective_init_params(ours)
        else:
            label, found = f"{name}.{method}", _method_params(ours, method)
        if found is None:
            report.missing_methods.append(label)
            continue
        compare_signature(label, gradio_params, found, report)
    return report


def compare(snapshot: dict[str, Any]) -> list[NameReport]:
    """Compare every Gradio name of ``snapshot`` with gradiate's."""
    return [
        compare_name(name, entry, snapshot["listener"]) for name, entry in snapshot["names"].items()
    ]


# ----- report -----------------------------------------------------------------------------


def totals(reports: list[NameReport]) -> dict[str, int]:
    """The headline figures of a comparison."""
    implemented = [r for r in reports if r.implemented]
    return {
        "names": len(reports),
        "implemented": len(implemented),
        "missing_params": sum(
            item.count(",") + 1 for r in implemented for item in r.missing_params
        ),
        "order_problems": sum(len(r.order_problems) for r in implemented),
        "default_differences": sum(len(r.default_differences) for r in implemented),
        "missing_methods": sum(len(r.missing_methods) for r in implemented),
    }


def print_report(reports: list[NameReport]) -> None:
    """Print one line per Gradio name, its gaps, and the totals."""
    for report in reports:
        status = "implemented" if report.implemented else "not implemented"
        print(f"{report.name:<32} {status}")
        for title, items in (
            ("missing parameters", report.missing_params),
            ("positional order", report.order_problems),
            ("other defaults", report.default_differences),
            ("missing methods/listeners", report.missing_methods),
        ):
            if items:
                print(f"    {title}: {', '.join(items)}")
    figures = totals(reports)
    print()
    print(f"names implemented: {figures['implemented']} / {figures['names']} Gradio public names")
    print(f"missing parameters on implemented names: {figures['missing_params']}")
    print(f"positional order/kind differences: {figures['order_problems']}")
    print(f"defaults that differ from Gradio's: {figures['default_differences']}")
    print(f"methods/listeners not implemented yet: {figures['missing_methods']}")


def markdown_table(reports: list[NameReport]) -> str:
    """``docs/parity.md``: every Gradio name and whether gradiate has it."""
    figures = totals(reports)
    lines = [
        "# Gradio names in gradiate",
        "",
        "Generated by `make parity` (`scripts/parity.py`) from Gradio 6.31.0's public API.",
        f"gradiate implements **{figures['implemented']} of {figures['names']}** names; "
        + (
            "every implemented name accepts all of Gradio's parameters."
            if not figures["missing_params"]
            else f"implemented names still lack {figures['missing_params']} of Gradio's "
            "parameters (`make parity` lists them)."
        )
        + " An option gradiate cannot honour yet raises "
        "`gradiate.exceptions.ConfigError` naming it, or logs one warning when ignoring it is "
        "harmless; a name not implemented raises `AttributeError` saying so.",
        "",
        "| Gradio name | kind | gradiate | not yet: methods/listeners |",
        "|---|---|---|---|",
    ]
    for report in reports:
        status = "yes" if report.implemented else "not yet"
        gaps = ", ".join(f"`{m}`" for m in report.missing_methods)
        lines.append(f"| `gr.{report.name}` | {report.kind} | {status} | {gaps} |")
    return "\n".join(lines) + "\n"


def names_module(snapshot: dict[str, Any]) -> str:
    """``gradiate/gradio_names.py``: Gradio's top-level names, for gradiate's AttributeError."""
    names = sorted(name for name in snapshot["names"] if "." not in name)
    body = "\n".join(f"        {json.dumps(name)}," for name in names)
    return (
        '"""Gradio 6.31\'s top-level public names (written by ``scripts/parity.py``).\n\n'
        "``gradiate.__getattr__`` reads this only for a name gradiate lacks, to say that the\n"
        'name is Gradio\'s and not implemented yet, rather than unknown.\n"""\n\n'
        "GRADIO_NAMES = frozenset(\n    {\n"
        f"{body}\n"
        "    }\n)\n"
    )


def refresh_snapshot() -> None:
    """Extract the facts with Gradio's interpreter and write the snapshot."""
    sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
    from compare import ensure_gradio_venv  # type: ignore[import-not-found]  # benchmarks/

    python = ensure_gradio_venv()
    done = subprocess.run(
        [python, __file__, "--extract"], capture_output=True, text=True, check=True
    )
    SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
    snapshot = json.loads(done.stdout)
    SNAPSHOT.write_text(dump(snapshot), "utf-8")
    NAMES_MODULE.write_text(names_module(snapshot), "utf-8")
    print(f"snapshot: {SNAPSHOT.relative_to(REPO_ROOT)}", file=sys.stderr)


def main() -> int:
    """Refresh the snapshot (unless told not to) and print the parity report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extract", action="store_true", help="print Gradio's facts (JSON)")
    parser.add_argument("--no-refresh", action="store_true", help="use the committed snapshot")
    args = parser.parse_args()
    if args.extract:
        json.dump(extract(), sys.stdout)
        return 0
    if not args.no_refresh:
        refresh_snapshot()
    sys.path.insert(0, str(REPO_ROOT / "src"))  # measure this checkout, not an installed copy
    reports = compare(load_snapshot())
    print_report(reports)
    DOCS_TABLE.parent.mkdir(parents=True, exist_ok=True)
    DOCS_TABLE.write_text(markdown_table(reports), "utf-8")
    return 1 if totals(reports)["missing_params"] else 0


if __name__ == "__main__":
    sys.exit(main())
