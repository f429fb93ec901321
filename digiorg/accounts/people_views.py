"""People pages: list, detail, create, edit, memberships, one's own security page."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from digiorg.core.errors import ValidationFailed
from digiorg.core.forms import apply_errors, save_versioned
from digiorg.org.models import OrgUnit
from digiorg.org.permissions import organizations_managed, units_visible

from . import services
from .authentication import token_expires_at
from .forms import MembershipForm, PersonForm
from .middleware import has_totp
from .models import User
from .permissions import token_may_revoke, user_get, user_may_manage
from .selectors import person_list, token_of


@login_required
def person_index(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    unit = None
    if request.GET.get("unit"):
        unit = units_visible(request.user).filter(pk=request.GET["unit"]).first()
    page = Paginator(person_list(request.user, query=query, unit=unit), 50).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "query": query,
        "unit": unit,
        "units": units_visible(request.user).order_by("path"),
        "may_manage": bool(organizations_managed(request.user)),
    }
    return render(request, "accounts/person_list.html", context)


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = user_get(request.user, pk)
    may_manage = user_may_manage(request.user, person)
    memberships = person.memberships.select_related("unit").order_by("unit__path")
    form = None
    if may_manage:
        form = MembershipForm(units=_units_of(request.user, person))
    context = {
        "person": person, "memberships": memberships, "may_manage": may_manage, "form": form,
        **(_token_context(token_of(person)) if may_manage else {}),
    }  # fmt: skip
    return render(request, "accounts/person_detail.html", context)


def _units_of(user, person):
    return (
        units_visible(user)
        .filter(organization_id=person.organization_id, is_active=True)
        .order_by("path")
    )


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    managed = organizations_managed(request.user)
    if not managed:
        raise PermissionDenied
    form = PersonForm(request.POST or None, initial={"preferred_language": "th", "is_active": True})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.person_create(
                organization=OrgUnit.objects.get(pk=managed[0]), username=data["username"],
                name=data["name"], email=data["email"], preferred_language=data["preferred_language"],
                actor=request.user,
            )  # fmt: skip
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("%(name)s was added. Add their unit and role below.") % {"name": person}
            )
            return redirect("people:detail", person.pk)
    return render(request, "accounts/person_form.html", {"form": form, "person": None})


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = user_get(request.user, pk)
    if not user_may_manage(request.user, person):
        raise PermissionDenied
    initial = {
        "username": person.username, "name": person.name, "email": person.email,
        "preferred_language": person.preferred_language, "is_active": person.is_active,
        "version": person.version,
    }  # fmt: skip
    form = PersonForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and save_versioned(
            form, lambda obj, **kw: services.person_update(obj, actor=request.user, **kw), person
        )
    ):
        messages.success(request, _("Your changes were saved."))
        return redirect("people:detail", person.pk)
    return render(request, "accounts/person_form.html", {"form": form, "person": person})


@login_required
@require_POST
def membership_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = user_get(request.user, pk)
    if not user_may_manage(request.user, person):
        raise PermissionDenied
    form = MembershipForm(request.POST, units=_units_of(request.user, person))
    if form.is_valid():
        services.membership_add(
            user=person, unit=form.cleaned_data["unit"], role=form.cleaned_data["role"],
            actor=request.user,
        )  # fmt: skip
        messages.success(request, _("The role was added."))
    else:
        messages.error(request, _("Choose a unit and a role."))
    return redirect("people:detail", person.pk)


@login_required
@require_POST
def membership_remove(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    person = user_get(request.user, pk)
    if not user_may_manage(request.user, person):
        raise PermissionDenied
    services.membership_remove(
        get_object_or_404(person.memberships, pk=membership_pk), actor=request.user
    )
    messages.success(request, _("The role was removed."))
    return redirect("people:detail", person.pk)


def _token_context(token) -> dict:
    return {"token": token, "token_expires": token_expires_at(token) if token else None}


@login_required
def security(request: HttpRequest) -> HttpResponse:
    """The signed-in person's own security page: second factor and API token."""
    me = cast(User, request.user)
    context = {"has_totp": has_totp(me), **_token_context(token_of(me))}
    return render(request, "accounts/security.html", context)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Revoke an API token: one's own (no pk), or a person's as their administrator."""
    me = cast(User, request.user)
    person = me if pk is None else user_get(me, pk)
    if not token_may_revoke(me, person):
        raise PermissionDenied
    if services.token_revoke(person=person, actor=me):
        messages.success(request, _("The API token was revoked."))
    else:
        messages.info(request, _("There was no API token to revoke."))
    return redirect("people:security") if pk is None else redirect("people:detail", person.pk)
