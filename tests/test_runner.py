"""The runner with test plugins: validation of model output, cancel, and events."""

from __future__ import annotations

import threading
import types
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from studio.api import Capabilities, Param, hookimpl
from studio.events import ItemProgress, JobFinished
from studio.jobs import JobSpec, JobStore, plan_items
from studio.registry import load_registry
from studio.runner import Runner


class _Model:
    title = "test"
    description = "test model"
    capabilities = Capabilities()

    def __init__(self, name, fn, params=()):
        self.name, self._fn, self.params = name, fn, params

    def stylize(self, images, params, ctx):
        return self._fn(images, params, ctx)


def plugin_module(*models) -> types.ModuleType:
    module = types.ModuleType("test_plugin")
    module.STUDIO_API_VERSION = 1

    @hookimpl
    def studio_style_models():
        return list(models)

    module.studio_style_models = studio_style_models
    return module


def make_job(store: JobStore, inputs: list[Path], out: Path, style: str, background: str = "style") -> int:
    spec = JobSpec(inputs=tuple(str(p) for p in inputs), output=str(out), style=style, size=64,
                   background=background)
    job_id, _ = store.find_or_create(spec)
    store.sync_items(job_id, plan_items(spec.inputs, spec.output, spec.format))
    return job_id


def run_spec(store: JobStore, registry, spec: JobSpec, options=None):
    """Record ``spec`` as a job with its planned items and run it; the job id and summary."""
    job_id, _ = store.find_or_create(spec)
    store.sync_items(job_id, plan_items(spec.inputs, spec.output, spec.format))
    return job_id, Runner(store, registry, options=options).run(job_id)


def registry_with(*models):
    return load_registry(extra_plugins=[("testplug", plugin_module(*models))], entry_points=False)


def test_invalid_model_output_fails_the_item_naming_the_plugin(product_folder, tmp_path) -> None:
    models = [
        _Model("wrong-shape", lambda x, p, c: x[:, :, :10]),
        _Model("wrong-dtype", lambda x, p, c: (x * 255).to(torch.uint8)),
        _Model("wrong-range", lambda x, p, c: x * 3 + 1),
        _Model("nan", lambda x, p, c: x * float("nan")),
        _Model("raises", lambda x, p, c: 1 / 0),
        _Model("not-tensor", lambda x, p, c: "picture"),
    ]
    registry = registry_with(*models)
    store = JobStore(tmp_path / "jobs.sqlite3")
    expectations = {"wrong-shape": "shape", "wrong-dtype": "dtype", "wrong-range": "values in",
                    "nan": "NaN", "raises": "ZeroDivisionError", "not-tensor": "str"}
    for name, words in expectations.items():
        out = tmp_path / name
        job = make_job(store, [product_folder / "mug.jpg"], out, name)
        summary = Runner(store, registry).run(job)
        assert summary.done == 0 and len(summary.failed) == 1
        reason = summary.failed[0]["reason"]
        assert "testplug" in reason and words in reason, reason
        assert not list(out.glob("*.jpg"))


def test_a_model_that_works_writes_what_it_returned(product_folder, tmp_path) -> None:
    registry = registry_with(_Model("invert", lambda x, p, c: 1 - x))
    store = JobStore(tmp_path / "jobs.sqlite3")
    job = make_job(store, [product_folder / "bags" / "bag.png"], tmp_path / "out", "invert")
    summary = Runner(store, registry).run(job)
    assert summary.done == 1
    src = np.asarray(Image.open(product_folder / "bags" / "bag.png").convert("RGB"), dtype=float)
    dst = np.asarray(Image.open(tmp_path / "out" / "bag.png").convert("RGB"), dtype=float)
    assert np.abs((255 - src) - dst).mean() < 8  # inverted (up to resampling to 64 px and back)


def test_cancel_inside_a_model_leaves_the_job_resumable(product_folder, tmp_path) -> None:
    cancel = threading.Event()

    def slow(images, params, ctx):
        for step in range(1000):
            ctx.report_progress(step / 1000)
            ctx.check_cancelled()
        return images

    class CancelOnFirstProgress:
        def __init__(self):
            self.events = []

        def on_event(self, event):
            self.events.append(event)
            if isinstance(event, ItemProgress):
                cancel.set()

    registry = registry_with(_Model("slow", slow))
    store = JobStore(tmp_path / "jobs.sqlite3")
    job = make_job(store, [product_folder], tmp_path / "out", "slow")
    observer = CancelOnFirstProgress()
    summary = Runner(store, registry, observer).run(job, cancel)
    assert summary.cancelled and summary.done == 0
    assert isinstance(observer.events[-1], JobFinished) and observer.events[-1].cancelled
    assert store.counts(job)["pending"] == 3
    summary = Runner(store, registry).run(job)  # resume
    assert summary.done == 3 and not summary.cancelled


def test_declared_params_are_validated_before_the_model_sees_them(tmp_path) -> None:
    seen = {}

    def record(x, params, ctx):
        seen.update(params)
        return x

    registry = registry_with(_Model("p", record, params=(Param("amount", "float", 0.5, "", 0.0, 1.0),)))
    assert registry.resolve_params("p", {"amount": "0.25"}) == {"amount": 0.25}
    import pytest

    from studio.errors import UsageError

    with pytest.raises(UsageError, match="outside"):
        registry.resolve_params("p", {"amount": "2"})


def test_detail_restoration_keeps_outputs_as_sharp_as_the_input(tmp_path) -> None:
    """Styling runs at the working size; the photo's own fine detail is added back at full
    size. With a model that changes nothing, the output is then the input itself, while
    without restoration it is visibly softer."""
    from studio.testing import make_product_image

    make_product_image("watch", size=(320, 256), background="white").save(tmp_path / "watch.png")
    registry = registry_with(_Model("same", lambda x, p, c: x))
    store = JobStore(tmp_path / "jobs.sqlite3")
    source = np.asarray(Image.open(tmp_path / "watch.png").convert("RGB"), dtype=float)
    errors = {}
    for detail in (1.0, 0.0):
        spec = JobSpec(inputs=(str(tmp_path / "watch.png"),), output=str(tmp_path / f"out{detail}"), style="same",
                       size=80, background="style", detail=detail)
        job, _ = store.find_or_create(spec)
        store.sync_items(job, plan_items(spec.inputs, spec.output))
        assert Runner(store, registry).run(job).done == 1
        result = np.asarray(Image.open(tmp_path / f"out{detail}" / "watch.png").convert("RGB"), dtype=float)
        errors[detail] = np.abs(result - source).mean()
    assert errors[1.0] < 1.0  # identical up to rounding
    assert errors[0.0] > 4 * errors[1.0] and errors[0.0] > 2.0


def _stripes(images, params, ctx):
    """A 'texture' whose scale is in working pixels: dark stripes every 8 columns."""
    columns = torch.arange(images.shape[-1], device=images.device)
    return images * (0.35 + 0.65 * ((columns // 8) % 2 == 0)).to(images.dtype)


def test_a_cropped_preview_is_the_jobs_own_output_in_that_window(tmp_path) -> None:
    """The app's preview of a slow style styles a crop at the job's working size: what it
    shows is what the job writes there (same texture scale), not a stretched small render."""
    from studio.testing import make_product_image

    photo = tmp_path / "sneaker.png"
    make_product_image("sneaker", size=(720, 540), seed=5).save(photo)
    registry = registry_with(_Model("stripes", _stripes))
    store = JobStore(tmp_path / "jobs.db")
    spec = JobSpec(inputs=(str(photo),), output=str(tmp_path / "out"), style="stripes", size=360, format="png")
    assert run_spec(store, registry, spec)[1].done == 1
    written = np.asarray(Image.open(tmp_path / "out" / "sneaker.png").convert("RGB"), dtype=np.float32) / 255

    preview = Runner(store, registry).preview(spec, str(photo), crop=160)
    left, top, right, bottom = preview.box
    assert preview.size == (720, 540)
    assert (right - left, bottom - top) == (320, 320)  # 160 working px = 320 original px
    assert tuple(preview.after.shape[-2:]) == (320, 320)
    shown = preview.after.permute(1, 2, 0).numpy()
    job = written[top:bottom, left:right]
    original = np.asarray(Image.open(photo).convert("RGB"), dtype=np.float32)[top:bottom, left:right] / 255
    assert np.abs(shown - original).mean() > 0.05  # the crop is styled: stripes on the product
    assert np.abs(shown - job).mean() < 0.01, np.abs(shown - job).mean()  # the job's own pixels


def test_a_preview_of_a_fast_style_is_the_whole_photo_as_the_job_writes_it(tmp_path) -> None:
    from studio.testing import make_product_image

    photo = tmp_path / "mug.png"
    make_product_image("mug", size=(400, 300), seed=2).save(photo)
    registry = load_registry()
    store = JobStore(tmp_path / "jobs.db")
    spec = JobSpec(inputs=(str(photo),), output=str(tmp_path / "out"), style="wave", size=256, format="png")
    assert run_spec(store, registry, spec)[1].done == 1
    written = np.asarray(Image.open(tmp_path / "out" / "mug.png").convert("RGB"), dtype=np.float32) / 255
    preview = Runner(store, registry).preview(spec, str(photo))
    assert preview.box is None and tuple(preview.after.shape[-2:]) == (300, 400)
    assert np.abs(preview.after.permute(1, 2, 0).numpy() - written).max() <= 1 / 255 + 1e-6


def _broken_stylize(images, params, ctx):
    raise KeyError("palette")  # a plugin bug, on this line


def test_debug_records_the_plugins_traceback_with_file_and_line(product_folder, tmp_path) -> None:
    from studio.runner import RunOptions

    registry = registry_with(_Model("buggy", _broken_stylize))
    store = JobStore(tmp_path / "jobs.sqlite3")
    plain = Runner(store, registry).run(make_job(store, [product_folder / "mug.jpg"], tmp_path / "a", "buggy"))
    assert "traceback" not in plain.failed[0]  # one-line reasons by default
    assert plain.failed[0]["reason"] == "style plugin 'testplug': stylize() raised KeyError: 'palette'"

    job = make_job(store, [product_folder / "mug.jpg"], tmp_path / "b", "buggy")
    summary = Runner(store, registry, options=RunOptions(debug=True)).run(job)
    trace = summary.failed[0]["traceback"]
    assert "test_runner.py" in trace and "_broken_stylize" in trace and 'raise KeyError("palette")' in trace
    assert summary.failed[0]["reason"].startswith("style plugin 'testplug'")  # the reason stays one line
    assert store.items(job)[0].info["traceback"] == trace  # in the item's record


INK, PAPER = torch.tensor([0.10, 0.16, 0.50]), torch.tensor([0.96, 0.91, 0.85])


def _duotone(images, params, ctx):
    """Every pixel on the line from ink to paper, by its lightness: a palette style."""
    luma = (images * torch.tensor([0.299, 0.587, 0.114], device=images.device).view(1, 3, 1, 1)).sum(1, keepdim=True)
    ink, paper = INK.to(images.device).view(1, 3, 1, 1), PAPER.to(images.device).view(1, 3, 1, 1)
    return ink + (paper - ink) * luma


def _off_palette(path: Path, original: Path) -> float:
    """Share of changed pixels farther than 2/255 from the ink-paper line."""
    out = torch.from_numpy(np.asarray(Image.open(path).convert("RGB"), dtype=np.float32) / 255)
    src = torch.from_numpy(np.asarray(Image.open(original).convert("RGB"), dtype=np.float32) / 255)
    changed = (out - src).abs().amax(-1) > 4 / 255
    line = PAPER - INK
    t = ((out - INK) @ line / (line @ line)).clamp(0, 1)
    distance = (out - (INK + t[..., None] * line)).abs().amax(-1)
    return float((distance[changed] > 2 / 255).float().mean())


@pytest.mark.parametrize("capabilities, most_off, least_off", [
    (Capabilities(), 1.0, 0.02),
    (Capabilities(full_size=True), 0.002, 0.0),
    # Upscaled without the photo's detail: only the upscaler's overshoot at edges is off.
    (Capabilities(detail_restoration=False), 0.01, 0.0),
], ids=["default", "full_size", "no_detail_restoration"])
def test_a_palette_style_can_stay_on_its_palette_at_full_size(tmp_path, capabilities, most_off, least_off) -> None:
    from studio.testing import make_product_image

    photo = tmp_path / "bag.png"
    make_product_image("bag", size=(1200, 900), seed=3).save(photo)
    model = _Model("duo", _duotone)
    model.capabilities = capabilities
    registry = registry_with(model)
    store = JobStore(tmp_path / "jobs.db")
    spec = JobSpec(inputs=(str(photo),), output=str(tmp_path / "out"), style="duo", size=300, format="png",
                   background="style")
    assert run_spec(store, registry, spec)[1].done == 1
    off = _off_palette(tmp_path / "out" / "bag.png", photo)
    # Off the ink-paper line: by default detail restoration puts the photo's colours back.
    assert least_off <= off <= most_off, off


def test_ctx_masks_has_one_shape_for_a_lone_image_and_a_batch(tmp_path) -> None:
    from studio.runner import RunOptions
    from studio.testing import make_product_image

    seen: list[tuple] = []

    def record(images, params, ctx):
        seen.append((tuple(images.shape), None if ctx.masks is None else tuple(ctx.masks.shape)))
        return images

    model = _Model("record", record)
    model.capabilities = Capabilities(batched=True)
    registry = registry_with(model)
    store = JobStore(tmp_path / "jobs.db")
    folder = tmp_path / "photos"
    folder.mkdir()
    for i in range(3):
        make_product_image("mug", size=(128, 96), seed=i).save(folder / f"{i}.png")
    for batch, out in ((1, "one"), (3, "three")):
        spec = JobSpec(inputs=(str(folder),), output=str(tmp_path / out), style="record", size=128)
        run_spec(store, registry, spec, RunOptions(batch_size=batch))
    assert seen[:3] == [((1, 3, 96, 128), (1, 1, 96, 128))] * 3  # lone images: (B, 1, H, W) too
    assert seen[3:] == [((3, 3, 96, 128), (3, 1, 96, 128))]
