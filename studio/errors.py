"""One exception type per kind of user-facing failure.

Every message is written for a person: the CLI prints ``str(error)`` as one line, never a
traceback, and a per-item failure stores it as the item's reason.
"""

from __future__ import annotations

from studio.i18n import translate


class StudioError(Exception):
    """Base class for errors whose message is meant for the user."""


class UsageError(StudioError):
    """Bad command-line or job configuration (CLI exit code 2)."""


class BadImage(StudioError):
    """An input file that cannot be decoded as an image, or is unsafe to decode."""


class OutputError(StudioError):
    """An output that cannot be written (permissions, full disk, would overwrite an input).

    ``fatal`` marks failures no later item can escape (disk full, read-only or unwritable
    output folder): the runner then stops the job instead of failing every remaining item."""

    def __init__(self, message: str, fatal: bool = False) -> None:
        super().__init__(message)
        self.fatal = fatal


class ItemTimeout(StudioError):
    """A model took longer than the job's per-item time limit."""


class PluginError(StudioError):
    """A style plugin failed or returned something invalid; the message names the plugin."""

    def __init__(self, plugin: str, message: str, details: str | None = None) -> None:
        text = translate("errors", "style plugin {plugin}: {message}")
        super().__init__(text.format(plugin=repr(plugin), message=message))
        self.plugin = plugin
        #: The plugin's own traceback (file and line), recorded with ``--debug``.
        self.details = details


class ModelFileError(StudioError):
    """A model weight file that is missing, malformed, or not in a format we load safely."""


class Cancelled(Exception):
    """Raised inside long work when the user cancelled; not an error."""
