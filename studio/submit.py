"""From what a user asked for to a job: the one place that validates a request and plans its
items, shared by ``studio-batch`` and the desktop app so both refuse the same things with the
same messages."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studio.errors import UsageError
from studio.i18n import translate
from studio.jobs import PEOPLE_MODES, JobSpec, JobStore, Plan, plan_items


@dataclass(frozen=True)
class JobRequest:
    """A job as a user describes it (paths may be relative, params may be strings)."""

    inputs: tuple[str, ...]
    output: str
    style: str
    params: Mapping[str, Any] = field(default_factory=dict)
    style_images: tuple[str, ...] = ()
    size: int | None = None  # None: the style's own working size
    device: str = "auto"
    format: str = "keep"
    quality: int = 92
    background: str = "keep"
    detail: float = 1.0
    seed: int = 0
    variations: int = 1
    categories_file: str = ""
    category: str = ""
    unknown_category: str = "fail"
    item_timeout: float = 0.0
    people: str = "keep"
    preserve_colors: bool = False


def _absolute(path: str) -> str:
    return os.path.abspath(os.path.expanduser(path))


def build_spec(request: JobRequest, registry: Any) -> JobSpec:
    """Validate ``request`` against the registry; :class:`UsageError` says what is wrong."""
    from studio.api import DEFAULT_WORKING_SIZE
    from studio.bundled import DEFAULT_STYLE_IMAGE, resolve_style_image

    if not request.inputs:
        raise UsageError(translate("submit", "no INPUT given (image files or folders)"))
    if not request.output:
        raise UsageError(translate("submit", "no output folder given (-o OUT)"))
    if request.size is not None and request.size < 16:
        raise UsageError(translate("submit", "--size must be at least 16 pixels"))
    if not 0.0 <= request.detail <= 1.0:
        raise UsageError(translate("submit", "--detail must be between 0 and 1"))
    if not 1 <= request.quality <= 100:
        raise UsageError(translate("submit", "--quality must be between 1 and 100"))
    if request.people not in PEOPLE_MODES:
        raise UsageError(translate("submit", "--people must be one of {modes}").format(modes=", ".join(PEOPLE_MODES)))
    if request.item_timeout < 0:
        raise UsageError(translate("submit", "--item-timeout must be positive (or 0 for no limit)"))
    entry = registry.get(request.style)
    params = registry.resolve_params(request.style, dict(request.params))
    refs = list(request.style_images)
    if refs and not entry.model.capabilities.needs_style_images:
        raise UsageError(translate("submit", "style {style} takes no style image; drop --style-image").format(
            style=repr(request.style)))
    if not refs and entry.model.capabilities.needs_style_images:
        refs = [DEFAULT_STYLE_IMAGE]
    _check_variations(request, entry)
    _check_categories(request, entry)
    return JobSpec(
        inputs=tuple(_absolute(p) for p in request.inputs),
        output=_absolute(request.output),
        style=request.style,
        params=params,
        style_images=tuple(str(resolve_style_image(ref)) for ref in refs),
        format=request.format,
        quality=request.quality,
        size=request.size or int(getattr(entry.model, "default_size", DEFAULT_WORKING_SIZE)),
        seed=request.seed,
        device=request.device,
        background=request.background,
        detail=request.detail,
        model_fingerprint=str(entry.model.fingerprint(params)) if hasattr(entry.model, "fingerprint") else "",
        variations=request.variations,
        categories_file=_absolute(request.categories_file) if request.categories_file else "",
        category=request.category,
        unknown_category=request.unknown_category,
        item_timeout=request.item_timeout,
        people=request.people,
        preserve_colors=bool(request.preserve_colors),
    )


def _check_variations(request: JobRequest, entry: Any) -> None:
    if request.variations < 1:
        raise UsageError(translate("submit", "--variations must be at least 1"))
    if request.variations > 1 and not entry.model.capabilities.variations:
        raise UsageError(translate("submit", "style {style} gives the same result for every seed (its model takes no "
                                   "noise), so --variations {variations} would write identical copies").format(
                                       style=repr(entry.name), variations=request.variations))


def _check_categories(request: JobRequest, entry: Any) -> None:
    from studio.categories import UNKNOWN_POLICIES

    known = entry.categories
    if not known:
        if request.categories_file or request.category:
            raise UsageError(translate("submit", "style {style} is not a category model; drop "
                                       "--categories/--category").format(style=repr(entry.name)))
        return
    if request.category and request.category not in known:
        raise UsageError(translate("submit", "--category {category} is not one of the categories of {style}: "
                                   "{categories}").format(category=repr(request.category), style=repr(entry.name),
                                                          categories=", ".join(known)))
    policy = request.unknown_category
    if policy not in UNKNOWN_POLICIES and policy not in known:
        raise UsageError(translate("submit", "--unknown-category must be skip, fail or one of the categories of "
                                   "{style} ({categories}), got {policy}").format(
                                       style=repr(entry.name), categories=", ".join(known), policy=repr(policy)))


def register_job(store: JobStore, spec: JobSpec, plan: Plan, force: bool = False) -> int:
    """Record the job and its items, refusing an output folder that is a file, cannot be
    written, or holds another job's outputs (unless ``force``: the user chose to write over
    them, and done items are redone). A refused new job leaves no trace in the store."""
    from studio.output_folder import check_output_folder, prepare_output_folder

    prepare_output_folder(spec.output)
    job_id, new = store.find_or_create(spec)
    store.sync_items(job_id, plan, force=force)
    if not force:
        try:
            check_output_folder(spec, job_id, store)
        except UsageError:
            if new:
                store.remove(job_id)
            raise
    return job_id


def skip_existing_outputs(store: JobStore, job_id: int) -> int:
    """Leave every file already in the job's output folder as it is: items whose output
    exists are marked skipped, so only photos without one are styled. Returns how many."""
    from studio.jobs import PENDING, SKIPPED

    # Why such an item was not styled: the user chose to keep what the folder already held.
    reason = translate("submit", "kept the file already in the output folder (skip existing)")
    kept = 0
    for item in store.items(job_id, PENDING):
        if Path(item.output).exists():
            store.mark(item.id, SKIPPED, reason=reason)
            kept += 1
    return kept


def plan_job(spec: JobSpec, registry: Any) -> Plan:
    """The job's items, labelled when the style is a category model."""
    from studio.categories import LabelSource, read_manifest

    labels = None
    if registry.get(spec.style).categories:
        manifest = read_manifest(spec.categories_file) if spec.categories_file else {}
        labels = LabelSource(manifest, spec.category or None)
    return plan_items(spec.inputs, spec.output, spec.format, spec.background, spec.variations, labels)
