"""Holdings ledger speed: one insider with 500 filed Form 4s (Musk's 42 real Tesla filings in the corpus, repeated
with their dates moved on a year each round), in a store of its own.

Measured, medians: the first build (every revision decoded); building the whole ledger again from the decoded
filings (model.holdings.build_whole: what every save cost before the filed part was kept) as the baseline; the
ledger built anew by app.holdings.ledger_of with no filed part kept; the ledger after a save of an open draft
(the filed part is kept, only the draft's rows are put in it) and after a form is marked filed (its rows are put
into the filed part kept); and the continuity check the editor runs after each save (app.holdings.check_draft)
of the usual draft, a new Form 4 dated after the last filing, and of late ones, dated years before rows filed
since (which also name every later row they make wrong, HOLDINGS-LATER-FILINGS). Each is timed in wall time and
in the thread's CPU time (which other processes on a loaded machine do not swell), with a save of the draft
before each timed run. Goal (issue 14 item 7): the ledger of an insider with 500 filings in <= 50 ms, updated on
a save without rebuilding."""

from __future__ import annotations

import copy
import os
import re
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Callable

from form4_desktop.app import holdings
from form4_desktop.edgar_xml import read_file
from form4_desktop.model import Footnoted
from form4_desktop.model import holdings as model_holdings
from form4_desktop.model.holdings import build_whole
from form4_desktop.store import DraftStore

ROOT = Path(__file__).resolve().parent.parent
OWNER, ISSUER, FILINGS = "1494730", "1318605", 500
ROUNDS = 25


def _moved(filing, days: int):
    moved = copy.deepcopy(filing)
    shift = timedelta(days=days)
    if moved.period_of_report:
        moved.period_of_report += shift
    for row in (*moved.table_i, *moved.table_ii):
        when = getattr(row, "transaction_date", None)
        if when is not None and isinstance(when.value, date):
            when.value = when.value + shift
    return moved


def _timed(action: Callable[[], object], before: Callable[[], object] = lambda: None) -> tuple[float, float]:
    """Median wall and CPU milliseconds of `action` over ROUNDS runs (after a warm-up), `before` run untimed
    before each (a save)."""
    before()
    action()
    wall, cpu = [], []
    for _ in range(ROUNDS):
        before()
        start, start_cpu = time.perf_counter(), time.thread_time()
        action()
        cpu.append(time.thread_time() - start_cpu)
        wall.append(time.perf_counter() - start)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def _whole(store: DraftStore):
    """The ledger built whole, as app.holdings.ledger_of built it on every save before the filed part was kept
    (the filings' rows read once are kept alike)."""
    return build_whole(holdings.ledger_filings(store, OWNER, ISSUER), store.title_merges(OWNER, ISSUER))


class Saving:
    """An open draft saved again and again (each save a new revision, as the editor's Save makes)."""

    def __init__(self, store: DraftStore, filing):
        self.store, self.filing = store, copy.deepcopy(filing)
        self.draft_id = store.create(self.filing)
        self.version = store.open(self.draft_id).version
        self.shares = 0

    def save(self) -> None:
        self.shares = (self.shares + 1) % 7  # a different content each time
        self.filing.table_i[0].shares = Footnoted(self.filing.table_i[0].shares.value + self.shares)
        self.version = self.store.save(self.draft_id, self.filing, self.version)


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
                filing = _moved(real[n % len(real)], 365 * (n // len(real)))
                store.import_filed(filing, filing.period_of_report)
            start = time.perf_counter()
            ledger = holdings.ledger_of(store, OWNER, ISSUER)
            first_ms = (time.perf_counter() - start) * 1000
            whole = _timed(lambda: _whole(store))
            anew = _timed(lambda: holdings.ledger_of(store, OWNER, ISSUER), model_holdings._FILED_PARTS.clear)

            # The usual new Form 4: a purchase a month after the last filing, saved as a draft.
            last = max(real, key=lambda f: f.period_of_report)
            usual = _moved(last, 365 * (FILINGS // len(real)) + 30)
            usual.schema_version = None
            usual.table_i = [row for row in usual.table_i if hasattr(row, "transaction_date")][:1]
            usual.table_ii = []
            saving = Saving(store, usual)
            after_save = _timed(lambda: holdings.ledger_of(store, OWNER, ISSUER), saving.save)
            check_usual = _timed(lambda: holdings.check_draft(store, saving.filing, saving.draft_id), saving.save)
            findings = holdings.check_draft(store, saving.filing, saving.draft_id)
            assert not [f for f in findings if f.rule_id == "HOLDINGS-LATER-FILINGS"], findings

            # Late ones, dated in the first round, before years of rows filed since: the draft of the earlier
            # measures (the last corpus file), and a sale of 11/23/2021 that makes the most later rows wrong.
            lates = []
            for late in (real[-1], next(f for f in real if f.period_of_report == date(2021, 11, 23))):
                late_saving = Saving(store, late)
                timed = _timed(
                    lambda: holdings.check_draft(store, late_saving.filing, late_saving.draft_id), late_saving.save
                )
                said = holdings.check_draft(store, late_saving.filing, late_saving.draft_id)
                before = [re.search(r"before ([\d,]+ rows? of \d+ later filings?)", f.message) for f in said]
                later = "; ".join(found.group(1) for found in before if found)
                assert later, said
                lates.append(
                    (
                        f"continuity check after a save, late draft of {late.period_of_report:%m/%d/%Y} "
                        f"(before {later})",
                        timed,
                    )
                )

            # A Form 4 marked filed: its rows are put into the filed part kept, which is not made again.
            filed_days = iter(range(1, 10_000))

            def mark_one_filed() -> None:
                day = next(filed_days)
                draft_id = store.create(_moved(usual, day))
                store.mark_filed(draft_id, usual.period_of_report + timedelta(days=day + 1))

            after_filed = _timed(lambda: holdings.ledger_of(store, OWNER, ISSUER), mark_one_filed)
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"ledger of {FILINGS} filings ({len(ledger.entries)} rows), load average {load} on {os.cpu_count()} CPUs")
    print(f"  first build (every revision decoded): {first_ms:.0f} ms")
    for name, (wall, cpu) in (
        ("whole ledger built again (baseline)", whole),
        ("ledger built anew (the filed part made again, the rows read once kept)", anew),
        ("ledger after a save of a draft", after_save),
        ("ledger after a draft is marked filed (put into the filed part kept)", after_filed),
        ("continuity check after a save, new Form 4 after the last filing", check_usual),
        *lates,
    ):
        print(
            f"  {name}: {wall:.1f} ms wall, {cpu:.1f} ms CPU; {cpu / whole[1]:.2f}x the baseline's CPU"
            + (" (goal: <= 50 ms)" if name != "whole ledger built again (baseline)" else "")
        )


if __name__ == "__main__":
    main()
