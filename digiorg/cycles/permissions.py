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


def organization_managed(user) -> int | None:
    """The department whose cycles the user manages (the first, for the 'open a year' page)."""
    for organization_id in access_for(user).wide:
        if cycle_may_manage(user, organization_id):
            return organization_id
    return None


def cycle_from_request(request, cycles=None) -> Cycle | None:
    """The cycle a page shows: ?cycle= (or the posted one) if the user may see it (else 404),
    otherwise the newest the user sees; `cycles`, when the page already has them, saves a query."""
    cycle_id = request.GET.get("cycle") or request.POST.get("cycle")
    if cycle_id:
        return cycle_get(request.user, cycle_id)
    if cycles is not None:
        return cycles[0] if cycles else None
    return cycles_visible(request.user).select_related("framework").first()
