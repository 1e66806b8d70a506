"""Business days and the Form 4 deadline (Rule 16a-3(g); Regulation S-T Rule 13(a)(4)).

A Form 4 is due before the end of the second business day after the transaction, or after the deemed
execution date where one is given. Business days skip weekends and U.S. federal holidays; EDGAR takes
Section 16 filings until 10 p.m. Eastern on a business day.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta

import holidays


@functools.cache
def federal_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("US", years=year))


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in federal_holidays(day.year)


def add_business_days(start: date, count: int) -> date:
    """The `count`-th business day after `start` (`start` itself never counts)."""
    day = start
    while count > 0:
        day += timedelta(days=1)
        if is_business_day(day):
            count -= 1
    return day


def business_days_after(due: date, today: date) -> int:
    """How many business days after `due` `today` is (0 when `today` is not later)."""
    count, day = 0, due
    while day < today:
        day += timedelta(days=1)
        if is_business_day(day):
            count += 1
    return count


def form4_due_date(transaction_date: date, deemed_execution_date: date | None = None) -> date:
    """The last day to file a Form 4 for one transaction (by 10 p.m. Eastern)."""
    return add_business_days(deemed_execution_date or transaction_date, 2)


def describe(day: date) -> str:
    return f"{day:%A, %B} {day.day}, {day.year}"
