"""The executive dashboard of a cycle, a unit's dashboard, and the lists they drill down to.
The two dashboards are served from the cache (fragments.py) under a key that changes with
every write to their figures."""

from collections.abc import Iterator
from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from digiorg.accounts.access import access_for
from digiorg.assessments.permissions import may_review_cycle
from digiorg.cycles.permissions import cycle_from_request, cycles_visible
from digiorg.org.permissions import unit_get
from digiorg.plans.permissions import actions_visible
from digiorg.scoring.freshness import figures_state
from digiorg.scoring.permissions import figures_unit
from digiorg.scoring.plan_figures import due_quarters

from .charts import chart_data
from .fragments import cached_page, fragment_key
from .html import heat_rows
from .permissions import may_see_national
from .selectors import OPEN, dashboard, missing_report_q


def _cycle(request: HttpRequest, cycles: list):
    """The cycle asked for, taken from the picker's list when it is there (a query saved),
    else as every page gets it (404 outside the user's scope)."""
    wanted = request.GET.get("cycle", "")
    found = [c for c in cycles if str(c.pk) == wanted]
    return found[0] if found else cycle_from_request(request, cycles)


def _role_scope(user, cycle, unit) -> str:
    """What the person's roles make of the page: department-wide roles, or those that apply
    to the unit (a coordinator's cached unit page is never an executive's, nor the reverse)."""
    access = access_for(user)
    roles = (
        access.roles_for(unit)
        if unit is not None
        else access.wide.get(cycle.organization_id, set())
    )
    return ("super," if user.is_superuser else "") + ",".join(sorted(roles))


def _key(request, page: str, cycle, cycles, unit, today) -> tuple[str | None, bool]:
    """The cache key of the page's fragments, or None while a refresh of the cycle is due (the
    figures are then computed live and not cached); and whether one is due."""
    version, pending = figures_state(cycle.organization_id, cycle.pk)
    if pending:
        return None, True
    key = fragment_key(
        page, version=version, org=cycle.organization_id, cycle=cycle.pk,
        unit=unit.pk if unit is not None else "", day=today.isoformat(),
        scope=_role_scope(request.user, cycle, unit), cycles=",".join(str(c.pk) for c in cycles),
    )  # fmt: skip
    return key, False


@login_required
def department(request: HttpRequest) -> HttpResponse:
    cycles = list(cycles_visible(request.user).select_related("framework"))
    cycle = _cycle(request, cycles)
    own = figures_unit(request.user, cycle) if cycle is not None else None
    if cycle is not None and own is not None:
        return redirect(reverse("dashboards:unit", args=[own.pk]) + f"?cycle={cycle.pk}")
    if cycle is None:
        context = {"cycle": None, "cycles": cycles, "board": None, "charts": None, "heat_rows": ""}
        return render(request, "dashboards/department.html", context)
    today = timezone.localdate()
    key, pending = _key(request, "department", cycle, cycles, None, today)

    def build() -> dict:
        board = dashboard(cycle, cycles=cycles, today=today, pending=pending)
        return {
            "cycle": cycle, "cycles": cycles, "board": board, "charts": chart_data(board),
            "heat_rows": heat_rows(board),
            # the cache key holds the role scope, so this differs per role as it should
            "may_review": may_review_cycle(request.user, cycle),
        }  # fmt: skip

    return cached_page(request, "dashboards/department.html", key, build)


@login_required
def unit(request: HttpRequest, pk: int) -> HttpResponse:
    cycles = list(cycles_visible(request.user).select_related("framework"))
    cycle = _cycle(request, cycles)
    the_unit = unit_get(request.user, pk)
    if cycle is None:
        context = {"cycle": None, "cycles": cycles, "unit": the_unit, "board": None,
                   "charts": None, "heat_rows": ""}  # fmt: skip
        return render(request, "dashboards/unit.html", context)
    figures_unit(request.user, cycle, the_unit)
    today = timezone.localdate()
    key, pending = _key(request, "unit", cycle, cycles, the_unit, today)

    def build() -> dict:
        board = dashboard(cycle, the_unit, cycles=cycles, today=today, pending=pending)
        return {
            "cycle": cycle, "cycles": cycles, "unit": the_unit, "board": board,
            "charts": chart_data(board), "heat_rows": heat_rows(board, link_cells=False),
        }  # fmt: skip

    return cached_page(request, "dashboards/unit.html", key, build)


@login_required
def overdue(request: HttpRequest) -> HttpResponse:
    """The actions behind the dashboard's figures (the user's scope): overdue ones, or with
    ?kind=reports those missing a quarterly report that is due."""
    cycles = list(cycles_visible(request.user).select_related("framework"))
    cycle = cycle_from_request(request, cycles)
    the_unit = unit_get(request.user, request.GET["unit"]) if request.GET.get("unit") else None
    reports = request.GET.get("kind") == "reports"
    today = timezone.localdate()
    actions = actions_visible(request.user).none()
    if cycle is not None:
        actions = actions_visible(request.user).filter(cycle=cycle)
        if reports:
            wanted = Q(pk__in=[])
            for quarter in due_quarters(cycle, today):
                wanted |= missing_report_q(cycle, quarter)
            actions = actions.filter(wanted)
        else:
            actions = actions.filter(status__in=OPEN, end_date__lt=today)
        if the_unit is not None:
            actions = actions.filter(unit__path__startswith=the_unit.path)
    page = Paginator(
        actions.select_related("unit", "owner").order_by("end_date", "pk"), 50
    ).get_page(request.GET.get("page"))
    query = "&".join(
        f"{k}={v}"
        # a parsed QueryDict never holds an empty list, so each value is a str
        for k, v in cast(Iterator[tuple[str, str]], request.GET.items())
        if k != "page" and (v.isdigit() or v == "reports")
    )
    context = {
        "cycle": cycle, "cycles": cycles, "unit": the_unit, "page": page, "query": query,
        "reports": reports,
    }  # fmt: skip
    return render(request, "dashboards/overdue.html", context)


@login_required
def national(request: HttpRequest) -> HttpResponse:
    """Every department of the platform: for the national agency (platform superusers)."""
    from .national import national_departments, national_dimensions, national_overall

    if not may_see_national(request.user):
        raise PermissionDenied
    years = request.GET.get("year", "")
    from digiorg.core.fiscal import fiscal_year as fiscal_year_of

    year = int(years) if years.isdigit() else fiscal_year_of(timezone.localdate())
    page = Paginator(national_departments(year), 50).get_page(request.GET.get("page"))
    context = {
        "year": year, "overall": national_overall(year), "dimensions": national_dimensions(year),
        "page": page, "query": f"year={year}",
    }  # fmt: skip
    return render(request, "dashboards/national.html", context)
