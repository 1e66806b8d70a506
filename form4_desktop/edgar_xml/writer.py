"""Write a `Filing` as EDGAR ownership XML, in one of two copies.

* The **submission** copy is what a filer sends: EDGAR's "reduced content". No issuer or owner names, no
  `schemaVersion`, none of the fields EDGAR computes itself, and the CCC of every reporting owner.
* The **record** copy is the document as EDGAR disseminates it: names kept, CIKs padded to ten digits,
  `schemaVersion` set to the current version, and never the CCC (a secret access code).

Both are validated against the SEC's v5.5 schema of their document type before a byte is returned, and a
document that fails is refused with the problems named. A Form 4 or 5 read from a filing older than
April 2023 has no 10b5-1 box; it is written as unchecked (`aff10b5One` = 0), which is what it meant.
"""

from __future__ import annotations

import dataclasses
import operator
import re
from datetime import date
from decimal import Decimal
from typing import Callable, TypeVar

from lxml import etree

from form4_desktop.edgar_xml.copies import Copy
from form4_desktop.edgar_xml.errors import WriteError
from form4_desktop.edgar_xml.parsing import parse_own
from form4_desktop.edgar_xml.schema import schema_for, schema_problems
from form4_desktop.rules.characters import NOT_IN_XML, character_findings
from form4_desktop.model import (
    CURRENT_SCHEMA_VERSION,
    DOCUMENT_TYPES,
    DerivativeTransaction,
    Filing,
    Footnoted,
    HoldingCoding,
    NonDerivativeTransaction,
    OwnerAddress,
    OwnershipNature,
    ReportingOwner,
    TransactionCoding,
    UnderlyingSecurity,
    operations,
)

T = TypeVar("T")

XML_DECLARATION = b'<?xml version="1.0"?>\n'


def format_decimal(value: Decimal) -> str:
    """Plain positional notation, never an exponent (EDGAR allows digits and one period)."""
    text = format(value, "f")
    return text


def format_bool(value: bool) -> str:
    # 1/0 rather than true/false: the SEC's stylesheet tests `notSubjectToSection16 > 0`.
    return "1" if value else "0"


def _sub(parent: etree._Element, name: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, name)
    if text is not None:
        element.text = text
    return element


def _opt_text(parent: etree._Element, name: str, value: str | None) -> None:
    if value is not None:
        _sub(parent, name, value)


def _opt_bool(parent: etree._Element, name: str, value: bool | None) -> None:
    if value is not None:
        _sub(parent, name, format_bool(value))


def _footnoted(parent: etree._Element, name: str, box: Footnoted[T] | None, render: Callable[[T], str]) -> None:
    """`<name><value>…</value><footnoteId id="…"/>…</name>`; nothing at all for an absent or empty box
    (where the schema requires the box, its absence then refuses the document)."""
    if box is None or box.is_empty():
        return
    element = _sub(parent, name)
    if box.value is not None:
        _sub(element, "value", render(box.value))
    for footnote_id in box.footnote_ids:
        etree.SubElement(element, "footnoteId", id=footnote_id)


def _text(value: str) -> str:
    return value


def _date(value: date) -> str:
    return value.isoformat()


def _cik(cik: str, copy: Copy) -> str:
    # EDGAR disseminates CIKs zero-padded to ten digits; a filer may send them without the zeros.
    if copy is Copy.RECORD and cik.isdigit() and len(cik) < 10:
        return cik.zfill(10)
    return cik


def _may_hold_unwritable(filing: Filing) -> bool:
    """Whether any text anywhere in `filing` holds a character XML cannot carry: only then are the boxes
    named one by one (`character_findings`, which costs more than building the document)."""
    texts: list[str] = []
    _gather_texts(filing, texts)
    return NOT_IN_XML.search("".join(texts)) is not None


def _gather_texts(holder: object, into: list[str]) -> None:
    """Every string held by `holder` (a model dataclass), at any depth, in its fields or their lists."""
    for name in _field_names(type(holder)):
        value = getattr(holder, name)
        kind = _KINDS.get(type(value)) or _kind(type(value))
        if kind is _TEXT:
            into.append(value)
        elif kind is _LIST:
            for item in value:
                if type(item) is str:
                    into.append(item)
                elif (_KINDS.get(type(item)) or _kind(type(item))) is not _OTHER:
                    _gather_texts(item, into)
        elif kind is _HOLDER:
            _gather_texts(value, into)


_TEXT, _LIST, _HOLDER, _OTHER = "text", "list", "holder", "other"
_KINDS: dict[type, str] = {type(None): _OTHER, bool: _OTHER, str: _TEXT, list: _LIST}


def _kind(kind: type) -> str:
    """What `_gather_texts` does with a value of this type (remembered)."""
    found = (
        _TEXT
        if issubclass(kind, str)
        else _LIST
        if issubclass(kind, list)
        else _HOLDER
        if dataclasses.is_dataclass(kind)
        else _OTHER
    )
    _KINDS[kind] = found
    return found


def _field_names(kind: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = _FIELD_NAMES[kind] = tuple(field.name for field in dataclasses.fields(kind))
    return names


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def build_tree(filing: Filing, copy: Copy = Copy.RECORD) -> etree._Element:
    """The `ownershipDocument` element for `filing`, in the schema's element order, not yet validated."""
    # A control character cannot be put into XML at all (lxml would raise ValueError): refuse by the box.
    unwritable = character_findings(filing) if _may_hold_unwritable(filing) else []
    if unwritable:
        raise WriteError(
            f"The {copy.value} copy was not written: {unwritable[0].message}",
            [finding.message for finding in unwritable],
        )
    if filing.document_type not in DOCUMENT_TYPES:
        raise WriteError(f"Document type '{filing.document_type}' is not one of {', '.join(DOCUMENT_TYPES)}.")
    record = copy is Copy.RECORD
    form = filing.form
    root = etree.Element("ownershipDocument")
    if record:
        _sub(root, "schemaVersion", CURRENT_SCHEMA_VERSION)
    _sub(root, "documentType", filing.document_type)
    _sub(root, "periodOfReport", filing.period_of_report.isoformat() if filing.period_of_report else "")
    # Whatever the model holds is written, even where this document type has no place for it: the
    # schema then refuses the document, rather than the writer dropping a value unnoticed.
    if filing.is_amendment or filing.date_of_original_submission is not None:
        original = filing.date_of_original_submission
        _sub(root, "dateOfOriginalSubmission", original.isoformat() if original else "")
    _opt_bool(root, "notSubjectToSection16", filing.not_subject_to_section16)
    if record:  # fields EDGAR computes: in the disseminated copy only
        _opt_bool(root, "noSecuritiesOwned", filing.no_securities_owned)
        form3_holdings, form4_transactions = operations.reported_boxes_recorded(filing)  # as the screen shows them
        _opt_bool(root, "form3HoldingsReported", form3_holdings)
        _opt_bool(root, "form4TransactionsReported", form4_transactions)

    issuer = _sub(root, "issuer")
    _sub(issuer, "issuerCik", _cik(filing.issuer.cik, copy))
    if record:
        _opt_text(issuer, "issuerName", filing.issuer.name)
    _sub(issuer, "issuerTradingSymbol", filing.issuer.trading_symbol)
    _opt_text(issuer, "issuerForeignTradingSymbol", filing.issuer.foreign_trading_symbol)

    for owner in filing.reporting_owners:
        _write_owner(root, owner, copy)

    if form != "3":
        if filing.aff10b5_one is None and not predates_10b5_box(filing):
            raise WriteError(
                "The Rule 10b5-1(c) box is not answered; a Form 4 or 5 filed since April 2023 must "
                "say whether a transaction was made under a 10b5-1 plan."
            )
        _sub(root, "aff10b5One", format_bool(bool(filing.aff10b5_one)))
    elif record:  # not on a Form 3 submission (TS §3.5); kept in a record copy that had it
        _opt_bool(root, "aff10b5One", filing.aff10b5_one)

    if filing.table_i:
        table = _sub(root, "nonDerivativeTable")
        for row in filing.table_i:
            if isinstance(row, NonDerivativeTransaction):
                _write_nonderivative_transaction(table, row)
            else:
                element = _sub(table, "nonDerivativeHolding")
                _footnoted(element, "securityTitle", row.security_title, _text)
                _write_holding_coding(element, row.coding)
                _write_post_amounts(element, row)
                _write_ownership(element, row.ownership)
    if filing.table_ii:
        table = _sub(root, "derivativeTable")
        for derivative in filing.table_ii:
            if isinstance(derivative, DerivativeTransaction):
                _write_derivative_transaction(table, derivative)
            else:
                element = _sub(table, "derivativeHolding")
                _footnoted(element, "securityTitle", derivative.security_title, _text)
                _footnoted(
                    element, "conversionOrExercisePrice", derivative.conversion_or_exercise_price, format_decimal
                )
                _write_holding_coding(element, derivative.coding)
                _footnoted(element, "exerciseDate", derivative.exercise_date, _date)
                _footnoted(element, "expirationDate", derivative.expiration_date, _date)
                _write_underlying(element, derivative.underlying)
                if form != "3" or derivative.shares_owned_following or derivative.value_owned_following:
                    _write_post_amounts(element, derivative)
                _write_ownership(element, derivative.ownership)

    if filing.footnotes:
        footnotes = _sub(root, "footnotes")
        for footnote in filing.footnotes:
            element = etree.SubElement(footnotes, "footnote", id=footnote.id)
            element.text = footnote.text
    _opt_text(root, "remarks", filing.remarks)
    for signature in filing.signatures:
        element = _sub(root, "ownerSignature")
        _sub(element, "signatureName", signature.name)
        _sub(element, "signatureDate", signature.date.isoformat() if signature.date else "")
    return root


def _write_owner(root: etree._Element, owner: ReportingOwner, copy: Copy) -> None:
    record = copy is Copy.RECORD
    element = _sub(root, "reportingOwner")
    identity = _sub(element, "reportingOwnerId")
    _sub(identity, "rptOwnerCik", _cik(owner.cik, copy))
    if not record:
        _opt_text(identity, "rptOwnerCcc", owner.ccc)
    if record:
        _opt_text(identity, "rptOwnerName", owner.name)
    if owner.address is not None:
        _write_address(element, owner.address, record)
    relationship = _sub(element, "reportingOwnerRelationship")
    r = owner.relationship
    _opt_bool(relationship, "isDirector", r.is_director)
    _opt_bool(relationship, "isOfficer", r.is_officer)
    _opt_bool(relationship, "isTenPercentOwner", r.is_ten_percent_owner)
    _opt_bool(relationship, "isOther", r.is_other)
    _opt_text(relationship, "officerTitle", r.officer_title)
    _opt_text(relationship, "otherText", r.other_text)


def _write_address(owner: etree._Element, address: OwnerAddress, record: bool) -> None:
    element = _sub(owner, "reportingOwnerAddress")
    _opt_bool(element, "rptOwnerNonUSAddressFlag", address.non_us_address)
    _opt_text(element, "rptOwnerStreet1", address.street1)
    _opt_text(element, "rptOwnerStreet2", address.street2)
    _opt_text(element, "rptOwnerCity", address.city)
    _opt_text(element, "rptOwnerNonUSStateTerritory", address.non_us_state_territory)
    _opt_text(element, "rptOwnerState", address.state)
    _opt_text(element, "rptOwnerCountry", address.country)
    _opt_text(element, "rptOwnerZipCode", address.zip_code)
    if record:  # EDGAR's own fields: "not for the use of the filers"
        _opt_text(element, "rptOwnerStateDescription", address.state_description)
        _opt_bool(element, "rptOwnerGoodAddress", address.good_address)


def _write_coding(row: etree._Element, coding: TransactionCoding | None) -> None:
    if coding is None:
        return
    element = _sub(row, "transactionCoding")
    _sub(element, "transactionFormType", coding.form_type)
    _sub(element, "transactionCode", coding.code)
    _opt_bool(element, "equitySwapInvolved", coding.equity_swap_involved)
    for footnote_id in coding.footnote_ids:
        etree.SubElement(element, "footnoteId", id=footnote_id)


def _write_holding_coding(row: etree._Element, coding: HoldingCoding | None) -> None:
    if coding is None:
        return
    element = _sub(row, "transactionCoding")
    _opt_text(element, "transactionFormType", coding.form_type)
    for footnote_id in coding.footnote_ids:
        etree.SubElement(element, "footnoteId", id=footnote_id)


def _write_post_amounts(row: etree._Element, source: object) -> None:
    shares = getattr(source, "shares_owned_following")
    value = getattr(source, "value_owned_following")
    if shares is None and value is None:
        return  # the schema requires it: an empty wrapper would hide that it is missing
    element = _sub(row, "postTransactionAmounts")
    _footnoted(element, "sharesOwnedFollowingTransaction", shares, format_decimal)
    _footnoted(element, "valueOwnedFollowingTransaction", value, format_decimal)


def _write_ownership(row: etree._Element, ownership: OwnershipNature) -> None:
    element = _sub(row, "ownershipNature")
    _footnoted(element, "directOrIndirectOwnership", ownership.direct_or_indirect, _text)
    _footnoted(element, "natureOfOwnership", ownership.nature_of_ownership, _text)


def _write_underlying(row: etree._Element, underlying: UnderlyingSecurity) -> None:
    element = _sub(row, "underlyingSecurity")
    _footnoted(element, "underlyingSecurityTitle", underlying.title, _text)
    _footnoted(element, "underlyingSecurityShares", underlying.shares, format_decimal)
    _footnoted(element, "underlyingSecurityValue", underlying.value, format_decimal)


def _write_nonderivative_transaction(table: etree._Element, row: NonDerivativeTransaction) -> None:
    element = _sub(table, "nonDerivativeTransaction")
    _footnoted(element, "securityTitle", row.security_title, _text)
    _footnoted(element, "transactionDate", row.transaction_date, _date)
    _footnoted(element, "deemedExecutionDate", row.deemed_execution_date, _date)
    _write_coding(element, row.coding)
    _footnoted(element, "transactionTimeliness", row.timeliness, _text)
    amounts = _sub(element, "transactionAmounts")
    _footnoted(amounts, "transactionShares", row.shares, format_decimal)
    _footnoted(amounts, "transactionPricePerShare", row.price_per_share, format_decimal)
    _footnoted(amounts, "transactionAcquiredDisposedCode", row.acquired_disposed, _text)
    _write_post_amounts(element, row)
    _write_ownership(element, row.ownership)


def _write_derivative_transaction(table: etree._Element, row: DerivativeTransaction) -> None:
    element = _sub(table, "derivativeTransaction")
    _footnoted(element, "securityTitle", row.security_title, _text)
    _footnoted(element, "conversionOrExercisePrice", row.conversion_or_exercise_price, format_decimal)
    _footnoted(element, "transactionDate", row.transaction_date, _date)
    _footnoted(element, "deemedExecutionDate", row.deemed_execution_date, _date)
    _write_coding(element, row.coding)
    _footnoted(element, "transactionTimeliness", row.timeliness, _text)
    amounts = _sub(element, "transactionAmounts")
    _footnoted(amounts, "transactionShares", row.shares, format_decimal)
    _footnoted(amounts, "transactionTotalValue", row.total_value, format_decimal)
    _footnoted(amounts, "transactionPricePerShare", row.price_per_share, format_decimal)
    _footnoted(amounts, "transactionAcquiredDisposedCode", row.acquired_disposed, _text)
    _footnoted(element, "exerciseDate", row.exercise_date, _date)
    _footnoted(element, "expirationDate", row.expiration_date, _date)
    _write_underlying(element, row.underlying)
    _write_post_amounts(element, row)
    _write_ownership(element, row.ownership)


TENB5ONE_BOX_SINCE = date(2023, 4, 1)  # the 10b5-1 box is required on Forms 4 and 5 filed from then on


def predates_10b5_box(filing: Filing) -> bool:
    """Whether the filing was made before the Rule 10b5-1(c) box existed, judged by its latest signature
    (or, unsigned, its period of report): such a filing is written with the box unchecked."""
    signed = [signature.date for signature in filing.signatures if signature.date]
    when = max(signed) if signed else filing.period_of_report
    return when is not None and when < TENB5ONE_BOX_SINCE


def dangling_references(root: etree._Element) -> list[str]:
    """Footnote references to footnotes that do not exist. The schema declares them IDREFs, but libxml2
    does not check that an IDREF names an ID, so this is checked here."""
    defined = {footnote.get("id") for footnote in root.iterfind("footnotes/footnote")}
    problems = []
    for reference in root.iter("footnoteId"):
        if reference.get("id") not in defined:
            path = reference.getroottree().getpath(reference.getparent())
            problems.append(f"{path}: refers to footnote {reference.get('id')}, which does not exist")
    return problems


def submission_blockers(filing: Filing) -> list[str]:
    """What keeps a filing from being sent at all, beyond the schema: EDGAR needs every owner's CCC."""
    problems = []
    for number, owner in enumerate(filing.reporting_owners, start=1):
        if not owner.ccc:
            who = f" (CIK {owner.cik})" if owner.cik else ""
            problems.append(f"reporting owner {number}{who} has no CCC, the 8-character EDGAR access code")
    return problems


def serialize(root: etree._Element) -> bytes:
    """Readable, ASCII-only bytes (non-ASCII characters become character references)."""
    etree.indent(root, space="  ")
    return XML_DECLARATION + etree.tostring(root, encoding="US-ASCII", xml_declaration=False) + b"\n"


def write_bytes(filing: Filing, copy: Copy = Copy.RECORD) -> bytes:
    """The `copy` of `filing` as bytes, validated against the v5.5 schema; refuses an invalid document."""
    if copy is Copy.SUBMISSION:
        blockers = submission_blockers(filing)
        if blockers:
            raise WriteError(f"The submission copy was not written: {blockers[0]}.", blockers)
    written = _written_as_text(filing, copy)
    if written is not None:
        return written
    return _write_tree(filing, copy)


def _write_tree(filing: Filing, copy: Copy) -> bytes:
    """The copy built element by element, each problem named (see write_bytes)."""
    root = build_tree(filing, copy)
    problems = schema_problems(root, filing.document_type) + dangling_references(root)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise WriteError(
            f"The {copy.value} copy was not written because it breaks the SEC's v5.5 schema: {problems[0]}{more}.",
            problems,
        )
    return serialize(root)


# -- the copy written as text ------------------------------------------------------------------------------------
# Nearly every filing is written straight as the text `serialize(build_tree(...))` gives, byte for byte, then parsed
# and validated by libxml2 in C: a third of the work of building the tree element by element from Python. Wherever
# the tree would be refused (a character XML cannot carry, a document type or 10b5-1 box build_tree refuses, a
# footnote reference without its footnote, a schema problem), it returns None and the tree is built to say why.

_TEXT_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_ATTRIBUTE_ESCAPES = {**_TEXT_ESCAPES, '"': "&quot;", "\t": "&#9;", "\n": "&#10;"}
_TEXT_SPECIAL = re.compile("[&<>\r]")
_ATTRIBUTE_SPECIAL = re.compile('[&<>"\t\n\r]')


def _escaped(text: str) -> str:
    """`text` as lxml writes element text (non-ASCII characters become references when the whole is encoded)."""
    if "&" in text or "<" in text or ">" in text or "\r" in text:  # four times faster than a pattern's search
        return _TEXT_SPECIAL.sub(lambda match: _TEXT_ESCAPES[match[0]], text)
    return text


def _escaped_attribute(text: str) -> str:
    if text.isalnum() or _ATTRIBUTE_SPECIAL.search(text) is None:  # a footnote id, F1 to F99
        return text
    return _ATTRIBUTE_SPECIAL.sub(lambda match: _ATTRIBUTE_ESCAPES[match[0]], text)


class _Text:
    """The lines of a document being written, indented as etree.indent(space="  ") indents them."""

    __slots__ = ("lines", "references")

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.references: list[str] = []  # every footnoteId written, to be checked against the footnotes

    def leaf(self, indent: str, name: str, text: str | None) -> None:
        if text is None:
            self.lines.append(f"{indent}<{name}/>")
        else:
            self.lines.append(f"{indent}<{name}>{_escaped(text)}</{name}>")

    def opt_text(self, indent: str, name: str, value: str | None) -> None:
        if value is not None:
            self.lines.append(f"{indent}<{name}>{_escaped(value)}</{name}>")

    def opt_bool(self, indent: str, name: str, value: bool | None) -> None:
        if value is not None:
            self.lines.append(f"{indent}<{name}>{'1' if value else '0'}</{name}>")

    def open(self, indent: str, name: str) -> int:
        self.lines.append(f"{indent}<{name}>")
        return len(self.lines)

    def close(self, indent: str, name: str, opened: int) -> None:
        """Closes what `open` opened: an element given nothing inside is written empty, as lxml writes it."""
        if len(self.lines) == opened:
            self.lines[-1] = f"{indent}<{name}/>"
        else:
            self.lines.append(f"{indent}</{name}>")

    def references_of(self, indent: str, footnote_ids: list[str]) -> None:
        for footnote_id in footnote_ids:
            self.references.append(footnote_id)
            self.lines.append(f'{indent}<footnoteId id="{_escaped_attribute(footnote_id)}"/>')

    def footnoted(self, indent: str, name: str, box: Footnoted[T] | None, render: Callable[[T], str]) -> None:
        """As `_footnoted` writes a box: nothing for an absent or empty one (Footnoted.is_empty). `render` gives
        the value's text as written: escaped, for a text (a number or date needs no escaping)."""
        if box is None:
            return
        value = box.value
        footnote_ids = box.footnote_ids
        if not footnote_ids:  # nearly every box: one line of the list, for the three of the document
            if value is not None and value != "":
                self.lines.append(f"{indent}<{name}>\n{indent}  <value>{render(value)}</value>\n{indent}</{name}>")
            return
        inner = indent + "  "
        lines = self.lines
        lines.append(f"{indent}<{name}>")
        if value is not None:
            lines.append(f"{inner}<value>{render(value)}</value>")
        self.references_of(inner, footnote_ids)
        lines.append(f"{indent}</{name}>")


# How a number and a date box's value is written (format_decimal and _date, without a Python call each).
_NUMBER = operator.methodcaller("__format__", "f")
_ISO_DATE = operator.methodcaller("isoformat")


def _written_as_text(filing: Filing, copy: Copy) -> bytes | None:
    if filing.document_type not in DOCUMENT_TYPES:
        return None
    form = filing.form
    if form != "3" and filing.aff10b5_one is None and not predates_10b5_box(filing):
        return None
    record = copy is Copy.RECORD
    out = _Text()
    lines = out.lines  # an element that always holds one is opened and closed without a call
    lines.append("<ownershipDocument>")
    i1, i2, i3, i4 = "  ", "    ", "      ", "        "
    if record:
        out.leaf(i1, "schemaVersion", CURRENT_SCHEMA_VERSION)
    out.leaf(i1, "documentType", filing.document_type)
    out.leaf(i1, "periodOfReport", filing.period_of_report.isoformat() if filing.period_of_report else "")
    if filing.is_amendment or filing.date_of_original_submission is not None:
        original = filing.date_of_original_submission
        out.leaf(i1, "dateOfOriginalSubmission", original.isoformat() if original else "")
    out.opt_bool(i1, "notSubjectToSection16", filing.not_subject_to_section16)
    if record:
        out.opt_bool(i1, "noSecuritiesOwned", filing.no_securities_owned)
        form3_holdings, form4_transactions = operations.reported_boxes_recorded(filing)  # as the screen shows them
        out.opt_bool(i1, "form3HoldingsReported", form3_holdings)
        out.opt_bool(i1, "form4TransactionsReported", form4_transactions)

    issuer = filing.issuer
    lines.append("  <issuer>")
    out.leaf(i2, "issuerCik", _cik(issuer.cik, copy))
    if record:
        out.opt_text(i2, "issuerName", issuer.name)
    out.leaf(i2, "issuerTradingSymbol", issuer.trading_symbol)
    out.opt_text(i2, "issuerForeignTradingSymbol", issuer.foreign_trading_symbol)
    lines.append("  </issuer>")

    for owner in filing.reporting_owners:
        lines.append("  <reportingOwner>\n    <reportingOwnerId>")
        out.leaf(i3, "rptOwnerCik", _cik(owner.cik, copy))
        if not record:
            out.opt_text(i3, "rptOwnerCcc", owner.ccc)
        if record:
            out.opt_text(i3, "rptOwnerName", owner.name)
        lines.append("    </reportingOwnerId>")
        address = owner.address
        if address is not None:
            place = out.open(i2, "reportingOwnerAddress")
            out.opt_bool(i3, "rptOwnerNonUSAddressFlag", address.non_us_address)
            out.opt_text(i3, "rptOwnerStreet1", address.street1)
            out.opt_text(i3, "rptOwnerStreet2", address.street2)
            out.opt_text(i3, "rptOwnerCity", address.city)
            out.opt_text(i3, "rptOwnerNonUSStateTerritory", address.non_us_state_territory)
            out.opt_text(i3, "rptOwnerState", address.state)
            out.opt_text(i3, "rptOwnerCountry", address.country)
            out.opt_text(i3, "rptOwnerZipCode", address.zip_code)
            if record:
                out.opt_text(i3, "rptOwnerStateDescription", address.state_description)
                out.opt_bool(i3, "rptOwnerGoodAddress", address.good_address)
            out.close(i2, "reportingOwnerAddress", place)
        r = owner.relationship
        relationship = out.open(i2, "reportingOwnerRelationship")
        out.opt_bool(i3, "isDirector", r.is_director)
        out.opt_bool(i3, "isOfficer", r.is_officer)
        out.opt_bool(i3, "isTenPercentOwner", r.is_ten_percent_owner)
        out.opt_bool(i3, "isOther", r.is_other)
        out.opt_text(i3, "officerTitle", r.officer_title)
        out.opt_text(i3, "otherText", r.other_text)
        out.close(i2, "reportingOwnerRelationship", relationship)
        lines.append("  </reportingOwner>")

    if form != "3":
        out.leaf(i1, "aff10b5One", format_bool(bool(filing.aff10b5_one)))
    elif record:
        out.opt_bool(i1, "aff10b5One", filing.aff10b5_one)

    if filing.table_i:
        lines.append("  <nonDerivativeTable>")
        for row in filing.table_i:
            if isinstance(row, NonDerivativeTransaction):
                lines.append("    <nonDerivativeTransaction>")
                out.footnoted(i3, "securityTitle", row.security_title, _escaped)
                out.footnoted(i3, "transactionDate", row.transaction_date, _ISO_DATE)
                out.footnoted(i3, "deemedExecutionDate", row.deemed_execution_date, _ISO_DATE)
                _coding_as_text(out, row.coding)
                out.footnoted(i3, "transactionTimeliness", row.timeliness, _escaped)
                amounts = out.open(i3, "transactionAmounts")
                out.footnoted(i4, "transactionShares", row.shares, _NUMBER)
                out.footnoted(i4, "transactionPricePerShare", row.price_per_share, _NUMBER)
                out.footnoted(i4, "transactionAcquiredDisposedCode", row.acquired_disposed, _escaped)
                out.close(i3, "transactionAmounts", amounts)
                _post_amounts_as_text(out, row)
                _ownership_as_text(out, row.ownership)
                lines.append("    </nonDerivativeTransaction>")
            else:
                lines.append("    <nonDerivativeHolding>")
                out.footnoted(i3, "securityTitle", row.security_title, _escaped)
                _holding_coding_as_text(out, row.coding)
                _post_amounts_as_text(out, row)
                _ownership_as_text(out, row.ownership)
                lines.append("    </nonDerivativeHolding>")
        lines.append("  </nonDerivativeTable>")
    if filing.table_ii:
        lines.append("  <derivativeTable>")
        for derivative in filing.table_ii:
            if isinstance(derivative, DerivativeTransaction):
                lines.append("    <derivativeTransaction>")
                out.footnoted(i3, "securityTitle", derivative.security_title, _escaped)
                out.footnoted(i3, "conversionOrExercisePrice", derivative.conversion_or_exercise_price, _NUMBER)
                out.footnoted(i3, "transactionDate", derivative.transaction_date, _ISO_DATE)
                out.footnoted(i3, "deemedExecutionDate", derivative.deemed_execution_date, _ISO_DATE)
                _coding_as_text(out, derivative.coding)
                out.footnoted(i3, "transactionTimeliness", derivative.timeliness, _escaped)
                amounts = out.open(i3, "transactionAmounts")
                out.footnoted(i4, "transactionShares", derivative.shares, _NUMBER)
                out.footnoted(i4, "transactionTotalValue", derivative.total_value, _NUMBER)
                out.footnoted(i4, "transactionPricePerShare", derivative.price_per_share, _NUMBER)
                out.footnoted(i4, "transactionAcquiredDisposedCode", derivative.acquired_disposed, _escaped)
                out.close(i3, "transactionAmounts", amounts)
                out.footnoted(i3, "exerciseDate", derivative.exercise_date, _ISO_DATE)
                out.footnoted(i3, "expirationDate", derivative.expiration_date, _ISO_DATE)
                _underlying_as_text(out, derivative.underlying)
                _post_amounts_as_text(out, derivative)
                _ownership_as_text(out, derivative.ownership)
                lines.append("    </derivativeTransaction>")
            else:
                lines.append("    <derivativeHolding>")
                out.footnoted(i3, "securityTitle", derivative.security_title, _escaped)
                out.footnoted(i3, "conversionOrExercisePrice", derivative.conversion_or_exercise_price, _NUMBER)
                _holding_coding_as_text(out, derivative.coding)
                out.footnoted(i3, "exerciseDate", derivative.exercise_date, _ISO_DATE)
                out.footnoted(i3, "expirationDate", derivative.expiration_date, _ISO_DATE)
                _underlying_as_text(out, derivative.underlying)
                if form != "3" or derivative.shares_owned_following or derivative.value_owned_following:
                    _post_amounts_as_text(out, derivative)
                _ownership_as_text(out, derivative.ownership)
                lines.append("    </derivativeHolding>")
        lines.append("  </derivativeTable>")

    if filing.footnotes:
        lines.append("  <footnotes>")
        for footnote in filing.footnotes:
            lines.append(
                f'{i2}<footnote id="{_escaped_attribute(footnote.id)}">{_escaped(footnote.text)}</footnote>'
                if footnote.text is not None
                else f'{i2}<footnote id="{_escaped_attribute(footnote.id)}"/>'
            )
        lines.append("  </footnotes>")
    out.opt_text(i1, "remarks", filing.remarks)
    for signature in filing.signatures:
        lines.append("  <ownerSignature>")
        out.leaf(i2, "signatureName", signature.name)
        out.leaf(i2, "signatureDate", signature.date.isoformat() if signature.date else "")
        lines.append("  </ownerSignature>")
    lines.append("</ownershipDocument>")

    # A character XML cannot carry makes the parse below fail (raw, or as the reference the encoding makes of a
    # surrogate or U+FFFE); one in a text this copy leaves out must be looked for.
    if NOT_IN_XML.search("".join(_texts_left_out(filing, copy))) is not None:
        return None
    if not set(out.references) <= {footnote.id for footnote in filing.footnotes}:
        return None
    data = XML_DECLARATION + "\n".join(lines).encode("ascii", "xmlcharrefreplace") + b"\n"
    try:
        root = parse_own(data)
    except etree.XMLSyntaxError:  # a character XML cannot carry: the tree says in which box
        return None
    return data if schema_for(filing.document_type).validate(root) else None


def _texts_left_out(filing: Filing, copy: Copy) -> list[str]:
    """The texts character_findings judges that this copy does not carry (a control character in any refuses
    the copy, as build_tree refuses it)."""
    if copy is Copy.RECORD:
        return [owner.ccc or "" for owner in filing.reporting_owners]
    texts = [filing.issuer.name or ""]
    for owner in filing.reporting_owners:
        texts.append(owner.name or "")
        if owner.address is not None:
            texts.append(owner.address.state_description or "")
    return texts


def _coding_as_text(out: _Text, coding: TransactionCoding | None) -> None:
    if coding is None:
        return
    out.lines.append("      <transactionCoding>")
    out.leaf("        ", "transactionFormType", coding.form_type)
    out.leaf("        ", "transactionCode", coding.code)
    out.opt_bool("        ", "equitySwapInvolved", coding.equity_swap_involved)
    out.references_of("        ", coding.footnote_ids)
    out.lines.append("      </transactionCoding>")


def _holding_coding_as_text(out: _Text, coding: HoldingCoding | None) -> None:
    if coding is None:
        return
    opened = out.open("      ", "transactionCoding")
    out.opt_text("        ", "transactionFormType", coding.form_type)
    out.references_of("        ", coding.footnote_ids)
    out.close("      ", "transactionCoding", opened)


def _post_amounts_as_text(out: _Text, source: object) -> None:
    shares = getattr(source, "shares_owned_following")
    value = getattr(source, "value_owned_following")
    if shares is None and value is None:
        return
    opened = out.open("      ", "postTransactionAmounts")
    out.footnoted("        ", "sharesOwnedFollowingTransaction", shares, _NUMBER)
    out.footnoted("        ", "valueOwnedFollowingTransaction", value, _NUMBER)
    out.close("      ", "postTransactionAmounts", opened)


def _ownership_as_text(out: _Text, ownership: OwnershipNature) -> None:
    opened = out.open("      ", "ownershipNature")
    out.footnoted("        ", "directOrIndirectOwnership", ownership.direct_or_indirect, _escaped)
    out.footnoted("        ", "natureOfOwnership", ownership.nature_of_ownership, _escaped)
    out.close("      ", "ownershipNature", opened)


def _underlying_as_text(out: _Text, underlying: UnderlyingSecurity) -> None:
    opened = out.open("      ", "underlyingSecurity")
    out.footnoted("        ", "underlyingSecurityTitle", underlying.title, _escaped)
    out.footnoted("        ", "underlyingSecurityShares", underlying.shares, _NUMBER)
    out.footnoted("        ", "underlyingSecurityValue", underlying.value, _NUMBER)
    out.close("      ", "underlyingSecurity", opened)
