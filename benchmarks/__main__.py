"""One command for every measurement, side by side with the peers:

    python -m benchmarks [--quick] [--out bench-out] [--skip gatys fast quality scaling]

1. Gatys: this project vs the ``pastiche`` CLI (same images, working size, L-BFGS steps).
2. Fast path: ``studio-batch`` with a house style vs a serial decode → TransformerNet → encode
   loop, at 512 and 1024 px long edge.
   Fast-path quality: the house styles' width-16 generator against one at TransformerNet's
   widths, trained by the same recipe, under the shared metric (~20 minutes on 2 CPU cores).
3. Scaling: time and peak memory against image size (256 → 4096 px, tiled) and folder size
   (10 → 1,000 images), and the 8000 x 8000 bounded-memory check.

Inputs are the photos in ``../shared/data`` when present, generated ones otherwise. Each part
runs in fresh processes and writes its own ``results.json``/``results.md``; this writes them
together to ``OUT/benchmarks.json`` and ``OUT/benchmarks.md``. The GPU script is separate:
``benchmarks/gpu.sh`` (one device call). ``--quick`` shrinks every part for a smoke run.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from pathlib import Path


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _part(module: str, out: Path, extra: list[str]) -> dict:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", f"benchmarks.{module}", "--out", str(out), *extra], check=True)
    results = json.loads((out / "results.json").read_text())
    results["_wall_seconds"] = round(time.perf_counter() - started, 1)
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=Path("bench-out"))
    ap.add_argument("--quick", action="store_true", help="tiny sizes: check the harness, not the machine")
    ap.add_argument("--skip", nargs="*", default=[], choices=["gatys", "fast", "quality", "scaling"])
    args = ap.parse_args()
    import os

    import torch

    report: dict = {"machine": {"cpu": _cpu_name(), "cores": os.cpu_count(), "torch": torch.__version__,
                                "python": platform.python_version()},
                    "date": time.strftime("%Y-%m-%d"), "quick": args.quick}
    sections: list[str] = [f"Machine: {report['machine']['cpu']}, {report['machine']['cores']} cores, torch "
                           f"{report['machine']['torch']}; {report['date']}" + (" (quick run)" if args.quick else ""), ""]
    if "gatys" not in args.skip:
        extra = ["--images", "1", "--size", "64", "--iterations", "5"] if args.quick else []
        report["gatys"] = _part("gatys_vs_pastiche", args.out / "gatys", extra)
        sections += ["## Gatys vs pastiche", "", (args.out / "gatys" / "results.md").read_text()]
    if "fast" not in args.skip:
        report["fast_path"] = {}
        for size in (512, 1024):
            extra = ["--size", str(size)] + (["--images", "3"] if args.quick else [])
            out = args.out / f"fast-{size}"
            report["fast_path"][str(size)] = _part("fast_path", out, extra)
            sections += [f"## Fast path, {size} px", "", (out / "results.md").read_text()]
    if "quality" not in args.skip:
        extra = ["--steps", "3", "--size", "64", "--batch", "2"] if args.quick else []
        report["fast_path_quality"] = _part("fast_path_quality", args.out / "fast-quality", extra)
        sections += ["## Fast path: quality of the narrow generator", "",
                     (args.out / "fast-quality" / "results.md").read_text()]
    if "scaling" not in args.skip:
        extra = (["--sizes", "128", "256", "--folders", "3", "6", "--big", "0"] if args.quick else [])
        report["scaling"] = _part("scaling", args.out / "scaling", extra)
        sections += ["## Scaling", "", (args.out / "scaling" / "results.md").read_text()]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "benchmarks.json").write_text(json.dumps(report, indent=2))
    (args.out / "benchmarks.md").write_text("\n".join(sections))
    print("\n".join(sections))
    print(f"wrote {args.out / 'benchmarks.json'} and {args.out / 'benchmarks.md'}")


if __name__ == "__main__":
    main()
