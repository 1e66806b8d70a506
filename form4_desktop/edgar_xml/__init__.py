"""EDGAR ownership XML: read any real filing, write the submission and record copies (schema v5.5)."""

from form4_desktop.edgar_xml.errors import EdgarXmlError, ReadError, WriteError
from form4_desktop.edgar_xml.reader import read_file, read_filing
from form4_desktop.edgar_xml.writer import Copy, write_bytes

__all__ = ["Copy", "EdgarXmlError", "ReadError", "WriteError", "read_file", "read_filing", "write_bytes"]
