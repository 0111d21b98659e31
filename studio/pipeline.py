"""What to do with a batch of a job's items, whatever runs it.

A :class:`JobPipeline` holds one job's model and settings and knows the three stages of an
item: ``load`` (decode, scale to the working size, find the product mask), ``stylize`` (a
batch through the model, with the output checked) and ``finish`` (back to the original size,
composited over the background, written atomically). :meth:`JobPipeline.process` runs them
one after the other on a list of items and turns every failure into a per-item
:class:`Outcome`.

*Where* batches run is the engines' business: the local runner (:mod:`studio.runner`)
overlaps the stages on threads on one machine, the Ray engine (:mod:`studio.engines.ray`)
calls ``process`` in actors on a cluster. Both share this code, so an item styles, fails and
is reported the same way on either. Items travel as :class:`WorkItem` (plain data) and come
back as :class:`Outcome`, so nothing here needs the job database.
"""

from __future__ import annotations

import dataclasses
import threading
import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

from studio.api import StyleContext
from studio.colour import keep_colours, product_figures
from studio.devices import resolve_device
from studio.errors import BadImage, Cancelled, ItemTimeout, OutputError, PluginError, StudioError
from studio.fingerprints import FileFingerprint, fingerprint
from studio.i18n import translate
from studio.images import LoadedImage, read_image, resize_long_edge, resize_to, write_image_atomic
from studio.jobs import JobSpec, safe_resolve
from studio.masks import ALPHA, ProductMask, find_product_mask
from studio.people import SkinMap, find_skin
from studio.registry import ModelEntry

# A model may overshoot [0, 1] by rounding error; more than this is a contract violation.
RANGE_TOLERANCE = 1e-3
#: How long past its time limit a model that ignores ``check_cancelled`` is waited for.
HUNG_GRACE_SECONDS = 2.0


def batch_size_for(requested: int | None, on_gpu: bool) -> int:
    """Same-size images per model call: as asked, else 16 on a GPU (fills it) and 1 on a CPU
    (inference already uses every core; batching measured slower there)."""
    if requested is not None:
        return max(1, requested)
    return 16 if on_gpu else 1


def _as_batch(tensors: Sequence[torch.Tensor]) -> torch.Tensor:
    """``(B, ...)`` from same-shape tensors; one tensor becomes a view, not a copy (a single
    image may be 8000x8000)."""
    return tensors[0].unsqueeze(0) if len(tensors) == 1 else torch.stack(list(tensors))


@dataclass(frozen=True)
class WorkItem:
    """One item to style, as any engine receives it: plain data (it may cross processes)."""

    id: int
    input: str
    output: str
    #: The item's own seed (each variation has its own).
    seed: int
    #: The category label to style it with (category models), the policy already applied.
    label: str | None = None
    #: Facts for the item's record decided before it runs (variant, category, category note).
    extra: dict[str, Any] = field(default_factory=dict)
    #: The variation index and the category as the job lists it (for failure reports).
    variant: int = 0
    category: str | None = None


@dataclass
class Outcome:
    """What became of one item: ``info`` (the facts for its record) when its file was
    written, else ``error``; ``fatal`` when no later item can succeed either (disk full)."""

    item: WorkItem
    info: dict[str, Any] | None = None
    error: str | None = None
    fatal: bool = False
    seconds: float = 0.0
    #: A plugin failure's traceback (kept only with ``--debug``).
    details: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class Staged:
    """One decoded item between the stages."""

    work: WorkItem
    loaded: LoadedImage
    working: torch.Tensor
    mask: ProductMask
    #: The input file as it was read: resume redoes the item when the content changes.
    source: FileFingerprint | None = None
    #: Skin to leave unstyled (``people="keep"``), at the working size.
    skin: SkinMap | None = None
    #: What had to be done differently for this item (e.g. a retry on the CPU).
    notes: list[str] = field(default_factory=list)
    #: For a preview crop: the window of the original, (left, top, right, bottom) pixels.
    box: tuple[int, int, int, int] | None = None

    @property
    def pixels(self) -> int:
        width, height = self.loaded.size
        return width * height

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(self.working.shape)

    def cropped(self, edge: int) -> Staged:
        """A window of at most ``edge`` x ``edge`` working pixels, centred on the product,
        with the matching part of the original: a preview styled at the job's own working
        size (the texture scale of the output), on a piece small enough to come back quickly.
        The mask and skin map are the whole image's, cropped, so a crop never decides
        differently from the job. Returns ``self`` when the image fits."""
        h, w = self.working.shape[-2:]
        if max(h, w) <= edge:
            return self
        ch, cw = min(h, edge), min(w, edge)
        cy, cx = h / 2, w / 2
        if self.mask.mask is not None and float(self.mask.mask.sum()) > 0:
            weights = self.mask.mask
            total = float(weights.sum())
            cy = float((weights.sum(dim=1) * torch.arange(h)).sum()) / total
            cx = float((weights.sum(dim=0) * torch.arange(w)).sum()) / total
        # On a 16 px grid: a convolutional generator's strided layers then see the pixels at
        # the same phase as in the whole image.
        y0 = int(min(max(round(cy - ch / 2), 0), h - ch)) // 16 * 16
        x0 = int(min(max(round(cx - cw / 2), 0), w - cw)) // 16 * 16
        width, height = self.loaded.size
        sy, sx = height / h, width / w
        top, bottom = round(y0 * sy), round((y0 + ch) * sy)
        left, right = round(x0 * sx), round((x0 + cw) * sx)
        loaded = LoadedImage(self.loaded.rgb[:, top:bottom, left:right],
                             None if self.loaded.alpha is None else self.loaded.alpha[top:bottom, left:right],
                             self.loaded.format)
        window = (slice(y0, y0 + ch), slice(x0, x0 + cw))
        mask = dataclasses.replace(self.mask, mask=None if self.mask.mask is None else self.mask.mask[window])
        skin = self.skin
        if skin is not None and skin.mask is not None:
            skin = dataclasses.replace(skin, mask=skin.mask[window])
        return dataclasses.replace(self, loaded=loaded, working=self.working[:, y0:y0 + ch, x0:x0 + cw],
                                   mask=mask, skin=skin, box=(left, top, right, bottom))


def error_message(exc: BaseException) -> str:
    """The reason recorded for an item that failed with ``exc``."""
    if isinstance(exc, StudioError):
        return str(exc)
    return translate("pipeline", "unexpected error: {kind}: {error}").format(kind=type(exc).__name__, error=exc)


def failure(work: WorkItem, exc: BaseException, started: float | None = None) -> Outcome:
    fatal = isinstance(exc, OutputError) and exc.fatal
    seconds = 0.0 if started is None else time.monotonic() - started
    return Outcome(work, error=error_message(exc), fatal=fatal, seconds=seconds,
                   details=getattr(exc, "details", None))


def check_model_output(result: Any, batch: torch.Tensor, plugin: str) -> torch.Tensor:
    """The model's result, clamped to [0, 1], or a :class:`PluginError` saying what is wrong."""
    if not isinstance(result, torch.Tensor):
        message = translate("pipeline", "stylize() returned {kind}, expected a torch.Tensor")
        raise PluginError(plugin, message.format(kind=type(result).__name__))
    if tuple(result.shape) != tuple(batch.shape):
        message = translate("pipeline", "stylize() returned shape {shape}, expected {expected}")
        raise PluginError(plugin, message.format(shape=tuple(result.shape), expected=tuple(batch.shape)))
    if not result.is_floating_point():
        message = translate("pipeline", "stylize() returned dtype {dtype}, expected a float tensor")
        raise PluginError(plugin, message.format(dtype=result.dtype))
    result = result.detach().float()
    if not torch.isfinite(result).all():
        raise PluginError(plugin, translate("pipeline", "stylize() returned NaN or infinite values"))
    low, high = float(result.min()), float(result.max())
    if low < -RANGE_TOLERANCE or high > 1 + RANGE_TOLERANCE:
        message = translate("pipeline", "stylize() returned values in [{low}, {high}], expected [0, 1]")
        raise PluginError(plugin, message.format(low=f"{low:.3g}", high=f"{high:.3g}"))
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
                   mask: torch.Tensor | None, background: str,
                   protect: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor | None]:
    """The RGB and alpha to write, at the original size, for a background mode.

    ``keep`` blends the styled product over the untouched original with the feathered mask;
    ``transparent`` writes the mask as alpha; ``style`` keeps the styled frame (and any alpha).
    ``protect`` (1 = as photographed, e.g. skin) is taken out of what is styled in every mode.
    """
    weight = mask if background == "keep" and mask is not None else None
    if protect is not None:
        weight = (1 - protect) if weight is None else weight * (1 - protect)
    if weight is not None:
        # original + (styled - original) * weight, in place on ``styled`` (the runner's own copy)
        styled = styled.sub_(original).mul_(weight).add_(original)
    if background == "transparent" and mask is not None:
        return styled, mask
    return styled, alpha


def load_style_images(paths: Sequence[str]) -> list[torch.Tensor]:
    """Style exemplars as RGB tensors; transparent parts are shown over white."""
    images = []
    for path in paths:
        loaded = read_image(path)
        rgb = loaded.rgb
        if loaded.alpha is not None:
            rgb = rgb * loaded.alpha + (1 - loaded.alpha)
        images.append(rgb)
    return images


def make_context(spec: JobSpec, entry: ModelEntry, params: Mapping[str, Any], cancel: threading.Event,
                 prepared: Any = None, run_prepare: bool = True) -> StyleContext:
    """The job's :class:`StyleContext` on its device; runs the model's ``prepare`` unless
    ``run_prepare`` is false (an engine that ships ``prepared`` computed elsewhere)."""
    ctx = StyleContext(device=resolve_device(spec.device), seed=spec.seed, working_size=spec.size,
                       background=spec.background, preserve_colors=spec.preserve_colors, _cancel=cancel)
    ctx.style_images = load_style_images(spec.style_images)
    ctx.prepared = prepared
    prepare = getattr(entry.model, "prepare", None)
    if run_prepare and prepare is not None:
        try:
            torch.manual_seed(spec.seed)
            ctx.prepared = prepare(params, ctx)
        except (Cancelled, StudioError):
            raise
        except Exception as exc:  # noqa: BLE001 - any plugin failure becomes a message
            message = translate("pipeline", "prepare() raised {kind}: {error}")
            raise PluginError(entry.plugin, message.format(kind=type(exc).__name__, error=exc)) from None
    return ctx


def _free_device_memory(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.empty_cache()


class JobPipeline:
    """One job's model, settings and context, and what to do with its items."""

    def __init__(self, spec: JobSpec, entry: ModelEntry, params: Mapping[str, Any], ctx: StyleContext,
                 batch_size: int = 1) -> None:
        self.spec, self.entry, self.params, self.ctx = spec, entry, params, ctx
        capabilities = getattr(entry.model, "capabilities", None)
        # A batch shares one seed (the model's noise), so variations are styled one by one.
        batched = bool(getattr(capabilities, "batched", False)) and spec.variations <= 1
        #: How many same-size items go through the model at once.
        self.batch_limit = max(1, batch_size) if batched else 1

    # -- stages ------------------------------------------------------------------------------

    def load(self, work: WorkItem) -> Staged:
        """Decode, scale to the working size, find the product mask."""
        if safe_resolve(Path(work.output)) == safe_resolve(Path(work.input)):
            raise OutputError(translate("pipeline", "refusing to write over the input {path}").format(path=work.input))
        # Fingerprinted before decoding: should the file change in between, the recorded
        # fingerprint is the older one and the next resume redoes the item (never the reverse).
        try:
            source = fingerprint(work.input)
        except OSError:
            source = None  # read_image below says what is wrong with the file
        loaded = read_image(work.input)
        if source is None:
            raise BadImage(translate("pipeline", "{name}: cannot be read").format(name=Path(work.input).name))
        capabilities = getattr(self.entry.model, "capabilities", None)
        # A full-size style (Capabilities.full_size) is styled at the photo's own size; a copy,
        # since a model may work in place and compose needs the photo as it was.
        if getattr(capabilities, "full_size", False):
            working = loaded.rgb.clone()
        else:
            working = resize_long_edge(loaded.rgb, self.spec.size)
        h, w = working.shape[-2:]
        working_alpha = None if loaded.alpha is None else resize_to(loaded.alpha, (w, h))
        mask = find_product_mask(working, working_alpha)
        skin = find_skin(working) if self.spec.people == "keep" else None
        return Staged(work, loaded, working, mask, source, skin)

    def stylize(self, batch: Sequence[Staged]) -> list[torch.Tensor | BaseException]:
        """Style same-size items, together when the model takes batches: one result per item,
        a tensor or the exception that item failed with. A batch that fails (a bad item,
        out of memory) is retried item by item, so one bad image fails only itself.
        ``Cancelled`` propagates."""
        if len(batch) > 1:
            try:
                styled = self._stylize_batch(list(batch), self.ctx)
                return list(styled)
            except Cancelled:
                raise
            except Exception:  # noqa: BLE001 - isolate the culprit below
                _free_device_memory(self.ctx.device)
        results: list[torch.Tensor | BaseException] = []
        for staged in batch:
            try:
                results.append(self._stylize_one(staged))
            except Cancelled:
                raise
            except Exception as exc:  # noqa: BLE001 - recorded against the item
                results.append(exc)
        return results

    def finish(self, staged: Staged, styled: torch.Tensor) -> dict[str, Any]:
        """Compose at the original size, encode and write atomically; the item's facts."""
        with torch.inference_mode():
            rgb, alpha, info = self.compose(staged, styled)
        write_image_atomic(staged.work.output, rgb, alpha, quality=self.spec.quality)
        if staged.notes:
            info["device_note"] = "; ".join(staged.notes)
        if staged.source is not None:
            info["input_file"] = staged.source.to_json()
        try:  # what was written: resume tells an edited or replaced output from its own
            info["output_file"] = fingerprint(staged.work.output).to_json()
        except OSError:
            pass
        return {**info, **staged.work.extra}

    def process(self, works: Sequence[WorkItem]) -> list[Outcome]:
        """All three stages, serially, for a list of items (what an engine's worker does with
        one batch): loads, then model batches of up to ``batch_limit`` same-size items, then
        writes. Every failure becomes that item's outcome; ``Cancelled`` propagates."""
        outcomes: list[Outcome] = []
        staged: list[tuple[Staged, float]] = []
        for work in works:
            started = time.monotonic()
            try:
                staged.append((self.load(work), started))
            except Exception as exc:  # noqa: BLE001
                outcomes.append(failure(work, exc, started))
        while staged:
            group = [staged.pop(0)]
            while staged and len(group) < self.batch_limit and staged[0][0].shape == group[0][0].shape:
                group.append(staged.pop(0))
            self.ctx.check_cancelled()
            results = self.stylize([s for s, _ in group])
            for (item, started), result in zip(group, results):
                if isinstance(result, BaseException):
                    outcomes.append(failure(item.work, result, started))
                    continue
                try:
                    info = self.finish(item, result)
                except Exception as exc:  # noqa: BLE001
                    outcomes.append(failure(item.work, exc, started))
                else:
                    outcomes.append(Outcome(item.work, info=info, seconds=time.monotonic() - started))
        return outcomes

    # -- the model ---------------------------------------------------------------------------

    def _stylize_one(self, staged: Staged) -> torch.Tensor:
        """One item. Out of GPU memory, it is retried with ``ctx.low_memory`` (models tile or
        shrink batches), then on the CPU; the item's record says so."""
        ctx = self.ctx
        try:
            return self._stylize_batch([staged], ctx)[0]
        except torch.OutOfMemoryError:
            pass
        _free_device_memory(ctx.device)
        ctx.low_memory = True
        try:
            result = self._stylize_batch([staged], ctx)[0]
            staged.notes.append(translate("pipeline", "out of GPU memory: retried in smaller pieces"))
            return result
        except torch.OutOfMemoryError:
            pass
        finally:
            ctx.low_memory = False
        _free_device_memory(ctx.device)
        if ctx.device.type == "cpu":
            raise PluginError(self.entry.plugin, translate("pipeline", "out of memory on the CPU, even in smaller "
                                                                       "pieces; try a smaller --size"))
        cpu_spec = dataclasses.replace(self.spec, device="cpu")
        cpu_ctx = make_context(cpu_spec, self.entry, self.params, ctx._cancel)
        cpu_ctx._progress = ctx._progress
        result = self._stylize_batch([staged], cpu_ctx)[0]
        staged.notes.append(translate("pipeline", "out of GPU memory, again in smaller pieces: styled on the CPU "
                                                  "instead"))
        return result

    def _stylize_batch(self, batch: list[Staged], ctx: StyleContext) -> list[torch.Tensor]:
        """The model on a batch of same-size items; the results on the CPU."""
        first = batch[0].work
        ctx.seed = first.seed
        ctx.categories = [s.work.label for s in batch] if self.entry.categories else None
        masks = [s.mask.mask for s in batch]
        if all(m is None for m in masks):
            ctx.masks = None
        else:  # an item without a product mask is styled whole: its mask is all product
            shape = batch[0].working.shape[-2:]
            ctx.masks = _as_batch([torch.ones(shape) if m is None else m for m in masks])[:, None].to(ctx.device)
        images = _as_batch([s.working for s in batch]).to(ctx.device)
        torch.manual_seed(first.seed)  # same result whatever the item order
        entry = self.entry

        def call() -> Any:
            try:
                return entry.model.stylize(images, self.params, ctx)
            except (Cancelled, StudioError, torch.OutOfMemoryError):
                raise
            except Exception as exc:  # noqa: BLE001
                details = "".join(traceback.format_exception(exc))
                message = translate("pipeline", "stylize() raised {kind}: {error}")
                raise PluginError(entry.plugin, message.format(kind=type(exc).__name__, error=exc), details) from None

        if self.spec.item_timeout > 0:
            result = call_with_time_limit(call, self.spec.item_timeout * len(batch), entry.plugin, ctx)
        else:
            result = call()
        with torch.inference_mode():  # the post-model steps work in place, on inference tensors too
            return list(check_model_output(result, images, entry.plugin).cpu().unbind(0))

    # -- compose ----------------------------------------------------------------------------

    def compose(self, staged: Staged, styled: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor | None, dict[str, Any]]:
        """Back to the original size with the photo's detail, composited over the background."""
        spec = self.spec
        loaded, mask = staged.loaded, staged.mask
        width, height = loaded.size
        h, w = staged.working.shape[-2:]
        if (h, w) != (height, width):
            capabilities = getattr(self.entry.model, "capabilities", None)
            amount = spec.detail if getattr(capabilities, "detail_restoration", True) else 0.0
            styled = restore_detail(styled, staged.working, loaded.rgb, amount)
        elif styled.untyped_storage().data_ptr() == loaded.rgb.untyped_storage().data_ptr():
            styled = styled.clone()  # a model that returned its input: compose works in place
        background = spec.background if mask.mask is not None else "style"
        full_mask = loaded.alpha if mask.source == ALPHA else mask.resized(width, height).mask
        skin = staged.skin.resized(width, height) if staged.skin is not None else None
        protect = skin.mask if skin is not None else None
        if spec.preserve_colors:
            styled = keep_colours(loaded.rgb, styled, full_mask)
        rgb, alpha = compose_output(loaded.rgb, loaded.alpha, styled, full_mask, background, protect)
        info: dict[str, Any] = {"size": [width, height], "working_size": [w, h], "mask": mask.source,
                                "background": background}
        delta_e, texture = product_figures(loaded.rgb, rgb, full_mask)
        info["colour_delta_e"], info["texture_change"] = round(delta_e, 2), round(texture, 2)
        if spec.preserve_colors:
            info["colours"] = "kept"
        if protect is not None:
            if not skin.faces:
                people = translate("pipeline", "skin kept unstyled: {share} of the frame")
            elif skin.faces == 1:
                people = translate("pipeline", "skin kept unstyled: {share} of the frame, {faces} face found")
            else:
                people = translate("pipeline", "skin kept unstyled: {share} of the frame, {faces} faces found")
            info["people"] = people.format(share=f"{skin.share:.1%}", faces=skin.faces)
        if background != spec.background:
            note = translate("pipeline", "{background} needs a product mask: {reason}; styled the whole frame")
            info["background_note"] = note.format(background=repr(spec.background), reason=mask.reason)
        return rgb, alpha, info


def call_with_time_limit(call: Callable[[], Any], seconds: float, plugin: str, ctx: StyleContext) -> Any:
    """Run ``call`` with a deadline. A model that calls ``ctx.check_cancelled`` stops itself
    at the deadline; one that does not (hung) is abandoned on its thread after a grace
    period, and the job goes on without it."""
    box: dict[str, Any] = {}
    done = threading.Event()

    def run() -> None:
        try:
            box["result"] = call()
        except BaseException as exc:  # noqa: BLE001 - re-raised on the caller's thread
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
                message = translate("pipeline", "did not finish the image within the {seconds} s limit "
                                                "(--item-timeout) and did not stop when asked; abandoned it")
                raise PluginError(plugin, message.format(seconds=f"{seconds:g}"))
    finally:
        ctx._deadline = None
    if "error" in box:
        error = box["error"]
        if isinstance(error, ItemTimeout):
            message = translate("pipeline", "did not finish the image within the {seconds} s limit (--item-timeout)")
            raise PluginError(plugin, message.format(seconds=f"{seconds:g}")) from None
        raise error
    if not done.is_set():
        raise Cancelled()
    return box["result"]
