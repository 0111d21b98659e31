"""The fine-tuning panel: train a fast style (or a category model) from the user's own examples
with the same engine as ``studio-train``, on the device worker thread, with live curves."""

from __future__ import annotations

import math
import shlex
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDoubleSpinBox, QFileDialog, QFormLayout, QFrame, QGridLayout, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QScrollArea, QSizePolicy, QSpinBox, QVBoxLayout, QWidget,
)

from studio.gui.widgets import CurvePlot


@dataclass(frozen=True)
class TrainingStep:
    """One logged training step, as shown by the panel."""

    report: Any  # studio.training.loop.StepReport
    total_steps: int
    sample: str | None


@dataclass(frozen=True)
class TrainingNote:
    """What the training run is doing between steps (loading data)."""

    message: str


@dataclass(frozen=True)
class TrainingEnded:
    state: str  # finished, paused, stopped, failed
    message: str
    model: str | None = None


class TrainingPanel(QWidget):
    """Content/style folders, name and hyper-parameters; Start, Pause, Stop; curves of loss_D and
    loss_G, D(x) and D(G(z)) with the equilibrium at 1/2, and V with its reference -log 4."""

    model_exported = Signal(str)

    def __init__(self, queue: Any, bridge: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.queue, self.bridge = queue, bridge
        self.task: Any = None  # the queue's TaskInfo of the last run started
        self._cancel_reason: str | None = None
        self._running = False
        self._resume_next = False
        self.counts: dict[str, QLabel] = {}
        # What each folder holds, as the count and the core's messages about it name it.
        self.what = {"content": self.tr("product photos"), "style": self.tr("style examples")}
        form = QFormLayout()
        self.content = self._folder_row(form, self.tr("Product photos"), "content",
                                        self.tr("a folder of product photos"))
        self.style = self._folder_row(form, self.tr("Style examples"), "style", self.tr("a folder of style examples"))
        self.categories = QCheckBox(self.tr("One look per product category"))
        self.categories.setToolTip(self.tr("The style examples hold one sub-folder per product category "
                                           "(shoes/, bags/ …): trains a category model"))
        form.addRow("", self.categories)
        self.name = QLineEdit("my-look")
        self.name.setObjectName("name")
        form.addRow(self.tr("Name"), self.name)
        self.steps = QSpinBox()
        self.steps.setRange(1, 1_000_000)
        self.steps.setValue(2000)
        self.k = QSpinBox()
        self.k.setRange(1, 10)
        self.loss = QComboBox()
        self.loss.addItems(["nonsaturating", "minimax", "kl"])
        self.lr = QDoubleSpinBox()
        self.lr.setDecimals(5)
        self.lr.setRange(1e-5, 1e-2)
        self.lr.setSingleStep(1e-4)
        self.lr.setValue(2e-4)
        self.size = QSpinBox()
        self.size.setRange(16, 1024)
        self.size.setValue(128)
        for label, widget in ((self.tr("Steps"), self.steps), (self.tr("k (D steps per G step)"), self.k),
                              (self.tr("Generator loss"), self.loss), (self.tr("Learning rate"), self.lr),
                              (self.tr("Crop size"), self.size)):
            form.addRow(label, widget)
        buttons = QHBoxLayout()
        self.start = QPushButton(self.tr("Start"))
        self.pause = QPushButton(self.tr("Pause"))
        self.stop = QPushButton(self.tr("Stop and export"))
        for button in (self.start, self.pause, self.stop):
            buttons.addWidget(button)
        self.start.clicked.connect(self.start_training)
        self.pause.clicked.connect(lambda: self._interrupt("paused"))
        self.stop.clicked.connect(lambda: self._interrupt("stopped"))
        self.status = QLabel(self.tr("Not started."))
        self.status.setWordWrap(True)
        self.warning = QLabel("")
        self.warning.setStyleSheet("color: #b00020")
        self.warning.setWordWrap(True)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addLayout(buttons)
        left.addWidget(self.status)
        left.addWidget(self.warning)
        left.addStretch(1)
        self.losses = CurvePlot(self.tr("losses"), ["loss_D", "loss_G"])
        self.probabilities = CurvePlot(self.tr("D(x) and D(G(z))"), ["D(x)", "D(G(z))"], {"1/2": 0.5})
        self.value = CurvePlot(self.tr("value V(D, G)"), ["V"], {"-log 4": -math.log(4)})
        self.sample = QLabel(self.tr("The latest sample grid appears here."))
        self.sample.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sample.setMinimumSize(120, 120)
        self.sample.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        grid = QGridLayout()
        grid.addWidget(self.losses, 0, 0)
        grid.addWidget(self.probabilities, 0, 1)
        grid.addWidget(self.value, 1, 0)
        grid.addWidget(self.sample, 1, 1)
        # Scrolls rather than forcing a wide window: usable on a 1024 px screen.
        controls = QWidget()
        controls.setLayout(left)
        scroll = QScrollArea()
        scroll.setWidget(controls)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setMinimumWidth(300)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QHBoxLayout(self)
        layout.addWidget(scroll, 2)
        layout.addLayout(grid, 5)
        self._set_running(False)
        bridge.event.connect(self._on_event)

    def _folder_row(self, form: QFormLayout, label: str, name: str, placeholder: str) -> QLineEdit:
        what = self.what[name]
        line = QLineEdit()
        line.setObjectName(name)
        line.setPlaceholderText(placeholder)
        browse = QPushButton(self.tr("Browse…"))
        count = QLabel("")
        count.setObjectName(f"{name}_count")
        self.counts[name] = count
        line.editingFinished.connect(lambda: self._show_count(line, count, what))
        browse.clicked.connect(lambda: self._browse(line, count, what))
        row = QWidget()
        box = QVBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(line, 1)
        top.addWidget(browse)
        box.addLayout(top)
        box.addWidget(count)
        form.addRow(label, row)
        return line

    def _browse(self, line: QLineEdit, count: QLabel, what: str) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder"), line.text())
        if folder:
            line.setText(folder)
            self._show_count(line, count, what)

    def _show_count(self, line: QLineEdit, label: QLabel, what: str) -> bool:
        """Say how many images the folder holds (or why it cannot be used); True when usable."""
        from studio.errors import UsageError
        from studio.training.data import count_images

        try:
            count, more = count_images(line.text(), what)
        except UsageError as exc:
            label.setText(str(exc))
            label.setStyleSheet("color: #b00020")
            return False
        if more:
            label.setText(self.tr("{count}+ images").format(count=count))
        elif count == 1:
            label.setText(self.tr("{count} image").format(count=count))
        else:
            label.setText(self.tr("{count} images").format(count=count))
        label.setStyleSheet("")
        return True

    def _set_running(self, running: bool) -> None:
        self._running = running
        self.start.setEnabled(not running)
        self.pause.setEnabled(running)
        self.stop.setEnabled(running)

    def start_training(self) -> None:
        """Queue the training run on the device worker (resuming a paused run of that name)."""
        from studio import paths
        from studio.training.loop import TrainConfig

        name = self.name.text().strip()
        out = paths.data_dir() / "runs" / name
        # Checked before anything starts: an empty field once meant "every image under the
        # working folder", read into memory before the first step.
        usable = [self._show_count(line, self.counts[key], self.what[key])
                  for line, key in ((self.content, "content"), (self.style, "style"))]
        if not all(usable):
            problems = [self.counts[key].text() for key, ok in zip(("content", "style"), usable) if not ok]
            self.status.setText(self.tr("Cannot start: {reason}").format(reason="; ".join(problems)))
            return
        if not name:
            self.status.setText(self.tr("Cannot start: give the new look a name"))
            return
        try:
            config = TrainConfig(content_dir=self.content.text().strip(), style_dir=self.style.text().strip(),
                                 name=name, out=str(out), steps=self.steps.value(), k=self.k.value(),
                                 loss=self.loss.currentText(), lr=self.lr.value(), size=self.size.value(),
                                 batch=4, style_weight=1.0, adversarial_weight=0.1, log_every=5, sample_every=25,
                                 checkpoint_every=50, categories=self.categories.isChecked())
        except Exception as exc:  # noqa: BLE001 - shown, never raised into Qt
            self.status.setText(self.tr("Cannot start: {reason}").format(reason=exc))
            return
        resume = self._resume_next
        self._resume_next = False
        if not resume:
            for plot in (self.losses, self.probabilities, self.value):
                plot.clear()
        self.warning.setText("")
        self._cancel_reason = None
        self._set_running(True)
        self.task = self.queue.submit_task(self.tr("Fine-tune {name}").format(name=name),
                                           lambda cancel: self._train(config, resume, cancel))
        if getattr(self.task, "state", None) == "waiting" and self.task.after_job is not None:
            self.status.setText(self.tr("Waiting for job #{job} to finish: training starts after it "
                                        "(listed in the Queue tab).").format(job=self.task.after_job))
        else:
            self.status.setText(self.tr("Starting…"))

    def _interrupt(self, reason: str) -> None:
        self._cancel_reason = reason
        waiting = self.task is not None and self.task.state == "waiting"
        self.queue.cancel_task()
        if waiting:  # it never started: nothing to stop, nothing to export
            self._on_event(TrainingEnded("stopped", self.tr("Stopped before it started.")))
        else:
            self.status.setText(self.tr("Stopping at the next step…"))

    def _train(self, config: Any, resume: bool, cancel: threading.Event) -> TrainingEnded:
        """Runs on the device worker thread: the same Trainer and export as studio-train."""
        from studio import paths
        from studio.devices import resolve_device
        from studio.errors import Cancelled
        from studio.training.export import export_generator
        from studio.training.loop import Trainer

        try:
            self.bridge.on_event(TrainingNote(self.tr("Loading the data and VGG-19…")))
            trainer = Trainer(config, resolve_device("auto"))
            if resume:
                trainer.resume()
            samples = Path(config.out) / "samples"

            def on_step(report: Any) -> None:
                if report.step % config.log_every == 0 or report.step == config.steps:
                    latest = sorted(samples.glob("*.png"))[-1:] if samples.is_dir() else []
                    self.bridge.on_event(TrainingStep(report, config.steps, str(latest[0]) if latest else None))

            try:
                trainer.run(on_step=on_step, cancel=cancel)
            except Cancelled:
                if self._cancel_reason != "stopped":
                    ended = TrainingEnded("paused", self.tr("Paused at step {step}; Start continues.").format(
                        step=trainer.step))
                    self.bridge.on_event(ended)
                    return ended
            command = "studio-train " + " ".join(shlex.quote(a) for a in (
                "--content", config.content_dir, "--style", config.style_dir, "--name", config.name,
                "--steps", str(config.steps), "--k", str(config.k), "--loss", config.loss, "--lr", str(config.lr),
                "--size", str(config.size)) + (("--categories",) if config.categories else ()))
            model = export_generator(trainer, paths.models_dir(), config.name, "Trained in Style Studio.", command)
            ended = TrainingEnded("finished", self.tr("Exported {model} after {steps} steps.").format(
                model=model.name, steps=trainer.step), model.name)
        except Exception as exc:  # noqa: BLE001 - any failure is shown in the panel
            ended = TrainingEnded("failed", self.tr("Training failed: {error}").format(error=exc))
        self.bridge.on_event(ended)
        return ended

    def _on_event(self, event: Any) -> None:
        if isinstance(event, TrainingStep):
            r, m = event.report, event.report.metrics
            self.losses.add(r.step, {"loss_D": r.loss_d, "loss_G": r.loss_g})
            self.probabilities.add(r.step, {"D(x)": m.get("d_real"), "D(G(z))": m.get("d_fake")})
            self.value.add(r.step, {"V": m.get("value")})
            self.status.setText(self.tr("Step {step} of {total}: loss_D {loss_d}, loss_G {loss_g}").format(
                step=r.step, total=event.total_steps, loss_d=f"{r.loss_d:.3f}", loss_g=f"{r.loss_g:.3f}"))
            if r.mode_collapse:
                self.warning.setText(self.tr("Mode collapse warning at step {step}: outputs for different photos are "
                                             "near-identical. Try a lower learning rate or k = 2.").format(step=r.step))
            if event.sample:
                pixmap = QPixmap(event.sample)
                if not pixmap.isNull():
                    self.sample.setPixmap(pixmap.scaled(self.sample.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                        Qt.TransformationMode.SmoothTransformation))
        elif isinstance(event, TrainingNote):
            self.status.setText(event.message)
        elif isinstance(event, TrainingEnded):
            self._set_running(False)
            self.status.setText(event.message)
            self._resume_next = event.state == "paused"
            if event.model:
                self.model_exported.emit(event.model)
