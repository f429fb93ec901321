"""The demo department's plans for one fiscal year, through the real services: every unit plans,
actions move along their status flow, report progress each quarter up to the quarter in
progress, and the closed years end with most actions done. Dates stay inside the fiscal year
and milestones inside their action."""

from datetime import date, timedelta
from decimal import Decimal

from digiorg.accounts.models import User
from digiorg.cycles.models import Cycle
from digiorg.cycles.services import assignments_set, cycle_open, cycle_update
from digiorg.org.models import OrgUnit
from digiorg.plans import services
from digiorg.plans.models import Action

from .calendar import DemoYear, rng_for
from .catalogue import ACTIONS, MILESTONES, NARRATIVES, PROBLEMS
from .clock import DemoClock, spread, units_by_code

S = Action.Status
# the year in progress: how many actions end in each status (47 in all), then overdue ones
CURRENT_STATUSES: dict[str, int] = {
    S.DRAFT: 5, S.SUBMITTED: 6, S.RETURNED: 3, S.APPROVED: 7, S.IN_PROGRESS: 16, S.DONE: 6,
    S.CANCELLED: 4,
}  # fmt: skip
CLOSED_STATUSES: dict[str, int] = {
    S.DONE: 17,
    S.IN_PROGRESS: 3,
    S.CANCELLED: 2,
}  # a closed year: 22 actions
# dimension ref -> units that lead it (they answer its criteria; see assessments.py)
RESPONSIBLE = {"1": "PLAN", "2": "IT", "3": "HR", "4": "PSDG", "5": "SEC-ADM", "6": "IT", "7": "IT"}
ANSWERS_4 = ["R1", "R2", "R3", "R4", "R5", "R6", "HFA"]  # unit-scope service criteria
MEMBERS = {"IT": "member-it", "R1": "member-r1", "R1-STD": "member-r1-std"}
# the year in progress: a unit's first action ends in this status whatever the draw (Region 1's
# coordinator, coord-r1, always has a draft and a returned action to edit and one under way)
PINNED = {"R1": S.DRAFT, "R1-STD": S.RETURNED, "R1-ADM": S.IN_PROGRESS}
DAY = timedelta(days=1)


def coordinator(people: dict[str, User], code: str) -> User:
    """The coordinator who answers for a unit (the groups of Region 1: the centre's)."""
    return people.get(f"coord-{code.lower()}") or people["coord-r1"]


def _open(organization, framework, year: DemoYear, units, people) -> Cycle:
    secretariat = people["secretariat"]
    cycle = cycle_open(
        actor=secretariat, organization=organization, fiscal_year=year.fiscal_year,
        framework=framework,
    )  # fmt: skip
    by_dimension: dict[str, list] = {}
    for criterion in _criteria(framework):
        by_dimension.setdefault(criterion.node.ref.split(".")[0], []).append(criterion)
    for dimension, code in RESPONSIBLE.items():
        assignments_set(
            actor=secretariat, cycle=cycle, criteria=by_dimension[dimension], units=[units[code]],
            kind="responsible",
        )  # fmt: skip
    unit_scope_4 = [c for c in by_dimension["4"] if c.scope == "unit"]
    assignments_set(
        actor=secretariat, cycle=cycle, criteria=unit_scope_4,
        units=[units[c] for c in ANSWERS_4], kind="answers",
    )  # fmt: skip
    return cycle


def _criteria(framework) -> list:
    return list(
        framework.criteria.filter(retired=False).select_related("node").order_by("position")
    )


def _statuses(year: DemoYear, rng) -> list[str]:
    counts: dict[str, int] = CURRENT_STATUSES if year.current else CLOSED_STATUSES
    statuses: list[str] = [status for status, n in counts.items() for _ in range(n)]
    rng.shuffle(statuses)
    return statuses


def _dates(year: DemoYear, status: str, overdue: bool, rng) -> tuple[date, date]:
    today, day = year.last_day, timedelta(days=1)
    if not year.current:
        start = year.day_between(rng, year.start, year.start + timedelta(days=150))
        return start, year.day_between(rng, start + timedelta(days=60), year.end)
    if status == S.DONE or overdue:
        start = year.day_between(rng, year.start, today - 30 * day)
        return start, year.day_between(rng, start + 14 * day, today - day)
    if status in (S.IN_PROGRESS, S.CANCELLED):
        start = year.day_between(rng, year.start, today)
        return start, year.day_between(rng, max(start, today) + 30 * day, year.end)
    start = year.day_between(rng, today + 7 * day, today + 100 * day)  # still to start
    return start, year.day_between(rng, start + 45 * day, year.end)


def _plan_units(units: dict[str, OrgUnit]) -> list[str]:
    return sorted(code for code, unit in units.items() if unit.parent_id and code != "HSS")


def _pin(order: list[str], statuses: list[str]) -> None:
    """Give each pinned unit's first action its status, swapping it with another action's."""
    pinned: set[int] = set()
    for code, status in PINNED.items():
        first = order.index(code)
        if statuses[first] != status:
            other = next(
                i for i, s in enumerate(statuses) if s == status and i not in pinned | {first}
            )
            statuses[first], statuses[other] = statuses[other], statuses[first]
        pinned.add(first)


def demo_plans(organization, framework, year: DemoYear, say, clock: DemoClock) -> Cycle | None:
    """Open the year and plan it; None if it was there already (a closed year left open by an
    earlier run is closed now)."""
    existing = Cycle.objects.filter(organization=organization, fiscal_year=year.fiscal_year).first()
    if existing is not None:
        if not year.current and existing.status != Cycle.Status.CLOSED:
            clock.at(year.end + timedelta(days=25), ("closed", year.fiscal_year))
            cycle_update(existing, version=existing.version, status=Cycle.Status.CLOSED)
        say(f"cycle FY {year.fiscal_year}: already there")
        return None
    people = {u.username: u for u in User.objects.filter(organization=organization)}
    units = units_by_code(organization)
    clock.at(year.start, ("opened", year.fiscal_year))
    cycle = _open(organization, framework, year, units, people)
    clock.at(year.start + DAY, ("executing", year.fiscal_year))
    cycle = cycle_update(cycle, version=cycle.version, status=Cycle.Status.EXECUTING)
    rng = rng_for(year.today, "plans", year.fiscal_year)
    criteria: dict[str, list] = {}
    for criterion in _criteria(framework):
        criteria.setdefault(criterion.node.ref.split(".")[0], []).append(criterion)
    catalogue = [(dim, *item) for dim, items in ACTIONS.items() for item in items]
    rng.shuffle(catalogue)
    statuses = _statuses(year, rng)
    plan_units = _plan_units(units)
    order = plan_units + [rng.choice(plan_units) for _ in range(len(statuses) - len(plan_units))]
    if year.current:
        _pin(order, statuses)
    overdue_left = 4 if year.current and (year.today - year.start).days > 45 else 0
    for index, status in enumerate(statuses):
        dim, title, kpi, target, measure, budget, source = catalogue[index % len(catalogue)]
        code = order[index % len(order)]
        overdue = status in (S.IN_PROGRESS, S.APPROVED) and overdue_left > 0
        overdue_left -= overdue
        start, end = _dates(year, status, overdue, rng)
        _action(
            cycle, year, rng, clock, (year.fiscal_year, index), people, units[code], code, status,
            title=title, kpi=kpi,
            target=target, measure=measure, budget=budget, source=source, start=start, end=end,
            criteria=rng.sample(criteria[dim], min(2, len(criteria[dim]))),
        )  # fmt: skip
    if not year.current or year.quarter == 4:  # a closed year is closed once answered
        clock.at(year.quarter_bounds(4)[0] + 45 * DAY, ("assessing", year.fiscal_year))
        cycle = cycle_update(cycle, version=cycle.version, status=Cycle.Status.ASSESSING)
    phase = "in progress" if year.current else "closed once answered"
    say(f"cycle FY {year.fiscal_year}: {len(statuses)} actions, {phase}")
    return cycle


def _action(cycle, year: DemoYear, rng, clock: DemoClock, key, people, unit, code, status, *,
            title, kpi, target, measure, budget, source, start, end, criteria) -> Action:  # fmt: skip
    """The action goes along its status flow, each step some days after the one before it:
    planned in the weeks after the cycle opened, under way from its start date, each quarter's
    report sent after the quarter ended, done once its end date has passed."""
    coord = coordinator(people, code)
    writer = people.get(MEMBERS.get(code, ""), coord)
    middle = start + (end - start) / 2
    day = clock.at(year.start + spread((key, "planned"), 3, 28) * DAY, key)
    action = services.action_create(
        actor=writer, cycle=cycle, unit=unit, title=title, owner=coord, criteria=criteria,
        start_date=start, end_date=end, budget=Decimal(budget), budget_source=source, kpi=kpi,
        kpi_target=Decimal(target), kpi_unit=measure,
        milestones=list(zip(MILESTONES, [start, middle, end], strict=True)),
    )  # fmt: skip
    if status == S.DRAFT:
        return action
    day = clock.at(day + spread((key, "sent"), 1, 6) * DAY, (key, "sent"))
    if status == S.CANCELLED and rng.random() < 0.5:
        return services.action_transition(
            action, actor=coord, to_status=S.CANCELLED, comment="หน่วยงานรวมกิจกรรมไว้กับโครงการอื่น"
        )
    action = services.action_transition(action, actor=coord, to_status=S.SUBMITTED)
    if status == S.SUBMITTED:
        return action
    day = clock.at(day + spread((key, "read"), 2, 9) * DAY, (key, "read"))
    if status == S.RETURNED:
        return services.action_transition(
            action, actor=people["secretariat"], to_status=S.RETURNED,
            comment="กรุณาระบุกลุ่มเป้าหมายและงบประมาณรายกิจกรรมให้ชัดเจน",
        )  # fmt: skip
    if status == S.CANCELLED:
        return services.action_transition(
            action, actor=people["secretariat"], to_status=S.CANCELLED,
            comment="ไม่ได้รับจัดสรรงบประมาณในปีนี้",
        )  # fmt: skip
    action = services.action_transition(action, actor=people["executive"], to_status=S.APPROVED)
    if status == S.APPROVED:
        return action
    day = clock.at(max(day + DAY, start), (key, "started"))
    action = services.action_transition(action, actor=coord, to_status=S.IN_PROGRESS)
    last = _reports(action, year, rng, clock, key, day, people, coord, done=status == S.DONE)
    for milestone in action.milestones.all():
        if status == S.DONE or milestone.due_date < year.last_day:
            clock.at(max(day, milestone.due_date), (key, milestone.title))
            services.milestone_set_done(milestone, actor=coord, done=True)
    if status == S.DONE:
        clock.at(max(last, end) + spread((key, "done"), 1, 4) * DAY, (key, "done"))
        action = services.action_transition(action, actor=coord, to_status=S.DONE)
    return action


def _reports(action: Action, year: DemoYear, rng, clock: DemoClock, action_key, since: date,
             people, coord, done: bool) -> date:  # fmt: skip
    """Quarterly reports up to the quarter in progress: earlier quarters sent a few days after
    the quarter ended and reviewed (a few returned or never sent) some days later, the quarter
    in progress a draft or sent once it is well under way. Returns the day of the last step."""
    quarters = [
        q for q in range(1, year.quarter + 1) if action.start_date <= year.quarter_bounds(q)[1]
    ]
    last = since
    for n, quarter in enumerate(quarters, start=1):
        key = (action_key, quarter)
        first_day, last_day = year.quarter_bounds(quarter)
        in_progress = year.current and quarter == year.quarter
        if in_progress and (year.today - first_day).days < 20:
            continue
        chance = rng.random()
        if not done and not in_progress and year.current and chance < 0.08:
            continue  # never sent: a missing report on the dashboard
        if in_progress:  # written on a day of the quarter so far
            day = first_day + spread(key, 20, (year.today - first_day).days) * DAY
        else:
            day = last_day + spread(key, 1, 3) * DAY
        day = clock.at(max(day, since), key)
        share = n / (len(quarters) + (0 if done else 1))
        percent = min(100, round(100 * share)) if done else min(95, round(100 * share))
        report = services.progress_save(
            action, actor=coord, quarter=quarter, percent_done=percent,
            narrative=NARRATIVES[min(n, len(NARRATIVES)) - 1], problems=rng.choice(PROBLEMS),
            spent=(action.budget * Decimal(percent) / 100 * Decimal("0.9")).quantize(Decimal("1")),
            evidence_links="https://www.hss.moph.go.th/",
        )  # fmt: skip
        last = day
        if in_progress and chance < 0.5:
            continue  # still a draft
        last = clock.at(day + spread((key, "sent"), 0, 4) * DAY, (key, "sent"))
        report = services.progress_submit(report, actor=coord)
        if in_progress:
            continue  # sent, waiting for the secretariat
        returned = not done and chance > 0.92
        last = clock.at(last + spread((key, "read"), 3, 10) * DAY, (key, "read"))
        services.progress_review(
            report, actor=people["secretariat"], accept=not returned,
            comment="กรุณาแนบภาพกิจกรรมและรายชื่อผู้เข้าร่วม" if returned else "",
        )  # fmt: skip
    return last
