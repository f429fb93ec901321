"""Self-assessment flow: the secretariat's review (two reviewers at once), last year's answers
as a baseline, and score snapshots after changes."""

import copy
import logging
from contextlib import contextmanager
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from digiorg.accounts.roles import Role
from digiorg.assessments.models import AssessmentEvent
from digiorg.assessments.services import (
    assessment_review,
    assessments_baseline,
)
from digiorg.core.errors import ConflictError, PermissionDenied, ValidationFailed
from digiorg.cycles.models import Cycle
from digiorg.cycles.services import assignments_remove, assignments_set, cycle_open
from digiorg.frameworks.services import framework_load
from digiorg.scoring.models import ScoreSnapshot
from digiorg.scoring.selectors import score_document

from .assess_data import TOPIC, answer, assessed_cycle, evidence
from .assessments_flow_data import (
    ALL_22,
    A,
    crit,
    flashed,
    put,
    state,
)
from .conftest import seed_document
from .world import person


@pytest.fixture
def cycle(world, seed_framework, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return assessed_cycle(world, seed_framework)


# ---------------------------------------------------------------------------- assessment_review


@pytest.fixture
def submitted(world, cycle):
    return put(world, cycle, "2.2-1", "R1", "met", "submitted")


def test_verify(world, cycle, submitted):
    v = submitted.version
    done = assessment_review(submitted, actor=world.people["secretariat"], verify=True, version=v)
    done.refresh_from_db()
    assert (done.status, done.version, done.reviewer) == (
        "verified",
        v + 1,
        world.people["secretariat"],
    )
    assert done.reviewed_at is not None and done.review_comment == ""
    last = AssessmentEvent.objects.filter(assessment=done).last()
    assert (last.to_status, last.actor) == ("verified", world.people["secretariat"])


def test_return_needs_a_comment(world, cycle, submitted):
    before = state(cycle)
    for blank in ("", "   "):
        with pytest.raises(ValidationFailed) as exc:
            assessment_review(
                submitted,
                actor=world.people["secretariat"],
                verify=False,
                comment=blank,
                version=submitted.version,
            )
        assert set(exc.value.errors) == {"comment"}
    assert state(cycle) == before
    done = assessment_review(
        submitted,
        actor=world.people["secretariat"],
        verify=False,
        comment="  ขาดหลักฐาน  ",
        version=submitted.version,
    )
    done.refresh_from_db()
    assert (done.status, done.review_comment) == ("returned", "ขาดหลักฐาน")
    last = AssessmentEvent.objects.filter(assessment=done).last()
    assert (last.to_status, last.comment) == ("returned", "ขาดหลักฐาน")


@pytest.mark.parametrize("status", ["draft", "returned", "verified"])
def test_verify_only_a_submitted_answer(world, cycle, status):
    a = put(world, cycle, "2.2-1", "R1", "met", status)
    before = state(cycle)
    with pytest.raises(ValidationFailed):
        assessment_review(a, actor=world.people["secretariat"], verify=True, version=a.version)
    assert state(cycle) == before


def test_a_draft_cannot_be_returned(world, cycle):
    a = put(world, cycle, "2.2-1", "R1", "met", "draft")
    before = state(cycle)
    with pytest.raises(ValidationFailed):
        assessment_review(
            a, actor=world.people["secretariat"], verify=False, comment="x", version=a.version
        )
    assert state(cycle) == before


def test_a_verified_answer_can_be_returned(world, cycle):
    a = put(world, cycle, "2.2-1", "R1", "met", "verified")
    done = assessment_review(
        a,
        actor=world.people["secretariat"],
        verify=False,
        comment="ตรวจพบว่าเอกสารหมดอายุ",
        version=a.version,
    )
    done.refresh_from_db()
    assert done.status == "returned"
    steps = list(AssessmentEvent.objects.filter(assessment=a).values_list("to_status", flat=True))
    assert steps == ["submitted", "verified", "returned"]


@pytest.mark.parametrize(
    "who", ["member", "coordinator", "executive", "auditor", "admin", "r2-staff", "other-staff"]
)
@pytest.mark.parametrize("verify", [True, False])
def test_only_the_secretariat_reviews(world, cycle, submitted, who, verify):
    before = state(cycle)
    with pytest.raises(PermissionDenied):
        assessment_review(
            submitted,
            actor=world.people[who],
            verify=verify,
            comment="ไม่ผ่าน",
            version=submitted.version,
        )
    assert state(cycle) == before


def test_closed_cycle_refuses_review(world, cycle, submitted):
    Cycle.objects.filter(pk=cycle.pk).update(status=Cycle.Status.CLOSED)
    before = state(cycle)
    with pytest.raises(ValidationFailed):
        assessment_review(
            submitted, actor=world.people["secretariat"], verify=True, version=submitted.version
        )
    assert state(cycle) == before


@pytest.fixture
def second_reviewer(world):
    return person(world, "secretariat2", "IT", Role.SECRETARIAT, totp=True)


@pytest.mark.parametrize("second_verifies", [True, False])
def test_two_concurrent_verifications(world, cycle, submitted, second_reviewer, second_verifies):
    # both reviewers open the same answer at the same version
    seen_by_first = A.objects.get(pk=submitted.pk)
    seen_by_second = A.objects.get(pk=submitted.pk)
    assert seen_by_first.version == seen_by_second.version
    assessment_review(
        seen_by_first, actor=world.people["secretariat"], verify=True, version=seen_by_first.version
    )
    after_first = state(cycle)
    with pytest.raises(ConflictError):
        assessment_review(
            seen_by_second,
            actor=second_reviewer,
            verify=second_verifies,
            comment="ยังไม่ครบ",
            version=seen_by_second.version,
        )
    assert state(cycle) == after_first
    stored = A.objects.get(pk=submitted.pk)
    assert (stored.status, stored.reviewer, stored.review_comment) == (
        "verified",
        world.people["secretariat"],
        "",
    )
    assert stored.version == seen_by_first.version + 1
    assert AssessmentEvent.objects.filter(assessment=stored, to_status="verified").count() == 1


@pytest.mark.parametrize("htmx", [False, True])
def test_stale_review_on_the_page_shows_the_conflict(
    world, cycle, submitted, second_reviewer, htmx
):
    stale = submitted.version
    first = world.client("secretariat").post(
        reverse("assessments:review", args=[submitted.pk]),
        {"decision": "verify", "version": stale},
    )
    assert first.status_code == 302
    after_first = state(cycle)
    extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = world.client("secretariat2").post(
        reverse("assessments:review", args=[submitted.pk]),
        {"decision": "return", "comment": "ขอแก้", "version": stale},
        **extra,
    )
    conflict = gettext(
        "Someone else reviewed or changed this answer after you opened it. Reload to see it."
    )
    if htmx:
        assert response.status_code == 200
        assert conflict in response.content.decode()
        assert b"<html" not in response.content
    else:
        assert response.status_code == 302
        assert flashed(response) == [conflict]
    assert state(cycle) == after_first
    stored = A.objects.get(pk=submitted.pk)
    assert (stored.status, stored.reviewer) == ("verified", world.people["secretariat"])


# ---------------------------------------------------------------------------- baseline


def framework_2569(drop=("2.2-6",)):
    """The next year's framework: a new version file, same refs, minus `drop`."""
    doc = copy.deepcopy(seed_document())
    doc["urn"] += "-2569"
    doc["code"] = "dhss-do-2569"
    doc["fiscal_year"] = 2569
    for node in doc["nodes"]:
        node["criteria"] = [c for c in node.get("criteria", []) if c["ref"] not in drop]
    return framework_load(doc, filename="dhss-do-2569.yaml").framework


@pytest.fixture
def last_year(world, cycle):
    """FY 2568 with answers in every state."""
    proof = [evidence(world, title="แผนปี 2568")]
    made = {
        ("R1", "2.2-1"): put(world, cycle, "2.2-1", "R1", "met", "verified", proof, note="ครบ"),
        ("R1", "2.2-2"): put(world, cycle, "2.2-2", "R1", "partial", "submitted", proof),
        ("R1", "2.2-3"): put(world, cycle, "2.2-3", "R1", "not_met", "returned"),
        ("R1", "2.2-4"): put(world, cycle, "2.2-4", "R1", "not_applicable", "draft"),
        ("R1", "2.2-5"): put(world, cycle, "2.2-5", "R1", "met", "submitted", proof),
        ("R1", "2.2-6"): put(world, cycle, "2.2-6", "R1", "not_met", "submitted"),
        ("R2", "2.2-1"): put(world, cycle, "2.2-1", "R2", "partial", "submitted"),
        ("R2", "2.2-2"): put(world, cycle, "2.2-2", "R2", "met", "verified", note="R2"),
    }
    return made


def test_baseline_copies_last_years_submitted_answers(world, cycle, last_year):
    framework = framework_2569()
    new = cycle_open(
        organization=world.units["HSS"], fiscal_year=2569, framework=framework, copy_from=cycle
    )
    assert new.assignments.count() == 5 * 2  # 2.2-6 is gone from the new framework
    # R2 no longer answers 2.2-1; R1 already started 2.2-5 this year
    assignments_remove(cycle=new, criteria=[crit(new, "2.2-1")], units=[world.units["R2"]])
    started = put(world, new, "2.2-5", "R1", "not_met", "draft", note="ปีนี้")
    old_rows = state(cycle)

    n = assessments_baseline(actor=world.people["secretariat"], cycle=new, from_cycle=cycle)

    assert n == 3
    copied = {(a.unit.code, a.criterion.ref): a for a in A.objects.filter(cycle=new, baseline=True)}
    assert set(copied) == {("R1", "2.2-1"), ("R1", "2.2-2"), ("R2", "2.2-2")}
    for key, a in copied.items():
        old = last_year[key]
        assert a.criterion.framework_id == framework.pk
        assert a.criterion_id != old.criterion_id
        assert (a.status, a.result, a.note, a.scope) == ("draft", old.result, old.note, old.scope)
        assert a.organization_id == world.units["HSS"].pk and a.version == 1
        assert a.updated_by == world.people["secretariat"]
        assert a.reviewer is None and a.submitted_at is None
        assert set(a.evidence.all()) == set(old.evidence.all())
    started.refresh_from_db()
    assert (started.result, started.note, started.baseline, started.version) == (
        "not_met",
        "ปีนี้",
        False,
        1,
    )
    assert A.objects.filter(cycle=new).count() == 4
    assert state(cycle) == old_rows  # last year is untouched
    # running it again brings in nothing more
    assert assessments_baseline(actor=world.people["secretariat"], cycle=new, from_cycle=cycle) == 0
    assert A.objects.filter(cycle=new).count() == 4


def test_baseline_refuses_another_departments_cycle(world, cycle, last_year, seed_framework):
    new = cycle_open(
        organization=world.units["HSS"], fiscal_year=2569, framework=seed_framework, copy_from=cycle
    )
    foreign = cycle_open(
        organization=world.units["OTH"], fiscal_year=2568, framework=seed_framework
    )
    before = state()
    for source, target in [(foreign, new), (new, new)]:
        with pytest.raises(ValidationFailed) as exc:
            assessments_baseline(actor=world.people["secretariat"], cycle=target, from_cycle=source)
        assert set(exc.value.errors) == {"from_cycle"}
    with pytest.raises(PermissionDenied):  # the other department's cycle is not theirs to fill
        assessments_baseline(actor=world.people["secretariat"], cycle=foreign, from_cycle=cycle)
    assert state() == before
    # same framework, same department: it works (the refusals above were not for another reason)
    assert assessments_baseline(actor=world.people["secretariat"], cycle=new, from_cycle=cycle) == 6


def test_baseline_into_a_closed_cycle_is_refused(world, cycle, last_year, seed_framework):
    new = cycle_open(
        organization=world.units["HSS"], fiscal_year=2569, framework=seed_framework, copy_from=cycle
    )
    Cycle.objects.filter(pk=new.pk).update(status=Cycle.Status.CLOSED)
    new.refresh_from_db()
    with pytest.raises(ValidationFailed) as exc:
        assessments_baseline(actor=world.people["secretariat"], cycle=new, from_cycle=cycle)
    assert exc.value.errors == {"": gettext("This fiscal year is closed.")}
    assert not A.objects.filter(cycle=new).exists()


def test_baseline_page(world, cycle, last_year, seed_framework):
    new = cycle_open(
        organization=world.units["HSS"], fiscal_year=2569, framework=seed_framework, copy_from=cycle
    )
    url = reverse("assessments:baseline")
    data = {"cycle": new.pk, "from_cycle": cycle.pk}
    assert world.client("coordinator").post(url, data).status_code == 403
    assert world.client("executive").post(url, data).status_code == 403
    assert not A.objects.filter(cycle=new).exists()
    response = world.client("secretariat").post(url, data)
    assert response.status_code == 302
    assert flashed(response) == [
        gettext("%(n)s answers were brought in from FY %(year)s as a starting point.")
        % {"n": 6, "year": 2568}
    ]
    assert A.objects.filter(cycle=new, baseline=True).count() == 6


# ---------------------------------------------------------------------------- snapshots


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block as if its transaction committed: its on-commit callbacks run. Callbacks the
    setup left pending (they would have run at the setup's own commits) are dropped first, and
    those of the block after it, as a real commit does: each block starts clean."""

    @contextmanager
    def block():
        pending = transaction.get_connection().run_on_commit
        pending.clear()
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            yield callbacks
        pending.clear()

    return block


def overall_row(cycle, day):
    return ScoreSnapshot.objects.get(cycle=cycle, day=day, unit=None, node=None)


def test_a_save_writes_todays_snapshot(world, cycle, committed):
    for ref in ALL_22:
        put(world, cycle, ref, "R1", "met", "verified" if ref == "2.2-1" else "submitted")
    assert not ScoreSnapshot.objects.exists()  # nothing committed yet
    with committed() as callbacks:
        answer(world, cycle, "2.2-1", "partial", unit="R2", who="r2-staff")
    assert len(callbacks) == 1
    today = timezone.localdate()
    assert set(ScoreSnapshot.objects.values_list("day", flat=True)) == {today}
    doc = score_document(cycle)
    row = overall_row(cycle, today)
    assert row.organization_id == world.units["HSS"].pk
    assert doc["self_score"] > 0 and doc["verified_score"] > 0
    assert row.self_score == pytest.approx(doc["self_score"], abs=0.005)
    assert row.verified_score == pytest.approx(doc["verified_score"], abs=0.005)
    assert row.progress == pytest.approx(doc["progress"], abs=0.005)
    # a row for every node of the department, and for each answering unit
    nodes = cycle.framework.nodes.filter(retired=False).count()
    department = ScoreSnapshot.objects.filter(unit=None)
    assert department.count() == nodes + 1
    topic_row = department.get(node__ref=TOPIC)
    doc_topic = next(t for d in doc["dimensions"] for t in d["children"] if t["ref"] == TOPIC)
    assert topic_row.self_score == pytest.approx(doc_topic["self_score"], abs=0.005)
    units = set(ScoreSnapshot.objects.exclude(unit=None).values_list("unit__code", flat=True))
    assert units == {"R1", "R2", "HSS"}  # HSS answers the department-scope criteria nobody has
    # the next change replaces the day's rows, it does not add to them
    count = ScoreSnapshot.objects.count()
    with committed():
        put(world, cycle, "2.2-2", "R2", "met", "submitted")
    assert ScoreSnapshot.objects.count() == count
    assert overall_row(cycle, today).self_score == pytest.approx(
        score_document(cycle)["self_score"], abs=0.005
    )
    assert overall_row(cycle, today).self_score > row.self_score


def test_unit_snapshot_matches_the_units_score(world, cycle, committed):
    """A unit's snapshot is the unit's score as its page shows it (the unit and those below)."""
    assignments_set(
        cycle=cycle,
        criteria=[crit(cycle, "1.1-1")],
        units=[world.units["R1"], world.units["R1-STD"]],
        kind="answers",
    )
    put(world, cycle, "1.1-1", "R1", "met", "verified")
    put(world, cycle, "2.2-1", "R1", "partial", "submitted")
    with committed():
        put(world, cycle, "1.1-1", "R1-STD", "not_met", "verified")
    today = timezone.localdate()
    for code in ("R1", "R1-STD", "R2"):
        unit = world.units[code]
        doc = score_document(cycle, unit)
        row = ScoreSnapshot.objects.get(cycle=cycle, day=today, unit=unit, node=None)
        assert (row.self_score, row.verified_score, row.progress) == pytest.approx(
            (doc["self_score"], doc["verified_score"], doc["progress"]), abs=0.005
        ), code
    r1 = ScoreSnapshot.objects.get(cycle=cycle, day=today, unit=world.units["R1"], node=None)
    assert r1.verified_score != pytest.approx(100.0)  # R1-STD's not_met counts for R1 too


def test_take_snapshots_command(world, cycle, seed_framework, capsys):
    for ref in ALL_22:
        put(world, cycle, ref, "R1", "not_met", "submitted")
    closed = cycle_open(organization=world.units["HSS"], fiscal_year=2567, framework=seed_framework)
    Cycle.objects.filter(pk=closed.pk).update(status=Cycle.Status.CLOSED)
    day = date(2025, 1, 15)
    ScoreSnapshot.objects.create(
        organization=world.units["HSS"], cycle=cycle, day=date(2025, 1, 14), self_score=1.0
    )
    call_command("take_snapshots", "--date", "2025-01-15")
    rows = ScoreSnapshot.objects.filter(cycle=cycle, day=day)
    count = rows.count()
    nodes = seed_framework.nodes.filter(retired=False).count()
    assert count == (nodes + 1) * 4  # the department, R1, R2, and HSS answering for itself
    assert str(count) in capsys.readouterr().out
    assert not ScoreSnapshot.objects.filter(cycle=closed).exists()  # closed years are left alone
    assert overall_row(cycle, day).self_score == pytest.approx(0.0)
    assert overall_row(cycle, day).progress == pytest.approx(
        score_document(cycle)["progress"], abs=0.005
    )
    # re-running replaces the day, other days stay
    call_command("take_snapshots", "--date", "2025-01-15")
    assert ScoreSnapshot.objects.filter(cycle=cycle, day=day).count() == count
    assert ScoreSnapshot.objects.filter(cycle=cycle, day=date(2025, 1, 14)).count() == 1
    with pytest.raises(CommandError):
        call_command("take_snapshots", "--date", "15/01/2025")


def test_a_failed_snapshot_is_logged_and_the_save_stands(
    world, cycle, monkeypatch, caplog, committed
):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("digiorg.scoring.services.snapshot_take", broken)
    with (
        caplog.at_level(logging.ERROR, logger="digiorg.scoring.tasks"),
        committed() as callbacks,
    ):
        saved = answer(world, cycle, "2.2-1", "not_met")
    assert len(callbacks) == 1
    assert A.objects.get(pk=saved.pk).result == "not_met"
    assert not ScoreSnapshot.objects.exists()
    failures = [r for r in caplog.records if r.name == "digiorg.scoring.tasks"]
    assert len(failures) == 1
    assert failures[0].levelno == logging.ERROR
    assert str(cycle.pk) in failures[0].getMessage()
    assert failures[0].exc_info[0] is RuntimeError
