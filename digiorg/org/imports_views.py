from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digiorg.core.errors import ValidationFailed
from digiorg.core.forms import TableUploadForm

from .imports import PEOPLE_COLUMNS, UNIT_COLUMNS, import_people, import_units
from .models import OrgUnit
from .permissions import organizations_managed


class ImportForm(TableUploadForm):
    what = forms.ChoiceField(
        label=gettext_lazy("What to import"),
        choices=[("units", gettext_lazy("Units")), ("people", gettext_lazy("People"))],
    )
    field_order = ["what", "file"]


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    managed = organizations_managed(request.user)
    if not managed:
        raise PermissionDenied
    organization = OrgUnit.objects.get(pk=managed[0])
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        importer = import_units if form.cleaned_data["what"] == "units" else import_people
        try:
            report = importer(
                form.cleaned_data["file"], organization=organization, actor=request.user
            )
        except ValidationFailed as exc:
            form.add_error("file", exc.errors.get("file", str(exc)))
        else:
            if not report.errors:
                messages.success(
                    request, _("%(count)s rows were imported.") % {"count": report.created}
                )
                return redirect("org:unit-list" if report.kind == "units" else "people:list")
    context = {
        "form": form,
        "report": report,
        "unit_columns": UNIT_COLUMNS,
        "people_columns": PEOPLE_COLUMNS,
    }
    return render(
        request, "org/import.html", context, status=422 if report and report.errors else 200
    )
