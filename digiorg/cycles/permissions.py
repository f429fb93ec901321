from django.db.models import QuerySet
from django.http import Http404

from digiorg.accounts.access import access_for
from digiorg.accounts.roles import Role

from .models import Cycle


def cycles_visible(user) -> QuerySet[Cycle]:
    return Cycle.objects.filter(organization_id__in=list(access_for(user).organization_ids))


def cycle_get(user, pk) -> Cycle:
    try:
        return cycles_visible(user).select_related("framework", "organization").get(pk=pk)
    except (Cycle.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def cycle_may_manage(user, organization_id: int) -> bool:
    """Open cycles, set deadlines and phases, assign criteria: the secretariat (and admins)."""
    roles = access_for(user).wide.get(organization_id, set())
    return bool(roles & {Role.SECRETARIAT, Role.ADMIN})
