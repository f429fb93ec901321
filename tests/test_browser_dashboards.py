"""Browser: the executive opens the dashboard, the charts draw, a figure drills down to its
list; coord-r1 lands on the region's dashboard with what is left to do this quarter."""

import pytest
from django.conf import settings

from digiorg.sample.demo import demo_prepare

from .browser import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_dashboards(page):
    demo_prepare(say=lambda _: None)
    log_in(page, "executive", settings.DIGIORG_DEMO_PASSWORD)
    page.goto(page.base_url + "/dashboards/")
    page.wait_for_selector("#chart-radar svg")
    page.wait_for_selector("#chart-heatmap svg")
    assert page.locator("#dimension-table tbody tr").count() == 7
    screenshot(page, "dashboard-executive")
    page.locator("#chart-heatmap").scroll_into_view_if_needed()
    screenshot(page, "dashboard-executive-heatmap")
    page.click("[data-testid=overdue-actions]")
    page.wait_for_url("**/dashboards/overdue/**")
    page.goto(page.base_url + "/dashboards/")
    page.click("#heat-table tbody tr[data-unit=R1] th a")
    page.wait_for_selector("[data-testid=todo-answers]")
    page.click("button:has-text('ออกจากระบบ')")

    log_in(page, "coord-r1", settings.DIGIORG_DEMO_PASSWORD)
    page.goto(page.base_url + "/dashboards/")
    page.wait_for_selector("[data-testid=todo-answers]")
    assert "ศูนย์สนับสนุนบริการสุขภาพที่ 1" in page.locator("h1").inner_text()
    page.wait_for_selector("#chart-radar svg")
    screenshot(page, "dashboard-unit-r1")
