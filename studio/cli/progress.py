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
from studio.i18n import translate
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
                self.note(escape(translate("cli.progress", "resuming job {job}: {done} of {total} already done").format(
                    job=event.job_id, done=event.already_done, total=event.total)))
            self.task = self.progress.add_task(translate("cli.progress", "styling"), total=max(1, event.pending),
                                               counts="")
        elif isinstance(event, ItemStarted) and self.task is not None:
            self.progress.update(self.task, description=translate("cli.progress", "styling {name}").format(
                name=Path(event.input).name))
        elif isinstance(event, JobProgress) and self.task is not None:
            self.progress.update(self.task, completed=event.fraction * max(1, event.pending),
                                 counts=translate("cli.progress", "{done} done, {failed} failed").format(
                                     done=self.done, failed=self.failed))
        elif isinstance(event, ItemDone):
            self.done += 1
        elif isinstance(event, ItemFailed):
            self.failed += 1
            self.note(translate("cli.progress", "[red]failed[/red] {input}: {reason}").format(
                input=escape(event.input), reason=escape(event.reason)))
        elif isinstance(event, ItemSkipped):
            self.note(translate("cli.progress", "[yellow]skipped[/yellow] {input}: {reason}").format(
                input=escape(event.input), reason=escape(event.reason)))
        elif isinstance(event, JobFinished) and self.task is not None:
            s = event.summary
            counts = counts_line(s)
            if event.cancelled:
                self.progress.update(self.task, description=translate("cli.progress", "cancelled"))
                line = translate("cli.progress", "cancelled: {counts}").format(counts=counts)
            else:
                self.progress.update(self.task, description=translate("cli.progress", "finished"))
                line = translate("cli.progress", "finished: {counts}").format(counts=counts)
            if s.get("stopped"):
                line = translate("cli.progress", "stopped early: {counts}").format(counts=counts)
                self.note(translate("cli.progress", "[red]stopped[/red]: {reason}; the rest stay pending: free space "
                                    "or fix the output folder, then run the same command again").format(
                                        reason=escape(s["stopped"])))
            self.note(escape(line))
            whole = s.get("whole_frame") or []
            if whole:
                names = ", ".join(Path(w["input"]).name for w in whole[:_NAMES_SHOWN])
                if len(whole) > _NAMES_SHOWN:
                    names = translate("cli.progress", "{names} and {count} more").format(
                        names=names, count=len(whole) - _NAMES_SHOWN)
                self.note(translate("cli.progress", "[yellow]{count} styled whole-frame[/yellow]: no plain background "
                                    "found ({names}); check them before publishing").format(
                                        count=len(whole), names=escape(names)))
