"""Adapts runner events to a rich progress bar on stderr (stdout stays free for ``--json``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

from studio.events import (
    ItemDone, ItemFailed, ItemSkipped, ItemStarted, JobFinished, JobProgress, JobStarted, RunEvent,
)
from studio.runner import counts_line


_NAMES_SHOWN = 5


class ProgressReporter:
    """A :class:`studio.events.RunObserver` that draws progress and prints failures."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.console = Console(stderr=True)
        self.progress = Progress(
            TextColumn("{task.description}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
            TextColumn("{task.fields[counts]}"), TimeRemainingColumn(), console=self.console, transient=False,
            disable=not enabled,
        )
        self.task: Any = None
        self.done = self.failed = 0

    def __enter__(self) -> ProgressReporter:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def note(self, message: str) -> None:
        """Print a line above the bar (rich markup allowed; escape untrusted text)."""
        if self.enabled:
            self.console.print(message, highlight=False)

    def on_event(self, event: RunEvent) -> None:
        if isinstance(event, JobStarted):
            if event.already_done:
                self.note(escape(f"resuming job {event.job_id}: {event.already_done} of {event.total} already done"))
            self.task = self.progress.add_task("styling", total=max(1, event.pending), counts="")
        elif isinstance(event, ItemStarted) and self.task is not None:
            self.progress.update(self.task, description=f"styling {Path(event.input).name}")
        elif isinstance(event, JobProgress) and self.task is not None:
            self.progress.update(self.task, completed=event.fraction * max(1, event.pending),
                                 counts=f"{self.done} done, {self.failed} failed")
        elif isinstance(event, ItemDone):
            self.done += 1
        elif isinstance(event, ItemFailed):
            self.failed += 1
            self.note(f"[red]failed[/red] {escape(event.input)}: {escape(event.reason)}")
        elif isinstance(event, ItemSkipped):
            self.note(f"[yellow]skipped[/yellow] {escape(event.input)}: {escape(event.reason)}")
        elif isinstance(event, JobFinished) and self.task is not None:
            s = event.summary
            state = "cancelled" if event.cancelled else "finished"
            self.progress.update(self.task, description=state)
            if s.get("stopped"):
                state = "stopped early"
                self.note(f"[red]stopped[/red]: {escape(s['stopped'])}; the rest stay pending: free space or fix "
                          "the output folder, then run the same command again")
            self.note(escape(f"{state}: {counts_line(s)}"))
            whole = s.get("whole_frame") or []
            if whole:
                names = ", ".join(Path(w["input"]).name for w in whole[:_NAMES_SHOWN])
                more = f" and {len(whole) - _NAMES_SHOWN} more" if len(whole) > _NAMES_SHOWN else ""
                self.note(f"[yellow]{len(whole)} styled whole-frame[/yellow]: no plain background found "
                          f"({escape(names + more)}); check them before publishing")
