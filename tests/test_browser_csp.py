"""Browser: under the Content-Security-Policy the pages still work (language switch, fiscal-year
picker, dashboard charts, API docs) and the browser reports no blocked script or style."""

import pytest
from django.conf import settings

from digiorg.cycles.models import Cycle
from digiorg.sample.demo import demo_prepare

from .browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pages_work_under_the_csp(page):
    demo_prepare(say=lambda _: None)
    current = Cycle.objects.filter(organization__code="HSS").latest("fiscal_year")
    earlier = Cycle.objects.get(
        organization=current.organization, fiscal_year=current.fiscal_year - 1
    )
    blocked: list[str] = []
    page.on(
        "console",
        lambda msg: (
            blocked.append(msg.text)
            if "Content Security Policy" in msg.text or "Refused to" in msg.text
            else None
        ),
    )
    log_in(page, "executive", settings.DIGIORG_DEMO_PASSWORD)
    page.goto(page.base_url + "/dashboards/")
    page.wait_for_selector("#chart-radar svg")

    # the language switch (site.js keeps the address) returns to the same page in English
    page.goto(page.base_url + "/plans/?status=draft")
    page.click("button[name=language][value=en]")
    page.wait_for_selector("html[lang=en]")
    assert page.url.endswith("/plans/?status=draft")
    page.click("button[name=language][value=th]")
    page.wait_for_load_state()

    # the fiscal-year picker submits itself on change
    page.goto(page.base_url + "/plans/")
    with page.expect_navigation():
        page.select_option("#cycle-picker", str(earlier.pk))
    assert f"cycle={earlier.pk}" in page.url

    page.goto(page.base_url + "/api/v1/docs/")
    page.wait_for_selector(".swagger-ui .info .title")
    page.wait_for_selector(".opblock-tag")
    assert blocked == []
