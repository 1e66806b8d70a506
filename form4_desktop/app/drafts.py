"""Use cases on the draft store, shared by the command line and the desktop app."""

from __future__ import annotations

import os
from datetime import date
from typing import NamedTuple

from form4_desktop.app.documents import export_pdf, export_xml
from form4_desktop.edgar_xml import Copy
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


class Imported(NamedTuple):
    """What import_xml() did: the draft that holds the file, and whether it was made now (False: the store
    already had a draft with exactly this content)."""

    draft_id: int
    new: bool


def import_xml(
    store: DraftStore, path: str | os.PathLike[str], *, again: bool = False, filed_on: date | None = None
) -> Imported:
    """Import an EDGAR XML file: a copy EDGAR disseminated becomes a filed original (to amend); any other
    ownership document becomes a draft. A file whose filing is already the current content of a draft outside
    the trash is not imported twice: that draft is given back, with new=False, unless `again` (ReadError if
    the file is unreadable). `filed_on` is the day EDGAR filed it (`form4 import --filed-on`): without it an
    EDGAR copy is taken as filed on its latest signature date (the Item 405 register marks that "assumed");
    with it, any other document is kept as filed on that day too."""
    from form4_desktop.edgar_xml.reader import read_file

    if store.read_only is not None:  # say why before reading the file, and before a damaged store is searched
        raise StoreError(store.read_only.refused())
    filing = read_file(path)
    if not again:
        existing = store.find_same(filing)
        if existing is not None:
            return Imported(existing, False)
    if filing.is_disseminated_copy:
        return Imported(store.import_filed(filing, filed_on), True)
    draft_id = store.create(filing)
    if filed_on is not None:
        store.mark_filed(draft_id, filed_on)
    return Imported(draft_id, True)


def export_draft_xml(store: DraftStore, draft_id: int, path: str | os.PathLike[str], copy: Copy = Copy.RECORD) -> None:
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
    return export_pdf(store.open(draft_id).filing, path, copies=copies, watermark=watermark, signature=signature)
