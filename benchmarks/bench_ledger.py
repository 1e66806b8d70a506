"""Holdings ledger speed: one insider with 500 filed Form 4s (Musk's 42 real Tesla filings in the corpus, repeated
with their dates moved on a year each round), in a store of its own. Measures the first build (every revision
decoded), a rebuild (revisions kept decoded by the store), and the continuity check of a new draft, medians.
Goal (issue 14): the ledger of an insider with 500 filings in <= 50 ms."""

from __future__ import annotations

import copy
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from timing import median_ms  # noqa: E402 - benchmarks/ is on the path when run
from form4_desktop.app import holdings
from form4_desktop.edgar_xml import read_file
from form4_desktop.store import DraftStore

ROOT = Path(__file__).resolve().parent.parent
OWNER, ISSUER, FILINGS = "1494730", "1318605", 500


def _moved(filing, years: int):
    moved = copy.deepcopy(filing)
    shift = timedelta(days=365 * years)
    if moved.period_of_report:
        moved.period_of_report += shift
    for row in (*moved.table_i, *moved.table_ii):
        when = getattr(row, "transaction_date", None)
        if when is not None and isinstance(when.value, date):
            when.value = when.value + shift
    return moved


def main() -> None:
    real = []
    for path in sorted((ROOT / "tests" / "data" / "corpus").glob("*.xml")):
        filing = read_file(path)
        if OWNER in {o.cik.lstrip("0") for o in filing.reporting_owners} and filing.issuer.cik.lstrip("0") == ISSUER:
            real.append(filing)
    with tempfile.TemporaryDirectory() as folder:
        with DraftStore(Path(folder) / "drafts.sqlite3") as store:
            store._db.execute("PRAGMA synchronous = NORMAL")  # filling only
            for n in range(FILINGS):
                filing = _moved(real[n % len(real)], n // len(real))
                store.import_filed(filing, filing.period_of_report)
            start = time.perf_counter()
            ledger = holdings.ledger_of(store, OWNER, ISSUER)
            first_ms = (time.perf_counter() - start) * 1000
            rebuild_ms = median_ms(lambda: holdings.ledger_of(store, OWNER, ISSUER), 15)
            draft = copy.deepcopy(real[-1])
            draft.schema_version = None
            check_ms = median_ms(lambda: holdings.check_draft(store, draft, None), 15)
    print(
        f"ledger of {FILINGS} filings ({len(ledger.entries)} rows): first build {first_ms:.0f} ms, rebuild "
        f"{rebuild_ms:.0f} ms, continuity check of a draft {check_ms:.0f} ms (goal: <= 50 ms)"
    )


if __name__ == "__main__":
    main()
