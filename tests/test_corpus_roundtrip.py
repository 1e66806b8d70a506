"""Every real filing converts to a v5.5 record copy that says exactly what the original said."""

from __future__ import annotations

import pytest

from conftest import CORPUS
from form4_desktop.edgar_xml import Copy, read_file, write_bytes
from form4_desktop.edgar_xml.canonical import compare_bytes
from form4_desktop.edgar_xml.parsing import parse_untrusted
from form4_desktop.edgar_xml.schema import schema_problems


def test_the_whole_corpus_is_here():
    # 285 Form 4, 20 Form 3, 2 Form 5 (shared/corpus/README.md)
    assert len(CORPUS) == 307


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_record_copy_is_valid_and_equal_to_the_original(path):
    filing = read_file(path)
    written = write_bytes(filing, Copy.RECORD)
    assert schema_problems(parse_untrusted(written, "written"), filing.document_type) == []
    assert compare_bytes(path.read_bytes(), written) == []
    # Reading our own output gives the same filing back (the schema version aside).
    again = read_file_bytes(written)
    again.schema_version = filing.schema_version
    if filing.aff10b5_one is None and filing.form != "3":  # the 10b5-1 box a pre-2023 filing gains
        assert again.aff10b5_one is False
        again.aff10b5_one = None
    assert again == filing


def read_file_bytes(data: bytes):
    from form4_desktop.edgar_xml import read_filing

    return read_filing(data, "written")
