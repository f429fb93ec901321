from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from digiorg.accounts.roles import Role
from digiorg.cycles.permissions import cycle_from_request
from digiorg.dashboards.permissions import may_see_national
from digiorg.frameworks.selectors import framework_list

from .desk import desk
from .landing import landing


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role's landing page (see landing.py): a redirect, the secretariat's desk, or,
    for a person without a role, what to do to get one."""
    where = landing(request.user)
    if where.url is not None:
        return redirect(where.url)
    if where.role == Role.SECRETARIAT:
        cycle = cycle_from_request(request)
        desk_context = {"cycle": cycle, "desk": desk(request.user, cycle) if cycle else None}
        return render(request, "core/desk.html", desk_context)
    context = {"frameworks": framework_list(), "national": may_see_national(request.user)}
    return render(request, "core/home.html", context)
