"""A team store's autosaves kept on this computer while its server cannot be reached.

A window on a team store autosaves into the store's recovery area on the server (`autosaves`). When the server is
gone (the network, a restart), what the user types must not depend on it: each autosave is then written here, one
file per window's slot, in a folder of the user's own (`platformdirs.user_data_dir`, or `$FORM4_RECOVERY_DIR`),
one subfolder per team store. Once the server takes an autosave again the file goes; after a crash the next start
offers it back with the server's own entries (`PostgresStore.autosaves`).

The files hold what the draft holds, CCCs included (a filer's draft): folder and files are the user's only
(0700 and 0600), each written whole (a temporary file renamed into place), and forgetting a CCC erases it here too.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile

import platformdirs

from form4_desktop.model import Filing
from form4_desktop.store.codec import CodecError, filing_from_json, filing_to_json
from form4_desktop.store.database import StoreError, now_text

log = logging.getLogger("form4_desktop.store")

APP_NAME = "form4-desktop"
FOLDER = "team-store-recovery"


def recovery_root() -> str:
    """Where the autosaves of every team store are kept on this computer."""
    override = os.environ.get("FORM4_RECOVERY_DIR")
    if override:
        return override
    return os.path.join(platformdirs.user_data_dir(APP_NAME, appauthor=False), FOLDER)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


class LocalRecovery:
    """The autosaves of the team store `shown` (its address without a password) kept on this computer."""

    def __init__(self, shown: str, root: str | None = None):
        self.shown = shown
        self.folder = os.path.join(root or recovery_root(), _digest(shown))

    def _path(self, slot: str) -> str:
        return os.path.join(self.folder, _digest(slot) + ".json")

    def write(self, slot: str, filing: Filing, draft_id: int | None, base_version: int | None) -> None:
        """Keep the autosave of `slot`, replacing the one kept before; StoreError when it cannot be written."""
        record = {
            "store": self.shown,
            "slot": slot,
            "draft_id": draft_id,
            "base_version": base_version,
            "saved_at": now_text(),
            "content": filing_to_json(filing),
        }
        data = json.dumps(record).encode("utf-8")
        temporary = None
        try:
            os.makedirs(self.folder, mode=0o700, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".autosave-", suffix=".part")
            try:
                os.write(handle, data)
                os.fsync(handle)
            finally:
                os.close(handle)
            os.replace(temporary, self._path(slot))  # mkstemp made it 0600
            temporary = None
        except OSError as error:
            raise StoreError(
                f"The team store {self.shown} cannot be reached, and your unsaved changes cannot be kept on this "
                f"computer either ({self.folder}: {error.strerror or error}); they are still in your window."
            ) from None
        finally:
            if temporary is not None:
                try:
                    os.unlink(temporary)
                except OSError:
                    pass

    def remove(self, slot: str) -> bool:
        """Drop the autosave of `slot`; True if there was one."""
        try:
            os.unlink(self._path(slot))
            return True
        except FileNotFoundError:
            return False
        except OSError as error:
            log.warning("the autosave kept on this computer for %s cannot be removed: %s", self.shown, error)
            return False

    def _records(self) -> list[tuple[str, dict]]:
        try:
            names = sorted(name for name in os.listdir(self.folder) if name.endswith(".json"))
        except OSError:
            return []
        records = []
        for name in names:
            path = os.path.join(self.folder, name)
            try:
                with open(path, encoding="utf-8") as stream:
                    record = json.load(stream)
                if not isinstance(record, dict) or record.get("store") != self.shown:
                    continue
                records.append((path, record))
            except (OSError, ValueError) as error:
                log.warning("an autosave kept on this computer (%s) cannot be read: %s", path, error)
        return records

    def entries(self) -> list[tuple[str, int | None, int | None, str, Filing]]:
        """(slot, draft_id, base_version, saved_at, filing) of every autosave kept here."""
        found = []
        for path, record in self._records():
            try:
                filing = filing_from_json(record["content"])
                found.append((record["slot"], record["draft_id"], record["base_version"], record["saved_at"], filing))
            except (KeyError, TypeError, CodecError) as error:
                log.warning("an autosave kept on this computer (%s) cannot be read: %s", path, error)
        return found

    def forget_ccc(self, cik: str) -> int:
        """Erase the CCC of the reporting owner with this CIK (no zeros in front) from every autosave kept here;
        how many held it."""
        from form4_desktop.store.drafts import _without_ccc

        changed = 0
        for _path, record in self._records():
            content = _without_ccc(record.get("content", ""), cik)
            if content is None:
                continue
            filing = filing_from_json(content)
            self.write(record["slot"], filing, record.get("draft_id"), record.get("base_version"))
            changed += 1
        return changed
