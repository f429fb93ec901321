"""Browser: a signed-in coordinator who opens the verification queue's address gets the site's
403 page in Thai with the menu and whom to ask; a missing action is the site's 404 page; a form
sent after its token has gone is the site's expired-form page with a way back to it; an
answer saved as met without evidence says so at the top of its page (desktop and phone); on a
phone its buttons stack inside the screen and its four result choices sit two by two."""

import pytest

from .assess_data import assessed_cycle, criterion
from .browser import PHONE, log_in, overflow_problems, screenshot
from .world import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def both_widths(page, name: str) -> None:
    screenshot(page, name)
    desktop = page.viewport_size
    page.set_viewport_size(PHONE)
    screenshot(page, f"{name}-phone")
    page.set_viewport_size(desktop)


def test_403_404_and_the_evidence_warning(page, seed_framework, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    cycle = assessed_cycle(world, seed_framework)
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, "coordinator", PASSWORD)
    page.wait_for_url("**/")

    page.goto(f"{page.base_url}/assessments/queue/?cycle={cycle.pk}")
    assert page.locator("h1").inner_text() == "ท่านไม่มีสิทธิ์ใช้หน้านี้"
    assert "หน้านี้สำหรับฝ่ายเลขานุการ" in page.locator("main").inner_text()
    assert page.locator("nav.navbar a.nav-link", has_text="แผนปฏิบัติการ").is_visible()
    both_widths(page, "error-403")
    page.click("text=กลับหน้าหลัก")  # home: the coordinator's unit dashboard
    page.wait_for_url("**/dashboards/units/*/")

    page.goto(f"{page.base_url}/plans/actions/999999/")
    assert page.locator("h1").inner_text() == "ไม่พบหน้านี้"
    assert page.locator("main a", has_text="แผนปฏิบัติการ").is_visible()
    both_widths(page, "error-404")

    r1 = world.units["R1"]
    answer_url = f"{page.base_url}/assessments/{cycle.pk}/{criterion(cycle, '2.2-1').pk}/{r1.pk}/"
    # a form whose security token has gone (as after a page left open too long): the site's
    # page says the form expired and leads back to it
    page.goto(answer_url)
    page.context.clear_cookies(name="csrftoken")
    page.check("input[name=result][value=met]")
    page.click("button:has-text('บันทึกคำตอบ')")
    page.locator("[data-testid=error-csrf]").wait_for()
    assert page.locator("h1").inner_text() == "แบบฟอร์มหมดอายุแล้ว"
    assert "โหลดหน้าใหม่" in page.locator("main").inner_text()
    assert page.locator("nav.navbar a.nav-link", has_text="แผนปฏิบัติการ").is_visible()
    both_widths(page, "error-csrf")
    page.click("text=กลับไปหน้าแบบฟอร์ม")
    page.wait_for_url(answer_url)

    page.check("input[name=result][value=met]")
    page.click("button:has-text('บันทึกคำตอบ')")
    warning = page.locator("#needs-evidence")
    warning.wait_for()
    box = warning.bounding_box()
    assert box is not None and box["y"] < 768  # seen without scrolling
    assert page.locator(".alert-warning", has_text="ยังไม่มีหลักฐานที่ใช้ได้").first.is_visible()
    assert warning.locator("a", has_text="แนบหลักฐาน").is_visible()
    both_widths(page, "answer-needs-evidence")
    page.set_viewport_size(PHONE)
    assert overflow_problems(page) == []  # the warning's buttons stack, their words inside
    choices = page.locator(".form-check:has(input[name=result])")
    choices.first.scroll_into_view_if_needed()
    screenshot(page, "answer-choices-phone")
    rows = set()
    for index in range(choices.count()):
        radio = choices.nth(index).locator("input").bounding_box()
        label = choices.nth(index).locator("label").bounding_box()
        assert radio and label and radio["x"] + radio["width"] + 4 <= label["x"]  # apart
        assert label["x"] + label["width"] <= PHONE["width"]  # wholly on screen
        assert abs(radio["y"] + radio["height"] / 2 - (label["y"] + label["height"] / 2)) < 8
        rows.add(round(label["y"]))
    assert len(rows) == 2  # four choices, two by two: none left alone on a line


def test_password_check_and_authenticator_setup_look_like_the_login_page(
    page, seed_framework, settings
):
    build_world()
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, "coordinator", PASSWORD)
    page.wait_for_url("**/")
    page.goto(f"{page.base_url}/accounts/2fa/totp/activate/")
    page.wait_for_url("**/accounts/reauthenticate/**")
    assert page.locator("h1").inner_text() == "ยืนยันตัวตนอีกครั้ง"
    assert "AddrAccess" not in page.content()
    assert "กรอกรหัสผ่านของท่าน" in page.locator("main").inner_text()  # not "forgot password?"
    screenshot(page, "reauthenticate")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/accounts/2fa/totp/activate/")
    assert page.locator("h1").inner_text() == "ตั้งค่าแอปยืนยันตัวตน"
    assert page.locator("img.allauth-img").is_visible()  # the QR code
    assert page.locator("#id_code.form-control").is_visible()
    both_widths(page, "totp-activate")
