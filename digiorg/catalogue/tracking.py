"""Usage statistics of the public catalogue, the way CKAN's tracking reports them: per dataset,
the page's visitors in total and in the last 14 days (one anonymous visitor counts once a day,
see models.Visit). Downloads are Visit rows with a resource and are not page views.

Minimal version written by the CKAN API helper (issue 12) so that `tracking_summary` exists;
the public-pages helper owns this module and may replace the body, keeping the name and shape."""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from .models import Visit

RECENT_DAYS = 14


def recent_since(today=None):
    """The first day counted as recent: today and the 13 days before it."""
    return (today or timezone.localdate()) - timedelta(days=RECENT_DAYS - 1)


def tracking_summaries(dataset_ids) -> dict[int, dict[str, int]]:
    """{dataset pk: {"total": n, "recent": m}} for every id asked (zeros when never visited),
    in one query."""
    ids = list(dataset_ids)
    summaries = {pk: {"total": 0, "recent": 0} for pk in ids}
    if not ids:
        return summaries
    rows = (
        Visit.objects.filter(dataset_id__in=ids, resource=None)
        .values("dataset_id")
        .annotate(total=Count("pk"), recent=Count("pk", filter=Q(day__gte=recent_since())))
        .order_by()
    )
    for row in rows:
        summaries[row["dataset_id"]] = {"total": row["total"], "recent": row["recent"]}
    return summaries
