"""Renders the README's screenshots of the desktop app, offscreen, from real work: the bundled
samples previewed with the default style, the window at 1024x700, a finished job in the queue
and its results browsed before/after, and a short real fine-tuning run on the bundled samples
and style images.

    QT_QPA_PLATFORM=offscreen python docs/screenshots.py [--out docs/images] [--steps 60] [--lang zh_CN]

``--lang zh_CN`` renders the same screens in Simplified Chinese, as ``NAME-zh_CN.png``.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    ap.add_argument("--steps", type=int, default=60)
    ap.add_argument("--lang", default="en", help="interface language (en, zh_CN)")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = tempfile.mkdtemp(prefix="studio-screens-")
    os.environ["STUDIO_HOME"] = home
    from PySide6.QtWidgets import QApplication

    from studio.gui.language import install_language
    from studio.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    translators = install_language(app, args.lang)  # noqa: F841 - kept alive for the run
    suffix = "" if args.lang == "en" else f"-{args.lang}"

    def shot(widget, name: str) -> None:
        widget.grab().save(str(args.out / f"{name}{suffix}.png"))

    window = MainWindow(remember_geometry=False)
    window.resize(1280, 800)
    window.show()

    def wait(condition, timeout: float = 600) -> None:
        deadline = time.monotonic() + timeout
        while not condition() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        for _ in range(5):
            app.processEvents()

    args.out.mkdir(parents=True, exist_ok=True)
    window.add_inputs([str(ROOT / "resources" / "samples")])
    window.reload_styles(select="wave")
    window.inputs.setCurrentRow(3)
    window.request_preview()
    wait(lambda: window.preview.after is not None)
    shot(window, "main-window")
    window.resize(1024, 700)
    wait(lambda: True, 1)
    shot(window, "main-window-1024x700")
    window.resize(1280, 800)

    window.output.setText(str(Path(home) / "out"))
    job = window.add_to_queue()
    wait(lambda: window.store.job_status(job) == "done")
    window.queue_view.refresh()
    window.tabs.setCurrentIndex(1)
    window.queue_view.table.selectRow(0)
    wait(lambda: True, 1)
    shot(window, "queue")
    window.queue_view.buttons["Browse results"].click()
    results = window.queue_view.results
    results.items.setCurrentRow(3)
    wait(lambda: results.view.after is not None, 10)
    wait(lambda: True, 1)
    shot(results, "results")
    results.close()

    panel = window.training
    panel.content.setText(str(ROOT / "resources" / "samples"))
    panel.style.setText(str(ROOT / "resources" / "styles"))
    panel.name.setText("screenshot-look")
    panel.steps.setValue(args.steps)
    panel.size.setValue(64)
    window.tabs.setCurrentIndex(2)
    panel.start_training()
    wait(lambda: not panel._running)
    shot(window, "fine-tuning")
    window.close()
    print(f"wrote {', '.join(p.name for p in sorted(args.out.glob('*.png')))} to {args.out}")


if __name__ == "__main__":
    main()
