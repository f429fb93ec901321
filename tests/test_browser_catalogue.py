"""Browser journey through the register: a member fills the dataset form (a bad e-mail shown
next to its field, in Thai, nothing typed lost), adds a link and sees the completeness panel;
the form and the dataset page fit a desktop (1366 px) and a phone (390 px) without anything
sticking out. Screenshots: var/screenshots/catalogue-*.png."""

import pytest

from digiorg.catalogue.models import Dataset

from .browser import PHONE, SCREENSHOTS, log_in, overflow_problems, screenshot
from .world import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DESKTOP = {"width": 1366, "height": 900}


def shots(page, name: str) -> list[str]:
    """Screenshots at both widths (the window, and the whole page for reading it), and what
    sticks out at each."""
    problems = []
    for label, size in (("1366", DESKTOP), ("390", PHONE)):
        page.set_viewport_size(size)
        screenshot(page, f"{name}-{label}")
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}-full.png"), full_page=True)
        problems += [f"{label}: {p}" for p in overflow_problems(page)]
    page.set_viewport_size(DESKTOP)
    return problems


def test_member_fills_the_form_and_adds_a_link(page):
    world = build_world()
    page.emulate_media(reduced_motion="reduce")
    log_in(page, "member", PASSWORD)
    page.wait_for_url("**/")
    page.click("nav >> text=บัญชีข้อมูล")
    page.click("text=เพิ่มชุดข้อมูล")
    page.wait_for_selector(".thaidate-toggle")
    page.select_option("#id_unit", str(world.units["R1-STD"].pk))
    page.fill("#id_title", "สถานพยาบาลเอกชนที่ได้รับอนุญาต จำแนกตามจังหวัด")
    page.fill("#id_name", "private-hospitals")
    page.select_option("#id_data_type", "ข้อมูลสถิติ")
    page.fill("#id_maintainer", "กลุ่มงานมาตรฐาน")
    page.fill("#id_maintainer_email", "ไม่ใช่อีเมล")
    page.fill("#id_notes", "จำนวนสถานพยาบาลเอกชนที่ได้รับอนุญาต")
    page.fill("#id_tags", "สถานพยาบาล, จังหวัด")
    page.check("input[name=objectives][value='พันธกิจหน่วยงาน']")
    page.check("input[name=data_formats][value='CSV']")
    page.fill("#id_used_on", "15/11/2567")
    page.click("main button[type=submit]")
    error = page.locator("#field-maintainer_email .invalid-feedback")
    assert error.inner_text() == "กรอกอีเมลที่ถูกต้อง"
    assert page.input_value("#id_tags") == "สถานพยาบาล, จังหวัด"
    assert page.is_checked("input[name=data_formats][value='CSV']")
    assert page.input_value("#id_used_on") == "15/11/2567"
    problems = shots(page, "catalogue-form")
    page.fill("#id_maintainer_email", "standard@hss.go.th")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=บันทึกชุดข้อมูลเป็นฉบับร่างแล้ว")
    dataset = Dataset.objects.get()
    assert dataset.maintainer_email == "standard@hss.go.th" and str(dataset.used_on) == "2024-11-15"
    panel = page.locator(".catalogue-completeness").inner_text()
    assert "ยังขาดก่อนเผยแพร่" in panel and "เพิ่มไฟล์หรือลิงก์อย่างน้อยหนึ่งรายการ" in panel
    page.fill("#id_link-url", "https://data.hss.go.th/hospitals.csv")
    page.fill("#id_link-name", "ข้อมูลปี 2567")
    page.fill("#id_link-format", "CSV")
    page.click("text=เพิ่มลิงก์ >> nth=-1")
    page.wait_for_selector("text=เพิ่ม ข้อมูลปี 2567 แล้ว")
    assert dataset.resources.count() == 1
    problems += shots(page, "catalogue-detail")
    assert not problems, problems
