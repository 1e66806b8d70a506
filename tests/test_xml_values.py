"""A value is all the text of its element: a comment or processing instruction inside it never loses the text
after it, neither when reading nor when converting (issue 11, "data safety")."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import DATA
from form4_desktop.app import documents
from form4_desktop.cli import main
from form4_desktop.edgar_xml import read_file, read_filing
from form4_desktop.edgar_xml.canonical import compare_bytes
from form4_desktop.rules import Severity

# A real Form 4 (2seventy bio, 2025) whose boxes of every kind carry a value.
FILING = DATA / "corpus" / "dgunning__edgartools__0001562180-25-000280.xml"
TEXT = FILING.read_text()

# box: (the start tag, the value in the file, the value as read)
BOXES = {
    "owner name": ("<rptOwnerName>", "Snow Jessica", lambda f: f.reporting_owners[0].name),
    "issuer name": ("<issuerName>", "2seventy bio, Inc.", lambda f: f.issuer.name),
    "price": (
        "<value>",
        "2.64",  # the option's exercise price
        lambda f: f.table_ii[0].conversion_or_exercise_price.value,
    ),
    "city": ("<rptOwnerCity>", "CAMBRIDGE", lambda f: f.reporting_owners[0].address.city),
    "remarks": ("<remarks>", "Title: Senior Vice President of Quality and Enabling Functions", lambda f: f.remarks),
}
# How the value is split: what stands before it, or in its middle.
SPLITS = {
    "pi-before": lambda value: "<?x?>" + value,
    "comment-before": lambda value: "<!-- pasted -->" + value,
    "pi-inside": lambda value: value[:2] + "<?x y?>" + value[2:],
    "comment-inside": lambda value: value[:2] + "<!--c-->" + value[2:],
    "pi-and-spaces": lambda value: "  <?x?>\n  " + value + " <?y?> ",
}


def split(box: str, how: str) -> str:
    tag, value, _ = BOXES[box]
    assert TEXT.count(tag + value) == 1, box
    return TEXT.replace(tag + value, tag + SPLITS[how](value))


def as_read(box: str, filing):
    tag, value, get = BOXES[box]
    return get(filing), (Decimal(value) if box == "price" else value)


@pytest.mark.parametrize("how", SPLITS)
@pytest.mark.parametrize("box", BOXES)
def test_the_reader_reads_all_the_text_of_a_value(box, how):
    got, expected = as_read(box, read_filing(split(box, how).encode(), "split.xml"))
    assert got == expected


@pytest.mark.parametrize("how", SPLITS)
@pytest.mark.parametrize("box", BOXES)
def test_convert_keeps_a_value_split_by_a_comment_or_instruction(tmp_path, box, how):
    source, target = tmp_path / "split.xml", tmp_path / "out.xml"
    source.write_text(split(box, how))
    documents.convert(source, target)
    got, expected = as_read(box, read_file(target))
    assert got == expected
    # An instruction is still reported by check (EDGAR suspends it); a comment is harmless.
    errors = [f for f in documents.check_file(source) if f.severity is Severity.ERROR]
    assert [f.rule_id for f in errors] == (["XML-CONTENT"] if "pi" in how else [])


@pytest.mark.parametrize("box", BOXES)
def test_the_comparison_never_forgives_a_lost_value(box):
    tag, value, _ = BOXES[box]
    with_instruction = split(box, "pi-before").encode()
    lost = TEXT.replace(tag + value, tag).encode()
    assert compare_bytes(with_instruction, lost) != []
    assert compare_bytes(with_instruction, TEXT.encode()) == []


def test_the_comparison_keeps_the_text_after_an_instruction_between_elements():
    # Text after an instruction between two elements is text of the parent: it counts, as any text there.
    original = TEXT.replace("<issuerName>", "<?x?>stray<issuerName>").encode()
    assert compare_bytes(original, TEXT.encode()) != []


def test_reproducer_convert_keeps_the_owner_name(tmp_path, capsys):
    # issue 11: sed 's|<rptOwnerName>|<rptOwnerName><?x?>|' FILING > r1.xml; form4 convert r1.xml out.xml
    source, target = tmp_path / "r1.xml", tmp_path / "out.xml"
    source.write_text(TEXT.replace("<rptOwnerName>", "<rptOwnerName><?x?>"))
    assert main(["convert", str(source), str(target)]) == 0
    assert "<rptOwnerName>Snow Jessica</rptOwnerName>" in target.read_text()
