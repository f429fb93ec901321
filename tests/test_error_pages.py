"""The site's own 403, 404 and 500 pages: Thai (or English), with the menu for a signed-in
person and a way on; 500 renders with no database and no context processor."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from digiorg import urls
from digiorg.core.error_pages import server_error

from .plans_data import open_cycle


@pytest.fixture
def cycle(world, seed_framework):
    return open_cycle(world, seed_framework)


def test_the_handlers_are_ours():
    assert urls.handler403 == "digiorg.core.error_pages.permission_denied"
    assert urls.handler404 == "digiorg.core.error_pages.page_not_found"
    assert urls.handler500 == "digiorg.core.error_pages.server_error"


def test_403_for_a_coordinator_opening_the_queue_says_who_may_and_whom_to_ask(
    world, cycle, settings
):
    settings.DEBUG = False
    response = world.client("coordinator").get(reverse("assessments:queue") + f"?cycle={cycle.pk}")
    assert response.status_code == 403
    html = response.content.decode()
    assert "ท่านไม่มีสิทธิ์ใช้หน้านี้" in html
    assert "หน้านี้สำหรับฝ่ายเลขานุการ ซึ่งเป็นผู้ตรวจสอบคำตอบของหน่วยงาน" in html
    assert "ผู้ประสานงาน · ศูนย์สนับสนุนบริการสุขภาพที่ 1" in html  # the person's own role
    assert 'aria-label="เมนูหลัก"' in html and reverse("plans:plan") in html  # the menu
    assert "กลับหน้าหลัก" in html
    assert "Forbidden" not in html


def test_404_for_a_missing_action_has_the_menu_and_ways_on(world, settings):
    settings.DEBUG = False
    response = world.client("coordinator").get(reverse("plans:action-detail", args=[999999]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "ไม่พบหน้านี้" in html and "กลับหน้าหลัก" in html
    for name in ("home", "plans:plan", "assessments:workspace", "evidence:library"):
        assert f'href="{reverse(name)}"' in html
    assert 'aria-label="เมนูหลัก"' in html
    assert "Not Found" not in html


def test_404_of_an_unknown_address_for_someone_not_signed_in_offers_the_login(db, settings):
    settings.DEBUG = False
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "ไม่พบหน้านี้" in html
    assert f'href="{reverse("account_login")}"' in html
    assert reverse("plans:plan") not in html  # no menu for the anonymous


def test_error_pages_in_english(world, cycle, settings):
    settings.DEBUG = False
    client = world.client("member")
    client.post(reverse("language-set"), {"language": "en", "next": "/"})
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    refused = client.get(reverse("assessments:queue") + f"?cycle={cycle.pk}")
    assert refused.status_code == 403
    for response, title in ((missing, "Page not found"), (refused, "You may not use this page")):
        html = response.content.decode()
        assert title in html and "Back to the home page" in html


def test_500_renders_without_the_database(rf: RequestFactory):
    """No `db` fixture: any query would raise. The page says it in Thai and English."""
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "ระบบขัดข้อง" in html and "Something went wrong" in html
    assert 'href="/"' in html


def test_a_form_sent_without_its_token_gets_the_sites_expired_form_page(world, settings):
    """As after a page left open past the session: the form's token no longer matches."""
    settings.DEBUG = False
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.people["coordinator"])
    plan = reverse("plans:plan")
    response = client.post(
        reverse("language-set"), {"language": "en"}, HTTP_REFERER=f"http://testserver{plan}"
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "แบบฟอร์มหมดอายุ" in html and "โหลดหน้าใหม่" in html
    assert f'href="http://testserver{plan}"' in html  # back to the form's page
    assert 'aria-label="เมนูหลัก"' in html and "กลับหน้าหลัก" in html
    assert "CSRF verification failed" not in html and "Forbidden" not in html


def test_expired_form_page_in_english_and_for_someone_signed_out(db, settings):
    settings.DEBUG = False
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    response = client.post(reverse("account_login"), {"login": "x", "password": "y"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "The form has expired" in html and "reload it" in html
    assert f'href="{reverse("account_login")}"' in html
    assert "Back to the form" not in html  # no referer: no way back to guess
