"""The README's rule table is the catalogue: every rule, its severity and its source."""

from __future__ import annotations

from datetime import date
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


# -- citations checked against their sources (issue 12) -------------------------------------------------------------
def test_citations_found_wrong_stay_corrected():
    sources = {rule.id: rule.source for rule in RULES.values()}
    # The code V is a general transaction code of Form 4 General Instruction 8 ("Transaction voluntarily reported
    # earlier than required"); Instruction 4(c) is not about it.
    assert "General Instruction 8" in sources["FORM5-ITEM-EARLY"] and "4(c)" not in sources["FORM5-ITEM-EARLY"]
    # Instruction 7 (Signature): its paragraph letter was not verified, so none is claimed.
    assert "General Instruction 7," in sources["POA-SIGNATURE"] and "Instruction 7(b) (" not in sources["POA-SIGNATURE"]
    # The gift rule starts on the release's effective date, and both gift rules say so from the Federal Register.
    for rule_id in ("GIFT-FORM-TYPE", "FORM5-GIFT-ON-TIME"):
        assert "87 FR 80362" in sources[rule_id] and "effective on February 27, 2023" in sources[rule_id]


def test_the_sweep_cites_the_paragraph_of_item_405_on_the_written_representation():
    # Item 405(a)(2): a known failure to file includes "a failure to file a Form 5 in the absence of the written
    # representation referred to in paragraph (b)(3) of this section" (17 CFR 229.405, as amended in 2019).
    from form4_desktop.rules.register import FiscalYear
    from form4_desktop.rules.sweep import sweep_insider

    line = sweep_insider("1767258", [], FiscalYear(2025), date(2026, 3, 2))
    assert not line.owed and line.why.endswith("(Regulation S-K Item 405(b)(3))")
