"""The ``adain`` style (any style image, one pass) against Gatys and the gan path.

    python -m benchmarks.adain [--out bench-out/adain] [--paintings starry_night.jpg ...]
        [--timing-images 5] [--skip-timing] [--skip-quality]

1. Per-image time at 512 px (``--size 512``, whole frame), one run each, this machine: adain
   with a painting, gatys at its defaults with the same painting, and the ``wave`` house style
   (the gan path). A run of N images minus a run of 1, over N-1: start-up (VGG, models,
   Python) is left out. Gatys gets 2 images (minutes each on a CPU).
2. Quality on the 4 bundled samples at 384 px, whole frame, with the VGG-19 metric of
   :mod:`benchmarks.common` (style: Gram distance to the painting; content: relu4_2 distance
   to the photo; lower is better): adain and gatys (its defaults) with the same painting,
   the measure the house styles' cards use.

Paintings come from ``../shared/data/styles`` (the bundled ``waves`` without it). Writes
``results.json`` and ``results.md`` under ``--out``; Gatys outputs are kept there and reused by
a later run (``--out`` the same folder), as they do not depend on the adain decoder.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import SHARED, GatysMetric, prepare_inputs
from benchmarks.house_style_cards import SIZE as QUALITY_SIZE, flat_samples

ROOT = Path(__file__).resolve().parents[1]
TIMING_SIZE = 512


def batch(inputs: Path, out: Path, home: str, *extra: str) -> float:
    """Wall seconds of one ``studio-batch`` run (a fresh process), whole frame, PNG."""
    cmd = [sys.executable, "-m", "studio.cli.batch", str(inputs), "-o", str(out), "--background", "style",
           "--people", "style", "--format", "png", "--quiet", *extra]
    started = time.perf_counter()
    subprocess.run(cmd, check=True, env={**os.environ, "STUDIO_HOME": home})
    return time.perf_counter() - started


def painting(name: str) -> Path:
    path = SHARED / "styles" / name
    if path.is_file():
        return path
    from studio.bundled import style_images

    return style_images()["waves"]


def per_image_seconds(images: list[Path], work: Path, home: str, count: int, *extra: str) -> float:
    """(run of ``count`` images − run of 1) / (count − 1)."""
    one, many = work / "one", work / "many"
    for folder, chosen in ((one, images[:1]), (many, images[:count])):
        folder.mkdir(parents=True, exist_ok=True)
        for image in chosen:
            shutil.copy(image, folder / image.name)
    t_one = batch(one, work / "out-one", home, *extra)
    t_many = batch(many, work / "out-many", home, *extra)
    return (t_many - t_one) / (count - 1)


def quality(paintings: list[str], out: Path, home: str) -> dict[str, dict[str, dict[str, float]]]:
    small = flat_samples(out / "samples")
    results = {}
    for name in paintings:
        path = painting(name)
        metric = GatysMetric(path)
        rows = {}
        for style in ("adain", "gatys"):
            folder = out / f"{style}-{path.stem}"
            if style == "adain" or not folder.is_dir():  # gatys outputs do not depend on the decoder
                shutil.rmtree(folder, ignore_errors=True)
                batch(small, folder, home, "--style", style, "--style-image", str(path), "--size", str(QUALITY_SIZE))
            values = [metric(folder / (p.stem + ".png"), p) for p in sorted(small.iterdir())]
            rows[style] = {"style_distance": statistics.mean(v["style"] for v in values),
                           "content_distance": statistics.mean(v["content"] for v in values)}
        rows["adain_vs_gatys"] = {k: rows["adain"][k] / rows["gatys"][k] for k in rows["adain"]}
        results[path.name] = rows
        print(path.name, json.dumps(rows), flush=True)
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "bench-out" / "adain")
    ap.add_argument("--paintings", nargs="+", default=["starry_night.jpg", "the_great_wave_off_kanagawa.jpg"])
    ap.add_argument("--timing-images", type=int, default=5)
    ap.add_argument("--skip-timing", action="store_true")
    ap.add_argument("--skip-quality", action="store_true")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    home = tempfile.mkdtemp(prefix="studio-bench-adain-")
    results: dict = {"machine": os.cpu_count(), "date": time.strftime("%Y-%m-%d")}
    if not args.skip_quality:
        results["quality_384px"] = quality(args.paintings, args.out, home)
    if not args.skip_timing:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            images = prepare_inputs(work / "inputs", args.timing_images, TIMING_SIZE)
            style = str(painting(args.paintings[0]))
            size = ("--size", str(TIMING_SIZE))
            timing = {
                "adain": per_image_seconds(images, work / "adain", home, args.timing_images, "--style", "adain",
                                           "--style-image", style, *size),
                "wave (gan path)": per_image_seconds(images, work / "wave", home, args.timing_images,
                                                     "--style", "wave", *size),
                "gatys (defaults)": per_image_seconds(images, work / "gatys", home, 2, "--style", "gatys",
                                                      "--style-image", style, *size),
            }
        results["seconds_per_image_512px"] = timing
        print(json.dumps(timing), flush=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=2))
    lines = ["| | style distance | content distance |", "|---|---|---|"]
    for name, rows in results.get("quality_384px", {}).items():
        for style in ("adain", "gatys"):
            lines.append(f"| {style}, {name} | {rows[style]['style_distance']:.3g} | "
                         f"{rows[style]['content_distance']:.4g} |")
    for name, seconds in results.get("seconds_per_image_512px", {}).items():
        lines.append(f"| {name}: s / image at 512 px | {seconds:.2f} | |")
    (args.out / "results.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
