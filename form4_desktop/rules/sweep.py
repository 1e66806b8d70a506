"""The Form 5 sweep: per issuer and fiscal year, for each insider, whether a Form 5 is owed and the rows it should
carry, or that none is owed (the issuer may then rely on the insider's written representation that no Form 5 is
required, Regulation S-K Item 405(b)(3)). Pure: the caller gives the reports (rules.register.Report).

A Form 5 is owed for a fiscal year only when something is left to report (Rule 16a-3(f); CCRCorp, "Tips for
Form 5 filing and the proxy statement": a Form 5 is "not an annual disclosure form required of all insiders"):
- a deferred Form 5 item of the year not reported earlier on a Form 4: a small acquisition (L, Rule 16a-6), a
  gift or inheritance received (G or W, acquired), a gift given before 02/27/2023 (Release 33-11138 moved later
  ones to Form 4) — carried as form type 5;
- a transaction that should have been reported on a Form 4 and was not (its two-day deadline has passed, this
  year or before) — carried as a late Form 4 item (form type 4, timeliness L).
No Form 5 re-reports what a filed form already reported. What is "not yet reported" is read from the store:
transaction rows of drafts not filed that no filed form of the insider reports (the same position as the holdings
ledger keys it (model.holdings.position_key: security, direct or indirect and the nature), date, code and shares
moved). A draft Form 4 whose deadline has not passed is not for the Form 5: file the Form 4. A gift received that
is the other side of a gift given on the same form (shares moved by gift into the reporting person's own trust:
rules.timeliness.paired_gifts_received) is no Form 5 item: it goes with the gift given, late or in time as it is.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date

from form4_desktop.model import Filing
from form4_desktop.model.holdings import position_key
from form4_desktop.rules import deadline
from form4_desktop.rules.closures import DEFAULT_CALENDAR, Calendar
from form4_desktop.rules.register import (
    FiscalYear,
    Report,
    Transaction,
    by_owner,
    filing_day_of,
    form4_row_dues,
    is_late_form4_item,
    owner_name,
    transactions,
)
from form4_desktop.rules.timeliness import is_early_gift_given, is_form5_item, paired_gifts_received

DEFERRED, LATE = "deferred Form 5 item", "late Form 4 item"


@dataclass(frozen=True)
class Carried:
    """A row the Form 5 should carry: where it is (draft, table, row), what it is and why."""

    ref: Hashable
    table: str
    index: int
    row: Transaction
    kind: str  # DEFERRED (form type 5) or LATE (form type 4, L)
    key: tuple = ()  # the row as filings report it (_key)
    other_side: bool = False  # the trust's side of a gift given carried with it: one transaction with the gift

    @property
    def form_type(self) -> str:
        return "5" if self.kind == DEFERRED else "4"

    def describe(self) -> str:
        code = self.row.coding.code if self.row.coding is not None else "?"
        when = self.row.transaction_date.value
        shares = self.row.shares.value if self.row.shares is not None else None
        said = f"{self.row.security_title.value or '?'}, code {code}"
        if isinstance(when, date):
            said += f", {when:%m/%d/%Y}"
        if shares is not None:
            said += f", {shares:,} ({self.row.acquired_disposed.value or '?'})"
        return f"{said}: {self.kind} (draft {self.ref}, {self.table}[{self.index}])"


@dataclass
class SweepLine:
    owner_cik: str
    owner: str
    owed: bool
    due: date | None
    rows: list[Carried] = field(default_factory=list)
    form5_filed: Hashable | None = None  # the Form 5 already filed for the year (a draft id)
    why: str = ""


def row_key(filing: Filing, table: str, row: Transaction) -> tuple:
    """A row as filings report it: its position, date, code and signed shares (the same row on a filed form and on
    a draft has the same key)."""
    shares = row.shares.value if row.shares is not None else None
    code = row.coding.code if row.coding is not None else ""
    return (
        position_key(row, table, filing=filing),
        row.transaction_date.value,
        code,
        shares,
        row.acquired_disposed.value,
    )


def _is_deferred(row: Transaction) -> bool:
    return is_form5_item(row) or is_early_gift_given(row)


def _kinds(report: Report, today: date, calendar: Calendar) -> dict[tuple[str, int], str]:
    """What each transaction row of a draft Form 4 or 5 is for a Form 5: DEFERRED, LATE, or left out (a Form 4 row
    still in time: file the Form 4). The receiving side of a gift given on the same form is what its gift given is."""
    filing = report.filing
    late_rows = {(table, index) for table, index, _, row_due in form4_row_dues(filing, calendar) if today > row_due}
    paired = paired_gifts_received(filing)
    kinds: dict[tuple[str, int], str] = {}
    given: dict[tuple, str | None] = {}  # a gift given's (table, date, shares) -> its kind
    for table, index, row in transactions(filing):
        kind: str | None
        if filing.form == "5":
            kind = LATE if is_late_form4_item(row) else DEFERRED
        elif _is_deferred(row) or (row.coding is not None and row.coding.form_type == "5"):
            kind = DEFERRED
        else:
            kind = LATE if (table, index) in late_rows else None
        if row.coding is not None and row.coding.code == "G" and row.acquired_disposed.value == "D":
            shares = row.shares.value if row.shares is not None else None
            given.setdefault((table, row.transaction_date.value, shares), kind)
        if kind is not None:
            kinds[(table, index)] = kind
    for table, index, row in transactions(filing):
        if (table, index) in paired:
            shares = row.shares.value if row.shares is not None else None
            kind = given.get((table, row.transaction_date.value, shares), kinds.get((table, index)))
            if kind is not None:
                kinds[(table, index)] = kind
            else:
                kinds.pop((table, index), None)
    return kinds


def sweep_insider(
    owner_cik: str,
    reports: Iterable[Report],
    year: FiscalYear,
    today: date,
    calendar: Calendar = DEFAULT_CALENDAR,
    owner: str = "",
) -> SweepLine:
    """Whether `owner_cik` owes a Form 5 for `year`, as of the filing day `today`, and the rows it should carry."""
    reports = list(reports)
    due = deadline.form5_due_date(year.end, calendar)
    reported = {
        row_key(report.filing, table, row)
        for report in reports
        if report.filed
        for table, _, row in transactions(report.filing)
    }
    form5 = next(
        (
            report
            for report in reports
            if report.filed and report.filing.document_type == "5" and report.filing.period_of_report in year
        ),
        None,
    )
    carried: list[Carried] = []
    seen: set[tuple] = set()
    # A row in a draft Form 5 and again in the draft Form 4 it came from is carried once, from the Form 5.
    for report in sorted(reports, key=lambda report: report.filing.form != "5"):
        filing = report.filing
        if report.filed or filing.form not in ("4", "5"):
            continue
        kinds = _kinds(report, today, calendar)
        paired = paired_gifts_received(filing)
        for table, index, row in transactions(filing):
            # A deferred item of an earlier year never reported is owed too (CCRCorp, circumstance (ii)).
            when, key = row.transaction_date.value, row_key(filing, table, row)
            kind = kinds.get((table, index))
            if kind is None or not isinstance(when, date) or when > year.end or key in reported or key in seen:
                continue
            seen.add(key)
            carried.append(Carried(report.ref, table, index, row, kind, key, (table, index) in paired))
    owner = owner or owner_name(owner_cik, reports)
    line = SweepLine(owner_cik, owner, bool(carried), due, carried, form5.ref if form5 is not None else None)
    if carried:
        deferred = sum(1 for c in carried if c.kind == DEFERRED)
        late = len(carried) - deferred
        parts = [f"{n} {what}{'s' if n != 1 else ''}" for n, what in ((deferred, DEFERRED), (late, LATE)) if n]
        line.why = f"Form 5 owed for {year.describe()}, due {due:%m/%d/%Y}: " if due else "Form 5 owed: "
        line.why += " and ".join(parts) + " not yet reported"
    elif form5 is not None:
        day, assumed = filing_day_of(form5, calendar)
        on = f" on {day:%m/%d/%Y}{' (assumed from its signature)' if assumed else ''}" if day else ""
        line.why = f"Form 5 for the year filed{on} (draft {form5.ref}); nothing left"
    else:
        line.why = (
            "No Form 5 owed: nothing deferred or late is left unreported; the issuer may rely on the insider's "
            "written representation that no Form 5 is required (Regulation S-K Item 405(b)(3))"
        )
    return line


def sweep(
    reports_by_owner: dict[str, list[Report]],
    year: FiscalYear,
    today: date,
    calendar: Calendar = DEFAULT_CALENDAR,
) -> list[SweepLine]:
    """Every insider's line, by owner name then CIK."""
    return by_owner(sweep_insider, reports_by_owner, year, today, calendar)
