"""What a person may see and change, from their memberships. The one place that decides it.

Department-wide roles (admin, secretariat, executive, auditor) see every unit of their
department; coordinators and members see their unit and the units below it. Nobody sees
another department. Anonymous users and people without memberships see nothing.
Each app's permissions.py turns this into queryset scopes and may-change rules.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from .roles import DEPARTMENT_WIDE


@dataclass
class Access:
    user_id: int | None = None
    # organization id -> roles held department-wide there
    wide: dict[int, set[str]] = field(default_factory=dict)
    # unit path -> (organization id, roles held in that unit and below)
    subtrees: dict[str, tuple[int, set[str]]] = field(default_factory=dict)

    @property
    def organization_ids(self) -> set[int]:
        return set(self.wide) | {org for org, _ in self.subtrees.values()}

    def roles_for(self, unit) -> set[str]:
        """Roles that apply to this unit: department-wide ones plus those of any unit above it."""
        roles = set(self.wide.get(unit.organization_id, set())) if unit.organization_id else set()
        for prefix, (_, held) in self.subtrees.items():
            if unit.path.startswith(prefix):
                roles |= held
        return roles

    def has_role(self, role: str, organization_id: int | None = None) -> bool:
        if organization_id is None:
            return any(role in r for r in self.wide.values()) or any(
                role in r for _, r in self.subtrees.values()
            )
        return role in self.wide.get(organization_id, set()) or any(
            role in r for org, r in self.subtrees.values() if org == organization_id
        )

    def unit_q(self, prefix: str = "", organization_field: str = "") -> Q:
        """Filter for rows whose unit (reached through `prefix`) this person may see. Rows that
        carry their own department column name it in `organization_field`: department-wide
        roles then filter on it directly (an index, no join)."""
        if not self.wide and not self.subtrees:
            return Q(pk__in=[])
        field = organization_field or f"{prefix}organization_id"
        q = Q(**{f"{field}__in": list(self.wide)}) if self.wide else Q()
        for path in self.subtrees:
            q |= Q(**{f"{prefix}path__startswith": path})
        return q


def access_for(user) -> Access:
    """The user's Access, computed once per user object (one query)."""
    if user is None or not user.is_authenticated:
        return Access()
    cached = getattr(user, "_digiorg_access", None)
    if cached is not None:
        return cached
    from .models import Membership

    access = Access(user_id=user.pk)
    memberships = Membership.objects.filter(user=user, unit__is_active=True).select_related("unit")
    for membership in memberships:
        unit = membership.unit
        if membership.role in DEPARTMENT_WIDE:
            access.wide.setdefault(membership.organization_id, set()).add(membership.role)
        else:
            _, roles = access.subtrees.setdefault(unit.path, (membership.organization_id, set()))
            roles.add(membership.role)
    user._digiorg_access = access
    return access
