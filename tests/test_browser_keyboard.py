"""Browser, keyboard only: a coordinator tabs through the login form, signs in, tabs through the
form of one of the region's draft actions, changes its title and saves with the keyboard. Every
stop on the way shows a visible focus ring."""

import pytest
from django.conf import settings
from django.urls import reverse

from digiorg.plans.models import Action
from digiorg.sample.demo import demo_prepare

from .browser import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {id: el.id, tag: el.tagName.toLowerCase(), type: el.type || '',
          text: (el.innerText || el.value || '').trim().slice(0, 40),
          ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
          outline: style.outlineStyle + ' ' + style.outlineWidth + ' ' + style.outlineColor};
}"""


def tab_until(page, wanted, limit: int = 40) -> dict:
    """Press Tab until `wanted(focused)`; every element passed on the way shows its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        assert focused["ring"], f"no visible focus on {focused}"
        if wanted(focused):
            return focused
    raise AssertionError(f"never reached the element after {limit} presses of Tab")


def test_coordinator_signs_in_and_saves_an_action_by_keyboard(page):
    demo_prepare(say=lambda _: None)
    region = Action.objects.filter(
        unit__code__in=["R1", "R1-STD", "R1-ADM"], cycle__status="executing"
    )
    action = region.filter(status="draft").order_by("pk").first()
    assert action is not None, "the demo holds a draft in region 1 for its coordinator to edit"

    page.goto(page.base_url + reverse("account_login"))
    screenshot(page, "keyboard-login-focus")
    focused = page.evaluate(FOCUSED)  # the login field takes the focus when the page opens
    assert focused["id"] == "id_login" and focused["ring"], focused
    page.keyboard.type("coord-r1")
    tab_until(page, lambda f: f["id"] == "id_password")
    page.keyboard.type(settings.DIGIORG_DEMO_PASSWORD)
    tab_until(page, lambda f: f["tag"] == "button" and f["type"] == "submit")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("button:has-text('ออกจากระบบ')").count() == 1

    page.goto(page.base_url + reverse("plans:action-edit", args=[action.pk]))
    tab_until(page, lambda f: f["id"] == "id_title")
    page.keyboard.press("Control+A")
    page.keyboard.type("ปรับปรุงเว็บไซต์ศูนย์ฯ ให้ทุกคนเข้าถึงได้")
    seen = set()
    saved = tab_until(
        page,
        lambda f: seen.add(f["id"]) or (f["tag"] == "button" and f["text"] == "บันทึก"),
        limit=200,  # every criterion of the picker is a checkbox, one Tab each
    )
    assert saved["text"] == "บันทึก"
    assert {"id_description", "id_budget", "id_kpi"} <= seen  # it went through the form
    page.locator(":focus").scroll_into_view_if_needed()
    screenshot(page, "keyboard-focus-on-save")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "ปรับปรุงเว็บไซต์ศูนย์ฯ ให้ทุกคนเข้าถึงได้"
    action.refresh_from_db()
    assert action.title == "ปรับปรุงเว็บไซต์ศูนย์ฯ ให้ทุกคนเข้าถึงได้"
