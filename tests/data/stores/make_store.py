#!/usr/bin/env python3
"""Make the fixture store of today's schema version, `vN.sqlite3` beside this script, with today's program.

It holds the reference Form 4 as one draft, created by `fixture-author` and saved again (remarks added) by
`fixture-editor`, so that what a version records about revisions is there to be migrated. From version 6 on, the
issuer CIK 320193 has its fiscal year end kept (09/30). It is left as the
program leaves a closed store (WAL mode, no -wal file). An existing fixture is never overwritten: each one is
what the program of its version wrote.

    .venv/bin/python tests/data/stores/make_store.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from form4_desktop.store import DraftStore  # noqa: E402
from form4_desktop.store.database import MIGRATIONS  # noqa: E402
from test_rules import draft  # noqa: E402


def make(path: Path) -> None:
    with DraftStore(path, user="fixture-author") as store:
        draft_id = store.create(draft())
    with DraftStore(path, user="fixture-editor") as store:
        opened = store.open(draft_id)
        opened.filing.remarks = "Saved again by the fixture's editor."
        store.save(draft_id, opened.filing, opened.version)
        if len(MIGRATIONS) >= 6:  # issuers' fiscal year ends came with version 6
            store.set_fiscal_year_end("320193", 9, 30)


def main() -> int:
    target = HERE / f"v{len(MIGRATIONS)}.sqlite3"
    if target.exists():
        print(f"{target} exists; a fixture is never remade (add a migration to make the next one).", file=sys.stderr)
        return 1
    make(target)
    os.chmod(target, 0o644)  # a file in the repository, not a user's store
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
