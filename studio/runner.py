"""The runner: executes one job item by item on the thread that owns the device.

For each pending item: decode (``images``), scale to the working size, hand the batch to the
style model, check what it returned, scale back to the original size, put the alpha back and
write atomically. Every failure is caught per item and recorded with a reason; the job goes
on. Cancel is honoured between items and, through ``ctx.check_cancelled``, inside a model.
"""

from __future__ import annotations

import dataclasses
import json
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

from studio.api import StyleContext
from studio.atomic import write_atomically
from studio.devices import resolve_device
from studio.errors import Cancelled, ItemTimeout, OutputError, PluginError, StudioError, UsageError
from studio.events import (
    ItemDone, ItemFailed, ItemProgress, ItemSkipped, ItemStarted, JobFinished, JobProgress, JobStarted, NullObserver,
    RunObserver,
)
from studio.images import read_image, resize_long_edge, resize_to, write_image_atomic
from studio.images import LoadedImage
from studio.masks import ALPHA, ProductMask, find_product_mask
from studio.categories import resolve_label
from studio.jobs import DONE, FAILED, PENDING, SKIPPED, ItemRecord, JobSpec, JobStore, safe_resolve, variant_seed
from studio.registry import ModelEntry, StyleRegistry

MANIFEST_NAME = "studio-manifest.json"
# A model may overshoot [0, 1] by rounding error; more than this is a contract violation.
RANGE_TOLERANCE = 1e-3
#: No image is read ahead while one at least this large (pixels) is in progress: bounds memory.
READ_AHEAD_MAX_PIXELS = 16_000_000
#: How long past its time limit a model that ignores ``check_cancelled`` is waited for.
HUNG_GRACE_SECONDS = 2.0


def _free_device_memory(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.empty_cache()


class _StopJob(Exception):
    """Raised inside the item loop when no later item can succeed (e.g. the disk is full)."""


@dataclass(frozen=True)
class Preview:
    """A previewed image: the original and the output as a job would write it."""

    before: torch.Tensor  # (3, H, W) in [0, 1]
    before_alpha: torch.Tensor | None
    after: torch.Tensor
    after_alpha: torch.Tensor | None
    info: dict[str, Any]


@dataclass
class _Staged:
    """One item between the reader stage and the writer stage."""

    item: ItemRecord
    loaded: LoadedImage
    working: torch.Tensor
    mask: ProductMask
    #: What the runner had to do differently for this item (e.g. a retry on the CPU).
    notes: list[str] = field(default_factory=list)

    @property
    def pixels(self) -> int:
        width, height = self.loaded.size
        return width * height


@dataclass
class RunSummary:
    job_id: int
    done: int = 0
    skipped: int = 0
    failed: list[dict[str, str]] = field(default_factory=list)
    outputs: list[dict[str, str]] = field(default_factory=list)
    #: Items left unstyled on purpose (``--unknown-category skip``), with the reason.
    skipped_items: list[dict[str, str]] = field(default_factory=list)
    cancelled: bool = False
    #: Why the job stopped early with items left pending (e.g. the disk is full), or None.
    stopped: str | None = None
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "job_id": self.job_id,
            "done": self.done,
            "skipped": self.skipped,
            "failed": self.failed,
            "outputs": self.outputs,
            "skipped_items": self.skipped_items,
            "cancelled": self.cancelled,
            "stopped": self.stopped,
            "seconds": round(self.seconds, 3),
        }


def check_model_output(result: Any, batch: torch.Tensor, plugin: str) -> torch.Tensor:
    """The model's result, clamped to [0, 1], or a :class:`PluginError` saying what is wrong."""
    if not isinstance(result, torch.Tensor):
        raise PluginError(plugin, f"stylize() returned {type(result).__name__}, expected a torch.Tensor")
    if tuple(result.shape) != tuple(batch.shape):
        raise PluginError(plugin, f"stylize() returned shape {tuple(result.shape)}, expected {tuple(batch.shape)}")
    if not result.is_floating_point():
        raise PluginError(plugin, f"stylize() returned dtype {result.dtype}, expected a float tensor")
    result = result.detach().float()
    if not torch.isfinite(result).all():
        raise PluginError(plugin, "stylize() returned NaN or infinite values")
    low, high = float(result.min()), float(result.max())
    if low < -RANGE_TOLERANCE or high > 1 + RANGE_TOLERANCE:
        raise PluginError(plugin, f"stylize() returned values in [{low:.3g}, {high:.3g}], expected [0, 1]")
    return result.clamp_(0.0, 1.0)  # in place: the result is ours now, and may be very large


def restore_detail(styled: torch.Tensor, working: torch.Tensor, original: torch.Tensor, amount: float) -> torch.Tensor:
    """Upscale a result made at the working size to the original size, adding back
    ``amount`` of the photo's own fine detail (original minus its working-size version).

    Styling runs below full resolution, so without this every output is as soft as the working
    size: edges, stitching and small print blur. The detail layer holds only frequencies the
    working size could not represent, so the style's colours and strokes are unchanged.
    """
    size = (original.shape[-1], original.shape[-2])
    upscaled = resize_to(styled, size)
    if amount <= 0:
        return upscaled
    detail = resize_to(working, size).neg_().add_(original)  # in place: full-size tensors are large
    return upscaled.add_(detail, alpha=amount).clamp_(0.0, 1.0)


def compose_output(original: torch.Tensor, alpha: torch.Tensor | None, styled: torch.Tensor,
                   mask: torch.Tensor | None, background: str) -> tuple[torch.Tensor, torch.Tensor | None]:
    """The RGB and alpha to write, at the original size, for a background mode.

    ``keep`` blends the styled product over the untouched original with the feathered mask;
    ``transparent`` writes the mask as alpha; ``style`` keeps the styled frame (and any alpha).
    """
    if background == "keep" and mask is not None:
        # original + (styled - original) * mask, in place on ``styled`` (the runner's own copy)
        return styled.sub_(original).mul_(mask).add_(original), alpha
    if background == "transparent" and mask is not None:
        return styled, mask
    return styled, alpha


def load_style_images(paths: tuple[str, ...]) -> list[torch.Tensor]:
    """Style exemplars as RGB tensors; transparent parts are shown over white."""
    images = []
    for path in paths:
        loaded = read_image(path)
        rgb = loaded.rgb
        if loaded.alpha is not None:
            rgb = rgb * loaded.alpha + (1 - loaded.alpha)
        images.append(rgb)
    return images


def _public(info: Mapping[str, Any]) -> dict[str, Any]:
    """The per-item facts worth reporting in the --json summary."""
    return {k: info[k] for k in _PUBLIC_INFO if k in info}


_PUBLIC_INFO = ("mask", "background", "background_note", "category", "category_note", "variant", "device_note")


class Runner:
    """Runs jobs from a :class:`JobStore` with models from a :class:`StyleRegistry`."""

    def __init__(self, store: JobStore, registry: StyleRegistry, observer: RunObserver | None = None) -> None:
        self.store = store
        self.registry = registry
        self.observer = observer or NullObserver()
        self._variations = 1

    def run(self, job_id: int, cancel: threading.Event | None = None) -> RunSummary:
        cancel = cancel or threading.Event()
        started = time.monotonic()
        spec = self.store.spec(job_id)
        entry = self.registry.get(spec.style)
        params = self.registry.resolve_params(spec.style, spec.params)
        summary = RunSummary(job_id)
        all_items = self.store.items(job_id)
        pending = [i for i in all_items if i.status == PENDING]
        summary.skipped = sum(1 for i in all_items if i.status == DONE)
        self._variations = spec.variations
        summary.failed = [self._failure(i, i.reason or "") for i in all_items if i.status == FAILED]
        self.observer.on_event(JobStarted(job_id, len(all_items), len(pending), summary.skipped))
        self.store.set_job_status(job_id, "running")
        try:
            if pending:
                ctx = self._context(spec, entry, params, cancel)
                self._run_items(pending, spec, entry, params, ctx, summary, started)
        except Cancelled:
            summary.cancelled = True
        except StudioError as exc:  # the model could not be prepared: every pending item fails
            for item in self.store.items(job_id, PENDING):
                self._fail(item, str(exc), summary)
        summary.seconds = time.monotonic() - started
        status = "cancelled" if summary.cancelled else ("failed" if summary.failed else "done")
        self.store.set_job_status(job_id, status)
        self._write_manifest(job_id, spec)
        self.observer.on_event(JobFinished(job_id, summary.cancelled, summary.to_json()))
        return summary

    def _context(self, spec: JobSpec, entry: ModelEntry, params: Mapping[str, Any],
                 cancel: threading.Event) -> StyleContext:
        device = resolve_device(spec.device)
        ctx = StyleContext(device=device, seed=spec.seed, working_size=spec.size, background=spec.background,
                           _cancel=cancel)
        ctx.style_images = load_style_images(spec.style_images)
        prepare = getattr(entry.model, "prepare", None)
        if prepare is not None:
            try:
                torch.manual_seed(spec.seed)
                ctx.prepared = prepare(params, ctx)
            except (Cancelled, StudioError):
                raise
            except Exception as exc:  # noqa: BLE001 - any plugin failure becomes a message
                raise PluginError(entry.plugin, f"prepare() raised {type(exc).__name__}: {exc}") from None
        return ctx

    def _run_items(self, pending: list[ItemRecord], spec: JobSpec, entry: ModelEntry, params: Mapping[str, Any],
                   ctx: StyleContext, summary: RunSummary, started: float) -> None:
        """Three stages overlap: the next image decodes (and its mask is found) on a reader
        thread and the previous result is composed and encoded on a writer thread while the
        model runs on this one. Decode and encode are PIL work that releases the GIL, so on a
        CPU they hide behind inference. An item is marked done only once its file is written.
        At most one image is read ahead and one written behind, and none is read ahead of a
        very large image, so memory stays bounded by about three images."""
        durations: list[float] = []
        in_flight: tuple[ItemRecord, Future, float, dict[str, Any]] | None = None
        known = entry.categories

        def settle() -> None:
            nonlocal in_flight
            if in_flight is None:
                return
            item, future, item_started, extra = in_flight
            in_flight = None
            try:
                info = {**future.result(), **extra}
            except OutputError as exc:
                self._fail(item, str(exc), summary)
                if exc.fatal:
                    raise _StopJob(f"nothing more can be written: {exc}") from None
            except StudioError as exc:
                self._fail(item, str(exc), summary)
            except Exception as exc:  # noqa: BLE001 - never let one image stop the job
                self._fail(item, f"unexpected error: {type(exc).__name__}: {exc}", summary)
            else:
                seconds = time.monotonic() - item_started
                durations.append(seconds)
                info["seconds"] = round(seconds, 3)
                info["finished"] = round(time.time(), 3)
                self.store.mark(item.id, DONE, info=info)
                summary.done += 1
                summary.outputs.append({"input": item.input, "output": item.output, **_public(info)})
                self.observer.on_event(ItemDone(item.input, item.output, seconds, info))

        with ThreadPoolExecutor(1, "studio-read") as reader, ThreadPoolExecutor(1, "studio-write") as writer:
            next_load: Future | None = reader.submit(self._load, pending[0], spec)
            try:
                for index, item in enumerate(pending):
                    ctx.check_cancelled()
                    load, next_load = next_load, None
                    self.observer.on_event(ItemStarted(item.input, index))
                    item_started = time.monotonic()

                    def progress(fraction: float, item: ItemRecord = item, index: int = index) -> None:
                        self.observer.on_event(ItemProgress(item.input, fraction))
                        self._job_progress(index, len(pending), fraction, durations, item_started)

                    ctx._progress = progress
                    following = pending[index + 1] if index + 1 < len(pending) else None
                    extra: dict[str, Any] = {"variant": item.variant + 1} if spec.variations > 1 else {}
                    ctx.categories = None
                    if known:
                        label, note = resolve_label(item.category, known, spec.unknown_category)
                        if label is None:
                            settle()
                            (self._skip if spec.unknown_category == "skip" else self._fail)(item, note, summary)
                            next_load = reader.submit(self._load, following, spec) if following else None
                            self._job_progress(index + 1, len(pending), 0.0, durations, time.monotonic())
                            continue
                        ctx.categories = [label]
                        extra.update({"category": label, **({"category_note": note} if note else {})})
                    ctx.seed = variant_seed(spec.seed, item.variant)
                    try:
                        staged = load.result()
                        if following is not None and staged.pixels <= READ_AHEAD_MAX_PIXELS:
                            next_load = reader.submit(self._load, following, spec)
                        styled = self._stylize(staged, spec, entry, params, ctx)
                        finish = writer.submit(self._finish, staged, styled, spec)
                    except Cancelled:
                        raise
                    except StudioError as exc:
                        settle()
                        self._fail(item, str(exc), summary)
                        if isinstance(exc, OutputError) and exc.fatal:
                            raise _StopJob(f"nothing more can be written: {exc}") from None
                    except Exception as exc:  # noqa: BLE001 - never let one image stop the job
                        settle()
                        self._fail(item, f"unexpected error: {type(exc).__name__}: {exc}", summary)
                    else:
                        settle()  # the previous item's write; one write in flight at a time
                        in_flight = (item, finish, item_started, extra)
                    if next_load is None and following is not None:
                        next_load = reader.submit(self._load, following, spec)
                    self._job_progress(index + 1, len(pending), 0.0, durations, time.monotonic())
            except _StopJob as stop:
                summary.stopped = str(stop)
            finally:
                if next_load is not None:
                    next_load.cancel()
                try:
                    settle()  # a written file is recorded as done even when cancelled
                except _StopJob as stop:
                    summary.stopped = summary.stopped or str(stop)

    def _load(self, item: ItemRecord, spec: JobSpec) -> _Staged:
        """Reader stage: decode, scale to the working size, find the product mask."""
        if safe_resolve(Path(item.output)) == safe_resolve(Path(item.input)):
            raise OutputError(f"refusing to write over the input {item.input}")
        loaded = read_image(item.input)
        working = resize_long_edge(loaded.rgb, spec.size)
        h, w = working.shape[-2:]
        working_alpha = None if loaded.alpha is None else resize_to(loaded.alpha, (w, h))
        mask = find_product_mask(working, working_alpha)
        return _Staged(item, loaded, working, mask)

    def _stylize(self, staged: _Staged, spec: JobSpec, entry: ModelEntry, params: Mapping[str, Any],
                 ctx: StyleContext) -> torch.Tensor:
        """Model stage, on the thread that owns the device. Out of GPU memory, the item is
        retried with ``ctx.low_memory`` (models tile or shrink batches), then on the CPU; the
        item's record says so."""
        try:
            return self._call_model(staged, spec, entry, params, ctx)
        except torch.OutOfMemoryError:
            pass
        notes = ["out of GPU memory"]
        _free_device_memory(ctx.device)
        ctx.low_memory = True
        try:
            result = self._call_model(staged, spec, entry, params, ctx)
            staged.notes.append(f"{notes[0]}: retried in smaller pieces")
            return result
        except torch.OutOfMemoryError:
            notes.append("again in smaller pieces")
        finally:
            ctx.low_memory = False
        _free_device_memory(ctx.device)
        if ctx.device.type == "cpu":
            raise PluginError(entry.plugin, "out of memory on the CPU, even in smaller pieces; try a smaller --size")
        cpu_spec = dataclasses.replace(spec, device="cpu")
        cpu_ctx = self._context(cpu_spec, entry, params, ctx._cancel)
        cpu_ctx.seed, cpu_ctx.categories, cpu_ctx._progress = ctx.seed, ctx.categories, ctx._progress
        result = self._call_model(staged, spec, entry, params, cpu_ctx)
        staged.notes.append(f"{', '.join(notes)}: styled on the CPU instead")
        return result

    def _call_model(self, staged: _Staged, spec: JobSpec, entry: ModelEntry, params: Mapping[str, Any],
                    ctx: StyleContext) -> torch.Tensor:
        mask = staged.mask
        ctx.masks = None if mask.mask is None else mask.mask[None, None].to(ctx.device)
        batch = staged.working.unsqueeze(0).to(ctx.device)
        torch.manual_seed(ctx.seed)  # same result whatever the item order

        def call() -> Any:
            try:
                return entry.model.stylize(batch, params, ctx)
            except (Cancelled, StudioError, torch.OutOfMemoryError):
                raise
            except Exception as exc:  # noqa: BLE001
                raise PluginError(entry.plugin, f"stylize() raised {type(exc).__name__}: {exc}") from None

        if spec.item_timeout > 0:
            result = self._call_with_time_limit(call, spec.item_timeout, entry.plugin, ctx)
        else:
            result = call()
        with torch.inference_mode():  # the post-model steps work in place, on inference tensors too
            return check_model_output(result, batch, entry.plugin)[0].cpu()

    @staticmethod
    def _call_with_time_limit(call: Callable[[], Any], seconds: float, plugin: str, ctx: StyleContext) -> Any:
        """Run ``call`` with a deadline. A model that calls ``ctx.check_cancelled`` stops
        itself at the deadline; one that does not (hung) is abandoned on its thread after a
        grace period, and the job goes on without it."""
        box: dict[str, Any] = {}
        done = threading.Event()

        def run() -> None:
            try:
                box["result"] = call()
            except BaseException as exc:  # noqa: BLE001 - re-raised on the runner's thread
                box["error"] = exc
            finally:
                done.set()

        ctx._deadline = time.monotonic() + seconds
        try:
            threading.Thread(target=run, name="studio-model-call", daemon=True).start()
            deadline = ctx._deadline + HUNG_GRACE_SECONDS
            while not done.wait(0.05):
                if ctx.cancelled and time.monotonic() > deadline - HUNG_GRACE_SECONDS:
                    break
                if time.monotonic() > deadline:
                    raise PluginError(plugin, f"did not finish the image within the {seconds:g} s limit "
                                              f"(--item-timeout) and did not stop when asked; abandoned it")
        finally:
            ctx._deadline = None
        if "error" in box:
            error = box["error"]
            if isinstance(error, ItemTimeout):
                raise PluginError(plugin, f"did not finish the image within the {seconds:g} s limit "
                                          f"(--item-timeout)") from None
            raise error
        if not done.is_set():
            raise Cancelled()
        return box["result"]

    def _finish(self, staged: _Staged, styled: torch.Tensor, spec: JobSpec) -> dict[str, Any]:
        """Writer stage: compose at the original size, encode and write atomically."""
        with torch.inference_mode():
            rgb, alpha, info = self._compose(staged, styled, spec)
        write_image_atomic(staged.item.output, rgb, alpha, quality=spec.quality)
        if staged.notes:
            info["device_note"] = "; ".join(staged.notes)
        return info

    @staticmethod
    def _compose(staged: _Staged, styled: torch.Tensor,
                 spec: JobSpec) -> tuple[torch.Tensor, torch.Tensor | None, dict[str, Any]]:
        """Back to the original size with the photo's detail, composited over the background."""
        loaded, mask = staged.loaded, staged.mask
        width, height = loaded.size
        h, w = staged.working.shape[-2:]
        if (h, w) != (height, width):
            styled = restore_detail(styled, staged.working, loaded.rgb, spec.detail)
        elif styled.untyped_storage().data_ptr() == loaded.rgb.untyped_storage().data_ptr():
            styled = styled.clone()  # a model that returned its input: compose works in place
        background = spec.background if mask.mask is not None else "style"
        full_mask = loaded.alpha if mask.source == ALPHA else mask.resized(width, height).mask
        rgb, alpha = compose_output(loaded.rgb, loaded.alpha, styled, full_mask, background)
        info: dict[str, Any] = {"size": [width, height], "working_size": [w, h], "mask": mask.source,
                                "background": background}
        if background != spec.background:
            info["background_note"] = f"{spec.background!r} needs a product mask: {mask.reason}; styled the whole frame"
        return rgb, alpha, info

    def preview(self, spec: JobSpec, path: str, category: str | None = None,
                cancel: threading.Event | None = None) -> Preview:
        """One image through the whole pipeline at ``spec.size`` (the caller picks a small
        one), composited exactly as a job would but not written: the before/after of the
        desktop app's preview. Raises the item's error (bad image, plugin failure) or
        ``Cancelled``."""
        entry = self.registry.get(spec.style)
        params = self.registry.resolve_params(spec.style, spec.params)
        ctx = self._context(spec, entry, params, cancel or threading.Event())
        item = ItemRecord(0, path, "", PENDING, None, {}, 0, category)
        staged = self._load(item, spec)
        if entry.categories:
            label, note = resolve_label(category, entry.categories, spec.unknown_category)
            if label is None:
                raise UsageError(note or "no category")
            ctx.categories = [label]
        styled = self._stylize(staged, spec, entry, params, ctx)
        with torch.inference_mode():
            rgb, alpha, info = self._compose(staged, styled, spec)
        return Preview(staged.loaded.rgb, staged.loaded.alpha, rgb, alpha, info)

    def _write_manifest(self, job_id: int, spec: JobSpec) -> None:
        """``studio-manifest.json`` in the output folder: every item's state, mask source and
        background mode, for scripts and for people checking a delivery. Best effort: a
        manifest that cannot be written does not fail the job."""
        items = [{"input": i.input, "output": i.output or None, "status": i.status, "reason": i.reason,
                  **_public(i.info)} for i in self.store.items(job_id)]
        manifest = {"job_id": job_id, "style": spec.style, "params": spec.params,
                    "style_images": list(spec.style_images), "background": spec.background, "items": items}
        path = Path(spec.output) / MANIFEST_NAME
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, lambda tmp: tmp.write_text(json.dumps(manifest, indent=2)))
        except OSError:
            pass

    def _failure(self, item: ItemRecord, reason: str) -> dict[str, Any]:
        entry: dict[str, Any] = {"input": item.input, "reason": reason}
        if item.category is not None:
            entry["category"] = item.category
        if self._variations > 1:
            entry["variant"] = item.variant + 1  # as in the file name, NAME-v1 ...
        return entry

    def _fail(self, item: ItemRecord, reason: str, summary: RunSummary) -> None:
        self.store.mark(item.id, FAILED, reason=reason)
        summary.failed.append(self._failure(item, reason))
        self.observer.on_event(ItemFailed(item.input, reason))

    def _skip(self, item: ItemRecord, reason: str, summary: RunSummary) -> None:
        self.store.mark(item.id, SKIPPED, reason=reason)
        summary.skipped_items.append(self._failure(item, reason))
        self.observer.on_event(ItemSkipped(item.input, reason))

    def _job_progress(self, finished: int, pending: int, current: float, durations: list[float],
                      item_started: float) -> None:
        fraction = (finished + current) / pending if pending else 1.0
        eta = None
        if durations:
            per_item = sum(durations) / len(durations)
            eta = max(0.0, per_item * (pending - finished) - (time.monotonic() - item_started) * (current > 0))
        self.observer.on_event(JobProgress(finished, pending, fraction, eta))


@dataclass
class Worker:
    """Long work (a job, a training run) on its own thread, the one that owns the device.
    ``done`` is set when it has finished either way; then ``result`` or ``error`` is set."""

    done: threading.Event = field(default_factory=threading.Event)
    result: Any = None
    error: BaseException | None = None

    def wait(self, cancel: threading.Event | None = None, grace: float | None = None) -> Any:
        """Block until done (waking every 0.1 s so signal handlers run); the result, or raise.

        With ``cancel`` and ``grace``: once ``cancel`` is set, wait at most ``grace`` seconds
        more, then raise :class:`WorkerAbandoned`. Models stop within a step, but some work
        cannot be interrupted (a library's first-use import, a driver call); the caller can
        then exit without it, which is safe: outputs are written atomically and the job state
        is transactional, exactly as after a kill."""
        cancelled_at: float | None = None
        while not self.done.wait(0.1):
            if cancel is not None and grace is not None and cancel.is_set():
                cancelled_at = cancelled_at or time.monotonic()
                if time.monotonic() - cancelled_at > grace:
                    raise WorkerAbandoned()
        if self.error is not None:
            raise self.error
        return self.result


class WorkerAbandoned(Exception):
    """The worker did not stop within the grace period after a cancel."""


def start_worker(work: Callable[[], Any], name: str) -> Worker:
    """Run ``work()`` on a daemon thread. Wait with :meth:`Worker.wait`, not ``Thread.join``:
    a KeyboardInterrupt landing inside ``Thread.join`` can leave CPython believing the thread
    has ended while it still runs."""
    worker = Worker()

    def run() -> None:
        try:
            worker.result = work()
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
            worker.error = exc
        finally:
            worker.done.set()

    threading.Thread(target=run, name=name, daemon=True).start()
    return worker
