"""The memo (docx), the workbook (xlsx) and the survey pack (zip), read back from the demo."""

import hashlib
import io
import os
import re
import tracemalloc
import zipfile
from datetime import date, datetime

import docx
import pytest
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.utils import translation
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from lxml import etree
from openpyxl import load_workbook

from digiorg.assessments.models import CriterionAssessment
from digiorg.core.thai import format_date, thai_digits
from digiorg.cycles.models import Cycle
from digiorg.evidence.models import Evidence, EvidenceRevision
from digiorg.evidence.services import evidence_create
from digiorg.org.models import OrgUnit
from digiorg.reports.data import report_data
from digiorg.reports.docx import render_docx
from digiorg.reports.pack import safe_name, write_pack
from digiorg.reports.xlsx import render_xlsx, sheet_title
from digiorg.sample.demo import demo_prepare

TODAY = date(2025, 6, 15)
THAI_DIGIT = re.compile("[๐-๙]")
LABELS_TH = ["ส่วนราชการ", "ที่", "วันที่", "เรื่อง", "เรียน"]
LABELS_EN = ["Office", "No.", "Date", "Subject", "To"]


def SHEETS(language: str = "th") -> list[str]:
    with translation.override(language):
        return [
            _(t) for t in ("Plan", "Progress", "Assessments", "Scores by unit", "Scores by topic")
        ]


@pytest.fixture
def cycle(db, settings):
    settings.DIGIORG_THAI_DIGITS = True
    demo_prepare(say=lambda _: None, today=TODAY)  # the demo as it stood on TODAY: FY 2568 open
    return Cycle.objects.get(fiscal_year=2568, organization__code="HSS")


@pytest.fixture
def data(cycle):
    return report_data(cycle, today=TODAY)


def paragraphs(content: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]


def starts(lines: list[str], label: str) -> str:
    """The line that begins with the label (ที่ and วันที่ share a line)."""
    return next(line for line in lines if line.startswith(label) or f"\t{label} " in line)


# ----- memo


def test_memo_in_thai_has_the_official_form_thai_digits_and_the_score(data):
    content = render_docx(data)
    document = docx.Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    assert lines[0] == "บันทึกข้อความ"
    heading = document.paragraphs[0].runs[0]
    assert heading.bold and heading.font.cs_bold and heading.font.size.pt > 16
    for label in LABELS_TH:
        assert any(line.startswith(label + " ") or f"\t{label} " in line for line in lines), label
    date_line = starts(lines, "ที่").split("วันที่", 1)[1]
    assert date_line.strip() == "๑๕ มิถุนายน ๒๕๖๘"  # Buddhist era, Thai digits
    assert "๒๕๖๘" in starts(lines, "เรื่อง")
    overall = f"{data.board.overall.self_score:.1f}"
    body = "\n".join(lines)
    assert thai_digits(overall) in body and overall not in body
    assert thai_digits(f"{data.board.overall.verified_score:.1f}") in body
    cells = [row.cells[0].text for row in document.tables[0].rows[1:]]
    assert cells == [  # one row per dimension in the table of scores
        thai_digits(f"{line.node.ref} {line.node.title_th}") for line in data.board.dimensions
    ]
    due = thai_digits(format_date(data.cycle.assessment_due, "th"))
    proposal = next(n for n, line in enumerate(lines) if line.startswith("๔. "))
    assert due in lines[proposal + 1]  # complete the answers by the assessment deadline
    assert lines[-1] == data.memo["position"]
    # the body is Thai too: the sections and the closing formula
    assert "๑. ความเป็นมา" in lines and "๔. ข้อเสนอ" in lines
    assert "จึงเรียนมาเพื่อโปรดพิจารณา" in body
    # body paragraphs use Thai justification
    justified = [p for p in document.paragraphs if p.alignment == WD_ALIGN_PARAGRAPH.THAI_JUSTIFY]
    assert any(overall in p.text.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
               for p in justified)  # fmt: skip
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert round(section.top_margin.cm, 2) == 2.5
    assert round(section.left_margin.cm, 2) == 3 and round(section.right_margin.cm, 2) == 2


def test_memo_normal_style_carries_the_thai_font_size_and_language(data):
    document = docx.Document(io.BytesIO(render_docx(data)))
    rpr = document.styles["Normal"].element.rPr
    fonts = rpr.find(qn("w:rFonts"))
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        assert fonts.get(qn(f"w:{slot}")) == "TH Sarabun New"
    assert rpr.find(qn("w:sz")).get(qn("w:val")) == "32"
    assert rpr.find(qn("w:szCs")).get(qn("w:val")) == "32"
    assert rpr.find(qn("w:lang")).get(qn("w:bidi")) == "th-TH"
    # no theme font left in the defaults to override ours
    defaults = etree.tostring(document.styles.element.find(qn("w:docDefaults"))).decode()
    assert "Theme" not in defaults and "theme" not in defaults
    # every bold run is bold in the complex-script slot too, and says it is Thai
    bold = [r for p in document.paragraphs for r in p.runs if r.bold]
    assert len(bold) >= 6
    for run in bold:
        assert run.font.cs_bold
        assert run._r.rPr.find(qn("w:lang")).get(qn("w:bidi")) == "th-TH"
        if run.font.size is not None:
            szcs = run._r.rPr.find(qn("w:szCs")).get(qn("w:val"))
            assert int(szcs) == int(run.font.size.pt * 2)


def test_memo_in_english_has_english_labels_and_arabic_digits(cycle):
    data = report_data(cycle, language="en", today=TODAY)
    lines = paragraphs(render_docx(data))
    assert lines[0] == "Memorandum"
    for label in LABELS_EN:
        assert any(line.startswith(label + " ") or f"\t{label} " in line for line in lines), label
    assert not any(line.startswith(("ส่วนราชการ", "เรื่อง", "เรียน")) for line in lines)
    assert starts(lines, "No.").split("Date", 1)[1].strip() == "15 June 2025"
    assert "Digital government readiness, fiscal year 2568" in starts(lines, "Subject")
    body = "\n".join(lines[6:-1])  # the settings' office and number are Thai text as given
    assert f"{data.board.overall.self_score:.1f}" in body
    assert not THAI_DIGIT.search(body)


def test_memo_without_thai_digits_when_turned_off(data, settings):
    settings.DIGIORG_THAI_DIGITS = False
    lines = paragraphs(render_docx(data))
    assert starts(lines, "ที่").split("วันที่", 1)[1].strip() == "15 มิถุนายน 2568"
    assert f"{data.board.overall.self_score:.1f}" in "\n".join(lines)


# ----- workbook


def test_workbook_sheets_rows_dates_links_and_scores(data):
    workbook = load_workbook(io.BytesIO(render_xlsx(data)))
    assert workbook.sheetnames == SHEETS()
    assert workbook.sheetnames[:2] == ["แผน", "ความก้าวหน้า"]
    assert all(len(name) <= 31 for name in workbook.sheetnames)
    plan, progress, answers, units, topics = workbook.worksheets
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1] if cell.value)
    header = [c.value for c in plan[1]]
    assert header[:3] == ["รหัส", "หน่วยงาน", "ชื่อเรื่อง"] and "สถานะ" in header
    assert plan.max_row - 1 == len(data.actions)
    start = plan.cell(row=2, column=header.index("วันเริ่มต้น") + 1)
    assert isinstance(start.value, datetime) and start.value.date() == data.actions[0].start_date
    assert start.number_format.startswith("[$-107041E]")
    reports = sum(len(a.progress_reports.all()) for a in data.actions)
    assert reports and progress.max_row - 1 == reports
    assert answers.max_row - 1 == len(data.answers)
    assert [c.value for c in answers[1]][:3] == ["เกณฑ์", _("Criterion text"), "หน่วยงาน"]
    links = [c for row in answers.iter_rows(min_row=2) for c in row if c.hyperlink]
    assert links
    file_link = next(c for c in links if "/evidence/" in c.hyperlink.target)
    assert re.fullmatch(
        r"http://127\.0\.0\.1:8000/evidence/\d+/download/", file_link.hyperlink.target
    )
    link_evidence = Evidence.objects.filter(kind="link").first()
    cited = any(link_evidence in line.evidence for line in data.answers)
    assert not cited or any(c.hyperlink.target == link_evidence.url for c in links)
    # one row for the department, then one per unit line of the dashboard
    assert units.max_row - 1 == 1 + len(data.board.units)
    assert units["A2"].value == "HSS"
    assert units["C2"].value == pytest.approx(data.board.overall.self_score, abs=0.005)
    r1 = next(line for line in data.board.units if line.unit.code == "R1")
    row = next(r for r in units.iter_rows(min_row=2, values_only=True) if r[0] == "R1")
    assert row[2] == pytest.approx(r1.overall.self_score, abs=0.005)
    assert row[3] == pytest.approx(r1.overall.verified_score, abs=0.005)
    assert units.max_column == 4 + 2 * len(data.board.topics)
    # per topic: overall first, then every dimension and topic of the score tree
    assert topics["C2"].value == "ภาพรวม" and topics["D2"].value == data.scores["self_score"]
    refs = [r[0] for r in topics.iter_rows(min_row=3, values_only=True)]
    assert refs[0] == data.scores["dimensions"][0]["ref"]
    assert {t.node.ref for t in data.board.topics} <= set(refs)


def test_workbook_in_english_and_without_control_characters(cycle):
    answer = CriterionAssessment.objects.filter(cycle=cycle).exclude(result="").first()
    answer.note = "copied\x0bfrom a PDF\x07"
    answer.save(update_fields=["note"])
    data = report_data(cycle, language="en", today=TODAY)
    workbook = load_workbook(io.BytesIO(render_xlsx(data)))
    assert workbook.sheetnames == [
        "Plan", "Progress", "Assessments", "Scores by unit", "Scores by topic",
    ]  # fmt: skip
    assert workbook.sheetnames == SHEETS("en")
    plan = workbook.worksheets[0]
    assert [c.value for c in plan[1]][:3] == ["Code", "Unit", "Title"]
    assert not plan.cell(row=2, column=6).number_format.startswith("[$-")
    notes = [r[6] for r in workbook.worksheets[2].iter_rows(min_row=2, values_only=True)]
    assert "copiedfrom a PDF" in notes


def test_sheet_titles_are_short_clean_and_unique():
    taken: set[str] = set()
    first = sheet_title("ผลการประเมิน/รายหน่วยงาน [ปีงบประมาณ พ.ศ. ๒๕๖๘] ทั้งหมด", taken)
    assert len(first) <= 31 and not set("[]:*?/\\") & set(first)
    second = sheet_title("ผลการประเมิน/รายหน่วยงาน [ปีงบประมาณ พ.ศ. ๒๕๖๘] ทั้งหมด", taken)
    assert second != first and len(second) <= 31


# ----- survey pack


def test_pack_has_the_survey_the_readme_and_every_cited_file(data, tmp_path):
    target = tmp_path / "pack.zip"
    with open(target, "wb") as out:
        write_pack(data, out)
    with zipfile.ZipFile(target) as zf:
        names = zf.namelist()
        assert "survey.xlsx" in names and "README.txt" in names
        files = [n for n in names if n.startswith("evidence/")]
        expected = {
            (line.criterion.ref, e.pk)
            for line in data.answers
            for e in line.evidence
            if e.kind == Evidence.Kind.FILE
        }
        assert len(files) == len(expected) > 0
        revisions = {e.pk: e.current for line in data.answers for e in line.evidence if e.current}
        for name in files:
            _folder, ref, leaf = name.split("/")
            evidence_id = int(leaf.split("-", 1)[0])
            assert (ref, evidence_id) in expected
            revision = revisions[evidence_id]
            assert leaf == f"{evidence_id}-{safe_name(revision.name)}"
            assert hashlib.sha256(zf.read(name)).hexdigest() == revision.sha256
        links = [e for line in data.answers for e in line.evidence if e.kind == Evidence.Kind.LINK]
        assert not any(f"/{e.pk}-" in n for e in links for n in files)
        readme = zf.read("README.txt").decode("utf-8-sig")
        assert "2568" in readme and str(len(data.answers)) in readme
        sheet = load_workbook(io.BytesIO(zf.read("survey.xlsx"))).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) - 1 == len(data.answers)
    assert [r[0] for r in rows[1:]] == [line.criterion.ref for line in data.answers]
    assert rows[0][5] == "ตัวเลือกที่ดำเนินการแล้ว"  # checklist and any_of answers list their ticks
    assert any(r[5] for r in rows[1:] if r[0] == "5.1-12")
    cited = next(r for r in rows[1:] if r[9] and r[9].startswith("evidence/"))
    assert cited[9].split("\n")[0] in names and re.fullmatch(r"[0-9a-f]{64}", cited[10][:64])
    if links:
        assert any(links[0].url in (r[9] or "") for r in rows[1:])


def test_pack_streams_a_large_file_with_little_memory(data, cycle, tmp_path):
    size = 30 * 2**20
    upload = TemporaryUploadedFile("รายงานผลขนาดใหญ่.pdf", "application/pdf", size, None)
    upload.write(b"%PDF-1.7\n")
    block, end = os.urandom(2**20), b"\n%%EOF\n"
    while upload.tell() < size - len(end):
        upload.write(block[: size - len(end) - upload.tell()])
    upload.write(end)
    upload.seek(0)
    answer = (
        CriterionAssessment.objects.filter(cycle=cycle, unit__memberships__role="coordinator")
        .select_related("unit")
        .first()
    )
    coordinator = answer.unit.memberships.filter(role="coordinator").first().user
    evidence = evidence_create(
        actor=coordinator, unit=answer.unit, kind="file", title="รายงานฉบับเต็ม", upload=upload
    )
    upload.close()
    answer.evidence.add(evidence)
    data = report_data(cycle, today=TODAY)
    revision = EvidenceRevision.objects.get(evidence=evidence)
    assert revision.size == size
    target = tmp_path / "pack.zip"
    tracemalloc.start()
    try:
        with open(target, "wb") as out:
            write_pack(data, out)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    print(f"pack with a 30 MB file: tracemalloc peak {peak / 2**20:.2f} MB")
    assert peak < 10 * 2**20, f"peak {peak / 2**20:.1f} MB"
    name = f"evidence/{answer.criterion.ref}/{evidence.pk}-รายงานผลขนาดใหญ่.pdf"
    with zipfile.ZipFile(target) as zf:
        digest = hashlib.sha256()
        with zf.open(name) as member:
            while chunk := member.read(2**20):
                digest.update(chunk)
    assert digest.hexdigest() == revision.sha256


def test_safe_names_keep_no_path_or_control_characters():
    assert safe_name("../../etc/passwd") == "_.._etc_passwd"
    assert safe_name("a\\b:c*?.pdf") == "a_b_c__.pdf"
    assert safe_name("แผน\u202eFDP.exe") == "แผนFDP.exe"
    assert safe_name("  .hidden  ") == "hidden"
    assert safe_name("") == "file"
    long = safe_name("ก" * 300 + ".pdf")
    assert len(long) <= 120 and long.endswith(".pdf")


# ----- one unit


def test_unit_report_lists_only_the_unit_and_the_units_below(cycle, tmp_path):
    r1 = OrgUnit.objects.get(code="R1", organization=cycle.organization)
    data = report_data(cycle, r1, today=TODAY)
    inside = set(OrgUnit.objects.filter(path__startswith=r1.path).values_list("pk", flat=True))
    assert data.actions and {a.unit_id for a in data.actions} <= inside
    assert data.answers and {line.unit.pk for line in data.answers} <= inside
    whole = report_data(cycle, today=TODAY)
    assert len(data.actions) < len(whole.actions) and len(data.answers) < len(whole.answers)

    workbook = load_workbook(io.BytesIO(render_xlsx(data)))
    plan, _progress, answers, units, _topics = workbook.worksheets
    assert plan.max_row - 1 == len(data.actions)
    codes = {r[0] for r in plan.iter_rows(min_row=2, values_only=True)}
    assert codes <= set(OrgUnit.objects.filter(pk__in=inside).values_list("code", flat=True))
    assert answers.max_row - 1 == len(data.answers)
    assert units["A2"].value == "R1"  # once: its own line is the report's top line
    assert units.max_row - 1 == len(data.board.units)
    assert units["C2"].value == pytest.approx(data.board.overall.self_score, abs=0.005)

    lines = paragraphs(render_docx(data))
    assert thai_digits(r1.name_th) in starts(lines, "เรื่อง")

    with open(tmp_path / "r1.zip", "wb") as out:
        write_pack(data, out)
    with zipfile.ZipFile(tmp_path / "r1.zip") as zf:
        sheet = load_workbook(io.BytesIO(zf.read("survey.xlsx"))).worksheets[0]
        assert sheet.max_row - 1 == len(data.answers)
        cited = {e.pk for line in data.answers for e in line.evidence}
        for name in zf.namelist():
            if name.startswith("evidence/"):
                assert int(name.split("/")[2].split("-", 1)[0]) in cited
