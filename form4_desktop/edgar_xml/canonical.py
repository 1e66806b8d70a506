"""The canonical form of an ownership document, for telling whether two documents say the same thing.

A record copy written by this program differs from the document EDGAR disseminated only in ways that do
not change what the filing says. `canonical_form` removes exactly those differences, and nothing else:

1. **Layout**: indentation, comments, processing instructions, the XML declaration, a namespace on the
   elements and `xsi:` schema-location attributes are dropped, and text is stripped of leading and
   trailing XML whitespace (space, tab, CR, LF: EDGAR counts it toward a field's length, it carries no
   meaning). Text between child elements is kept (stripped), so markup inside a footnote still counts.
   A comment or processing instruction goes, but never the text after it: `<a>X<?pi?>Y</a>` is `XY`, and
   `<a><?pi?>Y</a>` is `Y`, so a value split by one is compared whole and a lost value always shows.
2. **Empty wrappers**: an element with no text, no attributes and no children (after rule 1) is
   removed, repeatedly, so `<deemedExecutionDate/>` or `<transactionTimeliness><value/></…>` equal
   absence.
3. **Booleans** (every element of schema type boolean): `1`/`true` become `true`, `0`/`false` become
   `false`, in any letter case.
4. **Decimals** (every `value` of a number box): ASCII digits with at most one period are written without
   a `+` sign, leading zeros or trailing zeros (`1000.00`, `+1000` and `01000` equal `1000`; `.5` is
   `0.5`). Exactly, digit by digit: no rounding, whatever the length.
5. **Dates**: an xs:date time zone suffix is dropped (`2014-04-23-05:00` is `2014-04-23`).
6. **CIKs**: padded with leading zeros to ten digits, as EDGAR disseminates them.
7. **`schemaVersion`** is removed: EDGAR writes it, and a converted document is v5.5 whatever it was.
8. **`aff10b5One`**: when the original has no 10b5-1 box (filings before April 2023), the converted
   document's unchecked box (`false`) is removed. Not the other way round.
9. **Country-code move**: a pre-v5.5 foreign code in `rptOwnerState` becomes `rptOwnerCountry` with
   `rptOwnerNonUSAddressFlag` = `true`, as v5.5 requires (and as the reader does), when the address has
   neither of those yet.
10. **The CCC** (`rptOwnerCcc`) is removed: an access code, which a record copy never carries.
11. **Footnote ids**: XML whitespace around the `id` of a `footnote` or `footnoteId` is dropped, as the
    schema's ID type drops it (the reader reports it: EDGAR wants exactly F1 to F99).

The element order, every other element and every attribute are kept, so any other change shows.
"""

from __future__ import annotations

import re
from lxml import etree

from form4_desktop.edgar_xml.parsing import XML_SPACE, XSI, local_name, parse_untrusted, remove_keeping_tail
from form4_desktop.model.codes import COUNTRIES, OBSOLETE_COUNTRIES, US_STATES

BOOLEAN_ELEMENTS = frozenset(
    {
        "notSubjectToSection16",
        "noSecuritiesOwned",
        "form3HoldingsReported",
        "form4TransactionsReported",
        "aff10b5One",
        "isDirector",
        "isOfficer",
        "isTenPercentOwner",
        "isOther",
        "equitySwapInvolved",
        "rptOwnerNonUSAddressFlag",
        "rptOwnerGoodAddress",
    }
)
DECIMAL_BOXES = frozenset(
    {
        "transactionShares",
        "transactionTotalValue",
        "transactionPricePerShare",
        "conversionOrExercisePrice",
        "sharesOwnedFollowingTransaction",
        "valueOwnedFollowingTransaction",
        "underlyingSecurityShares",
        "underlyingSecurityValue",
    }
)
DATE_BOXES = frozenset(
    {
        "periodOfReport",
        "dateOfOriginalSubmission",
        "signatureDate",
        "transactionDate",
        "deemedExecutionDate",
        "exerciseDate",
        "expirationDate",
    }
)
CIK_ELEMENTS = frozenset({"issuerCik", "rptOwnerCik"})
_DATE_WITH_ZONE = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?:Z|[+-][0-9]{2}:[0-9]{2})")
_DECIMAL = re.compile(r"(-?)\+?([0-9]*)(?:\.([0-9]*))?")


def _canonical_decimal(text: str) -> str:
    """Textual, so that no digit is ever rounded away."""
    match = _DECIMAL.fullmatch(text)
    if not match or not (match[2] or match[3]):
        return text
    whole = match[2].lstrip("0") or "0"
    fraction = (match[3] or "").rstrip("0")
    sign = match[1] if (whole != "0" or fraction) else ""
    return f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}"


def strip_namespaces(root: etree._Element) -> None:
    for element in root.iter():
        if isinstance(element.tag, str):
            element.tag = local_name(element)
            for attribute in [a for a in element.attrib if a.startswith(XSI)]:
                del element.attrib[attribute]
    etree.cleanup_namespaces(root)


def _strip(text: str | None) -> str | None:
    return (text or "").strip(XML_SPACE) or None


def _normalise_values(root: etree._Element) -> None:
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        element.text = _strip(element.text)
        element.tail = _strip(element.tail)
        name = local_name(element)
        parent = element.getparent()
        parent_name = local_name(parent) if parent is not None else ""
        text = element.text
        if text is None:
            continue
        if len(element):
            continue  # text between child elements is kept as it is (stripped)
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
    # One pass, children before their parents (reverse document order), so that a wrapper emptied by the
    # removal of its children is itself removed: linear, however deep the nesting.
    for element in reversed(list(root.iter())):
        if element is root or not isinstance(element.tag, str):
            continue
        if len(element) == 0 and element.text is None and not element.attrib and element.tail is None:
            element.getparent().remove(element)


def _strip_footnote_ids(root: etree._Element) -> None:
    for element in root.iter("footnote", "footnoteId"):
        footnote_id = element.get("id")
        if footnote_id is not None and footnote_id != footnote_id.strip(XML_SPACE):
            element.set("id", footnote_id.strip(XML_SPACE))


def move_foreign_state(root: etree._Element) -> None:
    for address in root.iter("reportingOwnerAddress"):
        state = address.find("rptOwnerState")
        if state is None or not state.text or state.text in US_STATES:
            continue
        if state.text not in COUNTRIES and state.text not in OBSOLETE_COUNTRIES:
            continue
        if address.find("rptOwnerCountry") is not None or address.find("rptOwnerNonUSAddressFlag") is not None:
            continue  # written for v5.5 already (the reader leaves these as they are too)
        # Same place as the schema's order: the country follows the state.
        state.tag = "rptOwnerCountry"
        flag = etree.Element("rptOwnerNonUSAddressFlag")
        flag.text = "true"
        address.insert(0, flag)


def canonical_form(root: etree._Element) -> etree._Element:
    """A normalised deep copy of `root` (every rule but 8, which needs both sides: see `compare`)."""
    root = etree.fromstring(etree.tostring(root))
    strip_namespaces(root)
    for node in list(root.iter(etree.Comment, etree.ProcessingInstruction)):  # not XPath: quadratic in lxml
        remove_keeping_tail(node)
    _normalise_values(root)
    _strip_footnote_ids(root)
    _remove_empty(root)
    for version in root.findall("schemaVersion"):
        root.remove(version)
    for ccc in root.iterfind("reportingOwner/reportingOwnerId/rptOwnerCcc"):
        ccc.getparent().remove(ccc)
    move_foreign_state(root)
    return root


def _drop_default_aff10b5one(one: etree._Element, other: etree._Element) -> None:
    if other.find("aff10b5One") is None:
        box = one.find("aff10b5One")
        if box is not None and box.text == "false":
            one.remove(box)


def _shown(text: str | None, limit: int = 80) -> str:
    """A text in a difference: quoted on one line (repr), a long one shortened, so a message stays a sentence."""
    if text is not None and len(text) > limit:
        return f"{text[:limit]!r}... ({len(text):,} characters)"
    return repr(text)


def _path(element: etree._Element) -> str:
    return element.getroottree().getpath(element)


def compare(original: etree._Element, converted: etree._Element) -> list[str]:
    """The differences between two documents after canonical normalisation, one line each; [] if equal."""
    left, right = canonical_form(original), canonical_form(converted)
    _drop_default_aff10b5one(right, left)
    differences: list[str] = []
    _compare_elements(left, right, differences)
    return differences


MAX_DIFFERENCES = 100  # enough to show what went wrong; naming each of thousands would only take time


def _compare_elements(left: etree._Element, right: etree._Element, out: list[str]) -> None:
    if len(out) >= MAX_DIFFERENCES:
        return
    if left.tag != right.tag:
        out.append(f"{_path(left)}: <{left.tag}> became <{right.tag}>")
        return
    if left.text != right.text:
        out.append(f"{_path(left)}: {_shown(left.text)} became {_shown(right.text)}")
    if left.tail != right.tail:
        out.append(f"{_path(left)}: the text after it, {_shown(left.tail)}, became {_shown(right.tail)}")
    if dict(left.attrib) != dict(right.attrib):
        out.append(f"{_path(left)}: attributes {dict(left.attrib)} became {dict(right.attrib)}")
    left_children, right_children = list(left), list(right)
    for a, b in zip(left_children, right_children):
        _compare_elements(a, b, out)
    for extra in left_children[len(right_children) :][:MAX_DIFFERENCES]:
        out.append(f"{_path(extra)}: missing from the converted document")
    for extra in right_children[len(left_children) :][:MAX_DIFFERENCES]:
        out.append(f"{_path(extra)}: added in the converted document")


def compare_bytes(original: bytes, converted: bytes) -> list[str]:
    return compare(parse_untrusted(original, "original"), parse_untrusted(converted, "converted"))
