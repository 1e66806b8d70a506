"""A process killed in the middle of saving never corrupts the store or loses a committed save."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from form4_desktop.store import DraftStore
from test_rules import draft

CHILD = Path(__file__).parent / "crash_child.py"
KILLS = int(os.environ.get("FORM4_CRASH_KILLS", "200"))


def run_and_kill(path: Path, draft_id: int, delay: float) -> list[int]:
    """Start a saving child, kill it with SIGKILL `delay` seconds after it is ready; its committed versions."""
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(path), str(draft_id)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)},
    )
    assert child.stdout.readline().strip() == "ready"
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    remaining = child.communicate()[0]
    return [int(line) for line in remaining.split()]


def test_sigkill_while_saving_loses_nothing_committed(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    with DraftStore(path) as store:
        draft_id = store.create(draft())
    randomness = random.Random(20261124)
    reported_total = 0
    for kill in range(KILLS):
        committed = run_and_kill(path, draft_id, randomness.uniform(0.0, 0.03))
        reported_total += len(committed)
        with sqlite3.connect(path) as check:
            assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok", f"kill {kill}"
        check.close()
        with DraftStore(path) as store:
            current = store.open(draft_id)
            versions = {revision.version for revision in store.history(draft_id)}
            for version in committed:
                assert version in versions, f"kill {kill}: committed version {version} is missing"
            if committed:
                assert current.version >= committed[-1]
                assert store.revision(draft_id, committed[-1]).remarks == f"save after version {committed[-1] - 1}"
    assert reported_total > KILLS  # the kills really landed among saves, not before the first one
