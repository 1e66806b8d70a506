"""The draft store (a SQLite file, or a team store on PostgreSQL: store/postgres.py): drafts, history, filed
originals and amendments, trash, autosave, address book."""

from form4_desktop.store.database import StoreError
from form4_desktop.store.drafts import (
    Autosave,
    CccForgottenError,
    ConflictError,
    Draft,
    DraftStore,
    DraftSummary,
    FrozenError,
    NotFoundError,
    Revision,
    ServerUnreachableError,
    TrashedError,
    default_store_path,
    is_url,
)

__all__ = [
    "Autosave",
    "CccForgottenError",
    "ConflictError",
    "Draft",
    "DraftStore",
    "DraftSummary",
    "FrozenError",
    "NotFoundError",
    "Revision",
    "ServerUnreachableError",
    "StoreError",
    "TrashedError",
    "default_store_path",
    "is_url",
]
