"""Start-up: from launching `form4-desktop --smoke-test` on a store of 1,000 drafts to its main window being
painted, as a ratio to a bare QApplication with an empty QMainWindow started the same way (a fresh process) in the
same run. Goal: <= 1.5x. And the memory it takes: the peak RSS of each whole process, which for the app includes
whatever its start does after the first paint (--smoke-test waits for that before it quits), as a ratio to the
bare window's. Goal: <= 1.5x.

Each start is timed from launching the process to the line it prints once its first paint is over (read from a
pipe here, so the moment is the same for both), and to its end, for information. The app and the bare window are
started in turn, so that both see the same load; one untimed start of each first fills the disk cache and writes
any missing .pyc (PYTHONDONTWRITEBYTECODE is dropped for the children, as a user's start has it)."""

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
RUNS = 7
BARE = """
import sys, time
start = time.perf_counter()
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
class First(QObject):
    painted = False
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            QTimer.singleShot(0, shown)
        return False
def shown():
    print(f"shown in {(time.perf_counter() - start) * 1000:.0f} ms", flush=True)
    app.quit()
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
watch = First()
window.installEventFilter(watch)
window.show()
app.exec()
"""


class Start:
    """One start of a process: ms to its first paint (its "shown in" line), ms to its end, its peak RSS in MB."""

    def __init__(self, command: list[str], environment: dict[str, str]):
        with tempfile.TemporaryFile() as errors:
            begin = time.perf_counter()
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, env=environment)
            assert process.stdout is not None
            line = process.stdout.readline().decode()
            self.painted = (time.perf_counter() - begin) * 1000
            rest = process.stdout.read()
            _, status, usage = os.wait4(process.pid, 0)
            self.ended = (time.perf_counter() - begin) * 1000
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.returncode != 0 or not line.startswith("shown in "):
                errors.seek(0)
                raise RuntimeError(f"{command} failed ({process.returncode}): {line}{rest!r} {errors.read()!r}")
        # ru_maxrss: KiB on Linux, bytes on macOS
        self.rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):7.0f} (spread {min(values):.0f}-{max(values):.0f})"


def main() -> None:
    environment = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "drafts.sqlite3"
        templates = [read_file(p) for p in sorted((ROOT / "tests" / "data" / "corpus").glob("*.xml"))[:50]]
        with DraftStore(path) as store:
            store._db.execute("PRAGMA synchronous = NORMAL")  # filling only
            for n in range(1000):
                store.create(templates[n % len(templates)])
        commands = {
            "app": [sys.executable, "-m", "form4_desktop.gui", "--smoke-test", "--store", str(path)],
            "bare": [sys.executable, "-c", BARE],
        }
        for command in commands.values():
            Start(command, environment)  # warm-up
        load = os.getloadavg()[0]
        starts: dict[str, list[Start]] = {name: [] for name in commands}
        for _ in range(RUNS):
            for name, command in commands.items():
                starts[name].append(Start(command, environment))
    app, bare = starts["app"], starts["bare"]
    painted = {name: statistics.median(s.painted for s in runs) for name, runs in starts.items()}
    ratios = [a.painted / b.painted for a, b in zip(app, bare)]
    print(f"start to painted window, whole process, offscreen: median of {RUNS} starts in turn (load {load:.1f})")
    print(f"  form4-desktop, 1,000 drafts:     {summary([s.painted for s in app])} ms")
    print(f"  bare QApplication + QMainWindow: {summary([s.painted for s in bare])} ms")
    print(
        f"  ratio: {painted['app'] / painted['bare']:.2f}x (each pair {min(ratios):.2f}-{max(ratios):.2f}x; "
        "goal <= 1.5x)"
    )
    print(
        f"  to the process's end, for information: {statistics.median(s.ended for s in app):.0f} ms against "
        f"{statistics.median(s.ended for s in bare):.0f} ms"
    )
    rss = {name: statistics.median(s.rss for s in runs) for name, runs in starts.items()}
    print("memory after start: peak RSS of the whole process (the app's work after its first paint included)")
    print(f"  form4-desktop, 1,000 drafts:     {summary([s.rss for s in app])} MB")
    print(f"  bare QApplication + QMainWindow: {summary([s.rss for s in bare])} MB")
    print(f"  ratio: {rss['app'] / rss['bare']:.2f}x (goal <= 1.5x)")


if __name__ == "__main__":
    main()
