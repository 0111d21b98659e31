"""The Ray engine: a job's items styled by actors on a Ray cluster, through Ray Data.

The submitting machine plans the job, runs the model's ``prepare`` once (style targets,
weights), puts the result in Ray's object store and streams the items through
``Dataset.map_batches`` to a pool of :class:`StyleActor` s: each builds the model once and
then runs :meth:`studio.pipeline.JobPipeline.process` (the local engine's own code) on every
batch it is given. Outcomes stream back and the :class:`studio.runner.Recorder` records
them in the job store on the submitting machine, as they arrive: progress, resume and the
``--json`` summary work exactly as in a local run, whichever engine styled an item.

Assumptions (see the README): every node has the same Python packages (Style Studio and
any style plugins) and reaches the inputs and the output folder at the same paths (a shared
filesystem); outputs are written by the workers, atomically, as in local runs.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import queue
import sys
import threading
import time
from collections.abc import Mapping
from typing import Any

from studio.errors import Cancelled, UsageError
from studio.i18n import translate
from studio.jobs import JobSpec
from studio.pipeline import JobPipeline, Outcome, WorkItem, batch_size_for, make_context
from studio.registry import ModelEntry

#: How often the submitting side looks at the cancel flag while waiting for results.
POLL_SECONDS = 0.2
#: Most blocks a job's items are split into (a block's scheduling costs milliseconds).
MAX_BLOCKS = 2000
#: After a cancel, how long to wait for the actors to stop before reporting it.
CANCEL_WAIT_SECONDS = 10.0


def require_ray() -> Any:
    """The ``ray`` module, or a :class:`UsageError` that says how to install it."""
    try:
        import ray
        import ray.data  # noqa: F401 - the extra, not only ray core
    except ImportError:
        raise UsageError(translate("engines.ray", "--engine ray needs Ray, an optional extra: "
                                   "pip install 'style-studio[ray]' (or pip install 'ray[data]')")) from None
    return ray


class CancelFlag:
    """The job's cancel switch, as a tiny Ray actor every :class:`StyleActor` watches."""

    def __init__(self) -> None:
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True

    def is_cancelled(self) -> bool:
        return self.cancelled


class StyleActor:
    """One copy of the model on a Ray worker: built once, then styles every batch it gets.
    A cancel reaches the model itself (``ctx.check_cancelled``), so even a long Gatys image
    stops within a step."""

    def __init__(self, spec: JobSpec, entry: ModelEntry, params: Mapping[str, Any], prepared: Any,
                 batch_size: int, threads: int, cancel_flag: Any = None) -> None:
        import ray
        import torch

        if isinstance(prepared, ray.ObjectRef):  # Ray Data passes constructor arguments as they are
            prepared = ray.get(prepared)
        if threads:
            torch.set_num_threads(threads)  # the CPUs Ray gave this actor, not the whole node
        cancel = threading.Event()
        if cancel_flag is not None:
            threading.Thread(target=self._watch, args=(ray, cancel_flag, cancel), daemon=True).start()
        ctx = make_context(spec, entry, params, cancel, prepared=prepared, run_prepare=False)
        self.pipeline = JobPipeline(spec, entry, params, ctx, batch_size)

    @staticmethod
    def _watch(ray: Any, flag: Any, cancel: threading.Event) -> None:
        while not cancel.is_set():
            try:
                if ray.get(flag.is_cancelled.remote(), timeout=5):
                    cancel.set()
            except Exception:  # noqa: BLE001 - the flag is gone: the job is over
                cancel.set()
            cancel.wait(POLL_SECONDS)

    def __call__(self, batch: Mapping[str, Any]) -> dict[str, list[str]]:
        works = [WorkItem(**json.loads(text)) for text in batch["work"]]
        return {"outcome": [json.dumps(_outcome_json(o)) for o in self.pipeline.process(works)]}


def _outcome_json(outcome: Outcome) -> dict[str, Any]:
    return {"item": dataclasses.asdict(outcome.item), "info": outcome.info, "error": outcome.error,
            "fatal": outcome.fatal, "seconds": outcome.seconds, "details": outcome.details}


def _outcome(text: str) -> Outcome:
    data = json.loads(text)
    return Outcome(WorkItem(**data["item"]), data["info"], data["error"], data["fatal"], data["seconds"],
                   data.get("details"))


def _worker_env() -> dict[str, str]:
    """What a worker of a cluster started here needs to see this process's packages and
    settings: its import path (plugins installed or on PYTHONPATH) and STUDIO_* variables."""
    env = {k: v for k, v in os.environ.items() if k.startswith("STUDIO_")}
    paths = [p for p in sys.path if p and os.path.isdir(p)]
    env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys([os.getcwd(), *paths]))
    return env


def _connect(ray: Any, address: str | None) -> bool:
    """Connect to the cluster at ``address``, or start a local one; True when this call
    started or connected it (and so must shut it down)."""
    if ray.is_initialized():
        return False  # the caller (a script, a test) manages Ray itself
    if address:
        _check_reachable(address)
    settings: dict[str, Any] = {"log_to_driver": False, "include_dashboard": False,
                                "logging_level": logging.WARNING}
    env = _worker_env()
    if address:  # a remote cluster's nodes have their own install: only our settings travel
        env = {k: v for k, v in env.items() if k.startswith("STUDIO_")}
    try:
        ray.init(address=address or "local", runtime_env={"env_vars": env}, **settings)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        if address:
            message = translate("engines.ray", "could not connect to the Ray cluster at {address}: {error}")
            raise UsageError(message.format(address=address, error=exc)) from None
        raise UsageError(translate("engines.ray", "could not connect to a local Ray cluster: {error}").format(
            error=exc)) from None
    return True


def _quiet_ray_data(ray: Any) -> None:
    """Our progress bar is the one to read: no Ray Data progress bars or execution logs."""
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    for name in ("ray.data", "ray"):
        logging.getLogger(name).setLevel(logging.WARNING)


def _check_reachable(address: str, seconds: float = 5.0) -> None:
    """Fail in seconds, not minutes, when nothing listens at ``HOST:PORT`` (Ray itself retries
    an unreachable cluster for minutes)."""
    import socket

    host, sep, port = address.rpartition(":")
    if not sep or not port.isdigit() or "://" in address:
        return  # "auto", ray:// client addresses: left to Ray
    try:
        socket.create_connection((host, int(port)), timeout=seconds).close()
    except OSError as exc:
        raise UsageError(translate("engines.ray", "no Ray cluster answers at {address} ({error}); start one with "
                                   "`ray start --head` there, or leave out --ray-address to start a local one").format(
            address=address, error=exc.strerror or exc)) from None


def _actor_plan(ray: Any, workers: int | None) -> tuple[int, dict[str, float], int]:
    """How many actors, the resources each asks for, and its torch threads."""
    resources = ray.cluster_resources()
    gpus, cpus = int(resources.get("GPU", 0)), max(1, int(resources.get("CPU", 1)))
    if gpus:
        count = workers or gpus
        return count, {"num_gpus": 1, "num_cpus": 1}, 0
    count = workers or max(1, cpus // 2)
    per_actor = max(1, cpus // count)
    return count, {"num_cpus": 1}, per_actor


def run_on_ray(spec: JobSpec, entry: ModelEntry, params: Mapping[str, Any], works: list[WorkItem], recorder: Any,
               cancel: threading.Event, options: Any) -> None:
    """Style ``works`` on a Ray cluster, recording each outcome with ``recorder`` as it
    arrives. Cancel stops the cluster work (items not yet recorded stay pending: resumable)."""
    ray = require_ray()
    # prepare() runs once, here, on the CPU (this machine may have no GPU); what it returns is
    # plain data (the plugin API asks for that) and is shipped to every actor.
    ctx = make_context(dataclasses.replace(spec, device="cpu"), entry, params, cancel)
    owns_cluster = _connect(ray, options.ray_address)
    results: queue.Queue = queue.Queue()
    try:
        count, resources, threads = _actor_plan(ray, options.workers)
        batch_size = batch_size_for(options.batch_size, "num_gpus" in resources)
        _quiet_ray_data(ray)
        prepared = ray.put(ctx.prepared)
        flag = ray.remote(num_cpus=0)(CancelFlag).remote()
        dataset = ray.data.from_items([{"work": json.dumps(dataclasses.asdict(w))} for w in works],
                                      override_num_blocks=_blocks(len(works), batch_size))
        styled = dataset.map_batches(
            StyleActor, batch_size=batch_size, compute=ray.data.ActorPoolStrategy(size=count),
            fn_constructor_kwargs={"spec": spec, "entry": entry, "params": dict(params), "prepared": prepared,
                                   "batch_size": batch_size, "threads": threads, "cancel_flag": flag},
            **resources)

        def stream() -> None:  # on its own thread, so a cancel is seen while a batch runs
            try:
                for row in styled.iter_rows():
                    results.put(("row", row["outcome"]))
                results.put(("end", None))
            except BaseException as exc:  # noqa: BLE001 - handed to the recording thread
                results.put(("error", exc))

        threading.Thread(target=stream, name="studio-ray-results", daemon=True).start()
        while True:
            if cancel.is_set():
                flag.cancel.remote()  # every actor stops its model; the dataset then ends
                _drain(results, recorder, CANCEL_WAIT_SECONDS)
                raise Cancelled()
            try:
                kind, value = results.get(timeout=POLL_SECONDS)
            except queue.Empty:
                continue
            if kind == "end":
                return
            if kind == "error":
                raise UsageError(translate("engines.ray", "the Ray job failed: {reason}").format(
                    reason=_ray_reason(value)))
            try:
                recorder.record(_outcome(value))
            except BaseException:  # e.g. the disk is full: stop the actors too
                flag.cancel.remote()
                raise
    finally:
        if owns_cluster:
            ray.shutdown()  # stops this job's actors and tasks, on any cluster


def _blocks(items: int, batch_size: int) -> int:
    """Ray Data hands results back a block at a time: one block per model batch streams
    progress item by item (up to :data:`MAX_BLOCKS`, beyond which blocks grow instead)."""
    return max(1, min(MAX_BLOCKS, -(-items // batch_size)))


def _drain(results: queue.Queue, recorder: Any, seconds: float) -> None:
    """Wait (a little) for the stream to end after a cancel, so no actor is still writing
    when the job is reported cancelled; items finished meanwhile are recorded (a written file
    is done), the rest stay pending for the resume."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            kind, value = results.get(timeout=max(0.01, deadline - time.monotonic()))
        except queue.Empty:
            return
        if kind != "row":
            return
        outcome = _outcome(value)
        if outcome.ok:
            recorder.record(outcome)


def _ray_reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[-1] if text else ''}"
