"""Use cases on the draft store, shared by the command line and the desktop app."""

from __future__ import annotations

import os
from datetime import date
from typing import NamedTuple

from form4_desktop.edgar_xml import Copy
from form4_desktop.model.display import format_date
from form4_desktop.store import DraftStore, StoreError, default_store_path, is_url


def open_store(path: str | os.PathLike[str] | None = None, *, create: bool = True) -> DraftStore:
    """The store at `path`, or `$FORM4_STORE`, or the default one in the user's data folder; created if missing
    unless `create` is False (StoreError "There is no draft store at PATH."). A postgresql://user@host:port/dbname
    address opens the team store there (made by `form4 store init`, never here), which behaves the same."""
    where = os.fspath(path) if path is not None else default_store_path()
    if is_url(where):
        from form4_desktop.store.postgres import PostgresStore  # psycopg is loaded only for a team store

        return PostgresStore(where, create=create)
    return DraftStore(where, create=create)


# What import_xml() did with the filing date given for a file the store already had (Imported.dated).
DATE_RECORDED = "recorded"  # the store had it filed on an assumed date (its signature's): now on the date given
DATE_MARKED_FILED = "marked filed"  # the store had it as a draft not yet filed: now filed on the date given
DATE_SAME = "same"  # the store already had it filed on that date
DATE_KEPT = "kept"  # the store had it filed on another date given before (not assumed): that date is kept


class Imported(NamedTuple):
    """What import_xml() did: the draft that holds the file, and whether it was made now (False: the store
    already had a draft with exactly this content). For a file the store had, imported with its filing date:
    what became of that date (`dated`, one of the DATE_ values) and the date the store had before."""

    draft_id: int
    new: bool
    dated: str = ""
    had_filed_on: date | None = None


def import_xml(
    store: DraftStore, path: str | os.PathLike[str], *, again: bool = False, filed_on: date | None = None
) -> Imported:
    """Import an EDGAR XML file: a copy EDGAR disseminated becomes a filed original (to amend); any other
    ownership document becomes a draft. A file whose filing is already the current content of a draft outside
    the trash is not imported twice: that draft is given back, with new=False, unless `again` (ReadError if
    the file is unreadable). `filed_on` is the day EDGAR filed it (`form4 import --filed-on`): without it an
    EDGAR copy is taken as filed on its latest signature date (the Item 405 register marks that "assumed");
    with it, any other document is kept as filed on that day too. A file the store already has, given with
    `filed_on`, has that date recorded where the store's was assumed (or the draft was not yet filed), never
    over a date given before (`Imported.dated` says which)."""
    from form4_desktop.edgar_xml.reader import read_file

    if store.read_only is not None:  # say why before reading the file, and before a damaged store is searched
        raise StoreError(store.read_only.refused())
    filing = read_file(path)
    if not again:
        existing = store.find_same(filing)
        if existing is not None:
            return Imported(existing, False) if filed_on is None else _dated(store, existing, filed_on)
    if filing.is_disseminated_copy:
        return Imported(store.import_filed(filing, filed_on), True)
    draft_id = store.create(filing)
    if filed_on is not None:
        store.mark_filed(draft_id, filed_on)
    return Imported(draft_id, True)


def _dated(store: DraftStore, draft_id: int, filed_on: date) -> Imported:
    """A file the store already has, imported again with the day EDGAR filed it: the date is what the user knows,
    so it replaces an assumed one (the Item 405 register then counts it as known); a date given before is kept,
    since two given dates cannot both be right and the store's was given first."""
    draft = store.open(draft_id)
    had = date.fromisoformat(draft.filed_on) if draft.filed_on else None
    if not draft.is_filed:
        store.mark_filed(draft_id, filed_on, expected_version=draft.version)
        return Imported(draft_id, False, DATE_MARKED_FILED, None)
    if had is None or draft.filed_on_assumed:
        store.set_filed_on(draft_id, filed_on)
        return Imported(draft_id, False, DATE_RECORDED, had)
    return Imported(draft_id, False, DATE_SAME if had == filed_on else DATE_KEPT, had)


def already_said(name: str, imported: Imported, filed_on: date | None = None) -> str:
    """The line `form4 import` prints for a file the store already had, with what became of its filing date."""
    where = f"{name}: already in the store as draft {imported.draft_id}"
    given = format_date(filed_on) if filed_on is not None else ""
    had = format_date(imported.had_filed_on) if imported.had_filed_on is not None else ""
    if imported.dated == DATE_RECORDED:
        was = f" (it was assumed from its signature: {had})" if had else " (it had none)"
        return f"{where}; its filing date is now recorded as {given}{was}"
    if imported.dated == DATE_MARKED_FILED:
        return f"{where}, not yet marked filed; it is now marked filed on {given}"
    if imported.dated == DATE_SAME:
        return f"{where}, filed on {had} as given (--again imports it again)"
    if imported.dated == DATE_KEPT:
        return f"{where}, filed on {had}, which the store keeps: --filed-on {given} is not recorded over a date given before"
    return f"{where} (--again imports it again)"


def export_draft_xml(store: DraftStore, draft_id: int, path: str | os.PathLike[str], copy: Copy = Copy.RECORD) -> None:
    from form4_desktop.app.documents import export_xml  # the rule engine and the XML layer: not needed to start

    export_xml(store.open(draft_id).filing, path, copy)


def export_draft_pdf(
    store: DraftStore,
    draft_id: int,
    path: str | os.PathLike[str],
    *,
    copies: int = 1,
    watermark: str = "auto",
    signature: str = "manual",
) -> bool:
    from form4_desktop.app.documents import export_pdf

    return export_pdf(store.open(draft_id).filing, path, copies=copies, watermark=watermark, signature=signature)
