"""The public catalogue's search: words, filters with counts (facets), sort and pages.

Only `public_datasets()` is searched. Each whitespace-separated word of the query must occur
(case-insensitively) in the dataset's title, description or tags (`search_text`); Thai words
are matched as substrings, so "สถานพยาบาล" finds "สถานพยาบาลเอกชน".

Cost: a fixed number of queries whatever the catalogue's size, all of the work in SQL (the
primitives of the CKAN API's package_search): one grouping per filter, the count, the page's ids,
its datasets and resources, their usage figures."""

from collections import Counter
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Prefetch, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import choices
from .ckan_search import format_q, ordered, tag_counts, tag_q, text_q
from .models import Dataset, Resource
from .permissions import public_datasets
from .tracking import tracking_summaries

PAGE_SIZE = 20
TOP_TAGS = 15
# parameter -> its heading. "type" is the GD Catalog's data_type (records, statistics,
# geospatial...): what a citizen reads as a category. The governance category (data_category)
# is "public data" for every published dataset, so it filters nothing here.
FACETS = {
    "unit": _("Unit"),
    "type": _("Type of data"),
    "format": _("Format"),
    "tag": _("Keyword"),
    "licence": _("Licence"),
}
SORTS = {
    "relevance": _("Relevance"),
    "newest": _("Newest"),
    "views": _("Most viewed"),
}


def choice_shown(options, value: str) -> str:
    """A GD Catalog value as people read it: the portal's own (Thai) string on Thai pages, the
    English label on English ones."""
    if (get_language() or "th")[:2] == "th":
        return value
    return choices.label(options, value)


def normal_format(text: str) -> str:
    return text.strip().upper()


def search_terms(query: str) -> list[str]:
    return query.lower().split()


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResult:
    page: Page
    count: int
    facets: dict[str, list[FacetValue]]
    sort: str
    usage: dict[int, dict[str, int]] = field(default_factory=dict)


def catalogue_search(params: dict[str, str], *, page_number: str | int = 1) -> SearchResult:
    """`params`: q, unit (code), type, format, tag, licence, sort; missing or empty = no filter.
    The filters, counts and sort are SQL (the same primitives as the CKAN API's package_search):
    a count, five facet groupings, the page's ids, its datasets and resources, their usage."""
    terms = search_terms(params.get("q", ""))
    chosen = {key: params.get(key, "").strip() for key in FACETS}
    chosen["format"] = normal_format(chosen["format"])
    sort = params.get("sort", "")
    if sort not in SORTS:
        sort = "relevance" if terms else "newest"

    datasets = public_datasets()
    for term in terms:
        datasets = datasets.filter(text_q("search_text", term))
    if chosen["unit"]:
        datasets = datasets.filter(unit__code=chosen["unit"])
    if chosen["type"]:
        datasets = datasets.filter(data_type=chosen["type"])
    if chosen["licence"]:
        datasets = datasets.filter(license_id=chosen["licence"])
    if chosen["tag"]:
        datasets = datasets.filter(tag_q(chosen["tag"]))
    if chosen["format"]:
        datasets = datasets.filter(format_q(chosen["format"]))
    facets = _facets(datasets, chosen)

    newest = (F("published_at").desc(nulls_last=True), "-pk")
    if sort == "relevance" and terms:
        # the CKAN API's relevance: the words found in the title count most
        listed = ordered(datasets, "score desc", terms)
        listed = listed.order_by(*listed.query.order_by[:-1], *newest)
    elif sort == "views":
        listed = datasets.order_by("-views_total", *newest)
    else:
        listed = datasets.order_by(*newest)
    page = Paginator(listed.values_list("pk", flat=True), PAGE_SIZE).get_page(page_number)
    ids = list(page.object_list)
    by_pk = (
        Dataset.objects.filter(pk__in=ids)
        .select_related("unit")
        .prefetch_related(
            Prefetch("resources", queryset=Resource.objects.only("dataset_id", "format"))
        )
        .in_bulk()
    )
    page.object_list = [by_pk[pk] for pk in ids]  # type: ignore[misc]
    return SearchResult(
        page=page,
        count=page.paginator.count,
        facets=facets,
        sort=sort,
        usage=tracking_summaries(ids),
    )


def _facets(datasets: QuerySet[Dataset], chosen: dict[str, str]) -> dict[str, list[FacetValue]]:
    """Each filter's values among the matching datasets, with how many hold each."""
    plain = datasets.order_by()
    units = (
        plain.values("unit__code", "unit__name_th", "unit__name_en")
        .annotate(n=Count("pk"))
        .order_by()
    )
    english = (get_language() or "th")[:2] == "en"
    unit_items = sorted(
        (
            FacetValue(
                row["unit__code"],
                (english and row["unit__name_en"]) or row["unit__name_th"],
                row["n"],
                row["unit__code"] == chosen["unit"],
            )
            for row in units
        ),
        key=lambda item: (-item.count, item.label),
    )
    licences = dict(choices.LICENSES)

    def grouped(key: str, column: str, label) -> list[FacetValue]:
        rows = plain.values_list(column).annotate(n=Count("pk")).order_by()
        items = [FacetValue(value, label(value), n, value == chosen[key]) for value, n in rows]
        return sorted(items, key=lambda item: (-item.count, item.label))

    formats: Counter = Counter()
    for fmt, n in (
        Resource.objects.filter(dataset__in=plain.values("pk"))
        .exclude(format="")
        .values_list("format")
        .annotate(n=Count("dataset", distinct=True))
        .order_by()
    ):
        formats[normal_format(fmt)] += n
    format_items = sorted(
        (FacetValue(f, f, n, f == chosen["format"]) for f, n in formats.items()),
        key=lambda item: (-item.count, item.label),
    )
    # a chosen tag is held by every match, so it is always among the top ones
    tags = [
        FacetValue(tag, tag, n, tag == chosen["tag"]) for tag, n in tag_counts(datasets, TOP_TAGS)
    ]
    return {
        "unit": unit_items,
        "type": grouped("type", "data_type", lambda value: choice_shown(choices.DATA_TYPES, value)),
        "format": format_items,
        "tag": tags,
        "licence": grouped("licence", "license_id", lambda value: str(licences.get(value, value))),
    }
