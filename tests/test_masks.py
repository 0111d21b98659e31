"""Product masks on generated catalog photos with known silhouettes."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from scipy import ndimage
from PIL import Image

from studio.masks import ALPHA, DETECTED, NONE, SEGMENTED, find_product_mask
from studio.testing import make_product_image, make_style_image, product_mask


def tensors(image) -> tuple[torch.Tensor, torch.Tensor | None]:
    rgba = torch.from_numpy(np.asarray(image.convert("RGBA"), dtype=np.float32) / 255).permute(2, 0, 1)
    alpha = rgba[3] if image.mode == "RGBA" else None
    return rgba[:3].contiguous(), alpha


def iou(a: np.ndarray, b: np.ndarray) -> float:
    return float((a & b).sum() / (a | b).sum())


@pytest.mark.parametrize("kind", ["mug", "bottle", "sneaker", "bag", "watch"])
def test_plain_white_background_is_detected(kind: str) -> None:
    rgb, _ = tensors(make_product_image(kind, size=(240, 200), background="white", seed=4))
    found = find_product_mask(rgb)
    assert found.source == DETECTED
    assert found.mask.shape == (200, 240)
    truth = product_mask(kind, size=(240, 200), seed=4)
    assert iou(found.mask.numpy() > 0.5, truth) > 0.9


def test_alpha_channel_is_the_mask() -> None:
    rgb, alpha = tensors(make_product_image("sneaker", size=(200, 120), background="transparent"))
    found = find_product_mask(rgb, alpha)
    assert found.source == ALPHA and torch.equal(found.mask, alpha)


def test_the_plain_backdrop_detector_refuses_a_busy_background_and_says_why() -> None:
    rgb, _ = tensors(make_product_image("bag", size=(200, 200), background="busy"))
    found = find_product_mask(rgb, segment=False)
    assert found.source == NONE and found.mask is None
    assert "not plain" in found.reason


@pytest.mark.parametrize("kind,seed", [("bag", 0), ("sneaker", 1), ("bottle", 5), ("watch", 1)])
def test_a_product_on_a_busy_background_is_segmented(kind: str, seed: int) -> None:
    rgb, _ = tensors(make_product_image(kind, size=(240, 200), background="busy", seed=seed))
    found = find_product_mask(rgb)
    assert found.source == SEGMENTED and found.mask.shape == (200, 240)
    assert iou(found.mask.numpy() > 0.5, product_mask(kind, size=(240, 200), seed=seed)) > 0.75


def test_a_texture_with_no_product_gets_no_mask_and_says_why() -> None:
    rgb, _ = tensors(make_style_image("mosaic", size=(200, 200)))
    found = find_product_mask(rgb)
    assert found.source == NONE and found.mask is None
    assert "not plain" in found.reason and "segmentation" in found.reason


def test_without_the_segmentation_model_a_busy_photo_gets_no_mask(tmp_path, monkeypatch) -> None:
    from studio import saliency

    monkeypatch.setattr(saliency, "_shipped_dir", lambda: tmp_path)  # an install without the file
    rgb, _ = tensors(make_product_image("bag", size=(200, 200), background="busy"))
    found = find_product_mask(rgb)
    assert found.source == NONE and "no product segmentation model installed" in found.reason


def test_mask_edge_is_feathered() -> None:
    rgb, _ = tensors(make_product_image("mug", size=(240, 200), background="white"))
    values = find_product_mask(rgb).mask.numpy()
    partial = ((values > 0.05) & (values < 0.95)).sum()
    assert partial > 0  # soft edge, not a hard cut
    assert partial < 0.1 * values.size


def test_empty_white_frame_has_no_product() -> None:
    found = find_product_mask(torch.ones(3, 64, 64))
    assert found.source == NONE and "no product" in found.reason


def contact_shadow_photo() -> Image.Image:
    """A blue mug on a white sweep with a soft drop shadow and, right under it, the dark
    contact-shadow core a studio photo has."""
    from PIL import ImageDraw, ImageFilter

    photo = Image.new("RGB", (320, 260), "white")
    spread = Image.new("L", photo.size, 0)
    ImageDraw.Draw(spread).ellipse((50, 165, 270, 225), fill=120)
    contact = Image.new("L", photo.size, 0)
    ImageDraw.Draw(contact).ellipse((104, 184, 216, 200), fill=255)
    shadow = np.maximum(np.asarray(spread.filter(ImageFilter.GaussianBlur(16))),
                        np.asarray(contact.filter(ImageFilter.GaussianBlur(4))))
    photo = Image.composite(Image.new("RGB", photo.size, (70, 70, 70)), photo, Image.fromarray(shadow))
    ImageDraw.Draw(photo).rounded_rectangle((110, 60, 210, 192), radius=10, fill=(30, 90, 170))
    return photo


def test_the_contact_shadow_under_a_product_is_background() -> None:
    photo = contact_shadow_photo()
    pixels = np.asarray(photo, dtype=np.float32) / 255
    core = np.s_[195:202, 115:205]  # right under the mug, the darkest part of the shadow
    assert pixels[core].mean() < 0.6  # really dark: a contact shadow, not a faint one
    mask = find_product_mask(torch.from_numpy(pixels).permute(2, 0, 1)).mask.numpy()
    assert mask[core].max() < 0.05, mask[core].max()
    assert mask[194:222, 60:260].mean() < 0.01  # the whole shadow
    assert mask[70:185, 120:200].min() > 0.99  # the mug itself


def test_no_style_smudge_in_the_shadow_under_a_mug(tmp_path) -> None:
    from studio.cli.batch import main

    contact_shadow_photo().save(tmp_path / "mug.png")
    assert main([str(tmp_path / "mug.png"), "-o", str(tmp_path / "out"), "--style", "wave", "--quiet"]) == 0
    before = np.asarray(Image.open(tmp_path / "mug.png").convert("RGB"), dtype=np.float32)
    after = np.asarray(Image.open(tmp_path / "out" / "mug.png").convert("RGB"), dtype=np.float32)
    change = np.abs(after - before).max(axis=2)
    assert change[195:222, 60:260].max() <= 3, change[195:222, 60:260].max()  # the shadow as photographed
    assert change[80:180, 120:200].mean() > 10  # the mug is styled


def steep_shadow_photo() -> Image.Image:
    """A blue mug with only a thin, steep shadow band on the floor, running under it and out to
    its right (light from the left), with no soft rim around it: the bundled mug's shadow."""
    from PIL import ImageDraw, ImageFilter

    photo = Image.new("RGB", (320, 260), "white")
    band = Image.new("L", photo.size, 0)
    ImageDraw.Draw(band).rounded_rectangle((112, 188, 280, 198), radius=5, fill=255)
    band = band.filter(ImageFilter.GaussianBlur(2.5))
    photo = Image.composite(Image.new("RGB", photo.size, (150, 150, 150)), photo, band)
    ImageDraw.Draw(photo).rounded_rectangle((110, 60, 210, 192), radius=10, fill=(30, 90, 170))
    return photo


def test_a_steep_thin_shadow_beside_a_product_is_background() -> None:
    pixels = np.asarray(steep_shadow_photo(), dtype=np.float32) / 255
    band = np.s_[189:198, 215:275]  # the band to the right of the mug's base
    assert pixels[band].mean() < 0.75
    mask = find_product_mask(torch.from_numpy(pixels).permute(2, 0, 1)).mask.numpy()
    assert mask[band].max() < 0.1, mask[band].max()
    assert mask[70:185, 120:200].min() > 0.99  # the mug itself


def test_no_style_in_the_steep_shadow_of_the_generated_mug(tmp_path) -> None:
    """The shadow ``make_product_image`` draws under its mug is steep and thin; styled with a
    house style, nothing outside the mug (4 px margin for the feathered edge) changes visibly."""
    from studio.cli.batch import main

    make_product_image("mug", size=(640, 512)).save(tmp_path / "mug.png")
    assert main([str(tmp_path / "mug.png"), "-o", str(tmp_path / "out"), "--style", "wave", "--quiet"]) == 0
    before = np.asarray(Image.open(tmp_path / "mug.png").convert("RGB"), dtype=np.float32)
    after = np.asarray(Image.open(tmp_path / "out" / "mug.png").convert("RGB"), dtype=np.float32)
    change = np.abs(after - before).max(axis=2)
    silhouette = product_mask("mug", size=(640, 512))
    outside = ~ndimage.binary_dilation(silhouette, iterations=4)
    assert (change[outside] > 12).mean() < 1e-4, int((change[outside] > 12).sum())  # was 3081 pixels
    assert change[silhouette].mean() > 10  # the mug is styled
