"""Business days and the Form 4 deadline (Rule 16a-3(g); Regulation S-T Rule 13(a)(4)).

A Form 4 is due before the end of the second business day after the transaction, or after the deemed
execution date where one is given. Business days skip weekends and U.S. federal holidays; EDGAR takes
Section 16 filings until 10 p.m. Eastern on a business day.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta


HOLIDAYS_FROM_YEAR = 1934  # the Securities Exchange Act: no Section 16 date is older


@functools.cache
def federal_holidays(year: int) -> frozenset[date]:
    import holidays  # on first use: it is slow to import and start-up does not need it

    return frozenset(holidays.country_holidays("US", years=year))


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in federal_holidays(day.year)


def add_business_days(start: date, count: int) -> date | None:
    """The `count`-th business day after `start` (`start` itself never counts); None past the calendar's end."""
    day = start
    try:
        while count > 0:
            day += timedelta(days=1)
            if is_business_day(day):
                count -= 1
    except OverflowError:
        return None
    return day


def business_days_after(due: date, today: date) -> int:
    """How many business days late a filing made `today` is: 0 when `today` is not after `due`, and at least
    1 when it is (a weekend or holiday after the due date is still late: the next business day is the first
    on which it can be filed)."""
    if today <= due:
        return 0
    # Counted, not walked day by day: a mistyped year (0001) must not cost a walk through twenty centuries.
    weeks, rest = divmod((today - due).days, 7)
    weekdays = weeks * 5 + sum(1 for offset in range(1, rest + 1)
                               if (due + timedelta(days=weeks * 7 + offset)).weekday() < 5)
    # Holidays from the Exchange Act's year on: an earlier date is a mistyped year (DATE-RANGE says so).
    holidays = sum(1 for year in range(max(due.year, HOLIDAYS_FROM_YEAR), today.year + 1)
                   for holiday in federal_holidays(year) if due < holiday <= today and holiday.weekday() < 5)
    return max(weekdays - holidays, 1)


def latest_deemed_date(transaction_date: date) -> date | None:
    """Rule 16a-3(g)(2): a deemed execution date is no later than the third business day after the trade."""
    return add_business_days(transaction_date, 3)


def form4_due_date(transaction_date: date, deemed_execution_date: date | None = None) -> date | None:
    """The last day to file a Form 4 for one transaction (by 10 p.m. Eastern): two business days after the
    transaction, or after its deemed execution date, capped at the third business day after the trade.
    One-off federal closures (days off by executive order) are not counted, so this date is never later
    than the true one. None for a date at the calendar's end."""
    start = transaction_date
    if deemed_execution_date is not None and deemed_execution_date > transaction_date:
        cap = latest_deemed_date(transaction_date)
        start = min(deemed_execution_date, cap) if cap else deemed_execution_date
    return add_business_days(start, 2)


def describe(day: date) -> str:
    return f"{day:%A, %B} {day.day}, {day.year}"
