"""The holes issue 10 found in writes and scores, each with the test that would have caught it.
The write matrix (tests/test_write_matrix.py) covers every endpoint x role x target; these
name the cases that were open."""

from datetime import date

import pytest
from django.urls import reverse

from digiorg.assessments.models import CriterionAssessment
from digiorg.core.errors import PermissionDenied
from digiorg.plans.models import Action, ActionEvent, ProgressReport
from digiorg.plans.services import action_comment

from .assess_data import assessed_cycle, criterion, evidence
from .plans_data import S, action_in


@pytest.fixture
def cycle(world, seed_framework):
    return assessed_cycle(world, seed_framework)


def test_the_auditor_cannot_comment_on_actions(world, cycle):
    action = action_in(world, cycle, S.SUBMITTED)
    events = ActionEvent.objects.filter(action=action).count()
    with pytest.raises(PermissionDenied):
        action_comment(action, actor=world.people["auditor"], comment="ไม่ควรบันทึกได้")
    url = reverse("plans:action-comment", args=[action.pk])
    assert world.client("auditor").post(url, {"comment": "ไม่ควรบันทึกได้"}).status_code == 403
    assert ActionEvent.objects.filter(action=action).count() == events
    page = world.client("auditor").get(reverse("plans:action-detail", args=[action.pk]))
    assert url not in page.content.decode()  # the auditor is not offered the comment form
    assert world.client("executive").post(url, {"comment": "ขอรายละเอียดงบ"}).status_code == 302
    assert ActionEvent.objects.filter(action=action).count() == events + 1


def test_api_patch_refuses_an_owner_from_another_department(world, cycle):
    action = action_in(world, cycle, S.DRAFT)
    response = world.client("coordinator").patch(
        f"/api/v1/actions/{action.pk}/",
        {"owner": world.people["other-staff"].pk, "version": action.version},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "owner" in response.json()
    fresh = Action.objects.get(pk=action.pk)
    assert (fresh.owner_id, fresh.version) == (action.owner_id, action.version)
    ok = world.client("coordinator").patch(
        f"/api/v1/actions/{action.pk}/",
        {"owner": world.people["member"].pk, "version": action.version},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["owner"] == world.people["member"].pk


def test_api_answer_cites_only_the_units_own_evidence(world, cycle):
    theirs = evidence(world, unit="R2", who="r2-staff")
    above = evidence(world, unit="HSS", who="secretariat")
    mine = evidence(world, unit="R1", who="member")
    body = {"cycle": cycle.pk, "criterion": "2.2-1", "unit": world.units["R1"].pk, "result": "met"}
    client = world.client("member")
    refused = client.post(
        "/api/v1/assessments/", {**body, "evidence": [theirs.pk]}, content_type="application/json"
    )
    assert refused.status_code == 400 and "evidence" in refused.json()
    assert not CriterionAssessment.objects.exists()
    created = client.post(
        "/api/v1/assessments/",
        {**body, "evidence": [mine.pk, above.pk]},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert set(created.json()["evidence"]) == {mine.pk, above.pk}
    answer = CriterionAssessment.objects.get()
    changed = client.patch(
        f"/api/v1/assessments/{answer.pk}/",
        {"result": "met", "evidence": [mine.pk, theirs.pk], "version": answer.version},
        content_type="application/json",
    )
    assert changed.status_code == 400
    answer.refresh_from_db()
    assert set(answer.evidence.values_list("pk", flat=True)) == {mine.pk, above.pk}
    assert answer.version == 1


def test_the_page_offers_what_the_service_accepts(world, cycle):
    theirs = evidence(world, unit="R2", who="r2-staff", title="ของศูนย์ 2")
    evidence(world, unit="R1", who="member", title="ของศูนย์ 1")
    url = reverse(
        "assessments:answer", args=[cycle.pk, criterion(cycle, "2.2-1").pk, world.units["R1"].pk]
    )
    page = world.client("member").get(url).content.decode()
    assert "ของศูนย์ 1" in page and "ของศูนย์ 2" not in page
    posted = world.client("member").post(
        url, {"result": "met", "note": "", "evidence": [theirs.pk], "version": 0}
    )
    assert posted.status_code == 200  # the form again, with its error
    assert not CriterionAssessment.objects.exists()


@pytest.mark.parametrize("via", ["api", "page"])
def test_a_member_submitting_progress_changes_nothing(world, cycle, via):
    action = action_in(world, cycle, S.APPROVED)
    data = {"quarter": 1, "percent_done": 40, "spent": 0, "submit": True}
    client = world.client("member")
    if via == "api":
        url = f"/api/v1/actions/{action.pk}/progress/"
        response = client.post(url, data, content_type="application/json")
    else:
        response = client.post(reverse("plans:progress-save", args=[action.pk]), data)
    assert response.status_code == 403
    assert not ProgressReport.objects.exists()
    fresh = Action.objects.get(pk=action.pk)
    assert (fresh.status, fresh.version, fresh.percent_done) == (
        action.status,
        action.version,
        action.percent_done,
    )
    # the draft alone is the member's to save
    if via == "api":
        data["submit"] = False
        assert client.post(url, data, content_type="application/json").status_code == 201
    else:
        del data["submit"]
        client.post(reverse("plans:progress-save", args=[action.pk]), data)
    assert ProgressReport.objects.get().status == ProgressReport.Status.DRAFT


# --- one rule for scores: units see their own subtree, department-wide roles see all ---------


@pytest.mark.parametrize(
    ("who", "gets"),
    [("executive", None), ("auditor", None), ("coordinator", "R1"), ("member", "R1"),
     ("r2-staff", "R2")],
)  # fmt: skip
def test_asking_for_the_department_scores(world, cycle, who, gets):
    client = world.client(who)
    expected = world.units[gets].pk if gets else None
    api = client.get(f"/api/v1/scores/?cycle={cycle.pk}")
    assert api.status_code == 200 and api.json()["unit"] == expected
    page = client.get(reverse("assessments:scores") + f"?cycle={cycle.pk}")
    assert page.status_code == 200
    assert (page.context["unit"].pk if page.context["unit"] else None) == expected
    board = client.get(reverse("dashboards:department") + f"?cycle={cycle.pk}")
    if gets:
        assert board.status_code == 302
        assert board.url.startswith(reverse("dashboards:unit", args=[expected]))
    else:
        assert board.status_code == 200


def test_a_unit_cannot_ask_for_another_units_scores(world, cycle):
    client = world.client("coordinator")
    r2 = world.units["R2"].pk
    assert client.get(f"/api/v1/scores/?cycle={cycle.pk}&unit={r2}").status_code == 404
    assert (
        client.get(reverse("assessments:scores") + f"?cycle={cycle.pk}&unit={r2}").status_code
        == 404
    )
    assert client.get(reverse("dashboards:unit", args=[r2])).status_code == 404
    report = reverse("reports:report", args=[cycle.pk, "xlsx"]) + f"?unit={r2}"
    assert client.get(report).status_code == 404


def test_unit_scores_are_their_subtree(world, cycle):
    """The coordinator's default is R1's tree, the same as asking for R1 explicitly."""
    client = world.client("coordinator")
    default = client.get(f"/api/v1/scores/?cycle={cycle.pk}").json()
    explicit = client.get(f"/api/v1/scores/?cycle={cycle.pk}&unit={world.units['R1'].pk}").json()
    assert default == explicit
    department = world.client("executive").get(f"/api/v1/scores/?cycle={cycle.pk}").json()
    assert department["unit"] is None and department != default


def test_milestones_follow_the_rule_in_permissions(world, cycle):
    action = action_in(world, cycle, S.DONE)
    url = reverse("plans:milestone-add", args=[action.pk])
    response = world.client("coordinator").post(url, {"title": "x", "due_date": date(2025, 1, 1)})
    assert response.status_code == 403  # a finished action's milestones are closed
    assert not action.milestones.exists()
