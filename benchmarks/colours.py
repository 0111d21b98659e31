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


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--styles", default=",".join(STYLES))
    p.add_argument("--folder", type=Path, action="append",
                   help="photo folders (default: the bundled samples and ../shared/data/products)")
    p.add_argument("--out", type=Path, default=Path("bench-out") / "colours")
    args = p.parse_args(argv)
    folders = args.folder or [samples_dir()] + ([SHARED / "products"] if (SHARED / "products").is_dir() else [])
    results: dict = {}
    with tempfile.TemporaryDirectory() as home:
        for folder in folders:
            label = "samples" if folder == samples_dir() else folder.name
            for style in args.styles.split(","):
                for preserve in (False, True):
                    out = args.out / label / style / ("kept" if preserve else "styled")
                    row = _figures(_run(folder, out, style, preserve, Path(home)))
                    results.setdefault(label, {}).setdefault(style, {})["kept" if preserve else "styled"] = row
                    print(f"{label:9s} {style:8s} {'--preserve-colors' if preserve else 'as styled':17s} "
                          f"{row['images']:3d} images  mean ΔE00 {row['mean_delta_e']:5.2f} (max "
                          f"{row['max_delta_e']:5.2f})  texture {row['mean_texture_change']:4.2f} (min "
                          f"{row['min_texture_change']:4.2f})", flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
