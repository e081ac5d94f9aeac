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
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.errors import UserError
from app.log import log_failure
from app.persian.text import to_persian_digits
from ui.shell.jobs import Jobs, error_message

PREVIEW_DELAY_MS = 700


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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        self.pdf = b""
        self._buffer: QBuffer | None = None
        self._make: Callable[[], bytes] | None = None
        self._generation = 0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(PREVIEW_DELAY_MS)
        self.timer.timeout.connect(self.render_now)

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
