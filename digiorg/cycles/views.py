from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from digiorg.core.errors import ValidationFailed
from digiorg.core.forms import apply_errors, save_versioned
from digiorg.frameworks.models import Framework
from digiorg.org.models import OrgUnit

from . import services
from .forms import AssignForm, CycleForm, CycleOpenForm
from .permissions import cycle_get, cycle_may_manage, cycles_visible, organization_managed
from .selectors import assignable_topics, assignable_units, topic_criteria


@login_required
def cycle_list(request: HttpRequest) -> HttpResponse:
    cycles = (
        cycles_visible(request.user)
        .select_related("framework")
        .annotate(action_count=Count("actions"))
    )
    return render(
        request,
        "cycles/list.html",
        {"cycles": cycles, "may_open": organization_managed(request.user) is not None},
    )


@login_required
def cycle_open(request: HttpRequest) -> HttpResponse:
    organization_id = organization_managed(request.user)
    if organization_id is None:
        raise PermissionDenied
    form = CycleOpenForm(
        request.POST or None,
        frameworks=Framework.objects.all(),
        cycles=cycles_visible(request.user).filter(organization_id=organization_id),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cycle = services.cycle_open(
                organization=OrgUnit.objects.get(pk=organization_id), fiscal_year=data["fiscal_year"],
                framework=data["framework"], copy_from=data["copy_from"], carry_forward=data["carry_forward"],
                actor=request.user,
            )  # fmt: skip
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("FY %(year)s is open.") % {"year": cycle.fiscal_year})
            return redirect("cycles:detail", cycle.pk)
    return render(request, "cycles/open.html", {"form": form})


@login_required
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = cycle_get(request.user, pk)
    may_manage = cycle_may_manage(request.user, cycle.organization_id)
    form = (
        CycleForm(request.POST or None, instance=cycle, initial={"version": cycle.version})
        if may_manage
        else None
    )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid() and save_versioned(
            form, lambda obj, **kw: services.cycle_update(obj, actor=request.user, **kw), cycle
        ):
            messages.success(request, _("Your changes were saved."))
            return redirect("cycles:detail", cycle.pk)
    assignments = (
        cycle.assignments.values("unit__code", "unit__name_th", "kind")
        .annotate(n=Count("pk"))
        .order_by("unit__code", "kind")
    )
    context = {"cycle": cycle, "form": form, "may_manage": may_manage, "assignments": assignments}
    return render(request, "cycles/detail.html", context)


@login_required
def cycle_assign(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = cycle_get(request.user, pk)
    if not cycle_may_manage(request.user, cycle.organization_id):
        raise PermissionDenied
    form = AssignForm(
        request.POST or None,
        topics=assignable_topics(cycle),
        units=assignable_units(request.user, cycle),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        criteria = topic_criteria(data["topics"])
        if data["remove"]:
            count = services.assignments_remove(
                cycle=cycle, criteria=criteria, units=list(data["units"]), actor=request.user
            )
            messages.success(request, _("%(count)s assignments were removed.") % {"count": count})
        else:
            count = services.assignments_set(
                cycle=cycle, criteria=criteria, units=list(data["units"]), kind=data["kind"],
                actor=request.user,
            )  # fmt: skip
            messages.success(request, _("%(count)s assignments were added.") % {"count": count})
        return redirect("cycles:detail", cycle.pk)
    return render(request, "cycles/assign.html", {"cycle": cycle, "form": form})
