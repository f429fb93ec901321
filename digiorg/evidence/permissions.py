"""Who may see, add to and change evidence. Evidence belongs to a unit: the unit and the units
above it, and the department-wide roles, see it; its unit's coordinators and members change it."""

from django.db.models import Q, QuerySet
from django.http import Http404

from digiorg.accounts.access import access_for
from digiorg.accounts.roles import Role
from digiorg.org.models import OrgUnit

from .models import Evidence, EvidenceRevision

WRITERS = {Role.COORDINATOR, Role.MEMBER}


def evidence_visible(user) -> QuerySet[Evidence]:
    return Evidence.objects.filter(access_for(user).unit_q("unit__", "organization_id"))


def evidence_get(user, pk) -> Evidence:
    try:
        return evidence_visible(user).select_related("unit", "current", "created_by").get(pk=pk)
    except (Evidence.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def revision_get(user, pk) -> EvidenceRevision:
    try:
        return (
            EvidenceRevision.objects.select_related("evidence")
            .filter(evidence__in=evidence_visible(user))
            .get(pk=pk)
        )
    except (EvidenceRevision.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def unit_may_hold(user, unit: OrgUnit) -> bool:
    """Coordinators and members of the unit (or above it); the secretariat for the department
    itself, which answers department-scope criteria nobody else was given."""
    roles = access_for(user).roles_for(unit)
    if roles & WRITERS:
        return True
    return unit.pk == unit.organization_id and Role.SECRETARIAT in roles


def evidence_may_edit(user, evidence: Evidence) -> bool:
    return unit_may_hold(user, evidence.unit)


def evidence_may_cite(unit: OrgUnit, evidence: Evidence) -> bool:
    """An answer of `unit` may cite evidence held by that unit or a unit above it (as the
    answer page offers): another unit's documents prove nothing about this one."""
    return evidence.organization_id == unit.organization_id and f"/{evidence.unit_id}/" in unit.path


def units_may_hold(user) -> QuerySet[OrgUnit]:
    access = access_for(user)
    q = Q(pk__in=[])
    for path, (_, roles) in access.subtrees.items():
        if roles & WRITERS:
            q |= Q(path__startswith=path)
    secretariat = [org for org, roles in access.wide.items() if Role.SECRETARIAT in roles]
    if secretariat:
        q |= Q(pk__in=secretariat)
    return OrgUnit.objects.filter(q, is_active=True).order_by("path")
