"""Renders the gallery thumbnail of a style that paints with a style image (Gatys, AdaIN):
the bundled bag sample styled with the style's defaults and the default style image, at
thumbnail-friendly 256 px, with that style image inset in a corner (these styles paint with
whatever image they are given).

    python resources/make_gatys_preview.py [--style gatys|adain]

Real output of the real style, made once and shipped: Gatys takes minutes on a CPU, too slow
to render each time the app starts; AdaIN's card names this picture as its preview.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


TARGETS = {"gatys": HERE / "previews" / "gatys.png", "adain": HERE / "models" / "adain.preview.png"}


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--style", choices=sorted(TARGETS), default="gatys")
    style = parser.parse_args().style
    target = TARGETS[style]
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([sys.executable, "-m", "studio.cli.batch", str(HERE / "samples" / "bag_cutout.png"), "-o", out,
                        "--style", style, "--size", "256", "--format", "png", "--people", "style", "--quiet"],
                       check=True)  # a tan bag reads as skin to the people rule: style it whole
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
        image.save(target, optimize=True)
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
