"""Import units and people from CSV and XLSX: all-or-nothing, with a per-row report."""

import csv
import io

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from digiorg.accounts.models import Membership, User
from digiorg.org.models import OrgUnit

UNIT_HEADER = ["รหัสหน่วยงาน", "ชื่อหน่วยงาน", "ชื่อภาษาอังกฤษ", "ประเภท", "รหัสหน่วยงานต้นสังกัด"]
PEOPLE_HEADER = ["ชื่อผู้ใช้", "ชื่อ-นามสกุล", "อีเมล", "รหัสหน่วยงาน", "บทบาท"]


def csv_file(rows, name="data.csv", encoding="utf-8-sig"):
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode(encoding), content_type="text/csv")


def xlsx_file(rows, name="data.xlsx"):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def upload(world, what, file, who="admin"):
    return world.client(who).post(reverse("org:import"), {"what": what, "file": file})


def counts():
    return (
        OrgUnit.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        LogEntry.objects.count(),
    )


GOOD_UNITS = [
    UNIT_HEADER,
    ["R3", "ศูนย์สนับสนุนบริการสุขภาพที่ 3", "Region 3", "ศูนย์", ""],
    ["R3-ADM", "กลุ่มงานบริหารทั่วไป ศูนย์ฯ ที่ 3", "", "กลุ่มงาน", "R3"],
    ["IT-DATA", "งานข้อมูล", "Data team", "group", "IT"],
]


@pytest.mark.parametrize("make", [csv_file, xlsx_file])
def test_units_import_with_thai_headers(world, make):
    response = upload(world, "units", make(GOOD_UNITS))
    assert response.status_code == 302
    r3 = OrgUnit.objects.get(code="R3")
    assert r3.parent.code == "HSS" and r3.kind == "regional_office"
    child = OrgUnit.objects.get(code="R3-ADM")
    assert child.parent == r3 and child.path.startswith(r3.path)
    assert OrgUnit.objects.get(code="IT-DATA").path.startswith(world.units["IT"].path)
    entry = LogEntry.objects.get(object_pk=str(r3.pk), content_type__model="orgunit")
    assert entry.actor == world.people["admin"]


def test_units_csv_in_thai_windows_encoding(world):
    assert upload(world, "units", csv_file(GOOD_UNITS, encoding="cp874")).status_code == 302
    assert OrgUnit.objects.filter(code="R3").exists()


def test_people_import_with_roles_in_thai(world):
    rows = [
        PEOPLE_HEADER,
        ["somsri", "นางสมศรี ดีใจ", "somsri@example.go.th", "R1", "ผู้ประสานงาน"],
        ["somsak", "นายสมศักดิ์ รักงาน", "", "R1-STD", "member"],
    ]
    assert upload(world, "people", xlsx_file(rows)).status_code == 302
    somsri = User.objects.get(username="somsri")
    assert somsri.organization == world.units["HSS"]
    assert not somsri.has_usable_password()
    assert somsri.memberships.get().role == "coordinator"
    # the coordinator of R1 now sees them
    names = {
        u["username"] for u in world.client("coordinator").get("/api/v1/users/").json()["results"]
    }
    assert {"somsri", "somsak"} <= names


def rejected(world, what, file) -> str:
    before = counts()
    response = upload(world, what, file)
    assert response.status_code in (200, 422)
    assert counts() == before, "nothing may change"
    return response.content.decode()


def test_wrong_headers(world):
    html = rejected(world, "units", csv_file([["code", "colour"], ["X", "red"]]))
    assert "colour" in html and "ชื่อหน่วยงาน" in html


def test_duplicate_codes_in_the_file_and_in_the_database(world):
    rows = [
        UNIT_HEADER,
        ["NEW", "ใหม่", "", "กอง", ""],
        ["NEW", "ซ้ำ", "", "กอง", ""],
        ["IT", "ซ้ำกับของเดิม", "", "กลุ่ม", ""],
    ]
    html = rejected(world, "units", csv_file(rows))
    assert "<td>3</td><td><code>code</code></td>" in html  # second NEW, row 3
    assert "<td>4</td><td><code>code</code></td>" in html  # IT exists


def test_unknown_parent(world):
    html = rejected(world, "units", csv_file([UNIT_HEADER, ["X1", "หน่วย", "", "กลุ่ม", "NOPE"]]))
    assert "NOPE" in html and "<td>2</td>" in html


def test_unit_of_another_department_is_unknown(world):
    rows = [PEOPLE_HEADER, ["x", "นาย เอ็กซ์", "", "OTH-IT", "member"]]
    html = rejected(world, "people", csv_file(rows))
    assert "OTH-IT" in html


def test_bad_people_rows_are_all_reported(world):
    rows = [
        PEOPLE_HEADER,
        ["member", "ชื่อซ้ำ", "", "R1", "member"],  # username taken
        ["new one", "เว้นวรรค", "", "R1", "member"],  # bad username
        ["ok1", "", "not-an-email", "R1", "หัวหน้า"],  # no name, bad email, unknown role
    ]
    html = rejected(world, "people", csv_file(rows))
    for fragment in (
        "<td>2</td>",
        "<td>3</td>",
        "<code>name</code>",
        "<code>email</code>",
        "<code>role</code>",
    ):
        assert fragment in html


@pytest.mark.parametrize(
    "file",
    [
        SimpleUploadedFile("empty.csv", b""),
        SimpleUploadedFile("header-only.csv", ",".join(UNIT_HEADER).encode()),
        SimpleUploadedFile("broken.xlsx", b"this is not a zip"),
        SimpleUploadedFile("notes.txt", b"hello"),
    ],
    ids=["empty", "header only", "broken xlsx", "wrong type"],
)
def test_bad_files(world, file):
    html = rejected(world, "units", file)
    assert "invalid-feedback" in html


def test_only_admins_may_import(world):
    before = counts()
    assert upload(world, "units", csv_file(GOOD_UNITS), who="secretariat").status_code == 403
    assert counts() == before


def test_ten_thousand_people(world, django_assert_max_num_queries):
    rows = [PEOPLE_HEADER] + [
        [f"p{i:05d}", f"บุคลากร {i}", f"p{i:05d}@example.go.th", "R2", "member"]
        for i in range(10_000)
    ]
    file = csv_file(rows)
    with django_assert_max_num_queries(1000):  # batched: per-row work would be 30,000+
        response = upload(world, "people", file)
    assert response.status_code == 302
    assert User.objects.filter(username__startswith="p").count() == 10_000
    assert Membership.objects.filter(unit=world.units["R2"], role="member").count() == 10_000


def test_ten_thousand_rows_with_one_bad_row_import_nothing(world):
    rows = [PEOPLE_HEADER] + [
        [f"q{i:05d}", f"บุคลากร {i}", "", "R2", "member"] for i in range(10_000)
    ]
    rows[5000][3] = "NOPE"
    html = rejected(world, "people", csv_file(rows))
    assert "<td>5001</td>" in html
