"""The reader's plain reading (no wrapper per value, checks counted once) gives exactly the careful reading's
result, and hands over to the careful reading whenever a document is anything but plain."""

from __future__ import annotations

import pytest

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
