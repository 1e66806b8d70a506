"""Validation speed: one full `validate` of a maximal filing (10 owners, 30 + 30 rows, 99 footnotes),
median of many runs, beside `copy.deepcopy` of the same filing in the same run. Goal: <= 2 ms."""

from __future__ import annotations

import copy
from datetime import date

from timing import median_ms  # noqa: E402 - benchmarks/ is on the path when run
from form4_desktop.model.examples import maximal_form4
from form4_desktop.rules import validate

GOAL_MS = 2.0


def main() -> None:
    filing = maximal_form4()
    today = date(2026, 3, 3)
    findings = validate(filing, today)
    ours = median_ms(lambda: validate(filing, today), 400)
    baseline = median_ms(lambda: copy.deepcopy(filing), 400)
    print(
        f"maximal filing: {len(filing.reporting_owners)} owners, {len(filing.table_i)} + {len(filing.table_ii)} rows, "
        f"{len(filing.footnotes)} footnotes; {len(findings)} findings"
    )
    print(f"  validate:       {ours:6.3f} ms median  (goal <= {GOAL_MS} ms: {'met' if ours <= GOAL_MS else 'MISSED'})")
    print(f"  copy.deepcopy:  {baseline:6.3f} ms median")
    print(f"  ratio validate / deepcopy: {ours / baseline:.2f}")


if __name__ == "__main__":
    main()
