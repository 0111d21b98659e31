"""Product masks on generated catalog photos with known silhouettes."""

from __future__ import annotations

import numpy as np
import pytest
import torch

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
