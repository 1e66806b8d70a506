"""The writer writes a copy as text and has libxml2 parse and validate it; the bytes, and every refusal, are
exactly those of building the copy element by element (writer._write_tree), which it falls back to."""

from __future__ import annotations

import copy as copying
import dataclasses
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CORPUS, REFERENCE
from form4_desktop.edgar_xml import Copy, WriteError, read_file
from form4_desktop.edgar_xml import writer
from form4_desktop.model import (
    DerivativeHolding,
    Footnote,
    Footnoted,
    HoldingCoding,
    NonDerivativeHolding,
    OwnerAddress,
    OwnershipNature,
    UnderlyingSecurity,
)
from strategies import filings


def outcome(write, filing, copy):
    """What writing gives: the bytes, or the refusal's sentence and problems, or the exception's kind."""
    try:
        return write(filing, copy)
    except WriteError as error:
        return ("refused", str(error), error.problems)
    except Exception as error:  # noqa: BLE001 - what the tree does with a value lxml refuses, the text must do
        return ("raised", type(error).__name__)


def both(filing, copy):
    """The copy as written (text first) and as built element by element, each as `outcome` gives it."""
    if copy is Copy.SUBMISSION and writer.submission_blockers(filing):
        pytest.fail("test filings carry a CCC for every owner")
    return outcome(writer.write_bytes, filing, copy), outcome(writer._write_tree, filing, copy)


def with_cccs(filing):
    filing = copying.deepcopy(filing)
    for owner in filing.reporting_owners:
        owner.ccc = owner.ccc or "ab#45678"
    return filing


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_every_corpus_filing_is_written_as_text_byte_for_byte(path):
    filing = with_cccs(read_file(path))
    for copy in (Copy.RECORD, Copy.SUBMISSION):
        written, built = both(filing, copy)
        assert written == built
        if isinstance(built, bytes):
            assert writer._written_as_text(filing, copy) == built  # and not by falling back


# Characters the text must escape as lxml does, or carry as a reference: markup, quotes, line ends, tabs, and
# letters outside ASCII (Latin, Greek, an emoji beyond the BMP).
SPECIAL = st.sampled_from(["&", "<", ">", '"', "'", "\r", "\n", "\t", "\r\n", "]]>", "é", "Ω", "\U0001f600", "&amp;"])


@st.composite
def spiced(draw, submission: bool):
    """A generated filing, some of whose texts and footnote ids carry special characters."""
    filing = draw(filings(submission=submission))
    places = list(_text_places(filing))
    for holder, name, index in draw(st.lists(st.sampled_from(places), max_size=6)) if places else []:
        special = draw(SPECIAL)
        current = getattr(holder, name) if index is None else getattr(holder, name)[index]
        spiced_text = current + special if draw(st.booleans()) else special + current
        if index is None:
            setattr(holder, name, spiced_text)
        else:
            getattr(holder, name)[index] = spiced_text
    if filing.footnotes and draw(st.booleans()):  # a footnote id, where it is defined and wherever referred to
        footnote = draw(st.sampled_from(filing.footnotes))
        old, footnote.id = footnote.id, footnote.id + draw(SPECIAL)
        for holder, name, index in _text_places(filing):
            if index is not None and name == "footnote_ids" and getattr(holder, name)[index] == old:
                getattr(holder, name)[index] = footnote.id
    return filing


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spiced(submission=False), spiced(submission=True))
def test_generated_filings_are_written_as_the_tree_writes_them(record, submission):
    written, built = both(record, Copy.RECORD)
    assert written == built
    written, built = both(submission, Copy.SUBMISSION)
    assert written == built


def _text_places(holder, seen=None):
    """(object, attribute, list index or None) of every text in a model object, at any depth."""
    for field in dataclasses.fields(holder):
        value = getattr(holder, field.name)
        if isinstance(value, str):
            yield holder, field.name, None
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, str):
                    yield holder, field.name, index
                elif dataclasses.is_dataclass(item):
                    yield from _text_places(item)
        elif dataclasses.is_dataclass(value):
            yield from _text_places(value)


def every_box_filing():
    """The reference Form 4 made a Form 5, with a text in every place the model has one: holdings (a Form 5's
    may be coded) in both tables, a full address, a foreign symbol, remarks, a footnote on every kind of box."""
    filing = with_cccs(read_file(REFERENCE))
    filing.document_type = "5"
    owner = filing.reporting_owners[0]
    owner.address = OwnerAddress(
        "1 MAIN ST", "SUITE 2", "PARIS", None, "75001", True, "ILE DE FRANCE", "I0", "FRANCE", True
    )
    owner.relationship.other_text = "Trustee"
    filing.issuer.foreign_trading_symbol = "AULTF"
    filing.remarks = "Remarks."
    filing.footnotes.append(Footnote("F9", "A ninth footnote."))
    filing.table_i.append(
        NonDerivativeHolding(
            Footnoted("Common Stock", ["F9"]),
            HoldingCoding("3", ["F9"]),
            Footnoted(Decimal(5), ["F9"]),
            None,
            OwnershipNature(Footnoted("I", ["F9"]), Footnoted("By trust", ["F9"])),
        )
    )
    filing.table_ii.append(
        DerivativeHolding(
            Footnoted("Warrant", ["F9"]),
            Footnoted(Decimal(1), ["F9"]),
            HoldingCoding("3", ["F9"]),
            Footnoted(date(2024, 1, 1), ["F9"]),
            Footnoted(date(2030, 1, 1), ["F9"]),
            UnderlyingSecurity(Footnoted("Common Stock", ["F9"]), Footnoted(Decimal(1), ["F9"])),
            Footnoted(Decimal(1), ["F9"]),
            None,
            OwnershipNature(Footnoted("D", ["F9"])),
        )
    )
    filing.table_i[0].timeliness = Footnoted("L")
    return filing


def test_the_every_box_filing_is_written_as_text():
    filing = every_box_filing()
    for copy in (Copy.RECORD, Copy.SUBMISSION):
        assert writer._written_as_text(filing, copy) == writer._write_tree(filing, copy)


@pytest.mark.parametrize("copy", [Copy.RECORD, Copy.SUBMISSION], ids=["record", "submission"])
def test_a_character_xml_cannot_carry_anywhere_is_refused_as_before(copy):
    """A vertical tab in any text of the model, one place at a time, whether this copy carries that text or
    not (a CCC in a record copy, a name in a submission copy): refused as the tree refuses it, by its box."""
    count = len(list(_text_places(every_box_filing())))
    refused = 0
    for number in range(count):
        filing = every_box_filing()
        holder, name, index = list(_text_places(filing))[number]
        if index is None:
            setattr(holder, name, getattr(holder, name) + "\x0b")
        else:
            getattr(holder, name)[index] += "\x0b"
        written, built = both(filing, copy)
        assert written == built, (holder, name, index)
        refused += isinstance(built, tuple)
    assert refused >= count - 2  # all but the schema version a record copy replaces (and a submission drops)


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda f: setattr(f.table_i[0], "shares", Footnoted()), "transactionShares"),  # the schema needs it
        (lambda f: f.table_i[0].security_title.footnote_ids.append("F77"), "footnote F77"),
        (lambda f: setattr(f, "document_type", "8-K"), "Document type '8-K'"),
        (lambda f: setattr(f, "aff10b5_one", None), "10b5-1"),
        (lambda f: setattr(f.issuer, "trading_symbol", "TOOLONGSYMBOL"), "issuerTradingSymbol"),
    ],
    ids=["schema", "dangling reference", "document type", "10b5-1 box", "too long"],
)
def test_a_copy_the_schema_or_the_rules_refuse_is_refused_as_before(change, expected):
    filing = every_box_filing()
    filing.signatures[0].date = date(2024, 1, 2)  # after the 10b5-1 box came
    change(filing)
    for copy in (Copy.RECORD, Copy.SUBMISSION):
        written, built = both(filing, copy)
        assert written == built
        assert built[0] == "refused" and expected in built[1]


SPECIALS = ["&", "<", ">", '"', "'", "\r", "\n", "\t", "\r\n", "]]>", "é", "Ω", "\U0001f600", "&amp;", "  "]


@pytest.mark.parametrize("special", SPECIALS, ids=[repr(s) for s in SPECIALS])
def test_special_characters_are_written_as_lxml_writes_them(special):
    filing = every_box_filing()
    filing.remarks = f"A{special}B"
    filing.footnotes[0].text = f"{special}C{special}"
    filing.table_i[0].security_title.value = f"Common{special}Stock"
    filing.reporting_owners[0].relationship.officer_title = special + "CFO"
    for copy in (Copy.RECORD, Copy.SUBMISSION):
        written, built = both(filing, copy)
        assert isinstance(built, bytes)
        assert written == built


@pytest.mark.parametrize("footnote_id", [" F9", "F9\t", "\nF9", "F9\r\n"], ids=repr)
def test_a_footnote_id_with_whitespace_is_written_as_lxml_writes_it(footnote_id):
    """The schema's ID type collapses whitespace, so such an id is valid; in an attribute, a tab or line break
    must be written as a reference, or reading it back would make it a space."""
    filing = every_box_filing()
    for holder, name, index in _text_places(filing):
        if index is None and name == "id" and getattr(holder, name) == "F9":
            setattr(holder, name, footnote_id)
        elif index is not None and getattr(holder, name)[index] == "F9":
            getattr(holder, name)[index] = footnote_id
    for copy in (Copy.RECORD, Copy.SUBMISSION):
        written, built = both(filing, copy)
        assert isinstance(built, bytes)
        assert written == built


def test_an_empty_relationship_is_written_as_lxml_writes_it():
    filing = every_box_filing()
    relationship = filing.reporting_owners[0].relationship
    for name in ("is_director", "is_officer", "is_ten_percent_owner", "is_other", "officer_title", "other_text"):
        setattr(relationship, name, None)
    for copy in (Copy.RECORD, Copy.SUBMISSION):
        written, built = both(filing, copy)
        assert isinstance(built, bytes) and b"<reportingOwnerRelationship/>" in built
        assert written == built
