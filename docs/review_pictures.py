"""Renders the README's pictures of colour-kept outputs and of the review report, from real
runs of studio-batch on the bundled samples (and the report in headless Chromium).

    python docs/review_pictures.py [--out docs/images]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "resources" / "samples"


def _batch(*args: str, home: str) -> None:
    subprocess.run([sys.executable, "-m", "studio.cli.batch", *args, "--quiet"], check=True,
                   env={**os.environ, "STUDIO_HOME": home})


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="studio-review-"))
    home = str(work / "home")
    _batch(str(SAMPLES), "-o", str(work / "styled"), "--format", "png", home=home)
    _batch(str(SAMPLES), "-o", str(work / "kept"), "--format", "png", "--preserve-colors", "--report", home=home)
    names = ["mug_white", "sneaker_white", "bottle_white"]
    cell = 260
    sheet = Image.new("RGB", (cell * 3 + 150, cell * 3), "white")
    draw = ImageDraw.Draw(sheet)
    for row, label in enumerate(("photo", "wave", "wave,\n--preserve-colors")):
        draw.multiline_text((8, row * cell + cell // 2 - 10), label, fill=(40, 40, 40))
    for column, name in enumerate(names):
        source = next(SAMPLES.glob(f"{name}.*"))
        for row, path in enumerate((source, work / "styled" / f"{name}.png", work / "kept" / f"{name}.png")):
            image = Image.open(path).convert("RGB")
            image.thumbnail((cell - 10, cell - 10))
            sheet.paste(image, (150 + column * cell + 5, row * cell + 5))
    args.out.mkdir(parents=True, exist_ok=True)
    sheet.save(args.out / "colours-kept.png", optimize=True)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("no chromium: report.png not rendered", file=sys.stderr)
        return 1
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={work / 'profile'}", "--window-size=1300,1000",
                    f"--screenshot={args.out / 'report.png'}", (work / "kept" / "report.html").as_uri()],
                   check=True, capture_output=True)
    print(f"wrote colours-kept.png and report.png to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
