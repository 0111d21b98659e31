"""GPU benchmark for a lent device (one call, well under 8 minutes):

    python -m benchmarks.gpu [--out DIR] [--images 512] [--photos DIR] [--gatys-images 4] [--device cuda]

1. Generator throughput (the fast path's model alone) at 512 and 1024 px: float32, then
   bf16/fp16 autocast with channels-last, at batch 1/8/32, and ``torch.compile`` at batch 32;
   images per second with the device synchronised.
2. End to end: ``studio-batch --style wave`` on a folder (decode, masks, model, composite,
   encode, atomic writes) at 512 and 1024 px working size, with the default batch size and
   with ``--batch-size 1`` (and 32): images per second, start-up excluded (a one-image run is
   subtracted). Then each I/O stage alone on the same threads, to show which one limits.
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
import threading
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


def _studio(args: list[str], home: str) -> tuple[float, dict]:
    env = {**os.environ, "STUDIO_HOME": home}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "studio.cli.batch", *args, "--quiet", "--force", "--json"],
                          check=True, env=env, capture_output=True, text=True)
    return time.perf_counter() - start, json.loads(proc.stdout)


def make_folder(folder: Path, images: int, size: int, photos: Path | None) -> None:
    """``images`` JPEGs at ``size`` px long edge: 16 distinct pictures (real photos from
    ``photos`` when given, else generated products), repeated as copies."""
    import shutil

    from PIL import Image

    folder.mkdir(parents=True)
    sources = sorted(p for p in photos.iterdir() if p.suffix.lower() in (".jpg", ".jpeg", ".png"))[:16] if photos else []
    distinct = []
    for i in range(16):
        if sources:
            img = Image.open(sources[i % len(sources)]).convert("RGB")
        else:
            from studio.testing import make_product_image

            img = make_product_image(["sneaker", "mug", "bag", "watch"][i % 4], size=(size, size * 3 // 4),
                                     seed=i).convert("RGB")
        img.thumbnail((size, size), Image.LANCZOS)
        path = folder / f"p{i:04d}.jpg"
        img.save(path, quality=92)
        distinct.append(path)
    for i in range(16, images):
        shutil.copyfile(distinct[i % 16], folder / f"p{i:04d}.jpg")


def end_to_end(device: str, images: int, size: int, work: Path, photos: Path | None,
               extra: list[str]) -> dict:
    """``studio-batch --style wave`` on a folder: images per second with start-up (a
    one-image run of the same command) subtracted."""
    tag = f"{size}-{'_'.join(extra) or 'default'}".replace("--", "")
    folder, one = work / f"in{size}", work / f"one{size}"
    if not folder.exists():
        make_folder(folder, images, size, photos)
        one.mkdir()
        (one / "p.jpg").write_bytes((folder / "p0000.jpg").read_bytes())
    common = ["--style", "wave", "--size", str(size), "--device", device, "--format", "jpg", *extra]
    start_up, _ = _studio([str(one), "-o", str(work / f"o1-{tag}"), *common], str(work / "home"))
    total, summary = _studio([str(folder), "-o", str(work / f"on-{tag}"), *common], str(work / "home"))
    assert summary["done"] == images, summary
    return {"images_per_s": (images - 1) / max(1e-6, total - start_up), "start_up_s": start_up, "total_s": total}


def stages(device: str, size: int, work: Path, threads: int) -> dict:
    """Decode+mask and compose+encode+write alone, on ``threads`` threads: images per second
    each stage can feed (the ceiling for end to end)."""
    from concurrent.futures import ThreadPoolExecutor

    from studio.jobs import JobSpec
    from studio.pipeline import JobPipeline, WorkItem, make_context
    from studio.registry import load_registry

    folder = work / f"in{size}"
    files = sorted(folder.iterdir())
    out = work / f"stage{size}"
    out.mkdir(exist_ok=True)
    spec = JobSpec(inputs=(str(folder),), output=str(out), style="wave", size=size, device=device, format="jpg")
    registry = load_registry()
    entry = registry.get("wave")
    params = registry.resolve_params("wave", {})
    pipeline = JobPipeline(spec, entry, params, make_context(spec, entry, params, threading.Event()))
    works = [WorkItem(i, str(f), str(out / f.name), 0) for i, f in enumerate(files)]
    with ThreadPoolExecutor(threads) as pool:
        start = time.perf_counter()
        staged = list(pool.map(pipeline.load, works))
        load_ips = len(works) / (time.perf_counter() - start)
        start = time.perf_counter()
        list(pool.map(lambda s: pipeline.finish(s, s.working.clone()), staged))
        finish_ips = len(works) / (time.perf_counter() - start)
    return {"threads": threads, "load_per_s": load_ips, "finish_per_s": finish_ips}


def gatys(device: str, images: int, iterations: int, work: Path) -> float:
    from benchmarks.common import prepare_inputs

    folder = work / "gatys-in"
    prepare_inputs(folder, images, 512)
    args = ["--style", "gatys", "--size", "512", "--param", f"iterations={iterations}", "--device", device,
            "--background", "style", "--format", "png"]
    one = work / "gatys-one"
    one.mkdir()
    (one / "a.png").write_bytes(sorted(folder.iterdir())[0].read_bytes())
    start_up, _ = _studio([str(one), "-o", str(work / "gatys-o1"), *args, "--param", "iterations=1"],
                          str(work / "home"))
    seconds, _ = _studio([str(folder), "-o", str(work / "gatys-out"), *args], str(work / "home"))
    return (seconds - start_up) / images


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=Path(os.environ.get("OUT", "bench-out/gpu")))
    ap.add_argument("--device", default="cuda")
    ap.add_argument("--images", type=int, default=512)
    ap.add_argument("--photos", type=Path, help="a folder of product photos to use (else generated ones)")
    ap.add_argument("--gatys-images", type=int, default=4)
    ap.add_argument("--iterations", type=int, default=300)
    ap.add_argument("--quick", action="store_true", help="short timings (dry run)")
    args = ap.parse_args()
    device = torch.device(args.device)
    report: dict = {"device": torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu",
                    "torch": torch.__version__, "cpus": os.cpu_count(), "model": {}, "end_to_end": {}, "stages": {}}
    budget = 1.0 if args.quick else 3.0
    args.out.mkdir(parents=True, exist_ok=True)

    def save() -> None:  # after every step: a run cut short still leaves its figures
        (args.out / "gpu.json").write_text(json.dumps(report, indent=2))

    grid = [(512, "fp32", 1), (512, "fp32", 32), (512, "autocast", 1), (512, "autocast", 8),
            (512, "autocast", 32), (1024, "fp32", 8), (1024, "autocast", 1), (1024, "autocast", 8)]

    def generator_alone(runs: list[tuple[int, str, int]]) -> None:
        for size, mode, batch in runs:
            if args.quick and (batch > 8 or mode == "compile"):
                continue
            try:
                ips = model_throughput(device, size, batch, mode, budget)
            except Exception as exc:  # noqa: BLE001 - e.g. compile unavailable: recorded, not fatal
                ips = None
                report.setdefault("errors", []).append(f"{mode} {size}px b{batch}: {type(exc).__name__}: {exc}")
            report["model"][f"{size}/{mode}/b{batch}"] = ips
            print(f"model {size}px {mode} batch {batch}: {ips}", flush=True)
            save()

    generator_alone(grid)
    threads = max(1, min(8, (os.cpu_count() or 2) // 2))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for size, count in ((512, args.images), (1024, max(16, args.images // 2))):
            variants = [[], ["--batch-size", "1"]] + ([["--batch-size", "32"]] if size == 512 else [])
            for extra in variants:
                key = f"{size}/{'default' if not extra else 'batch' + extra[1]}"
                try:
                    report["end_to_end"][key] = end_to_end(args.device, count, size, work, args.photos, extra)
                except Exception as exc:  # noqa: BLE001
                    report.setdefault("errors", []).append(f"end to end {key}: {type(exc).__name__}: {exc}")
                    continue
                print(f"end to end {key}: {report['end_to_end'][key]}", flush=True)
                save()
            report["stages"][str(size)] = stages(args.device, size, work, threads)
            print(f"stages {size}: {report['stages'][str(size)]}", flush=True)
        try:
            report["gatys_s_per_image_512_300"] = gatys(args.device, args.gatys_images, args.iterations, work)
            print(f"gatys: {report['gatys_s_per_image_512_300']:.2f} s per image", flush=True)
        except Exception as exc:  # noqa: BLE001
            report.setdefault("errors", []).append(f"gatys: {type(exc).__name__}: {exc}")
    save()
    if not args.quick:  # last: compilation can take a while
        generator_alone([(512, "compile", 32)])
    lines = [f"GPU benchmark on {report['device']} (torch {report['torch']}, {report['cpus']} CPUs)", "",
             "| measurement | images/s |", "|---|---|"]
    lines += [f"| generator alone {k} | {v:.1f} |" if v else f"| generator alone {k} | failed |"
              for k, v in report["model"].items()]
    lines += [f"| studio-batch end to end {k} | {v['images_per_s']:.1f} |" for k, v in report["end_to_end"].items()]
    lines += [f"| decode+mask alone {k} px, {v['threads']} threads | {v['load_per_s']:.1f} |"
              for k, v in report["stages"].items()]
    lines += [f"| compose+encode+write alone {k} px, {v['threads']} threads | {v['finish_per_s']:.1f} |"
              for k, v in report["stages"].items()]
    if "gatys_s_per_image_512_300" in report:
        lines += ["", f"Gatys 512 px x {args.iterations} iterations: {report['gatys_s_per_image_512_300']:.2f} s "
                      "per image (start-up subtracted)"]
    lines += [f"error: {e}" for e in report.get("errors", [])]
    save()
    (args.out / "gpu.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
