"""Trained generators as styles: train → export → list → apply, shipped house styles, tiling,
and model files that would need unpickling."""

from __future__ import annotations

import contextlib
import json
import os
import pickle
from pathlib import Path

import numpy as np
import torch
from PIL import Image

from studio.cli.batch import main as batch
from studio.cli.train import main as train
from scipy import ndimage

from studio.testing import make_product_image, make_style_image, product_mask


def rgb(path: Path) -> np.ndarray:
    return np.asarray(Image.open(path).convert("RGB"), dtype=np.float64) / 255


def listed_styles(capsys) -> dict:
    assert batch(["--list-styles", "--json"]) == 0
    return {s["name"]: s for s in json.loads(capsys.readouterr().out)["styles"]}


def test_train_export_list_apply_round_trip(tmp_path, studio_home, capsys) -> None:
    content, style = tmp_path / "content", tmp_path / "style"
    content.mkdir(), style.mkdir()
    for i, kind in enumerate(["mug", "bag"]):
        make_product_image(kind, size=(64, 56), seed=i).save(content / f"{kind}.png")
    make_style_image("mosaic", size=(64, 64)).save(style / "m.png")
    code = train(["--content", str(content), "--style", str(style), "--name", "tiny-test", "--title", "Tiny",
                  "--steps", "3", "--size", "32", "--batch", "2", "--quiet", "--json"])
    assert code == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported["steps"] == 3 and Path(exported["weights"]).parent == studio_home / "models"
    card = json.loads((studio_home / "models" / "tiny-test.json").read_text())
    assert card["training"]["command"].startswith("studio-train --content")
    assert card["architecture"]["class"] == "Generator"

    styles = listed_styles(capsys)
    assert styles["tiny-test"]["title"] == "Tiny" and styles["tiny-test"]["plugin"] == "gan"
    assert "tiny-test" in next(p for p in styles["gan"]["params"] if p["name"] == "model")["choices"]

    out = tmp_path / "out"
    assert batch([str(content / "mug.png"), "-o", str(out), "--style", "tiny-test", "--background", "style",
                  "--quiet"]) == 0
    assert np.abs(rgb(out / "mug.png") - rgb(content / "mug.png")).mean() > 0.01
    assert batch([str(content / "mug.png"), "-o", str(tmp_path / "zero"), "--style", "gan", "--param",
                  "model=tiny-test", "--param", "strength=0", "--background", "style", "--quiet"]) == 0
    assert np.abs(rgb(tmp_path / "zero" / "mug.png") - rgb(content / "mug.png")).mean() < 0.01

    # Retraining under the same name changes the weights: the same command is another job
    # now, so the old model's outputs are not replaced unasked; --force redoes the item.
    args = [str(content / "mug.png"), "-o", str(out), "--style", "tiny-test", "--background", "style", "--quiet",
            "--json"]
    assert batch(args) == 0 and json.loads(capsys.readouterr().out)["skipped"] == 1
    assert train(["--content", str(content), "--style", str(style), "--name", "tiny-test", "--steps", "4",
                  "--size", "32", "--batch", "2", "--quiet", "--out", str(tmp_path / "run2")]) == 0
    assert batch(args) == 2 and "the model's weights (retrained?)" in capsys.readouterr().err
    assert batch(args + ["--force"]) == 0 and json.loads(capsys.readouterr().out)["done"] == 1


def test_shipped_house_styles_restyle_the_product_and_keep_the_background(tmp_path, capsys) -> None:
    make_product_image("sneaker", size=(320, 240), seed=4).save(tmp_path / "shoe.png")
    for name in ("wave", "starry", "mosaic"):
        out = tmp_path / name
        assert batch([str(tmp_path / "shoe.png"), "-o", str(out), "--style", name, "--quiet", "--json"]) == 0
        summary = json.loads(capsys.readouterr().out)
        assert summary["outputs"][0]["mask"] == "detected"
        before, after = rgb(tmp_path / "shoe.png"), rgb(out / "shoe.png")
        product = product_mask("sneaker", size=(320, 240), seed=4)
        backdrop = ~ndimage.binary_dilation(product, iterations=4) & (np.abs(before - 1).max(axis=2) < 0.01)
        assert np.abs(after - before)[backdrop].max() < 0.02  # background untouched
        assert np.abs(after - before)[product].mean() > 0.05  # product restyled


def test_a_model_file_that_would_run_code_is_refused(tmp_path, studio_home, capsys) -> None:
    marker = tmp_path / "pwned"

    class Exploit:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    models = studio_home / "models"
    models.mkdir(parents=True, exist_ok=True)
    shipped_card = json.loads(Path(__file__).resolve().parents[1].joinpath("resources/models/wave.json").read_text())
    for name in ("evil", "pickled"):
        (models / f"{name}.json").write_text(json.dumps({**shipped_card, "name": name}))
    (models / "evil.safetensors").write_bytes(pickle.dumps({"w": Exploit()}))  # a pickle in disguise
    (models / "pickled.pt").write_bytes(pickle.dumps({"w": Exploit()}))  # only a .pt next to the card

    styles = listed_styles(capsys)
    assert "pickled" not in styles  # no safetensors: never listed, never loaded
    make_product_image("mug", size=(64, 48)).save(tmp_path / "mug.png")
    code = batch([str(tmp_path / "mug.png"), "-o", str(tmp_path / "out"), "--style", "evil", "--json", "--quiet"])
    summary = json.loads(capsys.readouterr().out)
    assert code == 1 and "not a valid safetensors file" in summary["failed"][0]["reason"]
    assert not marker.exists()


def _wave_context(image_size: int):
    import studio_gan.apply as apply
    from studio.api import StyleContext, find_model_files

    [wave] = [m for m in find_model_files("gan")[0] if m.name == "wave"]
    ctx = StyleContext(device=torch.device("cpu"), seed=0, working_size=image_size)
    ctx.prepared = apply.prepare_generator(wave)
    return ctx


def test_tiles_blend_without_seams_or_tone_drift(monkeypatch) -> None:
    import studio_gan.apply as apply

    # A dark half and a light half: per-tile instance-norm statistics would differ most here.
    image = torch.from_numpy(np.asarray(make_product_image("bag", size=(200, 168), seed=2), dtype=np.float32) / 255)
    image = image.permute(2, 0, 1)[None].contiguous()
    image[..., :, :100] *= 0.35
    ctx = _wave_context(200)
    params = {"strength": 1.0, "precision": "float32"}
    whole = apply.apply_generator(image, params, ctx)
    monkeypatch.setattr(apply, "TILE", 96)
    monkeypatch.setattr(apply, "OVERLAP", 32)
    tiled = apply.apply_generator(image, params, ctx)
    assert tiled.shape == whole.shape

    @contextlib.contextmanager
    def per_tile_statistics(generator):
        yield lambda: None

    monkeypatch.setattr(apply, "_shared_norm_stats", per_tile_statistics)
    naive = apply.apply_generator(image, params, ctx)
    # Shared statistics keep the tiled result much closer to one whole-image pass.
    assert (tiled - whole).abs().mean() < 0.6 * (naive - whole).abs().mean()
    assert (tiled - whole).abs().mean() < 0.1  # tiny tiles here; 0.03 at real sizes (see apply.py)
    # No seam: the jump across tile boundaries is no larger than elsewhere in the image.
    steps = (tiled[..., :, 1:] - tiled[..., :, :-1]).abs().mean(dim=(0, 1, 2))
    boundaries = [64 + 32, 64 + 32 + 64]  # the right edges of overlap zones (tile starts at 0, 64, 128)
    assert max(steps[b - 1].item() for b in boundaries) < 3 * steps.mean().item()


def test_bfloat16_fast_path_matches_float32(monkeypatch) -> None:
    import studio_gan.apply as apply

    image = torch.from_numpy(np.asarray(make_product_image("mug", size=(96, 80), seed=1), dtype=np.float32) / 255)
    image = image.permute(2, 0, 1)[None].contiguous()
    ctx = _wave_context(96)
    exact = apply.apply_generator(image, {"strength": 1.0, "precision": "float32"}, ctx)
    monkeypatch.setattr(apply, "fast_conv_dtype", lambda device: torch.bfloat16)  # even where emulated
    fast = apply.apply_generator(image, {"strength": 1.0, "precision": "auto"}, ctx)
    assert fast.dtype == torch.float32
    assert (fast - exact).abs().mean() < 2 / 255
