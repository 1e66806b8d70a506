"""How the user is asked for a team store's password when libpq's own places (the password file ~/.pgpass or
$PGPASSFILE, a service file) give none: the app's dialog, set with `set_password_prompt`; else the terminal's
prompt (getpass, without echo), and only on a terminal. Kept apart from store/postgres.py so that the app can set
its prompt without loading psycopg."""

from __future__ import annotations

import getpass
import sys
from typing import Callable

# (the address shown, what went wrong with the password given before, or "") -> the password typed, or None (not
# given: nobody to ask, or the user cancelled)
PasswordPrompt = Callable[[str, str], "str | None"]
_prompt: PasswordPrompt | None = None


def set_password_prompt(prompt: PasswordPrompt | None) -> None:
    """How the user is asked for a team store's password (the app's dialog); None: the terminal's prompt."""
    global _prompt
    _prompt = prompt


def password_prompt() -> PasswordPrompt:
    return _prompt or terminal_password


def terminal_password(shown: str, problem: str) -> str | None:
    """Ask for the password on the terminal, without echoing it; None when there is no terminal to ask on."""
    if sys.stdin is None or not sys.stdin.isatty():
        return None
    if problem:
        print(f"form4: {problem}", file=sys.stderr)
    return getpass.getpass(f"Password for the team store {shown}: ")
