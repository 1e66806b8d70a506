"""Use cases (open, save, validate, export, amend) shared by the desktop app and the command line."""
