"""The Form 4 due date (info) and, for a draft, how late it is (warning)."""

from __future__ import annotations

from datetime import date

from form4_desktop.model import DerivativeTransaction, Filing, NonDerivativeTransaction
from form4_desktop.rules import deadline
from form4_desktop.rules.boxes import cell
from form4_desktop.rules.catalog import RULES
from form4_desktop.rules.findings import Finding


GIFTS_ON_FORM4_SINCE = date(2023, 2, 27)  # Release 33-11138: gifts given are due on Form 4 in two days


def is_gift_given(row: NonDerivativeTransaction | DerivativeTransaction) -> bool:
    traded = row.transaction_date.value
    return (row.coding is not None and row.coding.code == "G" and row.acquired_disposed.value == "D"
            and isinstance(traded, date) and traded >= GIFTS_ON_FORM4_SINCE)


def due_date(filing: Filing) -> tuple[date, str, str] | None:
    """(due date, field path, why) for the Form 4 transaction that falls due first; None when nothing
    in the filing has a two-day deadline (not a Form 4, or only early-reported Form 5 items)."""
    if filing.document_type != "4":
        return None
    earliest: tuple[date, str, str] | None = None
    for table, rows in (("table_i", filing.table_i), ("table_ii", filing.table_ii)):
        for index, row in enumerate(rows):
            if not isinstance(row, (NonDerivativeTransaction, DerivativeTransaction)):
                continue
            if row.coding is not None and row.coding.form_type == "5" and not is_gift_given(row):
                continue  # a Form 5 item reported early: its deadline is the Form 5's
            traded = row.transaction_date.value
            if not isinstance(traded, date):
                continue
            deemed = row.deemed_execution_date.value if row.deemed_execution_date else None
            deemed = deemed if isinstance(deemed, date) and deemed > traded else None
            due = deadline.form4_due_date(traded, deemed)
            if due is None:
                continue
            if earliest is None or due < earliest[0]:
                attribute = "deemed_execution_date" if deemed else "transaction_date"
                path, label = cell(filing.form, table, index, attribute)
                what = "deemed execution date" if deemed else "transaction"
                row_name = label.split(", column")[0]
                earliest = (due, path, f"the second business day after the {what} of "
                                       f"{(deemed or traded):%m/%d/%Y} ({row_name})")
    return earliest


def deadline_findings(filing: Filing, today: date) -> list[Finding]:
    found = due_date(filing)
    if found is None:
        return []
    due, path, why = found
    info, late = RULES["DUE-DATE"], RULES["LATE"]
    when = f"10 p.m. Eastern on {deadline.describe(due)}"
    findings = [Finding(info.id, info.severity, path, f"Due by {when}: {why}.")]
    if not filing.is_disseminated_copy and today > due:
        days = deadline.business_days_after(due, today)
        findings.append(Finding(late.id, late.severity, path,
                                f"Late by {days} business day{'s' if days != 1 else ''}: it was due by {when}. "
                                "File it as soon as possible; the issuer must disclose late filings."))
    return findings
