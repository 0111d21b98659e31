"""People on on-model shots: skin stays as photographed by default, styled on request."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image, ImageDraw
from scipy import ndimage

from studio.cli.batch import main
from studio.people import find_skin
from studio.testing import make_product_image

SKIN = (222, 170, 140)


def on_model_photo(path: Path) -> np.ndarray:
    """A shirt worn by a 'model' (face, neck and arms in a skin tone) on a white backdrop, with
    a little noise as a camera gives; returns the skin's ground truth."""
    image = Image.new("RGB", (240, 300), "white")
    draw = ImageDraw.Draw(image)
    truth = Image.new("L", image.size, 0)
    mark = ImageDraw.Draw(truth)
    for shape, box in (("ellipse", (90, 20, 150, 95)), ("rect", (108, 90, 132, 115)),
                       ("rect", (35, 120, 62, 260)), ("rect", (178, 120, 205, 260))):
        getattr(draw, "ellipse" if shape == "ellipse" else "rectangle")(box, fill=SKIN)
        getattr(mark, "ellipse" if shape == "ellipse" else "rectangle")(box, fill=255)
    draw.rectangle((60, 110, 180, 290), fill=(30, 80, 160))  # the shirt: the product
    draw.ellipse((108, 45, 115, 52), fill=(60, 40, 30))  # an eye: a hole the map fills
    pixels = np.asarray(image, dtype=np.float32)
    noise = np.random.default_rng(0).normal(0, 1.5, pixels.shape)
    Image.fromarray(np.clip(pixels + noise, 0, 255).astype(np.uint8)).save(path)
    return np.asarray(truth) > 0


def rgb(path: Path) -> np.ndarray:
    return np.asarray(Image.open(path).convert("RGB"), dtype=np.float32) / 255


def run(capsys, *argv: str) -> dict:
    assert main([*argv, "--json", "--quiet"]) == 0
    return json.loads(capsys.readouterr().out)


def test_skin_stays_as_photographed_and_the_shirt_is_styled(tmp_path, capsys) -> None:
    truth = on_model_photo(tmp_path / "model.png")
    summary = run(capsys, str(tmp_path / "model.png"), "-o", str(tmp_path / "out"), "--style", "wave")
    assert "skin kept unstyled" in summary["outputs"][0]["people"]
    before, after = rgb(tmp_path / "model.png"), rgb(tmp_path / "out" / "model.png")
    change = np.abs(after - before).max(axis=2)
    skin = ndimage.binary_erosion(truth, iterations=4)  # inside the feathered edge
    shirt = np.zeros_like(truth)
    shirt[130:280, 75:165] = True
    assert np.mean(change[skin] < 2 / 255) > 0.97, np.mean(change[skin] < 2 / 255)
    assert change[shirt].mean() > 0.05  # the product is still styled

    styled = run(capsys, str(tmp_path / "model.png"), "-o", str(tmp_path / "painted"), "--style", "wave",
                 "--people", "style")
    assert "people" not in styled["outputs"][0]
    painted = np.abs(rgb(tmp_path / "painted" / "model.png") - before).max(axis=2)
    assert painted[skin].mean() > 0.05  # asked to: skin is painted too


# Not "watch": its tan strap reads as skin (1.9 % of the frame), the limit the README names.
@pytest.mark.parametrize("kind", ["mug", "sneaker", "bag", "bottle"])
def test_generated_products_hold_no_skin(kind: str) -> None:
    image = make_product_image(kind, size=(240, 200), seed=3)
    rgb_t = torch.from_numpy(np.asarray(image.convert("RGB"), dtype=np.float32) / 255).permute(2, 0, 1)
    assert find_skin(rgb_t).share < 0.01
