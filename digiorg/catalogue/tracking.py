"""Usage statistics of the public catalogue, as CKAN's tracking keeps them.

A dataset page view or a resource download is one Visit row: the dataset (and the resource for a
download), the day, and the visitor as an HMAC-SHA256 of the user agent, the address, the
Accept-Language header and the day, keyed by the site's SECRET_KEY. The address is never stored,
and the same person is a different visitor on another day. A visitor counts once per page per
day (the unique constraints of Visit); robots (by user agent) are not counted.

Summaries are {"total": n, "recent": m} with `recent` the last RECENT_DAYS days (today
included): `tracking_summaries` per dataset (page views) and `resource_tracking_summaries` per
resource (downloads), one query each for any number of ids. The CKAN API shows the same figures
as `tracking_summary`."""

import re
from collections.abc import Iterable
from datetime import date, timedelta

from django.db.models import Count, F, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from digiorg.core.ratelimit import client_address

from .models import Dataset, Resource, Visit

RECENT_DAYS = 14
# User agents of programs, not people: their requests are never counted. The one list.
BOT_PATTERNS = (
    "bot", "crawler", "spider", "slurp", "archiver", "curl", "wget", "python-requests",
    "python-urllib", "python-httpx", "aiohttp", "go-http-client", "okhttp", "java/",
    "libwww-perl", "scrapy", "httpclient", "facebookexternalhit", "ckan", "harvest",
)  # fmt: skip
BOT_RE = re.compile("|".join(re.escape(pattern) for pattern in BOT_PATTERNS), re.IGNORECASE)

Summary = dict[str, int]


def is_bot(user_agent: str) -> bool:
    """A robot, a crawler or a command-line client (or no user agent at all)."""
    return not user_agent.strip() or bool(BOT_RE.search(user_agent))


def visitor_hash(request: HttpRequest, day: date) -> str:
    meta = request.META
    parts = (
        day.isoformat(),
        meta.get("HTTP_USER_AGENT", ""),
        client_address(request),
        meta.get("HTTP_ACCEPT_LANGUAGE", ""),
    )
    return salted_hmac(
        "digiorg.catalogue.visitor", "\n".join(parts), algorithm="sha256"
    ).hexdigest()


def record_visit(request: HttpRequest, dataset: Dataset, resource: Resource | None = None) -> bool:
    """Count this request's visitor on the dataset page (or the resource's download) today;
    True if it was a new visit. A repeat on the same day, a robot or a non-GET counts nothing.
    A new visit also adds one to `views_total` of the page (used by the "most viewed" sort)."""
    if request.method != "GET" or is_bot(request.META.get("HTTP_USER_AGENT", "")):
        return False
    day = timezone.localdate()
    _visit, created = Visit.objects.get_or_create(
        dataset=dataset,
        resource=resource,
        day=day,
        visitor=visitor_hash(request, day),
        defaults={"organization_id": dataset.organization_id},
    )
    if created:
        # A sort key only (the figures shown are counted from Visit rows), so it needs no
        # transaction of its own; .update() leaves modified_at alone: a view is no metadata change.
        model = Dataset if resource is None else Resource
        target = dataset if resource is None else resource
        model.objects.filter(pk=target.pk).update(views_total=F("views_total") + 1)  # type: ignore[attr-defined]
    return created


def recent_since(today: date | None = None) -> date:
    """The first day that counts as recent: the last RECENT_DAYS days, today included."""
    return (today or timezone.localdate()) - timedelta(days=RECENT_DAYS - 1)


def _summaries(field: str, ids: Iterable[int], *, downloads: bool) -> dict[int, Summary]:
    keys = list(dict.fromkeys(ids))
    result: dict[int, Summary] = {key: {"total": 0, "recent": 0} for key in keys}
    if not keys:
        return result
    rows = (
        Visit.objects.filter(**{f"{field}__in": keys, "resource__isnull": not downloads})
        .values(field)
        .annotate(total=Count("pk"), recent=Count("pk", filter=Q(day__gte=recent_since())))
        .order_by()
    )
    for row in rows:
        result[row[field]] = {"total": row["total"], "recent": row["recent"]}
    return result


def tracking_summaries(dataset_ids: Iterable[int]) -> dict[int, Summary]:
    """Page views of each dataset: {dataset id: {"total": n, "recent": m}}, in one query;
    every id asked for has an entry (zeros when never viewed)."""
    return _summaries("dataset_id", dataset_ids, downloads=False)


def resource_tracking_summaries(resource_ids: Iterable[int]) -> dict[int, Summary]:
    """Downloads of each resource: {resource id: {"total": n, "recent": m}}, in one query."""
    return _summaries("resource_id", resource_ids, downloads=True)


def download_summaries(dataset_ids: Iterable[int]) -> dict[int, Summary]:
    """Downloads of all the resources of each dataset together, in one query."""
    return _summaries("dataset_id", dataset_ids, downloads=True)
