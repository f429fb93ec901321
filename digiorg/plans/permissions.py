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


def action_may_edit(user, action: Action) -> bool:
    return action.status in EDITABLE and bool(
        access_for(user).roles_for(action.unit) & UNIT_WRITERS
    )


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
    return action.status in (S.APPROVED, S.IN_PROGRESS) and bool(
        access_for(user).roles_for(action.unit) & UNIT_WRITERS
    )


def progress_may_submit(user, action: Action) -> bool:
    return progress_may_write(user, action) and Role.COORDINATOR in access_for(user).roles_for(
        action.unit
    )


def progress_may_review(user, report: ProgressReport) -> bool:
    return report.status == ProgressReport.Status.SUBMITTED and Role.SECRETARIAT in access_for(
        user
    ).roles_for(report.action.unit)
