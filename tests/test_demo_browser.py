"""Browser: the demo's department dashboard and national dashboard have data in every chart
and list (screenshots at desktop width, full page, for a person to look at)."""

import pytest
from django.conf import settings

from digiorg.sample.demo import DEMO_TOTP_SECRET, demo_prepare

from .browser import SCREENSHOTS, log_in
from .world import totp_now

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def full_page(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_the_demo_dashboards_have_data(page, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo_prepare(say=lambda _: None)
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, "executive", settings.DIGIORG_DEMO_PASSWORD)
    page.goto(page.base_url + "/dashboards/")
    for chart in ("radar", "plan", "heatmap", "trend"):
        page.wait_for_selector(f"#chart-{chart} svg")
    assert page.locator("#heat-table tbody tr").count() >= 8
    assert "No daily snapshots" not in page.content()
    overdue = page.locator("[data-testid=overdue-actions]").inner_text()
    assert overdue.strip() not in ("", "0")
    full_page(page, "demo-dashboard-department")
    page.click("button:has-text('ออกจากระบบ')")

    log_in(page, "national", settings.DIGIORG_DEMO_PASSWORD)
    page.fill("#id_code", totp_now(DEMO_TOTP_SECRET))
    page.click("main button[type=submit]")
    page.goto(page.base_url + "/dashboards/national/")
    assert int(page.locator("[data-testid=departments]").inner_text()) >= 5
    assert page.locator("table").nth(1).locator("tbody tr").count() >= 5
    full_page(page, "demo-dashboard-national")
