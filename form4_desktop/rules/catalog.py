"""Every rule the program checks: its id, severity, what it says, and the RULES.md row it comes from.

The README's rule table is this catalogue; `tests/test_rules_catalog.py` keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass

from form4_desktop.rules.findings import Severity

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    summary: str
    source: str  # "RULES.md §n, row" (and the primary source named there)


_RULES = [
    # §2 document level
    Rule("DOC-TYPE", E, "Document type is one of 3, 3/A, 4, 4/A, 5, 5/A", "§2 documentType (TS §3.6.3, §4.3)"),
    Rule("PERIOD-REQUIRED", E, "Period of report (box 3) is given", "§2 periodOfReport (TS App. C; XSD)"),
    Rule("PERIOD-EARLIEST", E, "Form 4 box 3 equals the earliest transaction date (an amendment may be earlier)",
         "§2 periodOfReport (TS App. C)"),
    Rule("ORIGINAL-DATE-REQUIRED", E, "An amendment gives the date the original was filed (box 4)",
         "§2 dateOfOriginalSubmission (TS §3.5, App. C)"),
    Rule("ORIGINAL-DATE-UNUSED", E, "An original filing has no box 4 date (the schema has no place for it)",
         "§2 dateOfOriginalSubmission (TS §3.5)"),
    Rule("ORIGINAL-DATE-ORDER", E, "The original filing date is not in the future nor before box 3",
         "§2 dateOfOriginalSubmission; §2 Amendments (NASPP)"),
    Rule("EXIT-BOX-FORM3", E, "The exit box is only on Forms 4 and 5 (the Form 3 schema has no place for it)",
         "§2 notSubjectToSection16 (TS §4.3)"),
    Rule("AFF10B5ONE-FORM3", W, "The 10b5-1 box is not on Form 3; the submission copy leaves it out",
         "§2 aff10b5One (TS §3.5: not in 3, 3/A; the v5.5 Form 3 XSD still allows it)"),
    Rule("NO-TRANSACTIONS", E, "A Form 4 or 5 reports at least one transaction or holding unless the exit box "
         "is checked (TS §4.3; §4.3.3 says 'transaction', but EDGAR accepted a holdings-only Form 4 in the corpus)",
         "§2 notSubjectToSection16; Transactions present (TS §4.3, §4.3.3, §4.3.4; CORPUS)"),
    Rule("AFF10B5ONE-UNANSWERED", E, "The Rule 10b5-1(c) box is answered on a Form 4 or 5 (required since "
         "April 2023)", "§1 10b5-1 checkbox; §2 aff10b5One (R10b5; XSD v5.5 minOccurs=1)"),
    Rule("AFF10B5ONE-FOOTNOTE", W, "A checked 10b5-1 box comes with a footnote (or remark) about the plan "
         "that gives a date (its adoption date)",
         "§1 10b5-1 checkbox (R10b5; Instruction 10)"),
    Rule("ISSUER-CIK", E, "Issuer CIK is 1 to 10 digits, not zero", "§3 CIK (XSD CIK; TS §4.3.1)"),
    Rule("ISSUER-SYMBOL", E, "Issuer trading symbol is given, at most 10 characters (foreign symbol at most 14)",
         "§3 Trading symbol (XSD; TS §4.3.1)"),
    Rule("ISSUER-NAME-LENGTH", E, "Issuer name at most 150 characters", "§3 Field lengths (XSD)"),
    Rule("OWNER-COUNT", E, "1 to 10 reporting owners", "§2 Number of reporting owners (XSD maxOccurs=10)"),
    Rule("OWNER-CIK", E, "Reporting owner CIK is 1 to 10 digits, not zero", "§3 CIK (XSD CIK; TS §4.3.2)"),
    Rule("OWNER-DUPLICATE", E, "No reporting owner CIK appears twice", "§2 Number of reporting owners (TS §4.3.2, §5)"),
    Rule("OWNER-CCC", E, "Each reporting owner's CCC is given and exactly 8 characters (not checked on a copy "
         "EDGAR disseminated, which never has it)", "§2 Reporting owner; §3 CCC (TS §4.3.2; XSD)"),
    Rule("OWNER-NAME-LENGTH", E, "Reporting owner name at most 150 characters", "§3 Field lengths (XSD)"),
    Rule("RELATIONSHIP-NONE", E, "At least one relationship box (director, officer, 10% owner, other) is checked",
         "§2 Relationship (TS §3.3 cm(1))"),
    Rule("RELATIONSHIP-OFFICER-TITLE", E, "An officer gives the officer title", "§2 Relationship (TS §3.3 cm(2))"),
    Rule("RELATIONSHIP-OTHER-TEXT", E, "'Other' gives its description", "§2 Relationship (TS §3.3 cm(3))"),
    Rule("RELATIONSHIP-TEXT-LENGTH", E, "Officer title and other text at most 30 characters",
         "§3 Field lengths (XSD STRING_30)"),
    Rule("RELATIONSHIP-TEXT-UNUSED", W, "An officer title or other text without its box checked",
         "§2 Relationship (TS §3.3 cm(2), cm(3))"),
    Rule("ADDRESS-LENGTH", E, "Street at most 40, city 30, ZIP 10 characters of letters, digits, space, # or -",
         "§3 Field lengths (XSD)"),
    Rule("ADDRESS-STATE", E, "A US address has a state or territory code from the v5.5 list",
         "§2 Non-US address (v5.5) (TS §3.3 cm(10), §3.6.6)"),
    Rule("ADDRESS-COUNTRY", E, "A non-US address has a current country code and no US state",
         "§2 Non-US address (v5.5) (TS §3.3 cm(9), §3.6.2; XSD obsolete codes)"),
    Rule("ADDRESS-NON-US-REGION", W, "Non-US state/territory at most 30 characters (the XSD allows 40)",
         "§3 Field lengths (TS 30 / XSD 40)"),
    Rule("TABLE-SIZE", E, "Table I and Table II at most 30 rows each, 60 in all", "§2 Table size (TS §3.3; XSD)"),
    Rule("FORM3-TRANSACTION", E, "A Form 3 reports holdings only", "§4 Coding rules (TS §4.3.8.1; XSD)"),
    Rule("HOLDING-CODING", E, "Only a Form 5 holding carries a transaction code (a late Form 3 holding)",
         "§4 Coding rules (TS §4.3.8)"),
    Rule("FOOTNOTE-ID", E, "Footnote ids are F1 to F99, without leading zeros", "§2 Footnotes (TS §4.3.5; XSD FID)"),
    Rule("FOOTNOTE-DUPLICATE", E, "Footnote ids are unique", "§2 Footnotes (TS §4.3.5, §5)"),
    Rule("FOOTNOTE-UNUSED", E, "Every footnote is referenced somewhere", "§2 Footnotes (TS §5)"),
    Rule("FOOTNOTE-MISSING", E, "Every footnote reference names a footnote that exists", "§2 Footnotes (XSD FIDREF)"),
    Rule("FOOTNOTE-REPEATED", E, "A box does not reference the same footnote twice", "§2 Footnotes (TS §4.3.6, §5)"),
    Rule("FOOTNOTE-TEXT", E, "Footnote text is given, at most 1,000 characters", "§2 Footnotes (TS table)"),
    Rule("REMARKS-LENGTH", E, "Remarks at most 2,000 characters", "§2 Remarks (XSD STRING_2000)"),
    Rule("SIGNATURE-COUNT", E, "1 to 10 signatures", "§2 Signatures (XSD)"),
    Rule("SIGNATURE-NAME", E, "Signature name given, at most 255 characters", "§2 Signatures (TS §4.3.7; XSD)"),
    Rule("SIGNATURE-DATE", E, "Each signature has a date", "§2 Signatures (XSD)"),
    Rule("SIGNATURE-DATE-ORDER", W, "A signature is not dated in the future nor before a transaction it reports",
         "§2 Signatures; §1 Form 4 deadline"),
    Rule("REQUIRED-VALUE", E, "Boxes the form requires have a value (title, dates, amounts, A/D, D/I)",
         "§3 decimal/date (TS §3.2; XSD; 'Mandatory element has no value' TS §5)"),
    Rule("VALUE-OR-FOOTNOTE", E, "A box that may be left blank carries a footnote instead",
         "§2 Value-or-footnote (TS §3.3 cm(8))"),
    Rule("TEXT-LENGTH", E, "Security titles at most 60, nature of ownership at most 100 characters",
         "§3 Field lengths (XSD)"),
    Rule("TEXT-CHARACTERS", E, "No box holds a control character other than tab and line break (a pasted "
         "vertical tab or form feed): XML 1.0, which EDGAR reads, cannot carry one",
         "§3 strings; XML file (TS §3.2, §4.1; XML 1.0 §2.2 Char)"),
    Rule("DECIMAL-RANGE", E, "Amounts are 0 to 999,999,999,999.9999 with at most 4 decimals",
         "§3 decimal (TS §3.2; XSD POSITIVE_DECIMAL)"),
    Rule("DIRECT-INDIRECT", E, "Ownership form is D or I; D has no nature of ownership, I must have one",
         "§2 D/I ownership (TS §3.3 cm(5), §5)"),
    Rule("DERIVATIVE-AMOUNTS", E, "Table II: shares or total value, not both; underlying shares or value, "
         "not both; amount or value owned following, not both", "§2 Derivative amounts (TS §3.3 cm(4),(6),(7))"),
    Rule("OWNED-FOLLOWING", E, "Amount (or value) owned following is given, not both, except on a Form 3 "
         "Table II holding, which has none", "§2 Derivative amounts (TS §3.3 cm(7))"),
    Rule("DATE-RANGE", E, "Transaction, box 3 and signature dates are plausible (not before the Exchange Act "
         "of 1934: a mistyped year)", "§3 date (TS §3.2)"),
    Rule("GIFT-FORM-TYPE", E, "A gift given (G, disposed) since 02/27/2023 is reported on Form 4 as a form type 4 "
         "item, due in two business days", "§1 Gifts (R10b5)"),
    Rule("TRANSACTION-DATE-FUTURE", E, "A transaction date is not in the future", "§1 Form 4 deadline (R16a3)"),
    Rule("DEEMED-DATE-ORDER", E, "A deemed execution date is after the transaction date",
         "§1 Deemed execution date (R16a3(g))"),
    Rule("DEEMED-DATE-SAME", W, "A deemed execution date equal to the transaction date should be left blank",
         "§1 Deemed execution date (R16a3(g))"),
    Rule("DEEMED-DATE-LATE", W, "A deemed execution date no later than the third business day after the trade",
         "§1 Deemed execution date (R16a3(g))"),
    Rule("EXERCISE-AFTER-EXPIRATION", W, "The date exercisable is not after the expiration date",
         "§5 Table II columns (TS App. C)"),
    Rule("CODING-REQUIRED", E, "A transaction has a transaction code (column 3 / column 4) and says whether an "
         "equity swap is involved",
         "§4 Coding rules (TS §4.3.8.2, §4.3.8.3)"),
    Rule("CODING-CODE", E, "The transaction code is one of the SEC's codes", "§4 Transaction coding (XSD pattern)"),
    Rule("CODING-FORM-TYPE", E, "Transaction form type is 4 or 5 (a Form 5 holding: 3)",
         "§4 Coding rules (TS §4.3.8)"),
    Rule("CODING-TIMELINESS", E, "Timeliness fits the form: on a Form 4, empty or E for a form-type-5 item; "
         "on a Form 5, empty or L", "§4 Coding rules (TS §4.3.8.2, §4.3.8.3)"),
    Rule("CODING-ACQUIRED-DISPOSED", E, "The (A)/(D) flag agrees with a code that fixes it "
         "(P and L acquire; S, F, D and U dispose)", "§4 Transaction coding (TS §3.6.10)"),
    Rule("CODING-ACQUIRED-DISPOSED-USUAL", W, "The (A)/(D) flag is the usual one for the code and table "
         "(A awards acquire; M, X, O, C exercises acquire in Table I and dispose in Table II; E, H dispose)",
         "§4 Transaction coding (TS §3.6.10)"),
    Rule("HOLDINGS-ARITHMETIC", W, "Amount owned following = the previous row's amount ± this row's shares, "
         "for rows of the same security held the same way", "issue #3 (holdings arithmetic); §5 Table I col. 5"),
    Rule("XML-CONTENT", E, "The file's own XML: every value readable as its type (no commas, exponents, "
         "impossible dates), no unknown or repeated elements, no namespace, processing instruction, sign or "
         "empty date/number/yes-no element", "§3 Data formats; XML file (TS §3.2, §4.1, §5)"),
    Rule("XML-SCHEMA", E, "The file as it stands is valid against the v5.5 schema of its document type "
         "(element order, required elements); judged as of its day for a copy EDGAR disseminated",
         "§2 (XSD v5.5; TS §5 'Elements not in sequence', 'Any XML schema violation')"),
    Rule("SCHEMA", E, "Safety net: the filing, written out, is valid against the v5.5 schema (reported only "
         "when no other rule finds an error)", "§2 (XSD v5.5)"),
    Rule("DUE-DATE", I, "When a Form 4 is due: end of the 2nd business day after the transaction (or deemed "
         "execution) date, 10 p.m. Eastern", "§1 Form 4 deadline; Deemed execution date; EDGAR cut-off (R16a3(g); RST 13(a)(4))"),
    Rule("LATE", W, "A draft Form 4 whose due date has passed, and by how many business days",
         "§1 Form 4 deadline (R16a3(g))"),
    Rule("FORM5-ITEM-EARLY", I, "A Form 4 row marked V (a Form 5 item reported early) has no two-day deadline; "
         "shown so that a V ticked by mistake is seen", "§4 Coding rules (TS §4.3.8.2); Form 4 General Instruction 4(c)"),
    Rule("TYPED-VALUE", E, "Text typed into a box is a value of its kind (a real date as MM/DD/YYYY, an amount in "
         "digits and one period); until it is, the box is not saved, printed or exported",
         "Form 4 Desktop: what the screen shows is what is filed; §3 Data formats (TS §3.2)"),
]

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}
