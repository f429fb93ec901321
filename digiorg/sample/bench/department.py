"""Department-scale benchmark data (see seed.py)."""

import hashlib
import random
import time
from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone

from digiorg.accounts.models import Membership, User
from digiorg.accounts.roles import Role
from digiorg.assessments.slots import cycle_slots
from digiorg.core.fiscal import fiscal_year_bounds
from digiorg.cycles.models import Assignment, Cycle
from digiorg.cycles.services import default_deadlines
from digiorg.evidence.models import Evidence, EvidenceRevision
from digiorg.frameworks.models import Criterion
from digiorg.org.models import OrgUnit
from digiorg.plans.models import Action, ProgressReport
from digiorg.scoring.models import ScoreSnapshot
from digiorg.scoring.services import snapshot_take

from .common import (
    ACTION_TITLES,
    ACTIONS_CLOSED,
    ACTIONS_LATEST,
    COORDINATOR,
    DEPARTMENT_CODE,
    DEPARTMENT_MINISTRY,
    EVIDENCE_TITLES,
    LATEST_YEAR,
    MEMBER,
    PEOPLE,
    RESULTS,
    REVISIONS_PER_EVIDENCE,
    SECRETARIAT,
    SHARED_FILE,
    SHARED_PDF,
    STATUSES_CLOSED,
    STATUSES_LATEST,
    TREND,
    TREND_DAYS,
    A,
    Clock,
    K,
    S,
    Say,
    _aware,
    _ministry,
    _pick,
    bench_criteria,
    bench_superuser,
    department_seeded,
    option_codes,
    sizes_for,
    ticks,
)


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
    answered by 8-24 units, and in a larger department by 20-60 % of them (the coordinator's
    unit among them for every other). A share above 40 units: in a department twice the size
    each unit then answers as many criteria as before (with 8-24 of 80 it answered half as
    many, and its plan drew on more topics), so `bench --baseline` compares the pages of one
    unit like with like. Up to 40 units the data is what it was."""
    rows: list[tuple[int, int, str]] = []
    n = len(units)
    fewest, most = min(n, max(8, round(n * 0.2))), min(n, max(24, round(n * 0.6)))
    for i, criterion in enumerate(criteria):
        if criterion.scope == Criterion.Scope.DEPARTMENT:
            responsible = own_unit if i % 5 == 0 else rng.choice(units)
            rows.append((criterion.pk, responsible.pk, Assignment.Kind.RESPONSIBLE))
            other = rng.choice(units)
            if other != responsible:
                rows.append((criterion.pk, other.pk, Assignment.Kind.ANSWERS))
        else:
            chosen = rng.sample(units, rng.randint(fewest, most))
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


def _assessments(rng, department, cycles, slots, criteria_by_id, codes, evidence_by_unit, people):
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
                    options=ticks(codes.get(criterion_id, []), result),
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
            codes = option_codes(criteria)
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
                rng, department, cycles, slots, criteria_by_id, codes, evidence_by_unit, people
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
