"""Self-assessment flow: who answers what (slots), answering and submitting. Reviewing,
baseline and snapshots: test_assessments_review.py; pages and query counts:
test_assessments_pages.py."""

from datetime import timedelta

import pytest
from django.utils import timezone

from digiorg.assessments.models import AssessmentEvent
from digiorg.assessments.services import (
    assessment_save,
    assessments_submit,
)
from digiorg.core.errors import ConflictError, PermissionDenied, ValidationFailed
from digiorg.cycles.models import Cycle
from digiorg.cycles.services import assignments_set

from .assess_data import DEPARTMENT_SCOPE, TOPIC, UNIT_SCOPE, answer, assessed_cycle, evidence
from .assessments_flow_data import (
    ALL_22,
    ANSWERERS,
    A,
    crit,
    put,
    slot_units,
    state,
    topic,
)


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
