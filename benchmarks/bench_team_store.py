"""The team store on PostgreSQL beside the SQLite store, in the same run, with 10,000 drafts each: list all,
open a draft, save a draft (medians). Goals for the team store on localhost: list <= 50 ms, open <= 10 ms,
save <= 10 ms. The server is a real one started here (as the tests start theirs: tests/team_store_server.py),
with fsync on, so that a save is as durable as SQLite's (synchronous=FULL)."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from bench_store import timings  # noqa: E402 - benchmarks/ is on the path when run

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from form4_desktop.app.drafts import open_store  # noqa: E402
from form4_desktop.edgar_xml import read_file  # noqa: E402
from form4_desktop.store.copying import copy_store  # noqa: E402

DRAFTS = 10_000


def main() -> None:
    import team_store_server

    templates = [read_file(path) for path in sorted((ROOT / "tests" / "data" / "corpus").glob("*.xml"))]
    for template in templates:
        template.schema_version = None
    server = team_store_server.server(durable=True)
    try:
        url = team_store_server.team_store_url(server)
        with tempfile.TemporaryDirectory() as folder:
            with open_store(Path(folder) / "drafts.sqlite3") as sqlite_store:
                sqlite_store._db.execute("PRAGMA synchronous = NORMAL")  # filling only
                for n in range(DRAFTS):
                    sqlite_store.create(templates[n % len(templates)])
                sqlite_store._db.execute("PRAGMA synchronous = FULL")
                with open_store(url) as team_store:
                    start = time.perf_counter()
                    copy_store(sqlite_store, team_store)  # form4 store copy, checked
                    copied = time.perf_counter() - start
                    team_store._pg.connection.execute("VACUUM ANALYZE")
                    local = timings(sqlite_store)
                    team = timings(team_store)
    finally:
        server.stop()
    print(f"{DRAFTS:,} drafts in each store; SQLite file -> PostgreSQL copied and checked in {copied:.1f} s")
    print(f"  {'':22} {'SQLite':>9} {'PostgreSQL':>11} {'ratio':>7}  goal (PostgreSQL)")
    for name, label, goal in (
        ("list", "list all", "<= 50 ms"),
        ("search", "search 'smith'", ""),
        ("open", "open a draft", "<= 10 ms"),
        ("save", "save a draft (durable)", "<= 10 ms"),
    ):
        print(f"  {label:22} {local[name]:7.2f}ms {team[name]:9.2f}ms {team[name] / local[name]:6.1f}x  {goal}")


if __name__ == "__main__":
    main()
