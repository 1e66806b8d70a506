"""Start-up: from launching `form4-desktop --smoke-test` on a store of 1,000 drafts to its main window being
painted, as a ratio to a bare QApplication with an empty QMainWindow started the same way (a fresh process,
timed until its first paint) in the same run. Goal: <= 1.5x."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from form4_desktop.edgar_xml import read_file
from form4_desktop.store import DraftStore

ROOT = Path(__file__).resolve().parent.parent
BARE = """
import sys, time
start = time.perf_counter()
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
class First(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, app.quit)
        return False
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
watch = First()
window.installEventFilter(watch)
window.show()
app.exec()
"""


def timed(command: list[str], runs: int = 7) -> float:
    samples = []
    environment = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=environment, timeout=120)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "drafts.sqlite3"
        templates = [read_file(p) for p in sorted((ROOT / "tests" / "data" / "corpus").glob("*.xml"))[:50]]
        with DraftStore(path) as store:
            store._db.execute("PRAGMA synchronous = NORMAL")  # filling only
            for n in range(1000):
                store.create(templates[n % len(templates)])
        app = timed([sys.executable, "-m", "form4_desktop.gui", "--smoke-test", "--store", str(path)])
        bare = timed([sys.executable, "-c", BARE])
    print("start to painted window, whole process, median of 7 (offscreen)")
    print(f"  form4-desktop, 1,000 drafts:   {app:7.0f} ms")
    print(f"  bare QApplication + QMainWindow: {bare:7.0f} ms")
    print(f"  ratio: {app / bare:.2f}x (goal <= 1.5x)")


if __name__ == "__main__":
    main()
