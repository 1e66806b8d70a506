"""HOLDINGS-CONTINUITY: a draft's first row of each position starts from what the owner's filings left on its
date (a late row from the filings before it, an amendment's row from the position before the row it restates).
HOLDINGS-LATER-FILINGS: a draft's row dated before rows already filed for its position (a late Form 4, a Form 5
item, an amendment's changed row) makes their amount owned following wrong once it is filed: the finding names
each of them, what it says and what it should say.

The ledger (model.holdings) is built by the caller from the store; this rule only compares. A footnote on the
"owned following" box usually explains a jump (an exempt ESPP purchase, a Rule 16a-13 change in the form of
ownership): the finding is then information.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from form4_desktop.model import DerivativeTransaction, Filing, NonDerivativeTransaction
from form4_desktop.model.display import format_date
from form4_desktop.model.holdings import Entry, Ledger, PositionKey, draft_rows, later_corrections
from form4_desktop.rules.boxes import table_name
from form4_desktop.rules.catalog import RULES
from form4_desktop.rules.findings import Finding, Severity


def _amount(value: Decimal) -> str:
    return f"{value:,f}" if value == value.to_integral_value() else f"{value:,}"


def _how(key: PositionKey, row) -> str:
    """How a row's position is held, as the form says it: "directly", "indirectly (By Trust)"."""
    if key.ownership == "D":
        return "directly"
    box = row.ownership.nature_of_ownership
    return f"indirectly ({(box.value if box is not None else '') or 'I'})"


def continuity_findings(filing: Filing, ledger: Ledger, merges: dict[str, str] | None = None) -> list[Finding]:
    """HOLDINGS-CONTINUITY and HOLDINGS-LATER-FILINGS of a draft that `ledger` leaves out."""
    return _first_rows(filing, ledger, merges) + later_filings_findings(filing, ledger, merges)


def _first_rows(filing: Filing, ledger: Ledger, merges: dict[str, str] | None) -> list[Finding]:
    rule = RULES["HOLDINGS-CONTINUITY"]
    findings = []
    seen = set()
    for found in draft_rows(ledger, filing, merges):
        table, number, key, before, should = found.table, found.row, found.key, found.before, found.should
        if key in seen:
            continue
        seen.add(key)
        row = getattr(filing, table)[number]
        box = row.shares_owned_following
        reported = box.value if box is not None else None
        if before is None or should is None:
            continue
        # The filed row the draft's row follows: the last before its date (a late row is not judged against
        # what was filed after it).
        previous = found.previous
        when = f" on {format_date(previous.when)}" if previous is not None and previous.when else ""
        how = _how(key, row)
        if should < 0:  # disposing of more than is held: nothing was proposed, and the row says why (empty or not)
            said = f"; this row says {_amount(reported)}" if reported is not None else ", so nothing is proposed"
            message = (
                f"The last filing left {_amount(before)} {how}{when}, fewer than the {_amount(before - should)} "
                f"this row disposes of{said}. If these shares are held "
                "another way, correct D or I (and the nature of indirect ownership); if the position grew in a way "
                "the filings do not show (a stock split, an exempt ESPP purchase, a Rule 16a-13 change), give the "
                "amount owned following and explain it in a footnote on this box."
            )
        elif reported is None or reported == should:
            continue
        else:
            if isinstance(row, (NonDerivativeTransaction, DerivativeTransaction)):
                change = should - before
                sign = "+" if change >= 0 else "−"
                sum_text = f"{_amount(before)} {sign} {_amount(abs(change))} = {_amount(should)}"
            else:
                sum_text = f"a holding row should say {_amount(before)}"
            message = (
                f"The last filing left {_amount(before)} {how}{when}; {sum_text}; this row says {_amount(reported)}."
            )
        severity = rule.severity
        if box is not None and box.footnote_ids:
            severity = Severity.INFO
            message += (
                f" Footnote {', '.join('(' + i[1:] + ')' for i in box.footnote_ids)} explains it, if it says why."
            )
        elif should >= 0:
            # How to clear it: the ledger knows only what was filed, not a split or an exempt purchase.
            message += (
                " If the difference has a reason the filings do not show (a stock split, an exempt ESPP purchase, "
                "a Rule 16a-13 change), explain it in a footnote on this box: this warning then becomes information."
            )
        findings.append(Finding(rule.id, severity, f"{table}[{number}].shares_owned_following", message))
    return findings


SHOWN = 10  # rows a HOLDINGS-LATER-FILINGS message names (the first nine and the last)


def _filing_said(entry: Entry) -> str:
    """How a message names the filing of a ledger row: "the Form 4 filed 07/11/2023 (draft 12)"."""
    form = f"Form {entry.form}" if entry.form else "filing"
    if entry.pending:
        return f"the {form} not yet filed (draft {entry.ref})"
    when = f" filed {format_date(entry.filed_on)}" if entry.filed_on else ""
    return f"the {form}{when} (draft {entry.ref})"


def _signed(value: Decimal) -> str:
    return ("+" if value >= 0 else "−") + _amount(abs(value))


def later_filings_findings(
    filing: Filing, ledger: Ledger, merges: dict[str, str] | None = None, ref: object = None
) -> list[Finding]:
    """HOLDINGS-LATER-FILINGS: on a draft's first row of each position that goes before rows already filed (or
    drafted) for it, every such later row whose amount owned following will be wrong once the draft is filed,
    with what it says and what it should say."""
    fixes = later_corrections(ledger, filing, ref, merges)
    if not fixes:
        return []
    rule = RULES["HOLDINGS-LATER-FILINGS"]
    by_key: dict[PositionKey, list[tuple[Entry, Decimal]]] = {}
    for entry, should in fixes:
        by_key.setdefault(entry.key, []).append((entry, should))
    first: dict[PositionKey, tuple] = {}
    for found in draft_rows(ledger, filing, merges):
        first.setdefault(found.key, (found.table, found.row))
    findings = []
    for key, later in by_key.items():
        if key not in first:
            continue
        table, number = first[key]
        row = getattr(filing, table)[number]
        traded = getattr(row, "transaction_date", None)
        when = traded.value if traded is not None and isinstance(traded.value, date) else filing.period_of_report
        said: list[str] = []
        filings: list[tuple[object, str]] = []
        # A long history after a late row: the first rows and the last (what the position says now) are named.
        shown = later if len(later) <= SHOWN else [*later[: SHOWN - 1], later[-1]]
        for number_shown, (entry, should) in enumerate(shown):
            reported = entry.reported if entry.reported is not None else Decimal(0)
            where = f"{table_name(entry.table)}, row {entry.row + 1}"
            cut = len(shown) < len(later) and number_shown == len(shown) - 1  # the last, after those left out
            if cut or not filings or filings[-1] != (entry.ref, entry.table):
                filings.append((entry.ref, entry.table))
                where = f"{_filing_said(entry)}, {where}"
            else:
                where = f"row {entry.row + 1}"
            said.append(f"{where}: {_amount(should)}, not {_amount(reported)} ({_signed(should - reported)})")
        if len(shown) < len(later):
            left_out = len(later) - len(shown)
            said[-1] = f"{left_out} more row{'s' if left_out != 1 else ''} …; the last, " + said[-1]
        count = len({entry.ref for entry, _ in later})
        rows = f"{len(later)} row{'s' if len(later) != 1 else ''} of {count} later filing{'s' if count != 1 else ''}"
        held = _how(key, row)
        dated = f" of {format_date(when)}" if isinstance(when, date) else ""
        if filing.is_amendment:
            what = f"This amended row{dated} changes the position held {held} that {rows} carried on"
        else:
            what = f"This row{dated} goes before {rows} for the same position, held {held}, which do not count it"
        message = (
            f"{what}; once it is filed, their amount owned following should be: {'; '.join(said)}. Correct them: "
            "amend them, or give the corrected amount in the next filing with a footnote."
        )
        attribute = "transaction_date" if traded is not None else "shares_owned_following"
        findings.append(Finding(rule.id, rule.severity, f"{table}[{number}].{attribute}", message))
    return findings
