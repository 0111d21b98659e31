"""The ``adain`` style: any style image in one pass, with the shipped decoder; product-safe;
blends and strength as promised; ``studio-train --kind adain`` makes a decoder it can use."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from studio.cli.batch import main as batch
from studio.testing import assert_product_safe, make_product_image, make_style_image, product_mask, style_images

ROOT = Path(__file__).resolve().parents[1]


def solid_style(path: Path, rgb: tuple[int, int, int], seed: int = 0) -> Path:
    """A style image of one hue with some texture, so its statistics are unmistakable."""
    rng = np.random.default_rng(seed)
    noise = rng.normal(0, 18, (96, 96, 1))
    pixels = np.clip(np.array(rgb, dtype=np.float32) + noise, 0, 255).astype(np.uint8)
    Image.fromarray(pixels).save(path)
    return path


def style_with(tmp_path: Path, *args: str, photo: Image.Image | None = None) -> np.ndarray:
    inputs = tmp_path / "in"
    inputs.mkdir(exist_ok=True)
    (photo or make_product_image("bag", size=(128, 112), seed=3)).save(inputs / "bag.png")
    out = tmp_path / f"out{len(list(tmp_path.glob('out*')))}"
    code = batch([str(inputs), "-o", str(out), "--style", "adain", "--size", "128", "--quiet", *args])
    assert code == 0
    return np.asarray(Image.open(out / "bag.png").convert("RGB")).astype(np.float32)


def test_adaptive_instance_norm_gives_each_channel_the_styles_statistics() -> None:
    from studio.api import adaptive_instance_norm, feature_mean_std

    content = torch.randn(2, 8, 16, 12) * 3 + 1
    style = torch.randn(1, 8, 10, 10) * torch.linspace(0.5, 4, 8).view(1, 8, 1, 1) + torch.arange(8.0).view(1, 8, 1, 1)
    mean, std = feature_mean_std(style)
    out_mean, out_std = feature_mean_std(adaptive_instance_norm(content, mean, std))
    assert torch.allclose(out_mean, mean.expand_as(out_mean), atol=1e-4)
    assert torch.allclose(out_std, std.expand_as(out_std), atol=1e-3)


def test_the_shipped_decoder_is_listed_with_its_card() -> None:
    card = json.loads((ROOT / "resources" / "models" / "adain.json").read_text())
    assert card["kind"] == "adain" and card["architecture"]["class"] == "AdaINDecoder"
    assert "studio-train --kind adain" in card["training"]["command"]
    from studio.registry import load_registry

    model = load_registry().get("adain").model
    assert model.capabilities.needs_style_images and model.capabilities.batched


def test_any_style_image_is_applied_product_safe(tmp_path) -> None:
    """Through the real pipeline with the default style image: the white background stays,
    the product changes."""
    photos = [make_product_image(kind, size=(160, 128), seed=i) for i, kind in enumerate(["mug", "sneaker"])]
    for result in style_images("adain", photos, tmp_path, size=160):
        assert_product_safe(result, min_change=8.0)


def test_the_product_takes_on_the_style_images_colours(tmp_path) -> None:
    red = solid_style(tmp_path / "red.png", (200, 40, 30))
    blue = solid_style(tmp_path / "blue.png", (30, 60, 200))
    mask = product_mask("bag", size=(128, 112), seed=3) > 0.98
    as_red = style_with(tmp_path, "--style-image", str(red))[mask].mean(axis=0)
    as_blue = style_with(tmp_path, "--style-image", str(blue))[mask].mean(axis=0)
    assert as_red[0] - as_red[2] > 30, as_red  # red dominates
    assert as_blue[2] - as_blue[0] > 30, as_blue  # blue dominates


def test_blend_weights_pick_and_mix_the_style_images(tmp_path) -> None:
    red = str(solid_style(tmp_path / "red.png", (200, 40, 30)))
    blue = str(solid_style(tmp_path / "blue.png", (30, 60, 200)))
    only_red = style_with(tmp_path, "--style-image", red)
    red_by_weight = style_with(tmp_path, "--style-image", red, "--style-image", blue, "--param", "blend=1,0")
    assert np.abs(only_red - red_by_weight).mean() < 1.0
    mixed = style_with(tmp_path, "--style-image", red, "--style-image", blue)
    only_blue = style_with(tmp_path, "--style-image", blue)
    # An equal blend lies between the two looks.
    assert np.abs(mixed - only_red).mean() > 3 and np.abs(mixed - only_blue).mean() > 3


def test_lower_strength_stays_closer_to_the_photo(tmp_path) -> None:
    style = str(tmp_path / "mosaic.png")
    make_style_image("mosaic", size=(96, 96)).save(style)
    photo = make_product_image("bag", size=(128, 112), seed=3)
    before = np.asarray(photo.convert("RGB")).astype(np.float32)
    full = np.abs(style_with(tmp_path, "--style-image", style, photo=photo) - before).mean()
    light = np.abs(style_with(tmp_path, "--style-image", style, "--param", "strength=0.2", photo=photo)
                   - before).mean()
    assert light < full * 0.8


@pytest.mark.parametrize("blend, message, code", [("x", "comma-separated numbers", 2), ("0,0", "not all zero", 2),
                                                  ("1,2,3", "3 weights for 2 style images", 1)])
def test_a_bad_blend_is_refused_with_a_reason_and_writes_nothing(tmp_path, capsys, blend: str, message: str,
                                                                 code: int) -> None:
    """Bad numbers are a usage error before any image; weights that do not match the style
    images (known once the job has them) fail every image with the reason."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    make_product_image("mug", size=(64, 64)).save(inputs / "mug.png")
    style = str(solid_style(tmp_path / "s.png", (10, 200, 10)))
    result = batch([str(inputs), "-o", str(tmp_path / "out"), "--style", "adain", "--style-image", style,
                    "--style-image", style, "--param", f"blend={blend}", "--quiet", "--json"])
    assert result == code
    assert not (tmp_path / "out" / "mug.png").exists()
    captured = capsys.readouterr()
    reported = captured.err if code == 2 else json.loads(captured.out)["failed"][0]["reason"]
    assert message in reported


def test_studio_train_kind_adain_exports_a_decoder_the_style_can_use(tmp_path, studio_home) -> None:
    from studio.cli.train import main as train

    content, styles = tmp_path / "content", tmp_path / "styles"
    content.mkdir(), styles.mkdir()
    for i, kind in enumerate(["mug", "bag", "sneaker"]):
        make_product_image(kind, size=(64, 56), seed=i).save(content / f"{kind}.png")
    for look in ("mosaic", "waves"):
        make_style_image(look, size=(64, 64)).save(styles / f"{look}.png")
    models = studio_home / "models"
    code = train(["--kind", "adain", "--content", str(content), "--style", str(styles), "--name", "tiny-decoder",
                  "--steps", "3", "--size", "32", "--batch", "2", "--width", "16", "--identity-weight", "100", "--quiet",
                  "--out", str(tmp_path / "run"), "--export-dir", str(models)])
    assert code == 0
    card = json.loads((models / "tiny-decoder.json").read_text())
    assert card["kind"] == "adain" and card["training"]["steps"] == 3
    assert card["architecture"]["config"] == {"width": 16}
    assert (models / "tiny-decoder.preview.png").is_file()
    styled = style_with(tmp_path, "--style-image", str(styles / "waves.png"), "--param", "decoder=tiny-decoder")
    assert styled.shape == (112, 128, 3)


def test_a_gan_run_takes_one_content_and_one_style_folder(tmp_path, capsys) -> None:
    from studio.cli.train import main as train

    code = train(["--content", str(tmp_path), "--content", str(tmp_path), "--style", str(tmp_path),
                  "--name", "x", "--steps", "1"])
    assert code == 2
    assert "--kind adain" in capsys.readouterr().err
