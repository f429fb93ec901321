"""The plan figures kept with the snapshot equal a recomputation from the actions themselves,
for the department and every unit's subtree, on many random plans (statuses, dates, criteria,
reports, units at every level)."""

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest

from digiorg.core.fiscal import fiscal_quarter_bounds
from digiorg.frameworks.models import Criterion
from digiorg.org.models import OrgUnit
from digiorg.plans.models import Action, ProgressReport
from digiorg.scoring.models import PlanFigures
from digiorg.scoring.plan_figures import LIVE, OPEN, REPORTED, due_quarters, plan_figures_take

from .plans_data import open_cycle

S = Action.Status
P = ProgressReport.Status


def random_plan(world, cycle, rng: random.Random, n: int) -> None:
    """`n` actions written straight to the tables (the figures only read them)."""
    units = [u for code, u in world.units.items() if code not in ("MOPH",) and u.organization_id]
    criteria = list(Criterion.objects.filter(framework=cycle.framework, retired=False))
    start = date(2024, 10, 1)
    for i in range(n):
        begin = start + timedelta(days=rng.randrange(0, 300))
        action = Action.objects.create(
            organization_id=cycle.organization_id, cycle=cycle, unit=rng.choice(units),
            title=f"a{i}", start_date=begin, end_date=begin + timedelta(days=rng.randrange(0, 400)),
            status=rng.choice(S.values), percent_done=rng.randrange(0, 101),
            budget=Decimal(rng.randrange(0, 5) * 25000),
        )  # fmt: skip
        action.criteria.set(rng.sample(criteria, rng.randrange(0, 4)))
        for quarter in rng.sample([1, 2, 3, 4], rng.randrange(0, 4)):
            ProgressReport.objects.create(
                action=action, organization_id=cycle.organization_id, quarter=quarter,
                status=rng.choice(P.values), percent_done=0,
            )  # fmt: skip


def recount(cycle, unit, today: date) -> dict:
    """The figures by hand: action by action, through the ORM's relations."""
    actions = Action.objects.filter(cycle=cycle).prefetch_related(
        "criteria__node", "progress_reports"
    )
    if unit is not None:
        actions = actions.filter(unit__path__startswith=unit.path)
    quarters = due_quarters(cycle, today)
    out = {"actions": 0, "overdue": 0, "missing": {str(q): 0 for q in quarters}, "dimensions": {}}
    for action in actions:
        out["actions"] += 1
        out["overdue"] += action.status in OPEN and action.end_date < today
        sent = {r.quarter for r in action.progress_reports.all() if r.status in REPORTED}
        for q in quarters:
            end = fiscal_quarter_bounds(cycle.fiscal_year, q)[1]
            if action.status in LIVE and action.start_date <= end and q not in sent:
                out["missing"][str(q)] += 1
        if action.status == S.CANCELLED:
            continue
        for node in {c.node for c in action.criteria.all()}:
            dimension = node
            while dimension.parent_id is not None:
                dimension = dimension.parent
            entry = out["dimensions"].setdefault(str(dimension.pk), [0, 0, 0.0, 0.0])
            entry[0] += 1
            entry[1] += action.status == S.DONE
            entry[2] += action.percent_done
            entry[3] += float(action.budget)
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("today", [date(2025, 2, 1), date(2025, 10, 30)])
def test_stored_figures_match_a_recount(world, seed_framework, seed, today):
    cycle = open_cycle(world, seed_framework)
    random_plan(world, cycle, random.Random(seed), 60)
    written = plan_figures_take(cycle, today)
    rows = {row.unit_id: row for row in PlanFigures.objects.filter(cycle=cycle)}
    assert written == len(rows) and None in rows
    checked = 0
    for unit_id, row in rows.items():
        unit = None if unit_id is None else OrgUnit.objects.get(pk=unit_id)
        expected = recount(cycle, unit, today)
        stored = {
            "actions": row.actions, "overdue": row.overdue, "missing": row.missing,
            "dimensions": {k: [v[0], v[1], round(v[2], 2), round(v[3], 2)] for k, v in row.dimensions.items()},
        }  # fmt: skip
        expected["dimensions"] = {
            k: [v[0], v[1], round(v[2], 2), round(v[3], 2)]
            for k, v in expected["dimensions"].items()
        }
        assert stored == expected, unit
        checked += 1
    assert checked == OrgUnit.objects.filter(organization=cycle.organization_id).count() + 1
