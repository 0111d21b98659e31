"""Gatys: Style Studio's plugin vs the ``pastiche`` CLI, same images, size and step count.

    python -m benchmarks.gatys_vs_pastiche [--images 4] [--size 256] [--iterations 100]

Each tool is run as a user would: pastiche once per image (its CLI takes one content image),
``studio-batch`` once for the folder. Both optimise the same objective (pastiche's weighting;
``strength=1`` is style weight 1); final losses are measured by one shared metric
(:class:`benchmarks.common.GatysMetric`). Writes ``results.json`` and ``results.md`` under
``--out`` and prints the table.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.common import GatysMetric, default_style_image, prepare_inputs


def _run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one command, in a fresh process."""
    wrapper = (
        "import resource,subprocess,sys,time;t=time.perf_counter();"
        "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL);"
        "dt=time.perf_counter()-t;"
        "print(dt, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024);sys.exit(r.returncode)"
    )
    out = subprocess.run([sys.executable, "-c", wrapper, *cmd], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise SystemExit(f"command failed ({out.returncode}): {' '.join(cmd)}\n{out.stderr[-2000:]}")
    seconds, rss = out.stdout.split()
    return float(seconds), float(rss)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--images", type=int, default=4)
    ap.add_argument("--size", type=int, default=256)
    ap.add_argument("--iterations", type=int, default=100)
    ap.add_argument("--style", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=Path("bench-out/gatys"))
    args = ap.parse_args()
    style = args.style or default_style_image()
    work = args.out
    inputs = prepare_inputs(work / "inputs", args.images, args.size)
    metric = GatysMetric(style)
    rows = {}

    pastiche_dir = work / "pastiche"
    pastiche_dir.mkdir(parents=True, exist_ok=True)
    times, rss = [], []
    for path in inputs:
        seconds, peak = _run([sys.executable, "-m", "pastiche", "--content", str(path), "--styles", str(style),
                              "--output", str(pastiche_dir / (path.stem + ".png")), "--size", str(args.size),
                              "--num-steps", str(args.iterations), "--device", "cpu", "--seed", "0", "--no-verbose"])
        times.append(seconds)
        rss.append(peak)
    rows["pastiche CLI"] = (times, max(rss), [pastiche_dir / (p.stem + ".png") for p in inputs])

    studio_dir = work / "studio"
    with tempfile.TemporaryDirectory() as home:
        env = {**__import__("os").environ, "STUDIO_HOME": home}
        seconds, peak = _run([sys.executable, "-m", "studio.cli.batch", str(work / "inputs"), "-o", str(studio_dir),
                              "--style", "gatys", "--style-image", str(style), "--size", str(args.size), "--format", "png", "--force",
                              "--param", f"iterations={args.iterations}", "--param", "strength=1",
                              "--device", "cpu", "--background", "style", "--detail", "0", "--quiet"], env=env)
    rows["studio-batch gatys"] = ([seconds / len(inputs)] * len(inputs), peak,
                                  [studio_dir / (p.stem + ".png") for p in inputs])

    results = {"config": {"images": len(inputs), "size": args.size, "iterations": args.iterations,
                          "style": style.name, "inputs": [p.name for p in inputs]}, "tools": {}}
    for tool, (secs, peak, outputs) in rows.items():
        losses = [metric(o, i) for o, i in zip(outputs, inputs)]
        results["tools"][tool] = {
            "seconds_per_image": statistics.mean(secs),
            "peak_rss_mb": peak,
            "content_loss": statistics.median(l["content"] for l in losses),
            "style_loss": statistics.median(l["style"] for l in losses),
            "total_loss": statistics.median(l["total"] for l in losses),
            "per_image_total_loss": [round(l["total"], 1) for l in losses],
        }
    base, ours = results["tools"]["pastiche CLI"], results["tools"]["studio-batch gatys"]
    results["speedup"] = base["seconds_per_image"] / ours["seconds_per_image"]
    results["images_with_lower_loss"] = sum(
        a <= b for a, b in zip(ours["per_image_total_loss"], base["per_image_total_loss"]))
    lines = [
        f"Gatys, {len(inputs)} images at {args.size} px, {args.iterations} L-BFGS steps, style {style.name}",
        "",
        "| tool | s / image | content loss (median) | style loss (median) | total loss (median) | peak RSS MB |",
        "|---|---|---|---|---|---|",
    ]
    for tool, r in results["tools"].items():
        lines.append(f"| {tool} | {r['seconds_per_image']:.1f} | {r['content_loss']:.4g} | {r['style_loss']:.4g} | "
                     f"{r['total_loss']:.4g} | {r['peak_rss_mb']:.0f} |")
    lines.append("")
    lines.append(f"speed-up: {results['speedup']:.2f}x; total loss ratio (studio/pastiche): "
                 f"{ours['total_loss'] / base['total_loss']:.3f}; studio's loss lower on "
                 f"{results['images_with_lower_loss']} of {len(inputs)} images")
    table = "\n".join(lines)
    (work / "results.json").write_text(json.dumps(results, indent=2))
    (work / "results.md").write_text(table + "\n")
    print(table)


if __name__ == "__main__":
    main()
