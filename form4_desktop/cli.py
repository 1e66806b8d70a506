"""`form4`: check, convert, render, import, export and list ownership filings from a terminal.

Exit codes, which other tools rely on: 0 all well; 1 a file has errors (or an output was refused because
EDGAR would refuse it); 2 a file could not be read or written, a bad option value, or any other problem told in
one sentence (a UserError); 3 an internal error (logged); 141 the reader of the output stopped reading.
Each finding or file is one line of output, whatever its values hold (line breaks are printed as \\n).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from datetime import date
from typing import Callable, Sequence

from form4_desktop import __version__
from form4_desktop.app import documents, drafts, holdings, rescue
from form4_desktop.app.files import OutputError
from form4_desktop.app.logs import configure_logging
from form4_desktop.edgar_xml import Copy, ReadError, WriteError
from form4_desktop.errors import UserError
from form4_desktop.model.typed import TypedValueError, read_date
from form4_desktop.pdf import UnsupportedForm
from form4_desktop.rules import Severity, short_swing

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: what a Unix tool exits with when its reader stops reading (| head -1)
log = logging.getLogger("form4_desktop.cli")

# Characters that end a line for a terminal or a line-reading tool, printed escaped inside a line instead.
_LINE_BREAKS = {ord("\n"): "\\n", ord("\r"): "\\r"} | {
    ord(c): f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}" for c in "\v\f\x1c\x1d\x1e\x85\u2028\u2029"
}


def _one_line(text: object) -> str:
    """`text` as one line: the output is one line per finding or file, whatever a value in it holds."""
    return str(text).translate(_LINE_BREAKS)


WATERMARKS = ("auto", "always", "never")
WATERMARK_HELP = "'DRAFT - NOT FOR FILING' across each page: auto (while the filing has errors), always or never"
SIGNATURES = ("manual", "conformed")
SIGNATURE_HELP = (
    "manual (default): a blank line to sign by hand, as the form asks of a paper copy; conformed: '/s/ name' on "
    "the line, as EDGAR shows a filed form (for the files, after filing)"
)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 99:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of copies from 1 to 99")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="form4",
        description="Check and convert SEC Form 3, 4 and 5 ownership filings (EDGAR XML, schema v5.5).",
    )
    parser.add_argument("--version", action="version", version=f"form4 {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="list every problem EDGAR would find in each file",
        description="Print one line per finding: FILE: ERROR|WARNING RULE_ID FIELD_PATH: message. Deadlines "
        "count EDGAR's closure days, the program's and those of edgar-closures.txt in the settings folder. "
        "Exit 0 when no file has errors, 1 when one has, 2 when a file or the closures file cannot be read.",
    )
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument(
        "--today",
        default=None,
        metavar="DATE",
        help="the date to judge deadlines against, YYYY-MM-DD or MM/DD/YYYY (default: the day EDGAR would file "
        "a form sent now: today in New York, or the next business day after 10 p.m. Eastern or on a closed day)",
    )
    check.add_argument("--info", action="store_true", help="also print INFO findings, such as the due date")

    convert = commands.add_parser(
        "convert",
        help="read an ownership document and write it again as v5.5 XML",
        description="Read IN.xml and write OUT.xml. The record copy (default) is the document as EDGAR "
        "disseminates it; the submission copy is what a filer sends (needs each owner's CCC).",
    )
    convert.add_argument("input", metavar="IN.xml")
    convert.add_argument("output", metavar="OUT.xml")
    convert.add_argument("--copy", choices=[c.value for c in Copy], default=Copy.RECORD.value)

    render = commands.add_parser(
        "render",
        help="print an ownership document to PDF",
        description="Write IN.xml as its printable form, Form 3, 4 or 5 (landscape US Letter, fonts embedded).",
    )
    render.add_argument("input", metavar="IN.xml")
    render.add_argument("output", metavar="OUT.pdf")
    render.add_argument("--copies", type=_positive, default=1, help="complete copies in the PDF (default 1)")
    render.add_argument("--watermark", choices=WATERMARKS, default="auto", help=WATERMARK_HELP)
    render.add_argument("--signature", choices=SIGNATURES, default="manual", help=SIGNATURE_HELP)
    render.add_argument("--today", default=None, help=argparse.SUPPRESS)

    store_help = "the draft store file (default: $FORM4_STORE, or drafts.sqlite3 in the user's data folder)"
    importer = commands.add_parser(
        "import",
        help="keep EDGAR XML files in the draft store",
        description="Import each file into the store and print ID<TAB>FILE. A copy EDGAR disseminated becomes "
        "a filed original, ready to amend; other documents become drafts. A file already in the store "
        "(a draft outside the trash has exactly its content) is not imported again unless --again; with --filed-on "
        "its filing date is recorded if the store only assumed it, never over a date given before. "
        "Unreadable files get one line each on stderr and exit 2; the others are still imported.",
    )
    importer.add_argument("files", nargs="+", metavar="FILE")
    importer.add_argument(
        "--again", action="store_true", help="import a file even if a draft already has exactly its content"
    )
    importer.add_argument("--store", metavar="PATH", help=store_help)
    importer.add_argument(
        "--filed-on",
        dest="filed_on",
        metavar="DATE",
        help="the day EDGAR filed these copies, MM/DD/YYYY (or 'MM/DD/YYYY HH:MM', New York time: after 10 p.m. it "
        "is the next business day); without it an EDGAR copy is taken as filed on its latest signature date, which "
        "the Item 405 register marks 'assumed'",
    )

    lister = commands.add_parser("list", help="list the drafts in the store, most recently changed first")
    lister.add_argument("--store", metavar="PATH", help=store_help)
    lister.add_argument("--search", default="", help="only drafts whose owner, issuer, ticker or CIK contains this")
    lister.add_argument("--trash", action="store_true", help="list the drafts in the trash instead")

    exporter = commands.add_parser(
        "export",
        help="write a draft as EDGAR XML",
        description="Write draft ID as the record or submission copy of its XML.",
    )
    exporter.add_argument("id", type=int, metavar="ID")
    exporter.add_argument("--xml", metavar="OUT", help="the XML file to write")
    exporter.add_argument("--pdf", metavar="OUT", help="the printable form to write")
    exporter.add_argument("--copies", type=_positive, default=1, help="copies in the PDF (default 1)")
    exporter.add_argument("--watermark", choices=WATERMARKS, default="auto", help=WATERMARK_HELP)
    exporter.add_argument("--signature", choices=SIGNATURES, default="manual", help=SIGNATURE_HELP)
    exporter.add_argument("--copy", choices=[c.value for c in Copy], default=Copy.RECORD.value)
    exporter.add_argument("--store", metavar="PATH", help=store_help)

    due = commands.add_parser(
        "due",
        help="print when each filing is due",
        description="Print one line per file: FILE: due YYYY-MM-DD 22:00 ET (reason) or FILE: no deadline (reason); "
        "with --store, one such line per draft of the store not yet filed ('draft N (Form 4, OWNER, ISSUER): due "
        "...'), soonest first. Exit 0, or 2 when a file cannot be read or there is no store.",
    )
    due.add_argument("files", nargs="*", metavar="FILE")
    due.add_argument("--store", metavar="PATH", help="list every unfiled draft of this store (" + store_help + ")")
    due.add_argument(
        "--today",
        default=None,
        metavar="DATE",
        help="the filing day to judge lateness against, YYYY-MM-DD or MM/DD/YYYY (default: EDGAR's day "
        "now, New York time)",
    )

    holdings_parser = commands.add_parser(
        "holdings",
        help="an owner's positions, from the filings in the store (the holdings ledger)",
        description="Print a header line and one tab-separated line per position: table (I or II), security, "
        "ownership (D or I), nature, amount, as_of; Table II lines add exercise_price, expiration, underlying. "
        "Filed forms and imported EDGAR copies count; drafts not yet filed do not.",
    )
    holdings_parser.add_argument("--owner", required=True, metavar="CIK", help="the reporting owner's CIK")
    holdings_parser.add_argument("--issuer", metavar="CIK", help="only this issuer's securities")
    holdings_parser.add_argument("--as-of", dest="as_of", metavar="DATE", help="positions at the end of this day")
    holdings_parser.add_argument("--store", metavar="PATH", help=store_help)

    swing = commands.add_parser(
        "short-swing",
        help="Section 16(b): an owner's purchases and sales less than six months apart, and the profit",
        description="Match the owner's P and S trades in the issuer's securities (filed and imported forms) by the "
        "courts' lowest-in, highest-out method. Prints a header, one tab-separated line per matched pair "
        "(purchase_date, sale_date, shares, purchase_price, sale_price, profit) and a last line total<TAB>PROFIT.",
    )
    swing.add_argument("--owner", required=True, metavar="CIK")
    swing.add_argument("--issuer", required=True, metavar="CIK")
    swing.add_argument("--store", metavar="PATH", help=store_help)

    year_help = "the fiscal year, YYYY: the year in which it ends"
    fye_help = (
        "the issuer's fiscal year end, MM/DD (default: the one the store keeps for the issuer, which the app's Item "
        "405 register sets; 12/31 when none is kept); which end was used is said on stderr"
    )
    late = commands.add_parser(
        "late",
        help="Item 405 register: each insider's late reports, late transactions and failures to file in a fiscal year",
        description="Print a header and one tab-separated line per insider of the issuer with at least one late "
        "report or known failure to file in the fiscal year (Regulation S-K Item 405): owner_cik, owner, "
        "late_reports, late_transactions, failures_to_file, assumed_dates (yes when a count rests on a filing date "
        "taken from the signature, the copy having been imported without --filed-on). --csv also writes the lines, "
        "with what each count is made of, as CSV for the proxy drafter.",
    )
    late.add_argument("--issuer", required=True, metavar="CIK")
    late.add_argument("--year", required=True, metavar="YYYY", help=year_help)
    late.add_argument("--fiscal-year-end", dest="fiscal_year_end", metavar="MM/DD", help=fye_help)
    late.add_argument("--csv", metavar="FILE", help="also write the register as CSV into FILE")
    late.add_argument(
        "--pdf", metavar="FILE", help="also write the register as a PDF table (for the proxy drafter) into FILE"
    )
    late.add_argument("--store", metavar="PATH", help=store_help)
    late.add_argument("--today", default=None, help=argparse.SUPPRESS)
    sweeper = commands.add_parser(
        "form5-sweep",
        help="Form 5 sweep: which insiders owe a Form 5 for a fiscal year, and the rows it should carry",
        description="Print a header and one tab-separated line per insider of the issuer active in the fiscal year: "
        "owner_cik, owner, form5 (owed, filed or not owed), due (YYYY-MM-DD), rows, reason; then, under an owed "
        "line, one line per row the Form 5 should carry, starting with a tab: draft, row, form_type (5 deferred, "
        "4 late), code, date, shares, security. Not owed: the issuer may rely on the insider's written "
        "representation that no Form 5 is required (Item 405(b)(3)).",
    )
    sweeper.add_argument("--issuer", required=True, metavar="CIK")
    sweeper.add_argument("--year", required=True, metavar="YYYY", help=year_help)
    sweeper.add_argument("--fiscal-year-end", dest="fiscal_year_end", metavar="MM/DD", help=fye_help)
    sweeper.add_argument("--store", metavar="PATH", help=store_help)
    sweeper.add_argument("--today", default=None, help=argparse.SUPPRESS)
    whatif = commands.add_parser(
        "what-if",
        help="pre-clearance: what a proposed trade would match under Section 16(b), and its Form 4 due date",
        description="Match a proposed purchase or sale with the owner's trades in the store (filed, imported and "
        "drafted) by the lowest-in, highest-out method. Prints the header of form4 short-swing and one line per "
        "pair the proposed trade would be in, then total<TAB>PROFIT (those pairs), added<TAB>PROFIT (how much the "
        "recoverable profit grows) and form4_due<TAB>YYYY-MM-DD 22:00 ET (if executed that day).",
    )
    whatif.add_argument("--owner", required=True, metavar="CIK")
    whatif.add_argument("--issuer", required=True, metavar="CIK")
    side = whatif.add_mutually_exclusive_group(required=True)
    side.add_argument("--buy", metavar="SHARES", help="a proposed purchase of SHARES")
    side.add_argument("--sell", metavar="SHARES", help="a proposed sale of SHARES")
    whatif.add_argument("--price", required=True, metavar="P", help="the price per share, plain digits")
    whatif.add_argument("--date", required=True, metavar="MM/DD/YYYY", help="the day it would be executed")
    whatif.add_argument("--security", metavar="TITLE", help="the security (default: the owner's Table I security)")
    whatif.add_argument("--store", metavar="PATH", help=store_help)

    store = commands.add_parser(
        "store", help="look after the draft store: rescue a damaged one, back it up, forget a CCC"
    )
    store_commands = store.add_subparsers(dest="store_command", metavar="ACTION", required=True)
    rescue = store_commands.add_parser(
        "rescue",
        help="write every draft a (damaged) store can still read into a folder, as XML",
        description="Write each readable draft of the store into FOLDER (made if missing; it must be empty) as "
        "XML, with rescue-report.txt saying what was and was not rescued. The store is only read. "
        "Import the files into a new store with form4 import. Exit 0 when every draft was rescued, "
        "1 when some could not be read, 2 when nothing could be done.",
    )
    rescue.add_argument("folder", metavar="FOLDER")
    rescue.add_argument("--store", metavar="PATH", help=store_help)
    forget = store_commands.add_parser(
        "forget-ccc",
        help="erase a reporting owner's CCC from the store (address book, drafts, history)",
        description="Erase the CCC (EDGAR access code) of the reporting owner with this CIK everywhere the store "
        "keeps it; with --owner, also remove the owner from the address book. Drafts keep everything "
        "else; type the CCC again before writing a submission copy.",
    )
    forget.add_argument("cik", metavar="CIK")
    forget.add_argument("--owner", action="store_true", help="also remove the owner from the address book")
    forget.add_argument("--store", metavar="PATH", help=store_help)
    backup = store_commands.add_parser(
        "backup",
        help="copy the whole store into a new file, safely while the app has it open",
        description="Copy the store, with every saved draft, into the new file COPY (readable by you only). "
        "Unlike a plain copy of the store file, it includes saves the app has not yet folded into the file. "
        "Open the copy with --store COPY, or keep it as a backup.",
    )
    backup.add_argument("copy", metavar="COPY")
    backup.add_argument("--store", metavar="PATH", help=store_help)
    init = store_commands.add_parser(
        "init",
        help="create (or upgrade) a team store on PostgreSQL, with its filer and reviewer roles",
        description="Create the draft store's tables in the PostgreSQL database at URL "
        "(postgresql://user@host:port/dbname, as its owner), or upgrade them, each schema version in one "
        "transaction; create the roles form4_filer (reads and writes drafts, reads CCCs) and form4_reviewer "
        "(reads drafts, never CCCs), granted to the logins given with --filer and --reviewer; the database is "
        "created if it does not exist. The password comes "
        "from your PostgreSQL password file (~/.pgpass or $PGPASSFILE) or a service file, never from URL.",
    )
    init.add_argument("url", metavar="URL")
    init.add_argument("--filer", action="append", default=[], metavar="NAME", help="grant form4_filer to this login")
    init.add_argument(
        "--reviewer", action="append", default=[], metavar="NAME", help="grant form4_reviewer to this login"
    )
    copier = store_commands.add_parser(
        "copy",
        help="copy a whole store into a new one, between a file and a team store (either way)",
        description="Copy every draft (ids, history, trash, filed drafts), autosave and address book entry of "
        "SOURCE into TARGET, a new store file or an empty team store (made by form4 store init); progress on "
        "stderr. The copy is read back and compared with SOURCE before it is said to be done.",
    )
    copier.add_argument("source", metavar="SOURCE")
    copier.add_argument("target", metavar="TARGET")
    return parser


def _check(files: list[str], today: date | None, show_info: bool) -> int:
    from form4_desktop.app import clock
    from form4_desktop.app.closures import load_calendar

    calendar = load_calendar()  # EDGAR's business days, with the user's edgar-closures.txt (read once)
    today = today if today is not None else clock.filing_day_now(calendar)  # EDGAR's filing day, in New York
    status = EXIT_OK
    for name in files:
        try:
            findings = documents.check_file(name, today, calendar)
        except ReadError as error:
            print(_one_line(error), file=sys.stderr)
            status = EXIT_UNREADABLE
            continue
        for finding in findings:
            if finding.severity is Severity.INFO and not show_info:
                continue
            print(_one_line(finding.line(name)))
            if finding.severity is Severity.ERROR and status == EXIT_OK:
                status = EXIT_FINDINGS
    return status


def _produce(action: Callable[[], object], name: str) -> int:
    """Run an output action; a refusal or a failure is one line on stderr and its exit code."""
    try:
        action()
    except (ReadError, OutputError) as error:  # the input cannot be read, or the output cannot be written
        print(_one_line(error), file=sys.stderr)
        return EXIT_UNREADABLE
    except (WriteError, UnsupportedForm) as error:  # refused: EDGAR would refuse it, or it cannot print yet
        print(_one_line(f"{name}: {error}"), file=sys.stderr)
        return EXIT_FINDINGS
    return EXIT_OK


def _convert(source: str, target: str, copy: str) -> int:
    return _produce(lambda: documents.convert(source, target, Copy(copy)), target)


def _filed_on(text: str) -> date | None:
    """--filed-on: a date, or a date and a New York time ('03/04/2024 22:15'), turned into EDGAR's filing day
    (after 10 p.m. Eastern, or on a closed day, the next business day: Regulation S-T Rule 13(a)(4))."""
    from datetime import datetime, time

    from form4_desktop.app.closures import load_calendar
    from form4_desktop.rules import deadline

    day_text, _, clock = text.strip().partition(" ")
    try:
        day = read_date(day_text)
    except TypedValueError:
        return None
    if day is None or not clock.strip():
        return day
    try:
        hours, minutes = (int(part) for part in clock.strip().split(":"))
        moment = datetime.combine(day, time(hours, minutes), tzinfo=deadline.new_york())
    except ValueError:
        return None
    return deadline.filing_day(moment, load_calendar())


def _import(files: list[str], store_path: str | None, again: bool, filed_on_text: str | None = None) -> int:
    status = EXIT_OK
    filed_on = None
    if filed_on_text is not None:
        filed_on = _filed_on(filed_on_text)
        if filed_on is None:
            print(
                _one_line(
                    f"form4 import: --filed-on '{filed_on_text}' is not a date; give it as MM/DD/YYYY, or "
                    "'MM/DD/YYYY HH:MM' in New York time."
                ),
                file=sys.stderr,
            )
            return EXIT_UNREADABLE
    with drafts.open_store(store_path) as store:
        # A folder is imported whole, recursively (an insider's past filings build their holdings ledger).
        names = [path for name in files for path in (holdings.xml_files(name) if os.path.isdir(name) else [name])]
        for name in names:
            try:
                imported = (
                    drafts.import_xml(store, name, again=again, filed_on=filed_on)
                    if filed_on is not None
                    else drafts.import_xml(store, name, again=again)
                )
            except ReadError as error:
                print(_one_line(error), file=sys.stderr)
                status = EXIT_UNREADABLE
                continue
            if imported.new:
                print(_one_line(f"{imported.draft_id}\t{name}"))
            else:
                print(_one_line(drafts.already_said(name, imported, filed_on)))
    return status


def _ciks_given(arguments: argparse.Namespace) -> bool:
    """--owner and --issuer, where given, are CIKs (up to 10 digits); else one sentence on stderr."""
    for option, value in (("--owner", arguments.owner), ("--issuer", arguments.issuer)):
        if value is not None and not (value.isdigit() and len(value) <= 10):
            print(
                _one_line(f"form4 {arguments.command}: {option} '{value}' is not a CIK; give up to 10 digits."),
                file=sys.stderr,
            )
            return False
    return True


def _holdings(arguments: argparse.Namespace) -> int:
    if not _ciks_given(arguments):
        return EXIT_UNREADABLE
    as_of = None
    if arguments.as_of is not None:
        try:
            as_of = read_date(arguments.as_of)
        except TypedValueError:
            as_of = None
        if as_of is None:
            print(
                _one_line(
                    f"form4 holdings: --as-of '{arguments.as_of}' is not a date; give it as MM/DD/YYYY or YYYY-MM-DD."
                ),
                file=sys.stderr,
            )
            return EXIT_UNREADABLE
    with drafts.open_store(arguments.store, create=False) as store:
        found = holdings.positions(store, arguments.owner, arguments.issuer, as_of)
    # Without --issuer the positions of every issuer are listed: each line says whose securities they are.
    every_issuer = not arguments.issuer
    header = "table\tsecurity\townership\tnature\tamount\tas_of\texercise_price\texpiration\tunderlying"
    print(("issuer\t" if every_issuer else "") + header)
    for issuer, position in found:
        key = position.key
        amount = "" if position.amount is None else format(position.amount, "f")
        line = [issuer] if every_issuer else []
        line += [
            key.table,
            position.title,
            key.ownership,
            position.nature if key.ownership == "I" else "",
            amount,
            position.as_of.isoformat() if position.as_of else "",
        ]
        if key.table == "II":
            line += [
                "" if key.exercise_price is None else format(key.exercise_price, "f"),
                key.expiration.isoformat() if key.expiration else "",
                key.underlying,
            ]
        print(_one_line("\t".join(line)))
    return EXIT_OK


def _short_swing(arguments: argparse.Namespace) -> int:
    if not _ciks_given(arguments):
        return EXIT_UNREADABLE
    with drafts.open_store(arguments.store, create=False) as store:
        matches = holdings.short_swing_report(store, arguments.owner, arguments.issuer)
    _print_pairs(matches, short_swing.total_profit(matches))
    print(_one_line(f"form4 short-swing: {short_swing.NOT_MATCHED_NOTE}"), file=sys.stderr)
    return EXIT_OK


def _print_pairs(matches, total) -> None:
    """Matched 16(b) pairs as `form4 short-swing` and `form4 what-if` print them: a header, a tab-separated line
    per pair (dates YYYY-MM-DD, plain decimals) and the total."""
    print("purchase_date\tsale_date\tshares\tpurchase_price\tsale_price\tprofit")
    for pair in matches:
        print(
            "\t".join(
                (
                    pair.purchase.when.isoformat(),
                    pair.sale.when.isoformat(),
                    format(pair.shares, "f"),
                    format(pair.purchase.price, "f"),
                    format(pair.sale.price, "f"),
                    short_swing.plain_amount(pair.profit),
                )
            )
        )
    print(f"total\t{short_swing.plain_amount(total)}")


def _due(arguments: argparse.Namespace) -> int:
    from form4_desktop.app.compliance import store_due_lines
    from form4_desktop.app.due import due_lines

    if not arguments.files and arguments.store is None:
        print("form4 due: give the files to look at, or --store PATH for every unfiled draft.", file=sys.stderr)
        return EXIT_UNREADABLE
    status = EXIT_OK
    if arguments.files:
        lines, status = due_lines(arguments.files, arguments.today)
        for line in lines:
            print(_one_line(line))
    if arguments.store is not None:
        with drafts.open_store(arguments.store, create=False) as store:
            _say_read_only(store)
            for line in store_due_lines(store, arguments.today):
                print(_one_line(line))
    return status


def _fiscal_year(arguments: argparse.Namespace) -> tuple[int, tuple[int, int] | None] | None:
    """--year and --fiscal-year-end (None when not given: the store's is used), or None after one sentence on
    stderr."""
    year_text, end_text = arguments.year, arguments.fiscal_year_end
    if not (year_text.isdigit() and len(year_text) == 4 and int(year_text) >= 1934):
        print(
            _one_line(f"form4 {arguments.command}: --year '{year_text}' is not a year; give four digits (2024)."),
            file=sys.stderr,
        )
        return None
    if end_text is None:
        return int(year_text), None
    month_text, _, day_text = end_text.partition("/")
    try:
        end = (int(month_text), int(day_text))
        date(2000, *end)  # a leap year: 02/29 is a fiscal year end (February's last day in other years)
    except ValueError:
        print(
            _one_line(
                f"form4 {arguments.command}: --fiscal-year-end '{end_text}' is not a day of the year; give MM/DD."
            ),
            file=sys.stderr,
        )
        return None
    return int(year_text), end


def _fiscal_year_used(store, arguments: argparse.Namespace, fiscal: tuple) -> tuple[int, tuple[int, int]]:
    """The fiscal year and its end (month, day): --fiscal-year-end's, else the one the store keeps for the issuer;
    stderr says which, and the store's when --fiscal-year-end differs from it."""
    from form4_desktop.app import compliance

    year, given = fiscal
    kept = store.fiscal_year_end(arguments.issuer)
    end = given if given is not None else kept
    said = compliance.fiscal_year(store, arguments.issuer, year, end).describe()
    if given is None:
        source = f"its end, {kept[0]:02d}/{kept[1]:02d}, as the store keeps it for issuer {arguments.issuer}"
    elif given == kept:
        source = f"its end, {given[0]:02d}/{given[1]:02d}, as --fiscal-year-end gives it and the store keeps it"
    else:
        source = (
            f"its end, {given[0]:02d}/{given[1]:02d}, as --fiscal-year-end gives it; the store keeps "
            f"{kept[0]:02d}/{kept[1]:02d} for issuer {arguments.issuer}"
        )
    print(_one_line(f"form4 {arguments.command}: {said} ({source})."), file=sys.stderr)
    return year, end


def _late(arguments: argparse.Namespace) -> int:
    from form4_desktop.app import compliance

    arguments.owner = None
    fiscal = _fiscal_year(arguments)
    if not _ciks_given(arguments) or fiscal is None:
        return EXIT_UNREADABLE
    with drafts.open_store(arguments.store, create=False) as store:
        fiscal = _fiscal_year_used(store, arguments, fiscal)
        lines = compliance.late_register(store, arguments.issuer, fiscal[0], fiscal[1], arguments.today)
    if arguments.csv:
        compliance.write_register_csv(lines, arguments.csv)
    if arguments.pdf:
        from form4_desktop.app.clock import filing_day_now
        from form4_desktop.app.register_export import write_register_pdf
        from form4_desktop.rules.register import FiscalYear

        with drafts.open_store(arguments.store, create=False) as store:
            as_of = arguments.today or filing_day_now()
            write_register_pdf(store, lines, arguments.issuer, FiscalYear(fiscal[0], *fiscal[1]), as_of, arguments.pdf)
    print("\t".join(compliance.REGISTER_COLUMNS))
    for row in compliance.register_rows(lines):
        print(_one_line("\t".join(row)))
    return EXIT_OK


def _form5_sweep(arguments: argparse.Namespace) -> int:
    from form4_desktop.app import compliance

    arguments.owner = None
    fiscal = _fiscal_year(arguments)
    if not _ciks_given(arguments) or fiscal is None:
        return EXIT_UNREADABLE
    with drafts.open_store(arguments.store, create=False) as store:
        fiscal = _fiscal_year_used(store, arguments, fiscal)
        lines = compliance.form5_sweep(store, arguments.issuer, fiscal[0], fiscal[1], arguments.today)
    print("owner_cik\towner\tform5\tdue\trows\treason")
    for line in lines:
        state = "owed" if line.owed else ("filed" if line.form5_filed is not None else "not owed")
        due = line.due.isoformat() if line.due else ""
        print(_one_line("\t".join((line.owner_cik, line.owner, state, due, str(len(line.rows)), line.why))))
        for carried in line.rows:
            row = carried.row
            when = row.transaction_date.value
            shares = row.shares.value if row.shares is not None else None
            print(
                _one_line(
                    "\t".join(
                        (
                            "",
                            str(carried.ref),
                            f"{carried.table}[{carried.index}]",
                            carried.form_type,
                            row.coding.code if row.coding is not None else "",
                            when.isoformat() if isinstance(when, date) else "",
                            "" if shares is None else format(shares, "f"),
                            row.security_title.value or "",
                        )
                    )
                )
            )
    return EXIT_OK


def _what_if(arguments: argparse.Namespace) -> int:
    from decimal import Decimal, InvalidOperation

    from form4_desktop.app import compliance

    if not _ciks_given(arguments):
        return EXIT_UNREADABLE
    shares_text = arguments.buy if arguments.buy is not None else arguments.sell
    values = []
    for option, text in (
        ("--buy" if arguments.buy is not None else "--sell", shares_text),
        ("--price", arguments.price),
    ):
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = Decimal(-1)
        if not value.is_finite() or value < 0 or (option != "--price" and value == 0):
            print(
                _one_line(f"form4 what-if: {option} '{text}' is not a number; give plain digits (1000 or 12.50)."),
                file=sys.stderr,
            )
            return EXIT_UNREADABLE
        values.append(value)
    try:
        when = read_date(arguments.date)
    except TypedValueError:
        when = None
    if when is None:
        print(
            _one_line(f"form4 what-if: --date '{arguments.date}' is not a date; give it as MM/DD/YYYY."),
            file=sys.stderr,
        )
        return EXIT_UNREADABLE
    with drafts.open_store(arguments.store, create=False) as store:
        found = compliance.what_if(
            store,
            arguments.owner,
            arguments.issuer,
            buy=arguments.buy is not None,
            shares=values[0],
            price=values[1],
            when=when,
            security=arguments.security,
        )
    _print_pairs(found.matches, found.profit)
    print(f"added\t{short_swing.plain_amount(found.added)}")
    print(f"form4_due\t{found.due.isoformat() + ' 22:00 ET' if found.due else ''}")
    return EXIT_OK


def _say_read_only(store) -> None:
    """Say on stderr why the store is open for reading only, and what else the user should know about it."""
    if store.read_only is not None:
        print(_one_line(store.read_only.opened()), file=sys.stderr)
    if store.warning is not None:
        print(_one_line(store.warning), file=sys.stderr)


def _list(store_path: str | None, search: str, trash: bool) -> int:
    with drafts.open_store(store_path, create=False) as store:  # only import makes a store
        _say_read_only(store)
        rows = store.list(search, trash=trash)
    print("ID\tTYPE\tPERIOD\tSTATUS\tCHANGED\tREPORTING OWNER\tISSUER")
    for row in rows:
        print(
            f"{row.id}\t{row.document_type}\t{row.period_of_report or ''}\t{row.status}\t"
            f"{row.updated_at[:19].replace('T', ' ')}\t{row.reporting_owner}\t{row.issuer}"
        )
    return EXIT_OK


def _render(source: str, target: str, copies: int, watermark: str, today: date | None, signature: str) -> int:
    return _produce(
        lambda: documents.export_pdf(
            documents.open_xml(source), target, copies=copies, watermark=watermark, today=today, signature=signature
        ),
        source,
    )


def _export(arguments: argparse.Namespace) -> int:
    if not arguments.xml and not arguments.pdf:
        print("form4 export: say what to write: --xml OUT and/or --pdf OUT.", file=sys.stderr)
        return EXIT_UNREADABLE
    with drafts.open_store(arguments.store, create=False) as store:
        if arguments.xml:
            status = _produce(
                lambda: drafts.export_draft_xml(store, arguments.id, arguments.xml, Copy(arguments.copy)), arguments.xml
            )
            if status != EXIT_OK:
                return status
        if arguments.pdf:
            return _produce(
                lambda: drafts.export_draft_pdf(
                    store,
                    arguments.id,
                    arguments.pdf,
                    copies=arguments.copies,
                    watermark=arguments.watermark,
                    signature=arguments.signature,
                ),
                f"draft {arguments.id}",
            )
    return EXIT_OK


def _store(arguments: argparse.Namespace) -> int:
    from form4_desktop.store import is_url as store_is_url

    if arguments.store_command == "init":
        from form4_desktop.store.postgres import display_url, init_store

        if not store_is_url(arguments.url):
            print(
                _one_line(
                    f"form4 store init: give a postgresql://user@host:port/dbname address, not '{arguments.url}'."
                ),
                file=sys.stderr,
            )
            return EXIT_UNREADABLE
        before, now = init_store(arguments.url, arguments.filer, arguments.reviewer)
        state = "is ready" if before == 0 else ("was upgraded" if before < now else "was already up to date")
        granted = "; ".join(
            f"{role}: {', '.join(names)}"
            for role, names in (("form4_filer", arguments.filer), ("form4_reviewer", arguments.reviewer))
            if names
        )
        print(
            _one_line(
                f"The team store {display_url(arguments.url)} {state} (schema version {now}); "
                + (f"{granted}." if granted else "give people its roles with --filer NAME or --reviewer NAME.")
            )
        )
        return EXIT_OK
    if arguments.store_command == "copy":
        from form4_desktop.store.copying import copy_store

        if not store_is_url(arguments.target) and os.path.exists(arguments.target):
            print(
                _one_line(f"The file {arguments.target} exists; give the name of a new store file for the copy."),
                file=sys.stderr,
            )
            return EXIT_UNREADABLE
        with drafts.open_store(arguments.source, create=False) as source, drafts.open_store(arguments.target) as target:

            def progress(done: int, total: int) -> None:
                width = 30
                filled = width * done // total if total else width
                end = "\n" if done == total else ""
                print(
                    f"\rform4 store copy: [{'#' * filled}{'.' * (width - filled)}] {done}/{total} rows",
                    end=end,
                    file=sys.stderr,
                    flush=True,
                )

            try:
                counts = copy_store(source, target, progress)
            except BaseException:
                if not store_is_url(arguments.target):  # no half-made store file is left behind
                    target.close()
                    for leftover in ("", "-wal", "-shm"):
                        if os.path.exists(arguments.target + leftover):
                            os.unlink(arguments.target + leftover)
                raise
            print(
                _one_line(
                    f"The store {source.path} was copied into {target.path} and checked: "
                    f"{counts['drafts']} drafts, {counts['revisions']} versions, "
                    f"{counts['known_owners']} owners, {counts['known_issuers']} issuers."
                )
            )
        return EXIT_OK
    if arguments.store_command == "rescue":
        from form4_desktop.store import StoreError, default_store_path

        try:
            opened = drafts.open_store(arguments.store, create=False)
        except StoreError as error:
            where = arguments.store if arguments.store is not None else default_store_path()
            if "damaged" not in str(error) or not os.path.isfile(where):
                raise
            # SQLite cannot open it at all (its first page damaged): its pages are read without SQLite.
            print(_one_line(f"{error} Reading its pages directly to rescue what it holds."), file=sys.stderr)
            done = rescue.rescue_file(where, arguments.folder, str(error))
        else:
            with opened as store:
                if store.read_only is not None:  # not its advice ("rescue its drafts"): that is being done
                    print(_one_line(f"{store.read_only.what}; rescuing what it holds."), file=sys.stderr)
                done = rescue.rescue_drafts(store, arguments.folder)
        print(
            _one_line(
                f"{done.summary()} into {arguments.folder} (see {rescue.REPORT_FILE} there); bring them into a "
                f"new store with: {rescue.import_command(arguments.folder)}"
            )
        )
        return EXIT_FINDINGS if done.lost else EXIT_OK
    with drafts.open_store(arguments.store, create=False) as store:
        if arguments.store_command == "backup":
            _say_read_only(store)
            store.backup(arguments.copy)
            print(_one_line(f"The store {store.path} was copied into {arguments.copy}."))
            return EXIT_OK
        cik = arguments.cik
        if not (cik.isdigit() and len(cik) <= 10):
            print(_one_line(f"form4 store forget-ccc: '{cik}' is not a CIK; give up to 10 digits."), file=sys.stderr)
            return EXIT_UNREADABLE
        if not store.has_owner(cik):
            print(
                _one_line(f"No reporting owner with CIK {cik} is in the store {store.path}; nothing was changed."),
                file=sys.stderr,
            )
            return EXIT_UNREADABLE
        changed = store.forget_ccc(arguments.cik)
        removed = store.forget_owner(arguments.cik) if arguments.owner else False
        print(
            _one_line(
                f"CIK {arguments.cik}: the CCC was erased from {changed} record{'s' if changed != 1 else ''}"
                + ("; the owner was removed from the address book." if removed else ".")
            )
        )
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    arguments = parser.parse_args(argv)
    if arguments.command is None:
        parser.print_help()
        return EXIT_OK
    if getattr(arguments, "today", None) is not None:
        # Checked here, not by argparse, to say it in one sentence without the usage lines.
        try:
            today = read_date(arguments.today)
        except TypedValueError:
            today = None
        if today is None:
            print(
                _one_line(
                    f"form4 {arguments.command}: --today '{arguments.today}' is not a date; give it as "
                    "YYYY-MM-DD or MM/DD/YYYY."
                ),
                file=sys.stderr,
            )
            return EXIT_UNREADABLE
        arguments.today = today
    log_file = configure_logging()
    try:
        status = _run_command(arguments)
        sys.stdout.flush()  # now, so that a reader that stopped reading is noticed here and not at exit
        return status
    except BrokenPipeError:
        _drop_stdout()
        return EXIT_BROKEN_PIPE
    except UserError as error:  # a StoreError, or any other sentence meant for the user
        print(_one_line(error), file=sys.stderr)
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        return 130
    except Exception:  # never a traceback in the user's face: log it and say where
        log.exception("form4 %s failed", arguments.command)
        print(f"form4: internal error while running '{arguments.command}'; details are in {log_file}.", file=sys.stderr)
        return EXIT_INTERNAL


def _run_command(arguments: argparse.Namespace) -> int:
    if arguments.command == "check":
        return _check(arguments.files, arguments.today, arguments.info)
    if arguments.command == "convert":
        return _convert(arguments.input, arguments.output, arguments.copy)
    if arguments.command == "import":
        return _import(arguments.files, arguments.store, arguments.again, arguments.filed_on)
    if arguments.command == "list":
        return _list(arguments.store, arguments.search, arguments.trash)
    if arguments.command == "export":
        return _export(arguments)
    if arguments.command == "due":
        return _due(arguments)
    if arguments.command == "late":
        return _late(arguments)
    if arguments.command == "form5-sweep":
        return _form5_sweep(arguments)
    if arguments.command == "what-if":
        return _what_if(arguments)
    if arguments.command == "short-swing":
        return _short_swing(arguments)
    if arguments.command == "holdings":
        return _holdings(arguments)
    if arguments.command == "store":
        return _store(arguments)
    if arguments.command == "render":
        return _render(
            arguments.input,
            arguments.output,
            arguments.copies,
            arguments.watermark,
            arguments.today,
            arguments.signature,
        )
    raise AssertionError(f"unknown command {arguments.command}")  # pragma: no cover - argparse refuses first


def _drop_stdout() -> None:
    """Send what is left in stdout's buffer nowhere: the reader has gone, and Python's own flush at exit would
    otherwise print an 'Exception ignored' message about it."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # stdout is not a file (a test's capture): nothing to drop
        pass


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
