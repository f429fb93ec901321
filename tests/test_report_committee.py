"""The PDF as the committee reads it: the cover (page 1), the one-page summary for the
committee (page 2) computed from known stored scores, and the approval block at the end; the
summary when data is thin (first quarter, no earlier year, nothing stored). Pages 1 and 2 are
drawn to var/screenshots/report-page-1.png and -2.png to be looked at."""

import shutil
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from digiorg.cycles.services import cycle_open
from digiorg.reports.data import report_data
from digiorg.reports.narrative import narrative
from digiorg.reports.pdf import render_pdf

from .report_committee_data import LAGGING_TOPICS, LAGGING_UNITS, TODAY, UNPLANNED, committee_cycle

SCREENSHOTS = Path("var/screenshots")
SIGNERS = {
    "reviewed": {"name": "นางสาวตรวจ ถูกต้อง", "position": "เลขานุการกรม"},
    "approved": {"name": "นายอนุมัติ ให้ผ่าน", "position": "อธิบดีกรมสนับสนุนบริการสุขภาพ"},
}


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def bare(text: str) -> str:
    """pdftotext drops some Thai marks (ประจำ -> ประจา): compare without marks and spaces."""
    text = text.replace("\u0e33", "\u0e32")
    return "".join(c for c in text if unicodedata.category(c) != "Mn" and c not in " \n")


def page_text(path: Path, number: int) -> str:
    """In the order drawn: a table cell's wrapped lines stay together."""
    return run("pdftotext", "-raw", "-f", str(number), "-l", str(number), str(path), "-")


def pages(path: Path) -> int:
    info = run("pdfinfo", str(path))
    return int(next(x for x in info.splitlines() if x.startswith("Pages:")).split()[1])


@pytest.fixture
def cycle(world, seed_framework, settings):
    settings.DIGIORG_MEMO = {**settings.DIGIORG_MEMO, "signer": "นายจัดทำ รายงานดี",
                             "position": "หัวหน้ากลุ่มเทคโนโลยีสารสนเทศ"}  # fmt: skip
    settings.DIGIORG_REPORT_SIGNERS = SIGNERS
    return committee_cycle(world, seed_framework)


@pytest.fixture
def pdf(cycle, tmp_path) -> Path:
    path = tmp_path / "report.pdf"
    path.write_bytes(render_pdf(report_data(cycle, today=TODAY)))
    return path


def test_summary_sentences_from_the_stored_scores(cycle):
    story = narrative(report_data(cycle, today=TODAY))
    assert story.standing == [
        "กรมสนับสนุนบริการสุขภาพ อยู่ใน “ระดับพื้นฐาน” ด้วยคะแนนที่ตรวจสอบแล้ว 41 จาก 100 คะแนน "
        "(คะแนนประเมินตนเอง 52.4) ณ วันที่ 20 พฤษภาคม 2568",
        "ส่งคำตอบแล้ว 12 จาก 20 ข้อ (ร้อยละ 60) ตรวจสอบแล้ว 5 ข้อ",
    ]
    # last quarter is the snapshot of 31 Mar (not the one of 10 Apr, nor of quarter 1)
    assert story.since_quarter == [
        "เมื่อเทียบกับสิ้นไตรมาสที่ 2 (31 มีนาคม 2568) คะแนนประเมินตนเองเพิ่มขึ้นจาก 40 เป็น 52.4 "
        "(+12.4) และคะแนนที่ตรวจสอบแล้วเพิ่มขึ้นจาก 30 เป็น 41 (+11)",
        "ด้านที่คะแนนประเมินตนเองเพิ่มขึ้นมากที่สุด: 2 กระบวนการพัฒนาด้วยข้อมูล (+20), "
        "5 การบริหารจัดการรูปแบบดิจิทัล (+15), 4 บริการภาครัฐ (+5)",
        "ด้านที่คะแนนประเมินตนเองลดลง: 1 นโยบายและหลักปฏิบัติ (−5)",
    ]
    assert story.since_year[0] == (
        "เมื่อเทียบกับคะแนนสุดท้ายของปีงบประมาณ 2567 คะแนนประเมินตนเองลดลงจาก 60 เป็น 52.4 (−7.6) "
        "และคะแนนที่ตรวจสอบแล้วลดลงจาก 55 เป็น 41 (−14)"
    )
    assert story.since_year[1].startswith("ด้านที่คะแนนประเมินตนเองเพิ่มขึ้นมากที่สุด: 7 ")
    assert [(t.ref, t.name, t.score, t.level) for t in story.topics] == LAGGING_TOPICS
    assert [(u.name, u.score, u.level) for u in story.units] == LAGGING_UNITS
    assert story.decisions == [
        f"มี 5 หัวข้อที่ยังไม่มีโครงการ/กิจกรรมในแผน (หัวข้อ {UNPLANNED}) "
        "ขอให้คณะกรรมการมอบหมายหน่วยงานรับผิดชอบจัดทำแผน",
        "มีโครงการ/กิจกรรม 1 รายการที่เลยกำหนดสิ้นสุดแล้วยังไม่แล้วเสร็จ (ศูนย์สนับสนุนบริการสุขภาพที่ 1) "
        "ขอให้คณะกรรมการเร่งรัดให้ดำเนินการหรือปรับแผน",
        "มีคำตอบ 1 ข้อที่ถูกส่งกลับให้แก้ไขและยังไม่ได้ส่งใหม่ (ศูนย์สนับสนุนบริการสุขภาพที่ 1) "
        "ขอให้คณะกรรมการกำชับให้แก้ไขและส่งใหม่ภายในวันที่ 31 สิงหาคม 2568",
        "ยังไม่ได้ส่งคำตอบอีก 7 ข้อ (กำหนดส่งผลการประเมินตนเองวันที่ 31 สิงหาคม 2568) "
        "ขอให้คณะกรรมการกำชับหน่วยงานให้ดำเนินการให้ครบถ้วน",
        "พิจารณาให้ความเห็นชอบรายงานฉบับนี้",
    ]


def test_cover_then_summary_then_the_rest_and_the_approval_block(cycle, pdf):
    cover, summary, third = (bare(page_text(pdf, n)) for n in (1, 2, 3))
    for item in ("กรมสนับสนุนบริการสุขภาพ", "รายงานความพร้อมรัฐบาลดิจิทัล",
                 "ปีงบประมาณ พ.ศ. 2568", "25 พฤษภาคม 2568"):  # fmt: skip
        assert bare(item) in cover, item
    assert bare("สรุปสำหรับคณะกรรมการ") not in cover
    for heading in ("สรุปสำหรับคณะกรรมการ", "ระดับความพร้อม", "เทียบกับไตรมาสก่อน",
                    "เทียบกับปีงบประมาณก่อน", "หัวข้อที่มีคะแนนต่ำสุด 3 อันดับ",
                    "หน่วยงานที่มีคะแนนต่ำสุด 3 อันดับ", "เรื่องที่เสนอคณะกรรมการพิจารณา"):  # fmt: skip
        assert bare(heading) in summary, heading
    assert bare("ระดับพื้นฐาน") in summary and bare("41 จาก 100 คะแนน") in summary
    for ref, title, score, level in LAGGING_TOPICS:
        assert bare(f"{ref} {title} {score} {level}") in summary, ref
    for name, score, level in LAGGING_UNITS:
        assert bare(f"{name}") in summary and bare(f"{score} {level}") in summary, name
    assert bare("4.2 ") not in summary.split(bare("เรื่องที่เสนอ"))[0]  # only three topics listed
    assert bare(UNPLANNED) in summary
    # the whole summary fits its page: the last decision is on page 2, page 3 is the next part
    assert bare("พิจารณาให้ความเห็นชอบรายงานฉบับนี้") in summary
    assert bare("ความพร้อม (ตรวจสอบแล้ว)") in third and bare("สรุปสำหรับ") not in third
    last = bare(page_text(pdf, pages(pdf)))
    for label in ("การรับรองและอนุมัติรายงาน", "ผู้จัดทำ", "ผู้ตรวจสอบ", "ผู้อนุมัติ", "ลงชื่อ",
                  "ตำแหน่ง", "นายจัดทำ รายงานดี", "นางสาวตรวจ ถูกต้อง", "นายอนุมัติ ให้ผ่าน",
                  "เลขานุการกรม"):  # fmt: skip
        assert bare(label) in last, label


def test_pages_one_and_two_drawn_for_looking(pdf):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    run("pdftoppm", "-r", "100", "-f", "1", "-l", "2", "-png", str(pdf), str(pdf.parent / "p"))
    for n in (1, 2):
        drawn = pdf.parent / f"p-{n}.png"
        assert drawn.stat().st_size > 10_000
        shutil.copy(drawn, SCREENSHOTS / f"report-page-{n}.png")


def test_unconfigured_names_leave_lines_to_sign(cycle, settings, tmp_path):
    settings.DIGIORG_MEMO = {**settings.DIGIORG_MEMO, "signer": ""}
    settings.DIGIORG_REPORT_SIGNERS = {}
    path = tmp_path / "unsigned.pdf"
    path.write_bytes(render_pdf(report_data(cycle, today=TODAY)))
    last = bare(page_text(path, pages(path)))
    assert bare("ผู้จัดทำ") in last and bare("นายจัดทำ") not in last
    # the positions still come from the memo settings: the preparer's and the addressee's
    assert bare("หัวหน้ากลุ่มเทคโนโลยีสารสนเทศ") in last and bare("อธิบดี") in last


# ----- thin data


def test_first_quarter_with_no_earlier_year_and_no_score(world, seed_framework, tmp_path):
    cycle = cycle_open(organization=world.units["HSS"], fiscal_year=2568, framework=seed_framework)
    data = report_data(cycle, today=date(2024, 11, 15))
    story = narrative(data)
    assert data.quarter == 1 and data.last_quarter is None
    assert story.standing == [
        "กรมสนับสนุนบริการสุขภาพยังไม่มีคะแนน เนื่องจากยังไม่มีการส่งคำตอบ",
        f"ส่งคำตอบแล้ว 0 จาก {data.board.overall.applicable} ข้อ (ร้อยละ 0) ตรวจสอบแล้ว 0 ข้อ",
    ]
    assert story.since_quarter == [
        "ขณะนี้เป็นไตรมาสแรกของปีงบประมาณ 2568 จึงยังไม่มีผลของไตรมาสก่อนให้เปรียบเทียบ"
    ]
    assert story.since_year == ["ยังไม่มีผลของปีงบประมาณก่อนในระบบให้เปรียบเทียบ"]
    assert story.topics == [] and story.units == []
    applicable = data.board.overall.applicable
    topics = sum(1 for t in data.board.topics if t.figures.applicable)
    assert applicable and topics  # the department-scope criteria are expected without assignment
    assert story.decisions == [
        f"ยังไม่มีโครงการ/กิจกรรมในแผนสำหรับหัวข้อใดเลย (ทั้ง {topics} หัวข้อ) "
        "ขอให้คณะกรรมการเร่งรัดให้หน่วยงานจัดทำและเสนอแผน",
        f"ยังไม่ได้ส่งคำตอบอีก {applicable} ข้อ (กำหนดส่งผลการประเมินตนเองวันที่ 31 สิงหาคม 2568) "
        "ขอให้คณะกรรมการกำชับหน่วยงานให้ดำเนินการให้ครบถ้วน",
        "พิจารณาให้ความเห็นชอบรายงานฉบับนี้",
    ]
    path = tmp_path / "thin.pdf"
    path.write_bytes(render_pdf(data))
    summary = bare(page_text(path, 2))
    assert bare("ยังไม่มีคะแนน") in summary and bare("ไตรมาสแรก") in summary
    assert bare("ระดับเริ่มต้น") not in summary  # zeros of nothing answered are not a level
    assert bare("ยังไม่มีหัวข้อใดมีคะแนน") in summary and bare("ยังไม่มีหน่วยงานใดมีคะแนน") in summary


def test_later_quarter_with_nothing_stored_and_a_year_without_scores(world, seed_framework):
    cycle_open(organization=world.units["HSS"], fiscal_year=2567, framework=seed_framework)
    cycle = cycle_open(organization=world.units["HSS"], fiscal_year=2568, framework=seed_framework)
    story = narrative(report_data(cycle, today=TODAY))
    assert story.since_quarter == ["ไม่มีคะแนนที่บันทึกไว้ ณ สิ้นไตรมาสที่ 2 จึงยังไม่มีตัวเลขให้เปรียบเทียบ"]
    assert story.since_year == ["ปีงบประมาณ 2567 ไม่มีคะแนนที่บันทึกไว้ จึงยังไม่มีตัวเลขให้เปรียบเทียบ"]


def test_unit_report_names_the_unit(cycle, world):
    story = narrative(report_data(cycle, world.units["R1"], today=TODAY))
    assert story.standing[0].startswith("ศูนย์สนับสนุนบริการสุขภาพที่ 1")
    assert story.decisions[-1] == "พิจารณาให้ความเห็นชอบรายงานฉบับนี้"


def test_the_longest_summary_still_fits_its_page(cycle, monkeypatch, tmp_path):
    """Every part at its longest: the framework's longest titles, both comparisons with
    dimension changes both ways, every kind of decision, all 24 topic refs, long unit names."""
    from digiorg.reports import pdf as pdf_module
    from digiorg.reports.narrative import Lagging

    data = report_data(cycle, today=TODAY)
    story = narrative(data)
    nodes = sorted(cycle.framework.nodes.all(), key=lambda n: -len(n.title_th))
    dimensions = [n for n in nodes if n.parent_id is None][:3]  # three named per direction
    moved = ", ".join(f"{n.ref} {n.title_th} (+12.5)" for n in dimensions)
    story.since_quarter = [
        story.since_quarter[0],
        f"ด้านที่คะแนนประเมินตนเองเพิ่มขึ้นมากที่สุด: {moved}",
        f"ด้านที่คะแนนประเมินตนเองลดลง: {moved.replace('+', '−')}",
    ]
    story.since_year = [story.since_year[0], *story.since_quarter[1:]]
    topics = [n for n in nodes if n.kind == "topic"][:3]
    story.topics = [Lagging(n.ref, n.title_th, "12.5", "ระดับกำลังพัฒนา") for n in topics]
    name = "ศูนย์สนับสนุนบริการสุขภาพที่ 12 สำนักงานเขตสุขภาพภาคใต้"
    story.units = [Lagging("R", name, "20", "ระดับกำลังพัฒนา")] * 3
    refs = ", ".join(t.node.ref for t in data.board.topics)
    many = f"{name}, {name} และหน่วยงานอื่นอีก 14 หน่วยงาน"
    named = [d.replace("ศูนย์สนับสนุนบริการสุขภาพที่ 1", many) for d in story.decisions[1:4]]
    story.decisions = [
        story.decisions[0].replace(UNPLANNED, refs),
        *named,
        "มีรายงานความก้าวหน้ารายไตรมาสที่ถึงกำหนดแล้วยังไม่ได้ส่ง 12 รายงาน "
        "ขอให้คณะกรรมการติดตามให้หน่วยงานส่งรายงาน",
        story.decisions[-1],
    ]
    monkeypatch.setattr(pdf_module, "narrative", lambda _data: story)
    path = tmp_path / "longest.pdf"
    path.write_bytes(render_pdf(data))
    summary = bare(page_text(path, 2))
    assert bare("พิจารณาให้ความเห็นชอบรายงานฉบับนี้") in summary
    assert bare("สรุปสำหรับ") not in bare(page_text(path, 3))
    run("pdftoppm", "-r", "70", "-f", "2", "-l", "2", "-png", str(path), str(tmp_path / "l"))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(tmp_path / "l-2.png", SCREENSHOTS / "report-page-2-longest.png")


def test_the_level_has_room_under_its_label(pdf, tmp_path):
    """On the summary page the small grey label ("ระดับความพร้อม") does not touch the tone
    marks above the level's name in blue (พื้ of ระดับพื้นฐาน): measured on the drawn page."""
    from PIL import Image

    dpi = 200
    run("pdftoppm", "-r", str(dpi), "-f", "2", "-l", "2", "-png", str(pdf), str(tmp_path / "s"))
    image = Image.open(tmp_path / "s-2.png").convert("RGB")
    width, height = image.size
    pixels = image.load()

    def share(y, colour) -> float:  # of the row's pixels, across the page, of that colour
        return sum(colour(pixels[x, y]) for x in range(0, width, 4)) / (width / 4)

    def tint(c) -> bool:
        return max(abs(a - b) for a, b in zip(c, (0xF4, 0xF7, 0xFB), strict=True)) <= 3

    box = [y for y in range(height // 2) if share(y, tint) > 0.4]  # the level's box

    def rows(colour) -> list[int]:  # rows of the box whose left part has that ink
        return [
            y
            for y in range(box[0], box[-1] + 1)
            if any(colour(pixels[x, y]) for x in range(width // 20, width // 4))
        ]

    level = rows(lambda c: c[2] - c[0] > 70 and c[0] < 110)  # the level's name, in blue
    label = rows(lambda c: max(c) - min(c) < 24 and sum(c) < 3 * 140)  # the label, grey
    assert box and level and label and label[0] < level[0], "the label is above the level"
    gap_pt = (level[0] - max(y for y in label if y < level[0]) - 1) * 72 / dpi
    assert gap_pt >= 2.5, f"{gap_pt:.1f} pt between the label and the level's marks"
