"""`form4-desktop`: the desktop app's entry point."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from typing import Sequence

START = time.perf_counter()

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from form4_desktop import __version__  # noqa: E402
from form4_desktop.app.drafts import open_store  # noqa: E402
from form4_desktop.app.logs import configure_logging  # noqa: E402
from form4_desktop.store import StoreError  # noqa: E402

log = logging.getLogger("form4_desktop.gui")


class _FirstPaint(QObject):
    """Quits the application once the window has been painted (for --smoke-test)."""

    def __init__(self, app: QApplication):
        super().__init__()
        self.app = app
        self.painted_after: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and self.painted_after is None:
            self.painted_after = time.perf_counter() - START
            QTimer.singleShot(0, self.app.quit)
        return False


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="form4-desktop", description="Form 4 Desktop: draft, check and print "
                                                                       "SEC Form 4 filings.")
    parser.add_argument("--version", action="version", version=f"form4-desktop {__version__}")
    parser.add_argument("--store", metavar="PATH", help="the draft store file (default: $FORM4_STORE, or "
                                                        "drafts.sqlite3 in the user's data folder)")
    parser.add_argument("--smoke-test", action="store_true",
                        help="open the main window, wait until it is painted, print 'shown in N ms' and exit")
    parser.add_argument("files", nargs="*", metavar="FILE.xml", help="EDGAR XML files to import and open")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    configure_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Form 4 Desktop")
    app.setOrganizationName("form4-desktop")
    try:
        store = open_store(arguments.store)
    except StoreError as error:
        if arguments.smoke_test:
            print(f"form4-desktop: {error}", file=sys.stderr)
            return 2
        QMessageBox.critical(None, "Form 4 Desktop", str(error))
        return 2
    from form4_desktop.gui.main_window import MainWindow

    window = MainWindow(store)
    if arguments.smoke_test:
        watcher = _FirstPaint(app)
        window.installEventFilter(watcher)
        window.show()
        QTimer.singleShot(60_000, app.quit)  # never hang a CI run
        app.exec()
        store.close()
        if watcher.painted_after is None:
            print("form4-desktop: the main window was never painted", file=sys.stderr)
            return 1
        print(f"shown in {watcher.painted_after * 1000:.0f} ms")
        return 0
    window.show()
    window.offer_restore()
    for path in arguments.files[:1]:
        window.import_file(path)
    status = app.exec()
    store.close()
    return status


def run() -> None:
    try:
        sys.exit(main())
    except SystemExit:
        raise
    except Exception:  # never a traceback in the user's face: log it
        path = configure_logging()
        log.exception("form4-desktop failed")
        print(f"form4-desktop: internal error; details are in {path}.", file=sys.stderr)
        sys.exit(3)
