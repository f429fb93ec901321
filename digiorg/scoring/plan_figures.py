"""The plan side of the dashboards (actions per dimension, overdue actions, missing quarterly
reports), computed once per refresh for the department and every unit (PlanFigures rows), so
that a dashboard reads one row instead of aggregating 10,000 actions and 20,000 criterion
links per request.

The computation reads three flat lists (actions, their criterion links, their submitted
reports) and counts in Python: every figure is a sum over actions, and an action belongs to one
unit, so a unit's figures are the sums over the units of its subtree."""

from dataclasses import dataclass, field
from datetime import date

from digiorg.core.fiscal import fiscal_quarter_bounds
from digiorg.frameworks.models import Criterion, FrameworkNode
from digiorg.org.models import OrgUnit
from digiorg.plans.models import Action, ProgressReport

from .models import PlanFigures

S = Action.Status
OPEN = {S.DRAFT, S.SUBMITTED, S.RETURNED, S.APPROVED, S.IN_PROGRESS}
LIVE = {S.APPROVED, S.IN_PROGRESS}
REPORTED = [ProgressReport.Status.SUBMITTED, ProgressReport.Status.REVIEWED]


@dataclass
class Plan:
    """A department's or a unit's plan figures. `dimensions` maps a dimension node id to
    [actions, done, sum of percent done, budget]."""

    actions: int = 0
    overdue: int = 0
    missing: dict[int, int] = field(default_factory=dict)
    dimensions: dict[int, list[float]] = field(default_factory=dict)

    def add(self, other: "Plan") -> None:
        self.actions += other.actions
        self.overdue += other.overdue
        for q, n in other.missing.items():
            self.missing[q] = self.missing.get(q, 0) + n
        for node, figures in other.dimensions.items():
            mine = self.dimensions.setdefault(node, [0, 0, 0.0, 0.0])
            for i, value in enumerate(figures):
                mine[i] += value


def due_quarters(cycle, today: date) -> list[int]:
    return [q for q in (1, 2, 3, 4) if getattr(cycle, f"q{q}_due") < today]


def _dimension_of(framework_id: int) -> dict[int, int]:
    """Framework node id -> the id of the dimension (root node) it sits under."""
    parents = dict(
        FrameworkNode.objects.filter(framework_id=framework_id).values_list("pk", "parent_id")
    )

    def root(node_id: int) -> int:
        for _depth in range(50):  # a framework is a few levels deep; never loop forever
            parent = parents.get(node_id)
            if parent is None:
                break
            node_id = parent
        return node_id

    return {node_id: root(node_id) for node_id in parents}


def plan_by_unit(cycle, today: date) -> dict[int, Plan]:
    """Each unit's own plan figures (not its subtree's), by unit id. Five queries."""
    quarters = due_quarters(cycle, today)
    ends = {q: fiscal_quarter_bounds(cycle.fiscal_year, q)[1] for q in quarters}
    reported = set(
        ProgressReport.objects.filter(
            action__cycle=cycle, status__in=REPORTED, quarter__in=quarters
        ).values_list("action_id", "quarter")
    )
    units: dict[int, Plan] = {}
    actions: dict[int, tuple[Plan, str, float, float]] = {}
    rows = Action.objects.filter(cycle=cycle).values_list(
        "pk", "unit_id", "status", "start_date", "end_date", "percent_done", "budget"
    )
    for pk, unit_id, status, start, end, percent, budget in rows:
        plan = units.setdefault(unit_id, Plan())
        plan.actions += 1
        if status in OPEN and end < today:
            plan.overdue += 1
        for q in quarters:
            if status in LIVE and start <= ends[q] and (pk, q) not in reported:
                plan.missing[q] = plan.missing.get(q, 0) + 1
        actions[pk] = (plan, status, float(percent), float(budget))
    criteria = dict(
        Criterion.objects.filter(framework_id=cycle.framework_id).values_list("pk", "node_id")
    )
    dimension = _dimension_of(cycle.framework_id)
    # an action counts once per criterion node it is linked to (two criteria of one topic:
    # once), and once in its dimension per such node
    pairs = {
        (action_id, criteria.get(criterion_id))
        for action_id, criterion_id in Action.criteria.through.objects.filter(
            action__cycle=cycle
        ).values_list("action_id", "criterion_id")
    }
    for action_id, node_id in pairs:
        plan, status, done_pct, spend = actions[action_id]
        dim = dimension.get(node_id) if node_id is not None else None
        if status == S.CANCELLED or dim is None:
            continue
        entry = plan.dimensions.setdefault(dim, [0, 0, 0.0, 0.0])
        entry[0] += 1
        entry[1] += 1 if status == S.DONE else 0
        entry[2] += done_pct
        entry[3] += spend
    return units


def plan_by_subtree(cycle, today: date) -> dict[int | None, Plan]:
    """The plan figures of the department (None) and of every unit with its subtree."""
    own = plan_by_unit(cycle, today)
    paths = dict(
        OrgUnit.objects.filter(organization_id=cycle.organization_id).values_list("pk", "path")
    )
    # every unit has its row, those without actions too (else they would be computed live)
    out: dict[int | None, Plan] = {None: Plan(), **{pk: Plan() for pk in paths}}
    for unit_id, plan in own.items():
        out[None].add(plan)
        path = paths.get(unit_id, "")
        # every unit whose path is a prefix of this one's: the unit and those above it
        for other, other_path in paths.items():
            if path.startswith(other_path):
                out.setdefault(other, Plan()).add(plan)
    for plan in out.values():  # every quarter due has its count, 0 included
        plan.missing = {q: plan.missing.get(q, 0) for q in due_quarters(cycle, today)}
    return out


def plan_figures_take(cycle, today: date) -> int:
    """Replace the cycle's PlanFigures rows with figures for `today`; returns the rows written.
    Runs inside the snapshot refresh's transaction."""
    rows = [
        PlanFigures(
            organization_id=cycle.organization_id,
            cycle_id=cycle.pk,
            unit_id=unit_id,
            day=today,
            actions=plan.actions,
            overdue=plan.overdue,
            missing={str(q): n for q, n in plan.missing.items()},
            dimensions={str(node): figures for node, figures in plan.dimensions.items()},
        )
        for unit_id, plan in plan_by_subtree(cycle, today).items()
    ]
    PlanFigures.objects.filter(cycle=cycle).delete()
    PlanFigures.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def plan_figures_read(cycle, unit_id: int | None, today: date) -> Plan | None:
    """The stored figures of the department (None) or a unit's subtree, if they were taken
    today; None when they are missing or of another day. One query."""
    row = (
        PlanFigures.objects.filter(cycle=cycle, unit_id=unit_id, day=today)
        .values_list("actions", "overdue", "missing", "dimensions")
        .first()
    )
    if row is None:
        return None
    actions, overdue, missing, dimensions = row
    return Plan(
        actions, overdue, {int(q): n for q, n in missing.items()},
        {int(node): figures for node, figures in dimensions.items()},
    )  # fmt: skip


def plan_figures_live(cycle, unit_id: int | None, today: date) -> Plan:
    """The same figures computed now (the fallback before the background work has run)."""
    plan = plan_by_subtree(cycle, today).get(unit_id)
    return plan or Plan(missing={q: 0 for q in due_quarters(cycle, today)})
