"""Characters EDGAR cannot take: the control characters XML 1.0 has no place for (rule TEXT-CHARACTERS).

EDGAR reads an ownership document as XML 1.0 (TS §4.1). XML 1.0 (§2.2, "Char") allows tab, line feed,
carriage return and every other character from the space up, but no other control character
(U+0000 to U+001F), nor U+FFFE, U+FFFF or half of a surrogate pair, not even written as a character
reference: such a character cannot be put into the file at all, so EDGAR can never receive it. They arrive
with pasted text (a word processor's line break is a vertical tab, its page break a form feed). The
specification sets no other limit on the characters of a value (TS §3.2 only asks that &, <, > and " be
escaped, which the writer does); the writer writes any other non-ASCII character as a character reference,
and line breaks stand in accepted filings (footnotes, remarks, nature of ownership, signature names).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from pathlib import Path
from typing import Callable, Iterator

from form4_desktop.model import Filing, Footnoted
from form4_desktop.rules.boxes import cell, owner_label
from form4_desktop.rules.catalog import RULES
from form4_desktop.rules.findings import Finding

NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_NAMES = {
    "\x00": "a null character",
    "\x07": "a bell",
    "\x08": "a backspace",
    "\x0b": "a vertical tab",
    "\x0c": "a form feed",
    "\x1b": "an escape",
    "\ufffe": "a non-character",
    "\uffff": "a non-character",
}
_ADDRESS = (
    ("street1", "street"),
    ("street2", "street, second line"),
    ("city", "city"),
    ("state", "state"),
    ("zip_code", "ZIP code"),
    ("non_us_state_territory", "state, province or territory"),
    ("country", "country"),
    ("state_description", "state description"),
)


def describe(character: str) -> str:
    """`U+000B, a vertical tab`: the code, and what it is where it has a common name."""
    name = _NAMES.get(character)
    if name is None and "\ud800" <= character <= "\udfff":
        name = "half of a surrogate pair"
    return f"U+{ord(character):04X}" + (f", {name}" if name else "")


def first_unwritable(text: str) -> tuple[int, str] | None:
    """(position, character) of the first character XML 1.0 cannot carry in `text`, or None."""
    match = NOT_IN_XML.search(text)
    return (match.start(), match.group()) if match else None


def problem(label: str, text: str) -> str | None:
    """The one-sentence message for `text` in the box `label`, or None when every character can be written."""
    found = first_unwritable(text)
    if found is None:
        return None
    position, character = found
    count = len(NOT_IN_XML.findall(text))
    more = f" (and {count - 1} more)" if count > 1 else ""
    return (
        f"{label} contains a control character ({describe(character)}) at character {position + 1}{more}, "
        "which EDGAR cannot take: its XML carries letters, digits, punctuation, spaces, tabs and line breaks "
        "but no other control character, so delete it (pasted text often brings one)."
    )


def _row_texts(form: str, table: str, index: int, row: object) -> Iterator[tuple[str, str, str]]:
    """(field path, label, text) of every text in a table row: values and footnote ids of every box."""

    def boxes(obj: object, prefix: str) -> Iterator[tuple[str, object]]:
        for field in dataclasses.fields(obj):  # type: ignore[arg-type]
            value = getattr(obj, field.name)
            attribute = f"{prefix}{field.name}"
            if isinstance(value, Footnoted) or attribute == "coding":
                yield attribute, value
            elif dataclasses.is_dataclass(value):
                yield from boxes(value, f"{attribute}.")

    for attribute, box in boxes(row, ""):
        if box is None:
            continue
        path, label = cell(form, table, index, attribute)
        values = [getattr(box, name) for name in ("value", "form_type", "code") if hasattr(box, name)]
        for value in values:
            if isinstance(value, str):
                yield path, label, value
        for footnote_id in getattr(box, "footnote_ids", ()):  # a coding box has none
            yield path, f"{label}, footnote reference", footnote_id


def texts(filing: Filing) -> Iterator[tuple[str, str, str]]:
    """(field path, label, text) of every text the filing holds, as the form names its box."""
    form = filing.form
    yield "document_type", "The document type", filing.document_type or ""
    issuer = filing.issuer
    for attribute, label in (
        ("cik", "Box 2, Issuer CIK"),
        ("name", "Box 2, Issuer Name"),
        ("trading_symbol", "Box 2, Ticker or Trading Symbol"),
        ("foreign_trading_symbol", "Box 2a, Foreign Trading Symbol"),
    ):
        yield f"issuer.{attribute}", label, getattr(issuer, attribute) or ""
    count = len(filing.reporting_owners)
    for index, owner in enumerate(filing.reporting_owners):
        base, label = f"reporting_owners[{index}]", owner_label(index, count)
        for attribute, name in (("cik", "CIK"), ("ccc", "CCC"), ("name", "name")):
            yield f"{base}.{attribute}", f"{label}, {name}", getattr(owner, attribute) or ""
        if owner.address is not None:
            for attribute, name in _ADDRESS:
                yield f"{base}.address.{attribute}", f"{label}, {name}", getattr(owner.address, attribute) or ""
        person = f" (reporting person {index + 1})" if count > 1 else ""
        for attribute, name in (("officer_title", "officer title"), ("other_text", "other (specify)")):
            yield (
                f"{base}.relationship.{attribute}",
                f"Box 5{person}, {name}",
                getattr(owner.relationship, attribute) or "",
            )
    for table, rows in (("table_i", filing.table_i), ("table_ii", filing.table_ii)):
        for index, row in enumerate(rows):
            yield from _row_texts(form, table, index, row)
    for index, footnote in enumerate(filing.footnotes):
        yield f"footnotes[{index}].id", f"Footnote {index + 1}, its id", footnote.id or ""
        yield f"footnotes[{index}].text", f"Footnote {index + 1}", footnote.text or ""
    yield "remarks", "Remarks", filing.remarks or ""
    for index, signature in enumerate(filing.signatures):
        yield f"signatures[{index}].name", f"Signature {index + 1}, name", signature.name or ""


def _text_findings(filing: Filing, rule_id: str, problem_of: Callable[[str, str], str | None]) -> list[Finding]:
    """One finding of `rule_id` per text of the filing that `problem_of(label, text)` has a sentence for."""
    rule = RULES[rule_id]
    findings = []
    for path, label, text in texts(filing):
        message = problem_of(label, text)
        if message:
            findings.append(Finding(rule.id, rule.severity, path, message))
    return findings


def character_findings(filing: Filing) -> list[Finding]:
    """One TEXT-CHARACTERS error per text holding a character EDGAR cannot take."""
    return _text_findings(filing, "TEXT-CHARACTERS", problem)


# -- characters the printed form cannot carry --------------------------------------------------------------------
# What EDGAR takes beyond ASCII is not settled by the sources at hand: the technical specification asks only that
# &, <, > and " be escaped (TS §3.2) and sets no other limit on a value's characters, but it speaks of "ASCII XML
# files" (TS §4.1), the Filer Manual's list of characters (Volume II §5.2) is ASCII's, and none of the 307 accepted
# filings in ../shared/corpus holds a character outside ASCII, not even as a character reference. The writer
# writes every non-ASCII character as a character reference, so the file itself is well formed. The
# printed form is set in one embedded font (DejaVu Sans Condensed, form4_desktop/pdf/fonts), which draws Latin,
# Greek and Cyrillic letters but no Chinese, Japanese or Korean ones: such a character would print as an empty box
# and vanish from the PDF's text. The printed form shows U+FFFD (a "?" in a diamond) in its place, and rule
# PRINT-CHARACTERS names the characters and their box.
PRINT_FONT = Path(__file__).resolve().parent.parent / "pdf" / "fonts" / "DejaVuSansCondensed.ttf"
PLACEHOLDER = "\ufffd"


@functools.lru_cache(maxsize=1)
def printable_code_points() -> frozenset[int]:
    """Every character the printed form's font draws (read once from the font file)."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    return frozenset(TTFontFile(str(PRINT_FONT)).charToGlyph)


def unprintable(text: str) -> list[str]:
    """The characters of `text` the printed form cannot draw, each once, in order (line breaks and tabs draw)."""
    if text.isascii():
        return []
    drawn = printable_code_points()
    missing: dict[str, None] = {}
    for character in text:
        if ord(character) > 0x7E and ord(character) not in drawn:
            missing[character] = None
    return list(missing)


def printable_text(text: str) -> str:
    """`text` with every character the printed form cannot draw replaced by PLACEHOLDER."""
    missing = unprintable(text)
    if not missing:
        return text
    return "".join(PLACEHOLDER if character in missing else character for character in text)


def print_problem(label: str, text: str) -> str | None:
    """The one-sentence message for `text` in the box `label`, or None when the printed form draws all of it."""
    missing = unprintable(text)
    if not missing:
        return None
    shown = missing[:8]
    codes = ", ".join(f"U+{ord(character):04X}" for character in shown)
    more = f" and {len(missing) - len(shown)} more" if len(missing) > len(shown) else ""
    return (
        f"{label} contains {''.join(shown)} ({codes}{more}), which the printed form cannot draw: the paper copy "
        f"shows {PLACEHOLDER} in their place. EDGAR's specification sets no limit beyond XML's, but accepted "
        "filings are written in ASCII: write it in Latin letters, as they do, and the signed paper copy will "
        "read it."
    )


def print_findings(filing: Filing) -> list[Finding]:
    """One PRINT-CHARACTERS warning per text holding a character the printed form cannot draw. Kept apart from
    character_findings, which the XML writer treats as reasons to refuse the file."""
    return _text_findings(filing, "PRINT-CHARACTERS", print_problem)
