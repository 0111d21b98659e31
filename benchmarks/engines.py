"""``--engine ray`` against ``--engine local`` on this machine, and what N workers would give.

    python -m benchmarks.engines [--images 40] [--size 512] [--out bench-out]

Each configuration runs ``studio-batch --style wave`` on the folder in a fresh process. The
per-image time is the steady state, from the items' finish times in the job store (first to
last); start-up (Python, torch, the model; for Ray also starting a local cluster and its
actors) is the rest of the wall time, reported separately. Ray's overhead per image is its per-image time minus the local engine's
with the same CPUs. The scaling estimate for N workers
uses the measured per-image cost of one Ray worker with one CPU (overhead included) and the
rate at which the submitting machine can record outcomes (SQLite, measured here):
``min(N / cost, record rate)``, assuming the shared filesystem and the network keep up.
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

from benchmarks.common import prepare_inputs


def _run(args: list[str], home: Path) -> tuple[float, dict]:
    env = {**os.environ, "STUDIO_HOME": str(home)}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "studio.cli.batch", *args, "--quiet", "--force", "--json"],
                          env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    return seconds, json.loads(proc.stdout)


def _finish_times(home: Path, job_id: int) -> list[float]:
    """When each item of a job was recorded done (``info.finished``), from its job store."""
    import sqlite3

    os.environ["STUDIO_HOME"] = str(home)
    from studio import paths

    with sqlite3.connect(paths.job_db_path()) as db:
        rows = db.execute("SELECT info FROM items WHERE job_id=? AND status='done'", (job_id,)).fetchall()
    return sorted(json.loads(info)["finished"] for (info,) in rows)


def measure(name: str, extra: list[str], folder: Path, work: Path, images: int) -> dict:
    """Steady-state throughput from the items' finish times (first to last), so start-up
    (Python, torch, for Ray the cluster and its actors) is measured apart and cannot blur it."""
    common = ["--style", "wave", "--size", str(SIZE), "--format", "png", *extra]
    total, summary = _run([str(folder), "-o", str(work / name), *common], work / "home")
    assert summary["done"] == images and not summary["failed"], summary
    finished = _finish_times(work / "home", summary["job_id"])
    per_image = (finished[-1] - finished[0]) / (len(finished) - 1)
    start_up = total - per_image * images
    print(f"{name}: start-up {start_up:.1f} s, {per_image:.3f} s per image, {1 / per_image:.2f} img/s", flush=True)
    return {"start_up_s": start_up, "total_s": total, "s_per_image": per_image, "images_per_s": 1 / per_image}


def record_rate(work: Path, count: int = 2000) -> float:
    """Outcomes per second the submitting machine can record (one SQLite transaction each)."""
    from studio.jobs import DONE, JobSpec, JobStore, plan_items

    inputs = work / "rate"
    inputs.mkdir()
    for i in range(count):
        (inputs / f"{i:05d}.png").write_bytes(b"")
    store = JobStore(work / "rate.sqlite3")
    spec = JobSpec(inputs=(str(inputs),), output=str(work / "rate-out"), style="wave")
    job, _ = store.find_or_create(spec)
    store.sync_items(job, plan_items(spec.inputs, spec.output, spec.format))
    items = store.items(job)
    start = time.perf_counter()
    for item in items:
        store.mark(item.id, DONE, info={"seconds": 0.1, "mask": "detected"})
    return len(items) / (time.perf_counter() - start)


SIZE = 512


def main() -> None:
    global SIZE
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--images", type=int, default=40)
    ap.add_argument("--size", type=int, default=512)
    ap.add_argument("--out", type=Path, default=Path("bench-out"))
    args = ap.parse_args()
    SIZE = args.size
    cpus = os.cpu_count() or 1
    report: dict = {"cpus": cpus, "images": args.images, "size": args.size, "runs": {}}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder = work / "in"
        prepare_inputs(folder, args.images, args.size)
        configs = {
            "local": [],
            f"ray, 1 worker x {cpus} threads": ["--engine", "ray", "--workers", "1"],
            f"ray, {cpus} workers x 1 thread": ["--engine", "ray", "--workers", str(cpus)],
        }
        for index, (name, extra) in enumerate(configs.items()):
            report["runs"][name] = measure(f"run{index}", extra, folder, work, args.images)
            report["runs"][name]["label"] = name
        report["record_rate_per_s"] = record_rate(work)
    local = report["runs"]["local"]["s_per_image"]
    ray_runs = [r for name, r in report["runs"].items() if name != "local"]
    # Overhead: Ray with one actor holding every CPU against the local engine, same threads.
    overhead = ray_runs[0]["s_per_image"] - local
    report["ray_overhead_s_per_image"] = overhead
    # One worker's cost per image with the CPUs it has, from the many-worker run: cost = s/img x workers.
    many = ray_runs[-1]
    worker_cost = many["s_per_image"] * cpus
    report["estimate"] = {str(n): min(n / worker_cost, report["record_rate_per_s"]) for n in (1, 2, 8, 32, 128)}
    lines = [f"Engines on {cpus} CPUs, {args.images} images at {args.size} px, style wave", "",
             "| engine | start-up (s) | s per image | images/s | vs local |", "|---|---|---|---|---|"]
    for name, r in report["runs"].items():
        lines.append(f"| {name} | {r['start_up_s']:.1f} | {r['s_per_image']:.3f} | {r['images_per_s']:.2f} | "
                     f"{local / r['s_per_image']:.2f}x |")
    lines += ["", f"Ray overhead: {overhead * 1000:+.0f} ms per image (one actor with every CPU minus local, same threads); "
                  f"the submitting machine records {report['record_rate_per_s']:.0f} outcomes/s.",
              "", "| workers (1 CPU each, this CPU's speed) | estimated images/s |", "|---|---|"]
    lines += [f"| {n} | {v:.1f} |" for n, v in report["estimate"].items()]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "engines.json").write_text(json.dumps(report, indent=2))
    (args.out / "engines.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
