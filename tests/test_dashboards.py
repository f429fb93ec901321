"""Dashboards: figures against hand-computed values on a small fixed dataset, who sees which
dashboard, drill-down links, and query counts at two data sizes."""

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from digiorg.assessments.models import CriterionAssessment
from digiorg.cycles.services import assignments_set
from digiorg.dashboards.selectors import dashboard
from digiorg.org.services import unit_create
from digiorg.plans.models import Action
from digiorg.plans.services import progress_save, progress_submit
from digiorg.scoring.services import snapshot_take

from .assess_data import answer_topic, assessed_cycle, criterion, evidence, review
from .plans_data import action_in

TODAY = date(2025, 5, 1)  # Q1 (due 15 Jan) and Q2 (due 15 Apr) reports are due
S = Action.Status


def chart_data(html: str) -> dict:
    """The figures the page hands to its charts (json_script "chart-data")."""
    start = html.index('<script id="chart-data" type="application/json">')
    text = html[html.index(">", start) + 1 : html.index("</script>", start)]
    return json.loads(text)


def figures(line):
    return (
        None if line.self_score is None else round(line.self_score, 2),
        None if line.verified_score is None else round(line.verified_score, 2),
    )


@pytest.fixture
def cycle(world, seed_framework):
    cycle = assessed_cycle(world, seed_framework)
    answer_topic(world, cycle, {"2.2-1": "met", "2.2-2": "partial", "2.2-3": "met", "2.2-4": "not_met",
                                "2.2-5": "not_applicable", "2.2-6": "met"})  # fmt: skip
    answer_topic(
        world,
        cycle,
        {"2.2-1": "met", "2.2-2": "not_met", "2.2-5": "partial"},
        unit="R2",
        who="r2-staff",
    )
    review(
        world,
        CriterionAssessment.objects.get(
            criterion=criterion(cycle, "2.2-1"), unit=world.units["R1"]
        ),
    )
    running = action_in(world, cycle, S.IN_PROGRESS, unit="R1")
    running.criteria.set([criterion(cycle, "2.2-1")])
    late = action_in(world, cycle, S.APPROVED, unit="R2")
    late.criteria.set([criterion(cycle, "2.2-2"), criterion(cycle, "6.1-5")])
    Action.objects.filter(pk=late.pk).update(budget=Decimal(50000), end_date=date(2025, 3, 31))
    draft = action_in(world, cycle, S.DRAFT, unit="R1")
    draft.criteria.set([criterion(cycle, "1.2-1")])
    action_in(world, cycle, S.CANCELLED, unit="R1").criteria.set([criterion(cycle, "2.2-1")])
    report = progress_save(running, actor=world.people["member"], quarter=1, percent_done=20)
    progress_submit(report, actor=world.people["coordinator"])
    Action.objects.filter(pk=running.pk).update(percent_done=40, budget=Decimal(100000))
    evidence(world, title="ใกล้หมดอายุ", expiry_date=TODAY + timedelta(days=10))
    evidence(world, title="หมดอายุแล้ว", expiry_date=TODAY - timedelta(days=5))
    evidence(world, title="ยังใช้ได้นาน", expiry_date=TODAY + timedelta(days=400))
    snapshot_take(cycle, TODAY - timedelta(days=1))
    snapshot_take(cycle, TODAY)
    return cycle


def test_department_figures_by_hand(world, cycle):
    board = dashboard(cycle, today=TODAY)
    dims = {d.node.ref: d for d in board.dimensions}
    topics = {t.node.ref: t for t in board.topics}
    # 2.2: criteria 2.2-1 (R1 1, R2 1) 1; 2.2-2 (0.5, 0) 0.25; 2.2-3 1; 2.2-4 0;
    # 2.2-5 (R1 n/a left out, R2 0.5) 0.5; 2.2-6 1 -> 3.75 / 6 = 62.5
    # verified: only R1's 2.2-1 -> 2.2-1 = (1 + 0) / 2 = 0.5 -> 0.5 / 6 = 8.33
    assert figures(topics["2.2"].figures) == (62.5, 8.33)
    # 2.1 and 2.3 are department-scope criteria nobody answered: 0 each
    assert figures(topics["2.1"].figures) == (0, 0)
    assert figures(dims["2"].figures) == (20.83, 2.78)
    # dimension 7 holds only unit-scope criteria assigned to nobody: left out
    assert figures(dims["7"].figures) == (None, None)
    # overall: dimensions 1-6 count (1, 3, 4, 5, 6 are 0): 20.83 / 6
    assert figures(board.overall) == (3.47, 0.46)
    assert board.scores_day == TODAY and [day for day, _ in board.trend] == [
        TODAY - timedelta(days=1),
        TODAY,
    ]
    units = {line.unit.code: line for line in board.units}
    assert set(units) == {"R1", "R2"}
    assert round(units["R1"].overall.self_score, 2) == 70.0  # (1 + .5 + 1 + 0 + 1) / 5
    assert round(units["R2"].overall.self_score, 2) == 50.0  # (1 + 0 + .5) / 3
    assert [u.unit.code for u in board.lagging_units] == ["R2", "R1"]
    # plan: cancelled left out; dimension 2 has the running (40 %) and the late (0 %) action
    assert (dims["2"].actions, dims["2"].percent, dims["2"].budget) == (2, 20.0, 150000.0)
    assert (dims["6"].actions, dims["1"].actions, dims["5"].actions) == (1, 1, 0)
    assert board.actions_total == 4
    assert board.overdue_action_count == 1 and [a.unit.code for a in board.overdue_actions] == [
        "R2"
    ]
    # Q1: the late action has no report (the running one sent Q1); Q2: neither has
    assert board.missing_reports == {1: 1, 2: 2}
    assert (board.expiring_count, board.expired_count) == (1, 1)
    assert board.verified_level["th"] == "ระดับเริ่มต้น"


def test_unit_figures_and_todo(world, cycle):
    board = dashboard(cycle, world.units["R1"], today=TODAY)
    # verified: 2.2-1 only; the n/a is not verified yet so it counts 0 there: 1 / 6
    assert figures(board.overall) == (70.0, 16.67)
    assert board.actions_total == 3  # the R1 actions, the cancelled one included in the total
    assert board.overdue_action_count == 0 and board.missing_reports == {1: 0, 2: 1}
    todo = board.todo
    assert todo["quarter"] == 3  # 1 May 2025 is in Q3 of FY 2568
    assert [a.unit.code for a in todo["need_report"]] == ["R1"]
    assert [a.status for a in todo["drafts"]] == [S.DRAFT]
    assert (todo["answers_expected"], todo["answers_sent"], todo["answers_open"]) == (5, 5, 0)
    assert (board.expiring_count, board.expired_count) == (1, 1)


def test_last_year_on_the_radar(world, cycle, seed_framework):
    from digiorg.cycles.services import cycle_open

    later = cycle_open(organization=world.units["HSS"], fiscal_year=2569, framework=seed_framework)
    board = dashboard(later, today=date(2026, 1, 10))
    assert board.previous == cycle
    dims = {d.node.ref: d for d in board.dimensions}
    assert round(dims["2"].last_year.self_score, 2) == 20.83
    assert round(board.overall_last_year.self_score, 2) == 3.47


def test_pages_show_the_figures_and_link_down(world, cycle):
    page = world.client("executive").get(reverse("dashboards:department") + f"?cycle={cycle.pk}")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="overall-self">3.5<' in html
    assert reverse("dashboards:overdue") + f"?cycle={cycle.pk}" in html
    assert reverse("dashboards:unit", args=[world.units["R1"].pk]) in html
    assert "?expiry=expired" in html and reverse("reports:report", args=[cycle.pk, "pdf"]) in html
    assert chart_data(html)["heatmap"]["units"] == [
        "ศูนย์สนับสนุนบริการสุขภาพที่ 1",
        "ศูนย์สนับสนุนบริการสุขภาพที่ 2",
    ]
    # the units x topics table: R1's row, its overall 70 and its 2.2 cell linking to its answers
    workspace = (
        reverse("assessments:workspace") + f"?cycle={cycle.pk}&amp;unit={world.units['R1'].pk}"
    )
    assert '<tr data-unit="R1">' in html and f'<a href="{workspace}">70</a>' in html
    unit_page = world.client("member").get(reverse("dashboards:unit", args=[world.units["R1"].pk]))
    assert (
        unit_page.status_code == 200
        and 'data-testid="overall-self">70<' in unit_page.content.decode()
    )


@pytest.mark.parametrize(
    "who, department, own_unit, other_unit",
    [
        ("executive", 200, 200, 200),
        ("secretariat", 200, 200, 200),
        ("auditor", 200, 200, 200),
        ("admin", 200, 200, 200),
        ("coordinator", 302, 200, 404),
        ("member", 302, 200, 404),
        ("r2-staff", 302, 404, 200),
        ("other-staff", 404, 404, 404),
    ],
)
def test_who_sees_which_dashboard(world, cycle, who, department, own_unit, other_unit):
    client = world.client(who)
    assert (
        client.get(reverse("dashboards:department") + f"?cycle={cycle.pk}").status_code
        == department
    )
    assert (
        client.get(reverse("dashboards:unit", args=[world.units["R1"].pk])).status_code == own_unit
    )
    assert (
        client.get(reverse("dashboards:unit", args=[world.units["R2"].pk])).status_code
        == other_unit
    )


def test_anonymous_and_no_role(world, cycle, django_user_model):
    assert world.client(None).get(reverse("dashboards:department")).status_code == 302
    nobody = django_user_model.objects.create_user(
        username="nobody", password="x" * 12, name="ไม่มีบทบาท"
    )
    from django.test import Client

    client = Client()
    client.force_login(nobody)
    assert client.get(reverse("dashboards:department")).status_code == 200  # no cycle to show
    assert client.get(reverse("dashboards:department") + f"?cycle={cycle.pk}").status_code == 404


def test_overdue_list_is_scoped(world, cycle):
    url = reverse("dashboards:overdue") + f"?cycle={cycle.pk}"
    assert "โครงการของ R2" in world.client("executive").get(url).content.decode()
    assert "โครงการของ R2" not in world.client("member").get(url).content.decode()


def grow(world, cycle, extra: int):
    """`extra` more units answering topic 2.2 with actions, answers and evidence."""
    parent = world.units["R2"]
    criteria = list(cycle.framework.criteria.filter(node__ref="2.2"))
    for n in range(extra):
        unit = unit_create(parent=parent, kind="group", code=f"G{n}", name_th=f"กลุ่ม {n}")
        assignments_set(cycle=cycle, criteria=criteria, units=[unit], kind="answers")
        world.units[f"G{n}"] = unit
        action_in(world, cycle, S.APPROVED, unit="R2").criteria.set(criteria[:2])
    snapshot_take(cycle, TODAY)


def test_query_counts_do_not_grow(world, cycle, django_assert_max_num_queries):
    executive, member = world.client("executive"), world.client("member")
    department = reverse("dashboards:department") + f"?cycle={cycle.pk}"
    unit = reverse("dashboards:unit", args=[world.units["R1"].pk]) + f"?cycle={cycle.pk}"
    for size in ("small", "larger"):
        if size == "larger":
            grow(world, cycle, 25)
        executive.get(department), member.get(unit)  # warm up (content types, sessions)
        with django_assert_max_num_queries(12):
            assert executive.get(department).status_code == 200
        with django_assert_max_num_queries(12):
            assert member.get(unit).status_code == 200
    assert executive.get(department).content.decode().count("<tr data-unit=") == 27


def test_missing_reports_list_matches_the_figure(world, cycle):
    """Today every quarter of FY 2568 is due: the two live actions lack a report for some
    quarter (the running one sent only Q1), so both are listed, and nothing else."""
    client = world.client("executive")
    page = client.get(reverse("dashboards:overdue") + f"?cycle={cycle.pk}&kind=reports")
    assert page.status_code == 200
    listed = {a.title for a in page.context["page"]}
    assert listed == {"โครงการของ R1", "โครงการของ R2"}
    assert {a.status for a in page.context["page"]} == {S.IN_PROGRESS, S.APPROVED}
    region = client.get(
        reverse("dashboards:overdue")
        + f"?cycle={cycle.pk}&kind=reports&unit={world.units['R2'].pk}"
    )
    assert [a.unit.code for a in region.context["page"]] == ["R2"]
    html = client.get(reverse("dashboards:department") + f"?cycle={cycle.pk}").content.decode()
    assert "kind=reports" in html
