"""Runner events and the observer interface.

The runner calls ``observer.on_event(event)`` from its worker thread. The CLI adapts events to
a progress bar; the GUI's bridge re-emits them as Qt signals (queued to the UI thread).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class JobStarted:
    job_id: int
    total: int  # items in the job
    pending: int  # items this run will process
    already_done: int


@dataclass(frozen=True)
class ItemStarted:
    input: str
    index: int  # 0-based among this run's pending items


@dataclass(frozen=True)
class ItemProgress:
    input: str
    fraction: float  # through this item, 0..1


@dataclass(frozen=True)
class ItemDone:
    input: str
    output: str
    seconds: float
    info: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ItemFailed:
    input: str
    reason: str


@dataclass(frozen=True)
class ItemSkipped:
    """Left unstyled on purpose (e.g. ``--unknown-category skip``)."""

    input: str
    reason: str


@dataclass(frozen=True)
class JobProgress:
    finished: int  # items of this run finished (done or failed)
    pending: int
    fraction: float  # of this run, including the current item's progress
    eta_seconds: float | None
    #: Of the whole job (items finished by earlier runs count), so a resumed job's progress
    #: carries on from where it was instead of starting again at 0.
    job_fraction: float = 0.0


@dataclass(frozen=True)
class JobFinished:
    job_id: int
    cancelled: bool
    summary: dict[str, Any]


RunEvent = (JobStarted | ItemStarted | ItemProgress | ItemDone | ItemFailed | ItemSkipped | JobProgress
            | JobFinished)


class RunObserver(Protocol):
    def on_event(self, event: RunEvent) -> None: ...


class NullObserver:
    def on_event(self, event: RunEvent) -> None:
        pass
