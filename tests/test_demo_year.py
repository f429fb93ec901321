"""The demo built for a given day: the fiscal year of that day in progress and the two before
it closed, plans, progress, answers and evidence in every state, and a national view."""

from datetime import date, timedelta

import pytest
from django.db import transaction
from django.db.models import Count, Max

from digiorg.assessments.models import AssessmentEvent, CriterionAssessment
from digiorg.catalogue.models import Dataset, Resource, Visit
from digiorg.core.fiscal import fiscal_quarter, fiscal_year, fiscal_year_bounds
from digiorg.cycles.models import Cycle
from digiorg.dashboards.national import national_departments
from digiorg.evidence.models import Evidence, EvidenceRevision
from digiorg.plans.models import Action, ActionEvent, Milestone, ProgressReport
from digiorg.sample.demo import demo_prepare
from digiorg.scoring.models import ScoreSnapshot

from .test_demo_catalogue import check_catalogue

A = CriterionAssessment
OPEN = ["draft", "submitted", "returned", "approved", "in_progress"]


def _counts() -> dict:
    from digiorg.accounts.models import Membership, User
    from digiorg.org.models import OrgUnit

    models = [Cycle, Action, ActionEvent, Milestone, ProgressReport, A, AssessmentEvent,
              Evidence, EvidenceRevision, ScoreSnapshot, User, Membership, OrgUnit, Dataset,
              Resource, Visit]  # fmt: skip
    counts = {m.__name__: m.objects.count() for m in models}
    counts["versions"] = [
        m.objects.aggregate(v=Max("version"))["v"] for m in (Cycle, Action, ProgressReport, A)
    ]
    return counts


def check_demo(today: date) -> None:
    year = fiscal_year(today)
    cycles = {c.fiscal_year: c for c in Cycle.objects.filter(organization__code="HSS")}
    assert sorted(cycles) == [year - 2, year - 1, year]
    assert cycles[year].status != Cycle.Status.CLOSED
    assert cycles[year - 1].status == cycles[year - 2].status == Cycle.Status.CLOSED
    for fy in (year - 2, year - 1):  # closed years: final verified answers, snapshots
        answers = A.objects.filter(cycle=cycles[fy])
        assert answers.count() > 100
        assert set(answers.values_list("status", flat=True)) == {"verified"}
        final = ScoreSnapshot.objects.get(cycle=cycles[fy], latest=True, unit=None, node=None)
        assert 0 < final.verified_score < 100
        days = ScoreSnapshot.objects.filter(cycle=cycles[fy], unit=None, node=None)
        assert days.values("day").distinct().count() >= 4
    # the year in progress: every unit plans, all 7 dimensions, every status, some overdue
    current = Action.objects.filter(cycle=cycles[year])
    assert current.count() >= 40
    dims = {ref.split(".")[0] for ref in current.values_list("criteria__node__ref", flat=True)}
    assert dims == {"1", "2", "3", "4", "5", "6", "7"}
    assert set(current.values_list("status", flat=True)) == set(Action.Status.values)
    assert current.filter(status__in=OPEN, end_date__lt=today).count() >= 3
    # Region 1's coordinator (coord-r1) has a draft and a returned action to edit, one under way
    region = current.filter(unit__code__in=["R1", "R1-STD", "R1-ADM"])
    assert {"draft", "returned", "in_progress"} <= set(region.values_list("status", flat=True))
    planned = set(current.values_list("unit__code", flat=True))
    from digiorg.org.models import OrgUnit

    units = OrgUnit.objects.filter(organization__code="HSS").exclude(code="HSS")
    assert set(units.values_list("code", flat=True)) <= planned
    # dates inside the cycle's fiscal year, milestones inside their action
    for cycle in cycles.values():
        start, end = fiscal_year_bounds(cycle.fiscal_year)
        for action in Action.objects.filter(cycle=cycle).prefetch_related("milestones"):
            assert start <= action.start_date <= action.end_date <= end, action
            for milestone in action.milestones.all():
                assert action.start_date <= milestone.due_date <= action.end_date
    # progress reports for each quarter up to the one in progress, none in the future
    quarter = fiscal_quarter(today)
    reported = set(
        ProgressReport.objects.filter(action__cycle=cycles[year]).values_list("quarter", flat=True)
    )
    assert reported == set(range(1, quarter + 1))
    report_states = set(
        ProgressReport.objects.filter(action__cycle=cycles[year]).values_list("status", flat=True)
    )
    assert {"draft", "submitted"} <= report_states
    # answers in every state; evidence expired and expiring soon
    states = dict(
        A.objects.filter(cycle=cycles[year]).values_list("status").annotate(n=Count("pk"))
    )
    assert set(states) == {"draft", "submitted", "verified", "returned"}
    evidence = Evidence.objects.filter(organization__code="HSS")
    assert evidence.filter(expiry_date__lt=today).exists()
    assert evidence.filter(expiry_date__gte=today, expiry_date__lte=today + timedelta(60)).exists()
    # trend and last year's scores for the dashboard
    assert ScoreSnapshot.objects.filter(cycle=cycles[year], unit=None, node=None).count() >= 3
    # national view: several departments with scores for the year in progress
    rows = list(national_departments(year))
    assert len(rows) >= 3 and all(r["self_score"] is not None for r in rows)
    assert len({round(r["self_score"], 1) for r in rows}) >= 3
    check_catalogue(today)  # the data catalogue, relative to the day too


def _plans() -> list[tuple]:
    return list(
        Action.objects.order_by("cycle__fiscal_year", "title", "unit__code", "start_date")
        .values_list("cycle__fiscal_year", "title", "unit__code", "status", "start_date", "end_date")
    )  # fmt: skip


class Rollback(Exception):
    pass


def test_demo_on_the_first_of_december_is_repeatable_and_safe_twice(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    today = date(2026, 12, 1)
    with pytest.raises(Rollback), transaction.atomic():
        demo_prepare(say=lambda _: None, today=today)
        first = _plans()
        raise Rollback
    demo_prepare(say=lambda _: None, today=today)
    assert _plans() == first  # the same day gives the same demo
    check_demo(today)
    before = _counts()
    said: list[str] = []
    demo_prepare(say=said.append, today=today)
    assert _counts() == before
    assert "cycle FY 2570: already there" in said


def test_demo_in_another_quarter(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    today = date(2027, 5, 15)
    demo_prepare(say=lambda _: None, today=today)
    check_demo(today)
    cycle = Cycle.objects.get(organization__code="HSS", fiscal_year=2570)
    reviewed = ProgressReport.objects.filter(action__cycle=cycle, status="reviewed")
    assert set(reviewed.values_list("quarter", flat=True)) == {1, 2}
    assert _plans() != []
