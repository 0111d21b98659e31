"""The Gatys plugin's options, through the runner at thumbnail size."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from studio.jobs import JobSpec, JobStore, plan_items
from studio.registry import load_registry
from studio.runner import Runner
from studio.testing import make_product_image, make_style_image


def source_image(tmp_path: Path) -> Path:
    path = tmp_path / "mug.png"
    if not path.exists():
        make_product_image("mug", size=(96, 80), background="white", seed=1).save(path)
    return path


def run_gatys(tmp_path: Path, name: str, styles: list[Path], **params) -> np.ndarray:
    src = source_image(tmp_path)
    registry = load_registry()
    values = registry.resolve_params("gatys", {"iterations": 6, "strength": 1.0, **params})
    spec = JobSpec(inputs=(str(src),), output=str(tmp_path / name), style="gatys", params=values,
                   style_images=tuple(str(p) for p in styles), size=64, background="style")
    store = JobStore(tmp_path / "db.sqlite3")
    job, _ = store.find_or_create(spec)
    store.sync_items(job, plan_items(spec.inputs, spec.output))
    summary = Runner(store, registry).run(job)
    assert summary.done == 1, summary.failed
    return np.asarray(Image.open(tmp_path / name / "mug.png").convert("RGB"), dtype=np.float64) / 255


def chroma(rgb: np.ndarray) -> np.ndarray:
    y = rgb @ np.array([0.299, 0.587, 0.114])
    return rgb - y[..., None]


def test_preserve_colors_keeps_the_products_colours(tmp_path: Path) -> None:
    style = tmp_path / "mosaic.png"
    make_style_image("mosaic", size=(96, 96)).save(style)
    source = np.asarray(Image.open(source_image(tmp_path)).convert("RGB"), dtype=np.float64) / 255
    plain = run_gatys(tmp_path, "plain", [style])
    kept = run_gatys(tmp_path, "kept", [style], preserve_colors=True)
    # Colour (chroma) stays the photo's, while the luminance took the style's texture.
    assert np.abs(chroma(kept) - chroma(source)).mean() < 0.5 * np.abs(chroma(plain) - chroma(source)).mean()
    assert np.abs(kept - source).mean() > 0.01


def test_several_style_images_blend_and_other_options_run(tmp_path: Path) -> None:
    a, b = tmp_path / "waves.png", tmp_path / "sketch.png"
    make_style_image("waves", size=(80, 80)).save(a)
    make_style_image("sketch", size=(80, 80)).save(b)
    only_a = run_gatys(tmp_path, "a", [a])
    blend = run_gatys(tmp_path, "ab", [a, b])
    assert np.abs(blend - only_a).mean() > 0.005  # the second style changed the result
    adam_noise = run_gatys(tmp_path, "adam", [a], optimizer="adam", init="noise", tv_weight=1.0)
    assert adam_noise.std() > 0.02  # a real picture, not a flat fill
