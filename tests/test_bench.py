"""seed_bench at a tiny factor, its idempotence, and `bench --json` on that data."""

import io
import json

import pytest
from django.core.management import call_command
from django.db.models import Count

from digiorg.accounts.models import User
from digiorg.assessments.models import CriterionAssessment
from digiorg.catalogue.models import Dataset
from digiorg.cycles.models import Assignment, Cycle
from digiorg.evidence.models import Evidence, EvidenceRevision
from digiorg.org.models import OrgUnit
from digiorg.plans.models import Action, ProgressReport
from digiorg.sample.bench.catalogue import catalogue_size
from digiorg.sample.bench.common import NATIONAL_ANSWERS, REVISIONS_PER_EVIDENCE, sizes_for
from digiorg.sample.bench.measure import PAGE_QUERY_BUDGET, QUERY_BUDGET, QUERY_BUDGETS
from digiorg.scoring.models import ScoreSnapshot, SnapshotDue

FACTOR = 0.01
PAGES = {
    "healthz", "dashboard_department", "dashboard_unit", "plan", "plan_topic", "assessment_workspace",
    "evidence_library", "api_scores", "national_rollup", "package_search",
}  # fmt: skip


def _counts() -> dict[str, int]:
    bench = {"organization__code": "BENCH"}
    national = {"organization__code__startswith": "NAT"}
    return {
        "units": OrgUnit.objects.filter(**bench).exclude(code="BENCH").count(),
        "cycles": Cycle.objects.filter(**bench).count(),
        "assignments": Assignment.objects.filter(**bench).count(),
        "actions": Action.objects.filter(**bench).count(),
        "reports": ProgressReport.objects.filter(**bench).count(),
        "evidence": Evidence.objects.filter(**bench).count(),
        "revisions": EvidenceRevision.objects.filter(evidence__organization__code="BENCH").count(),
        "assessments": CriterionAssessment.objects.filter(**bench).count(),
        "snapshots": ScoreSnapshot.objects.filter(**bench).count(),
        "departments": OrgUnit.objects.filter(kind="department", code__startswith="NAT").count(),
        "national_cycles": Cycle.objects.filter(**national).count(),
        "national_assessments": CriterionAssessment.objects.filter(**national).count(),
        "national_latest": ScoreSnapshot.objects.filter(
            latest=True, unit=None, node=None, **national
        ).count(),
        "users": User.objects.filter(username__startswith="bench-").count(),
        "datasets": dict(  # type: ignore[dict-item]
            Dataset.objects.filter(**bench).values_list("status").annotate(n=Count("pk"))
        ),
    }


def _seed() -> str:
    out = io.StringIO()
    call_command("seed_bench", "--factor", str(FACTOR), stdout=out)
    return out.getvalue()


@pytest.fixture
def bench_data(db):
    _seed()
    return _counts()


def test_sizes_scale_with_the_factor():
    full, tiny = sizes_for(1.0), sizes_for(FACTOR)
    assert (full.units, full.cycles, full.actions, full.revisions, full.departments) == (
        40, 5, 10_000, 50_000, 2_000,
    )  # fmt: skip
    assert full.national_answers == 1_000_000
    assert tiny.actions == full.actions * FACTOR
    assert tiny.revisions == full.revisions * FACTOR
    assert tiny.departments == full.departments * FACTOR
    assert tiny.national_answers == full.national_answers * FACTOR
    # floors keep a division with groups and a previous cycle
    assert tiny.units == 5 and tiny.cycles == 2


def test_twice_the_department_is_twice_each_year():
    """--factor 2 doubles what the latest year holds (the year the key pages show), so the
    bench's growth check measures pages over twice the actions, not over twice the years."""
    full, twice = sizes_for(1.0), sizes_for(2.0)
    assert twice.cycles == full.cycles == 5
    assert twice.actions / twice.cycles == 2 * full.actions / full.cycles
    assert (twice.units, twice.revisions) == (2 * full.units, 2 * full.revisions)


def test_seed_counts_are_proportional(bench_data):
    counts, sizes = bench_data, sizes_for(FACTOR)
    assert counts["units"] == sizes.units
    assert counts["cycles"] == sizes.cycles
    assert counts["actions"] == sizes.actions
    assert counts["evidence"] == sizes.evidence
    assert counts["revisions"] == sizes.evidence * REVISIONS_PER_EVIDENCE
    assert counts["departments"] == sizes.departments
    assert counts["national_cycles"] == sizes.departments
    assert counts["national_assessments"] == sizes.departments * NATIONAL_ANSWERS
    assert counts["national_latest"] == sizes.departments
    assert counts["assignments"] > 0 and counts["reports"] > 0
    # every slot of every cycle is answered, and each cycle has a latest snapshot
    assert counts["assessments"] > counts["cycles"] * 94  # more than one answer per criterion
    latest = ScoreSnapshot.objects.filter(
        organization__code="BENCH", latest=True, unit=None, node=None
    )
    assert latest.count() == counts["cycles"]
    assert counts["snapshots"] > latest.count()  # earlier days for the trend
    # the tree is consistent: each unit carries its department and a path under it
    for unit in OrgUnit.objects.filter(code__startswith="NAT").exclude(kind="ministry"):
        department = unit if unit.kind == "department" else unit.parent
        assert unit.organization_id == department.pk
        assert unit.path.endswith(f"/{unit.pk}/") and unit.path.startswith(department.path)
    # every revision points at the one shared file; each evidence's current is its newest
    assert EvidenceRevision.objects.values("file").distinct().count() == 1
    assert not Evidence.objects.filter(current=None).exists()
    assert counts["users"] == 7
    # the catalogue: published datasets with resources, a tenth as many unpublished ones
    datasets = dict(counts["datasets"])
    assert datasets.pop("published") == catalogue_size(FACTOR) == 100
    assert sum(datasets.values()) == 10 and len(datasets) == 4
    assert not Dataset.objects.filter(organization__code="BENCH", resources=None).exists()


def test_seed_again_adds_nothing(bench_data):
    out = _seed()
    assert "already there" in out
    assert _counts() == bench_data


def test_bench_json(bench_data):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "bench", "--json", "--skip-seed", "--runs", "1", "--upload-mb", "1",
        "--load-requests", "0",  # gunicorn would not see this test's uncommitted data
        stdout=out, stderr=err,
    )  # fmt: skip
    result = json.loads(out.getvalue())  # exactly one JSON object
    assert set(result) == PAGES | {"answer_save", "upload", "load", "growth"}
    for key in PAGES:
        page = result[key]
        assert page["status"] == 200, key
        assert isinstance(page["queries"], int) and page["queries"] <= PAGE_QUERY_BUDGET, key
        assert page["median_ms"] > 0 and page["ratio_to_healthz"] > 0
        assert isinstance(page["budget_ok"], bool)
    assert result["healthz"]["ratio_to_healthz"] == 1.0
    # the dashboards, from the cache after the warm-ups, within the key pages' query budget
    for key in ("dashboard_department", "dashboard_unit"):
        assert result[key]["queries"] <= QUERY_BUDGET, key
    assert result["package_search"]["queries"] <= QUERY_BUDGETS["package_search"] == 10
    assert result["load"] == {} and result["growth"] == {}
    assert result["upload"]["size_mb"] == 1 and result["upload"]["sha256_ok"]
    save = result["answer_save"]
    assert save["status"] == 302 and save["budget_ok"] and save["median_ms"] > 0
    # the bench put the answer back and ran the queued refresh: nothing left waiting
    assert not SnapshotDue.objects.exists()


def test_growth_marks_a_key_page_whose_median_moves_more_than_a_fifth():
    from digiorg.sample.bench.measure import growth

    before = {"plan": {"median_ms": 10.0}, "dashboard_unit": {"median_ms": 9.0}}
    after = {"plan": {"median_ms": 13.0}, "dashboard_unit": {"median_ms": 10.0}}
    grown = growth(after, before)
    assert grown["plan"]["change"] == 0.3 and not grown["plan"]["budget_ok"]
    assert grown["dashboard_unit"]["budget_ok"]
    assert "healthz" not in grown and "evidence_library" not in grown  # not in both runs
