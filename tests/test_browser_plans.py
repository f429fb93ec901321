"""Browser journey: coord-r1 drafts and submits, the secretariat returns it with a comment,
coord-r1 fixes and resubmits, the executive approves; the history shows every step."""

import pytest
from django.conf import settings

from digiorg.sample.demo import DEMO_TOTP_SECRET, demo_prepare

from .browser import log_in, log_out, screenshot
from .test_browser_plan_page import open_plan_topic
from .world import totp_now

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "พัฒนาแบบฟอร์มคำร้องออนไลน์ ศูนย์ฯ ที่ 1"


def open_action(page):
    page.goto(page.base_url + "/plans/")
    open_plan_topic(page, "4.1.1")  # the plan comes collapsed: open the action's topic
    page.click(f"text={TITLE}")
    page.wait_for_selector("#action-timeline")


def test_draft_submit_return_resubmit_approve(page):
    demo_prepare(say=lambda _: None)
    password = settings.DIGIORG_DEMO_PASSWORD

    log_in(page, "coord-r1", password)
    page.goto(page.base_url + "/plans/")
    page.click("text=เพิ่มกิจกรรม")
    page.fill("#id_title", TITLE)
    page.locator(".picker-item", has_text="4.1.1-1").first.locator("input").check()
    page.fill("#id_budget", "50000")
    page.select_option("#id_budget_source", "government")
    page.fill("#id_kpi", "จำนวนแบบฟอร์มออนไลน์")
    page.click("button:has-text('บันทึก')")
    page.wait_for_selector("#action-timeline")
    page.click("button[value=submitted]")
    page.wait_for_selector(".alert-success")
    assert "ส่งแล้ว" in page.locator("h1 + p").inner_text()
    log_out(page)

    log_in(page, "secretariat", password)
    page.fill("#id_code", totp_now(DEMO_TOTP_SECRET))
    page.click("main button[type=submit]")
    page.goto(page.base_url + "/plans/inbox/")
    page.click(f"text={TITLE}")
    page.click("button[value=returned]")  # without a comment: refused
    assert "กรุณาระบุเหตุผล" in page.locator(".alert-danger").inner_text()
    page.fill("#transition-comment", "กรุณาระบุกลุ่มเป้าหมายผู้รับบริการ")
    page.click("button[value=returned]")
    page.wait_for_selector(".alert-success")
    log_out(page)

    log_in(page, "coord-r1", password)
    open_action(page)
    assert "กรุณาระบุกลุ่มเป้าหมายผู้รับบริการ" in page.locator("#action-timeline").inner_text()
    page.click("a[href$='/edit/']")
    page.fill("#id_description", "กลุ่มเป้าหมาย: สถานพยาบาลเอกชนในเขตสุขภาพที่ 1")
    page.click("button:has-text('บันทึก')")
    page.wait_for_selector("#action-timeline")
    page.click("button[value=submitted]")
    page.wait_for_selector(".alert-success")
    log_out(page)

    log_in(page, "executive", password)
    open_action(page)
    page.click("button[value=approved]")
    page.wait_for_selector(".alert-success")
    steps = page.locator("#action-timeline .event-status").all_inner_texts()
    assert steps == ["ร่าง", "ส่งแล้ว", "ส่งกลับแก้ไข", "ส่งแล้ว", "อนุมัติแล้ว"]
    screenshot(page, "action-approved")
    page.goto(page.base_url + "/plans/timeline/")
    assert page.locator(".gantt-bar").count() >= 10
    screenshot(page, "plans-timeline")
    page.goto(page.base_url + "/plans/")
    screenshot(page, "plans-plan")
