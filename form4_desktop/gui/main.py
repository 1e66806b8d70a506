"""`form4-desktop`: the desktop app's entry point."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from typing import Callable, NamedTuple, Sequence

START = time.perf_counter()

# The modules without Qt come first: once PySide6 is imported, its import hook reads the source of each module an
# import statement names (looking for "PySide6"); those only these modules import are spared it (22 M instructions).
from form4_desktop import __version__  # noqa: E402
from form4_desktop.app.drafts import open_store  # noqa: E402
from form4_desktop.app.logs import configure_logging  # noqa: E402
from form4_desktop.store import DraftStore, StoreError, default_store_path  # noqa: E402

from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings, QTimer, SignalInstance  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402


def quicker_pyside_import_hook() -> None:
    """PySide6's import hook (shibokensupport.feature, for its `from __feature__ import`) asks of each module an
    import statement names whether its source says "PySide6", through inspect.getsource: it tokenizes the file and
    keeps every line in linecache (4 MB after a start, 85 files). The same question, answered from the file's
    bytes; anything but a plain .py file is left to PySide's own function."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "quicker", False):
        return

    def uses_pyside(module: object) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    uses_pyside.quicker = True  # type: ignore[attr-defined]
    uses_pyside.original = original  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]


quicker_pyside_import_hook()

log = logging.getLogger("form4_desktop.gui")


class _FirstPaint(QObject):
    """Waits for a window's first paint to be over: a start shows its window before anything slow it then does
    (asking about unsaved work, the deadline dashboard of a large store), and --smoke-test says when."""

    def __init__(self, window: QWidget):
        super().__init__()
        self.window = window
        self.painted_after: float | None = None  # seconds from START
        self._seen = False
        self._loop = QEventLoop()
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and not self._seen:
            self._seen = True
            QTimer.singleShot(0, self._painted)  # after the whole paint, the children's included
        return False

    def _painted(self) -> None:
        self.painted_after = time.perf_counter() - START
        self.window.removeEventFilter(self)
        self._loop.quit()

    def wait(self, timeout_ms: int) -> float | None:
        """Run the event loop until the first paint is over, or at most `timeout_ms` (a window never exposed);
        returns when it was painted (None: not yet)."""
        if self.painted_after is None:
            timer = QTimer(self._loop, singleShot=True, interval=timeout_ms)
            timer.timeout.connect(self._loop.quit)
            timer.start()
            self._loop.exec()
            timer.stop()
        return self.painted_after


def _run_until(finished: SignalInstance, done: Callable[[], bool], timeout_ms: int) -> bool:
    """Run the event loop until `done()`, checked when `finished` is emitted, or at most `timeout_ms`."""
    if not done():
        loop = QEventLoop()
        timer = QTimer(loop, singleShot=True, interval=timeout_ms)
        timer.timeout.connect(loop.quit)
        finished.connect(loop.quit)
        timer.start()
        loop.exec()
        finished.disconnect(loop.quit)
    return done()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="form4-desktop", description="Form 4 Desktop: draft, check and print SEC Form 4 filings."
    )
    parser.add_argument("--version", action="version", version=f"form4-desktop {__version__}")
    parser.add_argument(
        "--store",
        metavar="PATH",
        help="the draft store file (default: $FORM4_STORE, or drafts.sqlite3 in the user's data folder)",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the main window, wait until it is painted, print 'shown in N ms' and exit",
    )
    parser.add_argument(
        "--self-check",
        action="store_true",
        help="check that everything the app needs is here (schemas, fonts, QtPdf, printing), "
        "print one line each and exit (1 if anything is missing)",
    )
    parser.add_argument("files", nargs="*", metavar="FILE.xml", help="EDGAR XML files to import and open")
    return parser


def self_check() -> int:
    """Exercise what a bundle could lack: the schemas, the fonts, QtPdf and printing. One line each."""
    import tempfile

    from form4_desktop.edgar_xml import Copy, read_filing, write_bytes
    from form4_desktop.model.examples import maximal_form4
    from form4_desktop.pdf import render_pdf

    failures = 0

    def report(what: str, check) -> None:
        nonlocal failures
        try:
            print(f"{what}: ok ({check()})")
        except Exception as error:  # the point is to say what is missing, whatever it is
            failures += 1
            print(f"{what}: MISSING ({type(error).__name__}: {error})")

    filing = maximal_form4()
    report("schemas", lambda: f"{len(read_filing(write_bytes(filing, Copy.SUBMISSION)).table_i)} rows round-trip")
    pdf = {}

    def fonts() -> str:
        pdf["data"] = render_pdf(filing)
        if b"DejaVuSansCondensed" not in pdf["data"]:
            raise RuntimeError("the embedded font is not in the PDF")
        return f"{len(pdf['data']) // 1024} KB PDF with the embedded font"

    report("fonts", fonts)

    def qtpdf() -> str:
        from PySide6.QtPdf import QPdfDocument

        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(pdf["data"])
            handle.flush()
            document = QPdfDocument()
            document.load(handle.name)
            if document.pageCount() < 1:
                raise RuntimeError(f"QtPdf read no page ({document.error()})")
            return f"{document.pageCount()} pages"

    report("qtpdf", qtpdf)

    def printing() -> str:
        from PySide6.QtPrintSupport import QPrinter

        return QPrinter().pageLayout().pageSize().name()

    report("printing", printing)
    report("platform plugin", lambda: QApplication.platformName())
    return 1 if failures else 0


def last_store(settings: QSettings) -> tuple[str | None, str | None]:
    """The store file the user last worked in (None: the usual one), and, when it is gone, the sentence saying
    that the usual store opens instead (a store moved or deleted is never made again, empty, where it was)."""
    path = settings.value("stores/last", "")
    if not isinstance(path, str) or not path:
        return None, None
    if os.path.isfile(path):
        return path, None
    return None, f"The store you last worked in, {path}, is not there any more; the usual store is open instead."


class Start(NamedTuple):
    """The store a start opens, and what is said about it. `store` is None when none could be opened; `remembers`:
    whether the store the user works in is remembered for the next start (never one given for one run);
    `said`: the sentence saying the store last worked in did not open; `failed`: the store that did not open
    (its path, and why), when it was named (remembered, given) or the usual one."""

    store: DraftStore | None
    remembers: bool
    said: str | None
    failed: tuple[str, StoreError] | None


def start_store(given: str | None, settings: QSettings, *, smoke_test: bool = False) -> Start:
    """The store a start opens: `given` (--store) or $FORM4_STORE for this run only (never remembered), else the
    store the user last worked in (File ▸ Open Store, New Store, Recent Stores), else the usual one in the user's
    data folder. A remembered store that is gone or cannot be opened gives way to the usual one, and is said."""
    override = bool(given or os.environ.get("FORM4_STORE"))
    path, said = given, None
    if not override and not smoke_test:
        path, said = last_store(settings)
    remembers = not override and not smoke_test
    try:
        return Start(open_store(path), remembers, said, None)
    except StoreError as error:
        failed = (path if path is not None else default_store_path(), error)
        if path is None or path == given:
            return Start(None, remembers, None, failed)
    try:
        return Start(open_store(None), remembers, f"{failed[1]} The usual store is open instead.", failed)
    except StoreError as error:
        return Start(None, remembers, None, (default_store_path(), error))


def main(argv: Sequence[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    configure_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Form 4 Desktop")
    app.setOrganizationName("form4-desktop")
    app.setDesktopFileName("io.github.form4desktop.Form4Desktop")
    from PySide6.QtGui import QIcon

    # The icon is beside this module, in the bundle too (importlib.resources would cost more to import than the
    # icon to load, before the window is painted).
    app.setWindowIcon(QIcon(os.path.join(os.path.dirname(os.path.abspath(__file__)), "form4-desktop.svg")))
    if arguments.self_check:
        return self_check()
    from form4_desktop.gui.actions import install_excepthook

    install_excepthook()  # whatever escapes an action is logged and shown, never lost on a terminal
    from form4_desktop.gui.team_store import install_password_prompt

    install_password_prompt()  # a team store's password, when no password file gives it, is asked in a dialog
    settings = QSettings()
    start = start_store(arguments.store, settings, smoke_test=arguments.smoke_test)
    store, not_reopened = start.store, start.said
    from form4_desktop.gui import dialogs
    from form4_desktop.gui.main_window import MainWindow, damaged_beyond_opening, start_with_rescue

    damaged = start.failed is not None and damaged_beyond_opening(*start.failed)
    if store is None:
        assert start.failed is not None
        if arguments.smoke_test:
            print(f"form4-desktop: {start.failed[1]}", file=sys.stderr)
            return 2
        if not damaged:
            dialogs.tell(None, "Form 4 Desktop", str(start.failed[1]), "critical")
            return 2
        # A store SQLite cannot open: what its pages still hold is rescued, into a new store if the user wants.
        rescued = start_with_rescue(settings, *start.failed)
        if rescued is None:
            return 2
        status = app.exec()
        rescued.store.close()
        return status
    window = MainWindow(store, settings=settings, check_after_paint=True)
    window.remembers_store = start.remembers
    first_paint = _FirstPaint(window)
    window.show()
    # The window is on the screen before the start goes on: the questions below, and the deadline dashboard's
    # reading of every draft, come once it is painted, never over a blank window.
    painted_after = first_paint.wait(60_000 if arguments.smoke_test else 5_000)  # never hang a CI run
    if arguments.smoke_test and painted_after is not None:
        print(f"shown in {painted_after * 1000:.0f} ms", flush=True)
    if painted_after is not None:  # then what it left for after its first paint (the new draft's first check)
        _run_until(window.start_finished, lambda: window.started, 60_000 if arguments.smoke_test else 5_000)
    if arguments.smoke_test:
        store.close()
        if painted_after is None:
            print("form4-desktop: the main window was never painted", file=sys.stderr)
            return 1
        return 0
    if damaged and start.failed is not None:  # the store last worked in is damaged: rescue it?
        failed = start.failed
        window.act("Nothing rescued", lambda: window.offer_rescue_of(*failed, said=not_reopened))
    elif not_reopened:
        dialogs.tell(window, "Store not reopened", not_reopened, "information")
    window.tell_read_only()
    window.offer_restore()
    window.act("No deadlines", window.show_deadlines_if_due)  # the dashboard, when something is due soon
    for file in arguments.files[:1]:
        window.import_file(file)
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
