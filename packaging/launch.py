"""The bundle's entry point: the desktop app, or the `form4` command line when called as `form4-desktop cli ...`."""

import sys

if len(sys.argv) > 1 and sys.argv[1] == "cli":
    from form4_desktop.cli import main as cli_main

    sys.exit(cli_main(sys.argv[2:]))

from form4_desktop.gui.main import run  # noqa: E402

run()
