"""The plugin guide and the hooks stay in step (as datasette's docs tests do)."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from studio import hookspecs

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "plugin-guide.md"


def test_every_hook_has_a_section_in_the_plugin_guide() -> None:
    text = GUIDE.read_text()
    hooks = [name for name, fn in inspect.getmembers(hookspecs, inspect.isfunction) if name.startswith("studio_")]
    assert hooks
    for hook in hooks:
        assert re.search(rf"^### `{hook}\(", text, re.M), f"docs/plugin-guide.md has no section for {hook}"


def _reference_tool():
    import importlib.util

    path = GUIDE.parent / "make_reference.py"
    spec = importlib.util.spec_from_file_location("make_reference", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_public_name_is_documented_and_the_reference_is_current() -> None:
    """docs/plugin-reference.md is generated from the code: regenerate it after an API change."""
    tool = _reference_tool()
    assert tool.undocumented() == []
    assert tool.REFERENCE.read_text() == tool.render(), "run: python docs/make_reference.py"
    import studio.api
    import studio.testing

    text = tool.REFERENCE.read_text()
    for module in (studio.api, studio.testing):
        for name in module.__all__:
            assert f"### `{name}" in text, f"{module.__name__}.{name} missing from the reference"


def test_names_the_guide_mentions_are_exported() -> None:
    import studio.api

    text = GUIDE.read_text()
    for name in re.findall(r"`studio\.api\.(\w+)", text):
        assert name in studio.api.__all__, f"the guide mentions studio.api.{name}, which is not exported"
