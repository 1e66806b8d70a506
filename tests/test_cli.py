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
    source.write_text(
        REFERENCE.read_text().replace("<rptOwnerName>", f"<rptOwnerCcc>{CCC}</rptOwnerCcc>\n      <rptOwnerName>")
    )
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
    assert (
        f"{bad}: ERROR RELATIONSHIP-TEXT-LENGTH reporting_owners[0].relationship.officer_title: Box 5, "
        "relationship, officer title is 37 characters long; EDGAR allows at most 30." in lines
    )


def test_check_a_late_draft_warns_and_exits_0(tmp_path, capsys):
    draft = tmp_path / "draft.xml"
    draft.write_text(with_ccc(tmp_path).read_text().replace("<schemaVersion>X0609</schemaVersion>", ""))
    assert main(["check", str(draft), "--today", "2023-01-13"]) == 0
    out = capsys.readouterr().out
    assert f"{draft}: WARNING LATE table_i[0].transaction_date: Late by 2 business days" in out
    assert "INFO" not in out
    assert main(["check", str(draft), "--today", "2023-01-13", "--info"]) == 0
    assert (
        f"{draft}: INFO DUE-DATE table_i[0].transaction_date: Due by 10 p.m. Eastern on Wednesday, "
        "January 11, 2023" in capsys.readouterr().out
    )


def test_an_unreadable_value_is_a_finding_for_check_and_refused_by_convert(tmp_path, capsys):
    broken = tmp_path / "comma.xml"
    broken.write_text(REFERENCE.read_text().replace("<value>125000</value>", "<value>125,000</value>"))
    assert main(["check", str(broken)]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first == (
        f"{broken}: ERROR XML-CONTENT ownershipDocument/nonDerivativeTable/nonDerivativeTransaction[1]/"
        "transactionAmounts/transactionShares/value: '125,000' is not a number (only digits and one "
        "period are allowed)"
    )
    out = tmp_path / "out.xml"
    assert main(["convert", str(broken), str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'125,000' is not a number" in err and not out.exists()


@pytest.mark.parametrize(
    "old, new, rule",
    [
        ("<ownershipDocument>", '<ownershipDocument xmlns="http://www.sec.gov/edgar/ownership">', "XML-CONTENT"),
        ('<?xml version="1.0"?>', '<?xml version="1.0"?><?xml-stylesheet href="x.xsl"?>', "XML-CONTENT"),
        ("<value>125000</value>", "<value>+125000</value>", "XML-CONTENT"),
        ("<isOfficer>1</isOfficer>", "<isOfficer>TRUE</isOfficer>", "XML-CONTENT"),
        ("<equitySwapInvolved>0</equitySwapInvolved>", "", "CODING-REQUIRED"),
        ("<documentType>4</documentType>", '<documentType lang="en">4</documentType>', "XML-CONTENT"),
        (
            "<notSubjectToSection16>0</notSubjectToSection16>\n  <issuer>\n    <issuerCik>0000896493</issuerCik>",
            "<issuer>\n    <issuerCik>0000896493</issuerCik><notSubjectToSection16>0</notSubjectToSection16>",
            "XML-CONTENT",
        ),
        (
            "<notSubjectToSection16>0</notSubjectToSection16>\n  <issuer>",
            "<issuer><notSubjectToSection16>0</notSubjectToSection16></issuer>\n  <issuer>",
            "XML-CONTENT",
        ),
        ('<footnote id="F1">Represents the vesting', '<footnote id="F1">Represents the <b>vesting</b>', "XML-CONTENT"),
    ],
)
def test_check_judges_the_file_as_it_stands(tmp_path, capsys, old, new, rule):
    source = REFERENCE.read_text()
    assert old in source
    bad = tmp_path / "bad.xml"
    bad.write_text(source.replace(old, new, 1))
    assert main(["check", str(bad)]) == 1
    assert f"{bad}: ERROR {rule} " in capsys.readouterr().out


def test_elements_out_of_order_are_a_schema_finding(tmp_path, capsys):
    source = REFERENCE.read_text()
    start, end = source.index("<notSubjectToSection16>"), source.index("</issuer>") + len("</issuer>")
    exit_box = "<notSubjectToSection16>0</notSubjectToSection16>"
    moved = source[:start] + source[start:end].replace(exit_box, "") + exit_box + source[end:]
    bad = tmp_path / "order.xml"
    bad.write_text(moved)
    assert main(["check", str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}: ERROR XML-SCHEMA /ownershipDocument/notSubjectToSection16: " in out


def test_a_draft_with_a_pre_v55_foreign_state_code_is_told_what_to_do(tmp_path, capsys):
    draft = with_ccc(tmp_path)
    draft.write_text(
        draft.read_text().replace("<rptOwnerState>NV</rptOwnerState>", "<rptOwnerState>X0</rptOwnerState>")
    )
    assert main(["check", str(draft)]) == 1
    assert "'X0' is a country code (United Kingdom), not a US state" in capsys.readouterr().out


def test_an_unknown_document_type_is_a_finding_for_check(tmp_path, capsys):
    bad = tmp_path / "type.xml"
    bad.write_text(REFERENCE.read_text().replace("<documentType>4</documentType>", "<documentType>4A</documentType>"))
    assert main(["check", str(bad)]) == 1
    assert f"{bad}: ERROR DOC-TYPE document_type: Document type '4A' is not one of" in capsys.readouterr().out
    assert main(["convert", str(bad), str(tmp_path / "out.xml")]) == 2


def test_dangling_footnote_reference_is_an_error_and_not_written(tmp_path, capsys):
    bad = tmp_path / "dangling.xml"
    bad.write_text(
        REFERENCE.read_text().replace('<footnoteId id="F1"/>', '<footnoteId id="F1"/><footnoteId id="F77"/>')
    )
    assert main(["check", str(bad)]) == 1
    assert "FOOTNOTE-MISSING" in capsys.readouterr().out
    assert main(["convert", str(bad), str(tmp_path / "out.xml")]) == 1
    assert "F77" in capsys.readouterr().err


def test_values_the_form_has_no_place_for_are_refused_not_dropped(tmp_path, capsys):
    bad = tmp_path / "original-date.xml"
    bad.write_text(
        REFERENCE.read_text().replace(
            "<periodOfReport>2023-01-09</periodOfReport>",
            "<periodOfReport>2023-01-09</periodOfReport><dateOfOriginalSubmission>2023-01-10</dateOfOriginalSubmission>",
        )
    )
    out = tmp_path / "out.xml"
    assert main(["convert", str(bad), str(out)]) == 1
    assert "dateOfOriginalSubmission" in capsys.readouterr().err and not out.exists()


def test_convert_writes_through_a_link_and_keeps_permissions(tmp_path):
    real = tmp_path / "real.xml"
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.xml"
    link.symlink_to(real)
    assert main(["convert", str(REFERENCE), str(link)]) == 0
    assert link.is_symlink() and "<ownershipDocument>" in real.read_text()
    assert real.stat().st_mode & 0o777 == 0o640


def test_convert_refuses_a_folder_or_device_as_output(tmp_path, capsys):
    assert main(["convert", str(REFERENCE), str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
    assert main(["convert", str(REFERENCE), "/dev/null"]) == 2
    assert "not a regular file" in capsys.readouterr().err


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
    help_text = subprocess.run(
        [sys.executable, "-m", "form4_desktop.cli", "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert "check" in help_text and "convert" in help_text
    version = subprocess.run(
        [sys.executable, "-m", "form4_desktop.cli", "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert version.strip() == f"form4 {__version__}"


def test_unknown_copy_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["convert", "a.xml", "b.xml", "--copy", "draft"])
    assert exit_info.value.code == 2


def test_import_says_when_a_file_is_already_in_the_store(tmp_path, capsys):
    store = str(tmp_path / "drafts.sqlite3")
    assert main(["import", str(REFERENCE), "--store", store]) == 0
    assert capsys.readouterr().out == f"1\t{REFERENCE}\n"
    assert main(["import", str(REFERENCE), str(CORPUS[0]), "--store", store]) == 0
    assert capsys.readouterr().out == (
        f"{REFERENCE}: already in the store as draft 1 (--again imports it again)\n2\t{CORPUS[0]}\n"
    )
    assert main(["import", str(REFERENCE), "--again", "--store", store]) == 0
    assert capsys.readouterr().out == f"3\t{REFERENCE}\n"


@pytest.mark.parametrize("command", [["list"], ["export", "1", "--xml", "out.xml"]])
def test_list_and_export_do_not_make_a_store_that_is_not_there(tmp_path, capsys, command):
    missing = tmp_path / "nowhere" / "drafts.sqlite3"
    assert main([*command, "--store", str(missing)]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"There is no draft store at {missing}.\n" and captured.out == ""
    assert not missing.exists() and not missing.parent.exists()


@pytest.mark.parametrize("today", ["2023-01-13", "01/13/2023", "1/13/2023"])
def test_today_is_taken_as_yyyy_mm_dd_or_mm_dd_yyyy(tmp_path, capsys, today):
    draft = tmp_path / "draft.xml"
    draft.write_text(with_ccc(tmp_path).read_text().replace("<schemaVersion>X0609</schemaVersion>", ""))
    assert main(["check", str(draft), "--today", today]) == 0
    assert f"{draft}: WARNING LATE table_i[0].transaction_date: Late by 2 business days" in capsys.readouterr().out


@pytest.mark.parametrize(
    "today", ["13/01/2023", "2023-02-30", "02/30/2023", "2023/01/13", "20230113", "tomorrow", "01-13-2023", ""]
)
def test_any_other_today_is_one_sentence_naming_the_option(capsys, today):
    assert main(["check", str(REFERENCE), "--today", today]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (f"form4 check: --today '{today}' is not a date; give it as YYYY-MM-DD or MM/DD/YYYY.\n")


def test_a_value_with_a_line_break_stays_on_its_finding_line(tmp_path, capsys):
    bad = tmp_path / "broken-value.xml"
    bad.write_text(
        REFERENCE.read_text()
        .replace("<value>125000</value>", "<value>125,\n000</value>")
        .replace("<documentType>4</documentType>", "<documentType>4\r\nA</documentType>")
    )
    assert main(["check", str(bad)]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert len(lines) == out.count("\n") and all(line.startswith(f"{bad}: ") for line in lines)
    assert any(
        line.endswith("'125,\\n000' is not a number (only digits and one period are allowed)") for line in lines
    ), lines
    assert any("Document type '4\\nA' is not one of" in line for line in lines), lines  # XML reads \r\n as \n


def test_a_reader_that_stops_reading_ends_the_command_quietly(tmp_path):
    bad = tmp_path / "long-title.xml"
    bad.write_text(REFERENCE.read_text().replace("Chief Financial Officer", "Chief Financial Officer and Treasurer"))
    # `form4 check ... | head -1`: far more lines than a pipe holds, and the reader leaves after one.
    pipeline = subprocess.run(
        [
            "bash",
            "-c",
            'set -o pipefail; "$@" | head -1',
            "form4",
            sys.executable,
            "-m",
            "form4_desktop.cli",
            "check",
            *[str(bad)] * 600,
        ],
        capture_output=True,
        text=True,
    )
    assert pipeline.stdout.count("\n") == 1 and pipeline.stdout.startswith(f"{bad}: ERROR ")
    assert pipeline.stderr == ""
    assert pipeline.returncode == 141  # 128 + SIGPIPE, as `yes | head -1` under pipefail
    # And when the reader is gone before the first line: nothing on stderr either.
    child = subprocess.Popen(
        [sys.executable, "-m", "form4_desktop.cli", "check", str(bad)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    child.stdout.close()
    assert child.wait() == 141 and child.stderr.read() == b""
    child.stderr.close()


def test_any_user_error_reaching_the_top_is_its_sentence_and_exit_2(tmp_path, capsys, monkeypatch):
    from form4_desktop.app import drafts
    from form4_desktop.errors import UserError

    class SomethingPlain(UserError):
        pass

    def refuse(store, path, again=False):
        raise SomethingPlain(f"The file {path} cannot be taken today.")

    monkeypatch.setattr(drafts, "import_xml", refuse)
    assert main(["import", str(REFERENCE), "--store", str(tmp_path / "drafts.sqlite3")]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"The file {REFERENCE} cannot be taken today.\n" and captured.out == ""


def test_a_damaged_store_is_one_sentence_and_exit_2(tmp_path, capsys):
    junk = tmp_path / "drafts.sqlite3"
    junk.write_bytes(b"not a store at all" * 300)
    assert main(["list", "--store", str(junk)]) == 2
    assert capsys.readouterr().err == (
        f"The file {junk} is not a Form 4 Desktop store, or is damaged beyond "
        "reading (it does not begin as a SQLite database does); nothing was changed "
        "in it.\n"
    )
    assert junk.read_bytes() == b"not a store at all" * 300


def test_form4_due_prints_one_line_per_file(tmp_path, capsys):
    junk = tmp_path / "junk.xml"
    junk.write_text("not xml")
    assert main(["due", str(REFERENCE), str(junk), "--today", "2023-01-12"]) == 2
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        f"{REFERENCE}: due 2023-01-11 22:00 ET (the second business day after the transaction of "
        "01/09/2023 (Table I, row 1))"
    )
    assert out[1].startswith(str(junk)) or len(out) == 1


def test_check_with_a_bad_closures_file_is_its_sentence_and_exit_2(tmp_path, capsys, monkeypatch):
    from form4_desktop.app import closures

    bad = tmp_path / "edgar-closures.txt"
    bad.write_text("2026-12-24  Christmas Eve\n12/26/2026  day after Christmas\n")
    monkeypatch.setattr(closures, "closures_file", lambda: bad)
    assert main(["check", str(REFERENCE), "--today", "2023-01-11"]) == 2  # deadlines it cannot count: none said
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"{bad}, line 2: '12/26/2026' is not a date; write each EDGAR closure as YYYY-MM-DD and its reason, for "
        "example '2026-12-24  Christmas Eve'.\n"
    )
