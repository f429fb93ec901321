"""The public catalogue under /p/data/ (no login): search with filters, dataset pages, downloads
that count, and a page per unit with its usage figures (and their CSV).

Everything goes through `public_datasets()`. A withdrawn dataset answers 410 with its title and
withdrawal date only; a dataset that was never published answers exactly as an unknown address
(404), so the public cannot tell that it exists."""

import csv
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from digiorg.org.models import OrgUnit

from . import choices
from .models import Dataset, Resource
from .permissions import public_datasets
from .public_search import FACETS, SORTS, catalogue_search, choice_shown
from .tracking import (
    RECENT_DAYS,
    download_summaries,
    record_visit,
    resource_tracking_summaries,
    tracking_summaries,
)

UNIT_PAGE_SIZE = 50
PARAMS = ("q", *FACETS, "sort")


def not_found(request: HttpRequest) -> HttpResponse:
    """The same page for an unknown address and for a dataset that is not public."""
    return render(request, "public/not_found.html", status=404)


def _gone(request: HttpRequest, withdrawn) -> HttpResponse:
    return render(request, "public/gone.html", {"withdrawn": withdrawn}, status=410)


def _dataset_or_answer(
    request: HttpRequest, name: str, *, for_page: bool
) -> Dataset | HttpResponse:
    """The published dataset called `name`, or the 410 / 404 page to answer instead."""
    datasets = public_datasets().select_related("unit", "organization")
    if for_page:
        datasets = datasets.prefetch_related("resources")
    dataset = datasets.filter(name=name).first()
    if dataset is not None:
        return dataset
    withdrawn = (
        Dataset.objects.filter(name=name, status=Dataset.Status.WITHDRAWN)
        .values("title", "withdrawn_at")
        .first()
    )
    return _gone(request, withdrawn) if withdrawn else not_found(request)


def _query(params: dict[str, str], **changes: str) -> str:
    merged = {key: value for key, value in {**params, **changes}.items() if value}
    return urlencode(merged)


@require_safe
def data_list(request: HttpRequest) -> HttpResponse:
    params = {key: request.GET.get(key, "").strip() for key in PARAMS}
    result = catalogue_search(params, page_number=request.GET.get("page", 1))
    facets = []
    for key, heading in FACETS.items():
        items = [
            {
                "item": item,
                "url": "?" + _query(params, **{key: "" if item.selected else item.value}),
            }
            for item in result.facets[key]
        ]
        facets.append({"key": key, "heading": heading, "items": items})
    chosen = [
        {
            "heading": FACETS[key],
            "label": next(
                (f.label for f in result.facets[key] if f.value == params[key]), params[key]
            ),
            "url": "?" + _query(params, **{key: ""}),
        }
        for key in FACETS
        if params[key]
    ]
    rows = [
        {
            "dataset": dataset,
            "usage": result.usage[dataset.pk],
            "formats": sorted(
                {r.format.strip().upper() for r in dataset.resources.all() if r.format}
            ),
        }
        for dataset in result.page.object_list
    ]
    context = {
        "params": params,
        "result": result,
        "rows": rows,
        "facets": facets,
        "chosen": chosen,
        "sorts": SORTS.items(),
        "query": _query(params),
        "recent_days": RECENT_DAYS,
    }
    return render(request, "public/data_list.html", context)


def _metadata(dataset: Dataset) -> list[dict]:
    """The dataset's metadata in plain words, in the order a reader looks for them; empty
    optional fields are left out. No internal field (who is responsible, reviews, sharing)."""
    frequency = choice_shown(choices.UPDATE_FREQUENCIES, dataset.update_frequency_unit)
    if dataset.update_frequency_interval and dataset.update_frequency_interval > 1:
        frequency = _("%(unit)s (every %(interval)s)") % {
            "unit": frequency,
            "interval": dataset.update_frequency_interval,
        }
    years = ""
    if dataset.first_year_of_data or dataset.last_year_of_data:
        years = f"{dataset.first_year_of_data or '?'} - {dataset.last_year_of_data or '?'}"
    licences = dict(choices.LICENSES)
    rows: list[dict] = [
        {"label": _("Type of data"), "text": choice_shown(choices.DATA_TYPES, dataset.data_type)},
        {
            "label": _("Purpose"),
            "text": ", ".join(choice_shown(choices.OBJECTIVES, v) for v in dataset.objectives),
        },
        {"label": _("How often it is updated"), "text": frequency},
        {
            "label": _("Area covered"),
            "text": choice_shown(choices.GEO_COVERAGES, dataset.geo_coverage),
        },
        {"label": _("Source"), "text": dataset.data_source},
        {
            "label": _("Formats the data is kept in"),
            "text": ", ".join(choice_shown(choices.DATA_FORMATS, v) for v in dataset.data_formats),
        },
        {"label": _("Licence"), "text": str(licences.get(dataset.license_id, dataset.license_id))},
        {
            "label": _("Classification"),
            "text": choice_shown(choices.CLASSIFICATIONS, dataset.data_classification)
            if dataset.data_classification
            else "",
        },
        {
            "label": _("Languages"),
            "text": ", ".join(choice_shown(choices.LANGUAGES, v) for v in dataset.data_languages),
        },
        {"label": _("Years the data covers"), "text": years},
        {"label": _("Unit of measure"), "text": dataset.unit_of_measure},
        {"label": _("How it is calculated"), "text": dataset.calculation_method},
        {"label": _("Conditions of access"), "text": dataset.accessible_condition},
        {"label": _("Data version"), "text": dataset.version_label},
        {"label": _("Data created on"), "date": dataset.created_date},
        {"label": _("Data last updated on"), "date": dataset.last_updated_date},
        {"label": _("Next release on"), "date": dataset.data_release_calendar},
        {"label": _("Published here on"), "date": dataset.published_at},
        {"label": _("Description last changed on"), "date": dataset.modified_at},
        {"label": _("Web page of the data"), "link": dataset.url},
    ]
    return [row for row in rows if row.get("text") or row.get("date") or row.get("link")]


@require_safe
def dataset_detail(request: HttpRequest, name: str) -> HttpResponse:
    found = _dataset_or_answer(request, name, for_page=True)
    if isinstance(found, HttpResponse):
        return found
    dataset = found
    record_visit(request, dataset)
    resources = list(dataset.resources.all())
    downloads = resource_tracking_summaries(r.pk for r in resources)
    context = {
        "dataset": dataset,
        "metadata": _metadata(dataset),
        "resources": [{"resource": r, "usage": downloads[r.pk]} for r in resources],
        "views": tracking_summaries([dataset.pk])[dataset.pk],
        "downloads": {
            "total": sum(d["total"] for d in downloads.values()),
            "recent": sum(d["recent"] for d in downloads.values()),
        },
        "recent_days": RECENT_DAYS,
    }
    return render(request, "public/dataset.html", context)


@require_safe
def resource_download(request: HttpRequest, name: str, resource_id) -> HttpResponse | FileResponse:
    """Count the download, then send the visitor on to the link (302) or the stored file."""
    found = _dataset_or_answer(request, name, for_page=False)
    if isinstance(found, HttpResponse):
        return found
    resource = Resource.objects.filter(dataset=found, uuid=resource_id).first()
    if resource is None or not (resource.url or resource.file):
        return not_found(request)
    record_visit(request, found, resource)
    if not resource.file:
        return HttpResponseRedirect(resource.url)
    try:
        handle = resource.file.open("rb")
    except FileNotFoundError:
        return not_found(request)
    filename = resource.file_name or str(resource.file.name).rsplit("/", 1)[-1]
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type=resource.mimetype or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _units(code: str) -> list[OrgUnit]:
    """The units with this code that have published datasets (a unit with none has no page)."""
    return list(
        OrgUnit.objects.filter(code=code, pk__in=public_datasets().values("unit_id"))
        .select_related("organization")
        .order_by("path")
    )


def _unit_rows(datasets: list[Dataset]) -> list[dict]:
    ids = [dataset.pk for dataset in datasets]
    views, downloads = tracking_summaries(ids), download_summaries(ids)
    return [
        {"dataset": dataset, "views": views[dataset.pk], "downloads": downloads[dataset.pk]}
        for dataset in datasets
    ]


@require_safe
def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    units = _units(code)
    if not units:
        return not_found(request)
    datasets = (
        public_datasets()
        .filter(unit__in=units)
        .select_related("unit")
        .prefetch_related(
            Prefetch("resources", queryset=Resource.objects.only("dataset_id", "format"))
        )
        .order_by("title", "pk")
    )
    page = Paginator(datasets, UNIT_PAGE_SIZE).get_page(request.GET.get("page", 1))
    rows = _unit_rows(list(page.object_list))
    context = {
        "units": units,
        "unit": units[0],
        "page": page,
        "rows": rows,
        "code": code,
        "recent_days": RECENT_DAYS,
    }
    return render(request, "public/unit.html", context)


@require_safe
def unit_usage_csv(request: HttpRequest, code: str) -> HttpResponse:
    """The unit page's figures as CSV (UTF-8 with a byte-order mark, so Excel reads Thai)."""
    units = _units(code)
    if not units:
        return not_found(request)
    datasets = list(public_datasets().filter(unit__in=units).order_by("title", "pk"))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="usage-{code}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            _("URL name"),
            _("Dataset"),
            _("Address"),
            _("Published on"),
            _("Page views, total"),
            _("Page views, last %(days)s days") % {"days": RECENT_DAYS},
            _("Downloads, total"),
            _("Downloads, last %(days)s days") % {"days": RECENT_DAYS},
        ]
    )
    for row in _unit_rows(datasets):
        dataset = row["dataset"]
        writer.writerow(
            [
                dataset.name,
                dataset.title,
                request.build_absolute_uri(reverse("opendata:dataset", args=[dataset.name])),
                timezone.localdate(dataset.published_at).isoformat()
                if dataset.published_at
                else "",
                row["views"]["total"],
                row["views"]["recent"],
                row["downloads"]["total"],
                row["downloads"]["recent"],
            ]
        )
    return response
