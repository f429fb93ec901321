"""The public catalogue's search: words, filters with counts (facets), sort and pages.

Only `public_datasets()` is searched. Each whitespace-separated word of the query must occur
(case-insensitively) in the dataset's title, description or tags (`search_text`); Thai words
are matched as substrings, so "สถานพยาบาล" finds "สถานพยาบาลเอกชน".

Cost: a fixed number of queries whatever the catalogue's size: one reads the few columns of every
matching dataset (filters on tags and resource formats, counts and sort are done on those rows,
the same way on SQLite and PostgreSQL), one the formats of their resources, one the units' names,
then the page's datasets with their resources and usage figures."""

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.paginator import Page, Paginator
from django.db.models import F, Prefetch, TextField
from django.db.models.functions import Cast
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from digiorg.org.models import OrgUnit

from . import choices
from .models import Dataset, Resource
from .permissions import public_datasets, public_resources
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


class Row(NamedTuple):
    pk: int
    unit_id: int
    data_type: str
    license_id: str
    views_total: int
    title: str
    tags: list[str]


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


def _score(terms: list[str], title: str, tags: list[str]) -> int:
    title = title.lower()
    tags = [tag.lower() for tag in tags]
    score = 0
    for term in terms:
        if term in title:
            score += 3
        elif any(term in tag for tag in tags):
            score += 2
        else:
            score += 1
    return score


def catalogue_search(params: dict[str, str], *, page_number: str | int = 1) -> SearchResult:
    """`params`: q, unit (code), type, format, tag, licence, sort; missing or empty = no filter."""
    terms = search_terms(params.get("q", ""))
    chosen = {key: params.get(key, "").strip() for key in FACETS}
    chosen["format"] = normal_format(chosen["format"])
    sort = params.get("sort", "")
    if sort not in SORTS:
        sort = "relevance" if terms else "newest"

    datasets = public_datasets()
    for term in terms:
        datasets = datasets.filter(search_text__icontains=term)
    if chosen["unit"]:
        datasets = datasets.filter(unit__code=chosen["unit"])
    if chosen["type"]:
        datasets = datasets.filter(data_type=chosen["type"])
    if chosen["licence"]:
        datasets = datasets.filter(license_id=chosen["licence"])
    # newest first from the database; the other sorts below are stable, so it breaks their ties.
    # Tags come as their JSON text, decoded in one call (10,000 rows: a tenth of the time of
    # one decode per row); the title only when the relevance sort needs it.
    columns = ["pk", "unit_id", "data_type", "license_id", "views_total"]
    if sort == "relevance" and terms:
        columns.append("title")
    found = list(
        datasets.annotate(tags_text=Cast("tags", TextField()))
        .values_list(*columns, "tags_text")
        .order_by(F("published_at").desc(nulls_last=True), "-pk")
    )
    all_tags = json.loads("[" + ",".join(row[-1] or "[]" for row in found) + "]")
    rows = [
        Row(
            pk=row[0],
            unit_id=row[1],
            data_type=row[2],
            license_id=row[3],
            views_total=row[4],
            title=row[5] if len(row) == 7 else "",
            tags=tags or [],
        )
        for row, tags in zip(found, all_tags, strict=True)
    ]
    formats: dict[int, set[str]] = {}
    for dataset_id, fmt in (
        public_resources()
        .filter(dataset__in=datasets)
        .values_list("dataset_id", "format")
        .order_by()
    ):
        if fmt.strip():
            formats.setdefault(dataset_id, set()).add(normal_format(fmt))
    if chosen["tag"]:
        rows = [row for row in rows if chosen["tag"] in row.tags]
    if chosen["format"]:
        rows = [row for row in rows if chosen["format"] in formats.get(row.pk, ())]

    counts: dict[str, Counter] = {key: Counter() for key in FACETS}
    for row in rows:
        counts["unit"][row.unit_id] += 1
        counts["type"][row.data_type] += 1
        counts["licence"][row.license_id] += 1
        counts["tag"].update(set(row.tags))
        counts["format"].update(formats.get(row.pk, ()))
    facets = _facets(counts, chosen)

    if sort == "relevance" and terms:
        rows.sort(key=lambda row: -_score(terms, row.title, row.tags))
    elif sort == "views":
        rows.sort(key=lambda row: -row.views_total)
    page = Paginator([row.pk for row in rows], PAGE_SIZE).get_page(page_number)
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
        page=page, count=len(rows), facets=facets, sort=sort, usage=tracking_summaries(ids)
    )


def _facets(counts: dict[str, Counter], chosen: dict[str, str]) -> dict[str, list[FacetValue]]:
    units = OrgUnit.objects.filter(pk__in=list(counts["unit"])).only("code", "name_th", "name_en")
    unit_items = sorted(
        (FacetValue(u.code, u.name, counts["unit"][u.pk], u.code == chosen["unit"]) for u in units),
        key=lambda item: (-item.count, item.label),
    )
    licences = dict(choices.LICENSES)

    def plain(key: str, label) -> list[FacetValue]:
        items = [
            FacetValue(value, label(value), count, value == chosen[key])
            for value, count in counts[key].items()
        ]
        return sorted(items, key=lambda item: (-item.count, item.label))

    tags = plain("tag", str)
    top = tags[:TOP_TAGS] + [item for item in tags[TOP_TAGS:] if item.selected]
    return {
        "unit": unit_items,
        "type": plain("type", lambda value: choice_shown(choices.DATA_TYPES, value)),
        "format": plain("format", str),
        "tag": top,
        "licence": plain("licence", lambda value: str(licences.get(value, value))),
    }
