"""Shared fixtures: every test gets its own STUDIO_HOME and generates its own images."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Small and quick: the same code paths as a real job, at thumbnail size.
FAST_GATYS = ["--style", "gatys", "--size", "64", "--param", "iterations=8"]


@pytest.fixture(autouse=True)
def studio_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("studio-home")
    monkeypatch.setenv("STUDIO_HOME", str(home))
    monkeypatch.delenv("STUDIO_VGG19_WEIGHTS", raising=False)
    # English whatever the machine's locale; the zh_CN tests ask for Chinese themselves.
    monkeypatch.setenv("STUDIO_LANG", "en")
    from studio import i18n

    i18n.set_language("en")
    return home


@pytest.fixture
def product_folder(tmp_path: Path) -> Path:
    """A catalog folder: a white-background JPEG, a PNG cutout with alpha, and a nested
    sub-folder, as a photo studio might deliver them."""
    from studio.testing import make_product_image

    root = tmp_path / "catalog"
    (root / "bags").mkdir(parents=True)
    make_product_image("mug", size=(96, 80), background="white", seed=1).save(root / "mug.jpg", quality=95)
    make_product_image("sneaker", size=(120, 72), background="transparent", seed=2).save(root / "sneaker.png")
    make_product_image("bag", size=(80, 96), background="white", seed=3).save(root / "bags" / "bag.png")
    return root


@pytest.fixture
def style_image(tmp_path: Path) -> Path:
    from studio.testing import make_style_image

    path = tmp_path / "style.png"
    make_style_image("mosaic", size=(96, 96), seed=0).save(path)
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes, to prove inputs are left untouched."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
