"""The one base class of errors a user may see.

`str(error)` is one plain sentence naming the file, the box or the draft and what is wrong; the GUI shows it
as it is and the command line prints it, and neither shows a traceback for it. Anything else that escapes is
a bug: it is logged with its traceback and the user is told where the log is.
"""


class UserError(Exception):
    """An error whose message is one sentence a user can act on."""
