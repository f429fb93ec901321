"""Who may see actions, change them, and move them along the status flow."""

from django.db.models import Q, QuerySet
from django.http import Http404

from digiorg.accounts.access import access_for
from digiorg.accounts.roles import Role
from digiorg.org.models import OrgUnit

from .models import Action, ProgressReport

S = Action.Status
# (from, to) -> roles (held for the action's unit) that may make the move.
TRANSITIONS: dict[tuple[str, str], set[str]] = {
    (S.DRAFT, S.SUBMITTED): {Role.COORDINATOR},
    (S.RETURNED, S.SUBMITTED): {Role.COORDINATOR},
    (S.SUBMITTED, S.RETURNED): {Role.SECRETARIAT},
    (S.SUBMITTED, S.APPROVED): {Role.EXECUTIVE},
    (S.APPROVED, S.IN_PROGRESS): {Role.COORDINATOR, Role.MEMBER},
    (S.IN_PROGRESS, S.DONE): {Role.COORDINATOR},
    (S.DRAFT, S.CANCELLED): {Role.COORDINATOR},
    (S.RETURNED, S.CANCELLED): {Role.COORDINATOR},
    (S.SUBMITTED, S.CANCELLED): {Role.SECRETARIAT},
    (S.APPROVED, S.CANCELLED): {Role.SECRETARIAT},
    (S.IN_PROGRESS, S.CANCELLED): {Role.SECRETARIAT},
}
COMMENT_REQUIRED = {S.RETURNED, S.CANCELLED}
EDITABLE = {S.DRAFT, S.RETURNED}
UNIT_WRITERS = {Role.COORDINATOR, Role.MEMBER}
# Who takes part in an action's timeline: its unit, the secretariat that reviews it and the
# executives who approve it. Auditors only read; administrators manage people and units.
COMMENTERS = {Role.COORDINATOR, Role.MEMBER, Role.SECRETARIAT, Role.EXECUTIVE}


def actions_visible(user) -> QuerySet[Action]:
    return Action.objects.filter(access_for(user).unit_q("unit__", "organization_id"))


def action_get(user, pk) -> Action:
    try:
        return actions_visible(user).select_related("unit", "cycle", "owner").get(pk=pk)
    except (Action.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def may_transition(user, action: Action, to_status: str) -> bool:
    roles = access_for(user).roles_for(action.unit)
    return bool(TRANSITIONS.get((action.status, to_status), set()) & roles)


def next_statuses(user, action: Action) -> list[str]:
    return [
        to for (frm, to) in TRANSITIONS if frm == action.status and may_transition(user, action, to)
    ]


def action_writer(user, action: Action) -> bool:
    """The action's unit: its coordinators and members (and those of the units above it)."""
    return bool(access_for(user).roles_for(action.unit) & UNIT_WRITERS)


def action_may_edit(user, action: Action) -> bool:
    return action.status in EDITABLE and action_writer(user, action)


def action_may_create(user, cycle, unit: OrgUnit) -> bool:
    """Draft an action for `unit`: its coordinators and members; the secretariat (and admins) of
    the department for its imports and when a new year carries unfinished actions forward."""
    if unit.organization_id != cycle.organization_id:
        return False
    if access_for(user).roles_for(unit) & UNIT_WRITERS:
        return True
    from digiorg.cycles.permissions import cycle_may_manage

    return cycle_may_manage(user, cycle.organization_id)


def plan_may_import(user, cycle) -> bool:
    from digiorg.cycles.permissions import cycle_may_manage

    return (
        cycle_may_manage(user, cycle.organization_id)
        or units_may_plan(user).filter(organization_id=cycle.organization_id).exists()
    )


def action_may_comment(user, action: Action) -> bool:
    return bool(access_for(user).roles_for(action.unit) & COMMENTERS)


def milestones_may_manage(user, action: Action) -> bool:
    """Add and tick milestones: while the plan is drafted, and while it is carried out."""
    return action_may_edit(user, action) or progress_may_write(user, action)


def inbox_sections(user, cycle) -> tuple[bool, bool]:
    """(actions to review or approve, progress reports to review) for the user's inbox."""
    roles = access_for(user).wide.get(cycle.organization_id, set())
    return bool(roles & {Role.SECRETARIAT, Role.EXECUTIVE}), Role.SECRETARIAT in roles


def units_may_plan(user):
    """Units in which the user may draft actions: their own unit and the units below it."""
    access = access_for(user)
    paths = [path for path, (_, roles) in access.subtrees.items() if roles & UNIT_WRITERS]
    if not paths:
        return OrgUnit.objects.none()
    q = Q()
    for path in paths:
        q |= Q(path__startswith=path)
    return OrgUnit.objects.filter(q, is_active=True).order_by("path")


def progress_may_write(user, action: Action) -> bool:
    return action.status in (S.APPROVED, S.IN_PROGRESS) and action_writer(user, action)


def progress_may_submit(user, action: Action) -> bool:
    return progress_may_write(user, action) and Role.COORDINATOR in access_for(user).roles_for(
        action.unit
    )


def progress_may_review(user, report: ProgressReport) -> bool:
    return report.status == ProgressReport.Status.SUBMITTED and progress_reviewer(
        user, report.action
    )


def progress_reviewer(user, action: Action) -> bool:
    """Accept or return the quarterly reports of this action: the secretariat."""
    return Role.SECRETARIAT in access_for(user).roles_for(action.unit)
