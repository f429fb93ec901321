"""A plan as an Excel sheet, and actions imported back from the same layout: every row is
checked first; if any row has a problem nothing is written and each problem is reported."""

import io
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import partial

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel

from digiorg.accounts.models import User
from digiorg.core.errors import ValidationFailed
from digiorg.core.fiscal import BE_OFFSET
from digiorg.core.tabular import Column, ImportReport, read_rows
from digiorg.core.xlsx import clean_text, display_width, sheet_cell
from digiorg.cycles.permissions import cycle_may_manage
from digiorg.org.models import OrgUnit

from .models import Action
from .permissions import units_may_plan
from .rules import action_date_problems
from .services import action_create

SHEET_TITLE = "แผนปฏิบัติการ"


def _field(model, name: str):
    return model._meta.get_field(name)


COLUMNS = [
    Column("unit_code", ("รหัสหน่วยงาน", "unit code", "unit"), field=_field(OrgUnit, "code")),
    Column("unit_name", ("ชื่อหน่วยงาน", "unit name"), required=False),  # export only
    Column("criteria", ("รหัสเกณฑ์", "criteria", "criterion refs", "criterion"), required=False),
    Column(
        "title", ("ชื่อโครงการ/กิจกรรม", "ชื่อโครงการ", "title", "project", "action"),
        field=_field(Action, "title"),
    ),
    Column(
        "description", ("รายละเอียด", "description"), required=False,
        field=_field(Action, "description"),
    ),
    Column(
        "owner", ("ผู้รับผิดชอบ", "owner", "owner username"), required=False,
        field=_field(User, "username"),
    ),
    Column("start_date", ("วันเริ่มต้น", "start date", "start")),
    Column("end_date", ("วันสิ้นสุด", "end date", "end")),
    Column(
        "multi_year", ("หลายปีงบประมาณ", "กิจกรรมต่อเนื่องหลายปี", "multi-year", "multi year"),
        required=False,
    ),
    Column("budget", ("งบประมาณ (บาท)", "งบประมาณ", "budget", "budget (thb)"), required=False),
    Column("budget_source", ("แหล่งงบประมาณ", "budget source", "source"), required=False),
    Column("kpi", ("ตัวชี้วัด", "kpi", "indicator"), required=False, field=_field(Action, "kpi")),
    Column("kpi_target", ("ค่าเป้าหมาย", "kpi target", "target"), required=False),
    Column(
        "kpi_unit", ("หน่วยนับ", "unit of measure", "kpi unit"), required=False,
        field=_field(Action, "kpi_unit"),
    ),
    Column("status", ("สถานะ", "status"), required=False),  # export only
]  # fmt: skip
HEADERS = {c.key: c.aliases[0] for c in COLUMNS}
SOURCE_WORDS: dict[str, str] = {
    Action.BudgetSource.GOVERNMENT: "งบประมาณแผ่นดิน",
    Action.BudgetSource.NON_BUDGET: "เงินนอกงบประมาณ",
    Action.BudgetSource.NONE: "ไม่ใช้งบประมาณ",
    Action.BudgetSource.OTHER: "อื่น ๆ",
}
SOURCE_LOOKUP = {
    **{value: key for key, value in SOURCE_WORDS.items()},
    **{key.value: key for key in Action.BudgetSource},
    "อื่นๆ": Action.BudgetSource.OTHER,
    "": Action.BudgetSource.NONE,
}
# The multi-year column: a tick, yes or no in Thai or English; blank is no.
YES_WORDS = {"ใช่", "yes", "y", "true", "1", "✓", "✔", "☑"}
NO_WORDS = {"ไม่", "ไม่ใช่", "no", "n", "false", "0", "", "-", "✗", "✘", "☐"}
MAX_AMOUNT = Decimal(10) ** 12  # DecimalField(max_digits=14, decimal_places=2)
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
DMY_RE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
SERIAL_RE = re.compile(r"^\d{5}(?:\.0+)?$")  # an Excel day number that lost its date format


def _row(action: Action) -> list:
    return [
        action.unit.code,
        action.unit.name_th,
        ", ".join(c.ref for c in action.criteria.all()),
        action.title,
        action.description,
        action.owner.username if action.owner else "",
        action.start_date,
        action.end_date,
        "ใช่" if action.multi_year else "ไม่",
        action.budget,
        SOURCE_WORDS.get(action.budget_source, action.budget_source),
        action.kpi,
        action.kpi_target,
        action.kpi_unit,
        str(action.get_status_display()),
    ]


def _shown(value: object) -> str:
    if isinstance(value, date):
        return "31 ธ.ค. 2568"
    return f"{value:,.2f}" if isinstance(value, Decimal) else clean_text(value)


WRAP = Alignment(wrap_text=True, vertical="top")


def _cell(sheet, value: object, font: Font | None = None):
    wrap = isinstance(value, str) and "\n" in value
    return sheet_cell(sheet, value, font=font, alignment=WRAP if wrap else None)


def plan_workbook(actions) -> bytes:
    """The actions as one sheet, Thai headers in the first row (the layout import_actions reads)."""
    rows = [_row(action) for action in actions]
    widths = [display_width(header) for header in HEADERS.values()]
    for row in rows:
        widths = [
            max(width, display_width(_shown(value)))
            for width, value in zip(widths, row, strict=True)
        ]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    sheet.freeze_panes = "A2"
    # a filter on every column of the header row, over all the rows
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{len(rows) + 1}"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width, 8), 60) + 2
    bold = Font(bold=True)
    sheet.append([_cell(sheet, title, bold) for title in HEADERS.values()])
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def parse_date(text: str) -> date | None:
    """A date from Excel (ISO text of a datetime, or a bare day number), `yyyy-mm-dd` or
    `dd/mm/yyyy`; a year after 2400 is taken as Buddhist era. None when it is not a date."""
    text = text.translate(THAI_DIGITS).strip()
    try:
        if SERIAL_RE.match(text):
            return from_excel(float(text)).date()
        if match := ISO_RE.match(text):
            year, month, day = (int(part) for part in match.groups())
        elif match := DMY_RE.match(text):
            day, month, year = (int(part) for part in match.groups())
        else:
            return None
        return date(year - BE_OFFSET if year > 2400 else year, month, day)
    except (ValueError, OverflowError):
        return None


def parse_number(text: str) -> Decimal | None:
    """`1,234.50` as a Decimal rounded to satang; None when it is not a finite number."""
    try:
        value = Decimal(text.translate(THAI_DIGITS).replace(",", "").replace(" ", ""))
    except InvalidOperation:
        return None
    return value.quantize(Decimal("0.01")) if value.is_finite() else None


def parse_yes_no(text: str) -> bool | None:
    """The multi-year column's cell: True, False, or None when it is neither."""
    word = " ".join(text.translate(THAI_DIGITS).split()).casefold()
    if word in YES_WORDS:
        return True
    return False if word in NO_WORDS else None


def _split_refs(text: str) -> list[str]:
    return [ref.strip() for ref in re.split(r"[,;\n]+", text) if ref.strip()]


def _check_row(number: int, row: dict, report: ImportReport, lookups: dict) -> dict | None:
    """The action_create arguments for one row, or None with its problems added to `report`."""
    before = len(report.errors)
    add = partial(report.add, number)
    code = row["unit_code"]
    unit = lookups["units"].get(code)
    if not code:
        add("unit_code", _("the unit code is empty"))
    elif unit is None:
        add("unit_code", _("unknown unit %(code)s") % {"code": code})
    elif lookups["allowed"] is not None and unit.pk not in lookups["allowed"]:
        add("unit_code", _("unit %(code)s is outside the units you plan for") % {"code": code})
    refs = _split_refs(row.get("criteria", ""))
    unknown = [ref for ref in refs if ref not in lookups["criteria"]]
    if unknown:
        add("criteria", _("unknown criteria: %(refs)s") % {"refs": ", ".join(unknown)})
    if not row["title"]:
        add("title", _("the title is empty"))
    dates = {}
    for key in ("start_date", "end_date"):
        dates[key] = parse_date(row[key])
        if not row[key]:
            add(key, _("the date is empty"))
        elif dates[key] is None:
            add(key, _("“%(value)s” is not a date (use dd/mm/yyyy)") % {"value": row[key]})
    multi_year = parse_yes_no(row.get("multi_year", ""))
    if multi_year is None:
        add("multi_year", _(
            "row %(row)s, column “%(column)s”: “%(value)s” is neither yes nor no (write ใช่ or "
            "ไม่, yes or no, 1 or 0, or leave it blank for no)"
        ) % {"row": number, "column": HEADERS["multi_year"], "value": row["multi_year"]})  # fmt: skip
    # an unreadable multi-year value is its own error: its dates are held to the rules of a
    # multi-year action (end after start, overlapping the year), not also refused as outside it
    for key, message in action_date_problems(
        fiscal_year=lookups["fiscal_year"], start=dates["start_date"], end=dates["end_date"],
        multi_year=multi_year is not False, import_column=HEADERS["multi_year"],
    ).items():  # fmt: skip
        add(key, message)
    budget = parse_number(row.get("budget") or "0")
    if budget is None:
        add("budget", _("“%(value)s” is not a number") % {"value": row["budget"]})
    elif budget < 0:
        add("budget", _("the budget cannot be negative"))
    elif budget >= MAX_AMOUNT:
        add("budget", _("the budget is too large"))
    source = SOURCE_LOOKUP.get(" ".join(row.get("budget_source", "").split()).casefold())
    if source is None:
        words = ", ".join(SOURCE_WORDS.values())
        add("budget_source", _("unknown budget source “%(value)s” (%(words)s)") % {
            "value": row["budget_source"], "words": words})  # fmt: skip
    owner = lookups["owners"].get(row.get("owner", ""))
    if row.get("owner") and owner is None:
        add("owner", _("no user %(name)s in this department") % {"name": row["owner"]})
    target = parse_number(row["kpi_target"]) if row.get("kpi_target") else None
    if row.get("kpi_target") and (target is None or abs(target) >= MAX_AMOUNT):
        add("kpi_target", _("“%(value)s” is not a number") % {"value": row["kpi_target"]})
    if len(report.errors) > before:
        return None
    return {
        "unit": unit, "criteria": [lookups["criteria"][ref] for ref in dict.fromkeys(refs)],
        "title": row["title"], "description": row.get("description", ""), "owner": owner,
        "start_date": dates["start_date"], "end_date": dates["end_date"],
        "multi_year": bool(multi_year), "budget": budget,
        "budget_source": source, "kpi": row.get("kpi", ""), "kpi_target": target,
        "kpi_unit": row.get("kpi_unit", ""),
    }  # fmt: skip


def import_actions(upload, *, cycle, actor) -> ImportReport:
    """Draft actions in `cycle` from a CSV or XLSX in the export's layout; all or nothing."""
    report = ImportReport("actions")
    rows = read_rows(upload, COLUMNS, report)  # a bad file or wrong headers raise ValidationFailed
    organization_id = cycle.organization_id
    usernames = {row.get("owner", "") for _number, row in rows} - {""}
    lookups = {
        "fiscal_year": cycle.fiscal_year,
        "units": {
            u.code: u
            for u in OrgUnit.objects.filter(organization_id=organization_id, is_active=True)
        },
        "allowed": None
        if cycle_may_manage(actor, organization_id)
        else set(units_may_plan(actor).values_list("pk", flat=True)),
        "criteria": {c.ref: c for c in cycle.framework.criteria.filter(retired=False)},
        "owners": {
            u.username: u
            for u in User.objects.filter(
                organization_id=organization_id, is_active=True, username__in=usernames
            )
        },
    }
    checked = [(number, _check_row(number, row, report, lookups)) for number, row in rows]
    if report.errors:
        return report
    try:
        with transaction.atomic():
            for number, data in checked:
                assert data is not None  # a row with problems returned the report above
                try:
                    action_create(actor=actor, cycle=cycle, **data)
                except ValidationFailed as exc:  # a rule the checks above do not know yet
                    for key, message in exc.errors.items():
                        report.add(number, key, message)
                    raise
    except ValidationFailed:
        return report
    report.created = len(checked)
    return report
