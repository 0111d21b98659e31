"""Renders the gallery thumbnail of the Gatys style: the bundled bag sample painted with
Gatys's defaults (its default style image, 100 steps), at thumbnail-friendly 256 px, with
that style image inset in a corner (Gatys paints with whatever image it is given).

    python resources/make_gatys_preview.py

Real output of the real style, made once and shipped (Gatys takes minutes on a CPU, too slow
to render each time the app starts).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([sys.executable, "-m", "studio.cli.batch", str(HERE / "samples" / "bag_cutout.png"), "-o", out,
                        "--style", "gatys", "--size", "256", "--format", "png", "--quiet"], check=True)
        from PIL import Image

        from studio.bundled import DEFAULT_STYLE_IMAGE, style_images

        image = Image.open(Path(out) / "bag_cutout.png").convert("RGBA")
        image.thumbnail((256, 256))
        canvas = Image.new("RGBA", (256, 256), (255, 255, 255, 0))
        canvas.alpha_composite(image, ((256 - image.width) // 2, (256 - image.height) // 2))
        inset = Image.open(style_images()[DEFAULT_STYLE_IMAGE]).convert("RGBA").resize((96, 96))
        frame = Image.new("RGBA", (100, 100), (255, 255, 255, 255))
        frame.alpha_composite(inset, (2, 2))
        canvas.alpha_composite(frame, (256 - 100, 256 - 100))
        image = canvas
        image.save(HERE / "previews" / "gatys.png", optimize=True)
    print(HERE / "previews" / "gatys.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
