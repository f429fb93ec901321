"""Browser: the plan page comes collapsed; opening a dimension and then a topic loads the topic's
actions with htmx (no page load); at phone width (390 px) each action is a labelled card with
nothing cut off."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from digiorg.cycles.models import Cycle
from digiorg.sample.demo import demo_prepare

from .browser import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LABELS = ["กิจกรรม/โครงการ", "หน่วยงาน", "ระยะเวลา", "งบประมาณ (บาท)", "สถานะ", "ร้อยละความก้าวหน้า"]


def plan_topic(page, ref: str):
    """The <details> of topic `ref` on the plan page."""
    ref_label = page.locator(".outline-ref", has_text=re.compile(rf"^{re.escape(ref)}$"))
    return page.locator("details.plan-topic").filter(has=ref_label)


def open_plan_topic(page, ref: str):
    """Open topic `ref` (and its dimension) as a person would, and wait for its rows."""
    topic = plan_topic(page, ref)
    dimension = topic.locator("xpath=ancestor::details[contains(@class, 'plan-dimension')]")
    if dimension.get_attribute("open") is None:
        dimension.locator("> summary").click()
    if topic.get_attribute("open") is None:
        with page.expect_response(lambda r: "/plans/topics/" in r.url):
            topic.locator("> summary").click()
    topic.locator("table.plan-rows").wait_for()
    return topic


def test_topics_open_with_htmx_and_rows_become_cards_on_a_phone(page):
    demo_prepare(say=lambda _: None)
    refused: list[str] = []  # what the Content-Security-Policy blocked, if anything
    page.on("console", lambda m: refused.append(m.text) if "Refused to" in m.text else None)
    log_in(page, "executive", settings.DIGIORG_DEMO_PASSWORD)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(page.base_url + "/plans/")
    expect(page.locator("details.plan-dimension").first).to_be_visible()
    assert page.locator("table.plan-rows").count() == 0
    current = Cycle.objects.filter(organization__code="HSS").latest("fiscal_year")
    count = current.actions.count()  # the executive sees the whole department's plan
    assert f"{count} กิจกรรม" in page.locator("#plan-total").inner_text()
    screenshot(page, "plan-collapsed-desktop")

    address = page.url
    first = current.actions.order_by("pk").first()
    node = first.criteria.order_by("pk").first().node  # the topic or sub-topic the action serves
    rows = current.actions.filter(criteria__node=node).distinct()
    topic = open_plan_topic(page, node.ref)
    expect(topic.locator("tbody tr")).to_have_count(min(rows.count(), 50))
    expect(topic.locator("tbody")).to_contain_text(first.title)
    assert page.url == address  # loaded in place, not by following the link
    open_plan_topic(page, "2.2")
    page.locator("details.plan-dimension[open]").first.scroll_into_view_if_needed()
    screenshot(page, "plan-topics-open-desktop")
    # closing a topic and opening it again shows the rows already loaded
    topic.locator("> summary").click()
    expect(topic.locator("table.plan-rows")).to_be_hidden()
    topic.locator("> summary").click()
    expect(topic.locator("table.plan-rows")).to_be_visible()

    page.set_viewport_size({"width": 390, "height": 844})
    topic.locator("> summary").scroll_into_view_if_needed()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing to scroll to
    card = topic.locator("tbody tr").first
    cells = card.locator("td")
    expect(cells).to_have_count(len(LABELS))
    for i, label in enumerate(LABELS):
        cell = cells.nth(i)
        expect(cell).to_be_visible()
        shown = cell.evaluate("td => getComputedStyle(td, '::before').content")
        assert shown == f'"{label}"', (label, shown)
        box = cell.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, label
    assert card.evaluate("tr => getComputedStyle(tr).display") == "block"
    title = cells.first
    assert title.evaluate("td => getComputedStyle(td).wordBreak") != "break-all"
    assert "ก่อนหน้า" not in topic.inner_text()
    title.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -120)")
    screenshot(page, "plan-topic-phone")
    page.goto(page.base_url + "/plans/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "plan-collapsed-phone")
    assert refused == []
