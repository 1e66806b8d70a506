"""What is wrong with an ownership XML file as it stands, beyond what its model shows.

The reader repairs what it can (a namespace, a sign, an empty date wrapper) and the writer always writes
a clean document; but a user who runs `form4 check` on a file wants to know whether EDGAR would take
*that file*. So the original document is also validated against the v5.5 schema. A copy EDGAR itself
disseminated is judged as of its day: one filed before April 2023 lacks the 10b5-1 box, and one from
before v5.5 may carry a foreign code in `rptOwnerState`; neither counts against it.
"""

from __future__ import annotations

from lxml import etree

from form4_desktop.edgar_xml.canonical import move_foreign_state, strip_namespaces
from form4_desktop.edgar_xml.parsing import remove_keeping_tail
from form4_desktop.edgar_xml.schema import schema_problems
from form4_desktop.edgar_xml.writer import predates_10b5_box
from form4_desktop.model import Filing


def original_schema_problems(root: etree._Element, filing: Filing) -> list[str]:
    """How the file as written breaks the v5.5 schema of its document type, as 'path: message'."""
    root = etree.fromstring(etree.tostring(root))
    strip_namespaces(root)  # reported by the reader already
    for pi in list(root.iter(etree.ProcessingInstruction)):  # reported by the reader; its value still counts
        remove_keeping_tail(pi)
    if filing.form in ("4", "5") and root.find("aff10b5One") is None and predates_10b5_box(filing):
        owners = root.findall("reportingOwner")
        if owners:
            box = etree.Element("aff10b5One")
            box.text = "0"
            owners[-1].addnext(box)
    if filing.is_disseminated_copy:
        move_foreign_state(root)
    return schema_problems(root, filing.document_type)
