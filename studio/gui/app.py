"""``style-studio``: the desktop app's launcher.

    style-studio [FOLDER_OR_IMAGE ...] [--screenshot PATH [--panel main|queue|training]]

``--screenshot`` renders the window offscreen to a PNG and exits (README images, checks).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="style-studio", description="Style Studio: style catalogs of product photos.")
    p.add_argument("inputs", nargs="*", help="folders or images to add at start")
    p.add_argument("--screenshot", metavar="PATH", help="render the window to a PNG and exit")
    p.add_argument("--panel", choices=("main", "queue", "training"), default="main",
                   help="which panel --screenshot shows")
    p.add_argument("--style", help="style to select at start")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.screenshot and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    from studio.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Style Studio")
    # A screenshot has a fixed size (README images) and leaves the user's saved geometry alone.
    window = MainWindow(start_worker=not args.screenshot, remember_geometry=not args.screenshot)
    if args.inputs:
        window.add_inputs(args.inputs)
    if args.style:
        window.reload_styles(select=args.style)
    window.show()
    if args.screenshot:
        return _screenshot(app, window, args)
    window.offer_resume()
    return app.exec()


def install_error_dialog(window, show_error) -> None:
    """Any exception escaping a slot becomes a dialog with the traceback to copy, instead of a
    crash or a line on a console the user never sees."""
    import traceback

    def hook(kind, value, tb) -> None:
        report = "".join(traceback.format_exception(kind, value, tb))
        sys.__stderr__.write(report)
        show_error(window, "Something went wrong",
                   "That action stopped on an unexpected problem; queued jobs and finished images are safe. "
                   f"The details below help a bug report. ({kind.__name__}: {value})", report)

    sys.excepthook = hook


def _screenshot(app, window, args: argparse.Namespace) -> int:
    """Wait for the preview (when there is an input), then grab the window."""
    import time

    window.tabs.setCurrentIndex({"main": 0, "queue": 1, "training": 2}[args.panel])
    deadline = time.monotonic() + 120
    generation = window.previews.generation
    while generation and time.monotonic() < deadline and window.preview.after is None \
            and not window.preview.message.startswith(("Preview failed", "Cannot")):
        app.processEvents()
        time.sleep(0.02)
    for _ in range(10):
        app.processEvents()
    ok = window.grab().save(args.screenshot)
    window.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
