"""Quality numbers for the shipped house styles' cards: on the bundled samples, the VGG Gram
style distance to each style's training exemplar and the content distance to the photo, for
the house style and for the Gatys plugin given the same exemplar (defaults, whole frame).

    python -m benchmarks.house_style_cards [--write]   # needs ../shared/data for the exemplars

With ``--write`` the numbers go into ``resources/models/NAME.json`` under ``quality``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.common import GatysMetric

ROOT = Path(__file__).resolve().parents[1]
SIZE = 384


def run(style: str, out: Path, home: str, *extra: str) -> None:
    cmd = [sys.executable, "-m", "studio.cli.batch", str(ROOT / "resources" / "samples"), "-o", str(out),
           "--style", style, "--background", "style", "--format", "png", "--quiet", *extra]
    subprocess.run(cmd, check=True, env={**os.environ, "STUDIO_HOME": home})


def distances(metric: GatysMetric, out: Path, size_dir: Path) -> dict[str, float]:
    values = [metric(out / (p.stem + ".png"), p) for p in sorted(size_dir.iterdir())]
    return {"style_distance": sum(v["style"] for v in values) / len(values),
            "content_distance": sum(v["content"] for v in values) / len(values)}


def flat_samples(folder: Path) -> Path:
    """The bundled samples at the metric's size, RGB over white, in ``folder``."""
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    for p in sorted((ROOT / "resources" / "samples").iterdir()):
        img = Image.open(p).convert("RGBA")
        flat = Image.new("RGBA", img.size, (255, 255, 255, 255))
        flat.alpha_composite(img)
        flat = flat.convert("RGB")
        flat.thumbnail((SIZE, SIZE), Image.LANCZOS)
        flat.save(folder / (p.stem + ".png"))
    return folder


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        small = flat_samples(work / "samples")
        for card_path in sorted((ROOT / "resources" / "models").glob("*.json")):
            card = json.loads(card_path.read_text())
            if card.get("kind") != "gan":
                continue  # category models: benchmarks/category_card.py
            exemplar = ROOT / card["training"]["exemplar"]
            metric = GatysMetric(exemplar)
            run(card["name"], work / card["name"], tmp, "--size", str(SIZE))
            run("gatys", work / f"gatys-{card['name']}", tmp, "--style-image", str(exemplar), "--size", str(SIZE))
            quality = {
                "measured_on": f"the 4 bundled samples at {SIZE} px, whole frame, VGG-19 metric of "
                               "benchmarks/common.py (style: Gram distance to the exemplar; content: relu4_2)",
                "house_style": distances(metric, work / card["name"], small),
                "gatys_defaults_same_exemplar": distances(metric, work / f"gatys-{card['name']}", small),
                "command": "python -m benchmarks.house_style_cards --write",
            }
            print(card["name"], json.dumps(quality))
            if args.write:
                card["quality"] = quality
                card_path.write_text(json.dumps(card, indent=2) + "\n")


if __name__ == "__main__":
    main()
