"""Reads for opening cycles and assigning criteria, shared by the pages and the API."""

from django.db.models import QuerySet

from digiorg.frameworks.models import Criterion, FrameworkNode
from digiorg.org.models import OrgUnit
from digiorg.org.permissions import units_visible

from .models import Cycle


def assignable_topics(cycle: Cycle) -> QuerySet[FrameworkNode]:
    return (
        FrameworkNode.objects.filter(framework=cycle.framework, retired=False)
        .exclude(kind="dimension")
        .order_by("position")
    )


def assignable_units(user, cycle: Cycle) -> QuerySet[OrgUnit]:
    return (
        units_visible(user)
        .filter(organization_id=cycle.organization_id, is_active=True)
        .order_by("path")
    )


def topic_criteria(nodes) -> list[Criterion]:
    """The live criteria of these topics and of their sub-topics."""
    nodes = list(nodes)
    return list(
        Criterion.objects.filter(
            retired=False, node__in=[*nodes, *FrameworkNode.objects.filter(parent__in=nodes)]
        ).order_by("position")
    )
