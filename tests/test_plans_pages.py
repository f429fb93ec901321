"""Plan pages and API: who sees what, forms with bad input, query counts at two sizes."""

from datetime import date

import pytest
from django.urls import reverse

from digiorg.cycles.models import Cycle
from digiorg.cycles.services import cycle_open
from digiorg.plans.models import Action, ProgressReport

from .plans_data import S, action_in, new_action, open_cycle
from .test_access_matrix import see
from .world import ROLES


@pytest.fixture
def cycle(world, seed_framework):
    return open_cycle(world, seed_framework)


@pytest.fixture
def targets(world, cycle):
    """An action per target: own region (below R1), another unit (R2), another department."""
    other_cycle = cycle_open(
        organization=world.units["OTH"], fiscal_year=2568, framework=cycle.framework
    )
    foreign = Action.objects.create(
        organization=world.units["OTH"], cycle=other_cycle, unit=world.units["OTH-IT"], title="ของกรมอื่น",
        start_date=date(2024, 10, 1), end_date=date(2025, 9, 30),
    )  # fmt: skip
    return {
        "own": new_action(world, cycle, unit="R1-STD", who="coordinator"),
        "other": new_action(world, cycle, unit="R2", who="r2-staff"),
        "foreign": foreign,
    }


def edit_status(role, target):
    seen = see(role, target)
    if seen != 200:
        return seen
    return 200 if role in ("coordinator", "member") and target == "own" else 403


@pytest.mark.parametrize("target", ["own", "other", "foreign"])
@pytest.mark.parametrize("role", ROLES)
def test_action_pages_matrix(world, targets, role, target):
    action = targets[target]
    client = world.client(role)
    assert client.get(reverse("plans:action-detail", args=[action.pk])).status_code == see(
        role, target
    )
    assert client.get(reverse("plans:action-edit", args=[action.pk])).status_code == edit_status(
        role, target
    )
    assert client.get(f"/api/v1/actions/{action.pk}/").status_code == see(role, target)
    assert client.get(f"/api/v1/actions/{action.pk}/progress/").status_code == see(role, target)


def test_plan_pages_before_any_fiscal_year_is_opened(world):
    """A department with no cycle yet (or a person of none): the pages say so, none fails."""
    client = world.client("coordinator")
    for name in ("plans:plan", "plans:inbox", "plans:timeline", "plans:coverage"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
    timeline = client.get(reverse("plans:timeline")).content.decode()
    assert "ยังไม่ได้เปิดปีงบประมาณ" in timeline


@pytest.mark.parametrize("role", ROLES)
def test_list_pages_for_every_role(world, targets, cycle, role):
    client = world.client(role)
    for name in ("plans:plan", "plans:inbox", "plans:timeline", "plans:coverage"):
        response = client.get(reverse(name), {"cycle": cycle.pk})
        assert response.status_code == 200, name
        html = response.content.decode()
        assert "ของกรมอื่น" not in html
    topic = cycle.framework.criteria.get(ref="2.1-1").node_id  # the topic of both actions
    plan = client.get(reverse("plans:plan"), {"cycle": cycle.pk, "topic": topic}).content.decode()
    assert "โครงการของ R1-STD" in plan
    assert ("โครงการของ R2" in plan) == (role not in ("coordinator", "member"))
    assert client.get(reverse("cycles:detail", args=[cycle.pk])).status_code == 200
    assert client.get(reverse("cycles:assign", args=[cycle.pk])).status_code == (
        200 if role in ("admin", "secretariat") else 403
    )


def test_foreign_cycle_is_404(world, targets):
    foreign_cycle = targets["foreign"].cycle
    assert (
        world.client("secretariat")
        .get(reverse("plans:plan"), {"cycle": foreign_cycle.pk})
        .status_code
        == 404
    )
    assert (
        world.client("secretariat")
        .get(reverse("cycles:detail", args=[foreign_cycle.pk]))
        .status_code
        == 404
    )


def test_plan_groups_actions_by_dimension_and_topic(world, cycle):
    """Collapsed: the dimensions and topics in document order; the action shows in each of
    its two topics once that topic is opened."""
    new_action(world, cycle, refs=("2.1-1", "4.4.2-5"), title="งานคร่อมสองหัวข้อ")
    client = world.client("coordinator")
    html = client.get(reverse("plans:plan"), {"cycle": cycle.pk}).content.decode()
    assert "งานคร่อมสองหัวข้อ" not in html
    assert html.index("ธรรมาภิบาลข้อมูลภาครัฐ") < html.index("การปรึกษาหารือ")
    for ref in ("2.1-1", "4.4.2-5"):
        topic = cycle.framework.criteria.get(ref=ref).node_id
        page = client.get(reverse("plans:plan"), {"cycle": cycle.pk, "topic": topic})
        assert page.content.decode().count("งานคร่อมสองหัวข้อ") == 1
        part = client.get(reverse("plans:plan-topic", args=[topic]), {"cycle": cycle.pk})
        assert part.content.decode().count("งานคร่อมสองหัวข้อ") == 1


def action_form(world, cycle, **changes):
    data = {
        "cycle": cycle.pk, "unit": world.units["R1"].pk, "title": "พัฒนาระบบสารบรรณอิเล็กทรอนิกส์",
        "description": "", "criteria": [cycle.framework.criteria.get(ref="5.1-12").pk],
        "owner": world.people["coordinator"].pk, "start_date": "2024-11-01", "end_date": "2025-03-31",
        "budget": "150000", "budget_source": "government", "kpi": "ร้อยละของหนังสือที่ส่งทางอิเล็กทรอนิกส์",
        "kpi_target": "80", "kpi_unit": "ร้อยละ",
    }  # fmt: skip
    data.update(changes)
    return data


def test_member_drafts_an_action(world, cycle):
    response = world.client("member").post(
        reverse("plans:action-create") + f"?cycle={cycle.pk}", action_form(world, cycle)
    )
    action = Action.objects.get(title="พัฒนาระบบสารบรรณอิเล็กทรอนิกส์")
    assert response.url == reverse("plans:action-detail", args=[action.pk])
    assert action.status == S.DRAFT and action.budget == 150000
    assert [c.ref for c in action.criteria.all()] == ["5.1-12"]


@pytest.mark.parametrize(
    ("change", "field_error"),
    [({"end_date": "2024-10-01"}, "วันสิ้นสุด"), ({"budget": "-5"}, "งบประมาณ"), ({"title": ""}, "")],
    ids=["end before start", "negative budget", "no title"],
)
def test_bad_action_input_is_explained_and_nothing_saved(world, cycle, change, field_error):
    response = world.client("coordinator").post(
        reverse("plans:action-create") + f"?cycle={cycle.pk}", action_form(world, cycle, **change)
    )
    assert response.status_code == 200
    assert "invalid-feedback" in response.content.decode()
    assert not Action.objects.exists()


def test_coordinator_cannot_plan_for_another_region(world, cycle):
    response = world.client("coordinator").post(
        reverse("plans:action-create") + f"?cycle={cycle.pk}",
        action_form(world, cycle, unit=world.units["R2"].pk),
    )
    assert response.status_code == 200
    assert not Action.objects.exists()


def test_executive_and_auditor_cannot_draft(world, cycle):
    for role in ("executive", "auditor"):
        assert (
            world.client(role).get(reverse("plans:action-create"), {"cycle": cycle.pk}).status_code
            == 403
        )


def test_return_without_comment_is_refused_on_the_page(world, cycle):
    action = action_in(world, cycle, S.SUBMITTED)
    client = world.client("secretariat")
    client.post(
        reverse("plans:action-transition", args=[action.pk]),
        {"to_status": "returned", "comment": "", "version": action.version},
    )
    assert Action.objects.get(pk=action.pk).status == S.SUBMITTED
    page = client.get(reverse("plans:action-detail", args=[action.pk])).content.decode()
    assert "ความเห็น" in page


def test_stale_transition_is_a_conflict(world, cycle):
    action = action_in(world, cycle, S.SUBMITTED)
    client = world.client("executive")
    client.post(
        reverse("plans:action-transition", args=[action.pk]),
        {"to_status": "approved", "version": action.version - 1},
    )
    assert Action.objects.get(pk=action.pk).status == S.SUBMITTED


def test_progress_report_submitted_and_reviewed(world, cycle):
    action = action_in(world, cycle, S.APPROVED)
    data = {"quarter": 1, "percent_done": 30, "narrative": "จัดซื้อแล้ว", "problems": "", "help_needed": "", "spent": "1000",
            "evidence_links": "https://example.go.th/report.pdf", "submit": "1"}  # fmt: skip
    world.client("coordinator").post(reverse("plans:progress-save", args=[action.pk]), data)
    report = ProgressReport.objects.get(action=action)
    assert report.status == "submitted"
    action.refresh_from_db()
    assert action.status == S.IN_PROGRESS and action.percent_done == 30
    inbox = (
        world.client("secretariat")
        .get(reverse("plans:inbox"), {"cycle": cycle.pk})
        .content.decode()
    )
    assert "จัดซื้อแล้ว" not in inbox and action.title in inbox
    world.client("secretariat").post(
        reverse("plans:progress-review", args=[action.pk, report.pk]),
        {"accept": "0", "comment": ""},
    )
    assert (
        ProgressReport.objects.get(pk=report.pk).status == "submitted"
    )  # returning needs a comment
    world.client("secretariat").post(
        reverse("plans:progress-review", args=[action.pk, report.pk]), {"accept": "1"}
    )
    assert ProgressReport.objects.get(pk=report.pk).status == "reviewed"


def test_progress_rejects_bad_percent_and_links(world, cycle):
    action = action_in(world, cycle, S.APPROVED)
    for bad in ({"percent_done": 150}, {"evidence_links": "not a link"}, {"spent": "-1"}):
        data = {"quarter": 1, "percent_done": 10, "spent": "0", **bad}
        world.client("coordinator").post(reverse("plans:progress-save", args=[action.pk]), data)
    assert not ProgressReport.objects.exists()


def test_api_actions_scoped_and_created(world, cycle, targets):
    titles = {
        a["title"]
        for a in world.client("coordinator")
        .get(f"/api/v1/actions/?cycle={cycle.pk}")
        .json()["results"]
    }
    assert titles == {"โครงการของ R1-STD"}
    item = world.client("secretariat").get(f"/api/v1/actions/{targets['other'].pk}/").json()
    assert {"id", "unit", "title", "status", "cycle"} <= set(item)
    response = world.client("member").post(
        "/api/v1/actions/",
        {
            "cycle": cycle.pk,
            "unit": world.units["R1"].pk,
            "title": "ผ่าน API",
            "criteria": ["2.1-1"],
            "start_date": "2024-11-01",
            "end_date": "2025-01-31",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    for payload, field in [
        ({"unit": world.units["R2"].pk}, "unit"),
        ({"end_date": "2024-10-01"}, "end_date"),
    ]:
        data = {"cycle": cycle.pk, "unit": world.units["R1"].pk, "title": "x"}
        data.update(start_date="2024-11-01", end_date="2025-01-31")
        bad = world.client("member").post(
            "/api/v1/actions/", {**data, **payload}, content_type="application/json"
        )
        assert bad.status_code == 400 and field in bad.json(), field
    assert Action.objects.filter(title="x").count() == 0


def test_api_transition_and_progress(world, cycle):
    action = action_in(world, cycle, S.DRAFT)
    api = world.client("coordinator")
    assert (
        api.post(
            f"/api/v1/actions/{action.pk}/transition/",
            {"to_status": "approved"},
            content_type="application/json",
        ).status_code
        == 403
    )
    response = api.post(
        f"/api/v1/actions/{action.pk}/transition/",
        {"to_status": "submitted"},
        content_type="application/json",
    )
    assert response.json()["status"] == "submitted"
    world.client("executive").post(
        f"/api/v1/actions/{action.pk}/transition/",
        {"to_status": "approved"},
        content_type="application/json",
    )
    response = api.post(
        f"/api/v1/actions/{action.pk}/progress/",
        {"quarter": 2, "percent_done": 50, "submit": True},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["status"] == "submitted"
    assert api.get(f"/api/v1/actions/{action.pk}/progress/").json()[0]["percent_done"] == 50
    assert (
        world.client("auditor")
        .post(
            f"/api/v1/actions/{action.pk}/progress/",
            {"quarter": 3, "percent_done": 60},
            content_type="application/json",
        )
        .status_code
        == 403
    )


def test_cycles_api(world, cycle):
    data = world.client("member").get("/api/v1/cycles/").json()["results"]
    assert [c["fiscal_year"] for c in data] == [2568]
    assert world.client("other-staff").get(f"/api/v1/cycles/{cycle.pk}/").status_code == 404


def test_secretariat_opens_the_next_year_with_assignments_and_carried_actions(world, cycle):
    from digiorg.cycles.services import assignments_set

    assignments_set(
        cycle=cycle,
        criteria=list(cycle.framework.criteria.filter(node__ref="2.1")),
        units=[world.units["R1"]],
        kind="answers",
    )
    unfinished = action_in(world, cycle, S.IN_PROGRESS)
    action_in(world, cycle, S.DONE)
    response = world.client("secretariat").post(
        reverse("cycles:open"),
        {
            "fiscal_year": 2569,
            "framework": cycle.framework.pk,
            "copy_from": cycle.pk,
            "carry_forward": "on",
        },
    )
    new = Cycle.objects.get(fiscal_year=2569)
    assert response.url == reverse("cycles:detail", args=[new.pk])
    assert new.assignments.count() == 6
    carried = Action.objects.get(cycle=new)
    assert carried.carried_from == unfinished and carried.status == S.DRAFT
    assert new.plan_due == date(2025, 10, 31)


def test_bulk_assignment_by_topic_and_unit(world, cycle):
    topic = cycle.framework.nodes.get(ref="4.4")  # with its sub-topics 4.4.1-4.4.3
    response = world.client("secretariat").post(
        reverse("cycles:assign", args=[cycle.pk]),
        {
            "topics": [topic.pk],
            "units": [world.units["R1"].pk, world.units["R2"].pk],
            "kind": "answers",
        },
    )
    assert response.status_code == 302
    assert cycle.assignments.count() == 4 * 2  # 4.4.1 (two checklists), 4.4.2, 4.4.3
    coverage = (
        world.client("secretariat")
        .get(reverse("plans:coverage"), {"cycle": cycle.pk})
        .content.decode()
    )
    assert "table-warning" in coverage


def _grow(world, cycle, n):
    for i in range(n):
        new_action(world, cycle, unit="R1-STD" if i % 2 else "R2", who="coordinator" if i % 2 else "r2-staff",
                            refs=("2.1-1", "5.1-12"), title=f"กิจกรรม {i}")  # fmt: skip
        if i % 3 == 0:
            action_in(world, cycle, S.SUBMITTED, unit="R1")


@pytest.mark.parametrize("size", [2, 30])
@pytest.mark.parametrize("role", ["secretariat", "coordinator"])
def test_plan_inbox_timeline_query_counts(world, cycle, django_assert_max_num_queries, size, role):
    _grow(world, cycle, size)
    client = world.client(role)
    client.get(reverse("home"))
    for name in ("plans:plan", "plans:inbox", "plans:timeline", "plans:coverage"):
        with django_assert_max_num_queries(12):
            assert client.get(reverse(name), {"cycle": cycle.pk}).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/api/v1/actions/", {"cycle": cycle.pk}).status_code == 200


def test_milestones_added_checked_and_validated(world, cycle):
    action = action_in(world, cycle, S.DRAFT)
    client = world.client("member")
    client.post(
        reverse("plans:milestone-add", args=[action.pk]),
        {"title": "ติดตั้งระบบ", "due_date": "2025-02-01"},
    )
    client.post(
        reverse("plans:milestone-add", args=[action.pk]),
        {"title": "นอกช่วง", "due_date": "2026-02-01"},
    )
    client.post(
        reverse("plans:milestone-add", args=[action.pk]), {"title": "", "due_date": "2025-02-01"}
    )
    assert [m.title for m in action.milestones.all()] == ["ติดตั้งระบบ"]
    milestone = action.milestones.get()
    client.post(reverse("plans:milestone-done", args=[action.pk, milestone.pk]), {"done": "1"})
    milestone.refresh_from_db()
    assert milestone.done
    page = client.get(reverse("plans:action-detail", args=[action.pk])).content.decode()
    assert "ติดตั้งระบบ" in page and "1 ก.พ. 2568" in page
    assert (
        world.client("auditor")
        .post(
            reverse("plans:milestone-add", args=[action.pk]),
            {"title": "x", "due_date": "2025-02-01"},
        )
        .status_code
        == 403
    )
