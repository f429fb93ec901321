"""Who may get which report: the department's report needs a department-wide role (403
otherwise); a unit's report needs the unit in the user's scope (404 otherwise). A report job is
seen by whoever may get its report now (404 otherwise), its requester included."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from digiorg.cycles.models import Cycle
from digiorg.cycles.permissions import cycle_get
from digiorg.dashboards.permissions import may_see_department
from digiorg.org.models import OrgUnit
from digiorg.org.permissions import unit_get, units_visible

from .models import ReportJob


def report_scope(user, cycle_id, unit_id) -> tuple[Cycle, OrgUnit | None]:
    """The cycle and unit (None: the department) of a report the user may get."""
    cycle = cycle_get(user, cycle_id)
    unit = unit_get(user, unit_id) if unit_id else None
    if unit is None and not may_see_department(user, cycle):
        raise PermissionDenied
    if unit is not None and unit.organization_id != cycle.organization_id:
        raise Http404
    return cycle, unit


def report_job_get(user, pk) -> ReportJob:
    job = ReportJob.objects.select_related("cycle__organization", "unit").filter(pk=pk).first()
    if job is None or not _may_see(user, job):
        raise Http404
    return job


def _may_see(user, job: ReportJob) -> bool:
    if job.unit_id is None:
        return may_see_department(user, job.cycle)
    return units_visible(user).filter(pk=job.unit_id).exists()
