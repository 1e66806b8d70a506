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


# Which day the gift rule starts (issue 12): the rule's effective date, not the Forms' compliance date.
_GIFTS = (
    "§1 Gifts (Rule 16a-3(g)(1) as amended by Release 33-11138, 87 FR 80362 (12/29/2022), whose DATES say 'The "
    "final rules are effective on February 27, 2023': a gift made that day or later is due on Form 4 in two "
    "business days. The gift rule is an amendment of Rule 16a-3 itself (SEC Small Entity Compliance Guide "
    "02/24/2023: 'revisions to Rule 16a-3 and Forms 4 and 5'); April 1, 2023 is the compliance date the release "
    "gives for the amended Forms 4 and 5, the 10b5-1 box (Calfee 12/2022, KPMG 12/2022). So BCLP 02/21/2023, White "
    "& Case 2023 and Workiva 2023; CCRCorp 12/2022 and Loeb 06/2023 date the gift change 04/01/2023)"
)

_RULES = [
    # §2 document level
    Rule("DOC-TYPE", E, "Document type is one of 3, 3/A, 4, 4/A, 5, 5/A", "§2 documentType (TS §3.6.3, §4.3)"),
    Rule("PERIOD-REQUIRED", E, "Period of report (box 3) is given", "§2 periodOfReport (TS App. C; XSD)"),
    Rule(
        "PERIOD-EARLIEST",
        E,
        "Form 4 box 3 equals the earliest transaction date (an amendment may be earlier); "
        "Form 5 items reported early (V) may be left out of it; a later part of a report split over several forms "
        "(so its remarks say) may give the earliest date of the whole report",
        "§2 periodOfReport (TS App. C); CORPUS: 4 accepted filings date box 3 by their form-type-4 rows only; "
        "2 accepted later parts of split reports (000089924322015955, 000120919120053428) date it by the first part",
    ),
    Rule(
        "ORIGINAL-DATE-REQUIRED",
        E,
        "An amendment gives the date the original was filed (box 4)",
        "§2 dateOfOriginalSubmission (TS §3.5, App. C)",
    ),
    Rule(
        "ORIGINAL-DATE-UNUSED",
        E,
        "An original filing has no box 4 date (the schema has no place for it)",
        "§2 dateOfOriginalSubmission (TS §3.5)",
    ),
    Rule(
        "ORIGINAL-DATE-ORDER",
        E,
        "The original filing date is not in the future nor before box 3",
        "§2 dateOfOriginalSubmission; §2 Amendments (NASPP)",
    ),
    Rule(
        "EXIT-BOX-FORM3",
        E,
        "The exit box is only on Forms 4 and 5 (the Form 3 schema has no place for it)",
        "§2 notSubjectToSection16 (TS §4.3)",
    ),
    Rule(
        "AFF10B5ONE-FORM3",
        W,
        "The 10b5-1 box is not on Form 3; the submission copy leaves it out",
        "§2 aff10b5One (TS §3.5: not in 3, 3/A; the v5.5 Form 3 XSD still allows it)",
    ),
    Rule(
        "NO-TRANSACTIONS",
        E,
        "A Form 4 or 5 reports at least one transaction or holding unless the exit box is checked",
        "§2 notSubjectToSection16; Transactions present (TS §4.3, §4.3.3, §4.3.4)",
    ),
    Rule(
        "HOLDINGS-ONLY",
        W,
        "A Form 4 (or a Form 5 without a late Form 3 holding) that reports holdings but no "
        "transaction: EDGAR accepts it, but the form reports a change in beneficial ownership",
        "§2 Transactions present (TS §4.3.3 says 'transaction'; CORPUS: EDGAR accepted a holdings-only Form 4)",
    ),
    Rule(
        "AFF10B5ONE-UNANSWERED",
        E,
        "The Rule 10b5-1(c) box is answered on a Form 4 or 5 (required since April 2023)",
        "§1 10b5-1 checkbox; §2 aff10b5One (R10b5; XSD v5.5 minOccurs=1)",
    ),
    Rule(
        "AFF10B5ONE-FOOTNOTE",
        W,
        "A checked 10b5-1 box comes with a footnote (or remark) about a Rule 10b5-1 "
        "trading plan that gives the plan's adoption date (a merger agreement's date is not one)",
        "§1 10b5-1 checkbox (R10b5; Form 4 General Instruction 10)",
    ),
    Rule(
        "AFF10B5ONE-UNCHECKED",
        W,
        "The 10b5-1 box is checked when a footnote says a trade was made under a "
        "Rule 10b5-1 plan adopted on or after 02/27/2023",
        "§1 10b5-1 checkbox (R10b5: Release 33-11138, effective 02/27/2023; C&DI 120.31 of 08/25/2023)",
    ),
    Rule(
        "AFF10B5ONE-OLD-PLAN",
        W,
        "The 10b5-1 box is not checked for a plan adopted before 02/27/2023 (the box "
        "does not apply to such plans; a footnote says so instead)",
        "C&DI 120.31 (Exchange Act Rules, 08/25/2023): the box 'does not apply to trading plans that were adopted "
        "prior to the effective date of the amendments to Rule 10b5-1' (as quoted by Arnold & Porter 08/2023); "
        "Alan Dye, Section16.net 01/24/2024: check it only for a plan meant to meet the amended rule, and say in a "
        "footnote that a trade was under an earlier plan",
    ),
    Rule("ISSUER-CIK", E, "Issuer CIK is 1 to 10 digits, not zero", "§3 CIK (XSD CIK; TS §4.3.1)"),
    Rule(
        "ISSUER-SYMBOL",
        E,
        "Issuer trading symbol is given, at most 10 characters (foreign symbol at most 14)",
        "§3 Trading symbol (XSD; TS §4.3.1)",
    ),
    Rule("ISSUER-NAME-LENGTH", E, "Issuer name at most 150 characters", "§3 Field lengths (XSD)"),
    Rule(
        "OWNER-COUNT",
        E,
        "1 to 10 reporting owners; more go on further forms filed the same day",
        "§2 Number of reporting owners (XSD maxOccurs=10; TS §5); EDGAR's limit, not the Form's: an eleventh "
        "owner goes on another filing (Novaworks, '5 Tips for Section 16')",
    ),
    Rule("OWNER-CIK", E, "Reporting owner CIK is 1 to 10 digits, not zero", "§3 CIK (XSD CIK; TS §4.3.2)"),
    Rule("OWNER-DUPLICATE", E, "No reporting owner CIK appears twice", "§2 Number of reporting owners (TS §4.3.2, §5)"),
    Rule(
        "OWNER-CCC",
        E,
        "Each reporting owner's CCC is given and exactly 8 characters (not checked on a copy "
        "EDGAR disseminated, which never has it)",
        "§2 Reporting owner; §3 CCC (TS §4.3.2; XSD)",
    ),
    Rule("OWNER-NAME-LENGTH", E, "Reporting owner name at most 150 characters", "§3 Field lengths (XSD)"),
    Rule(
        "RELATIONSHIP-NONE",
        E,
        "At least one relationship box (director, officer, 10% owner, other) is checked",
        "§2 Relationship (TS §3.3 cm(1))",
    ),
    Rule("RELATIONSHIP-OFFICER-TITLE", E, "An officer gives the officer title", "§2 Relationship (TS §3.3 cm(2))"),
    Rule("RELATIONSHIP-OTHER-TEXT", E, "'Other' gives its description", "§2 Relationship (TS §3.3 cm(3))"),
    Rule(
        "RELATIONSHIP-TEXT-LENGTH",
        E,
        "Officer title and other text at most 30 characters",
        "§3 Field lengths (XSD STRING_30)",
    ),
    Rule(
        "RELATIONSHIP-TEXT-UNUSED",
        W,
        "An officer title or other text without its box checked",
        "§2 Relationship (TS §3.3 cm(2), cm(3))",
    ),
    Rule(
        "ADDRESS-LENGTH",
        E,
        "Street at most 40, city 30, ZIP 10 characters of letters, digits, space, # or -",
        "§3 Field lengths (XSD)",
    ),
    Rule(
        "ADDRESS-STATE",
        E,
        "A US address has a state or territory code from the v5.5 list",
        "§2 Non-US address (v5.5) (TS §3.3 cm(10), §3.6.6)",
    ),
    Rule(
        "ADDRESS-COUNTRY",
        E,
        "A non-US address has a current country code and no US state",
        "§2 Non-US address (v5.5) (TS §3.3 cm(9), §3.6.2; XSD obsolete codes)",
    ),
    Rule(
        "ADDRESS-NON-US-REGION",
        W,
        "Non-US state/territory at most 30 characters (the XSD allows 40)",
        "§3 Field lengths (TS 30 / XSD 40)",
    ),
    Rule(
        "TABLE-SIZE",
        E,
        "Table I and Table II at most 30 rows each, 60 in all; more go on further forms filed "
        "the same day, each with its own box 3",
        "§2 Table size (TS §3.3; XSD); EDGAR's limit, not the Form's: "
        "more rows go on another filing with its own ownership document (Novaworks, '5 Tips for Section 16'); "
        "CORPUS: split filings say so in their remarks",
    ),
    Rule("FORM3-TRANSACTION", E, "A Form 3 reports holdings only", "§4 Coding rules (TS §4.3.8.1; XSD)"),
    Rule(
        "HOLDING-CODING",
        E,
        "Only a Form 5 holding carries a transaction code (a late Form 3 holding)",
        "§4 Coding rules (TS §4.3.8)",
    ),
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
    Rule(
        "SIGNATURE-DATE-ORDER",
        W,
        "A signature is not dated in the future nor before a transaction it reports",
        "§2 Signatures; §1 Form 4 deadline",
    ),
    Rule(
        "REQUIRED-VALUE",
        E,
        "Boxes the form requires have a value (title, dates, amounts, A/D, D/I)",
        "§3 decimal/date (TS §3.2; XSD; 'Mandatory element has no value' TS §5)",
    ),
    Rule(
        "VALUE-OR-FOOTNOTE",
        E,
        "A box that may be left blank carries a footnote instead",
        "§2 Value-or-footnote (TS §3.3 cm(8))",
    ),
    Rule(
        "TEXT-LENGTH",
        E,
        "Security titles at most 60, nature of ownership at most 100 characters",
        "§3 Field lengths (XSD)",
    ),
    Rule(
        "TEXT-CHARACTERS",
        E,
        "No box holds a control character other than tab and line break (a pasted "
        "vertical tab or form feed): XML 1.0, which EDGAR reads, cannot carry one",
        "§3 strings; XML file (TS §3.2, §4.1; XML 1.0 §2.2 Char)",
    ),
    Rule(
        "PRINT-CHARACTERS",
        W,
        "Every character prints: the printed form's font draws Latin, Greek and Cyrillic "
        "but not Chinese, Japanese or Korean letters, which print as \ufffd (the XML carries them, but accepted "
        "filings are ASCII)",
        "§3 strings (TS §3.2 sets no character limit beyond XML 1.0; TS §4.1 speaks of ASCII XML files); the "
        "printed form's embedded font",
    ),
    Rule(
        "DECIMAL-RANGE",
        E,
        "Amounts are 0 to 999,999,999,999.9999 with at most 4 decimals",
        "§3 decimal (TS §3.2; XSD POSITIVE_DECIMAL)",
    ),
    Rule(
        "DIRECT-INDIRECT",
        E,
        "Ownership form is D or I; D has no nature of ownership, I must have one",
        "§2 D/I ownership (TS §3.3 cm(5), §5)",
    ),
    Rule(
        "DERIVATIVE-AMOUNTS",
        E,
        "Table II: shares or total value, not both; underlying shares or value, "
        "not both; amount or value owned following, not both",
        "§2 Derivative amounts (TS §3.3 cm(4),(6),(7))",
    ),
    Rule(
        "OWNED-FOLLOWING",
        E,
        "Amount (or value) owned following is given, not both, except on a Form 3 Table II holding, which has none",
        "§2 Derivative amounts (TS §3.3 cm(7))",
    ),
    Rule(
        "DATE-RANGE",
        E,
        "Transaction, box 3 and signature dates are plausible (not before the Exchange Act of 1934: a mistyped year)",
        "§3 date (TS §3.2)",
    ),
    Rule(
        "GIFT-FORM-TYPE",
        E,
        "A gift given (G, disposed) since 02/27/2023 is reported on Form 4 as a form type 4 "
        "item, due in two business days",
        _GIFTS,
    ),
    Rule("TRANSACTION-DATE-FUTURE", E, "A transaction date is not in the future", "§1 Form 4 deadline (R16a3)"),
    Rule(
        "DEEMED-DATE-ORDER",
        E,
        "A deemed execution date is after the transaction date",
        "§1 Deemed execution date (R16a3(g))",
    ),
    Rule(
        "DEEMED-DATE-SAME",
        W,
        "A deemed execution date equal to the transaction date should be left blank",
        "§1 Deemed execution date (R16a3(g))",
    ),
    Rule(
        "DEEMED-DATE-LATE",
        E,
        "A deemed execution date no later than the third business day after the trade "
        "(beyond it the date is wrong in law; the due date counts from the cap)",
        "§1 Deemed execution date (Rule 16a-3(g)(2)-(3), 17 CFR 240.16a-3(g); SEC Release 34-46421, 08/27/2002; "
        "Gibson Dunn 2002: at most the fifth business day after the trade)",
    ),
    Rule(
        "DEEMED-DATE-INELIGIBLE",
        E,
        "A deemed execution date only on a Rule 10b5-1(c) plan trade (a footnote on "
        "the row names Rule 10b5-1, or a P/S row with the 10b5-1 box checked) or a discretionary transaction "
        "(code I); any other row is due two business days after the trade",
        "§1 Deemed execution date (Rule 16a-3(g)(2), 17 CFR 240.16a-3(g)(2); Gibson Dunn and King & Spalding "
        "2002 summaries of Release 34-46421; Form 4 General Instruction 8, code I)",
    ),
    Rule(
        "EXERCISE-AFTER-EXPIRATION",
        W,
        "The date exercisable is not after the expiration date",
        "§5 Table II columns (TS App. C)",
    ),
    Rule(
        "CODING-REQUIRED",
        E,
        "A transaction has a transaction code (column 3 / column 4) and says whether an equity swap is involved",
        "§4 Coding rules (TS §4.3.8.2, §4.3.8.3)",
    ),
    Rule("CODING-CODE", E, "The transaction code is one of the SEC's codes", "§4 Transaction coding (XSD pattern)"),
    Rule("CODING-FORM-TYPE", E, "Transaction form type is 4 or 5 (a Form 5 holding: 3)", "§4 Coding rules (TS §4.3.8)"),
    Rule(
        "FORM4-ITEM-ON-FORM5",
        W,
        "A transaction that is always a Form 4 item (P, S, A, D, F, M, X, C, O) on a Form 5 is a late Form 4 item "
        "(form type 4: it prints S4), not a Form 5 item (S, or S5 marked late)",
        "§4 Coding rules (TS §4.3.8.3: a '4' transaction on a Form 5 is late by definition; a '5' one is a Form 5 "
        "item, L when late); Rule 16a-3(g)(1) (changes in beneficial ownership on Form 4 within two business days), "
        "(f) (Form 5 items)",
    ),
    Rule(
        "FORM5-REPORTED-BOXES",
        W,
        "A Form 5's 'Form 3 Holdings Reported' and 'Form 4 Transactions Reported' kept from a filed form say what "
        "the rows say (a holding of form type 3, a transaction of form type 4)",
        "TS §4.3 (EDGAR determines form3HoldingsReported and form4TransactionsReported from the rows' "
        "transactionFormType); 5_X09.xsl (the boxes are checked from the rows)",
    ),
    Rule(
        "CODING-TIMELINESS",
        E,
        "Timeliness fits the form: on a Form 4, empty or E for a form-type-5 item; on a Form 5, empty or L",
        "§4 Coding rules (TS §4.3.8.2, §4.3.8.3)",
    ),
    Rule(
        "CODING-ACQUIRED-DISPOSED",
        E,
        "The (A)/(D) flag agrees with a code that fixes it (P, L and A acquire; S, F, D, U and H dispose)",
        "§4 Transaction coding (TS §3.6.10; Form 4 General Instruction 8, code list as on "
        "sec.gov/edgar/searchedgar/ownershipformcodes.html: A grant, award or other acquisition, H expiration or "
        "cancellation of a long derivative position with value received)",
    ),
    Rule(
        "CODING-ACQUIRED-DISPOSED-USUAL",
        W,
        "The (A)/(D) flag is the usual one for the code and table "
        "(M, X, O, C exercises acquire in Table I and dispose in Table II; E disposes); not for a Table II "
        "acquisition by exercise or conversion of a security that a same-day row of that code converts into "
        "(multi-class conversions)",
        "§4 Transaction coding (TS §3.6.10); CORPUS: Class B common acquired on conversion and itself convertible",
    ),
    Rule(
        "HOLDINGS-ARITHMETIC",
        W,
        "Amount owned following = the previous row's amount ± this row's shares, "
        "for rows of the same security held the same way (not between separate lots, where the balance would "
        "be negative)",
        "issue #3 (holdings arithmetic); §5 Table I col. 5",
    ),
    Rule(
        "HOLDINGS-ARITHMETIC-DATES",
        I,
        "As HOLDINGS-ARITHMETIC, between rows of different days on a Form 5, or "
        "where a row is a Form 5 item reported early (V): each gives its holdings as of its own day, and trades "
        "reported on other forms may come between",
        "§5 Table I col. 5 (amount owned following the reported "
        "transaction(s)); CORPUS: 000106299321007940, two Rule 16a-13 transfers two months apart reported early",
    ),
    Rule(
        "HOLDINGS-ARITHMETIC-FOOTNOTED",
        I,
        "As HOLDINGS-ARITHMETIC, where a footnote on the amount owned "
        "following may explain the difference (ESPP purchases, Rule 16a-13 changes): the footnote is cited",
        "issue #12; CORPUS: 'Share numbers have been adjusted ... Rule 16a-13' footnotes on column 5",
    ),
    Rule(
        "EXERCISE-MATCH-SHARES",
        W,
        "The underlying securities of the derivatives exercised or converted (Table II, "
        "D) with a code on a day equal the securities acquired with that code that day (Table I, or Table II where "
        "the security acquired is itself convertible)",
        "Form 4 General Instruction 4 / Table II col. 7 (Instr. 3 "
        "and 4); issue #12 (an accepted filing shows 5,500,000 underlying shares for a 550,000-share conversion)",
    ),
    Rule(
        "EXERCISE-MATCH-SHARES-FOOTNOTED",
        I,
        "As EXERCISE-MATCH-SHARES, where a footnote on an amount matched "
        "(the derivatives' number or underlying number, the securities acquired) may explain the difference "
        "(dividend equivalents settled with the units): the footnote is cited",
        "issue #12; CORPUS: cjavdev "
        "filing2 (RSUs with 48.4720 shares of deferred dividends, explained in footnotes (2) and (4))",
    ),
    Rule(
        "EXERCISE-MATCH-PRICE",
        W,
        "The Table I price of securities acquired by exercise (M, X) is the exercise "
        "price of a derivative exercised that day",
        "Table I col. 4 price / Table II col. 2 (TS App. C); issue #12",
    ),
    Rule(
        "EXERCISE-DATE-WINDOW",
        W,
        "A derivative is not exercised (M, X, O) after its expiration date nor before a dated date exercisable",
        "Table II cols. 3 and 6 (TS App. C); issue #12",
    ),
    Rule(
        "WEIGHTED-AVERAGE-PRICE",
        W,
        "A P or S price with more than 2 decimals, or one a footnote calls a weighted "
        "average, has a footnote on the price giving the range of prices and the undertaking to provide the "
        "details on request",
        "SEC staff no-action letter to the Society of Corporate Secretaries, 06/25/2008 "
        "(Form 4 Instruction 4(a)(ii)): the price column gives the weighted average, a footnote the range, and the "
        "filer undertakes to give the number of shares at each price on request (conditions as summarised by "
        "Foley & Lardner 07/2008 and MoFo); former C&DI 133.08 (withdrawn 06/26/2008, SEC archive of superseded "
        "C&DIs)",
    ),
    Rule(
        "PRICE-BY-CODE",
        W,
        "A purchase or sale (P, S) is not at $0; shares delivered or withheld for the exercise "
        "price or tax (F) carry their market price",
        "Form 4 General Instruction 8 (codes); Table I col. 4 price",
    ),
    Rule(
        "PRICE-AWARD",
        I,
        "A Table I award (A) with a price above $0: a purchase may be meant (P)",
        "Form 4 General Instruction 8 (A: grant, award or other acquisition under Rule 16b-3(d))",
    ),
    Rule(
        "CODE-J-DESCRIPTION",
        W,
        "A J transaction has a footnote describing it (on its code or amounts, or the remarks)",
        "Form 4 General Instruction 8 ('J: other acquisition or disposition (describe transaction)')",
    ),
    Rule(
        "RULE-16B3-CODE",
        W,
        "The Rule 16b-3 codes (A, D, F, I, M) are used only when a reporting person is a "
        "director or officer (a 10% owner alone cannot rely on Rule 16b-3); an office named under Other counts, a "
        "former one too (the filing reports what was done as the person left office)",
        "Form 4 General Instruction 8 (Rule 16b-3 transaction codes); Rule 16b-3 (17 CFR 240.16b-3(a), (b)(3))",
    ),
    Rule(
        "POA-SIGNATURE",
        W,
        "A draft signed by an attorney-in-fact goes with the power of attorney as Exhibit 24 "
        "unless one in effect is on file (not judged on a copy EDGAR disseminated)",
        "Form 4 General Instruction 7, Signature (the authority of a person signing for the reporting person is "
        "confirmed to the Commission in writing unless a confirmation still in effect is on file; not '7(b)': the "
        "paragraph letter and the instruction's words were not verified here, the SEC's text of the instructions "
        "beyond Instruction 1 not being available); TS §3.6.3 (EX-24 document type); Workiva, 'Add power of "
        "attorney documents' (a POA goes with the Section 16 form as Exhibit 24)",
    ),
    Rule(
        "HOLDINGS-CONTINUITY",
        W,
        "A draft's first row of each position starts from what the owner's filings "
        "left (the holdings ledger of the store); information when a footnote on the box explains the jump",
        "§5 Table I col. 5, Table II col. 9 (the amount owned following the reported transactions, carried "
        "across filings); issue #14 (holdings ledger)",
    ),
    Rule(
        "HOLDINGS-LATER-FILINGS",
        W,
        "A draft's row dated before rows already filed (or drafted) for the same "
        "position (a late Form 4, a Form 5 item, an amendment's changed row) leaves their amount owned following "
        "wrong once it is filed: each is named with what it says and what it should say",
        "§5 Table I col. 5, Table II col. 9 (the amount owned following the reported transactions, carried "
        "across filings); issue #14 (holdings ledger, items 3 and 4)",
    ),
    Rule(
        "SHORT-SWING",
        W,
        "A P or S row that matches an opposite P or S of the same security by the same owner "
        "(filed, or in another draft) less than six months away: the potential Section 16(b) profit",
        "Exchange Act §16(b); Smolowe v. Delendo Corp., 136 F.2d 231 (2d Cir. 1943) (lowest in, highest out); "
        "issue #15",
    ),
    Rule(
        "XML-CONTENT",
        E,
        "The file's own XML: every value readable as its type (no commas, exponents, "
        "impossible dates), no unknown or repeated elements, no namespace, processing instruction, sign or "
        "empty date/number/yes-no element",
        "§3 Data formats; XML file (TS §3.2, §4.1, §5)",
    ),
    Rule(
        "XML-SCHEMA",
        E,
        "The file as it stands is valid against the v5.5 schema of its document type "
        "(element order, required elements); judged as of its day for a copy EDGAR disseminated",
        "§2 (XSD v5.5; TS §5 'Elements not in sequence', 'Any XML schema violation')",
    ),
    Rule(
        "SCHEMA",
        E,
        "Safety net: the filing, written out, is valid against the v5.5 schema (reported only "
        "when no other rule finds an error)",
        "§2 (XSD v5.5)",
    ),
    Rule(
        "DUE-DATE",
        I,
        "When a filing is due, 10 p.m. Eastern: a Form 4 the 2nd business day after its first "
        "transaction (or allowed deemed execution date; not Form 5 items or Rule 16a-2(a) rows); a Form 3 10 days "
        "after box 2's event and a Form 5 45 days after the fiscal year end, rolled to the next business day; "
        "business days skip weekends, federal holidays and EDGAR closure days; amendments and gifts given before "
        "02/27/2023 have none of their own",
        "§1 Form 4 deadline; Form 3; Form 5; EDGAR cut-off (Exchange Act §16(a)(2); Rule 16a-3(f), (g); Rule 0-3(a); "
        "Reg. S-T Rules 12, 13(a)(4); SEC EDGAR closure notices of 12/05/2018 (ICI Memo 31512), 12/2018 "
        "(MoFo 12/21/2018), 12/2019 and 12/2020 (Cooley PubCo 12/16/2020), 01/09/2025 (Mayer Brown 01/2025); "
        "amendments: no rule sets a deadline of their own (Form 4 General Instruction 1(a); NASPP 'Correcting "
        "Form 4 Mistakes' 02/23/2022; Perkins Coie on amending a Form 4))",
    ),
    Rule(
        "LATE",
        W,
        "A draft (or a filed one, on its filing date) whose due date has passed, and by how many "
        "business days; judged on EDGAR's day in New York (after 10 p.m. Eastern, the next business day)",
        "§1 Form 4 deadline; EDGAR cut-off (Rule 16a-3(g); Reg. S-T Rule 13(a)(4); Regulation S-K Item 405)",
    ),
    Rule(
        "FORM5-ITEM-ON-FORM4",
        W,
        "A Form 5 item (L small acquisition; G or W acquired) on a Form 4 is marked V "
        "(form type 5): it has no two-day deadline. A G acquired that is the other side of a G disposed on the same "
        "form (same table, security, day and amount: a gift into the reporting person's own indirect holding, or "
        "between joint filers) goes with that gift, unmarked",
        "§1 Form 5 (Rule 16a-3(a): a Form 5 transaction may be reported on an earlier Form 4; (f); Rule 16a-6 (L); "
        "Release 33-11138 via CCRCorp 12/2022: dispositions by gift on Form 4 within two business days (Rule "
        "16a-3(g)(1)), acquisitions by gift still may be reported on Form 5)",
    ),
    Rule(
        "FORM5-GIFT-ON-TIME",
        E,
        "A gift given (G, disposed) on or after 02/27/2023 on a Form 5 is a late Form 4 "
        "item (form type 4: it prints G4), not a Form 5 item",
        _GIFTS,
    ),
    Rule(
        "FORM5-ITEM-AS-LATE-FORM4",
        W,
        "A Form 5 item (L small acquisition; G or W acquired) on a Form 5, or a row marked L (a Form 5 item reported "
        "late), is form type 5, not 4: form type 4 says a Form 4 was due and not filed (it prints G4 and checks "
        "'Form 4 Transactions Reported'); not for a G acquired that goes with a gift given on the same form",
        "§4 Coding rules (TS §4.3.8.3: EDGAR treats a '4' transaction on a Form 5 as late by definition, a '5' one as "
        "timely unless marked L; TS §4.3: form4TransactionsReported is set from the '4' transactions); Rule 16a-3(f) "
        "(the Form 5 items: exempt transactions not reported earlier, small acquisitions deferred under Rule 16a-6, "
        "apart from transactions that should have been reported on Form 4; as summarized by CCRCorp, 'Tips on Form 5 "
        "filing and proxy statement'); Rule 16a-6(a) (small acquisitions 'shall be reported on Form 5'); Release "
        "33-11138 (acquisitions by gift may still be reported on Form 5)",
    ),
    Rule(
        "FORM5-ITEM-EARLY",
        I,
        "A Form 4 row marked V (a Form 5 item reported early) has no two-day deadline; "
        "shown so that a V ticked by mistake is seen",
        "§4 Coding rules (TS §4.3.8.2); Form 4 General Instruction 8 "
        "(general transaction code V: 'Transaction voluntarily reported earlier than required'); Rule 16a-3(a) (a "
        "Form 5 transaction may be reported on an earlier Form 4)",
    ),
    Rule(
        "PRE-REGISTRATION",
        W,
        "A Form 4 row marked as reported under Rule 16a-2(a) (a transaction before the issuer registered under "
        "Section 12, on the first Form 4 required after it: it starts no deadline) can be one: a reporting person is "
        "a director or officer, it is not later than the transaction that requires the Form 4 and not more than six "
        "months before it; and a row the user marked has a footnote naming Rule 16a-2(a), which EDGAR's form shows "
        "(the XML has no box for the mark)",
        "Rule 16a-2(a) (17 CFR 240.16a-2(a)): a director's or officer's transactions in the six months before "
        "becoming subject to Section 16 are reported on the first required Form 4 only if within six months of the "
        "transaction giving rise to the Form 4 filing obligation and the person became subject solely because the "
        "issuer registered (the rule's text as commonly stated; not re-read here); issue #12 item 4; TS App. C "
        "(no element for it)",
    ),
    Rule(
        "TYPED-VALUE",
        E,
        "Text typed into a box is a value of its kind (a real date as MM/DD/YYYY, an amount in "
        "digits and one period); until it is, the box is not saved, printed or exported",
        "Form 4 Desktop: what the screen shows is what is filed; §3 Data formats (TS §3.2)",
    ),
]

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}
