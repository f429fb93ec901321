"""Cycles and actions on top of tests/world.py."""

from datetime import date

from digiorg.cycles.services import cycle_open
from digiorg.plans.models import Action
from digiorg.plans.services import action_create, action_transition

S = Action.Status


def open_cycle(world, framework, year: int = 2568):
    return cycle_open(organization=world.units["HSS"], fiscal_year=year, framework=framework)


def new_action(world, cycle, unit="R1", who="coordinator", refs=("2.1-1",), **fields):
    criteria = list(cycle.framework.criteria.filter(ref__in=refs))
    year = cycle.fiscal_year - 543  # within the cycle's fiscal year: Nov to Jun
    data = {
        "title": f"โครงการของ {unit}",
        "start_date": date(year - 1, 11, 1),
        "end_date": date(year, 6, 30),
        **fields,
    }
    return action_create(
        actor=world.people[who], cycle=cycle, unit=world.units[unit], criteria=criteria, **data
    )


def walk(world, action, *steps):
    """Apply (who, to_status[, comment]) steps."""
    for step in steps:
        who, to, *comment = step
        action = action_transition(
            action, actor=world.people[who], to_status=to, comment=comment[0] if comment else ""
        )
    return action


def action_in(world, cycle, status: str, unit="R1"):
    """An action brought to `status` through the real flow."""
    coordinator = "coordinator" if unit.startswith("R1") else "r2-staff"
    action = new_action(world, cycle, unit=unit, who=coordinator)
    paths = {
        S.DRAFT: [],
        S.SUBMITTED: [(coordinator, S.SUBMITTED)],
        S.RETURNED: [(coordinator, S.SUBMITTED), ("secretariat", S.RETURNED, "แก้ไข")],
        S.APPROVED: [(coordinator, S.SUBMITTED), ("executive", S.APPROVED)],
        S.IN_PROGRESS: [
            (coordinator, S.SUBMITTED),
            ("executive", S.APPROVED),
            (coordinator, S.IN_PROGRESS),
        ],
        S.DONE: [
            (coordinator, S.SUBMITTED),
            ("executive", S.APPROVED),
            (coordinator, S.IN_PROGRESS),
            (coordinator, S.DONE),
        ],
        S.CANCELLED: [(coordinator, S.CANCELLED, "ยกเลิก")],
    }
    return walk(world, action, *paths[status])
