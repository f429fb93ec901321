"""Who may see and change people. Views, API and imports all go through here."""

from django.db.models import Q, QuerySet
from django.http import Http404

from .access import access_for
from .models import Membership, User
from .roles import Role


def users_visible(user) -> QuerySet[User]:
    """People of the user's department (department-wide roles), or with a membership in a
    unit the user sees (coordinators and members)."""
    access = access_for(user)
    if not access.wide and not access.subtrees:
        return User.objects.none()
    in_units = Membership.objects.filter(access.unit_q("unit__")).values("user_id")
    return User.objects.filter(Q(organization_id__in=list(access.wide)) | Q(pk__in=in_units))


def user_get(user, pk) -> User:
    try:
        return users_visible(user).get(pk=pk)
    except (User.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def user_may_manage(actor, person: User) -> bool:
    """Create and edit people and their memberships: the department's administrators."""
    return person.organization_id is not None and access_for(actor).has_role(
        Role.ADMIN, person.organization_id
    )


def audit_may_read(user) -> list[int]:
    """Organizations whose audit trail the user may read."""
    readers = {Role.AUDITOR, Role.SECRETARIAT, Role.ADMIN}
    return [org for org, roles in access_for(user).wide.items() if roles & readers]


def token_may_revoke(actor, person: User) -> bool:
    """An API token is revoked by its owner or by an administrator of the owner's department."""
    return actor.pk == person.pk or user_may_manage(actor, person)
