"""Browser: the public catalogue in Thai and English at desktop (1366 px) and phone (390 px)
widths: no serious or critical axe-core violation on the list, dataset and unit pages, nothing wider
than a phone, the skip link and the language switch work, a search and a filter narrow the
list, and a download through the page is counted. Pages are photographed (full page) into the
screenshots folder."""

import pytest

from digiorg.catalogue.models import Resource

from .browser import PHONE, SCREENSHOTS, overflow_problems
from .catalogue_data import make_dataset
from .test_browser_a11y import axe_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DESKTOP = {"width": 1366, "height": 900}


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"public-{name}.png"), full_page=True)


def catalogue(world):
    it, r1, r2 = world.units["IT"], world.units["R1"], world.units["R2"]
    main = make_dataset(
        r1,
        title="สถานพยาบาลเอกชนที่ได้รับอนุญาตให้ประกอบกิจการ จำแนกตามจังหวัดและประเภทสถานพยาบาล",
        tags=["สถานพยาบาล", "จังหวัด", "ใบอนุญาต"],
        resources=2,
        first_year_of_data=2560,
        last_year_of_data=2567,
    )
    make_dataset(it, title="อาสาสมัครสาธารณสุขประจำหมู่บ้าน (อสม.) รายอำเภอ",
                 notes="จำนวน อสม. จำแนกตามอำเภอ", tags=["อสม."], data_type="ข้อมูลระเบียน")  # fmt: skip
    make_dataset(r2, title="สถิติการบำรุงรักษาเครื่องมือแพทย์", tags=["เครื่องมือแพทย์"],
                 license_id="CC-BY")  # fmt: skip
    for _ in range(3):
        make_dataset(r1)
    return main


def test_public_pages_in_thai_and_english_at_two_widths(page, world):
    page.set_default_timeout(60_000)  # helpers share the machine's cores
    main = catalogue(world)
    base = page.base_url
    problems: list[str] = []
    for language in ("th", "en"):
        for size_name, size in (("1366", DESKTOP), ("390", PHONE)):
            page.set_viewport_size(size)
            for name, url in (
                ("list", "/p/data/"),
                ("dataset", f"/p/data/{main.name}/"),
                ("unit", "/p/data/unit/R1/"),
            ):
                page.goto(base + url)
                assert page.locator("html").get_attribute("lang") == language
                page.wait_for_load_state("networkidle")
                shoot(page, f"{name}-{language}-{size_name}")
                if language == "th" and size_name == "1366":
                    problems += axe_problems(page, f"{name} th")
                if size_name == "390":
                    problems += [f"{name} {language}: {p}" for p in overflow_problems(page)]
        if language == "th":
            # the skip link is the first stop of the keyboard and leads to the content
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.className") == "skip-link"
            page.click("text=English")
            page.wait_for_load_state("networkidle")
    assert problems == [], "\n".join(problems)


def test_search_filter_and_a_counted_download(page, world):
    page.set_default_timeout(60_000)  # helpers share the machine's cores
    main = catalogue(world)
    page.goto(page.base_url + "/p/data/")
    assert "พบ 6 ชุดข้อมูล" in page.inner_text("#results-heading")
    page.fill("#id_q", "อสม.")
    page.click("form[role=search] button[type=submit]")
    assert "พบ 1 ชุดข้อมูล" in page.inner_text("#results-heading")
    page.fill("#id_q", "")
    page.click("form[role=search] button[type=submit]")
    page.click("section.public-facet >> text=ศูนย์สนับสนุนบริการสุขภาพที่ 1")
    assert "พบ 4 ชุดข้อมูล" in page.inner_text("#results-heading")
    page.click(f"main li a[href='/p/data/{main.name}/']")
    page.wait_for_selector("h1")
    resource = main.resources.order_by("position").first()
    # the route answers 302 to the link (the link's own site is not reached from the test)
    with page.expect_response(lambda response: "/download/" in response.url) as answer:
        page.click(f"a[href$='/resource/{resource.uuid}/download/']")
    assert answer.value.status == 302 and answer.value.headers["location"] == resource.url
    assert Resource.objects.get(pk=resource.pk).views_total == 1
    page.goto(page.base_url + f"/p/data/{main.name}/")
    assert "ดาวน์โหลด 1 ครั้ง" in page.inner_text("main")
