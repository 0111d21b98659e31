"""End-to-end runs of ``studio-batch`` on generated folders."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from PIL import Image

from conftest import FAST_GATYS, snapshot
from studio.cli.batch import main
from studio.images import read_image
from studio.vgg import gram_matrix, load_vgg19


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    code = main(list(argv) + ["--json", "--quiet"])
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else {}


def style_distance(image: Path, style: Path, size: int = 64) -> float:
    """Gram-matrix distance (relu1_1..relu4_1) between an image and the style exemplar."""
    vgg = load_vgg19()
    layers = ("relu1_1", "relu2_1", "relu3_1", "relu4_1")

    def grams(path: Path) -> list[torch.Tensor]:
        rgb = read_image(path).rgb.unsqueeze(0)
        rgb = F.interpolate(rgb, size=(size, size), mode="bilinear", antialias=True)
        feats = vgg(rgb, layers)
        return [gram_matrix(feats[l]) / feats[l].shape[1] for l in layers]

    with torch.no_grad():
        return sum(F.mse_loss(a, b).item() for a, b in zip(grams(image), grams(style)))


def test_styles_a_folder_end_to_end(product_folder: Path, style_image: Path, tmp_path: Path, capsys) -> None:
    before = snapshot(product_folder)
    out = tmp_path / "out"
    # Whole-frame styling, so the style distance below measures the plugin, not the masking.
    code, summary = run_cli(capsys, str(product_folder), "-o", str(out), "--style", "gatys",
                            "--style-image", str(style_image), "--background", "style", *FAST_GATYS,
                            "--param", "strength=1")
    assert code == 0, summary
    assert summary["done"] == 3 and summary["skipped"] == 0 and summary["failed"] == []
    expected = {"mug.jpg", "sneaker.png", "bags/bag.png"}
    assert {str(Path(o["output"]).relative_to(out)) for o in summary["outputs"]} == expected
    for rel in expected:
        src, dst = Image.open(product_folder / rel), Image.open(out / rel)
        assert dst.size == src.size, rel  # original pixel size, not the working size
    # The cutout stays a cutout: the original alpha is put back.
    src_alpha = np.asarray(Image.open(product_folder / "sneaker.png").getchannel("A"), dtype=int)
    dst_alpha = np.asarray(Image.open(out / "sneaker.png").getchannel("A"), dtype=int)
    assert np.abs(src_alpha - dst_alpha).max() <= 1
    # The style really transferred: closer to the style image than the input was.
    for rel in ("mug.jpg", "bags/bag.png"):
        assert style_distance(out / rel, style_image) < 0.8 * style_distance(product_folder / rel, style_image)
    assert snapshot(product_folder) == before  # inputs byte-identical
    assert not list(out.rglob("*.partial"))


def test_resume_skips_done_items_and_force_redoes_them(product_folder, style_image, tmp_path, capsys) -> None:
    out = tmp_path / "out"
    args = [str(product_folder), "-o", str(out), "--style-image", str(style_image), *FAST_GATYS]
    assert run_cli(capsys, *args)[0] == 0
    images = lambda: {p: p.stat().st_mtime_ns for p in out.rglob("*.*") if p.suffix in (".jpg", ".png")}
    stamps = images()
    code, summary = run_cli(capsys, *args)
    assert code == 0 and summary["done"] == 0 and summary["skipped"] == 3
    assert images() == stamps
    (out / "mug.jpg").unlink()  # a deleted output is redone on resume
    code, summary = run_cli(capsys, *args)
    assert summary["done"] == 1 and summary["skipped"] == 2 and (out / "mug.jpg").is_file()
    code, summary = run_cli(capsys, *args, "--force")
    assert code == 0 and summary["done"] == 3 and summary["skipped"] == 0


def test_bad_images_fail_with_a_reason_and_the_job_goes_on(product_folder, style_image, tmp_path, capsys) -> None:
    (product_folder / "empty.jpg").write_bytes(b"")
    (product_folder / "notes.png").write_text("this is not a picture")
    good = (product_folder / "mug.jpg").read_bytes()
    (product_folder / "truncated.jpg").write_bytes(good[: len(good) // 3])
    out = tmp_path / "out"
    code, summary = run_cli(capsys, str(product_folder), "-o", str(out), "--style-image", str(style_image),
                            *FAST_GATYS)
    assert code == 1
    assert summary["done"] == 3
    reasons = {Path(f["input"]).name: f["reason"] for f in summary["failed"]}
    assert set(reasons) == {"empty.jpg", "notes.png", "truncated.jpg"}
    assert "empty" in reasons["empty.jpg"] and "not an image" in reasons["notes.png"]
    assert "truncated" in reasons["truncated.jpg"]
    assert not (out / "empty.jpg").exists() and not (out / "truncated.jpg").exists()


def test_output_folder_inside_input_is_not_reingested(product_folder, style_image, capsys) -> None:
    out = product_folder / "styled"
    args = [str(product_folder), "-o", str(out), "--style-image", str(style_image), "--format", "png", *FAST_GATYS]
    code, summary = run_cli(capsys, *args)
    assert code == 0 and summary["done"] == 3
    code, summary = run_cli(capsys, *args)
    assert summary["done"] == 0 and summary["skipped"] == 3  # nothing from styled/ was picked up
    assert (out / "mug.png").is_file() and not (out / "styled").exists()


def test_format_conversion_and_json_outputs(product_folder, style_image, tmp_path, capsys) -> None:
    out = tmp_path / "out"
    code, summary = run_cli(capsys, str(product_folder / "sneaker.png"), "-o", str(out), "--format", "jpg",
                            "--style-image", str(style_image), *FAST_GATYS)
    assert code == 0
    [entry] = summary["outputs"]
    assert (entry["input"], entry["output"]) == (str(product_folder / "sneaker.png"), str(out / "sneaker.jpg"))
    assert Image.open(out / "sneaker.jpg").format == "JPEG"


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--style", "nope"], "unknown style 'nope'"),
        (["--style", "gatys", "--param", "iterations=lots"], "iterations: expected int"),
        (["--param", "colour=red"], "has no parameter colour"),
        (["--style", "gatys", "--style-image", "/no/such/style.png"], "style image not found"),
        (["--style-image", "waves"], "takes no style image"),
    ],
)
def test_usage_errors_exit_2_with_one_line(product_folder, tmp_path, capsys, argv, message) -> None:
    code = main([str(product_folder), "-o", str(tmp_path / "out"), *argv])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_list_styles_json_describes_parameters(capsys) -> None:
    assert main(["--list-styles", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    gatys = next(s for s in data["styles"] if s["name"] == "gatys")
    names = {p["name"] for p in gatys["params"]}
    assert {"iterations", "strength", "preserve_colors", "style_scale", "tv_weight"} <= names
    assert gatys["capabilities"]["needs_style_images"] is True
    assert "waves" in data["style_images"]
    shipped = {s["name"] for s in data["styles"] if s["plugin"] == "gan"}
    assert {"wave", "starry", "mosaic", "gan"} <= shipped


def test_real_process_exit_codes_and_default_style(product_folder, tmp_path) -> None:
    """Run the console script as a user would, with the default (shipped, fast) style."""
    out = tmp_path / "out"
    env = {**os.environ}
    cmd = [sys.executable, "-m", "studio.cli.batch", str(product_folder / "mug.jpg"), "-o", str(out), "--json"]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["done"] == 1 and (out / "mug.jpg").is_file()
    proc = subprocess.run([sys.executable, "-m", "studio.cli.batch", str(tmp_path / "missing"), "-o", str(out)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 2 and "input not found" in proc.stderr and "Traceback" not in proc.stderr


def test_ctrl_c_exits_130_and_the_job_resumes(product_folder, tmp_path, studio_home) -> None:
    import signal
    import sqlite3
    import time

    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "studio.cli.batch", str(product_folder), "-o", str(out), "--style", "gatys", "--size", "48",
           "--param", "iterations=5000", "--quiet", "--json"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    db = studio_home / "data" / "jobs.sqlite3"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # wait until the worker is inside the first image
        try:
            with sqlite3.connect(db) as conn:
                if conn.execute("SELECT status FROM jobs").fetchone() == ("running",):
                    break
        except sqlite3.Error:
            pass
        time.sleep(0.05)
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    details = (proc.returncode, stdout[-500:], stderr[-3000:])
    assert proc.returncode == 130, details
    assert "Traceback" not in stderr, details
    assert json.loads(stdout)["cancelled"] is True, details
    assert not list(out.rglob("*.partial"))
    # Nothing was marked done or failed: running the same command again redoes all three.
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM items WHERE status='pending'").fetchone()[0] == 3
