from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django_htmx.middleware import HtmxDetails

from .selectors import framework_get, framework_list, framework_outline


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails  # set by django_htmx's HtmxMiddleware


@login_required
def framework_index(request: HttpRequest) -> HttpResponse:
    return render(request, "frameworks/index.html", {"frameworks": framework_list()})


@login_required
def framework_detail(request: HtmxHttpRequest, code: str) -> HttpResponse:
    framework = framework_get(code)
    if framework is None:
        raise Http404
    query = request.GET.get("q", "").strip()[:200]
    rows = framework_outline(framework, query)
    context = {
        "framework": framework,
        "rows": rows,
        "query": query,
        "criterion_total": sum(len(row["criteria"]) for row in rows),
    }
    template = "frameworks/detail.html"
    if request.htmx and request.htmx.target == "outline":
        template += "#outline"
    return render(request, template, context)
