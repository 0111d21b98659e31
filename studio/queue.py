"""The job queue of the desktop app: one worker thread owns the device and runs the queued jobs
in order, and any other device work (a training run) between them.

No Qt here: the GUI passes an observer whose ``on_event`` re-emits events as Qt signals. Jobs
live in the same SQLite store the CLI uses, so a queue survives a restart; pausing a job
stops it at the current image's next step and leaves it resumable (done images are skipped
when it runs again), exactly like Ctrl-C in ``studio-batch``.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from studio.devices import warm_up
from studio.events import RunObserver
from studio.i18n import translate
from studio.jobs import CANCELLED, DONE, INTERRUPTED, PAUSED, QUEUED, JobStore
from studio.registry import StyleRegistry
from studio.runner import Runner, RunOptions


@dataclass(frozen=True)
class QueueChanged:
    """Job states or order changed; views re-read the store."""

    job_id: int | None = None


@dataclass(frozen=True)
class TaskFinished:
    """A device task (e.g. a training run) ended; ``error`` is None on success."""

    name: str
    result: Any = None
    error: BaseException | None = None


@dataclass
class TaskInfo:
    """A device task (a training run) as the Queue tab lists it. ``state``: waiting, running,
    finished, paused, stopped, failed; ``after_job``: the job it waits for, if any."""

    id: int
    name: str
    state: str = "waiting"
    after_job: int | None = None
    message: str = ""


class _StopRequest(threading.Event):
    """The running job's cancel event; ``status`` is the state the stopped job gets (paused,
    cancelled, interrupted), which the runner records as it stops: one write, one truth."""

    status = CANCELLED


class JobQueue:
    """Runs queued jobs one after another on a single worker thread."""

    def __init__(self, store: JobStore, registry: StyleRegistry, observer: RunObserver) -> None:
        self.store = store
        self.registry = registry
        self.observer = observer
        self._wake = threading.Condition()
        self._tasks: deque[tuple[TaskInfo, Callable[[threading.Event], Any]]] = deque()
        #: Every task submitted this session, newest last: what the Queue tab lists.
        self.tasks: list[TaskInfo] = []
        self._current: int | None = None
        self._cancel = _StopRequest()
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._task_cancel = threading.Event()
        self._remove_when_stopped: set[int] = set()
        #: Record plugin tracebacks in failed items (the app's "debug" setting).
        self.debug = False

    # control (any thread) --------------------------------------------------------------
    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="studio-device-worker", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop after stopping the running job, and wait for the thread. The job is left
        ``interrupted``: the next start asks whether to resume it, and runs it only on yes."""
        with self._wake:
            self._stopping = True
            self._cancel.status = INTERRUPTED
            self._cancel.set()
            self._wake.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def current_job(self) -> int | None:
        return self._current

    def notify(self) -> None:
        """Something was queued: wake the worker."""
        with self._wake:
            self._wake.notify_all()
        self.observer.on_event(QueueChanged())  # type: ignore[arg-type]

    def pause(self, job_id: int) -> None:
        self._stop_job(job_id, PAUSED)

    def cancel(self, job_id: int) -> None:
        self._stop_job(job_id, CANCELLED)

    def resume(self, job_id: int) -> None:
        self.store.set_job_status(job_id, QUEUED)
        self.notify()

    def remove(self, job_id: int) -> None:
        """Forget a job (its outputs stay); a running one is stopped first."""
        with self._wake:
            if self._current == job_id:
                self._remove_when_stopped.add(job_id)
                self._cancel.status = CANCELLED
                self._cancel.set()
                return
        self.store.remove(job_id)
        self.notify()

    def submit_task(self, name: str, work: Callable[[threading.Event], Any]) -> TaskInfo:
        """Run ``work(cancel_event)`` on the device thread, before the next job (after the one
        running now, which the returned info names)."""
        with self._wake:
            info = TaskInfo(len(self.tasks) + 1, name, after_job=self._current)
            self.tasks.append(info)
            self._tasks.append((info, work))
            self._wake.notify_all()
        self.observer.on_event(QueueChanged())  # type: ignore[arg-type]
        return info

    def cancel_task(self) -> None:
        """Stop the running task (if any) at its next step, and drop the waiting ones, which
        then never start; jobs are unaffected."""
        with self._wake:
            self._task_cancel.set()
            for info, _ in self._tasks:
                info.state, info.message = "stopped", translate("queue", "stopped before it started")
            self._tasks.clear()
        self.observer.on_event(QueueChanged())  # type: ignore[arg-type]

    def _stop_job(self, job_id: int, status: str) -> None:
        with self._wake:
            if self._current == job_id:
                self._cancel.status = status
                self._cancel.set()
            elif self.store.job_status(job_id) not in (DONE, CANCELLED):
                self.store.set_job_status(job_id, status)  # a finished job stays what it is
        self.observer.on_event(QueueChanged(job_id))  # type: ignore[arg-type]

    # the worker thread ----------------------------------------------------------------
    def _loop(self) -> None:
        warm_up()  # on this thread, before any job: no second thread imports beside it
        while True:
            with self._wake:
                while not self._stopping and not self._tasks and self.store.next_queued() is None:
                    self._wake.wait(0.5)
                if self._stopping:
                    return
                task = self._tasks.popleft() if self._tasks else None
                job_id = None if task else self.store.next_queued()
                self._current = job_id
                self._cancel = _StopRequest()
                if task is not None:
                    self._task_cancel = threading.Event()  # under the lock: a Stop now reaches it
            if task is not None:
                self._run_task(*task)
            elif job_id is not None:
                self._run_job(job_id)

    def _run_task(self, info: TaskInfo, work: Callable[[threading.Event], Any]) -> None:
        info.state, info.after_job = "running", None
        self.observer.on_event(QueueChanged())  # type: ignore[arg-type]
        try:
            result = work(self._task_cancel)
        except BaseException as exc:  # noqa: BLE001 - reported to the UI, never kills the worker
            info.state, info.message = "failed", str(exc)
            self.observer.on_event(TaskFinished(info.name, None, exc))  # type: ignore[arg-type]
        else:
            # A task may say how it ended (a training run: finished, paused or failed).
            info.state = str(getattr(result, "state", "finished"))
            info.message = str(getattr(result, "message", ""))
            self.observer.on_event(TaskFinished(info.name, result, None))  # type: ignore[arg-type]
        self.observer.on_event(QueueChanged())  # type: ignore[arg-type]

    def _run_job(self, job_id: int) -> None:
        runner = Runner(self.store, self.registry, self.observer, RunOptions(debug=self.debug))
        try:
            runner.run(job_id, self._cancel)
        except Exception as exc:  # noqa: BLE001 - a job that cannot start fails, the queue goes on
            self.store.set_job_status(job_id, "failed")
            name = translate("queue", "job {job}").format(job=job_id)
            self.observer.on_event(TaskFinished(name, None, exc))  # type: ignore[arg-type]
        finally:
            with self._wake:
                self._current = None
                if job_id in self._remove_when_stopped:
                    self._remove_when_stopped.discard(job_id)
                    self.store.remove(job_id)
            self.observer.on_event(QueueChanged(job_id))  # type: ignore[arg-type]

