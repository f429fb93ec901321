"""The CKAN dictionaries of the catalogue: dataset ("package"), resource, organization, tag and
licence, in the shapes CKAN 2.11's API returns (see shared/reference/open-data.md).

Decisions:
- A CKAN organization is the unit that owns the dataset (Dataset.unit), not the department: a
  national portal then shows which division or regional office publishes what. Its id is a
  UUID derived from the unit's primary key (stable while the unit exists; OrgUnit has no uuid
  field), its name the department's and the unit's codes as a slug ("hss-r1-std").
- digiorg has no CKAN groups: `groups` is always an empty list (the GD Catalog's data_type is
  a metadata field and stays one, in the dataset and its extras).
- The GD Catalog's fields are given twice: at the top level as the Thai scheming schema names
  them (lists as lists), and as `extras` key/value strings (lists as JSON) for portals that
  import with CKAN's default schema.
- Dates are naive UTC with microseconds, always in the same format ("2024-05-01T03:04:05.123456"),
  because harvesters compare metadata_modified as strings."""

import json
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from django.db.models import Count, Min
from django.urls import NoReverseMatch, reverse

from . import choices
from .models import Dataset, Resource
from .permissions import public_datasets
from .tracking import tracking_summaries

ORG_NAMESPACE = uuid.UUID("6f1f3c0e-3c55-4f0b-9d0e-64a1f0c2d7a1")
LICENSE_TITLES = {value: str(title) for value, title in choices.LICENSES}
LICENSE_URLS = {
    "CC-BY": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-NC": "https://creativecommons.org/licenses/by-nc/4.0/",
    "CC-BY-SA": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC-BY-NC-SA": "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    "CC-BY-NC-ND": "https://creativecommons.org/licenses/by-nc-nd/4.0/",
    "CC-BY-ND": "https://creativecommons.org/licenses/by-nd/4.0/",
}
OPEN_LICENSES = {"Open Data Common", "CC-BY", "CC-BY-SA"}
# scheming name -> (model field, kind); kind: "text", "list", "int", "date", "bool"
GD_FIELDS = [
    ("data_type", "data_type", "text"),
    ("objective", "objectives", "list"),
    ("update_frequency_unit", "update_frequency_unit", "text"),
    ("update_frequency_interval", "update_frequency_interval", "int"),
    ("geo_coverage", "geo_coverage", "text"),
    ("data_source", "data_source", "text"),
    ("data_format", "data_formats", "list"),
    ("data_category", "data_category", "text"),
    ("data_classification", "data_classification", "text"),
    ("accessible_condition", "accessible_condition", "text"),
    ("data_language", "data_languages", "list"),
    ("created_date", "created_date", "date"),
    ("last_updated_date", "last_updated_date", "date"),
    ("data_release_calendar", "data_release_calendar", "date"),
    ("allow_harvest", "allow_harvest", "bool"),
    ("high_value_dataset", "high_value_dataset", "bool"),
    ("first_year_of_data", "first_year_of_data", "int"),
    ("last_year_of_data", "last_year_of_data", "int"),
    ("unit_of_measure", "unit_of_measure", "text"),
    ("calculation_method", "calculation_method", "text"),
]
MANDATORY_EXTRAS = {"data_type", "objective", "update_frequency_unit", "geo_coverage",
                    "data_source", "data_format", "data_category"}  # fmt: skip


def ckan_time(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


# --- organizations (the units that own published datasets) -------------------------------------


@dataclass(frozen=True)
class Org:
    """A unit as a CKAN organization, from a unit object or a values() row."""

    pk: int
    code: str
    title: str
    description: str
    organization_id: int | None
    department_code: str
    package_count: int | None = None
    created: datetime | None = None

    @classmethod
    def of_unit(cls, unit) -> "Org":
        return cls(unit.pk, unit.code, unit.name_th, unit.name_en, unit.organization_id,
                   unit.organization.code)  # fmt: skip

    @classmethod
    def of_row(cls, row: dict, prefix: str = "unit__") -> "Org":
        return cls(
            row["unit_id"], row[f"{prefix}code"], row[f"{prefix}name_th"], row[f"{prefix}name_en"],
            row[f"{prefix}organization_id"], row[f"{prefix}organization__code"],
            row.get("package_count"), row.get("created"),
        )  # fmt: skip

    @property
    def id(self) -> str:
        """A UUID derived from the unit's primary key (OrgUnit has no uuid field)."""
        return str(uuid.uuid5(ORG_NAMESPACE, f"digiorg-unit:{self.pk}"))

    @property
    def name(self) -> str:
        """ "<department code>-<unit code>" as a slug; the department's code alone when the
        department itself owns the dataset."""
        codes = (
            [self.code] if self.pk == self.organization_id else [self.department_code, self.code]
        )
        name = re.sub(r"[^a-z0-9_-]+", "-", "-".join(codes).lower()).strip("-")
        return name if len(name) >= 2 else f"unit-{self.pk}"

    def as_dict(self) -> dict:
        data: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "title": self.title,
            "display_name": self.title,
            "description": self.description,
            "image_url": "",
            "created": ckan_time(self.created),
            "is_organization": True,
            "approval_status": "approved",
            "state": "active",
            "type": "organization",
        }
        if self.package_count is not None:
            data["package_count"] = self.package_count
        return data


ORG_VALUES = ("unit_id", "unit__code", "unit__name_th", "unit__name_en", "unit__organization_id",
              "unit__organization__code")  # fmt: skip


def public_orgs() -> list[Org]:
    """Every unit that owns a public dataset, with its number of them, in one query."""
    rows = (
        public_datasets()
        .values(*ORG_VALUES)
        .annotate(package_count=Count("pk"), created=Min("created_at"))
        .order_by("unit_id")
    )
    return [Org.of_row(row) for row in rows]


# --- datasets ---------------------------------------------------------------------------------


def _scheming_value(dataset: Dataset, field: str, kind: str):
    value = getattr(dataset, field)
    if kind == "date":
        return value.isoformat() if isinstance(value, date) else None
    if kind == "bool":
        return "True" if value else "False"
    return value


def _extra_value(value) -> str:
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)


def resource_url(request, resource: Resource, dataset_name: str) -> str:
    """The address a harvested copy links to: the public download route, which counts the
    download and then redirects to the link or sends the file; without that route (the public
    pages not installed), the link itself or the stored file's URL."""
    try:
        path = reverse("opendata:download", args=[dataset_name, resource.uuid])
    except NoReverseMatch:
        if resource.url or not resource.file:
            return resource.url
        path = resource.file.url
    return request.build_absolute_uri(path)


def resource_dict(request, resource: Resource, dataset: Dataset) -> dict:
    return {
        "id": str(resource.uuid),
        "package_id": str(dataset.uuid),
        "url": resource_url(request, resource, dataset.name),
        "name": resource.name,
        "description": resource.description,
        "format": resource.format,
        "mimetype": resource.mimetype or None,
        "size": resource.size,
        "hash": resource.sha256,
        "created": ckan_time(resource.created_at),
        "last_modified": ckan_time(resource.modified_at),
        "metadata_modified": ckan_time(resource.modified_at),
        "position": resource.position,
        "state": "active",
        "url_type": "upload" if resource.file and not resource.url else None,
    }


def tag_dict(name: str) -> dict:
    return {
        "id": str(uuid.uuid5(ORG_NAMESPACE, f"digiorg-tag:{name}")),
        "name": name,
        "display_name": name,
        "state": "active",
        "vocabulary_id": None,
    }


def dataset_dicts(request, datasets: list[Dataset]) -> list[dict]:
    """Complete package dicts for `datasets` (fetched with select_related("unit__organization")):
    one query for their resources and one for their usage counts, whatever their number."""
    pks = [d.pk for d in datasets]
    resources: dict[int, list[Resource]] = {pk: [] for pk in pks}
    if pks:
        rows = Resource.objects.filter(dataset_id__in=pks).order_by("dataset_id", "position", "pk")
        for resource in rows:
            resources[resource.dataset_id].append(resource)
    tracking = tracking_summaries(pks)
    return [
        _dataset_dict(request, d, resources[d.pk], tracking[d.pk]) for d in datasets
    ]  # fmt: skip


def _dataset_dict(request, dataset: Dataset, resources: list[Resource], tracking: dict) -> dict:
    organization = Org.of_unit(dataset.unit).as_dict()
    data = {
        "id": str(dataset.uuid),
        "name": dataset.name,
        "title": dataset.title,
        "notes": dataset.notes,
        "url": dataset.url,
        "version": dataset.version_label or None,
        "author": None,
        "author_email": None,
        "maintainer": dataset.maintainer,
        "maintainer_email": dataset.maintainer_email,
        "license_id": dataset.license_id,
        "license_title": LICENSE_TITLES.get(dataset.license_id, dataset.license_id),
        "license_url": LICENSE_URLS.get(dataset.license_id, ""),
        "isopen": dataset.license_id in OPEN_LICENSES,
        "owner_org": organization["id"],
        "organization": organization,
        "private": False,
        "state": "active",
        "type": "dataset",
        "metadata_created": ckan_time(dataset.created_at),
        "metadata_modified": ckan_time(dataset.modified_at),
        "num_resources": len(resources),
        "num_tags": len(dataset.tags),
        "tags": [tag_dict(tag) for tag in dataset.tags],
        "groups": [],
        "relationships_as_object": [],
        "relationships_as_subject": [],
        "tracking_summary": tracking,
    }
    extras = []
    for key, field, kind in GD_FIELDS:
        value = _scheming_value(dataset, field, kind)
        data[key] = value
        if key in MANDATORY_EXTRAS or value not in (None, "", []):
            extras.append({"key": key, "value": _extra_value(value)})
    data["extras"] = extras
    data["resources"] = [resource_dict(request, r, dataset) for r in resources]
    return data


# --- licences ---------------------------------------------------------------------------------


def license_dicts() -> list[dict]:
    return [
        {
            "id": value,
            "title": str(title),
            "url": LICENSE_URLS.get(value, ""),
            "status": "active",
            "is_generic": value == "อื่นๆ",
            "is_okd_compliant": value in OPEN_LICENSES,
            "is_osi_compliant": False,
            "od_conformance": "approved" if value in OPEN_LICENSES else "not reviewed",
            "osd_conformance": "not reviewed",
            "domain_content": True,
            "domain_data": True,
            "domain_software": False,
            "family": "",
            "maintainer": "",
        }
        for value, title in choices.LICENSES
    ]
