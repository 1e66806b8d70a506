"""One description of each form's boxes and table columns, in the form's own words: the rules name boxes with
it, the editor builds its tables from it and the printed form takes its headings from it. Forms 3 and 5 are Form
4's description plus what differs; a new column is one line here.

A table column is one value of a row (a model attribute path such as `coding.code`), under a numbered box of the
form ("4. Securities Acquired (A) or Disposed of (D)") and, where the box has several, a part of it ("Amount").
Text is the SEC's own, as its stylesheets (4_X09.xsl, 3_X07.xsl, 5_X09.xsl) print it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

# Kinds of column (how a value is typed and shown): text; date; decimal (an amount or price); code (a
# transaction code); v (a Form 5 item reported early); k (an equity swap); ad ((A) or (D)); di (D or I);
# timeliness (E early, L late); form (a Form 5 row's form type: which form the item belongs on); kind (a row's
# kind: transaction or holding, not a value of the form).
KINDS = frozenset({"text", "date", "decimal", "code", "v", "k", "ad", "di", "timeliness", "form", "kind"})

# A Form 5 row's form type (EDGAR's transactionFormType, Technical Specification 4.3.8.3): the choices the editor
# offers, in the words the findings use to tell the user what to choose. A "4" transaction is a Form 4 item
# reported late (late by definition; the form prints its code with a 4, "G4", and checks "Form 4 Transactions
# Reported"); a "5" one is a Form 5 item, on time or marked L (late: "G5"); a "3" holding was omitted from the Form 3
# (it prints "3" and checks "Form 3 Holdings Reported").
FORM_TYPE_HEADER = "Form type"
FORM5_ITEM = ("5", "5 — a Form 5 item")
LATE_FORM4_ITEM = ("4", "4 — should have been reported on Form 4")
LATE_FORM3_HOLDING = ("3", "3 — should have been reported on Form 3")


def choose_form_type(choice: tuple[str, str]) -> str:
    """The advice a finding gives for a form type: what to pick, in the editor's own words."""
    return f"choose '{choice[1]}' in its {FORM_TYPE_HEADER} column"


@dataclass(frozen=True)
class Column:
    number: str  # the form's box number ("4", "2A"); "" for the row-kind column
    part: str  # the part of a box with several ("Amount", "Code"); "" when the box is one column
    attribute: str | None  # the row's model attribute path; None for the row-kind column
    kind: str
    header: str  # the editor's column header (short)
    label: str  # how a message names it, after "column N, " ("Amount owned following")
    tip: str = ""  # the form's full wording, for a tooltip
    holding: bool = False  # a holding row has it too (a transaction row has every column)
    printed: bool = True  # the paper form has a place for it (K is only in the XML)


@dataclass(frozen=True)
class Box:
    """A numbered box heading a table's columns: its number and the form's wording."""

    number: str
    heading: str


@dataclass(frozen=True)
class TableDescription:
    name: str  # "table_i" or "table_ii"
    title: str  # "Table I - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned"
    subtitle: str
    boxes: tuple[Box, ...]
    columns: tuple[Column, ...]
    # Values that have no column of their own in the editor (the value alternatives of an amount, the timeliness
    # mark of a Form 4 row): how a message names them.
    other_labels: dict[str, str] = field(default_factory=dict)
    transactions: bool = True  # rows may be transactions (Form 3 has holdings only)

    @property
    def short_name(self) -> str:
        return "Table I" if self.name == "table_i" else "Table II"

    def column(self, attribute: str) -> Column | None:
        for column in self.columns:
            if column.attribute == attribute:
                return column
        return None

    def label(self, attribute: str) -> str | None:
        """How a message names the column of `attribute`: "column 4, Amount"; None if the table has no such."""
        column = self.column(attribute)
        if column is not None and column.number:
            return f"column {column.number}, {column.label}"
        return self.other_labels.get(attribute)

    def box(self, number: str) -> Box:
        return next(box for box in self.boxes if box.number == number)


@dataclass(frozen=True)
class FormDescription:
    form: str  # "3", "4" or "5"
    title: str  # "FORM 4"
    statement: str  # the form's own title line
    sec_number: str  # the form's number at its foot: "SEC 1474 (9-02)"
    boxes: dict[str, str]  # field path -> the form's name of its box ("Box 3, date of earliest transaction")
    table_i: TableDescription
    table_ii: TableDescription
    exit_box: bool  # "Check this box if no longer subject to Section 16"
    rule_10b5_1_box: bool
    relationship_box: str = "Box 5, relationship"  # Relationship of Reporting Person(s) to Issuer

    def table(self, name: str) -> TableDescription:
        return self.table_i if name == "table_i" else self.table_ii


# The descriptions below are tables, one column per line: kept as written rather than one argument per line.
# fmt: off
# -- Form 4 --------------------------------------------------------------------------------------------------
_T1_TITLE = "Table I - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned"
_T2_TITLE = "Table II - Derivative Securities Acquired, Disposed of, or Beneficially Owned"
_T2_SUBTITLE = "(e.g., puts, calls, warrants, options, convertible securities)"
_ROW_KIND = Column("", "", None, "kind", "Line", "", "A transaction, or a holding (securities owned, no transaction).", True)

FORM4_TABLE_I = TableDescription(
    "table_i",
    _T1_TITLE,
    "",
    (
        Box("1", "Title of Security (Instr. 3)"),
        Box("2", "Transaction Date (Month/Day/Year)"),
        Box("2A", "Deemed Execution Date, if any (Month/Day/Year)"),
        Box("3", "Transaction Code (Instr. 8)"),
        Box("4", "Securities Acquired (A) or Disposed of (D) (Instr. 3, 4 and 5)"),
        Box("5", "Amount of Securities Beneficially Owned Following Reported Transaction(s) (Instr. 3 and 4)"),
        Box("6", "Ownership Form: Direct (D) or Indirect (I) (Instr. 4)"),
        Box("7", "Nature of Indirect Beneficial Ownership (Instr. 4)"),
    ),
    (
        _ROW_KIND,
        Column("1", "", "security_title", "text", "1. Title of Security", "Title of Security",
               "Title of Security (Instr. 3)", True),
        Column("2", "", "transaction_date", "date", "2. Transaction Date", "Transaction Date",
               "Transaction Date (Month/Day/Year)"),
        Column("2A", "", "deemed_execution_date", "date", "2A. Deemed Execution Date", "Deemed Execution Date",
               "Deemed Execution Date, if any (Month/Day/Year): for 10b5-1 plan and discretionary trades"),
        Column("3", "Code", "coding.code", "code", "3. Code", "Transaction Code", "Transaction Code (Instr. 8)"),
        Column("3", "V", "coding.form_type", "v", "V", "Transaction Code",
               "V: a Form 5 item reported early, voluntarily"),
        Column("3", "", "coding.equity_swap_involved", "k", "K", "Transaction Code",
               "K: an equity swap is involved", printed=False),
        Column("4", "Amount", "shares", "decimal", "4. Amount", "Amount",
               "Securities Acquired (A) or Disposed Of (D): Amount (Instr. 3, 4 and 5)"),
        Column("4", "(A) or (D)", "acquired_disposed", "ad", "(A) or (D)", "(A) or (D)",
               "(A) acquired or (D) disposed of"),
        Column("4", "Price", "price_per_share", "decimal", "Price", "Price",
               "Price per share ($, digits and one period)"),
        Column("5", "", "shares_owned_following", "decimal", "5. Owned Following", "Amount owned following",
               "Amount of Securities Beneficially Owned Following Reported Transaction(s) (Instr. 3 and 4)", True),
        Column("6", "", "ownership.direct_or_indirect", "di", "6. D or I",
               "Ownership Form: Direct (D) or Indirect (I)", "Ownership Form: Direct (D) or Indirect (I) (Instr. 4)",
               True),
        Column("7", "", "ownership.nature_of_ownership", "text", "7. Nature of Indirect Ownership",
               "Nature of Indirect Beneficial Ownership",
               "Nature of Indirect Beneficial Ownership (Instr. 4), e.g. 'By Trust'", True),
    ),
    {
        "coding": "column 3, Transaction Code",
        "timeliness": "column 3, Transaction Code (timeliness)",
        "value_owned_following": "column 5, Value owned following",
    },
)

FORM4_TABLE_II = TableDescription(
    "table_ii",
    _T2_TITLE,
    _T2_SUBTITLE,
    (
        Box("1", "Title of Derivative Security (Instr. 3)"),
        Box("2", "Conversion or Exercise Price of Derivative Security"),
        Box("3", "Transaction Date (Month/Day/Year)"),
        Box("3A", "Deemed Execution Date, if any (Month/Day/Year)"),
        Box("4", "Transaction Code (Instr. 8)"),
        Box("5", "Number of Derivative Securities Acquired (A) or Disposed of (D) (Instr. 3, 4, and 5)"),
        Box("6", "Date Exercisable and Expiration Date (Month/Day/Year)"),
        Box("7", "Title and Amount of Underlying Securities (Instr. 3 and 4)"),
        Box("8", "Price of Derivative Security (Instr. 5)"),
        Box("9", "Number of Derivative Securities Beneficially Owned Following Reported Transaction(s) (Instr. 4)"),
        Box("10", "Ownership Form of Derivative Security: Direct (D) or Indirect (I) (Instr. 4)"),
        Box("11", "Nature of Indirect Beneficial Ownership (Instr. 4)"),
    ),
    (
        _ROW_KIND,
        Column("1", "", "security_title", "text", "1. Title of Derivative Security", "Title of Derivative Security",
               "Title of Derivative Security (Instr. 3)", True),
        Column("2", "", "conversion_or_exercise_price", "decimal", "2. Conversion or Exercise Price",
               "Conversion or Exercise Price", "Conversion or Exercise Price of Derivative Security", True),
        Column("3", "", "transaction_date", "date", "3. Transaction Date", "Transaction Date",
               "Transaction Date (Month/Day/Year)"),
        Column("3A", "", "deemed_execution_date", "date", "3A. Deemed Execution Date", "Deemed Execution Date",
               "Deemed Execution Date, if any (Month/Day/Year)"),
        Column("4", "Code", "coding.code", "code", "4. Code", "Transaction Code", "Transaction Code (Instr. 8)"),
        Column("4", "V", "coding.form_type", "v", "V", "Transaction Code",
               "V: a Form 5 item reported early, voluntarily"),
        Column("4", "", "coding.equity_swap_involved", "k", "K", "Transaction Code",
               "K: an equity swap is involved", printed=False),
        Column("5", "Number", "shares", "decimal", "5. Number",
               "Number of derivative securities acquired (A) or disposed of (D)",
               "Number of Derivative Securities Acquired (A) or Disposed of (D)"),
        Column("5", "(A) or (D)", "acquired_disposed", "ad", "(A) or (D)", "(A) or (D)",
               "(A) acquired or (D) disposed of"),
        Column("6", "Date Exercisable", "exercise_date", "date", "6. Date Exercisable", "Date Exercisable",
               "Date Exercisable (Month/Day/Year)", True),
        Column("6", "Expiration Date", "expiration_date", "date", "Expiration Date", "Expiration Date",
               "Expiration Date (Month/Day/Year)", True),
        Column("7", "Title", "underlying.title", "text", "7. Underlying Title", "Title of underlying securities",
               "Title of Securities Underlying (Instr. 3 and 4)", True),
        Column("7", "Amount or Number of Shares", "underlying.shares", "decimal", "7. Underlying Amount",
               "Amount of underlying securities", "Amount or Number of Shares underlying", True),
        Column("8", "", "price_per_share", "decimal", "8. Price", "Price of Derivative Security",
               "Price of Derivative Security (Instr. 5)"),
        Column("9", "", "shares_owned_following", "decimal", "9. Owned Following", "Number owned following",
               "Number of Derivative Securities Beneficially Owned Following Reported Transaction(s) (Instr. 4)",
               True),
        Column("10", "", "ownership.direct_or_indirect", "di", "10. D or I",
               "Ownership Form: Direct (D) or Indirect (I)", "Ownership Form: Direct (D) or Indirect (I)", True),
        Column("11", "", "ownership.nature_of_ownership", "text", "11. Nature of Indirect Ownership",
               "Nature of Indirect Beneficial Ownership", "Nature of Indirect Beneficial Ownership (Instr. 4)", True),
    ),
    {
        "coding": "column 4, Transaction Code",
        "timeliness": "column 4, Transaction Code (timeliness)",
        "total_value": "column 5, Value of derivative securities acquired (A) or disposed of (D)",
        "underlying.value": "column 7, Value of underlying securities",
        "value_owned_following": "column 9, Value owned following",
    },
)

_BOXES_4 = {
    "document_type": "Form type",
    "period_of_report": "Box 3, date of earliest transaction",
    "date_of_original_submission": "Box 4, date original filed",
    "not_subject_to_section16": "Exit box",
    "aff10b5_one": "Rule 10b5-1(c) box",
    "issuer": "Box 2, issuer",
    "remarks": "Remarks",
    "issuer.cik": "Box 2, issuer CIK",
    "issuer.name": "Box 2, issuer name",
    "issuer.trading_symbol": "Box 2, ticker or trading symbol",
    "issuer.foreign_trading_symbol": "Box 2a",
}

FORM4 = FormDescription(
    "4",
    "FORM 4",
    "STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP OF SECURITIES",
    "SEC 1474 (9-02)",
    _BOXES_4,
    FORM4_TABLE_I,
    FORM4_TABLE_II,
    exit_box=True,
    rule_10b5_1_box=True,
)


# -- Form 5: Form 4's tables, owned "at end of Issuer's Fiscal Year", and a timeliness mark ------------------------
def _form5_table(table: TableDescription, owned_box: str, owned_heading: str) -> TableDescription:
    columns = []
    for column in table.columns:
        if column.attribute == "coding.form_type":  # no V on a Form 5: every item on it is a Form 5 item
            continue
        if column.attribute == "shares_owned_following":
            column = replace(
                column,
                tip=owned_heading,
                header=column.header.replace("Owned Following", "Owned at Fiscal Year End"),
                label=column.label.replace("following", "at fiscal year end"),
            )
        columns.append(column)
        if column.attribute == "coding.code":
            # Printed with the code ("G4", "G5", "3"), as the SEC's stylesheet does: no printed column of its own.
            columns.append(Column(column.number, "", "coding.form_type", "form", FORM_TYPE_HEADER,
                                  "Transaction Code (form type)",
                                  f"Which form the item belongs on. {FORM5_ITEM[1]} (on time, or L if late: prints "
                                  f"G5). {LATE_FORM4_ITEM[1]}: a Form 4 item reported late (prints G4 and checks "
                                  f"'Form 4 Transactions Reported'). On a holding: {LATE_FORM3_HOLDING[1]} (prints 3 "
                                  "and checks 'Form 3 Holdings Reported').", holding=True, printed=False))
        if column.attribute == "coding.equity_swap_involved":
            columns.append(Column(column.number, "", "timeliness", "timeliness", "L",
                                  "Transaction Code (timeliness)",
                                  "L: a Form 5 item reported late (prints G5). A Form 4 item reported late is "
                                  f"not marked here: {choose_form_type(LATE_FORM4_ITEM)}."))
    boxes = tuple(Box(box.number, owned_heading) if box.number == owned_box else box for box in table.boxes)
    other = {key: value for key, value in table.other_labels.items() if key != "timeliness"}
    return replace(table, boxes=boxes, columns=tuple(columns), other_labels=other)


FORM5 = FormDescription(
    "5",
    "FORM 5",
    "ANNUAL STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP OF SECURITIES",
    "SEC 2270 (9-02)",
    {
        **_BOXES_4,
        "period_of_report": "Box 3, statement for issuer's fiscal year ended",
        "form3_holdings_reported": "Form 3 Holdings Reported",
        "form4_transactions_reported": "Form 4 Transactions Reported",
    },
    _form5_table(FORM4_TABLE_I, "5", "Amount of Securities Beneficially Owned at end of Issuer's Fiscal Year "
                 "(Instr. 3 and 4)"),
    _form5_table(FORM4_TABLE_II, "9", "Number of Derivative Securities Beneficially Owned at End of Issuer's "
                 "Fiscal Year (Instr. 4)"),
    exit_box=True,
    rule_10b5_1_box=True,
)


# -- Form 3: holdings only --------------------------------------------------------------------------------------
FORM3 = FormDescription(
    "3",
    "FORM 3",
    "INITIAL STATEMENT OF BENEFICIAL OWNERSHIP OF SECURITIES",
    "SEC 1473 (7-02)",
    {
        **_BOXES_4,
        "period_of_report": "Box 2, date of event requiring statement",
        "date_of_original_submission": "Box 5, date original filed",
        "issuer": "Box 3, issuer",
        "issuer.cik": "Box 3, issuer CIK",
        "issuer.name": "Box 3, issuer name",
        "issuer.trading_symbol": "Box 3, ticker or trading symbol",
        "issuer.foreign_trading_symbol": "Box 3a",
    },
    TableDescription(
        "table_i",
        "Table I - Non-Derivative Securities Beneficially Owned",
        "",
        (
            Box("1", "Title of Security (Instr. 4)"),
            Box("2", "Amount of Securities Beneficially Owned (Instr. 4)"),
            Box("3", "Ownership Form: Direct (D) or Indirect (I) (Instr. 5)"),
            Box("4", "Nature of Indirect Beneficial Ownership (Instr. 5)"),
        ),
        (
            Column("1", "", "security_title", "text", "1. Title of Security", "Title of Security",
                   "Title of Security (Instr. 4)", True),
            Column("2", "", "shares_owned_following", "decimal", "2. Amount Owned",
                   "Amount of Securities Beneficially Owned", "Amount of Securities Beneficially Owned (Instr. 4)",
                   True),
            Column("3", "", "ownership.direct_or_indirect", "di", "3. D or I",
                   "Ownership Form: Direct (D) or Indirect (I)",
                   "Ownership Form: Direct (D) or Indirect (I) (Instr. 5)", True),
            Column("4", "", "ownership.nature_of_ownership", "text", "4. Nature of Indirect Ownership",
                   "Nature of Indirect Beneficial Ownership", "Nature of Indirect Beneficial Ownership (Instr. 5)",
                   True),
        ),
        {"value_owned_following": "column 2, Value of Securities Beneficially Owned"},
        transactions=False,
    ),
    TableDescription(
        "table_ii",
        "Table II - Derivative Securities Beneficially Owned",
        _T2_SUBTITLE,
        (
            Box("1", "Title of Derivative Security (Instr. 4)"),
            Box("2", "Date Exercisable and Expiration Date (Month/Day/Year)"),
            Box("3", "Title and Amount of Securities Underlying Derivative Security (Instr. 4)"),
            Box("4", "Conversion or Exercise Price of Derivative Security"),
            Box("5", "Ownership Form of Derivative Security: Direct (D) or Indirect (I) (Instr. 5)"),
            Box("6", "Nature of Indirect Beneficial Ownership (Instr. 5)"),
        ),
        (
            Column("1", "", "security_title", "text", "1. Title of Derivative Security",
                   "Title of Derivative Security", "Title of Derivative Security (Instr. 4)", True),
            Column("2", "Date Exercisable", "exercise_date", "date", "2. Date Exercisable", "Date Exercisable",
                   "Date Exercisable (Month/Day/Year)", True),
            Column("2", "Expiration Date", "expiration_date", "date", "Expiration Date", "Expiration Date",
                   "Expiration Date (Month/Day/Year)", True),
            Column("3", "Title", "underlying.title", "text", "3. Underlying Title", "Title of underlying securities",
                   "Title of Securities Underlying Derivative Security (Instr. 4)", True),
            Column("3", "Amount or Number of Shares", "underlying.shares", "decimal", "3. Underlying Amount",
                   "Amount of underlying securities", "Amount or Number of Shares underlying", True),
            Column("4", "", "conversion_or_exercise_price", "decimal", "4. Conversion or Exercise Price",
                   "Conversion or Exercise Price", "Conversion or Exercise Price of Derivative Security", True),
            Column("5", "", "ownership.direct_or_indirect", "di", "5. D or I",
                   "Ownership Form: Direct (D) or Indirect (I)",
                   "Ownership Form of Derivative Security: Direct (D) or Indirect (I) (Instr. 5)", True),
            Column("6", "", "ownership.nature_of_ownership", "text", "6. Nature of Indirect Ownership",
                   "Nature of Indirect Beneficial Ownership", "Nature of Indirect Beneficial Ownership (Instr. 5)",
                   True),
        ),
        {"underlying.value": "column 3, Value of underlying securities"},
        transactions=False,
    ),
    exit_box=False,
    rule_10b5_1_box=False,
    relationship_box="Box 4, relationship",
)

# fmt: on
FORMS = {"3": FORM3, "4": FORM4, "5": FORM5}


def describe(form: str) -> FormDescription:
    """The description of Form `form` ("3", "4" or "5"; an amendment is its form's: "4/A" -> Form 4). An unknown
    form is described as Form 4, whose boxes the rules then name while they say the form type is wrong."""
    return FORMS.get(form.split("/")[0], FORM4)
