"""Browser journeys through the action form: a date typed in the Buddhist era, a date chosen on
the calendar by keyboard alone, a date outside the fiscal year refused, and the criteria picker
filtered by typed Thai text."""

from datetime import date

import pytest
from django.conf import settings

from digiorg.cycles.models import Cycle
from digiorg.cycles.services import cycle_open
from digiorg.plans.models import Action
from digiorg.sample.demo import demo_prepare

from .browser import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "ระบบนัดหมายบริการออนไลน์ ปีงบประมาณ 2569"
WORD = "ข้อมูล"  # a Thai word in some criteria and topics, not in all


def next_year() -> Cycle:
    """FY 2569 (1 Oct 2025 - 30 Sep 2026) opened next to the demo's FY 2568."""
    demo_prepare(say=lambda _: None, today=date(2025, 6, 15))  # the demo when FY 2568 was open
    current = Cycle.objects.get(organization__code="HSS", fiscal_year=2568)
    return cycle_open(
        organization=current.organization, fiscal_year=2569, framework=current.framework
    )


def open_form(page, cycle):
    page.emulate_media(reduced_motion="reduce")  # no smooth scrolling under the screenshots
    page.goto(page.base_url + f"/plans/actions/new/?cycle={cycle.pk}")
    page.wait_for_selector(".thaidate-toggle")  # thaidate.js has set the fields up


def expected_matches(cycle, word: str) -> int:
    found = 0
    for criterion in cycle.framework.criteria.filter(retired=False).select_related("node"):
        text = f"{criterion.ref} {criterion.text_th} {criterion.node.ref} {criterion.node.title_th}"
        found += word.casefold() in text.casefold()
    return found


def test_thai_dates_by_typing_and_by_calendar_keyboard(page):
    cycle = next_year()
    log_in(page, "coord-r1", settings.DIGIORG_DEMO_PASSWORD)
    page.set_viewport_size({"width": 1366, "height": 768})
    open_form(page, cycle)
    page.fill("#id_title", TITLE)

    # the start date typed through the real text box, in the Buddhist era
    start = page.locator("#id_start_date")
    assert start.get_attribute("type") == "text"
    start.fill("")
    start.press_sequentially("15/01/2569")

    # the end date chosen on the calendar with the keyboard only
    end = page.locator("#id_end_date")
    assert end.input_value() == "30/09/2569"  # the fiscal year's last day to begin with
    end.focus()
    page.keyboard.press("Tab")  # to the calendar button beside it
    toggle = page.locator("#id_end_date + .thaidate-toggle")
    assert toggle.evaluate("b => b === document.activeElement")
    page.keyboard.press("Enter")
    dialog = page.locator(".thaidate-popover:visible")
    assert dialog.get_attribute("role") == "dialog"
    assert toggle.get_attribute("aria-expanded") == "true"
    assert dialog.locator(".thaidate-title").inner_text() == "กันยายน 2569"
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == "พุธ 30 กันยายน 2569"
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("PageUp")
    assert dialog.locator(".thaidate-title").inner_text() == "สิงหาคม 2569"
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "เสาร์ 29 สิงหาคม 2569"
    )
    screenshot(page, "action-form-calendar-desktop")
    page.keyboard.press("Enter")
    assert end.input_value() == "29/08/2569"
    assert not dialog.is_visible()
    assert toggle.evaluate("b => b === document.activeElement"), "focus returns to the button"
    # Escape closes without changing the date
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Escape")
    assert end.input_value() == "29/08/2569"
    assert toggle.evaluate("b => b === document.activeElement")

    page.click("button:has-text('บันทึก')")
    page.wait_for_selector("#action-timeline")
    action = Action.objects.get(title=TITLE)
    assert (action.start_date, action.end_date) == (date(2026, 1, 15), date(2026, 8, 29))
    assert "15 มกราคม 2569 – 29 สิงหาคม 2569" in page.locator("main").inner_text()

    # a date outside FY 2569 is refused on its field, with the Thai message; nothing is saved
    open_form(page, cycle)
    page.fill("#id_title", "นอกปีงบประมาณ")
    page.fill("#id_start_date", "15/09/2568")
    page.click("button:has-text('บันทึก')")
    error = page.locator("#id_start_date-error")
    assert "วันเริ่มต้นต้องอยู่ในปีงบประมาณ 2569 (1 ตุลาคม 2568 – 30 กันยายน 2569)" in (error.inner_text())
    assert page.locator("#id_start_date").input_value() == "15/09/2568"
    assert not Action.objects.filter(title="นอกปีงบประมาณ").exists()

    # a phone: the calendar fits the screen
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("#id_start_date + .thaidate-toggle").click()
    popover = page.locator(".thaidate-popover:visible")
    box = popover.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    screenshot(page, "action-form-calendar-phone")


def test_criteria_picker_filters_by_thai_text(page):
    cycle = next_year()
    log_in(page, "coord-r1", settings.DIGIORG_DEMO_PASSWORD)
    open_form(page, cycle)
    total = page.locator(".picker-item").count()
    assert total == cycle.framework.criteria.filter(retired=False).count()
    search = page.get_by_label("ค้นหาเกณฑ์ด้วยเลขข้อหรือข้อความ")
    search.press_sequentially(WORD)
    visible = page.locator(".picker-item:visible")
    expected = expected_matches(cycle, WORD)
    assert 0 < expected < total
    assert visible.count() == expected
    for item in visible.all():  # its number, text or topic holds the word
        assert WORD in (item.get_attribute("data-search") or "")
    status = page.locator(".picker-status").inner_text()
    assert f"แสดง {expected} จาก {total} ข้อ" in status
    # a ref works too, and Enter in the box moves to the first match instead of sending the form
    search.fill("4.1.2-3")
    assert page.locator(".picker-item:visible").count() == 1
    search.press("Enter")
    assert page.evaluate("document.activeElement.name") == "criteria"
    page.keyboard.press("Space")
    search.fill("ไม่มีคำนี้ในเกณฑ์ใดเลย")
    assert page.locator(".picker-empty").is_visible()
    # only the chosen ones
    search.fill("")
    page.get_by_label("แสดงเฉพาะที่เลือกแล้ว").check()
    assert page.locator(".picker-item:visible").all_inner_texts()[0].startswith("4.1.2-3")
    screenshot(page, "action-form-picker")
    page.fill("#id_title", "ทดลองเลือกเกณฑ์")
    page.click("button:has-text('บันทึก')")
    page.wait_for_selector("#action-timeline")
    action = Action.objects.get(title="ทดลองเลือกเกณฑ์")
    assert [c.ref for c in action.criteria.all()] == ["4.1.2-3"]
