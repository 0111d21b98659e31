"""People in product photos: find skin so styling can leave faces, arms and legs as they are.

On-model clothing shots are products too, but a merchandiser cannot publish a model with a blue
textured face or a ghost-white hand. The skin map is a classical colour classifier (the YCbCr
skin cluster of Chai and Ngan, 1999, tightened with a red-minus-blue margin), kept only where
it is smooth (skin has little fine texture; wood, sand or printed fabric of the same hue has
more) and in regions large enough to be a face or a limb, with holes (eyes, mouths) filled.
It needs no model file, so nothing is downloaded. Packages checked for offline weights:
mediapipe 1.x ships no models (its 0.10.21 wheel does, but pins numpy<2 and pulls jax and the
non-headless OpenCV); opencv-python-headless 5.x ships no cascades, 4.14 ships Haar face
cascades, which could anchor the skin colour on the person's own face (not done yet).

What it is not: a person detector. Skin-coloured products (a tan leather strap, a peach
candle lid) can be taken for skin, and skin outside the fixed colour cluster (very dark or
very pale under strong light) can be missed; measured on the project's photos, see the README.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from scipy import ndimage

#: Long edge the classifier works at: skin regions are large and smooth.
ANALYSIS_EDGE = 384
#: A region smaller than this share of the frame is not a face or a limb.
MIN_REGION_SHARE = 0.003
#: Local standard deviation of luma (0-1) above which a skin-coloured pixel is texture, not skin.
MAX_TEXTURE = 0.045


@dataclass(frozen=True)
class SkinMap:
    """``mask`` (H, W) in [0, 1], 1 = skin (to keep unstyled), or None when none was found."""

    mask: torch.Tensor | None
    share: float

    def resized(self, width: int, height: int) -> SkinMap:
        if self.mask is None or tuple(self.mask.shape) == (height, width):
            return self
        resized = F.interpolate(self.mask[None, None], size=(height, width), mode="bilinear", align_corners=False)
        return SkinMap(resized[0, 0].clamp(0, 1), self.share)


def skin_colour(image: np.ndarray) -> np.ndarray:
    """Boolean map of skin-coloured pixels of an (H, W, 3) RGB array in [0, 1]."""
    r, g, b = image[..., 0] * 255, image[..., 1] * 255, image[..., 2] * 255
    y = 0.299 * r + 0.587 * g + 0.114 * b
    cb = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b
    cr = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b
    return (cr >= 138) & (cr <= 175) & (cb >= 85) & (cb <= 128) & (y >= 70) & (cr - cb >= 15)


def find_skin(rgb: torch.Tensor) -> SkinMap:
    """The skin map of an RGB image ``(3, H, W)`` in [0, 1], at its size."""
    height, width = rgb.shape[-2:]
    scale = min(1.0, ANALYSIS_EDGE / max(height, width))
    small = rgb
    if scale < 1.0:
        small = F.interpolate(rgb[None], size=(max(8, round(height * scale)), max(8, round(width * scale))),
                              mode="area")[0]
    image = small.permute(1, 2, 0).cpu().numpy().astype(np.float32)
    skin = skin_colour(image)
    if not skin.any():
        return SkinMap(None, 0.0)
    luma = image @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
    mean = ndimage.uniform_filter(luma, 5)
    texture = np.sqrt(np.maximum(ndimage.uniform_filter(luma * luma, 5) - mean * mean, 0))
    skin &= texture <= MAX_TEXTURE
    radius = max(1, round(max(skin.shape) / 192))
    skin = ndimage.binary_opening(skin, iterations=radius)
    labels, count = ndimage.label(skin)
    if count:
        sizes = ndimage.sum(skin, labels, index=np.arange(1, count + 1))
        keep = np.flatnonzero(sizes >= MIN_REGION_SHARE * skin.size) + 1
        skin = np.isin(labels, keep)
    skin = ndimage.binary_fill_holes(ndimage.binary_closing(skin, iterations=radius))
    share = float(skin.mean())
    if share == 0.0:
        return SkinMap(None, 0.0)
    # The texture test drops the skin's own rim (next to hair or a collar), and a feather
    # inside the skin would paint its edge: grow the region, then feather outside it.
    grown = ndimage.binary_dilation(skin, iterations=3 * radius)
    soft = ndimage.gaussian_filter(grown.astype(np.float32), sigma=radius)
    return SkinMap(torch.from_numpy(np.clip(soft, 0, 1)), share).resized(width, height)
