"""Printing that never freezes the window, and sends the form as vectors wherever the platform allows.

`start_print` picks one of three ways from the printer the print dialog set up:

* a PDF file ("Print to file": `PdfFormat` with a file name): our own PDF, all the copies as pages (a file
  cannot repeat itself), written atomically -- text stays text;
* a CUPS printer (Linux, macOS: `lp` is on the PATH): our PDF, one copy, handed to `lp -n N`, which repeats it;
* anything else (Windows, or `raster=True`): the PDF rasterised page by page at no more than 300 dpi and
  painted on the printer, one page per turn of the event loop, so the window keeps painting and Cancel works.

Rendering the PDF (reportlab) and writing files run on a worker thread; `lp` runs as a QProcess. A progress
dialog with a Cancel button shows when a job takes longer than a moment. The caller hears the end through
exactly one of `finished(message)`, `failed(message)` or `cancelled()`, never before `start_print` returns.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
import tempfile
import threading
from typing import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QProcess, QRectF, QSize, QSizeF, Qt, QTimer, Signal
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QProgressDialog, QWidget

from form4_desktop.app.files import write_atomically
from form4_desktop.app.logs import log_path
from form4_desktop.errors import UserError

log = logging.getLogger("form4_desktop.gui")

RASTER_DPI = 300  # sharp enough for the form's 8-point text; 1200 dpi took 1.2 GB and 14 s for three copies
SHOW_PROGRESS_AFTER_MS = 400  # a quick job never flashes a dialog

Render = Callable[[int], bytes]  # render(copies) -> the PDF's bytes with that many copies as pages


class PrintError(UserError):
    """A print job failed; the message is one sentence saying what happened."""


def start_print(parent: QWidget, printer: QPrinter, render: Render, title: str, *, raster: bool = False) -> PrintJob:
    """Start printing; returns at once with the running job.

    `render(copies)` is called on a worker thread: it must not touch widgets, and should work on a snapshot
    of the filing (say `copy.deepcopy`) so that typing during the job cannot change what prints. It may raise
    a UserError (its message is passed on as it is). `raster=True` forces the page-by-page raster way.
    """
    job = PrintJob(parent, printer, render, title, raster=raster)
    QTimer.singleShot(0, job._start)  # the caller connects the signals first
    return job


_CANCELLED = object()  # a worker step's result when Cancel came first


def _copies(count: int) -> str:
    return f"{count} cop{'y' if count == 1 else 'ies'}"


class _Relay(QObject):
    """Carries a worker thread's outcome back to the GUI thread (queued signals)."""

    done = Signal(object)  # the work's result
    error = Signal(object)  # the exception it raised


class PrintJob(QObject):
    """One print job; see the module's description. `cancel()` stops it as soon as it safely can."""

    finished = Signal(str)  # one sentence: what was printed, and where
    failed = Signal(str)  # one sentence: what went wrong
    cancelled = Signal()  # the user (or cancel()) stopped it; nothing more was sent
    progress = Signal(int, int)  # pages painted, pages in all (the raster way only)

    def __init__(self, parent: QWidget, printer: QPrinter, render: Render, title: str, *, raster: bool = False):
        super().__init__(parent)
        self._printer, self._render, self._title, self._raster = printer, render, title, raster
        self._copies = max(printer.copyCount(), 1)
        self._pdf_copies = self._copies  # copies as pages in the PDF; 1 when the printer repeats the job
        self._stop = threading.Event()  # read by the worker thread, so not a plain attribute
        self._done = False
        self._then: Callable[[object], None] | None = None  # what to do with the worker's result
        self._relay: _Relay | None = None
        self._temporary: str | None = None
        self._process: QProcess | None = None
        self._pdf: QPdfDocument | None = None
        self._buffer: QBuffer | None = None
        self._painter: QPainter | None = None
        self._page = self._pages = 0
        self._dialog = QProgressDialog(f"Printing {title}\u2026", "Cancel", 0, 0, parent)
        self._dialog.setWindowTitle("Printing")
        self._dialog.setWindowModality(Qt.WindowModality.WindowModal)  # the window paints, but nothing changes
        self._dialog.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
        self._dialog.setAutoClose(False)
        self._dialog.setAutoReset(False)
        self._dialog.canceled.connect(self.cancel)

    @property
    def done(self) -> bool:
        return self._done

    def cancel(self) -> None:
        """Stop: nothing more goes to the printer (a page already sent stays sent)."""
        if self._done:
            return
        self._stop.set()
        if self._process is not None and self._process.state() != QProcess.ProcessState.NotRunning:
            self._process.kill()  # its finished signal ends the job
        # the worker thread and the raster pages look at the flag at their next step

    # -- choosing the way --------------------------------------------------------------------------------
    def _start(self) -> None:
        self._dialog.setValue(0)  # starts the dialog's clock: it shows only if the job takes a while
        printer = self._printer
        lp = None if sys.platform == "win32" else shutil.which("lp")
        if self._raster:
            self._start_raster()
        elif printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
            path = printer.outputFileName()
            if not path:
                self._fail(PrintError(f"{self._title} was not printed: no file name was given for the PDF."))
                return
            self._in_thread(
                lambda: self._write_file(path),
                lambda _: self._finish(f"Wrote {_copies(self._copies)} of {self._title} to {path}."),
            )
        elif lp is not None:
            self._in_thread(self._write_temporary, lambda path: self._run_lp(lp, path))
        else:
            self._start_raster()

    def _start_raster(self) -> None:
        # A printer that repeats the job itself gets one copy; for any other, the copies are pages.
        if self._copies > 1 and self._printer.supportsMultipleCopies():
            self._pdf_copies = 1
        else:
            self._printer.setCopyCount(1)
        self._in_thread(self._render_for_raster, self._begin_raster)

    # -- the worker thread -------------------------------------------------------------------------------
    def _in_thread(self, work: Callable[[], object], then: Callable[[object], None]) -> None:
        relay = _Relay()  # lives in the GUI thread: its signals reach our slots queued
        relay.done.connect(self._worked, Qt.ConnectionType.QueuedConnection)
        relay.error.connect(self._fail, Qt.ConnectionType.QueuedConnection)
        self._relay, self._then = relay, then

        def run() -> None:
            try:
                result = work()
            except Exception as error:  # passed to the GUI thread, which logs it and says one sentence
                relay.error.emit(error)
            else:
                relay.done.emit(result)

        threading.Thread(target=run, name="form4-print", daemon=True).start()

    def _render_checked(self, copies: int) -> bytes:
        data = self._render(copies)
        if not isinstance(data, (bytes, bytearray)) or not data.startswith(b"%PDF"):
            raise TypeError(f"render({copies}) returned {type(data).__name__}, not a PDF's bytes")
        return bytes(data)

    # The worker's steps: each gives up (returns _CANCELLED) if Cancel came while it rendered.
    def _write_file(self, path: str) -> object:
        data = self._render_checked(self._copies)
        if self._stop.is_set():
            return _CANCELLED
        write_atomically(path, data)  # never a half-written PDF, even on a full disk
        return path

    def _write_temporary(self) -> object:
        data = self._render_checked(1)  # lp -n repeats it
        if self._stop.is_set():
            return _CANCELLED
        handle, path = tempfile.mkstemp(prefix="form4-print-", suffix=".pdf")
        self._temporary = path
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        return path

    def _render_for_raster(self) -> object:
        data = self._render_checked(self._pdf_copies)
        return _CANCELLED if self._stop.is_set() else data

    def _worked(self, result: object) -> None:
        if self._done:
            return
        if result is _CANCELLED:
            self._end(self.cancelled)
            return
        assert self._then is not None
        self._then(result)

    # -- CUPS: lp ----------------------------------------------------------------------------------------
    def _printer_name(self) -> str:
        return self._printer.printerName() or "the default printer"

    def _run_lp(self, lp: str, path: str) -> None:
        if self._stop.is_set():
            self._end(self.cancelled)
            return
        printer = self._printer
        arguments = ["-d", printer.printerName()] if printer.printerName() else []
        arguments += ["-n", str(self._copies), "-t", self._title]
        if self._copies > 1 and printer.collateCopies():
            arguments += ["-o", "collate=true"]  # CUPS's default is page 1 three times, then page 2 ...
        sides = {
            QPrinter.DuplexMode.DuplexNone: "one-sided",
            QPrinter.DuplexMode.DuplexLongSide: "two-sided-long-edge",
            QPrinter.DuplexMode.DuplexShortSide: "two-sided-short-edge",
        }.get(printer.duplex())
        if sides:
            arguments += ["-o", f"sides={sides}"]
        process = QProcess(self)
        process.finished.connect(self._lp_finished)
        process.errorOccurred.connect(self._lp_error)
        self._process = process
        process.start(lp, arguments + [path])

    def _lp_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and not self._done:
            reason = self._process.errorString() if self._process is not None else "unknown"
            self._fail(
                PrintError(
                    f"{self._title} was not printed: the print command lp could not be started ({reason.rstrip('.')})."
                )
            )

    def _lp_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        if self._done:
            return
        process = self._process
        assert process is not None
        output = bytes(process.readAllStandardOutput().data()).decode(errors="replace")
        errors = bytes(process.readAllStandardError().data()).decode(errors="replace")
        if self._stop.is_set():
            self._end(self.cancelled)
        elif status == QProcess.ExitStatus.NormalExit and code == 0:
            request = re.search(r"request id is (\S+)", output)
            self._finish(
                f"Sent {_copies(self._copies)} of {self._title} to {self._printer_name()}"
                + (f" (request {request.group(1)})." if request else ".")
            )
        else:
            # lp says why in one line, e.g. "lp: The printer or class does not exist."
            lines = [line.strip() for line in (errors or output).splitlines() if line.strip()]
            reason = (
                re.sub(r"^lp:\s*", "", lines[0]).rstrip(".")
                if lines
                else (f"lp ended with exit code {code}" if status == QProcess.ExitStatus.NormalExit else "lp stopped")
            )
            self._fail(PrintError(f"{self._title} was not printed on {self._printer_name()}: {reason}."))

    # -- raster: page by page from the event loop -------------------------------------------------------
    def _begin_raster(self, data: object) -> None:
        assert isinstance(data, bytes)
        if self._stop.is_set():
            self._end(self.cancelled)
            return
        printer = self._printer
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._pdf = QPdfDocument(self)
        self._pdf.load(self._buffer)
        if self._pdf.status() != QPdfDocument.Status.Ready or self._pdf.pageCount() == 0:
            self._fail(PrintError(f"{self._title} was not printed: QtPdf could not read the form's PDF."))
            return
        # the printer's paper and orientation follow the PDF's page (the form is Letter, landscape)
        size = self._pdf.pagePointSize(0)
        layout = printer.pageLayout()
        layout.setPageSize(
            QPageSize(QSizeF(min(size.width(), size.height()), max(size.width(), size.height())), QPageSize.Unit.Point)
        )
        layout.setOrientation(
            QPageLayout.Orientation.Landscape if size.width() > size.height() else QPageLayout.Orientation.Portrait
        )
        printer.setPageLayout(layout)
        self._painter = QPainter()
        if not self._painter.begin(printer):
            self._painter = None
            self._fail(PrintError(f"{self._title} was not printed: {self._printer_name()} could not be started."))
            return
        self._pages, self._page = self._pdf.pageCount(), 0
        self._dialog.setRange(0, self._pages)
        QTimer.singleShot(1, self._paint_next)

    def _paint_next(self) -> None:
        if self._done:
            return
        assert self._painter is not None and self._pdf is not None
        if self._stop.is_set():
            self._printer.abort()  # drop the pages spooled so far
            self._end(self.cancelled)
            return
        try:
            if self._page:
                self._printer.newPage()
            self._paint_page(self._page)
        except Exception as error:
            self._fail(error)
            return
        self._page += 1
        self.progress.emit(self._page, self._pages)
        if self._done:  # a slot of progress cancelled or ended the job
            return
        self._dialog.setValue(self._page)
        if self._page < self._pages:
            # A 1 ms timer, not 0: a 0 ms single shot is a posted event that Qt may run before due timers,
            # and the window's own timers (autosave, findings) must run between pages as input and paints do.
            QTimer.singleShot(1, self._paint_next)
            return
        painter, self._painter = self._painter, None
        if not painter.end():
            self._fail(PrintError(f"{self._title} was not printed: {self._printer_name()} did not take the job."))
            return
        self._finish(
            f"Printed {self._pages} pages of {self._title} on {self._where()}"
            + (f", {_copies(self._copies)}." if self._pdf_copies == 1 and self._copies > 1 else ".")
        )

    def _paint_page(self, page: int) -> None:
        assert self._painter is not None and self._pdf is not None
        painter, printer = self._painter, self._printer
        size = self._pdf.pagePointSize(page)
        area = painter.viewport()  # the printable area, in device pixels
        scale = min(area.width() / size.width(), area.height() / size.height())  # fit, keeping the shape
        target = QRectF(0, 0, size.width() * scale, size.height() * scale)
        target.moveCenter(QRectF(area).center())
        dpi = min(printer.resolution(), RASTER_DPI)  # never the printer's 1200 dpi: 33 MB a page at 300
        pixels = QSize(round(size.width() * dpi / 72), round(size.height() * dpi / 72))
        image = self._pdf.render(page, pixels)
        if image.isNull():
            raise PrintError(f"{self._title} was not printed: QtPdf could not draw page {page + 1}.")
        painter.drawImage(target, image)

    def _where(self) -> str:
        if self._printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
            return self._printer.outputFileName()
        return self._printer_name()

    # -- the end -----------------------------------------------------------------------------------------
    def _finish(self, message: str) -> None:
        self._end(self.finished, message)

    def _fail(self, error: object) -> None:
        if self._done:
            return
        if isinstance(error, UserError):
            message = str(error)
        else:  # a bug or an unexpected system error: its traceback goes to the log, one sentence to the user
            log.error("printing %s failed", self._title, exc_info=error if isinstance(error, BaseException) else None)
            message = f"{self._title} was not printed because of an unexpected error; the details are in {log_path()}."
        self._end(self.failed, message)

    def _end(self, signal, *arguments) -> None:
        if self._done:
            return
        self._done = True
        if self._painter is not None:  # cancelled or failed half-way
            self._painter.end()
            self._painter = None
        if self._pdf is not None:
            self._pdf.close()
        if self._buffer is not None:
            self._buffer.close()
        if self._temporary is not None:
            try:
                os.unlink(self._temporary)
            except OSError:
                log.warning("could not remove %s", self._temporary, exc_info=True)
            self._temporary = None
        self._dialog.canceled.disconnect(self.cancel)
        self._dialog.reset()
        self._dialog.close()
        self._dialog.deleteLater()
        signal.emit(*arguments)
