"""The main window: inputs, style gallery, parameters, preview, the job queue and the
fine-tuning panel. Everything heavy runs on the device worker (jobs, training) or the preview
thread; slots here only read state and update widgets."""

from __future__ import annotations

import platform
import threading
import time
import traceback
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QFrame, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QListWidget, QMainWindow, QMessageBox, QProgressBar, QPushButton, QScrollArea, QSpinBox, QSplitter,
    QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from studio import __version__, paths
from studio.events import ItemDone, ItemFailed, JobFinished, JobProgress, JobStarted
from studio.gui.bridge import EventBridge
from studio.gui.settings import Settings
from studio.gui.training_panel import TrainingPanel
from studio.gui.widgets import BeforeAfter, InputList, ParamForm, StyleGallery, tensor_to_qimage
from studio.i18n import LANGUAGES, SYSTEM as SYSTEM_LANGUAGE
from studio.jobs import PAUSED, QUEUED, RUNNING, JobStore
from studio.queue import JobQueue, QueueChanged, TaskFinished
from studio.runner import counts_line, whole_frame_reason

#: A slow (iterative) style previews a crop of this many working pixels around the product,
#: at the job's own working size; fast styles preview the whole photo as the job writes it.
PREVIEW_CROP = 320


#: How the queue names job states to a merchandiser (translated where shown).
STATUS_WORDS = {"new": QT_TRANSLATE_NOOP("QueueView", "not queued"),
                "queued": QT_TRANSLATE_NOOP("QueueView", "queued"),
                "running": QT_TRANSLATE_NOOP("QueueView", "running"),
                "paused": QT_TRANSLATE_NOOP("QueueView", "paused"),
                "interrupted": QT_TRANSLATE_NOOP("QueueView", "paused (app closed mid-job)"),
                "cancelled": QT_TRANSLATE_NOOP("QueueView", "cancelled"),
                "done": QT_TRANSLATE_NOOP("QueueView", "done"),
                "failed": QT_TRANSLATE_NOOP("QueueView", "failed (some images)")}


def about(seconds: float) -> str:
    """An ETA as a person says it: ``about 40 s``, ``about 12 min``, ``about 1 h 5 min``."""
    if seconds < 60:
        return QCoreApplication.translate("MainWindow", "about {seconds} s").format(
            seconds=max(1, round(seconds / 5) * 5 if seconds > 10 else round(seconds)))
    minutes = round(seconds / 60)
    if minutes < 60:
        return QCoreApplication.translate("MainWindow", "about {minutes} min").format(minutes=minutes)
    if minutes % 60:
        return QCoreApplication.translate("MainWindow", "about {hours} h {minutes} min").format(
            hours=minutes // 60, minutes=minutes % 60)
    return QCoreApplication.translate("MainWindow", "about {hours} h").format(hours=minutes // 60)


def show_error(parent: QWidget, title: str, message: str, details: str = "") -> None:
    """An error dialog with a copyable report; never a crash."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.open()


class PreviewController(QObject):
    """Runs one preview at a time off the UI thread; a new request supersedes (cancels) the
    running one, and results of superseded requests are dropped."""

    finished = Signal(int, object)  # generation, Preview or Exception

    def __init__(self, store: JobStore, registry: Any) -> None:
        super().__init__()
        self.store, self.registry = store, registry
        self.generation = 0
        self.last_size = 0
        self._cancel = threading.Event()
        self._threads: list[threading.Thread] = []

    def request(self, spec: Any, path: str, category: str | None, crop: int | None = None) -> int:
        from studio.runner import Runner

        self.cancel()
        self.generation += 1
        self.last_size = spec.size
        generation, cancel = self.generation, threading.Event()
        self._cancel = cancel
        runner = Runner(self.store, self.registry)

        def work() -> None:
            try:
                result: Any = runner.preview(spec, path, category, cancel, crop)
            except BaseException as exc:  # noqa: BLE001 - delivered to the UI as a message
                result = exc
            self.finished.emit(generation, result)

        thread = threading.Thread(target=work, name=f"studio-preview-{generation}", daemon=True)
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()
        return generation

    def cancel(self) -> None:
        self._cancel.set()

    def shutdown(self, timeout: float = 10.0) -> None:
        """Cancel and wait for running previews: torch work killed at interpreter exit aborts."""
        self.cancel()
        for thread in self._threads:
            thread.join(timeout)


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.settings = settings
        form = QFormLayout(self)
        self.output = QLineEdit(settings.output_folder)
        self.output.setPlaceholderText(self.tr("next to the input: a <folder>-<style> folder per job"))
        self.device = QComboBox()
        self.device.addItems(["auto", "cpu", "cuda", "mps"])
        self.device.setCurrentText(settings.device)
        self.size = QSpinBox()
        self.size.setRange(0, 8192)
        self.size.setSpecialValueText(self.tr("the style's own"))
        self.size.setValue(settings.working_size)
        from studio.registry import saved_disabled_plugins

        self.disabled = QLineEdit(", ".join(sorted(saved_disabled_plugins())))
        self.disabled.setObjectName("disabled_plugins")
        self.disabled.setPlaceholderText(self.tr("plugin or package names, comma-separated (applies on restart)"))
        form.addRow(self.tr("Default output folder"), self.output)
        form.addRow(self.tr("Device"), self.device)
        form.addRow(self.tr("Working size (px)"), self.size)
        form.addRow(self.tr("Disabled style plugins"), self.disabled)
        # Each language named in itself, so a user who cannot read the current one finds theirs.
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem(self.tr("System default"), SYSTEM_LANGUAGE)
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        form.addRow(self.tr("Language (applies on restart)"), self.language)
        self.debug = QCheckBox(self.tr("Record plugin tracebacks in failed images (for plugin authors)"))
        self.debug.setChecked(settings.debug)
        form.addRow("", self.debug)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        self.settings.output_folder = self.output.text().strip()
        self.settings.device = self.device.currentText()
        self.settings.working_size = self.size.value()
        self.settings.debug = self.debug.isChecked()
        self.settings.language = self.language.currentData()
        self.settings.save()
        from studio.registry import save_disabled_plugins

        save_disabled_plugins(self.disabled.text().split(","))
        super().accept()


class QueueView(QWidget):
    """Jobs with progress, counts, ETA and status; pause, resume, cancel, remove, reorder, open
    the output folder; the selected job's failed items with their reasons."""

    report_ready = Signal(int, object)  # job id, the report's path or the exception

    COLUMNS = (QT_TRANSLATE_NOOP("QueueView", "Job"), QT_TRANSLATE_NOOP("QueueView", "Style"),
               QT_TRANSLATE_NOOP("QueueView", "Status"), QT_TRANSLATE_NOOP("QueueView", "Progress"),
               QT_TRANSLATE_NOOP("QueueView", "Done"), QT_TRANSLATE_NOOP("QueueView", "Failed"),
               QT_TRANSLATE_NOOP("QueueView", "Total"), QT_TRANSLATE_NOOP("QueueView", "ETA"),
               QT_TRANSLATE_NOOP("QueueView", "Output"))

    def __init__(self, store: JobStore, queue: JobQueue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.queue = store, queue
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("QueueView", name) for name in self.COLUMNS])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.failures = QListWidget()
        self.failures.setMaximumHeight(140)
        # Two rows (the job's state; its results), so the tab fits a small screen.
        buttons = QVBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        # English labels are the keys of self.buttons; the buttons show them translated.
        for group in (((QT_TRANSLATE_NOOP("QueueView", "Pause"), self._pause),
                       (QT_TRANSLATE_NOOP("QueueView", "Resume"), self._resume),
                       (QT_TRANSLATE_NOOP("QueueView", "Cancel"), self._cancel),
                       (QT_TRANSLATE_NOOP("QueueView", "Remove"), self._remove),
                       (QT_TRANSLATE_NOOP("QueueView", "Move up"), lambda: self._move(-1)),
                       (QT_TRANSLATE_NOOP("QueueView", "Move down"), lambda: self._move(1))),
                      ((QT_TRANSLATE_NOOP("QueueView", "Browse results"), self._browse),
                       (QT_TRANSLATE_NOOP("QueueView", "Review report"), self._report),
                       (QT_TRANSLATE_NOOP("QueueView", "Open output folder"), self._open))):
            row = QHBoxLayout()
            for label, action in group:
                button = QPushButton(QCoreApplication.translate("QueueView", label))
                button.clicked.connect(action)
                row.addWidget(button)
                self.buttons[label] = button
            row.addStretch(1)
            buttons.addLayout(row)
        self.report_note = QLabel("")
        self.report_note.setWordWrap(True)
        self.report_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.last_report: Path | None = None
        self.open_reports = True  # tests turn the browser off
        self.report_ready.connect(self._report_written)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.report_note)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel(self.tr("Images of the selected job to look at (failed, or styled whole-frame):")))
        layout.addWidget(self.failures)
        self.progress: dict[int, tuple[float, float | None]] = {}  # job id → (fraction, eta seconds)
        self._update_buttons()

    def _selection_changed(self) -> None:
        self._update_buttons()
        self._show_failures()

    #: Which job states each state-changing button applies to (a finished job is not paused).
    ACTIONS_BY_STATE = {"Pause": {QUEUED, RUNNING}, "Resume": {PAUSED, "interrupted", "cancelled", "failed", "new"},
                        "Cancel": {QUEUED, RUNNING, PAUSED, "interrupted", "new"}}

    def _update_buttons(self) -> None:
        """The job buttons act on the selected job: without one they are off, not silent;
        Pause, Resume and Cancel only where they mean something for its state."""
        job = self.selected_job()
        status = self.store.job_status(job) if job is not None else None
        for label, button in self.buttons.items():
            states = self.ACTIONS_BY_STATE.get(label)
            button.setEnabled(job is not None and (states is None or status in states))

    def refresh(self) -> None:
        selected = self.selected_job()
        jobs = self.store.jobs()
        tasks = list(self.queue.tasks)
        self.table.setRowCount(len(jobs) + len(tasks))
        for row, job in enumerate(jobs):
            spec = self.store.spec(job["id"])
            counts = self.store.counts(job["id"])
            total = sum(counts.values())
            finished = counts["done"] + counts["failed"] + counts["skipped"]
            fraction, eta = self.progress.get(job["id"], (finished / total if total else 1.0, None))
            if job["status"] != RUNNING:
                fraction, eta = (finished / total if total else 1.0), None
            status = QCoreApplication.translate("QueueView", STATUS_WORDS.get(job["status"], job["status"]))
            cells = [f"#{job['id']}", spec.style, status, None,
                     str(counts["done"]), str(counts["failed"]), str(total), "" if eta is None else about(eta),
                     spec.output]
            for column, text in enumerate(cells):
                if text is None:
                    bar = self.table.cellWidget(row, column)
                    if not isinstance(bar, QProgressBar):
                        bar = QProgressBar()
                        self.table.setCellWidget(row, column, bar)
                    bar.setValue(round(fraction * 100))
                    failed = job["status"] == "failed"
                    # A failed job must not look like a finished one: red, and says how many failed.
                    bar.setFormat(self.tr("{count} failed").format(count=counts["failed"]) if failed else "%p%")
                    bar.setStyleSheet("QProgressBar::chunk { background-color: #c0392b; }" if failed else "")
                    continue
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, job["id"])
                self.table.setItem(row, column, item)
            if job["id"] == selected:
                self.table.selectRow(row)
        for row, task in enumerate(tasks, start=len(jobs)):
            self._task_row(row, task)
        self._update_buttons()
        self._show_failures()

    def _task_row(self, row: int, task: Any) -> None:
        """A training run: listed with its state, so one waiting behind a job is visible."""
        state = task.state
        if state == "waiting":
            state = (self.tr("waiting for job #{job}").format(job=task.after_job) if task.after_job is not None
                     else self.tr("starting"))
        elif state == "running":
            state = self.tr("training")
        else:  # how it ended
            state = {"finished": self.tr("finished"), "paused": self.tr("paused"), "stopped": self.tr("stopped"),
                     "failed": self.tr("failed")}.get(state, state)
        if self.table.cellWidget(row, 3) is not None:
            self.table.removeCellWidget(row, 3)
        cells = [self.tr("training"), task.name, state, "", "", "", "", "", task.message]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, None)  # not a job: the job buttons stay off
            self.table.setItem(row, column, item)

    def selected_job(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        job = None if item is None else item.data(Qt.ItemDataRole.UserRole)
        return None if job is None else int(job)

    def job_progress(self, job_id: int) -> float:
        """The progress bar's value (0-100) for a job, as shown."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == job_id:
                bar = self.table.cellWidget(row, 3)
                return float(bar.value()) if isinstance(bar, QProgressBar) else 0.0
        return 0.0

    def _show_failures(self) -> None:
        self.failures.clear()
        job_id = self.selected_job()
        if job_id is None:
            return
        for item in self.store.items(job_id):
            if item.status == "failed":
                self.failures.addItem(self.tr("failed: {name}: {reason}").format(name=Path(item.input).name,
                                                                                  reason=item.reason))
                if item.info.get("traceback"):  # recorded with the debug setting
                    self.failures.item(self.failures.count() - 1).setToolTip(item.info["traceback"])
            elif item.status == "done" and (reason := whole_frame_reason(item.info)):
                # The whole photo was painted: to check before publishing.
                self.failures.addItem(self.tr("styled whole-frame: {name}: {reason}").format(
                    name=Path(item.input).name, reason=reason))

    def _pause(self) -> None:
        if (job := self.selected_job()) is not None:
            self.queue.pause(job)

    def _resume(self) -> None:
        if (job := self.selected_job()) is not None:
            self.queue.resume(job)

    def _cancel(self) -> None:
        if (job := self.selected_job()) is not None:
            self.queue.cancel(job)

    def _remove(self) -> None:
        if (job := self.selected_job()) is not None:
            self.queue.remove(job)

    def _move(self, offset: int) -> None:
        if (job := self.selected_job()) is not None:
            self.store.move(job, offset)
            self.refresh()

    def _report(self) -> None:
        """Write the selected job's review report off the UI thread (it measures every image),
        then open it in the browser."""
        if (job := self.selected_job()) is None:
            return
        self.buttons["Review report"].setEnabled(False)
        self.report_note.setText(self.tr("Writing the review report of job #{job}…").format(job=job))

        def work() -> None:
            from studio.report import write_report

            try:
                result: Any = write_report(self.store, job)
            except Exception as exc:  # noqa: BLE001 - shown in the tab
                result = exc
            self.report_ready.emit(job, result)

        threading.Thread(target=work, name=f"studio-report-{job}", daemon=True).start()

    def _report_written(self, job: int, result: Any) -> None:
        self._update_buttons()
        if isinstance(result, BaseException):
            self.report_note.setText(self.tr("The report of job #{job} could not be written: {error}").format(
                job=job, error=result))
            return
        self.report_note.setText(self.tr("Review report of job #{job}: {path}").format(job=job, path=result))
        self.last_report = Path(result)
        if self.open_reports:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(result)))

    def _browse(self) -> None:
        from studio.gui.results import ResultsDialog

        if (job := self.selected_job()) is not None:
            self.results = ResultsDialog(self.store, job, self)
            self.results.open()

    def _open(self) -> None:
        if (job := self.selected_job()) is None:
            return
        folder = Path(self.store.spec(job).output)
        if not folder.is_dir():
            QMessageBox.information(self, self.tr("Open output folder"),
                                    self.tr("The folder does not exist yet:\n{folder}").format(folder=folder))
        elif not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            QMessageBox.information(self, self.tr("Open output folder"),
                                    self.tr("No file manager could open it here. The results are in:\n{folder}").format(
                                        folder=folder))


class MainWindow(QMainWindow):
    thumbnail_ready = Signal(str, str)  # style name, rendered thumbnail file

    def __init__(self, store: JobStore | None = None, start_worker: bool = True,
                 remember_geometry: bool = True) -> None:
        super().__init__()
        self.remember_geometry = remember_geometry
        from studio.registry import load_registry

        self.setWindowTitle(self.tr("Style Studio"))
        self.settings = Settings.load()
        self.store = store or JobStore(paths.job_db_path())
        self.registry = load_registry()
        self.bridge = EventBridge()
        self.queue = JobQueue(self.store, self.registry, self.bridge)
        self.queue.debug = self.settings.debug
        self.previews = PreviewController(self.store, self.registry)
        self.previews.finished.connect(self._preview_finished)
        self._last_event = time.monotonic()

        self.inputs = InputList()
        self.inputs.inputs_changed.connect(self._inputs_changed)
        self.inputs.currentItemChanged.connect(lambda *_: self.request_preview())
        self.input_count = QLabel(self.tr("No inputs yet: drop folders or images here, or File → Add folder."))
        self.gallery = StyleGallery()
        self.thumbnail_ready.connect(self.gallery.set_thumbnail)
        self.gallery.currentItemChanged.connect(lambda *_: self._style_changed())
        self.form = ParamForm()
        self.form.changed.connect(self.request_preview)
        # Product-safe choices of every style (the CLI's --background and --people).
        self.background = QComboBox()
        self.background.setObjectName("background")
        for text, mode, tip in ((self.tr("Keep as photographed"), "keep", self.tr("Only the product is styled")),
                                (self.tr("Style it too"), "style", self.tr("The whole photo is styled")),
                                (self.tr("Make it transparent"), "transparent",
                                 self.tr("A PNG/WebP cut-out of the styled product"))):
            self.background.addItem(text, mode)
            self.background.setItemData(self.background.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.people = QComboBox()
        self.people.setObjectName("people")
        for text, mode in ((self.tr("Keep as photographed"), "keep"), (self.tr("Style them too"), "style")):
            self.people.addItem(text, mode)
        self.people.setToolTip(self.tr("On-model shots: faces, arms and legs are left as photographed, or styled too"))
        for combo in (self.background, self.people):
            combo.currentIndexChanged.connect(lambda *_: self.request_preview())
        self.preserve_colors = QCheckBox(self.tr("Keep the product's colours"))
        self.preserve_colors.setObjectName("preserve_colors")
        self.preserve_colors.setToolTip(self.tr("The style adds its texture, not its palette: a red shoe stays red"))
        self.preserve_colors.toggled.connect(lambda *_: self.request_preview())
        self.preview = BeforeAfter()
        self.output = QLineEdit()
        self.output.setPlaceholderText(self.tr("output folder"))
        self._output_suggested = True  # until the user types or picks a folder
        self.output.textEdited.connect(self._output_edited)
        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.clicked.connect(self.request_preview)
        self.cancel_preview_button = QPushButton(self.tr("Cancel preview"))
        self.cancel_preview_button.clicked.connect(self._cancel_preview)
        self.queue_button = QPushButton(self.tr("Add to queue"))
        self.queue_button.setDefault(True)
        self.queue_button.clicked.connect(self.add_to_queue)

        self.input_count.setWordWrap(True)
        for combo in (self.background, self.people):
            # Long choices must not set the window's width: the list shows them whole.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(QLabel(self.tr("<b>1. Inputs</b>")))
        left_layout.addWidget(self.inputs, 3)
        left_layout.addWidget(self.input_count)
        left_layout.addWidget(QLabel(self.tr("<b>2. Style</b>")))
        left_layout.addWidget(self.gallery, 2)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.addWidget(QLabel(self.tr("<b>3. Settings</b>")))
        middle_layout.addWidget(self.form)
        safe = QFormLayout()
        safe.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        safe.addRow(self.tr("Background"), self.background)
        safe.addRow(self.tr("People"), self.people)
        safe.addRow("", self.preserve_colors)
        middle_layout.addLayout(safe)
        middle_layout.addLayout(self._output_settings())
        middle_layout.addStretch(1)
        # The settings scroll on a short screen instead of pushing the window taller.
        middle_scroll = QScrollArea()
        middle_scroll.setWidget(middle)
        middle_scroll.setWidgetResizable(True)
        middle_scroll.setFrameShape(QFrame.Shape.NoFrame)
        middle_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        middle_scroll.setMinimumWidth(240)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(QLabel(self.tr("<b>4. Preview</b> (drag the divider)")))
        right_layout.addWidget(self.preview, 1)
        self.actual_size = QPushButton("100 %")
        self.actual_size.setCheckable(True)
        self.actual_size.setToolTip(self.tr("Show the preview pixel for pixel (drag to pan); double-click the preview "
                                            "to switch"))
        self.actual_size.toggled.connect(self.preview.set_actual_size)
        self.preview.zoom_changed.connect(self.actual_size.setChecked)
        actions = QHBoxLayout()
        actions.addWidget(self.preview_button)
        actions.addWidget(self.cancel_preview_button)
        actions.addStretch(1)
        actions.addWidget(self.actual_size)
        right_layout.addLayout(actions)
        columns = QSplitter()
        columns.setChildrenCollapsible(False)
        for widget, stretch in ((left, 3), (middle_scroll, 2), (right, 4)):
            columns.addWidget(widget)
            columns.setStretchFactor(columns.count() - 1, stretch)
        # Where the job goes and the button that queues it: one bar under every column, so
        # "Add to queue" is on screen whatever the window's size.
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Output folder")))
        bar.addWidget(self.output, 1)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse_output)
        bar.addWidget(browse)
        bar.addWidget(self.queue_button)
        style_tab = QWidget()
        style_layout = QVBoxLayout(style_tab)
        style_layout.setContentsMargins(0, 0, 0, 4)
        style_layout.addWidget(columns, 1)
        style_layout.addLayout(bar)
        self.columns = columns

        self.queue_view = QueueView(self.store, self.queue)
        self.training = TrainingPanel(self.queue, self.bridge)
        self.training.model_exported.connect(self._model_exported)
        self.tabs = QTabWidget()
        self.tabs.addTab(style_tab, self.tr("Style"))
        self.tabs.addTab(self.queue_view, self.tr("Queue"))
        self.tabs.addTab(self.training, self.tr("Fine-tune"))
        self.setCentralWidget(self.tabs)
        self.statusBar().showMessage(self.tr("Device: {device}").format(device=self._device_name()))
        self._menus()
        self.bridge.event.connect(self._on_event)
        self.reload_styles()
        self.queue_view.refresh()
        self._restore_geometry()
        if start_worker:
            self.store.recover_interrupted()  # before the worker looks for work
            self.queue.start()

    # setup ---------------------------------------------------------------------------------
    def _output_settings(self) -> QFormLayout:
        """Output format and JPEG/WebP quality (the CLI's --format and --quality)."""
        self.format = QComboBox()
        self.format.setObjectName("format")
        for text, value in ((self.tr("Same as each photo"), "keep"), ("PNG", "png"), ("JPEG", "jpg"), ("WebP", "webp")):
            self.format.addItem(text, value)
        self.format.setCurrentIndex(max(0, self.format.findData(self.settings.output_format)))
        self.quality = QSpinBox()
        self.quality.setObjectName("quality")
        self.quality.setRange(1, 100)
        self.quality.setValue(self.settings.quality)
        self.quality.setToolTip(self.tr("JPEG and WebP quality, 1-100 (PNG is lossless)"))

        def changed() -> None:
            self.settings.output_format = self.format.currentData()
            self.settings.quality = self.quality.value()
            self.quality.setEnabled(self.format.currentData() != "png")

        self.format.currentIndexChanged.connect(lambda *_: changed())
        self.quality.valueChanged.connect(lambda *_: changed())
        changed()
        form = QFormLayout()
        form.addRow(self.tr("Save as"), self.format)
        form.addRow(self.tr("Quality"), self.quality)
        return form

    def preset_values(self) -> dict[str, Any]:
        """The current style settings, as a preset saves them."""
        return {"style": self.gallery.selected_style(), "params": self.form.values(),
                "style_images": list(self.form.style_images()), "background": self.background.currentData(),
                "people": self.people.currentData(), "preserve_colors": self.preserve_colors.isChecked(),
                "format": self.format.currentData(),
                "quality": self.quality.value()}

    def save_preset(self, name: str) -> None:
        from studio.gui.settings import save_preset

        save_preset(name, self.preset_values())
        self._fill_presets_menu()
        self.statusBar().showMessage(self.tr("Saved the preset {name}").format(name=name), 5000)

    def apply_preset(self, name: str) -> None:
        """Select the preset's style and set what it saved; what no longer exists (a style
        removed since) is said, not guessed."""
        from studio.gui.settings import load_preset

        try:
            values = load_preset(name)
        except ValueError as exc:
            show_error(self, self.tr("Cannot load the preset"), str(exc))
            return
        style = values.get("style")
        if style not in self.registry.models:
            show_error(self, self.tr("Cannot load the preset"),
                       self.tr("The preset {name} uses the style {style}, which is not installed any more.").format(
                           name=repr(name), style=repr(style)))
            return
        for row in range(self.gallery.count()):
            if self.gallery.item(row).data(Qt.ItemDataRole.UserRole) == style:
                self.gallery.setCurrentRow(row)
        declared = {param.name: param for param in self.registry.get(style).model.params}
        for name, value in (values.get("params") or {}).items():
            if name in declared and name in self.form.setters:
                try:
                    self.form.setters[name](declared[name].parse(value))
                except (TypeError, ValueError):
                    pass  # a value this version of the style refuses: its default stays
        images = values.get("style_images") or []
        if images and self.form.style_image is not None:
            index = self.form.style_image.findData(images[0])
            if index < 0 and Path(images[0]).is_file():
                self.form.style_image.addItem(Path(images[0]).name, images[0])
                index = self.form.style_image.count() - 1
            if index >= 0:
                self.form.style_image.setCurrentIndex(index)
        for combo, key in ((self.background, "background"), (self.people, "people"), (self.format, "format")):
            if (index := combo.findData(values.get(key))) >= 0:
                combo.setCurrentIndex(index)
        self.preserve_colors.setChecked(bool(values.get("preserve_colors")))
        if isinstance(values.get("quality"), int):
            self.quality.setValue(values["quality"])
        self.statusBar().showMessage(self.tr("Loaded the preset {name}").format(name=name), 5000)

    def _save_preset_dialog(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        name, ok = QInputDialog.getText(self, self.tr("Save preset"),
                                        self.tr("Name of the preset (style and its settings):"))
        if ok and name.strip():
            try:
                self.save_preset(name)
            except (ValueError, OSError) as exc:
                show_error(self, self.tr("Cannot save the preset"), str(exc))

    def _fill_presets_menu(self) -> None:
        from studio.gui.settings import preset_names

        self.presets_menu.clear()
        names = preset_names()
        for name in names:
            action = QAction(name, self)
            action.triggered.connect(lambda _=False, n=name: self.apply_preset(n))
            self.presets_menu.addAction(action)
        if not names:
            empty = QAction(self.tr("(none saved yet)"), self)
            empty.setEnabled(False)
            self.presets_menu.addAction(empty)

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        for text, shortcut, slot in ((self.tr("Add &folder…"), QKeySequence.StandardKey.Open, self._add_folder),
                                     (self.tr("Add &images…"), "Ctrl+Shift+O", self._add_files),
                                     (self.tr("Add the images a &review rejected…"), "", self._add_rejections),
                                     (self.tr("&Clear inputs"), "Ctrl+Shift+Backspace", self.inputs.clear_inputs),
                                     (self.tr("&Preview"), "Ctrl+P", self.request_preview),
                                     (self.tr("Add to &queue"), "Ctrl+Return", self.add_to_queue),
                                     (self.tr("&Settings…"), QKeySequence.StandardKey.Preferences, self._settings),
                                     (self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(slot)
            file_menu.addAction(action)
        presets = self.menuBar().addMenu(self.tr("&Presets"))
        save = QAction(self.tr("&Save the current settings as a preset…"), self)
        save.triggered.connect(self._save_preset_dialog)
        presets.addAction(save)
        self.presets_menu = presets.addMenu(self.tr("&Load a preset"))
        self._fill_presets_menu()
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About Style Studio"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _device_name(self) -> str:
        try:
            from studio.devices import resolve_device

            device = resolve_device(self.settings.device)
        except Exception as exc:  # noqa: BLE001
            return self.tr("unavailable ({error})").format(error=exc)
        if device.type == "cuda":
            import torch

            return self.tr("GPU: {name}").format(name=torch.cuda.get_device_name(device))
        return device.type.upper()

    def _restore_geometry(self) -> None:
        if self.settings.window_geometry and self.remember_geometry:
            self.restoreGeometry(QByteArray.fromBase64(self.settings.window_geometry.encode()))
        else:
            self.resize(1280, 800)

    def reload_styles(self, select: str | None = None) -> None:
        from studio.bundled import DEFAULT_STYLE_IMAGE, gatys_thumbnail, style_images
        from studio.model_files import find_model_files
        from studio.registry import load_registry

        self.registry = load_registry()
        self.queue.registry = self.previews.registry = self.registry
        styles = [entry.describe() for entry in self.registry.models.values()]
        broken = [{"plugin": b.plugin, "reason": b.reason} for b in self.registry.broken]
        thumbnails: dict[str, str] = {}
        models, _ = find_model_files()
        for model in models:
            preview = model.card.get("preview")
            if preview and (model.weights.parent / preview).is_file():
                thumbnails[model.name] = str(model.weights.parent / preview)
        names = {style["name"] for style in styles}
        # A second name for a style listed anyway (cgan for catalog) would be a duplicate tile.
        styles = [s for s in styles if not (s.get("alias_of") and s["alias_of"] in names)]
        bundled = style_images()
        rendered = gatys_thumbnail()
        if rendered is not None:  # the bundled bag painted by Gatys with its default style image
            thumbnails.setdefault("gatys", str(rendered))
        elif DEFAULT_STYLE_IMAGE in bundled:
            thumbnails.setdefault("gatys", str(bundled[DEFAULT_STYLE_IMAGE]))
        wanted = select or self.gallery.selected_style() or "wave"
        self.gallery.populate(styles, broken, thumbnails, wanted)
        if self.gallery.currentItem() is None and self.gallery.count():
            # Never a silent switch: say which style is gone and why, and what is selected.
            self.gallery.setCurrentRow(0)
            why = next((b["reason"] for b in broken if b["plugin"] == wanted), None)
            disabled = ", ".join(self.registry.disabled)
            why = why or (self.tr("not installed, or in a disabled plugin: {plugins}").format(plugins=disabled)
                          if disabled else self.tr("not installed"))
            self.statusBar().showMessage(self.tr("The style {style} is not available ({reason}); selected "
                                                 "{selected} instead").format(
                style=repr(wanted), reason=why, selected=repr(self.gallery.selected_style())), 0)
        self._render_missing_thumbnails([s["name"] for s in styles if s["name"] not in thumbnails
                                         and not s["capabilities"].get("iterative")])

    def _render_missing_thumbnails(self, names: list[str]) -> None:
        """A third party's style has no preview file: render one, the bundled bag styled at
        thumbnail size, off the UI thread, and cache it (by the style's fingerprint)."""
        from studio.bundled import samples_dir

        bag = samples_dir() / "bag_cutout.png"
        if not names or not bag.is_file():
            return
        registry, cache = self.registry, paths.cache_dir() / "thumbnails"

        def work() -> None:
            from dataclasses import replace

            from studio.runner import Runner
            from studio.submit import JobRequest, build_spec

            for name in names:
                try:
                    entry = registry.get(name)
                    spec = build_spec(JobRequest(inputs=(str(bag),), output=str(cache), style=name, size=160),
                                      registry)
                    target = cache / f"{entry.distribution or entry.plugin}-{name}-{spec.key()[:12]}.png"
                    if not target.is_file():
                        result = Runner(self.store, registry).preview(replace(spec, people="style"), str(bag))
                        target.parent.mkdir(parents=True, exist_ok=True)
                        tensor_to_qimage(result.after, result.after_alpha).save(str(target))
                except Exception:  # noqa: BLE001 - no thumbnail is no harm; the style still works
                    continue
                self.thumbnail_ready.emit(name, str(target))

        thread = threading.Thread(target=work, name="studio-thumbnails", daemon=True)
        self._thumbnail_threads = [t for t in getattr(self, "_thumbnail_threads", []) if t.is_alive()] + [thread]
        thread.start()

    # inputs, style, preview -----------------------------------------------------------------
    def add_inputs(self, paths: list[str]) -> int:
        return self.inputs.add_paths(paths)

    def _add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a folder of product photos"))
        if folder:
            self.add_inputs([folder])

    def _add_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Add product photos"), "",
                                                self.tr("Images (*.png *.jpg *.jpeg *.webp *.tif *.tiff *.bmp *.gif)"))
        if files:
            self.add_inputs(files)

    def add_rejections(self, path: str) -> int:
        """The images rejected in a review report (its 'Save rejections' file) become the
        inputs, to be styled again with other settings into a new folder."""
        from studio.report import read_rejections

        inputs, _ = read_rejections(path)
        self.inputs.clear_inputs()
        self._output_suggested = True
        return self.add_inputs(inputs)

    def _add_rejections(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Rejections of a review report"), "",
                                              self.tr("Review rejections (*.json)"))
        if path:
            try:
                count = self.add_rejections(path)
            except Exception as exc:  # noqa: BLE001 - a wrong file is said, not raised
                show_error(self, self.tr("Cannot use that file"), str(exc))
                return
            self.statusBar().showMessage(
                self.tr("{count} rejected images added: pick the new settings, then queue").format(count=count), 8000)

    def _inputs_changed(self) -> None:
        count = len(self.inputs.image_paths())
        folders = sum(1 for r in self.inputs.roots if Path(r).is_dir())
        self.input_count.setText(self.tr("{count} images from {folders} folder(s) and {files} file(s)").format(
            count=count, folders=folders, files=len(self.inputs.roots) - folders) if count
            else self.tr("No images found in what was added."))
        self.suggest_output()
        self.request_preview()

    def suggest_output(self) -> None:
        """Each job gets a folder of its own (``<input>-<style>``, made unique) until the user
        picks one: the suggestion follows the inputs and the style, so a second style never
        lands in the first one's folder."""
        from studio.output_folder import suggest_output_folder

        style = self.gallery.selected_style()
        if not self._output_suggested or not self.inputs.roots or not style:
            return
        first = Path(self.inputs.roots[0])
        base = Path(self.settings.output_folder) if self.settings.output_folder else first.parent
        self.output.setText(str(suggest_output_folder(base, first.stem, style, self.store)))

    def _output_edited(self) -> None:
        self._output_suggested = not self.output.text().strip()

    def _browse_output(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Output folder"), self.output.text())
        if folder:
            self.output.setText(folder)
            self._output_suggested = False

    def _style_changed(self) -> None:
        from studio.bundled import style_images

        name = self.gallery.selected_style()
        if name is None or name not in self.registry.models:
            return
        entry = self.registry.get(name)
        self.form.build(entry.model, style_images(), entry.categories)
        self.suggest_output()
        self.request_preview()

    def _request(self, size: int | None = None) -> Any:
        """The current settings as a job request (the same validation as studio-batch)."""
        from studio.submit import JobRequest

        style = self.gallery.selected_style()
        if not style:
            raise ValueError(self.tr("pick a style first"))
        return JobRequest(
            inputs=tuple(self.inputs.roots), output=self.output.text().strip(), style=style,
            params=self.form.values(), style_images=self.form.style_images(),
            size=size or (self.settings.working_size or None), device=self.settings.device,
            format=self.format.currentData(), quality=self.quality.value(), background=self.background.currentData(),
            people=self.people.currentData(), preserve_colors=self.preserve_colors.isChecked(),
            **self.form.category_settings())

    def request_preview(self) -> None:
        """Preview the selected image with the current settings (supersedes a running one)."""
        from dataclasses import replace

        from studio.submit import build_spec

        path = self.inputs.selected_path()
        if path is None or self.gallery.selected_style() is None:
            return
        try:
            request = replace(self._request(), inputs=(path,), output=str(paths.cache_dir() / "preview"))
            spec = build_spec(request, self.registry)
        except Exception as exc:  # noqa: BLE001 - bad settings are shown, not raised
            self.preview.show_failure(self.tr("Cannot preview: {error}").format(error=exc))
            return
        category = self.form.category_settings().get("category") or self._folder_category(path)
        iterative = getattr(self.registry.get(spec.style).model.capabilities, "iterative", False)
        crop = PREVIEW_CROP if iterative else None
        self.previews.request(spec, path, category, crop)
        if crop:
            message = self.tr("Previewing a {crop} px crop of {name} at {size} px…").format(
                crop=PREVIEW_CROP, name=Path(path).name, size=spec.size)
        else:
            message = self.tr("Previewing the whole photo of {name} at {size} px…").format(
                name=Path(path).name, size=spec.size)
        self.preview.show_message(message)

    def _folder_category(self, path: str) -> str | None:
        for root in self.inputs.roots:
            try:
                parts = Path(path).relative_to(root).parts
            except ValueError:
                continue
            if len(parts) > 1:
                return parts[0]
        return None

    def _cancel_preview(self) -> None:
        self.previews.cancel()
        self.preview.show_message(self.tr("Preview cancelled."))

    def _preview_finished(self, generation: int, result: Any) -> None:
        from studio.errors import Cancelled

        if generation != self.previews.generation:
            return  # superseded
        if isinstance(result, Cancelled):
            return
        if isinstance(result, BaseException):
            self.preview.show_failure(self.tr("Preview failed: {error}").format(error=result))
            return
        working = max(result.info.get("working_size") or [0])
        if result.box is not None:
            caption = self.tr("a crop, styled at the job's working size ({size} px), as the job will write it").format(
                size=self.previews.last_size)
        else:
            caption = self.tr("styled at {size} px, shown as the job will write it").format(size=working)
        self.preview.show_images(tensor_to_qimage(result.before, result.before_alpha),
                                 tensor_to_qimage(result.after, result.after_alpha), caption)

    # queue --------------------------------------------------------------------------------
    def add_to_queue(self) -> int | None:
        """Validate the settings and queue the job; returns its id (None if refused)."""
        from studio.output_folder import OutputFolderTaken
        from studio.submit import build_spec, plan_job, register_job, skip_existing_outputs

        try:
            spec = build_spec(self._request(), self.registry)
            plan = plan_job(spec, self.registry)
            if not plan.items and not plan.rejected:
                raise ValueError(self.tr("no images to style: add a folder or images first"))
            kept = 0
            try:
                job_id = register_job(self.store, spec, plan)
            except OutputFolderTaken as taken:
                choice = self.confirm_overwrite(taken)
                if choice is None:
                    return None
                if choice == "new":  # the same job, into a folder of its own
                    self._output_suggested = True
                    self._suggest_beside(spec.output)
                    return self.add_to_queue()
                job_id = register_job(self.store, spec, plan, force=True)
                if choice == "skip":
                    kept = skip_existing_outputs(self.store, job_id)
            self.store.put_in_queue(job_id)
        except Exception as exc:  # noqa: BLE001
            show_error(self, self.tr("Cannot queue the job"), str(exc), traceback.format_exc())
            return None
        self.queue.notify()
        self.queue_view.refresh()
        self.suggest_output()  # the next job gets a folder of its own
        if kept:
            text = self.tr("Queued job #{job}: {count} images ({kept} already in the folder kept as they are)").format(
                job=job_id, count=len(plan.items), kept=kept)
        else:
            text = self.tr("Queued job #{job}: {count} images").format(job=job_id, count=len(plan.items))
        self.statusBar().showMessage(text, 5000)
        return job_id

    def _suggest_beside(self, taken_folder: str) -> None:
        """A new folder next to the one in use, named after the inputs and style, made unique."""
        from studio.output_folder import suggest_output_folder

        first = Path(self.inputs.roots[0]) if self.inputs.roots else Path(taken_folder)
        style = self.gallery.selected_style() or "styled"
        self.output.setText(str(suggest_output_folder(Path(taken_folder).parent, first.stem, style, self.store)))
        self._output_suggested = False

    def confirm_overwrite(self, taken: Any) -> str | None:
        """The output folder holds another job's outputs: ask what to do. Returns ``"new"``
        (a new folder beside it, the default), ``"skip"`` (keep the files there, style only
        the photos without one), ``"replace"`` or None (cancel: nothing queued)."""
        if taken.files:
            text = self.tr("The output folder already holds {count} results of another job.").format(
                count=len(taken.files))
        else:
            text = self.tr("The output folder already holds the results of another job.")
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Output folder in use"), text, parent=self)
        box.setInformativeText(self.tr("Write this job into a new folder, keep the files that are there and style "
                                       "only the other photos, or replace them?"))
        box.setDetailedText(str(taken))
        choices = {
            box.addButton(self.tr("New folder"), QMessageBox.ButtonRole.AcceptRole): "new",
            box.addButton(self.tr("Skip existing"), QMessageBox.ButtonRole.ActionRole): "skip",
            box.addButton(self.tr("Replace them"), QMessageBox.ButtonRole.DestructiveRole): "replace",
        }
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(next(iter(choices)))
        box.setEscapeButton(cancel)
        box.exec()
        return choices.get(box.clickedButton())

    def _on_event(self, event: Any) -> None:
        self._last_event = time.monotonic()
        if isinstance(event, JobProgress) and self.queue.current_job is not None:
            self.queue_view.progress[self.queue.current_job] = (event.job_fraction, event.eta_seconds)
            self.queue_view.refresh()
        elif isinstance(event, (JobStarted, JobFinished, QueueChanged, ItemDone, ItemFailed)):
            self.queue_view.refresh()
            if isinstance(event, JobFinished):
                self._job_finished(event)
        elif isinstance(event, TaskFinished) and event.error is not None:
            show_error(self, self.tr("Background task failed"),
                       self.tr("{name} stopped on an error: {error}").format(name=event.name, error=event.error),
                       "".join(traceback.format_exception(event.error)))

    def _job_finished(self, event: JobFinished) -> None:
        """Say so where the user is looking, and flash the taskbar entry if they are not."""
        from PySide6.QtWidgets import QApplication

        s = event.summary
        if event.cancelled:
            text = self.tr("Job #{job} stopped: {done} done; the rest can be resumed from the Queue tab").format(
                job=event.job_id, done=s["done"])
        elif whole := len(s.get("whole_frame") or []):
            text = self.tr("Job #{job} finished: {counts}, {whole} styled whole-frame (check them)").format(
                job=event.job_id, counts=counts_line(s), whole=whole)
        else:
            text = self.tr("Job #{job} finished: {counts}").format(job=event.job_id, counts=counts_line(s))
        self.statusBar().showMessage(text, 0)
        QApplication.alert(self)

    def offer_resume(self) -> None:
        """After a crash: jobs left running are offered for resume."""
        interrupted = self.store.interrupted_jobs()
        if not interrupted:
            return
        answer = QMessageBox.question(
            self, self.tr("Resume unfinished jobs?"),
            self.tr("{count} job(s) stopped before they finished when the app last closed. Resume them "
                    "now? Finished images are kept. (No leaves them paused: Resume in the Queue tab.)").format(
                count=len(interrupted)))
        for job_id in interrupted:
            self.store.set_job_status(job_id, QUEUED if answer == QMessageBox.StandardButton.Yes else PAUSED)
        self.queue.notify()
        self.queue_view.refresh()

    def _model_exported(self, name: str) -> None:
        self.reload_styles(select=name)
        self.statusBar().showMessage(self.tr("New style {name} is in the gallery").format(name=name), 8000)

    # dialogs ------------------------------------------------------------------------------
    def _settings(self) -> None:
        if SettingsDialog(self.settings, self).exec():
            self.queue.debug = self.settings.debug
            self.statusBar().showMessage(self.tr("Device: {device}").format(device=self._device_name()))

    def _about(self) -> None:
        import PySide6
        import torch

        QMessageBox.about(self, self.tr("About Style Studio"),
                          self.tr("<b>Style Studio</b> {version}<br>Python {python}, torch {torch}, PySide6 {pyside}"
                                  "<br>Device: {device}<br>Data: {data}").format(
                              version=__version__, python=platform.python_version(), torch=torch.__version__,
                              pyside=PySide6.__version__, device=self._device_name(), data=paths.data_dir()))

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        if self.remember_geometry:
            self.settings.window_geometry = bytes(self.saveGeometry().toBase64()).decode()
            try:
                self.settings.save()
            except OSError:
                pass
        self.previews.shutdown()
        for thread in getattr(self, "_thumbnail_threads", []):
            thread.join(10)  # torch work killed at interpreter exit aborts the process
        self.queue.stop()
        self.inputs.shutdown()
        super().closeEvent(event)

