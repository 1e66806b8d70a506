"""The submission copy carries each owner's CCC, a secret: it is written readable by the user only (0600),
whatever the umask, and even over a file that was readable by everyone."""

from __future__ import annotations

import os
import stat

import pytest

from conftest import REFERENCE
from form4_desktop.app import documents
from form4_desktop.edgar_xml import Copy
from test_rules import draft


@pytest.fixture
def open_umask():
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_export_writes_the_submission_copy_owner_only_under_umask_000(tmp_path, open_umask):
    submission, record = tmp_path / "submission.xml", tmp_path / "record.xml"
    documents.export_xml(draft(), submission, Copy.SUBMISSION)
    documents.export_xml(draft(), record, Copy.RECORD)
    assert b"<rptOwnerCcc>" in submission.read_bytes()
    assert mode(submission) == 0o600
    assert mode(record) == 0o666  # no secret in it: the umask decides


def test_a_world_readable_file_replaced_by_a_submission_copy_becomes_owner_only(tmp_path, open_umask):
    target = tmp_path / "submission.xml"
    target.write_text("old")
    os.chmod(target, 0o644)
    documents.export_xml(draft(), target, Copy.SUBMISSION)
    assert mode(target) == 0o600


def test_convert_to_a_submission_copy_is_owner_only_too(tmp_path, open_umask):
    source = tmp_path / "draft.xml"
    source.write_text(
        REFERENCE.read_text().replace("<rptOwnerName>", "<rptOwnerCcc>x1#9abcd</rptOwnerCcc>\n      <rptOwnerName>")
    )
    target = tmp_path / "submission.xml"
    documents.convert(source, target, Copy.SUBMISSION)
    assert mode(target) == 0o600
