from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from digiorg.core.errors import ValidationFailed
from digiorg.core.forms import apply_errors, save_versioned

from . import services
from .forms import UnitForm
from .permissions import (
    organizations_managed,
    unit_get,
    unit_may_edit,
    unit_may_manage,
    units_visible,
)
from .selectors import unit_list


@login_required
def unit_index(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    context = {
        "units": unit_list(request.user, query),
        "query": query,
        "may_manage": bool(organizations_managed(request.user)),
    }
    return render(request, "org/unit_list.html", context)


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = unit_get(request.user, pk)
    memberships = unit.memberships.select_related("user").order_by("role", "user__name")
    children = units_visible(request.user).filter(parent=unit).order_by("code")
    context = {
        "unit": unit,
        "memberships": memberships,
        "children": children,
        "may_manage": unit_may_manage(request.user, unit),
    }
    return render(request, "org/unit_detail.html", context)


def _parents_for(user):
    return units_visible(user).filter(
        organization_id__in=organizations_managed(user), is_active=True
    )


@login_required
def unit_create(request: HttpRequest) -> HttpResponse:
    parents = _parents_for(request.user)
    if not organizations_managed(request.user):
        raise PermissionDenied
    form = UnitForm(
        request.POST or None, parents=parents, initial={"parent": request.GET.get("parent")}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit = services.unit_create(
                parent=data["parent"], kind=data["kind"], code=data["code"],
                name_th=data["name_th"], name_en=data["name_en"], actor=request.user,
            )  # fmt: skip
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Unit %(name)s was created.") % {"name": unit.name})
            return redirect("org:unit-detail", unit.pk)
    return render(request, "org/unit_form.html", {"form": form, "unit": None})


@login_required
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = unit_get(request.user, pk)
    if not unit_may_edit(request.user, unit):
        raise PermissionDenied
    initial = {
        "code": unit.code, "name_th": unit.name_th, "name_en": unit.name_en, "kind": unit.kind,
        "parent": unit.parent_id, "is_active": unit.is_active, "version": unit.version,
    }  # fmt: skip
    parents = _parents_for(request.user).exclude(path__startswith=unit.path)
    form = UnitForm(request.POST or None, parents=parents, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and save_versioned(
            form, lambda obj, **kw: services.unit_update(obj, actor=request.user, **kw), unit
        )
    ):
        messages.success(request, _("Your changes were saved."))
        return redirect("org:unit-detail", unit.pk)
    return render(request, "org/unit_form.html", {"form": form, "unit": unit})
