"""A third party's plugin, installed for real with pip, is discovered and runs; a plugin that
fails at import is listed as broken while the others keep working."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
from PIL import Image

GOOD_PLUGIN = '''
"""Posterize: a tiny third-party style."""
from studio.api import Capabilities, Param, hookimpl

STUDIO_API_VERSION = 1


class Posterize:
    name = "posterize"
    title = "Posterize"
    description = "Reduces each channel to a few levels."
    params = (Param("levels", "int", 4, "Levels per channel", 2, 16),)
    capabilities = Capabilities(batched=True)

    def stylize(self, images, params, ctx):
        levels = params["levels"] - 1
        return (images * levels).round() / levels


@hookimpl
def studio_style_models():
    return [Posterize()]
'''


def write_package(root: Path, dist: str, module: str, source: str) -> Path:
    pkg = root / dist
    (pkg / module).mkdir(parents=True)
    (pkg / module / "__init__.py").write_text(source)
    (pkg / "pyproject.toml").write_text(textwrap.dedent(f"""
        [build-system]
        requires = ["setuptools"]
        build-backend = "setuptools.build_meta"

        [project]
        name = "{dist}"
        version = "1.0"
        dependencies = []

        [project.entry-points."studio.plugins"]
        {module} = "{module}"

        [tool.setuptools]
        packages = ["{module}"]
    """))
    return pkg


STARTER = Path(__file__).resolve().parents[1] / "packaging" / "plugin-starter"


def test_the_plugin_starter_installs_and_its_own_tests_pass(tmp_path: Path) -> None:
    """The starter package a plugin author copies: a real pip install, then its tests."""
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-build-isolation", "--no-index",
                    "--quiet", "--target", str(site), str(STARTER)], check=True, timeout=300)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]),
           "STUDIO_HOME": str(tmp_path / "home")}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(STARTER / "tests")],
                         capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "4 passed" in run.stdout


def test_the_starters_tests_use_only_public_api() -> None:
    """A plugin's tests import studio.api and studio.testing, nothing internal."""
    import re

    for path in (STARTER / "tests").glob("*.py"):
        for module in re.findall(r"^\s*(?:from|import) (studio[\w.]*)", path.read_text(), flags=re.M):
            assert module in ("studio.api", "studio.testing"), f"{path.name} imports {module}"


def test_pip_installed_plugin_is_discovered_and_runs(tmp_path: Path, product_folder: Path) -> None:
    good = write_package(tmp_path, "studio-posterize", "studio_posterize", GOOD_PLUGIN)
    broken = write_package(tmp_path, "studio-broken", "studio_broken", "raise ImportError('needs libfoo 2.0')\n")
    site = tmp_path / "site"
    # A real pip install (into a private target dir, so the test venv stays clean); offline.
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-build-isolation", "--no-index",
                    "--quiet", "--target", str(site), str(good), str(broken)], check=True, timeout=300)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}

    listing = subprocess.run([sys.executable, "-m", "studio.cli.batch", "--list-styles", "--json"],
                             capture_output=True, text=True, env=env, timeout=120)
    assert listing.returncode == 1, listing.stderr  # a broken plugin: scripts must notice
    data = json.loads(listing.stdout)
    assert data["ok"] is False
    styles = {s["name"]: s for s in data["styles"]}
    assert styles["posterize"]["distribution"] == "studio-posterize"
    assert styles["posterize"]["params"][0]["name"] == "levels"
    assert "gatys" in styles  # built-ins unaffected
    broken_reasons = {b["plugin"]: b["reason"] for b in data["broken"]}
    assert "needs libfoo 2.0" in broken_reasons["studio_broken"]

    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "studio.cli.batch", str(product_folder / "mug.jpg"), "-o", str(out),
                          "--style", "posterize", "--param", "levels=2", "--format", "png", "--size", "96",
                          "--background", "style",
                          "--json", "--quiet"], capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["done"] == 1
    pixels = np.asarray(Image.open(out / "mug.png").convert("RGB"))
    # Two levels per channel: almost every pixel is 0 or 255 (resampling blurs only edges).
    assert np.isin(pixels, (0, 255)).mean() > 0.9
