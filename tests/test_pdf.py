"""The printed Forms 3, 4 and 5: every value, footnote, remark and signature is on the paper, page after page."""

from __future__ import annotations

import copy as copying
import io
import re
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import CORPUS, DATA, REFERENCE
from form4_desktop.cli import main
from form4_desktop.edgar_xml import read_file
from form4_desktop.model import Filing, Footnoted
from form4_desktop.model.examples import maximal_form4
from form4_desktop.pdf import format_amount, format_date, format_price, render_pdf
from form4_desktop.pdf import WATERMARK
from test_pdf_places import misplaced
from test_rules import draft

_SPACE = re.compile(r"\s+")


def pages_text(pdf: bytes) -> list[str]:
    return [_SPACE.sub(" ", page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages]


def found(text: str, needle: str) -> bool:
    """On the page as one run, or (a cell that wrapped onto more lines) word by word."""
    needle = _SPACE.sub(" ", needle).strip()
    return needle in text or all(word in text for word in needle.split(" "))


def expected_texts(filing: Filing) -> list[str]:
    """What the printed form must show outside Tables I and II (test_pdf_places checks each table value in its
    cell), as the form writes it."""
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
    texts += [footnote.text for footnote in filing.footnotes]
    texts += [filing.remarks or ""]
    for signature in filing.signatures:
        name = signature.name.strip()
        texts += [name[3:].strip() if name.lower().startswith("/s/") else name, format_date(signature.date)]
    return [text for text in texts if text]


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_every_value_outside_the_tables_is_printed(path):
    filing = read_file(path)
    text = " ".join(pages_text(render_pdf(filing)))
    missing = [needle for needle in expected_texts(filing) if not found(text, needle)]
    assert missing == []


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
    assert misplaced(filing) == []
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


def test_a_us_address_given_edgars_us_country_code_prints_as_a_us_address():
    filing = read_file(REFERENCE)
    filing.reporting_owners[0].address.non_us_address = False
    filing.reporting_owners[0].address.country = "X1"  # UNITED STATES in EDGAR's country codes
    text = " ".join(pages_text(render_pdf(filing)))
    assert "LAS VEGAS NV 89141 (City) (State) (Zip)" in text and "SUITE 240 LAS VEGAS NV 89141" in text
    assert "(Country)" not in text and "UNITED STATES" not in text.replace("UNITED STATES SECURITIES", "")


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
    pdf = render_pdf(filing)  # how fast: benchmarks/bench_pdf.py (a ratio to the typical form), not a timed test
    printed = " ".join(pages_text(pdf))
    assert "more characters not shown" in printed
    assert "CRAGUN KENNETH S" in printed or box == "owner name"  # the rest of the form is there


def test_a_huge_number_and_a_thousand_footnote_references_print(tmp_path):
    filing = read_file(REFERENCE)
    filing.table_i[0].shares.value = Decimal("9" * 2000)
    filing.table_i[0].coding.footnote_ids = ["F1"] * 2000
    text = " ".join(pages_text(render_pdf(filing)))  # how fast: benchmarks/bench_pdf.py
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


# -- the printed form's defects of issue 13, each with its test ---------------------------------------------------
LARGEST = Decimal("999999999999.9999")  # EDGAR's largest amount (RULES.md §3 decimal)


def at_the_largest_values(filing: Filing) -> Filing:
    """Every amount and price of the filing's tables at EDGAR's largest value, each with two footnote marks."""
    ids = [footnote.id for footnote in filing.footnotes[:2]] or []

    def widen(obj):
        for name, value in vars(obj).items():
            if isinstance(value, Footnoted) and isinstance(value.value, Decimal):
                setattr(obj, name, Footnoted(LARGEST, list(ids)))
            elif hasattr(value, "__dataclass_fields__"):
                widen(value)

    for row in (*filing.table_i, *filing.table_ii):
        widen(row)
    return filing


@pytest.mark.parametrize("which", ["form4", "form3", "form5", "maximal"])
def test_no_number_breaks_at_edgars_largest_values(which):
    from test_pdf_places import FORM3, FORM5

    source = {"form4": REFERENCE, "form3": FORM3, "form5": FORM5}.get(which)
    filing = at_the_largest_values(read_file(source) if source else maximal_form4())
    assert misplaced(filing) == []  # each number whole on one line of its own cell


def test_ten_million_and_more_in_real_filings_prints_whole():
    from test_pdf_places import FORMS

    big = [
        path
        for path, filing in FORMS.items()
        if any(
            isinstance(box, Footnoted) and isinstance(box.value, Decimal) and box.value >= 10_000_000
            for row in filing.table_ii
            for box in (row.shares_owned_following, getattr(row, "shares", None), row.underlying.shares)
        )
    ]
    assert len(big) >= 8
    for path in big:
        assert misplaced(FORMS[path]) == [], path.name


def test_a_manual_copy_has_a_blank_line_to_sign_and_a_conformed_copy_says_s():
    from test_pdf_places import read_pages

    filing = read_file(REFERENCE)
    assert filing.signatures[0].name == "/s/ Kenneth S. Cragun"
    manual = read_pages(render_pdf(filing))[-1]
    assert "/s/" not in manual.text
    [name] = [run for run in manual.runs if run.text.strip() == "Kenneth S. Cragun"]
    [signed] = [run for run in manual.runs if run.text.strip() == "01/11/2023"]
    # a ruled line over the name, with nothing written on it
    [line] = [h for h in manual.horizontal if h[1] <= name.x <= h[2] and 0 < h[0] - name.y < 16 and h[2] - h[1] > 250]
    assert not [run for run in manual.runs if line[1] <= run.x <= line[2] and line[0] < run.y < line[0] + 24]
    assert 0 < min(h[0] for h in manual.horizontal if h[1] <= signed.x <= h[2] and h[0] > signed.y) - signed.y < 16
    conformed = read_pages(render_pdf(filing, signature="conformed"))[-1]
    assert "/s/ Kenneth S. Cragun" in conformed.text and "Kenneth S. Cragun /s/" not in conformed.text
    with pytest.raises(ValueError):
        render_pdf(filing, signature="typed")


def test_the_star_notes_print_once():
    from test_pdf_places import FORM3, FORM5

    filings = [read_file(REFERENCE), maximal_form4(), read_file(FORM3), read_file(FORM5)]
    for pdf in map(render_pdf, filings):
        text = " ".join(pages_text(pdf))
        assert text.count("If the form is filed by more than one reporting person") == 1
        assert text.count("Intentional misstatements or omissions of facts") == 1


def test_a_footnote_hard_wrapped_in_the_xml_reads_as_the_stylesheet_shows_it():
    from test_pdf_places import read_pages

    # F2 of this Form 5 is wrapped after "restricted stock" in the XML; EDGAR shows it as one run of text
    filing = read_file(DATA / "corpus" / "dgunning__edgartools__form5.snow.xml")
    assert "restricted stock\n" in filing.footnotes[1].text
    runs = [run.text for page in read_pages(render_pdf(filing)) for run in page.runs]
    assert any("one or more restricted stock units." in text for text in runs)


def lonely_headings(pdf: bytes) -> list[str]:
    """Section headings that are the last thing on their page (above the footer)."""
    from test_pdf_places import read_pages

    headings = {"Reporting Owners", "Signatures", "Explanation of Responses:", "Remarks:"}
    lonely = []
    for number, page in enumerate(read_pages(pdf), start=1):
        body = [run for run in page.runs if run.y > 24]
        last = min(body, key=lambda run: (run.y, -run.x))
        if last.text.strip() in headings:
            lonely.append(f"page {number}: {last.text.strip()}")
    return lonely


def test_a_heading_is_never_alone_at_the_foot_of_a_page():
    # Rows of Table II that end the first page where the heading would fall at its foot: found by trying
    checked = 0
    for rows in range(0, 9):
        filing = read_file(REFERENCE)
        filing.table_ii = [copying.deepcopy(filing.table_ii[0]) for _ in range(rows)] + filing.table_ii
        for extra in range(0, 8):
            filing.footnotes[0].text = "Represents the vesting of restricted stock. " * (1 + extra * 6)
            assert lonely_headings(render_pdf(filing)) == []
            checked += 1
    assert checked == 72


def marks_too_close(pdf: bytes) -> list[str]:
    """Raised footnote marks whose top is less than 1 pt below a ruled line above them, or less than 0.3 pt below
    the text of the line above (pdfplumber's character boxes: the font's ascent and descent, the rise included)."""
    import pdfplumber

    close = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages, start=1):
            chars = page.chars
            rules = [line for line in page.lines if abs(line["y0"] - line["y1"]) < 0.01]
            # a mark: "(", ")" or a digit set at a mark's size (5.5 points, smaller in a cell set smaller)
            for mark in (c for c in chars if c["size"] <= 5.55 and c["text"] in "()0123456789"):
                text = [
                    c["y0"] - 0.3
                    for c in chars
                    if c["y0"] > mark["y0"] + 4 and c["x0"] < mark["x1"] and c["x1"] > mark["x0"]
                ]
                ruled = [
                    line["y0"] - 1
                    for line in rules
                    if line["y0"] > mark["y0"] and line["x0"] <= mark["x0"] and line["x1"] >= mark["x1"]
                ]
                if min(text + ruled, default=mark["y1"]) < mark["y1"]:
                    close.append(f"page {number}: {mark['text']!r} at {mark['x0']:.0f}, {mark['y0']:.0f}")
    return close


@pytest.mark.parametrize("which", ["form4", "form3", "form5", "maximal", "largest"])
def test_footnote_marks_clear_the_line_above(which):
    from test_pdf_places import FORM3, FORM5

    # FORM3's nature of ownership wraps with its mark on the second line; the maximal filing has marks on every
    # kind of cell and wrapped titles; "largest" sets the numbers, and their marks, smaller
    source = {"form4": REFERENCE, "form3": FORM3, "form5": FORM5}.get(which)
    filing = read_file(source) if source else maximal_form4()
    if which == "largest":
        filing = at_the_largest_values(filing)
    assert marks_too_close(render_pdf(filing)) == []


def test_characters_the_font_lacks_print_as_a_mark_and_are_a_finding():
    from form4_desktop.rules.characters import print_findings

    filing = read_file(REFERENCE)
    filing.reporting_owners[0].name = "YAMADA 山田 TARO"
    [finding] = print_findings(filing)
    assert finding.rule_id == "PRINT-CHARACTERS" and finding.field_path == "reporting_owners[0].name"
    assert "山田" in finding.message and "U+5C71, U+7530" in finding.message
    text = " ".join(pages_text(render_pdf(filing)))
    assert "YAMADA \ufffd\ufffd TARO" in text
    assert print_findings(read_file(REFERENCE)) == []


@pytest.mark.parametrize("document_type", ["3", "3/A", "5", "5/A"])
def test_forms_3_and_5_and_their_amendments_print(document_type):
    from test_pdf_places import FORM3, FORM5

    filing = read_file(FORM3 if document_type.startswith("3") else FORM5)
    filing.document_type = document_type
    text = " ".join(pages_text(render_pdf(filing)))
    assert f"FORM {document_type}" in text
    assert ("INITIAL STATEMENT" if document_type.startswith("3") else "ANNUAL STATEMENT") in text
    assert misplaced(filing) == []


def test_a_form_without_a_layout_is_refused_in_one_sentence():
    from form4_desktop.pdf import UnsupportedForm

    filing = read_file(REFERENCE)
    filing.document_type = "6"
    with pytest.raises(UnsupportedForm, match="Forms 3, 4 and 5"):
        render_pdf(filing)


def test_render_and_export_print_a_conformed_copy_only_when_asked(tmp_path):
    from form4_desktop import cli
    from form4_desktop.store import DraftStore
    from test_pdf_places import read_pages

    def signed_line(path) -> str:
        return read_pages(path.read_bytes())[-1].text

    manual, conformed = tmp_path / "manual.pdf", tmp_path / "conformed.pdf"
    assert cli.main(["render", str(REFERENCE), str(manual)]) == 0
    assert cli.main(["render", str(REFERENCE), str(conformed), "--signature", "conformed"]) == 0
    assert "/s/" not in signed_line(manual) and "/s/ Kenneth S. Cragun" in signed_line(conformed)
    store = tmp_path / "drafts.sqlite3"
    with DraftStore(store) as drafts:
        draft_id = drafts.create(read_file(REFERENCE))
    exported = tmp_path / "exported.pdf"
    assert (
        cli.main(["export", str(draft_id), "--pdf", str(exported), "--signature", "conformed", "--store", str(store)])
        == 0
    )
    assert "/s/ Kenneth S. Cragun" in signed_line(exported)
    assert cli.main(["export", str(draft_id), "--pdf", str(exported), "--store", str(store)]) == 0
    assert "/s/" not in signed_line(exported)


# -- drawn directly (pdf/drawing.py), byte for byte as reportlab draws it -----------------------------------------
def drawn_both_ways(monkeypatch, filing: Filing, **options) -> tuple[bytes, bytes]:
    """The PDF as the program draws it and as reportlab's own machinery draws it (drawing.DIRECT off), each with
    reportlab's invariant output (no creation date, no random document id) so that the two can be compared."""
    from reportlab import rl_config

    from form4_desktop.pdf import drawing

    monkeypatch.setattr(rl_config, "invariant", 1)
    direct = render_pdf(filing, **options)
    monkeypatch.setattr(drawing, "DIRECT", False)
    reportlabs = render_pdf(filing, **options)
    monkeypatch.setattr(drawing, "DIRECT", True)
    return direct, reportlabs


def first_difference(one: bytes, other: bytes) -> str:
    """Where two PDFs first differ, with the bytes around it, or "" when they are the same."""
    if one == other:
        return ""
    at = next((i for i, (a, b) in enumerate(zip(one, other)) if a != b), min(len(one), len(other)))
    return f"at byte {at} of {len(one)}/{len(other)}: {one[at - 80 : at + 80]!r} / {other[at - 80 : at + 80]!r}"


def unusual_characters() -> Filing:
    """The reference Form 4 with what the plain cases leave to reportlab: non-ASCII letters, markup characters,
    a no-break space, a soft hyphen, a word wider than its box, line breaks in the remarks, a character the
    font lacks, and marks after an entity or in two groups."""
    filing = read_file(REFERENCE)
    filing.reporting_owners[0].name = "MÜLLER ZOË & <SØN> 山田"
    filing.issuer.name = "Société Générale\u00a0S.A. — «Paris»"
    filing.footnotes[0].text = "Held by the Müller & Søn trust; see the trust\u00adee's report. " + "x" * 400
    filing.remarks = "First line\nSecond line with é\n\nFourth"
    filing.table_i[0].security_title = Footnoted("Ordinary Shares of «Société» & Co", ["F1", "F2"])
    filing.table_i[0].shares.footnote_ids = ["F3"]  # with the (A) or (D) mark: two groups of marks
    filing.table_i[0].acquired_disposed.footnote_ids = ["F4"]
    return filing


def maximal_as(document_type: str) -> Filing:
    filing = maximal_form4()
    filing.document_type = document_type
    return filing


DRAWN_FILINGS = {
    "maximal": maximal_form4,
    "maximal-form3": lambda: maximal_as("3"),
    "maximal-form5/A": lambda: maximal_as("5/A"),
    "maximal-largest": lambda: at_the_largest_values(maximal_form4()),
    "reference": lambda: read_file(REFERENCE),
    "unusual-characters": unusual_characters,
}


@pytest.mark.parametrize("name", list(DRAWN_FILINGS))
def test_the_form_drawn_directly_is_reportlabs_byte_for_byte(monkeypatch, name):
    filing = DRAWN_FILINGS[name]()
    for options in ({}, {"copies": 2, "draft": True, "signature": "conformed"}):
        direct, reportlabs = drawn_both_ways(monkeypatch, filing, **options)
        assert first_difference(direct, reportlabs) == "", options


@pytest.mark.parametrize("path", CORPUS[::7], ids=[p.name for p in CORPUS[::7]])
def test_corpus_forms_drawn_directly_are_reportlabs_byte_for_byte(monkeypatch, path):
    direct, reportlabs = drawn_both_ways(monkeypatch, read_file(path))
    assert first_difference(direct, reportlabs) == ""


def test_the_printable_copy_is_a_deep_copy_fitted_to_the_boxes():
    import pickle

    from form4_desktop.pdf import layout

    over = read_file(REFERENCE)
    over.issuer.name = "LAS VEGAS " * 30  # over EDGAR's 150 characters: cut with its mark
    over.remarks = "line\n" * 60
    shared = read_file(REFERENCE)  # one box reached from two rows: deep-copied once, fitted each time reached
    shared.table_i.append(copying.copy(shared.table_i[0]))
    shared.table_i[0].security_title.value = "T" * 70
    for filing in (maximal_form4(), read_file(REFERENCE), over, shared):
        expected = pickle.loads(pickle.dumps(filing))
        layout._fit(expected)
        assert layout.printable(filing) == expected
    assert layout.printable(over).issuer.name.endswith("… [150 more characters not shown]")
    assert layout.printable(over) is not over and layout.printable(over).issuer is not over.issuer
