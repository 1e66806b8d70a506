"""`check` and `convert` agree: whatever check passes, convert writes, and EDGAR would take (issue 11)."""

from __future__ import annotations

import pytest

from conftest import REFERENCE
from form4_desktop.app import documents
from form4_desktop.cli import main
from form4_desktop.edgar_xml import read_file
from form4_desktop.rules import Severity

TEXT = REFERENCE.read_text()
TODAY = "2023-01-10"


def errors(path) -> list:
    return [f for f in documents.check_file(path) if f.severity is Severity.ERROR]


@pytest.mark.parametrize(
    "old, new, said",
    [
        # A footnote id with spaces: the schema's ID type drops them, EDGAR's F1-F99 check may not.
        ('<footnote id="F1">', '<footnote id=" F1 ">', "the footnote id ' F1 ' has spaces around it"),
        ('<footnoteId id="F1"/>', '<footnoteId id="F1 "/>', "the footnote id 'F1 ' has spaces around it"),
        # A namespace on any element, not only the root: EDGAR refuses it.
        (
            "<issuerCik>0000896493</issuerCik>",
            '<q:issuerCik xmlns:q="urn:x">0000896493</q:issuerCik>',
            "<issuerCik> has an XML namespace ('urn:x')",
        ),
        ("<value>125000</value>", '<value xmlns="urn:y">125000</value>', "<value> has an XML namespace ('urn:y')"),
        # xsi: attributes other than the schema location change what the schema makes of an element.
        (
            "<periodOfReport>",
            '<periodOfReport xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="false">',
            "unexpected attribute nil",
        ),
    ],
)
def test_check_reports_what_edgar_refuses_and_convert_still_writes_a_clean_copy(tmp_path, capsys, old, new, said):
    assert old in TEXT
    source = tmp_path / "odd.xml"
    source.write_text(TEXT.replace(old, new, 1))
    assert main(["check", str(source), "--today", TODAY]) == 1
    out = capsys.readouterr().out
    assert f"{source}: ERROR XML-CONTENT " in out and said in out, out
    target = tmp_path / "out.xml"
    status = main(["convert", str(source), str(target)])
    if status == 0:  # repaired: the copy is what EDGAR takes, and says what the original said
        assert errors(target) == [] and read_file(target) == read_file(REFERENCE)
    else:  # or refused in one line
        assert status in (1, 2) and len(capsys.readouterr().err.splitlines()) == 1


def test_ids_with_spaces_convert_to_plain_ids(tmp_path):
    source, target = tmp_path / "spaces.xml", tmp_path / "out.xml"
    source.write_text(
        TEXT.replace('<footnote id="F1">', '<footnote id=" F1 ">').replace(
            '<footnoteId id="F1"/>', '<footnoteId id="\tF1"/>'
        )
    )
    documents.convert(source, target)
    written = target.read_text()
    assert '<footnote id="F1">' in written and '<footnoteId id="F1"/>' in written


def test_a_file_check_passes_converts(tmp_path):
    target = tmp_path / "out.xml"
    assert errors(REFERENCE) == []
    assert main(["convert", str(REFERENCE), str(target)]) == 0


def test_a_refusal_quoting_a_value_with_a_line_break_is_one_line(tmp_path):
    # Found by the fuzz test: libxml2 quotes the value, line break and all (the GUI shows the sentence too).
    from form4_desktop.edgar_xml import WriteError

    source = tmp_path / "zip.xml"
    source.write_text(TEXT.replace("<rptOwnerZipCode>89141<", "<rptOwnerZipCode>891\n   41<"))
    assert errors(source)
    with pytest.raises(WriteError) as refused:
        documents.convert(source, tmp_path / "out.xml")
    assert len(str(refused.value).splitlines()) == 1 and "891\\n   41" in str(refused.value)
