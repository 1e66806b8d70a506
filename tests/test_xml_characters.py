"""A pasted control character is a finding naming its box, and a refusal in one sentence; never a crash
(issue 11: a vertical tab in a remark made check_filing and write_bytes raise ValueError, export exit 3)."""

from __future__ import annotations

import pytest

from form4_desktop.app import documents
from form4_desktop.cli import main
from form4_desktop.edgar_xml import Copy, WriteError, read_filing, write_bytes
from form4_desktop.errors import UserError
from form4_desktop.model import Footnoted
from form4_desktop.rules import Severity
from form4_desktop.rules.characters import describe
from form4_desktop.store import DraftStore
from test_rules import draft

# box: (how to put text there, its field path, how the finding names it)
BOXES = {
    "remarks": (lambda f, t: setattr(f, "remarks", t), "remarks", "Remarks"),
    "owner name": (
        lambda f, t: setattr(f.reporting_owners[0], "name", t),
        "reporting_owners[0].name",
        "Box 1, reporting person, name",
    ),
    "city": (
        lambda f, t: setattr(f.reporting_owners[0].address, "city", t),
        "reporting_owners[0].address.city",
        "Box 1, reporting person, city",
    ),
    "officer title": (
        lambda f, t: setattr(f.reporting_owners[0].relationship, "officer_title", t),
        "reporting_owners[0].relationship.officer_title",
        "Box 5, officer title",
    ),
    "issuer name": (lambda f, t: setattr(f.issuer, "name", t), "issuer.name", "Box 2, Issuer Name"),
    "security title": (
        lambda f, t: setattr(f.table_i[0].security_title, "value", t),
        "table_i[0].security_title",
        "Table I, row 1, column 1, Title of Security",
    ),
    "nature of ownership": (
        lambda f, t: setattr(f.table_ii[1].ownership, "nature_of_ownership", Footnoted(t)),
        "table_ii[1].ownership.nature_of_ownership",
        "Table II, row 2, column 11, Nature of Indirect Beneficial Ownership",
    ),
    "footnote": (lambda f, t: setattr(f.footnotes[1], "text", t), "footnotes[1].text", "Footnote 2"),
    "footnote reference": (
        lambda f, t: f.table_i[0].coding.footnote_ids.append(t),
        "table_i[0].coding",
        "Table I, row 1, column 3, Transaction Code, footnote reference",
    ),
    "signature": (lambda f, t: setattr(f.signatures[0], "name", t), "signatures[0].name", "Signature 1, name"),
}
CONTROLS = {"vertical tab": "\x0b", "form feed": "\x0c", "null": "\x00", "escape": "\x1b", "U+FFFE": "\ufffe"}


def with_text(box: str, character: str):
    filing = draft()
    BOXES[box][0](filing, f"Pasted{character}text")
    return filing


@pytest.mark.parametrize("character", CONTROLS.values(), ids=CONTROLS.keys())
@pytest.mark.parametrize("box", BOXES)
def test_a_control_character_is_an_error_naming_the_box(box, character):
    findings = documents.check_filing(with_text(box, character))
    [finding] = [f for f in findings if f.rule_id == "TEXT-CHARACTERS"]
    _, path, label = BOXES[box]
    assert finding.severity is Severity.ERROR and finding.field_path == path
    assert finding.message.startswith(f"{label} contains a control character ({describe(character)}) at character 7")
    assert "tabs and line breaks" in finding.message  # what EDGAR's XML does carry
    assert len(finding.line("draft").splitlines()) == 1


@pytest.mark.parametrize("copy", list(Copy))
@pytest.mark.parametrize("box", BOXES)
def test_write_bytes_refuses_in_one_sentence_never_value_error(box, copy):
    filing = with_text(box, "\x0b")
    with pytest.raises(WriteError) as refused:
        write_bytes(filing, copy)
    message = str(refused.value)
    assert isinstance(refused.value, UserError) and not isinstance(refused.value, ValueError)
    assert message.startswith(f"The {copy.value} copy was not written: {BOXES[box][2]} contains a control character")
    assert message.count(". ") == 0 and len(message.splitlines()) == 1


def test_tabs_line_breaks_and_any_printable_character_are_fine():
    filing = draft()
    filing.remarks = "Line one\r\nline two\tand a tab; caf\u00e9, \u2028 and \U0001f600 too"
    assert [f for f in documents.check_filing(filing) if f.severity is Severity.ERROR] == []
    assert read_filing(write_bytes(filing, Copy.SUBMISSION)).remarks == filing.remarks  # \r as &#13;


def test_export_of_a_draft_with_a_vertical_tab_exits_1_and_prints(tmp_path, capsys):
    store_path = tmp_path / "drafts.sqlite3"
    with DraftStore(store_path) as store:
        draft_id = store.create(with_text("remarks", "\x0b"))
    out = tmp_path / "out.xml"
    assert main(["export", str(draft_id), "--xml", str(out), "--store", str(store_path)]) == 1
    error = capsys.readouterr().err
    assert "Remarks contains a control character (U+000B, a vertical tab)" in error
    assert len(error.splitlines()) == 1 and not out.exists()
    pdf = tmp_path / "out.pdf"
    assert main(["export", str(draft_id), "--pdf", str(pdf), "--store", str(store_path)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
