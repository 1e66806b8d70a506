"""A filed form of any kind says when it was filed and whether that was on time ("Filed on 01/11/2023, on time"),
not when it is due, as a paralegal found on a Form 3 marked filed (session 5)."""

from __future__ import annotations

from datetime import date

import pytest

from form4_desktop.rules.timeliness import deadline_findings
from test_deadline import march_form5
from test_rules import draft, form3


def _form5():
    return march_form5(date(2023, 12, 31))  # due 45 days after the fiscal year: Wednesday 02/14/2024


@pytest.mark.parametrize(
    "make, due, on_time, late",
    [
        (form3, "Thursday, January 19, 2023", date(2023, 1, 19), date(2023, 1, 23)),  # 10 days after 01/09
        (draft, "Wednesday, January 11, 2023", date(2023, 1, 10), date(2023, 1, 13)),  # 2 business days after 01/09
        (_form5, "Wednesday, February 14, 2024", date(2024, 2, 14), date(2024, 2, 16)),
    ],
    ids=["Form 3", "Form 4", "Form 5"],
)
def test_a_filed_form_says_it_was_filed_on_time_or_how_late(make, due, on_time, late):
    today = date(2026, 11, 24)  # long after: a filed form is judged on its filing date, never on today
    [info] = [(f.rule_id, f.severity.value, f.message) for f in deadline_findings(make(), today, filed_on=on_time)]
    assert info[:2] == ("DUE-DATE", "info")
    assert info[2].startswith(f"Filed on {on_time:%m/%d/%Y}, on time: due by 10 p.m. Eastern on {due}: "), info[2]
    found = {f.rule_id: f for f in deadline_findings(make(), today, filed_on=late)}
    assert set(found) == {"DUE-DATE", "LATE"}
    # Two business days late (the Friday and the Monday after a Thursday, …): said first, as a warning.
    assert found["LATE"].severity.value == "warning"
    assert found["LATE"].message == (
        f"Filed on {late:%m/%d/%Y}, 2 business days late: it was due by 10 p.m. Eastern on {due}. The issuer must "
        "disclose late filings."
    )
    assert found["DUE-DATE"].message.startswith(f"Due by 10 p.m. Eastern on {due}: ")  # and why it was due then


def test_a_draft_not_filed_still_says_when_it_is_due():
    [info] = [f for f in deadline_findings(form3(), date(2023, 1, 12)) if f.rule_id == "DUE-DATE"]
    assert info.message.startswith("Due by 10 p.m. Eastern on Thursday, January 19, 2023: 10 days after the event")
