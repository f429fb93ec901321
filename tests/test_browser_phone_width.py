"""Browser: at phone width (390 px) no main page of a main role is wider than the screen, and no
visible button, field or choice sticks out past its edge (tests/browser.py: OVERFLOW), in Thai
and in English. Each page is photographed into the screenshots folder."""

import pytest
from django.conf import settings

from digiorg.accounts.models import User
from digiorg.sample.demo import DEMO_TOTP_SECRET, demo_prepare

from .browser import PHONE, log_in, overflow_problems, screenshot
from .test_browser_a11y import main_pages
from .world import totp_now

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "home",
    "unit dashboard",
    "department dashboard",
    "plan",
    "plan timeline",
    "coverage",
    "action detail",
    "action form",
    "assessment workspace",
    "assessment answer",
    "scores",
    "evidence library",
}


@pytest.mark.parametrize(
    ("username", "language"),
    [("coord-r1", "th"), ("coord-r1", "en"), ("executive", "th"), ("secretariat", "en")],
)
def test_no_page_is_wider_than_a_phone(page, username, language):
    demo_prepare(say=lambda _: None)
    page.set_default_timeout(60_000)  # helpers share two cores
    User.objects.filter(username=username).update(preferred_language=language)
    pages = [(name, url) for name, url in main_pages() if name in PAGES]
    log_in(page, username, settings.DIGIORG_DEMO_PASSWORD)
    if username == "secretariat":
        page.wait_for_selector("#id_code")
        page.fill("#id_code", totp_now(DEMO_TOTP_SECRET))
        page.click("main button[type=submit]")
    page.wait_for_selector("form[action='/accounts/logout/']")
    page.set_viewport_size(PHONE)

    problems, opened = [], []
    for name, url in pages:
        response = page.goto(page.base_url + url)
        assert response is not None
        if response.status in (403, 404):
            continue
        page.wait_for_load_state("networkidle")
        assert page.locator("html").get_attribute("lang") == language
        screenshot(page, f"phone-{username}-{language}-{name.replace(' ', '-')}")
        problems += [f"{name}: {problem}" for problem in overflow_problems(page)]
        if name == "coverage" and page.locator("[data-testid=plan-for]").count():
            # its button is in the criterion's card, not in a table scrolled sideways
            box = page.locator("[data-testid=plan-for]").first.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
        opened.append(name)

    assert not problems, "\n".join(problems)
    assert {"home", "plan", "assessment workspace", "evidence library"} <= set(opened)
