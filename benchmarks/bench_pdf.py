"""PDF speed: milliseconds per PDF for a typical filing (the reference Form 4) and a maximal one (10 owners,
30 + 30 rows, 99 footnotes). Where Chromium is installed, the same run times the path a user would otherwise
take -- the SEC's stylesheet 4_X09.xsl applied with lxml, the HTML printed to PDF by headless Chromium -- and
reports the ratio (goal: ours at least 20x faster). Without Chromium it says so and skips that part."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from lxml import etree

from timing import median_ms  # noqa: E402 - benchmarks/ is on the path when run
from form4_desktop.edgar_xml import Copy, read_file, write_bytes
from form4_desktop.model.examples import maximal_form4
from form4_desktop.pdf import render_pdf

ROOT = Path(__file__).resolve().parent.parent
STYLESHEETS = [ROOT.parent / "shared" / "spec" / "xsd", ROOT / "benchmarks" / "xsl"]
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
]


def sec_path_ms(filing, runs: int = 5) -> float | None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    folder = next((path for path in STYLESHEETS if (path / "4_X09.xsl").exists()), None)
    if not chromium or folder is None:
        print(
            "  SEC path: skipped ("
            + (
                "Chromium is not installed"
                if not chromium
                else "4_X09.xsl is not here (it lives in ../shared/spec/xsd)"
            )
            + ")"
        )
        return None
    transform = etree.XSLT(etree.parse(str(folder / "4_X09.xsl")))
    document = etree.fromstring(write_bytes(filing, Copy.RECORD))
    with tempfile.TemporaryDirectory() as temporary:
        html, pdf = Path(temporary) / "form.html", Path(temporary) / "form.pdf"
        profile = Path(temporary) / "profile"

        def sec() -> None:
            html.write_bytes(etree.tostring(transform(document), method="html"))
            subprocess.run(
                [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", html.as_uri()],
                check=True,
                capture_output=True,
                timeout=120,
            )
            assert pdf.stat().st_size > 0

        return median_ms(sec, runs)


def main() -> None:
    typical = read_file(ROOT / "tests" / "data" / "reference-form4.xml")
    maximal = maximal_form4()
    for label, filing in (
        ("typical (reference Form 4)", typical),
        ("maximal (10 owners, 30+30 rows, 99 notes)", maximal),
    ):
        pages = render_pdf(filing).count(b"/Type /Page\n") or render_pdf(filing).count(b"/Type /Page")
        ours = median_ms(lambda: render_pdf(filing), 10 if filing is maximal else 30)
        print(f"{label}: ours {ours:8.1f} ms per PDF ({pages} pages)")
        theirs = sec_path_ms(filing)
        if theirs is not None:
            print(
                f"  SEC path (4_X09.xsl + headless Chromium print): {theirs:8.1f} ms; ratio {theirs / ours:.1f}x "
                f"(goal >= 20x)"
            )


if __name__ == "__main__":
    sys.exit(main())
