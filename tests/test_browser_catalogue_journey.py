"""Browser: the catalogue's main path, end to end. A unit's coordinator proposes a dataset, the
secretariat approves it, the public page shows it, a download is counted in its statistics, and
the unit's 2.2 answer page suggests "met" with the figure and attaches it as evidence."""

import pytest
from django.urls import reverse

from digiorg.catalogue.models import Dataset, Visit
from digiorg.evidence.models import Evidence

from .assess_data import assessed_cycle
from .browser import log_in, log_out, screenshot
from .catalogue_data import make_dataset
from .world import PASSWORD, build_world, totp_now

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36"


def test_propose_approve_publish_download_and_prove(page, seed_framework, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page.set_default_timeout(60_000)
    world = build_world()
    cycle = assessed_cycle(world, seed_framework)
    r1, base = world.units["R1"], page.base_url
    dataset = make_dataset(
        r1, status=Dataset.Status.DRAFT, title="จำนวน อสม. รายอำเภอ เขตสุขภาพที่ 1", name="vhv-r1"
    )
    resource = dataset.resources.get()
    # the link's own site is not reached from the test: answer it here
    page.route(resource.url, lambda route: route.fulfill(body="อำเภอ,จำนวน\n", status=200))

    # the unit proposes its dataset
    log_in(page, "coordinator", PASSWORD)
    page.goto(base + reverse("catalogue:detail", args=[dataset.pk]))
    page.click("button:has-text('เสนอขอเผยแพร่')")
    page.wait_for_selector(".alert-info[role=status]")
    assert Dataset.objects.get(pk=dataset.pk).status == Dataset.Status.PROPOSED
    assert page.request.get(base + "/p/data/vhv-r1/").status == 404  # not public yet
    log_out(page)

    # the secretariat finds it in the review queue and approves it
    log_in(page, "secretariat", PASSWORD)
    page.fill("#id_code", totp_now())
    page.click("main button[type=submit]")
    page.goto(base + reverse("catalogue:queue"))
    page.click(f"text={dataset.title}")
    page.click("button:has-text('อนุมัติและเผยแพร่')")
    page.wait_for_load_state("networkidle")
    assert Dataset.objects.get(pk=dataset.pk).status == Dataset.Status.PUBLISHED
    log_out(page)

    # the public finds it, without signing in, and downloads its file
    context = page.context.browser.new_context(user_agent=BROWSER_UA, locale="th-TH")
    public = context.new_page()
    public.route(resource.url, lambda route: route.fulfill(body="อำเภอ,จำนวน\n", status=200))
    public.goto(base + "/p/data/?q=อสม.")
    public.click("main a:has-text('จำนวน อสม. รายอำเภอ')")
    public.wait_for_selector("h1:has-text('จำนวน อสม. รายอำเภอ')")
    with public.expect_response(lambda r: "/download/" in r.url) as answer:
        public.click(f"a[href$='/resource/{resource.uuid}/download/']")
    assert answer.value.status == 302
    assert Visit.objects.filter(dataset=dataset, resource=resource).count() == 1
    public.goto(base + "/p/data/vhv-r1/")
    assert "ดาวน์โหลด 1 ครั้ง" in public.inner_text("main")
    screenshot(public, "journey-public-dataset")
    context.close()

    # the unit's 2.2 answer page suggests "met" with the figure, and attaches it
    log_in(page, "coordinator", PASSWORD)
    criterion = seed_framework.criteria.get(ref="2.2-2")
    page.goto(base + reverse("assessments:answer", args=[cycle.pk, criterion.pk, r1.pk]))
    suggestion = page.locator("[data-testid=suggestion]").inner_text()
    assert "ผ่าน" in suggestion and "1 ชุด" in suggestion, suggestion
    page.locator("#indicators button:has-text('แนบเป็นหลักฐาน')").first.click()
    page.wait_for_selector(".alert-success")
    evidence = Evidence.objects.get(unit=r1)
    assert "1" in evidence.title and evidence.current is not None
    screenshot(page, "journey-answer-attached")
