"""Printing (form4_desktop.gui.printing): our vector PDF to a file and to CUPS's lp, the raster fallback page by
page from the event loop, Cancel, and one sentence for every failure (pytest-qt, offscreen)."""

from __future__ import annotations

import io
import logging
import os
import stat
import sys

import pytest

pytest.importorskip("PySide6")

from pypdf import PdfReader  # noqa: E402
from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtPrintSupport import QPrinter  # noqa: E402
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget  # noqa: E402

from form4_desktop.errors import UserError  # noqa: E402
from form4_desktop.gui.printing import RASTER_DPI, start_print  # noqa: E402
from form4_desktop.pdf import render_pdf  # noqa: E402
from test_pdf import pages_text  # noqa: E402
from test_rules import draft  # noqa: E402

TITLE = "Form 4 \u2014 CRAGUN"
OWNER = "CRAGUN"


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def render():
    filing = draft()
    return lambda copies: render_pdf(filing, copies=copies)


@pytest.fixture
def one_copy_pages(render) -> int:
    return len(PdfReader(io.BytesIO(render(1))).pages)


def pdf_printer(path, copies: int = 3, mode=QPrinter.PrinterMode.ScreenResolution) -> QPrinter:
    printer = QPrinter(mode)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setCopyCount(copies)
    return printer


class CupsPrinter(QPrinter):
    """A printer as the print dialog sets one up for a CUPS queue (this machine may have none)."""

    def outputFormat(self):  # noqa: N802 - Qt's name
        return QPrinter.OutputFormat.NativeFormat

    def printerName(self):  # noqa: N802 - Qt's name
        return "Office_Laser"


def outcome(qtbot, job, timeout: int = 20_000) -> tuple[str, tuple]:
    """Wait for the job's one ending signal; returns its name and arguments."""
    ends: list[tuple[str, tuple]] = []
    job.finished.connect(lambda message: ends.append(("finished", (message,))))
    job.failed.connect(lambda message: ends.append(("failed", (message,))))
    job.cancelled.connect(lambda: ends.append(("cancelled", ())))
    qtbot.waitUntil(lambda: bool(ends), timeout=timeout)
    qtbot.wait(50)  # a second ending signal would arrive now
    assert len(ends) == 1, ends
    return ends[0]


def one_sentence(message: str) -> bool:
    return "\n" not in message and message.endswith(".") and "Traceback" not in message


def test_print_to_a_pdf_file_writes_our_vector_pdf_with_the_copies_as_pages(
    parent, qtbot, render, one_copy_pages, tmp_path
):
    path = tmp_path / "printed.pdf"
    job = start_print(parent, pdf_printer(path, copies=3), render, TITLE)
    kind, (message,) = outcome(qtbot, job)
    assert kind == "finished", message
    reader = PdfReader(path)
    assert len(reader.pages) == 3 * one_copy_pages
    texts = pages_text(path.read_bytes())
    assert texts == pages_text(render(3))  # exactly our PDF: text, not pictures of text
    assert OWNER in texts[0] and OWNER in texts[-1] and "Copy 3 of 3" in texts[-1]
    assert not any(page.images for page in reader.pages)
    assert path.stat().st_size < 200_000  # the rasterised print was 32 MB
    assert sorted(os.listdir(tmp_path)) == ["printed.pdf"]  # written atomically: no temporary file left
    assert message == f"Wrote 3 copies of {TITLE} to {path}."


def test_cancel_before_the_pdf_is_written_writes_nothing(parent, qtbot, render, tmp_path):
    job = start_print(parent, pdf_printer(tmp_path / "printed.pdf"), render, TITLE)
    job.cancel()
    assert outcome(qtbot, job) == ("cancelled", ())
    assert os.listdir(tmp_path) == []


def test_a_pdf_printer_without_a_file_name_and_unwritable_files_fail_in_one_sentence(parent, qtbot, render, tmp_path):
    job = start_print(parent, pdf_printer(""), render, TITLE)
    kind, (message,) = outcome(qtbot, job)
    assert kind == "failed" and one_sentence(message) and "no file name" in message
    job = start_print(parent, pdf_printer(tmp_path / "no such folder" / "printed.pdf"), render, TITLE)
    kind, (message,) = outcome(qtbot, job)
    assert kind == "failed" and one_sentence(message) and "does not exist" in message


def test_render_failures_reach_the_user_as_one_sentence_and_bugs_reach_the_log(parent, qtbot, tmp_path, caplog):
    def refused(copies):
        raise UserError("Printing a Form 5 is not available yet; Form 4 and 4/A print.")

    job = start_print(parent, pdf_printer(tmp_path / "a.pdf"), refused, TITLE)
    assert outcome(qtbot, job) == ("failed", ("Printing a Form 5 is not available yet; Form 4 and 4/A print.",))

    def broken(copies):
        raise ZeroDivisionError("a bug")

    with caplog.at_level(logging.ERROR, logger="form4_desktop.gui"):
        job = start_print(parent, pdf_printer(tmp_path / "b.pdf"), broken, TITLE)
        kind, (message,) = outcome(qtbot, job)
    assert kind == "failed" and one_sentence(message) and "unexpected error" in message and "a bug" not in message
    assert any(record.exc_info and record.exc_info[0] is ZeroDivisionError for record in caplog.records)
    assert os.listdir(tmp_path) == []


# -- CUPS: lp ------------------------------------------------------------------------------------------------
FAKE_LP = """#!/bin/sh
# records its arguments, one a line, and a copy of the file it was given (the last argument)
printf '%s\\n' "$@" > "{log}/arguments"
for last in "$@"; do :; done
cp "$last" "{log}/given.pdf"
{ending}
"""


def fake_lp(folder, monkeypatch, ending: str = 'echo "request id is Office_Laser-42 (1 file(s))"'):
    bin_folder = folder / "bin"
    bin_folder.mkdir()
    lp = bin_folder / "lp"
    lp.write_text(FAKE_LP.format(log=folder, ending=ending))
    lp.chmod(lp.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_folder}{os.pathsep}{os.environ.get('PATH', '')}")
    return folder


@pytest.mark.skipif(sys.platform == "win32", reason="CUPS's lp is for Linux and macOS")
def test_a_cups_printer_gets_our_pdf_once_through_lp_which_repeats_it(
    parent, qtbot, render, one_copy_pages, tmp_path, monkeypatch
):
    log = fake_lp(tmp_path, monkeypatch)
    printer = CupsPrinter()
    printer.setCopyCount(3)
    job = start_print(parent, printer, render, TITLE)
    kind, (message,) = outcome(qtbot, job)
    assert kind == "finished", message
    assert message == f"Sent 3 copies of {TITLE} to Office_Laser (request Office_Laser-42)."
    arguments = (log / "arguments").read_text().splitlines()
    assert arguments[:6] == ["-d", "Office_Laser", "-n", "3", "-t", TITLE]
    given = (log / "given.pdf").read_bytes()
    assert given.startswith(b"%PDF")
    texts = pages_text(given)
    assert len(texts) == one_copy_pages and OWNER in texts[0]  # one copy: lp -n 3 repeats it
    assert not os.path.exists(arguments[-1])  # the temporary file is gone


@pytest.mark.skipif(sys.platform == "win32", reason="CUPS's lp is for Linux and macOS")
def test_a_failing_lp_is_one_sentence_with_its_reason(parent, qtbot, render, tmp_path, monkeypatch):
    fake_lp(tmp_path, monkeypatch, ending='echo "lp: The printer or class does not exist." >&2\nexit 1')
    job = start_print(parent, CupsPrinter(), render, TITLE)
    kind, (message,) = outcome(qtbot, job)
    assert kind == "failed"
    assert message == f"{TITLE} was not printed on Office_Laser: The printer or class does not exist."


# -- the raster fallback -------------------------------------------------------------------------------------
def test_the_raster_fallback_paints_page_by_page_while_the_window_stays_responsive(
    parent, qtbot, render, one_copy_pages, tmp_path
):
    path = tmp_path / "raster.pdf"
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(1)
    at_page = []
    printer = pdf_printer(path, copies=3, mode=QPrinter.PrinterMode.HighResolution)  # 1200 dpi, as print_form's
    job = start_print(parent, printer, render, TITLE, raster=True)
    job.progress.connect(lambda done, total: at_page.append((done, total, len(ticks))))
    kind, (message,) = outcome(qtbot, job)
    timer.stop()
    assert kind == "finished", message
    pages = 3 * one_copy_pages  # a PDF printer cannot repeat the job: the copies are pages
    assert [(done, total) for done, total, _ in at_page] == [(page, pages) for page in range(1, pages + 1)]
    ticks_at = [count for _, _, count in at_page]
    assert all(later > earlier for earlier, later in zip(ticks_at, ticks_at[1:]))  # the event loop ran between
    reader = PdfReader(path)
    assert len(reader.pages) == pages
    image = reader.pages[0].images[0].image  # pictures of pages, at no more than 300 dpi (not 1200)
    assert (image.width, image.height) == (11 * RASTER_DPI, 8.5 * RASTER_DPI)


def test_cancel_stops_the_raster_fallback_after_the_page_being_painted(parent, qtbot, render, tmp_path):
    painted = []
    job = start_print(parent, pdf_printer(tmp_path / "raster.pdf", copies=3), render, TITLE, raster=True)

    def page_done(done, total):
        painted.append(done)
        dialog = parent.findChild(QProgressDialog)
        dialog.findChild(QPushButton).click()  # the progress dialog's Cancel button

    job.progress.connect(page_done)
    assert outcome(qtbot, job) == ("cancelled", ())
    assert painted == [1]
    assert job.done
