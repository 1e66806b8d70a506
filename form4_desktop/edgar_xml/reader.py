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
from form4_desktop.edgar_xml.parsing import (
    XML_SPACE,
    XSI,
    count_nodes,
    local_name,
    own_text,
    parse_counted,
    read_bytes,
)
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


# How many attributes and texts the document has, counted by libxml2 in C: a plain reading accounts for each (see
# _read_plainly), so that no element need be asked for its attributes, nor for text beside its children.
_ATTRIBUTES_AND_TEXTS = etree.XPath("count(descendant-or-self::*/@*) + count(//text())")


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
    # The document as parsed, for whoever needs the file as it stands (for a plain file, without the whitespace
    # between elements, which neither the schema nor the canonical comparison sees; see parse_counted).
    root: etree._Element | None = None


class _Unusual(Exception):
    """Raised by a plain reading at the first thing that needs the careful one (see `read_document`)."""


class _Context:
    __slots__ = (
        "source",
        "strict",
        "plain",
        "compact",
        "nodes",
        "visited",
        "texts",
        "attributes",
        "issues",
        "moved_states",
    )

    def __init__(self, source: str, strict: bool, plain: bool = False, nodes: int | None = None, compact=False):
        self.source = source
        self.strict = strict
        # A plain reading (see _read_plainly) stops at the first problem or repair, or anything a careful
        # reading would look at twice (a namespace, a text between elements, an attribute other than the ids
        # it counts, an element it did not visit), to read the document again carefully.
        self.plain = plain
        self.compact = compact  # the tree was parsed without layout (see parsing.parse_counted)
        self.nodes = nodes  # how many elements and processing instructions parsing counted
        self.visited = 0  # how many elements a plain reading has visited, besides the root
        self.texts = 0  # how many texts (each a text node of the tree) it has read
        self.attributes = 0
        self.issues: list[SourceIssue] = []
        self.moved_states: list[tuple[str, str]] = []  # (path, code) of foreign codes moved to the country

    def problem(self, path: str, what: str) -> None:
        """A value that cannot be read faithfully: refused when strict, noted and left out otherwise."""
        if self.strict:
            raise ReadError(f"{self.source}: {path}: {what}.")
        self.issues.append(SourceIssue(path, what))

    def repaired(self, path: str, what: str) -> None:
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
        self.context.problem(self.path, what)

    def repaired(self, what: str) -> None:
        self.context.repaired(self.path, what)

    def check_known(self, *names: str) -> None:
        """For an element that holds elements: each is one of `names`, and no text stands where they belong
        (with none, `<transactionShares>125000</…>` would read as an empty box)."""
        if not self.children:
            text = own_text(self.element).strip(XML_SPACE)
            if text:
                self.problem(f"unexpected text {quote(text)}; this element holds elements, not a value")
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
        value = own_text(self.element).strip(XML_SPACE)
        return value or None

    def child_text(self, name: str) -> str | None:
        child = self.one(name)
        return child.text() if child is not None else None

    def child_bool(self, name: str) -> bool | None:
        child = self.one(name)
        return child.as_bool() if child is not None else None

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


def _footnoted(parent: _Element, name: str, parse: Callable[[_Element], T | None]) -> Footnoted[T] | None:
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
    # No comment or CDATA section (see parse_counted), in an encoding that writes '<' and '!' with ASCII's bytes.
    if b"!" not in data and data.lstrip()[:1] == b"<":
        root, nodes = parse_counted(data, source, layout=False)
        if root.tag == "ownershipDocument":
            # Nearly every real filing: read in one pass, and again carefully (below) at the first problem,
            # repair or anything unusual, so that the outcome is always the careful reading's.
            try:
                return _read_root(root, _Context(source, strict, plain=True, nodes=nodes, compact=True))
            except _Unusual:
                pass
    return _read_carefully(parse_counted(data, source)[0], source, strict)


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
    if context.plain:
        return ReadResult(_read_plainly(root, context), context.issues, root)
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


# The plain reading: one pass over a document parsed without layout, each element visited once and each value
# converted as it is met. It gives exactly the careful reading's filing, or raises _Unusual wherever the careful
# reading would find a problem or make a repair (or might: it is free to be more wary). What the careful reading
# checks element by element, it checks by counting: the elements it visited must be all the document's (so no
# value hides markup, and there is no processing instruction), the attributes and texts it read all its
# attributes and texts (so none is unexpected, and no text stands between elements). An unknown or namespaced
# element is not in the table of its parent's children. A Python call costs as much as visiting an element, so
# each element that holds elements is read by one call of _plain_fields, its values and boxes within it.

# What _plain_fields makes of a child: a box (a `value` and `footnoteId`s) of a text, date or number; a text, yes/no
# or date value; an element that holds elements (for the caller to read); a repeated element (a list of them); the
# ids of repeated footnoteIds.
_BOX_TEXT, _BOX_DATE, _BOX_NUMBER, _TEXT, _YES_NO, _DATE_VALUE, _HOLDER, _REPEATED, _REFERENCES = range(9)


def _read_plainly(root: etree._Element, context: _Context) -> Filing:
    if not context.compact:  # the texts it counts would include the layout
        root, context.nodes = parse_counted(etree.tostring(root), context.source, layout=False)
    found = _plain_fields(root, _ROOT, context)
    document_type = found[1]
    if document_type not in DOCUMENT_TYPES:
        raise _Unusual
    owners = found[14] or ()
    signatures = found[15] or ()
    if len(owners) > MAX_READ["reportingOwner"] or len(signatures) > MAX_READ["ownerSignature"]:
        raise _Unusual
    filing = Filing(
        document_type=document_type,
        schema_version=found[0],
        period_of_report=found[2],
        date_of_original_submission=found[3],
        not_subject_to_section16=found[4],
        no_securities_owned=found[5],
        form3_holdings_reported=found[6],
        form4_transactions_reported=found[7],
        aff10b5_one=found[9],
        issuer=_plain_issuer(found[8], context),
        reporting_owners=[_plain_owner(owner, context) for owner in owners],
        table_i=_plain_table(found[10], _TABLE_I_ROWS, context),
        table_ii=_plain_table(found[11], _TABLE_II_ROWS, context),
        footnotes=_plain_footnotes(found[12], context),
        remarks=found[13],
        signatures=[_plain_signature(signature, context) for signature in signatures],
    )
    if context.moved_states and not filing.is_disseminated_copy:
        raise _Unusual  # a repair the careful reading names
    nodes = context.nodes if context.nodes is not None else count_nodes(root)
    if context.visited + 1 != nodes:  # an element inside a value or anywhere not read, or an instruction
        raise _Unusual
    # Each count of the document is at least the reading's (what it read is there): their sums are equal only
    # when each is. An attribute not read is unexpected; a text not read stands between elements.
    locations = sum(1 for name in root.keys() if name in _SCHEMA_LOCATIONS)
    if context.attributes + locations + context.texts != int(_ATTRIBUTES_AND_TEXTS(root)):
        raise _Unusual
    return filing


def _plain_fields(element: etree._Element, known: dict[str, tuple[int, int]], context: _Context) -> list[Any]:
    """What `element`'s children hold, each at its place in `known` (None for one absent, or empty): a box as
    `_footnoted` gives it, a text as `child_text`, a yes/no or date as `as_bool` or `as_date`, an element that
    holds elements as itself, a repeated element as a list, footnote references as their ids."""
    found: list[Any] = [None] * len(known)
    seen = 0  # a bit per place, for a child that may appear once
    count = texts = references = 0
    for child in element:
        count += 1
        entry = known.get(child.tag)
        if entry is None:
            raise _Unusual  # unknown here, or in a namespace
        place, kind = entry
        if kind < _REPEATED:
            bit = 1 << place
            if seen & bit:
                raise _Unusual
            seen |= bit
        if kind <= _BOX_NUMBER:
            if len(child) == 1:  # nearly every box: a value alone
                item = child[0]
                if item.tag == "value":
                    count += 1
                    value = item.text
                    if value is not None:
                        texts += 1
                        value = value.strip(XML_SPACE) or None
                    if kind != _BOX_TEXT:
                        if value is None:  # an empty date or number: a repair
                            raise _Unusual
                        value = _plain_number(value) if kind == _BOX_NUMBER else _plain_date(value)
                    if value is not None:
                        found[place] = Footnoted(value, [])
                    continue
            values = 0
            value = None
            ids: list[str] | None = None
            for item in child:
                count += 1
                tag = item.tag
                if tag == "value":
                    values += 1
                    value = item.text
                elif tag == "footnoteId":
                    footnote_id = item.get("id")
                    if not footnote_id or footnote_id != footnote_id.strip(XML_SPACE):
                        raise _Unusual
                    if ids is None:
                        ids = [footnote_id]
                    else:
                        ids.append(footnote_id)
                else:
                    raise _Unusual
            if values:
                if values > 1:
                    raise _Unusual
                if value is not None:
                    texts += 1
                    value = value.strip(XML_SPACE) or None
                if kind != _BOX_TEXT:
                    if value is None:  # an empty date or number: a repair
                        raise _Unusual
                    value = _plain_number(value) if kind == _BOX_NUMBER else _plain_date(value)
            if ids is not None:
                if len(ids) > MAX_READ["footnoteId"]:
                    raise _Unusual
                references += len(ids)
                found[place] = Footnoted(value, ids)
            elif value is not None:
                found[place] = Footnoted(value, [])
        elif kind == _TEXT:
            text = child.text
            if text is not None:
                texts += 1
                found[place] = text.strip(XML_SPACE) or None
        elif kind == _HOLDER:
            found[place] = child
        elif kind == _YES_NO or kind == _DATE_VALUE:
            text = child.text
            value = text.strip(XML_SPACE) if text is not None else None
            if not value:  # an empty yes/no or date: a repair
                raise _Unusual
            texts += 1
            if kind == _YES_NO:
                value = _BOOLEANS.get(value)
                if value is None:
                    raise _Unusual
                found[place] = value
            else:
                found[place] = _plain_date(value)
        elif kind == _REPEATED:
            if found[place] is None:
                found[place] = [child]
            else:
                found[place].append(child)
        else:  # _REFERENCES
            footnote_id = child.get("id")
            if not footnote_id or footnote_id != footnote_id.strip(XML_SPACE):
                raise _Unusual
            references += 1
            if found[place] is None:
                found[place] = [footnote_id]
            elif len(found[place]) < MAX_READ["footnoteId"]:
                found[place].append(footnote_id)
            else:
                raise _Unusual
    context.visited += count
    context.texts += texts
    context.attributes += references
    return found


def _plain_date(value: str) -> date:
    if _DATE.fullmatch(value) is None:
        raise _Unusual
    try:
        return date.fromisoformat(value[:10])  # YYYY-MM-DD, as the pattern matched it
    except ValueError:
        raise _Unusual from None


def _plain_number(value: str) -> Decimal:
    if not (value.isdigit() and value.isascii()) and (value[0] in "+-" or _DECIMAL.fullmatch(value) is None):
        raise _Unusual  # digits alone need no pattern; a sign is a repair
    return Decimal(value)


def _plain_issuer(element: etree._Element | None, context: _Context) -> Issuer:
    if element is None:
        return Issuer()
    found = _plain_fields(element, _ISSUER, context)
    return Issuer(found[0] or "", found[1], found[2] or "", found[3])


def _plain_owner(element: etree._Element, context: _Context) -> ReportingOwner:
    found = _plain_fields(element, _OWNER, context)
    cik = ccc = name = None
    if found[0] is not None:
        cik, ccc, name = _plain_fields(found[0], _OWNER_ID, context)
    address = None
    if found[1] is not None:
        a = _plain_fields(found[1], _ADDRESS, context)
        address = OwnerAddress(
            non_us_address=a[0],
            street1=a[1],
            street2=a[2],
            city=a[3],
            non_us_state_territory=a[4],
            state=a[5],
            country=a[6],
            zip_code=a[7],
            state_description=a[8],
            good_address=a[9],
        )
        if migrate_foreign_state(address):
            context.moved_states.append(("", address.country or ""))
    if found[2] is None:
        relationship = Relationship()
    else:
        r = _plain_fields(found[2], _RELATIONSHIP, context)
        relationship = Relationship(r[0], r[1], r[2], r[3], r[4], r[5])
    return ReportingOwner(cik or "", ccc, name, address, relationship)


def _plain_table(element: etree._Element | None, rows: dict[str, Callable[..., Any]], context: _Context) -> list:
    if element is None:
        return []
    result = []
    for child in element:
        read = rows.get(child.tag)
        if read is None:
            raise _Unusual
        result.append(read(child, context))
    if len(result) > MAX_READ["rows"]:
        raise _Unusual
    context.visited += len(result)
    return result


def _plain_post(element: etree._Element | None, context: _Context) -> list[Any]:
    """Shares and value owned following the reported transaction(s), each None when not given."""
    return [None, None] if element is None else _plain_fields(element, _POST, context)


def _plain_ownership(element: etree._Element | None, context: _Context) -> OwnershipNature:
    if element is None:
        return OwnershipNature()
    direct, nature = _plain_fields(element, _OWNERSHIP, context)
    return OwnershipNature(direct or Footnoted(), nature)


def _plain_underlying(element: etree._Element | None, context: _Context) -> UnderlyingSecurity:
    if element is None:
        return UnderlyingSecurity()
    title, shares, value = _plain_fields(element, _UNDERLYING, context)
    return UnderlyingSecurity(title or Footnoted(), shares, value)


def _plain_coding(element: etree._Element | None, context: _Context) -> TransactionCoding | None:
    if element is None:
        return None
    form_type, code, swap, ids = _plain_fields(element, _CODING, context)
    return TransactionCoding(form_type or "", code or "", swap, ids or [])


def _plain_holding_coding(element: etree._Element | None, context: _Context) -> HoldingCoding | None:
    if element is None:
        return None
    form_type, ids = _plain_fields(element, _HOLDING_CODING, context)
    return None if form_type is None and not ids else HoldingCoding(form_type, ids or [])


def _plain_nonderivative_transaction(element: etree._Element, context: _Context) -> NonDerivativeTransaction:
    f = _plain_fields(element, _NONDERIVATIVE_TRANSACTION, context)
    shares = price = disposed = None
    if f[5] is not None:
        shares, price, disposed = _plain_fields(f[5], _NONDERIVATIVE_AMOUNTS, context)
    owned, value_owned = _plain_post(f[6], context)
    return NonDerivativeTransaction(
        security_title=f[0] or Footnoted(),
        transaction_date=f[1] or Footnoted(),
        deemed_execution_date=f[2],
        coding=_plain_coding(f[3], context),
        timeliness=f[4],
        shares=shares or Footnoted(),
        price_per_share=price or Footnoted(),
        acquired_disposed=disposed or Footnoted(),
        shares_owned_following=owned,
        value_owned_following=value_owned,
        ownership=_plain_ownership(f[7], context),
    )


def _plain_nonderivative_holding(element: etree._Element, context: _Context) -> NonDerivativeHolding:
    f = _plain_fields(element, _NONDERIVATIVE_HOLDING, context)
    owned, value_owned = _plain_post(f[2], context)
    return NonDerivativeHolding(
        security_title=f[0] or Footnoted(),
        coding=_plain_holding_coding(f[1], context),
        shares_owned_following=owned,
        value_owned_following=value_owned,
        ownership=_plain_ownership(f[3], context),
    )


def _plain_derivative_transaction(element: etree._Element, context: _Context) -> DerivativeTransaction:
    f = _plain_fields(element, _DERIVATIVE_TRANSACTION, context)
    shares = total = price = disposed = None
    if f[6] is not None:
        shares, total, price, disposed = _plain_fields(f[6], _DERIVATIVE_AMOUNTS, context)
    owned, value_owned = _plain_post(f[10], context)
    return DerivativeTransaction(
        security_title=f[0] or Footnoted(),
        conversion_or_exercise_price=f[1] or Footnoted(),
        transaction_date=f[2] or Footnoted(),
        deemed_execution_date=f[3],
        coding=_plain_coding(f[4], context),
        timeliness=f[5],
        shares=shares,
        total_value=total,
        price_per_share=price or Footnoted(),
        acquired_disposed=disposed or Footnoted(),
        exercise_date=f[7] or Footnoted(),
        expiration_date=f[8] or Footnoted(),
        underlying=_plain_underlying(f[9], context),
        shares_owned_following=owned,
        value_owned_following=value_owned,
        ownership=_plain_ownership(f[11], context),
    )


def _plain_derivative_holding(element: etree._Element, context: _Context) -> DerivativeHolding:
    f = _plain_fields(element, _DERIVATIVE_HOLDING, context)
    owned, value_owned = _plain_post(f[6], context)
    return DerivativeHolding(
        security_title=f[0] or Footnoted(),
        conversion_or_exercise_price=f[1] or Footnoted(),
        coding=_plain_holding_coding(f[2], context),
        exercise_date=f[3] or Footnoted(),
        expiration_date=f[4] or Footnoted(),
        underlying=_plain_underlying(f[5], context),
        shares_owned_following=owned,
        value_owned_following=value_owned,
        ownership=_plain_ownership(f[7], context),
    )


def _plain_footnotes(element: etree._Element | None, context: _Context) -> list[Footnote]:
    if element is None:
        return []
    result = []
    texts = 0
    for child in element:
        if child.tag != "footnote":
            raise _Unusual
        footnote_id = child.get("id")
        if footnote_id:
            if footnote_id != footnote_id.strip(XML_SPACE):
                raise _Unusual
            context.attributes += 1
        text = child.text
        if text is None:
            result.append(Footnote(footnote_id or "", ""))
        else:
            texts += 1
            result.append(Footnote(footnote_id or "", text.strip(XML_SPACE)))
    if len(result) > MAX_READ["footnote"]:
        raise _Unusual
    context.visited += len(result)
    context.texts += texts
    return result


def _plain_signature(element: etree._Element, context: _Context) -> Signature:
    name, signed = _plain_fields(element, _SIGNATURE, context)
    return Signature(name or "", signed)


def _places(*entries: str) -> dict[str, tuple[int, int]]:
    """A table for _plain_fields from 'name:kind' entries, each name's place its entry's."""
    kinds = {
        "box": _BOX_TEXT,
        "date box": _BOX_DATE,
        "number box": _BOX_NUMBER,
        "text": _TEXT,
        "yes/no": _YES_NO,
        "date": _DATE_VALUE,
        "holder": _HOLDER,
        "repeated": _REPEATED,
        "references": _REFERENCES,
    }
    table = {}
    for place, entry in enumerate(entries):
        name, kind = entry.split(":")
        table[name] = (place, kinds[kind])
    return table


# Each element's children, in the order of _read_document and the _read_* functions above.
_ROOT = _places(
    "schemaVersion:text",
    "documentType:text",
    "periodOfReport:date",
    "dateOfOriginalSubmission:date",
    "notSubjectToSection16:yes/no",
    "noSecuritiesOwned:yes/no",
    "form3HoldingsReported:yes/no",
    "form4TransactionsReported:yes/no",
    "issuer:holder",
    "aff10b5One:yes/no",
    "nonDerivativeTable:holder",
    "derivativeTable:holder",
    "footnotes:holder",
    "remarks:text",
    "reportingOwner:repeated",
    "ownerSignature:repeated",
)
_ISSUER = _places("issuerCik:text", "issuerName:text", "issuerTradingSymbol:text", "issuerForeignTradingSymbol:text")
_OWNER = _places("reportingOwnerId:holder", "reportingOwnerAddress:holder", "reportingOwnerRelationship:holder")
_OWNER_ID = _places("rptOwnerCik:text", "rptOwnerCcc:text", "rptOwnerName:text")
_ADDRESS = _places(
    "rptOwnerNonUSAddressFlag:yes/no",
    "rptOwnerStreet1:text",
    "rptOwnerStreet2:text",
    "rptOwnerCity:text",
    "rptOwnerNonUSStateTerritory:text",
    "rptOwnerState:text",
    "rptOwnerCountry:text",
    "rptOwnerZipCode:text",
    "rptOwnerStateDescription:text",
    "rptOwnerGoodAddress:yes/no",
)
_RELATIONSHIP = _places(
    "isDirector:yes/no",
    "isOfficer:yes/no",
    "isTenPercentOwner:yes/no",
    "isOther:yes/no",
    "officerTitle:text",
    "otherText:text",
)
_CODING = _places(
    "transactionFormType:text", "transactionCode:text", "equitySwapInvolved:yes/no", "footnoteId:references"
)
_HOLDING_CODING = _places("transactionFormType:text", "footnoteId:references")
_POST = _places("sharesOwnedFollowingTransaction:number box", "valueOwnedFollowingTransaction:number box")
_OWNERSHIP = _places("directOrIndirectOwnership:box", "natureOfOwnership:box")
_UNDERLYING = _places(
    "underlyingSecurityTitle:box", "underlyingSecurityShares:number box", "underlyingSecurityValue:number box"
)
_NONDERIVATIVE_AMOUNTS = _places(
    "transactionShares:number box", "transactionPricePerShare:number box", "transactionAcquiredDisposedCode:box"
)
_DERIVATIVE_AMOUNTS = _places(
    "transactionShares:number box",
    "transactionTotalValue:number box",
    "transactionPricePerShare:number box",
    "transactionAcquiredDisposedCode:box",
)
_NONDERIVATIVE_TRANSACTION = _places(
    "securityTitle:box",
    "transactionDate:date box",
    "deemedExecutionDate:date box",
    "transactionCoding:holder",
    "transactionTimeliness:box",
    "transactionAmounts:holder",
    "postTransactionAmounts:holder",
    "ownershipNature:holder",
)
_NONDERIVATIVE_HOLDING = _places(
    "securityTitle:box", "transactionCoding:holder", "postTransactionAmounts:holder", "ownershipNature:holder"
)
_DERIVATIVE_TRANSACTION = _places(
    "securityTitle:box",
    "conversionOrExercisePrice:number box",
    "transactionDate:date box",
    "deemedExecutionDate:date box",
    "transactionCoding:holder",
    "transactionTimeliness:box",
    "transactionAmounts:holder",
    "exerciseDate:date box",
    "expirationDate:date box",
    "underlyingSecurity:holder",
    "postTransactionAmounts:holder",
    "ownershipNature:holder",
)
_DERIVATIVE_HOLDING = _places(
    "securityTitle:box",
    "conversionOrExercisePrice:number box",
    "transactionCoding:holder",
    "exerciseDate:date box",
    "expirationDate:date box",
    "underlyingSecurity:holder",
    "postTransactionAmounts:holder",
    "ownershipNature:holder",
)
_SIGNATURE = _places("signatureName:text", "signatureDate:date")
_TABLE_I_ROWS: dict[str, Callable[..., Any]] = {
    "nonDerivativeTransaction": _plain_nonderivative_transaction,
    "nonDerivativeHolding": _plain_nonderivative_holding,
}
_TABLE_II_ROWS: dict[str, Callable[..., Any]] = {
    "derivativeTransaction": _plain_derivative_transaction,
    "derivativeHolding": _plain_derivative_holding,
}
