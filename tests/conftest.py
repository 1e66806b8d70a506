from __future__ import annotations

import os
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
CORPUS = sorted((DATA / "corpus").glob("*.xml"))
REFERENCE = DATA / "reference-form4.xml"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # tests never need a screen

# The log goes to a temporary folder, never to the developer's own.
os.environ.setdefault("FORM4_LOG_DIR", str(Path(__file__).parent / ".." / ".pytest_cache" / "logs"))


@pytest.fixture
def reference_path() -> Path:
    return REFERENCE


@pytest.fixture
def reference_filing():
    from form4_desktop.edgar_xml import read_file

    return read_file(REFERENCE)
