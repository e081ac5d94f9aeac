"""The live preview of the minutes PDF beside the editor (QtPdf), and printing it.

The PDF is made by the same code as «Export PDF…», from the editor's current,
unsaved content, off the GUI thread and a moment after the last edit; a
result that arrives after a newer request is dropped.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from app.errors import UserError
from app.log import log_failure
from app.persian.text import to_persian_digits
from ui.shell.jobs import Jobs, error_message

PREVIEW_DELAY_MS = 700
ZOOM_STEP, ZOOM_MIN, ZOOM_MAX = 1.25, 0.25, 4.0


class MinutesPreview(QWidget):
    """Shows a PDF given as bytes; re-renders on :meth:`request`.

    Signals:
        rendered(bytes): a new PDF is on show.
    """

    rendered = Signal(bytes)

    def __init__(self, jobs: Jobs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.jobs = jobs
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.previous_page = self._tool("›", "صفحهٔ قبل (Page Up)", lambda: self.go_to_page(self.current_page() - 1))
        self.next_page = self._tool("‹", "صفحهٔ بعد (Page Down)", lambda: self.go_to_page(self.current_page() + 1))
        self.page_label = QLabel(self)
        self.zoom_out = self._tool("−", "کوچک‌نمایی (Ctrl+−)", lambda: self.zoom_by(1 / ZOOM_STEP))
        self.zoom_in = self._tool("+", "بزرگ‌نمایی (Ctrl++)", lambda: self.zoom_by(ZOOM_STEP))
        self.fit_width = self._tool("هم‌پهنا", "اندازهٔ صفحه به پهنای پیش‌نمایش", self.fit_to_width)
        self.fit_width.setCheckable(True)
        self.fit_width.setChecked(True)
        bar = QHBoxLayout()
        for widget in (self.previous_page, self.page_label, self.next_page):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.zoom_out, self.zoom_in, self.fit_width):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        self.view.pageNavigator().currentPageChanged.connect(lambda _p: self._show_page())
        self._show_page()
        self.pdf = b""
        self._buffer: QBuffer | None = None
        self._make: Callable[[], bytes] | None = None
        self._generation = 0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(PREVIEW_DELAY_MS)
        self.timer.timeout.connect(self.render_now)

    def _tool(self, text: str, tip: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.clicked.connect(lambda: slot())
        return button

    # --- pages and zoom ----------------------------------------------------------
    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to_page(self, page: int) -> None:
        if 0 <= page < self.document.pageCount():
            self.view.pageNavigator().jump(page, QPointF())
        self._show_page()

    def zoom_by(self, factor: float) -> None:
        """Zoom from what is on show (fit-width included), between a quarter and four times."""
        factor = max(ZOOM_MIN, min(ZOOM_MAX, self.zoom() * factor))
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)
        self.fit_width.setChecked(False)
        self._show_page()

    def zoom(self) -> float:
        """The scale on show: with fit-width, the view's width over the page's width at 100 %."""
        if self.view.zoomMode() != QPdfView.ZoomMode.FitToWidth or self.document.pageCount() == 0:
            return self.view.zoomFactor()
        points = self.document.pagePointSize(max(0, self.current_page())).width()
        pixels = points / 72 * self.logicalDpiX()
        return max(ZOOM_MIN, min(ZOOM_MAX, self.view.viewport().width() / pixels)) if pixels else 1.0

    def fit_to_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.fit_width.setChecked(True)
        self._show_page()

    def _show_page(self) -> None:
        count = self.document.pageCount()
        page = self.current_page()
        self.page_label.setText(f"صفحهٔ {to_persian_digits(page + 1)} از {to_persian_digits(count)}" if count else "")
        self.previous_page.setEnabled(page > 0)
        self.next_page.setEnabled(page + 1 < count)
        self.zoom_out.setEnabled(count > 0 and self.zoom() > ZOOM_MIN + 1e-6)
        self.zoom_in.setEnabled(count > 0 and self.zoom() < ZOOM_MAX - 1e-6)

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        key, ctrl = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if key == Qt.Key.Key_PageDown:
            self.go_to_page(self.current_page() + 1)
        elif key == Qt.Key.Key_PageUp:
            self.go_to_page(self.current_page() - 1)
        elif ctrl and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(ZOOM_STEP)
        elif ctrl and key == Qt.Key.Key_Minus:
            self.zoom_by(1 / ZOOM_STEP)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def request(self, make: Callable[[], bytes]) -> None:
        """Render with ``make`` (called off the GUI thread) shortly, once edits pause."""
        self._make = make
        if self.isVisible():
            self.timer.start()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        if self._make is not None and not self.pdf:
            self.timer.start(0)

    def render_now(self) -> None:
        if self._make is None:
            return
        self._generation += 1
        generation, make = self._generation, self._make
        self.status.setText("در حال ساختن پیش‌نمایش…")
        self.jobs.run(make, lambda pdf: self._show(generation, pdf),
                      failed=lambda exc: self._failed(generation, exc))

    def _show(self, generation: int, pdf: bytes) -> None:
        if generation != self._generation:
            return  # a newer edit is already being rendered
        self.set_pdf(pdf)
        self.status.setText(f"پیش‌نمایش: {to_persian_digits(self.document.pageCount())} صفحه")
        self.rendered.emit(pdf)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            # Said in the pane, not in a dialog (it would come back at every keystroke), but a bug is logged.
            log_failure(exc, "پیش‌نمایش صورتجلسه")
        if generation == self._generation:
            self.status.setText(f"پیش‌نمایش ساخته نشد: {error_message(exc)}")

    def set_pdf(self, pdf: bytes) -> None:
        page = self.view.pageNavigator().currentPage()
        self.pdf = pdf
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer  # QPdfDocument reads from it lazily: keep it alive
        if 0 < page < self.document.pageCount():
            self.view.pageNavigator().jump(page, QPointF())
        self._show_page()


def print_pdf(pdf: bytes, parent: QWidget | None = None, *, printer: QPrinter | None = None,
              ask: bool = True, title: str = "چاپ صورتجلسه") -> bool:
    """Print a PDF through Qt's print dialog; pages are rendered at the printer's resolution."""
    document = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    if ask:
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(title)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        first = max(printer.fromPage(), 1) - 1
        last = (printer.toPage() or document.pageCount()) - 1
        for index in range(first, min(last, document.pageCount() - 1) + 1):
            if index > first:
                printer.newPage()
            target = painter.viewport()
            size = document.pagePointSize(index).toSize().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            image = document.render(index, QSize(size.width(), size.height()))
            painter.drawImage(QRectF(0, 0, size.width(), size.height()), image)
    finally:
        painter.end()
    return True
