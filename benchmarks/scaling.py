"""Scaling of the fast path: time and peak memory against image size and folder size.

    python -m benchmarks.scaling [--sizes 256 512 1024 2048 4096] [--folders 10 100 1000]
                                 [--big 8000] [--style wave]

Every point is a fresh ``studio-batch`` process (start-up included, reported separately), so
peak RSS is the process's own. Image size: one photo (a real product photo from
``../shared/data`` when present, else a generated one) resized to the long edge and styled
*at* that size (``--size`` = the long edge, so large ones run in tiles), whole frame. Folder
size: N copies of a 256 px photo at the house style's working size. ``--big``: one
``BIG`` x ``BIG`` image at that working size, the bounded-memory check (target: under 4 GB).
Writes ``results.json`` and ``results.md`` under ``--out``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

from benchmarks.common import product_photos

_TIMED = (
    "import resource,subprocess,sys,time;t=time.perf_counter();"
    "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.PIPE);"
    "dt=time.perf_counter()-t;"
    "print(dt, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024);"
    "sys.stderr.write(r.stderr.decode()[-2000:]);sys.exit(r.returncode)"
)


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of ``cmd`` in a fresh process."""
    out = subprocess.run([sys.executable, "-c", _TIMED, *cmd], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise SystemExit(f"failed ({out.returncode}): {' '.join(cmd)}\n{out.stderr}")
    seconds, rss = out.stdout.split()
    return float(seconds), float(rss)


def source_photo() -> Image.Image:
    photos = product_photos(1)
    if photos:
        return Image.open(photos[0]).convert("RGB")
    from studio.testing import make_product_image

    return make_product_image("sneaker", size=(1600, 1200), seed=1).convert("RGB")


def batch_cmd(inputs: Path, out: Path, style: str, size: int | None) -> list[str]:
    cmd = [sys.executable, "-m", "studio.cli.batch", str(inputs), "-o", str(out), "--style", style, "--force",
           "--quiet", "--background", "style", "--format", "jpg"]
    return cmd + (["--size", str(size)] if size else [])


def startup_seconds(env: dict[str, str], style: str, work: Path) -> float:
    """A job with one 16 px image: the fixed cost of a process (imports, model load)."""
    tiny = work / "startup"
    tiny.mkdir(exist_ok=True)
    Image.new("RGB", (16, 16), (200, 100, 50)).save(tiny / "t.png")
    return min(timed(batch_cmd(tiny, work / "startup-out", style, None), env)[0] for _ in range(2))


def run(args: argparse.Namespace) -> dict:
    work = Path(tempfile.mkdtemp(prefix="studio-scaling-"))
    env = {**os.environ, "STUDIO_HOME": str(work / "home")}
    photo = source_photo()
    results: dict = {"style": args.style, "startup_s": startup_seconds(env, args.style, work), "sizes": [],
                     "folders": []}
    for size in args.sizes:
        folder = work / f"size{size}"
        folder.mkdir()
        img = photo.copy()
        scale = size / max(img.size)
        img = img.resize((max(1, round(img.width * scale)), max(1, round(img.height * scale))), Image.LANCZOS)
        img.save(folder / "p.jpg", quality=92)
        seconds, rss = timed(batch_cmd(folder, work / f"out{size}", args.style, size), env)
        results["sizes"].append({"long_edge": size, "megapixels": img.width * img.height / 1e6, "seconds": seconds,
                                 "seconds_minus_startup": seconds - results["startup_s"], "peak_rss_mb": rss})
        print(json.dumps(results["sizes"][-1]), flush=True)
    small = photo.copy()
    small.thumbnail((256, 256), Image.LANCZOS)
    for count in args.folders:
        folder = work / f"folder{count}"
        folder.mkdir()
        for i in range(count):
            small.save(folder / f"p{i:05d}.jpg", quality=92)
        seconds, rss = timed(batch_cmd(folder, work / f"fout{count}", args.style, None), env)
        results["folders"].append({"images": count, "seconds": seconds,
                                   "per_image_s": (seconds - results["startup_s"]) / count, "peak_rss_mb": rss})
        print(json.dumps(results["folders"][-1]), flush=True)
    if args.big:
        folder = work / "big"
        folder.mkdir()
        big = photo.resize((args.big, args.big), Image.BICUBIC)
        big.save(folder / "big.jpg", quality=90)
        del big
        seconds, rss = timed(batch_cmd(folder, work / "bigout", args.style, args.big), env)
        results["big"] = {"pixels": f"{args.big}x{args.big}", "seconds": seconds, "peak_rss_mb": rss,
                          "under_4gb": rss < 4096}
        print(json.dumps(results["big"]), flush=True)
    return results


def table(results: dict) -> str:
    lines = [f"Fast path scaling, style {results['style']}, process start-up {results['startup_s']:.1f} s "
             "(included below)", "", "| long edge px | megapixels | seconds | minus start-up | s per MP | peak RSS MB |",
             "|---|---|---|---|---|---|"]
    for r in results["sizes"]:
        per_mp = r["seconds_minus_startup"] / r["megapixels"]
        lines.append(f"| {r['long_edge']} | {r['megapixels']:.2f} | {r['seconds']:.1f} | "
                     f"{r['seconds_minus_startup']:.1f} | {per_mp:.2f} | {r['peak_rss_mb']:.0f} |")
    lines += ["", "| images (256 px) | seconds | s per image (minus start-up) | peak RSS MB |", "|---|---|---|---|"]
    for r in results["folders"]:
        lines.append(f"| {r['images']} | {r['seconds']:.1f} | {r['per_image_s']:.3f} | {r['peak_rss_mb']:.0f} |")
    if "big" in results:
        b = results["big"]
        lines += ["", f"{b['pixels']} image at full working size (tiled): {b['seconds']:.0f} s, "
                      f"peak RSS {b['peak_rss_mb']:.0f} MB ({'under' if b['under_4gb'] else 'OVER'} 4 GB)"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="*", default=[256, 512, 1024, 2048, 4096])
    ap.add_argument("--folders", type=int, nargs="*", default=[10, 100, 1000])
    ap.add_argument("--big", type=int, default=8000, help="side of the bounded-memory check (0: skip)")
    ap.add_argument("--style", default="wave")
    ap.add_argument("--out", type=Path, default=Path("bench-out/scaling"))
    args = ap.parse_args(argv)
    results = run(args)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=2))
    (args.out / "results.md").write_text(table(results))
    print(table(results))
    return results


if __name__ == "__main__":
    main()
