"""The compliance desk on the draft store: the Item 405 register and the Form 5 sweep per issuer and fiscal year
(rules.register, rules.sweep), every unfiled draft with its due date (`form4 due --store`, the dashboard), and the
pre-clearance what-if of a proposed trade (rules.short_swing). The command line and the app share these.

The issuer's fiscal year end is kept with the issuer in the store (DraftStore.fiscal_year_end, default 12/31);
a caller may give another for one register or sweep. Whether a filed draft's filing date was only assumed (an
EDGAR copy imported without `form4 import --filed-on`, dated by its signature) is kept with the draft
(Draft.filed_on_assumed).
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from form4_desktop.app.due import due_line
from form4_desktop.app.files import write_atomically
from form4_desktop.app.holdings import trades
from form4_desktop.model import Filing
from form4_desktop.model.holdings import normalized
from form4_desktop.rules import deadline
from form4_desktop.rules.closures import Calendar
from form4_desktop.rules.register import FiscalYear, RegisterLine, Report, filing_day_of, register
from form4_desktop.rules.short_swing import Match, Trade, match, total_profit
from form4_desktop.rules.sweep import DEFERRED, SweepLine, sweep
from form4_desktop.rules.timeliness import deadline_of
from form4_desktop.store import DraftStore


_Line = TypeVar("_Line", RegisterLine, SweepLine)


def _cik(cik: str) -> str:
    return cik.lstrip("0") or "0"


def padded(cik: str) -> str:
    """A CIK as EDGAR writes it: ten digits."""
    return _cik(cik).zfill(10)


def _calendar(calendar: Calendar | None) -> Calendar:
    from form4_desktop.app.closures import load_calendar

    return calendar if calendar is not None else load_calendar()


def _today(today: date | None, calendar: Calendar) -> date:
    from form4_desktop.app.clock import filing_day_now

    return today if today is not None else filing_day_now(calendar)


def issuer_reports(store: DraftStore, issuer_cik: str) -> dict[str, list[Report]]:
    """Every filing and draft (outside the trash) about the issuer, by reporting owner (CIK without zeros in
    front), oldest first; a joint filing counts for each of its owners."""
    issuer = _cik(issuer_cik)
    owners: set[str] = set()
    for summary in store.list(issuer):
        filing = store.open(summary.id).filing
        if _cik(filing.issuer.cik) == issuer:
            owners.update(_cik(owner.cik) for owner in filing.reporting_owners if owner.cik)
    found: dict[str, list[Report]] = {}
    for owner in sorted(owners):
        found[owner] = [
            Report(
                row.id,
                row.filing,
                row.status == "filed",
                row.filed_on,
                row.status == "filed" and (row.filed_on_assumed or row.filed_on is None),
            )
            for row in store.ledger_filings(owner, issuer)
        ]
    return found


def fiscal_year(store: DraftStore, issuer_cik: str, year: int, end: tuple[int, int] | None = None) -> FiscalYear:
    """The issuer's fiscal year `year` (the one ending in that year): ending on `end` (month, day) when given, else
    on the end the store keeps for the issuer (12/31 unless set)."""
    return FiscalYear(year, *(end if end is not None else store.fiscal_year_end(issuer_cik)))


class IssuerYear:
    """One issuer's fiscal year on the compliance desk: every insider's reports read once from the store, for the
    Item 405 register and the Form 5 sweep (the register view shows both). The year is the one ending in `year`,
    on `fiscal_year_end` (month, day) when given, else on the issuer's end kept in the store; `today` is the filing
    day of now (default: EDGAR's, New York)."""

    def __init__(
        self,
        store: DraftStore,
        issuer_cik: str,
        year: int,
        fiscal_year_end: tuple[int, int] | None = None,
        today: date | None = None,
        calendar: Calendar | None = None,
    ) -> None:
        self.calendar = _calendar(calendar)
        self.fiscal = fiscal_year(store, issuer_cik, year, fiscal_year_end)
        self.today = _today(today, self.calendar)
        self.reports = issuer_reports(store, issuer_cik)

    def register(self) -> list[RegisterLine]:
        """Every insider's line of the Item 405 register, delinquent or not."""
        return _padded(register(self.reports, self.fiscal, self.today, self.calendar))

    def sweep(self) -> list[SweepLine]:
        """Every insider with a filing or draft dated in the fiscal year (or a row a Form 5 should carry): whether
        a Form 5 is owed, and its rows."""
        active = set()
        for owner, mine in self.reports.items():
            for report in mine:
                day = filing_day_of(report, self.calendar)[0] if report.filed else None
                if report.filing.period_of_report in self.fiscal or day in self.fiscal:
                    active.add(owner)
                    break
        lines = sweep(self.reports, self.fiscal, self.today, self.calendar)
        return _padded([line for line in lines if line.owner_cik in active or line.owed])


def _padded(lines: list[_Line]) -> list[_Line]:
    for line in lines:
        line.owner_cik = padded(line.owner_cik)
    return lines


def late_register(store: DraftStore, *year: Any, **given: Any) -> list[RegisterLine]:
    """The Item 405 register of the issuer's fiscal year (IssuerYear's arguments): every insider's line."""
    return IssuerYear(store, *year, **given).register()


def form5_sweep(store: DraftStore, *year: Any, **given: Any) -> list[SweepLine]:
    """The Form 5 sweep of the issuer's fiscal year (IssuerYear's arguments)."""
    return IssuerYear(store, *year, **given).sweep()


REGISTER_COLUMNS = ("owner_cik", "owner", "late_reports", "late_transactions", "failures_to_file", "assumed_dates")


def register_row(line: RegisterLine) -> list[str]:
    """One insider's line as text, in REGISTER_COLUMNS order (`form4 late`, its CSV and the register view)."""
    return [
        line.owner_cik,
        line.owner,
        str(line.late_reports),
        str(line.late_transactions),
        str(line.failures_to_file),
        "yes" if line.assumed_dates else "no",
    ]


def register_rows(lines: list[RegisterLine]) -> list[list[str]]:
    """The register's lines as `form4 late` prints them: the delinquent insiders only."""
    return [register_row(line) for line in lines if line.delinquent]


def write_register_csv(lines: list[RegisterLine], path: str | os.PathLike[str]) -> None:
    """The register as CSV for the proxy drafter: the columns of `form4 late` and `details` (what each count is
    made of, one item after another, separated by "; ")."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([*REGISTER_COLUMNS, "details"])
    delinquent = [line for line in lines if line.delinquent]
    for row, line in zip(register_rows(lines), delinquent):
        writer.writerow([*row, "; ".join(line.items)])
    write_atomically(path, buffer.getvalue().encode("utf-8"))


def _renumber_notes(value: object, source: dict[str, str], target: Filing) -> None:
    """Give every footnote a row refers to (in its source filing) a place in `target`, by text, and point the row's
    boxes at it: F1, F2, ... in the order met."""
    import dataclasses

    from form4_desktop.model import Footnote

    ids = getattr(value, "footnote_ids", None)
    if isinstance(ids, list):
        renumbered = []
        for old in ids:
            text = source.get(old)
            if text is None:
                continue
            note = next((n for n in target.footnotes if n.text == text), None)
            if note is None:
                note = Footnote(f"F{len(target.footnotes) + 1}", text)
                target.footnotes.append(note)
            renumbered.append(note.id)
        ids[:] = renumbered
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            child = getattr(value, item.name)
            if child is not None and dataclasses.is_dataclass(child):
                _renumber_notes(child, source, target)


def start_form5(store: DraftStore, line: SweepLine, issuer_cik: str, fiscal_year_end: date) -> int:
    """A new draft Form 5 for the insider of a sweep line, carrying its rows (deferred items as form type 5, marked
    L when of an earlier fiscal year; late Form 4 items as form type 4 marked L) with their footnotes, its box 3 the fiscal year end, the issuer and the
    reporting person as their latest filing gives them; the CCC, the signature and the amounts owned at the year's
    end are left to fill in (the editor's findings say so). Returns the draft's id."""
    import copy

    from form4_desktop.model import DerivativeTransaction, Footnoted
    from form4_desktop.model.operations import new_filing

    filing = new_filing("5")
    filing.period_of_report = fiscal_year_end
    fiscal = FiscalYear(fiscal_year_end.year, fiscal_year_end.month, fiscal_year_end.day)
    filings = store.ledger_filings(line.owner_cik, issuer_cik)
    if filings:
        latest = filings[-1].filing
        filing.issuer = copy.deepcopy(latest.issuer)
        wanted = _cik(line.owner_cik)
        owner = next((o for o in latest.reporting_owners if _cik(o.cik) == wanted), None)
        if owner is not None:
            filing.reporting_owners = [copy.deepcopy(owner)]
    for carried in line.rows:
        source = store.open(int(carried.ref)).filing  # type: ignore[call-overload]
        row = copy.deepcopy(carried.row)
        if row.coding is not None:
            row.coding.form_type = carried.form_type
        # late: a late Form 4 item, and a deferred item of an earlier fiscal year (its own year's Form 5 was owed)
        earlier = isinstance(row.transaction_date.value, date) and row.transaction_date.value < fiscal.start
        row.timeliness = None if carried.kind == DEFERRED and not earlier else Footnoted("L")
        _renumber_notes(row, {note.id: note.text for note in source.footnotes}, filing)
        if isinstance(row, DerivativeTransaction):
            filing.table_ii.append(row)
        else:
            filing.table_i.append(row)
    return store.create(filing)


# -- deadlines across the store -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class DraftDeadline:
    """One draft of the store, as the deadline dashboard shows it."""

    draft_id: int
    form: str  # document type: 4, 4/A, ...
    owner: str
    owner_cik: str
    issuer: str
    issuer_cik: str
    filed: bool
    due: date | None
    why: str
    filed_on: date | None = None
    on_time: bool | None = None  # filed ones with a deadline
    overdue: bool = False  # unfiled ones past their due date
    business_days_late: int = 0
    time_left: str = ""  # unfiled: "4 h 24 min left" on the due day, "2 business days left", "late by 1 business day"
    business_days_left: int | None = None  # unfiled, not overdue: 0 on the due day
    assumed: bool = False


def _issuer_said(filing: Filing) -> str:
    name = filing.issuer.name or f"CIK {filing.issuer.cik}"
    return f"{name} [{filing.issuer.trading_symbol}]" if filing.issuer.trading_symbol else name


def _owner_said(filing: Filing) -> str:
    names = [owner.name or f"CIK {owner.cik}" for owner in filing.reporting_owners if owner.name or owner.cik]
    return names[0] + (f" (+{len(names) - 1} more)" if len(names) > 1 else "") if names else ""


def deadlines(
    store: DraftStore, moment: datetime | None = None, calendar: Calendar | None = None, *, filed: bool = True
) -> list[DraftDeadline]:
    """Every draft outside the trash with its deadline on the New York clock at `moment` (default: now): unfiled
    ones first, overdue first, by due date (no deadline last); then, with `filed`, the filed ones, latest filed
    first, with their filing date and whether it was on time."""
    from form4_desktop.app.clock import new_york_now

    calendar = _calendar(calendar)
    moment = moment if moment is not None else new_york_now()
    today = deadline.filing_day(moment, calendar)
    found = []
    for summary in store.list():
        draft = store.open(summary.id)
        filing = draft.filing
        known = deadline_of(filing, calendar)
        base = DraftDeadline(
            draft_id=draft.id,
            form=filing.document_type,
            owner=_owner_said(filing),
            owner_cik=next((padded(o.cik) for o in filing.reporting_owners if o.cik), ""),
            issuer=_issuer_said(filing),
            issuer_cik=padded(filing.issuer.cik) if filing.issuer.cik else "",
            due=known.due,
            why=known.why,
            filed=draft.is_filed,
        )
        if draft.is_filed:
            if not filed:
                continue
            filed_on = date.fromisoformat(draft.filed_on) if draft.filed_on else None
            report = Report(draft.id, filing, True, filed_on, draft.filed_on_assumed or filed_on is None)
            day, assumed = filing_day_of(report, calendar)
            on_time = None if known.due is None or day is None else day <= known.due
            late = deadline.business_days_after(known.due, day, calendar) if known.due and day else 0
            found.append(replace(base, filed_on=day, on_time=on_time, business_days_late=late, assumed=assumed))
            continue
        left = ""
        overdue = known.due is not None and today > known.due
        late = 0
        days: int | None = None
        if known.due is not None:
            if overdue:
                late = deadline.business_days_after(known.due, today, calendar)
                left = f"late by {late} business day{'s' if late != 1 else ''}"
            else:
                days = _business_days_until(today, known.due, calendar)
                remaining = deadline.time_left(moment, known.due, calendar)
                if remaining is not None:
                    left = deadline.describe_time_left(remaining)
                else:  # a day before the due day, or the due day itself after 10 p.m. on a holiday eve
                    left = "due today" if days == 0 else f"{days} business day{'s' if days != 1 else ''} left"
        found.append(
            replace(
                base,
                overdue=overdue,
                business_days_late=late,
                time_left=left,
                business_days_left=days,
            )
        )
    unfiled = sorted(
        (row for row in found if not row.filed),
        key=lambda row: (not row.overdue, row.due is None, row.due or date.max, row.draft_id),
    )
    done = sorted(
        (row for row in found if row.filed), key=lambda row: (row.filed_on or date.min, row.draft_id), reverse=True
    )
    return unfiled + done


def _business_days_until(today: date, due: date, calendar: Calendar) -> int:
    """Business days from `today` (not counted) to `due` (counted): 0 on the due day."""
    count, day = 0, today
    while day < due:
        following = deadline.add_business_days(day, 1, calendar)
        if following is None or following > due:
            break
        day, count = following, count + 1
    return count


def due_soon(rows: list[DraftDeadline], business_days: int = 2) -> list[DraftDeadline]:
    """Unfiled drafts overdue or due within `business_days` business days: what the app shows at start."""
    return [
        row
        for row in rows
        if not row.filed
        and (row.overdue or (row.business_days_left is not None and row.business_days_left <= business_days))
    ]


def store_due_lines(store: DraftStore, today: date | None = None, calendar: Calendar | None = None) -> list[str]:
    """`form4 due --store PATH`: one line per unfiled draft, `draft N (FORM, OWNER, ISSUER): due …` as
    `form4 due FILE` words it (app.due.due_line), soonest due first; drafts without a deadline last."""
    calendar = _calendar(calendar)
    today = _today(today, calendar)
    found = []
    for summary in store.list():
        if summary.status == "filed":
            continue
        filing = store.open(summary.id).filing
        known = deadline_of(filing, calendar)
        name = f"draft {summary.id} (Form {filing.document_type}, {_owner_said(filing)}, {_issuer_said(filing)})"
        found.append(((known.due is None, known.due or date.max, summary.id), due_line(name, filing, today, calendar)))
    return [line for _, line in sorted(found)]


# -- pre-clearance ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class WhatIf:
    """What a proposed trade would do: the pairs it would be matched in (lowest in, highest out, with the owner's
    filed and imported trades and drafts not yet filed), their profit, how much the recoverable profit would grow
    (matching may move other pairs), and the Form 4's due date if it were executed that day."""

    proposed: Trade
    matches: list[Match]
    profit: Decimal  # of the pairs that include the proposed trade
    added: Decimal  # recoverable profit with the trade less without it
    due: date | None
    security: str


PROPOSED = "proposed"


def what_if(
    store: DraftStore,
    owner_cik: str,
    issuer_cik: str,
    *,
    buy: bool,
    shares: Decimal,
    price: Decimal,
    when: date,
    security: str | None = None,
    calendar: Calendar | None = None,
) -> WhatIf:
    """Pre-clearance: what buying (or selling) `shares` at `price` on `when` would match under Section 16(b)."""
    calendar = _calendar(calendar)
    existing = trades(store, owner_cik, issuer_cik, pending=True)
    if security is None:
        titles = {t.security: t.title for t in existing if t.security[0] == "I"}
        security = next(iter(titles.values())) if len(titles) == 1 else "Common Stock"
    proposed = Trade(PROPOSED, PROPOSED, ("I", normalized(security)), security, when, buy, shares, price, True)
    before = match(existing)
    after = match([*existing, proposed])
    mine = [m for m in after if PROPOSED in (m.purchase.ref, m.sale.ref)]
    return WhatIf(
        proposed,
        mine,
        total_profit(mine),
        total_profit(after) - total_profit(before),
        deadline.form4_due_date(when, None, calendar),
        security,
    )
