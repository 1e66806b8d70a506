"""Autosave: the working draft is written to the store's recovery area at most every 2 seconds while it
changes, and on close; after a crash the next start finds it there and offers it back.

Each window has its own recovery slot, named after the machine and process that own it, so that a second
window or program never overwrites another's, and a start offers only what a process that is gone left.
The clock is injected, so that tests (and the GUI's timer) decide when time passes.
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
        if self.store.read_only is not None:
            return False  # nothing can be written there; the work stays in the window, which asks before closing
        filing, draft_id, base_version = self._pending
        try:
            self.store.write_autosave(self.slot, filing, draft_id, base_version)
        except StoreError:
            log.exception("autosave failed")
            self._last_write = self.clock()  # try again after the interval, not on every tick (a full disk)
            return False
        self._pending = None
        self._written = True
        self._last_write = self.clock()
        self.writes += 1
        return True

    def saved(self) -> None:
        """The user saved (or discarded) the draft, or undid back to what is saved: nothing to recover."""
        self._pending = None
        if self._written:
            try:
                self.store.clear_autosave(self.slot)
            except StoreError:
                log.exception("clearing the autosave failed")
                return
            self._written = False
