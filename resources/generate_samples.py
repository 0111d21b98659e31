"""Regenerate the bundled demo images: ``python resources/generate_samples.py``.

Every image is drawn by :mod:`studio.testing` (numpy + Pillow, fixed seeds), so the files are the project's
own work and regenerate identically.  Writes ``resources/samples/`` (product photos) and ``resources/styles/``
(default style images).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the repository root, so this runs before the package is installed

from studio.testing import STYLE_KINDS, make_product_image, make_style_image  # noqa: E402

# file name -> (product kind, (width, height), background, seed)
SAMPLES = {
    "mug_white.jpg": ("mug", (512, 410), "white", 0),
    "sneaker_white.png": ("sneaker", (512, 384), "white", 1),
    "bottle_white.jpg": ("bottle", (384, 512), "white", 0),
    "bag_cutout.png": ("bag", (448, 512), "transparent", 0),
}
STYLE_SIZE = (512, 512)


def _save(image, path: Path) -> None:
    if path.suffix == ".jpg":
        image.save(path, quality=90, optimize=True, progressive=True)
    else:
        image.save(path, optimize=True)
    print(f"{path.relative_to(HERE.parent)}  {image.size[0]}x{image.size[1]} {image.mode}  "
          f"{path.stat().st_size / 1024:.0f} KiB")


def main() -> int:
    samples, styles = HERE / "samples", HERE / "styles"
    samples.mkdir(exist_ok=True)
    styles.mkdir(exist_ok=True)
    for name, (kind, size, background, seed) in SAMPLES.items():
        _save(make_product_image(kind, size, background=background, seed=seed), samples / name)
    for kind in STYLE_KINDS:
        _save(make_style_image(kind, STYLE_SIZE, seed=0), styles / f"{kind}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
