"""Who may see the department's dashboard: the department-wide roles. Unit dashboards follow
the unit's visibility (org.permissions.unit_get)."""

from digiorg.accounts.access import access_for
from digiorg.accounts.roles import DEPARTMENT_WIDE


def may_see_department(user, cycle) -> bool:
    return bool(access_for(user).wide.get(cycle.organization_id, set()) & set(DEPARTMENT_WIDE))


def own_unit(user):
    """The highest unit in which the user holds a role (their own dashboard), or None."""
    from digiorg.org.models import OrgUnit

    paths = sorted(access_for(user).subtrees, key=len)
    return OrgUnit.objects.filter(path=paths[0]).first() if paths else None
