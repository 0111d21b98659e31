"""``style-studio``: the desktop app's launcher.

    style-studio [FOLDER_OR_IMAGE ...] [--lang en|zh_CN] [--screenshot PATH [--panel main|queue|training]]

``--screenshot`` renders the window offscreen to a PNG and exits (README images, checks).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence


#: The installed QTranslators of this process.
_translators: list = []


def build_parser() -> argparse.ArgumentParser:
    """The launcher's options, in the interface language (chosen before this is built)."""
    from studio.cli.parser import Parser
    from studio.i18n import translate

    p = Parser(prog="style-studio",
               description=translate("app", "Style Studio: style catalogs of product photos."))
    p.add_argument("inputs", nargs="*", help=translate("app", "folders or images to add at start"))
    p.add_argument("--screenshot", metavar="PATH", help=translate("app", "render the window to a PNG and exit"))
    p.add_argument("--panel", choices=("main", "queue", "training"), default="main",
                   help=translate("app", "which panel --screenshot shows"))
    p.add_argument("--style", help=translate("app", "style to select at start"))
    p.add_argument("--lang", metavar="{en,zh_CN}",
                   help=translate("app", "interface language for this start (default: STUDIO_LANG, then the "
                                         "Settings choice, then the system's)"))
    return p


def choose_language(explicit: str | None) -> str:
    """``--lang``, ``STUDIO_LANG``, the Settings choice, the system locale, English."""
    from studio.gui.settings import Settings
    from studio.i18n import resolve_language

    return resolve_language(explicit, Settings.load().language)


def main(argv: Sequence[str] | None = None) -> int:
    from studio import i18n
    from studio.cli.parser import error_line, scan_language, unknown_language_message

    arguments = sys.argv[1:] if argv is None else list(argv)
    try:
        language = i18n.set_language(choose_language(scan_language(arguments)))
    except i18n.UnknownLanguage as exc:
        print(error_line("style-studio", unknown_language_message(str(exc))), file=sys.stderr)
        return 2
    args = build_parser().parse_args(arguments)
    if args.screenshot and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    from studio.gui.language import install_language
    from studio.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Style Studio")
    _translators[:] = install_language(app, language)  # Qt does not own them: keep them alive
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
        from PySide6.QtCore import QCoreApplication

        show_error(window, QCoreApplication.translate("app", "Something went wrong"),
                   QCoreApplication.translate(
                       "app", "That action stopped on an unexpected problem; queued jobs and finished images are "
                       "safe. The details below help a bug report. ({problem})").format(
                           problem=f"{kind.__name__}: {value}"), report)

    sys.excepthook = hook


def _screenshot(app, window, args: argparse.Namespace) -> int:
    """Wait for the preview (when there is an input), then grab the window."""
    import time

    window.tabs.setCurrentIndex({"main": 0, "queue": 1, "training": 2}[args.panel])
    deadline = time.monotonic() + 120
    generation = window.previews.generation
    while generation and time.monotonic() < deadline and window.preview.after is None \
            and not window.preview.failed:
        app.processEvents()
        time.sleep(0.02)
    for _ in range(10):
        app.processEvents()
    ok = window.grab().save(args.screenshot)
    window.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
