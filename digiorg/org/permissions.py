"""Who may see and change units. Views, API and imports all go through here."""

from django.db.models import QuerySet
from django.http import Http404

from digiorg.accounts.access import access_for
from digiorg.accounts.roles import Role

from .models import OrgUnit


def units_visible(user) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(access_for(user).unit_q())


def unit_get(user, pk) -> OrgUnit:
    """The unit if the user may see it; 404 otherwise (outside scope looks like absent)."""
    try:
        return units_visible(user).select_related("parent", "organization").get(pk=pk)
    except (OrgUnit.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def unit_may_manage(user, unit: OrgUnit) -> bool:
    """Create, edit and deactivate units: the department's administrators only."""
    return access_for(user).has_role(Role.ADMIN, unit.organization_id)


def unit_may_edit(user, unit: OrgUnit) -> bool:
    """Edit, move or deactivate a unit: its administrators; a department itself is the
    platform operator's."""
    return unit.kind != OrgUnit.Kind.DEPARTMENT and unit_may_manage(user, unit)


def organizations_managed(user) -> list[int]:
    access = access_for(user)
    return [org for org, roles in access.wide.items() if Role.ADMIN in roles]
