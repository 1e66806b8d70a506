"""`form4 due FILE... [--today DATE]`: when each filing is due, one line a file.

    FILE: due YYYY-MM-DD 22:00 ET (reason)
    FILE: no deadline (reason)

Exit 0, or 2 when a file cannot be read (its line is the reader's sentence, which names the file). Files are read
as `form4 check` reads them (leniently: one bad box does not hide the due date). Deadlines count the EDGAR
closures of the program's table and of the user's closures file (form4_desktop.app.closures).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date

from form4_desktop.edgar_xml import ReadError
from form4_desktop.model import Filing
from form4_desktop.rules import deadline
from form4_desktop.rules.closures import Calendar
from form4_desktop.rules.timeliness import deadline_of

EXIT_OK, EXIT_UNREADABLE = 0, 2


def due_line(name: str, filing: Filing, today: date, calendar: Calendar) -> str:
    """One file's line. `today` is the filing day lateness is judged on (a copy EDGAR disseminated is filed)."""
    found = deadline_of(filing, calendar)
    if found.due is None:
        return f"{name}: no deadline ({found.why})"
    why = found.why
    if not filing.is_disseminated_copy and today > found.due:
        days = deadline.business_days_after(found.due, today, calendar)
        why += f"; late by {days} business day{'s' if days != 1 else ''} if filed on {today:%Y-%m-%d}"
    return f"{name}: due {found.due:%Y-%m-%d} 22:00 ET ({why})"


def due_lines(
    paths: Sequence[str | os.PathLike[str]], today: date | None = None, calendar: Calendar | None = None
) -> tuple[list[str], int]:
    """The lines of `form4 due` and its exit code. `today` (--today) is the day lateness is judged on; by default
    EDGAR's filing day now (New York time, the next business day after 10 p.m. Eastern). Raises
    ClosuresFileError (a UserError) when the user's closures file has a bad line."""
    from form4_desktop.app.clock import filing_day_now
    from form4_desktop.app.closures import load_calendar
    from form4_desktop.edgar_xml.parsing import read_bytes  # the reader of `form4 check` (documents.check_file)
    from form4_desktop.edgar_xml.reader import read_document

    calendar = calendar if calendar is not None else load_calendar()
    judged = today if today is not None else filing_day_now(calendar)
    lines, status = [], EXIT_OK
    for path in paths:
        name = os.fspath(path)
        try:
            filing = read_document(read_bytes(path), name, strict=False).filing
        except ReadError as error:
            lines.append(str(error))
            status = EXIT_UNREADABLE
            continue
        lines.append(due_line(name, filing, judged, calendar))
    return lines, status
