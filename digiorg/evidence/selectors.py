"""Reads: the evidence library with its filters, and one piece of evidence with its links."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from digiorg.frameworks.models import Criterion

from .models import Evidence
from .permissions import evidence_visible

# The type filter: label key -> file extensions (links are their own kind).
TYPE_GROUPS = {
    "pdf": ("pdf",),
    "office": ("doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp"),
    "image": ("png", "jpg", "jpeg", "gif", "webp"),
    "data": ("csv", "txt", "zip"),
}


def _type_q(group: str) -> Q:
    if group == "link":
        return Q(kind=Evidence.Kind.LINK)
    q = Q(pk__in=[])
    for ext in TYPE_GROUPS.get(group, ()):
        q |= Q(current__name__iendswith=f".{ext}")
    return q


def evidence_by_expiry(items: QuerySet[Evidence], expiry: str) -> QuerySet[Evidence]:
    """`expired`: past its expiry date; `soon`: expires within the warning days."""
    today = timezone.localdate()
    if expiry == "expired":
        return items.filter(expiry_date__lt=today)
    if expiry == "soon":
        days = settings.DIGIORG_EXPIRY_WARNING_DAYS
        return items.filter(expiry_date__gte=today, expiry_date__lte=today + timedelta(days=days))
    return items


def evidence_library(
    user, *, unit=None, node=None, type_group: str = "", expiry: str = "", query: str = ""
) -> QuerySet[Evidence]:
    items = evidence_visible(user).select_related("unit", "current")
    if unit is not None:
        items = items.filter(unit__path__startswith=unit.path)
    if node is not None:
        criteria = Criterion.objects.filter(Q(node=node) | Q(node__ref__startswith=f"{node.ref}."))
        items = items.filter(
            criteria__in=criteria.filter(framework_id=node.framework_id)
        ).distinct()
    if type_group:
        items = items.filter(_type_q(type_group))
    items = evidence_by_expiry(items, expiry)
    if query:
        items = items.filter(Q(title__icontains=query) | Q(description__icontains=query))
    return items.order_by("-updated_at", "-pk")


def criterion_refs(items: list[Evidence]) -> list[Evidence]:
    """`items` (a page of the library), each with `criterion_refs`: the refs of the criteria it
    is linked to, in framework order. One query of (evidence, ref) pairs: a prefetch of the
    criteria themselves made a model instance per link and cost about 1 ms a page of 50."""
    refs: dict[int, list[str]] = {e.pk: [] for e in items}
    links = Evidence.criteria.through.objects.filter(evidence_id__in=list(refs))
    for evidence_id, ref in links.order_by("criterion__position").values_list(
        "evidence_id", "criterion__ref"
    ):
        refs[evidence_id].append(ref)
    for e in items:
        e.criterion_refs = refs[e.pk]  # type: ignore[attr-defined]
    return items


def evidence_for_answer(assessment_unit, criterion, limit: int = 200) -> list[Evidence]:
    """Evidence an answer may cite: held by the answering unit or a unit above it, those
    already linked to the criterion first. One query."""
    ancestors = [p for p in assessment_unit.path.split("/") if p]
    items = (
        Evidence.objects.filter(
            organization_id=assessment_unit.organization_id, unit_id__in=ancestors
        )
        .select_related("current")
        .annotate(for_criterion=Count("criteria", filter=Q(criteria=criterion)))
        .order_by("-for_criterion", "-updated_at")
    )
    return list(items[:limit])
