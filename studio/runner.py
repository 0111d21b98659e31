"""The runner: executes one job on the machine (or cluster) that owns the device.

It plans the job (which items still need work, with which seed and category label), hands
the items to an engine, and records every outcome in the job store as it arrives: progress
events, the per-item records, the ``--json`` summary and the output folder's manifest.
*What* is done to an item lives in :mod:`studio.pipeline`; *where* it runs is the engine's
business: ``local`` (this process: stages overlapped on threads, batches on the device) or
``ray`` (:mod:`studio.engines.ray`, actors on a Ray cluster). Every failure is recorded per
item with a reason and the job goes on; cancel is honoured between batches and, through
``ctx.check_cancelled``, inside a model.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

from studio.categories import resolve_label
from studio.errors import Cancelled, StudioError, UsageError
from studio.events import (
    ItemDone, ItemFailed, ItemProgress, ItemSkipped, ItemStarted, JobFinished, JobProgress, JobStarted, NullObserver,
    RunObserver,
)
from studio.i18n import translate
from studio.jobs import DONE, FAILED, INPUT_CHANGED_NOTE, PENDING, SKIPPED, ItemRecord, JobSpec, JobStore, variant_seed
from studio.output_folder import public_info, write_manifest
from studio.pipeline import JobPipeline, Outcome, Staged, WorkItem, batch_size_for, failure, make_context
from studio.registry import ModelEntry, StyleRegistry

#: Pixels of images read ahead and written behind at once: bounds memory whatever the image
#: size (an 8000x8000 photo is never read while another of its size is in flight).
PIXELS_IN_FLIGHT = 48_000_000
ENGINES = ("local", "ray")


@dataclass(frozen=True)
class RunOptions:
    """How to run a job; none of it changes the outputs, so none of it is in the job's key."""

    #: Same-size images per model call, for models that take batches; None: see
    #: :func:`studio.pipeline.batch_size_for`.
    batch_size: int | None = None
    #: Threads that decode and encode; None: 1 on a CPU (inference needs the cores), up to 8
    #: beside a GPU (at hundreds of images a second, decode and encode are the bottleneck).
    io_threads: int | None = None
    engine: str = "local"
    #: ``ray``: the cluster to connect to (``HOST:PORT``); None starts a local one.
    ray_address: str | None = None
    #: ``ray``: how many actors (model copies); None: one per GPU, or per 2 CPUs without.
    workers: int | None = None
    #: Record a plugin failure's traceback (file and line) in the item's record, the
    #: ``--json`` summary and the log, besides its one-line reason.
    debug: bool = False


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
    #: The window of the original shown, (left, top, right, bottom), when only a crop was styled.
    box: tuple[int, int, int, int] | None = None
    #: The original's (width, height).
    size: tuple[int, int] | None = None


@dataclass
class RunSummary:
    """What a run did. ``skipped`` counts every item not styled on purpose: those done by an
    earlier run (``already_done``) and those skipped by a policy (``skipped_items``), so the
    console line and ``--json`` say the same."""

    job_id: int
    done: int = 0
    already_done: int = 0
    failed: list[dict[str, str]] = field(default_factory=list)
    #: Every item with an output file: styled now (``status: done``) or by an earlier run
    #: (``status: skipped``, ``reason: already done``).
    outputs: list[dict[str, Any]] = field(default_factory=list)
    #: Items left unstyled on purpose (``--unknown-category skip``), with the reason.
    skipped_items: list[dict[str, str]] = field(default_factory=list)
    #: Items whose whole frame was styled although the job asked to keep the background (no
    #: plain background or alpha found), with the reason: to be looked at before publishing.
    whole_frame: list[dict[str, str]] = field(default_factory=list)
    cancelled: bool = False
    #: Why the job stopped early with items left pending (e.g. the disk is full), or None.
    stopped: str | None = None
    seconds: float = 0.0

    @property
    def skipped(self) -> int:
        return self.already_done + len(self.skipped_items)

    def to_json(self) -> dict[str, Any]:
        return {
            "job_id": self.job_id,
            "done": self.done,
            "skipped": self.skipped,
            "already_done": self.already_done,
            "failed": self.failed,
            "outputs": self.outputs,
            "skipped_items": self.skipped_items,
            "whole_frame": self.whole_frame,
            "cancelled": self.cancelled,
            "stopped": self.stopped,
            "seconds": round(self.seconds, 3),
        }

    def add_output(self, input: str, output: str, info: Mapping[str, Any], earlier: bool) -> None:
        """One item with an output file, styled now or by an earlier run."""
        entry: dict[str, Any] = {"input": input, "output": output, "status": "skipped" if earlier else "done"}
        if earlier:
            entry["reason"] = "already done"
        entry.update(public_info(info))
        self.outputs.append(entry)
        reason = whole_frame_reason(info)
        if reason:
            self.whole_frame.append({"input": input, "reason": reason})


def counts_line(summary: Mapping[str, Any]) -> str:
    """``3 done, 2 skipped (2 already done), 1 failed``: the figures of a ``--json`` summary,
    in the words the CLI and the app both print."""
    already, policy = summary.get("already_done"), len(summary.get("skipped_items") or ())
    skipped = translate("runner", "{count} skipped").format(count=summary["skipped"])
    if summary["skipped"] and (already or policy):
        if already and policy:
            why = translate("runner", "{already} already done, {policy} by the category policy").format(
                already=already, policy=policy)
        elif already:
            why = translate("runner", "{count} already done").format(count=already)
        else:
            why = translate("runner", "{count} by the category policy").format(count=policy)
        skipped = translate("runner", "{count} skipped ({why})").format(count=summary["skipped"], why=why)
    return translate("runner", "{done} done, {skipped}, {failed} failed").format(
        done=summary["done"], skipped=skipped, failed=len(summary["failed"]))


def whole_frame_reason(info: Mapping[str, Any]) -> str | None:
    """Why an item's whole frame was styled although the job asked to keep the background
    (no plain backdrop, alpha or confident segmentation), or None."""
    note = info.get("background_note")
    return str(note) if note else None


class Recorder:
    """Records outcomes as they arrive, from any engine: the job store, the summary, the
    events, and progress with an ETA from the measured throughput."""

    def __init__(self, runner: "Runner", summary: RunSummary, pending: int, total: int | None = None) -> None:
        self.runner, self.summary, self.pending = runner, summary, pending
        #: Items of the whole job, and those already finished (done, failed or skipped) before this run.
        self.total = max(pending, total or pending)
        self.earlier = self.total - pending
        self.finished = 0
        self.started = time.monotonic()
        self.stopped = False

    def record(self, outcome: Outcome) -> None:
        """One item's outcome; raises :class:`_StopJob` after a fatal one (disk full)."""
        work, runner = outcome.item, self.runner
        if outcome.fatal and self.stopped:
            return  # in flight when the disk filled up: left pending, for the resume
        if outcome.ok:
            info = dict(outcome.info or {})
            info["seconds"] = round(outcome.seconds, 3)
            info["finished"] = round(time.time(), 3)
            runner.store.mark(work.id, DONE, info=info)
            self.summary.done += 1
            self.summary.add_output(work.input, work.output, info, earlier=False)
            runner.observer.on_event(ItemDone(work.input, work.output, outcome.seconds, info))
        else:
            runner._fail(work, outcome.error or translate("runner", "failed"), self.summary, outcome.details)
        self.advance()
        if outcome.fatal:
            self.stopped = True
            raise _StopJob(translate("runner", "nothing more can be written: {error}").format(error=outcome.error))

    def advance(self) -> None:
        """One more item finished (done, failed or skipped)."""
        self.finished += 1
        self.report()

    def report(self, current: float = 0.0) -> None:
        """Progress: the finished items plus ``current`` of the next; the ETA is the
        remaining items at the throughput so far (batches and overlap make per-item times
        meaningless)."""
        done = min(self.finished, self.pending)
        fraction = (done + current) / self.pending if self.pending else 1.0
        eta = None
        if done:
            per_item = (time.monotonic() - self.started) / (done + current)
            eta = max(0.0, per_item * (self.pending - done - current))
        job_fraction = (self.earlier + done + current) / self.total if self.total else 1.0
        self.runner.observer.on_event(JobProgress(done, self.pending, fraction, eta, job_fraction))


class Runner:
    """Runs jobs from a :class:`JobStore` with models from a :class:`StyleRegistry`."""

    def __init__(self, store: JobStore, registry: StyleRegistry, observer: RunObserver | None = None,
                 options: RunOptions | None = None) -> None:
        self.store = store
        self.registry = registry
        self.observer = observer or NullObserver()
        self.options = options or RunOptions()
        if self.options.engine not in ENGINES:
            raise UsageError(translate("runner", "unknown engine {engine}: use one of {engines}").format(
                engine=repr(self.options.engine), engines=", ".join(ENGINES)))
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
        for item in all_items:
            if item.status == DONE:
                summary.already_done += 1
                summary.add_output(item.input, item.output, item.info, earlier=True)
        self._variations = spec.variations
        summary.failed = [self._failure(i.input, i.category, i.variant, i.reason or "")
                          for i in all_items if i.status == FAILED]
        self.observer.on_event(JobStarted(job_id, len(all_items), len(pending), summary.already_done))
        self.store.set_job_status(job_id, "running")
        write_manifest(self.store, job_id, spec)  # claims the folder, even if this run is killed
        try:
            if pending:
                recorder = Recorder(self, summary, len(pending), len(all_items))
                works = self._plan(pending, spec, entry, summary, recorder)
                if works:
                    if self.options.engine == "ray":
                        from studio.engines.ray import run_on_ray

                        run_on_ray(spec, entry, params, works, recorder, cancel, self.options)
                    else:
                        ctx = make_context(spec, entry, params, cancel)
                        pipeline = JobPipeline(spec, entry, params, ctx,
                                               batch_size_for(self.options.batch_size, ctx.device.type == "cuda"))
                        self._run_local(pipeline, works, recorder)
        except _StopJob as stop:
            summary.stopped = str(stop)
        except Cancelled:
            summary.cancelled = True
        except UsageError:  # e.g. the Ray cluster cannot be reached: nothing ran, all resumable
            self.store.set_job_status(job_id, "cancelled")
            raise
        except StudioError as exc:  # the model could not be prepared: every pending item fails
            for item in self.store.items(job_id, PENDING):
                self._fail(item, str(exc), summary)
        summary.seconds = time.monotonic() - started
        # A queue's stop request says what a stopped job becomes (paused, interrupted...).
        stopped_as = getattr(cancel, "status", "cancelled")
        status = stopped_as if summary.cancelled else ("failed" if summary.failed else "done")
        self.store.set_job_status(job_id, status)
        write_manifest(self.store, job_id, spec)
        self.observer.on_event(JobFinished(job_id, summary.cancelled, summary.to_json()))
        return summary

    def _plan(self, pending: list[ItemRecord], spec: JobSpec, entry: ModelEntry, summary: RunSummary,
              recorder: Recorder) -> list[WorkItem]:
        """Each pending item's seed and category label, as engine-independent work; items
        whose category the model cannot take are skipped or failed here, per the policy."""
        works = []
        known = entry.categories
        for item in pending:
            extra: dict[str, Any] = {"variant": item.variant + 1} if spec.variations > 1 else {}
            if item.info.get("note") == INPUT_CHANGED_NOTE:
                extra["note"] = INPUT_CHANGED_NOTE
            label = None
            if known:
                label, note = resolve_label(item.category, known, spec.unknown_category)
                if label is None:
                    (self._skip if spec.unknown_category == "skip" else self._fail)(item, note, summary)
                    recorder.advance()
                    continue
                extra.update({"category": label, **({"category_note": note} if note else {})})
            works.append(WorkItem(item.id, item.input, item.output, variant_seed(spec.seed, item.variant), label,
                                  extra, item.variant, item.category))
        return works

    def _io_threads(self, device: torch.device) -> int:
        if self.options.io_threads is not None:
            return max(1, self.options.io_threads)
        return max(1, min(8, (os.cpu_count() or 2) // 2)) if device.type == "cuda" else 1

    def _run_local(self, pipeline: JobPipeline, works: list[WorkItem], recorder: Recorder) -> None:
        """The local engine: three stages overlap. Images decode (and their masks are found)
        on reader threads and results are composed and encoded on writer threads while the
        model runs on this thread, the one that owns the device, on batches of same-size
        images. Decode and encode are PIL work that releases the GIL, so they hide behind
        inference; beside a GPU several threads keep it fed. Read-ahead and write-behind are
        bounded by :data:`PIXELS_IN_FLIGHT`, so memory stays bounded whatever the folder or
        image size. An item is recorded done only once its file is written."""
        ctx = pipeline.ctx
        threads = self._io_threads(ctx.device)
        limit = pipeline.batch_limit
        max_reads = max(2, 2 * limit, 2 * threads)
        max_writes = max(1, 2 * threads)
        reads: deque[tuple[WorkItem, Future, float]] = deque()
        writes: deque[tuple[Staged, Future, float]] = deque()
        queue = deque(works)
        largest = 0  # pixels of the largest image seen: the estimate for images not yet read

        def in_flight_pixels() -> int:
            return len(reads) * largest + sum(s.pixels for s, _, _ in writes)

        def read_ahead() -> None:
            while queue and len(reads) < max_reads:
                if reads or writes:
                    if not largest and reads:
                        break  # sizes unknown until the first image is read
                    if in_flight_pixels() + largest > PIXELS_IN_FLIGHT:
                        break
                work = queue.popleft()
                reads.append((work, reader.submit(pipeline.load, work), time.monotonic()))

        def settle(wait_all: bool = False) -> None:
            while writes and (wait_all or writes[0][1].done() or len(writes) > max_writes
                              or in_flight_pixels() > PIXELS_IN_FLIGHT):
                staged, future, started = writes.popleft()
                try:
                    info = future.result()
                except Exception as exc:  # noqa: BLE001 - never let one image stop the job
                    recorder.record(failure(staged.work, exc, started))
                else:
                    recorder.record(Outcome(staged.work, info=info, seconds=time.monotonic() - started))

        index = 0
        with ThreadPoolExecutor(threads, "studio-read") as reader, ThreadPoolExecutor(threads, "studio-write") as writer:
            try:
                read_ahead()
                while reads:
                    ctx.check_cancelled()
                    batch: list[tuple[Staged, float]] = []
                    while reads and len(batch) < limit:
                        # Reads already submitted are decoding in parallel: waiting for them
                        # costs one decode at most, and a full batch uses the device better.
                        work, future, started = reads[0]
                        try:
                            staged = future.result()
                        except Exception as exc:  # noqa: BLE001 - a bad image fails itself only
                            reads.popleft()
                            recorder.record(failure(work, exc, started))
                            continue
                        if batch and staged.shape != batch[0][0].shape:
                            break
                        reads.popleft()
                        largest = max(largest, staged.pixels)
                        batch.append((staged, started))
                        read_ahead()
                    if not batch:
                        settle()
                        read_ahead()
                        continue
                    for staged, _ in batch:
                        self.observer.on_event(ItemStarted(staged.work.input, index))
                        index += 1
                    first = batch[0][0].work.input

                    def progress(fraction: float, first: str = first) -> None:
                        self.observer.on_event(ItemProgress(first, fraction))
                        recorder.report(fraction)

                    ctx._progress = progress
                    results = pipeline.stylize([s for s, _ in batch])
                    for (staged, started), result in zip(batch, results):
                        if isinstance(result, BaseException):
                            recorder.record(failure(staged.work, result, started))
                        else:
                            writes.append((staged, writer.submit(pipeline.finish, staged, result), started))
                    del batch, results
                    settle()
                    read_ahead()
            finally:
                for _, future, _ in reads:
                    future.cancel()
                try:
                    settle(wait_all=True)  # a written file is recorded as done even when cancelled
                except _StopJob:
                    if not ctx.cancelled:
                        raise

    def preview(self, spec: JobSpec, path: str, category: str | None = None,
                cancel: threading.Event | None = None, crop: int | None = None) -> Preview:
        """One image through the whole pipeline at ``spec.size``, composited exactly as a job
        would but not written: the before/after of the desktop app's preview. With ``crop``,
        only a window of that many working pixels around the product is styled (see
        :meth:`Staged.cropped`), at the job's texture scale. Raises the item's error (bad
        image, plugin failure) or ``Cancelled``."""
        entry = self.registry.get(spec.style)
        params = self.registry.resolve_params(spec.style, spec.params)
        label = None
        if entry.categories:
            label, note = resolve_label(category, entry.categories, spec.unknown_category)
            if label is None:
                raise UsageError(note or translate("runner", "no category"))
        ctx = make_context(spec, entry, params, cancel or threading.Event())
        pipeline = JobPipeline(spec, entry, params, ctx)
        staged = pipeline.load(WorkItem(0, path, "", spec.seed, label))
        original_size = staged.loaded.size
        if crop:
            staged = staged.cropped(crop)
        result = pipeline.stylize([staged])[0]
        if isinstance(result, BaseException):
            raise result
        with torch.inference_mode():
            rgb, alpha, info = pipeline.compose(staged, result)
        return Preview(staged.loaded.rgb, staged.loaded.alpha, rgb, alpha, info, staged.box, original_size)

    def _failure(self, input: str, category: str | None, variant: int, reason: str) -> dict[str, Any]:
        entry: dict[str, Any] = {"input": input, "reason": reason}
        if category is not None:
            entry["category"] = category
        if self._variations > 1:
            entry["variant"] = variant + 1  # as in the file name, NAME-v1 ...
        return entry

    def _fail(self, item: ItemRecord | WorkItem, reason: str, summary: RunSummary,
              details: str | None = None) -> None:
        details = details if self.options.debug else None
        self.store.mark(item.id, FAILED, reason=reason, info={"traceback": details} if details else None)
        failure = self._failure(item.input, item.category, item.variant, reason)
        if details:
            failure["traceback"] = details
        summary.failed.append(failure)
        self.observer.on_event(ItemFailed(item.input, reason if not details else f"{reason}\n{details}"))

    def _skip(self, item: ItemRecord, reason: str, summary: RunSummary) -> None:
        self.store.mark(item.id, SKIPPED, reason=reason)
        summary.skipped_items.append(self._failure(item.input, item.category, item.variant, reason))
        self.observer.on_event(ItemSkipped(item.input, reason))


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
