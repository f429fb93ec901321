"""The demo's evidence and its answers for each year, through the real services: answered by
the units' members and coordinators, submitted, verified or returned by the secretariat, with
score snapshots along the way (the trend). The closed years end with every answer verified;
the year in progress has answers in every state."""

from datetime import date, timedelta
from itertools import pairwise

from django.core.files.uploadedfile import SimpleUploadedFile

from digiorg.accounts.models import User
from digiorg.assessments import services
from digiorg.assessments.models import CriterionAssessment
from digiorg.assessments.slots import cycle_slots
from digiorg.cycles.models import Cycle
from digiorg.evidence.models import Evidence
from digiorg.evidence.services import evidence_create
from digiorg.scoring.services import snapshot_take

from .calendar import DemoYear, demo_years, rng_for
from .clock import DemoClock, units_by_code
from .files import pdf_bytes, png_bytes
from .plans import ANSWERS_4, MEMBERS, RESPONSIBLE, coordinator

A = CriterionAssessment
# what each dimension's unit keeps as evidence (Thai title, English lines of the PDF)
DOCUMENTS = {
    "1": ("รายงานผลการดำเนินการตามนโยบายและแผนดิจิทัล", "Digital policy and plan: results"),
    "2": ("บัญชีข้อมูลและคำอธิบายชุดข้อมูล", "Data catalogue and metadata"),
    "3": ("รายงานผลการพัฒนาทักษะดิจิทัลของบุคลากร", "Digital skills development report"),
    "4": ("รายงานการให้บริการดิจิทัล", "Digital service report"),
    "5": ("รายงานการใช้ระบบงานสนับสนุนแบบดิจิทัล", "Smart back office report"),
    "6": ("รายงานความพร้อมใช้และความมั่นคงปลอดภัยของระบบ", "Infrastructure and cybersecurity report"),
    "7": ("รายงานการนำเทคโนโลยีดิจิทัลมาใช้", "Digital technology practices report"),
}
# more evidence, some expired or expiring: (unit, author, title, file, content, days to expiry)
EXTRA = [
    ("IT", "member-it", "ใบรับรอง SSL ของเว็บไซต์กรม (หมดอายุแล้ว)", "ssl-certificate.pdf",
     ["TLS certificate", "www.hss.moph.go.th"], -30),
    ("IT", "member-it", "สัญญาบำรุงรักษาระบบเครือข่ายและระบบสำรองข้อมูล", "maintenance-contract.pdf",
     ["Network and backup maintenance contract"], 12),
    ("IT", "member-it", "ภาพหน้าจอระบบติดตามการใช้งานเครือข่าย", "network-dashboard.png", [35, 60, 80, 72, 90], 40),
    ("R1", "member-r1", "รายงานการให้บริการ e-Service ศูนย์สนับสนุนบริการสุขภาพที่ 1",
     "eservice-r1.pdf", ["Health Service Support Center 1", "e-Service report"], 45),
    ("R1", "member-r1", "ภาพหน้าจอแบบสำรวจความพึงพอใจผู้รับบริการ", "survey-r1.png", [70, 85, 78], None),
    ("R2", "coord-r2", "หนังสือรับรองการใช้ระบบคิวออนไลน์ ศูนย์ฯ ที่ 2", "queue-r2.pdf",
     ["Online queue certificate", "Center 2"], -75),
    ("HR", "coord-hr", "ประกาศนียบัตรหลักสูตรความมั่นคงปลอดภัยไซเบอร์ของบุคลากร", "cyber-course.pdf",
     ["Cybersecurity course certificates"], 25),
    ("HSS", "secretariat", "ระบบสารบรรณอิเล็กทรอนิกส์ (e-Saraban)", None, "https://www.hss.moph.go.th/", None),
]  # fmt: skip
NOTES = {
    "met": "ดำเนินการครบถ้วนตามเกณฑ์ มีหลักฐานประกอบ",
    "partial": "ดำเนินการแล้วบางส่วน อยู่ระหว่างขยายผลให้ครอบคลุมทุกหน่วยงาน",
    "not_met": "ยังไม่ได้ดำเนินการ บรรจุไว้ในแผนปีงบประมาณถัดไป",
    "not_applicable": "ไม่เกี่ยวข้องกับภารกิจของหน่วยงาน",
}
# the year in progress: topic ref prefix -> what happens after answering (None: not answered)
STAGE = {
    "1": "verified", "2.1": "verified", "2.2": "mixed", "2.3": "submitted", "3": "submitted",
    "4.1": "mixed", "4.2": "submitted", "4.3": "draft", "4.4": "draft", "5.1": "draft", "5.2": None,
    "6.1": "verified", "6.2": "mixed", "7": "submitted",
}  # fmt: skip
# share of met and of partially met answers, by age (two years ago, last year, this year)
MATURITY = [(0.4, 0.3), (0.55, 0.25), (0.65, 0.2)]


def _stage(ref: str) -> str | None:
    for prefix in sorted(STAGE, key=len, reverse=True):
        if ref == prefix or ref.startswith(prefix + "."):
            return STAGE[prefix]
    return None


def _file(name: str, content) -> SimpleUploadedFile:
    body = png_bytes(content) if name.endswith(".png") else pdf_bytes(content)
    return SimpleUploadedFile(name, body)


def demo_evidence(
    organization, today: date, say, clock: DemoClock
) -> dict[tuple[str, str], list[Evidence]]:
    """{(unit code, dimension ref): evidence}; created on the first run only, in the first weeks
    of the oldest year, expiry dates counted from that day."""
    people = {u.username: u for u in User.objects.filter(organization=organization)}
    units = units_by_code(organization)
    since = demo_years(today)[0].start
    real_today = clock.real_today
    if not Evidence.objects.filter(organization=organization).exists():
        holders = {(code, dim) for dim, code in RESPONSIBLE.items()}
        holders |= {(code, "4") for code in ANSWERS_4}
        for n, (code, dim) in enumerate(sorted(holders)):
            title, english = DOCUMENTS[dim]
            clock.at(since + timedelta(days=1 + n // 3), (code, dim))
            holder = people.get(MEMBERS.get(code, ""), coordinator(people, code))
            evidence_create(
                actor=holder, unit=units[code], kind="file", title=f"{title} {units[code].name_th}",
                upload=_file(f"{code.lower()}-{dim}.pdf", [english, units[code].name_en]),
                effective_date=since, expiry_date=today + timedelta(days=300 + 30 * n) if n % 3 else None,
            )  # fmt: skip
        for n, (code, username, title, name, content, days) in enumerate(EXTRA):
            clock.at(since + timedelta(days=8 + 2 * n), title)
            data = {"effective_date": since}
            if days is not None:
                data["expiry_date"] = today + timedelta(days=days)
            if name is None:
                evidence_create(
                    actor=people[username], unit=units[code], kind="link", title=title, url=content, **data
                )  # fmt: skip
            else:
                evidence_create(
                    actor=people[username], unit=units[code], kind="file", title=title,
                    upload=_file(name, content), **data,
                )  # fmt: skip
    proof: dict[tuple[str, str], list[Evidence]] = {}
    code_of = {u.pk: code for code, u in units.items()}
    evidence = Evidence.objects.filter(organization=organization).order_by()
    for item in sorted(evidence, key=lambda e: (code_of[e.unit_id], e.title)):
        if item.is_expired(today) or item.is_expired(real_today):
            continue  # an answer cites only evidence still valid
        for dim, (title, _english) in DOCUMENTS.items():
            if item.title.startswith(title):
                proof.setdefault((code_of[item.unit_id], dim), []).append(item)
    say(
        f"evidence: {Evidence.objects.filter(organization=organization).count()} documents and links"
    )
    return proof


def _result(rng, maturity: tuple[float, float]) -> str:
    met, partial = maturity
    draw = rng.random()
    if draw < 0.06:
        return "not_applicable"
    if draw < 0.06 + met * 0.94:
        return "met"
    return "partial" if draw < 0.06 + (met + partial) * 0.94 else "not_met"


def demo_assessments(cycle: Cycle, year: DemoYear, proof, say, clock: DemoClock) -> None:
    """Answer the year (a closed year before it is closed), as it was lived: answered from the
    year's third week up to the first snapshot day, then sent and reviewed between the next
    ones (the year's `lived_days`)."""
    organization = cycle.organization
    people = {u.username: u for u in User.objects.filter(organization=organization)}
    units = units_by_code(organization)
    code_of = {u.pk: code for code, u in units.items()}
    rng = rng_for(year.today, "answers", year.fiscal_year)
    maturity = MATURITY[year.fiscal_year - demo_years(year.today)[0].fiscal_year]
    criteria = {
        c.pk: c for c in cycle.framework.criteria.filter(retired=False).select_related("node")
    }
    days = year.lived_days(5)
    groups: dict[tuple[str, str], list[A]] = {}
    # criterion order, then unit code (cycle_slots orders units by their path: by ids)
    slots = sorted(cycle_slots(cycle), key=lambda s: (criteria[s[0]].position, code_of[s[1]]))
    first = min(year.start + timedelta(days=14), days[0])
    for index, (criterion_id, unit_id) in enumerate(slots):
        criterion, code = criteria[criterion_id], code_of[unit_id]
        stage = _stage(criterion.node.ref) if year.current else "verified"
        if stage is None:
            continue
        dim = criterion.node.ref.split(".")[0]
        result = _result(rng, maturity)
        evidence = proof.get((code, dim), [])[:2]
        if result in ("met", "partial") and not evidence:
            result = "not_met"
        options, given = None, result
        if criterion.kind != "result" and result != "not_applicable":
            # checklist / any_of: tick every option (met), half of them (partial) or none
            codes = services.option_codes(criterion)
            options = {"met": codes, "partial": codes[: max(1, len(codes) // 2)]}.get(result, [])
            given = ""  # the result follows from the ticks
        writer = people.get(MEMBERS.get(code, ""), coordinator(people, code))
        clock.at(_between(first, days[0], index, len(slots)), (code, criterion_id))
        answer = services.assessment_save(
            actor=writer, cycle=cycle, criterion=criterion, unit=units[code], result=given,
            options=options, note=NOTES[result],
            evidence=evidence if result in ("met", "partial") else [],
        )  # fmt: skip
        groups.setdefault((code, criterion.node.ref), []).append(answer)
    # then sent and reviewed in two rounds each, a snapshot after every step (the trend)
    _snapshot(cycle, clock, days[0])
    sent = [key for key in groups if (_stage(key[1]) if year.current else "verified") != "draft"]
    rounds = pairwise(days)  # (from, to) of each of the four rounds
    for round_ in (sent[::2], sent[1::2]):
        since, until = next(rounds)
        for index, (code, node_ref) in enumerate(round_):
            clock.at(_between(since, until, index + 1, len(round_) + 1), (code, node_ref))
            services.assessments_submit(
                actor=coordinator(people, code), cycle=cycle, unit=units[code],
                node=cycle.framework.nodes.get(ref=node_ref),
            )  # fmt: skip
        _snapshot(cycle, clock, until)
    reviewed = 0
    for round_ in (sent[::2], sent[1::2]):
        since, until = next(rounds)
        for index, key in enumerate(round_):
            clock.at(_between(since, until, index + 1, len(round_) + 1), ("review", key))
            reviewed += _review(groups[key], _stage(key[1]) if year.current else "verified", people)
        _snapshot(cycle, clock, until)
    total = sum(len(a) for a in groups.values())
    say(f"answers FY {year.fiscal_year}: {total} answers, {reviewed} reviewed")


def _between(first: date, last: date, index: int, parts: int) -> date:
    """The `index`-th of `parts` days spread evenly from `first` to `last`."""
    return first + timedelta(days=(last - first).days * index // max(parts, 1))


def _snapshot(cycle: Cycle, clock: DemoClock, day: date) -> None:
    """The score snapshot of `day`, taken at the end of its office hours."""
    clock.at(day, "snapshot", evening=True)
    snapshot_take(cycle, day)


def _review(answers: list[A], stage: str | None, people) -> int:
    """The secretariat verifies a topic's answers, or (a "mixed" topic) verifies some, returns
    some with a comment and leaves the rest waiting."""
    if stage not in ("verified", "mixed"):
        return 0
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
    return len(answers)
