"""Writing files so that a crash or a full disk never leaves a half-written one behind."""

from __future__ import annotations

import os
import stat
import tempfile

from form4_desktop.errors import UserError


class OutputError(UserError):
    """An output file could not be written; the message is one sentence naming it."""


def _default_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomically(path: str | os.PathLike[str], data: bytes, mode: int | None = None) -> None:
    """Write `data` to `path` through a temporary file in the same folder, then rename it into place.

    A symbolic link is written through (its target is replaced); anything that is not a regular file
    (a folder, a device, a pipe) is refused. The new file keeps the old one's permissions, or gets
    `mode`, or the usual permissions under the user's umask.
    """
    name = os.fspath(path)
    target = os.path.realpath(name)
    try:
        existing = os.stat(target)
    except FileNotFoundError:
        existing = None
    except OSError as error:
        raise OutputError(f"{name} cannot be written: {error.strerror or error}.") from None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        what = "a folder" if stat.S_ISDIR(existing.st_mode) else "not a regular file"
        raise OutputError(f"{name} is {what}; give the name of a file to write.")
    if mode is None:
        mode = stat.S_IMODE(existing.st_mode) if existing is not None else _default_mode()
    folder = os.path.dirname(target)
    try:
        handle, temporary = tempfile.mkstemp(prefix=".form4-", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise OutputError(f"{name} cannot be written: the folder {folder} does not exist.") from None
    except OSError as error:
        raise OutputError(f"{name} cannot be written: {error.strerror or error}.") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as error:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(error, OSError):
            raise OutputError(f"{name} cannot be written: {error.strerror or error}.") from None
        raise
