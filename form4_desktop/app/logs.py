"""Where the program keeps its log: tracebacks go here, never in the user's face."""

from __future__ import annotations

import logging
import logging.handlers
import os

import platformdirs

APP_NAME = "form4-desktop"
_configured = False


def log_path() -> str:
    folder = os.environ.get("FORM4_LOG_DIR") or platformdirs.user_log_dir(APP_NAME, appauthor=False)
    return os.path.join(folder, "form4.log")


def configure_logging() -> str:
    """Send the program's log to a rotating file in the user's log folder; returns the file's path."""
    global _configured
    path = log_path()
    if _configured:
        return path
    _configured = True
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()  # a read-only home must not stop the program
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("form4_desktop")
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path
