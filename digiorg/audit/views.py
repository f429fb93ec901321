from typing import TYPE_CHECKING

from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from digiorg.accounts.permissions import audit_may_read, users_visible
from digiorg.core.datefields import ThaiDateField
from digiorg.core.forms import BootstrapMixin
from digiorg.org.permissions import units_visible

from .selectors import audit_entries, audit_rows

if TYPE_CHECKING:
    from digiorg.accounts.models import User
    from digiorg.org.models import OrgUnit

AUDITED = [("accounts", "user"), ("accounts", "membership"), ("org", "orgunit")]


class AuditFilterForm(BootstrapMixin, forms.Form):
    actor: "forms.ModelChoiceField[User]" = forms.ModelChoiceField(
        label=_("Person"), queryset=None, required=False
    )
    unit: "forms.ModelChoiceField[OrgUnit]" = forms.ModelChoiceField(
        label=_("Unit"), queryset=None, required=False
    )
    content_type: "forms.ModelChoiceField[ContentType]" = forms.ModelChoiceField(
        label=_("Kind of record"), queryset=None, required=False
    )
    object_pk = forms.CharField(label=_("Record id"), required=False, max_length=40)
    date_from = ThaiDateField(label=_("From"), required=False)
    date_to = ThaiDateField(label=_("To"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = users_visible(user).order_by("name")
        self.fields["unit"].queryset = units_visible(user).order_by("path")
        self.fields["unit"].label_from_instance = lambda unit: f"{unit.code} · {unit.name}"
        types = ContentType.objects.none()
        for app_label, model in AUDITED:
            types |= ContentType.objects.filter(app_label=app_label, model=model)
        self.fields["content_type"].queryset = types
        self.fields["content_type"].label_from_instance = lambda ct: str(
            ct.model_class()._meta.verbose_name
        )


@login_required
def audit_index(request: HttpRequest) -> HttpResponse:
    if not audit_may_read(request.user):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = audit_entries(
        request.user,
        actor_id=filters.get("actor") and filters["actor"].pk,
        unit=filters.get("unit"),
        content_type_id=filters.get("content_type") and filters["content_type"].pk,
        object_pk=filters.get("object_pk"),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "rows": audit_rows(page), "query": query.urlencode()}
    return render(request, "audit/index.html", context)
