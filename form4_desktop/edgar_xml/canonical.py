"""The canonical form of an ownership document, for telling whether two documents say the same thing.

A record copy written by this program differs from the document EDGAR disseminated only in ways that do
not change what the filing says. `canonical_form` removes exactly those differences, and nothing else:

1. **Layout**: indentation, comments, processing instructions and the XML declaration are dropped, and
   text values are stripped of leading and trailing whitespace (EDGAR counts it toward a field's length,
   it carries no meaning).
2. **Empty wrappers**: an element with no text, no attributes and no children (after rule 1) is
   removed, repeatedly, so `<deemedExecutionDate/>` or `<transactionTimeliness><value/></…>` equal
   absence.
3. **Booleans** (every element of schema type boolean): `1`/`true` become `true`, `0`/`false` become
   `false`.
4. **Decimals** (every `value` of a number box and every amount): written in plain notation without
   trailing zeros (`1000.00` and `1000` are equal), with a leading zero (`.5` is `0.5`).
5. **Dates**: an xs:date time zone suffix is dropped (`2014-04-23-05:00` is `2014-04-23`).
6. **CIKs**: padded with leading zeros to ten digits, as EDGAR disseminates them.
7. **`schemaVersion`** is removed: EDGAR writes it, and a converted document is v5.5 whatever it was.
8. **`aff10b5One`**: when one side has no 10b5-1 box (filings before April 2023), the other side's
   unchecked box (`false`) is removed.
9. **Country-code move**: a pre-v5.5 foreign code in `rptOwnerState` becomes `rptOwnerCountry` with
   `rptOwnerNonUSAddressFlag` = `true`, as v5.5 requires (and as the reader does).

The element order, every other element and every attribute are kept, so any other change shows.
"""

from __future__ import annotations

import re
from decimal import Decimal

from lxml import etree

from form4_desktop.edgar_xml.parsing import local_name, parse_untrusted
from form4_desktop.model.codes import COUNTRIES, OBSOLETE_COUNTRIES, US_STATES

BOOLEAN_ELEMENTS = frozenset({
    "notSubjectToSection16", "noSecuritiesOwned", "form3HoldingsReported", "form4TransactionsReported",
    "aff10b5One", "isDirector", "isOfficer", "isTenPercentOwner", "isOther", "equitySwapInvolved",
    "rptOwnerNonUSAddressFlag", "rptOwnerGoodAddress",
})
DECIMAL_BOXES = frozenset({
    "transactionShares", "transactionTotalValue", "transactionPricePerShare", "conversionOrExercisePrice",
    "sharesOwnedFollowingTransaction", "valueOwnedFollowingTransaction", "underlyingSecurityShares",
    "underlyingSecurityValue",
})
DATE_BOXES = frozenset({
    "periodOfReport", "dateOfOriginalSubmission", "signatureDate", "transactionDate", "deemedExecutionDate",
    "exerciseDate", "expirationDate",
})
CIK_ELEMENTS = frozenset({"issuerCik", "rptOwnerCik"})
_DATE_WITH_ZONE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})")
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


def _canonical_decimal(text: str) -> str:
    if not _DECIMAL.fullmatch(text):
        return text
    value = Decimal(text)
    if value == value.to_integral_value():
        return format(value.quantize(Decimal(1)), "f")
    return format(value.normalize(), "f")


def _strip_namespaces(root: etree._Element) -> None:
    for element in root.iter():
        if isinstance(element.tag, str):
            element.tag = local_name(element)
    etree.cleanup_namespaces(root)


def _normalise_values(root: etree._Element) -> None:
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if len(element):
            element.text = None
        elif element.text is not None:
            element.text = element.text.strip() or None
        element.tail = None
        name = local_name(element)
        parent = element.getparent()
        parent_name = local_name(parent) if parent is not None else ""
        text = element.text
        if text is None:
            continue
        if name in BOOLEAN_ELEMENTS:
            lowered = text.lower()
            element.text = "true" if lowered in ("1", "true") else "false" if lowered in ("0", "false") else text
        elif name == "value" and parent_name in DECIMAL_BOXES:
            element.text = _canonical_decimal(text)
        elif name in DATE_BOXES or (name == "value" and parent_name in DATE_BOXES):
            match = _DATE_WITH_ZONE.fullmatch(text)
            if match:
                element.text = match[1]
        elif name in CIK_ELEMENTS and text.isdigit():
            element.text = text.zfill(10)


def _remove_empty(root: etree._Element) -> None:
    changed = True
    while changed:
        changed = False
        for element in list(root.iter()):
            if element is root or not isinstance(element.tag, str):
                continue
            if len(element) == 0 and element.text is None and not element.attrib:
                element.getparent().remove(element)
                changed = True


def _move_foreign_state(root: etree._Element) -> None:
    for address in root.iter("reportingOwnerAddress"):
        state = address.find("rptOwnerState")
        if state is None or not state.text or state.text in US_STATES:
            continue
        if state.text not in COUNTRIES and state.text not in OBSOLETE_COUNTRIES:
            continue
        if address.find("rptOwnerCountry") is not None:
            continue
        # Same place as the schema's order: the country follows the state.
        state.tag = "rptOwnerCountry"
        if address.find("rptOwnerNonUSAddressFlag") is None:
            flag = etree.Element("rptOwnerNonUSAddressFlag")
            flag.text = "true"
            address.insert(0, flag)


def canonical_form(root: etree._Element) -> etree._Element:
    """A normalised deep copy of `root` (rules 1-7 and 9; rule 8 needs both sides: see `compare`)."""
    root = etree.fromstring(etree.tostring(root))
    _strip_namespaces(root)
    for comment in root.xpath("//comment() | //processing-instruction()"):
        comment.getparent().remove(comment)
    _normalise_values(root)
    _remove_empty(root)
    for version in root.findall("schemaVersion"):
        root.remove(version)
    _move_foreign_state(root)
    return root


def _drop_default_aff10b5one(one: etree._Element, other: etree._Element) -> None:
    if other.find("aff10b5One") is None:
        box = one.find("aff10b5One")
        if box is not None and box.text == "false":
            one.remove(box)


def _path(element: etree._Element) -> str:
    return element.getroottree().getpath(element)


def compare(original: etree._Element, converted: etree._Element) -> list[str]:
    """The differences between two documents after canonical normalisation, one line each; [] if equal."""
    left, right = canonical_form(original), canonical_form(converted)
    _drop_default_aff10b5one(right, left)
    _drop_default_aff10b5one(left, right)
    differences: list[str] = []
    _compare_elements(left, right, differences)
    return differences


def _compare_elements(left: etree._Element, right: etree._Element, out: list[str]) -> None:
    if left.tag != right.tag:
        out.append(f"{_path(left)}: <{left.tag}> became <{right.tag}>")
        return
    if left.text != right.text:
        out.append(f"{_path(left)}: {left.text!r} became {right.text!r}")
    if dict(left.attrib) != dict(right.attrib):
        out.append(f"{_path(left)}: attributes {dict(left.attrib)} became {dict(right.attrib)}")
    left_children, right_children = list(left), list(right)
    for a, b in zip(left_children, right_children):
        _compare_elements(a, b, out)
    for extra in left_children[len(right_children):]:
        out.append(f"{_path(extra)}: missing from the converted document")
    for extra in right_children[len(left_children):]:
        out.append(f"{_path(extra)}: added in the converted document")


def compare_bytes(original: bytes, converted: bytes) -> list[str]:
    return compare(parse_untrusted(original, "original"), parse_untrusted(converted, "converted"))
