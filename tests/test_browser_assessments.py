"""Browser journey: member-r1 uploads evidence and answers a topic, coord-r1 submits it, the
secretariat verifies one answer and returns the other; the scores follow each step."""

import pytest

from digiorg.cycles.services import assignments_set

from .assess_data import PDF
from .browser import log_in, log_out, screenshot
from .plans_data import open_cycle
from .world import PASSWORD, build_world, totp_now

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def topic_scores(page, base, cycle, unit) -> tuple[str, str]:
    page.goto(f"{base}/assessments/scores/?cycle={cycle.pk}&unit={unit.pk}")
    cells = page.locator("tr[data-ref='4.2'] td")
    return cells.nth(1).inner_text(), cells.nth(2).inner_text()


def test_answer_submit_verify_return(page, seed_framework, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    cycle = open_cycle(world, seed_framework)
    criteria = list(seed_framework.criteria.filter(node__ref="4.2"))  # 4.2-1 unit, 4.2-2 department
    assignments_set(cycle=cycle, criteria=criteria, units=[world.units["R1"]], kind="responsible")
    r1, base = world.units["R1"], page.base_url
    pdf = tmp_path / "upload" / "รายงานผลการให้บริการ.pdf"
    pdf.parent.mkdir()
    pdf.write_bytes(PDF)

    log_in(page, "member", PASSWORD)
    page.goto(f"{base}/assessments/?cycle={cycle.pk}&unit={r1.pk}")
    page.click("li:has-text('4.2-1') a")
    page.click("text=อัปโหลดหลักฐานใหม่")
    page.fill("#id_title", "รายงานผลการให้บริการอิเล็กทรอนิกส์ ศูนย์ฯ ที่ 1")
    page.set_input_files("#id_file", str(pdf))
    page.click("button:has-text('บันทึก')")
    page.wait_for_selector("text=บันทึกหลักฐานแล้ว")  # back on the answer page
    page.check("input[name=result][value=met]")
    page.check("input[name=evidence]")
    page.fill("#id_note", "ให้บริการ e-Service ครบทุกงานบริการหลัก")
    page.click("button:has-text('บันทึกคำตอบ')")
    page.wait_for_selector(".alert-success")
    page.click("li:has-text('4.2-2') a")
    page.check("input[name=result][value=partial]")
    page.check("input[name=evidence]")
    page.click("button:has-text('บันทึกคำตอบ')")
    page.wait_for_selector(".alert-success")
    screenshot(page, "assessment-workspace-member")
    assert page.locator("[data-testid='submit-topic-4.2']").count() == 0  # members cannot submit
    assert topic_scores(page, base, cycle, r1) == ("0", "0")  # drafts count 0
    log_out(page)

    log_in(page, "coordinator", PASSWORD)
    page.goto(f"{base}/assessments/?cycle={cycle.pk}&unit={r1.pk}")
    page.click("[data-testid='submit-topic-4.2']")
    page.wait_for_selector(".alert-success")
    assert topic_scores(page, base, cycle, r1) == ("75", "0")  # (1 + 0.5) / 2
    log_out(page)

    log_in(page, "secretariat", PASSWORD)
    page.fill("#id_code", totp_now())
    page.click("main button[type=submit]")
    page.goto(f"{base}/assessments/queue/?cycle={cycle.pk}")
    screenshot(page, "assessment-queue-secretariat")
    first = page.locator("tr", has_text="4.2-1")
    first.locator("button[value=verify]").click()
    page.wait_for_selector("tr:has-text('4.2-1') .badge:has-text('ตรวจสอบแล้ว')")
    second = page.locator("tr", has_text="4.2-2")
    second.locator("button[value=return]").click()  # no comment: refused, shown in the row
    page.wait_for_selector("tr:has-text('4.2-2') [role=alert]")
    second = page.locator("tr", has_text="4.2-2")
    second.locator("input[name=comment]").fill("กรุณาแนบหลักฐานของทุกกลุ่มงาน")
    second.locator("button[value=return]").click()
    page.wait_for_selector("tr:has-text('4.2-2') .badge:has-text('ส่งกลับแก้ไข')")
    # 4.2-1 verified met (1), 4.2-2 returned (counts 0 in both): 50 self, 50 verified
    assert topic_scores(page, base, cycle, r1) == ("50", "50")
    screenshot(page, "assessment-scores-secretariat")
    log_out(page)

    log_in(page, "member", PASSWORD)
    page.goto(f"{base}/assessments/?cycle={cycle.pk}&unit={r1.pk}")
    assert (
        "กรุณาแนบหลักฐานของทุกกลุ่มงาน"
        in page.locator("#topic-" + str(criteria[0].node_id)).inner_text()
    )


def test_member_ticks_a_checklist_and_sees_the_derived_result_and_score(
    page, seed_framework, settings, tmp_path
):
    """5.1's eleven back-office areas are one checklist: three ticked (one with the keyboard)
    is partially met, worth 3/11 = 27.27 for the topic once submitted."""
    from digiorg.evidence.services import evidence_create

    from .assess_data import pdf_upload

    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    cycle = open_cycle(world, seed_framework)
    back_office = seed_framework.criteria.get(ref="5.1-12")
    assignments_set(
        cycle=cycle, criteria=[back_office], units=[world.units["R1"]], kind="responsible"
    )
    r1, base = world.units["R1"], page.base_url
    evidence_create(
        actor=world.people["member"], unit=r1, kind="file", title="รายการระบบงานสนับสนุนของกรม",
        upload=pdf_upload(),
    )  # fmt: skip

    log_in(page, "member", PASSWORD)
    page.goto(f"{base}/assessments/?cycle={cycle.pk}&unit={r1.pk}")
    page.click("li:has-text('5.1-12') a")
    assert page.locator("input[name=result]").count() == 0
    page.get_by_label("งานสารบรรณ หรือมีอีเมลตามที่ระเบียบงานสารบรรณฉบับใหม่กำหนด").check()
    page.get_by_label("งานดำเนินการจัดประชุม", exact=True).check()
    budget = page.get_by_label("งานบริหารงบประมาณ", exact=True)
    budget.focus()
    page.keyboard.press("Space")  # a checkbox works from the keyboard too
    assert budget.is_checked()
    page.get_by_label("รายการระบบงานสนับสนุนของกรม").check()
    page.click("button:has-text('บันทึกคำตอบ')")
    page.wait_for_selector(".alert-success")
    page.click("li:has-text('5.1-12') a")
    derived = page.locator("#derived-result").inner_text()
    assert "ผลการประเมิน: ผ่านบางส่วน" in derived
    assert "ดำเนินการแล้ว 3 จาก 11 ตัวเลือก คิดเป็น 27.27 คะแนนจาก 100" in derived
    screenshot(page, "assessment-checklist-member")
    log_out(page)

    log_in(page, "coordinator", PASSWORD)
    page.goto(f"{base}/assessments/?cycle={cycle.pk}&unit={r1.pk}")
    page.click("[data-testid='submit-topic-5.1']")
    page.wait_for_selector(".alert-success")
    page.goto(f"{base}/assessments/scores/?cycle={cycle.pk}")
    assert page.locator("tr[data-ref='5.1'] td").nth(1).inner_text() == "27.3"  # one decimal here
