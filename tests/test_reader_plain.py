"""The reader's plain reading (no wrapper per value, checks counted once) gives exactly the careful reading's
result, and hands over to the careful reading whenever a document is anything but plain."""

from __future__ import annotations

import pytest
from lxml import etree

from conftest import CORPUS, REFERENCE
from form4_desktop.edgar_xml import ReadError
from form4_desktop.edgar_xml import reader
from form4_desktop.edgar_xml.parsing import parse_untrusted


def careful(data: bytes, strict: bool = True) -> reader.ReadResult:
    """What read_document gives when it reads the document the careful way only."""
    return reader._read_carefully(parse_untrusted(data, "doc"), "doc", strict)


def plain_only(data: bytes) -> reader.ReadResult:
    root = parse_untrusted(data, "doc")
    return reader._read_root(root, reader._Context("doc", True, plain=True))


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_every_corpus_filing_is_read_plainly_and_as_carefully(path):
    data = path.read_bytes()
    assert plain_only(data).filing == careful(data).filing  # no filing of the corpus needs the careful reading
    result = reader.read_document(data, "doc")
    assert (result.filing, result.issues) == (careful(data).filing, careful(data).issues)


def variant(text: str, old: str, new: str) -> bytes:
    assert old in text
    return text.replace(old, new, 1).encode()


REFERENCE_TEXT = REFERENCE.read_text()
UNUSUAL = {
    "attribute": ("<issuer>", '<issuer a="1">'),
    "namespaced attribute": ("<issuer>", '<issuer xmlns:y="urn:y" y:a="1">'),
    "text between": ("<issuer>", "<issuer>stray"),
    "namespace": ("<ownershipDocument>", '<ownershipDocument xmlns="urn:x">'),
    "instruction": ("<issuerCik>", "<issuerCik><?pi x?>"),
    "duplicate": ("</issuerName>", "</issuerName><issuerName>X</issuerName>"),
    "sign": ("<value>125000", "<value>+125000"),
    "spaced id": ('<footnoteId id="', '<footnoteId id=" '),
    "unknown element": ("<issuerCik>", "<x/><issuerCik>"),
    "empty date": ("<value>2", "<value></value><x>2"),
}


@pytest.mark.parametrize("strict", [True, False])
@pytest.mark.parametrize("name", sorted(UNUSUAL))
def test_anything_unusual_is_read_as_carefully(name, strict):
    data = variant(REFERENCE_TEXT, *UNUSUAL[name])
    try:
        expected = careful(data, strict)
    except ReadError as error:
        with pytest.raises(ReadError) as raised:
            reader.read_document(data, "doc", strict=strict)
        assert str(raised.value) == str(error)
        return
    result = reader.read_document(data, "doc", strict=strict)
    assert (result.filing, result.issues) == (expected.filing, expected.issues)
    assert result.issues  # each of these is reported


# The reference filing without its leading comment: a file with no '!' at all, which is read from a tree without
# the whitespace between elements (parsing.parse_counted), as nearly every real filing is.
COMPACT_TEXT = REFERENCE_TEXT[: REFERENCE_TEXT.index("<!--")] + REFERENCE_TEXT[REFERENCE_TEXT.index("-->") + 3 :]
SCHEMA_LOCATION = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="f.xsd"'
# Each is something the careful reading reports (or, for the last few, accepts); the plain reading must hand over
# to it, or read exactly as it does.
PLAIN_CHECKS = {
    "markup in a value": ("<value>125000", "<value>125000<b/>"),
    "markup in a flag": ("<isOfficer>1", "<isOfficer>1<x/>"),
    "markup in a footnote": ('<footnote id="F1">', '<footnote id="F1"><b>bold</b> '),
    "text in a box": ("<value>125000", "125000<value>125000"),
    "text after a row": ("</nonDerivativeTransaction>", "</nonDerivativeTransaction>stray"),
    "text after the last value": ("</value>\n        </transactionShares>", "</value>x</transactionShares>"),
    "text in a reference": ('<footnoteId id="F1"/>', '<footnoteId id="F1">x</footnoteId>'),
    "attribute on a value": ("<value>125000", '<value unit="shares">125000'),
    "attribute on a footnote": ('<footnote id="F1"', '<footnote lang="en" id="F1"'),
    "unknown element in a box": ("<value>125000</value>", "<value>125000</value><note/>"),
    "two values": ("<value>125000</value>", "<value>125000</value><value>1</value>"),
    "reference without id": ('<footnoteId id="F1"/>', "<footnoteId/>"),
    "namespaced element": ("<isOfficer>1</isOfficer>", '<y:isOfficer xmlns:y="urn:y">1</y:isOfficer>'),
    "boolean spelt TRUE": ("<isOfficer>1", "<isOfficer>TRUE"),
    "empty flag": ("<isOfficer>1</isOfficer>", "<isOfficer/>"),
    "impossible date": ("<periodOfReport>2023-01-09", "<periodOfReport>2023-02-30"),
    "number with an exponent": ("<value>125000", "<value>1.25E5"),
    "value in a box without <value>": (
        "<transactionShares>\n          <value>125000</value>",
        "<transactionShares>125000",
    ),
    "text in an issuer without elements": (
        "<issuer>\n    <issuerCik>0000896493</issuerCik>\n    <issuerName>Ault Alliance, Inc.</issuerName>\n"
        "    <issuerTradingSymbol>AULT</issuerTradingSymbol>\n  </issuer>",
        "<issuer>Ault Alliance</issuer>",
    ),
    "comment inside a value": ("<value>125000", "<value> <!-- checked --> 125000"),
    "CDATA value": ("<value>125000</value>", "<value><![CDATA[125000]]></value>"),
    "instructions in a footnote": ('<footnote id="F1">', '<footnote id="F1"><?a?>Held<?b?> <?c?>'),
    "schema location on the root": ("<ownershipDocument>", f"<ownershipDocument {SCHEMA_LOCATION}>"),
    "schema location inside": ("<issuer>", f"<issuer {SCHEMA_LOCATION}>"),
    "long whitespace": ("<issuer>", "<issuer>" + " \t\r\n" * 500),
    "spaced id in a box": ('<footnoteId id="F2"/>', '<footnoteId id="F2 "/>'),
    "empty number": ("<value>125000</value>", "<value></value>"),
    "empty text value": ("<value>Common Stock</value>", "<value> </value>"),
    "second issuer name": ("</issuerName>", "</issuerName><issuerName>Other</issuerName>"),
    "second owner": (
        "</reportingOwner>",
        "</reportingOwner>"
        + "<reportingOwner><reportingOwnerId><rptOwnerCik>1</rptOwnerCik></reportingOwnerId></reportingOwner>",
    ),
    **{f"{name} (without the comment)": change for name, change in UNUSUAL.items()},
}


@pytest.mark.parametrize("strict", [True, False])
@pytest.mark.parametrize("name", sorted(PLAIN_CHECKS))
def test_the_plain_reading_checks_what_the_careful_one_checks(name, strict):
    data = variant(COMPACT_TEXT, *PLAIN_CHECKS[name])
    try:
        expected = careful(data, strict)
    except ReadError as error:
        with pytest.raises(ReadError) as raised:
            reader.read_document(data, "doc", strict=strict)
        assert str(raised.value) == str(error)
        return
    result = reader.read_document(data, "doc", strict=strict)
    assert (result.filing, result.issues) == (expected.filing, expected.issues)


def test_the_compact_reference_is_read_plainly():
    data = COMPACT_TEXT.encode()
    assert b"!" not in data
    assert plain_only(data).filing == careful(data).filing == reader.read_document(data, "doc").filing


@pytest.mark.parametrize(
    "name, path",
    [
        ("value in a box without <value>", "nonDerivativeTransaction[1]/transactionAmounts/transactionShares"),
        ("text in an issuer without elements", "ownershipDocument/issuer"),
    ],
)
def test_text_where_elements_belong_is_not_dropped_unnoticed(name, path):
    """`<transactionShares>125000</transactionShares>` holds its number outside `<value>`: the reader cannot
    take it as the box's value, and says so rather than reading the box as empty."""
    data = variant(COMPACT_TEXT, *PLAIN_CHECKS[name])
    with pytest.raises(ReadError, match="unexpected text") as raised:
        reader.read_document(data, "doc")
    assert path in str(raised.value)
    issues = reader.read_document(data, "doc", strict=False).issues
    assert [issue.path.endswith(path) for issue in issues] == [True]
    assert "unexpected text" in issues[0].message


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_the_tree_a_plain_reading_keeps_says_what_the_file_says(path):
    """A plain file is parsed without the whitespace between its elements; the tree the reader keeps for the
    comparison of a converted copy and for validating the file as it stands gives what the file gives."""
    from form4_desktop.edgar_xml.canonical import canonical_form
    from form4_desktop.edgar_xml.inspect import original_schema_problems

    data = path.read_bytes()
    result = reader.read_document(data, "doc")
    as_it_stands = parse_untrusted(data, "doc")
    assert etree.tostring(canonical_form(result.root)) == etree.tostring(canonical_form(as_it_stands))
    assert original_schema_problems(result.root, result.filing) == original_schema_problems(as_it_stands, result.filing)


@pytest.mark.parametrize("markup", ["<!-- c -->", "<![CDATA[]]>", "<?x?>"])
def test_the_file_as_it_stands_keeps_the_space_before_markup_in_a_value(markup):
    """Whitespace before a comment, CDATA section or processing instruction at the start of a value is part of
    the value as EDGAR sees it (a CIK ' 0001767258' breaks the schema), though a tree without layout loses it."""
    from form4_desktop.edgar_xml.inspect import original_schema_problems

    data = variant(COMPACT_TEXT, "<rptOwnerCik>", f"<rptOwnerCik> {markup}")
    result = reader.read_document(data, "doc", strict=False)
    problems = original_schema_problems(result.root, result.filing)
    assert problems  # its length and its pattern
    assert {problem.split(":")[0] for problem in problems} == {
        "/ownershipDocument/reportingOwner/reportingOwnerId/rptOwnerCik"
    }
    assert problems == original_schema_problems(parse_untrusted(data, "doc"), result.filing)


@pytest.mark.parametrize("schema_version", ["<schemaVersion>X0609</schemaVersion>", ""], ids=["disseminated", "draft"])
def test_a_foreign_code_in_the_state_box_is_moved_as_carefully(schema_version):
    """Before v5.5 a foreign owner's country code stood in rptOwnerState: moved to rptOwnerCountry either way, and
    said as a repair for a draft (not for EDGAR's own copy, which is history)."""
    text = COMPACT_TEXT.replace("<schemaVersion>X0609</schemaVersion>", schema_version)
    data = variant(text, "<rptOwnerState>NV</rptOwnerState>", "<rptOwnerState>X0</rptOwnerState>")
    result = reader.read_document(data, "doc")
    expected = careful(data)
    assert (result.filing, result.issues) == (expected.filing, expected.issues)
    assert result.filing.reporting_owners[0].address.country == "X0"
    assert bool(result.issues) == (schema_version == "")
