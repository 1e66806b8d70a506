"""Business days, the Section 16 deadlines and EDGAR's New York clock. Pure: the caller gives the calendar, the
dates and the moment (form4_desktop.app.clock reads the clock).

Sources, beside each function:
- Form 4: "before the end of the second business day following the day on which the subject transaction has
  been executed" (Exchange Act §16(a)(2)(C); Rule 16a-3(g)(1), 17 CFR 240.16a-3(g)(1); Form 4 General
  Instruction 1(a)).
- Deemed execution date: Rule 16a-3(g)(2) and (3), for a Rule 10b5-1(c) trade whose date the insider did not
  choose and a discretionary transaction (Rule 16b-3(b)(1)): the day the insider is notified, but no later
  than the third business day after the trade (SEC Release 34-46421, 08/27/2002; Gibson Dunn, "Section 16
  reporting changes", 2002: "the latest a Form 4 can be timely filed ... is on the fifth business day").
- Form 3: within 10 days after the event (§16(a)(2)(B); Rule 16a-3(a)); Form 5: within 45 days after the
  issuer's fiscal year end (Rule 16a-3(f)); both rolled to the first business day following when the last day
  is a Saturday, Sunday or holiday (Exchange Act Rule 0-3(a), 17 CFR 240.0-3(a)).
- EDGAR's day: a Form 3, 4 or 5 transmitted by 10 p.m. Eastern on a business day is filed that day
  (Regulation S-T Rule 13(a)(4), 17 CFR 232.13(a)(4)); later, or on a day EDGAR is closed (Rule 12), it is
  filed the next business day.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, time, timedelta, tzinfo

from form4_desktop.rules.closures import DEFAULT_CALENDAR, HOLIDAYS_FROM_YEAR, Calendar, Closure, federal_holidays

__all__ = [
    "CUTOFF",
    "HOLIDAYS_FROM_YEAR",
    "add_business_days",
    "business_days_after",
    "closures_between",
    "describe",
    "filing_day",
    "form3_due_date",
    "form4_due_date",
    "form5_due_date",
    "federal_holidays",
    "is_business_day",
    "latest_deemed_date",
    "new_york",
    "roll_forward",
    "time_left",
    "describe_time_left",
]

CUTOFF = time(22, 0)  # Regulation S-T Rule 13(a)(4): Forms 3, 4 and 5 by 10 p.m. Eastern are filed that day
FORM3_DAYS = 10  # Exchange Act §16(a)(2)(B): within 10 days after becoming an insider
FORM5_DAYS = 45  # Rule 16a-3(f)(1): within 45 days after the issuer's fiscal year end


@functools.cache
def new_york() -> tzinfo:
    """EDGAR's time zone (the SEC's, in Washington): Eastern time, standard or daylight as in effect."""
    from zoneinfo import ZoneInfo  # the tz database (tzdata on Windows): data, not the clock

    return ZoneInfo("America/New_York")


def is_business_day(day: date, calendar: Calendar = DEFAULT_CALENDAR) -> bool:
    return calendar.is_business_day(day)


def add_business_days(start: date, count: int, calendar: Calendar = DEFAULT_CALENDAR) -> date | None:
    """The `count`-th business day after `start` (`start` itself never counts); None past the calendar's end."""
    day = start
    try:
        while count > 0:
            day += timedelta(days=1)
            if calendar.is_business_day(day):
                count -= 1
    except OverflowError:
        return None
    return day


def roll_forward(day: date, calendar: Calendar = DEFAULT_CALENDAR) -> date | None:
    """`day` if it is a business day, else the first business day following (Exchange Act Rule 0-3(a))."""
    try:
        while not calendar.is_business_day(day):
            day += timedelta(days=1)
    except OverflowError:
        return None
    return day


def business_days_after(due: date, today: date, calendar: Calendar = DEFAULT_CALENDAR) -> int:
    """How many business days late a filing made `today` is: 0 when `today` is not after `due`, and at least
    1 when it is (a weekend or holiday after the due date is still late: the next business day is the first
    on which it can be filed)."""
    if today <= due:
        return 0
    # Counted, not walked day by day: a mistyped year (0001) must not cost a walk through twenty centuries.
    weeks, rest = divmod((today - due).days, 7)
    weekdays = weeks * 5 + sum(
        1 for offset in range(1, rest + 1) if (due + timedelta(days=weeks * 7 + offset)).weekday() < 5
    )
    # Holidays from the Exchange Act's year on: an earlier date is a mistyped year (DATE-RANGE says so).
    return max(weekdays - len(calendar.closed_weekdays(due, today)), 1)


def closures_between(start: date, end: date, calendar: Calendar = DEFAULT_CALENDAR) -> list[Closure]:
    """The EDGAR closures on weekdays in (start, end] that are not federal holidays anyway: the days a due date
    skipped beyond the holidays everyone knows, for its explanation to name."""
    return calendar.closures_in(start, end)


def latest_deemed_date(transaction_date: date, calendar: Calendar = DEFAULT_CALENDAR) -> date | None:
    """Rule 16a-3(g)(2): a deemed execution date is no later than the third business day after the trade."""
    return add_business_days(transaction_date, 3, calendar)


def form4_due_date(
    transaction_date: date, deemed_execution_date: date | None = None, calendar: Calendar = DEFAULT_CALENDAR
) -> date | None:
    """The last day to file a Form 4 for one transaction (by 10 p.m. Eastern): two business days after the
    transaction, or after its deemed execution date, capped at the third business day after the trade.

    Pass a deemed execution date only where Rule 16a-3(g)(2) allows one (a Rule 10b5-1(c) plan trade whose date
    the insider did not choose, or a discretionary transaction): rules.timeliness decides that. EDGAR closure
    days (national days of mourning, Christmas Eve closures) are not business days: `calendar` holds them.
    Leaving one out would make this date earlier than the true one. None for a date at the calendar's end."""
    start = transaction_date
    if deemed_execution_date is not None and deemed_execution_date > transaction_date:
        cap = latest_deemed_date(transaction_date, calendar)
        start = min(deemed_execution_date, cap) if cap else deemed_execution_date
    return add_business_days(start, 2, calendar)


def _days_after(start: date, days: int, calendar: Calendar) -> date | None:
    try:
        return roll_forward(start + timedelta(days=days), calendar)
    except OverflowError:
        return None


def form3_due_date(event: date, calendar: Calendar = DEFAULT_CALENDAR) -> date | None:
    """A Form 3 is due within 10 days after the event (box 2), rolled forward to a business day (Rule 0-3(a)).
    (At an IPO it is due by the registration's effective date instead, which the form does not give.)"""
    return _days_after(event, FORM3_DAYS, calendar)


def form5_due_date(fiscal_year_end: date, calendar: Calendar = DEFAULT_CALENDAR) -> date | None:
    """A Form 5 is due within 45 days after the issuer's fiscal year end (box 3), rolled forward to a business
    day (Rule 16a-3(f)(1); Rule 0-3(a)): FY 12/31/2025 -> Saturday 02/14/2026 -> Tuesday 02/17/2026."""
    return _days_after(fiscal_year_end, FORM5_DAYS, calendar)


# -- EDGAR's clock ------------------------------------------------------------------------------------------------
def _in_new_york(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a moment without a time zone is ambiguous: give an aware datetime")
    return moment.astimezone(new_york())


def filing_day(moment: datetime, calendar: Calendar = DEFAULT_CALENDAR) -> date:
    """The day EDGAR would date a Form 3, 4 or 5 transmitted at `moment` (an aware datetime, any zone): that
    day in New York if it is a business day and the time there is 10 p.m. or earlier (Regulation S-T Rule
    13(a)(4): "on or before 10 p.m. Eastern ... deemed filed on the same business day"); else the next business
    day (Rule 12: EDGAR takes no filings on weekends and holidays)."""
    local = _in_new_york(moment)
    day = local.date()
    if calendar.is_business_day(day) and local.time() <= CUTOFF:
        return day
    return add_business_days(day, 1, calendar) or day


def time_left(moment: datetime, due: date, calendar: Calendar = DEFAULT_CALENDAR) -> timedelta | None:
    """Time left until 10 p.m. Eastern on the due day, when `moment` is on the due day before the cut-off; None
    on any other day (earlier days have their date to show; later ones are late)."""
    local = _in_new_york(moment)
    if filing_day(moment, calendar) != due or local.date() != due:
        return None
    return datetime.combine(due, CUTOFF, tzinfo=new_york()) - local


def describe_time_left(left: timedelta) -> str:
    """'4 h 24 min left' (whole minutes, rounded down; under a minute: 'less than a minute left')."""
    minutes = int(left.total_seconds() // 60)
    if minutes < 1:
        return "less than a minute left"
    hours, minutes = divmod(minutes, 60)
    return (f"{hours} h {minutes} min" if hours else f"{minutes} min") + " left"


def describe(day: date) -> str:
    return f"{day:%A, %B} {day.day}, {day.year}"
