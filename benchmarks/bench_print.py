"""Printing speed and memory: printing three copies of the reference Form 4 to a PDF file through
form4_desktop.gui.printing (Ctrl+P, "Print to file"), from start_print to its finished signal, as a ratio to
render_pdf(copies=3) alone -- the baseline, in the same run. Each way runs in a fresh process (with a
QApplication, as in the app) so that its peak RSS (resource.getrusage) is its own. For information, the same
for the raster fallback (Windows) at 300 dpi. Goals: at most 2 s, under 300 MB; the old path (1200-dpi images
painted in the GUI thread) took 14.5 s and 1.2 GB."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import median_ms  # noqa: E402 - benchmarks/ is on the path when run

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "tests" / "data" / "reference-form4.xml"
COPIES = 3
WAYS = {
    "render": "render_pdf(copies=3) alone (baseline)",
    "file": "start_print to a PDF file (our vector PDF)",
    "raster": "start_print, raster fallback at 300 dpi (for information)",
}


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


def measure(way: str, runs: int) -> dict:
    """In this (fresh) process: the median time of one way, and the process's peak RSS after it."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication, QWidget

    from form4_desktop.edgar_xml import read_file
    from form4_desktop.gui.printing import start_print
    from form4_desktop.pdf import render_pdf

    app = QApplication.instance() or QApplication([])
    parent = QWidget()
    filing = read_file(REFERENCE)
    folder = tempfile.mkdtemp(prefix="bench-print-")
    output = os.path.join(folder, "printed.pdf")

    def render(copies: int) -> bytes:
        return render_pdf(filing, copies=copies)

    def printed() -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # as MainWindow.print_form makes it
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(output)
        printer.setCopyCount(COPIES)
        job = start_print(parent, printer, render, "Form 4", raster=way == "raster")
        loop = QEventLoop()
        ends: list[str] = []
        job.finished.connect(lambda message: (ends.append(message), loop.quit()))
        job.failed.connect(lambda message: (ends.append("FAILED " + message), loop.quit()))
        loop.exec()
        assert ends and not ends[0].startswith("FAILED"), ends

    action = (lambda: render(COPIES)) if way == "render" else printed
    ms = median_ms(action, runs)
    size = os.path.getsize(output) if os.path.exists(output) else len(render(COPIES))
    del app
    return {"ms": ms, "rss_mb": peak_rss_mb(), "bytes": size}


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] in WAYS:  # the child process
        print(json.dumps(measure(sys.argv[1], int(sys.argv[2]))))
        return
    figures = {}
    for way, label in WAYS.items():
        result = subprocess.run(
            [sys.executable, __file__, way, "3" if way == "raster" else "10"],
            capture_output=True,
            text=True,
            check=True,
        )
        figures[way] = json.loads(result.stdout.strip().splitlines()[-1])
    base = figures["render"]
    print(f"three copies of the reference Form 4 ({COPIES} copies as pages):")
    for way, label in WAYS.items():
        got = figures[way]
        print(
            f"  {label:58s} {got['ms']:8.1f} ms ({got['ms'] / base['ms']:5.2f}x)  peak RSS {got['rss_mb']:6.1f} MB "
            f"({got['rss_mb'] / base['rss_mb']:4.2f}x)  file {got['bytes'] / 1024:8.1f} KiB"
        )
    file = figures["file"]
    print(
        f"  goal: <= 2000 ms and < 300 MB for the PDF file: {'met' if file['ms'] <= 2000 and file['rss_mb'] < 300 else 'NOT met'}"
    )


if __name__ == "__main__":
    sys.exit(main())
