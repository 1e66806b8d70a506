"""HOLDINGS-CONTINUITY: a draft's first row of each position starts from what the owner's filings left on its
date (a late row from the filings before it, an amendment's row from the position before the row it restates).

The ledger (model.holdings) is built by the caller from the store; this rule only compares. A footnote on the
"owned following" box usually explains a jump (an exempt ESPP purchase, a Rule 16a-13 change in the form of
ownership): the finding is then information.
"""

from __future__ import annotations

from decimal import Decimal

from form4_desktop.model import DerivativeTransaction, Filing, NonDerivativeTransaction
from form4_desktop.model.display import format_date
from form4_desktop.model.holdings import Ledger, draft_rows
from form4_desktop.rules.catalog import RULES
from form4_desktop.rules.findings import Finding, Severity


def _amount(value: Decimal) -> str:
    return f"{value:,f}" if value == value.to_integral_value() else f"{value:,}"


def continuity_findings(filing: Filing, ledger: Ledger, merges: dict[str, str] | None = None) -> list[Finding]:
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
        if before is None or should is None or reported is None or reported == should:
            continue
        # The filed row the draft's row follows: the last before its date (a late row is not judged against
        # what was filed after it).
        previous = found.previous
        when = f" on {format_date(previous.when)}" if previous is not None and previous.when else ""
        how = "directly" if key.ownership == "D" else f"indirectly ({row.ownership.nature_of_ownership.value or 'I'})"
        if isinstance(row, (NonDerivativeTransaction, DerivativeTransaction)):
            change = should - before
            sign = "+" if change >= 0 else "−"
            sum_text = f"{_amount(before)} {sign} {_amount(abs(change))} = {_amount(should)}"
        else:
            sum_text = f"a holding row should say {_amount(before)}"
        message = f"The last filing left {_amount(before)} {how}{when}; {sum_text}; this row says {_amount(reported)}."
        severity = rule.severity
        if box is not None and box.footnote_ids:
            severity = Severity.INFO
            message += (
                f" Footnote {', '.join('(' + i[1:] + ')' for i in box.footnote_ids)} explains it, if it says why."
            )
        findings.append(Finding(rule.id, severity, f"{table}[{number}].shares_owned_following", message))
    return findings
