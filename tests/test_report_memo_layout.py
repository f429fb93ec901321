"""The memo as an official paper (page numbers from page 2 only, the dimension scores as a
table, the spacing of the quoted framework, the signer's line when no name is configured, and
the page that says so before the download) and filters on the header of every sheet we export.

LibreOffice is not installed on this machine, so the memo is checked in its XML."""

import io
import zipfile
from datetime import date

import docx
import pytest
from django.urls import reverse
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from lxml import etree
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from digiorg.core.thai import thai_digits
from digiorg.plans.excel import plan_workbook
from digiorg.plans.models import Action
from digiorg.reports.data import report_data
from digiorg.reports.docx import render_docx
from digiorg.reports.pack import write_pack
from digiorg.reports.xlsx import render_xlsx

from .report_committee_data import DIMENSIONS_NOW, TODAY, committee_cycle

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PLACEHOLDER = "(ยังไม่ได้กำหนดชื่อผู้ลงนาม กรุณาพิมพ์ชื่อ)"


@pytest.fixture
def cycle(world, seed_framework, settings):
    settings.DIGIORG_THAI_DIGITS = True
    settings.DIGIORG_MEMO = {**settings.DIGIORG_MEMO, "signer": "นายจัดทำ รายงานดี"}
    return committee_cycle(world, seed_framework)


def memo(cycle, unit=None) -> docx.Document:
    return docx.Document(io.BytesIO(render_docx(report_data(cycle, unit, today=TODAY))))


def header_xml(header) -> str:
    return etree.tostring(header._element, encoding="unicode")


def test_page_numbers_from_page_two_centred_at_the_top_in_thai_digits(cycle):
    document = memo(cycle)
    section = document.sections[0]
    sect = section._sectPr
    assert sect.find(qn("w:titlePg")) is not None  # a different first-page header
    kinds = {ref.get(qn("w:type")) for ref in sect.findall(qn("w:headerReference"))}
    assert kinds == {"first", "default"}
    first = header_xml(section.first_page_header)
    assert "PAGE" not in first and "fldChar" not in first and "fldSimple" not in first
    assert section.first_page_header.paragraphs[0].text == ""
    other = section.header
    xml = header_xml(other)
    codes = [t.text for t in other._element.iter(f"{W}instrText")]
    assert [c.strip() for c in codes] == ["PAGE"]
    chars = [c.get(qn("w:fldCharType")) for c in other._element.iter(f"{W}fldChar")]
    assert chars == ["begin", "separate", "end"]
    assert other.paragraphs[0].alignment == 1  # centred
    assert other.paragraphs[0].text == "- ๒ -"  # the cached result, as Word shows it
    assert sect.find(qn("w:pgNumType")).get(qn("w:fmt")) == "thaiNumbers"
    assert "w:fldSimple" not in xml


def test_page_numbers_in_arabic_digits_when_the_memo_uses_them(cycle, settings):
    settings.DIGIORG_THAI_DIGITS = False
    section = memo(cycle).sections[0]
    assert section._sectPr.find(qn("w:pgNumType")).get(qn("w:fmt")) == "decimal"
    assert section.header.paragraphs[0].text == "- 2 -"


def test_dimension_scores_are_a_table(cycle):
    document = memo(cycle)
    assert len(document.tables) == 1
    table = document.tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["ด้าน", "ประเมินตนเอง", "ตรวจสอบแล้ว", "ระดับ (ตรวจสอบแล้ว)"]
    assert len(rows) == 1 + len(DIMENSIONS_NOW)
    # dimension 2: self 50, verified 40 (ระดับพื้นฐาน from 40); dimension 5: 25 and 15
    assert rows[2] == ["๒ กระบวนการพัฒนาด้วยข้อมูล", "๕๐.๐", "๔๐.๐", "ระดับพื้นฐาน"]
    assert rows[5] == ["๕ การบริหารจัดการรูปแบบดิจิทัล", "๒๕.๐", "๑๕.๐", "ระดับเริ่มต้น"]
    assert [r[0].split()[0] for r in rows[1:]] == [thai_digits(ref) for ref in DIMENSIONS_NOW]
    assert table.style.name == "Table Grid"
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeats on a new page
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    # no dimension is left as a loose line of text
    assert not any(p.text.startswith("ด้าน ๒ ") for p in document.paragraphs)


def test_the_quoted_framework_has_a_space_before_it(cycle):
    body = "\n".join(p.text for p in memo(cycle).paragraphs)
    title = thai_digits(cycle.framework.title)
    assert f"ตาม “{title}” โดย" in body
    assert "ตาม“" not in body


def test_signer_name_or_a_marked_line_to_type_it(cycle, settings):
    lines = [p.text for p in memo(cycle).paragraphs]
    assert "(นายจัดทำ รายงานดี)" in lines and PLACEHOLDER not in lines
    settings.DIGIORG_MEMO = {**settings.DIGIORG_MEMO, "signer": ""}
    document = memo(cycle)
    line = next(p for p in document.paragraphs if p.text == PLACEHOLDER)
    marked = [r for r in line.runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert [r.text for r in marked] == ["ยังไม่ได้กำหนดชื่อผู้ลงนาม กรุณาพิมพ์ชื่อ"]
    assert document.paragraphs[-1].text == settings.DIGIORG_MEMO["position"]


def test_a_units_own_signer_signs_its_memo(cycle, settings, world):
    settings.DIGIORG_REPORT_SIGNERS = {
        "units": {"R1": {"prepared": {"name": "นางศูนย์ หนึ่ง", "position": "ผู้อำนวยการศูนย์"}}}
    }
    lines = [p.text for p in memo(cycle, world.units["R1"]).paragraphs]
    assert lines[-2:] == ["(นางศูนย์ หนึ่ง)", "ผู้อำนวยการศูนย์"]


# ----- the page before the download


def test_memo_download_says_first_when_the_signer_is_missing(world, cycle, settings):
    client = world.client("executive")
    url = reverse("reports:report", args=[cycle.pk, "docx"])
    response = client.get(url)  # signer configured: the file at once
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    settings.DIGIORG_MEMO = {**settings.DIGIORG_MEMO, "signer": ""}
    page = client.get(url)
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    html = page.content.decode()
    assert "ยังไม่ได้กำหนดชื่อผู้ลงนามในบันทึกข้อความ" in html
    assert f'href="{url}?download=1&amp;language=th"' in html
    download = client.get(url + "?download=1&language=th")
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in download["Content-Disposition"]
    assert client.post(url).status_code == 405


def test_pdf_prepare_page_names_who_has_no_name(world, cycle, settings):
    settings.DIGIORG_REPORT_SIGNERS = {}
    page = world.client("executive").get(reverse("reports:report", args=[cycle.pk, "pdf"]))
    html = page.content.decode()
    assert "ยังไม่ได้กำหนดชื่อของ: ผู้ตรวจสอบ, ผู้อนุมัติ" in html
    assert "ยังไม่ได้กำหนดชื่อผู้ลงนามในบันทึกข้อความ" not in html  # the preparer has a name


# ----- every sheet filters its header


def check_filters(content: bytes, title: str) -> None:
    workbook = load_workbook(io.BytesIO(content))
    for sheet in workbook.worksheets:
        last = get_column_letter(sheet.max_column)
        assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}", (title, sheet.title)
        assert sheet.freeze_panes == "A2", (title, sheet.title)


def test_every_sheet_has_a_filter_on_its_header(cycle, world, tmp_path):
    data = report_data(cycle, today=TODAY)
    check_filters(render_xlsx(data), "workbook")
    with open(tmp_path / "pack.zip", "wb") as out:
        write_pack(data, out)
    with zipfile.ZipFile(tmp_path / "pack.zip") as zf:
        check_filters(zf.read("survey.xlsx"), "survey")
    check_filters(plan_workbook(Action.objects.filter(cycle=cycle)), "plan")
    check_filters(plan_workbook(Action.objects.none()), "empty plan")
    assert (
        load_workbook(io.BytesIO(plan_workbook(Action.objects.none()))).active.auto_filter.ref
        == "A1:O1"  # 15 columns, the multi-year one among them
    )


def test_no_crash_on_a_cycle_with_nothing(world, seed_framework):
    from digiorg.cycles.services import cycle_open

    cycle = cycle_open(organization=world.units["HSS"], fiscal_year=2568, framework=seed_framework)
    data = report_data(cycle, today=date(2024, 10, 5))
    assert docx.Document(io.BytesIO(render_docx(data))).tables
    check_filters(render_xlsx(data), "empty workbook")
