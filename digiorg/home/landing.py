"""Where each person lands after logging in (and on `/`): where their work is.

Coordinators and members: their unit's dashboard (this quarter's to-do list); the secretariat:
its desk on `/` (plans and reports to review, answers to verify); executives: the department
dashboard; auditors: the audit trail; administrators: units and people. A person holding
several roles lands by the first of them in that order. Nobody with a role stays on an
empty page; a person without one gets `/` telling them whom to ask."""

from dataclasses import dataclass

from django.urls import reverse

from digiorg.accounts.access import access_for
from digiorg.accounts.roles import Role
from digiorg.org.models import OrgUnit

# The order decides for people with several roles.
ORDER = [
    Role.COORDINATOR,
    Role.MEMBER,
    Role.SECRETARIAT,
    Role.EXECUTIVE,
    Role.AUDITOR,
    Role.ADMIN,
]
PAGES = {
    Role.EXECUTIVE: "dashboards:department",
    Role.AUDITOR: "audit",
    Role.ADMIN: "org:unit-list",
}


@dataclass(frozen=True)
class Landing:
    role: str | None  # the role that decided, None for a person without one
    url: str | None  # where to send them; None: `/` renders (the desk, or the no-role page)


def landing(user) -> Landing:
    """Where `user` lands. At most two queries (their memberships, their unit)."""
    access = access_for(user)
    held = {role for roles in access.wide.values() for role in roles}
    unit_roles = {role for _org, roles in access.subtrees.values() for role in roles}
    for role in ORDER:
        if role in (Role.COORDINATOR, Role.MEMBER):
            if role not in unit_roles:
                continue
            # the highest unit where they hold that role: its subtree is what they work on
            paths = sorted(
                (p for p, (_o, roles) in access.subtrees.items() if role in roles), key=len
            )
            unit = OrgUnit.objects.filter(path=paths[0], is_active=True).only("pk").first()
            if unit is not None:
                return Landing(role, reverse("dashboards:unit", args=[unit.pk]))
            continue
        if role not in held:
            continue
        if role == Role.SECRETARIAT:
            return Landing(role, None)
        return Landing(role, reverse(PAGES[role]))
    return Landing(None, None)
