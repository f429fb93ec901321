"""Reports from the dashboards: the department's or a unit's, by scoring.permissions' rule
(a coordinator or member asking for the department gets their own unit's)."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.utils.translation import get_language

from digiorg.cycles.permissions import cycle_get
from digiorg.org.permissions import unit_get
from digiorg.scoring.permissions import figures_unit

from .data import report_data
from .render import FORMATS, file_name, render_temp


@login_required
def report(request: HttpRequest, cycle_id: int, fmt: str) -> FileResponse:
    if fmt not in FORMATS:
        raise Http404
    cycle = cycle_get(request.user, cycle_id)
    asked = unit_get(request.user, request.GET["unit"]) if request.GET.get("unit") else None
    unit = figures_unit(request.user, cycle, asked)
    language = request.GET.get("language") or (get_language() or "th")[:2]
    data = report_data(cycle, unit, language="en" if language == "en" else "th")
    response = FileResponse(
        render_temp(data, fmt), as_attachment=True, filename=file_name(data, fmt),
        content_type=FORMATS[fmt][0],
    )  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    return response
