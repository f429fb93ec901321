"""A plan to Excel and back: export, import all-or-nothing with per-row errors, scope."""

import csv
import html
import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from digiorg.cycles.services import cycle_open
from digiorg.plans.excel import HEADERS, import_actions, parse_date
from digiorg.plans.models import Action
from digiorg.plans.services import action_create

# digiorg/urls.py does not mount the plans app yet; this module adds it if missing.

HEADER = list(HEADERS.values())
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def cycle(world, seed_framework):
    return cycle_open(organization=world.units["HSS"], fiscal_year=2568, framework=seed_framework)


def add(world, cycle, unit, title, refs=(), **data):
    defaults = {"start_date": date(2024, 11, 1), "end_date": date(2025, 3, 31)}
    criteria = [cycle.framework.criteria.get(ref=ref) for ref in refs]
    return action_create(
        actor=world.people["admin"], cycle=cycle, unit=world.units[unit], title=title,
        criteria=criteria, **{**defaults, **data},
    )  # fmt: skip


def export(world, who, cycle, unit=None):
    url = f"/plans/export.xlsx?cycle={cycle.pk}" + (f"&unit={world.units[unit].pk}" if unit else "")
    return world.client(who).get(url)


def sheet_rows(response) -> list[tuple]:
    workbook = load_workbook(io.BytesIO(response.content))
    return list(workbook.active.iter_rows(values_only=True))


def csv_file(rows, name="plan.csv"):
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8-sig"), content_type="text/csv")


def row(**values) -> list[str]:
    """A CSV row in the export's layout; good unless told otherwise."""
    good = {
        "unit_code": "R1", "criteria": "2.1-1", "title": "อบรมเจ้าหน้าที่", "start_date": "01/11/2567",
        "end_date": "31/03/2568", "budget": "10000", "budget_source": "งบประมาณแผ่นดิน",
    }  # fmt: skip
    merged = {**good, **values}
    return [merged.get(key, "") for key in HEADERS]


def upload(world, who, cycle, file):
    return world.client(who).post(f"/plans/import/?cycle={cycle.pk}", {"file": file})


def error_rows(response) -> list[tuple[int, str, str]]:
    found = re.findall(
        r"<tr><td>(\d+)</td><td>[^<]*<code>(\w+)</code></td><td>([^<]*)</td></tr>",
        response.content.decode(),
    )
    return [(int(number), key, html.unescape(reason)) for number, key, reason in found]


def rejected(world, who, cycle, file):
    before = Action.objects.count()
    response = upload(world, who, cycle, file)
    assert response.status_code == 422
    assert Action.objects.count() == before, "nothing may be created"
    return response


@pytest.fixture
def plan(world, cycle):
    return [
        add(
            world, cycle, "R1", "พัฒนาระบบสารบรรณอิเล็กทรอนิกส์", ["2.1-1", "2.1-3"],
            description="บรรทัดแรก\nบรรทัดที่สอง\x0b", owner=world.people["member"],
            budget=Decimal("150000.50"), budget_source=Action.BudgetSource.GOVERNMENT,
            kpi="ร้อยละของหนังสือที่รับส่งทางอิเล็กทรอนิกส์", kpi_target=Decimal("80"), kpi_unit="ร้อยละ",
        ),
        add(
            world, cycle, "R1-STD", "ทบทวนมาตรฐานงาน", start_date=date(2025, 1, 15),
            end_date=date(2025, 9, 30),
        ),
        add(
            world, cycle, "R2", "จัดทำคลังข้อมูล", ["1.1-1"], budget=Decimal("2500"),
            budget_source=Action.BudgetSource.NON_BUDGET,
        ),
        add(world, cycle, "IT", "ย้ายระบบขึ้นคลาวด์", budget_source=Action.BudgetSource.OTHER),
    ]  # fmt: skip


def next_year_file(content: bytes) -> SimpleUploadedFile:
    """The exported workbook with every date a year later, as a planner prepares next year."""
    workbook = load_workbook(io.BytesIO(content))
    for cells in workbook.active.iter_rows(min_row=2, min_col=7, max_col=8):
        for cell in cells:
            cell.value = cell.value.replace(year=cell.value.year + 1)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile("plan-FY2569.xlsx", out.getvalue())


def test_export_then_import_into_the_next_year(world, cycle, seed_framework, plan):
    response = export(world, "secretariat", cycle)
    assert response.status_code == 200
    next_year = cycle_open(
        organization=world.units["HSS"], fiscal_year=2569, framework=seed_framework
    )
    # last year's dates as they are fall outside FY 2569: every row says so, nothing is created
    refused = rejected(
        world, "secretariat", next_year, SimpleUploadedFile("plan-FY2568.xlsx", response.content)
    )
    assert {key for _number, key, _reason in error_rows(refused)} == {"start_date", "end_date"}
    assert (
        "วันเริ่มต้นต้องอยู่ในปีงบประมาณ 2569 (1 ตุลาคม 2568 – 30 กันยายน 2569)"
        in (error_rows(refused)[0][2])
    )
    response = upload(world, "secretariat", next_year, next_year_file(response.content))
    assert response.status_code == 302
    assert response["Location"] == f"/plans/?cycle={next_year.pk}"
    imported = {a.title: a for a in Action.objects.filter(cycle=next_year)}
    assert len(imported) == len(plan)
    for old in plan:
        new = imported[old.title]
        for name in ("start_date", "end_date"):
            shifted = getattr(old, name).replace(year=getattr(old, name).year + 1)
            assert getattr(new, name) == shifted, name
        for name in ("unit", "owner", "budget", "budget_source"):
            assert getattr(new, name) == getattr(old, name), name
        for name in ("kpi", "kpi_target", "kpi_unit"):
            assert getattr(new, name) == getattr(old, name), name
        assert [c.ref for c in new.criteria.all()] == [c.ref for c in old.criteria.all()]
        assert new.organization_id == world.units["HSS"].pk
        assert new.status == Action.Status.DRAFT
    # control characters are stripped on the way out, the rest of the text kept
    assert imported[plan[0].title].description == "บรรทัดแรก\nบรรทัดที่สอง"
    assert imported[plan[1].title].description == ""


def test_export_is_a_thai_sheet_with_buddhist_era_dates(world, cycle, plan):
    response = export(world, "secretariat", cycle)
    assert response["Content-Type"] == XLSX
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'attachment; filename="plan-FY2568.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    assert sheet.title == "แผนปฏิบัติการ"
    assert sheet.freeze_panes == "A2"
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["รหัสหน่วยงาน", "ชื่อหน่วยงาน", "รหัสเกณฑ์", "ชื่อโครงการ/กิจกรรม"]
    assert header[6:10] == ["วันเริ่มต้น", "วันสิ้นสุด", "หลายปีงบประมาณ", "งบประมาณ (บาท)"]
    assert header[-1] == "สถานะ"
    by_unit = {r[0].value: r for r in sheet.iter_rows(min_row=2)}
    first = by_unit["R1"]
    assert first[0].value == "R1" and first[1].value == "ศูนย์สนับสนุนบริการสุขภาพที่ 1"
    assert first[2].value == "2.1-1, 2.1-3"
    assert first[5].value == "member"
    assert first[6].is_date and first[6].value.date() == date(2024, 11, 1)
    assert first[6].number_format == "[$-107041E]d mmm yyyy"
    assert first[8].value == "ไม่"
    assert first[9].value == 150000.5 and first[9].number_format == "#,##0.00"
    assert first[10].value == "งบประมาณแผ่นดิน"
    assert first[14].value == str(Action.Status.DRAFT.label)
    assert {code: r[10].value for code, r in by_unit.items()} == {
        "R1": "งบประมาณแผ่นดิน", "R1-STD": "ไม่ใช้งบประมาณ", "R2": "เงินนอกงบประมาณ", "IT": "อื่น ๆ",
    }  # fmt: skip
    assert sheet.column_dimensions["D"].width > sheet.column_dimensions["A"].width


def test_export_of_a_unit_names_the_file_and_keeps_its_subtree(world, cycle, plan):
    response = export(world, "secretariat", cycle, unit="R1")
    assert response["Content-Disposition"] == 'attachment; filename="plan-FY2568-R1.xlsx"'
    assert [r[0] for r in sheet_rows(response)[1:]] == ["R1", "R1-STD"]


def test_coordinator_exports_only_their_region(world, cycle, plan):
    codes = [r[0] for r in sheet_rows(export(world, "coordinator", cycle))[1:]]
    assert codes == ["R1", "R1-STD"]
    codes = [r[0] for r in sheet_rows(export(world, "executive", cycle))[1:]]
    assert sorted(codes) == ["IT", "R1", "R1-STD", "R2"]


def test_export_of_a_foreign_cycle_or_unit_is_404(world, cycle, seed_framework, plan):
    other = cycle_open(organization=world.units["OTH"], fiscal_year=2568, framework=seed_framework)
    assert export(world, "coordinator", other).status_code == 404
    assert export(world, "other-staff", cycle).status_code == 404
    assert export(world, "coordinator", cycle, unit="R2").status_code == 404
    assert export(world, "other-staff", other, unit="R1").status_code == 404
    assert world.client("coordinator").get("/plans/export.xlsx?cycle=nope").status_code == 404
    assert export(world, "coordinator", cycle).status_code == 200


def test_export_needs_a_login(world, cycle):
    response = export(world, None, cycle)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("size", [3, 30])
def test_export_queries_do_not_grow_with_actions(world, cycle, size, django_assert_max_num_queries):
    for i in range(size):
        add(world, cycle, ["R1", "R1-STD", "R2"][i % 3], f"กิจกรรม {i}", ["2.1-1", "2.1-2"],
            owner=world.people["member"])  # fmt: skip
    client = world.client("secretariat")
    with django_assert_max_num_queries(10):
        response = client.get(f"/plans/export.xlsx?cycle={cycle.pk}")
    assert len(sheet_rows(response)) == size + 1


def test_csv_with_english_headers_and_buddhist_era_dates(world, cycle):
    header = ["unit code", "criteria", "title", "owner", "start date", "end date", "budget",
              "budget source", "KPI target"]  # fmt: skip
    rows = [
        header,
        ["R1", "2.1-1; 2.1-3", "ประชุมเชิงปฏิบัติการ", "member", "01/11/2567", "๓๐/๐๙/๒๕๖๘",
         "1,500,000.00", "non_budget", "95.5"],
        ["R1-STD", "", "งานประจำ", "", "2024-12-01", "2025-01-31", "", "", ""],
    ]  # fmt: skip
    response = upload(world, "coordinator", cycle, csv_file(rows))
    assert response.status_code == 302
    first = Action.objects.get(title="ประชุมเชิงปฏิบัติการ")
    assert (first.start_date, first.end_date) == (date(2024, 11, 1), date(2025, 9, 30))
    assert first.budget == Decimal("1500000.00") and first.budget_source == "non_budget"
    assert first.owner == world.people["member"] and first.kpi_target == Decimal("95.50")
    assert sorted(c.ref for c in first.criteria.all()) == ["2.1-1", "2.1-3"]
    second = Action.objects.get(title="งานประจำ")
    assert second.unit == world.units["R1-STD"] and second.budget == 0
    assert second.budget_source == Action.BudgetSource.NONE and second.owner is None


def test_wrong_columns(world, cycle):
    response = rejected(world, "coordinator", cycle, csv_file([["code", "colour"], ["R1", "red"]]))
    text = response.content.decode()
    assert "invalid-feedback" in text
    assert "colour" in text and "ชื่อโครงการ/กิจกรรม" in text and "วันเริ่มต้น" in text


def test_unknown_criterion_ref(world, cycle):
    response = rejected(
        world, "coordinator", cycle,
        csv_file([HEADER, row(), row(criteria="2.1-1, 9.9-9"), row()]),
    )  # fmt: skip
    assert error_rows(response) == [
        (3, "criteria", _("unknown criteria: %(refs)s") % {"refs": "9.9-9"})
    ]


def test_unit_outside_your_scope(world, cycle):
    rows = [HEADER, row(unit_code="R1-STD"), row(unit_code="R2"), row(unit_code="OTH-IT")]
    response = rejected(world, "coordinator", cycle, csv_file(rows))
    assert error_rows(response) == [
        (3, "unit_code", _("unit %(code)s is outside the units you plan for") % {"code": "R2"}),
        (4, "unit_code", _("unknown unit %(code)s") % {"code": "OTH-IT"}),
    ]


def test_end_before_start(world, cycle):
    rows = [HEADER, row(start_date="01/03/2568", end_date="28/02/2568")]
    response = rejected(world, "coordinator", cycle, csv_file(rows))
    assert error_rows(response) == [(2, "end_date", _("The end date is before the start date."))]


def test_negative_budget(world, cycle):
    rows = [HEADER, row(), row(budget="-500")]
    response = rejected(world, "coordinator", cycle, csv_file(rows))
    assert error_rows(response) == [(3, "budget", _("the budget cannot be negative"))]


def test_every_bad_row_is_reported(world, cycle):
    rows = [
        HEADER,
        row(title="", start_date="31/02/2568", end_date=""),
        row(budget="ห้าพัน", budget_source="กู้ยืม", owner="other-staff", kpi_target="มาก"),
        row(unit_code=""),
    ]
    found = {(number, key) for number, key, _reason in error_rows(
        rejected(world, "coordinator", cycle, csv_file(rows))
    )}  # fmt: skip
    assert found == {
        (2, "title"), (2, "start_date"), (2, "end_date"),
        (3, "budget"), (3, "budget_source"), (3, "owner"), (3, "kpi_target"),
        (4, "unit_code"),
    }  # fmt: skip


def test_secretariat_may_import_into_any_unit_of_the_department(world, cycle):
    rows = [HEADER, row(unit_code="IT"), row(unit_code="R2"), row(unit_code="HSS")]
    report = import_actions(csv_file(rows), cycle=cycle, actor=world.people["secretariat"])
    assert report.errors == [] and report.created == 3
    assert Action.objects.filter(cycle=cycle, status=Action.Status.DRAFT).count() == 3
    report = import_actions(csv_file(rows), cycle=cycle, actor=world.people["executive"])
    assert {key for _row, key, _reason in report.errors} == {"unit_code"}


@pytest.mark.parametrize(
    ("who", "status"),
    [("coordinator", 200), ("member", 200), ("secretariat", 200), ("executive", 403),
     ("auditor", 403), ("other-staff", 404)],
)  # fmt: skip
def test_who_may_open_the_import_page(world, cycle, who, status):
    response = world.client(who).get(f"/plans/import/?cycle={cycle.pk}")
    assert response.status_code == status
    if status == 200:
        assert "รหัสเกณฑ์" in response.content.decode()


def test_a_file_too_large_is_refused(world, cycle):
    with override_settings(DIGIORG_IMPORT_MAX_BYTES=10):
        rejected(world, "coordinator", cycle, csv_file([HEADER, row()]))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-11-01 00:00:00", date(2024, 11, 1)),
        ("2024-11-01", date(2024, 11, 1)),
        ("2567-11-01", date(2024, 11, 1)),
        ("1/11/2567", date(2024, 11, 1)),
        ("01/11/2024", date(2024, 11, 1)),
        ("๐๑/๑๑/๒๕๖๗", date(2024, 11, 1)),
        ("45597", date(2024, 11, 1)),
        ("31/02/2568", None),
        ("11/2567", None),
        ("พรุ่งนี้", None),
    ],
)
def test_dates_read_from_excel_and_csv(text, expected):
    assert parse_date(text) == expected


# --- the multi-year column -------------------------------------------------------------------


def test_a_multi_year_action_is_imported_with_dates_across_years(world, cycle):
    """FY 2568 runs 1 Oct 2024 - 30 Sep 2025; the ticked rows run on into 2569 and 2570."""
    rows = [
        HEADER,
        row(title="ระบบคลาวด์กลาง", end_date="30/09/2570", multi_year="ใช่"),
        row(title="ศูนย์ข้อมูล", start_date="01/07/2568", end_date="31/12/2568", multi_year="✓"),
        row(title="งานปีเดียว", multi_year=""),
        row(title="งานปีเดียวอีกงาน", multi_year="ไม่"),
    ]
    response = upload(world, "coordinator", cycle, csv_file(rows))
    assert response.status_code == 302
    cloud = Action.objects.get(title="ระบบคลาวด์กลาง")
    assert cloud.multi_year and cloud.end_date == date(2027, 9, 30)
    assert Action.objects.get(title="ศูนย์ข้อมูล").multi_year
    assert not Action.objects.get(title="งานปีเดียว").multi_year
    assert not Action.objects.get(title="งานปีเดียวอีกงาน").multi_year
    # and out again: the export says which are multi-year, in Thai
    by_title = {r[3]: r for r in sheet_rows(export(world, "coordinator", cycle))[1:]}
    assert by_title["ระบบคลาวด์กลาง"][8] == "ใช่" and by_title["งานปีเดียว"][8] == "ไม่"


@pytest.mark.parametrize("text", ["yes", "TRUE", "1", "✓", " ใช่ "])
def test_the_multi_year_column_reads_yes_in_thai_english_or_a_tick(world, cycle, text):
    rows = [HEADER, row(end_date="31/10/2568", multi_year=text)]
    report = import_actions(csv_file(rows), cycle=cycle, actor=world.people["coordinator"])
    assert report.errors == [] and Action.objects.get().multi_year


def test_an_unreadable_multi_year_value_is_refused_in_thai(world, cycle):
    rows = [HEADER, row(), row(multi_year="อาจจะ", end_date="31/10/2568")]
    response = rejected(world, "coordinator", cycle, csv_file(rows))
    found = error_rows(response)
    # the one error the row has: its dates are not also refused as outside the year
    assert [(number, key) for number, key, _reason in found] == [(3, "multi_year")]
    assert found[0][2] == (
        "แถวที่ 3 คอลัมน์ “หลายปีงบประมาณ”: “อาจจะ” ไม่ใช่ค่าใช่หรือไม่ "
        "(ใส่ ใช่ หรือ ไม่, yes หรือ no, 1 หรือ 0 หรือเว้นว่างไว้หากไม่ใช่)"
    )
    assert "หลายปีงบประมาณ" in response.content.decode()  # the column's header in the table


def test_a_date_outside_the_year_names_the_multi_year_column(world, cycle):
    rows = [HEADER, row(end_date="31/10/2568")]
    response = rejected(world, "coordinator", cycle, csv_file(rows))
    assert error_rows(response) == [
        (
            2, "end_date",
            "วันสิ้นสุดต้องอยู่ในปีงบประมาณ 2568 (1 ตุลาคม 2567 – 30 กันยายน 2568) "
            "หากกิจกรรมดำเนินการหลายปี ให้ใส่ “ใช่” ในคอลัมน์ “หลายปีงบประมาณ”",
        )
    ]  # fmt: skip


def test_the_import_page_lists_the_multi_year_column_as_optional(world, cycle):
    page = world.client("coordinator").get(f"/plans/import/?cycle={cycle.pk}").content.decode()
    assert "<code>หลายปีงบประมาณ</code> (multi_year) · ไม่บังคับ" in page
