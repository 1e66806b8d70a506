"""No failure is silent: every action of the window runs through `run_action`, which shows one clear
sentence and logs the traceback, and `install_excepthook` catches whatever escapes anyway."""

from __future__ import annotations

import logging
import sys
import traceback
from typing import Callable, TypeVar

from PySide6.QtWidgets import QApplication, QWidget

from form4_desktop.app.logs import configure_logging
from form4_desktop.errors import UserError
from form4_desktop.gui import dialogs

log = logging.getLogger("form4_desktop.gui")
T = TypeVar("T")


def sentence(error: BaseException) -> str:
    """What the user is told: a UserError's own sentence, or where the details of a bug are."""
    if isinstance(error, UserError):
        return str(error)
    return (
        f"Something unexpected went wrong ({type(error).__name__}: {error}). Your typing is kept and autosaved; "
        f"the details are in {configure_logging()}."
    )


def run_action(parent: QWidget | None, title: str, action: Callable[[], T]) -> T | None:
    """Run `action`; on any failure show one sentence titled `title` ("Not saved") and log the traceback."""
    try:
        return action()
    except Exception as error:  # the point: nothing an action raises goes unseen
        if isinstance(error, UserError):
            log.info("%s", error)  # an expected refusal: its sentence is enough
        else:
            log.exception("%s", title)
        dialogs.tell(parent, title, sentence(error), "warning" if isinstance(error, UserError) else "critical")
        return None


_showing = False


def excepthook(kind, value, trace) -> None:
    """Log an exception nothing caught and tell the user in a dialog (once at a time)."""
    global _showing
    configure_logging()
    log.error("uncaught exception:\n%s", "".join(traceback.format_exception(kind, value, trace)))
    if _showing or QApplication.instance() is None or not issubclass(kind, Exception):
        return
    _showing = True
    try:
        dialogs.tell(QApplication.activeWindow(), "Form 4 Desktop", sentence(value), "critical")
    finally:
        _showing = False


def install_excepthook() -> None:
    sys.excepthook = excepthook
