"""Every dialog the app shows, answered by the test that expects it: a test says which dialogs it expects,
in order, and with what answer; an unexpected dialog, or an expected one that never came, fails the test.

The app shows its dialogs only through `form4_desktop.gui.dialogs`, which this replaces.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import pytest

from form4_desktop.gui import dialogs


@dataclass
class Expected:
    kind: str  # ask, pick, tell, text, choose, save_file, open_file, folder, run
    title: str  # a part of the dialog's title (or, for run, of its window title)
    answer: Any  # the answer, or a callable given what the dialog showed
    text: str = ""  # a part of its text that must be there


@dataclass
class Script:
    expected: list[Expected] = field(default_factory=list)
    shown: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, title, text) of each dialog seen
    problems: list[str] = field(default_factory=list)

    def expect(self, kind: str, title: str, answer: Any, text: str = "") -> "Script":
        self.expected.append(Expected(kind, title, answer, text))
        return self

    def _answer(self, kind: str, title: str, text: str, default: Any, shown: Any = None) -> Any:
        self.shown.append((kind, title, text))
        if not self.expected:
            self.problems.append(f"unexpected {kind} dialog {title!r}: {text!r}")
            return default
        want = self.expected.pop(0)
        if want.kind != kind or want.title not in title or want.text not in text:
            self.problems.append(
                f"expected {want.kind} {want.title!r} (with {want.text!r}), got {kind} {title!r}: {text!r}"
            )
            return default
        answer = want.answer
        return answer(shown if shown is not None else text) if callable(answer) else answer

    def check(self) -> None:
        problems = self.problems + [f"expected {e.kind} dialog {e.title!r} never came" for e in self.expected]
        self.problems, self.expected = [], []
        if problems:
            pytest.fail("; ".join(problems))


def install(monkeypatch) -> Script:
    script = Script()
    monkeypatch.setattr(
        dialogs,
        "ask",
        lambda parent, title, text, buttons=None, default=None: script._answer(
            "ask", title, text, dialogs.Button.Cancel
        ),
    )
    monkeypatch.setattr(
        dialogs,
        "pick",
        lambda parent, title, text, labels, default=0: script._answer(
            "pick", title, text + " [" + " | ".join(labels) + "]", None, labels
        ),
    )
    monkeypatch.setattr(
        dialogs, "tell", lambda parent, title, text, level="warning": script._answer("tell", title, text, None)
    )
    monkeypatch.setattr(
        dialogs, "text", lambda parent, title, label, value="": script._answer("text", title, label, None, value)
    )
    monkeypatch.setattr(
        dialogs,
        "choose",
        lambda parent, title, label, items, current=0: script._answer(
            "choose", title, label + " " + " | ".join(items), None, items
        ),
    )
    monkeypatch.setattr(
        dialogs,
        "save_file",
        lambda parent, title, start, filter_: script._answer("save_file", title, start, None, start),
    )
    monkeypatch.setattr(
        dialogs,
        "open_file",
        lambda parent, title, start, filter_: script._answer("open_file", title, start, None, start),
    )
    monkeypatch.setattr(
        dialogs, "folder", lambda parent, title, start: script._answer("folder", title, start, None, start)
    )

    def run(dialog) -> int:
        dialog.show()
        result = script._answer("run", dialog.windowTitle(), "", 0, dialog)
        dialog.close()
        return int(result or 0)

    monkeypatch.setattr(dialogs, "run", run)
    return script


Answer = Callable[[Any], Any]
