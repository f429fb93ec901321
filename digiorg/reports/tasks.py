"""Large reports built in the background: the job moves queued -> running -> done (its file in
the media storage) or failed (the error logged, the person told in plain words)."""

import logging

from django.core.files import File
from django.utils import timezone, translation
from django_tasks import task

from .data import report_data
from .models import ReportJob
from .render import FORMATS, file_name, render_temp

log = logging.getLogger(__name__)
J = ReportJob


@task()
def report_build(job_id: str) -> str:
    """Build the job's report; returns the job's final status."""
    started = J.objects.filter(pk=job_id, status=J.Status.QUEUED).update(
        status=J.Status.RUNNING, started_at=timezone.now()
    )
    if not started:  # gone, or taken by another worker
        return ""
    job = J.objects.select_related("cycle", "unit").get(pk=job_id)
    try:
        with translation.override(job.language):
            data = report_data(job.cycle, job.unit, language=job.language)
            name = file_name(data, job.fmt)
            stored = f"{job.pk}.{FORMATS[job.fmt][1]}"  # a name nobody can guess or clash with
            with render_temp(data, job.fmt) as handle:
                job.file.save(stored, File(handle, name=stored), save=False)
    except Exception as exc:  # the job records the failure; the log keeps the traceback
        log.exception("report job %s (%s, cycle %s) failed", job.pk, job.fmt, job.cycle_id)
        job.status, job.error = J.Status.FAILED, f"{type(exc).__name__}: {exc}"[:2000]
    else:
        job.status, job.file_name = J.Status.DONE, name
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "file", "file_name", "finished_at"])
    return job.status
