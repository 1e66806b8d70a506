"""Autosave: the working draft is written to the store's recovery area at most every 2 seconds while it
changes, and on close; after a crash the next start finds it there and offers it back.

The clock is injected, so that tests (and the GUI's timer) decide when time passes.
"""

from __future__ import annotations

import logging
import time
from typing import Callable

from form4_desktop.model import Filing
from form4_desktop.store import DraftStore, StoreError

log = logging.getLogger("form4_desktop.autosave")

INTERVAL_SECONDS = 2.0


class Autosaver:
    """Autosave for one editor window. Call `changed()` on every edit and `poll()` from a timer."""

    def __init__(self, store: DraftStore, slot: str, clock: Callable[[], float] = time.monotonic,
                 interval: float = INTERVAL_SECONDS):
        self.store = store
        self.slot = slot
        self.clock = clock
        self.interval = interval
        self._pending: tuple[Filing, int | None, int | None] | None = None
        self._last_write = float("-inf")
        self.writes = 0

    def changed(self, filing: Filing, draft_id: int | None, base_version: int | None) -> None:
        """The user changed the draft; it will be written by the next `poll()` that is due."""
        self._pending = (filing, draft_id, base_version)
        self.poll()

    def poll(self) -> bool:
        """Write the pending change if the interval has passed since the last write; True if written."""
        if self._pending is None or self.clock() - self._last_write < self.interval:
            return False
        return self.flush()

    def flush(self) -> bool:
        """Write the pending change now (on close)."""
        if self._pending is None:
            return False
        filing, draft_id, base_version = self._pending
        try:
            self.store.write_autosave(self.slot, filing, draft_id, base_version)
        except StoreError:
            log.exception("autosave failed")
            return False
        self._pending = None
        self._last_write = self.clock()
        self.writes += 1
        return True

    def saved(self) -> None:
        """The user saved (or discarded) the draft: nothing is left to recover."""
        self._pending = None
        self.store.clear_autosave(self.slot)
