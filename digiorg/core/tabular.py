"""Read a CSV or XLSX upload into header-named rows, streaming, with Thai or English headers."""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .errors import ValidationFailed

MAX_ROWS = 50_000


@dataclass
class Column:
    key: str
    aliases: tuple[str, ...]  # accepted header texts, compared case-insensitively
    required: bool = True


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


def _cells_csv(upload) -> Iterator[list[str]]:
    raw = upload.read()
    for encoding in ("utf-8-sig", "cp874"):  # cp874: Thai Windows, as Excel saves CSV
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValidationFailed({"file": _("The CSV file is not UTF-8 or Thai Windows text.")})
    yield from csv.reader(io.StringIO(text))


def _cells_xlsx(upload) -> Iterator[list[str]]:
    from openpyxl import load_workbook

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
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            yield ["" if value is None else str(value).strip() for value in row]
    finally:
        workbook.close()


def read_rows(upload, columns: list[Column]) -> list[tuple[int, dict[str, str]]]:
    """[(spreadsheet row number, {key: text})]; raises ValidationFailed for a bad file or headers."""
    name = (getattr(upload, "name", "") or "").lower()
    if name.endswith(".csv"):
        cells = _cells_csv(upload)
    elif name.endswith(".xlsx"):
        cells = _cells_xlsx(upload)
    else:
        raise ValidationFailed({"file": _("Upload a .csv or .xlsx file.")})
    header = next(cells, None)
    if not header or not any(header):
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
    rows = []
    for number, row in enumerate(cells, start=2):
        values = {key: (row[i].strip() if i < len(row) else "") for key, i in positions.items()}
        if not any(values.values()):
            continue  # blank line
        rows.append((number, values))
        if len(rows) > MAX_ROWS:
            raise ValidationFailed(
                {"file": _("More than %(max)s rows; split the file.") % {"max": MAX_ROWS}}
            )
    if not rows:
        raise ValidationFailed({"file": _("The file has a header but no rows.")})
    return rows
