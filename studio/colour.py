"""Colour science for product safety: sRGB <-> CIELAB (D65), the CIEDE2000 colour difference,
and keeping a product's own colours under any style.

A merchandiser cannot publish a red shoe that came out blue. ``keep_colours`` keeps the
photo's chroma (a*, b*) and its broad lightness, and takes from the styled image only its
fine lightness texture (brush marks, print lines), with the texture's strength capped so the
mean CIEDE2000 difference from the photo stays within a budget. Everything is in torch, on
whatever device the tensors are, so it runs inside the pipeline's compose step.

CIEDE2000 follows Sharma, Wu and Dalal (2005), "The CIEDE2000 color-difference formula:
implementation notes, supplementary test data, and mathematical observations"; the tests check
their published test pairs.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F

#: D65 white point (CIE 1931 2 degree observer), XYZ scaled to Y = 1.
_WHITE = (0.95047, 1.0, 1.08883)
_RGB_TO_XYZ = ((0.4124564, 0.3575761, 0.1804375), (0.2126729, 0.7151522, 0.0721750),
               (0.0193339, 0.1191920, 0.9503041))
_XYZ_TO_RGB = ((3.2404542, -1.5371385, -0.4985314), (-0.9692660, 1.8760108, 0.0415560),
               (0.0556434, -0.2040259, 1.0572252))
#: Mean CIEDE2000 inside the product a colour-kept output may reach (the issue's bar is 6).
COLOUR_BUDGET = 4.5


def _matmul(matrix: tuple, image: torch.Tensor) -> torch.Tensor:
    m = torch.tensor(matrix, dtype=image.dtype, device=image.device)
    return torch.einsum("ij,...jhw->...ihw", m, image)


def rgb_to_lab(rgb: torch.Tensor) -> torch.Tensor:
    """sRGB ``(..., 3, H, W)`` in [0, 1] to CIELAB (L in [0, 100])."""
    rgb = rgb.clamp(0, 1).double()
    linear = torch.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    xyz = _matmul(_RGB_TO_XYZ, linear)
    white = torch.tensor(_WHITE, dtype=xyz.dtype, device=xyz.device).view(3, 1, 1)
    t = xyz / white
    f = torch.where(t > (6 / 29) ** 3, t.clamp(min=1e-12) ** (1 / 3), t / (3 * (6 / 29) ** 2) + 4 / 29)
    fx, fy, fz = f.unbind(-3)
    return torch.stack([116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)], dim=-3)


def lab_to_rgb(lab: torch.Tensor) -> torch.Tensor:
    """CIELAB ``(..., 3, H, W)`` to sRGB in [0, 1] (out-of-gamut colours clipped), float32."""
    lab = lab.double()
    L, a, b = lab.unbind(-3)
    fy = (L + 16) / 116
    f = torch.stack([fy + a / 500, fy, fy - b / 200], dim=-3)
    t = torch.where(f > 6 / 29, f ** 3, 3 * (6 / 29) ** 2 * (f - 4 / 29))
    white = torch.tensor(_WHITE, dtype=t.dtype, device=t.device).view(3, 1, 1)
    linear = _matmul(_XYZ_TO_RGB, t * white).clamp(0, 1)
    rgb = torch.where(linear <= 0.0031308, linear * 12.92, 1.055 * linear ** (1 / 2.4) - 0.055)
    return rgb.clamp(0, 1).float()


def ciede2000(lab1: torch.Tensor, lab2: torch.Tensor) -> torch.Tensor:
    """CIEDE2000 difference of two CIELAB tensors ``(..., 3, ...)`` along dim -3 (k_L = k_C =
    k_H = 1); the colour axis may also be the last one when both are ``(..., 3)``."""
    axis = -3 if lab1.dim() >= 3 and lab1.shape[-3] == 3 else -1
    L1, a1, b1 = lab1.double().unbind(axis)
    L2, a2, b2 = lab2.double().unbind(axis)
    c_mean = (torch.hypot(a1, b1) + torch.hypot(a2, b2)) / 2
    g = 0.5 * (1 - torch.sqrt(c_mean ** 7 / (c_mean ** 7 + 25.0 ** 7)))
    a1p, a2p = a1 * (1 + g), a2 * (1 + g)
    c1p, c2p = torch.hypot(a1p, b1), torch.hypot(a2p, b2)
    h1p = torch.rad2deg(torch.atan2(b1, a1p)) % 360
    h2p = torch.rad2deg(torch.atan2(b2, a2p)) % 360
    h1p = torch.where(c1p == 0, torch.zeros_like(h1p), h1p)
    h2p = torch.where(c2p == 0, torch.zeros_like(h2p), h2p)
    dl = L2 - L1
    dc = c2p - c1p
    dh = h2p - h1p
    dh = torch.where(dh > 180, dh - 360, torch.where(dh < -180, dh + 360, dh))
    dh = torch.where(c1p * c2p == 0, torch.zeros_like(dh), dh)
    dH = 2 * torch.sqrt(c1p * c2p) * torch.sin(torch.deg2rad(dh) / 2)
    l_mean = (L1 + L2) / 2
    cp_mean = (c1p + c2p) / 2
    h_sum = h1p + h2p
    h_mean = torch.where(torch.abs(h1p - h2p) > 180, torch.where(h_sum < 360, h_sum + 360, h_sum - 360), h_sum) / 2
    h_mean = torch.where(c1p * c2p == 0, h_sum, h_mean)
    t = (1 - 0.17 * torch.cos(torch.deg2rad(h_mean - 30)) + 0.24 * torch.cos(torch.deg2rad(2 * h_mean))
         + 0.32 * torch.cos(torch.deg2rad(3 * h_mean + 6)) - 0.20 * torch.cos(torch.deg2rad(4 * h_mean - 63)))
    d_theta = 30 * torch.exp(-(((h_mean - 275) / 25) ** 2))
    r_c = 2 * torch.sqrt(cp_mean ** 7 / (cp_mean ** 7 + 25.0 ** 7))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / torch.sqrt(20 + (l_mean - 50) ** 2)
    s_c = 1 + 0.045 * cp_mean
    s_h = 1 + 0.015 * cp_mean * t
    r_t = -torch.sin(torch.deg2rad(2 * d_theta)) * r_c
    return torch.sqrt((dl / s_l) ** 2 + (dc / s_c) ** 2 + (dH / s_h) ** 2 + r_t * (dc / s_c) * (dH / s_h))


def mean_delta_e(before: torch.Tensor, after: torch.Tensor, mask: torch.Tensor | None = None) -> float:
    """Mean CIEDE2000 between two RGB images ``(3, H, W)``, weighted by ``mask`` (H, W) in
    [0, 1] (the product) when given."""
    return _weighted_mean(ciede2000(rgb_to_lab(before), rgb_to_lab(after)), mask)


def _shrunk(before: torch.Tensor, after: torch.Tensor, mask: torch.Tensor | None,
            edge: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor | None]:
    scale = edge / max(before.shape[-2:])
    if scale < 1:
        size = (max(1, round(before.shape[-2] * scale)), max(1, round(before.shape[-1] * scale)))
        before = F.interpolate(before[None], size=size, mode="area")[0]
        after = F.interpolate(after[None], size=size, mode="area")[0]
        mask = None if mask is None else F.interpolate(mask[None, None].float(), size=size, mode="area")[0, 0]
    return before, after, mask


def _weighted_mean(values: torch.Tensor, mask: torch.Tensor | None) -> float:
    if mask is None:
        return float(values.mean())
    weight = mask.double().to(values.device)
    total = float(weight.sum())
    return float((values * weight).sum() / total) if total > 0 else 0.0


def product_figures(before: torch.Tensor, after: torch.Tensor, mask: torch.Tensor | None,
                    edge: int = 384) -> tuple[float, float]:
    """``(mean CIEDE2000, texture change)`` inside the product, measured at most ``edge`` px
    from one conversion of each image (the pipeline records both for every item).

    Texture change: how much the style changed the product's fine lightness texture, the mean
    absolute difference of the high-pass L* (CIELAB units). Zero means the product was not
    visibly styled; a few units is a visible texture. Colour is a low-frequency property, so
    ``edge`` keeps both cheap."""
    before, after, mask = _shrunk(before, after, mask, edge)
    lab_b, lab_a = rgb_to_lab(before), rgb_to_lab(after)
    sigma = max(1.5, max(before.shape[-2:]) / 160)
    l_b, l_a = lab_b[0], lab_a[0]
    texture = ((l_a - _blur(l_a, sigma)) - (l_b - _blur(l_b, sigma))).abs()
    return _weighted_mean(ciede2000(lab_b, lab_a), mask), _weighted_mean(texture, mask)


def texture_change(before: torch.Tensor, after: torch.Tensor, mask: torch.Tensor | None,
                   edge: int = 384) -> float:
    """Texture change inside ``mask``, at most ``edge`` px (see :func:`product_figures`)."""
    return product_figures(before, after, mask, edge)[1]


def _blur(channel: torch.Tensor, sigma: float) -> torch.Tensor:
    """Gaussian blur of an ``(H, W)`` tensor (separable, reflect padding)."""
    radius = max(1, int(math.ceil(3 * sigma)))
    x = torch.arange(-radius, radius + 1, dtype=channel.dtype, device=channel.device)
    kernel = torch.exp(-(x ** 2) / (2 * sigma ** 2))
    kernel = kernel / kernel.sum()
    image = channel[None, None]
    radius_h = min(radius, channel.shape[0] - 1)
    radius_w = min(radius, channel.shape[1] - 1)
    image = F.pad(image, (radius_w, radius_w, radius_h, radius_h), mode="reflect")
    kh = kernel[radius - radius_h:radius + radius_h + 1]
    kw = kernel[radius - radius_w:radius + radius_w + 1]
    image = F.conv2d(image, kw.view(1, 1, 1, -1))
    image = F.conv2d(image, kh.view(1, 1, -1, 1))
    return image[0, 0]


def keep_colours(original: torch.Tensor, styled: torch.Tensor, mask: torch.Tensor | None = None,
                 budget: float = COLOUR_BUDGET) -> torch.Tensor:
    """``styled`` with the colours of ``original`` (both ``(3, H, W)`` in [0, 1], same size):
    the photo's chroma and broad lightness, plus the styled image's fine lightness texture,
    scaled down when needed so the mean CIEDE2000 inside ``mask`` (or the frame) is at most
    ``budget``. Returns float32 RGB."""
    lab_o = rgb_to_lab(original)
    lab_s = rgb_to_lab(styled)
    # Texture: what the style did to lightness at the scale of brush marks, not the broad
    # re-lighting (a style that darkens the whole product would change its colour).
    sigma = max(1.5, max(original.shape[-2:]) / 160)
    texture = (lab_s[0] - _blur(lab_s[0], sigma)) - (lab_o[0] - _blur(lab_o[0], sigma))
    out = lab_o.clone()
    gain = 1.0
    for _ in range(6):  # the cap: halve the texture until the budget holds (ΔE grows with it)
        out[0] = (lab_o[0] + gain * texture).clamp(0, 100)
        rgb = lab_to_rgb(out)
        if mean_delta_e(original, rgb, mask) <= budget:
            return rgb
        gain *= 0.7
    out[0] = (lab_o[0] + gain * texture).clamp(0, 100)
    return lab_to_rgb(out)
