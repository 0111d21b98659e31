"""Browsing a job's results in the app: every item of the job, and the selected one's
original and output side by side in the before/after view (at 100 % on request)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QImage, QImageReader
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QSplitter, QVBoxLayout, QWidget,
)

from studio.gui.widgets import BeforeAfter
from studio.jobs import JobStore
from studio.runner import whole_frame_reason

#: Results are decoded at most this big (long edge, px) for the viewer: 100 % on a 2400 px
#: photo still shows real pixels, a 12000 px one does not eat the memory.
MAX_VIEW_EDGE = 4096
#: The item states listed by name (besides done and failed), translated where shown.
ITEM_STATES = (QT_TRANSLATE_NOOP("ResultsDialog", "pending"), QT_TRANSLATE_NOOP("ResultsDialog", "skipped"))


def read_for_view(path: str | Path) -> QImage:
    """An image file as a QImage (EXIF orientation applied), shrunk past ``MAX_VIEW_EDGE``."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > MAX_VIEW_EDGE:
        reader.setScaledSize(size.scaled(MAX_VIEW_EDGE, MAX_VIEW_EDGE, Qt.AspectRatioMode.KeepAspectRatio))
    return reader.read()


class ResultsDialog(QDialog):
    """A finished (or partly finished) job's items: pick one to see its before and after."""

    def __init__(self, store: JobStore, job_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        spec = store.spec(job_id)
        self.setWindowTitle(self.tr("Results of job #{job}: {style}").format(job=job_id, style=spec.style))
        self.items = QListWidget()
        self.items.setObjectName("result_items")
        self.view = BeforeAfter()
        self.view.show_message(self.tr("Pick an image on the left."))
        self.actual = QCheckBox("100 %")
        self.actual.toggled.connect(self.view.set_actual_size)
        self.view.zoom_changed.connect(self.actual.setChecked)
        self.note = QLabel()
        self.note.setWordWrap(True)
        for record in store.items(job_id):
            label = Path(record.input).name
            if record.status == "failed":
                label = self.tr("{name}: failed ({reason})").format(name=label, reason=record.reason)
            elif record.status == "done" and (reason := whole_frame_reason(record.info)):
                label = self.tr("{name}: styled whole-frame, check it").format(name=label)
            elif record.status != "done":
                label = self.tr("{name}: {reason}").format(
                    name=label, reason=QCoreApplication.translate("ResultsDialog", record.status))
            entry = QListWidgetItem(label)
            entry.setData(Qt.ItemDataRole.UserRole, (record.input, record.output, record.status, record.reason))
            self.items.addItem(entry)
        self.items.currentItemChanged.connect(lambda current, _: self.show_item(current))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.actual)
        right_layout.addLayout(row)
        split = QSplitter()
        split.addWidget(self.items)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.resize(1000, 640)
        if self.items.count():
            self.items.setCurrentRow(0)

    def show_item(self, entry: QListWidgetItem | None) -> None:
        if entry is None:
            return
        source, output, status, reason = entry.data(Qt.ItemDataRole.UserRole)
        before = read_for_view(source)
        if before.isNull():
            self.view.show_failure(self.tr("The original {path} cannot be read any more.").format(path=source))
            return
        if status != "done":
            self.view.show_images(before, None, self.tr("not styled"))
            self.view.show_message(self.tr("{name}: {reason}").format(
                name=Path(source).name, reason=reason or QCoreApplication.translate("ResultsDialog", status)))
            self.note.setText(f"{source}")
            return
        after = read_for_view(output)
        if after.isNull():
            self.view.show_images(before, None)
            self.view.show_message(self.tr("The output {path} is missing or unreadable (moved or deleted?).").format(
                path=output))
        else:
            self.view.show_images(before, after.scaled(before.size()) if after.size() != before.size() else after)
        self.note.setText(f"{Path(source).name} → {output}")
