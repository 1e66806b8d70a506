"""Days EDGAR was closed that count as holidays for filing purposes, and the calendar of business days.

Exchange Act Rule 0-3(a) (17 CFR 240.0-3(a)): "if the last day on which papers can be accepted as timely filed
falls on a Saturday, Sunday or holiday, such papers may be filed on the first business day following".
Regulation S-T Rule 12 (17 CFR 232.12): EDGAR takes filings Monday to Friday, except Federal holidays.

Besides the federal holidays of 5 U.S.C. 6103(a) (the `holidays` package), the Federal government is sometimes
closed by executive order (a national day of mourning, Christmas Eve). When the SEC closes EDGAR on such a day
it announces that the day "will be treated as a federal holiday for filing purposes" and that filings due that
day are timely on the next business day (SEC announcement of 12/04/2018, quoted in ICI Memo 31512). Such a
day is not a business day for a Section 16 deadline either, so it must be in the table: leaving a closure out
makes the computed due date EARLIER than the true one, and a draft filed on time looks late.

Only closures the SEC announced are listed, one source each (the SEC's notice, or a law-firm or trade
association note quoting it). Checked and NOT listed, because no SEC notice closing EDGAR, and no note quoting
one, could be found, although an executive order closed the executive departments on those days and the SEC
closed EDGAR on such days in 2018-2020:
  - 12/24/2024 (Christmas Eve; Executive Order of 12/19/2024: GovExec, "Biden gives federal employees Christmas
    Eve off", 12/19/2024),
  - 12/24/2025 and 12/26/2025 (Executive Order of 12/18/2025 closing executive departments and agencies;
    NYSE and Nasdaq stayed open).
Left out, such a day counts as a business day: a due date across it is one day EARLIER than the true one if
EDGAR was in fact closed (a filing made on time may look late; never the other way round). A user who has the
SEC's notice (for these, or for a closure announced tomorrow) adds the day to the closures file in the settings
folder (form4_desktop.app.closures); the engine takes those as `Calendar.extra`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class Closure:
    """One day EDGAR was closed, why, and who said so."""

    day: date
    reason: str
    source: str = ""


EDGAR_CLOSURES: tuple[Closure, ...] = (
    Closure(
        date(2018, 12, 5),
        "national day of mourning for President George H. W. Bush",
        "SEC announcement 'EDGAR to be closed Wednesday, December 5, 2018' "
        "(sec.gov/oit/announcement/edgar-be-closed-wednesday-december-5-2018), quoted in ICI Memo 31512, "
        "12/04/2018 (ici.org/memo-31512): treated as a federal holiday for filing purposes",
    ),
    Closure(
        date(2018, 12, 24),
        "Christmas Eve (federal government closed by executive order)",
        "SEC Division of Corporation Finance shutdown guidance, quoted by Morrison & Foerster, 12/21/2018: 'The "
        "SEC will be closed on December 24th and 25th ... No EDGAR filings will be accepted those days' "
        "(dcdownload.mofo.com/government-shutdown/sec-division-of-corporation-finance-guidance-for-a-potential-"
        "government-shutdown/)",
    ),
    Closure(
        date(2019, 12, 24),
        "Christmas Eve (federal government closed by executive order)",
        "Cooley PubCo, 12/16/2020, reporting the SEC's 2020 announcement: EDGAR closed on Christmas Eve and "
        "Christmas Day 'just like last year' (2019) (cooleypubco.com/2020/12/16/edgar-closed-christmas-eve-"
        "christmas-day/)",
    ),
    Closure(
        date(2020, 12, 24),
        "Christmas Eve (federal government closed by executive order)",
        "SEC announcement quoted by Cooley PubCo, 12/16/2020: filings due 12/24-12/27/2020 'will be considered "
        "timely if filed on or before December 28, 2020' (cooleypubco.com/2020/12/16/edgar-closed-christmas-eve-"
        "christmas-day/)",
    ),
    Closure(
        date(2025, 1, 9),
        "national day of mourning for President Jimmy Carter",
        "Executive Order of 12/30/2024 closing executive departments on 01/09/2025; Mayer Brown, Free Writings & "
        "Perspectives, 01/2025: "
        "'the SEC's EDGAR filing system will be closed' and the day is not counted in filing periods "
        "(freewritings.law/2025/01/january-9-declared-federal-holiday-in-honor-of-former-president-jimmy-"
        "carters-funeral/)",
    ),
)


MONDAY_HOLIDAY_ACT_YEAR = 1971  # from here the rules below; older years come from the `holidays` package


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The nth (1-based; -1 for the last) given weekday (Monday 0) of a month."""
    if nth < 0:
        last = date(year, month + 1, 1) - timedelta(days=1) if month < 12 else date(year, 12, 31)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def _holidays_in_law(year: int) -> list[tuple[date, str]]:
    """5 U.S.C. 6103(a) as it has read since the Monday Holiday Act took effect (1971), with MLK Day (1986),
    Veterans Day back on 11/11 (1978) and Juneteenth (2021)."""
    days = [
        (date(year, 1, 1), "New Year's Day"),
        (_nth_weekday(year, 2, 0, 3), "Washington's Birthday"),
        (_nth_weekday(year, 5, 0, -1), "Memorial Day"),
        (date(year, 7, 4), "Independence Day"),
        (_nth_weekday(year, 9, 0, 1), "Labor Day"),
        (_nth_weekday(year, 10, 0, 2), "Columbus Day"),
        (date(year, 11, 11) if year >= 1978 else _nth_weekday(year, 10, 0, 4), "Veterans Day"),
        (_nth_weekday(year, 11, 3, 4), "Thanksgiving Day"),
        (date(year, 12, 25), "Christmas Day"),
    ]
    if year >= 1986:
        days.append((_nth_weekday(year, 1, 0, 3), "Martin Luther King Jr. Day"))
    if year >= 2021:
        days.append((date(year, 6, 19), "Juneteenth National Independence Day"))
    return days


@functools.cache
def federal_holidays(year: int) -> dict[date, str]:
    """The U.S. federal holidays of a year (observed days included), by name.

    A holiday on a Saturday is observed the Friday before, one on a Sunday the Monday after (5 U.S.C. 6103(b),
    Executive Order 11582): EDGAR is closed on the observed day, which may fall in the year before (New Year's
    Day on a Saturday is observed on 12/31). Computed here rather than by the `holidays` package, whose import
    took 0.4-0.9 s of the app's start; the package is kept for the years before 1971 and, in the tests, as a
    second opinion on every year to 2100."""
    if year < MONDAY_HOLIDAY_ACT_YEAR:
        import holidays  # on first use, for old dates only: it is slow to import

        return dict(holidays.country_holidays("US", years=year))
    result: dict[date, str] = {}
    for in_year in range(year, min(year + 1, date.max.year) + 1):  # New Year's may be observed on 12/31
        for day, name in _holidays_in_law(in_year):
            if day.year == year:
                result[day] = name
            shift = {5: -1, 6: 1}.get(day.weekday())
            observed = day + timedelta(days=shift) if shift else None
            if observed is not None and observed.year == year and in_year >= MONDAY_HOLIDAY_ACT_YEAR:
                result[observed] = f"{name} (observed)"
    return result


@dataclass(frozen=True)
class Calendar:
    """The business days of EDGAR: weekdays that are neither a federal holiday nor an EDGAR closure.

    `extra` holds closures the user added (a closure announced after this release); `closures` the table
    above. A value object: pass it to the deadline functions; the default is the table alone."""

    extra: tuple[Closure, ...] = ()
    closures: tuple[Closure, ...] = field(default=EDGAR_CLOSURES, repr=False)

    @functools.cached_property
    def _by_day(self) -> dict[date, Closure]:
        # The user's entry wins over the table's for the same day: it is the one to show.
        return {closure.day: closure for closure in (*self.closures, *self.extra)}

    def closure(self, day: date) -> Closure | None:
        """The EDGAR closure on `day`, if any (a federal holiday is not a closure)."""
        return self._by_day.get(day)

    def holiday(self, day: date) -> str | None:
        """Why `day` is not a business day although a weekday: the holiday's name or the closure's reason."""
        name = federal_holidays(day.year).get(day)
        if name is not None:
            return name
        closure = self.closure(day)
        return closure.reason if closure else None

    def is_business_day(self, day: date) -> bool:
        return day.weekday() < 5 and self.holiday(day) is None

    def closures_in(self, after: date, until: date) -> list[Closure]:
        """The closures on weekdays in (after, until] that are not federal holidays anyway, in date order."""
        return sorted(
            (
                closure
                for closure in self._by_day.values()
                if after < closure.day <= until
                and closure.day.weekday() < 5
                and closure.day not in federal_holidays(closure.day.year)
            ),
            key=lambda closure: closure.day,
        )

    def closed_weekdays(self, after: date, until: date) -> set[date]:
        """The weekdays in (after, until] that are holidays or closures (for counting without walking)."""
        days = {closure.day for closure in self._by_day.values() if after < closure.day <= until}
        for year in range(max(after.year, HOLIDAYS_FROM_YEAR), until.year + 1):
            days.update(day for day in federal_holidays(year) if after < day <= until)
        return {day for day in days if day.weekday() < 5}


HOLIDAYS_FROM_YEAR = 1934  # the Securities Exchange Act: no Section 16 date is older

DEFAULT_CALENDAR = Calendar()
