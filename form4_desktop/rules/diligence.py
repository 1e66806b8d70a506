"""The checks a diligent filing agent makes beyond what EDGAR enforces: the 10b5-1 box against the footnotes,
weighted-average prices, prices that do not fit their code, Rule 16b-3 codes without a director or officer, and
a signature by an attorney-in-fact. Pure functions of the filing; each finding points at the box to change.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from form4_desktop.model import DerivativeTransaction, Filing, NonDerivativeTransaction, Relationship
from form4_desktop.rules.boxes import cell
from form4_desktop.rules.catalog import RULES
from form4_desktop.rules.coding import RULE_16B3_CODES, code_of
from form4_desktop.rules.findings import Finding
from form4_desktop.rules.notes import footnote_names, row_footnote_ids, texts

# The Rule 10b5-1 amendments (Release 33-11138) took effect on 02/27/2023; the Form 4 box applies to plans
# adopted on or after that day (C&DI 120.31, 08/25/2023).
PLAN_RULE_EFFECTIVE = date(2023, 2, 27)

# "10b5-1", "10b5–1" (an en dash), "10b-5-1", "10b5 1"
_PLAN_WORDS = r"10b-?5[-\u2010-\u2013 ]?1|trading\s+(?:plan|arrangement)"
_PLAN = re.compile(_PLAN_WORDS, re.IGNORECASE)
_NOT_A_PLAN = re.compile(r"\bnot\b[^.;]{0,60}(?:" + _PLAN_WORDS + ")", re.IGNORECASE)
_ADOPTED = re.compile(r"adopt|entered\s+into|establish|dated|executed", re.IGNORECASE)
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_DATE = re.compile(
    r"\b(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?"
    r"\s+(?P<year>\d{4})\b"
    r"|\b(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{2}|\d{4})\b"
    r"|\b(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})\b",
    re.IGNORECASE,
)
_WEIGHTED = re.compile(r"weighted[\s-]+average", re.IGNORECASE)
_RANGE = re.compile(
    r"rang\w*\s+(?:from\s+)?\$?\s?\d"
    r"|\$\s?\d[\d,]*(?:\.\d+)?\s*(?:to|through|and|-|–)\s*\$\s?\d"
    r"|between\s+\$?\s?\d[\d,]*(?:\.\d+)?\s+and\s+\$?\s?\d"
    r"|\bfrom\s+\$?\s?\d[\d,]*(?:\.\d+)?\s+(?:to|through)\s+\$?\s?\d"  # "from 10.01 to 10.60", no dollar sign
    r"|\blow\w*\s+(?:price\s+)?(?:of\s+)?\$?\s?\d[\d,.]*[^;]{0,40}?\bhigh",  # "a low of $10.01 and a high of $10.60"
    re.IGNORECASE,
)
_UNDERTAKING = re.compile(
    r"undertak|upon\s+request|on\s+request|will\s+be\s+(?:provided|supplied|furnished)"
    r"|(?:agrees?|will|shall)\s+(?:to\s+)?(?:provide|furnish|supply)",
    re.IGNORECASE,
)
# "Attorney-in-Fact", "by power of attorney", "POA", "/s/ ... as attorney", "Atty-in-Fact"
_ATTORNEY = re.compile(r"attorney|\batty\b|\bPOA\b", re.IGNORECASE)


def _date(match: re.Match[str]) -> date | None:
    try:
        if match["month"]:
            return date(int(match["year"]), _MONTHS[match["month"].lower()], int(match["day"]))
        if match["m"]:
            year = int(match["y"])
            return date(year + 2000 if year < 100 else year, int(match["m"]), int(match["d"]))
        return date(int(match["iy"]), int(match["im"]), int(match["id"]))
    except ValueError:
        return None


def _gap(one: tuple[int, int], other: tuple[int, int]) -> int:
    return max(0, other[0] - one[1], one[0] - other[1])


def adoption_date(text: str) -> date | None:
    """The date a footnote about a trading plan gives as its adoption: of the dates within reach of "adopted" (or
    "entered into", "dated" ...), the one nearest both that word and the plan; else the footnote's only date."""
    dates = [(match.span(), day) for match in _DATE.finditer(text) if (day := _date(match)) is not None]
    if not dates:
        return None
    words = [match.span() for match in _ADOPTED.finditer(text)]
    plans = [match.span() for match in _PLAN.finditer(text)] or [(0, 0)]
    scored = []
    for span, day in dates:
        word = min((_gap(span, other) for other in words), default=None)
        if word is not None and word <= 60:
            scored.append((word + min(_gap(span, plan) for plan in plans), day))
    if scored:
        return min(scored, key=lambda item: item[0])[1]
    return dates[0][1] if len(dates) == 1 else None


def plan_notes(filing: Filing) -> list[tuple[str, str]]:
    """(where, text) of each footnote, and the remarks, that says a trade was made under a Rule 10b5-1 plan."""
    notes = [(f"footnote ({footnote.id[1:]})", footnote.text) for footnote in filing.footnotes]
    notes.append(("the remarks", filing.remarks or ""))
    return [(where, text) for where, text in notes if _PLAN.search(text) and not _NOT_A_PLAN.search(text)]


def _finding(rule_id: str, path: str, message: str) -> Finding:
    return Finding(rule_id, RULES[rule_id].severity, path, message)


def plan_findings(filing: Filing) -> list[Finding]:
    """The Rule 10b5-1(c) box against what the footnotes say (Forms 4 and 5)."""
    if filing.form == "3" or filing.aff10b5_one is None:
        return []
    notes = plan_notes(filing)
    dated = [(where, day) for where, text in notes if (day := adoption_date(text)) is not None]
    if filing.aff10b5_one:
        if not dated:
            return [
                _finding(
                    "AFF10B5ONE-FOOTNOTE",
                    "aff10b5_one",
                    "The Rule 10b5-1(c) box is checked, but no footnote says that a trade was made under a "
                    "Rule 10b5-1 trading plan and gives the date the plan was adopted (Instruction 10): add "
                    "one, e.g. 'The sales were made under a Rule 10b5-1 trading plan adopted on "
                    "MM/DD/YYYY.'",
                )
            ]
        if all(day < PLAN_RULE_EFFECTIVE for _, day in dated):
            where, day = dated[0]
            return [
                _finding(
                    "AFF10B5ONE-OLD-PLAN",
                    "aff10b5_one",
                    f"The Rule 10b5-1(c) box is checked, but the plan in {where} was adopted on "
                    f"{day:%m/%d/%Y}, before 02/27/2023: the box is for plans adopted on or after that day "
                    "(C&DI 120.31). Uncheck it and keep the footnote that says the trade was under the "
                    "earlier plan.",
                )
            ]
        return []
    recent = [(where, day) for where, day in dated if day >= PLAN_RULE_EFFECTIVE]
    if recent:
        where, day = recent[0]
        return [
            _finding(
                "AFF10B5ONE-UNCHECKED",
                "aff10b5_one",
                f"{where[0].upper() + where[1:]} says a trade was made under a Rule 10b5-1 plan adopted on "
                f"{day:%m/%d/%Y}, but the Rule 10b5-1(c) box is not checked: check it (plans adopted on or "
                "after 02/27/2023; C&DI 120.31).",
            )
        ]
    return []


def _transactions(filing: Filing):
    for table, rows in (("table_i", filing.table_i), ("table_ii", filing.table_ii)):
        for index, row in enumerate(rows):
            if isinstance(row, (NonDerivativeTransaction, DerivativeTransaction)) and row.coding is not None:
                yield table, index, row


def price_findings(filing: Filing) -> list[Finding]:
    """Weighted-average prices and prices that do not fit their code."""
    form, findings = filing.form, []
    for table, index, row in _transactions(filing):
        code = code_of(row)
        box = row.price_per_share
        price = box.value if box else None
        path, label = cell(form, table, index, "price_per_share")
        if code in ("P", "S"):
            if isinstance(price, Decimal) and price == 0:
                findings.append(
                    _finding(
                        "PRICE-BY-CODE",
                        path,
                        f"{label} is $0 on a {'purchase' if code == 'P' else 'sale'}"
                        f" (code {code}): give the price paid or received, or use the code of what "
                        "happened (G for a gift, J with a footnote for other transfers).",
                    )
                )
            findings += _weighted_average(filing, table, index, row)
        elif code == "F" and box is not None and not box.is_empty() and (price is None or price == 0):
            findings.append(
                _finding(
                    "PRICE-BY-CODE",
                    path,
                    f"{label}: shares delivered or withheld to pay the exercise "
                    "price or tax (code F) are valued at the market price on that day: give it.",
                )
            )
        elif code == "A" and table == "table_i" and isinstance(price, Decimal) and price > 0:
            findings.append(
                _finding(
                    "PRICE-AWARD",
                    path,
                    f"{label} is ${price:,} on an award (code A), which is usually "
                    "at $0: if the securities were bought, the code is P (or J with a footnote).",
                )
            )
        elif code == "J" and not _described(filing, row):
            coding_path, coding_label = cell(form, table, index, "coding")
            findings.append(
                _finding(
                    "CODE-J-DESCRIPTION",
                    coding_path,
                    f"{coding_label} is J (other acquisition or disposition), which needs a footnote "
                    "describing the transaction: add one to the code.",
                )
            )
    return findings


def _described(filing: Filing, row: NonDerivativeTransaction | DerivativeTransaction) -> bool:
    """A J row is described by a footnote on its code or on one of its transaction boxes (or by the remarks)."""
    ids = list(row.coding.footnote_ids if row.coding else [])
    for box in (
        row.transaction_date,
        row.shares,
        row.price_per_share,
        row.acquired_disposed,
        row.shares_owned_following,
        getattr(row, "total_value", None),
    ):
        ids += box.footnote_ids if box is not None else []
    return bool(texts(filing, ids)) or bool((filing.remarks or "").strip())


def _weighted_average(
    filing: Filing, table: str, index: int, row: NonDerivativeTransaction | DerivativeTransaction
) -> list[Finding]:
    price = row.price_per_share.value
    decimals = isinstance(price, Decimal) and price.normalize().as_tuple().exponent < -2  # type: ignore[operator]
    said = any(_WEIGHTED.search(text) for _, text in texts(filing, row_footnote_ids(row)))
    if not (decimals or said):
        return []
    on_price = " ".join(text for _, text in texts(filing, row.price_per_share.footnote_ids))
    # One undertaking may cover the ranges of several footnotes: it is looked for in all of them.
    anywhere = " ".join([footnote.text for footnote in filing.footnotes] + [filing.remarks or ""])
    missing = [
        what
        for what, pattern, text in (
            ("the range of prices", _RANGE, on_price),
            ("the undertaking to give the number of shares traded at each price on request", _UNDERTAKING, anywhere),
        )
        if not pattern.search(text)
    ]
    if not missing:
        return []
    path, label = cell(filing.form, table, index, "price_per_share")
    why = (
        f"${price:,} has more than 2 decimals, as a weighted average has"
        if decimals and not said
        else "a footnote of this row calls the price a weighted average"
    )
    notes = row.price_per_share.footnote_ids
    where = (
        f"footnote {footnote_names(notes)} on the price does not give" if notes else "no footnote on the price gives"
    )
    return [
        _finding(
            "WEIGHTED-AVERAGE-PRICE",
            path,
            f"{label}: {why}; {where} {' or '.join(missing)}. A weighted-average price of trades within a $1 "
            "range needs both (SEC staff no-action letter of 06/25/2008); a single trade at this price needs "
            "neither.",
        )
    ]


_OFFICER_WORDS = re.compile(
    r"\b(?:director|officer|chief|president|chairman|chair|ceo|cfo|coo|cao|cto|treasurer|secretary|controller|"
    r"general counsel)\b",
    re.IGNORECASE,
)


def is_director_or_officer(relationship: Relationship) -> bool:
    """A director or officer: by the box, or by an 'other' text that names the office ("Chief Accounting
    Officer" under Other is an officer whose filer ticked the wrong box). A former one ("Former Director and 10%
    Owner") counts too: such a filing reports what was done while, or as, the person left office (a conversion at
    the merger on which the director resigned), when Rule 16b-3 still applied."""
    if relationship.is_director or relationship.is_officer:
        return True
    return bool(relationship.is_other and _OFFICER_WORDS.search(relationship.other_text or ""))


def rule_16b3_findings(filing: Filing) -> list[Finding]:
    """Rule 16b-3 exempts transactions with the issuer by directors and officers only."""
    owners = filing.reporting_owners
    if any(is_director_or_officer(owner.relationship) for owner in owners):
        return []
    if not any(owner.relationship.is_ten_percent_owner or owner.relationship.is_other for owner in owners):
        return []  # no relationship given at all: RELATIONSHIP-NONE says so
    findings = []
    for table, index, row in _transactions(filing):
        if code_of(row) in RULE_16B3_CODES:
            path, label = cell(filing.form, table, index, "coding")
            findings.append(
                _finding(
                    "RULE-16B3-CODE",
                    path,
                    f"{label} is {code_of(row)}, a Rule 16b-3 code, but no reporting person is a "
                    "director or officer, and only they can rely on Rule 16b-3: use the code of the "
                    "transaction itself (e.g. P, S, X, C or J with a footnote).",
                )
            )
    return findings


def signature_findings(filing: Filing) -> list[Finding]:
    """A draft signed by an attorney-in-fact: the power of attorney goes with it unless it is on file."""
    if filing.is_disseminated_copy:
        return []  # already filed: whether an exhibit went with it is not in the document
    return [
        _finding(
            "POA-SIGNATURE",
            f"signatures[{index}].name",
            f"Signature {index + 1} ('{signature.name}') is by an attorney-in-fact: file the power of attorney "
            "with this form as Exhibit 24 (document type EX-24), unless one still in effect is already on file "
            "with the SEC.",
        )
        for index, signature in enumerate(filing.signatures)
        if _ATTORNEY.search(signature.name or "")
    ]


def diligence_findings(filing: Filing) -> list[Finding]:
    return plan_findings(filing) + price_findings(filing) + rule_16b3_findings(filing) + signature_findings(filing)
