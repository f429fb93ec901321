"""What a dataset still lacks before it may be published: the GD Catalog's mandatory fields, a
resource, and a public category with an open classification."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from . import choices
from .models import Dataset, field_label

MANDATORY = [
    "data_type",
    "title",
    "maintainer",
    "maintainer_email",
    "notes",
    "tags",
    "objectives",
    "update_frequency_unit",
    "geo_coverage",
    "data_source",
    "data_formats",
    "data_category",
    "license_id",
]  # fmt: skip  (owner_org, the 14th, is the dataset's department: always set)


@dataclass(frozen=True)
class Missing:
    field: str
    reason: str


def missing_for_publication(dataset: Dataset, resource_count: int | None = None) -> list[Missing]:
    missing = []
    for name in MANDATORY:
        if not getattr(dataset, name):
            missing.append(Missing(name, _("%(field)s is empty.") % {"field": field_label(name)}))
    if dataset.update_frequency_unit == "อื่นๆ" and not dataset.update_frequency_interval:
        missing.append(
            Missing("update_frequency_interval", _("Say how often 'other' frequency means."))
        )
    if dataset.data_category and dataset.data_category != choices.PUBLIC_CATEGORY:
        missing.append(
            Missing("data_category", _("Only data in the 'public data' category may be opened."))
        )
    if dataset.data_classification and dataset.data_classification != choices.OPEN_CLASSIFICATION:
        missing.append(
            Missing("data_classification", _("Only data classified 'open' may be published."))
        )
    if resource_count is None:
        resource_count = dataset.resources.count()
    if resource_count == 0:
        missing.append(Missing("resources", _("Add at least one file or link.")))
    return missing


def completeness_percent(dataset: Dataset) -> int:
    """Share of the mandatory fields filled (the catalogue's completeness figure)."""
    filled = sum(1 for name in MANDATORY if getattr(dataset, name))
    return round(100 * filled / len(MANDATORY))
