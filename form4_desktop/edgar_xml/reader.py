"""Read an EDGAR ownership document (any schema version from X0202 to X0609) into a `Filing`.

Real disseminated filings are not tidy: booleans as 0/1 or true/false, empty wrappers such as
`<deemedExecutionDate/>`, whitespace around values, and (before v5.5) foreign country codes in
`rptOwnerState`. The reader accepts all of these and gives the model one clean form: text is stripped,
an empty element is the same as an absent one, and a foreign code in `rptOwnerState` becomes
`rptOwnerCountry` with the non-US address flag, as v5.5 requires. Anything it cannot read faithfully
raises a `ReadError` naming the element, rather than dropping data.

A value is all the text of its element: a comment or processing instruction inside it is dropped, the text
around it kept (`<rptOwnerName><?x?>SMITH</rptOwnerName>` is SMITH). The work is bounded by the file's size
and no more: a few unexpected attributes or elements are named per element and the rest counted, and a
repeated element is read up to ten times what EDGAR allows (see MAX_NAMED, MAX_READ and parsing.MAX_NODES).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Callable, TypeVar

from lxml import etree

from form4_desktop.edgar_xml.errors import ReadError
from form4_desktop.edgar_xml.parsing import XML_SPACE, XSI, local_name, own_text, parse_untrusted, read_bytes
from form4_desktop.model import (
    DOCUMENT_TYPES,
    DerivativeHolding,
    DerivativeTransaction,
    Filing,
    Footnote,
    Footnoted,
    HoldingCoding,
    Issuer,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    OwnerAddress,
    OwnershipNature,
    Relationship,
    ReportingOwner,
    Signature,
    TransactionCoding,
    UnderlyingSecurity,
)
from form4_desktop.model.codes import COUNTRIES, OBSOLETE_COUNTRIES, US_STATES

T = TypeVar("T")

_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:Z|[+-][0-9]{2}:[0-9]{2})?")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_BOOLEANS = {"1": True, "true": True, "0": False, "false": False}
# The only xsi: attributes a filing may carry: schema-location hints, without content. Any other (xsi:type,
# xsi:nil) would change what the schema makes of the element, so it is unexpected like any attribute.
_SCHEMA_LOCATIONS = frozenset({f"{XSI}noNamespaceSchemaLocation", f"{XSI}schemaLocation"})
# How many unexpected attributes or elements are named, per element, before the rest are only counted:
# a hostile file may carry hundreds of thousands, and one finding per each helps nobody (and lxml finds
# an attribute's value by scanning all of them, so naming each would take quadratic time).
MAX_NAMED = 5
# How many of a repeated element are read: ten times what EDGAR allows (10 owners and signatures, 30 rows a
# table; a footnote reference per footnote, 99), so that a file with a few too many still opens to be put
# right, while one with thousands is not judged row by row (the rest is reported, and left unread).
MAX_READ = {"reportingOwner": 100, "ownerSignature": 100, "footnote": 990, "footnoteId": 990, "rows": 300}
_QUOTE_LIMIT = 40


# How many attributes the document has, counted by libxml2 in C: a plain reading accounts for each (see
# _Context.attributes), so that no element need be asked for its attributes one by one.
_ATTRIBUTES = etree.XPath("count(descendant-or-self::*/@*)")


def quote(text: str, limit: int = _QUOTE_LIMIT) -> str:
    """`text` for a one-line message: shortened, and any line break or control character shown escaped."""
    short = text[:limit] + ("..." if len(text) > limit else "")
    return "'" + "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in short) + "'"


@dataclass
class SourceIssue:
    """A problem in the file itself that the model does not carry: either repaired on reading (a namespace,
    a `+` sign) or, when reading leniently, a value that could not be read and was left out."""

    path: str
    message: str


@dataclass
class ReadResult:
    filing: Filing
    issues: list[SourceIssue] = field(default_factory=list)
    root: etree._Element | None = None  # the document as parsed, for whoever needs the file as it stands


class _Unusual(Exception):
    """Raised by a plain reading at the first thing that needs the careful one (see `read_document`)."""


class _Context:
    __slots__ = ("source", "strict", "plain", "attributes", "issues", "moved_states")

    def __init__(self, source: str, strict: bool, plain: bool = False):
        self.source = source
        self.strict = strict
        # A plain reading (see read_document) stops at the first problem or repair, or anything a careful
        # reading would look at twice (a namespace, a text between elements, an attribute other than the ids
        # it counts here), to read the document again carefully.
        self.plain = plain
        self.attributes = 0
        self.issues: list[SourceIssue] = []
        self.moved_states: list[tuple[str, str]] = []  # (path, code) of foreign codes moved to the country

    def problem(self, path: str, what: str) -> None:
        """A value that cannot be read faithfully: refused when strict, noted and left out otherwise."""
        if self.plain:
            raise _Unusual
        if self.strict:
            raise ReadError(f"{self.source}: {path}: {what}.")
        self.issues.append(SourceIssue(path, what))

    def repaired(self, path: str, what: str) -> None:
        if self.plain:
            raise _Unusual
        self.issues.append(SourceIssue(path, what))


class _Element:
    """One XML element, read child by child; `path` names it in messages (made only when one is needed)."""

    __slots__ = ("element", "parent", "step", "context", "children")

    def __init__(self, element: etree._Element, parent: _Element | None, step: str, context: _Context):
        self.element = element
        self.parent = parent
        self.step = step
        self.context = context
        children: dict[str, list[etree._Element]] = {}
        self.children = children
        if context.plain:  # no processing instruction: only elements
            if len(element):
                # Text beside a footnote's markup is the footnote's problem (see _read_footnotes).
                beside = step != "footnote" and _plain_text_of(element.text) is not None
                for child in element:
                    beside = beside or _plain_text_of(child.tail) is not None
                    found = children.get(child.tag)
                    if found is None:
                        children[child.tag] = [child]
                    else:
                        found.append(child)
                if beside:
                    raise _Unusual
            return
        for child in element:
            if isinstance(child.tag, str):
                children.setdefault(local_name(child), []).append(child)
        allowed = ("id",) if local_name(element) in ("footnote", "footnoteId") else ()
        # keys() only: reading every value would scan the attributes once per attribute (see MAX_NAMED).
        unexpected = [name for name in element.keys() if name not in allowed and name not in _SCHEMA_LOCATIONS]
        for name in unexpected[:MAX_NAMED]:
            self.problem(f"unexpected attribute {_attribute_name(name)}={quote(element.get(name) or '')}")
        if len(unexpected) > MAX_NAMED:
            self.problem(f"{len(unexpected) - MAX_NAMED:,} more unexpected attributes (not named here)")
        if children and local_name(element) != "footnote":
            between = own_text(element).strip(XML_SPACE)
            if between:
                self.problem(f"unexpected text {quote(between)} between elements")

    @property
    def path(self) -> str:
        return self.step if self.parent is None else f"{self.parent.path}/{self.step}"

    def problem(self, what: str) -> None:
        if self.context.plain:
            raise _Unusual
        self.context.problem(self.path, what)

    def repaired(self, what: str) -> None:
        if self.context.plain:
            raise _Unusual
        self.context.repaired(self.path, what)

    def check_known(self, *names: str) -> None:
        unexpected = [name for name in self.children if name not in names]
        for name in unexpected[:MAX_NAMED]:
            self.problem(f"unexpected element <{name}>, which the ownership schemas do not define here")
        if len(unexpected) > MAX_NAMED:
            self.problem(f"{len(unexpected) - MAX_NAMED:,} more kinds of unexpected element (not named here)")

    def all(self, name: str) -> list[_Element]:
        found = self.children.get(name, [])
        return [_Element(child, self, name, self.context) for child in self.within_limit(name, found)]

    def within_limit(self, name: str, found: list[T]) -> list[T]:
        """The first MAX_READ of a repeated element; the excess is a problem (refused when strict)."""
        limit = MAX_READ.get(name, len(found))
        if len(found) > limit:
            self.problem(
                f"<{name}> appears {len(found):,} times, far more than EDGAR allows; only the first {limit} were read"
            )
            return found[:limit]
        return found

    def one(self, name: str) -> _Element | None:
        found = self.children.get(name, [])
        if len(found) > 1:
            self.problem(f"<{name}> appears {len(found)} times but may appear once")
        return _Element(found[0], self, name, self.context) if found else None

    def text(self) -> str | None:
        """All the element's text (a comment or processing instruction inside splits it, and is dropped)
        without surrounding XML whitespace; None when there is none."""
        if self.children:
            self.problem(f"expected a plain value but found <{next(iter(self.children))}> inside")
            return None
        # With no child at all (a plain document's leaf), `text` is all of it.
        value = (self.element.text or "" if self.context.plain else own_text(self.element)).strip(XML_SPACE)
        return value or None

    def child_text(self, name: str) -> str | None:
        if self.context.plain:
            return self._plain_value(name, _plain_text)
        child = self.one(name)
        return child.text() if child is not None else None

    def child_bool(self, name: str) -> bool | None:
        if self.context.plain:
            return self._plain_value(name, _plain_bool)
        child = self.one(name)
        return child.as_bool() if child is not None else None

    def _plain_value(self, name: str, parse: Callable[[str | None], T | None]) -> T | None:
        """In a plain document: the value of the child `name` as `parse` reads its text, None without it."""
        found = self.children.get(name)
        if found is None:
            return None
        if len(found) > 1 or len(found[0]):
            raise _Unusual
        return parse(_plain_text_of(found[0].text))

    def _plain_footnoted(self, name: str, parse: Callable[[str | None], T | None]) -> Footnoted[T] | None:
        """`footnoted` for a plain document, without an _Element per value and reference: the same result,
        or _Unusual wherever `footnoted` would find a problem or make a repair."""
        found = self.children.get(name)
        if found is None:
            return None
        if len(found) > 1:
            raise _Unusual
        box = found[0]
        value = None
        values = 0
        ids = []
        if _plain_text_of(box.text) is not None:
            raise _Unusual
        for child in box:
            tag = child.tag
            text = _plain_text_of(child.text)
            if len(child) or _plain_text_of(child.tail) is not None:
                raise _Unusual
            if tag == "value":
                values += 1
                value = parse(text)
            elif tag == "footnoteId":
                footnote_id = child.get("id")
                if not footnote_id or footnote_id != footnote_id.strip(XML_SPACE) or text is not None:
                    raise _Unusual
                ids.append(footnote_id)
            else:
                raise _Unusual
        if values > 1 or len(ids) > MAX_READ["footnoteId"]:
            raise _Unusual
        if value is None and not ids:  # a plain value is None or not empty (Footnoted.is_empty)
            return None
        self.context.attributes += len(ids)
        return Footnoted(value, ids)

    def _typed_text(self, kind: str) -> str | None:
        value = self.text()
        if value is None and not self.children:
            self.repaired(
                f"an empty {kind} element: EDGAR suspends a {kind} with no value (leave the element out instead)",
            )
        return value

    def as_bool(self) -> bool | None:
        value = self._typed_text("yes/no")
        if value is None:
            return None
        if value in _BOOLEANS:
            return _BOOLEANS[value]
        if value.lower() in _BOOLEANS:
            self.repaired(f"{quote(value)} is not spelt as EDGAR requires (1, 0, true or false)")
            return _BOOLEANS[value.lower()]
        self.problem(f"{quote(value)} is not a yes/no value (1, 0, true or false)")
        return None

    def as_date(self) -> date | None:
        value = self._typed_text("date")
        if value is None:
            return None
        match = _DATE.fullmatch(value)
        if not match:
            self.problem(f"{quote(value)} is not a date in the form YYYY-MM-DD")
            return None
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            self.problem(f"{quote(value)} is not a real calendar date")
            return None

    def as_decimal(self) -> Decimal | None:
        value = self._typed_text("number")
        if value is None:
            return None
        if not _DECIMAL.fullmatch(value):
            self.problem(f"{quote(value)} is not a number (only digits and one period are allowed)")
            return None
        if value[0] in "+-":
            self.repaired(f"{quote(value)} has a sign; EDGAR allows digits and one period only")
        return Decimal(value)

    def footnote_id(self) -> str:
        """The `id` attribute of a footnote or footnote reference. Spaces around it are dropped, as the
        schema's ID type does, but reported: EDGAR's own footnote-id check wants exactly F1 to F99."""
        raw = self.element.get("id") or ""
        if raw:
            self.context.attributes += 1
        footnote_id = raw.strip(XML_SPACE)
        if footnote_id and footnote_id != raw:
            self.repaired(
                f"the footnote id {quote(raw)} has spaces around it; EDGAR wants exactly {quote(footnote_id)}",
            )
        return footnote_id

    def footnote_ids(self) -> list[str]:
        ids = []
        for child in self.all("footnoteId"):
            footnote_id = child.footnote_id()
            if child.children or own_text(child.element).strip(XML_SPACE):
                child.problem("a footnote reference carries text; it is only an id")
            if not footnote_id:
                child.problem("a footnote reference has no id")
                continue
            ids.append(footnote_id)
        return ids

    def footnoted(self, parse: Callable[[_Element], T | None]) -> Footnoted[T] | None:
        """A `value` with its `footnoteId`s; None for an empty wrapper."""
        self.check_known("value", "footnoteId")
        value_element = self.one("value")
        value = parse(value_element) if value_element is not None else None
        result = Footnoted(value, self.footnote_ids())
        return None if result.is_empty() else result


def _text(element: _Element) -> str | None:
    return element.text()


def _plain_text_of(text: str | None) -> str | None:
    """A text or tail without XML whitespace around it; None when nothing is left."""
    return text.strip(XML_SPACE) or None if text else None


def _plain_text(text: str | None) -> str | None:
    return text


def _plain_typed(text: str | None) -> str:
    if text is None:  # an empty typed value: a repair
        raise _Unusual
    return text


def _plain_bool(text: str | None) -> bool:
    value = _BOOLEANS.get(_plain_typed(text))
    if value is None:
        raise _Unusual
    return value


def _plain_date(text: str | None) -> date:
    match = _DATE.fullmatch(_plain_typed(text))
    if match is None:
        raise _Unusual
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise _Unusual from None


def _plain_decimal(text: str | None) -> Decimal:
    value = _plain_typed(text)
    if value[0] in "+-" or not _DECIMAL.fullmatch(value):
        raise _Unusual
    return Decimal(value)


def _footnoted(parent: _Element, name: str, parse: Callable[[_Element], T | None]) -> Footnoted[T] | None:
    if parent.context.plain:
        return parent._plain_footnoted(name, _PLAIN[parse])
    child = parent.one(name)
    return child.footnoted(parse) if child is not None else None


def _required(parent: _Element, name: str, parse: Callable[[_Element], T | None]) -> Footnoted[T]:
    """A box the schema requires: kept empty (and caught by validation) rather than refused here."""
    return _footnoted(parent, name, parse) or Footnoted()


def read_document(data: bytes, source: str = "<input>", *, strict: bool = True) -> ReadResult:
    """Parse an ownership document from bytes; `source` names it in messages.

    Strict (for converting, importing, opening): a value that cannot be read faithfully raises ReadError,
    so nothing is ever dropped. Lenient (for checking): such values are left out and listed as issues,
    so that one bad box does not hide every other finding. Either way the repairs made on reading
    (a namespace, a processing instruction, a sign) are listed as issues.
    """
    root = parse_untrusted(data, source)
    pis = _instructions(root)
    if not pis and root.tag == "ownershipDocument" and not _may_have_namespaces(data, root):
        # Nearly every real filing: read without an _Element per value, and again carefully (below) at the
        # first problem, repair or anything unusual, so that the outcome is always the careful reading's.
        try:
            plain = _Context(source, strict, plain=True)
            result = _read_root(root, plain)
            plain.attributes += sum(1 for name in root.keys() if name in _SCHEMA_LOCATIONS)
            if plain.attributes == _ATTRIBUTES(root):  # none unexpected anywhere
                return result
        except _Unusual:
            pass
    return _read_carefully(root, source, strict)


def _instructions(root: etree._Element) -> list[etree._Element]:
    """The document's processing instructions, before or after the root too. Not XPath, whose node sets of
    instructions take quadratic time in lxml."""
    return [
        *root.itersiblings(etree.ProcessingInstruction, preceding=True),
        *root.iter(etree.ProcessingInstruction),
        *root.itersiblings(etree.ProcessingInstruction),
    ]


def _read_carefully(root: etree._Element, source: str, strict: bool) -> ReadResult:
    """The reading of any document: every element checked on its own for all that may be wrong with it."""
    context = _Context(source, strict)
    _report_namespaces(root, context)
    pis = _instructions(root)
    if pis:
        context.repaired(
            "ownershipDocument", f"a processing instruction <?{pis[0].target} ...?>; EDGAR suspends a document with one"
        )
    return _read_root(root, context)


def _may_have_namespaces(data: bytes, root: etree._Element) -> bool:
    """Whether any element may be in a namespace: not when the file, in an encoding that writes ASCII as
    ASCII, never declares one (lxml refuses an undeclared prefix)."""
    encoding = (root.getroottree().docinfo.encoding or "").upper()
    return encoding not in _ASCII_ENCODINGS or b"xmlns" in data


_ASCII_ENCODINGS = frozenset({"UTF-8", "US-ASCII", "ASCII", "ISO-8859-1", "LATIN1", "WINDOWS-1252"})


def _read_root(root: etree._Element, context: _Context) -> ReadResult:
    name = local_name(root)
    source = context.source
    if name != "ownershipDocument":
        if name == "edgarSubmission":
            raise ReadError(
                f"{source} is an EDGAR submission file; open the primary document (the ownershipDocument) instead."
            )
        raise ReadError(
            f"{source} is not an EDGAR ownership document: its root element is <{name}>, expected <ownershipDocument>."
        )
    filing = _read_document(_Element(root, None, "ownershipDocument", context))
    if not filing.is_disseminated_copy:  # EDGAR's own old copies are history; a draft must be put right
        for path, code in context.moved_states:
            country = (COUNTRIES.get(code) or OBSOLETE_COUNTRIES.get(code) or code).title()
            context.repaired(
                path,
                f"'{code}' is a country code ({country}), not a US state: since v5.5 it goes "
                "in rptOwnerCountry, with the non-US address box (rptOwnerNonUSAddressFlag) checked",
            )
    return ReadResult(filing, context.issues, root)


def _report_namespaces(root: etree._Element, context: _Context) -> None:
    """A namespace on any element, not only the root: EDGAR refuses it, though the reader can look past it."""
    spaced = [element for element in root.iter() if isinstance(element.tag, str) and element.tag.startswith("{")]
    if not spaced:
        return
    first = spaced[0]
    if first is root:
        what = "the document has an XML namespace"
    else:
        what = f"<{local_name(first)}> has an XML namespace ({quote(etree.QName(first).namespace or '')})"
    others = f" (and {len(spaced) - 1:,} more elements)" if len(spaced) > 1 else ""
    context.repaired(_element_path(first), f"{what}{others}; EDGAR wants none")


def _element_path(element: etree._Element) -> str:
    names = [local_name(element)] + [local_name(ancestor) for ancestor in element.iterancestors()]
    return "/".join(reversed(names))


def _attribute_name(name: str) -> str:
    """`{urn:x}a` as `a (namespace urn:x)`, the way a person can find it in the file."""
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        return f"{local} (namespace {namespace})"
    return name


def read_filing(data: bytes, source: str = "<input>") -> Filing:
    """Parse an ownership document from bytes, strictly (see `read_document`)."""
    return read_document(data, source).filing


def read_file(path: str | os.PathLike[str]) -> Filing:
    """Read an ownership document from a file, refusing anything that is not one with a clear sentence."""
    return read_filing(read_bytes(path), os.fspath(path))


def _read_document(doc: _Element) -> Filing:
    doc.check_known(
        "schemaVersion",
        "documentType",
        "periodOfReport",
        "dateOfOriginalSubmission",
        "notSubjectToSection16",
        "noSecuritiesOwned",
        "form3HoldingsReported",
        "form4TransactionsReported",
        "issuer",
        "reportingOwner",
        "aff10b5One",
        "nonDerivativeTable",
        "derivativeTable",
        "footnotes",
        "remarks",
        "ownerSignature",
    )
    document_type = doc.child_text("documentType")
    if document_type not in DOCUMENT_TYPES:
        what = (
            f"document type {quote(document_type)} is not one of {', '.join(DOCUMENT_TYPES)}"
            if document_type
            else "<documentType> is missing, so the form (3, 4 or 5) is unknown"
        )
        if doc.context.strict:
            raise ReadError(f"{doc.context.source}: {what}.")
        document_type = document_type or ""  # kept for the rules to name (DOC-TYPE)
    period = doc.one("periodOfReport")
    original = doc.one("dateOfOriginalSubmission")
    issuer = doc.one("issuer")
    return Filing(
        document_type=document_type,
        schema_version=doc.child_text("schemaVersion"),
        period_of_report=period.as_date() if period is not None else None,
        date_of_original_submission=original.as_date() if original is not None else None,
        not_subject_to_section16=doc.child_bool("notSubjectToSection16"),
        no_securities_owned=doc.child_bool("noSecuritiesOwned"),
        form3_holdings_reported=doc.child_bool("form3HoldingsReported"),
        form4_transactions_reported=doc.child_bool("form4TransactionsReported"),
        aff10b5_one=doc.child_bool("aff10b5One"),
        issuer=_read_issuer(issuer) if issuer is not None else Issuer(),
        reporting_owners=[_read_owner(owner) for owner in doc.all("reportingOwner")],
        table_i=_read_table_i(doc.one("nonDerivativeTable")),
        table_ii=_read_table_ii(doc.one("derivativeTable")),
        footnotes=_read_footnotes(doc.one("footnotes")),
        remarks=doc.child_text("remarks"),
        signatures=[_read_signature(signature) for signature in doc.all("ownerSignature")],
    )


def _read_issuer(issuer: _Element) -> Issuer:
    issuer.check_known("issuerCik", "issuerName", "issuerTradingSymbol", "issuerForeignTradingSymbol")
    return Issuer(
        cik=issuer.child_text("issuerCik") or "",
        name=issuer.child_text("issuerName"),
        trading_symbol=issuer.child_text("issuerTradingSymbol") or "",
        foreign_trading_symbol=issuer.child_text("issuerForeignTradingSymbol"),
    )


def _read_owner(owner: _Element) -> ReportingOwner:
    owner.check_known("reportingOwnerId", "reportingOwnerAddress", "reportingOwnerRelationship")
    identity = owner.one("reportingOwnerId")
    cik = ccc = name = None
    if identity is not None:
        identity.check_known("rptOwnerCik", "rptOwnerCcc", "rptOwnerName")
        cik, ccc, name = (identity.child_text(n) for n in ("rptOwnerCik", "rptOwnerCcc", "rptOwnerName"))
    address = owner.one("reportingOwnerAddress")
    relationship = owner.one("reportingOwnerRelationship")
    return ReportingOwner(
        cik=cik or "",
        ccc=ccc,
        name=name,
        address=_read_address(address) if address is not None else None,
        relationship=_read_relationship(relationship) if relationship is not None else Relationship(),
    )


def _read_address(address: _Element) -> OwnerAddress:
    address.check_known(
        "rptOwnerNonUSAddressFlag",
        "rptOwnerStreet1",
        "rptOwnerStreet2",
        "rptOwnerCity",
        "rptOwnerNonUSStateTerritory",
        "rptOwnerState",
        "rptOwnerCountry",
        "rptOwnerZipCode",
        "rptOwnerStateDescription",
        "rptOwnerGoodAddress",
    )
    result = OwnerAddress(
        non_us_address=address.child_bool("rptOwnerNonUSAddressFlag"),
        street1=address.child_text("rptOwnerStreet1"),
        street2=address.child_text("rptOwnerStreet2"),
        city=address.child_text("rptOwnerCity"),
        non_us_state_territory=address.child_text("rptOwnerNonUSStateTerritory"),
        state=address.child_text("rptOwnerState"),
        country=address.child_text("rptOwnerCountry"),
        zip_code=address.child_text("rptOwnerZipCode"),
        state_description=address.child_text("rptOwnerStateDescription"),
        good_address=address.child_bool("rptOwnerGoodAddress"),
    )
    if migrate_foreign_state(result):
        address.context.moved_states.append((f"{address.path}/rptOwnerState", result.country or ""))
    return result


def migrate_foreign_state(address: OwnerAddress) -> bool:
    """Before v5.5 a foreign owner's country code stood in `rptOwnerState`; v5.5 wants it in
    `rptOwnerCountry` with the non-US flag set. Returns whether it moved one. Codes in neither list, and
    addresses written for v5.5 already, are left as they are for validation to judge."""
    state = address.state
    if address.non_us_address is not None or address.country:
        return False
    if state and state not in US_STATES and (state in COUNTRIES or state in OBSOLETE_COUNTRIES):
        address.country = state
        address.state = None
        address.non_us_address = True
        return True
    return False


def _read_relationship(relationship: _Element) -> Relationship:
    relationship.check_known("isDirector", "isOfficer", "isTenPercentOwner", "isOther", "officerTitle", "otherText")
    return Relationship(
        is_director=relationship.child_bool("isDirector"),
        is_officer=relationship.child_bool("isOfficer"),
        is_ten_percent_owner=relationship.child_bool("isTenPercentOwner"),
        is_other=relationship.child_bool("isOther"),
        officer_title=relationship.child_text("officerTitle"),
        other_text=relationship.child_text("otherText"),
    )


def _as_date(element: _Element) -> date | None:
    return element.as_date()


def _as_decimal(element: _Element) -> Decimal | None:
    return element.as_decimal()


# What each reading of an _Element is in a plain document, on the value's stripped text (None when empty).
_PLAIN: dict[Callable[[_Element], Any], Callable[[str | None], Any]] = {
    _text: _plain_text,
    _as_date: _plain_date,
    _as_decimal: _plain_decimal,
}


def _read_coding(row: _Element) -> TransactionCoding | None:
    coding = row.one("transactionCoding")
    if coding is None:
        return None
    coding.check_known("transactionFormType", "transactionCode", "equitySwapInvolved", "footnoteId")
    return TransactionCoding(
        form_type=coding.child_text("transactionFormType") or "",
        code=coding.child_text("transactionCode") or "",
        equity_swap_involved=coding.child_bool("equitySwapInvolved"),
        footnote_ids=coding.footnote_ids(),
    )


def _read_holding_coding(row: _Element) -> HoldingCoding | None:
    coding = row.one("transactionCoding")
    if coding is None:
        return None
    coding.check_known("transactionFormType", "footnoteId")
    result = HoldingCoding(coding.child_text("transactionFormType"), coding.footnote_ids())
    return None if result.form_type is None and not result.footnote_ids else result


def _read_post_amounts(row: _Element, into: object) -> None:
    post = row.one("postTransactionAmounts")
    if post is None:
        return
    post.check_known("sharesOwnedFollowingTransaction", "valueOwnedFollowingTransaction")
    into.shares_owned_following = _footnoted(post, "sharesOwnedFollowingTransaction", _as_decimal)  # type: ignore[attr-defined]
    into.value_owned_following = _footnoted(post, "valueOwnedFollowingTransaction", _as_decimal)  # type: ignore[attr-defined]


def _read_ownership(row: _Element) -> OwnershipNature:
    nature = row.one("ownershipNature")
    if nature is None:
        return OwnershipNature()
    nature.check_known("directOrIndirectOwnership", "natureOfOwnership")
    return OwnershipNature(
        direct_or_indirect=_required(nature, "directOrIndirectOwnership", _text),
        nature_of_ownership=_footnoted(nature, "natureOfOwnership", _text),
    )


def _read_timeliness(row: _Element) -> Footnoted[str] | None:
    return _footnoted(row, "transactionTimeliness", _text)


def _read_amounts(row: _Element, into: object, derivative: bool) -> None:
    amounts = row.one("transactionAmounts")
    if amounts is None:
        return
    amounts.check_known(
        "transactionShares", "transactionTotalValue", "transactionPricePerShare", "transactionAcquiredDisposedCode"
    )
    if derivative:
        into.shares = _footnoted(amounts, "transactionShares", _as_decimal)  # type: ignore[attr-defined]
        into.total_value = _footnoted(amounts, "transactionTotalValue", _as_decimal)  # type: ignore[attr-defined]
    else:
        if amounts.one("transactionTotalValue") is not None:
            amounts.problem("a Table I transaction gives shares, not a total value")
        into.shares = _required(amounts, "transactionShares", _as_decimal)  # type: ignore[attr-defined]
    into.price_per_share = _required(amounts, "transactionPricePerShare", _as_decimal)  # type: ignore[attr-defined]
    into.acquired_disposed = _required(amounts, "transactionAcquiredDisposedCode", _text)  # type: ignore[attr-defined]


def _read_underlying(row: _Element) -> UnderlyingSecurity:
    underlying = row.one("underlyingSecurity")
    if underlying is None:
        return UnderlyingSecurity()
    underlying.check_known("underlyingSecurityTitle", "underlyingSecurityShares", "underlyingSecurityValue")
    return UnderlyingSecurity(
        title=_required(underlying, "underlyingSecurityTitle", _text),
        shares=_footnoted(underlying, "underlyingSecurityShares", _as_decimal),
        value=_footnoted(underlying, "underlyingSecurityValue", _as_decimal),
    )


def _read_table_i(table: _Element | None) -> list:
    if table is None:
        return []
    table.check_known("nonDerivativeTransaction", "nonDerivativeHolding")
    rows: list = []
    # Transactions and holdings may be interleaved; keep the document's order.
    for child in table.within_limit("rows", [child for child in table.element if isinstance(child.tag, str)]):
        name = local_name(child)
        row = _Element(child, table, f"{name}[{len(rows) + 1}]", table.context)
        if name == "nonDerivativeTransaction":
            row.check_known(
                "securityTitle",
                "transactionDate",
                "deemedExecutionDate",
                "transactionCoding",
                "transactionTimeliness",
                "transactionAmounts",
                "postTransactionAmounts",
                "ownershipNature",
            )
            transaction = NonDerivativeTransaction(
                security_title=_required(row, "securityTitle", _text),
                transaction_date=_required(row, "transactionDate", _as_date),
                deemed_execution_date=_footnoted(row, "deemedExecutionDate", _as_date),
                coding=_read_coding(row),
                timeliness=_read_timeliness(row),
                ownership=_read_ownership(row),
            )
            _read_amounts(row, transaction, derivative=False)
            _read_post_amounts(row, transaction)
            rows.append(transaction)
        else:
            row.check_known("securityTitle", "transactionCoding", "postTransactionAmounts", "ownershipNature")
            holding = NonDerivativeHolding(
                security_title=_required(row, "securityTitle", _text),
                coding=_read_holding_coding(row),
                ownership=_read_ownership(row),
            )
            _read_post_amounts(row, holding)
            rows.append(holding)
    return rows


def _read_table_ii(table: _Element | None) -> list:
    if table is None:
        return []
    table.check_known("derivativeTransaction", "derivativeHolding")
    rows: list = []
    for child in table.within_limit("rows", [child for child in table.element if isinstance(child.tag, str)]):
        name = local_name(child)
        row = _Element(child, table, f"{name}[{len(rows) + 1}]", table.context)
        if name == "derivativeTransaction":
            row.check_known(
                "securityTitle",
                "conversionOrExercisePrice",
                "transactionDate",
                "deemedExecutionDate",
                "transactionCoding",
                "transactionTimeliness",
                "transactionAmounts",
                "exerciseDate",
                "expirationDate",
                "underlyingSecurity",
                "postTransactionAmounts",
                "ownershipNature",
            )
            transaction = DerivativeTransaction(
                security_title=_required(row, "securityTitle", _text),
                conversion_or_exercise_price=_required(row, "conversionOrExercisePrice", _as_decimal),
                transaction_date=_required(row, "transactionDate", _as_date),
                deemed_execution_date=_footnoted(row, "deemedExecutionDate", _as_date),
                coding=_read_coding(row),
                timeliness=_read_timeliness(row),
                exercise_date=_required(row, "exerciseDate", _as_date),
                expiration_date=_required(row, "expirationDate", _as_date),
                underlying=_read_underlying(row),
                ownership=_read_ownership(row),
            )
            _read_amounts(row, transaction, derivative=True)
            _read_post_amounts(row, transaction)
            rows.append(transaction)
        else:
            row.check_known(
                "securityTitle",
                "conversionOrExercisePrice",
                "transactionCoding",
                "exerciseDate",
                "expirationDate",
                "underlyingSecurity",
                "postTransactionAmounts",
                "ownershipNature",
            )
            holding = DerivativeHolding(
                security_title=_required(row, "securityTitle", _text),
                conversion_or_exercise_price=_required(row, "conversionOrExercisePrice", _as_decimal),
                coding=_read_holding_coding(row),
                exercise_date=_required(row, "exerciseDate", _as_date),
                expiration_date=_required(row, "expirationDate", _as_date),
                underlying=_read_underlying(row),
                ownership=_read_ownership(row),
            )
            _read_post_amounts(row, holding)
            rows.append(holding)
    return rows


def _read_footnotes(footnotes: _Element | None) -> list[Footnote]:
    if footnotes is None:
        return []
    footnotes.check_known("footnote")
    result = []
    for footnote in footnotes.all("footnote"):
        footnote_id = footnote.footnote_id()
        # The schema makes a footnote mixed content; EDGAR's are plain text, and markup would be lost.
        if footnote.children:
            footnote.problem(
                f"footnote {quote(footnote_id)} contains markup <{next(iter(footnote.children))}>; "
                "footnotes are plain text"
            )
        # itertext leaves out what a processing instruction holds but keeps the text after it.
        text = "".join(footnote.element.itertext()).strip(XML_SPACE)
        result.append(Footnote(footnote_id, text))
    return result


def _read_signature(signature: _Element) -> Signature:
    signature.check_known("signatureName", "signatureDate")
    signed = signature.one("signatureDate")
    return Signature(
        name=signature.child_text("signatureName") or "",
        date=signed.as_date() if signed is not None else None,
    )
