"""The import rules in pyproject.toml (core never imports Qt or the plugins; plugins use only
the public API), checked by import-linter."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def test_import_contracts_hold() -> None:
    lint = shutil.which("lint-imports")
    if lint is None:
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.run([lint], cwd=root, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
