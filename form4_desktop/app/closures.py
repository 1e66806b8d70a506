"""EDGAR closure days the user adds: a plain text file in the settings folder, read when deadlines are computed.

When the SEC announces that EDGAR will be closed on a day that is not in the program's table
(form4_desktop.rules.closures: a national day of mourning is announced days ahead), the user writes it into
`edgar-closures.txt` in the settings folder, one closure a line, and every due date counts it from then on:

    # EDGAR closures announced after this release
    2026-12-24  Christmas Eve (SEC notice of 12/18/2026)

A line is a date (YYYY-MM-DD) and, after spaces, the reason the due-date explanation shows; `#` starts a comment.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import platformdirs

from form4_desktop.errors import UserError
from form4_desktop.rules.closures import DEFAULT_CALENDAR, Calendar, Closure

APP_NAME = "form4-desktop"
FILE_NAME = "edgar-closures.txt"
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class ClosuresFileError(UserError):
    """The closures file has a line that is not a closure (the message names the file and the line)."""


def closures_file() -> Path:
    """Where the user's closures are: the settings folder's edgar-closures.txt."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / FILE_NAME


def parse_closures(text: str, name: str) -> tuple[Closure, ...]:
    """The closures of the file's text; ClosuresFileError for the first line that is not one."""
    closures = []
    for number, line in enumerate(text.splitlines(), start=1):
        content = line.split("#", 1)[0].strip()
        if not content:
            continue
        day_text, _, reason = content.replace("\t", " ").partition(" ")
        try:
            day = date.fromisoformat(day_text) if _DATE.fullmatch(day_text) else None
        except ValueError:  # 2026-02-30
            day = None
        if day is None:
            raise ClosuresFileError(
                f"{name}, line {number}: '{day_text}' is not a date; write each EDGAR closure as "
                "YYYY-MM-DD and its reason, for example '2026-12-24  Christmas Eve'."
            )
        closures.append(Closure(day, reason.strip() or "EDGAR closed (edgar-closures.txt)", f"{name}, line {number}"))
    return tuple(closures)


def load_calendar(path: str | os.PathLike[str] | None = None) -> Calendar:
    """The calendar of business days: the program's closures and the user's (none when the file is absent)."""
    target = Path(path) if path is not None else closures_file()
    try:
        text = target.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return DEFAULT_CALENDAR
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else "it is not UTF-8 text"
        raise ClosuresFileError(f"{target}: the EDGAR closures file cannot be read: {reason}.") from error
    extra = parse_closures(text, str(target))
    return Calendar(extra=extra) if extra else DEFAULT_CALENDAR
