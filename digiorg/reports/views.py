"""Reports from the dashboards: the department's (department-wide roles) or a unit's. The memo
and the workbook are built in the request; the PDF and the survey pack by a background job
with a page that follows it and a download link when ready."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .data import memo_settings, report_data
from .models import ReportJob
from .permissions import report_job_get, report_scope
from .render import FORMATS, file_name, render_temp
from .services import report_job_request
from .signers import memo_signer, missing_signers, report_signers

LARGE = set(ReportJob.Format.values)


def _language(request: HttpRequest) -> str:
    asked = request.POST.get("language") or request.GET.get("language")
    return "en" if (asked or get_language() or "th")[:2] == "en" else "th"


def _attachment(handle, name: str, fmt: str) -> FileResponse:
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=FORMATS[fmt][0])
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, cycle_id: int, fmt: str) -> HttpResponse | FileResponse:
    if fmt not in FORMATS:
        raise Http404
    unit_id = request.POST.get("unit") or request.GET.get("unit")
    cycle, unit = report_scope(request.user, cycle_id, unit_id)
    language = _language(request)
    memo = memo_settings()
    # the memo goes straight to the download unless its signer is missing: then the person
    # is told first, and downloads from there
    signer_missing = fmt == "docx" and not memo_signer(memo, unit).name
    if fmt not in LARGE:
        if request.method == "POST":
            return HttpResponse(status=405)
        if not signer_missing or request.GET.get("download"):
            data = report_data(cycle, unit, language=language)
            return _attachment(render_temp(data, fmt), file_name(data, fmt), fmt)
    elif request.method == "POST":
        job = report_job_request(
            actor=request.user, cycle=cycle, unit=unit, fmt=fmt, language=language
        )
        return redirect("reports:job", pk=job.pk)
    label = ReportJob.Format(fmt).label if fmt in LARGE else _("Memo (Word)")
    unsigned = missing_signers(report_signers(memo, unit)) if fmt == "pdf" else []
    context = {
        "cycle": cycle, "unit": unit, "fmt": fmt, "language": language, "label": label,
        "large": fmt in LARGE, "signer_missing": signer_missing,
        "unsigned": ", ".join(str(s.label) for s in unsigned),
    }  # fmt: skip
    return render(request, "reports/prepare.html", context)


@login_required
def job(request: HttpRequest, pk) -> HttpResponse:
    found = report_job_get(request.user, pk)
    template = "reports/job.html#status" if getattr(request, "htmx", False) else "reports/job.html"
    return render(request, template, {"job": found})


@login_required
def job_download(request: HttpRequest, pk) -> FileResponse:
    found = report_job_get(request.user, pk)
    if found.status != ReportJob.Status.DONE or not found.file:
        raise Http404
    return _attachment(found.file.open("rb"), found.file_name, found.fmt)
