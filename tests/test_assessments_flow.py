"""Self-assessment flow: slots, answering, submitting, reviewing, baseline, snapshots, pages and
their query counts. Every refusal is checked to leave the stored rows as they were."""

import copy
import logging
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from digiorg.accounts.roles import Role
from digiorg.assessments.models import AssessmentEvent, CriterionAssessment
from digiorg.assessments.selectors import workspace
from digiorg.assessments.services import (
    assessment_review,
    assessment_save,
    assessments_baseline,
    assessments_submit,
)
from digiorg.assessments.slots import cycle_slots
from digiorg.core.errors import ConflictError, PermissionDenied, ValidationFailed
from digiorg.cycles.models import Cycle
from digiorg.cycles.services import assignments_remove, assignments_set, cycle_open
from digiorg.frameworks.services import framework_load
from digiorg.org.models import OrgUnit
from digiorg.org.services import unit_create
from digiorg.scoring.models import ScoreSnapshot
from digiorg.scoring.selectors import score_document

from .assess_data import DEPARTMENT_SCOPE, TOPIC, UNIT_SCOPE, answer, assessed_cycle, evidence
from .conftest import seed_document
from .world import person

A = CriterionAssessment
ALL_22 = ("2.2-1", "2.2-2", "2.2-3", "2.2-4", "2.2-5", "2.2-6")
# who answers, and who submits, for each unit of the world
ANSWERERS = {"R1": "member", "R1-STD": "r1-staff", "R2": "r2-staff", "HSS": "secretariat"}
SUBMITTERS = {"R1": "coordinator", "R1-STD": "coordinator", "R2": "r2-staff", "HSS": "secretariat"}


# ---------------------------------------------------------------------------- helpers


def crit(cycle, ref):
    return cycle.framework.criteria.get(ref=ref)


def topic(cycle, ref=TOPIC):
    return cycle.framework.nodes.get(ref=ref)


def put(
    world, cycle, ref, unit="R1", result="met", status="draft", proof=None, note="", options=None
):
    """An answer brought to `status` through the real services (one criterion at a time).
    `options`: the codes in place of a checklist or any_of criterion (its result follows)."""
    if proof is None:
        proof = (
            [evidence(world, unit=unit, who=ANSWERERS[unit])]
            if result in ("met", "partial") or options
            else []
        )
    c, u = crit(cycle, ref), world.units[unit]
    a = assessment_save(
        actor=world.people[ANSWERERS[unit]],
        cycle=cycle,
        criterion=c,
        unit=u,
        result=result,
        note=note,
        evidence=proof,
        options=options,
    )
    if status != A.Status.DRAFT:
        assessments_submit(actor=world.people[SUBMITTERS[unit]], cycle=cycle, unit=u, criterion=c)
    if status in (A.Status.VERIFIED, A.Status.RETURNED):
        a.refresh_from_db()
        verify = status == A.Status.VERIFIED
        assessment_review(
            a,
            actor=world.people["secretariat"],
            verify=verify,
            comment="" if verify else "โปรดแนบหลักฐานเพิ่ม",
            version=a.version,
        )
    a.refresh_from_db()
    assert a.status == status
    return a


def slot_units(cycle, ref):
    c = crit(cycle, ref)
    return sorted(u for cid, u in cycle_slots(cycle) if cid == c.pk)


def state(cycle=None):
    """Everything a refused write must leave as it was."""
    rows = A.objects.all() if cycle is None else A.objects.filter(cycle=cycle)
    return {
        "answers": sorted(
            rows.values_list(
                "pk",
                "criterion_id",
                "unit_id",
                "result",
                "note",
                "status",
                "version",
                "baseline",
                "reviewer_id",
                "review_comment",
            )
        ),
        "evidence": sorted(
            A.evidence.through.objects.filter(criterionassessment__in=rows).values_list(
                "criterionassessment_id", "evidence_id"
            )
        ),
        "events": AssessmentEvent.objects.count(),
    }


def flashed(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def ws_url(cycle, unit):
    return reverse("assessments:workspace") + f"?cycle={cycle.pk}&unit={unit.pk}"


@pytest.fixture
def cycle(world, seed_framework, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return assessed_cycle(world, seed_framework)


# ---------------------------------------------------------------------------- slots


def test_unit_scope_criterion_has_one_slot_per_assigned_unit(world, cycle):
    r1, r2, std = (world.units[k].pk for k in ("R1", "R2", "R1-STD"))
    for ref in UNIT_SCOPE:
        assert slot_units(cycle, ref) == sorted([r1, r2])
    assignments_set(
        cycle=cycle, criteria=[crit(cycle, "2.2-1")], units=[world.units["R1-STD"]], kind="answers"
    )
    assert slot_units(cycle, "2.2-1") == sorted([r1, r2, std])
    assert slot_units(cycle, "2.2-2") == sorted([r1, r2])
    # a unit-scope criterion given to nobody expects no answer at all
    assert slot_units(cycle, "1.1-1") == []


def test_department_scope_criterion_has_one_slot(world, cycle):
    r1, r2, hss = (world.units[k].pk for k in ("R1", "R2", "HSS"))
    # 2.2: R1 responsible, R2 answers -> the responsible unit only
    for ref in DEPARTMENT_SCOPE:
        assert slot_units(cycle, ref) == [r1]
    # responsible beats any other assigned unit, whatever the order of the tree
    c = crit(cycle, "2.3-1")
    assignments_set(cycle=cycle, criteria=[c], units=[world.units["R1"]], kind="answers")
    assignments_set(cycle=cycle, criteria=[c], units=[world.units["R2"]], kind="responsible")
    assert slot_units(cycle, "2.3-1") == [r2]
    assignments_set(cycle=cycle, criteria=[c], units=[world.units["R1"]], kind="responsible")
    assignments_set(cycle=cycle, criteria=[c], units=[world.units["R2"]], kind="answers")
    assert slot_units(cycle, "2.3-1") == [r1]
    # nobody responsible: the (first) assigned unit, still a single slot
    c = crit(cycle, "2.3-2")
    assignments_set(cycle=cycle, criteria=[c], units=[world.units["R2"]], kind="answers")
    assert slot_units(cycle, "2.3-2") == [r2]
    assignments_set(cycle=cycle, criteria=[c], units=[world.units["R1"]], kind="answers")
    assert len(slot_units(cycle, "2.3-2")) == 1
    assert slot_units(cycle, "2.3-2")[0] in (r1, r2)
    # nobody assigned: the department itself
    assert slot_units(cycle, "2.3-3") == [hss]
    assert slot_units(cycle, "1.2-1") == [hss]


def test_department_answer_keeps_its_unit_when_responsibility_moves(world, cycle):
    r1, r2 = world.units["R1"], world.units["R2"]
    given = put(world, cycle, "2.2-3", "R1", "not_met")
    criteria = [crit(cycle, "2.2-3"), crit(cycle, "2.2-4")]
    assignments_set(cycle=cycle, criteria=criteria, units=[r2], kind="responsible")
    assignments_set(cycle=cycle, criteria=criteria, units=[r1], kind="answers")
    assert slot_units(cycle, "2.2-3") == [r1.pk]  # answered: stays with R1
    assert slot_units(cycle, "2.2-4") == [r2.pk]  # not yet answered: moves to R2
    before = state(cycle)
    with pytest.raises(ValidationFailed) as exc:
        put(world, cycle, "2.2-3", "R2", "not_met")
    assert "2.2-3" in exc.value.errors["unit"]
    assert state(cycle) == before
    again = assessment_save(
        actor=world.people["member"],
        cycle=cycle,
        criterion=criteria[0],
        unit=r1,
        result="not_applicable",
        version=1,
    )
    assert (again.pk, again.result, again.version) == (given.pk, "not_applicable", 2)


@pytest.mark.parametrize(
    "unit, ref",
    [
        ("R2", "2.2-3"),  # department scope, R1 is responsible
        ("R1-STD", "2.2-1"),  # unit scope, R1-STD not assigned
        ("R1", "1.1-1"),  # nobody assigned
        ("HSS", "2.2-4"),  # the department itself, but R1 is responsible
    ],
)
def test_saving_for_a_unit_that_is_not_a_slot_is_refused(world, cycle, unit, ref):
    with pytest.raises(ValidationFailed) as exc:
        assessment_save(
            actor=world.people[ANSWERERS[unit]],
            cycle=cycle,
            criterion=crit(cycle, ref),
            unit=world.units[unit],
            result="not_met",
        )
    assert set(exc.value.errors) == {"unit"}
    assert ref in exc.value.errors["unit"]
    with pytest.raises(ValidationFailed):
        put(world, cycle, ref, unit, "not_met")
    assert not A.objects.exists()


# ---------------------------------------------------------------------------- assessment_save


def test_save_creates_then_updates_with_version(world, cycle):
    first = answer(world, cycle, "2.2-1", "met", note="ครั้งแรก")
    assert (first.status, first.version, first.result, first.baseline) == ("draft", 1, "met", False)
    assert first.organization_id == world.units["HSS"].pk
    assert first.scope == "unit" and first.updated_by == world.people["member"]
    assert first.evidence.count() == 1
    second = answer(
        world, cycle, "2.2-1", "partial", who="coordinator", note="แก้ไข", version=1, proof=[]
    )
    assert second.pk == first.pk
    second.refresh_from_db()
    assert (second.result, second.note, second.version) == ("partial", "แก้ไข", 2)
    assert second.updated_by == world.people["coordinator"]
    assert second.evidence.count() == 0
    assert A.objects.count() == 1
    # version None means "no check": a later save still moves the version on
    third = answer(world, cycle, "2.2-1", "not_met")
    assert third.version == 3


def test_stale_version_is_a_conflict_and_changes_nothing(world, cycle):
    kept = answer(world, cycle, "2.2-1", "met", note="ของสมาชิก")
    answer(
        world,
        cycle,
        "2.2-1",
        "met",
        note="ของผู้ประสานงาน",
        version=1,
        who="coordinator",
        proof=list(kept.evidence.all()),
    )
    before = state(cycle)
    with pytest.raises(ConflictError):
        answer(world, cycle, "2.2-1", "not_met", note="เขียนทับ", version=1, proof=[])
    assert state(cycle) == before
    kept.refresh_from_db()
    assert (kept.result, kept.note, kept.version) == ("met", "ของผู้ประสานงาน", 2)
    assert kept.evidence.count() == 1


def test_version_for_an_answer_that_does_not_exist_is_a_conflict(world, cycle):
    with pytest.raises(ConflictError):
        answer(world, cycle, "2.2-1", "not_met", version=4)
    assert not A.objects.exists()
    # 0 means "I saw no answer": creating is fine
    assert answer(world, cycle, "2.2-1", "not_met", version=0).version == 1


@pytest.mark.parametrize("status", ["submitted", "verified"])
def test_submitted_or_verified_answer_cannot_be_changed(world, cycle, status):
    a = put(world, cycle, "2.2-1", "R1", "met", status)
    before = state(cycle)
    with pytest.raises(ValidationFailed) as exc:
        answer(world, cycle, "2.2-1", "not_met", version=a.version, proof=[])
    assert set(exc.value.errors) == {""}
    with pytest.raises(ValidationFailed):
        answer(world, cycle, "2.2-1", "not_met", proof=[])
    assert state(cycle) == before


def test_returned_answer_can_be_changed_and_resubmitted(world, cycle):
    a = put(world, cycle, "2.2-1", "R1", "met", "returned")
    changed = answer(world, cycle, "2.2-1", "partial", version=a.version)
    assert (changed.status, changed.result, changed.version) == (
        "returned",
        "partial",
        a.version + 1,
    )
    assessments_submit(
        actor=world.people["coordinator"],
        cycle=cycle,
        unit=world.units["R1"],
        criterion=crit(cycle, "2.2-1"),
    )
    changed.refresh_from_db()
    assert changed.status == "submitted"


def test_closed_cycle_refuses_answers(world, cycle):
    a = answer(world, cycle, "2.2-1", "not_met")
    Cycle.objects.filter(pk=cycle.pk).update(status=Cycle.Status.CLOSED)
    cycle.refresh_from_db()
    before = state(cycle)
    with pytest.raises(ValidationFailed):
        answer(world, cycle, "2.2-1", "met", version=a.version)
    with pytest.raises(ValidationFailed):
        answer(world, cycle, "2.2-2", "not_met")
    assert state(cycle) == before


@pytest.mark.parametrize("bad", ["excellent", "MET", "1"])
def test_bad_result_is_refused(world, cycle, bad):
    with pytest.raises(ValidationFailed) as exc:
        answer(world, cycle, "2.2-1", bad, proof=[])
    assert set(exc.value.errors) == {"result"}
    assert not A.objects.exists()
    a = answer(world, cycle, "2.2-1", "not_met")
    before = state(cycle)
    with pytest.raises(ValidationFailed):
        answer(world, cycle, "2.2-1", bad, version=a.version, proof=[])
    assert state(cycle) == before


def test_evidence_of_another_department_is_refused(world, cycle):
    foreign = evidence(world, unit="OTH", who="other-staff")
    with pytest.raises(ValidationFailed) as exc:
        answer(world, cycle, "2.2-1", "met", proof=[foreign])
    assert set(exc.value.errors) == {"evidence"}
    assert not A.objects.exists()
    own = evidence(world)
    a = answer(world, cycle, "2.2-1", "met", proof=[own])
    before = state(cycle)
    with pytest.raises(ValidationFailed):
        answer(world, cycle, "2.2-1", "met", proof=[own, foreign], version=a.version)
    assert state(cycle) == before
    assert list(a.evidence.all()) == [own]


def test_saving_clears_the_baseline_mark(world, cycle):
    a = answer(world, cycle, "2.2-1", "not_met")
    A.objects.filter(pk=a.pk).update(baseline=True)
    answer(world, cycle, "2.2-1", "not_met", version=a.version)
    a.refresh_from_db()
    assert a.baseline is False and a.version == 2


# ---------------------------------------------------------------------------- assessments_submit


def test_submit_a_topic(world, cycle):
    assignments_set(
        cycle=cycle, criteria=[crit(cycle, "1.1-1")], units=[world.units["R1"]], kind="answers"
    )
    proof = [evidence(world)]
    for ref in ALL_22:
        answer(world, cycle, ref, "met", proof=proof)
    other = answer(world, cycle, "1.1-1", "met", proof=proof)
    r2 = answer(world, cycle, "2.2-1", "not_met", unit="R2", who="r2-staff")
    before = timezone.now()
    n = assessments_submit(
        actor=world.people["coordinator"], cycle=cycle, unit=world.units["R1"], node=topic(cycle)
    )
    assert n == 6
    done = A.objects.filter(cycle=cycle, unit=world.units["R1"], criterion__node__ref=TOPIC)
    assert sorted(done.values_list("status", "version")) == [("submitted", 2)] * 6
    assert all(a.submitted_at >= before for a in done)
    other.refresh_from_db()
    r2.refresh_from_db()
    assert (other.status, other.version, other.submitted_at) == ("draft", 1, None)
    assert r2.status == "draft"  # another unit's answers are not touched
    events = AssessmentEvent.objects.all()
    assert sorted(e.assessment_id for e in events) == sorted(done.values_list("pk", flat=True))
    assert {(e.to_status, e.actor_id) for e in events} == {
        ("submitted", world.people["coordinator"].pk)
    }


def test_submit_all_and_one(world, cycle):
    assignments_set(
        cycle=cycle, criteria=[crit(cycle, "1.1-1")], units=[world.units["R1"]], kind="answers"
    )
    for ref in ALL_22:
        answer(world, cycle, ref, "not_met")
    one = answer(world, cycle, "1.1-1", "partial")
    n = assessments_submit(
        actor=world.people["coordinator"],
        cycle=cycle,
        unit=world.units["R1"],
        criterion=crit(cycle, "1.1-1"),
    )
    assert n == 1
    one.refresh_from_db()
    assert one.status == "submitted"
    assert A.objects.filter(cycle=cycle, status="draft").count() == 6
    n = assessments_submit(actor=world.people["coordinator"], cycle=cycle, unit=world.units["R1"])
    assert n == 6
    assert set(A.objects.filter(cycle=cycle).values_list("status", flat=True)) == {"submitted"}
    assert AssessmentEvent.objects.filter(to_status="submitted").count() == 7
    # nothing open left: a clear refusal, nothing changes
    before = state(cycle)
    with pytest.raises(ValidationFailed):
        assessments_submit(actor=world.people["coordinator"], cycle=cycle, unit=world.units["R1"])
    assert state(cycle) == before


def test_submit_refuses_unanswered_criteria_and_submits_nothing(world, cycle):
    for ref in ("2.2-1", "2.2-2", "2.2-3", "2.2-5"):
        answer(world, cycle, ref, "not_met")
    answer(world, cycle, "2.2-6", "")  # a draft with no result yet
    before = state(cycle)
    with pytest.raises(ValidationFailed) as exc:
        assessments_submit(
            actor=world.people["coordinator"],
            cycle=cycle,
            unit=world.units["R1"],
            node=topic(cycle),
        )
    message = exc.value.errors[""]
    assert "2.2-4" in message and "2.2-6" in message
    for ref in ("2.2-1", "2.2-2", "2.2-3", "2.2-5"):
        assert ref not in message
    assert state(cycle) == before
    # per criterion: an answered one can go alone
    assert (
        assessments_submit(
            actor=world.people["coordinator"],
            cycle=cycle,
            unit=world.units["R1"],
            criterion=crit(cycle, "2.2-1"),
        )
        == 1
    )


def _all_but_one(world, cycle, ref, result, proof):
    for other in ALL_22:
        if other != ref:
            answer(world, cycle, other, "not_met")
    return answer(world, cycle, ref, result, proof=proof)


@pytest.mark.parametrize("result", ["met", "partial"])
@pytest.mark.parametrize("proof", ["none", "expired"])
def test_met_or_partial_needs_evidence_still_valid(world, cycle, result, proof):
    today = timezone.localdate()
    given = (
        []
        if proof == "none"
        else [evidence(world, title="หมดอายุ", expiry_date=today - timedelta(days=1))]
    )
    _all_but_one(world, cycle, "2.2-3", result, given)
    before = state(cycle)
    with pytest.raises(ValidationFailed) as exc:
        assessments_submit(
            actor=world.people["coordinator"],
            cycle=cycle,
            unit=world.units["R1"],
            node=topic(cycle),
        )
    assert "2.2-3" in exc.value.errors[""]
    assert "2.2-1" not in exc.value.errors[""]
    assert state(cycle) == before
    # evidence valid until today (or with no end) is enough
    a = A.objects.get(cycle=cycle, criterion__ref="2.2-3")
    still = evidence(world, title="ถึงวันนี้", expiry_date=today)
    answer(world, cycle, "2.2-3", result, proof=[*given, still], version=a.version)
    assert (
        assessments_submit(
            actor=world.people["coordinator"],
            cycle=cycle,
            unit=world.units["R1"],
            node=topic(cycle),
        )
        == 6
    )


def test_not_met_and_not_applicable_need_no_evidence(world, cycle):
    for i, ref in enumerate(ALL_22):
        answer(world, cycle, ref, "not_met" if i % 2 else "not_applicable")
    assert A.evidence.through.objects.count() == 0
    assert (
        assessments_submit(
            actor=world.people["coordinator"],
            cycle=cycle,
            unit=world.units["R1"],
            node=topic(cycle),
        )
        == 6
    )


@pytest.mark.parametrize(
    "who", ["member", "r1-staff", "r2-staff", "secretariat", "executive", "auditor", "admin"]
)
def test_only_the_units_coordinator_submits(world, cycle, who):
    for ref in ALL_22:
        answer(world, cycle, ref, "not_met")
    before = state(cycle)
    with pytest.raises(PermissionDenied):
        assessments_submit(actor=world.people[who], cycle=cycle, unit=world.units["R1"])
    assert state(cycle) == before


def test_r2_coordinator_submits_r2_but_not_r1(world, cycle):
    for ref in UNIT_SCOPE:
        answer(world, cycle, ref, "not_met", unit="R2", who="r2-staff")
        answer(world, cycle, ref, "not_met")
    with pytest.raises(PermissionDenied):
        assessments_submit(
            actor=world.people["r2-staff"],
            cycle=cycle,
            unit=world.units["R1"],
            criterion=crit(cycle, "2.2-1"),
        )
    assert (
        assessments_submit(actor=world.people["r2-staff"], cycle=cycle, unit=world.units["R2"]) == 3
    )
    statuses = dict(A.objects.values_list("unit__code", "status").distinct())
    assert statuses == {"R1": "draft", "R2": "submitted"}


def test_closed_cycle_refuses_submit(world, cycle):
    for ref in ALL_22:
        answer(world, cycle, ref, "not_met")
    Cycle.objects.filter(pk=cycle.pk).update(status=Cycle.Status.CLOSED)
    cycle.refresh_from_db()
    before = state(cycle)
    with pytest.raises(ValidationFailed):
        assessments_submit(actor=world.people["coordinator"], cycle=cycle, unit=world.units["R1"])
    assert state(cycle) == before


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


def grow(world, cycle):
    """Every criterion to R1 (responsible), R2 and ten more units; about a hundred answers
    with evidence, submitted."""
    extra = [
        unit_create(
            parent=world.units["R1"], kind=OrgUnit.Kind.GROUP, code=f"X{i}", name_th=f"กลุ่มงานที่ {i}"
        )
        for i in range(10)
    ]
    criteria = list(cycle.framework.criteria.filter(retired=False))
    assignments_set(cycle=cycle, criteria=criteria, units=[world.units["R1"]], kind="responsible")
    assignments_set(
        cycle=cycle, criteria=criteria, units=[world.units["R2"], *extra], kind="answers"
    )
    coordinator, member = world.people["coordinator"], world.people["member"]
    r1_refs = list(
        cycle.framework.criteria.filter(node__ref__regex=r"^[123]\.").values_list("ref", flat=True)
    )
    proof = [evidence(world, title="หลักฐานรวม")]
    started = set(
        A.objects.filter(cycle=cycle, unit=world.units["R1"]).values_list(
            "criterion__ref", flat=True
        )
    )
    for ref in set(r1_refs) - started:
        answer(world, cycle, ref, "met" if len(ref) % 2 else "partial", proof=proof)
    for dimension in ("1", "2", "3"):
        assessments_submit(
            actor=coordinator, cycle=cycle, unit=world.units["R1"], node=topic(cycle, dimension)
        )
    seven = list(cycle.framework.criteria.filter(node__ref="7.1"))
    for unit in extra:
        unit_proof = [evidence_in(unit, member)]
        for c in seven:
            assessment_save(
                actor=member, cycle=cycle, criterion=c, unit=unit, result="met", evidence=unit_proof
            )
        assessments_submit(actor=coordinator, cycle=cycle, unit=unit, node=topic(cycle, "7.1"))
    answered = A.objects.filter(cycle=cycle).count()
    assert answered >= 90
    assert A.objects.filter(cycle=cycle, status="submitted").count() > 50  # more than a page
    return extra


def evidence_in(unit, actor):
    from digiorg.evidence.services import evidence_create

    from .assess_data import pdf_upload

    return evidence_create(
        actor=actor, unit=unit, kind="file", title=f"หลักฐาน {unit.code}", upload=pdf_upload()
    )


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
    # measured: workspace 13, overview 10, queue 9 at both sizes (after the session's first
    # request, which also checks MFA and writes the session)
    assert large == small
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
    # slots (criteria, assignments, department answers), criteria, answers, evidence, nodes
    with django_assert_num_queries(7):
        blocks = workspace(cycle, world.units["R1"])
    grow(world, cycle)
    cycle = Cycle.objects.get(pk=cycle.pk)
    with django_assert_num_queries(7):
        bigger = workspace(cycle, world.units["R1"])
    assert sum(len(b.rows) for _, topics in bigger for b in topics) > sum(
        len(b.rows) for _, topics in blocks for b in topics
    )
