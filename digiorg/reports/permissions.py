"""Who may get which report: scoring.permissions.figures_unit decides whose figures (a unit in
the user's scope, else 404; the department for department-wide roles, their own unit for the
others). A report job is
seen by whoever may get its report now (404 otherwise), its requester included."""

from django.http import Http404

from digiorg.cycles.models import Cycle
from digiorg.cycles.permissions import cycle_get
from digiorg.org.models import OrgUnit
from digiorg.org.permissions import unit_get, units_visible
from digiorg.scoring.permissions import figures_unit, may_see_department

from .models import ReportJob


def report_scope(user, cycle_id, unit_id) -> tuple[Cycle, OrgUnit | None]:
    """The cycle and unit (None: the department) of a report the user may get, by the one rule
    of scoring.permissions (a coordinator or member asking for the department gets their own
    unit's)."""
    cycle = cycle_get(user, cycle_id)
    asked = unit_get(user, unit_id) if unit_id else None
    return cycle, figures_unit(user, cycle, asked)


def report_job_get(user, pk) -> ReportJob:
    job = ReportJob.objects.select_related("cycle__organization", "unit").filter(pk=pk).first()
    if job is None or not _may_see(user, job):
        raise Http404
    return job


def _may_see(user, job: ReportJob) -> bool:
    if job.unit_id is None:
        return may_see_department(user, job.cycle)
    return units_visible(user).filter(pk=job.unit_id).exists()
