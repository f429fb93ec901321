"""Reports from the dashboards: the department's (department-wide roles) or a unit's."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest
from django.utils.translation import get_language

from digiorg.cycles.permissions import cycle_get
from digiorg.dashboards.permissions import may_see_department
from digiorg.org.permissions import unit_get

from .data import report_data
from .render import FORMATS, file_name, render_temp


@login_required
def report(request: HttpRequest, cycle_id: int, fmt: str) -> FileResponse:
    if fmt not in FORMATS:
        raise Http404
    cycle = cycle_get(request.user, cycle_id)
    unit = unit_get(request.user, request.GET["unit"]) if request.GET.get("unit") else None
    if unit is None and not may_see_department(request.user, cycle):
        raise PermissionDenied
    if unit is not None and unit.organization_id != cycle.organization_id:
        raise Http404
    language = request.GET.get("language") or (get_language() or "th")[:2]
    data = report_data(cycle, unit, language="en" if language == "en" else "th")
    response = FileResponse(
        render_temp(data, fmt), as_attachment=True, filename=file_name(data, fmt),
        content_type=FORMATS[fmt][0],
    )  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    return response
