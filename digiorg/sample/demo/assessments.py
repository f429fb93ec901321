"""Demo: evidence files and a full set of answers for FY 2568 in mixed states, answered,
submitted and reviewed through the real services, with score snapshots along the way."""

from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from digiorg.accounts.models import User
from digiorg.assessments import services
from digiorg.assessments.models import CriterionAssessment
from digiorg.assessments.slots import cycle_slots
from digiorg.cycles.models import Cycle
from digiorg.evidence.models import Evidence
from digiorg.evidence.permissions import evidence_may_cite
from digiorg.evidence.services import evidence_create
from digiorg.sample.demo.files import pdf_bytes, png_bytes
from digiorg.scoring.services import snapshot_take

A = CriterionAssessment

# (unit code, author, title, file name, lines or bars, days until expiry or None, topic refs)
EVIDENCE: list[tuple[str, str, str, str | None, Any, int | None, list[str]]] = [
    ("IT", "member-it", "คำสั่งแต่งตั้งคณะกรรมการธรรมาภิบาลข้อมูลภาครัฐ กรมสนับสนุนบริการสุขภาพ",
     "คำสั่งคณะกรรมการธรรมาภิบาลข้อมูล.pdf", ["Department of Health Service Support", "Order: Data Governance Committee", "FY 2568"], None, ["2.1"]),
    ("IT", "member-it", "บัญชีข้อมูล (Data Catalog) กรมสนับสนุนบริการสุขภาพ",
     "บัญชีข้อมูล-2568.pdf", ["Data Catalog of the Department", "42 datasets, 12 open on data.go.th"], None, ["2.2", "2.3"]),
    ("IT", "member-it", "รายงานผลการประเมินความเสี่ยงด้านความมั่นคงปลอดภัยไซเบอร์",
     "cyber-risk-2568.pdf", ["Cybersecurity risk assessment", "Critical systems: 6", "Residual risk: medium"], 400, ["6.1", "6.2"]),
    ("IT", "member-it", "ภาพหน้าจอระบบติดตามการใช้งานเครือข่าย", "network-dashboard.png", [35, 60, 80, 72, 90], None, ["6.2"]),
    ("IT", "coord-it", "แผนปฏิบัติการดิจิทัล กรมสนับสนุนบริการสุขภาพ พ.ศ. 2566-2570",
     "แผนปฏิบัติการดิจิทัล.pdf", ["Digital Action Plan 2023-2027", "Department of Health Service Support"], None, ["7.1"]),
    ("IT", "member-it", "ใบรับรอง SSL ของเว็บไซต์กรม (หมดอายุแล้ว)", "ssl-2567.pdf", ["TLS certificate", "valid until 2024"], -30, ["6.1"]),
    ("R1", "member-r1", "รายงานการให้บริการ e-Service ศูนย์สนับสนุนบริการสุขภาพที่ 1",
     "eservice-r1.pdf", ["Regional Health Service Support Center 1", "e-Service report Q1-Q2"], 45, ["4.1", "4.2", "4.3"]),
    ("R1", "member-r1", "ภาพหน้าจอแบบสำรวจความพึงพอใจผู้รับบริการ", "survey-r1.png", [70, 85, 78], None, ["4.3", "4.4"]),
    ("R2", "coord-r2", "รายงานการให้บริการ e-Service ศูนย์สนับสนุนบริการสุขภาพที่ 2",
     "eservice-r2.pdf", ["Regional Health Service Support Center 2", "e-Service report"], None, ["4.1", "4.2"]),
    ("HSS", "secretariat", "ประกาศนโยบายและแนวปฏิบัติการคุ้มครองข้อมูลส่วนบุคคล",
     "ประกาศนโยบาย-PDPA.pdf", ["Personal Data Protection Policy", "Department of Health Service Support"], None, ["1.2", "1.3", "1.4"]),
    ("HSS", "secretariat", "แผนพัฒนาทักษะดิจิทัลของบุคลากร ปีงบประมาณ 2568",
     "แผนพัฒนาทักษะดิจิทัล.pdf", ["Digital skills development plan FY 2568"], None, ["3.1", "3.2"]),
    ("HSS", "secretariat", "ระบบสารบรรณอิเล็กทรอนิกส์ (e-Saraban)", None, "https://www.hss.moph.go.th/", None, ["5.1", "5.2"]),
]  # fmt: skip

# result by a criterion's position in its topic (varied but repeatable)
PATTERN = ["met", "met", "partial", "met", "not_met", "met", "partial", "not_applicable"]
NOTES = {
    "met": "ดำเนินการครบถ้วนตามเกณฑ์ มีหลักฐานประกอบ",
    "partial": "ดำเนินการแล้วบางส่วน อยู่ระหว่างขยายผลให้ครอบคลุมทุกหน่วยงาน",
    "not_met": "ยังไม่ได้ดำเนินการ บรรจุไว้ในแผนปีงบประมาณถัดไป",
    "not_applicable": "ไม่เกี่ยวข้องกับภารกิจของหน่วยงาน",
}
# topic ref prefix -> what happens after answering: "draft", "submitted", "verified", "mixed"
STAGE = {
    "1": "verified", "2.1": "verified", "2.2": "mixed", "2.3": "submitted", "3": "submitted",
    "4.1": "mixed", "4.2": "submitted", "4.3": "draft", "4.4": "draft", "5": "draft",
    "6.1": "verified", "6.2": "mixed", "7": "submitted",
}  # fmt: skip
WRITER = {"IT": "member-it", "R1": "member-r1", "R2": "coord-r2", "HSS": "secretariat"}
SUBMITTER = {"IT": "coord-it", "R1": "coord-r1", "R2": "coord-r2", "HSS": "secretariat"}


def _stage(ref: str) -> str | None:
    for prefix in sorted(STAGE, key=len, reverse=True):
        if ref == prefix or ref.startswith(prefix + "."):
            return STAGE[prefix]
    return None


def _evidence(units, people, today) -> dict[str, list[Evidence]]:
    by_topic: dict[str, list[Evidence]] = {}
    for unit, author, title, name, content, expiry_days, topics in EVIDENCE:
        data = {"effective_date": today - timedelta(days=200)}
        if expiry_days is not None:
            data["expiry_date"] = today + timedelta(days=expiry_days)
        if name is None:
            item = evidence_create(
                actor=people[author],
                unit=units[unit],
                kind="link",
                title=title,
                url=content,
                **data,
            )
        else:
            body = png_bytes(content) if name.endswith(".png") else pdf_bytes(content)
            item = evidence_create(
                actor=people[author], unit=units[unit], kind="file", title=title,
                upload=SimpleUploadedFile(name, body), **data,
            )  # fmt: skip
        for topic in topics:
            by_topic.setdefault(topic, []).append(item)
    return by_topic


def demo_assessments(organization, say) -> None:
    cycle = Cycle.objects.filter(organization=organization, fiscal_year=2568).first()
    if cycle is None or A.objects.filter(cycle=cycle).exists():
        say("assessments FY 2568: already there")
        return
    today = timezone.localdate()
    people = {u.username: u for u in User.objects.filter(organization=organization)}
    units = {u.code: u for u in organization.__class__.objects.filter(organization=organization)}
    code_of = {u.pk: code for code, u in units.items()}
    proof = _evidence(units, people, today)
    criteria = {
        c.pk: c for c in cycle.framework.criteria.filter(retired=False).select_related("node")
    }
    answered: dict[tuple[str, str], list[A]] = {}
    for position, (criterion_id, unit_id) in enumerate(cycle_slots(cycle)):
        criterion, code = criteria[criterion_id], code_of.get(unit_id, "HSS")
        topic = (
            criterion.node.ref
            if criterion.node.kind != "subtopic"
            else criterion.node.ref.rsplit(".", 1)[0]
        )
        stage = _stage(criterion.node.ref)
        if stage is None or code not in WRITER:
            continue
        result = PATTERN[(position + len(code)) % len(PATTERN)]
        evidence = [
            e for e in proof.get(topic, [])
            if not e.is_expired(today) and evidence_may_cite(units[code], e)
        ][:2]  # fmt: skip
        if result in ("met", "partial") and not evidence:
            result = "not_met"
        options, given = None, result
        if criterion.kind != "result" and result != "not_applicable":
            # checklist / any_of: tick all options (met), half of them (partial) or none
            codes = services.option_codes(criterion)
            options = {"met": codes, "partial": codes[: max(1, len(codes) // 2)]}.get(result, [])
            given = ""  # the result follows from the ticks
        answer = services.assessment_save(
            actor=people[WRITER[code]], cycle=cycle, criterion=criterion, unit=units[code],
            result=given, options=options, note=NOTES[result],
            evidence=evidence if result in ("met", "partial") else [],
        )  # fmt: skip
        answered.setdefault((code, criterion.node.ref), []).append(answer)
    snapshot_take(cycle, today - timedelta(days=60))
    for code, node_ref in answered:
        stage = _stage(node_ref)
        if stage == "draft":
            continue
        node = cycle.framework.nodes.get(ref=node_ref)
        services.assessments_submit(
            actor=people[SUBMITTER[code]], cycle=cycle, unit=units[code], node=node
        )
    snapshot_take(cycle, today - timedelta(days=30))
    reviewed = 0
    for (_code, node_ref), answers in answered.items():
        stage = _stage(node_ref)
        if stage not in ("verified", "mixed"):
            continue
        for index, answer in enumerate(answers):
            answer.refresh_from_db()
            if stage == "mixed" and index % 3 == 2:
                services.assessment_review(
                    answer, actor=people["secretariat"], verify=False, version=answer.version,
                    comment="หลักฐานยังไม่ครอบคลุมทุกหน่วยบริการ กรุณาแนบรายงานผลเพิ่มเติม",
                )  # fmt: skip
            elif stage == "verified" or index % 3 == 0:
                services.assessment_review(
                    answer, actor=people["secretariat"], verify=True, version=answer.version
                )
            reviewed += 1
    snapshot_take(cycle, today)
    total = sum(len(a) for a in answered.values())
    say(
        f"assessments FY 2568: {total} answers, {reviewed} reviewed; {Evidence.objects.filter(organization=organization).count()} pieces of evidence"
    )
