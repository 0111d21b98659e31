"""Renders docs/images/adain.png: the bundled samples styled by ``adain`` with three paintings
of ../shared/data/styles (photo first), whole product (``--people style``), at 512 px.

    python docs/adain_figure.py [--out docs/images/adain.png]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
PAINTINGS = ("starry_night", "the_great_wave_off_kanagawa", "candy")
CELL = 256


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "images" / "adain.png")
    args = ap.parse_args()
    samples = ROOT / "resources" / "samples"
    with tempfile.TemporaryDirectory() as tmp:
        columns = [samples]
        for name in PAINTINGS:
            out = Path(tmp) / name
            subprocess.run([sys.executable, "-m", "studio.cli.batch", str(samples), "-o", str(out), "--style", "adain",
                            "--style-image", str(ROOT.parent / "shared" / "data" / "styles" / f"{name}.jpg"),
                            "--people", "style", "--format", "png", "--quiet"], check=True)
            columns.append(out)
        names = sorted(p.stem for p in samples.iterdir())
        grid = Image.new("RGB", (CELL * len(columns), CELL * len(names)), "white")
        for row, stem in enumerate(names):
            for col, folder in enumerate(columns):
                image = Image.open(next(folder.glob(stem + ".*"))).convert("RGBA")
                image.thumbnail((CELL, CELL), Image.LANCZOS)
                cell = Image.new("RGBA", (CELL, CELL), "white")
                cell.alpha_composite(image, ((CELL - image.width) // 2, (CELL - image.height) // 2))
                grid.paste(cell.convert("RGB"), (col * CELL, row * CELL))
        grid.save(args.out, optimize=True)
    print(args.out)


if __name__ == "__main__":
    main()
