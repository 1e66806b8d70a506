"""The `form4` command line contract: output lines and exit codes other tools rely on."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import CORPUS, REFERENCE
from form4_desktop import __version__
from form4_desktop.cli import main
from form4_desktop.edgar_xml import read_file

CCC = "x1#9abcd"


def with_ccc(tmp_path):
    source = tmp_path / "draft.xml"
    source.write_text(REFERENCE.read_text().replace(
        "<rptOwnerName>", f"<rptOwnerCcc>{CCC}</rptOwnerCcc>\n      <rptOwnerName>"))
    return source


def test_check_a_good_filing_exits_0(capsys):
    assert main(["check", str(REFERENCE), "--today", "2023-01-10"]) == 0
    assert "ERROR" not in capsys.readouterr().out


def test_check_prints_one_line_per_finding_and_exits_1(tmp_path, capsys):
    bad = tmp_path / "long-title.xml"
    bad.write_text(REFERENCE.read_text().replace("Chief Financial Officer", "Chief Financial Officer and Treasurer"))
    assert main(["check", str(bad)]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines and all(line.startswith(f"{bad}: ERROR ") for line in lines)
    assert f"{bad}: ERROR RELATIONSHIP-TEXT-LENGTH reporting_owners[0].relationship.officer_title: Box 5, " \
        "officer title is 37 characters long; EDGAR allows at most 30." in lines


def test_check_a_late_draft_warns_and_exits_0(tmp_path, capsys):
    draft = tmp_path / "draft.xml"
    draft.write_text(with_ccc(tmp_path).read_text().replace("<schemaVersion>X0609</schemaVersion>", ""))
    assert main(["check", str(draft), "--today", "2023-01-13"]) == 0
    out = capsys.readouterr().out
    assert f"{draft}: WARNING LATE table_i[0].transaction_date: Late by 2 business days" in out
    assert "INFO" not in out
    assert main(["check", str(draft), "--today", "2023-01-13", "--info"]) == 0
    assert f"{draft}: INFO DUE-DATE table_i[0].transaction_date: Due by 10 p.m. Eastern on Wednesday, " \
        "January 11, 2023" in capsys.readouterr().out


def test_check_goes_on_after_an_unreadable_file_and_exits_2(tmp_path, capsys):
    missing = tmp_path / "missing.xml"
    assert main(["check", str(missing), str(REFERENCE)]) == 2
    captured = capsys.readouterr()
    assert str(missing) in captured.err and captured.err.count("\n") == 1


def test_convert_writes_a_record_copy_without_the_ccc(tmp_path):
    out = tmp_path / "record.xml"
    assert main(["convert", str(with_ccc(tmp_path)), str(out)]) == 0
    text = out.read_text()
    assert CCC not in text and "<rptOwnerName>CRAGUN KENNETH S</rptOwnerName>" in text
    assert "<schemaVersion>X0609</schemaVersion>" in text


def test_convert_writes_a_submission_copy_as_edgar_wants_it(tmp_path):
    out = tmp_path / "submission.xml"
    assert main(["convert", str(with_ccc(tmp_path)), str(out), "--copy", "submission"]) == 0
    text = out.read_text()
    assert f"<rptOwnerCcc>{CCC}</rptOwnerCcc>" in text.replace("&#35;", "#")
    for absent in ("issuerName", "rptOwnerName", "schemaVersion"):
        assert absent not in text
    assert text.startswith('<?xml version="1.0"?>\n<ownershipDocument>')
    filing = read_file(out)
    assert filing.reporting_owners[0].ccc == CCC


def test_submission_without_a_ccc_is_refused_and_nothing_is_written(tmp_path, capsys):
    out = tmp_path / "submission.xml"
    assert main(["convert", str(CORPUS[0]), str(out), "--copy", "submission"]) == 1
    err = capsys.readouterr().err
    assert "CCC" in err and err.count("\n") == 1
    assert not out.exists()


def test_convert_does_not_overwrite_with_an_invalid_document(tmp_path, capsys):
    bad = tmp_path / "bad.xml"
    bad.write_text(REFERENCE.read_text().replace("<value>Common Stock</value>", "<value>" + "X" * 61 + "</value>", 1))
    out = tmp_path / "out.xml"
    out.write_text("previous contents")
    assert main(["convert", str(bad), str(out)]) == 1
    assert "v5.5 schema" in capsys.readouterr().err
    assert out.read_text() == "previous contents"


def test_convert_adds_the_10b5_1_box_to_an_old_filing(tmp_path):
    old = next(p for p in CORPUS if b"aff10b5One" not in p.read_bytes() and b"<documentType>4<" in p.read_bytes())
    out = tmp_path / "old.xml"
    assert main(["convert", str(old), str(out)]) == 0
    assert "<aff10b5One>0</aff10b5One>" in out.read_text()


def test_foreign_state_code_moves_to_the_country(tmp_path):
    foreign = next(p for p in CORPUS if b"<rptOwnerState>X0</rptOwnerState>" in p.read_bytes())
    out = tmp_path / "foreign.xml"
    assert main(["convert", str(foreign), str(out)]) == 0
    text = out.read_text()
    assert "<rptOwnerCountry>X0</rptOwnerCountry>" in text
    assert "<rptOwnerNonUSAddressFlag>1</rptOwnerNonUSAddressFlag>" in text
    assert "<rptOwnerState>X0" not in text


def test_non_ascii_text_is_kept_as_character_references(tmp_path):
    source = tmp_path / "accents.xml"
    source.write_text(REFERENCE.read_text().replace("Represents the vesting", "Représente le vesting — F1"))
    out = tmp_path / "out.xml"
    assert main(["convert", str(source), str(out)]) == 0
    out.read_bytes().decode("ascii")  # EDGAR wants ASCII files
    assert read_file(out).footnotes[0].text.startswith("Représente le vesting — F1")


def test_help_and_version():
    help_text = subprocess.run([sys.executable, "-m", "form4_desktop.cli", "--help"],
                               capture_output=True, text=True, check=True).stdout
    assert "check" in help_text and "convert" in help_text
    version = subprocess.run([sys.executable, "-m", "form4_desktop.cli", "--version"],
                             capture_output=True, text=True, check=True).stdout
    assert version.strip() == f"form4 {__version__}"


def test_unknown_copy_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["convert", "a.xml", "b.xml", "--copy", "draft"])
    assert exit_info.value.code == 2
