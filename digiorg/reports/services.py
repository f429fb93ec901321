"""Writes on report jobs: ask for a large report (built by tasks.report_build)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import ReportJob
from .tasks import report_build

J = ReportJob


@transaction.atomic
def report_job_request(*, actor, cycle, unit, fmt: str, language: str) -> ReportJob:
    """A job for the report, queued once the transaction commits. The same report asked again
    by the same person while it is still being prepared is the same job (a double click builds
    it once). Jobs of the department older than DIGIORG_REPORT_KEEP_DAYS go, with their files."""
    if fmt not in J.Format.values:
        raise ValueError(fmt)
    report_jobs_prune(cycle.organization_id)
    wanted = {"cycle": cycle, "unit": unit, "fmt": fmt, "language": language}
    pending = J.objects.filter(
        requested_by=actor, status__in=[J.Status.QUEUED, J.Status.RUNNING], **wanted
    ).first()
    if pending is not None:
        return pending
    job = J.objects.create(organization_id=cycle.organization_id, requested_by=actor, **wanted)
    transaction.on_commit(lambda: report_build.enqueue(str(job.pk)), robust=True)
    return job


def report_jobs_prune(organization_id: int) -> int:
    """Delete the department's finished jobs older than the keeping time, and their files."""
    cutoff = timezone.now() - timedelta(days=settings.DIGIORG_REPORT_KEEP_DAYS)
    old = list(
        J.objects.filter(organization_id=organization_id, created_at__lt=cutoff).exclude(
            status__in=[J.Status.QUEUED, J.Status.RUNNING]
        )
    )
    for job in old:
        if job.file:
            job.file.delete(save=False)
    J.objects.filter(pk__in=[job.pk for job in old]).delete()
    return len(old)
