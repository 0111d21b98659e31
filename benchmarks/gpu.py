"""GPU benchmark for a lent device (one call, well under 8 minutes):

    python -m benchmarks.gpu [--out DIR] [--images 64] [--gatys-images 4] [--device cuda]

1. Generator throughput (the fast path's model alone) at 512 and 1024 px: float32, then
   bf16/fp16 autocast with channels-last, at batch 1/8/32, and with ``torch.compile`` where it
   compiles within the budget; images per second with the device synchronised.
2. End to end: ``studio-batch --style wave`` on a folder (decode, masks, model, composite,
   encode, atomic writes) at 512 and 1024 px working size: images per second, start-up
   excluded (a one-image run is subtracted).
3. Gatys: ``studio-batch --style gatys --size 512 --param iterations=300``: seconds per image.

Prints a Markdown table and writes ``gpu.json`` under ``--out`` (``$OUT`` on the device).
``--device cpu --images 4 --gatys-images 1 --quick`` is a dry run for a CPU box.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import torch


def _sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def model_throughput(device: torch.device, size: int, batch: int, mode: str, seconds: float = 4.0) -> float:
    from studio.model_files import find_model_files, load_model_weights
    from studio.training.models import Generator, GeneratorConfig

    wave = next(m for m in find_model_files("gan")[0] if m.name == "wave")
    g = Generator(GeneratorConfig(**wave.card["architecture"]["config"]))
    g.load_state_dict(load_model_weights(wave))
    g = g.to(device).eval()
    x = torch.rand(batch, 3, size, size, device=device)
    low = torch.bfloat16 if device.type == "cpu" or torch.cuda.is_bf16_supported() else torch.float16
    if mode != "fp32":
        g = g.to(memory_format=torch.channels_last)
        x = x.contiguous(memory_format=torch.channels_last)
    run = g
    if mode == "compile":
        run = torch.compile(g)
    ctx = torch.autocast(device.type, dtype=low) if mode != "fp32" else torch.autocast(device.type, enabled=False)
    with torch.inference_mode(), ctx:
        for _ in range(3):  # warm-up (and compilation)
            run(x)
        _sync(device)
        count, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            run(x)
            count += batch
        _sync(device)
        return count / (time.perf_counter() - start)


def _studio(args: list[str], home: str) -> float:
    env = {**os.environ, "STUDIO_HOME": home}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "studio.cli.batch", *args, "--quiet", "--force"], check=True, env=env)
    return time.perf_counter() - start


def end_to_end(device: str, images: int, size: int, work: Path) -> float:
    from PIL import Image

    from benchmarks.common import product_photos

    folder, one = work / f"e2e{size}", work / f"one{size}"
    folder.mkdir()
    one.mkdir()
    photos = product_photos(8)
    for i in range(images):
        if photos:
            img = Image.open(photos[i % len(photos)]).convert("RGB")
        else:
            from studio.testing import make_product_image

            img = make_product_image("sneaker", size=(size, size * 3 // 4), seed=i).convert("RGB")
        img = img.resize((size, size * img.height // img.width))
        img.save(folder / f"p{i:04d}.jpg", quality=92)
        if i == 0:
            img.save(one / "p.jpg", quality=92)
    common = ["--style", "wave", "--size", str(size), "--device", device, "--format", "jpg"]
    start_up = _studio([str(one), "-o", str(work / f"o1-{size}"), *common], str(work / "home"))
    total = _studio([str(folder), "-o", str(work / f"on-{size}"), *common], str(work / "home"))
    return (images - 1) / max(1e-6, total - start_up)


def gatys(device: str, images: int, iterations: int, work: Path) -> float:
    from benchmarks.common import prepare_inputs

    folder = work / "gatys-in"
    prepare_inputs(folder, images, 512)
    seconds = _studio([str(folder), "-o", str(work / "gatys-out"), "--style", "gatys", "--size", "512",
                       "--param", f"iterations={iterations}", "--device", device, "--background", "style",
                       "--format", "png"], str(work / "home"))
    return seconds / images


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=Path(os.environ.get("OUT", "bench-out/gpu")))
    ap.add_argument("--device", default="cuda")
    ap.add_argument("--images", type=int, default=64)
    ap.add_argument("--gatys-images", type=int, default=4)
    ap.add_argument("--iterations", type=int, default=300)
    ap.add_argument("--quick", action="store_true", help="short timings (dry run)")
    args = ap.parse_args()
    device = torch.device(args.device)
    report: dict = {"device": torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu",
                    "torch": torch.__version__, "model": {}, "end_to_end": {}}
    budget = 1.0 if args.quick else 4.0
    for size in (512, 1024):
        for mode in ("fp32", "autocast", "compile"):
            for batch in ((1, 8, 32) if size == 512 else (1, 8)):
                if args.quick and batch > 8:
                    continue
                try:
                    ips = model_throughput(device, size, batch, mode, budget)
                except Exception as exc:  # noqa: BLE001 - e.g. compile unavailable: recorded, not fatal
                    ips = None
                    report.setdefault("errors", []).append(f"{mode} {size}px b{batch}: {type(exc).__name__}: {exc}")
                report["model"][f"{size}/{mode}/b{batch}"] = ips
                print(f"model {size}px {mode} batch {batch}: {ips}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for size in (512, 1024):
            report["end_to_end"][str(size)] = end_to_end(args.device, args.images, size, work)
            print(f"end to end {size}px: {report['end_to_end'][str(size)]:.1f} images/s", flush=True)
        report["gatys_s_per_image_512_300"] = gatys(args.device, args.gatys_images, args.iterations, work)
    lines = [f"GPU benchmark on {report['device']} (torch {report['torch']})", "",
             "| measurement | images/s |", "|---|---|"]
    lines += [f"| generator {k} | {v:.1f} |" if v else f"| generator {k} | failed |" for k, v in report["model"].items()]
    lines += [f"| studio-batch end to end, {k} px | {v:.1f} |" for k, v in report["end_to_end"].items()]
    lines += ["", f"Gatys 512 px x {args.iterations} iterations: {report['gatys_s_per_image_512_300']:.2f} s per image"]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "gpu.json").write_text(json.dumps(report, indent=2))
    (args.out / "gpu.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
