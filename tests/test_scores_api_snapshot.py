"""The scores API reads the cycle's newest score snapshot while it is current, so its work
does not grow with the department's answers; while a refresh is due it computes the figures,
so a saved answer shows on the next request (never the lagging snapshot)."""

from contextlib import contextmanager

import pytest

from digiorg.scoring.models import ScoreSnapshot, SnapshotDue
from digiorg.scoring.selectors import score_document

from .assess_data import answer_topic, assessed_cycle

R1_ANSWERS = {"2.2-1": "met", "2.2-2": "partial", "2.2-3": "met", "2.2-4": "not_met",
              "2.2-5": "not_applicable", "2.2-6": "met"}  # fmt: skip
R2_ANSWERS = {"2.2-1": "met", "2.2-2": "partial", "2.2-5": "not_met"}  # those R2 answers


def r2_answers(world, cycle):
    """R2 answers and submits the topic: the department's figures change."""
    answer_topic(world, cycle, R2_ANSWERS, unit="R2", who="r2-staff")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block's on-commit hooks at its end, as its commit would: the snapshot refresh
    (tasks run immediately in the tests)."""

    @contextmanager
    def block():
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return block


@pytest.fixture
def cycle(world, seed_framework, committed):
    cycle = assessed_cycle(world, seed_framework)
    with committed():
        answer_topic(world, cycle, R1_ANSWERS)
    assert ScoreSnapshot.objects.filter(cycle=cycle, latest=True, unit=None).exists()
    assert not SnapshotDue.objects.filter(cycle=cycle).exists()
    return cycle


def scores(client, cycle, unit=None) -> dict:
    url = f"/api/v1/scores/?cycle={cycle.pk}" + (f"&unit={unit.pk}" if unit else "")
    response = client.get(url)
    assert response.status_code == 200
    return response.json()


def overall_row(cycle):
    return ScoreSnapshot.objects.filter(cycle=cycle, latest=True, unit=None, node=None)


def test_reads_the_current_snapshot(world, cycle):
    """The same document as computed, for the department and a unit; and it is the
    snapshot's: a figure only the snapshot holds is what the API gives."""
    executive, r1 = world.client("executive"), world.units["R1"]
    assert scores(executive, cycle) == score_document(cycle)
    assert scores(executive, cycle, r1) == score_document(cycle, r1)
    overall_row(cycle).update(self_score=12.345)
    body = scores(executive, cycle)
    assert body["self_score"] == 12.35 and body["self_level"] == score_document(cycle)["self_level"]
    assert score_document(cycle)["self_score"] != 12.35


def test_new_answer_shows_while_the_refresh_is_due(world, cycle):
    """A worker has not run the refresh yet (the mark is there, the snapshot lags): the API
    computes, and the answer saved a moment ago counts."""
    executive = world.client("executive")
    before = scores(executive, cycle)
    SnapshotDue.objects.create(cycle=cycle, organization=cycle.organization, since=cycle.created_at)
    r2_answers(world, cycle)  # its on-commit hooks do not run: the mark stays
    after = scores(executive, cycle)
    assert after == score_document(cycle) and after["self_score"] != before["self_score"]
    assert overall_row(cycle).get().self_score == pytest.approx(before["self_score"], abs=0.01)


def test_new_answer_shows_after_the_refresh(world, cycle, committed):
    executive = world.client("executive")
    before = scores(executive, cycle)
    with committed():
        r2_answers(world, cycle)
    after = scores(executive, cycle)
    assert after == score_document(cycle) and after["self_score"] != before["self_score"]


def test_query_count_stays_at_two_sizes(world, cycle, committed, django_assert_num_queries):
    """Session, user, memberships, the cycle (with whether its snapshot is current), the
    snapshot's rows and the framework's nodes: as many with twice the answers; fewer than
    computing."""
    executive = world.client("executive")
    url = f"/api/v1/scores/?cycle={cycle.pk}"
    executive.get(url)
    with django_assert_num_queries(6):
        executive.get(url)
    with committed():
        r2_answers(world, cycle)
    with django_assert_num_queries(6):
        body = executive.get(url).json()
    assert body == score_document(cycle)
    SnapshotDue.objects.create(cycle=cycle, organization=cycle.organization, since=cycle.created_at)
    with django_assert_num_queries(8):  # computed: criteria, answers, assignments, nodes
        executive.get(url)
