"""Whose scores a person gets. One rule for the score API, the score page, the dashboards and
the reports (DESIGN: units see their own subtree; department-wide roles see all):

- a unit asked for is shown if the person sees it and it belongs to the cycle's department
  (otherwise 404, as for anything out of scope);
- the department (no unit asked for) is shown to the department-wide roles; a coordinator or
  member gets their own unit's subtree instead (the highest unit where they hold a role in
  that department), and a person with no role there is refused (403)."""

from django.http import Http404

from digiorg.accounts.access import access_for
from digiorg.accounts.roles import DEPARTMENT_WIDE
from digiorg.core.errors import PermissionDenied
from digiorg.org.models import OrgUnit


def may_see_department(user, cycle) -> bool:
    return bool(access_for(user).wide.get(cycle.organization_id, set()) & set(DEPARTMENT_WIDE))


def own_unit(user, organization_id: int | None = None) -> OrgUnit | None:
    """The highest unit in which the user holds a role (in `organization_id`, if given)."""
    paths = sorted(
        (
            path
            for path, (org, _roles) in access_for(user).subtrees.items()
            if organization_id is None or org == organization_id
        ),
        key=len,
    )
    return OrgUnit.objects.filter(path=paths[0]).first() if paths else None


def figures_unit(user, cycle, unit: OrgUnit | None = None) -> OrgUnit | None:
    """The unit whose figures `user` gets for `cycle` when asking for `unit` (a unit the caller
    already fetched through org.permissions.unit_get), or None for the whole department."""
    if unit is not None:
        if unit.organization_id != cycle.organization_id:
            raise Http404
        return unit
    if may_see_department(user, cycle):
        return None
    own = own_unit(user, cycle.organization_id)
    if own is None:
        raise PermissionDenied
    return own
