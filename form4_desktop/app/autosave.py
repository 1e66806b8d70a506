"""Autosave: the working draft is written to the store's recovery area at most every 2 seconds while it
changes, and on close; after a crash the next start finds it there and offers it back.

Each window has its own recovery slot, named after the machine and process that own it, so that a second
window or program never overwrites another's, and a start offers only what a process that is gone left.
The clock is injected, so that tests (and the GUI's timer) decide when time passes.

A team store whose server cannot be reached keeps the autosave on this computer instead (store/recovery.py);
`kept_locally` then says so in one sentence, and each interval the autosave is offered to the server again, which
connects again once it is back: the entry then moves back to the server, and `kept_locally` is None again.
"""

from __future__ import annotations

import itertools
import logging
import os
import socket
import time
from typing import Callable

from form4_desktop.model import Filing
from form4_desktop.store import DraftStore, StoreError

log = logging.getLogger("form4_desktop.autosave")

INTERVAL_SECONDS = 2.0
_numbers = itertools.count(1)


def new_slot() -> str:
    """A recovery slot of this process's own: `window:<host>:<pid>:<n>`."""
    return f"window:{socket.gethostname()}:{os.getpid()}:{next(_numbers)}"


def is_orphan(slot: str) -> bool:
    """True when the slot's process is gone (so its autosave is unsaved work to offer back)."""
    parts = slot.split(":")
    if len(parts) != 4 or parts[0] != "window":
        return True  # an older version's single slot
    host, pid = parts[1], parts[2]
    if host != socket.gethostname() or not pid.isdigit():
        return False  # another machine's window (a store on a shared drive): not ours to take
    if int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OSError):
        return False
    return False


class Autosaver:
    """Autosave for one editor window. Call `changed()` on every edit and `poll()` from a timer."""

    def __init__(
        self,
        store: DraftStore,
        slot: str,
        clock: Callable[[], float] = time.monotonic,
        interval: float = INTERVAL_SECONDS,
    ):
        self.store = store
        self.slot = slot
        self.clock = clock
        self.interval = interval
        self._pending: tuple[Filing, int | None, int | None] | None = None
        self._last_write = float("-inf")
        self._written = False
        self.writes = 0
        # Why the last autosave is kept on this computer rather than in the store (its server cannot be reached),
        # or None; and that autosave, to offer the server again.
        self.kept_locally: str | None = None
        self._kept: tuple[Filing, int | None, int | None] | None = None

    def changed(self, filing: Filing, draft_id: int | None, base_version: int | None) -> None:
        """The user changed the draft; it will be written by the next `poll()` that is due."""
        self._pending = (filing, draft_id, base_version)
        self.poll()

    def poll(self) -> bool:
        """Write the pending change if the interval has passed since the last write; True if written. An autosave
        kept on this computer is offered to the store again at each interval (its server may be back)."""
        if self.clock() - self._last_write < self.interval:
            return False
        if self._pending is None and self._kept is not None:
            self._pending = self._kept
        if self._pending is None:
            return False
        return self.flush()

    def flush(self) -> bool:
        """Write the pending change now (on close)."""
        if self._pending is None:
            return False
        if self.store.read_only is not None:
            return False  # nothing can be written there; the work stays in the window, which asks before closing
        filing, draft_id, base_version = self._pending
        try:
            kept_locally = self.store.write_autosave(self.slot, filing, draft_id, base_version)
        except StoreError:
            log.exception("autosave failed")
            self._last_write = self.clock()  # try again after the interval, not on every tick (a full disk)
            return False
        self._kept = self._pending if kept_locally else None
        self._pending = None
        self._written = True
        self._last_write = self.clock()
        self.writes += 1
        if (kept_locally is None) != (self.kept_locally is None):
            log.info("autosave %s", "kept on this computer" if kept_locally else "in the store again")
        self.kept_locally = kept_locally
        return True

    def saved(self) -> None:
        """The user saved (or discarded) the draft, or undid back to what is saved: nothing to recover."""
        self._pending = None
        self._kept = None
        if self._written:
            try:
                self.store.clear_autosave(self.slot)
            except StoreError:
                log.exception("clearing the autosave failed")
                return
            self._written = False
