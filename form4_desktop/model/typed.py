"""Reading what a person types into a box: a date as the form writes it (MM/DD/YYYY) or an amount.

Each reader returns the value, or raises `TypedValueError` whose message names the real problem
("February 2023 has 28 days", not "type it as MM/DD/YYYY" when it is). The editor keeps text it cannot
take on screen and counts it as an error finding, so the screen never shows a value that is not saved.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from decimal import Decimal

_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d+)", re.ASCII)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)  # as EDGAR writes it, digit for digit
_AMOUNT = re.compile(r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
# Commas that can only group thousands, as the tables show amounts: "5,000", "1,250,000.50". A first group of
# 0 ("0,500") or a group of other than three digits ("1,25", "12,34,567") could be a decimal comma: refused.
_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]*)?")


class TypedValueError(ValueError):
    """Typed text that is not a value of its box; the message is one sentence."""


def read_date(text: str) -> date | None:
    """MM/DD/YYYY (or YYYY-MM-DD, as EDGAR writes it); None for an empty box."""
    text = text.strip()
    if not text:
        return None
    match = _DATE.fullmatch(text)
    if match:
        month, day, year = (int(part) for part in match.groups())
        if len(match[3]) != 4:
            raise TypedValueError(f"'{text}': give the year with four digits, as MM/DD/YYYY (e.g. 01/09/2023).")
    else:
        match = _ISO.fullmatch(text)
        if not match:
            raise TypedValueError(f"'{text}' is not a date: type it as MM/DD/YYYY, e.g. 01/09/2023.")
        year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        raise TypedValueError(f"'{text}': there is no month {month}; type the month first, as MM/DD/YYYY.")
    if year < 1:
        raise TypedValueError(f"'{text}': there is no year {year}.")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise TypedValueError(f"'{text}': {calendar.month_name[month]} {year} has {days} days.")
    return date(year, month, day)


def read_amount(text: str) -> Decimal | None:
    """Digits and one period, as EDGAR takes numbers, with commas between thousands as the tables show them; None
    for an empty box."""
    text = text.strip()
    if not text:
        return None
    if text.startswith(("-", "+")):
        raise TypedValueError(f"'{text}': give the amount without a sign; say (A) or (D) in its own column.")
    if "$" in text:
        raise TypedValueError(f"'{text}': type the amount without \"$\", with digits and one period (e.g. 1250.50).")
    if "," in text:
        if not _GROUPED.fullmatch(text):
            raise TypedValueError(
                f"'{text}': a comma may only group thousands (1,250,000); write decimals after a period (1250.50)."
            )
        text = text.replace(",", "")
    if not _AMOUNT.fullmatch(text):
        raise TypedValueError(f"'{text}' is not an amount: use digits and one period only (e.g. 1250.50).")
    return Decimal(text)
