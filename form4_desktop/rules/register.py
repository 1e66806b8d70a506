"""The Item 405 register: per issuer and fiscal year, for each insider, the late reports, the transactions reported
late and the known failures to file, from each report's filing date and the deadline engine (rules.timeliness).
Pure: the caller gives the reports, the calendar and the filing day of today.

The law (Regulation S-K Item 405(a), 17 CFR 229.405): under the caption "Delinquent Section 16(a) Reports" the
issuer names each reporting person "that failed to file on a timely basis" reports required by Section 16(a)
"during the most recent fiscal year or prior fiscal years" and, for each, sets forth "the number of late reports,
the number of transactions that were not reported on a timely basis, and any known failure to file a required
form"; a known failure to file includes a failure to file a Form 5 in the absence of the insider's written
representation that none is required (Item 405(b)(3)). The disclosure is based on the forms filed during (Forms 3
and 4) and with respect to (Form 5) the fiscal year, so a late filing is disclosed once: in the fiscal year in
which it was filed (the Note to Item 405 in its pre-2019 text, kept by practice).

How the register counts, for one insider and one fiscal year:
- A late report: a Form 3 or 4 filed during the fiscal year, or a Form 5 for it (box 3 in the year), after its due
  date (rules.timeliness.deadline_of: Form 4 two business days after the transaction, Rule 16a-3(g)(1); Form 3
  ten days after the event; Form 5 45 days after the fiscal year end, Rule 16a-3(f)). A filing made after
  10 p.m. Eastern is filed on the next business day (Regulation S-T Rule 13(a)(4)): a filing moment given as a
  datetime is turned into its filing day by rules.deadline.filing_day. Amendments have no deadline of their own
  and are not counted.
- A transaction reported late: a row of a late Form 4 filed after that row's own due date; every transaction
  row of a late Form 5; a late Form 4 item on a Form 5 (coded form type 4, a code always due on Form 4 such as P or
  S, or a gift given on or after 02/27/2023, which Release 33-11138 moved to Form 4 within two business days); a
  Form 5 item of an earlier fiscal year reported late (form type 5 marked L); a row of a draft never filed
  whose due date has passed. A gift given and its other side on the same form, the same shares received by the
  reporting person's trust (rules.timeliness.paired_gifts_received), are one transaction: one move of shares.
- A known failure to file: a Form 4 never filed for the late Form 4 items a Form 5 carries (one per transaction
  date: the Form 4 that should have been filed); a draft Form 3 or 4 still unfiled after its due date, when that
  date falls in the fiscal year; a Form 5 owed for the year (rules.sweep: a draft Form 5 for the year counts there,
  in the year of its box 3, not in the year its due date falls in) and not filed by its due date, with each row it
  owes that no draft counted already as a transaction not reported, and a Form 4 never filed for each day of its
  late Form 4 items.
- A filing date that is not known (an imported copy without one) is taken as the latest signature date and
  marked "assumed": the register says which insiders' counts rest on such dates.
"""

from __future__ import annotations

import calendar as calendar_module
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Protocol, TypeVar

from form4_desktop.model import DerivativeTransaction, Filing, NonDerivativeTransaction
from form4_desktop.rules import deadline
from form4_desktop.rules.closures import DEFAULT_CALENDAR, Calendar
from form4_desktop.rules.timeliness import (
    _row_deadline,
    deadline_of,
    is_early_gift_given,
    is_form5_item,
    is_gift_given,
    is_pre_registration,
    paired_gifts_received,
)

Transaction = NonDerivativeTransaction | DerivativeTransaction


class _Owned(Protocol):
    owner: str
    owner_cik: str


_Line = TypeVar("_Line", bound=_Owned)


@dataclass(frozen=True)
class FiscalYear:
    """Fiscal year `year` of an issuer: the twelve months ending on `end_month`/`end_day` of `year` (default
    12/31; a 02/29 end is February's last day in other years)."""

    year: int
    end_month: int = 12
    end_day: int = 31

    def _end_of(self, year: int) -> date:
        return date(year, self.end_month, min(self.end_day, calendar_module.monthrange(year, self.end_month)[1]))

    @property
    def end(self) -> date:
        return self._end_of(self.year)

    @property
    def start(self) -> date:
        return self._end_of(self.year - 1) + timedelta(days=1)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def describe(self) -> str:
        return f"the fiscal year {self.start:%m/%d/%Y} to {self.end:%m/%d/%Y}"


@dataclass(frozen=True)
class Report:
    """One filing or draft of an insider for the issuer. `filed`: filed with EDGAR (or an imported EDGAR copy);
    `filed_on`: its filing date, or the moment it was transmitted (a datetime: the filing day is computed on
    EDGAR's clock), None when not known; `assumed`: the date was not known and was taken from the signature."""

    ref: Hashable
    filing: Filing
    filed: bool
    filed_on: date | datetime | None = None
    assumed: bool = False


@dataclass
class RegisterLine:
    """One insider's line of the register, with the items behind its counts (for the proxy drafter)."""

    owner_cik: str
    owner: str
    late_reports: int = 0
    late_transactions: int = 0
    failures_to_file: int = 0
    assumed_dates: bool = False
    items: list[str] = field(default_factory=list)

    @property
    def delinquent(self) -> bool:
        return bool(self.late_reports or self.late_transactions or self.failures_to_file)


def transactions(filing: Filing) -> Iterator[tuple[str, int, Transaction]]:
    for table, rows in (("table_i", filing.table_i), ("table_ii", filing.table_ii)):
        for index, row in enumerate(rows):
            if isinstance(row, (NonDerivativeTransaction, DerivativeTransaction)):
                yield table, index, row


def form4_row_dues(filing: Filing, calendar: Calendar = DEFAULT_CALENDAR) -> list[tuple[str, int, Transaction, date]]:
    """The rows of a Form 4 that have a two-day deadline of their own, with it: the rows deadline_of() takes the
    earliest of (Form 5 items, early gifts given and Rule 16a-2(a) rows have none)."""
    found = []
    for table, index, row in transactions(filing):
        form5 = row.coding is not None and row.coding.form_type == "5"
        if (form5 and not is_gift_given(row)) or (not form5 and is_form5_item(row)):
            continue
        if is_early_gift_given(row) or is_pre_registration(filing, row):
            continue
        own = _row_deadline(filing, table, index, row, calendar)
        if own is not None and own.due is not None:
            found.append((table, index, row, own.due))
    return found


# Codes that are always a Form 4 transaction, never one a Form 5 may carry in time: a Form 5 reporting one reports a
# late Form 4 item, whatever its form type box says (Form 4 General Instruction 8; rules.validate FORM4-ITEM-ON-FORM5).
FORM4_ONLY_CODES = frozenset({"P", "S", "A", "D", "F", "M", "X", "C", "O"})


def is_late_form4_item(row: Transaction) -> bool:
    """A row of a Form 5 that should have been on a Form 4: coded form type 4 (Technical Specification 4.3.8: on
    a Form 5, form type 4 is a Form 4 item reported late, L or not), a code that is always a Form 4 item, or a gift
    given on or after 02/27/2023 (due on Form 4 within two business days since Release 33-11138)."""
    form_type = row.coding.form_type if row.coding is not None else "5"
    code = row.coding.code if row.coding is not None else ""
    return form_type == "4" or code in FORM4_ONLY_CODES or is_gift_given(row)


def is_late_form5_item(row: Transaction) -> bool:
    """A row of a Form 5 that is a Form 5 item reported late (form type 5 marked L, Technical Specification
    4.3.8): a deferred item of an earlier fiscal year, which that year's Form 5 should have carried."""
    timeliness = row.timeliness.value if row.timeliness is not None else None
    return timeliness == "L" and not is_late_form4_item(row)


def filing_day_of(report: Report, calendar: Calendar = DEFAULT_CALENDAR) -> tuple[date | None, bool]:
    """(filing day, assumed) of a filed report: the day given (a moment after 10 p.m. Eastern, or on a day EDGAR is
    closed, is filed the next business day); else the latest signature date, assumed; (None, True) without one."""
    given = report.filed_on
    if isinstance(given, datetime):
        return deadline.filing_day(given, calendar), report.assumed
    if isinstance(given, date):
        return given, report.assumed
    signed = [signature.date for signature in report.filing.signatures if signature.date]
    return (max(signed), True) if signed else (None, True)


def owner_name(owner_cik: str, reports: Iterable[Report]) -> str:
    """The insider's name as the latest report with one gives it (EDGAR's spelling on an imported copy)."""
    wanted = owner_cik.lstrip("0") or "0"
    for report in reversed(list(reports)):
        for owner in report.filing.reporting_owners:
            if (owner.cik.lstrip("0") or "0") == wanted and owner.name:
                return owner.name
    return ""


def _row_said(row: Transaction) -> str:
    code = row.coding.code if row.coding is not None else "?"
    when = row.transaction_date.value
    return f"code {code} of {when:%m/%d/%Y}" if isinstance(when, date) else f"code {code}"


def _distinct(reports: Iterable[Report]) -> list[Report]:
    """Each filing once: the same filing imported twice counts once (the copy with a known date, else the last)."""
    kept: list[Report] = []
    where: dict[tuple, list[int]] = {}  # (form, box 3) -> places in `kept`: only those can be equal
    for report in reports:
        key = (report.filed, report.filing.document_type, report.filing.period_of_report)
        places = where.setdefault(key, [])
        twin = next((i for i in places if report.filed and kept[i].filing == report.filing), None)
        if twin is None:
            places.append(len(kept))
            kept.append(report)
        elif kept[twin].assumed or not report.assumed:
            kept[twin] = report
    return kept


def insider_line(
    owner_cik: str,
    reports: Iterable[Report],
    year: FiscalYear,
    today: date,
    calendar: Calendar = DEFAULT_CALENDAR,
    owner: str = "",
) -> RegisterLine:
    """The register line of one insider for `year`. `today` is the filing day a filing made now would get (a draft
    still unfiled after its due date, as of `today`, is a known failure to file)."""
    from form4_desktop.rules.sweep import sweep_insider  # the sweep reads the register's helpers

    reports = _distinct(reports)
    line = RegisterLine(owner_cik, owner or owner_name(owner_cik, reports))
    counted: set[tuple] = set()  # rows of drafts never filed already counted as transactions not reported
    since = subject_since(reports)
    for report in reports:
        filing = report.filing
        if filing.is_amendment or filing.form not in ("3", "4", "5"):
            continue
        found = deadline_of(filing, calendar)
        row_dues = form4_row_dues(filing, calendar) if filing.form == "4" else []
        early = [row for *_, row, _ in row_dues if since is not None and _dated_before(row, since)]
        if early:  # judged by the rows dated since the Form 3 only
            row_dues = [item for item in row_dues if all(item[2] is not row for row in early)]
            found = replace(found, due=min((due for *_, due in row_dues), default=None))
        if not report.filed:
            counted |= _unfiled(line, report, found.due, year, today, calendar)
            continue
        day, assumed = filing_day_of(report, calendar)
        if day is None:
            line.items.append(f"Form {filing.form} (draft {report.ref}): no filing date nor signature date to judge")
            continue
        in_year = filing.period_of_report in year if filing.form == "5" else day in year
        if not in_year:
            continue
        line.assumed_dates |= assumed
        when = f"{day:%m/%d/%Y}{' (assumed from the signature)' if assumed else ''}"
        late = found.due is not None and day > found.due
        if late and found.due is not None:
            line.late_reports += 1
            days = deadline.business_days_after(found.due, day, calendar)
            line.items.append(
                f"Form {filing.form} filed {when}, {days} business day{'s' if days != 1 else ''} late: due "
                f"{found.due:%m/%d/%Y} (draft {report.ref})"
            )
        if early and report.filed and since is not None:
            dated = ", ".join(sorted({f"{row.transaction_date.value:%m/%d/%Y}" for row in early}))
            line.items.append(
                f"Form 4 filed {when} (draft {report.ref}): its transaction{'s' if len(early) > 1 else ''} dated "
                f"{dated} {'are' if len(early) > 1 else 'is'} before the reporting person's Form 3 (box 3: "
                f"{since:%m/%d/%Y}), when no Form 4 was due; not counted: check when "
                f"{'they' if len(early) > 1 else 'it'} became reportable (a performance condition met, Rule 16a-2(a))"
            )
        if filing.form == "4" and late:
            line.late_transactions += sum(1 for *_, due in row_dues if day > due)
        elif filing.form == "5":
            dates: set[object] = set()
            paired = paired_gifts_received(filing)
            for table, index, row in transactions(filing):
                if (table, index) in paired:
                    continue  # the trust's side of a gift given on it: one transaction, counted with the gift
                if is_late_form4_item(row):
                    dates.add(row.transaction_date.value)
                    line.late_transactions += 1
                    line.items.append(
                        f"Form 5 filed {when} reports a late Form 4 item, {_row_said(row)} (draft {report.ref})"
                    )
                elif is_late_form5_item(row):
                    line.late_transactions += 1
                    line.items.append(
                        f"Form 5 filed {when} reports a Form 5 item of an earlier fiscal year late, {_row_said(row)} "
                        f"(draft {report.ref})"
                    )
                elif late:
                    line.late_transactions += 1
            line.failures_to_file += len(dates)
    owed = sweep_insider(owner_cik, reports, year, today, calendar, owner=line.owner)
    if owed.owed and not owed.form5_filed and owed.due is not None and today > owed.due:
        # The Form 5 never filed, each row it owes not yet counted (a transaction never reported), and a Form 4
        # never filed for each day of its late Form 4 items that no draft Form 4 of theirs was counted for.
        line.failures_to_file += 1
        line.items.append(f"Form 5 for {year.describe()} owed and not filed: due {owed.due:%m/%d/%Y}")
        owed_days: set[object] = set()
        for carried in owed.rows:
            if carried.other_side or carried.key in counted:
                continue
            line.late_transactions += 1
            if carried.form_type == "4":
                owed_days.add(carried.row.transaction_date.value)
        line.failures_to_file += len(owed_days)
    return line


def subject_since(reports: Iterable[Report]) -> date | None:
    """When the insider became subject to Section 16 for the issuer, as their filed Form 3 says (box 3, the date
    of the event requiring it: the registration at an IPO, the day they took office); None without one."""
    days = [
        report.filing.period_of_report
        for report in reports
        if report.filed and report.filing.form == "3" and not report.filing.is_amendment
    ]
    return min((day for day in days if isinstance(day, date)), default=None)


def _dated_before(row: Transaction, since: date) -> bool:
    """A row dated before the insider's Form 3 event: no Form 4 was due on its date (the Exchange Act's Form 4
    duty runs from being an insider of a registered issuer; a transaction before that is reported on the Form 3,
    under Rule 16a-2(a), or, as a performance option is, when it is in fact acquired)."""
    when = row.transaction_date.value
    return isinstance(when, date) and when < since


def _unfiled(
    line: RegisterLine, report: Report, due: date | None, year: FiscalYear, today: date, calendar: Calendar
) -> set[tuple]:
    """A Form 3 or 4 never filed: a known failure to file once its due date (in the fiscal year) has passed; its
    rows past their own due date are transactions not reported (their keys are returned). A Form 5 never filed
    is the sweep's: owed for the fiscal year of its box 3, whenever it falls due."""
    from form4_desktop.rules.sweep import row_key

    filing = report.filing
    if filing.form == "5" or due is None or due not in year or today <= due:
        return set()
    line.failures_to_file += 1
    line.items.append(f"Form {filing.form} due {due:%m/%d/%Y} never filed (draft {report.ref})")
    if filing.form != "4":
        return set()
    late = [(table, row) for table, _, row, row_due in form4_row_dues(filing, calendar) if today > row_due]
    line.late_transactions += len(late)
    return {row_key(filing, table, row) for table, row in late}


def by_owner(
    line_of: Callable[[str, list[Report], FiscalYear, date, Calendar], _Line],
    reports_by_owner: dict[str, list[Report]],
    year: FiscalYear,
    today: date,
    calendar: Calendar = DEFAULT_CALENDAR,
) -> list[_Line]:
    """`line_of` each insider (insider_line, rules.sweep.sweep_insider), in the order of owner name, then CIK."""
    lines = [line_of(cik, reports, year, today, calendar) for cik, reports in reports_by_owner.items()]
    return sorted(lines, key=lambda line: (line.owner.lower(), line.owner_cik))


def register(
    reports_by_owner: dict[str, list[Report]],
    year: FiscalYear,
    today: date,
    calendar: Calendar = DEFAULT_CALENDAR,
) -> list[RegisterLine]:
    """Every insider's line (delinquent or not), by owner name then CIK."""
    return by_owner(insider_line, reports_by_owner, year, today, calendar)
