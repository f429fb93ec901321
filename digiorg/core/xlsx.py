"""Cells for every workbook the platform writes (plan export, report workbook, survey pack).

Text that people typed never becomes a formula: every string is written as a string cell
(an inline string, never `<f>`), and text that starts like a formula or a command (= + - @,
tab, carriage return) also carries Excel's quote prefix, so it stays text when someone edits
the cell. Numbers and dates stay numbers and dates. A link is a real hyperlink (a relationship
of the sheet, not a HYPERLINK formula), and only for http(s) addresses.
"""

import unicodedata
from datetime import date
from decimal import Decimal
from urllib.parse import urlsplit

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

BE_DATE = "[$-107041E]d mmm yyyy"  # a real date, shown in the Buddhist era
MONEY = "#,##0.00"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LINK_SCHEMES = {"http", "https"}


def clean_text(value: object) -> str:
    """The text without the control characters an xlsx file cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", str(value or ""))


def display_width(text: str) -> int:
    """Characters that take space on the longest line: Thai vowel and tone marks (category Mn)
    take none."""
    longest = max(text.split("\n"), key=len, default="")
    return sum(1 for ch in longest if unicodedata.category(ch) != "Mn")


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def safe_link(url: str) -> str:
    """`url` when it is an http(s) address a reader may open; "" otherwise."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    return url.strip() if parts.scheme.lower() in LINK_SCHEMES and parts.netloc else ""


def sheet_cell(
    sheet,
    value: object,
    *,
    font: Font | None = None,
    number_format: str | None = None,
    alignment: Alignment | None = None,
    link: str = "",
) -> WriteOnlyCell:
    """One cell of a write-only sheet. Strings are always string cells (see the module text);
    `link` makes the cell a hyperlink to an http(s) address."""
    if isinstance(value, str):
        text = clean_text(value)
        cell = WriteOnlyCell(sheet, value=text)
        cell.data_type = "s"  # openpyxl would make "=..." a formula and "#N/A" an error
    else:
        text = ""
        cell = WriteOnlyCell(sheet, value=value)
    link = safe_link(link) if link else ""
    if link:
        cell.hyperlink = link
        cell.style = "Hyperlink"  # a named style: set before the attributes below
    if font is not None:
        cell.font = font
    if number_format is not None:
        cell.number_format = number_format
    elif isinstance(value, date):
        cell.number_format = BE_DATE
    elif isinstance(value, Decimal):
        cell.number_format = MONEY
    if alignment is not None:
        cell.alignment = alignment
    if looks_like_formula(text):
        cell.quotePrefix = True
    return cell
