"""A cycle with assignments, evidence and answers on top of tests/world.py and plans_data.py.

Topic 2.2 (criteria 2.2-1, 2.2-2, 2.2-5 unit-scope; 2.2-3, 2.2-4, 2.2-6 department-scope):
R1 is responsible, R2 answers too. So R1 answers all six, R2 the three unit-scope ones.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from digiorg.assessments.services import assessment_review, assessment_save, assessments_submit
from digiorg.cycles.services import assignments_set
from digiorg.evidence.services import evidence_create

from .plans_data import open_cycle

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TOPIC = "2.2"
UNIT_SCOPE = ("2.2-1", "2.2-2", "2.2-5")
DEPARTMENT_SCOPE = ("2.2-3", "2.2-4", "2.2-6")


def pdf_upload(name: str = "หลักฐาน.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def assessed_cycle(world, framework, year: int = 2568):
    cycle = open_cycle(world, framework, year)
    criteria = list(cycle.framework.criteria.filter(node__ref=TOPIC))
    assignments_set(cycle=cycle, criteria=criteria, units=[world.units["R1"]], kind="responsible")
    assignments_set(cycle=cycle, criteria=criteria, units=[world.units["R2"]], kind="answers")
    return cycle


def criterion(cycle, ref: str):
    return cycle.framework.criteria.get(ref=ref)


def evidence(world, unit="R1", who="member", title="คำสั่งแต่งตั้งคณะทำงาน", **fields):
    return evidence_create(
        actor=world.people[who], unit=world.units[unit], kind="file", title=title,
        upload=pdf_upload(), **fields,
    )  # fmt: skip


def answer(world, cycle, ref, result="met", unit="R1", who="member", proof=None, **fields):
    if proof is None and result in ("met", "partial"):
        proof = [evidence(world, unit=unit, who=who)]
    return assessment_save(
        actor=world.people[who], cycle=cycle, criterion=criterion(cycle, ref),
        unit=world.units[unit], result=result, evidence=proof or [], **fields,
    )  # fmt: skip


def answer_topic(world, cycle, results: dict[str, str], unit="R1", who="member"):
    """Answer several criteria and submit the topic as the unit's coordinator."""
    proof = [evidence(world, unit=unit, who=who)]
    for ref, result in results.items():
        answer(world, cycle, ref, result, unit=unit, who=who, proof=proof)
    coordinator = {"R1": "coordinator", "R2": "r2-staff"}[unit]
    node = cycle.framework.nodes.get(ref=TOPIC)
    return assessments_submit(
        actor=world.people[coordinator], cycle=cycle, unit=world.units[unit], node=node
    )


def review(world, assessment, verify=True, comment=""):
    assessment.refresh_from_db()
    return assessment_review(
        assessment, actor=world.people["secretariat"], verify=verify, comment=comment,
        version=assessment.version,
    )  # fmt: skip
