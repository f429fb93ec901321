"""The import page (/catalogue/import/): a unit's coordinator or member, or the secretariat for
the department, brings an existing catalogue in from a CKAN portal or the GD Catalog's Excel
template. Everything is checked first; on any problem nothing is stored and every problem is
listed with its row (or dataset), field and reason."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from digiorg.core.errors import ValidationFailed
from digiorg.core.forms import BootstrapMixin

from .imports import COLUMNS, import_ckan, import_excel, label_of
from .permissions import units_may_hold


class CatalogueImportForm(BootstrapMixin, forms.Form):
    unit: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=None, label=gettext_lazy("Unit that owns the datasets")
    )
    source = forms.URLField(
        label=gettext_lazy("Address of a CKAN portal"),
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy("The portal's address, for example https://data.go.th"),
    )
    file = forms.FileField(
        label=gettext_lazy("or an Excel file in the GD Catalog template (.xlsx)"), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_may_hold(user)  # type: ignore[attr-defined]

    def clean(self):
        data = super().clean()
        if bool(data.get("source")) == bool(data.get("file")):
            raise forms.ValidationError(_("Give either a portal's address or a file, not both."))
        upload = data.get("file")
        if upload and upload.size > settings.DIGIORG_IMPORT_MAX_BYTES:
            self.add_error(
                "file",
                _("The file is larger than %(mb)s MB.")
                % {"mb": settings.DIGIORG_IMPORT_MAX_BYTES // 2**20},
            )
        return data


@login_required
@require_http_methods(["GET", "POST"])
def catalogue_import(request: HttpRequest) -> HttpResponse:
    if not units_may_hold(request.user).exists():
        raise PermissionDenied
    form = CatalogueImportForm(request.POST or None, request.FILES or None, user=request.user)
    report = None
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data["unit"]
        try:
            if form.cleaned_data["source"]:
                report = import_ckan(form.cleaned_data["source"], unit=unit, actor=request.user)
            else:
                report = import_excel(form.cleaned_data["file"], unit=unit, actor=request.user)
        except ValidationFailed as exc:
            for key, message in exc.errors.items():
                form.add_error(key if key in form.fields else None, message)
        else:
            if not report.errors:
                messages.success(
                    request,
                    _("%(count)s datasets were imported as drafts into %(unit)s.")
                    % {"count": report.created, "unit": unit},
                )
                return redirect(request.path)
    errors = [
        (where, key, label_of(key), reason)
        for where, key, reason in (report.errors[:500] if report else [])
    ]
    context = {"form": form, "report": report, "errors": errors, "columns": COLUMNS}
    failed = request.method == "POST" and (form.errors or (report and report.errors))
    return render(request, "catalogue/import.html", context, status=422 if failed else 200)
