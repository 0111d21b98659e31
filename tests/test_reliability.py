"""Reliability: hostile inputs, kills, interrupts, full disks, hung and failing plugins, GPU
out-of-memory, hostile model cards, and memory over a long job. Each test does the damage for
real (or injects the exact error the OS or torch raises) and then checks that nothing was lost,
half-written or written over an input. The README's "Reliability" section counts these."""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import zlib
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from studio.cli.batch import main as batch
from studio.output_folder import MANIFEST_NAME
from studio.testing import make_product_image

# name → "done" or a fragment of the failure reason the user sees.
EXPECTED = {
    "zero.jpg": "file is empty",
    "truncated.jpg": "truncated",
    "truncated.png": "truncated",
    "notes.jpg": "not an image",
    "document.jpg": "not an image",
    "bomb.png": "safety limit",
    "huge.jpg": "done",
    "cmyk.jpg": "done",
    "deep16.png": "done",
    "palette_alpha.png": "done",
    "animated.gif": "done",
    "animated-webp.webp": "done",
    "rotated.jpg": "done",
    "gray.jpg": "done",
    "tiny.png": "done",
    "Ünïcødé name with spaces.png": "done",
    "self-loop.jpg": "symbolic links",
    "dangling.jpg": "not found",
    "dup.jpg": "done",
    "dup.png": "is already the output of",
}


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG whose IHDR claims ``width`` x ``height`` with almost no data: a decompression bomb."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    ihdr = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


def make_hostile_corpus(root: Path) -> None:
    root.mkdir(parents=True)
    product = make_product_image("sneaker", size=(160, 120), seed=3).convert("RGB")
    (root / "zero.jpg").write_bytes(b"")
    product.save(root / "full.jpg", quality=90)
    data = (root / "full.jpg").read_bytes()
    (root / "truncated.jpg").write_bytes(data[: len(data) // 2])
    (root / "full.jpg").unlink()
    product.save(root / "full.png")
    data = (root / "full.png").read_bytes()
    (root / "truncated.png").write_bytes(data[: len(data) // 2])
    (root / "full.png").unlink()
    (root / "notes.jpg").write_text("these are not the pixels you are looking for\n")
    (root / "document.jpg").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n")
    (root / "bomb.png").write_bytes(_png_header_only(60000, 60000))
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (3200, 4800, 3), dtype=np.uint8)).save(
        root / "huge.jpg", quality=80)
    product.convert("CMYK").save(root / "cmyk.jpg")
    deep = (np.asarray(product.convert("L"), dtype=np.uint16) * 257).astype(np.uint16)
    Image.fromarray(deep).save(root / "deep16.png")
    palette = make_product_image("mug", size=(96, 80), background="transparent", seed=1).convert("P")
    palette.save(root / "palette_alpha.png", transparency=0)
    frames = [Image.new("RGB", (64, 48), c) for c in ((200, 30, 30), (30, 200, 30))]
    frames[0].save(root / "animated.gif", save_all=True, append_images=frames[1:], duration=100, loop=0)
    frames[0].save(root / "animated-webp.webp", save_all=True, append_images=frames[1:], duration=100)
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise on display
    product.save(root / "rotated.jpg", exif=exif)
    product.convert("L").save(root / "gray.jpg")
    Image.new("RGB", (7, 5), (120, 60, 30)).save(root / "tiny.png")
    product.save(root / "Ünïcødé name with spaces.png")
    (root / "self-loop.jpg").symlink_to("self-loop.jpg")
    (root / "dangling.jpg").symlink_to("does-not-exist.jpg")
    (root / "loop").mkdir()
    (root / "loop" / "back").symlink_to("..", target_is_directory=True)  # a directory loop
    product.save(root / "dup.jpg")
    product.save(root / "dup.png")  # with --format png both would be dup.png


def snapshot(root: Path) -> dict[str, bytes]:
    """Every regular file's bytes and every symlink's target, without following links."""
    state: dict[str, bytes] = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            key = str(path.relative_to(root))
            if path.is_symlink():
                state[key] = b"->" + os.readlink(path).encode()
            elif path.is_file():
                state[key] = path.read_bytes()
    return state


def test_hostile_inputs_are_styled_or_reported_and_never_touched(tmp_path, capsys) -> None:
    corpus = tmp_path / "corpus"
    make_hostile_corpus(corpus)
    before = snapshot(corpus)
    out = corpus / "styled"  # an output folder inside the input folder
    code = batch([str(corpus), "-o", str(out), "--format", "png", "--json", "--quiet"])
    summary = json.loads(capsys.readouterr().out)
    assert code == 1  # some items failed, by design
    outcome = {Path(o["input"]).name: "done" for o in summary["outputs"]}
    outcome.update({Path(f["input"]).name: f["reason"] for f in summary["failed"]})
    assert set(outcome) == set(EXPECTED), "every input is accounted for, the output folder is not read back"
    for name, expected in EXPECTED.items():
        if expected == "done":
            assert outcome[name] == "done", f"{name}: {outcome[name]}"
        else:
            assert expected in outcome[name], f"{name}: {outcome[name]!r}"
    # Outputs: decodable, the right size (EXIF rotation applied), alpha kept where there was one.
    for entry in summary["outputs"]:
        with Image.open(entry["output"]) as img:
            img.load()
    assert Image.open(out / "rotated.png").size == (120, 160)
    assert Image.open(out / "huge.png").size == (4800, 3200)
    assert Image.open(out / "tiny.png").size == (7, 5)
    assert Image.open(out / "palette_alpha.png").mode == "RGBA"
    # Nothing written over or next to an input, no temporary files left behind.
    snapshot_after = snapshot(corpus)
    assert {k: v for k, v in snapshot_after.items() if not k.startswith("styled")} == before
    assert not [p for p in out.rglob("*") if p.name.startswith(".")]


def _batch_process(args: list[str], home: Path) -> subprocess.Popen:
    env = {**os.environ, "STUDIO_HOME": str(home), "OMP_NUM_THREADS": "1"}
    return subprocess.Popen([sys.executable, "-m", "studio.cli.batch", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def _job_running(db: Path) -> bool:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT status FROM jobs ORDER BY id DESC").fetchone() == ("running",)
    except sqlite3.Error:
        return False


def _decodable(path: Path) -> bool:
    try:
        with Image.open(path) as img:
            img.load()
        return True
    except Exception:  # noqa: BLE001
        return False


def test_sigkill_at_random_moments_loses_nothing_and_redoes_nothing(tmp_path, studio_home) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(14):
        make_product_image(["mug", "sneaker", "bag", "bottle", "watch"][i % 5], size=(360, 280), seed=i).save(
            folder / f"p{i:02d}.jpg", quality=90)
    inputs = snapshot(folder)
    out = tmp_path / "out"
    args = [str(folder), "-o", str(out), "--style", "wave", "--quiet", "--json"]
    db = studio_home / "data" / "jobs.sqlite3"
    rng = random.Random(7)
    kills = 0
    for _ in range(4):
        proc = _batch_process(args, studio_home)
        while proc.poll() is None and not _job_running(db):  # start-up takes seconds on a busy machine
            time.sleep(0.02)
        time.sleep(rng.uniform(0.0, 1.2))  # then a random moment of the real job
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.communicate(timeout=60)
        # At any moment: every file under a final name is complete; temporaries are hidden.
        for path in out.rglob("*"):
            if path.is_file() and not path.name.startswith("."):
                if path.name == MANIFEST_NAME:  # written atomically at the start and the end
                    assert json.loads(path.read_text())["job_key"]
                    continue
                assert _decodable(path), f"{path.name} is under its final name but not a complete image"
        if db.exists():
            with sqlite3.connect(db) as conn:
                assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert kills >= 2, "the job finished before it could be killed; make it longer"
    with sqlite3.connect(db) as conn:
        done_before = {row[0] for row in conn.execute("SELECT output FROM items WHERE status='done'")}
    stamps = {p: Path(p).stat().st_mtime_ns for p in done_before}
    proc = _batch_process(args, studio_home)
    stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr[-2000:]
    summary = json.loads(stdout)
    assert summary["skipped"] == len(done_before) and summary["done"] == 14 - len(done_before)
    assert sorted(p.name for p in out.glob("*.jpg")) == sorted(inputs)  # no item lost
    assert all(_decodable(p) for p in out.glob("*.jpg"))
    assert {p: Path(p).stat().st_mtime_ns for p in done_before} == stamps  # done items not redone
    assert snapshot(folder) == inputs
    leftovers = [p for p in out.rglob(".*") if p.is_file() and not p.name.startswith(".studio")]
    assert len(leftovers) <= kills  # at most one orphaned temporary per kill, never under a final name


def test_sigint_stops_within_a_second_with_exit_130(tmp_path, studio_home) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        make_product_image("mug", size=(96, 80), seed=i).save(folder / f"m{i}.png")
    proc = _batch_process([str(folder), "-o", str(tmp_path / "out"), "--style", "gatys", "--size", "64",
                           "--param", "iterations=5000", "--quiet"], studio_home)
    db = studio_home / "data" / "jobs.sqlite3"
    deadline = time.monotonic() + 120
    while not _job_running(db) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    proc.communicate(timeout=30)
    stopped_after = time.monotonic() - sent
    assert proc.returncode == 130
    assert stopped_after < 1.5, f"took {stopped_after:.2f} s (the job stops within a second; the rest is exit)"
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM items WHERE status='pending'").fetchone()[0] == 3


@pytest.mark.parametrize("error, words", [(errno.ENOSPC, "no space left on device"), (errno.EROFS, "read-only"),
                                          (errno.EACCES, "permission denied")])
def test_a_full_or_read_only_disk_stops_the_job_cleanly(tmp_path, capsys, monkeypatch, error, words) -> None:
    import studio.images as images

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(4):
        make_product_image("mug", size=(96, 80), seed=i).save(folder / f"m{i}.png")
    real_write = images._write_temp
    writes = []

    def failing_write(tmp, img, fmt, options):
        writes.append(tmp)
        if len(writes) > 1:  # the first image fits; then the disk is full
            tmp.write_bytes(b"partial")  # the OS got some bytes down before failing
            raise OSError(error, os.strerror(error))
        return real_write(tmp, img, fmt, options)

    monkeypatch.setattr(images, "_write_temp", failing_write)
    out = tmp_path / "out"
    code = batch([str(folder), "-o", str(out), "--style", "wave", "--json", "--quiet"])
    summary = json.loads(capsys.readouterr().out)
    assert code == 1 and summary["done"] == 1 and len(summary["failed"]) == 1
    assert words in summary["failed"][0]["reason"].lower()
    assert summary["stopped"] and "nothing more can be written" in summary["stopped"]
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith("studio-manifest")) == ["m0.png"]
    # Space freed: the same command finishes the job; nothing is redone.
    monkeypatch.setattr(images, "_write_temp", real_write)
    assert batch([str(folder), "-o", str(out), "--style", "wave", "--json", "--quiet"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["skipped"] == 1 and summary["done"] == 3


# plugins ------------------------------------------------------------------------------------
def _runner_job(tmp_path, model, count=3, timeout=0.0):
    from studio.jobs import JobSpec, JobStore, plan_items
    from studio.runner import Runner
    from tests.test_runner import registry_with

    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for i in range(count):
        make_product_image("mug", size=(64, 48), seed=i).save(folder / f"m{i}.png")
    store = JobStore(tmp_path / "jobs.sqlite3")
    spec = JobSpec(inputs=(str(folder),), output=str(tmp_path / "out"), style=model.name, size=64,
                   background="style", item_timeout=timeout)
    job_id, _ = store.find_or_create(spec)
    store.sync_items(job_id, plan_items(spec.inputs, spec.output))
    return Runner(store, registry_with(model)).run(job_id)


def test_a_hung_plugin_is_abandoned_after_the_item_timeout_and_the_job_goes_on(tmp_path) -> None:
    from tests.test_runner import _Model

    calls = []

    def hangs_once(images, params, ctx):
        calls.append(1)
        if len(calls) == 1:
            time.sleep(30)  # ignores check_cancelled: hung
        return images

    started = time.monotonic()
    summary = _runner_job(tmp_path, _Model("hanger", hangs_once), timeout=0.5)
    assert time.monotonic() - started < 10
    assert summary.done == 2 and len(summary.failed) == 1
    reason = summary.failed[0]["reason"]
    assert "'testplug'" in reason and "0.5 s limit" in reason and "abandoned" in reason


def test_a_slow_plugin_that_checks_for_cancel_stops_at_the_item_timeout(tmp_path) -> None:
    from tests.test_runner import _Model

    def slow(images, params, ctx):
        while True:
            ctx.check_cancelled()
            time.sleep(0.01)

    summary = _runner_job(tmp_path, _Model("slow", slow), count=2, timeout=0.3)
    assert summary.done == 0 and len(summary.failed) == 2
    assert all("within the 0.3 s limit" in f["reason"] and "abandoned" not in f["reason"] for f in summary.failed)


def test_out_of_gpu_memory_retries_smaller_then_on_the_cpu(tmp_path, monkeypatch) -> None:
    import studio.pipeline as pipeline_module
    from tests.test_runner import _Model

    seen = []

    def hungry(images, params, ctx):
        seen.append((ctx.device.type, ctx.low_memory))
        if ctx.device.type != "cpu":
            raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")
        return images

    # A job on an accelerator that runs out of memory: "meta" stands in for the GPU here.
    monkeypatch.setattr(pipeline_module, "resolve_device",
                        lambda name: torch.device("meta") if name != "cpu" else torch.device("cpu"))
    summary = _runner_job(tmp_path, _Model("hungry", hungry), count=1)
    assert summary.done == 1
    assert seen == [("meta", False), ("meta", True), ("cpu", False)]
    note = summary.outputs[0]["device_note"]
    assert note == "out of GPU memory, again in smaller pieces: styled on the CPU instead"

    def fits_in_tiles(images, params, ctx):
        if not ctx.low_memory:
            raise torch.OutOfMemoryError("CUDA out of memory")
        return images

    monkeypatch.undo()
    (tmp_path / "second").mkdir()
    summary = _runner_job(tmp_path / "second", _Model("tiler", fits_in_tiles), count=1)
    assert summary.outputs[0]["device_note"] == "out of GPU memory: retried in smaller pieces"


# model files ---------------------------------------------------------------------------------
@pytest.mark.parametrize("change, message", [
    ({"kind": 3}, "'kind' must be a non-empty string"),
    ({"title": ""}, "'title' must be a non-empty string"),
    ({"architecture": "Generator"}, "'architecture' must be an object"),
    ({"architecture": {"class": "Generator", "config": {"width": "16"}}}, "non-negative integers"),
    ({"categories": ["shoes", "shoes"]}, "distinct non-empty strings"),
    ({"kind": "cgan", "categories": None}, "must list its 'categories'"),
    ({"version": 99}, "card version 99 is not supported"),
    ({"name": "other"}, "name must match its file name"),
])
def test_invalid_model_cards_are_refused_with_a_clear_message(studio_home, capsys, change, message) -> None:
    shipped = Path(__file__).resolve().parents[1] / "resources" / "models"
    card = {**json.loads((shipped / "wave.json").read_text()), "name": "broken"}
    card.update(change)
    models = studio_home / "models"
    models.mkdir(parents=True, exist_ok=True)
    (models / "broken.json").write_text(json.dumps(card))
    (models / "broken.safetensors").write_bytes((shipped / "wave.safetensors").read_bytes())
    from studio.model_files import find_model_files

    usable, refused = find_model_files()
    assert "broken" not in {m.name for m in usable}
    assert len(refused) == 1 and message in refused[0][1]
    assert batch(["--list-styles"]) == 0  # a refused model card is not a broken plugin: all else listed
    assert "wave" in capsys.readouterr().out


# memory -----------------------------------------------------------------------------------------
def test_memory_stays_flat_over_a_long_job(tmp_path) -> None:
    """RSS after 200 items and after 2,000 (small generated images, the fast path)."""
    import resource

    from studio.events import ItemDone
    from studio.jobs import JobSpec, JobStore, plan_items
    from studio.registry import load_registry
    from studio.runner import Runner

    folder = tmp_path / "in"
    folder.mkdir()
    base = make_product_image("mug", size=(48, 40), seed=0)
    for i in range(2000):
        base.save(folder / f"i{i:04d}.png", compress_level=1)
    rss: dict[int, float] = {}

    class Probe:
        done = 0

        def on_event(self, event):
            if isinstance(event, ItemDone):
                self.done += 1
                if self.done in (200, 2000):
                    with open("/proc/self/statm") as f:
                        rss[self.done] = int(f.read().split()[1]) * resource.getpagesize() / 2**20

    store = JobStore(tmp_path / "jobs.sqlite3")
    spec = JobSpec(inputs=(str(folder),), output=str(tmp_path / "out"), style="wave", size=48)
    job_id, _ = store.find_or_create(spec)
    store.sync_items(job_id, plan_items(spec.inputs, spec.output))
    summary = Runner(store, load_registry(), Probe()).run(job_id)
    assert summary.done == 2000
    growth = rss[2000] - rss[200]
    print(f"RSS after 200 items: {rss[200]:.0f} MB, after 2000: {rss[2000]:.0f} MB (growth {growth:.1f} MB)")
    assert growth < 40, rss
