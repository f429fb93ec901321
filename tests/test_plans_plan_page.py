"""The plan page collapsed by dimension and topic: its figures, a topic opened by the query
string (no JavaScript) or as the htmx fragment, filters, pages of 50 rows, who may open a topic,
and a cost (queries, bytes) that does not grow with the number of actions."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digiorg.cycles.services import cycle_open
from digiorg.frameworks.models import FrameworkNode
from digiorg.plans.models import Action
from digiorg.plans.selectors import PLAN_PAGE_SIZE
from digiorg.plans.templatetags.plan_tags import baht, status_badge

from .plans_data import S, open_cycle

PLAN = reverse("plans:plan")


@pytest.fixture
def cycle(world, seed_framework):
    return open_cycle(world, seed_framework)


def topic_of(cycle, ref: str) -> int:
    return cycle.framework.criteria.get(ref=ref).node_id


def fragment(key) -> str:
    return reverse("plans:plan-topic", args=[key])


def add(world, cycle, n=1, *, unit="R1-STD", refs=("2.1-1",), title="กิจกรรมทดสอบ", **fields):
    """`n` actions written directly (the page reads them; how they got there does not matter)."""
    criteria = list(cycle.framework.criteria.filter(ref__in=refs))
    base = {"organization": world.units["HSS"], "cycle": cycle, "unit": world.units[unit],
            "end_date": date(2025, 6, 30), **fields}  # fmt: skip
    actions = Action.objects.bulk_create(
        [
            Action(
                title=f"{title} {i + 1:03d}" if n > 1 else title,
                start_date=date(2024, 11, 1) + timedelta(days=i % 200),
                **base,
            )
            for i in range(n)
        ]
    )
    through = Action.criteria.through
    through.objects.bulk_create(
        [through(action_id=a.pk, criterion_id=c.pk) for a in actions for c in criteria]
    )
    return actions


def summary_of(html: str, key) -> str:
    """The text of a collapsed topic's summary line (tags dropped, spaces collapsed)."""
    match = re.search(rf'<details class="plan-topic" id="topic-{key}".*?</summary>', html, re.S)
    assert match, f"topic {key} is not on the page"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(0)).split())


def get(client, url, params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_first_load_shows_topics_collapsed_with_their_figures(world, cycle):
    add(world, cycle, refs=("2.1-1", "2.1-3"), title="สองเกณฑ์ในหัวข้อเดียว", budget=Decimal("100000"))
    add(
        world,
        cycle,
        title="กำลังทำอยู่",
        status=S.IN_PROGRESS,
        percent_done=40,
        budget=Decimal("50000"),
    )
    add(world, cycle, title="ที่ยกเลิกไป", status=S.CANCELLED, budget=Decimal("999"), percent_done=90)
    add(world, cycle, refs=("4.4.2-5",), title="ด้านที่สี่", status=S.APPROVED)
    add(world, cycle, refs=(), title="ไม่มีเกณฑ์")
    html = get(world.client("coordinator"), PLAN, {"cycle": cycle.pk})
    for title in ("สองเกณฑ์ในหัวข้อเดียว", "กำลังทำอยู่", "ที่ยกเลิกไป", "ด้านที่สี่", "ไม่มีเกณฑ์"):
        assert title not in html  # no rows until a topic is opened
    assert "plan-rows" not in html and " open>" not in html
    topic = summary_of(html, topic_of(cycle, "2.1-1"))
    # the action with two criteria of topic 2.1 counts once; the cancelled one is counted and
    # shown, but left out of the budget and of the mean percent done ((0 + 40) / 2)
    assert "3 กิจกรรม" in topic
    assert "ร่าง 1" in topic and "กำลังดำเนินการ 1" in topic and "ยกเลิก 1" in topic
    assert "งบประมาณ (บาท) 150,000" in topic
    assert "20%" in topic
    assert "4 กิจกรรม" not in topic
    assert "1 กิจกรรม" in summary_of(html, topic_of(cycle, "4.4.2-5"))
    assert "1 กิจกรรม" in summary_of(html, "unlinked")
    total = " ".join(
        re.sub(r"<[^>]+>", " ", html.split('id="plan-total">')[1].split("</p>")[0]).split()
    )
    assert total.startswith("5 กิจกรรม")
    # document order: dimension 2 before 4, the actions with no criterion last
    assert (
        html.index(f'id="topic-{topic_of(cycle, "2.1-1")}"')
        < html.index(f'id="topic-{topic_of(cycle, "4.4.2-5")}"')
        < html.index('id="topic-unlinked"')
    )


def test_a_dimension_counts_an_action_once(world, cycle):
    add(world, cycle, refs=("2.1-1", "2.2-1"), title="สองหัวข้อในด้านเดียว", budget=Decimal("10"))
    html = get(world.client("coordinator"), PLAN, {"cycle": cycle.pk})
    dimension = re.search(r'<details class="plan-dimension">.*?</summary>', html, re.S).group(0)
    text = " ".join(re.sub(r"<[^>]+>", " ", dimension).split())
    assert "1 กิจกรรม" in text and "งบประมาณ (บาท) 10" in text
    for ref in ("2.1-1", "2.2-1"):
        assert "1 กิจกรรม" in summary_of(html, topic_of(cycle, ref))


def test_topic_link_opens_that_topic_without_javascript(world, cycle):
    add(world, cycle, title="ในหัวข้อ 2.1")
    add(world, cycle, refs=("5.1-12",), title="ในหัวข้อ 5.1")
    key = topic_of(cycle, "2.1-1")
    client = world.client("coordinator")
    collapsed = get(client, PLAN, {"cycle": cycle.pk})
    link = f'href="{PLAN}?cycle={cycle.pk}&amp;topic={key}#topic-{key}"'
    assert link in collapsed  # what the topic offers when JavaScript is off
    assert f'hx-get="{fragment(key)}?cycle={cycle.pk}"' in collapsed
    html = get(client, PLAN, {"cycle": cycle.pk, "topic": key})
    assert "ในหัวข้อ 2.1" in html and "ในหัวข้อ 5.1" not in html
    assert f'<details class="plan-topic" id="topic-{key}" open>' in html
    opened = html.index(f'id="topic-{key}"')
    assert html.rfind('<details class="plan-dimension" open>', 0, opened) != -1
    assert html.count(" open>") == 2  # its dimension and itself, nothing else


def test_fragment_is_the_topics_rows_with_labels_for_phones(world, cycle):
    action = add(world, cycle, title="จัดทำบัญชีข้อมูล", budget=Decimal("1250000"), percent_done=35,
                 status=S.SUBMITTED, owner=world.people["coordinator"])[0]  # fmt: skip
    html = get(world.client("coordinator"), fragment(topic_of(cycle, "2.1-1")), {"cycle": cycle.pk})
    assert "<html" not in html and "<table" in html
    assert f'<a href="{reverse("plans:action-detail", args=[action.pk])}">จัดทำบัญชีข้อมูล</a>' in html
    for label, value in [
        ("หน่วยงาน", world.units["R1-STD"].name), ("งบประมาณ (บาท)", "1,250,000.00"),
        ("สถานะ", "ส่งแล้ว"), ("ร้อยละความก้าวหน้า", "35"), ("ระยะเวลา", "1 พ.ย. 2567 – 30 มิ.ย. 2568"),
    ]:  # fmt: skip
        cell = re.search(rf'<td[^>]*data-label="{re.escape(label)}">(.*?)</td>', html, re.S)
        assert cell and value in cell.group(1), label
    assert "คุณ coordinator" in html


def test_filters_apply_to_figures_and_rows(world, cycle):
    add(world, cycle, 2, title="ร่างแผน")
    add(world, cycle, 1, title="ส่งแล้วแผน", status=S.SUBMITTED)
    add(world, cycle, 1, unit="R2", title="ของภาค 2", status=S.SUBMITTED)
    client, key = world.client("secretariat"), topic_of(cycle, "2.1-1")
    html = get(client, PLAN, {"cycle": cycle.pk, "status": S.SUBMITTED})
    assert "2 กิจกรรม" in summary_of(html, key)
    assert f'hx-get="{fragment(key)}?cycle={cycle.pk}&amp;status=submitted"' in html
    assert '<option value="submitted" selected>' in html
    rows = get(client, fragment(key), {"cycle": cycle.pk, "status": S.SUBMITTED})
    assert "ส่งแล้วแผน" in rows and "ของภาค 2" in rows and "ร่างแผน" not in rows
    r1 = world.units["R1"].pk
    rows = get(client, fragment(key), {"cycle": cycle.pk, "unit": r1, "status": S.SUBMITTED})
    assert "ส่งแล้วแผน" in rows and "ของภาค 2" not in rows
    html = get(client, PLAN, {"cycle": cycle.pk, "q": "ร่าง"})
    assert "2 กิจกรรม" in summary_of(html, key)
    assert 'value="ร่าง"' in html
    html = get(client, PLAN, {"cycle": cycle.pk, "q": "ไม่มีคำนี้"})
    assert "ไม่มีกิจกรรมที่ตรงกับตัวกรองนี้" in html
    # a status that does not exist is no filter at all
    assert "4 กิจกรรม" in summary_of(get(client, PLAN, {"cycle": cycle.pk, "status": "x"}), key)


def test_a_large_topic_comes_in_pages(world, cycle):
    add(world, cycle, 2 * PLAN_PAGE_SIZE + 7)
    client, key = world.client("coordinator"), topic_of(cycle, "2.1-1")
    first = get(client, fragment(key), {"cycle": cycle.pk})
    assert first.count("<tr>") == PLAN_PAGE_SIZE + 1  # and the head
    assert "กิจกรรมทดสอบ 001" in first and "กิจกรรมทดสอบ 051" not in first
    assert "หน้า 1 จาก 3" in first and "ก่อนหน้า" not in first
    assert f'hx-get="{fragment(key)}?cycle={cycle.pk}&amp;page=2"' in first
    assert f'href="{PLAN}?cycle={cycle.pk}&amp;topic={key}&amp;page=2#topic-{key}"' in first
    last = get(client, fragment(key), {"cycle": cycle.pk, "page": 3})
    assert last.count("<tr>") == 7 + 1 and "ถัดไป" not in last and "หน้า 3 จาก 3" in last
    assert get(client, fragment(key), {"cycle": cycle.pk, "page": 99}) == last
    assert get(client, fragment(key), {"cycle": cycle.pk, "page": "x"}) == first
    page = get(client, PLAN, {"cycle": cycle.pk, "topic": key, "page": 2})
    assert "กิจกรรมทดสอบ 051" in page and "กิจกรรมทดสอบ 001" not in page


def test_actions_with_no_criterion_have_their_own_fragment(world, cycle):
    add(world, cycle, refs=(), title="ยังไม่ผูกเกณฑ์")
    add(world, cycle, title="ผูกเกณฑ์แล้ว")
    rows = get(world.client("member"), fragment("unlinked"), {"cycle": cycle.pk})
    assert "ยังไม่ผูกเกณฑ์" in rows and "ผูกเกณฑ์แล้ว" not in rows


def test_fragment_follows_the_pages_scope(world, cycle):
    """Same rule as the page: the coordinator of R1 sees R1's actions and cannot ask for R2 or
    for another department's year (404); a topic that is not the cycle's framework's is 404."""
    add(world, cycle, title="ของ R1-STD")
    add(world, cycle, unit="R2", title="ของ R2")
    key = topic_of(cycle, "2.1-1")
    coordinator = world.client("coordinator")
    rows = get(coordinator, fragment(key), {"cycle": cycle.pk})
    assert "ของ R1-STD" in rows and "ของ R2" not in rows
    r2 = {"cycle": cycle.pk, "unit": world.units["R2"].pk}
    assert coordinator.get(fragment(key), r2).status_code == 404
    assert coordinator.get(PLAN, r2).status_code == 404
    assert "ของ R2" in get(world.client("auditor"), fragment(key), r2)
    foreign = cycle_open(
        organization=world.units["OTH"], fiscal_year=2568, framework=cycle.framework
    )
    add(world, foreign, unit="OTH-IT", title="ของกรมอื่น")
    for client in (coordinator, world.client("secretariat")):
        assert client.get(fragment(key), {"cycle": foreign.pk}).status_code == 404
        assert client.get(PLAN, {"cycle": foreign.pk}).status_code == 404
    other_framework = FrameworkNode.objects.exclude(framework=cycle.framework).first()
    if other_framework is not None:
        assert coordinator.get(fragment(other_framework.pk), {"cycle": cycle.pk}).status_code == 404
    assert coordinator.get(fragment(999_999), {"cycle": cycle.pk}).status_code == 404
    assert coordinator.get(fragment("x1"), {"cycle": cycle.pk}).status_code == 404
    assert coordinator.post(fragment(key) + f"?cycle={cycle.pk}").status_code == 405
    anonymous = world.client(None).get(fragment(key), {"cycle": cycle.pk})
    assert anonymous.status_code == 302 and anonymous.url.startswith(reverse("account_login"))


def _measure(client, url, params) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries), len(response.content)


@pytest.mark.parametrize("role", ["secretariat", "coordinator"])
def test_cost_does_not_grow_with_the_actions(world, cycle, django_assert_max_num_queries, role):
    """Queries of the first load, of a topic opened by ?topic= and of the fragment, and the
    bytes of the first load, at 6 and at 180 actions (in the same topics and statuses)."""
    client, key = world.client(role), topic_of(cycle, "2.1-1")
    client.get(reverse("home"))
    pages = [
        (PLAN, {"cycle": cycle.pk}), (PLAN, {"cycle": cycle.pk, "topic": key}),
        (fragment(key), {"cycle": cycle.pk}), (fragment("unlinked"), {"cycle": cycle.pk}),
        (PLAN, {"cycle": cycle.pk, "unit": world.units["R1"].pk, "status": S.DRAFT, "q": "ทดสอบ"}),
    ]  # fmt: skip
    measured = []
    for size in (2, 60):
        for unit, status in (("R1-STD", S.DRAFT), ("R2", S.SUBMITTED), ("R1", S.IN_PROGRESS)):
            add(world, cycle, size, unit=unit, status=status, refs=("2.1-1", "6.1-5"))
        add(world, cycle, size, refs=())
        counts = []
        for url, params in pages:
            with django_assert_max_num_queries(12):
                counts.append(_measure(client, url, params))
        measured.append(counts)
    small, large = measured
    assert [q for q, _ in small] == [q for q, _ in large]
    first_small, first_large = small[0][1], large[0][1]
    # the first load shows figures, not rows: 31 times the actions, a few more digits
    assert first_large - first_small < 200, (first_small, first_large)
    # an opened topic shows one page of rows at most
    rows = client.get(fragment(key), {"cycle": cycle.pk}).content
    assert rows.decode().count("<tr>") == PLAN_PAGE_SIZE + 1
    assert large[2][1] == len(rows)


def test_badge_and_amount_tags():
    assert status_badge("returned") == (
        '<span class="badge status-returned text-bg-warning">ส่งกลับแก้ไข</span>'
    )
    assert status_badge("<b>") == '<span class="badge text-bg-light border">&lt;b&gt;</span>'
    assert baht(Decimal("1250000.5")) == "1,250,000.50"
    assert baht(Decimal("0")) == "0.00"
