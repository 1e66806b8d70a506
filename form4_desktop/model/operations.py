"""The domain operations on a filing that the editor, the command line and the tests share: a new filing and new
rows with the form's defaults, footnote ids, where a footnote is used and renumbering, EDGAR's limits, and changing
a draft's form type (what fits is kept; what does not is named before it is dropped)."""

from __future__ import annotations

import copy
from typing import Iterator

from form4_desktop.model import paths
from form4_desktop.model.filing import (
    DerivativeHolding,
    DerivativeTransaction,
    Filing,
    Footnoted,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    OwnershipNature,
    ReportingOwner,
    Signature,
    TransactionCoding,
)
from form4_desktop.model.forms import describe

# EDGAR's limits (Technical Specification §3.3 and the schema): rows per table, reporting owners, footnotes.
MAX_ROWS = 30
MAX_OWNERS = 10
MAX_FOOTNOTES = 99

# Every box of a table row that can carry footnotes (a holding has only some of them).
FOOTNOTED_BOXES = (
    "security_title",
    "conversion_or_exercise_price",
    "transaction_date",
    "deemed_execution_date",
    "coding",
    "timeliness",
    "shares",
    "total_value",
    "price_per_share",
    "acquired_disposed",
    "exercise_date",
    "expiration_date",
    "underlying.title",
    "underlying.shares",
    "underlying.value",
    "shares_owned_following",
    "value_owned_following",
    "ownership.direct_or_indirect",
    "ownership.nature_of_ownership",
)


class LimitError(ValueError):
    """An operation would go past one of EDGAR's limits; the message says which, in one sentence."""


def new_filing(form: str = "4") -> Filing:
    """A new draft of Form `form` ("3", "4" or "5"): one reporting person and one signature to fill in, and the
    boxes a user answers answered as the unchecked paper form shows them."""
    description = describe(form)
    filing = Filing(document_type=description.form)
    if description.exit_box:
        filing.not_subject_to_section16 = False
    if description.rule_10b5_1_box:
        filing.aff10b5_one = False
    filing.reporting_owners.append(ReportingOwner())
    filing.signatures.append(Signature())
    return filing


def _rows(filing: Filing, table: str) -> list:
    return filing.table_i if table == "table_i" else filing.table_ii


def new_transaction(filing: Filing, table: str) -> NonDerivativeTransaction | DerivativeTransaction:
    """A new transaction row: code to choose, held directly, the title of the last row that has one (a second
    trade is usually in the same security). Form 5 items are coded form type 5."""
    if not describe(filing.form).table(table).transactions:
        raise LimitError(f"A Form {filing.form} reports holdings only: add a holding instead.")
    base = dict(
        coding=TransactionCoding("5" if filing.form == "5" else "4", "", False),
        ownership=OwnershipNature(Footnoted("D")),
    )
    previous = next((row for row in reversed(_rows(filing, table)) if row.security_title.value), None)
    title = Footnoted(previous.security_title.value) if previous else Footnoted()
    if table == "table_i":
        return NonDerivativeTransaction(security_title=title, **base)  # type: ignore[arg-type]
    return DerivativeTransaction(security_title=title, **base)  # type: ignore[arg-type]


def new_holding(filing: Filing, table: str) -> NonDerivativeHolding | DerivativeHolding:
    """A new holding row, held directly, with no coding: a holding has none on any form (EDGAR's Form 3 and 4
    schemas have no place for it), except a Form 5 holding the user marks as omitted from the Form 3."""
    nature = OwnershipNature(Footnoted("D"))
    if table == "table_i":
        return NonDerivativeHolding(ownership=nature)
    return DerivativeHolding(ownership=nature)


def is_late_form3_holding(row: object) -> bool:
    """A Form 5 holding that should have been reported on Form 3 (form type 3)."""
    coding = getattr(row, "coding", None)
    return isinstance(row, (NonDerivativeHolding, DerivativeHolding)) and coding is not None and coding.form_type == "3"


def is_late_form4_item(row: object) -> bool:
    """A Form 5 transaction that should have been reported on Form 4 (form type 4)."""
    coding = getattr(row, "coding", None)
    return (
        isinstance(row, (NonDerivativeTransaction, DerivativeTransaction))
        and coding is not None
        and coding.form_type == "4"
    )


def reported_boxes(filing: Filing) -> tuple[bool, bool]:
    """A Form 5's "Form 3 Holdings Reported" and "Form 4 Transactions Reported" as EDGAR sets them from the rows
    (Technical Specification 4.3): a holding of form type 3, a transaction of form type 4."""
    rows = [*filing.table_i, *filing.table_ii]
    return any(is_late_form3_holding(row) for row in rows), any(is_late_form4_item(row) for row in rows)


def reported_boxes_shown(filing: Filing) -> tuple[bool, bool]:
    """A Form 5's "Form 3 Holdings Reported" and "Form 4 Transactions Reported" as the editor shows them and the
    form prints them. A draft's are what its rows say, which is what EDGAR sets them to when it accepts the form
    (TS 4.3): a value kept from a filed form is not the draft's (FORM5-REPORTED-BOXES says where they differ). A copy
    EDGAR disseminated is its record, shown as EDGAR filed it (the rows where it left a box out)."""
    derived = reported_boxes(filing)
    if not filing.is_disseminated_copy:
        return derived
    kept = (filing.form3_holdings_reported, filing.form4_transactions_reported)
    return (
        derived[0] if kept[0] is None else kept[0],
        derived[1] if kept[1] is None else kept[1],
    )


def reported_boxes_recorded(filing: Filing) -> tuple[bool | None, bool | None]:
    """The two boxes as a record copy writes them: where the filing holds a value, a Form 5 draft's is what the
    screen and the printed form show (the rows'), EDGAR's copy keeps EDGAR's, and any other form keeps what it holds
    (the schema then refuses it); a box the filing does not hold is left out, as the file had it."""
    kept = (filing.form3_holdings_reported, filing.form4_transactions_reported)
    if filing.is_disseminated_copy or filing.form != "5":
        return kept
    derived = reported_boxes(filing)
    return (None if kept[0] is None else derived[0], None if kept[1] is None else derived[1])


def clear_computed(filing: Filing) -> None:
    """Drop the values EDGAR computes when it accepts a form (TS 4.3 and its field tables, NA in a submission: noSecuritiesOwned,
    form3HoldingsReported, form4TransactionsReported, rptOwnerStateDescription, rptOwnerGoodAddress) and its schema
    version, from a copy of a filed form that becomes a new draft (an amendment, a duplicate): EDGAR computes them
    again for the new form, from what it then says."""
    filing.schema_version = None
    filing.no_securities_owned = None
    filing.form3_holdings_reported = None
    filing.form4_transactions_reported = None
    for owner in filing.reporting_owners:
        if owner.address is not None:
            owner.address.state_description = None
            owner.address.good_address = None


def check_room(filing: Filing, table: str) -> None:
    """Refuse (LimitError) a new row in a full table."""
    if len(_rows(filing, table)) >= MAX_ROWS:
        name = "Table I" if table == "table_i" else "Table II"
        raise LimitError(
            f"{name} holds at most {MAX_ROWS} rows (EDGAR's limit): report further rows on another Form "
            f"{filing.form} filed the same day."
        )


# -- footnotes -------------------------------------------------------------------------------------------------
def row_boxes(row: object) -> list[tuple[str, object]]:
    """(attribute, box) for every footnotable box the row has."""
    found = []
    for attribute in FOOTNOTED_BOXES:
        try:
            box = paths.get(row, attribute)
        except AttributeError:  # a holding has no transaction boxes
            continue
        if box is not None and hasattr(box, "footnote_ids"):
            found.append((attribute, box))
    return found


def next_footnote_id(filing: Filing) -> str:
    """The first free id, F1, F2, …; LimitError once the filing has EDGAR's 99."""
    used = {footnote.id for footnote in filing.footnotes}
    if len(used) >= MAX_FOOTNOTES:
        raise LimitError(f"A filing has at most {MAX_FOOTNOTES} footnotes (EDGAR's limit).")
    return next(f"F{n}" for n in range(1, MAX_FOOTNOTES + len(used) + 2) if f"F{n}" not in used)


def footnote_references(filing: Filing) -> Iterator[tuple[str, str, str]]:
    """(table, box path, footnote id) of every footnote reference in the tables, in the form's order."""
    for table in ("table_i", "table_ii"):
        for number, row in enumerate(_rows(filing, table)):
            for attribute, box in row_boxes(row):
                for footnote_id in box.footnote_ids:  # type: ignore[attr-defined]
                    yield table, f"{table}[{number}].{attribute}", footnote_id


def footnote_usage(filing: Filing) -> dict[str, list[str]]:
    """Where each footnote is used: footnote id -> the box paths that refer to it, in the form's order."""
    usage: dict[str, list[str]] = {}
    for _, path, footnote_id in footnote_references(filing):
        usage.setdefault(footnote_id, []).append(path)
    return usage


def renumbered_footnotes(filing: Filing) -> Filing:
    """A copy of `filing` with its footnotes numbered F1, F2, … in order of first use in the tables (unused ones
    after), every reference updated, and the footnotes listed in that order."""
    filing = copy.deepcopy(filing)
    order: list[str] = []
    for _, _, footnote_id in footnote_references(filing):
        if footnote_id not in order:
            order.append(footnote_id)
    for footnote in filing.footnotes:
        if footnote.id not in order:
            order.append(footnote.id)
    mapping = {old: f"F{number}" for number, old in enumerate(order, start=1)}
    for table in ("table_i", "table_ii"):
        for row in _rows(filing, table):
            for _, box in row_boxes(row):
                box.footnote_ids = [mapping.get(i, i) for i in box.footnote_ids]  # type: ignore[attr-defined]
    for footnote in filing.footnotes:
        footnote.id = mapping.get(footnote.id, footnote.id)
    filing.footnotes.sort(key=lambda footnote: int(footnote.id[1:]) if footnote.id[1:].isdigit() else 999)
    return filing


# -- changing the form type ----------------------------------------------------------------------------------------
def change_form_type(filing: Filing, document_type: str) -> tuple[Filing, list[str]]:
    """A copy of `filing` as `document_type`, and what had to be dropped to get there, in words ("Table I, row 2:
    a transaction (a Form 3 reports holdings only)"). Between 4 and 5 nothing is dropped; to Form 3, transaction
    rows, the exit box and the 10b5-1 box are; an original loses box 4's date."""
    changed = copy.deepcopy(filing)
    changed.document_type = document_type
    dropped: list[str] = []
    target = describe(document_type)
    if not target.table_i.transactions:
        for table, name in (("table_i", "Table I"), ("table_ii", "Table II")):
            kept = []
            for number, row in enumerate(_rows(changed, table), start=1):
                if isinstance(row, (NonDerivativeTransaction, DerivativeTransaction)):
                    title = row.security_title.value or "untitled"
                    dropped.append(f"{name}, row {number}: a transaction in {title} (a Form 3 reports holdings only)")
                else:
                    kept.append(row)
            setattr(changed, table, kept)
    if not target.exit_box and changed.not_subject_to_section16:
        dropped.append("the checked box 'no longer subject to Section 16' (not on a Form 3)")
    if not target.rule_10b5_1_box and changed.aff10b5_one:
        dropped.append("the checked Rule 10b5-1(c) box (not on a Form 3)")
    if not target.exit_box:
        changed.not_subject_to_section16 = None
    elif changed.not_subject_to_section16 is None:
        changed.not_subject_to_section16 = False
    if not target.rule_10b5_1_box:
        changed.aff10b5_one = None
    elif changed.aff10b5_one is None:
        changed.aff10b5_one = False
    if not document_type.endswith("/A") and changed.date_of_original_submission is not None:
        dropped.append(f"box {'5' if target.form == '3' else '4'}'s date the original was filed (an original has none)")
        changed.date_of_original_submission = None
    # Values EDGAR computes for one form mean nothing on another.
    if target.form != "3":
        changed.no_securities_owned = None
    if target.form != "5":
        changed.form3_holdings_reported = None
        changed.form4_transactions_reported = None
    return changed, dropped
