"""Reusable widgets: the input drop list, the style gallery, the parameter form generated from
a model's declared parameters, the before/after split view and a small curve plot."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QPointF, QRectF, QRunnable, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QImageReader, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDoubleSpinBox, QFileDialog, QFormLayout, QHBoxLayout,
    QLineEdit, QListWidget, QListWidgetItem, QPushButton, QSizePolicy, QSlider, QSpinBox, QToolButton, QVBoxLayout,
    QWidget,
)

from studio.images import IMAGE_SUFFIXES

THUMB = 96


def tensor_to_qimage(rgb: Any, alpha: Any = None) -> QImage:
    """A ``(3, H, W)`` float tensor in [0, 1] (and optional ``(1, H, W)`` alpha) as a QImage."""
    import torch

    channels = rgb if alpha is None else torch.cat([rgb, alpha.reshape(1, *rgb.shape[-2:])], dim=0)
    pixels = (channels.clamp(0, 1) * 255).round().to(torch.uint8).permute(1, 2, 0).contiguous().numpy()
    h, w, c = pixels.shape
    fmt = QImage.Format.Format_RGBA8888 if c == 4 else QImage.Format.Format_RGB888
    return QImage(pixels.data, w, h, w * c, fmt).copy()  # copy: the numpy buffer goes away


def image_files(paths: Sequence[str | Path]) -> list[Path]:
    """Image files in ``paths`` (folders searched recursively, hidden entries skipped)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES
                            and not any(part.startswith(".") for part in p.relative_to(path).parts))
        elif path.suffix.lower() in IMAGE_SUFFIXES:
            found.append(path)
    return found


class _ThumbnailSignals(QObject):
    ready = Signal(str, QImage)


class _ThumbnailJob(QRunnable):
    """Decodes a thumbnail off the UI thread (QImageReader scales JPEGs while decoding)."""

    def __init__(self, path: str, signals: _ThumbnailSignals) -> None:
        super().__init__()
        self.path, self.signals = path, signals

    def run(self) -> None:
        reader = QImageReader(self.path)
        reader.setAutoTransform(True)
        size = reader.size()
        if size.isValid() and size.width() > 0 and size.height() > 0:
            reader.setScaledSize(size.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        if not image.isNull():
            self.signals.ready.emit(self.path, image)


class InputList(QListWidget):
    """The drop zone and inputs list: takes dropped folders and files; shows thumbnails."""

    inputs_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setGridSize(QSize(THUMB + 24, THUMB + 28))
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.roots: list[str] = []  # what the user added: folders and files
        self._items: dict[str, QListWidgetItem] = {}
        self._signals = _ThumbnailSignals()
        self._signals.ready.connect(self._thumbnail_ready)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        # Thumbnails are decoded only for items scrolled into view: a 5,000-photo folder
        # lists at once and decodes what is looked at.
        self._requested: set[str] = set()
        self.verticalScrollBar().valueChanged.connect(lambda *_: self._request_visible())

    def add_paths(self, paths: Sequence[str | Path]) -> int:
        """Add folders and files; returns how many images were added."""
        added = 0
        for raw in paths:
            path = str(Path(raw).resolve())
            if path in self.roots or not Path(path).exists():
                continue
            self.roots.append(path)
            for file in image_files([path]):
                key = str(file)
                if key in self._items:
                    continue
                item = QListWidgetItem(file.name)
                item.setToolTip(key)
                item.setData(Qt.ItemDataRole.UserRole, key)
                self.addItem(item)
                self._items[key] = item
                added += 1
        if self.currentRow() < 0 and self.count():
            self.setCurrentRow(0)
        self.doItemsLayout()
        self._request_visible()
        self.inputs_changed.emit()
        return added

    def _request_visible(self) -> None:
        """Queue thumbnails of the items in view (and a screenful ahead) not asked for yet."""
        view = self.viewport().rect()
        ahead = view.adjusted(0, 0, 0, view.height())
        for key, item in self._items.items():
            if key not in self._requested and self.visualItemRect(item).intersects(ahead):
                self._requested.add(key)
                self._pool.start(_ThumbnailJob(key, self._signals))

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._request_visible()

    def clear_inputs(self) -> None:
        self.clear()
        self.roots.clear()
        self._items.clear()
        self._requested.clear()
        self.inputs_changed.emit()

    def shutdown(self) -> None:
        """Wait for thumbnail decoders (Qt aborts the process if its threads outlive it)."""
        self._pool.clear()
        self._pool.waitForDone(5000)

    def image_paths(self) -> list[str]:
        return list(self._items)

    def selected_path(self) -> str | None:
        item = self.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _thumbnail_ready(self, path: str, image: QImage) -> None:
        item = self._items.get(path)
        if item is not None:
            item.setIcon(QIcon(QPixmap.fromImage(image)))

    # drag and drop -----------------------------------------------------------------------
    def dragEnterEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    dragMoveEvent = dragEnterEvent  # noqa: N815

    def dropEvent(self, event: Any) -> None:  # noqa: N802
        urls = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            self.add_paths(urls)
            event.acceptProposedAction()
        else:
            super().dropEvent(event)


class StyleGallery(QListWidget):
    """Every style model from the registry with its preview thumbnail; broken plugins greyed
    out with their reason."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setGridSize(QSize(THUMB + 40, THUMB + 36))
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setMovement(QListWidget.Movement.Static)
        self.setWordWrap(True)

    def populate(self, styles: Sequence[dict[str, Any]], broken: Sequence[dict[str, Any]],
                 thumbnails: dict[str, str], select: str | None = None) -> None:
        self.clear()
        for style in styles:
            # A style's own texts come from its plugin: the catalog has the built-in ones
            # (context "styles"); a third party's show as the plugin wrote them.
            item = QListWidgetItem(QCoreApplication.translate("styles", style["title"]))
            item.setData(Qt.ItemDataRole.UserRole, style["name"])
            description = QCoreApplication.translate("styles", style["description"])
            tip = f"{style['name']} ({style['plugin']})\n{description}"
            if style.get("categories"):
                tip += "\n" + self.tr("categories: {categories}").format(categories=", ".join(style["categories"]))
            item.setToolTip(tip)
            thumb = thumbnails.get(style["name"])
            if thumb:
                pixmap = QPixmap(thumb)
                if pixmap.width() > 1.5 * pixmap.height():
                    # A model card's preview grid: photos on top, styled below; show the first styled one.
                    half = pixmap.height() // 2
                    pixmap = pixmap.copy(0, half, half, half)
                if not pixmap.isNull():
                    item.setIcon(QIcon(pixmap.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                                      Qt.TransformationMode.SmoothTransformation)))
            self.addItem(item)
            if style["name"] == select:
                self.setCurrentItem(item)
        for plugin in broken:
            item = QListWidgetItem(self.tr("{plugin} (broken)").format(plugin=plugin["plugin"]))
            item.setFlags(Qt.ItemFlag.NoItemFlags)  # greyed, not selectable
            item.setToolTip(plugin["reason"])
            item.setData(Qt.ItemDataRole.UserRole, None)
            self.addItem(item)

    def selected_style(self) -> str | None:
        item = self.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def set_thumbnail(self, name: str, path: str) -> None:
        """Show a thumbnail rendered later (a third party's style without a preview file)."""
        pixmap = QPixmap(path)
        if pixmap.isNull():
            return
        for row in range(self.count()):
            item = self.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == name:
                item.setIcon(QIcon(pixmap.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation)))


class _FloatSlider(QWidget):
    """A slider and a spin box kept in step, for a float parameter with a range."""

    changed = Signal()
    STEPS = 1000

    def __init__(self, low: float, high: float, value: float, log_scale: bool = False) -> None:
        super().__init__()
        self.low, self.high, self.log = low, high, log_scale and low > 0
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, self.STEPS)
        self.spin = QDoubleSpinBox()
        self.spin.setRange(low, high)
        self.spin.setDecimals(2 if high - low >= 1 else 4)
        self.spin.setSingleStep((high - low) / 100)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slider, 3)
        layout.addWidget(self.spin, 1)
        self.slider.valueChanged.connect(self._from_slider)
        self.spin.valueChanged.connect(self._from_spin)
        self.set_value(value)

    def _to_position(self, value: float) -> int:
        if self.log:
            t = (math.log(value) - math.log(self.low)) / (math.log(self.high) - math.log(self.low))
        else:
            t = (value - self.low) / (self.high - self.low) if self.high > self.low else 0.0
        return round(max(0.0, min(1.0, t)) * self.STEPS)

    def _from_position(self, position: int) -> float:
        t = position / self.STEPS
        if self.log:
            return math.exp(math.log(self.low) + t * (math.log(self.high) - math.log(self.low)))
        return self.low + t * (self.high - self.low)

    def _from_slider(self, position: int) -> None:
        self.spin.blockSignals(True)
        self.spin.setValue(self._from_position(position))
        self.spin.blockSignals(False)
        self.changed.emit()

    def _from_spin(self, value: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(self._to_position(value))
        self.slider.blockSignals(False)
        self.changed.emit()

    def set_value(self, value: float) -> None:
        self.spin.setValue(value)

    def value(self) -> float:
        return float(self.spin.value())


class ColorButton(QPushButton):
    """A colour parameter: a swatch button that opens the colour picker; value ``#rrggbb``."""

    changed = Signal()

    def __init__(self, value: str) -> None:
        super().__init__()
        self._value = ""
        self.set_value(value)
        self.clicked.connect(self._pick)

    def value(self) -> str:
        return self._value

    def set_value(self, value: str) -> None:
        colour = QColor(value)
        if colour.isValid():
            self._value = colour.name()  # "#rrggbb"
            text = "black" if colour.lightness() > 140 else "white"
            self.setText(self._value)
            self.setStyleSheet(f"background-color: {self._value}; color: {text};")

    def _pick(self) -> None:
        from PySide6.QtWidgets import QColorDialog

        colour = QColorDialog.getColor(QColor(self._value), self, self.tr("Pick a colour"))
        if colour.isValid() and colour.name() != self._value:
            self.set_value(colour.name())
            self.changed.emit()


class ParamForm(QWidget):
    """A form generated from a style model's declared :class:`studio.api.Param` list, plus a
    style-image picker for models that need one and the category settings of category models."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.layout_ = QFormLayout()
        outer.addLayout(self.layout_)
        # Technical settings (Param.advanced) stay out of the way, one click from view.
        self.more = QToolButton()
        self.more.setObjectName("more_settings")
        self.more.setText(self.tr("More settings"))
        self.more.setCheckable(True)
        self.more.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more.setArrowType(Qt.ArrowType.RightArrow)
        self.more.setAutoRaise(True)
        self.advanced = QWidget()
        self.advanced_layout = QFormLayout(self.advanced)
        self.advanced_layout.setContentsMargins(12, 0, 0, 0)
        self.advanced.setVisible(False)
        self.more.toggled.connect(self._show_more)
        outer.addWidget(self.more)
        outer.addWidget(self.advanced)
        self.getters: dict[str, Callable[[], Any]] = {}
        self.setters: dict[str, Callable[[Any], None]] = {}
        self._types: dict[str, str] = {}
        self._defaults: dict[str, Any] = {}
        self.style_image: QComboBox | None = None
        self.category: QComboBox | None = None
        self.unknown: QComboBox | None = None
        self.manifest: QLineEdit | None = None

    def _show_more(self, shown: bool) -> None:
        self.advanced.setVisible(shown)
        self.more.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def build(self, model: Any, style_images: dict[str, Path], categories: Sequence[str] = ()) -> None:
        """The form for ``model``; settings the user changed on the previous model that this
        one has too (same name and type, a value it accepts) are kept, so a strength picked
        once follows the switch; untouched settings take the new model's own defaults (Gatys's
        strength 0.5 is not the house styles' 1.0)."""
        kept = {name: (self._types.get(name), getter()) for name, getter in self.getters.items()
                if getter() != self._defaults.get(name)}
        kept_image = self.style_image.currentData() if self.style_image is not None else None
        while self.layout_.rowCount():
            self.layout_.removeRow(0)
        while self.advanced_layout.rowCount():
            self.advanced_layout.removeRow(0)
        self.getters.clear()
        self.setters.clear()
        self._types: dict[str, str] = {}
        self._defaults: dict[str, Any] = {}
        self.style_image = self.category = self.unknown = self.manifest = None
        for param in model.params:
            widget, getter, setter = self._editor(param)
            widget.setToolTip(QCoreApplication.translate("styles", param.help))
            widget.setObjectName(f"param_{param.name}")
            advanced = bool(getattr(param, "advanced", False))
            (self.advanced_layout if advanced else self.layout_).addRow(
                QCoreApplication.translate("styles", param.name.replace("_", " ")), widget)
            self.getters[param.name], self.setters[param.name] = getter, setter
            self._types[param.name] = param.type
            self._defaults[param.name] = getter()
            old_type, old_value = kept.get(param.name, (None, None))
            if old_type == param.type:
                try:
                    setter(param.parse(old_value))
                except (TypeError, ValueError):
                    pass  # out of this model's range: its own default stays
        self.more.setVisible(self.advanced_layout.rowCount() > 0)
        if model.capabilities.needs_style_images:
            self.style_image = QComboBox()
            self.style_image.setObjectName("style_image")
            from studio.bundled import DEFAULT_STYLE_IMAGE

            for name, path in sorted(style_images.items()):
                self.style_image.addItem(name, str(path))
            # The same default as studio-batch (and the gallery thumbnail shows it).
            self.style_image.setCurrentIndex(max(0, self.style_image.findText(DEFAULT_STYLE_IMAGE)))
            browse = QPushButton(self.tr("Browse…"))
            browse.clicked.connect(self._browse_style_image)
            row = QWidget()
            layout = QHBoxLayout(row)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(self.style_image, 1)
            layout.addWidget(browse)
            if kept_image is not None and (index := self.style_image.findData(kept_image)) >= 0:
                self.style_image.setCurrentIndex(index)
            self.style_image.currentIndexChanged.connect(self.changed)
            self.layout_.addRow(self.tr("style image"), row)
        if categories:
            self.category = QComboBox()
            self.category.setObjectName("category")
            self.category.addItem(self.tr("(from sub-folder names)"), "")
            for label in categories:
                self.category.addItem(label, label)
            self.unknown = QComboBox()
            self.unknown.setObjectName("unknown_category")
            self.unknown.addItem(self.tr("fail the image"), "fail")
            self.unknown.addItem(self.tr("skip the image"), "skip")
            for label in categories:
                self.unknown.addItem(self.tr("use {category}").format(category=label), label)
            self.manifest = QLineEdit()
            self.manifest.setPlaceholderText(self.tr("optional CSV/JSON manifest: path → category"))
            self.category.currentIndexChanged.connect(self.changed)
            self.layout_.addRow(self.tr("category"), self.category)
            self.layout_.addRow(self.tr("unknown category"), self.unknown)
            self.layout_.addRow(self.tr("manifest"), self.manifest)

    def _editor(self, param: Any) -> tuple[QWidget, Callable[[], Any], Callable[[Any], None]]:
        """The control for ``param``, its value getter and setter."""
        if param.type == "color":
            button = ColorButton(str(param.default))
            button.changed.connect(self.changed)
            return button, button.value, lambda v: button.set_value(str(v))
        if param.type == "bool":
            box = QCheckBox()
            box.setChecked(bool(param.default))
            box.toggled.connect(self.changed)
            return box, box.isChecked, lambda v: box.setChecked(bool(v))
        if param.type == "choice":
            combo = QComboBox()
            combo.addItems(list(param.choices))
            combo.setCurrentText(str(param.default))
            combo.currentIndexChanged.connect(self.changed)
            return combo, combo.currentText, lambda v: combo.setCurrentText(str(v))
        if param.type == "int":
            spin = QSpinBox()
            spin.setRange(int(param.min if param.min is not None else -1_000_000),
                          int(param.max if param.max is not None else 1_000_000))
            spin.setValue(int(param.default))
            spin.valueChanged.connect(self.changed)
            return spin, spin.value, lambda v: spin.setValue(int(v))
        if param.type == "float" and param.min is not None and param.max is not None:
            slider = _FloatSlider(float(param.min), float(param.max), float(param.default), param.log_scale)
            slider.changed.connect(self.changed)
            return slider, slider.value, lambda v: slider.set_value(float(v))
        if param.type == "float":
            spin = QDoubleSpinBox()
            spin.setRange(param.min if param.min is not None else -1e9, param.max if param.max is not None else 1e9)
            spin.setDecimals(4)
            spin.setValue(float(param.default))
            spin.valueChanged.connect(self.changed)
            return spin, spin.value, lambda v: spin.setValue(float(v))
        line = QLineEdit(str(param.default))
        line.editingFinished.connect(self.changed)
        return line, line.text, lambda v: line.setText(str(v))

    def _browse_style_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Style image"), "",
                                              self.tr("Images (*.png *.jpg *.jpeg *.webp)"))
        if path and self.style_image is not None:
            self.style_image.addItem(Path(path).name, path)
            self.style_image.setCurrentIndex(self.style_image.count() - 1)

    def values(self) -> dict[str, Any]:
        return {name: getter() for name, getter in self.getters.items()}

    def style_images(self) -> tuple[str, ...]:
        return () if self.style_image is None else (str(self.style_image.currentData()),)

    def category_settings(self) -> dict[str, str]:
        if self.category is None or self.unknown is None or self.manifest is None:
            return {}
        return {"category": self.category.currentData() or "", "unknown_category": self.unknown.currentData(),
                "categories_file": self.manifest.text().strip()}


def paint_checkerboard(painter: QPainter, rect: QRectF, cell: int = 8) -> None:
    """The usual sign of transparency behind a cut-out (white and light grey squares)."""
    painter.save()
    painter.setClipRect(rect)
    painter.fillRect(rect, QColor(255, 255, 255))
    grey = QColor(204, 204, 204)
    top, left = int(rect.top()), int(rect.left())
    for row, y in enumerate(range(top, int(rect.bottom()) + 1, cell)):
        for column, x in enumerate(range(left + (row % 2) * cell, int(rect.right()) + 1, 2 * cell)):
            painter.fillRect(x, y, cell, cell, grey)
    painter.restore()


class BeforeAfter(QWidget):
    """The preview: the original on the left of a draggable divider, the result on the right.
    Fit to the widget, or at 100 % (one image pixel per screen pixel) and panned by dragging;
    double-click switches. A checkerboard shows through transparent pixels."""

    zoom_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.before: QImage | None = None
        self.after: QImage | None = None
        self.split = 0.5
        self.actual_size = False
        self.pan = QPointF(0, 0)  # at 100 %: the image centre's offset from the widget's centre
        self.caption = ""
        self.failed = False  # the last preview failed (its reason is the message)
        self.message = self.tr("Drop a folder of product photos, pick a style, then Preview.")
        self._dragging: str | None = None
        self._last = QPointF()
        self.setMinimumSize(240, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_images(self, before: QImage, after: QImage | None, caption: str = "") -> None:
        self.before, self.after, self.message, self.caption = before, after, "", caption
        self.failed = False
        self.update()

    def show_message(self, message: str) -> None:
        self.message = message
        self.failed = False
        self.update()

    def show_failure(self, message: str) -> None:
        """The preview failed: the old images go (they no longer match the settings) and the
        reason takes their place."""
        self.before = self.after = None
        self.caption = ""
        self.show_message(message)
        self.failed = True

    def set_actual_size(self, on: bool) -> None:
        """100 % (True) or fit to the widget (False)."""
        if on != self.actual_size:
            self.actual_size, self.pan = on, QPointF(0, 0)
            self.zoom_changed.emit(on)
            self.update()

    def _target(self) -> QRectF:
        assert self.before is not None
        if self.actual_size:
            ratio = self.devicePixelRatioF() or 1.0
            w, h = self.before.width() / ratio, self.before.height() / ratio
            self._clamp_pan(w, h)
            return QRectF((self.width() - w) / 2 + self.pan.x(), (self.height() - h) / 2 + self.pan.y(), w, h)
        size = self.before.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        return QRectF((self.width() - size.width()) / 2, (self.height() - size.height()) / 2, size.width(),
                      size.height())

    def _clamp_pan(self, w: float, h: float) -> None:
        """Pan no further than the image's edge reaching the widget's."""
        limit_x, limit_y = max(0.0, (w - self.width()) / 2), max(0.0, (h - self.height()) / 2)
        self.pan = QPointF(max(-limit_x, min(limit_x, self.pan.x())), max(-limit_y, min(limit_y, self.pan.y())))

    def paintEvent(self, event: Any) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(236, 236, 236))
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, not self.actual_size)
        if self.before is not None:
            target = self._target()
            if self.before.hasAlphaChannel() or (self.after is not None and self.after.hasAlphaChannel()):
                paint_checkerboard(painter, target.intersected(QRectF(self.rect())))
            painter.drawImage(target, self.before)
            if self.after is not None:
                cut = self._cut(target)
                painter.save()
                painter.setClipRect(QRectF(cut, target.top(), target.right() - cut, target.height()))
                if self.after.hasAlphaChannel():  # the original must not show through the cut-out
                    paint_checkerboard(painter, QRectF(cut, target.top(), target.right() - cut, target.height()))
                painter.drawImage(target, self.after)
                painter.restore()
                painter.setPen(QPen(QColor(255, 255, 255), 2))
                painter.drawLine(QPointF(cut, max(0.0, target.top())), QPointF(cut, min(self.height(), target.bottom())))
            painter.setPen(QColor(40, 40, 40))
            painter.drawText(QRectF(6, 4, 80, 20), self.tr("before"))
            after_label = self.tr("after")
            width = max(44, painter.fontMetrics().horizontalAdvance(after_label) + 2)  # a translation may be wider
            painter.drawText(QRectF(self.width() - width - 2, 4, width, 20), after_label)
            if self.caption:
                painter.drawText(QRectF(6, self.height() - 22, self.width() - 12, 20),
                                 int(Qt.AlignmentFlag.AlignHCenter), self.caption)
        if self.message:
            painter.setPen(QColor(60, 60, 60))
            painter.drawText(self.rect().adjusted(12, 12, -12, -12),
                             int(Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignHCenter) | int(
                                 Qt.TextFlag.TextWordWrap), self.message)

    def _cut(self, target: QRectF) -> float:
        """The divider's x: a share of what is visible of the image."""
        left, right = max(0.0, target.left()), min(float(self.width()), target.right())
        return left + self.split * (right - left)

    def mousePressEvent(self, event: Any) -> None:  # noqa: N802
        if self.before is None:
            return
        x = event.position().x()
        near_divider = abs(x - self._cut(self._target())) <= 12
        self._dragging = "pan" if self.actual_size and not near_divider else "divider"
        self._last = event.position()
        if self._dragging == "divider":
            self._move_divider(x)

    def mouseMoveEvent(self, event: Any) -> None:  # noqa: N802
        if self.before is None or self._dragging is None:
            return
        if self._dragging == "pan":
            self.pan += event.position() - self._last
            self._last = event.position()
            self.update()
        else:
            self._move_divider(event.position().x())

    def mouseReleaseEvent(self, event: Any) -> None:  # noqa: N802
        self._dragging = None

    def mouseDoubleClickEvent(self, event: Any) -> None:  # noqa: N802
        if self.before is not None:
            self.set_actual_size(not self.actual_size)

    def _move_divider(self, x: float) -> None:
        target = self._target()
        left, right = max(0.0, target.left()), min(float(self.width()), target.right())
        if right > left:
            self.split = max(0.0, min(1.0, (x - left) / (right - left)))
            self.update()


class CurvePlot(QWidget):
    """Live curves with optional horizontal reference lines (e.g. D = 1/2, V = -log 4)."""

    COLORS = (QColor(31, 119, 180), QColor(214, 39, 40), QColor(44, 160, 44), QColor(148, 103, 189))

    def __init__(self, title: str, series: Sequence[str], references: dict[str, float] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.series: dict[str, list[tuple[float, float]]] = {name: [] for name in series}
        self.references = dict(references or {})
        self.setMinimumSize(180, 120)

    def add(self, step: float, values: dict[str, float]) -> None:
        for name, value in values.items():
            if name in self.series and value is not None and math.isfinite(value):
                self.series[name].append((step, float(value)))
        self.update()

    def clear(self) -> None:
        for points in self.series.values():
            points.clear()
        self.update()

    def point_count(self) -> int:
        return sum(len(p) for p in self.series.values())

    def paintEvent(self, event: Any) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(255, 255, 255))
        plot = QRectF(40, 22, max(10, self.width() - 50), max(10, self.height() - 44))
        painter.setPen(QColor(90, 90, 90))
        painter.drawText(QRectF(0, 2, self.width(), 18), int(Qt.AlignmentFlag.AlignHCenter), self.title)
        painter.drawRect(plot)
        points = [p for series in self.series.values() for p in series]
        values = [v for _, v in points] + list(self.references.values())
        if not points:
            painter.drawText(plot, int(Qt.AlignmentFlag.AlignCenter), self.tr("waiting for the first metrics…"))
            return
        x0, x1 = min(s for s, _ in points), max(s for s, _ in points)
        y0, y1 = min(values), max(values)
        if x1 == x0:
            x1 = x0 + 1
        if y1 - y0 < 1e-9:
            y0, y1 = y0 - 0.5, y1 + 0.5
        pad = (y1 - y0) * 0.05
        y0, y1 = y0 - pad, y1 + pad

        def to_screen(step: float, value: float) -> QPointF:
            return QPointF(plot.left() + (step - x0) / (x1 - x0) * plot.width(),
                           plot.bottom() - (value - y0) / (y1 - y0) * plot.height())

        painter.drawText(QRectF(0, plot.top() - 6, 38, 14), int(Qt.AlignmentFlag.AlignRight), f"{y1:.2g}")
        painter.drawText(QRectF(0, plot.bottom() - 8, 38, 14), int(Qt.AlignmentFlag.AlignRight), f"{y0:.2g}")
        for label, value in self.references.items():
            painter.setPen(QPen(QColor(120, 120, 120), 1, Qt.PenStyle.DashLine))
            a, b = to_screen(x0, value), to_screen(x1, value)
            painter.drawLine(a, b)
            painter.drawText(QPointF(plot.left() + 4, a.y() - 3), label)
        legend_x = plot.left() + 4
        for (name, series), color in zip(self.series.items(), self.COLORS):
            painter.setPen(QPen(color, 1.6))
            if len(series) > 1:
                path = QPainterPath(to_screen(*series[0]))
                for point in series[1:]:
                    path.lineTo(to_screen(*point))
                painter.drawPath(path)
            elif series:
                painter.drawEllipse(to_screen(*series[0]), 2, 2)
            painter.drawText(QPointF(legend_x, plot.bottom() + 16), name)
            legend_x += 8 * len(name) + 18

