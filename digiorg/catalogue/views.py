"""The signed-in register: the list of datasets, the dataset form, the dataset page with its
completeness, resources and history, and resource downloads (only through here, as
attachments). Review and publication are in views_review.py."""

import json
import re
from datetime import date
from urllib.parse import urlencode

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from digiorg.accounts.models import User
from digiorg.audit.labels import field_label as label_of
from digiorg.audit.selectors import audit_rows
from digiorg.core import thai
from digiorg.core.errors import ConflictError, ValidationFailed
from digiorg.core.forms import apply_errors
from digiorg.evidence.uploads import upload_cap_message, upload_max_bytes, upload_too_large
from digiorg.org.permissions import unit_get, units_visible

from . import resources as resource_services
from . import services
from .completeness import completeness_percent, missing_for_publication
from .display import metadata_sections
from .forms import DatasetForm, ResourceFileForm, ResourceLinkForm, dataset_initial
from .models import Dataset, Resource, Visit
from .permissions import (
    dataset_get,
    dataset_may_edit,
    dataset_may_propose,
    dataset_may_review,
    datasets_visible,
    may_review_any,
    unit_may_hold,
    units_may_hold,
)
from .resources import allowed_extensions

PAGE_SIZE = 25
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HISTORY_SIZE = 50


@login_required
def register(request: HttpRequest) -> HttpResponse:
    unit = unit_get(request.user, request.GET["unit"]) if request.GET.get("unit") else None
    status = request.GET.get("status", "")
    if status not in Dataset.Status.values:
        status = ""
    datasets = datasets_visible(request.user).select_related("unit")
    if unit is not None:
        datasets = datasets.filter(unit__path__startswith=unit.path)
    if status:
        datasets = datasets.filter(status=status)
    # the filters the live-evidence indicators link to (catalogue/indicators.py)
    if request.GET.get("key") == "1":
        datasets = datasets.filter(is_key=True)
    if request.GET.get("sharable") == "1":
        datasets = datasets.filter(sharable=True)
    if request.GET.get("used") == "1":
        datasets = datasets.filter(Exists(Visit.objects.filter(dataset=OuterRef("pk"))))
    datasets = datasets.annotate(resource_count=Count("resources")).order_by("-modified_at", "-pk")
    page = Paginator(datasets, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "dataset": dataset,
            "percent": completeness_percent(dataset),
            "missing": missing_for_publication(dataset, getattr(dataset, "resource_count", None)),
        }
        for dataset in page.object_list
    ]
    context = {
        "page": page,
        "rows": rows,
        "query": urlencode({k: v for k, v in request.GET.items() if k != "page" and v}),
        "unit": unit,
        "status": status,
        "statuses": Dataset.Status.choices,
        "units": units_visible(request.user).filter(is_active=True).order_by("path"),
        "may_add": units_may_hold(request.user).exists(),
        "may_review": may_review_any(request.user),
    }
    return render(request, "catalogue/register.html", context)


def _people(organization_ids) -> QuerySet[User]:
    return User.objects.filter(organization_id__in=organization_ids, is_active=True).order_by(
        "name", "username"
    )


@login_required
def dataset_create(request: HttpRequest) -> HttpResponse:
    units = units_may_hold(request.user)
    if not units.exists():
        raise PermissionDenied
    organizations = set(units.values_list("organization_id", flat=True))
    initial = {"stage": Dataset.Stage.CREATE, "allow_harvest": True}
    if request.GET.get("unit", "").isdigit():
        initial["unit"] = units.filter(pk=request.GET["unit"]).first()
    form = DatasetForm(
        request.POST or None, initial=initial, units=units, people=_people(organizations)
    )
    if request.method == "POST" and form.is_valid():
        try:
            dataset = services.dataset_create(
                actor=request.user, unit=form.cleaned_data["unit"], **form.metadata()
            )
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The dataset was saved as a draft."))
            return redirect("catalogue:detail", dataset.pk)
    return render(request, "catalogue/form.html", {"form": form, "dataset": None})


@login_required
def dataset_edit(request: HttpRequest, pk: int) -> HttpResponse:
    dataset = dataset_get(request.user, pk)
    if not dataset_may_edit(request.user, dataset):
        raise PermissionDenied
    form = DatasetForm(
        request.POST or None,
        initial=dataset_initial(dataset),
        units=None,
        people=_people([dataset.organization_id]),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.dataset_update(
                dataset,
                actor=request.user,
                version=form.cleaned_data.get("version") or 0,
                **form.metadata(),
            )
        except ConflictError as exc:
            form.add_error(None, str(exc))
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect("catalogue:detail", dataset.pk)
    return render(request, "catalogue/form.html", {"form": form, "dataset": dataset})


def dataset_history(dataset: Dataset) -> list[dict]:
    """The audit log of the dataset and of its resources (also removed ones), newest first."""
    types = ContentType.objects.get_for_models(Dataset, Resource)
    entries = (
        LogEntry.objects.filter(
            Q(content_type=types[Dataset], object_pk=str(dataset.pk))
            | Q(content_type=types[Resource], additional_data__dataset_id=dataset.pk)
        )
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")[:HISTORY_SIZE]
    )
    hidden = _hidden_labels()
    rows = audit_rows(entries)
    # a resource's "name" is the person's name elsewhere in the trail's wording
    person_name = label_of(Resource._meta.get_field("name"), "name")
    for row in rows:
        row["changes"] = [
            (_("Name shown") if label == person_name else label, _readable(old), _readable(new))
            for label, old, new in row["changes"]
            if label not in hidden and (old, new) != ("-", "-") and (old, new) != ("-", "[]")
        ]
    # a change of a resource marks the dataset changed: that entry alone says nothing more
    return [row for row in rows if row["changes"] or row["entry"].action != LogEntry.Action.UPDATE]


def _readable(value: str) -> str:
    """A list as the log keeps it (JSON, Thai escaped) as words; an ISO date as a Thai date."""
    if value.startswith("["):
        try:
            items = json.loads(value)
        except ValueError:
            return value
        return ", ".join(map(str, items)) if isinstance(items, list) else value
    if ISO_DATE.match(value):
        return thai.format_date(date.fromisoformat(value), (get_language() or "th")[:2])
    return value


def _hidden_labels() -> set[str]:
    """Bookkeeping columns the history leaves out (ids, time stamps, stored names, hashes)."""
    names = {
        Dataset: ("id", "uuid", "organization", "created_at", "modified_at", "created_by"),
        Resource: ("id", "uuid", "organization", "dataset", "created_at", "modified_at",
                   "position", "file", "sha256", "mimetype", "views_total"),
    }  # fmt: skip
    return {
        label_of(model._meta.get_field(name), name)
        for model, fields in names.items()
        for name in fields
    }


def may_withdraw(user, dataset: Dataset) -> bool:
    return dataset.is_public and (
        dataset_may_review(user, dataset) or unit_may_hold(user, dataset.unit)
    )


@login_required
def dataset_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dataset = dataset_get(request.user, pk)
    resources = list(dataset.resources.all())
    may_edit = dataset_may_edit(request.user, dataset)
    context = {
        "dataset": dataset,
        "resources": resources,
        "percent": completeness_percent(dataset),
        "missing": missing_for_publication(dataset, len(resources)),
        "may_edit": may_edit,
        "may_propose": dataset_may_propose(request.user, dataset),
        "may_review": dataset.status == Dataset.Status.PROPOSED
        and dataset_may_review(request.user, dataset),
        "may_withdraw": may_withdraw(request.user, dataset),
        "file_form": ResourceFileForm() if may_edit else None,
        "link_form": ResourceLinkForm(prefix="link") if may_edit else None,
        "history": dataset_history(dataset),
        "sections": metadata_sections(dataset),
        "allowed_types": ", ".join(e.upper() for e in allowed_extensions()),
        "upload_limit_mb": upload_max_bytes() // 2**20,
    }
    return render(request, "catalogue/detail.html", context)


def _editable(request, pk) -> Dataset:
    dataset = dataset_get(request.user, pk)
    if not dataset_may_edit(request.user, dataset):
        raise PermissionDenied
    return dataset


def _say_errors(request, errors: dict) -> None:
    for message in errors.values():
        messages.error(request, str(message))


@login_required
@require_POST
def resource_add_file(request: HttpRequest, pk: int) -> HttpResponse:
    dataset = _editable(request, pk)
    if upload_too_large(request):
        messages.error(request, upload_cap_message())
        return redirect("catalogue:detail", dataset.pk)
    form = ResourceFileForm(request.POST, request.FILES)
    if not form.is_valid():
        _say_errors(request, {k: " ".join(map(str, v)) for k, v in form.errors.items()})
        return redirect("catalogue:detail", dataset.pk)
    try:
        resource = resource_services.resource_add_file(
            dataset, actor=request.user, upload=form.cleaned_data["file"],
            name=form.cleaned_data["name"],
        )  # fmt: skip
    except ValidationFailed as exc:
        _say_errors(request, exc.errors)
    else:
        messages.success(request, _("%(name)s was added.") % {"name": resource.name})
    return redirect("catalogue:detail", dataset.pk)


@login_required
@require_POST
def resource_add_link(request: HttpRequest, pk: int) -> HttpResponse:
    dataset = _editable(request, pk)
    form = ResourceLinkForm(request.POST, prefix="link")
    if not form.is_valid():
        _say_errors(request, {k: " ".join(map(str, v)) for k, v in form.errors.items()})
        return redirect("catalogue:detail", dataset.pk)
    try:
        resource = resource_services.resource_add_link(
            dataset, actor=request.user, **form.cleaned_data
        )
    except ValidationFailed as exc:
        _say_errors(request, exc.errors)
    else:
        messages.success(request, _("%(name)s was added.") % {"name": resource.name})
    return redirect("catalogue:detail", dataset.pk)


def _resource_get(user, pk) -> Resource:
    try:
        resource = Resource.objects.select_related("dataset").get(pk=pk)
    except (Resource.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    resource.dataset = dataset_get(user, resource.dataset_id)  # 404 unless the user sees it
    return resource


@login_required
@require_POST
def resource_remove(request: HttpRequest, pk: int) -> HttpResponse:
    resource = _resource_get(request.user, pk)
    if not dataset_may_edit(request.user, resource.dataset):
        raise PermissionDenied
    try:
        resource_services.resource_remove(resource, actor=request.user)
    except ValidationFailed as exc:
        _say_errors(request, exc.errors)
    else:
        messages.success(request, _("%(name)s was removed.") % {"name": resource.name})
    return redirect("catalogue:detail", resource.dataset_id)


@login_required
def resource_download(request: HttpRequest, pk: int) -> FileResponse:
    resource = _resource_get(request.user, pk)
    if not resource.file:
        raise Http404
    try:
        handle = resource.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=resource.file_name or str(resource.file.name).rsplit("/", 1)[-1],
        content_type=resource.mimetype or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
