"""Read a CSV or XLSX upload into header-named rows, streaming, with Thai or English headers.

Rows are counted as the file holds them (an XLSX row element is one row, wherever it claims to
be), so a small file that puts one cell at row 10,000,000 is refused at once instead of being
walked row by row. Each cell of a column tied to a model field is checked against that field
(length, characters the database cannot store) before any importer looks at it."""

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _

from .archives import ArchiveLimits, archive_names
from .errors import ValidationFailed

MAX_ROWS = 50_000  # data rows, below the header
MAX_COLUMNS = 100  # cells further right are not read
# Control characters (Unicode category Cc) but tab, line feed and carriage return: NUL cannot
# be stored by PostgreSQL, and none of them belong in a name or a title.
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass
class Column:
    key: str
    aliases: tuple[str, ...]  # accepted header texts, compared case-insensitively
    required: bool = True
    field: models.Field | None = None  # the model field the text is stored in, checked against


@dataclass
class ImportReport:
    """What an all-or-nothing import found: every bad row's problems, or how many rows it created."""

    kind: str
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # row, column, reason
    created: int = 0

    def add(self, row: int, column: str, reason: str) -> None:
        self.errors.append((row, column, reason))


def _norm(text: object) -> str:
    return " ".join(str(text or "").split()).casefold()


def _too_many_rows() -> ValidationFailed:
    return ValidationFailed(
        {"file": _("More than %(max)s rows; split the file.") % {"max": f"{MAX_ROWS:,}"}}
    )


def _cells_csv(upload) -> Iterator[tuple[int, list[str]]]:
    raw = upload.read()
    for encoding in ("utf-8-sig", "cp874"):  # cp874: Thai Windows, as Excel saves CSV
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValidationFailed({"file": _("The CSV file is not UTF-8 or Thai Windows text.")})
    reader = csv.reader(io.StringIO(text))
    try:
        for number, row in enumerate(reader, start=1):
            yield number, row[:MAX_COLUMNS]
    except csv.Error as exc:
        raise ValidationFailed(
            {
                "file": _("The CSV file is damaged near line %(line)s (%(error)s).")
                % {"line": reader.line_num, "error": exc}
            }
        ) from exc


def _xlsx_text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _cells_xlsx(upload) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) for each row element of the first sheet, in file order. openpyxl's
    own iter_rows fills the gaps between rows with empty rows, so it is not used: its parser is,
    as openpyxl's read-only sheet uses it."""
    from openpyxl import load_workbook
    from openpyxl.worksheet._reader import WorkSheetParser

    limits = ArchiveLimits.from_settings(max_bytes=10 * settings.DIGIORG_IMPORT_MAX_BYTES)
    archive_names(upload, limits)  # a zip bomb is refused before openpyxl unpacks anything
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ValidationFailed(
            {
                "file": _("The Excel file cannot be opened (%(error)s).")
                % {"error": type(exc).__name__}
            }
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        with sheet._get_source() as source:
            parser = WorkSheetParser(
                source,
                sheet._shared_strings,
                data_only=True,
                epoch=workbook.epoch,
                date_formats=workbook._date_formats,
                timedelta_formats=workbook._timedelta_formats,
            )
            for number, cells in parser.parse():
                values = {
                    cell["column"]: _xlsx_text(cell["value"])
                    for cell in cells
                    if cell["column"] <= MAX_COLUMNS
                }
                width = max(values, default=0)
                yield number, [values.get(column, "") for column in range(1, width + 1)]
    except ValidationFailed:
        raise
    except Exception as exc:  # a damaged sheet: bad XML, a missing shared string ...
        raise ValidationFailed(
            {
                "file": _("The Excel file cannot be opened (%(error)s).")
                % {"error": type(exc).__name__}
            }
        ) from exc
    finally:
        workbook.close()


def _physical_rows(cells: Iterator[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
    """The rows as read, stopped with a clear message as soon as there are more than the limit
    (blank ones count too: each costs reading) or a row with text lies beyond it."""
    for count, (number, row) in enumerate(cells, start=1):
        if count > MAX_ROWS + 1:
            raise _too_many_rows()
        if number > MAX_ROWS + 1 and any(row):
            raise ValidationFailed(
                {
                    "file": _(
                        "Row %(row)s holds data, but a file may have at most %(max)s rows. "
                        "Delete what lies below your table, or split the file."
                    )
                    % {"row": f"{number:,}", "max": f"{MAX_ROWS:,}"}
                }
            )
        yield number, row


def cell_problem(column: Column, text: str) -> str | None:
    """Why `text` cannot be stored in the column's model field, or None."""
    if CONTROL_RE.search(text):
        return _("contains control characters that cannot be stored")
    limit = getattr(column.field, "max_length", None)
    if limit is not None and len(text) > limit:
        return _("%(count)s characters, longer than the %(max)s allowed") % {
            "count": len(text),
            "max": limit,
        }
    return None


def read_rows(
    upload, columns: list[Column], report: ImportReport
) -> list[tuple[int, dict[str, str]]]:
    """[(spreadsheet row number, {key: text})]; raises ValidationFailed for a bad file or headers.
    A cell that its column's model field cannot hold is added to `report` with its row."""
    name = (getattr(upload, "name", "") or "").lower()
    if name.endswith(".csv"):
        cells = _cells_csv(upload)
    elif name.endswith(".xlsx"):
        cells = _cells_xlsx(upload)
    else:
        raise ValidationFailed({"file": _("Upload a .csv or .xlsx file.")})
    cells = _physical_rows(cells)
    _first, header = next(cells, (0, []))
    if not any(header):
        raise ValidationFailed({"file": _("The file is empty.")})
    lookup = {
        _norm(alias): column.key for column in columns for alias in (column.key, *column.aliases)
    }
    positions: dict[str, int] = {}
    unknown = []
    for index, text in enumerate(header):
        if not _norm(text):
            continue
        key = lookup.get(_norm(text))
        if key is None:
            unknown.append(str(text))
        elif key in positions:
            raise ValidationFailed({"file": _("Column “%(name)s” appears twice.") % {"name": text}})
        else:
            positions[key] = index
    missing = [c for c in columns if c.required and c.key not in positions]
    if unknown or missing:
        expected = ", ".join(f"{c.aliases[0]} ({c.key})" for c in columns)
        problems = []
        if missing:
            problems.append(
                _("missing columns: %(names)s")
                % {"names": ", ".join(c.aliases[0] for c in missing)}
            )
        if unknown:
            problems.append(_("unknown columns: %(names)s") % {"names": ", ".join(unknown)})
        raise ValidationFailed(
            {
                "file": _("Wrong columns (%(problems)s). Expected: %(expected)s.")
                % {"problems": "; ".join(problems), "expected": expected}
            }
        )
    checked = [c for c in columns if c.key in positions]
    rows = []
    for number, row in cells:
        values = {key: (row[i].strip() if i < len(row) else "") for key, i in positions.items()}
        if not any(values.values()):
            continue  # blank line
        for column in checked:
            problem = cell_problem(column, values[column.key])
            if problem:
                report.add(number, column.key, problem)
        rows.append((number, values))
    if not rows:
        raise ValidationFailed({"file": _("The file has a header but no rows.")})
    return rows
