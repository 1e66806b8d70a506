"""Draft store speed with 10,000 drafts: list, open, save, and the look-up an import makes for a file already in
the store, medians. Goals: list <= 20 ms, open <= 5 ms, save <= 5 ms (a save is durable: WAL with
synchronous=FULL), look-up <= 5 ms. A longer crash test:
`FORM4_CRASH_KILLS=2000 .venv/bin/python -m pytest tests/test_store_crash.py`."""

from __future__ import annotations

import copy
import random
import tempfile
import time
from pathlib import Path

from timing import median_ms  # noqa: E402 - benchmarks/ is on the path when run
from form4_desktop.edgar_xml import read_file
from form4_desktop.store import DraftStore

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = 10_000


def timings(store) -> dict[str, float]:
    """The medians (ms) of listing all drafts, searching, opening and saving a draft, in `store`."""
    ids = [row.id for row in store.list()]
    picks = random.Random(1).sample(ids, 200)
    figures = {
        "list": median_ms(lambda: store.list(), 30),
        "search": median_ms(lambda: store.list("smith"), 30),
        "open": median_ms(lambda: store.open(random.choice(picks)), 200),
    }
    opened = {draft_id: store.open(draft_id) for draft_id in picks}

    def save() -> None:
        draft_id = random.choice(picks)
        current = opened[draft_id]
        filing = copy.deepcopy(current.filing)
        filing.remarks = "benchmark"
        current.version = store.save(draft_id, filing, current.version)

    figures["save"] = median_ms(save, 200)
    return figures


def main() -> None:
    templates = [read_file(path) for path in sorted((ROOT / "tests" / "data" / "corpus").glob("*.xml"))]
    for template in templates:
        template.schema_version = None
    with tempfile.TemporaryDirectory() as folder:
        with DraftStore(Path(folder) / "drafts.sqlite3") as store:
            start = time.perf_counter()
            store._db.execute("PRAGMA synchronous = NORMAL")  # filling only: 10,000 fsyncs would take minutes
            for n in range(DRAFTS):
                store.create(templates[n % len(templates)])
            store._db.execute("PRAGMA synchronous = FULL")
            fill = time.perf_counter() - start
            rows = len(store.list())
            list_ms, search_ms, open_ms, save_ms = timings(store).values()
            # Each template was stored about 30 times (DRAFTS / templates): the look-up reads only those.
            find_ms = median_ms(lambda: store.find_same(random.choice(templates)), 200)
    print(f"store with {DRAFTS:,} drafts (filled in {fill:.1f} s)")
    print(f"  list all ({rows:,} rows): {list_ms:6.2f} ms median  (goal <= 20 ms)")
    print(f"  search 'smith':          {search_ms:6.2f} ms median")
    print(f"  open a draft:            {open_ms:6.2f} ms median  (goal <= 5 ms)")
    print(f"  save a draft:            {save_ms:6.2f} ms median  (goal <= 5 ms; durable)")
    print(f"  find a file's equal:     {find_ms:6.2f} ms median  (goal <= 5 ms; an import's look-up)")


if __name__ == "__main__":
    main()
