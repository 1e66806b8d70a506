"""Saves one draft in a loop and reports each committed save on stdout; the parent kills it at random."""

import sys

from form4_desktop.store import DraftStore

with DraftStore(sys.argv[1]) as store:
    draft_id = int(sys.argv[2])
    opened = store.open(draft_id)
    version, filing = opened.version, opened.filing
    print("ready", flush=True)
    while True:
        filing.remarks = f"save after version {version}"
        version = store.save(draft_id, filing, version)
        print(version, flush=True)  # only after COMMIT returned
