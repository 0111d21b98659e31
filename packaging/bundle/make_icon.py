"""Draw Style Studio's application icon (256x256 PNG) with Pillow.

    python packaging/bundle/make_icon.py [OUT.png]

The committed ``style-studio.png`` beside this file was made by it; the build uses that file
(PyInstaller turns it into .ico/.icns on Windows/macOS when Pillow is installed, which it is in
the build venv). The design: a rounded tile in a deep-blue to teal gradient, a Hokusai-like
wave crest in cream (the default house style) and a small product silhouette (a shopping bag)
in the corner, so it reads as "style + catalogue" at 32 px too.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

SIZE = 256
SCALE = 4  # draw at 4x and downsample: smooth edges without a vector renderer


def _gradient(w: int, h: int, top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Image.Image:
    column = Image.new("RGB", (1, h))
    for y in range(h):
        t = y / (h - 1)
        column.putpixel((0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, bottom)))
    return column.resize((w, h))


def draw_icon(size: int = SIZE) -> Image.Image:
    s = size * SCALE
    tile = _gradient(s, s, (18, 44, 110), (22, 150, 160)).convert("RGBA")

    # The wave: a curling crest (a thick arc with a spiral end) over a swell.
    art = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(art)
    cream = (246, 238, 214, 255)
    foam = (255, 255, 255, 255)
    swell = [(0, s * 0.78)]
    for i in range(0, 101):
        x = s * i / 100
        swell.append((x, s * (0.70 + 0.05 * math.sin(i / 100 * 2 * math.pi * 1.5))))
    swell += [(s, s), (0, s)]
    d.polygon(swell, fill=(12, 30, 80, 255))
    width = int(s * 0.085)
    d.arc([s * 0.14, s * 0.20, s * 0.86, s * 0.92], start=185, end=340, fill=cream, width=width)
    d.arc([s * 0.46, s * 0.22, s * 0.82, s * 0.58], start=200, end=470, fill=cream, width=int(width * 0.8))
    d.arc([s * 0.56, s * 0.32, s * 0.72, s * 0.48], start=180, end=450, fill=foam, width=int(width * 0.55))
    for k in range(7):  # foam "claws" along the crest
        a = math.radians(205 + k * 17)
        cx, cy = s * 0.5 + s * 0.36 * math.cos(a), s * 0.56 + s * 0.36 * math.sin(a)
        r = s * 0.028
        d.ellipse([cx - r, cy - r - s * 0.04, cx + r, cy + r - s * 0.04], fill=foam)

    # The product: a small shopping bag, bottom right.
    bx, by, bw, bh = s * 0.60, s * 0.66, s * 0.26, s * 0.22
    d.rounded_rectangle([bx, by, bx + bw, by + bh], radius=s * 0.025, fill=(236, 98, 72, 255),
                        outline=(255, 255, 255, 255), width=int(s * 0.012))
    d.arc([bx + bw * 0.25, by - bh * 0.40, bx + bw * 0.75, by + bh * 0.30], start=180, end=360,
          fill=(255, 255, 255, 255), width=int(s * 0.016))

    tile.alpha_composite(art)

    # Rounded-square mask with a soft shadow, as desktop icons are drawn.
    margin = int(s * 0.04)
    mask = Image.new("L", (s, s), 0)
    ImageDraw.Draw(mask).rounded_rectangle([margin, margin, s - margin, s - margin], radius=s * 0.2, fill=255)
    tile.putalpha(ImageChops.multiply(tile.getchannel("A"), mask))
    shadow = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    shadow.putalpha(mask.filter(ImageFilter.GaussianBlur(s * 0.02)).point(lambda v: v * 0.45))
    shadow = ImageChops.offset(shadow, 0, int(s * 0.012))
    out = Image.alpha_composite(shadow, tile)
    return out.resize((size, size), Image.LANCZOS)


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path(__file__).with_name("style-studio.png")
    draw_icon().save(out, optimize=True)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
