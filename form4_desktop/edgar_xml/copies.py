"""The two copies of an ownership document this program writes (see writer.py)."""

import enum


class Copy(enum.Enum):
    RECORD = "record"  # as EDGAR disseminates it: names, no CCC
    SUBMISSION = "submission"  # what a filer sends: no names, the CCC
