"""Score snapshots leave the request: an answer save queues one debounced refresh per cycle,
`digiorg worker` computes it once; until then the dashboard computes the new figures live. An answer
save (page POST or API PATCH) costs a fixed number of queries whatever the data size."""

import re
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from digiorg.assessments.models import CriterionAssessment
from digiorg.assessments.services import assessments_submit
from digiorg.core.templatetags.ui import score
from digiorg.cycles.services import assignments_set
from digiorg.scoring import services as scoring_services
from digiorg.scoring.models import ScoreSnapshot, SnapshotDue
from digiorg.scoring.selectors import score_document
from digiorg.scoring.tasks import snapshot_request

from .assess_data import answer, assessed_cycle, evidence

A = CriterionAssessment
REFRESH = "digiorg.scoring.tasks.snapshot_refresh"


@pytest.fixture
def cycle(world, seed_framework):
    return assessed_cycle(world, seed_framework)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Tests run inside one transaction: this runs a block's on-commit hooks at its end, as
    the block's own commit would."""

    @contextmanager
    def block():
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            yield callbacks

    return block


@pytest.fixture
def computations(monkeypatch):
    """The cycles whose snapshot was computed, in order."""
    seen: list[int] = []
    take = scoring_services.snapshot_take

    def counting(cycle, day=None):
        seen.append(cycle.pk)
        return take(cycle, day)

    monkeypatch.setattr(scoring_services, "snapshot_take", counting)
    return seen


def queued() -> int:
    return DBTaskResult.objects.filter(task_path=REFRESH, status=TaskResultStatus.READY).count()


def overall_self(world, cycle) -> str:
    """The overall self-assessed score the executive's dashboard shows."""
    page = world.client("executive").get(reverse("dashboards:department") + f"?cycle={cycle.pk}")
    assert page.status_code == 200
    return re.search(r'data-testid="overall-self">([^<]*)<', page.content.decode()).group(1)


def test_many_saves_queue_one_refresh_and_the_worker_computes_once(
    world, cycle, tasks_queued, committed, computations
):
    proof = [evidence(world)]
    with committed():  # one request saving three answers
        for ref in ("2.2-1", "2.2-2", "2.2-5"):
            answer(world, cycle, ref, "met", proof=proof)
    for ref in ("2.2-3", "2.2-4"):  # two more requests before the worker runs
        with committed():
            answer(world, cycle, ref, "not_met")
    assert queued() == 1
    assert SnapshotDue.objects.filter(cycle=cycle).count() == 1
    assert computations == []
    assert not ScoreSnapshot.objects.filter(cycle=cycle).exists()  # nothing computed in a request

    call_command("worker", "--batch", verbosity=0)

    assert computations == [cycle.pk]
    assert queued() == 0
    assert not SnapshotDue.objects.exists()
    assert DBTaskResult.objects.get(task_path=REFRESH).status == TaskResultStatus.SUCCESSFUL
    assert ScoreSnapshot.objects.filter(cycle=cycle, unit=None, node=None, latest=True).count() == 1


def test_the_dashboard_shows_the_new_figures_before_and_after_the_task_runs(
    world, cycle, tasks_queued, committed
):
    with committed():
        answer(world, cycle, "2.2-1", "not_met")
    call_command("worker", "--batch", verbosity=0)
    first = overall_self(world, cycle)
    proof = [evidence(world)]
    with committed():
        for ref in ("2.2-1", "2.2-2", "2.2-5", "2.2-3", "2.2-4", "2.2-6"):
            answer(world, cycle, ref, "met", proof=proof)
        assessments_submit(
            actor=world.people["coordinator"], cycle=cycle, unit=world.units["R1"],
            node=cycle.framework.nodes.get(ref="2.2"),
        )  # fmt: skip
    # the refresh is due: the dashboard computes the figures now rather than show the old ones
    assert SnapshotDue.objects.filter(cycle=cycle).exists()
    live = overall_self(world, cycle)
    assert live == score(score_document(cycle)["self_score"]) and float(live) > float(first)
    call_command("worker", "--batch", verbosity=0)
    assert overall_self(world, cycle) == live  # and the snapshot holds the same


def test_a_change_during_the_computation_queues_the_next_refresh(
    world, cycle, tasks_queued, committed, monkeypatch
):
    with committed():
        answer(world, cycle, "2.2-1", "not_met")
    take = scoring_services.snapshot_take

    def with_a_change(cycle_, day=None):
        # another request commits a change while the worker computes
        assert not SnapshotDue.objects.filter(cycle=cycle_).exists()  # the mark went first
        assert snapshot_request(cycle_.pk) is True
        return take(cycle_, day)

    monkeypatch.setattr(scoring_services, "snapshot_take", with_a_change)
    call_command("worker", "--max-tasks", "1", verbosity=0)
    assert queued() == 1  # the change is not lost: the next refresh waits
    assert SnapshotDue.objects.filter(cycle=cycle).exists()


def test_a_lost_refresh_is_queued_again_once_its_mark_is_stale(
    world, cycle, tasks_queued, committed, settings
):
    with committed():
        answer(world, cycle, "2.2-1", "not_met")
    DBTaskResult.objects.all().delete()  # the queued task is lost (a queue emptied by hand)
    assert snapshot_request(cycle.pk) is False  # still marked, not yet stale
    settings.DIGIORG_SNAPSHOT_STALE_SECONDS = 0
    assert snapshot_request(cycle.pk) is True
    assert queued() == 1


# ---------------------------------------------------------------- the cost of an answer save


def grow(world, cycle, seed_framework):
    """Every unit-scope criterion assigned to R1, R2 and R1-STD; each answers up to 40 plain ones
    (at least 45 answers in all with the FY 2568 file)."""
    criteria = list(cycle.framework.criteria.filter(retired=False, scope="unit"))
    units = [world.units[k] for k in ("R1", "R2", "R1-STD")]
    assignments_set(cycle=cycle, criteria=criteria, units=units, kind="answers")
    who = {"R1": "member", "R2": "r2-staff", "R1-STD": "r1-staff"}
    for unit in units:
        proof = [evidence(world, unit=unit.code, who=who[unit.code]) for _ in range(3)]
        plain = [c for c in criteria if c.kind == "result"]  # checklists are answered by ticks
        for c in plain[:40]:
            if not A.objects.filter(cycle=cycle, criterion=c, unit=unit).exists():
                answer(world, cycle, c.ref, "met", unit=unit.code, who=who[unit.code], proof=proof)


def test_an_answer_save_costs_the_same_few_queries_at_two_sizes(
    world, cycle, seed_framework, tasks_queued, committed, computations,
    django_assert_max_num_queries, django_assert_num_queries,
):  # fmt: skip
    member = world.client("member")
    target = answer(world, cycle, "2.2-1", "not_met")
    evidence(world)  # the unit holds evidence to choose from at both sizes
    page = reverse("assessments:answer", args=[cycle.pk, target.criterion_id, target.unit_id])
    api = f"/api/v1/assessments/{target.pk}/"
    member.get(page)  # the session's first request also checks MFA and writes the session
    results = iter(["not_applicable", "not_met"] * 8)  # each save changes the answer

    def save_page() -> int:
        version = A.objects.get(pk=target.pk).version
        computed = len(computations)
        with django_assert_max_num_queries(30) as captured, committed():
            response = member.post(page, {"result": next(results), "version": version})
        assert response.status_code == 302
        assert len(computations) == computed  # no snapshot computed in the request
        return len(captured)

    def save_api() -> int:
        version = A.objects.get(pk=target.pk).version
        computed = len(computations)
        with django_assert_max_num_queries(30) as captured, committed():
            response = member.patch(
                api, {"result": next(results), "note": "", "version": version},
                content_type="application/json",
            )  # fmt: skip
        assert response.status_code == 200, response.content
        assert len(computations) == computed
        return len(captured)

    def sizes() -> dict[str, int]:
        """Saves that start a batch (mark the cycle, queue its refresh) and saves that find the
        refresh pending, by the page and by the API."""
        counts = {}
        call_command("worker", "--batch", verbosity=0)
        counts["page, first of a batch"] = save_page()
        counts["page, refresh pending"] = save_page()
        call_command("worker", "--batch", verbosity=0)
        counts["API, first of a batch"] = save_api()
        counts["API, refresh pending"] = save_api()
        return counts

    small = sizes()
    before = A.objects.filter(cycle=cycle).count()
    grow(world, cycle, seed_framework)
    assert A.objects.filter(cycle=cycle).count() >= before + 45
    large = sizes()
    assert large == small, (small, large)
    assert max(large.values()) <= 30
    assert queued() == 1  # one refresh waits for the worker
