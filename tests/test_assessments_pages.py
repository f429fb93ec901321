"""Self-assessment pages (workspace, answer page, queue, scores) and their query counts at two
data sizes."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from digiorg.assessments.selectors import workspace
from digiorg.cycles.models import Cycle

from .assess_data import UNIT_SCOPE, answer, assessed_cycle, evidence
from .assessments_flow_data import (
    ALL_22,
    A,
    crit,
    flashed,
    grow,
    put,
    state,
    topic,
    ws_url,
)


@pytest.fixture
def cycle(world, seed_framework, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return assessed_cycle(world, seed_framework)


# ---------------------------------------------------------------------------- pages


def rows_of(response):
    return {
        row.criterion.ref: row
        for _, blocks in response.context["dimensions"]
        for block in blocks
        for row in block.rows
    }


def test_workspace_shows_criteria_and_what_needs_evidence(world, cycle):
    today = timezone.localdate()
    answer(world, cycle, "2.2-1", "met", proof=[])
    answer(world, cycle, "2.2-2", "met")
    answer(
        world,
        cycle,
        "2.2-3",
        "partial",
        proof=[evidence(world, expiry_date=today - timedelta(days=3))],
    )
    answer(world, cycle, "2.2-4", "not_met")
    response = world.client("member").get(ws_url(cycle, world.units["R1"]))
    assert response.status_code == 200
    rows = rows_of(response)
    assert list(rows) == list(ALL_22)
    needing = {ref for ref, row in rows.items() if row.needs_evidence}
    assert needing == {"2.2-1", "2.2-3"}
    html = response.content.decode()
    for ref in ALL_22:
        assert f">{ref}</span>" in html
    badge = f'<span class="badge text-bg-danger">{gettext("needs evidence")}</span>'
    assert html.count(badge) == 2
    assert response.context["may_answer"] is True
    assert response.context["may_submit"] is False  # a member does not submit
    # R2 sees only its three unit-scope criteria
    response = world.client("r2-staff").get(ws_url(cycle, world.units["R2"]))
    assert list(rows_of(response)) == list(UNIT_SCOPE)


def test_coordinator_submits_a_topic_on_the_page(world, cycle):
    for ref in ALL_22:
        answer(world, cycle, ref, "not_met")
    data = {"cycle": cycle.pk, "unit": world.units["R1"].pk, "topic": topic(cycle).pk}
    response = world.client("coordinator").post(reverse("assessments:submit"), data)
    assert response.status_code == 302
    assert response["Location"] == ws_url(cycle, world.units["R1"])
    assert flashed(response) == [
        gettext("%(n)s answers were submitted for verification.") % {"n": 6}
    ]
    assert set(A.objects.values_list("status", flat=True)) == {"submitted"}


def test_submit_page_shows_what_is_missing(world, cycle):
    for ref in ALL_22[:-1]:
        answer(world, cycle, ref, "not_met")
    before = state(cycle)
    data = {"cycle": cycle.pk, "unit": world.units["R1"].pk, "topic": topic(cycle).pk}
    response = world.client("coordinator").post(reverse("assessments:submit"), data)
    assert response.status_code == 302
    (message,) = flashed(response)
    assert message == gettext("%(ref)s has no result yet.") % {"ref": "2.2-6"}
    assert state(cycle) == before


@pytest.mark.parametrize("field", ["topic", "criterion"])
def test_submit_page_with_an_unknown_topic_or_criterion_submits_nothing(world, cycle, field):
    for ref in ALL_22:
        answer(world, cycle, ref, "not_met")
    before = state(cycle)
    for bad in ("999999", "abc"):
        data = {"cycle": cycle.pk, "unit": world.units["R1"].pk, field: bad}
        response = world.client("coordinator").post(reverse("assessments:submit"), data)
        assert response.status_code == 404
    assert state(cycle) == before


@pytest.mark.parametrize(
    "who, status",
    [
        ("member", 403),
        ("r1-staff", 404),
        ("r2-staff", 404),
        ("executive", 403),
        ("other-staff", 404),
    ],
)
def test_submit_page_refuses_others(world, cycle, who, status):
    for ref in ALL_22:
        answer(world, cycle, ref, "not_met")
    before = state(cycle)
    data = {"cycle": cycle.pk, "unit": world.units["R1"].pk, "topic": topic(cycle).pk}
    response = world.client(who).post(reverse("assessments:submit"), data)
    assert response.status_code == status
    assert state(cycle) == before


def answer_url(cycle, ref, unit):
    return reverse("assessments:answer", args=[cycle.pk, crit(cycle, ref).pk, unit.pk])


def test_member_saves_an_answer_on_the_page(world, cycle):
    proof = evidence(world)
    url = answer_url(cycle, "2.2-1", world.units["R1"])
    client = world.client("member")
    page = client.get(url)
    assert page.status_code == 200 and page.context["form"] is not None
    response = client.post(
        url, {"version": "0", "result": "partial", "note": "ทำแล้วบางส่วน", "evidence": [proof.pk]}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#c{crit(cycle, '2.2-1').pk}")
    a = A.objects.get(cycle=cycle, criterion__ref="2.2-1", unit=world.units["R1"])
    assert (a.result, a.note, a.version, a.updated_by) == (
        "partial",
        "ทำแล้วบางส่วน",
        1,
        world.people["member"],
    )
    assert list(a.evidence.all()) == [proof]
    assert flashed(response) == [gettext("The answer to %(ref)s was saved.") % {"ref": "2.2-1"}]
    # a second tab still holding version 0 gets the conflict, not an overwrite
    before = state(cycle)
    stale = client.post(url, {"version": "0", "result": "met", "evidence": [proof.pk]})
    assert stale.status_code == 200
    assert stale.context["form"].non_field_errors()
    assert state(cycle) == before


def test_answer_page_without_a_result_shows_the_error(world, cycle):
    url = answer_url(cycle, "2.2-1", world.units["R1"])
    response = world.client("member").post(url, {"version": "0", "note": "ลืมเลือก"})
    assert response.status_code == 200
    assert "result" in response.context["form"].errors
    assert response.context["form"].errors["result"][0] in response.content.decode()
    assert not A.objects.exists()


@pytest.mark.parametrize("who", ["executive", "auditor", "secretariat"])
def test_readers_cannot_post_answers(world, cycle, who):
    url = answer_url(cycle, "2.2-1", world.units["R1"])
    assert world.client(who).get(url).status_code == 200
    assert world.client(who).post(url, {"version": "0", "result": "met"}).status_code == 403
    assert not A.objects.exists()


def test_answer_page_outside_scope_is_404(world, cycle):
    answer(world, cycle, "2.2-1", "not_met")
    r1 = world.units["R1"]
    url = answer_url(cycle, "2.2-1", r1)
    assert world.client("r2-staff").get(url).status_code == 404
    assert world.client("other-staff").get(url).status_code == 404
    assert world.client("r2-staff").post(url, {"version": "1", "result": "met"}).status_code == 404
    # a (criterion, unit) that is not a slot is absent, even to the secretariat
    not_a_slot = answer_url(cycle, "2.2-3", world.units["R2"])
    assert world.client("secretariat").get(not_a_slot).status_code == 404
    assert (
        world.client("r2-staff").get(answer_url(cycle, "2.2-1", world.units["R2"])).status_code
        == 200
    )
    assert A.objects.get().result == "not_met"


@pytest.mark.parametrize(
    "who, status",
    [
        ("coordinator", 403),
        ("member", 403),
        ("executive", 403),
        ("auditor", 403),
        ("secretariat", 200),
    ],
)
def test_queue_is_for_the_secretariat(world, cycle, who, status):
    put(world, cycle, "2.2-1", "R1", "met", "submitted")
    put(world, cycle, "2.2-2", "R1", "met", "verified")
    response = world.client(who).get(reverse("assessments:queue") + f"?cycle={cycle.pk}")
    assert response.status_code == status
    if status == 200:
        waiting = [a.criterion.ref for a in response.context["page"]]
        assert waiting == ["2.2-1"]


def test_other_department_secretariat_cannot_see_the_cycle(world, cycle):
    put(world, cycle, "2.2-1", "R1", "met", "submitted")
    client = world.client("other-staff")
    assert client.get(reverse("assessments:queue") + f"?cycle={cycle.pk}").status_code == 404
    a = A.objects.get()
    response = client.post(
        reverse("assessments:review", args=[a.pk]), {"decision": "verify", "version": a.version}
    )
    assert response.status_code == 404
    assert A.objects.get().status == "submitted"


@pytest.mark.parametrize("decision, status", [("verify", "verified"), ("return", "returned")])
def test_htmx_review_returns_the_row_with_the_new_status(world, cycle, decision, status):
    a = put(world, cycle, "2.2-1", "R1", "met", "submitted")
    response = world.client("secretariat").post(
        reverse("assessments:review", args=[a.pk]),
        {"decision": decision, "comment": "ขอเอกสารฉบับลงนาม", "version": a.version},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<tr id="a{a.pk}">')
    assert "<html" not in html
    assert str(A.Status(status).label) in html
    assert 'name="decision"' not in html  # the row shows the outcome, not the form again
    a.refresh_from_db()
    assert a.status == status


def test_htmx_review_by_a_coordinator_is_refused(world, cycle):
    a = put(world, cycle, "2.2-1", "R1", "met", "submitted")
    response = world.client("coordinator").post(
        reverse("assessments:review", args=[a.pk]),
        {"decision": "verify", "version": a.version},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 403
    assert A.objects.get().status == "submitted"


def test_review_page_with_return_and_no_comment(world, cycle):
    a = put(world, cycle, "2.2-1", "R1", "met", "submitted")
    before = state(cycle)
    response = world.client("secretariat").post(
        reverse("assessments:review", args=[a.pk]), {"decision": "return", "version": a.version}
    )
    assert response.status_code == 302
    assert flashed(response) == [gettext("Say what needs to change when you return an answer.")]
    assert state(cycle) == before


@pytest.mark.parametrize("back", ["https://evil.example/phish", "//evil.example/x", ""])
def test_review_page_goes_back_only_within_the_site(world, cycle, back):
    a = put(world, cycle, "2.2-1", "R1", "met", "submitted")
    response = world.client("secretariat").post(
        reverse("assessments:review", args=[a.pk]),
        {"decision": "verify", "version": a.version, "back": back},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:queue") + f"?cycle={cycle.pk}"
    assert A.objects.get().status == "verified"
    b = put(world, cycle, "2.2-2", "R1", "met", "submitted")
    here = answer_url(cycle, "2.2-2", world.units["R1"])
    response = world.client("secretariat").post(
        reverse("assessments:review", args=[b.pk]),
        {"decision": "verify", "version": b.version, "back": here},
    )
    assert response["Location"] == here


# ---------------------------------------------------------------------------- query counts


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_page_query_counts_do_not_grow(world, cycle, django_assert_max_num_queries):
    put(world, cycle, "2.2-1", "R1", "met", "submitted")
    put(world, cycle, "2.2-2", "R1", "met", "verified")
    pages = {
        "workspace": ("member", ws_url(cycle, world.units["R1"])),
        "overview": ("secretariat", reverse("assessments:workspace") + f"?cycle={cycle.pk}"),
        "queue": ("secretariat", reverse("assessments:queue") + f"?cycle={cycle.pk}"),
    }
    clients = {who: world.client(who) for who in ("member", "secretariat")}
    for who, url in pages.values():  # the first request of a session also writes the session
        clients[who].get(url)
    small = {}
    for name, (who, url) in pages.items():
        with django_assert_max_num_queries(15):
            small[name] = count_queries(clients[who], url)
    grow(world, cycle)
    large = {}
    for name, (who, url) in pages.items():
        with django_assert_max_num_queries(15):
            large[name] = count_queries(clients[who], url)
    # measured: workspace 11, overview 10, queue 9 at both sizes (after the session's first
    # request, which also checks MFA and writes the session)
    assert large == small
    assert large["workspace"] <= 12  # a key page of issue 18
    # the large pages really show more
    response = clients["member"].get(pages["workspace"][1])
    assert len(rows_of(response)) == cycle.framework.criteria.count()
    response = clients["secretariat"].get(pages["overview"][1])
    assert len(response.context["lines"]) == 12
    response = clients["secretariat"].get(pages["queue"][1])
    assert len(response.context["page"]) == 50


def test_workspace_selector_query_count(world, cycle, django_assert_num_queries):
    put(world, cycle, "2.2-1", "R1", "met", "submitted")
    cycle = Cycle.objects.get(pk=cycle.pk)
    # criteria, the unit's and the department-scope answers, assignments, evidence, nodes
    with django_assert_num_queries(5):
        blocks = workspace(cycle, world.units["R1"])
    grow(world, cycle)
    cycle = Cycle.objects.get(pk=cycle.pk)
    with django_assert_num_queries(5):
        bigger = workspace(cycle, world.units["R1"])
    assert sum(len(b.rows) for _, topics in bigger for b in topics) > sum(
        len(b.rows) for _, topics in blocks for b in topics
    )
