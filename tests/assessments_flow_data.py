"""Shared data and helpers of the self-assessment flow tests (test_assessments_flow.py,
test_assessments_review.py, test_assessments_pages.py)."""

from django.contrib.messages import get_messages
from django.urls import reverse

from digiorg.assessments.models import AssessmentEvent, CriterionAssessment
from digiorg.assessments.services import (
    assessment_review,
    assessment_save,
    assessments_submit,
)
from digiorg.assessments.slots import cycle_slots
from digiorg.cycles.services import assignments_set
from digiorg.evidence.services import evidence_create
from digiorg.org.models import OrgUnit
from digiorg.org.services import unit_create

from .assess_data import TOPIC, answer, evidence, pdf_upload

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


def evidence_in(unit, actor):
    return evidence_create(
        actor=actor, unit=unit, kind="file", title=f"หลักฐาน {unit.code}", upload=pdf_upload()
    )


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
