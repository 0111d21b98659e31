"""Preview images of the shipped models, made on the bundled samples (never on ../shared/data,
which stays out of the repository): the samples on top, styled below. A category model styles
sample i with label i (cycling), so the row shows its looks side by side.

    python resources/make_model_previews.py [NAME ...]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent
TILE = 160


def _tile(path: Path) -> Image.Image:
    img = Image.open(path).convert("RGBA")
    canvas = Image.new("RGBA", img.size, (255, 255, 255, 255))
    canvas.alpha_composite(img)
    return canvas.convert("RGB").resize((TILE, TILE), Image.LANCZOS)


def preview(name: str, card: dict, work: Path) -> Image.Image:
    samples = sorted((ROOT / "samples").iterdir())
    labels = card.get("categories") or [None]
    env = {**os.environ, "STUDIO_HOME": str(work / "home")}
    styled = []
    for i, sample in enumerate(samples):
        label = labels[i % len(labels)]
        out = work / f"{name}-{i}"
        cmd = [sys.executable, "-m", "studio.cli.batch", str(sample), "-o", str(out), "--style", name, "--size", "384",
               "--format", "png", "--quiet"] + (["--category", label] if label else [])
        subprocess.run(cmd, check=True, env=env)
        styled.append(out / (sample.stem + ".png"))
    grid = Image.new("RGB", (TILE * len(samples), TILE * 2), "white")
    for i, (sample, result) in enumerate(zip(samples, styled)):
        grid.paste(_tile(sample), (i * TILE, 0))
        grid.paste(_tile(result), (i * TILE, TILE))
    return grid


def main(names: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for card_path in sorted((ROOT / "models").glob("*.json")):
            card = json.loads(card_path.read_text())
            if names and card["name"] not in names:
                continue
            target = card_path.with_name(card["preview"])
            preview(card["name"], card, Path(tmp)).save(target, optimize=True)
            print(f"wrote {target.relative_to(ROOT.parent)}")


if __name__ == "__main__":
    main(sys.argv[1:])
