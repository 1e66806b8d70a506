"""Table II against Table I: an exercise or conversion disposes of the derivative in Table II and acquires what
underlies it, in Table I (or, where the underlying security is itself a derivative, such as Class B common stock
convertible into Class A, in Table II, from where it may be converted on). Rows are matched by code and date:

* the underlying shares of the derivatives disposed of equal the securities acquired with that code that day;
* the price of a Table I acquisition by exercise (M, X) is the exercise price of a derivative exercised that day;
* a derivative is not exercised after its expiration date nor before the date it becomes exercisable.

Each is a warning: a filing may have a reason (a cash-settled right, an early exercise), which a footnote gives.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from form4_desktop.model import DerivativeTransaction, Filing, NonDerivativeTransaction
from form4_desktop.rules.boxes import cell
from form4_desktop.rules.catalog import RULES
from form4_desktop.rules.coding import EXERCISE_CODES, code_of
from form4_desktop.rules.findings import Finding
from form4_desktop.rules.notes import footnote_names

_EXERCISES = frozenset("MXO")  # exercises proper: the ones with a window of dates and an exercise price


def _fmt(value: Decimal) -> str:
    return f"{value.normalize():,f}" if value == value.to_integral_value() else f"{value:,}"


def _rows(numbers: list[int]) -> str:
    return ("row " if len(numbers) == 1 else "rows ") + ", ".join(str(number + 1) for number in numbers)


def _finding(rule_id: str, path: str, message: str) -> Finding:
    return Finding(rule_id, RULES[rule_id].severity, path, message)


def _flag(row: NonDerivativeTransaction | DerivativeTransaction) -> str | None:
    return row.acquired_disposed.value if row.acquired_disposed else None


def exercise_findings(filing: Filing) -> list[Finding]:
    form = filing.form
    findings: list[Finding] = []
    # (code, date) -> the rows of each side
    disposed: dict[tuple[str, date], list[tuple[int, DerivativeTransaction]]] = defaultdict(list)
    acquired_i: dict[tuple[str, date], list[tuple[int, NonDerivativeTransaction]]] = defaultdict(list)
    acquired_ii: dict[tuple[str, date], list[tuple[int, DerivativeTransaction]]] = defaultdict(list)
    for index, row_i in enumerate(filing.table_i):
        day_i = row_i.transaction_date.value if isinstance(row_i, NonDerivativeTransaction) else None
        if isinstance(row_i, NonDerivativeTransaction) and isinstance(day_i, date) and _flag(row_i) == "A":
            if code_of(row_i) in EXERCISE_CODES:
                acquired_i[(code_of(row_i), day_i)].append((index, row_i))
    for index, row in enumerate(filing.table_ii):
        if not isinstance(row, DerivativeTransaction):
            continue
        day = row.transaction_date.value
        if not isinstance(day, date) or code_of(row) not in EXERCISE_CODES:
            continue
        if _flag(row) == "D":
            disposed[(code_of(row), day)].append((index, row))
            if code_of(row) in _EXERCISES:
                findings += _window(form, index, row, day)
        elif _flag(row) == "A":
            acquired_ii[(code_of(row), day)].append((index, row))
    for (code, day), rows in disposed.items():
        table_i, table_ii = acquired_i.get((code, day), []), acquired_ii.get((code, day), [])
        if not table_i and not table_ii:
            continue  # settled in cash, or reported under another code: nothing to match
        findings += _shares(form, code, day, rows, table_i, table_ii)
        if code in "MX":
            findings += _prices(form, code, day, rows, table_i)
    return findings


def _window(form: str, index: int, row: DerivativeTransaction, day: date) -> list[Finding]:
    path, label = cell(form, "table_ii", index, "transaction_date")
    expires, exercisable = row.expiration_date.value, row.exercise_date.value
    if isinstance(expires, date) and isinstance(exercisable, date) and exercisable > expires:
        return []  # the dates contradict each other: EXERCISE-AFTER-EXPIRATION says so
    if isinstance(expires, date) and day > expires:
        return [
            _finding(
                "EXERCISE-DATE-WINDOW",
                path,
                f"{label}: exercised (code {code_of(row)}) on {day:%m/%d/%Y}, "
                f"after the expiration date {expires:%m/%d/%Y}; check the dates, or explain in a footnote.",
            )
        ]
    if isinstance(exercisable, date) and day < exercisable:
        return [
            _finding(
                "EXERCISE-DATE-WINDOW",
                path,
                f"{label}: exercised (code {code_of(row)}) on {day:%m/%d/%Y}, "
                f"before the date exercisable {exercisable:%m/%d/%Y}; check the dates, or explain an early "
                "exercise in a footnote.",
            )
        ]
    return []


def _shares(
    form: str,
    code: str,
    day: date,
    rows: list[tuple[int, DerivativeTransaction]],
    table_i: list[tuple[int, NonDerivativeTransaction]],
    table_ii: list[tuple[int, DerivativeTransaction]],
) -> list[Finding]:
    underlying = [row.underlying.shares.value if row.underlying.shares else None for _, row in rows]
    got = [row_i.shares.value if row_i.shares else None for _, row_i in table_i]
    got += [row_ii.shares.value if row_ii.shares else None for _, row_ii in table_ii]
    amounts_underlying = [value for value in underlying if isinstance(value, Decimal)]
    amounts_got = [value for value in got if isinstance(value, Decimal)]
    if len(amounts_underlying) < len(underlying) or len(amounts_got) < len(got):
        return []  # a value given only by footnote: nothing to add up
    total_underlying = sum(amounts_underlying, Decimal(0))
    total_got = sum(amounts_got, Decimal(0))
    if abs(total_underlying - total_got) < 1:  # a fraction of a share is rounding
        return []
    first = rows[0][0]
    path, label = cell(form, "table_ii", first, "underlying.shares")
    # A footnote on an amount the match adds up (dividend equivalents settled with the units, a conversion ratio)
    # may explain the difference: then the finding is information that cites it.
    notes: list[str] = []
    for _, row in rows:
        for box in (row.shares, row.underlying.shares):
            notes += [note for note in (box.footnote_ids if box else []) if note not in notes]
    got_rows: list[NonDerivativeTransaction | DerivativeTransaction] = [row for _, row in table_i]
    got_rows += [row for _, row in table_ii]
    for got_row in got_rows:
        notes += [note for note in (got_row.shares.footnote_ids if got_row.shares else []) if note not in notes]
    where = " and ".join(
        f"Table {name} {_rows([index for index, _ in side])}"
        for name, side in (("I", table_i), ("II", table_ii))
        if side
    )
    message = (
        f"{label}: the derivatives exercised or converted with code {code} on {day:%m/%d/%Y} (Table II "
        f"{_rows([index for index, _ in rows])}) give {_fmt(total_underlying)} underlying securities, but "
        f"the securities acquired with code {code} that day ({where}) come to {_fmt(total_got)}."
    )
    if notes:
        message += f" A footnote on these amounts may explain the difference: see footnote {footnote_names(notes)}."
        return [_finding("EXERCISE-MATCH-SHARES-FOOTNOTED", path, message)]
    return [
        _finding(
            "EXERCISE-MATCH-SHARES", path, message + " Check the amounts, or explain the difference in a footnote."
        )
    ]


def _prices(
    form: str,
    code: str,
    day: date,
    rows: list[tuple[int, DerivativeTransaction]],
    table_i: list[tuple[int, NonDerivativeTransaction]],
) -> list[Finding]:
    prices = [row.conversion_or_exercise_price.value for _, row in rows]
    if not prices or not all(isinstance(price, Decimal) for price in prices):
        return []  # an exercise price given by footnote only (a restricted stock unit): nothing to compare
    findings = []
    for index, row in table_i:
        price = row.price_per_share.value
        if isinstance(price, Decimal) and price not in prices:
            path, label = cell(form, "table_i", index, "price_per_share")
            named = " or ".join(sorted({f"${_fmt(p)}" for p in prices if isinstance(p, Decimal)}))
            findings.append(
                _finding(
                    "EXERCISE-MATCH-PRICE",
                    path,
                    f"{label}: ${_fmt(price)} on an exercise (code {code}) on {day:%m/%d/%Y}; the "
                    f"price of securities acquired by exercise is the exercise price of the "
                    f"derivative exercised ({named}, Table II {_rows([i for i, _ in rows])}).",
                )
            )
    return findings
