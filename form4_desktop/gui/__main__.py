"""`python -m form4_desktop.gui`: the same as `form4-desktop`."""

from form4_desktop.gui.main import run

run()
