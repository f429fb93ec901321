"""Reads on the organization tree, with every join a page needs."""

from django.db.models import Count, Q, QuerySet

from .models import OrgUnit
from .permissions import units_visible


def unit_list(user, query: str = "") -> QuerySet[OrgUnit]:
    """Visible units in tree order, each with its number of active people."""
    units = units_visible(user).annotate(
        people=Count(
            "memberships__user", filter=Q(memberships__user__is_active=True), distinct=True
        )
    )
    if query:
        units = units.filter(
            Q(code__icontains=query) | Q(name_th__icontains=query) | Q(name_en__icontains=query)
        )
    return units.order_by("path")
