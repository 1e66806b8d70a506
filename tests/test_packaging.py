"""The packaging files agree with the program: one version, one icon, a launcher that names the app."""

from __future__ import annotations

import configparser
import re
from pathlib import Path

from lxml import etree

from form4_desktop import __version__

ROOT = Path(__file__).parent.parent
LINUX = ROOT / "packaging" / "linux"


def test_the_metainfo_release_is_the_program_version():
    metainfo = etree.parse(str(LINUX / "io.github.form4desktop.Form4Desktop.metainfo.xml"))
    assert metainfo.find("releases/release").get("version") == __version__
    assert metainfo.findtext("launchable") == "io.github.form4desktop.Form4Desktop.desktop"


def test_the_desktop_file_starts_the_gui_script():
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.read(LINUX / "io.github.form4desktop.Form4Desktop.desktop")
    entry = desktop["Desktop Entry"]
    assert entry["Exec"].split()[0] == "form4-desktop" and entry["Icon"] == "form4-desktop"
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert re.search(r'^form4-desktop = "form4_desktop\.gui\.main:run"$', pyproject, re.M)


def test_the_window_icon_is_the_resources_svg_and_every_png_size_is_there():
    source = ROOT / "resources" / "icons" / "form4-desktop.svg"
    assert (ROOT / "form4_desktop" / "gui" / "form4-desktop.svg").read_bytes() == source.read_bytes()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        png = ROOT / "resources" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "form4-desktop.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", png
