"""Public test helpers for plugin authors (and Style Studio's own tests): generated photos, and
a harness that runs a style through the real pipeline.

Images: synthetic, deterministic product photos and style images, drawn from scratch with numpy
+ Pillow (no third-party artwork), e.g. ``make_product_image("sneaker", (320, 256),
background="busy", seed=3)`` with ``product_mask("sneaker", (320, 256), seed=3)`` as its ground
truth, or ``make_style_image("mosaic")``. The same arguments always give the same pixels; text
needs Pillow >= 10.1 (scalable default font).

Harness: ``installed_styles()`` lists what the registry found (and what is broken);
``style_images(style, images, tmp_path, params=...)`` styles images exactly as ``studio-batch``
does (mask, compose, detail restoration, atomic write) and returns each result with its pixels
and record; ``assert_product_safe(result)`` checks the background stayed as photographed and
the product changed; ``make_context()`` builds a :class:`studio.api.StyleContext` to call a
model's ``stylize`` directly. A plugin's tests need nothing else from Style Studio.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import numpy as np
from PIL import Image, ImageDraw, ImageFont

__all__ = ["PRODUCT_KINDS", "BACKGROUNDS", "STYLE_KINDS", "make_product_image", "product_mask", "make_style_image",
           "StyledImage", "installed_styles", "style_images", "assert_product_safe", "make_context"]

PRODUCT_KINDS = ("mug", "bottle", "sneaker", "bag", "watch")
BACKGROUNDS = ("white", "transparent", "busy", "dark")
STYLE_KINDS = ("waves", "mosaic", "brush", "sketch")
_SS = 3  # products are drawn at 3x and box-filtered down: anti-aliased edges and alpha
_INK = (18, 22, 46)


def _blur(a: np.ndarray, sigma: float) -> np.ndarray:
    """Approximate Gaussian blur of a 2-D float array: three clamped box passes of radius ~sigma per axis."""
    r = int(round(sigma))
    for axis in (0, 1) if r >= 1 else ():
        n, pad = a.shape[axis], ((r + 1, r), (0, 0)) if axis == 0 else ((0, 0), (r + 1, r))
        for _ in range(3):
            c = np.cumsum(np.pad(a, pad, mode="edge"), axis=axis)
            a = (np.take(c, np.arange(2 * r + 1, 2 * r + 1 + n), axis) - np.take(c, np.arange(n), axis)) / (2 * r + 1)
    return a


def _fractal(rng: np.random.Generator, h: int, w: int, cells: float, octaves: int = 1, stretch: float = 1.0
             ) -> np.ndarray:
    """Value noise (``cells`` features down, ``stretch`` times more across), octaves summed, scaled to [0, 1]."""
    grids = [rng.random((int(cells * 2 ** i) + 2, int(cells * stretch * 2 ** i) + 2)) for i in range(octaves)]
    out = sum(0.5 ** i * np.asarray(Image.fromarray(g.astype(np.float32)).resize((w, h), Image.BICUBIC))
              for i, g in enumerate(grids))
    return (out - out.min()) / max(out.max() - out.min(), 1e-6)


def _ramp(t: np.ndarray, colors: list) -> np.ndarray:
    """Map ``t`` in [0, 1] through a piecewise-linear colour palette to (H, W, 3) floats."""
    c, x = np.asarray(colors, np.float32), np.linspace(0, 1, len(colors))
    return np.stack([np.interp(t, x, c[:, k]) for k in range(3)], -1)


def _unit(*v: float) -> np.ndarray:
    return np.asarray(v, np.float32) / np.linalg.norm(v)


def _tint(c: tuple, k: float) -> tuple:
    return tuple(min(255.0, v * k) for v in c)


def _u8(a: np.ndarray) -> np.ndarray:
    return np.clip(np.round(a), 0, 255).astype(np.uint8)


def _spline(pts: list, n: int = 12) -> list:
    """Closed Catmull-Rom curve through ``pts`` (unit coordinates), ``n`` samples per span."""
    p, t = np.asarray(pts, float), np.linspace(0, 1, n, endpoint=False)[:, None]
    out = [0.5 * (2 * b + (c - a) * t + (2 * a - 5 * b + 4 * c - d) * t ** 2 + (3 * b - a - 3 * c + d) * t ** 3)
           for a, b, c, d in zip(np.roll(p, 1, 0), p, np.roll(p, -1, 0), np.roll(p, -2, 0))]
    return [tuple(q) for q in np.concatenate(out)]


class _Painter:
    """Draws product parts given in object units into albedo, height, gloss and alpha layers."""

    def __init__(self, size: tuple[int, int], extent: tuple[float, float], seed: int) -> None:
        self.size = (w, h) = (size[0] * _SS, size[1] * _SS)
        self.rng, self.seed = np.random.default_rng(seed), seed
        self.s = min(0.6 * w / extent[0], 0.6 * h / extent[1])  # pixels per object unit
        self.o = ((w - extent[0] * self.s) / 2, (h - extent[1] * self.s) / 2 - 0.02 * h)
        self.rgb = np.zeros((h, w, 3), np.float32)
        self.alpha, self.height, self.gloss = np.zeros((3, h, w), np.float32)

    def pick(self, options: list, primary: bool = False) -> tuple:
        """A colour from ``options``: the primary one cycles with the seed, others are drawn at random."""
        return tuple(options[self.seed % len(options) if primary else int(self.rng.integers(len(options)))])

    def _mask(self, shape: str, coords: list, width: float, radius: float) -> np.ndarray:
        m = Image.new("L", self.size)
        d, lw = ImageDraw.Draw(m), max(1, round(width * self.s))
        p = [(self.o[0] + x * self.s, self.o[1] + y * self.s) for x, y in coords]
        {"ellipse": lambda: d.ellipse(p, 255), "ring": lambda: d.ellipse(p, None, 255, lw),
         "rect": lambda: d.rounded_rectangle(p, radius * self.s, 255), "poly": lambda: d.polygon(p, 255),
         "segs": lambda: [d.line(ab, 255, lw) for ab in zip(p[::2], p[1::2])],  # independent segments
         "dots": lambda: [d.ellipse([x - lw / 2, y - lw / 2, x + lw / 2, y + lw / 2], 255) for x, y in p]}[shape]()
        return np.asarray(m, np.float32) / 255

    def part(self, shape: str, coords: list, color: tuple, *, width: float = 0.0, radius: float = 0.0,
             soft: float = 0.03, lathe: bool = False, add: bool = False, clip: bool = False, gloss: float = 0.3
             ) -> None:
        """Add one part, pillow-rounded over ``soft`` units; ``add`` raises it on the surface below it, ``clip``
        keeps it inside what is drawn already, ``lathe`` shades it as a surface of revolution."""
        m = self._mask(shape, coords, width, radius) * (self.alpha if clip else 1)
        rows, cols, pad = np.flatnonzero(m.max(1) > 0.5), np.flatnonzero(m.max(0) > 0.5), int(3 * soft * self.s) + 2
        if rows.size:  # work in a window around the part only
            win = np.s_[max(rows[0] - pad, 0):rows[-1] + pad + 1, max(cols[0] - pad, 0):cols[-1] + pad + 1]
            sel, hgt = m[win] > 0.5, self.height[win]
            h = np.sqrt(_blur(m[win], soft * self.s)) * soft * self.s + (self._lathe(sel) if lathe else 0)
            hgt[sel] = (hgt[sel] if add else 0) + h[sel]
            self.rgb[win][sel], self.gloss[win][sel], self.alpha = color, gloss, np.maximum(self.alpha, m)

    def _lathe(self, sel: np.ndarray) -> np.ndarray:
        """Height of a surface of revolution whose (smoothed) per-row extent is that of ``sel``."""
        w, rows = sel.shape[1], np.nonzero(sel.any(1))[0]
        left, right = (_blur(np.interp(np.arange(len(sel)), rows, e[rows])[:, None], 0.04 * self.s)[:, 0]
                       for e in (sel.argmax(1), w - 1 - sel[:, ::-1].argmax(1)))
        r = np.maximum((right - left) / 2, 1)[:, None]
        u = (np.arange(w)[None, :] - ((left + right) / 2)[:, None]) / r
        return np.sqrt(np.clip(1 - u * u, 0, 1)) * r * 0.8

    def text(self, xy: tuple[float, float], s: str | None, height: float, color: tuple) -> None:
        """Print ``s`` centred at ``xy`` onto the product (clipped to it), shaded like the surface."""
        if not s:
            return
        m = Image.new("L", self.size)
        font = ImageFont.load_default(size=max(6.0, height * self.s))
        ImageDraw.Draw(m).text((self.o[0] + xy[0] * self.s, self.o[1] + xy[1] * self.s), s, 255, font, "mm")
        a = (np.asarray(m, np.float32) / 255 * (self.alpha > 0.5))[..., None]
        self.rgb = self.rgb * (1 - a) + np.asarray(color, np.float32) * a

    def render(self) -> tuple[np.ndarray, np.ndarray]:
        """Light the layers (key + rim light, Blinn-Phong); box-filter to output size: (rgb, alpha) floats."""
        gy, gx = np.gradient(_blur(self.height, _SS / 2))
        n, key = np.stack([-gx, -gy, np.ones_like(gx)], -1), _unit(-0.5, -0.6, 0.62)
        n /= np.linalg.norm(n, axis=-1, keepdims=True)
        dif, rim = np.clip(n @ key, 0, None) / key[2], np.clip(n @ _unit(0.9, -0.1, 0.3), 0, None)
        spec = self.gloss * np.clip(n @ _unit(key[0], key[1], key[2] + 1), 0, None) ** (6 + 150 * self.gloss)
        fall = np.linspace(1.06, 0.94, self.size[1], dtype=np.float32)[:, None, None]
        rgb = self.rgb * ((0.3 + 0.62 * dif + 0.22 * rim)[..., None] * fall) + 235 * spec[..., None]
        h, w = self.size[1] // _SS, self.size[0] // _SS
        a = self.alpha.reshape(h, _SS, w, _SS).mean((1, 3))  # box filter: anti-aliased edge and alpha
        pre = (np.clip(rgb, 0, 255) * self.alpha[..., None]).reshape(h, _SS, w, _SS, 3).mean((1, 3))
        return pre / np.maximum(a, 1e-6)[..., None], a


def _mug(P: _Painter, text: str | None) -> None:
    cream = (236, 228, 208)
    c = P.pick([(28, 112, 140), (186, 58, 48), (222, 164, 36), (40, 58, 112), (76, 138, 88)], True)
    P.part("ring", [(0.64, 0.22), (1.22, 0.78)], c, width=0.095, soft=0.04, gloss=0.5)
    arc = [(0.45 + 0.42 * math.cos(t), 0.95 + 0.05 * math.sin(t)) for t in np.linspace(0, math.pi, 24)]
    P.part("poly", [(0, 0.05), (0.9, 0.05)] + arc + [(0, 0.05)], c, soft=0.02, lathe=True, gloss=0.5)
    P.part("ellipse", [(0, 0), (0.9, 0.1)], _tint(c, 1.15), soft=0.01, gloss=0.5)
    P.part("ellipse", [(0.04, 0.014), (0.86, 0.086)], _tint(c, 0.4), soft=0.02, gloss=0.1)
    P.part("ring", [(0.38, 0.24), (0.52, 0.38)], cream, width=0.025, soft=0.003, add=True, clip=True)
    P.part("ellipse", [(0.42, 0.28), (0.48, 0.34)], cream, soft=0.003, add=True, clip=True)
    P.text((0.45, 0.58), text, 0.14, cream)


def _bottle(P: _Painter, text: str | None) -> None:
    c = P.pick([(38, 118, 88), (150, 82, 30), (58, 88, 160), (150, 156, 166)], True)
    ys = np.linspace(0.11, 1.0, 60)
    sh = np.clip((ys - 0.2) / 0.18, 0, 1)
    r = (0.065 + 0.155 * sh * sh * (3 - 2 * sh)) * np.sqrt(1 - ((ys - 0.955) / 0.045).clip(0, 1) ** 2)
    prof = [(0.25 + x, y) for x, y in zip(r, ys)]
    P.part("poly", prof + [(0.5 - x, y) for x, y in prof[::-1]], c, soft=0.015, lathe=True, gloss=0.85)
    P.part("rect", [(0.165, 0.0), (0.335, 0.13)], (32, 32, 36), radius=0.02, soft=0.01, lathe=True, gloss=0.4)
    P.part("segs", [(0.18 + 0.02 * i, y) for i in range(8) for y in (0.015, 0.12)], (62, 62, 68), width=0.006,
           soft=0.002, add=True, clip=True)
    for y0, y1, col in ((0.5, 0.82, (222, 206, 172)), (0.545, 0.565, _tint(c, 0.6)), (0.755, 0.775, _tint(c, 0.6))):
        P.part("rect", [(0.0, y0), (0.5, y1)], col, soft=0.003, add=True, clip=True, gloss=0.1)
    P.text((0.25, 0.66), text, 0.075, (40, 36, 34))


def _sneaker(P: _Painter, text: str | None) -> None:
    c = P.pick([(196, 52, 46), (40, 70, 138), (62, 64, 70), (226, 136, 40), (66, 128, 98)], True)
    acc = P.pick([(245, 200, 60), (60, 170, 200), (150, 210, 60)])
    P.part("poly", _spline([(0.08, 0.66), (0.03, 0.42), (0.07, 0.18), (0.2, 0.12), (0.36, 0.2), (0.47, 0.24),
                            (0.55, 0.1), (0.63, 0.05), (0.7, 0.12), (0.9, 0.28), (1.15, 0.38), (1.42, 0.46),
                            (1.56, 0.56), (1.55, 0.66), (0.8, 0.67)]), c, soft=0.06, gloss=0.25)
    for box in ([(1.25, 0.36), (1.85, 0.85)], [(-0.25, 0.2), (0.3, 0.9)]):  # toe cap, heel counter
        P.part("ellipse", box, _tint(c, 0.75), soft=0.01, add=True, clip=True)
    P.part("poly", _spline([(0.3, 0.56), (0.7, 0.36), (1.1, 0.3), (0.8, 0.46), (0.5, 0.58)], 8), acc, soft=0.008,
           add=True, clip=True)
    P.part("poly", _spline([(0.12, 0.17), (0.24, 0.14), (0.42, 0.23), (0.5, 0.27), (0.36, 0.28), (0.18, 0.23)]),
           (40, 36, 36), soft=0.02, clip=True, gloss=0.05)
    lace = [(0.66 + 0.42 * k + dx, 0.15 + 0.24 * k + dy) for k in np.linspace(0.05, 0.95, 6)
            for dx, dy in ((-0.05, -0.06), (0.06, 0.05))]
    P.part("dots", lace, (30, 30, 32), width=0.03, soft=0.004, add=True, clip=True)
    P.part("segs", lace, (224, 218, 204), width=0.028, soft=0.012, add=True, clip=True, gloss=0.2)
    P.part("poly", _spline([(0.02, 0.6), (0.6, 0.63), (1.2, 0.62), (1.5, 0.58), (1.62, 0.55), (1.63, 0.64),
                            (1.55, 0.73), (1.3, 0.77), (0.5, 0.77), (0.05, 0.76), (-0.02, 0.7)]), (212, 202, 184),
           soft=0.03, gloss=0.2)
    P.part("rect", [(-0.1, 0.735), (1.8, 0.8)], (88, 70, 56), soft=0.006, add=True, clip=True, gloss=0.1)
    P.part("segs", [(0.06 + 0.03 * i, 0.675) for i in range(50)], (150, 140, 124), width=0.008, soft=0.002,
           add=True, clip=True)
    P.text((0.16, 0.45), text and text[:6], 0.06, acc)


def _bag(P: _Painter, text: str | None) -> None:
    c = P.pick([(150, 92, 50), (120, 30, 42), (52, 46, 44), (92, 100, 58), (176, 120, 70)], True)
    P.part("ring", [(0.16, 0.0), (0.7, 0.72)], _tint(c, 0.7), width=0.05, soft=0.03)
    P.part("ring", [(0.3, 0.04), (0.84, 0.76)], c, width=0.05, soft=0.03, gloss=0.4)
    body = [(0.1, 0.36), (0.5, 0.35), (0.9, 0.36), (0.96, 0.7), (1.0, 0.97), (0.5, 1.0), (0.0, 0.97), (0.04, 0.7)]
    P.part("poly", _spline(body, 10), c, soft=0.1, gloss=0.35)
    flap = _spline([(0.06, 0.35), (0.5, 0.34), (0.94, 0.35), (0.9, 0.5), (0.5, 0.63), (0.1, 0.5)], 10)
    P.part("poly", flap, _tint(c, 0.85), soft=0.025, add=True, clip=True, gloss=0.4)
    seam = _spline([(0.1, 0.38), (0.5, 0.37), (0.9, 0.38), (0.86, 0.49), (0.5, 0.6), (0.14, 0.49)], 14)
    P.part("segs", seam[:71], _tint(c, 1.45), width=0.008, soft=0.002, add=True, clip=True)  # stitching
    P.part("rect", [(0.45, 0.55), (0.55, 0.65)], (206, 166, 76), radius=0.015, soft=0.012, add=True, gloss=0.9)
    P.part("rect", [(0.475, 0.575), (0.525, 0.625)], (120, 92, 40), radius=0.01, soft=0.004, add=True, gloss=0.6)
    P.text((0.5, 0.82), text, 0.08, (214, 178, 98))  # gold foil


def _watch(P: _Painter, text: str | None) -> None:
    strap = P.pick([(96, 60, 36), (30, 30, 34), (58, 74, 96), (130, 84, 50)], True)
    metal = P.pick([(172, 176, 184), (206, 164, 82)])
    dial = P.pick([(24, 40, 82), (30, 30, 32), (28, 72, 56), (214, 204, 178)])
    mark, (cx, cy) = ((236, 230, 214) if sum(dial) < 400 else (40, 40, 44)), (0.31, 0.67)
    for y0, y1, a, b in ((0.0, 0.45, 0.03, 0.0), (0.88, 1.35, 0.0, 0.03)):  # strap halves, tapering outwards
        P.part("poly", [(0.15 + a, y0), (0.47 - a, y0), (0.47 - b, y1), (0.15 + b, y1)], strap, soft=0.04, gloss=0.2)
    P.part("dots", [(0.31, 1.06 + 0.07 * i) for i in range(4)], _tint(strap, 0.35), width=0.035, soft=0.01, add=True)
    P.part("rect", [(0.13, 0.97), (0.49, 1.02)], strap, radius=0.01, soft=0.015, add=True, gloss=0.3)
    P.part("rect", [(0.56, 0.63), (0.64, 0.71)], metal, radius=0.015, soft=0.015, gloss=0.8)
    P.part("ellipse", [(0.02, 0.38), (0.6, 0.96)], metal, soft=0.06, gloss=0.9)
    P.part("ellipse", [(0.075, 0.435), (0.545, 0.905)], dial, soft=0.006, gloss=0.7)
    ticks = [(cx + r * math.sin(a), cy - r * math.cos(a)) for a in np.arange(12) * math.pi / 6 for r in (0.18, 0.215)]
    P.part("segs", ticks, mark, width=0.018, soft=0.003, add=True, gloss=0.8)
    P.text((cx, 0.58), text, 0.04, mark)
    for ang, ln, wd, col in ((5.2, 0.11, 0.024, mark), (1.1, 0.175, 0.016, mark), (3.6, 0.19, 0.007, (200, 40, 36))):
        P.part("segs", [(cx, cy), (cx + ln * math.sin(ang), cy - ln * math.cos(ang))], col, width=wd, soft=0.004,
               add=True, gloss=0.6)
    P.part("dots", [(cx, cy)], metal, width=0.03, soft=0.006, add=True, gloss=0.9)


_PRODUCTS = {"mug": (_mug, (1.25, 1.02)), "bottle": (_bottle, (0.5, 1.0)), "sneaker": (_sneaker, (1.65, 0.78)),
             "bag": (_bag, (1.0, 1.0)), "watch": (_watch, (0.62, 1.35))}


def _render_product(kind: str, size: tuple[int, int], seed: int, text: str | None) -> tuple[np.ndarray, np.ndarray]:
    if kind not in _PRODUCTS:
        raise ValueError(f"unknown product kind {kind!r}; expected one of {PRODUCT_KINDS}")
    painter = _Painter(size, _PRODUCTS[kind][1], seed)
    _PRODUCTS[kind][0](painter, text)
    return painter.render()


def _busy(rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    """Rocks-and-foliage clutter: multi-scale coloured noise, grain and many small leaves."""
    base = _ramp(_fractal(rng, h, w, 3, 4), [(52, 78, 40), (118, 98, 62), (150, 144, 128), (64, 112, 58),
                                               (128, 72, 52), (186, 164, 92)])
    base = base * (0.55 + 0.8 * _fractal(rng, h, w, 14, 3))[..., None] + rng.normal(0, 16, (h, w, 3))
    img = Image.fromarray(_u8(base))
    d, leaves = ImageDraw.Draw(img), [(46, 96, 38), (88, 140, 50), (150, 170, 60), (170, 90, 40), (200, 170, 60)]
    for _ in range(w * h // 300):
        (x, y), a, wd = rng.random(2) * (w, h), rng.random() * math.pi, rng.uniform(0.25, 0.45)
        dx, dy = np.array([math.cos(a), math.sin(a)]) * rng.uniform(0.01, 0.05) * max(w, h)
        d.polygon([(x - dx, y - dy), (x - dy * wd, y + dx * wd), (x + dx, y + dy), (x + dy * wd, y - dx * wd)],
                  fill=tuple(_u8(np.array(leaves[rng.integers(len(leaves))]) * rng.uniform(0.7, 1.2))))
    return np.asarray(img, np.float32)


def _shadow(alpha: np.ndarray) -> np.ndarray:
    """Multiplicative soft floor shadow under the product, offset away from the key light."""
    ys, xs = np.nonzero(alpha > 0.5)
    bw, y1 = xs.max() - xs.min(), ys.max()
    bs, cx, out = min(bw, y1 - ys.min()), (xs.min() + xs.max()) / 2 + 0.05 * bw, np.ones(alpha.shape, np.float32)
    for rx, ry, blur, k in ((0.6, 0.06, 0.04, 0.13), (0.42, 0.015, 0.006, 0.3)):
        m = Image.new("L", alpha.shape[::-1])
        ImageDraw.Draw(m).ellipse([cx - rx * bw, y1 - ry * bs, cx + rx * bw, y1 + ry * bs], fill=255)
        out -= k * _blur(np.asarray(m, np.float32) / 255, blur * bw)
    return out


def _background(name: str, w: int, h: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed + 7919)
    if name == "white":
        return np.full((h, w, 3), 255.0, np.float32)
    if name == "dark":  # near-uniform grey 30 with a faint vignette and sensor noise
        y, x = np.mgrid[0:h, 0:w] / np.array([h, w])[:, None, None] - 0.5
        return np.repeat((30 - 2.4 * (x * x + y * y) + rng.normal(0, 0.8, (h, w)))[..., None], 3, -1)
    if name == "busy":
        return _busy(rng, w, h)
    raise ValueError(f"unknown background {name!r}; expected one of {BACKGROUNDS}")


def make_product_image(kind: str = "mug", size: tuple[int, int] = (320, 256), background: str = "white",
                       seed: int = 0, text: str | None = "STUDIO") -> Image.Image:
    """A catalog-style photo of a ``kind`` product (see ``PRODUCT_KINDS``); ``size`` is (width, height).

    ``background``: ``"white"`` (pure 255 with a soft floor shadow), ``"transparent"`` (RGBA cut-out with an
    anti-aliased alpha edge, no shadow), ``"busy"`` (cluttered multicolour texture) or ``"dark"`` (grey ~30).
    ``seed`` picks the colours (and the busy scene); ``text`` is printed on the product (None: no text).
    """
    rgb, alpha = _render_product(kind, size, seed, text)
    if background == "transparent":
        return Image.fromarray(_u8(np.dstack([rgb * (alpha[..., None] > 0), alpha * 255])), "RGBA")
    bg, a = _background(background, size[0], size[1], seed) * _shadow(alpha)[..., None], alpha[..., None]
    return Image.fromarray(_u8(rgb * a + bg * (1 - a)), "RGB")


def product_mask(kind: str = "mug", size: tuple[int, int] = (320, 256), seed: int = 0) -> np.ndarray:
    """Ground-truth silhouette (bool, H x W) of ``make_product_image`` with the same arguments (no shadow)."""
    return _render_product(kind, size, seed, None)[1] >= 0.5


def _waves(rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    """Woodblock-print sea: warped bands in indigo/cream/teal with ink outlines, fine hatching, foam, paper."""
    S, (y, x) = max(w, h), np.mgrid[0:h, 0:w].astype(np.float32) / max(w, h)
    warp = _fractal(rng, h, w, 2, 4)
    crest = np.sin(2 * np.pi * (1.6 * x + 0.4 * y) + 3 * warp)
    f = 8 * y + 0.9 * crest + 0.35 * np.sin(2 * np.pi * 5 * x + 6 * warp) * (1 + crest) + 2 * warp
    gm = np.hypot(*np.gradient(f)) + 1e-6
    pal = np.array([(26, 40, 92), (236, 226, 196), (40, 116, 128), (66, 92, 148), (244, 236, 212), (20, 70, 94),
                    (120, 168, 170)], np.float32)
    img = pal[np.floor(f).astype(int) % len(pal)]
    fine, edge = (np.clip(hw + 0.5 - np.abs(g - np.round(g)) / gm, 0, 1)[..., None]
                  for g, hw in ((f * 5, 0.5 * S / 256), (f, 1.4 * S / 256)))
    img = img * (1 - 0.6 * fine) + 0.6 * fine * np.where(img.mean(-1, keepdims=True) > 150, pal[0], pal[4])
    out = Image.fromarray(_u8(img * (1 - edge) + edge * _INK))
    d = ImageDraw.Draw(out)
    fy, fx = np.nonzero((np.abs(f - np.round(f)) / gm < 1) & (np.round(f) % 3 == 1))
    for i in rng.choice(len(fy), min(len(fy), 200 * S // 256), replace=False):  # foam "claws" along crests
        r = rng.uniform(0.8, 3.2) * S / 256
        d.ellipse([fx[i] - r, fy[i] - r, fx[i] + r, fy[i] + r], (244, 238, 218), _INK, max(1, S // 300))
    grain = _fractal(rng, h, w, 6, 1, 27) * 0.5 + _fractal(rng, h, w, 40, 3) * 0.5
    return np.asarray(out, np.float32) * (0.88 + 0.14 * grain)[..., None]


def _mosaic(rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    """Stained-glass rose window: Voronoi panes in jewel colours, mottled glass, dark leading."""
    S, step, pts, ids = max(w, h), 0.072, [(w / 2, h / 2)], [0]
    for i in range(1, 10):
        a = 2 * np.pi * (np.arange(6 * i) + rng.uniform(-0.2, 0.2, 6 * i)) / (6 * i) + 0.4 * i
        pts += [(w / 2 + i * step * S * math.cos(t), h / 2 + i * step * S * math.sin(t)) for t in a]
        ids += [2 * i + j % 2 for j in range(6 * i)]
    pts, n, d12, lab = np.asarray(pts, np.float32), len(pts), np.empty((h, w, 2), np.float32), np.empty((h, w), int)
    for y0 in range(0, h, 32):  # nearest and second-nearest seed, in row bands to bound memory
        ys = np.arange(y0, min(h, y0 + 32), dtype=np.float32)[:, None, None]
        dd = (np.arange(w, dtype=np.float32)[None, :, None] - pts[:, 0]) ** 2 + (ys - pts[:, 1]) ** 2
        d12[y0:y0 + 32], lab[y0:y0 + 32] = np.sqrt(np.partition(dd, 1, axis=-1)[..., :2]), dd.argmin(-1)
    pal = np.array([(196, 24, 44), (24, 70, 190), (246, 180, 30), (24, 146, 80), (120, 36, 160), (24, 166, 186),
                    (232, 100, 24), (210, 40, 120)], np.float32)
    ids = np.asarray(ids) + (rng.random(n) < 0.15) * rng.integers(1, 4, n)  # a few panes break the pattern
    col = pal[ids % len(pal)] * rng.uniform(0.8, 1.15, (n, 1))
    r = np.hypot(*np.mgrid[0:h, 0:w] - np.array([h / 2, w / 2])[:, None, None]) / S
    edge = np.min([(d12[..., 1] - d12[..., 0]) / 2] + [np.abs(r - (i + 0.5) * step) * S for i in (1, 3, 5, 7)], 0)
    glass = col[lab] * (0.75 + 0.45 * _fractal(rng, h, w, 24, 3))[..., None]
    glass *= (np.clip(0.6 + edge / (10 * S / 256), 0.6, 1) * (1.25 - 0.5 * r))[..., None]
    lead = np.clip(edge - 1.2 * S / 256, 0, 1)[..., None]
    return glass * lead + (1 - lead) * np.array([30, 28, 32]) * (0.8 + 0.6 * _fractal(rng, h, w, 30))[..., None]


def _brush(rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    """Impressionist sunset over water: warm underpainting under tapered strokes with bristle streaks."""
    S, (y, x) = max(w, h), np.mgrid[0:h, 0:w].astype(np.float32) / max(w, h)
    yy, hz, sx = y * S / h, 0.58 + 0.03 * np.sin(9 * x), 0.64 * w / S
    sun = np.exp(-((x - sx) ** 2 + (yy - 0.3) ** 2) / 0.012)
    glint = np.exp(-((x - sx) / 0.05) ** 2) * (yy > hz) * _fractal(rng, h, w, 3, 3)
    t = 0.35 * _fractal(rng, h, w, 2, 3) + np.where(yy > hz, 0.55 + 0.5 * (yy - hz), 0.8 * yy) - 0.6 * sun - 0.5 * glint
    base = _ramp(np.clip(t, 0, 1), [(252, 232, 150), (246, 186, 76), (228, 120, 50), (190, 66, 46), (120, 42, 60),
                                    (60, 38, 70)])
    flow = np.where(yy > hz, 0.05, -0.45) * (1 + np.sin(5 * x + 3 * _fractal(rng, h, w, 2, 2))) + 0.1 * rng.normal()
    img = Image.fromarray(_u8(base))
    d, lens = ImageDraw.Draw(img), ((-1, 0), (-0.5, 1), (0.5, 1), (1, 0), (0.5, -1), (-0.5, -1))
    for length, width, count in ((0.16, 0.045, 160), (0.1, 0.028, 500), (0.05, 0.014, 1400)):
        for _ in range(count * w * h // 256 ** 2):
            px, py = rng.random() * (w - 1), rng.random() * (h - 1)
            a, c = flow[int(py), int(px)] + rng.normal(0, 0.25), base[int(py), int(px)] * rng.uniform(0.85, 1.12)
            c = c + rng.normal(0, 12, 3) if rng.random() > 0.06 * (py / h > 0.62) else np.array(
                [(70, 84, 160), (110, 64, 140), (60, 120, 140)][rng.integers(3)], float)  # cool accents on water
            L, W = length * S * rng.uniform(0.3, 0.65), width * S * rng.uniform(0.35, 0.6)
            dx, dy, nx, ny = math.cos(a) * L, math.sin(a) * L, -math.sin(a) * W, math.cos(a) * W
            d.polygon([(px + dx * f + nx * g, py + dy * f + ny * g) for f, g in lens], fill=tuple(_u8(c)))
            for k in np.linspace(-0.7, 0.7, 5):  # bristle streaks
                s, e = rng.uniform(0.75, 1.25), rng.uniform(0.5, 0.85)
                d.line([(px - dx * e + nx * k, py - dy * e + ny * k), (px + dx * e + nx * k, py + dy * e + ny * k)],
                       fill=tuple(_u8(c * s)), width=max(1, int(W / 5)))
    return np.asarray(img, np.float32) * (0.96 + 0.04 * np.sin(x * S * 2.1) * np.sin(y * S * 2.1))[..., None]


def _hatch(rng: np.random.Generator, w: int, h: int, ang: float, k: int) -> np.ndarray:
    """One layer of broken, jittered pencil hatching at angle ``ang``, drawn at ``k``x and reduced: [0, 1]."""
    layer, S = Image.new("L", (w * k, h * k)), max(w, h) * k
    d, sp, ca, sa, R = ImageDraw.Draw(layer), rng.uniform(3.2, 4.0) * S / 256, math.cos(ang), math.sin(ang), 0.75 * S
    for off in np.arange(-R, R, sp) + rng.uniform(-0.3, 0.3, len(np.arange(-R, R, sp))) * sp:
        bx, by, t0 = w * k / 2 - sa * off, h * k / 2 + ca * off, -R + rng.uniform(0, 0.1) * S
        while t0 < R:
            t1, (jx, jy), grey = t0 + rng.uniform(0.04, 0.14) * S, rng.normal(0, k, 2), int(rng.integers(140, 256))
            d.line([(bx + ca * t0 + jx, by + sa * t0 + jy), (bx + ca * t1, by + sa * t1)], grey, k)
            t0 = t1 + rng.uniform(0.005, 0.04) * S
    return np.asarray(layer.resize((w, h), Image.BOX), np.float32) / 255


def _sketch(rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    """Pencil still life on paper: shaded spheres and cast shadows in layered cross-hatching, with contours."""
    S, k, hz, light = max(w, h), 2, 0.62 * h, _unit(-0.6, -0.7, 0.45)
    y, x = np.mgrid[0:h, 0:w].astype(np.float32) / S
    tone = np.where(y * S > hz, 0.26, 0.06) + 0.2 * _fractal(rng, h, w, 3, 3)
    contours = Image.new("L", (w * k, h * k))
    cd = ImageDraw.Draw(contours)
    cd.line([(0, hz * k), (w * k, hz * k + rng.normal(0, 2))], fill=170, width=k)
    for cx, cy, r in ((0.3, 0.55 * h / S, 0.17), (0.66, 0.6 * h / S, 0.12), (0.5, 0.76 * h / S, 0.08)):
        tone = np.where(np.hypot(x - cx - 0.5 * r, (y - cy - 0.85 * r) * 3) < 1.05 * r, 0.8, tone)
        u, v = (x - cx) / r, (y - cy) / r
        lam = np.clip(u * light[0] + v * light[1] + np.sqrt(np.clip(1 - u * u - v * v, 0, 1)) * light[2], 0, 1)
        tone = np.where(u * u + v * v < 1, 0.98 - 0.95 * lam + 0.1 * (v > 0.6), tone)
        box = [(cx - r) * S * k, (cy - r) * S * k, (cx + r) * S * k, (cy + r) * S * k]
        cd.ellipse(box, fill=0)  # hides the table edge behind the sphere
        for j, o in enumerate(rng.normal(0, 0.003, (2, 2)) * S * k):
            cd.ellipse([box[0] + o[0], box[1] + o[1], box[2] - o[1], box[3] + o[0]], outline=210, width=k + j)
    ink = np.asarray(contours.resize((w, h), Image.BOX), np.float32) / 255
    for th, ang in ((0.12, 0.8), (0.38, 2.3), (0.58, 0.15), (0.78, 1.6)):
        ink = 1 - (1 - ink) * (1 - np.clip((tone - th) / 0.08, 0, 1) * 0.85 * _hatch(rng, w, h, ang, k))
    ink = (1 - (1 - ink) * (1 - 0.2 * _blur(tone, 3 * S / 256)))[..., None]
    paper = np.array([246, 241, 228], np.float32) * (0.95 + 0.05 * _fractal(rng, h, w, 60, 2))[..., None]
    return paper * (1 - ink) + np.array([52, 52, 62], np.float32) * ink


_STYLES = {"waves": _waves, "mosaic": _mosaic, "brush": _brush, "sketch": _sketch}


def make_style_image(kind: str = "waves", size: tuple[int, int] = (256, 256), seed: int = 0) -> Image.Image:
    """A colourful, richly textured artwork to use as a style exemplar (RGB; ``size`` is (width, height)).

    ``kind`` is one of ``STYLE_KINDS``: ``"waves"`` (woodblock-print sea), ``"mosaic"`` (stained-glass rose
    window), ``"brush"`` (impressionist sunset in short strokes) or ``"sketch"`` (pencil hatching on paper).
    """
    if kind not in _STYLES:
        raise ValueError(f"unknown style kind {kind!r}; expected one of {STYLE_KINDS}")
    return Image.fromarray(_u8(_STYLES[kind](np.random.default_rng(seed), size[0], size[1])), "RGB")


# -- the harness ----------------------------------------------------------------------------------
@dataclass
class StyledImage:
    """One image styled by :func:`style_images`: the files, their pixels (uint8 H x W x 3),
    the product mask the core found (float H x W in [0, 1], or None), and the item's record
    (``status``, ``reason``, ``info``: mask source, background, colour figures...)."""

    input: Path
    output: Path
    status: str
    reason: str | None
    before: np.ndarray
    after: np.ndarray | None
    mask: np.ndarray | None
    info: dict[str, Any] = field(default_factory=dict)


@contextmanager
def _home(folder: Path) -> Iterator[None]:
    """A job store of the test's own (never the user's history)."""
    saved = os.environ.get("STUDIO_HOME")
    os.environ["STUDIO_HOME"] = str(folder)
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("STUDIO_HOME", None)
        else:
            os.environ["STUDIO_HOME"] = saved


def installed_styles() -> dict[str, Any]:
    """What ``studio-batch --list-styles --json`` reports: ``{"styles": {name: description},
    "broken": [...], "conflicts": [...]}``, from the real plugin discovery."""
    from studio.registry import load_registry

    registry = load_registry()
    return {"styles": {name: entry.describe() for name, entry in registry.models.items()},
            "broken": [{"plugin": b.plugin, "reason": b.reason} for b in registry.broken],
            "conflicts": [c.describe() for c in registry.conflicts]}


def style_images(style: str, images: Sequence[Image.Image | str | os.PathLike], tmp_path: str | os.PathLike,
                 params: Mapping[str, Any] | None = None, *, size: int | None = None,
                 background: str = "keep", output_format: str = "png") -> list[StyledImage]:
    """Style ``images`` (Pillow images or files) with ``style`` through the real pipeline, as
    ``studio-batch`` would, into ``tmp_path``; one :class:`StyledImage` per input, in order.
    Bad settings raise the same ``UsageError`` the CLI reports (exit 2)."""
    from studio.jobs import JobStore
    from studio.masks import find_product_mask
    from studio.registry import load_registry
    from studio.runner import Runner
    from studio.submit import JobRequest, build_spec, plan_job, register_job

    root = Path(tmp_path)
    inputs = root / "inputs"
    inputs.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, image in enumerate(images):
        if isinstance(image, Image.Image):
            path = inputs / f"image{n:03d}.png"
            image.save(path)
        else:
            path = Path(image)
        paths.append(path.resolve())
    with _home(root / "home"):
        registry = load_registry()
        spec = build_spec(JobRequest(inputs=tuple(str(p) for p in paths), output=str(root / "out"), style=style,
                                     params=dict(params or {}), size=size, background=background,
                                     format=output_format), registry)
        store = JobStore(root / "home" / "jobs.sqlite3")
        job_id = register_job(store, spec, plan_job(spec, registry), force=True)
        Runner(store, registry).run(job_id)
        records = {Path(r.input).resolve(): r for r in store.items(job_id)}
    results = []
    for path in paths:
        record = records[path]
        before = np.asarray(Image.open(path).convert("RGB"))
        after = np.asarray(Image.open(record.output).convert("RGB")) if record.status == "done" else None
        import torch

        rgb = torch.from_numpy(before.astype(np.float32) / 255).permute(2, 0, 1)
        mask = find_product_mask(rgb).mask
        results.append(StyledImage(path, Path(record.output), record.status, record.reason, before, after,
                                   None if mask is None else mask.numpy(), record.info))
    return results


def assert_product_safe(result: StyledImage, tolerance: int = 3, min_change: float = 2.0) -> None:
    """Raise ``AssertionError`` unless the image was styled product-safe: the background (mask
    below 0.02) left within ``tolerance`` (0-255) of the photo, and the product changed by at
    least ``min_change`` on average. Needs a plain background (or alpha) and ``background="keep"``."""
    assert result.status == "done", f"{result.input.name} was not styled: {result.reason}"
    assert result.after is not None and result.after.shape == result.before.shape, "output size differs"
    assert result.mask is not None, f"{result.input.name}: no product mask ({result.info.get('mask')})"
    change = np.abs(result.after.astype(np.int16) - result.before.astype(np.int16)).max(axis=2)
    background = result.mask < 0.02
    moved = float((change[background] > tolerance).mean()) if background.any() else 0.0
    assert moved < 0.001, f"{result.input.name}: {moved:.2%} of the background changed"
    product = result.mask > 0.98
    mean = float(change[product].mean()) if product.any() else 0.0
    assert mean >= min_change, f"{result.input.name}: the product barely changed (mean {mean:.2f})"


def make_context(device: str = "cpu", working_size: int = 256, style_images: Sequence[Image.Image] = (),
                 seed: int = 0, masks: Any = None) -> Any:
    """A :class:`studio.api.StyleContext` for calling a model's ``stylize`` directly (style
    images as Pillow images; ``masks`` a (B, 1, H, W) tensor or None)."""
    import torch

    from studio.api import StyleContext

    styles = [torch.from_numpy(np.asarray(im.convert("RGB"), dtype=np.float32) / 255).permute(2, 0, 1)
              for im in style_images]
    return StyleContext(device=torch.device(device), seed=seed, working_size=working_size, style_images=styles,
                        masks=masks)
