"""Browser: logging in lands each person where their work is (coord-r1 on the region's
dashboard with this quarter's to-do list, the executive on the department dashboard); the
charts draw whole names; screenshots of the dashboards and the timeline at desktop and phone
width."""

import pytest
from django.conf import settings

from digiorg.sample.demo import DEMO_TOTP_SECRET, demo_prepare

from .browser import SCREENSHOTS, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


def shoot(page, name: str) -> None:
    """The first screen (what a person sees on arrival) and the whole page."""
    screenshot(page, name)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-full.png"), full_page=True)


def chart_text(page, chart: str) -> str:
    """Every text drawn in a chart, joined: a wrapped label's lines join back to its name."""
    return page.evaluate(
        "id => Array.from(document.querySelectorAll(`#${id} svg text`)).map(t => t.textContent).join('')",
        chart,
    )


def log_out(page) -> None:
    if not page.locator("button:has-text('ออกจากระบบ')").is_visible():
        page.click(".navbar-toggler")
    page.click("button:has-text('ออกจากระบบ')")


def test_login_lands_each_role_on_its_page(page):
    demo_prepare(say=lambda _: None)
    page.set_viewport_size(DESKTOP)
    log_in(page, "coord-r1", settings.DIGIORG_DEMO_PASSWORD)
    page.wait_for_url("**/dashboards/units/*/")
    assert "ศูนย์สนับสนุนบริการสุขภาพที่ 1" in page.locator("h1").inner_text()
    assert page.locator("#h-todo").inner_text().startswith("สิ่งที่ต้องทำในไตรมาส")
    assert "และหน่วยงานในสังกัด" in page.locator(".scope-badge").inner_text()
    assert page.locator("nav a[aria-current=page]").inner_text() == "แดชบอร์ด"
    page.wait_for_selector("#chart-radar svg")
    # whole dimension names on the radar and the plan chart, never cut with an ellipsis
    radar = chart_text(page, "chart-radar")
    assert "…" not in radar and "6. โครงสร้างพื้นฐานความมั่นคงปลอดภัยและมีประสิทธิภาพ" in radar
    assert "6. โครงสร้างพื้นฐานความมั่นคงปลอดภัยและมีประสิทธิภาพ" in chart_text(page, "chart-plan")
    shoot(page, "home-unit-desktop")
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(300)
    shoot(page, "home-unit-phone")
    page.goto(page.base_url + "/plans/timeline/")
    page.wait_for_selector("[data-testid=today-line]")
    shoot(page, "home-timeline-phone")
    page.set_viewport_size(DESKTOP)
    page.wait_for_timeout(300)
    shoot(page, "home-timeline-desktop")
    log_out(page)

    log_in(page, "executive", settings.DIGIORG_DEMO_PASSWORD)
    page.wait_for_url("**/dashboards/")
    assert page.locator(".scope-badge").inner_text().endswith("ทั้งกรม")
    page.wait_for_selector("#chart-heatmap svg")
    assert "ศูนย์สนับสนุนบริการสุขภาพที่ 1" in chart_text(page, "chart-heatmap")
    assert "80–100" in page.locator("#heat-legend").inner_text()
    shoot(page, "home-department-desktop")
    page.locator("#chart-heatmap").scroll_into_view_if_needed()
    screenshot(page, "home-department-heatmap-desktop")
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(300)
    page.evaluate("window.scrollTo(0, 0)")
    shoot(page, "home-department-phone")


# username -> (a path the person lands on after signing in, a text on that page)
LANDINGS = {
    "member-r1": ("/dashboards/units/", "สิ่งที่ต้องทำในไตรมาส"),
    "secretariat": ("/", "โต๊ะงานฝ่ายเลขานุการ"),
    "auditor": ("/audit/", "ประวัติการใช้งาน"),
    "admin": ("/units/", "หน่วยงาน"),
}


@pytest.mark.parametrize("username", LANDINGS)
def test_each_other_role_lands_on_its_page_after_signing_in(page, username):
    from .world import totp_now

    demo_prepare(say=lambda _: None)
    log_in(page, username, settings.DIGIORG_DEMO_PASSWORD)
    if username in ("secretariat", "admin"):  # two-factor: the code step comes first
        page.wait_for_selector("#id_code")
        page.fill("#id_code", totp_now(DEMO_TOTP_SECRET))
        page.click("main button[type=submit]")
    page.wait_for_selector("button:has-text('ออกจากระบบ')")
    path, text = LANDINGS[username]
    assert page.url.removeprefix(page.base_url).startswith(path), page.url
    assert text in page.locator("main").inner_text()
