"""Product masks: which pixels are the product, so styling can leave the background alone.

Sources, in order: the image's own alpha channel (a cut-out); otherwise a plain background
found automatically (a near-uniform light or dark colour around the border, flood-filled from
the border with a colour tolerance, then cleaned up morphologically and feathered); otherwise,
on a busy background (a shoe on grass), the trained segmentation of :mod:`studio.saliency`
when it is sure enough; otherwise none, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from scipy import ndimage

from studio.i18n import translate

ALPHA, DETECTED, SEGMENTED, NONE = "alpha", "detected", "segmented", "none"

#: Largest side the detector works at; masks are smooth, so finer analysis buys nothing.
ANALYSIS_EDGE = 512
#: Max per-channel distance (0–1) from the background colour that still counts as background.
TOLERANCE = 0.09
#: Share of border pixels that must match the background colour for it to count as plain.
PLAIN_BORDER_SHARE = 0.85


@dataclass(frozen=True)
class ProductMask:
    """``mask`` is ``(H, W)`` float in [0, 1] (1 = product) at the size it was asked for,
    or None when ``source`` is ``"none"``; ``reason`` says why there is no mask."""

    source: str
    mask: torch.Tensor | None = None
    reason: str | None = None

    def resized(self, width: int, height: int) -> ProductMask:
        if self.mask is None or tuple(self.mask.shape) == (height, width):
            return self
        resized = F.interpolate(self.mask[None, None], size=(height, width), mode="bilinear", align_corners=False)
        return ProductMask(self.source, resized[0, 0].clamp(0, 1), self.reason)


#: The segmentation of a busy background is used only this sure of itself (mean certainty of
#: its pixels, 0-1) and when the product covers a plausible share of the frame.
MIN_SEGMENT_CONFIDENCE = 0.75
SEGMENT_SHARE = (0.02, 0.9)


def find_product_mask(rgb: torch.Tensor, alpha: torch.Tensor | None = None, segment: bool = True) -> ProductMask:
    """The product mask of an RGB image ``(3, H, W)`` in [0, 1], at its size. Without alpha
    or a plain backdrop, ``segment`` asks the trained segmentation (:mod:`studio.saliency`)."""
    height, width = rgb.shape[-2:]
    if alpha is not None and float(alpha.min()) < 0.98:
        return ProductMask(ALPHA, alpha.float().clamp(0, 1))
    scale = min(1.0, ANALYSIS_EDGE / max(height, width))
    small = rgb
    if scale < 1.0:
        size = (max(8, round(height * scale)), max(8, round(width * scale)))
        small = F.interpolate(rgb[None], size=size, mode="area")[0]
    found = _detect(small.permute(1, 2, 0).cpu().numpy())
    if isinstance(found, str):
        if segment and isinstance(found, _BusyBackground):
            segmented = _segment(small)
            if not isinstance(segmented, str):
                return ProductMask(SEGMENTED, segmented).resized(width, height)
            found = translate("masks", "{reason}; {segmentation}").format(reason=found, segmentation=segmented)
        return ProductMask(NONE, None, str(found))
    return ProductMask(DETECTED, torch.from_numpy(found)).resized(width, height)


class _BusyBackground(str):
    """Why the backdrop is not plain (the reason, in the user's language): the trained
    segmentation may still find the product."""


def _segment(small: torch.Tensor) -> torch.Tensor | str:
    """The product cut from a busy background by the trained model, cleaned and feathered
    like a detected mask; or why not (no model file, not sure enough, implausible size)."""
    from studio import saliency

    model = saliency.load_model()
    if model is None:
        return translate("masks", "no product segmentation model installed")
    found = saliency.salient_mask(small, model)
    low, high = SEGMENT_SHARE
    if found.confidence < MIN_SEGMENT_CONFIDENCE:
        return translate("masks", "the product could not be told from the background with confidence "
                         "({confidence})").format(confidence=f"{found.confidence:.2f}")
    if not low <= found.share <= high:
        return translate("masks", "the segmentation found an implausible product ({share} of the frame)").format(
            share=f"{found.share:.0%}")
    product = saliency.clean(found.mask).numpy()
    if product.mean() < low:
        return translate("masks", "the segmentation found no product large enough")
    radius = max(1, round(max(product.shape) / 256))
    soft = ndimage.gaussian_filter(product.astype(np.float32), sigma=radius * 0.75)
    return torch.from_numpy(np.clip(soft, 0.0, 1.0).astype(np.float32))


def _border(image: np.ndarray, band: int) -> np.ndarray:
    return np.concatenate([
        image[:band].reshape(-1, 3), image[-band:].reshape(-1, 3),
        image[:, :band].reshape(-1, 3), image[:, -band:].reshape(-1, 3),
    ])


def _channel_max(values: np.ndarray) -> np.ndarray:
    """``values.max(axis=2)`` for (H, W, 3): numpy reduces a 3-long inner axis slowly;
    two element-wise maxima are several times faster (masks are found for every image)."""
    return np.maximum(np.maximum(values[..., 0], values[..., 1]), values[..., 2])


def _detect(image: np.ndarray) -> np.ndarray | str:
    """A feathered float mask, or the reason there is none."""
    h, w, _ = image.shape
    band = max(1, min(h, w) // 100)
    border = _border(image, band)
    background = np.median(border, axis=0)
    distance = _channel_max(np.abs(image - background))
    plain = distance <= TOLERANCE  # the backdrop's own colour, before shadows join it
    near, floor = plain, np.zeros_like(plain)
    share = (np.abs(border - background).max(axis=1) <= TOLERANCE).mean()
    if share < PLAIN_BORDER_SHARE:
        return _BusyBackground(translate("masks", "background is not plain (only {share} of the border is one "
                                         "colour)").format(share=f"{share:.0%}"))
    luma = float(background @ np.array([0.299, 0.587, 0.114]))
    if 0.3 < luma < 0.7 or (luma >= 0.7 and background.max() - background.min() > 0.2):
        return _BusyBackground(translate("masks", "background colour {colour} is neither light nor dark").format(
            colour=np.round(background * 255).astype(int).tolist()))
    if luma >= 0.7:
        shading = _shading(image, background, luma)
        soft = _soft_shadow(shading, luma)
        near = plain | soft | _contact_shadow(shading, distance, luma, soft & ~plain, plain)
        floor = _floor_shadow(shading, plain, luma)
    # Background = tolerance-matching pixels connected to the border (a flood fill from it).
    labels, _ = ndimage.label(near)
    edge_labels = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    product = ~np.isin(labels, edge_labels[edge_labels > 0]) & ~floor
    # Backdrop seen through a handle or strap: enclosed, exactly the backdrop's colour, and
    # not tiny. (A white logo can qualify; it then stays as photographed, which is safe.)
    exact = (distance <= TOLERANCE / 2) & product
    product &= ~_drop_small_parts(exact, min_share=0.002)
    radius = max(1, round(max(h, w) / 256))
    product = ndimage.binary_opening(product, iterations=radius)  # drop dust and jpeg speckle
    product = _drop_small_parts(product, min_share=0.0005)
    coverage = product.mean()
    if coverage < 0.005:
        return translate("masks", "no product found against the plain background")
    if coverage > 0.97:
        return translate("masks", "the product fills the frame; no background to keep")
    soft = ndimage.gaussian_filter(product.astype(np.float32), sigma=radius * 0.75)
    return np.clip(soft, 0.0, 1.0).astype(np.float32)


@dataclass(frozen=True)
class _Shading:
    """What the shadow tests read, computed once per image: lightness, how far each pixel's
    colour is from the backdrop's at its own lightness (0 = a shade of the backdrop), the
    lightness gradient per pixel, the height of a thin shadow band (6 % of the frame) and how
    far each pixel dips below the lightness above and below it within that band."""

    luma: np.ndarray
    tint: np.ndarray
    gradient: np.ndarray
    band: int
    dip: np.ndarray


def _shading(image: np.ndarray, background: np.ndarray, bg_luma: float) -> _Shading:
    luma = image @ np.array([0.299, 0.587, 0.114])
    tint = _channel_max(np.abs(image - luma[..., None] * (background / max(bg_luma, 1e-6))))
    smoothed = ndimage.gaussian_filter(luma, 1.0)
    gradient = np.hypot(ndimage.sobel(smoothed, 0), ndimage.sobel(smoothed, 1)) / 8.0
    band = max(3, round(0.06 * luma.shape[0]))
    dip = ndimage.grey_closing(luma, size=(band, 1)) - luma
    return _Shading(luma, tint, gradient, band, dip)


def _soft_shadow(shading: _Shading, bg_luma: float) -> np.ndarray:
    """Contact and drop shadows on a light backdrop: pixels of the backdrop's colour, only
    darker (grey on white), and smooth. They belong to the background, so they are kept as
    photographed instead of being painted over; a product's own edges are not smooth."""
    luma = shading.luma
    darker = (luma >= 0.6 * bg_luma) & (luma <= bg_luma + TOLERANCE)
    return (shading.tint <= 0.04) & darker & (shading.gradient <= 0.012)


#: A contact shadow's core is darker than this share of the backdrop's lightness (the soft
#: shadow around it is found by :func:`_soft_shadow`); a lit grey surface is lighter.
CONTACT_LIGHTEST = 0.7


def _contact_shadow(shading: _Shading, distance: np.ndarray, bg_luma: float, shadow: np.ndarray,
                    near: np.ndarray) -> np.ndarray:
    """The dark core of a contact shadow, right under the object, and the thin shadow band
    beside it: grown a short way (4 % of the frame) from the soft shadow found around it
    (``shadow``: darker than the backdrop, smooth) through pixels of the backdrop's colour,
    only darker, that are either a gradual core (darker than 70 % of the backdrop, lightness
    changing gradually), a thin valley of lightness (lighter above and below), or just under
    a coloured product; and only into pixels no lighter than the shadow next to them. A
    coloured product is never of the backdrop's colour; a grey product's lit side gets
    lighter going up from its shadow. Without this the core counted as product and was
    painted: a smudge of style under every mug. A steep shadow with no soft rim around it
    (the bundled mug's, right of its base) is not reached from here: :func:`_floor_shadow`
    takes it."""
    luma = shading.luma
    labels, _ = ndimage.label(near | shadow)
    border_labels = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    outside = np.isin(labels, border_labels[border_labels > 0])  # not enclosed gaps
    seed = shadow & outside
    neutral = shading.tint <= 0.05
    darker = (luma >= 0.2 * bg_luma) & (luma <= bg_luma - TOLERANCE / 2)
    candidates = neutral & darker & (shading.gradient <= 0.1) & (luma <= CONTACT_LIGHTEST * bg_luma)
    # A thin shadow band on the floor beside the object (a narrow valley of lightness, lighter
    # above and below) whatever its steepness: a grey product is taller than the band. And
    # the grey just under a coloured product: its shadow, however steep (a grey product has
    # no colour above its own grey).
    valley = shading.dip >= 0.05
    coloured = ~neutral & (distance > TOLERANCE)
    h = luma.shape[0]
    under_colour = _below(coloured, max(2, round(0.03 * h)))
    candidates |= neutral & darker & (valley | under_colour)
    # Reached only from the soft shadow: grown from the backdrop itself, the same rules ate
    # the lit sides of grey products (a toaster lost half its mask on the project's photos).
    region = seed.copy()
    # Grown one pixel ring at a time, and only into pixels no lighter than the shadow pixel
    # next to them: a shadow darkens towards the object, while a grey product's side lit
    # from above gets lighter going up from its shadow.
    for _ in range(max(2, round(0.04 * h))):
        lightest_next = ndimage.maximum_filter(np.where(region, luma, -1.0), size=3)
        grow = candidates & ~region & (lightest_next >= 0) & (luma <= lightest_next + 0.01)
        if not grow.any():
            break
        region |= grow
    return region & ~outside


def _floor_shadow(shading: _Shading, near: np.ndarray, bg_luma: float) -> np.ndarray:
    """The thin band of shadow right under an object, on the floor, however steep: in each
    column, going up from the backdrop below the object, the run of neutral pixels darker
    than the backdrop that dip in lightness (lighter above and below) until the object
    starts. A steep band has no smooth rim for :func:`_contact_shadow` to grow from, so a few
    pixels right of a mug's base were styled. Only below the object and only as tall as a band
    (6 % of the frame): a grey product's lit side is above its shadow, and a taller run is a
    product. Taken off the product after the flood fill, so it cannot open enclosed pockets
    of a grey product to the backdrop."""
    luma, band = shading.luma, shading.band
    neutral_shade = (shading.tint <= 0.05) & (luma >= 0.45 * bg_luma) & (luma <= bg_luma) & ~near
    dipping = _band_under_object(neutral_shade & (shading.dip >= 0.01), near, band)
    # Under a coloured object the shadow needs no dip (the object above it is darker):
    # any neutral run that ends at such a pixel. A grey or white product's base is neutral.
    under = _band_under_object(neutral_shade, near, band)
    above = np.zeros_like(under)
    above[:-1] = under[1:] & ~under[:-1]                 # the pixel right above each run
    # coloured, dark ones included (a dark teal base is 0.04 from neutral, a third of its lightness)
    coloured = (shading.tint > 0.05) | (shading.tint > 0.2 * luma)
    # looked at up to 3 pixels higher: the object's lowest pixels are dark and nearly grey
    object_top = (above & (coloured | _below(coloured, 3))).any(axis=0)
    # and darkens like a shadow somewhere (a white sole under a coloured upper does not)
    shadow_dark = np.where(under, luma, 1.0).min(axis=0) <= CONTACT_LIGHTEST * bg_luma
    return dipping | (under & (object_top & shadow_dark)[None, :])


def _below(mask: np.ndarray, rows: int) -> np.ndarray:
    """Pixels with a ``mask`` pixel 1 to ``rows`` rows above them in their column."""
    spread = np.zeros_like(mask)
    for shift in range(1, rows + 1):
        spread[shift:] |= mask[:-shift]
    return spread


def _band_under_object(band_pixels: np.ndarray, near: np.ndarray, band: int) -> np.ndarray:
    """Per column, the run of ``band_pixels`` that starts right above the backdrop below the
    lowest object pixel, when that run is at most ``band`` tall (flipped so that a cumulative
    product walks up from the bottom edge)."""
    below = np.cumprod(near[::-1], axis=0).astype(bool)           # the backdrop under everything
    run = np.cumprod(below | band_pixels[::-1], axis=0).astype(bool) & ~below
    short = run.sum(axis=0) <= band
    return (run & short[None, :])[::-1]


def _drop_small_parts(product: np.ndarray, min_share: float) -> np.ndarray:
    labels, count = ndimage.label(product)
    if count <= 1:
        return product
    sizes = ndimage.sum_labels(product, labels, index=np.arange(1, count + 1))
    keep = np.flatnonzero(sizes >= min_share * product.size) + 1
    return np.isin(labels, keep)
