"""The executive dashboard of a cycle, a unit's dashboard, and the lists they drill down to."""

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

from digiorg.cycles.permissions import cycle_from_request, cycles_visible
from digiorg.org.permissions import unit_get
from digiorg.plans.permissions import actions_visible
from digiorg.scoring.permissions import figures_unit

from .charts import chart_data
from .html import heat_rows
from .permissions import may_see_national
from .selectors import OPEN, dashboard, due_quarters, missing_report_q


@login_required
def department(request: HttpRequest) -> HttpResponse:
    cycles = list(cycles_visible(request.user).select_related("framework"))
    cycle = cycle_from_request(request, cycles)
    own = figures_unit(request.user, cycle) if cycle is not None else None
    if cycle is not None and own is not None:
        return redirect(reverse("dashboards:unit", args=[own.pk]) + f"?cycle={cycle.pk}")
    board = dashboard(cycle, cycles=cycles) if cycle else None
    context = {
        "cycle": cycle,
        "cycles": cycles,
        "board": board,
        "charts": chart_data(board) if board else None,
        "heat_rows": heat_rows(board) if board else "",
    }
    return render(request, "dashboards/department.html", context)


@login_required
def unit(request: HttpRequest, pk: int) -> HttpResponse:
    cycles = list(cycles_visible(request.user).select_related("framework"))
    cycle = cycle_from_request(request, cycles)
    the_unit = unit_get(request.user, pk)
    if cycle is not None:
        figures_unit(request.user, cycle, the_unit)
    board = dashboard(cycle, the_unit, cycles=cycles) if cycle else None
    context = {
        "cycle": cycle, "cycles": cycles, "unit": the_unit, "board": board,
        "charts": chart_data(board) if board else None,
        "heat_rows": heat_rows(board, link_cells=False) if board else "",
    }  # fmt: skip
    return render(request, "dashboards/unit.html", context)


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
