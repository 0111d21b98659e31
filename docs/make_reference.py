"""Generates docs/plugin-reference.md from the code: every public name of ``studio.api`` and
``studio.testing`` (their ``__all__``) with its signature and docstring. A test checks the
file is up to date and that every public name has a docstring.

    python docs/make_reference.py          # rewrite docs/plugin-reference.md
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import re
import sys
from pathlib import Path

REFERENCE = Path(__file__).resolve().parent / "plugin-reference.md"
MODULES = ("studio.api", "studio.testing")


def _signature(obj: object) -> str:
    """The signature without private parameters (``_cancel``...) or memory addresses."""
    try:
        signature = inspect.signature(obj)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""
    public = [p for p in signature.parameters.values() if not p.name.startswith("_")]
    return re.sub(r" at 0x[0-9a-f]+", "", str(signature.replace(parameters=public)))


def _section(module: str, name: str, obj: object) -> str:
    lines = []
    if inspect.isclass(obj):
        kind = "protocol" if getattr(obj, "_is_protocol", False) else "class"
        signature = "" if kind == "protocol" else _signature(obj)
        lines.append(f"### `{name}{signature}` ({kind})")
    elif callable(obj):
        lines.append(f"### `{name}{_signature(obj)}`")
    else:
        lines.append(f"### `{name}` = `{obj!r}`")
    doc = inspect.getdoc(obj) if (inspect.isclass(obj) or callable(obj)) else None
    lines.append("")
    lines.append(doc or "")
    if inspect.isclass(obj) and dataclasses.is_dataclass(obj):
        fields = [f for f in dataclasses.fields(obj) if not f.name.startswith("_")]
        if fields:
            lines += ["", "| field | type | default |", "|---|---|---|"]
            for f in fields:
                default = ("(required)" if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
                           else repr(f.default) if f.default is not dataclasses.MISSING else "(factory)")
                lines.append(f"| `{f.name}` | `{f.type}` | `{default}` |")
    if inspect.isclass(obj):
        for member, value in sorted(vars(obj).items()):
            if member.startswith("_") or not callable(value) or not inspect.getdoc(value):
                continue
            lines += ["", f"- `{member}{_signature(value)}`: {inspect.getdoc(value).splitlines()[0]}"]
    return "\n".join(lines).rstrip() + "\n"


def render() -> str:
    parts = ["# Plugin API reference", "",
             "Generated from the code by `python docs/make_reference.py` (a test keeps it in step). The",
             "guide (`docs/plugin-guide.md`) explains how the pieces fit; this lists every public name.", ""]
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        parts += [f"## `{module_name}`", "", inspect.getdoc(module) or "", ""]
        for name in module.__all__:
            parts.append(_section(module_name, name, getattr(module, name)))
    return "\n".join(parts).rstrip() + "\n"


def undocumented() -> list[str]:
    """Public names (classes and functions) without a docstring of their own."""
    missing = []
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            obj = getattr(module, name)
            if (inspect.isclass(obj) or inspect.isfunction(obj)) and not (obj.__doc__ or "").strip():
                missing.append(f"{module_name}.{name}")
    return missing


if __name__ == "__main__":
    REFERENCE.write_text(render())
    print(f"wrote {REFERENCE}")
    sys.exit(0)
