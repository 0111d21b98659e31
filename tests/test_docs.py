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
