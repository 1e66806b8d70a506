"""Use cases on the draft store, shared by the command line and the desktop app."""

from __future__ import annotations

import os

from form4_desktop.app.documents import export_pdf, export_xml
from form4_desktop.edgar_xml import Copy
from form4_desktop.store import DraftStore


def open_store(path: str | os.PathLike[str] | None = None) -> DraftStore:
    """The store at `path`, or `$FORM4_STORE`, or the default one in the user's data folder."""
    return DraftStore(path)


def import_xml(store: DraftStore, path: str | os.PathLike[str]) -> int:
    """Import an EDGAR XML file: a copy EDGAR disseminated becomes a filed original (to amend); any other
    ownership document becomes a draft. Returns the new draft's id (ReadError if unreadable)."""
    from form4_desktop.edgar_xml.reader import read_file

    filing = read_file(path)
    if filing.is_disseminated_copy:
        return store.import_filed(filing)
    return store.create(filing)


def export_draft_xml(store: DraftStore, draft_id: int, path: str | os.PathLike[str], copy: Copy = Copy.RECORD) -> None:
    export_xml(store.open(draft_id).filing, path, copy)


def export_draft_pdf(store: DraftStore, draft_id: int, path: str | os.PathLike[str], *, copies: int = 1,
                     watermark: str = "auto") -> bool:
    return export_pdf(store.open(draft_id).filing, path, copies=copies, watermark=watermark)
