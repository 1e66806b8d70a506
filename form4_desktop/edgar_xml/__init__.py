"""EDGAR ownership XML: read any real filing, write the submission and record copies (schema v5.5).

The reader and writer (and lxml) load on first use, so that the desktop app starts without them.
"""

from form4_desktop.edgar_xml.copies import Copy
from form4_desktop.edgar_xml.errors import EdgarXmlError, ReadError, WriteError

__all__ = ["Copy", "EdgarXmlError", "ReadError", "WriteError", "read_file", "read_filing", "write_bytes"]


def __getattr__(name: str):
    if name in ("read_file", "read_filing"):
        from form4_desktop.edgar_xml import reader

        return getattr(reader, name)
    if name == "write_bytes":
        from form4_desktop.edgar_xml.writer import write_bytes

        return write_bytes
    raise AttributeError(name)
