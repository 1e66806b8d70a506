"""The user's EDGAR closures file and `form4 due` (issue 12, items 1 and 8)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import platformdirs
import pytest

from conftest import REFERENCE
from form4_desktop.app import closures
from form4_desktop.app.closures import ClosuresFileError, closures_file, load_calendar
from form4_desktop.app.due import due_lines
from form4_desktop.errors import UserError
from form4_desktop.rules import due_date, validate
from form4_desktop.rules.closures import DEFAULT_CALENDAR
from form4_desktop.rules.timeliness import deadline_findings
from test_deadline import one_sale


def test_the_closures_file_is_in_the_settings_folder():
    expected = Path(platformdirs.user_config_dir("form4-desktop", appauthor=False)) / "edgar-closures.txt"
    assert closures_file() == expected


def test_no_closures_file_is_the_programs_table():
    assert load_calendar("/nonexistent/edgar-closures.txt") is DEFAULT_CALENDAR


def test_a_closure_announced_tomorrow_moves_the_due_date_and_is_named(tmp_path):
    path = tmp_path / "edgar-closures.txt"
    path.write_text(
        "# EDGAR closures announced after this release\n"
        "\n"
        "2026-11-27  Day after Thanksgiving (SEC notice)   # a comment after it\n"
        "2026-12-24\tChristmas Eve\n"
    )
    calendar = load_calendar(path)
    filing = one_sale(date(2026, 11, 24))  # Tuesday: Thanksgiving Thursday, so due Friday 11/27 ...
    assert due_date(filing)[0] == date(2026, 11, 27)
    due, where, why = due_date(filing, calendar)  # ... and Monday 11/30 with the closure added
    assert (due, where) == (date(2026, 11, 30), "table_i[0].transaction_date")
    assert why.endswith("; EDGAR closure skipped: 11/27/2026 (Day after Thanksgiving (SEC notice))")
    assert [f.rule_id for f in deadline_findings(filing, date(2026, 11, 30), calendar) if f.rule_id == "LATE"] == []
    assert [f.rule_id for f in validate(filing, date(2026, 11, 30)) if f.rule_id == "LATE"] == ["LATE"]
    assert calendar.closure(date(2026, 12, 24)).reason == "Christmas Eve"


@pytest.mark.parametrize(
    "line, shown",
    [("12/24/2026  Christmas Eve", "12/24/2026"), ("2026-02-30 no such day", "2026-02-30"), ("Christmas", "Christmas")],
)
def test_a_bad_line_is_one_sentence_naming_the_file_and_line(tmp_path, line, shown):
    path = tmp_path / "edgar-closures.txt"
    path.write_text("# closures\n2026-11-27  Day after Thanksgiving\n" + line + "\n")
    with pytest.raises(ClosuresFileError) as raised:
        load_calendar(path)
    assert isinstance(raised.value, UserError)
    assert str(raised.value) == (
        f"{path}, line 3: '{shown}' is not a date; write each EDGAR closure as YYYY-MM-DD and its reason, for "
        "example '2026-12-24  Christmas Eve'."
    )


def test_due_prints_one_line_per_file_and_exits_2_for_an_unreadable_one(tmp_path, monkeypatch):
    monkeypatch.setattr(closures, "closures_file", lambda: tmp_path / "none.txt")
    amendment = tmp_path / "amendment.xml"
    amendment.write_text(
        REFERENCE.read_text()
        .replace("<documentType>4</documentType>", "<documentType>4/A</documentType>")
        .replace(
            "<periodOfReport>2023-01-09</periodOfReport>",
            "<periodOfReport>2023-01-09</periodOfReport>\n  <dateOfOriginalSubmission>2023-01-11"
            "</dateOfOriginalSubmission>",
        )
    )
    missing = tmp_path / "missing.xml"
    lines, status = due_lines([str(REFERENCE), str(amendment), str(missing)], today=date(2023, 1, 12))
    assert lines == [
        f"{REFERENCE}: due 2023-01-11 22:00 ET (the second business day after the transaction of 01/09/2023 "
        "(Table I, row 1))",
        f"{amendment}: no deadline (an amendment has no deadline of its own; file it as soon as the mistake is found)",
        f"{missing} does not exist.",
    ]
    assert status == 2
    assert due_lines([str(REFERENCE)], today=date(2023, 1, 12)) == ([lines[0]], 0)


def test_due_says_how_late_a_draft_would_be(tmp_path, monkeypatch):
    monkeypatch.setattr(closures, "closures_file", lambda: tmp_path / "none.txt")
    draft = tmp_path / "draft.xml"
    draft.write_text(REFERENCE.read_text().replace("<schemaVersion>X0609</schemaVersion>", ""))
    [line], status = due_lines([draft], today=date(2023, 1, 13))
    assert line == (
        f"{draft}: due 2023-01-11 22:00 ET (the second business day after the transaction of 01/09/2023 "
        "(Table I, row 1); late by 2 business days if filed on 2023-01-13)"
    )
    assert status == 0


def test_due_with_a_bad_closures_file_is_a_user_error(tmp_path, monkeypatch):
    bad = tmp_path / "edgar-closures.txt"
    bad.write_text("tomorrow  EDGAR closed\n")
    monkeypatch.setattr(closures, "closures_file", lambda: bad)
    with pytest.raises(ClosuresFileError, match="line 1: 'tomorrow' is not a date"):
        due_lines([str(REFERENCE)], today=date(2023, 1, 12))


def test_the_2025_christmas_closures_count_once_the_user_adds_them(tmp_path):
    # Not in the program's table (no SEC notice found); the executive order closed agencies 12/24 and 12/26/2025.
    filing = one_sale(date(2025, 12, 22))  # Monday
    assert due_date(filing)[0] == date(2025, 12, 24)
    path = tmp_path / "edgar-closures.txt"
    path.write_text("2025-12-24  Christmas Eve (SEC notice)\n2025-12-26  day after Christmas (SEC notice)\n")
    due, where, why = due_date(filing, load_calendar(path))
    assert (due, where) == (date(2025, 12, 29), "table_i[0].transaction_date")  # Tue 23rd, then Monday 29th
    assert why.endswith(
        "; EDGAR closures skipped: 12/24/2025 (Christmas Eve (SEC notice)); 12/26/2025 (day after Christmas "
        "(SEC notice))"
    )


def _write(filing, path) -> Path:
    from form4_desktop.edgar_xml import Copy, write_bytes

    path.write_bytes(write_bytes(filing, Copy.RECORD).replace(b"<schemaVersion>X0609</schemaVersion>", b""))
    return path


def test_form4_check_and_check_filing_count_the_users_closure_days(tmp_path, monkeypatch, capsys):
    from form4_desktop import cli
    from form4_desktop.app.documents import check_filing

    closures_txt = tmp_path / "edgar-closures.txt"
    closures_txt.write_text("2026-11-27  Day after Thanksgiving (SEC notice)\n")
    monkeypatch.setattr(closures, "closures_file", lambda: closures_txt)
    filing = one_sale(date(2026, 11, 24))  # Tuesday; Thanksgiving Thursday; the user's closure Friday
    late = [f for f in check_filing(filing, date(2026, 11, 30)) if f.rule_id == "LATE"]
    assert late == []  # due Monday 11/30 once Friday is closed: filed that day, on time
    [due] = [f for f in check_filing(filing, date(2026, 11, 30)) if f.rule_id == "DUE-DATE"]
    assert "11/30/2026" in due.message or "November 30, 2026" in due.message
    draft_xml = _write(filing, tmp_path / "draft.xml")
    cli.main(["check", str(draft_xml), "--today", "11/30/2026", "--info"])  # 1: the sample lacks a CCC
    out = capsys.readouterr().out
    assert " LATE " not in out and "EDGAR closure skipped: 11/27/2026 (Day after Thanksgiving (SEC notice))" in out


def test_form4_check_after_10_pm_in_new_york_judges_the_next_business_day(tmp_path, monkeypatch, capsys):
    from datetime import datetime

    from form4_desktop import cli
    from form4_desktop.app import clock
    from form4_desktop.rules import deadline

    monkeypatch.setattr(closures, "closures_file", lambda: tmp_path / "none.txt")
    draft_xml = _write(one_sale(date(2026, 11, 19)), tmp_path / "draft.xml")  # Thursday: due Monday 11/23
    at = {"moment": datetime(2026, 11, 23, 21, 59, tzinfo=deadline.new_york())}
    monkeypatch.setattr(clock, "new_york_now", lambda: at["moment"])
    cli.main(["check", str(draft_xml)])
    assert " LATE " not in capsys.readouterr().out  # 9:59 p.m. on the due day: still on time
    at["moment"] = datetime(2026, 11, 23, 22, 30, tzinfo=deadline.new_york())
    cli.main(["check", str(draft_xml)])
    out = capsys.readouterr().out
    assert " WARNING LATE " in out or " ERROR LATE " in out  # after 10 p.m. EDGAR files it Tuesday: a day late


def test_a_trade_the_day_before_a_closure_in_the_programs_table_is_due_a_day_later_everywhere(
    tmp_path, monkeypatch, capsys
):
    from form4_desktop import cli
    from form4_desktop.app.documents import check_file, check_filing

    # 01/09/2025, the national day of mourning for President Carter: EDGAR closed, not a federal holiday.
    monkeypatch.setattr(closures, "closures_file", lambda: tmp_path / "none.txt")  # the program's table alone
    filing = one_sale(date(2025, 1, 8))  # Wednesday: Friday 01/10 would be the second business day without it
    for findings in (check_filing(filing, date(2025, 1, 13)), check_file(_write(filing, tmp_path / "draft.xml"))):
        [due] = [f for f in findings if f.rule_id == "DUE-DATE"]
        assert due.message.startswith("Due by 10 p.m. Eastern on Monday, January 13, 2025:")
        assert "EDGAR closure skipped: 01/09/2025 (national day of mourning for President Jimmy Carter)" in due.message
    assert [f for f in check_filing(filing, date(2025, 1, 13)) if f.rule_id == "LATE"] == []  # on time Monday
    assert [f.rule_id for f in check_filing(filing, date(2025, 1, 14)) if f.rule_id == "LATE"] == ["LATE"]
    cli.main(["check", str(tmp_path / "draft.xml"), "--today", "01/13/2025", "--info"])
    out = capsys.readouterr().out
    assert " LATE " not in out and "Due by 10 p.m. Eastern on Monday, January 13, 2025:" in out
    cli.main(["check", str(tmp_path / "draft.xml"), "--today", "01/14/2025"])
    assert "WARNING LATE table_i[0].transaction_date: Late by 1 business day" in capsys.readouterr().out


def test_check_filing_without_a_day_judges_edgars_filing_day_in_new_york(tmp_path, monkeypatch):
    from datetime import datetime

    from form4_desktop.app import clock
    from form4_desktop.app.documents import check_filing
    from form4_desktop.rules import deadline

    monkeypatch.setattr(closures, "closures_file", lambda: tmp_path / "none.txt")
    filing = one_sale(date(2026, 11, 19))  # Thursday: due Monday 11/23, 10 p.m. Eastern
    at = {"moment": datetime(2026, 11, 23, 21, 59, tzinfo=deadline.new_york())}
    monkeypatch.setattr(clock, "new_york_now", lambda: at["moment"])
    assert [f for f in check_filing(filing) if f.rule_id == "LATE"] == []
    at["moment"] = datetime(2026, 11, 23, 22, 30, tzinfo=deadline.new_york())  # EDGAR would file it Tuesday
    [late] = [f for f in check_filing(filing) if f.rule_id == "LATE"]
    assert late.message.startswith("Late by 1 business day: it was due by 10 p.m. Eastern on Monday, November 23")


def test_a_filed_draft_is_judged_on_its_filing_date_by_check_filing_and_check_file(tmp_path, monkeypatch):
    from form4_desktop.app.documents import check_file, check_filing

    monkeypatch.setattr(closures, "closures_file", lambda: tmp_path / "none.txt")
    filing = one_sale(date(2026, 11, 19))  # due Monday 11/23
    path = _write(filing, tmp_path / "draft.xml")
    for findings in (
        check_filing(filing, date(2027, 6, 1), filed_on=date(2026, 11, 23)),
        check_file(path, date(2027, 6, 1), filed_on=date(2026, 11, 23)),
    ):
        assert [f for f in findings if f.rule_id == "LATE"] == []  # filed on the due day: on time, whatever today is
    for findings in (
        check_filing(filing, date(2026, 11, 23), filed_on=date(2026, 11, 25)),
        check_file(path, date(2026, 11, 23), filed_on=date(2026, 11, 25)),
    ):
        [late] = [f for f in findings if f.rule_id == "LATE"]
        assert late.message.startswith("Filed on 11/25/2026, 2 business days late: it was due by 10 p.m. Eastern")
