"""Product-safe styling: the background stays as photographed, the product keeps its shape and
still takes the style, for every plugin, without the plugin knowing."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from conftest import FAST_GATYS
from studio.cli.batch import main
from studio.testing import make_product_image, product_mask

SIZE = (320, 256)


def styled(tmp_path: Path, capsys, image: Image.Image, name: str, *extra: str) -> tuple[dict, Path]:
    src = tmp_path / "in"
    src.mkdir(exist_ok=True)
    image.save(src / name)
    out = tmp_path / "out"
    code = main([str(src / name), "-o", str(out), "--style-image", "mosaic", "--json", "--quiet",
                 *FAST_GATYS, "--size", "192", *extra])
    summary = json.loads(capsys.readouterr().out)
    assert code == 0, summary
    return summary, out


def rgb(path: Path) -> np.ndarray:
    return np.asarray(Image.open(path).convert("RGB"), dtype=np.float64) / 255


def silhouette(image: np.ndarray) -> np.ndarray:
    return np.abs(image - 1.0).max(axis=2) > 0.09


def far_from(mask: np.ndarray, pixels: int) -> np.ndarray:
    from scipy import ndimage

    return ~ndimage.binary_dilation(mask, iterations=pixels)


@pytest.mark.parametrize("kind", ["mug", "sneaker"])
def test_keep_mode_keeps_a_white_background_and_the_silhouette(tmp_path, capsys, kind) -> None:
    image = make_product_image(kind, size=SIZE, background="white", seed=7)
    summary, out = styled(tmp_path, capsys, image, f"{kind}.png")
    [entry] = summary["outputs"]
    assert entry["mask"] == "detected" and entry["background"] == "keep"
    before, after = rgb(tmp_path / "in" / f"{kind}.png"), rgb(out / f"{kind}.png")
    truth = product_mask(kind, size=SIZE, seed=7)
    background = far_from(truth, 4) & (np.abs(before - 1).max(axis=2) < 0.02)  # white, away from the edge
    moved = np.abs(after - before).max(axis=2)
    assert (moved[background] <= 3 / 255).mean() > 0.99
    a, b = silhouette(before), silhouette(after)
    assert (a & b).sum() / (a | b).sum() >= 0.95
    # ... and the product itself did take the style.
    assert np.abs(after - before)[truth].mean() > 0.03


def test_cutout_keeps_its_alpha_and_transparent_mode_writes_the_mask(tmp_path, capsys) -> None:
    image = make_product_image("bag", size=SIZE, background="transparent", seed=2)
    summary, out = styled(tmp_path, capsys, image, "bag.png")
    assert summary["outputs"][0]["mask"] == "alpha"
    alpha_in = np.asarray(image.getchannel("A"), dtype=int)
    assert np.abs(np.asarray(Image.open(out / "bag.png").getchannel("A"), dtype=int) - alpha_in).max() <= 1

    white = make_product_image("mug", size=SIZE, background="white", seed=3)
    summary, out = styled(tmp_path, capsys, white, "mug.jpg", "--background", "transparent", "--force")
    [entry] = summary["outputs"]
    assert entry["output"].endswith("mug.png") and entry["background"] == "transparent"
    alpha = np.asarray(Image.open(out / "mug.png").getchannel("A"), dtype=np.float64) / 255
    truth = product_mask("mug", size=SIZE, seed=3)
    opaque = alpha > 0.5
    assert (opaque & truth).sum() / (opaque | truth).sum() > 0.9
    plain = far_from(truth, 6) & (np.abs(rgb(tmp_path / "in" / "mug.jpg") - 1).max(axis=2) < 0.03)
    assert alpha[plain].max() < 0.05  # the white backdrop really became transparent


def test_a_product_on_a_busy_background_is_styled_and_the_scene_kept(tmp_path, capsys) -> None:
    image = make_product_image("sneaker", size=SIZE, background="busy", seed=1)
    summary, out = styled(tmp_path, capsys, image, "grass.png", "--param", "strength=1")
    [entry] = summary["outputs"]
    assert entry["mask"] == "segmented" and entry["background"] == "keep" and summary["whole_frame"] == []
    truth = product_mask("sneaker", size=SIZE, seed=1)
    change = np.abs(rgb(out / "grass.png") - rgb(tmp_path / "in" / "grass.png")).max(axis=2)
    assert np.mean(change[far_from(truth, 8)] <= 3 / 255) > 0.95  # the scene as photographed
    assert change[truth].mean() > 0.03  # the sneaker took the style


def test_no_product_found_falls_back_to_style_with_the_reason_recorded(tmp_path, capsys) -> None:
    from studio.testing import make_style_image

    image = make_style_image("waves", size=SIZE, seed=1)  # a busy frame with nothing to cut out
    summary, out = styled(tmp_path, capsys, image, "rock.png")
    [entry] = summary["outputs"]
    assert entry["mask"] == "none" and entry["background"] == "style"
    assert "not plain" in entry["background_note"] and "segmentation" in entry["background_note"]
    manifest = json.loads((out / "studio-manifest.json").read_text())
    [item] = manifest["items"]
    assert item["status"] == "done" and item["mask"] == "none" and "not plain" in item["background_note"]
    # The whole frame was styled: the background changed too.
    assert np.abs(rgb(out / "rock.png") - rgb(tmp_path / "in" / "rock.png")).mean() > 0.03


def test_style_mode_restyles_the_whole_frame(tmp_path, capsys) -> None:
    image = make_product_image("bottle", size=SIZE, background="white", seed=5)
    # Full strength (the backdrop moves 0.04 here): at the default, 8 steps move it only ~0.004,
    # a figure that depends on the CPU's bfloat16 rounding (0.0041 on one machine of this
    # project, >0.005 on another); the claim is only that the backdrop is styled at all.
    summary, out = styled(tmp_path, capsys, image, "bottle.png", "--background", "style", "--param", "strength=1")
    assert summary["outputs"][0]["background"] == "style"
    truth = product_mask("bottle", size=SIZE, seed=5)
    moved = np.abs(rgb(out / "bottle.png") - rgb(tmp_path / "in" / "bottle.png")).max(axis=2)
    assert moved[far_from(truth, 4)].mean() > 0.005  # keep mode leaves it at 0 (tested above)


def test_plugins_see_the_mask_through_the_context(tmp_path) -> None:
    from studio.jobs import JobSpec, JobStore, plan_items
    from studio.runner import Runner
    from test_runner import _Model, registry_with

    seen = []

    def record(images, params, ctx):
        seen.append(None if ctx.masks is None else tuple(ctx.masks.shape))
        return images

    make_product_image("watch", size=SIZE, background="white").save(tmp_path / "watch.png")
    spec = JobSpec(inputs=(str(tmp_path / "watch.png"),), output=str(tmp_path / "out"), style="rec", size=100)
    store = JobStore(tmp_path / "db.sqlite3")
    job, _ = store.find_or_create(spec)
    store.sync_items(job, plan_items(spec.inputs, spec.output))
    assert Runner(store, registry_with(_Model("rec", record))).run(job).done == 1
    assert seen == [(1, 1, 80, 100)]


def test_plugins_see_the_background_mode(tmp_path) -> None:
    from studio.jobs import JobSpec, JobStore, plan_items
    from studio.runner import Runner
    from test_runner import _Model, registry_with

    modes = []
    make_product_image("mug", size=(120, 96), background="white").save(tmp_path / "mug.png")
    store = JobStore(tmp_path / "db.sqlite3")
    registry = registry_with(_Model("rec", lambda x, p, ctx: modes.append(ctx.background) or x))
    for mode in ("keep", "transparent"):
        spec = JobSpec(inputs=(str(tmp_path / "mug.png"),), output=str(tmp_path / mode), style="rec", size=64,
                       background=mode)
        job, _ = store.find_or_create(spec)
        store.sync_items(job, plan_items(spec.inputs, spec.output, background=mode))
        Runner(store, registry).run(job)
    assert modes == ["keep", "transparent"]
