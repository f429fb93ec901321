"""Writes on cycles and assignments."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from digiorg.core.errors import ConflictError, ValidationFailed, require
from digiorg.core.fiscal import fiscal_year_bounds
from digiorg.scoring.freshness import figures_changed

from .models import Assignment, Cycle
from .permissions import cycle_may_manage

# Services below take the acting person as `actor`; None is the platform itself (a command, a
# seeder, a test's setup), which is trusted. Views and the API always pass the person.

DEADLINES = ["plan_due", "q1_due", "q2_due", "q3_due", "q4_due", "assessment_due"]


def default_deadlines(fiscal_year: int) -> dict:
    """Plans by 31 Oct; each quarter's progress 15 days after it ends; self-assessment 31 Aug."""
    start, end = fiscal_year_bounds(fiscal_year)
    y0, y1 = start.year, end.year
    return {
        "plan_due": date(y0, 10, 31),
        "q1_due": date(y1, 1, 15),
        "q2_due": date(y1, 4, 15),
        "q3_due": date(y1, 7, 15),
        "q4_due": date(y1, 10, 15),
        "assessment_due": date(y1, 8, 31),
    }


@transaction.atomic
def cycle_open(*, organization, fiscal_year: int, framework, copy_from: Cycle | None = None,
               carry_forward: bool = False, actor=None, **deadlines) -> Cycle:  # fmt: skip
    """Open FY `fiscal_year`. From a previous cycle: copy its assignments (criteria matched by ref
    in the new framework) and, if asked, carry its unfinished actions forward as drafts."""
    require(actor is None or cycle_may_manage(actor, organization.pk))
    if Cycle.objects.filter(organization=organization, fiscal_year=fiscal_year).exists():
        raise ValidationFailed(
            {"fiscal_year": _("FY %(year)s is already open.") % {"year": fiscal_year}}
        )
    dates = {**default_deadlines(fiscal_year), **{k: v for k, v in deadlines.items() if v}}
    cycle = Cycle.objects.create(
        organization=organization, fiscal_year=fiscal_year, framework=framework, **dates
    )
    if copy_from is not None:
        _copy_assignments(copy_from, cycle)
        if carry_forward:
            _carry_forward(copy_from, cycle, actor)
    return cycle


def _copy_assignments(source: Cycle, cycle: Cycle) -> None:
    by_ref = {c.ref: c for c in cycle.framework.criteria.filter(retired=False)}
    Assignment.objects.bulk_create(
        [
            Assignment(
                cycle=cycle,
                criterion=by_ref[a.criterion.ref],
                unit_id=a.unit_id,
                kind=a.kind,
                organization_id=cycle.organization_id,
            )
            for a in source.assignments.select_related("criterion")
            if a.criterion.ref in by_ref
        ],
        ignore_conflicts=True,
    )


def _carry_forward(source: Cycle, cycle: Cycle, actor) -> None:
    from digiorg.plans.models import Action
    from digiorg.plans.services import action_create

    start, end = fiscal_year_bounds(cycle.fiscal_year)
    by_ref = {c.ref: c for c in cycle.framework.criteria.filter(retired=False)}
    unfinished = source.actions.exclude(
        status__in=[Action.Status.DONE, Action.Status.CANCELLED]
    ).prefetch_related("criteria")
    for old in unfinished:
        action = action_create(
            actor=actor, cycle=cycle, unit=old.unit, title=old.title, description=old.description,
            owner=old.owner, start_date=start, end_date=end, budget=0, budget_source=old.budget_source,
            kpi=old.kpi, kpi_target=old.kpi_target, kpi_unit=old.kpi_unit,
            criteria=[by_ref[c.ref] for c in old.criteria.all() if c.ref in by_ref],
        )  # fmt: skip
        action.carried_from = old
        action.save(update_fields=["carried_from"])


@transaction.atomic
def cycle_update(cycle: Cycle, *, version: int, actor=None, **changes) -> Cycle:
    current = Cycle.objects.select_for_update().get(pk=cycle.pk)
    require(actor is None or cycle_may_manage(actor, current.organization_id))
    if current.version != version:
        raise ConflictError(
            _("Someone else changed this cycle after you opened it. Reload to see their change.")
        )
    if (
        current.status == Cycle.Status.CLOSED
        and changes.get("status", current.status) != current.status
    ):
        raise ValidationFailed({"status": _("A closed cycle cannot be reopened.")})
    for key, value in changes.items():
        setattr(current, key, value)
    current.version += 1
    current.save()
    figures_changed(current.organization_id, current.pk)  # due dates count in the dashboards
    return current


@transaction.atomic
def assignments_set(*, cycle: Cycle, criteria, units, kind: str, actor=None) -> int:
    """Assign every given criterion to every given unit (bulk by topic and by unit)."""
    require(actor is None or cycle_may_manage(actor, cycle.organization_id))
    if any(u.organization_id != cycle.organization_id for u in units):
        raise ValidationFailed({"units": _("Units must belong to the cycle's department.")})
    if any(c.framework_id != cycle.framework_id for c in criteria):
        raise ValidationFailed({"criteria": _("Criteria must come from the cycle's framework.")})
    rows = [
        Assignment(
            cycle=cycle, criterion=c, unit=u, kind=kind, organization_id=cycle.organization_id
        )
        for c in criteria
        for u in units
    ]
    existing = set(
        Assignment.objects.filter(cycle=cycle, criterion__in=criteria, unit__in=units).values_list(
            "criterion_id", "unit_id"
        )
    )
    Assignment.objects.filter(cycle=cycle, criterion__in=criteria, unit__in=units).update(kind=kind)
    new = [a for a in rows if (a.criterion.pk, a.unit.pk) not in existing]
    Assignment.objects.bulk_create(new)
    figures_changed(cycle.organization_id, cycle.pk)  # the answers expected, so the scores
    return len(new)


@transaction.atomic
def assignments_remove(*, cycle: Cycle, criteria, units, actor=None) -> int:
    require(actor is None or cycle_may_manage(actor, cycle.organization_id))
    deleted, _unused = Assignment.objects.filter(
        cycle=cycle, criterion__in=criteria, unit__in=units
    ).delete()
    figures_changed(cycle.organization_id, cycle.pk)
    return deleted
