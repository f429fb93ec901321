"""Spreadsheet imports refuse what the database or the worker cannot take: rows counted as the
file holds them (a sparse sheet is refused at once), cells longer than their field or holding
control characters (with row, column and reason), zip bombs; nothing is written on any error.
The writes themselves go through the services, which check who may write."""

import html
import io
import re
import zipfile

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from digiorg.accounts.models import Membership, User
from digiorg.accounts.services import NewPerson, person_create_many
from digiorg.core import tabular
from digiorg.core.errors import ValidationFailed
from digiorg.cycles.services import cycle_open
from digiorg.org.imports import UNIT_COLUMNS
from digiorg.org.models import OrgUnit
from digiorg.org.services import NewUnit, unit_create_many
from digiorg.plans.excel import HEADERS
from digiorg.plans.models import Action

UNIT_HEADER = ["รหัสหน่วยงาน", "ชื่อหน่วยงาน", "ชื่อภาษาอังกฤษ", "ประเภท", "รหัสหน่วยงานต้นสังกัด"]
PEOPLE_HEADER = ["ชื่อผู้ใช้", "ชื่อ-นามสกุล", "อีเมล", "รหัสหน่วยงาน", "บทบาท"]


def xlsx_file(rows, name="data.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def sparse_xlsx(rows, far: int) -> SimpleUploadedFile:
    """`rows`, then one cell moved to row `far` by editing the sheet's XML (openpyxl itself
    refuses to write past Excel's last row); the dimension claims the whole range."""
    last = len(rows) + 1
    source = io.BytesIO(xlsx_file([*rows, ["ไกลมาก"]]).read())
    out = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(out, "w") as crafted:
        for entry in original.infolist():
            data = original.read(entry.filename)
            if entry.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                text = text.replace(f'<row r="{last}"', f'<row r="{far}"')
                text = text.replace(f'r="A{last}"', f'r="A{far}"')
                text = re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="A1:E{far}"', text)
                data = text.encode()
            crafted.writestr(entry, data)
    return SimpleUploadedFile("sparse.xlsx", out.getvalue())


def counts():
    return (
        OrgUnit.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        Action.objects.count(),
        LogEntry.objects.count(),
    )


def errors(response) -> list[tuple[int, str, str]]:
    found = re.findall(
        r"<tr><td>(\d+)</td><td>[^<]*<code>(\w+)</code></td><td>([^<]*)</td></tr>",
        response.content.decode(),
    )
    return [(int(n), key, html.unescape(reason)) for n, key, reason in found]


def reasons(response) -> dict[tuple[int, str], str]:
    """(row, column) -> every reason given for that cell."""
    found: dict[tuple[int, str], str] = {}
    for row, key, reason in errors(response):
        found[(row, key)] = found.get((row, key), "") + reason + " | "
    return found


def post_org(world, what, file):
    before = counts()
    response = world.client("admin").post(reverse("org:import"), {"what": what, "file": file})
    assert counts() == before, "nothing may be written"
    return response


@pytest.fixture
def rows_read(monkeypatch):
    """How many rows the XLSX reader handed on."""
    seen = {"rows": 0}
    original = tabular._cells_xlsx

    def counting(upload):
        for item in original(upload):
            seen["rows"] += 1
            yield item

    monkeypatch.setattr(tabular, "_cells_xlsx", counting)
    return seen


def test_a_cell_at_row_ten_million_is_refused_without_walking_the_rows(world, rows_read):
    file = sparse_xlsx([UNIT_HEADER, ["X1", "หน่วยใหม่", "", "กลุ่ม", ""]], far=10_000_000)
    assert len(file) < 10_000
    response = post_org(world, "units", file)
    assert response.status_code == 200  # the form again, with the message on the file
    text = html.unescape(response.content.decode())
    assert "10,000,000" in text and "50,000" in text
    assert rows_read["rows"] <= 3  # the header, one row, the far one: never the gap


def test_more_physical_rows_than_the_limit_stop_at_the_limit(world, rows_read, monkeypatch):
    monkeypatch.setattr(tabular, "MAX_ROWS", 5)
    rows = [UNIT_HEADER] + [[f"N{i}", f"หน่วย {i}", "", "กลุ่ม", ""] for i in range(20)]
    with pytest.raises(ValidationFailed) as refused:
        tabular.read_rows(xlsx_file(rows), UNIT_COLUMNS, tabular.ImportReport("units"))
    assert refused.value.errors == {
        "file": _("More than %(max)s rows; split the file.") % {"max": "5"}
    }
    assert rows_read["rows"] <= 7  # the header and the limit, then one more: refused there


def test_overlong_unit_cells_are_reported_by_row_and_column(world):
    rows = [
        UNIT_HEADER,
        ["A" * 41, "ก" * 301, "E" * 301, "กลุ่ม", "B" * 41],
        ["OK1", "หน่วยดี", "", "กลุ่ม", ""],
    ]
    response = post_org(world, "units", xlsx_file(rows))
    assert response.status_code == 422
    found = reasons(response)
    for key, count, limit in [
        ("code", 41, 40),
        ("name_th", 301, 300),
        ("name_en", 301, 300),
        ("parent_code", 41, 40),
    ]:
        assert str(count) in found[(2, key)] and str(limit) in found[(2, key)], key
    assert not [row for row, _key in found if row == 3]


def test_overlong_people_cells_and_control_characters_are_reported(world):
    rows = [
        PEOPLE_HEADER,
        ["u" * 151, "ช" * 201, "a" * 250 + "@x.th", "R" * 41, "member"],
        ["okname", "นาย\x00ศูนย์", "", "R1", "member"],  # NUL: PostgreSQL cannot store it
    ]
    lines = "\n".join(",".join(row) for row in rows).encode()
    response = post_org(world, "people", SimpleUploadedFile("people.csv", lines))
    assert response.status_code == 422
    found = reasons(response)
    assert "150" in found[(2, "username")]
    assert "200" in found[(2, "name")]
    assert "254" in found[(2, "email")]
    assert "40" in found[(2, "unit_code")]
    assert (3, "name") in found and (3, "username") not in found


def test_an_xlsx_zip_bomb_is_refused_before_it_is_opened(world):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/sharedStrings.xml", " " * (8 * 2**20))
    assert len(out.getvalue()) < 50_000
    with pytest.raises(ValidationFailed) as refused:
        tabular.read_rows(
            SimpleUploadedFile("bomb.xlsx", out.getvalue()),
            UNIT_COLUMNS,
            tabular.ImportReport("units"),
        )
    expected = _(
        "The archive entry “%(name)s” is compressed more than %(ratio)s times; "
        "such files are refused as a possible zip bomb."
    ) % {"name": "xl/sharedStrings.xml", "ratio": 200}
    assert refused.value.errors == {"file": expected}
    response = post_org(world, "units", SimpleUploadedFile("bomb.xlsx", out.getvalue()))
    assert expected in html.unescape(response.content.decode())


def test_overlong_plan_cells_are_reported(world, seed_framework):
    cycle = cycle_open(organization=world.units["HSS"], fiscal_year=2568, framework=seed_framework)
    good = {
        "unit_code": "R1", "title": "อบรม", "start_date": "01/11/2567", "end_date": "31/03/2568",
    }  # fmt: skip
    long = {
        "unit_code": "R" * 41, "title": "ก" * 301, "owner": "o" * 151, "kpi": "k" * 301,
        "kpi_unit": "u" * 61,
    }  # fmt: skip
    rows = [list(HEADERS.values()), [{**good, **long}.get(k, "") for k in HEADERS]]
    before = counts()
    response = world.client("secretariat").post(
        f"/plans/import/?cycle={cycle.pk}", {"file": xlsx_file(rows)}
    )
    assert response.status_code == 422 and counts() == before
    found = {key: reason for (row, key), reason in reasons(response).items() if row == 2}
    for key, limit in [
        ("unit_code", 40),
        ("title", 300),
        ("owner", 150),
        ("kpi", 300),
        ("kpi_unit", 60),
    ]:
        assert str(limit) in found[key], key


def test_the_services_refuse_an_import_by_someone_who_may_not(world):
    before = counts()
    with pytest.raises(PermissionDenied):
        unit_create_many(
            actor=world.people["secretariat"],
            organization=world.units["HSS"],
            units=[NewUnit(code="Z", name_th="หน่วย", kind="group")],
        )
    with pytest.raises(PermissionDenied):
        person_create_many(
            actor=world.people["admin"],
            organization=world.units["OTH"],
            people=[NewPerson(username="z", name="ซี", unit=world.units["OTH"], role="member")],
        )
    assert counts() == before


def test_units_and_people_are_written_by_the_services_with_audit_entries(world):
    units = unit_create_many(
        actor=world.people["admin"],
        organization=world.units["HSS"],
        units=[
            NewUnit(code="P", name_th="กองใหม่", kind="division"),
            NewUnit(code="P-1", name_th="กลุ่มใหม่", kind="group", parent_code="P"),
        ],
    )
    assert units[1].parent == units[0] and units[1].path.startswith(units[0].path)
    people = person_create_many(
        actor=world.people["admin"],
        organization=world.units["HSS"],
        people=[NewPerson(username="new1", name="คนใหม่", unit=units[1], role="member")],
    )
    entries = LogEntry.objects.filter(actor=world.people["admin"])
    assert entries.filter(object_pk__in=[str(u.pk) for u in units]).count() == 2
    assert entries.filter(content_type__model="membership").count() == 1
    assert people[0].memberships.get().unit == units[1]


def test_a_csv_cell_past_the_csv_field_limit_is_refused_not_a_server_error(world):
    content = ",".join(UNIT_HEADER) + "\nX1," + "ก" * 200_000 + ",,กลุ่ม,\n"
    response = post_org(world, "units", SimpleUploadedFile("huge.csv", content.encode()))
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert _("The CSV file is damaged near line %(line)s (%(error)s).").split("%")[0] in page
