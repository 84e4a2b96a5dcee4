"""The print preview (objectName printPreview): the real résumé PDF, rendered with QtPdf.

What the preview shows is the PDF that Print and Export PDF produce, page by page, so
what the user checks is what comes out. The page is rendered with QPdfDocument.render at
the zoom and the screen's pixel ratio into a label inside a scroll area, rather than with
QPdfView: QPdfView's fit modes paint nothing offscreen (reference/stack.md), and our own
fit-to-width / whole-page zooms are two lines of arithmetic. 100 % is the paper's real size.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QPalette, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QScrollArea,
    QSpinBox,
    QStyle,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from skillmatrix.report.fonts import ReportError
from skillmatrix.report.options import PrintOptions
from skillmatrix.ui.printing.page_rendering import PdfSource, ResumeJob, on_white, show_error
from skillmatrix.ui.printing.print_dialog import PrintChoicesDialog

ZOOM_STEPS = (0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)
MIN_ZOOM, MAX_ZOOM = 0.1, 4.0
PAGE_GAP = 24  # pixels of grey around the page


def _plain(text: str) -> str:
    """Returns an action's text without its mnemonic (「印刷(&P)…」 -> 「印刷」)."""
    return re.sub(r"\(&.\)", "", text).replace("&", "").rstrip("…")


class PageView(QScrollArea):
    """One page of a PDF at a zoom, or fitted to the width or to the whole view.

    Signals:
        zoom_changed(float): the effective zoom changed (also when fitting on resize).
    """

    zoom_changed = Signal(float)
    page_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("previewPageView")
        self.page_label = QLabel(objectName="previewPage")
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_label.setAccessibleName(self.tr("印刷プレビューのページ"))
        self.setWidget(self.page_label)
        self.setWidgetResizable(True)
        self.setBackgroundRole(QPalette.ColorRole.Dark)
        self.document: QPdfDocument | None = None
        self.page = 0
        self.zoom = 1.0
        self.fit: str | None = "page"  # 'width', 'page' or None (the zoom as set)

    def set_document(self, document: QPdfDocument) -> None:
        self.document = document
        self.page = min(self.page, document.pageCount() - 1)
        self.render()

    def set_page(self, page: int) -> None:
        if self.document is None:
            return
        page = max(0, min(page, self.document.pageCount() - 1))
        if page != self.page:
            self.page = page
            self.render()
            self.verticalScrollBar().setValue(0)

    def set_zoom(self, zoom: float) -> None:
        """Shows the page at zoom (1.0 = real size), no longer fitted."""
        self.fit = None
        self.zoom = max(MIN_ZOOM, min(zoom, MAX_ZOOM))
        self.render()

    def set_fit(self, mode: str) -> None:
        """Fits the page to the view's 'width' or shows the whole 'page'."""
        self.fit = mode
        self.render()

    def _points_to_pixels(self) -> float:
        return self.logicalDpiX() / 72.0

    def _fitted_zoom(self) -> float:
        if self.document is None:  # render() calls this only with a document
            return self.zoom
        size = self.document.pagePointSize(self.page)
        room = self.viewport().size() - QSize(PAGE_GAP, PAGE_GAP)
        width_zoom = room.width() / (size.width() * self._points_to_pixels())
        if self.fit == "width":
            return width_zoom
        return min(width_zoom, room.height() / (size.height() * self._points_to_pixels()))

    def render(self) -> None:
        """Renders the current page at the effective zoom."""
        if self.document is None or self.document.pageCount() == 0:
            return
        if self.fit:
            self.zoom = max(MIN_ZOOM, min(self._fitted_zoom(), MAX_ZOOM))
        ratio = self.devicePixelRatioF()
        size = self.document.pagePointSize(self.page) * (self.zoom * self._points_to_pixels() * ratio)
        image = on_white(self.document.render(self.page, size.toSize()))
        image.setDevicePixelRatio(ratio)
        self.page_label.setPixmap(QPixmap.fromImage(image))
        self.zoom_changed.emit(self.zoom)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.fit:
            self.render()

    def keyPressEvent(self, event) -> None:
        # Page Down scrolls through a zoomed page and then turns it, as in a PDF viewer.
        bar = self.verticalScrollBar()
        if event.modifiers() == Qt.KeyboardModifier.NoModifier:
            if event.key() == Qt.Key.Key_PageDown and bar.value() >= bar.maximum():
                self.page_requested.emit(self.page + 1)
                return
            if event.key() == Qt.Key.Key_PageUp and bar.value() <= bar.minimum():
                self.page_requested.emit(self.page - 1)
                if self.page > 0:
                    bar.setValue(bar.maximum())
                return
        super().keyPressEvent(event)

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.set_zoom(self.zoom * (1.25 if event.angleDelta().y() > 0 else 0.8))
            event.accept()
            return
        super().wheelEvent(event)


class PreviewDialog(QDialog):
    """The print preview of one résumé, with Print, Export PDF and the print choices.

    Args:
        job: the résumé and its print choices.
        print_source: prints a loaded PDF (the controller's printer flow).
        export_job: asks for a file name and writes the job's PDF there.
        choices_changed: called with new PrintOptions to remember them.
    """

    def __init__(
        self,
        job: ResumeJob,
        print_source: Callable[[PdfSource, str], object],
        export_job: Callable[[ResumeJob], object],
        choices_changed: Callable[[PrintOptions], None],
        parent: QWidget | None = None,
        settings=None,
    ):
        super().__init__(parent)
        self.setObjectName("printPreview")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self._print_source, self._export_job = print_source, export_job
        self._choices_changed = choices_changed
        self._settings = settings
        self.job = job
        self.source: PdfSource | None = None
        self.view = PageView(self)
        self.actions_by_name: dict[str, QAction] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._toolbar())
        layout.addWidget(self.view, 1)
        self.view.zoom_changed.connect(self._show_zoom)
        self.view.page_requested.connect(self.go_to)
        self.view.setFocus()
        self._restore_geometry()
        self.load(job)

    # -- building ------------------------------------------------------------------------------

    def _action(self, name: str, text: str, slot, keys=(), icon=None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        bindings = []
        for key in keys:
            bindings += (
                QKeySequence.keyBindings(key)
                if isinstance(key, QKeySequence.StandardKey)
                else [QKeySequence(key)]
            )
        if bindings:
            action.setShortcuts(bindings)
            key_text = bindings[0].toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{_plain(text)} ({key_text})")
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.triggered.connect(slot)
        self.addAction(action)
        self.actions_by_name[name] = action
        return action

    def _toolbar(self) -> QToolBar:
        SK, SP = QKeySequence.StandardKey, QStyle.StandardPixmap
        bar = QToolBar(self, objectName="previewToolBar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.addAction(self._action("previewPrint", self.tr("印刷(&P)…"), self.print_shown, [SK.Print]))
        bar.addAction(
            self._action(
                "previewExportPdf",
                self.tr("PDFに書き出す(&F)…"),
                lambda: self._export_job(self.job),
                [],
                SP.SP_DialogSaveButton,
            )
        )
        bar.addAction(self._action("previewChoices", self.tr("印刷の設定(&S)…"), self.change_choices))
        bar.addSeparator()
        plain = []
        for name, text, slot, keys, icon in (
            (
                "previewFirstPage",
                self.tr("最初のページ"),
                lambda: self.go_to(0),
                ["Ctrl+Home"],
                SP.SP_MediaSkipBackward,
            ),
            (
                "previewPreviousPage",
                self.tr("前のページ"),
                lambda: self.go_to(self.view.page - 1),
                ["Ctrl+PgUp"],
                SP.SP_MediaSeekBackward,
            ),
            (
                "previewNextPage",
                self.tr("次のページ"),
                lambda: self.go_to(self.view.page + 1),
                ["Ctrl+PgDown"],
                SP.SP_MediaSeekForward,
            ),
            (
                "previewLastPage",
                self.tr("最後のページ"),
                lambda: self.go_to(self.page_count() - 1),
                ["Ctrl+End"],
                SP.SP_MediaSkipForward,
            ),
        ):
            plain.append(self._action(name, text, slot, [QKeySequence(k) for k in keys], icon))
        for action in plain[:2]:
            bar.addAction(action)
            self._icon_only(bar, action)
        self.page_spin = QSpinBox(objectName="previewPageSpin")
        self.page_spin.setAccessibleName(self.tr("ページ"))
        self.page_spin.setKeyboardTracking(False)
        self.page_spin.valueChanged.connect(lambda value: self.go_to(value - 1))
        bar.addWidget(self.page_spin)
        for action in plain[2:]:
            bar.addAction(action)
            self._icon_only(bar, action)
        bar.addSeparator()
        bar.addAction(
            self._action("previewZoomOut", self.tr("縮小"), lambda: self.step_zoom(-1), [SK.ZoomOut])
        )
        self.zoom_combo = QComboBox(objectName="previewZoom")
        self.zoom_combo.setEditable(True)
        self.zoom_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zoom_combo.setAccessibleName(self.tr("倍率"))
        self.zoom_combo.addItems([f"{round(z * 100)}%" for z in ZOOM_STEPS])
        self.zoom_combo.setMinimumContentsLength(5)
        self.zoom_combo.textActivated.connect(self._zoom_typed)
        self.zoom_combo.lineEdit().returnPressed.connect(  # type: ignore[union-attr]  # editable: has one
            lambda: self._zoom_typed(self.zoom_combo.currentText())
        )
        bar.addWidget(self.zoom_combo)
        bar.addAction(self._action("previewZoomIn", self.tr("拡大"), lambda: self.step_zoom(1), [SK.ZoomIn]))
        bar.addAction(
            self._action(
                "previewFitWidth", self.tr("幅に合わせる"), lambda: self.view.set_fit("width"), ["Ctrl+2"]
            )
        )
        bar.addAction(
            self._action(
                "previewFitPage", self.tr("ページ全体"), lambda: self.view.set_fit("page"), ["Ctrl+1"]
            )
        )
        bar.addSeparator()
        bar.addAction(self._action("previewClose", self.tr("閉じる"), self.close, []))
        return bar

    @staticmethod
    def _icon_only(bar: QToolBar, action: QAction) -> None:
        # The arrows speak for themselves; their names are in the tooltips (and for
        # screen readers), which leaves the toolbar room for the zoom.
        button = bar.widgetForAction(action)
        if isinstance(button, QToolButton):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)

    def _restore_geometry(self) -> None:
        saved = self._settings.value("preview/geometry") if self._settings is not None else None
        if not (isinstance(saved, QByteArray) and self.restoreGeometry(saved)):
            screen = (self.parentWidget() or self).screen().availableGeometry()
            self.resize(min(1100, screen.width() - 80), min(820, screen.height() - 80))

    # -- the document ------------------------------------------------------------------------------

    def load(self, job: ResumeJob) -> bool:
        """Lays out job and shows it, keeping the page and zoom; False (with a message) on failure."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            source = PdfSource(job.pdf(), parent=self)
        except ReportError as error:
            # Before the first page the dialog is never shown: say it over the window.
            parent = self if self.source is not None else (self.parentWidget() or self)
            show_error(parent, self.tr("印刷プレビュー"), str(error))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        old, self.source, self.job = self.source, source, job
        self.setWindowTitle(self.tr("印刷プレビュー — {name}").format(name=job.display_name()))
        self.view.set_document(source.document)
        if old is not None:
            old.close()
            old.deleteLater()
        self._show_page()
        return True

    def page_count(self) -> int:
        return self.source.page_count() if self.source else 0

    def go_to(self, page: int) -> None:
        """Shows page (0-based; clamped to the document)."""
        self.view.set_page(page)
        self._show_page()

    def step_zoom(self, direction: int) -> None:
        """Goes to the next larger (1) or smaller (-1) zoom step."""
        zoom = self.view.zoom
        if direction > 0:
            target = next((z for z in ZOOM_STEPS if z > zoom + 1e-3), MAX_ZOOM)
        else:
            target = next((z for z in reversed(ZOOM_STEPS) if z < zoom - 1e-3), ZOOM_STEPS[0])
        self.view.set_zoom(target)

    def _zoom_typed(self, text: str) -> None:
        try:
            percent = float(text.replace("%", "").replace("％", "").strip())
        except ValueError:
            self._show_zoom(self.view.zoom)
            return
        self.view.set_zoom(percent / 100)

    def _show_zoom(self, zoom: float) -> None:
        self.zoom_combo.setEditText(f"{round(zoom * 100)}%")

    def _show_page(self) -> None:
        count, page = self.page_count(), self.view.page
        self.page_spin.blockSignals(True)
        self.page_spin.setRange(1, max(count, 1))
        self.page_spin.setSuffix(f" / {count}")
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)
        self.actions_by_name["previewFirstPage"].setEnabled(page > 0)
        self.actions_by_name["previewPreviousPage"].setEnabled(page > 0)
        self.actions_by_name["previewNextPage"].setEnabled(page < count - 1)
        self.actions_by_name["previewLastPage"].setEnabled(page < count - 1)

    # -- commands ------------------------------------------------------------------------------------

    def print_shown(self) -> None:
        """Prints the PDF shown (the system's print dialog first)."""
        if self.source is not None:
            self._print_source(self.source, self.windowTitle())

    def change_choices(self) -> None:
        """Opens the print choices; OK lays the résumé out again with them."""
        dialog = PrintChoicesDialog(self.job.options, self.tr("OK"), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen() -> None:
            options = dialog.options(self.job.options)
            self._choices_changed(options)
            self.load(self.job.with_options(options))

        dialog.accepted.connect(chosen)
        dialog.open()

    def done(self, result: int) -> None:
        if self._settings is not None:
            self._settings.setValue("preview/geometry", self.saveGeometry())
        super().done(result)
