"""The README's rule table is the catalogue: every rule, its severity and its source."""

from __future__ import annotations

from pathlib import Path

from form4_desktop.rules import RULES

README = (Path(__file__).parent.parent / "README.md").read_text()


def test_every_rule_is_in_the_readme_table_with_its_severity_and_source():
    table = README.split("<!-- rule table")[1].split("<!-- end of rule table -->")[0]
    rows = {line.split("|")[1].strip().strip("`"): line for line in table.splitlines() if line.startswith("| `")}
    assert set(rows) == set(RULES)
    for rule in RULES.values():
        cells = [cell.strip() for cell in rows[rule.id].split("|")[1:-1]]
        assert cells[1] == rule.severity.value
        assert cells[3] == rule.source.replace("|", "/")
