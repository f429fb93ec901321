"""Benchmark data for the budgets of DESIGN.md, kept apart from the demo: every unit code starts
with "BENCH" or "NAT", every user name with "bench-".

Department scale: one department BENCH (under the ministry BENCH-MINISTRY) with 40 units
(divisions and their groups), a person per role, five cycles (FY 2564-2568) on the bundled
framework with assignments, 10,000 actions with criteria links and quarterly progress reports,
12,500 evidence x 4 revisions = 50,000 revisions, an assessment for every slot of every cycle,
and score snapshots taken by the real `snapshot_take` (four days per cycle, for the trend).

National scale: 2,000 departments NAT0001..NAT2000 (each under the ministry NAT-MINISTRY and
its own organization) with 14 units each, a FY 2568 cycle each and 500 assessments each:
1,000,000 CriterionAssessment rows; and the department-level ScoreSnapshot rows (latest=True)
that the national roll-up reads.

Shortcuts, on purpose (this is load, not a demo):
- Rows are written with bulk_create: no services, no signals, so no audit-log entries and no
  automatic snapshots. Everything is deterministic (fixed random seeds).
- Every revision points at one small shared stored file (SHARED_FILE) with its real SHA-256
  and size, not at 50,000 files.
- Trend: for each cycle `snapshot_take` runs on four days; the three earlier days' scores and
  progress are then scaled down (x0.55, x0.7, x0.85) so that the trend climbs. Their counts
  (applicable/answered/verified) are left as computed.
- National cycles have NO Assignment rows. Their 500 answers per department are generated
  directly (each department-scope criterion once, each unit-scope criterion by 13 or 14 of the
  department's units), so `cycle_slots` / the score API would see only the department-scope
  answers of these cycles. The national snapshots are therefore NOT taken by `snapshot_take`:
  they are computed in memory with the real scoring functions (scoring.selectors.compute_tree)
  from the generated answers, department level only (unit=None: overall, every dimension,
  topic and sub-topic), which is exactly what the national roll-up reads. No per-unit
  snapshots, actions or evidence for the national departments.

`--factor F` scales the counts (units, cycles, actions, evidence, departments) with small
floors so that a tiny seed still has a division with groups and a previous cycle; the number of
answers per national department (500) and revisions per evidence (4) stay fixed.
"""

import hashlib
import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import CharField, F, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from digiorg.accounts.models import Membership, User
from digiorg.accounts.roles import Role
from digiorg.assessments.models import CriterionAssessment
from digiorg.assessments.slots import cycle_slots
from digiorg.core.fiscal import fiscal_year_bounds
from digiorg.cycles.models import Assignment, Cycle
from digiorg.cycles.services import default_deadlines
from digiorg.evidence.models import Evidence, EvidenceRevision
from digiorg.frameworks.loader import parse_framework
from digiorg.frameworks.models import Criterion, Framework, FrameworkNode
from digiorg.frameworks.services import LIBRARY_DIR, framework_load
from digiorg.org.models import OrgUnit
from digiorg.plans.models import Action, ProgressReport
from digiorg.scoring import compute
from digiorg.scoring.models import ScoreSnapshot
from digiorg.scoring.selectors import ScoreInputs, compute_tree
from digiorg.scoring.services import snapshot_take

Say = Callable[[str], None]
K = OrgUnit.Kind
A = CriterionAssessment

FRAMEWORK_FILE = LIBRARY_DIR / "dhss-do-2568.yaml"
LATEST_YEAR = 2568
DEPARTMENT_CODE = "BENCH"
DEPARTMENT_MINISTRY = "BENCH-MINISTRY"
NATIONAL_MINISTRY = "NAT-MINISTRY"
NATIONAL_PREFIX = "NAT"
NATIONAL_ANSWERS = 500  # per department: 2,000 x 500 = 1,000,000
REVISIONS_PER_EVIDENCE = 4
SUPERUSER = "bench-superuser"
EXECUTIVE = "bench-executive"
COORDINATOR = "bench-coordinator"
MEMBER = "bench-member"
AUDITOR = "bench-auditor"
SECRETARIAT = "bench-secretariat"
ADMIN = "bench-admin"
# username, name, role; the coordinator and the member hold theirs in the first division
PEOPLE = [
    (EXECUTIVE, "นายผู้บริหาร ทดสอบระบบ", Role.EXECUTIVE),
    (AUDITOR, "นางตรวจสอบ ทดสอบระบบ", Role.AUDITOR),
    (SECRETARIAT, "นางสาวเลขา ทดสอบระบบ", Role.SECRETARIAT),
    (ADMIN, "นายดูแล ทดสอบระบบ", Role.ADMIN),
    (COORDINATOR, "นายประสาน ทดสอบระบบ", Role.COORDINATOR),
    (MEMBER, "นางสาวสมาชิก ทดสอบระบบ", Role.MEMBER),
]
SHARED_FILE = "evidence/bench/bench-shared.pdf"
SHARED_PDF = (
    b"%PDF-1.4\n% digiorg benchmark evidence: one shared file for every bench revision\n"
    b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)
ACTION_TITLES = [
    "พัฒนาระบบสารสนเทศเพื่อการบริการ",
    "อบรมทักษะดิจิทัลให้บุคลากร",
    "จัดทำบัญชีข้อมูลและชุดข้อมูลเปิด",
    "ปรับปรุงบริการออนไลน์ให้ประชาชน",
    "ทบทวนนโยบายความมั่นคงปลอดภัยไซเบอร์",
    "ย้ายระบบงานขึ้นคลาวด์กลางภาครัฐ",
    "ลดการใช้กระดาษในงานสารบรรณ",
    "เชื่อมโยงข้อมูลกับหน่วยงานภายนอก",
]
EVIDENCE_TITLES = [
    "รายงานผลการดำเนินงาน",
    "คำสั่งแต่งตั้งคณะทำงาน",
    "ประกาศนโยบาย",
    "รายงานการประชุม",
    "ภาพหน้าจอระบบ",
    "สรุปผลการอบรม",
]
S = Action.Status
# (value, weight): latest cycle mixed, closed cycles mostly finished
ACTIONS_LATEST = [(S.DRAFT, 10), (S.SUBMITTED, 10), (S.RETURNED, 5), (S.APPROVED, 20),
                  (S.IN_PROGRESS, 30), (S.DONE, 20), (S.CANCELLED, 5)]  # fmt: skip
ACTIONS_CLOSED = [(S.DONE, 70), (S.CANCELLED, 10), (S.IN_PROGRESS, 12), (S.APPROVED, 5),
                  (S.DRAFT, 3)]  # fmt: skip
RESULTS = [(A.Result.MET, 45), (A.Result.PARTIAL, 25), (A.Result.NOT_MET, 18),
           (A.Result.NOT_APPLICABLE, 5), ("", 7)]  # fmt: skip
STATUSES_LATEST = [(A.Status.DRAFT, 20), (A.Status.SUBMITTED, 35), (A.Status.VERIFIED, 35),
                   (A.Status.RETURNED, 10)]  # fmt: skip
STATUSES_CLOSED = [(A.Status.VERIFIED, 80), (A.Status.SUBMITTED, 12), (A.Status.RETURNED, 5),
                   (A.Status.DRAFT, 3)]  # fmt: skip
TREND = (0.55, 0.7, 0.85, 1.0)  # score factor of the snapshot days, oldest first
TREND_DAYS = (270, 180, 90, 0)  # days before the cycle's last snapshot day


@dataclass(frozen=True)
class Sizes:
    units: int
    cycles: int
    actions: int
    evidence: int
    departments: int

    @property
    def revisions(self) -> int:
        return self.evidence * REVISIONS_PER_EVIDENCE

    @property
    def national_answers(self) -> int:
        return self.departments * NATIONAL_ANSWERS


def sizes_for(factor: float = 1.0) -> Sizes:
    """The counts at `factor` (1.0 = DESIGN.md's budgets), with small floors."""

    def scaled(full: int, least: int) -> int:
        return max(least, round(full * factor))

    return Sizes(
        units=scaled(40, 5),
        cycles=scaled(5, 2),
        actions=scaled(10_000, 10),
        evidence=scaled(12_500, 5),
        departments=scaled(2_000, 2),
    )


class Clock:
    """Times the parts of a seed and reports each as it ends."""

    def __init__(self, say: Say):
        self.say = say
        self.times: dict[str, float] = {}

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        self.times[name] = round(time.perf_counter() - started, 2)
        self.say(f"  {name}: {self.times[name]:.1f} s")


def _pick(rng: random.Random, weighted: Sequence[tuple[str, int]]) -> str:
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


def _aware(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, clock_time(hour), tzinfo=timezone.get_current_timezone())


def department_seeded() -> bool:
    return OrgUnit.objects.filter(kind=K.DEPARTMENT, code=DEPARTMENT_CODE).exists()


def national_seeded() -> bool:
    return OrgUnit.objects.filter(kind=K.DEPARTMENT, code=f"{NATIONAL_PREFIX}0001").exists()


def bench_criteria() -> tuple[Framework, list[Criterion]]:
    """The bundled framework and its active criteria in document order."""
    framework = bench_framework()
    criteria = list(
        Criterion.objects.filter(framework=framework, retired=False).order_by("position")
    )
    return framework, criteria


def bench_framework() -> Framework:
    return framework_load(parse_framework(FRAMEWORK_FILE), filename=FRAMEWORK_FILE.name).framework


def _ministry(code: str, name_th: str, name_en: str) -> OrgUnit:
    ministry = OrgUnit.objects.filter(kind=K.MINISTRY, code=code, parent=None).first()
    if ministry is None:
        ministry = OrgUnit.objects.create(
            kind=K.MINISTRY, code=code, name_th=name_th, name_en=name_en, path=""
        )
        ministry.path = f"/{ministry.pk}/"
        ministry.save(update_fields=["path"])
    return ministry


def bench_superuser() -> User:
    """The national agency's operator: a superuser with no membership. The MFA middleware sends
    every superuser without TOTP to set it up, so this one has a TOTP device (random secret,
    never used: the bench signs in with force_login)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    user = User.objects.filter(username=SUPERUSER).first()
    if user is None:
        user = User(
            username=SUPERUSER, name="ผู้ดูแลระดับประเทศ ทดสอบระบบ", is_superuser=True,
            is_staff=True, email=f"{SUPERUSER}@bench.digiorg.invalid",
        )  # fmt: skip
        user.set_unusable_password()
        user.save()
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())
    return user


# ---------------------------------------------------------------------------------------------
# Department scale


def _department_units(n_units: int) -> tuple[OrgUnit, list[OrgUnit]]:
    """BENCH and its units: round(n/5) divisions, the other units groups spread over them."""
    ministry = _ministry(DEPARTMENT_MINISTRY, "กระทรวงทดสอบสมรรถนะ", "Benchmark Ministry")
    department = OrgUnit.objects.create(
        parent=ministry, kind=K.DEPARTMENT, code=DEPARTMENT_CODE, name_th="กรมทดสอบสมรรถนะ",
        name_en="Benchmark Department", path="",
    )  # fmt: skip
    department.path = f"{ministry.path}{department.pk}/"
    department.organization = department
    department.save(update_fields=["path", "organization"])
    n_divisions = max(1, round(n_units / 5))
    divisions = OrgUnit.objects.bulk_create([
        OrgUnit(
            parent=department, organization=department, kind=K.DIVISION, code=f"BENCH-D{d:02d}",
            name_th=f"กองทดสอบที่ {d}", name_en=f"Benchmark Division {d}", path="",
        )
        for d in range(1, n_divisions + 1)
    ])  # fmt: skip
    groups = OrgUnit.objects.bulk_create([
        OrgUnit(
            parent=divisions[i % n_divisions], organization=department, kind=K.GROUP,
            code=f"{divisions[i % n_divisions].code}-G{i // n_divisions + 1:02d}",
            name_th=f"กลุ่มงานที่ {i // n_divisions + 1} กองทดสอบที่ {i % n_divisions + 1}",
            name_en=f"Group {i // n_divisions + 1}, Benchmark Division {i % n_divisions + 1}",
            path="",
        )
        for i in range(n_units - n_divisions)
    ])  # fmt: skip
    for unit in divisions:
        unit.path = f"{department.path}{unit.pk}/"
    for unit in groups:
        assert unit.parent is not None  # every group was created under a division
        unit.path = f"{unit.parent.path}{unit.pk}/"
    OrgUnit.objects.bulk_update([*divisions, *groups], ["path"])
    return department, sorted([*divisions, *groups], key=lambda u: u.path)


def _department_people(department: OrgUnit, own_unit: OrgUnit) -> dict[str, User]:
    users = []
    for username, name, _role in PEOPLE:
        user = User(
            username=username, name=name, organization=department,
            email=f"{username}@bench.digiorg.invalid",
        )  # fmt: skip
        user.set_unusable_password()  # bench people sign in only through force_login
        users.append(user)
    User.objects.bulk_create(users)
    people = {u.username: u for u in User.objects.filter(username__in=[p[0] for p in PEOPLE])}
    Membership.objects.bulk_create([
        Membership(
            user=people[username], role=role, organization=department,
            unit=own_unit if role in (Role.COORDINATOR, Role.MEMBER) else department,
        )
        for username, _name, role in PEOPLE
    ])  # fmt: skip
    return people


def _assignment_plan(
    rng: random.Random, criteria: list[Criterion], units: list[OrgUnit], own_unit: OrgUnit
) -> list[tuple[int, int, str]]:
    """(criterion, unit, kind): a department-scope criterion has a responsible unit (the
    coordinator's for every fifth) and often a contributing one; a unit-scope criterion is
    answered by 8-24 units (the coordinator's unit among them for every other)."""
    rows: list[tuple[int, int, str]] = []
    for i, criterion in enumerate(criteria):
        if criterion.scope == Criterion.Scope.DEPARTMENT:
            responsible = own_unit if i % 5 == 0 else rng.choice(units)
            rows.append((criterion.pk, responsible.pk, Assignment.Kind.RESPONSIBLE))
            other = rng.choice(units)
            if other != responsible:
                rows.append((criterion.pk, other.pk, Assignment.Kind.ANSWERS))
        else:
            chosen = rng.sample(units, rng.randint(min(len(units), 8), min(len(units), 24)))
            if i % 2 == 0 and own_unit not in chosen:
                chosen[0] = own_unit
            rows.extend((criterion.pk, u.pk, Assignment.Kind.ANSWERS) for u in chosen)
    return rows


def _split(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _actions(rng, department, cycles, units, unit_criteria, criteria_ids, total, people):
    """`total` actions spread over the cycles and units, 1-3 criteria each (among those the
    unit is assigned), with quarterly progress reports for the approved and running ones."""
    coordinator, secretariat = people[COORDINATOR], people[SECRETARIAT]
    own_unit_id = Membership.objects.get(user=coordinator).unit_id
    actions, links = [], []
    for cycle, count in zip(cycles, _split(total, len(cycles)), strict=True):
        start, end = fiscal_year_bounds(cycle.fiscal_year)
        mix = ACTIONS_LATEST if cycle.fiscal_year == LATEST_YEAR else ACTIONS_CLOSED
        for i in range(count):
            unit = rng.choice(units)
            status = _pick(rng, mix)
            begin = start + timedelta(days=rng.randint(0, 270))
            finish = min(end, begin + timedelta(days=rng.randint(30, 240)))
            source = rng.choice(Action.BudgetSource.values)
            percent = {S.DONE: 100, S.IN_PROGRESS: rng.randint(10, 90),
                       S.APPROVED: rng.randint(0, 30)}.get(status, 0)  # fmt: skip
            actions.append(
                Action(
                    organization_id=department.pk, cycle_id=cycle.pk, unit_id=unit.pk,
                    title=f"{ACTION_TITLES[i % len(ACTION_TITLES)]} ({unit.code} {cycle.fiscal_year}-{i + 1:04d})",
                    description="กิจกรรมทดสอบสมรรถนะของระบบ",
                    owner_id=coordinator.pk if unit.pk == own_unit_id else None,
                    start_date=begin, end_date=finish,
                    budget=Decimal(0) if source == Action.BudgetSource.NONE
                    else Decimal(rng.randrange(10_000, 2_000_000, 5_000)),
                    budget_source=source, kpi="ร้อยละความสำเร็จของกิจกรรม",
                    kpi_target=Decimal(rng.choice([50, 80, 100])), kpi_unit="ร้อยละ",
                    status=status, percent_done=percent,
                )
            )  # fmt: skip
            pool = unit_criteria.get(unit.pk) or criteria_ids
            links.append(rng.sample(pool, min(len(pool), rng.randint(1, 3))))
    Action.objects.bulk_create(actions, batch_size=2000)
    through = Action.criteria.through
    through.objects.bulk_create(
        [through(action_id=a.pk, criterion_id=c) for a, ids in zip(actions, links, strict=True)
         for c in ids],
        batch_size=5000,
    )  # fmt: skip
    by_cycle = {c.pk: c for c in cycles}
    reports = []
    for action in actions:
        if action.status not in (S.APPROVED, S.IN_PROGRESS, S.DONE):
            continue
        cycle = by_cycle[action.cycle_id]
        quarters = {S.DONE: 4, S.IN_PROGRESS: rng.randint(1, 3)}.get(action.status)
        quarters = rng.randint(0, 2) if quarters is None else quarters
        for q in range(1, quarters + 1):
            status = (
                ProgressReport.Status.REVIEWED if cycle.fiscal_year < LATEST_YEAR
                else _pick(rng, [("submitted", 60), ("reviewed", 30), ("returned", 5), ("draft", 5)])
            )  # fmt: skip
            due = getattr(cycle, f"q{q}_due")
            sent = status != ProgressReport.Status.DRAFT
            checked = status in (ProgressReport.Status.REVIEWED, ProgressReport.Status.RETURNED)
            reports.append(
                ProgressReport(
                    action_id=action.pk, organization_id=department.pk, quarter=q,
                    percent_done=action.percent_done * q // quarters,
                    narrative="ดำเนินการตามแผนที่กำหนด", spent=action.budget * q / 4,
                    status=status, submitted_by_id=action.owner_id if sent else None,
                    submitted_at=_aware(due - timedelta(days=3)) if sent else None,
                    reviewed_by_id=secretariat.pk if checked else None,
                    reviewed_at=_aware(due + timedelta(days=5)) if checked else None,
                )
            )  # fmt: skip
    ProgressReport.objects.bulk_create(reports, batch_size=5000)
    return actions, len(reports)


def shared_file() -> tuple[str, int, str]:
    """(stored name, size, SHA-256) of the one file every bench revision points at."""
    if not default_storage.exists(SHARED_FILE):
        stored = default_storage.save(SHARED_FILE, ContentFile(SHARED_PDF))
        assert stored == SHARED_FILE, stored
    return SHARED_FILE, len(SHARED_PDF), hashlib.sha256(SHARED_PDF).hexdigest()


def _evidence(rng, department, units, unit_criteria, criteria_ids, actions, total, people, today):
    """`total` evidence spread over the units, REVISIONS_PER_EVIDENCE revisions each, 1-2
    criteria each, 40 % linked to an action of their unit; expiry dates spread around today
    (a quarter have none, about a quarter of the others are expired, a few expire soon)."""
    name, size, sha = shared_file()
    by_unit: dict[int, list[int]] = defaultdict(list)
    for action in actions:
        by_unit[action.unit_id].append(action.pk)
    own_unit_id = Membership.objects.get(user=people[COORDINATOR]).unit_id
    items, criteria_links, action_links = [], [], []
    for i in range(total):
        unit = units[i % len(units)]
        expiry = None if rng.random() < 0.25 else today + timedelta(days=rng.randint(-400, 1100))
        items.append(
            Evidence(
                organization_id=department.pk, unit_id=unit.pk, kind=Evidence.Kind.FILE,
                title=f"{EVIDENCE_TITLES[i % len(EVIDENCE_TITLES)]} ({unit.code} #{i + 1})",
                effective_date=today - timedelta(days=rng.randint(0, 1500)), expiry_date=expiry,
                created_by_id=people[MEMBER].pk if unit.pk == own_unit_id else None,
            )
        )  # fmt: skip
        pool = unit_criteria.get(unit.pk) or criteria_ids
        criteria_links.append(rng.sample(pool, min(len(pool), rng.randint(1, 2))))
        mine = by_unit.get(unit.pk)
        action_links.append(rng.choice(mine) if mine and rng.random() < 0.4 else None)
    Evidence.objects.bulk_create(items, batch_size=2000)
    EvidenceRevision.objects.bulk_create(
        [
            EvidenceRevision(
                evidence_id=e.pk, number=n, file=name, name=f"bench-{e.pk}-r{n}.pdf",
                content_type="application/pdf", size=size, sha256=sha,
                uploaded_by_id=e.created_by_id,
            )
            for e in items
            for n in range(1, REVISIONS_PER_EVIDENCE + 1)
        ],
        batch_size=5000,
    )  # fmt: skip
    newest = EvidenceRevision.objects.filter(evidence=OuterRef("pk")).order_by("-number")
    Evidence.objects.filter(organization=department).update(
        current=Subquery(newest.values("pk")[:1])
    )
    through = Evidence.criteria.through
    through.objects.bulk_create(
        [through(evidence_id=e.pk, criterion_id=c) for e, ids in zip(items, criteria_links, strict=True)
         for c in ids],
        batch_size=5000,
    )  # fmt: skip
    through = Evidence.actions.through
    through.objects.bulk_create(
        [through(evidence_id=e.pk, action_id=a) for e, a in zip(items, action_links, strict=True) if a],
        batch_size=5000,
    )  # fmt: skip
    held: dict[int, list[int]] = defaultdict(list)
    for e in items:
        held[e.unit_id].append(e.pk)
    return held


def _assessments(rng, department, cycles, slots, criteria_by_id, evidence_by_unit, people):
    """An answer for every slot of every cycle; met and partial answers cite 1-2 pieces of
    the unit's evidence."""
    secretariat = people[SECRETARIAT].pk
    answers, cited = [], []
    for cycle in cycles:
        mix = STATUSES_LATEST if cycle.fiscal_year == LATEST_YEAR else STATUSES_CLOSED
        for criterion_id, unit_id in slots[cycle.pk]:
            result = _pick(rng, RESULTS)
            status = _pick(rng, mix) if result else A.Status.DRAFT
            sent = status != A.Status.DRAFT
            checked = status in (A.Status.VERIFIED, A.Status.RETURNED)
            answers.append(
                A(
                    organization_id=department.pk, cycle_id=cycle.pk, criterion_id=criterion_id,
                    unit_id=unit_id, scope=criteria_by_id[criterion_id].scope, result=result,
                    note="ผลการประเมินตนเอง (ข้อมูลทดสอบ)" if result else "", status=status,
                    submitted_at=_aware(cycle.assessment_due - timedelta(days=10)) if sent else None,
                    reviewer_id=secretariat if checked else None,
                    reviewed_at=_aware(cycle.assessment_due + timedelta(days=7)) if checked else None,
                    review_comment="กรุณาแนบหลักฐานเพิ่มเติม" if status == A.Status.RETURNED else "",
                )
            )  # fmt: skip
            own = evidence_by_unit.get(unit_id, [])
            if result in (A.Result.MET, A.Result.PARTIAL) and own:
                cited.append(rng.sample(own, min(len(own), rng.randint(1, 2))))
            else:
                cited.append([])
    A.objects.bulk_create(answers, batch_size=5000)
    through = A.evidence.through
    through.objects.bulk_create(
        [through(criterionassessment_id=a.pk, evidence_id=e)
         for a, ids in zip(answers, cited, strict=True) for e in ids],
        batch_size=5000,
    )  # fmt: skip
    return len(answers)


def _snapshots(cycles, today) -> tuple[int, int, float]:
    """`snapshot_take` on four days per cycle; the earlier days' scores scaled down.
    Returns (rows, calls, seconds spent in snapshot_take)."""
    rows = calls = 0
    seconds = 0.0
    for cycle in Cycle.objects.filter(pk__in=[c.pk for c in cycles]).select_related("framework"):
        last = min(today, cycle.bounds[1])
        for before, factor in zip(TREND_DAYS, TREND, strict=True):
            day = last - timedelta(days=before)
            started = time.perf_counter()
            rows += snapshot_take(cycle, day)
            seconds += time.perf_counter() - started
            calls += 1
            if factor < 1:
                ScoreSnapshot.objects.filter(cycle=cycle, day=day).update(
                    self_score=F("self_score") * factor,
                    verified_score=F("verified_score") * factor,
                    progress=F("progress") * factor,
                )
    return rows, calls, seconds


def seed_department(factor: float = 1.0, say: Say = print) -> dict[str, float]:
    """The department-scale data; nothing if BENCH exists. Returns seconds per part."""
    if department_seeded():
        say(f"department scale: {DEPARTMENT_CODE} is already there, nothing to do")
        return {}
    sizes = sizes_for(factor)
    say(
        f"department scale (factor {factor:g}): {sizes.units} units, {sizes.cycles} cycles, "
        f"{sizes.actions:,} actions, {sizes.revisions:,} evidence revisions"
    )
    rng = random.Random(2568)
    clock = Clock(say)
    today = timezone.localdate()
    started = time.perf_counter()
    with transaction.atomic():
        with clock.step("framework"):
            framework, criteria = bench_criteria()
            criteria_ids = [c.pk for c in criteria]
            criteria_by_id = {c.pk: c for c in criteria}
        with clock.step("units and people"):
            department, units = _department_units(sizes.units)
            own_unit = next(u for u in units if u.kind == K.DIVISION)
            people = _department_people(department, own_unit)
            bench_superuser()
        with clock.step("cycles and assignments"):
            years = range(LATEST_YEAR - sizes.cycles + 1, LATEST_YEAR + 1)
            cycles = Cycle.objects.bulk_create([
                Cycle(
                    organization=department, fiscal_year=year, framework=framework,
                    status=Cycle.Status.ASSESSING if year == LATEST_YEAR else Cycle.Status.CLOSED,
                    **default_deadlines(year),
                )
                for year in years
            ])  # fmt: skip
            plan = _assignment_plan(rng, criteria, units, own_unit)
            Assignment.objects.bulk_create(
                [
                    Assignment(cycle=cycle, criterion_id=c, unit_id=u, kind=kind,
                               organization=department)
                    for cycle in cycles
                    for c, u, kind in plan
                ],
                batch_size=5000,
            )  # fmt: skip
            unit_criteria: dict[int, list[int]] = defaultdict(list)
            for c, u, _kind in plan:
                unit_criteria[u].append(c)
            pairs = [(c.pk, c.scope) for c in criteria]
            slots = {c.pk: cycle_slots(c, criteria=pairs, assessments=[]) for c in cycles}
            say(f"    {len(plan) * len(cycles):,} assignments")
        with clock.step("actions and progress reports"):
            actions, n_reports = _actions(
                rng, department, cycles, units, unit_criteria, criteria_ids, sizes.actions, people
            )
            say(f"    {len(actions):,} actions, {n_reports:,} progress reports")
        with clock.step("evidence and revisions"):
            evidence_by_unit = _evidence(
                rng, department, units, unit_criteria, criteria_ids, actions, sizes.evidence,
                people, today,
            )  # fmt: skip
            say(f"    {sizes.evidence:,} evidence, {sizes.revisions:,} revisions")
        with clock.step("assessments"):
            n = _assessments(
                rng, department, cycles, slots, criteria_by_id, evidence_by_unit, people
            )
            say(f"    {n:,} assessments")
        with clock.step("score snapshots (snapshot_take)"):
            rows, calls, seconds = _snapshots(cycles, today)
            say(
                f"    {rows:,} snapshot rows from {calls} snapshot_take calls "
                f"({seconds / calls * 1000:.0f} ms each)"
            )
    clock.times["total"] = round(time.perf_counter() - started, 2)
    say(f"department scale: {clock.times['total']:.1f} s")
    return clock.times


# ---------------------------------------------------------------------------------------------
# National scale


def _national_plan(criteria: list[Criterion]) -> tuple[list[Criterion], list[tuple]]:
    """What each national department answers: every department-scope criterion once, and the
    rest of NATIONAL_ANSWERS spread over the unit-scope criteria (with the bundled framework:
    62 + 22 x 14 + 10 x 13 = 500). Returns (department-scope, [(unit-scope, units answering)])."""
    department_scope = [c for c in criteria if c.scope == Criterion.Scope.DEPARTMENT]
    unit_scope = [c for c in criteria if c.scope == Criterion.Scope.UNIT]
    base, rest = divmod(max(0, NATIONAL_ANSWERS - len(department_scope)), len(unit_scope) or 1)
    return department_scope, [(c, base + (i < rest)) for i, c in enumerate(unit_scope)]


def _national_answers(rng, department_id, cycle_id, unit_ids, department_scope, spread, sent_at):
    """One department's answers and their scoring slots. Each department gets its own maturity
    (share of met) and its own shares of submitted and verified answers."""
    maturity = rng.uniform(0.15, 0.9)
    sent_share = rng.uniform(0.5, 1.0)
    verified_share = sent_share * rng.uniform(0.2, 0.95)
    pairs = [(c, unit_ids[i % len(unit_ids)]) for i, c in enumerate(department_scope)]
    for i, (criterion, n) in enumerate(spread):
        pairs.extend((criterion, unit_ids[(i + k) % len(unit_ids)]) for k in range(n))
    answers, slots = [], []
    for criterion, unit_id in pairs:
        r = rng.random()
        if r < 0.04:
            result = ""
        elif r < 0.08:
            result = A.Result.NOT_APPLICABLE
        elif (q := rng.random()) < maturity:
            result = A.Result.MET
        else:
            result = A.Result.PARTIAL if q < (1 + maturity) / 2 else A.Result.NOT_MET
        s = rng.random()
        if not result or s >= sent_share:
            status = A.Status.DRAFT
        elif s > 0.985:
            status = A.Status.RETURNED
        else:
            status = A.Status.VERIFIED if s < verified_share else A.Status.SUBMITTED
        answers.append(
            A(
                organization_id=department_id, cycle_id=cycle_id, criterion_id=criterion.pk,
                unit_id=unit_id, scope=criterion.scope, result=result, status=status,
                submitted_at=sent_at if status != A.Status.DRAFT else None,
            )
        )  # fmt: skip
        slots.append(compute.Slot(criterion.pk, unit_id, result, status))
    return answers, slots


def _department_snapshot(department_id, cycle_id, tree, day) -> list[ScoreSnapshot]:
    """The department-level rows snapshot_take would write: overall and every node."""

    def row(node_id, item):
        return ScoreSnapshot(
            organization_id=department_id, cycle_id=cycle_id, unit_id=None, node_id=node_id,
            day=day, latest=True, self_score=item.self_score, verified_score=item.verified_score,
            progress=item.progress, applicable=item.applicable, answered=item.answered,
            verified=item.verified,
        )  # fmt: skip

    rows = [row(None, tree)]
    stack = list(tree.dimensions)
    while stack:
        item = stack.pop()
        rows.append(row(item.node_id, item))
        stack.extend(item.children)
    return rows


def seed_national(factor: float = 1.0, say: Say = print, batch: int = 10_000) -> dict[str, float]:
    """The national-scale data; nothing if NAT0001 exists. Returns seconds per part."""
    if national_seeded():
        say(f"national scale: {NATIONAL_PREFIX}0001 is already there, nothing to do")
        return {}
    sizes = sizes_for(factor)
    say(
        f"national scale (factor {factor:g}): {sizes.departments:,} departments, "
        f"{sizes.national_answers:,} assessments"
    )
    rng = random.Random(2000)
    clock = Clock(say)
    today = timezone.localdate()
    started = time.perf_counter()
    with transaction.atomic():
        with clock.step("framework"):
            framework, criteria = bench_criteria()
            department_scope, spread = _national_plan(criteria)
            n_units = max([n for _, n in spread] + [1])
            nodes = list(
                FrameworkNode.objects.filter(framework=framework, retired=False).order_by(
                    "position"
                )
            )
            specs = [compute.CriterionSpec(c.pk, c.node_id, float(c.weight)) for c in criteria]
            levels = [compute.Level(str(b["code"]), float(b["min"])) for b in framework.levels]
            bench_superuser()
        with clock.step("departments and units"):
            ministry = _ministry(
                NATIONAL_MINISTRY, "กระทรวงทดสอบระดับประเทศ", "National Benchmark Ministry"
            )
            departments = OrgUnit.objects.bulk_create(
                [
                    OrgUnit(
                        parent=ministry, kind=K.DEPARTMENT, code=f"{NATIONAL_PREFIX}{n:04d}",
                        name_th=f"กรมทดสอบระดับประเทศที่ {n}",
                        name_en=f"National Benchmark Department {n}", path="",
                    )
                    for n in range(1, sizes.departments + 1)
                ],
                batch_size=2000,
            )  # fmt: skip
            # a department is its own organization; paths in one UPDATE each, not row by row
            OrgUnit.objects.filter(parent=ministry, kind=K.DEPARTMENT).update(
                organization_id=F("pk"),
                path=Concat(
                    Value(ministry.path), Cast("pk", CharField()), Value("/"),
                    output_field=CharField(),
                ),
            )  # fmt: skip
            units = OrgUnit.objects.bulk_create(
                [
                    OrgUnit(
                        parent_id=d.pk, organization_id=d.pk,
                        kind=K.DIVISION if u <= 10 else K.REGIONAL_OFFICE,
                        code=f"{d.code}-U{u:02d}", name_th=f"หน่วยงานที่ {u} {d.name_th}",
                        name_en=f"Unit {u}, {d.name_en}", path="",
                    )
                    for d in departments
                    for u in range(1, n_units + 1)
                ],
                batch_size=5000,
            )  # fmt: skip
            OrgUnit.objects.filter(parent__parent=ministry).update(
                path=Concat(
                    Value(ministry.path), Cast("parent_id", CharField()), Value("/"),
                    Cast("pk", CharField()), Value("/"), output_field=CharField(),
                )
            )  # fmt: skip
            say(f"    {len(departments):,} departments, {len(units):,} units")
        unit_ids: dict[int, list[int]] = defaultdict(list)
        for unit in units:
            assert unit.parent_id is not None  # every unit was created under a department
            unit_ids[unit.parent_id].append(unit.pk)
        with clock.step("cycles"):
            cycles = Cycle.objects.bulk_create(
                [
                    Cycle(
                        organization_id=d.pk, fiscal_year=LATEST_YEAR, framework=framework,
                        status=Cycle.Status.ASSESSING, **default_deadlines(LATEST_YEAR),
                    )
                    for d in departments
                ],
                batch_size=2000,
            )  # fmt: skip
        with clock.step("assessments and snapshots"):
            day = min(today, fiscal_year_bounds(LATEST_YEAR)[1])
            sent_at = _aware(default_deadlines(LATEST_YEAR)["assessment_due"])
            answers: list[CriterionAssessment] = []
            snapshots: list[ScoreSnapshot] = []
            written = snapshot_rows = 0
            build = insert = scoring = 0.0
            report_every = max(1, len(departments) // 10)

            def flush() -> None:
                nonlocal written, snapshot_rows, insert
                begun = time.perf_counter()
                A.objects.bulk_create(answers, batch_size=5000)
                ScoreSnapshot.objects.bulk_create(snapshots, batch_size=5000)
                insert += time.perf_counter() - begun
                written += len(answers)
                snapshot_rows += len(snapshots)
                answers.clear()
                snapshots.clear()

            for index, (department, cycle) in enumerate(zip(departments, cycles, strict=True)):
                begun = time.perf_counter()
                rows, slots = _national_answers(
                    rng, department.pk, cycle.pk, unit_ids[department.pk], department_scope,
                    spread, sent_at,
                )  # fmt: skip
                answers.extend(rows)
                build += time.perf_counter() - begun
                begun = time.perf_counter()
                tree = compute_tree(ScoreInputs(nodes, specs, slots, levels))
                snapshots.extend(_department_snapshot(department.pk, cycle.pk, tree, day))
                scoring += time.perf_counter() - begun
                if len(answers) >= batch:
                    flush()
                if (index + 1) % report_every == 0:
                    say(
                        f"    {index + 1:,}/{len(departments):,} departments, "
                        f"{written + len(answers):,} assessments, "
                        f"{time.perf_counter() - started:.0f} s"
                    )
            flush()
            say(
                f"    {written:,} assessments, {snapshot_rows:,} snapshot rows "
                f"(building rows {build:.1f} s, inserting {insert:.1f} s, "
                f"scoring in memory {scoring:.1f} s = "
                f"{scoring / max(1, len(departments)) * 1000:.1f} ms per department)"
            )
    clock.times["total"] = round(time.perf_counter() - started, 2)
    say(f"national scale: {clock.times['total']:.1f} s")
    return clock.times


def seed(scale: str = "all", factor: float = 1.0, say: Say = print) -> dict[str, dict]:
    """Seed the department scale, the national scale or both; each part only once."""
    times: dict[str, dict] = {}
    if scale in ("department", "all"):
        times["department"] = seed_department(factor, say)
    if scale in ("national", "all"):
        times["national"] = seed_national(factor, say)
    return times
