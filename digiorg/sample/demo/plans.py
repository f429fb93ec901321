"""A year of plans for the demo department: FY 2568 with actions in every status."""

from datetime import date
from decimal import Decimal

from digiorg.accounts.models import User
from digiorg.cycles.models import Cycle
from digiorg.cycles.services import assignments_set, cycle_open
from digiorg.plans import services
from digiorg.plans.models import Action

S = Action.Status
# unit, coordinator, title, criteria refs, start, end, budget, source, KPI, target, unit of measure, status path
ACTIONS = [
    ("IT", "coord-it", "ทบทวนและประกาศนโยบายการรักษาความมั่นคงปลอดภัยไซเบอร์ของกรม", ["1.2-1"], (2024, 11, 1), (2025, 3, 31),
     0, "none", "ประกาศนโยบายที่ลงนามแล้ว", 1, "ฉบับ", "done"),
    ("IT", "coord-it", "จัดทำบัญชีข้อมูลและชุดข้อมูลเปิดของกรมบน data.go.th", ["2.2-2", "2.2-4"], (2024, 12, 1), (2025, 8, 31),
     250000, "government", "จำนวนชุดข้อมูลเปิดที่เผยแพร่", 20, "ชุดข้อมูล", "in_progress"),
    ("IT", "coord-it", "ย้ายระบบงานหลักขึ้นคลาวด์กลางภาครัฐ (GDCC)", ["6.1-1", "7.1-4"], (2025, 1, 1), (2025, 9, 30),
     1200000, "government", "ร้อยละของระบบที่ย้ายแล้ว", 60, "ร้อยละ", "approved"),
    ("IT", "coord-it", "ซ้อมแผนรับมือภัยคุกคามทางไซเบอร์ประจำปี", ["6.2-6"], (2025, 5, 1), (2025, 6, 30),
     80000, "government", "จำนวนครั้งที่ซ้อม", 1, "ครั้ง", "submitted"),
    ("R1", "coord-r1", "ยกเลิกการเรียกสำเนาบัตรประชาชนในงานบริการของศูนย์ฯ ที่ 1", ["4.1.2-3"], (2024, 11, 15), (2025, 4, 30),
     0, "none", "ร้อยละของบริการที่ไม่เรียกสำเนาเอกสาร", 100, "ร้อยละ", "in_progress"),
    ("R1", "coord-r1", "อบรมทักษะดิจิทัลให้บุคลากรศูนย์ฯ ที่ 1", ["3.3-1"], (2025, 6, 1), (2025, 7, 31),
     45000, "government", "ร้อยละของบุคลากรที่ทำแบบประเมินตนเอง", 90, "ร้อยละ", "returned"),
    ("R1", "coord-r1", "ช่องทางออนไลน์รับฟังความคิดเห็นผู้รับบริการ", ["4.4.2-1"], (2025, 2, 1), (2025, 9, 30),
     0, "none", "จำนวนความคิดเห็นที่นำไปปรับปรุง", 10, "เรื่อง", "draft"),
    ("PLAN", "coord-plan", "ระบบติดตามและประเมินผลแผนงานโครงการแบบดิจิทัล", ["5.1-9"], (2024, 12, 1), (2025, 9, 30),
     300000, "government", "ร้อยละของโครงการที่รายงานผ่านระบบ", 80, "ร้อยละ", "submitted"),
    ("R2", "coord-r2", "ตู้ Kiosk บริการตรวจสอบข้อมูลสถานพยาบาล", ["4.2-2"], (2025, 1, 1), (2025, 6, 30),
     150000, "non_budget", "จำนวนตู้ที่ติดตั้ง", 2, "ตู้", "cancelled"),
    ("R2", "coord-r2", "ประชาสัมพันธ์บริการออนไลน์ของศูนย์ฯ ที่ 2 ผ่านสื่อสังคม", ["4.4.1-3"], (2024, 10, 15), (2025, 9, 15),
     20000, "government", "จำนวนโพสต์", 48, "โพสต์", "in_progress"),
]  # fmt: skip
PATHS = {
    "draft": [],
    "submitted": [("coord", S.SUBMITTED, "")],
    "returned": [
        ("coord", S.SUBMITTED, ""),
        ("secretariat", S.RETURNED, "กรุณาระบุกลุ่มเป้าหมายและงบประมาณรายหลักสูตร"),
    ],
    "approved": [("coord", S.SUBMITTED, ""), ("executive", S.APPROVED, "")],
    "in_progress": [("coord", S.SUBMITTED, ""), ("executive", S.APPROVED, "")],
    "done": [
        ("coord", S.SUBMITTED, ""),
        ("executive", S.APPROVED, ""),
        ("coord", S.IN_PROGRESS, ""),
        ("coord", S.DONE, ""),
    ],
    "cancelled": [("coord", S.SUBMITTED, ""), ("secretariat", S.CANCELLED, "ไม่ได้รับจัดสรรงบประมาณ")],
}


def demo_plans(organization, framework, say) -> None:
    if Cycle.objects.filter(organization=organization, fiscal_year=2568).exists():
        say("cycle FY 2568: already there")
        return
    people = {u.username: u for u in User.objects.filter(organization=organization)}
    units = {u.code: u for u in organization.__class__.objects.filter(organization=organization)}
    cycle = cycle_open(organization=organization, fiscal_year=2568, framework=framework)
    criteria = {c.ref: c for c in framework.criteria.filter(retired=False).select_related("node")}
    by_topic: dict[str, list] = {}
    for criterion in criteria.values():
        by_topic.setdefault(criterion.node.ref.split(".")[0], []).append(criterion)
    assignments_set(
        cycle=cycle,
        criteria=by_topic["6"] + by_topic["7"] + by_topic["2"],
        units=[units["IT"]],
        kind="responsible",
    )
    assignments_set(
        cycle=cycle, criteria=by_topic["4"], units=[units["R1"], units["R2"]], kind="answers"
    )
    for (
        unit,
        coord,
        title,
        refs,
        start,
        end,
        budget,
        source,
        kpi,
        target,
        measure,
        status,
    ) in ACTIONS:
        action = services.action_create(
            actor=people[coord], cycle=cycle, unit=units[unit], title=title, owner=people[coord],
            criteria=[criteria[r] for r in refs if r in criteria], start_date=date(*start), end_date=date(*end),
            budget=Decimal(budget), budget_source=source, kpi=kpi, kpi_target=Decimal(target), kpi_unit=measure,
        )  # fmt: skip
        for who, to, comment in PATHS[status]:
            actor = people[coord] if who == "coord" else people[who]
            action = services.action_transition(action, actor=actor, to_status=to, comment=comment)
        if status == "in_progress":
            report = services.progress_save(
                action, actor=people[coord], quarter=1, percent_done=35, narrative="ดำเนินการตามแผนไตรมาสแรกแล้ว",
                spent=Decimal(budget) * Decimal("0.3"), evidence_links="https://www.hss.moph.go.th/",
            )  # fmt: skip
            services.progress_submit(report, actor=people[coord])
    cycle.status = Cycle.Status.EXECUTING
    cycle.save(update_fields=["status"])
    say(f"cycle FY 2568: {len(ACTIONS)} actions")
