"""The starter's own tests: run them with `pytest` after `pip install -e .`. They use Style
Studio's public test helpers (``studio.testing``) and its real CLI."""

from __future__ import annotations

import json

import numpy as np
from PIL import Image

from studio.cli.batch import main as studio_batch
from studio.testing import make_product_image


def test_the_style_is_listed_with_its_parameters(capsys) -> None:
    assert studio_batch(["--list-styles", "--json"]) == 0
    styles = {s["name"]: s for s in json.loads(capsys.readouterr().out)["styles"]}
    assert styles["posterize"]["distribution"] == "studio-posterize"
    assert [p["name"] for p in styles["posterize"]["params"]] == ["levels", "outline"]


def test_two_levels_give_flat_colours(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("STUDIO_HOME", str(tmp_path / "home"))  # keep the user's job history clean
    make_product_image("mug", size=(160, 120), seed=1).save(tmp_path / "mug.png")
    code = studio_batch([str(tmp_path / "mug.png"), "-o", str(tmp_path / "out"), "--style", "posterize",
                         "--param", "levels=2", "--param", "outline=0", "--size", "160", "--background", "style",
                         "--json", "--quiet"])
    assert code == 0 and json.loads(capsys.readouterr().out)["done"] == 1
    pixels = np.asarray(Image.open(tmp_path / "out" / "mug.png").convert("RGB"))
    assert np.isin(pixels, (0, 255)).mean() > 0.95  # two levels per channel: 0 or 255


def test_outlines_darken_edges_only(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("STUDIO_HOME", str(tmp_path / "home"))
    make_product_image("bag", size=(160, 120), seed=2).save(tmp_path / "bag.png")
    results = {}
    for outline in ("0", "1"):
        out = tmp_path / f"out{outline}"
        assert studio_batch([str(tmp_path / "bag.png"), "-o", str(out), "--style", "posterize", "--param",
                             f"outline={outline}", "--size", "160", "--background", "style", "--quiet"]) == 0
        results[outline] = np.asarray(Image.open(out / "bag.png").convert("L"), dtype=np.float64)
    darker = results["0"] - results["1"]
    assert darker.min() >= -1  # outlines only ever darken
    assert (darker > 30).mean() > 0.005  # and they do darken the edges
