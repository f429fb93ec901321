"""Review and publication: the unit proposes a dataset, the secretariat (the data governance
working group) approves it or returns it with a comment, and a published dataset is withdrawn
with a comment (by the secretariat or the unit)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from digiorg.accounts.access import access_for
from digiorg.accounts.roles import Role
from digiorg.core.errors import ConflictError, ValidationFailed

from . import services
from .completeness import completeness_percent, missing_for_publication
from .models import Dataset
from .permissions import (
    dataset_get,
    dataset_may_propose,
    dataset_may_review,
    datasets_visible,
    may_review_any,
)
from .views import PAGE_SIZE, may_withdraw


def _version(request) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return 0


def _run(request, dataset: Dataset, write, success: str) -> HttpResponse:
    try:
        write()
    except ConflictError as exc:
        messages.error(request, str(exc))
    except ValidationFailed as exc:
        for message in exc.errors.values():
            messages.error(request, str(message))
    else:
        messages.success(request, success)
    return redirect("catalogue:detail", dataset.pk)


@login_required
@require_POST
def dataset_propose(request: HttpRequest, pk: int) -> HttpResponse:
    dataset = dataset_get(request.user, pk)
    if not dataset_may_propose(request.user, dataset):
        raise PermissionDenied
    try:
        services.dataset_propose(dataset, actor=request.user, version=_version(request))
    except ConflictError as exc:
        messages.error(request, str(exc))
    except ValidationFailed as exc:
        # the whole list of what is missing, not only the first fields the check stopped at
        reasons = [m.reason for m in missing_for_publication(dataset)]
        reasons += [r for r in map(str, exc.errors.values()) if r not in reasons]
        messages.error(
            request,
            _("The dataset was not proposed. Still missing before publication: %(missing)s")
            % {"missing": " ".join(reasons)},
        )
    else:
        messages.success(
            request, _("The dataset was proposed for publication. The secretariat will review it.")
        )
    return redirect("catalogue:detail", dataset.pk)


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    if not may_review_any(request.user):
        raise PermissionDenied
    organizations = [
        org for org, roles in access_for(request.user).wide.items() if Role.SECRETARIAT in roles
    ]
    datasets = (
        datasets_visible(request.user)
        .filter(status=Dataset.Status.PROPOSED, organization_id__in=organizations)
        .select_related("unit")
        .annotate(resource_count=Count("resources"))
        .order_by("modified_at", "pk")
    )
    page = Paginator(datasets, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [{"dataset": d, "percent": completeness_percent(d)} for d in page.object_list]
    return render(request, "catalogue/queue.html", {"page": page, "rows": rows, "query": ""})


@login_required
@require_POST
def dataset_review(request: HttpRequest, pk: int) -> HttpResponse:
    dataset = dataset_get(request.user, pk)
    if not dataset_may_review(request.user, dataset):
        raise PermissionDenied
    approve = request.POST.get("decision") == "approve"
    comment = request.POST.get("comment", "")
    success = (
        _("The dataset was approved and is now public.")
        if approve
        else _("The dataset was returned to its unit with your comment.")
    )
    return _run(
        request, dataset,
        lambda: services.dataset_review(
            dataset, actor=request.user, version=_version(request), approve=approve,
            comment=comment,
        ),
        success,
    )  # fmt: skip


@login_required
@require_POST
def dataset_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    dataset = dataset_get(request.user, pk)
    if not may_withdraw(request.user, dataset):
        raise PermissionDenied
    return _run(
        request, dataset,
        lambda: services.dataset_withdraw(
            dataset, actor=request.user, version=_version(request),
            comment=request.POST.get("comment", ""),
        ),
        _("The dataset was withdrawn from the public catalogue."),
    )  # fmt: skip
