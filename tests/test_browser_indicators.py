"""Browser: the unit's 2.2 answer page shows the registers' suggestion and attaches it as
evidence (screenshots at 1366 and 390 px)."""

import pytest
from django.urls import reverse

from digiorg.catalogue.models import Dataset
from digiorg.evidence.models import Evidence

from .assess_data import assessed_cycle
from .browser import OVERFLOW, PHONE, log_in, screenshot
from .catalogue_data import make_dataset
from .world import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_answer_page_suggests_and_attaches(page, seed_framework, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    cycle = assessed_cycle(world, seed_framework)
    r1 = world.units["R1"]
    make_dataset(r1, title="สถานพยาบาลเอกชนที่ได้รับอนุญาต จำแนกตามจังหวัด")
    make_dataset(world.units["R1-STD"], title="สถานประกอบการเพื่อสุขภาพที่ได้รับอนุญาต")
    make_dataset(r1, status=Dataset.Status.DRAFT, title="สถิติการซ่อมบำรุงเครื่องมือแพทย์", notes="")
    criterion = seed_framework.criteria.get(ref="2.2-1")
    url = page.base_url + reverse("assessments:answer", args=[cycle.pk, criterion.pk, r1.pk])

    log_in(page, "member", PASSWORD)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(url)
    summary = page.locator("[data-testid=suggestion]")
    assert "ผ่าน" in summary.inner_text() and "กำหนดชุดข้อมูลในบัญชีข้อมูล 3 ชุด" in summary.inner_text()
    page.locator("#indicators details").first.click()
    page.locator("#indicators").scroll_into_view_if_needed()
    screenshot(page, "indicator-panel-1366")

    page.set_viewport_size(PHONE)
    page.goto(url)
    assert page.evaluate(OVERFLOW) == []
    page.locator("#indicators").scroll_into_view_if_needed()
    screenshot(page, "indicator-panel-390")

    page.locator("#indicators button:has-text('แนบเป็นหลักฐาน')").first.click()
    page.wait_for_selector(".alert-success")
    assert "แนบเป็นหลักฐานแล้ว" in page.locator(".alert-success").inner_text()
    evidence = Evidence.objects.get()
    assert page.locator(f"input[name=evidence][value='{evidence.pk}']").is_checked()
    page.locator("#evidence-choices").scroll_into_view_if_needed()
    screenshot(page, "indicator-attached-390")
