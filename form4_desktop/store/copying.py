"""Copying a whole store into another, either way between a SQLite file and a team store on PostgreSQL: every
draft with its id, every revision (who saved it, when), the trash, filed drafts and amendments, autosaves, the
address book (CCCs too), the issuers' fiscal year ends, the ledger's title merges and the largest id ever
given. The copy is read back and
compared, table by table and row by row (a filing's JSON as what it says, not as it is spelt), before it is
said to be done."""

from __future__ import annotations

import json
from typing import Any, Callable

from form4_desktop.store.database import DRAFT_COLUMNS, StoreError
from form4_desktop.store.drafts import DraftStore

# Each table, its columns in copying order, and the columns that name a row. Parents before children.
TABLES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("drafts", DRAFT_COLUMNS, ("id",)),
    ("revisions", ("draft_id", "version", "saved_at", "saved_by", "content"), ("draft_id", "version")),
    ("autosaves", ("slot", "draft_id", "base_version", "saved_at", "content"), ("slot",)),
    ("known_owners", ("cik", "name", "updated_at", "content"), ("cik",)),
    ("known_issuers", ("cik", "name", "trading_symbol", "updated_at", "content"), ("cik",)),
    ("title_merges", ("owner_cik", "issuer_cik", "title", "same_as"), ("owner_cik", "issuer_cik", "title")),
    ("sequences", ("name", "last"), ("name",)),
    ("fiscal_year_ends", ("issuer_cik", "month", "day"), ("issuer_cik",)),
)
_BATCH = 500

Progress = Callable[[int, int], None]  # (rows copied so far, rows in all)


def _select(store: DraftStore, table: str, columns: tuple[str, ...], key: tuple[str, ...]) -> str:
    # `content` through the store's own reading of it: with the CCCs a team store keeps apart.
    shown = [store._content() if name == "content" and table != "known_issuers" else name for name in columns]
    return f"SELECT {', '.join(shown)} FROM {table} ORDER BY {', '.join(key)}"


def _counts(store: DraftStore) -> dict[str, int]:
    return {table: store._db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table, _, _ in TABLES}


def _normal(columns: tuple[str, ...], row: Any) -> tuple:
    return tuple(json.loads(value) if name == "content" else value for name, value in zip(columns, row))


def copy_store(source: DraftStore, target: DraftStore, progress: Progress | None = None) -> dict[str, int]:
    """Copy everything `source` holds into the empty store `target` (one transaction: all or nothing), then
    read both back and compare them. Returns the rows copied per table. StoreError if `target` is not empty,
    if `source` may not be read whole (a reviewer may not read CCCs), or if the copy differs."""
    if not getattr(source, "reads_cccs", True):
        raise StoreError(
            f"Your role may not read the CCCs of the store {source.path}, so a copy would lose them; copy it as a "
            "filer. Nothing was copied."
        )
    if target.read_only is not None:
        raise StoreError(target.read_only.refused())
    counts = _counts(source)
    held = {table: n for table, n in _counts(target).items() if n and table != "sequences"}
    if held:
        raise StoreError(
            f"The store {target.path} is not empty ({', '.join(f'{n} {table}' for table, n in held.items())}); "
            "copy into a new store file or a new team store. Nothing was copied."
        )
    total, done = sum(counts.values()), 0
    if progress:
        progress(0, total)
    with target._transaction() as db:
        for table, columns, key in TABLES:
            tail = " ON CONFLICT (name) DO UPDATE SET last = excluded.last" if table == "sequences" else ""
            insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}){tail}"
            cursor = source._db.execute(_select(source, table, columns, key))
            while rows := cursor.fetchmany(_BATCH):
                db.executemany(insert, [tuple(row) for row in rows])
                done += len(rows)
                if progress:
                    progress(done, total)
    _verify(source, target, counts)
    return counts


def _verify(source: DraftStore, target: DraftStore, counts: dict[str, int]) -> None:
    """Read both stores back and compare them; StoreError naming the first difference."""
    copied = _counts(target)
    for table, _, _ in TABLES:
        if copied[table] != counts[table]:
            raise StoreError(
                f"The copy in {target.path} has {copied[table]} rows of {table}, the store {source.path} "
                f"{counts[table]}; the copy is incomplete: do not use it."
            )
    for table, columns, key in TABLES:
        theirs = target._db.execute(_select(target, table, columns, key))
        expected = {}
        for row in source._db.execute(_select(source, table, columns, key)):
            normal = _normal(columns, row)
            expected[normal[: len(key)]] = normal
        for row in theirs:
            normal = _normal(columns, row)
            if expected.get(normal[: len(key)]) != normal:
                raise StoreError(
                    f"The copy in {target.path} differs from the store {source.path} in {table} "
                    f"{', '.join(map(str, normal[: len(key)]))}; do not use the copy."
                )
