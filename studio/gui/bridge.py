"""Runner, queue and training events into Qt signals.

The core calls ``on_event`` from its worker threads. ``Signal.emit`` from a non-GUI thread to
receivers living in the GUI thread is delivered as a queued connection, so slots always run on
the UI thread and never block the worker.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal


class EventBridge(QObject):
    """An observer for :class:`studio.runner.Runner` / :class:`studio.queue.JobQueue`."""

    event = Signal(object)

    def on_event(self, event: Any) -> None:
        self.event.emit(event)
