"""Who may see, change, review and publish datasets. The one place the catalogue decides it.

A dataset belongs to a unit, like evidence: the unit, the units above it and the department-wide
roles see it; its unit's coordinators and members change it (evidence.permissions.unit_may_hold).
The data governance working group reviews proposals for publication: in digiorg that is the
department's secretariat (it runs the committee's working groups). The public sees only what
`public_datasets` returns, on every public page and API route."""

from django.db.models import QuerySet
from django.http import Http404

from digiorg.accounts.access import access_for
from digiorg.accounts.roles import Role
from digiorg.evidence.permissions import unit_may_hold, units_may_hold

from .models import Dataset, Resource

__all__ = ["units_may_hold"]


def datasets_visible(user) -> QuerySet[Dataset]:
    return Dataset.objects.filter(access_for(user).unit_q("unit__", "organization_id"))


def dataset_get(user, pk) -> Dataset:
    try:
        return (
            datasets_visible(user).select_related("unit", "organization", "responsible").get(pk=pk)
        )
    except (Dataset.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def dataset_may_edit(user, dataset: Dataset) -> bool:
    """The unit's coordinators and members, while the dataset is not waiting for review."""
    return dataset.status != Dataset.Status.PROPOSED and unit_may_hold(user, dataset.unit)


def dataset_may_propose(user, dataset: Dataset) -> bool:
    return dataset.status in (
        Dataset.Status.DRAFT,
        Dataset.Status.RETURNED,
        Dataset.Status.WITHDRAWN,
    ) and unit_may_hold(user, dataset.unit)


def dataset_may_review(user, dataset: Dataset) -> bool:
    """Approve or return a proposal, and withdraw a published dataset: the secretariat."""
    return access_for(user).has_role(Role.SECRETARIAT, dataset.organization_id)


def may_review_any(user) -> bool:
    return access_for(user).has_role(Role.SECRETARIAT)


def public_datasets() -> QuerySet[Dataset]:
    """Every dataset the public may see: published, nothing else."""
    return Dataset.objects.filter(status=Dataset.Status.PUBLISHED)


def public_resources() -> QuerySet[Resource]:
    return Resource.objects.filter(dataset__status=Dataset.Status.PUBLISHED)
