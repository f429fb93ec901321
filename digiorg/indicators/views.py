"""Live-evidence pages: attach an indicator to an answer, and the answers that disagree with
their indicators (the secretariat's list)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from digiorg.assessments.permissions import may_review_cycle
from digiorg.assessments.slots import cycle_slots
from digiorg.core.errors import ValidationFailed
from digiorg.cycles.permissions import cycle_from_request, cycle_get, cycles_visible
from digiorg.org.permissions import unit_get

from . import selectors, services


@login_required
@require_POST
def attach(request: HttpRequest, cycle_id: int, criterion_id: int, unit_id: int) -> HttpResponse:
    cycle, unit = cycle_get(request.user, cycle_id), unit_get(request.user, unit_id)
    criterion = cycle.framework.criteria.filter(pk=criterion_id, retired=False).first()
    if criterion is None or (criterion.pk, unit.pk) not in set(
        cycle_slots(cycle, criteria=[(criterion.pk, criterion.scope)])
    ):
        raise Http404
    answer_url = reverse("assessments:answer", args=[cycle.pk, criterion.pk, unit.pk])
    try:
        evidence = services.indicator_attach(
            actor=request.user, cycle=cycle, criterion=criterion, unit=unit,
            code=request.POST.get("code", ""),
        )  # fmt: skip
    except ValidationFailed as exc:
        messages.error(request, " ".join(exc.errors.values()))
        return redirect(answer_url)
    messages.success(request, _("Attached as evidence: %(title)s") % {"title": evidence.title})
    return redirect(answer_url + "?" + urlencode({"cite": evidence.pk}) + "#evidence-choices")


@login_required
def disagreement_list(request: HttpRequest) -> HttpResponse:
    cycles = list(cycles_visible(request.user))
    cycle = cycle_from_request(request, cycles)
    if cycle is None or not may_review_cycle(request.user, cycle):
        raise PermissionDenied
    context = {
        "cycle": cycle,
        "cycles": cycles,
        "items": selectors.disagreements(cycle),
    }
    return render(request, "indicators/disagreements.html", context)
