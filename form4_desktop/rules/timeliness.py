"""When a Form 3, 4 or 5 is due (DUE-DATE, information), how late a draft is (LATE), and the rules on rows that
decide the deadline: deemed execution dates (DEEMED-DATE-INELIGIBLE), Form 5 items coded for a Form 4
(FORM5-ITEM-ON-FORM4) and gifts given held for a Form 5 (FORM5-GIFT-ON-TIME).

How the engine reads a row (the model has no flags for these; the footnotes say it, as filers write them):
- A Rule 10b5-1(c) plan trade: a footnote on any box of the row mentions Rule 10b5-1 (not in a sentence that
  denies it: "not made pursuant to a Rule 10b5-1 plan", "a non-Rule 10b5-1 trading arrangement"); or the row is
  a P or S and the filing's 10b5-1 box is checked (or its remarks mention Rule 10b5-1). The box is one per
  filing, so on its own it marks only the open-market trades a plan makes, not an award on the same form; a gift
  under a plan (CCRCorp, "Section 16 rule changes", 12/2022: such a disposition "might qualify for reporting as
  late as five business days after the date of the gift") needs the footnote. A plan trade is taken to be one
  whose date the insider did not choose (Rule 10b5-1(c)(1)(i)(B)(3): the insider may not influence a plan's
  trades), which is what Rule 16a-3(g)(2) asks.
- A discretionary transaction: code I (Form 4 General Instruction 8: "I: discretionary transaction in
  accordance with Rule 16b-3(f) resulting in acquisition or disposition of issuer securities").
- A Rule 16a-2(a) row (a director's or officer's transaction in the six months before the issuer registered
  under Section 12, reported on the first Form 4 required after it, as at an IPO): the user marked it (the row's
  `pre_registration`, kept in the draft store: EDGAR's XML has no place for it), or a footnote on the row names
  Rule 16a-2(a) (an imported filing). It does not start the deadline; it still counts for box 3. The rule reaches
  such a transaction "only if" it "occurred within six months of the transaction giving rise to the Form 4 filing
  obligation" and the director or officer became subject to Section 16 solely because the issuer registered
  (Rule 16a-2(a), 17 CFR 240.16a-2(a)): PRE-REGISTRATION says when a marked row cannot be one.
- A gift received (G, A) is a Form 5 item (Rule 16a-3(a): "At the election of the reporting person, any
  transaction required to be reported on Form 5 may be reported on an earlier filed Form 4"; Release 33-11138,
  12/2022, as CCRCorp summarised it: dispositions by gift are on Form 4 within two business days, "Acquisitions by
  gift still may be reported on Form 5"), unless it is the receiving side of a gift given on the same form: the same
  security, day and amount in the same table (shares moved from the direct holding to a family trust, or between
  joint filers). That row goes with the gift given and its Form 4 deadline (paired_gifts_received).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from form4_desktop.model import DerivativeTransaction, Filing, NonDerivativeTransaction
from form4_desktop.model.forms import FORM5_ITEM, LATE_FORM4_ITEM, choose_form_type
from form4_desktop.rules import deadline
from form4_desktop.rules.boxes import box_label, cell
from form4_desktop.rules.catalog import RULES
from form4_desktop.rules.closures import DEFAULT_CALENDAR, Calendar, Closure
from form4_desktop.rules.diligence import is_director_or_officer
from form4_desktop.rules.findings import Finding
from form4_desktop.rules.short_swing import six_months_after

# Release 33-11138 (87 FR 80362, 12/29/2022) amended Rule 16a-3(g)(1): a gift given is due on Form 4 in two
# business days. "The final rules are effective on February 27, 2023"; April 1, 2023 is only the compliance date of
# the amended Forms 4 and 5 (the 10b5-1 box). A gift made on 02/27/2023 or later is due in two days.
GIFTS_ON_FORM4_SINCE = date(2023, 2, 27)

Transaction = NonDerivativeTransaction | DerivativeTransaction

# "Rule 10b5-1", "10b5-1(c)", "10(b)5-1", "10b-5-1", with any dash.
_PLAN = re.compile(r"10\s*\(?\s*b\s*\)?\s*-?\s*5\s*[-\u2010-\u2015]\s*1", re.IGNORECASE)
_RULE_16A_2A = re.compile(r"16a\s*-\s*2\s*\(\s*a\s*\)", re.IGNORECASE)
# A sentence that says a trade was NOT under a plan: "not made pursuant to a Rule 10b5-1 plan", "no Rule 10b5-1",
# "a non-Rule 10b5-1 trading arrangement" (Item 408(a) of Regulation S-K), "without a 10b5-1 plan".
_DENIED = re.compile(r"\b(?:not|no|non|without|neither|nor)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)")


def is_gift_given(row: Transaction) -> bool:
    traded = row.transaction_date.value
    return (
        row.coding is not None
        and row.coding.code == "G"
        and row.acquired_disposed.value == "D"
        and isinstance(traded, date)
        and traded >= GIFTS_ON_FORM4_SINCE
    )


def _footnote_ids(value: object) -> Iterator[str]:
    """Every footnote id on a row: its boxes' (a Footnoted), its code's, its ownership's and underlying's."""
    if isinstance(value, list):
        return
    ids = getattr(value, "footnote_ids", None)
    if isinstance(ids, list):
        yield from ids
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            child = getattr(value, item.name)
            if child is not None and dataclasses.is_dataclass(child):
                yield from _footnote_ids(child)


def row_notes(filing: Filing, row: Transaction) -> list[str]:
    """The texts of the footnotes a row refers to, in footnote order."""
    ids = set(_footnote_ids(row))
    return [note.text for note in filing.footnotes if note.id in ids]


def _code(row: Transaction) -> str:
    return row.coding.code if row.coding is not None else ""


def mentions_plan(text: str) -> bool:
    """Whether a footnote says a trade was under a Rule 10b5-1 plan: it names Rule 10b5-1 in a sentence that does
    not deny it before the name ("not pursuant to a Rule 10b5-1 plan" and "non-Rule 10b5-1" do not count)."""
    for match in _PLAN.finditer(text):
        before = text[: match.start()]
        ends = list(_SENTENCE_END.finditer(before))
        sentence = before[ends[-1].end() :] if ends else before
        if not _DENIED.search(sentence):
            return True
    return False


def is_plan_trade(filing: Filing, row: Transaction) -> bool:
    """A trade under a Rule 10b5-1(c) plan (see the module's note)."""
    if any(mentions_plan(text) for text in row_notes(filing, row)):
        return True
    return _code(row) in ("P", "S") and bool(filing.aff10b5_one or mentions_plan(filing.remarks or ""))


def deemed_date_allowed(filing: Filing, row: Transaction) -> bool:
    """Rule 16a-3(g)(2): a deemed execution date only for a Rule 10b5-1(c) plan trade whose date the insider did
    not choose, or a discretionary transaction (code I)."""
    return _code(row) == "I" or is_plan_trade(filing, row)


def names_rule_16a_2a(filing: Filing, row: Transaction) -> bool:
    """Whether a footnote on the row names Rule 16a-2(a)."""
    return any(_RULE_16A_2A.search(text) for text in row_notes(filing, row))


def is_pre_registration(filing: Filing, row: Transaction) -> bool:
    """A Rule 16a-2(a) row: the user marked it (the row's `pre_registration`: it is not in the XML, so the draft
    store keeps it), or a footnote on it names Rule 16a-2(a) (imported filings)."""
    return row.pre_registration or names_rule_16a_2a(filing, row)


def is_form5_item(row: Transaction) -> bool:
    """A Form 5 item: a small acquisition (L, Rule 16a-6), a gift received (G, A) or an inheritance (W, A)
    (Rule 16a-3(f); Release 33-11138: 'acquisitions by gift still may be reported on Form 5'). The receiving side
    of a gift given on the same form is not one: see paired_gifts_received."""
    code = _code(row)
    return code == "L" or (code in ("G", "W") and row.acquired_disposed.value == "A")


def is_early_gift_given(row: Transaction) -> bool:
    """A gift given (G, D) before 02/27/2023: a Form 5 item then (Rule 16b-5 gifts were reported on Form 5 or,
    voluntarily, on an earlier Form 4 with no deadline). Release 33-11138 moved gifts given to Form 4 by amending
    Rule 16a-3(g)(1), effective 02/27/2023 (87 FR 80362, DATES); April 1, 2023 is the compliance date of the
    amended Forms 4 and 5 only. So BCLP 02/21/2023 and White & Case, 'Reminder: deadlines for changes to Forms 4 and
    5 reporting'. CCRCorp 12/2022 (written before the release was published) and Loeb 06/2023 say 04/01/2023, the
    Forms' compliance date; the rule itself took effect with the release."""
    traded = row.transaction_date.value
    return (
        _code(row) == "G"
        and row.acquired_disposed.value == "D"
        and isinstance(traded, date)
        and traded < GIFTS_ON_FORM4_SINCE
    )


@dataclass(frozen=True)
class Deadline:
    """When a filing is due: `due` (None: no deadline of its own, `why` says why), the box it counts from."""

    due: date | None
    path: str
    why: str
    skipped: tuple[Closure, ...] = ()


def _closures_said(closures: list[Closure]) -> str:
    if not closures:
        return ""
    days = "; ".join(f"{closure.day:%m/%d/%Y} ({closure.reason})" for closure in closures)
    return f"; EDGAR closure{'s' if len(closures) > 1 else ''} skipped: {days}"


def _rolled_said(last: date, due: date) -> str:
    if last == due:
        return ""
    return f", rolled forward from {last:%A} {last:%m/%d/%Y} to the next business day (Exchange Act Rule 0-3)"


def _annual(filing: Filing, calendar: Calendar) -> Deadline:
    """Form 3: 10 days after box 2's event; Form 5: 45 days after box 3's fiscal year end; rolled forward."""
    start = filing.period_of_report
    form3 = filing.form == "3"
    if not isinstance(start, date):
        return Deadline(
            None, "period_of_report", f"{box_label(filing.form, 'period_of_report')} has no date to count from"
        )
    days = deadline.FORM3_DAYS if form3 else deadline.FORM5_DAYS
    due = (deadline.form3_due_date if form3 else deadline.form5_due_date)(start, calendar)
    if due is None:
        return Deadline(None, "period_of_report", "the date to count from is at the calendar's end")
    last = start + timedelta(days=days)
    skipped = deadline.closures_between(last - timedelta(days=1), due, calendar)
    box = box_label(filing.form, "period_of_report").split(",")[0]  # "Box 2" on a Form 3, "Box 3" on a Form 5
    what = f"the event of {start:%m/%d/%Y} ({box})" if form3 else f"the fiscal year ended {start:%m/%d/%Y} ({box})"
    why = f"{days} days after {what}{_rolled_said(last, due)}{_closures_said(skipped)}"
    if form3:
        why += "; at an IPO a Form 3 is due by the registration's effective date instead"
    return Deadline(due, "period_of_report", why, tuple(skipped))


def _row_deadline(filing: Filing, table: str, index: int, row: Transaction, calendar: Calendar) -> Deadline | None:
    traded = row.transaction_date.value
    if not isinstance(traded, date):
        return None
    path, label = cell(filing.form, table, index, "transaction_date")
    row_name = label.split(", column")[0]
    deemed = row.deemed_execution_date.value if row.deemed_execution_date else None
    deemed = deemed if isinstance(deemed, date) and deemed > traded else None
    note = ""
    if deemed is not None and not deemed_date_allowed(filing, row):
        note = (
            f"; its deemed execution date {deemed:%m/%d/%Y} does not extend the deadline: Rule 16a-3(g)(2) allows "
            "one only for a Rule 10b5-1(c) plan trade or a discretionary transaction (code I)"
        )
        deemed = None
    due = deadline.form4_due_date(traded, deemed, calendar)
    if due is None:
        return None
    if deemed is None:
        why = f"the second business day after the transaction of {traded:%m/%d/%Y} ({row_name}){note}"
    else:
        path = cell(filing.form, table, index, "deemed_execution_date")[0]
        cap = deadline.latest_deemed_date(traded, calendar)
        if cap is not None and deemed > cap:
            why = (
                f"the second business day after the deemed execution date ({row_name}), capped at "
                f"{cap:%m/%d/%Y}, the third business day after the trade of {traded:%m/%d/%Y} (Rule 16a-3(g)(2))"
            )
        else:
            why = f"the second business day after the deemed execution date of {deemed:%m/%d/%Y} ({row_name})"
    skipped = deadline.closures_between(traded, due, calendar)
    return Deadline(due, path, why + _closures_said(skipped), tuple(skipped))


def _rows(filing: Filing) -> Iterator[tuple[str, int, Transaction]]:
    for table, rows in (("table_i", filing.table_i), ("table_ii", filing.table_ii)):
        for index, row in enumerate(rows):
            if isinstance(row, (NonDerivativeTransaction, DerivativeTransaction)):
                yield table, index, row


def _left_out(filing: Filing, row: Transaction) -> str | None:
    """Why a Form 4 row starts no deadline of its own (the kind of row, as the explanation names it), or None."""
    form5 = row.coding is not None and row.coding.form_type == "5"
    if form5 and not is_gift_given(row):
        return "Form 5 items reported early (V)"
    if not form5 and is_form5_item(row):
        return "Form 5 items (small acquisitions, gifts or inheritances received)"
    if is_early_gift_given(row):
        return "gifts given before 02/27/2023 (then Form 5 items)"
    if is_pre_registration(filing, row):
        return "transactions before the issuer's Section 12 registration (Rule 16a-2(a))"
    return None


def deadline_of(filing: Filing, calendar: Calendar = DEFAULT_CALENDAR) -> Deadline:
    """The deadline of a filing, or why it has none.

    - Amendments (3/A, 4/A, 5/A) have none of their own: no rule sets one (Rule 16a-3 and the Forms' General
      Instruction 1 set the originals' deadlines; Form 4 Instruction 1(a) only says "This Form and any amendment
      is deemed filed with the Commission ... on the date it is received by the Commission": SEC 1475 (02-23),
      omb.report/icr/202412-3235-003/doc/150156201). A mistake is corrected as soon as it is found, and whether
      the report was late is judged by the original's deadline, for the issuer's Item 405 disclosure (NASPP, "Correcting
      Form 4 Mistakes", 02/23/2022; Perkins Coie, "The Tragic Story of the Form 4 Error That Required an
      Amendment": act fast; the amendment speaks as of the original filing's date).
    - Form 3: 10 days after the event; Form 5: 45 days after the fiscal year end; both rolled forward.
    - Form 4: the earliest of its rows' due dates. Rows without one: Form 5 items (reported early with V, or
      coded form type 4: FORM5-ITEM-ON-FORM4 says so), gifts given before 02/27/2023 (then Form 5 items) and
      Rule 16a-2(a) rows.
    """
    if filing.is_amendment:
        return Deadline(None, "", "an amendment has no deadline of its own; file it as soon as the mistake is found")
    if filing.form in ("3", "5"):
        return _annual(filing, calendar)
    if filing.form != "4":
        return Deadline(None, "", f"'{filing.document_type}' is not a Form 3, 4 or 5")
    earliest: Deadline | None = None
    left_out: list[str] = []
    for table, index, row in _rows(filing):
        kind = _left_out(filing, row)
        if kind is not None:
            left_out.append(kind)
            continue
        found = _row_deadline(filing, table, index, row, calendar)
        if found is not None and found.due is not None:
            if earliest is None or earliest.due is None or found.due < earliest.due:
                earliest = found
    if earliest is not None:
        return earliest
    if not left_out:
        return Deadline(None, "", "no transaction with a date: a Form 4's deadline counts from its transactions")
    kinds = list(dict.fromkeys(left_out))
    return Deadline(None, "", "only " + " and ".join(kinds) + ", which do not start a Form 4's deadline")


def due_date(filing: Filing, calendar: Calendar = DEFAULT_CALENDAR) -> tuple[date, str, str] | None:
    """(due date, field path, why) of a Form 3, 4 or 5; None when it has no deadline of its own."""
    found = deadline_of(filing, calendar)
    return None if found.due is None else (found.due, found.path, found.why)


def _amount(row: Transaction) -> object:
    """A row's amount: the number of securities, or a Table II row's value where it has no number."""
    shares = row.shares.value if row.shares is not None else None
    if shares is None and isinstance(row, DerivativeTransaction) and row.total_value is not None:
        return row.total_value.value
    return shares


def _gift_key(table: str, row: Transaction) -> tuple[object, ...]:
    title = row.security_title.value
    return (
        table,
        title.strip().casefold() if isinstance(title, str) else title,
        row.transaction_date.value,
        _amount(row),
    )


def paired_gifts_received(filing: Filing) -> set[tuple[str, int]]:
    """The (table, index) of each gift received (G, A) that is the other side of a gift given (G, D) on the same
    filing: the same security, day and amount, in the same table (shares moved by gift from the reporting person's
    direct holding to an indirect one, a family trust or a spouse, or from one joint filer to another).

    Such a row is not a gift received from someone else, the Form 5 item that "still may be reported on Form 5"
    (Release 33-11138, as CCRCorp summarised it, 12/2022): it is the receiving side of the gift given, which Rule
    16a-3(g)(1) as amended by that release requires on Form 4 within two business days. It is reported with it, on
    the same Form 4, and is not marked V. Each gift given pairs with one gift received at most."""
    given: dict[tuple[object, ...], int] = {}
    for table, _index, row in _rows(filing):
        if _code(row) == "G" and row.acquired_disposed.value == "D" and row.transaction_date.value is not None:
            key = _gift_key(table, row)
            given[key] = given.get(key, 0) + 1
    paired = set()
    for table, index, row in _rows(filing):
        if _code(row) == "G" and row.acquired_disposed.value == "A":
            key = _gift_key(table, row)
            if given.get(key, 0) > 0 and _amount(row) is not None:
                given[key] -= 1
                paired.add((table, index))
    return paired


def _pre_registration_problems(filing: Filing) -> Iterator[tuple[str, int, str]]:
    """PRE-REGISTRATION: (table, index, message after the row's date label) for each Form 4 row marked as a Rule
    16a-2(a) transaction that cannot be one, or whose mark the filed form would not show; one per row.

    Rule 16a-2(a) (17 CFR 240.16a-2(a)) reaches a transaction "carried out by a director or officer in the six
    months prior to the director or officer becoming subject to section 16", reported "on the first required Form
    4 only if" it "occurred within six months of the transaction giving rise to the Form 4 filing obligation". That
    transaction is the earliest row of the form that starts its deadline (one after the registration): a marked row
    later than it cannot have been before the registration."""
    if filing.form != "4":
        return
    marked = [(table, index, row) for table, index, row in _rows(filing) if is_pre_registration(filing, row)]
    if not marked:
        return
    trigger: tuple[date, str] | None = None
    for table, index, row in _rows(filing):
        traded = row.transaction_date.value
        if isinstance(traded, date) and _left_out(filing, row) is None and (trigger is None or traded < trigger[0]):
            trigger = (traded, cell(filing.form, table, index, "transaction_date")[1].split(", column")[0])
    insider = any(is_director_or_officer(owner.relationship) for owner in filing.reporting_owners)
    for table, index, row in marked:
        traded = row.transaction_date.value
        if not insider:
            yield (
                table,
                index,
                "marked as reported under Rule 16a-2(a), which reaches only a director's or officer's transactions "
                "before the issuer registered under Section 12, but no reporting person is a director or officer: "
                "leave the row off this Form 4, or unmark it if it was made after the registration.",
            )
        elif isinstance(traded, date) and trigger is not None and traded > trigger[0]:
            yield (
                table,
                index,
                f"marked as made before the issuer's Section 12 registration (Rule 16a-2(a)), but it is later than "
                f"the transaction of {trigger[0]:%m/%d/%Y} ({trigger[1]}), which this Form 4 reports as made after "
                "it: unmark the row, or check the dates.",
            )
        elif isinstance(traded, date) and trigger is not None and six_months_after(traded) < trigger[0]:
            yield (
                table,
                index,
                f"{traded:%m/%d/%Y} is more than six months before the transaction of {trigger[0]:%m/%d/%Y} "
                f"({trigger[1]}) that requires this Form 4; Rule 16a-2(a) reaches a transaction made before the "
                "issuer's Section 12 registration only within six months of that one: leave the row off.",
            )
        elif row.pre_registration and not names_rule_16a_2a(filing, row):
            yield (
                table,
                index,
                "marked as reported under Rule 16a-2(a), but EDGAR's form has no box for that mark: add a footnote "
                "on the row saying the transaction was made before the issuer's Section 12 registration and is "
                "reported under Rule 16a-2(a); without it the filed form shows a transaction reported late.",
            )


def _row_problems(filing: Filing, row: Transaction, calendar: Calendar, paired: bool) -> Iterator[tuple[str, str, str]]:
    """What the row rules find on one row: (rule id, the attribute of the box they name, the message after the
    box's label)."""
    traded = row.transaction_date.value
    deemed = row.deemed_execution_date.value if row.deemed_execution_date else None
    if isinstance(traded, date) and isinstance(deemed, date) and deemed > traded:
        cap = deadline.latest_deemed_date(traded, calendar)
        # Beyond the cap DEEMED-DATE-LATE (rules.validate) speaks for the box, and the due date says the date does
        # not count: one error on one box.
        if (cap is None or deemed <= cap) and not deemed_date_allowed(filing, row):
            yield (
                "DEEMED-DATE-INELIGIBLE",
                "deemed_execution_date",
                "only a Rule 10b5-1(c) plan trade whose date the reporting person did not choose, or a discretionary "
                "transaction (code I), has a deemed execution date (Rule 16a-3(g)(2)); leave it blank: this one is "
                f"due two business days after the trade of {traded:%m/%d/%Y}, or add the footnote that names the plan.",
            )
    form_type = row.coding.form_type if row.coding is not None else "4"
    if filing.form == "4" and form_type == "4" and is_form5_item(row) and not paired:
        yield (
            "FORM5-ITEM-ON-FORM4",
            "coding",
            f"code {_code(row)}{' (acquired)' if _code(row) != 'L' else ''} is a Form 5 item (Rule 16a-3(f)); "
            "reported early on a Form 4 it is marked V (form type 5) and has no two-day deadline.",
        )
    if filing.form == "5" and is_gift_given(row) and form_type != "4":
        yield (
            "FORM5-GIFT-ON-TIME",
            "coding",
            "a gift given on or after 02/27/2023 was due on Form 4 within two business days (Release 33-11138); "
            f"on a Form 5 it is a late Form 4 item: {choose_form_type(LATE_FORM4_ITEM)} (it prints G4).",
        )
    if filing.form == "5" and form_type == "4" and not paired:
        # Form type 4 on a Form 5 says a Form 4 was due and not filed (TS 4.3.8.3: late by definition): it prints G4
        # and checks "Form 4 Transactions Reported", which the issuer's Item 405 review counts as a late Form 4.
        printed = f"it prints {_code(row)}4 and checks 'Form 4 Transactions Reported'"
        if is_form5_item(row):
            yield (
                "FORM5-ITEM-AS-LATE-FORM4",
                "coding",
                f"code {_code(row)}{' (acquired)' if _code(row) != 'L' else ''} is a Form 5 item (Rule 16a-3(f)), "
                f"due on this Form 5, but its form type says a Form 4 was due and not filed ({printed}); "
                f"{choose_form_type(FORM5_ITEM)} (and L if this Form 5 is late with it: it prints {_code(row)}5).",
            )
        elif row.timeliness is not None and row.timeliness.value == "L":
            yield (
                "FORM5-ITEM-AS-LATE-FORM4",
                "coding",
                f"marked L, a Form 5 item reported late, but its form type says a Form 4 item reported late "
                f"({printed}); for a late Form 5 item {choose_form_type(FORM5_ITEM)} (it prints {_code(row)}5), for "
                "a late Form 4 item clear L.",
            )


# The box a row rule names, when it is a part of the column's value (the V of the code column).
_PART = {
    "FORM5-ITEM-ON-FORM4": ".form_type",
    "FORM5-GIFT-ON-TIME": ".form_type",
    "FORM5-ITEM-AS-LATE-FORM4": ".form_type",
}


def _row_findings(filing: Filing, calendar: Calendar) -> list[Finding]:
    findings = []
    paired = paired_gifts_received(filing)
    for table, index, row in _rows(filing):
        for rule_id, attribute, message in _row_problems(filing, row, calendar, (table, index) in paired):
            rule = RULES[rule_id]
            path, label = cell(filing.form, table, index, attribute)
            findings.append(Finding(rule.id, rule.severity, path + _PART.get(rule_id, ""), f"{label}: {message}"))
    rule = RULES["PRE-REGISTRATION"]
    for table, index, message in _pre_registration_problems(filing):
        path, label = cell(filing.form, table, index, "transaction_date")
        findings.append(Finding(rule.id, rule.severity, path, f"{label}: {message}"))
    return findings


def deadline_findings(
    filing: Filing, today: date, calendar: Calendar = DEFAULT_CALENDAR, *, filed_on: date | None = None
) -> list[Finding]:
    """DUE-DATE and, for a draft, LATE; and the row rules above.

    `today` is the day a filing made now would be filed: EDGAR's day in New York, the next business day after
    10 p.m. Eastern (form4_desktop.app.clock.filing_day_now() gives it; rules.deadline.filing_day computes it).
    `filed_on` is the filing date of a filed draft: when given, lateness is judged against it, not `today`,
    whatever else the filing is (a copy EDGAR disseminated is otherwise not judged: its filing date is not in it).
    """
    findings = _row_findings(filing, calendar)
    found = deadline_of(filing, calendar)
    if found.due is None:
        return findings
    due, path = found.due, found.path
    info, late = RULES["DUE-DATE"], RULES["LATE"]
    when = f"10 p.m. Eastern on {deadline.describe(due)}"
    judged = filed_on if filed_on is not None else (None if filing.is_disseminated_copy else today)
    if filed_on is not None and filed_on <= due:  # filed: whether it was on time, not when it is due
        findings.append(
            Finding(info.id, info.severity, path, f"Filed on {filed_on:%m/%d/%Y}, on time: due by {when}: {found.why}.")
        )
    else:
        findings.append(Finding(info.id, info.severity, path, f"Due by {when}: {found.why}."))
    if judged is not None and judged > due:
        days = deadline.business_days_after(due, judged, calendar)
        plural = "s" if days != 1 else ""
        if filed_on is not None:
            message = (
                f"Filed on {filed_on:%m/%d/%Y}, {days} business day{plural} late: it was due by {when}. The issuer "
                "must disclose late filings."
            )
        else:
            message = (
                f"Late by {days} business day{plural}: it was due by {when}. "
                "File it as soon as possible; the issuer must disclose late filings."
            )
        findings.append(Finding(late.id, late.severity, path, message))
    return findings
