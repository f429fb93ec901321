"""Browser journeys: a regional coordinator sees only region 1's people; the auditor reads the audit log."""

import pytest
from django.conf import settings

from digiorg.sample.demo import demo_prepare

from .browser import log_in, open_setup_menu, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_of_region_1_sees_only_region_1(page):
    demo_prepare(say=lambda _: None)
    log_in(page, "coord-r1", settings.DIGIORG_DEMO_PASSWORD)
    open_setup_menu(page, "บุคลากร")
    page.wait_for_selector("h1:has-text('บุคลากร')")
    rows = page.locator("table tbody tr").all_inner_texts()
    assert any("member-r1" in row for row in rows)
    assert not any("coord-it" in row or "coord-r2" in row for row in rows)
    screenshot(page, "people-coord-r1")
    open_setup_menu(page, "หน่วยงาน")
    units = page.locator("table tbody").inner_text()
    assert "ศูนย์สนับสนุนบริการสุขภาพที่ 1" in units and "ศูนย์สนับสนุนบริการสุขภาพที่ 2" not in units
    # a unit outside the region is not there at all
    page.goto(page.base_url + "/units/")
    assert page.locator("a:has-text('กลุ่มเทคโนโลยีสารสนเทศ')").count() == 0


def test_auditor_reads_the_audit_log(page):
    demo_prepare(say=lambda _: None)
    log_in(page, "auditor", settings.DIGIORG_DEMO_PASSWORD)
    open_setup_menu(page, "ประวัติการใช้งาน")
    page.wait_for_selector("h1:has-text('ประวัติการใช้งาน')")
    assert "ผลการประเมินตนเอง" in page.locator("main table.table").inner_text()  # the newest entries
    page.select_option("#id_content_type", label="หน่วยงาน")
    page.click("button:has-text('กรอง')")
    page.wait_for_load_state()
    assert "content_type=" in page.url
    assert "ศูนย์สนับสนุนบริการสุขภาพที่ 1" in page.locator("main table.table").inner_text()
    screenshot(page, "audit-auditor")
