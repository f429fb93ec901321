"""Buttons are named for what they do (not for the status they lead to), each item says whose
move it waits for, and an answer marked met or partially met without evidence says so at the
top of its page, with a way to attach it."""

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from digiorg.assessments.models import CriterionAssessment as A
from digiorg.plans.models import Action
from digiorg.plans.services import progress_save

from .assess_data import answer, assessed_cycle, criterion, evidence
from .plans_data import new_action

S = Action.Status


@pytest.fixture
def cycle(world, seed_framework, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return assessed_cycle(world, seed_framework)


def action_in(world, cycle, status):
    action = new_action(world, cycle)
    Action.objects.filter(pk=action.pk).update(status=status)
    action.refresh_from_db()
    return action


def detail(world, who, action) -> str:
    return world.client(who).get(reverse("plans:action-detail", args=[action.pk])).content.decode()


def buttons(html: str) -> list[str]:
    return re.findall(r'name="to_status" value="(\w+)">([^<]+)</button>', html)


@pytest.mark.parametrize(
    ("status", "who", "expected"),
    [
        (S.DRAFT, "coordinator", [("submitted", "ส่งเพื่อพิจารณา"), ("cancelled", "ยกเลิกกิจกรรม")]),
        (S.SUBMITTED, "secretariat", [("returned", "ส่งคืนแก้ไข"), ("cancelled", "ยกเลิกกิจกรรม")]),
        (S.SUBMITTED, "executive", [("approved", "อนุมัติ")]),
        (S.APPROVED, "member", [("in_progress", "เริ่มดำเนินการ")]),
        (S.IN_PROGRESS, "coordinator", [("done", "ปิดงาน")]),
    ],
)  # fmt: skip
def test_action_buttons_are_named_for_the_move(world, cycle, status, who, expected):
    html = detail(world, who, action_in(world, cycle, status))
    assert buttons(html) == expected
    for old in ("ส่งแล้ว</button>", "อนุมัติแล้ว</button>", "แล้วเสร็จ</button>"):
        assert old not in html


@pytest.mark.parametrize(
    ("status", "waiting"),
    [
        (S.DRAFT, "รอผู้ประสานงานส่ง"),
        (S.SUBMITTED, "รอฝ่ายเลขานุการตรวจและผู้บริหารอนุมัติ"),
        (S.RETURNED, "รอหน่วยงานแก้ไขและส่งใหม่"),
        (S.APPROVED, "รอหน่วยงานเริ่มดำเนินการ"),
        (S.IN_PROGRESS, "รอหน่วยงานรายงานความก้าวหน้าและปิดงาน"),
        (S.DONE, None),
    ],
)
def test_action_detail_says_whose_move_it_is(world, cycle, status, waiting):
    html = detail(world, "auditor", action_in(world, cycle, status))
    if waiting:
        assert f'data-testid="whose-move">{waiting}</span>' in html
    else:
        assert 'data-testid="whose-move"' not in html


def test_progress_report_buttons_and_whose_move(world, cycle):
    action = action_in(world, cycle, S.IN_PROGRESS)
    form = detail(world, "coordinator", action)
    assert "บันทึกและส่งเพื่อพิจารณา</button>" in form
    progress_save(
        action, actor=world.people["coordinator"], quarter=1, percent_done=30, submit=True
    )
    html = detail(world, "secretariat", action)
    assert "รับรองรายงาน</button>" in html and "ส่งคืนแก้ไข</button>" in html
    assert "รอฝ่ายเลขานุการตรวจ" in html


def test_inbox_rows_say_whose_move(world, cycle):
    action_in(world, cycle, S.SUBMITTED)
    html = world.client("executive").get(reverse("plans:inbox") + f"?cycle={cycle.pk}")
    assert "รอฝ่ายเลขานุการตรวจและผู้บริหารอนุมัติ" in html.content.decode()


@pytest.mark.parametrize(
    ("who", "tab"),
    [("secretariat", True), ("executive", True), ("coordinator", False), ("member", False),
     ("auditor", False), ("admin", False)],
)  # fmt: skip
def test_inbox_tab_only_for_those_who_review_or_approve(world, cycle, who, tab):
    html = world.client(who).get(reverse("plans:plan") + f"?cycle={cycle.pk}").content.decode()
    assert (reverse("plans:inbox") in html) is tab


def test_workspace_rows_and_review_say_whose_move_and_name_the_moves(world, cycle):
    r1 = world.units["R1"]
    answer(world, cycle, "2.2-1", "met")
    submitted = answer(world, cycle, "2.2-2", "not_met")
    submitted.status = A.Status.SUBMITTED
    submitted.save()
    url = reverse("assessments:workspace") + f"?cycle={cycle.pk}&unit={r1.pk}"
    html = world.client("coordinator").get(url).content.decode()
    assert 'data-testid="whose-move">รอผู้ประสานงานส่ง</span>' in html
    assert 'data-testid="whose-move">รอฝ่ายเลขานุการตรวจ</span>' in html
    assert 'data-testid="whose-move">รอหน่วยงานตอบ</span>' in html
    assert "ส่งทุกข้อให้ตรวจสอบ</button>" in html and "ส่งหัวข้อนี้ให้ตรวจสอบ</button>" in html
    queue = world.client("secretariat").get(reverse("assessments:queue") + f"?cycle={cycle.pk}")
    page = queue.content.decode()
    assert "ตรวจสอบผ่าน</button>" in page and "ส่งคืนแก้ไข</button>" in page


def answer_url(cycle, ref, unit):
    return reverse("assessments:answer", args=[cycle.pk, criterion(cycle, ref).pk, unit.pk])


def test_met_without_evidence_is_said_at_the_top_with_a_way_to_attach(world, cycle):
    url = answer_url(cycle, "2.2-1", world.units["R1"])
    client = world.client("member")
    response = client.post(url, {"version": "0", "result": "met"})
    assert response.status_code == 302 and response["Location"] == url  # stays on the answer
    [message] = [m for m in get_messages(response.wsgi_request)]
    assert message.level_tag == "warning"
    assert "ยังไม่มีหลักฐานที่ใช้ได้" in str(message) and "แนบหลักฐาน" in str(message)
    html = client.get(url).content.decode()
    top = html.index('id="needs-evidence"')
    assert top < html.index('<form method="post" novalidate>')  # above the answer form
    alert = html[top : html.index("\n</div>", top)]
    assert "ต้องแนบหลักฐาน:" in alert
    assert f"{reverse('evidence:create')}?unit={world.units['R1'].pk}" in alert
    assert 'href="#evidence-choices"' in alert


def test_met_with_evidence_gets_the_plain_saved_message(world, cycle):
    proof = evidence(world)
    url = answer_url(cycle, "2.2-1", world.units["R1"])
    response = world.client("member").post(
        url, {"version": "0", "result": "met", "evidence": [proof.pk]}
    )
    assert response.status_code == 302 and response["Location"] != url
    [message] = list(get_messages(response.wsgi_request))
    assert message.level_tag == "success"
    assert 'id="needs-evidence"' not in world.client("member").get(url).content.decode()
