"""The site's own 403, 404 and 500 pages (digiorg/urls.py names them as Django's handlers) and
the page of a form refused for its security token (settings.CSRF_FAILURE_VIEW).

403 and 404 are full pages with the menu and a way on: for a refused page, who may use it and
whom to ask. 500 renders a template that needs no context processor and no database: the error
may be the database itself.
"""

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import requires_csrf_token

# Pages that only some roles may use: who may, in the words of the page that refuses.
WHO_MAY: dict[str, object] = {
    "assessments:queue": _("the secretariat, which verifies the units' answers"),
    "assessments:review": _("the secretariat, which verifies the units' answers"),
    "audit": _("administrators, the secretariat and auditors"),
    "org:unit-create": _("administrators"),
    "org:unit-edit": _("administrators"),
    "org:import": _("administrators"),
    "people:create": _("administrators"),
    "people:edit": _("administrators"),
    "cycles:open": _("the secretariat"),
    "cycles:assign": _("the secretariat"),
    "plans:action-create": _("the unit's coordinators and members"),
    "plans:action-edit": _(
        "the unit's coordinators and members, while the action is a draft or returned"
    ),
    "plans:plan-import": _("the unit's coordinators and members, and the secretariat"),
    "evidence:create": _("the unit's coordinators and members, and the secretariat"),
    "dashboards:national": _("the national agency's platform staff"),
}


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    match = getattr(request, "resolver_match", None)
    name = match.view_name if match else ""
    reason = str(exception) if exception is not None and str(exception) else ""
    memberships = []
    if request.user.is_authenticated:
        memberships = list(request.user.memberships.select_related("unit"))  # type: ignore[union-attr]
    context = {"who_may": WHO_MAY.get(name), "reason": reason, "memberships": memberships}
    return HttpResponse(loader.render_to_string("403.html", context, request), status=403)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path_info.startswith("/p/"):  # the public side: its own page, no internal menu
        return HttpResponse(
            loader.render_to_string("public/not_found.html", {}, request), status=404
        )
    return HttpResponse(loader.render_to_string("404.html", {}, request), status=404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """No request context: context processors read the database, which may be what failed."""
    return HttpResponseServerError(loader.get_template("500.html").render())


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent with a token that no longer matches: most often the page stayed open too long
    (the session ended) or the form was opened before signing in again. The page says so, with
    the menu and a way back to the page the form was on (when it is ours)."""
    back = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = ""
    return HttpResponse(
        loader.render_to_string("403_csrf.html", {"back": back}, request), status=403
    )
