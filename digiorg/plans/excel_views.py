"""Download a plan as Excel; import actions from the same layout."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from digiorg.core.errors import ValidationFailed
from digiorg.core.forms import TableUploadForm
from digiorg.cycles.permissions import cycle_get
from digiorg.org.permissions import unit_get

from .excel import COLUMNS, HEADERS, import_actions, plan_workbook
from .permissions import actions_visible, plan_may_import

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _url(name: str, fallback: str, cycle_id: int) -> str:
    try:
        return f"{reverse(name)}?cycle={cycle_id}"
    except NoReverseMatch:  # while the page's URL is not wired yet
        return f"{fallback}?cycle={cycle_id}"


@login_required
@require_GET
def plan_export(request: HttpRequest) -> HttpResponse:
    cycle = cycle_get(request.user, request.GET.get("cycle"))
    actions = actions_visible(request.user).filter(cycle=cycle)
    name = f"plan-FY{cycle.fiscal_year}"
    if request.GET.get("unit"):
        unit = unit_get(request.user, request.GET["unit"])
        if unit.organization_id != cycle.organization_id:
            raise Http404
        actions = actions.filter(unit__path__startswith=unit.path)
        name += "-" + re.sub(r"[^\w.-]+", "_", unit.code, flags=re.ASCII)
    actions = (
        actions.select_related("unit", "owner")
        .prefetch_related("criteria")
        .order_by("unit__path", "start_date", "pk")
    )
    response = HttpResponse(plan_workbook(actions), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.xlsx")
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def plan_import(request: HttpRequest) -> HttpResponse:
    cycle = cycle_get(request.user, request.GET.get("cycle") or request.POST.get("cycle"))
    if not plan_may_import(request.user, cycle):
        raise PermissionDenied
    form = TableUploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = import_actions(form.cleaned_data["file"], cycle=cycle, actor=request.user)
        except ValidationFailed as exc:
            form.add_error("file", exc.errors.get("file", str(exc)))
        else:
            if not report.errors:
                messages.success(
                    request, _("%(count)s actions were imported.") % {"count": report.created}
                )
                return redirect(_url("plans:plan", "/plans/", cycle.pk))
    errors = [
        (row, column, HEADERS.get(column, column), reason)
        for row, column, reason in (report.errors[:500] if report else [])
    ]
    context = {
        "cycle": cycle,
        "form": form,
        "report": report,
        "errors": errors,
        "columns": COLUMNS,
        "export_url": _url("plans:plan-export", "/plans/export.xlsx", cycle.pk),
    }
    failed = request.method == "POST" and (form.errors or (report and report.errors))
    return render(request, "plans/import.html", context, status=422 if failed else 200)
