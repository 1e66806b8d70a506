"""The printed Form 4: every value, footnote, remark and signature is on the paper, page after page."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import CORPUS, DATA, REFERENCE
from form4_desktop.cli import main
from form4_desktop.edgar_xml import read_file
from form4_desktop.model import DerivativeTransaction, Filing, Footnoted, NonDerivativeTransaction
from form4_desktop.model.examples import maximal_form4
from form4_desktop.pdf import format_amount, format_date, format_price, render_pdf
from form4_desktop.pdf.form4 import WATERMARK
from test_rules import draft

FORM4S = [path for path in CORPUS if b"<documentType>4</documentType>" in path.read_bytes()]
_SPACE = re.compile(r"\s+")


def pages_text(pdf: bytes) -> list[str]:
    return [_SPACE.sub(" ", page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages]


def found(text: str, needle: str) -> bool:
    """On the page as one run, or (a cell that wrapped onto more lines) word by word."""
    needle = _SPACE.sub(" ", needle).strip()
    return needle in text or all(word in text for word in needle.split(" "))


def _box_texts(box: Footnoted | None, render=str) -> list[str]:
    if box is None:
        return []
    texts = [f"({i[1:]})" for i in box.footnote_ids]
    if box.value not in (None, ""):
        texts.append(render(box.value))
    return texts


def expected_texts(filing: Filing) -> list[str]:
    """Everything of the filing that the printed form must show, as the form writes it."""
    texts = [filing.issuer.name or "", filing.issuer.trading_symbol, format_date(filing.period_of_report)]
    for owner in filing.reporting_owners:
        texts += [owner.name or ""]
        if owner.address:
            texts += [
                owner.address.street1 or "",
                owner.address.street2 or "",
                owner.address.city or "",
                owner.address.zip_code or "",
            ]
        texts += [owner.relationship.officer_title or "", owner.relationship.other_text or ""]
    for row in (*filing.table_i, *filing.table_ii):
        texts += _box_texts(row.security_title)
        texts += _box_texts(row.shares_owned_following, format_amount)
        texts += _box_texts(row.value_owned_following, format_price)
        texts += _box_texts(row.ownership.direct_or_indirect) + _box_texts(row.ownership.nature_of_ownership)
        if isinstance(row, (NonDerivativeTransaction, DerivativeTransaction)):
            texts += _box_texts(row.transaction_date, format_date) + _box_texts(row.deemed_execution_date, format_date)
            texts += _box_texts(row.price_per_share, format_price)
            texts += _box_texts(row.shares, format_amount)
            if row.coding:
                texts += [row.coding.code] + [f"({i[1:]})" for i in row.coding.footnote_ids]
            if isinstance(row, NonDerivativeTransaction):
                texts += _box_texts(row.acquired_disposed)
            else:
                texts += _box_texts(row.total_value, format_price)
        if hasattr(row, "underlying"):
            texts += _box_texts(row.conversion_or_exercise_price, format_price)
            texts += _box_texts(row.exercise_date, format_date) + _box_texts(row.expiration_date, format_date)
            texts += _box_texts(row.underlying.title) + _box_texts(row.underlying.shares, format_amount)
            texts += _box_texts(row.underlying.value, format_price)
    texts += [footnote.text for footnote in filing.footnotes]
    texts += [filing.remarks or ""]
    for signature in filing.signatures:
        texts += [signature.name, format_date(signature.date)]
    return [text for text in texts if text]


@pytest.mark.parametrize("path", FORM4S, ids=[p.name for p in FORM4S])
def test_every_value_of_every_form4_is_printed(path):
    filing = read_file(path)
    text = " ".join(pages_text(render_pdf(filing)))
    missing = [needle for needle in expected_texts(filing) if not found(text, needle)]
    assert missing == []


def test_the_corpus_has_the_form4s():
    assert len(FORM4S) == 285


def test_a_maximal_filing_paginates_with_headings_on_every_page():
    filing = maximal_form4()
    pages = pages_text(render_pdf(filing))
    total = len(pages)
    assert total >= 4
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in text
        if "Common Stock" in text and "12.3456" in text:  # a page of Table I rows
            assert "1. Title of Security (Instr. 3)" in text and "Table I - Non-Derivative" in text
        if "Stock Option (right to buy)" in text:  # a page of Table II rows
            assert "1. Title of Derivative Security (Instr. 3)" in text
    everything = " ".join(pages)
    assert [needle for needle in expected_texts(filing) if not found(everything, needle)] == []
    for owner in filing.reporting_owners:
        assert owner.name in everything


def test_the_ccc_is_never_printed():
    filing = draft()
    assert filing.reporting_owners[0].ccc
    assert filing.reporting_owners[0].ccc not in " ".join(pages_text(render_pdf(filing)))


def test_copies_and_the_draft_watermark():
    single = pages_text(render_pdf(draft()))
    tripled = pages_text(render_pdf(draft(), copies=3, draft=True))
    assert len(tripled) == 3 * len(single)
    assert f"Copy 2 of 3 — Page 1 of {len(single)}" in tripled[len(single)]
    assert all(WATERMARK in page for page in tripled)
    assert not any(WATERMARK in page for page in single)


def test_the_font_is_embedded():
    reader = PdfReader(io.BytesIO(render_pdf(draft())))
    fonts = {}
    for page in reader.pages:
        for name, font in page["/Resources"]["/Font"].items():
            fonts[name] = font.get_object()
    assert fonts
    for font in fonts.values():
        descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor.get_object(), font


def test_formatting_follows_the_sec_stylesheet():
    assert format_amount(Decimal("125000")) == "125,000"
    assert format_amount(Decimal("12.5")) == "12.50"
    assert format_amount(Decimal("12.3450")) == "12.345"
    assert format_amount(Decimal("0.0000")) == "0"
    assert format_price(Decimal("25.1")) == "$25.10"
    assert format_date(date(2023, 1, 9)) == "01/09/2023"


def test_a_value_given_only_by_a_footnote_reads_n():
    text = " ".join(pages_text(render_pdf(read_file(REFERENCE))))
    assert "Restricted Stock Grant (2) 01/09/2023" in text or "(2) 01/09/2023" in text


def test_render_command(tmp_path, capsys):
    out = tmp_path / "form.pdf"
    assert main(["render", str(REFERENCE), str(out), "--copies", "2"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert len(PdfReader(out).pages) == 2 * len(PdfReader(io.BytesIO(render_pdf(read_file(REFERENCE)))).pages)
    assert main(["render", str(tmp_path / "missing.xml"), str(out)]) == 2
    for bad in ("0", "zero", "100"):
        with pytest.raises(SystemExit):
            main(["render", str(REFERENCE), str(out), "--copies", bad])
    assert "not a number of copies from 1 to 99" in capsys.readouterr().err


def test_export_a_draft_as_pdf(tmp_path):
    store = tmp_path / "drafts.sqlite3"
    assert main(["import", str(REFERENCE), "--store", str(store)]) == 0
    out = tmp_path / "draft.pdf"
    assert main(["export", "1", "--pdf", str(out), "--store", str(store)]) == 0
    assert "CRAGUN KENNETH S" in " ".join(pages_text(out.read_bytes()))


def page_image(pdf: bytes, tmp_path: Path, dpi: int = 30):
    from PIL import Image

    source = tmp_path / "page.pdf"
    source.write_bytes(pdf)
    assert shutil.which("pdftoppm"), "pdftoppm is missing: run scripts/setup-system (poppler-utils)"
    subprocess.run(
        ["pdftoppm", "-png", "-gray", "-r", str(dpi), "-f", "1", "-l", "1", str(source), str(tmp_path / "page")],
        check=True,
    )
    [png] = tmp_path.glob("page-*.png")
    return Image.open(png).convert("L")


def difference(one, other) -> float:
    from PIL import ImageChops, ImageStat

    assert one.size == other.size
    return ImageStat.Stat(ImageChops.difference(one, other)).mean[0] / 255


REFERENCE_IMAGE = DATA / "pdf" / "reference-form4-page1.png"


def test_page_one_looks_like_the_reviewed_reference(tmp_path):
    from PIL import Image

    rendered = page_image(render_pdf(read_file(REFERENCE)), tmp_path)
    reviewed = Image.open(REFERENCE_IMAGE).convert("L")
    assert difference(rendered, reviewed) < 0.01
    # The comparison notices a real change: the same page without Table II's rows.
    changed = read_file(REFERENCE)
    changed.table_ii = []
    changed.footnotes = changed.footnotes[:1]
    (tmp_path / "page-1.png").unlink()
    assert difference(page_image(render_pdf(changed), tmp_path), reviewed) > 0.01


def test_a_us_address_prints_the_state_code_and_no_country():
    text = " ".join(pages_text(render_pdf(read_file(REFERENCE))))
    assert "LAS VEGAS NV 89141 (City) (State) (Zip)" in text  # box 1, as EDGAR shows it
    assert "SUITE 240 LAS VEGAS NV 89141" in text  # Reporting Owners
    assert "NEVADA" not in text and "(Country)" not in text
    assert "UNITED STATES" not in text.replace("UNITED STATES SECURITIES AND EXCHANGE COMMISSION", "")


def test_a_non_us_address_prints_the_region_and_the_country_name():
    filing = read_file(REFERENCE)
    address = filing.reporting_owners[0].address
    address.non_us_address, address.state, address.country = True, None, "X0"
    address.city, address.non_us_state_territory, address.zip_code = "LONDON", "GREATER LONDON", "SW1A 1AA"
    text = " ".join(pages_text(render_pdf(filing)))
    assert "LONDON GREATER LONDON SW1A 1AA (City) (State) (Zip) UNITED KINGDOM (Country)" in text
    assert "LONDON GREATER LONDON SW1A 1AA UNITED KINGDOM" in text  # Reporting Owners


# Each box given far more than EDGAR allows in it (the checks report that; printing must still work).
OVER_THE_LIMITS = {
    "city": lambda f, text: setattr(f.reporting_owners[0].address, "city", text),
    "owner name": lambda f, text: setattr(f.reporting_owners[0], "name", text),
    "issuer name": lambda f, text: setattr(f.issuer, "name", text),
    "officer title": lambda f, text: setattr(f.reporting_owners[0].relationship, "officer_title", text),
    "security title": lambda f, text: setattr(f.table_i[0].security_title, "value", text),
    "table ii title": lambda f, text: setattr(f.table_ii[0].security_title, "value", text),
    "nature of ownership": lambda f, text: setattr(f.table_ii[0].ownership, "nature_of_ownership", Footnoted(text)),
    "footnote": lambda f, text: setattr(f.footnotes[0], "text", text),
    "remarks": lambda f, text: setattr(f, "remarks", text),
    "signature": lambda f, text: setattr(f.signatures[0], "name", text),
}


@pytest.mark.parametrize("box", OVER_THE_LIMITS)
@pytest.mark.parametrize("text", ["LAS VEGAS " * 300, "X" * 5000, "A\n" * 3000], ids=["words", "one-word", "lines"])
def test_values_over_edgars_limits_still_print_visibly_cut(box, text):
    filing = read_file(REFERENCE)
    OVER_THE_LIMITS[box](filing, text)
    start = time.perf_counter()
    pdf = render_pdf(filing)
    assert time.perf_counter() - start < 1.0
    printed = " ".join(pages_text(pdf))
    assert "more characters not shown" in printed
    assert "CRAGUN KENNETH S" in printed or box == "owner name"  # the rest of the form is there


def test_a_huge_number_and_a_thousand_footnote_references_print(tmp_path):
    filing = read_file(REFERENCE)
    filing.table_i[0].shares.value = Decimal("9" * 2000)
    filing.table_i[0].coding.footnote_ids = ["F1"] * 2000
    start = time.perf_counter()
    text = " ".join(pages_text(render_pdf(filing)))
    assert time.perf_counter() - start < 1.0
    assert "more characters not shown" in text


def test_render_command_prints_a_1000_character_city(tmp_path):
    source = tmp_path / "long-city.xml"
    source.write_text(
        REFERENCE.read_text().replace(
            "<rptOwnerCity>LAS VEGAS</rptOwnerCity>", f"<rptOwnerCity>{'LAS VEGAS ' * 100}</rptOwnerCity>"
        )
    )
    out = tmp_path / "form.pdf"
    assert main(["render", str(source), str(out)]) == 0
    text = " ".join(pages_text(out.read_bytes()))
    assert "more characters not shown" in text and WATERMARK in text  # a draft: the city breaks EDGAR's limit
