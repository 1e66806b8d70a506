"""Errors of the EDGAR XML layer: each carries one sentence a user can act on."""

from form4_desktop.errors import UserError


class EdgarXmlError(UserError):
    """Base class: `str(error)` is one plain sentence naming the file or field."""


class ReadError(EdgarXmlError):
    """A file could not be read as an ownership document."""


class WriteError(EdgarXmlError):
    """A document was not written because EDGAR would refuse it."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or []
