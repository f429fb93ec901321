"""Browser journey: the demo user logs in, switches language, finds topic 4.4.2."""

import pytest
from django.conf import settings

from digiorg.sample.demo import demo_prepare

from .browser import log_in, open_setup_menu, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_find_topic_442_in_thai_and_english(page):
    demo_prepare(say=lambda _: None)
    log_in(page, "coord-it", settings.DIGIORG_DEMO_PASSWORD)
    open_setup_menu(page, "กรอบการประเมิน")
    page.click("text=แนวทางการขับเคลื่อนองค์กรดิจิทัล")
    assert page.locator("#node-4\\.4\\.2").is_visible()
    screenshot(page, "framework-th")

    page.fill("#q", "4.4.2")
    # a locator wait, not wait_for_function: the page's CSP forbids evaluating strings
    page.locator("#node-1\\.1").wait_for(state="detached")
    heading = page.locator("#title-4\\.4\\.2")
    assert "การปรึกษาหารือ" in heading.inner_text()
    screenshot(page, "framework-search-th")

    page.click("button[value=en]")
    page.wait_for_selector("html[lang=en]")
    assert "e-Consultation" in page.locator("#title-4\\.4\\.2").inner_text()
    assert page.locator("#node-1\\.1").count() == 0  # the search survives the switch
    screenshot(page, "framework-search-en")
