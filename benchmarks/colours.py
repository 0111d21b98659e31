"""Product colours kept: mean CIEDE2000 inside the product mask, and how much texture the style
still adds, for every shipped style with and without ``--preserve-colors``.

    python -m benchmarks.colours [--styles wave,starry,mosaic,catalog,gatys] [--folder DIR ...]

Runs ``studio-batch`` on the bundled samples and on ``../shared/data/products`` (when present),
PNG output, and reads the per-item figures the pipeline measures on the composited output:
``colour_delta_e`` (mean CIEDE2000 between photo and output inside the product mask, at 384 px)
and ``texture_change`` (mean absolute change of the high-pass L*, inside the mask: 0 = not
visibly styled). ``catalog`` is a category model: photos outside its categories use ``bags``.
Gatys takes about a minute per photo on a CPU; ``--styles`` picks fewer.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.common import SHARED
from studio.bundled import samples_dir

STYLES = ("wave", "starry", "mosaic", "catalog", "gatys")


def _run(folder: Path, out: Path, style: str, preserve: bool, home: Path) -> list[dict]:
    argv = [sys.executable, "-m", "studio.cli.batch", str(folder), "-o", str(out), "--style", style,
            "--format", "png", "--json", "--quiet"]
    if preserve:
        argv.append("--preserve-colors")
    if style == "catalog":
        argv += ["--unknown-category", "bags"]
    done = subprocess.run(argv, capture_output=True, text=True, env={**os.environ, "STUDIO_HOME": str(home)})
    if done.returncode not in (0, 1):
        raise SystemExit(f"{style}: studio-batch exited {done.returncode}: {done.stderr[-500:]}")
    return [o for o in json.loads(done.stdout)["outputs"] if "colour_delta_e" in o]


def _figures(outputs: list[dict]) -> dict:
    de = [o["colour_delta_e"] for o in outputs]
    tex = [o["texture_change"] for o in outputs]
    return {"images": len(de), "mean_delta_e": round(statistics.mean(de), 2), "max_delta_e": max(de),
            "mean_texture_change": round(statistics.mean(tex), 2), "min_texture_change": min(tex)}


def write_cards(results: dict) -> int:
    """Put each house style's colour figures into its model card (``quality.colours``)."""
    from studio.model_files import find_model_files

    models, _ = find_model_files()
    for model in models:
        figures = {label: results[label][model.name] for label in results if model.name in results[label]}
        if not figures:
            continue
        card_path = model.weights.with_suffix(".json")
        card = json.loads(card_path.read_text())
        card.setdefault("quality", {})["colours"] = {
            "measured_on": "mean CIEDE2000 photo vs output inside the product mask (384 px) and texture change "
                           "(mean |high-pass L*|), per folder, as styled and with --preserve-colors",
            "command": "python -m benchmarks.colours", **figures}
        card_path.write_text(json.dumps(card, indent=2) + "\n")
        print(f"wrote the colour figures into {card_path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--styles", default=",".join(STYLES))
    p.add_argument("--folder", type=Path, action="append",
                   help="photo folders (default: the bundled samples and ../shared/data/products)")
    p.add_argument("--modes", default="styled,kept", help="styled (as the style paints) and/or kept "
                   "(--preserve-colors); Gatys on 42 photos takes about 40 min per mode on a 2-core CPU")
    p.add_argument("--out", type=Path, default=Path("bench-out") / "colours")
    p.add_argument("--write-cards", type=Path, metavar="RESULTS.json",
                   help="only write the figures of an earlier run into the house styles' model cards")
    args = p.parse_args(argv)
    if args.write_cards:
        return write_cards(json.loads(args.write_cards.read_text()))
    folders = args.folder or [samples_dir()] + ([SHARED / "products"] if (SHARED / "products").is_dir() else [])
    results: dict = {}
    with tempfile.TemporaryDirectory() as home:
        for folder in folders:
            label = "samples" if folder == samples_dir() else folder.name
            for style in args.styles.split(","):
                for preserve in [mode == "kept" for mode in args.modes.split(",")]:
                    out = args.out / label / style / ("kept" if preserve else "styled")
                    row = _figures(_run(folder, out, style, preserve, Path(home)))
                    results.setdefault(label, {}).setdefault(style, {})["kept" if preserve else "styled"] = row
                    print(f"{label:9s} {style:8s} {'--preserve-colors' if preserve else 'as styled':17s} "
                          f"{row['images']:3d} images  mean ΔE00 {row['mean_delta_e']:5.2f} (max "
                          f"{row['max_delta_e']:5.2f})  texture {row['mean_texture_change']:4.2f} (min "
                          f"{row['min_texture_change']:4.2f})", flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    name = "results.json" if args.styles == ",".join(STYLES) else f"results-{args.styles.replace(',', '-')}.json"
    (args.out / name).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
