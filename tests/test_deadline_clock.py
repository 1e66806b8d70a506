"""EDGAR's New York clock: 10 p.m. Eastern is the cut-off, whatever the machine's time zone (issue 12, item 2)."""

from __future__ import annotations

import os
import time
from datetime import date, datetime, timedelta, timezone

import pytest

from form4_desktop.app import clock
from form4_desktop.rules import Severity, validate
from form4_desktop.rules.closures import DEFAULT_CALENDAR
from form4_desktop.rules.deadline import describe_time_left, filing_day, new_york, time_left
from test_deadline import one_sale


@pytest.fixture(params=["UTC", "America/Los_Angeles"])
def machine_zone(request):
    """The process's time zone set to UTC, then to Pacific: nothing below may depend on it."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    yield request.param
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


def on_machine_clock(year, month, day, hour, minute) -> datetime:
    """A New York wall-clock time as the machine's own clock shows it (local, then aware)."""
    moment = datetime(year, month, day, hour, minute, tzinfo=new_york())
    return moment.astimezone(None)  # the machine's zone: UTC or Pacific


def freeze(monkeypatch, moment: datetime) -> None:
    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None):
            return moment.astimezone(tz) if tz else moment.astimezone(None).replace(tzinfo=None)

    monkeypatch.setattr(clock, "datetime", Frozen)


def test_the_fixture_really_moves_the_machine_zone(machine_zone):
    offset = datetime(2026, 11, 25, 12, 0).astimezone().utcoffset()
    assert offset == (timedelta(0) if machine_zone == "UTC" else timedelta(hours=-8))


@pytest.mark.parametrize(
    "hour, minute, filed",
    [
        (21, 59, date(2026, 11, 25)),  # Wednesday before 10 p.m. Eastern: that day
        (22, 1, date(2026, 11, 27)),  # after: the next business day (Thanksgiving skipped)
    ],
)
def test_the_filing_day_turns_at_10_pm_eastern(machine_zone, hour, minute, filed):
    assert filing_day(on_machine_clock(2026, 11, 25, hour, minute)) == filed


def test_the_cut_off_follows_daylight_saving_time(machine_zone):
    assert filing_day(on_machine_clock(2026, 7, 14, 21, 59)) == date(2026, 7, 14)  # EDT: 01:59 UTC next day
    assert filing_day(on_machine_clock(2026, 7, 14, 22, 0)) == date(2026, 7, 14)  # "on or before 10 p.m."
    assert filing_day(on_machine_clock(2026, 7, 14, 22, 1)) == date(2026, 7, 15)
    assert filing_day(datetime(2026, 7, 15, 1, 59, tzinfo=timezone.utc)) == date(2026, 7, 14)


def test_a_weekend_or_closure_day_files_on_the_next_business_day(machine_zone):
    assert filing_day(on_machine_clock(2026, 11, 28, 9, 0)) == date(2026, 11, 30)  # Saturday
    assert filing_day(on_machine_clock(2025, 1, 9, 9, 0)) == date(2025, 1, 10)  # EDGAR closed (Carter)


def test_time_left_on_the_due_day(machine_zone):
    left = time_left(on_machine_clock(2026, 11, 25, 17, 36), date(2026, 11, 25))
    assert left == timedelta(hours=4, minutes=24)
    assert describe_time_left(left) == "4 h 24 min left"
    assert describe_time_left(time_left(on_machine_clock(2026, 11, 25, 21, 59), date(2026, 11, 25))) == "1 min left"
    assert time_left(on_machine_clock(2026, 11, 25, 22, 1), date(2026, 11, 25)) is None  # late now
    assert time_left(on_machine_clock(2026, 11, 24, 12, 0), date(2026, 11, 25)) is None  # not the due day


def test_a_moment_without_a_zone_is_refused():
    with pytest.raises(ValueError, match="ambiguous"):
        filing_day(datetime(2026, 11, 25, 21, 59))


@pytest.mark.parametrize("hour, minute, late", [(19, 36, False), (21, 59, False), (22, 1, True)])
def test_a_utc_or_pacific_machine_judges_late_on_new_york_time(machine_zone, monkeypatch, hour, minute, late):
    # Issue 12: on a UTC machine at 7:36 p.m. Eastern on the due date (00:36 UTC the next day) the draft was said
    # to be late by a business day.
    freeze(monkeypatch, datetime(2026, 11, 25, hour, minute, tzinfo=new_york()))
    assert clock.new_york_today() == date(2026, 11, 25)
    filing = one_sale(date(2026, 11, 23))  # Monday: due Wednesday 11/25
    today = clock.filing_day_now(DEFAULT_CALENDAR)
    assert today == (date(2026, 11, 27) if late else date(2026, 11, 25))
    found = [(f.rule_id, f.severity, f.field_path) for f in validate(filing, today) if f.rule_id == "LATE"]
    assert found == ([("LATE", Severity.WARNING, "table_i[0].transaction_date")] if late else [])


def test_the_status_bar_clock(machine_zone, monkeypatch):
    freeze(monkeypatch, datetime(2026, 11, 25, 17, 36, tzinfo=new_york()))
    assert clock.status(date(2026, 11, 25), DEFAULT_CALENDAR) == "New York 5:36 p.m. · 4 h 24 min left"
    assert clock.status(date(2026, 11, 30), DEFAULT_CALENDAR) == "New York 5:36 p.m."
    assert clock.status(date(2026, 11, 24), DEFAULT_CALENDAR) == "New York 5:36 p.m. · past the due date"
    assert clock.status(None, DEFAULT_CALENDAR) == "New York 5:36 p.m."
