"""Ctrl-C handling shared by the CLIs."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator


@contextlib.contextmanager
def ctrl_c_cancels(cancel: threading.Event) -> Iterator[None]:
    """While a job runs, the first Ctrl-C asks the worker to stop at its next step (the job
    stays resumable); a second one gives up waiting. A flag set by a signal handler is used
    instead of KeyboardInterrupt, which can land anywhere, even inside a lock's wait."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_sigint(signum: int, frame: object) -> None:
        if cancel.is_set():
            raise KeyboardInterrupt
        cancel.set()

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
