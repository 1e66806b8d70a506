"""EDGAR's clock: now, today and the filing day on New York time, whatever the machine's time zone.

"Today" and "late" are judged as EDGAR judges them: a Form 3, 4 or 5 transmitted by 10 p.m. Eastern on a
business day is filed that day; after it, or on a weekend, holiday or EDGAR closure day, the next business day
(Regulation S-T Rule 13(a)(4), 17 CFR 232.13(a)(4)). The arithmetic is pure (rules.deadline); this module only
reads the clock. `zoneinfo` finds America/New_York in the system's tz database, or in the tzdata package
(a dependency, for Windows, which has none).
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from form4_desktop.rules import deadline
from form4_desktop.rules.closures import Calendar


def new_york_now() -> datetime:
    """The present moment on New York's clock (an aware datetime)."""
    return datetime.now(timezone.utc).astimezone(deadline.new_york())


def new_york_today() -> date:
    """Today's date in New York (not the machine's: at 9 p.m. in Los Angeles it is already tomorrow there)."""
    return new_york_now().date()


def filing_day_now(calendar: Calendar | None = None) -> date:
    """The day EDGAR would give a filing transmitted now: judge "late" against this day."""
    from form4_desktop.app.closures import load_calendar

    return deadline.filing_day(new_york_now(), calendar if calendar is not None else load_calendar())


def status(due: date | None, calendar: Calendar | None = None, moment: datetime | None = None) -> str:
    """The status bar's clock: 'New York 5:36 p.m.' and, on the due day before the cut-off, '4 h 24 min left'."""
    from form4_desktop.app.closures import load_calendar

    calendar = calendar if calendar is not None else load_calendar()
    moment = moment if moment is not None else new_york_now()
    local = moment.astimezone(deadline.new_york())
    text = f"New York {local.hour % 12 or 12}:{local.minute:02d} {'a.m.' if local.hour < 12 else 'p.m.'}"
    if due is not None:
        left = deadline.time_left(moment, due, calendar)
        if left is not None:
            text += f" · {deadline.describe_time_left(left)}"
        elif deadline.filing_day(moment, calendar) > due:
            text += " · past the due date"
    return text
