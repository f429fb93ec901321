"""Writes on the catalogue: datasets (metadata), their review and publication, resources.

Every write checks who may do it first, then the input, then writes in one transaction with a
version check; the audit log keeps every change (the dataset's history). A draft may be saved
with only its title and URL name (nothing a person typed is lost); proposing it for publication,
and importing a catalogue, need every mandatory field."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digiorg.core.errors import ConflictError, ValidationFailed, require

from . import choices
from .completeness import MANDATORY, missing_for_publication
from .models import Dataset, field_label, name_validator
from .permissions import (
    dataset_may_edit,
    dataset_may_propose,
    dataset_may_review,
    unit_may_hold,
)

SINGLE_CHOICES = {
    "data_type": choices.DATA_TYPES,
    "update_frequency_unit": choices.UPDATE_FREQUENCIES,
    "geo_coverage": choices.GEO_COVERAGES,
    "data_category": choices.DATA_CATEGORIES,
    "license_id": choices.LICENSES,
    "data_classification": choices.CLASSIFICATIONS,
}
MULTI_CHOICES = {
    "objectives": choices.OBJECTIVES,
    "data_formats": choices.DATA_FORMATS,
    "data_languages": choices.LANGUAGES,
}
LIST_FIELDS = {"tags", "objectives", "data_formats", "data_languages", "shared_with"}


def clean_metadata(data: dict, *, require_all: bool, exclude_pk=None) -> dict:
    """The dataset's fields checked: value lists, URL name, e-mail, and (if `require_all`) every
    mandatory field. Raises ValidationFailed naming each field with its reason."""
    errors: dict[str, str] = {}
    cleaned = dict(data)
    for key in LIST_FIELDS & cleaned.keys():
        value = cleaned[key]
        if isinstance(value, str):
            value = [part.strip() for part in value.replace("\n", ",").split(",")]
        cleaned[key] = [str(v).strip() for v in value or [] if str(v).strip()]
    for key in ("title", "maintainer", "data_source", "notes", "name"):
        if isinstance(cleaned.get(key), str):
            cleaned[key] = cleaned[key].strip()
    if not cleaned.get("title"):
        errors["title"] = _("Give the dataset a title.")
    name = cleaned.get("name") or ""
    try:
        name_validator(name)
    except ValidationError:
        errors["name"] = _(
            "The URL name must be 2 to 100 lowercase English letters, digits, '-' or '_'."
        )
    else:
        clash = Dataset.objects.filter(name=name)
        if exclude_pk is not None:
            clash = clash.exclude(pk=exclude_pk)
        if clash.exists():
            errors["name"] = _("Another dataset already uses this URL name.")
    for key, options in SINGLE_CHOICES.items():
        value = cleaned.get(key)
        if value and value not in choices.values(options):
            errors[key] = _("'%(value)s' is not one of the values of %(field)s.") % {
                "value": value,
                "field": field_label(key),
            }
    for key, options in MULTI_CHOICES.items():
        wrong = [v for v in cleaned.get(key) or [] if v not in choices.values(options)]
        if wrong:
            errors[key] = _("'%(value)s' is not one of the values of %(field)s.") % {
                "value": ", ".join(wrong),
                "field": field_label(key),
            }
    email = cleaned.get("maintainer_email")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["maintainer_email"] = _("Enter a valid e-mail address.")
    if require_all:
        for key in MANDATORY:
            if not cleaned.get(key) and key not in errors:
                errors[key] = _("%(field)s is required.") % {"field": field_label(key)}
    if errors:
        raise ValidationFailed(errors)
    return cleaned


def _apply(dataset: Dataset, data: dict) -> None:
    for key, value in data.items():
        setattr(dataset, key, value)
    dataset.refresh_search_text()
    dataset.touch()


@transaction.atomic
def dataset_create(*, actor, unit, **data) -> Dataset:
    require(unit_may_hold(actor, unit))
    cleaned = clean_metadata(data, require_all=False)
    dataset = Dataset(organization_id=unit.organization_id, unit=unit, created_by=actor)
    _apply(dataset, cleaned)
    dataset.save()
    return dataset


@transaction.atomic
def dataset_update(dataset: Dataset, *, actor, version: int, **data) -> Dataset:
    current = Dataset.objects.select_for_update().select_related("unit").get(pk=dataset.pk)
    require(dataset_may_edit(actor, current))
    if current.version != version:
        raise ConflictError(
            _("Someone else changed this dataset after you opened it. Reload to see their change.")
        )
    merged = {"title": current.title, "name": current.name, **data}
    cleaned = clean_metadata(merged, require_all=current.is_public, exclude_pk=current.pk)
    _apply(current, cleaned)
    current.version += 1
    current.save()
    return current


def _locked(dataset: Dataset, version: int) -> Dataset:
    current = Dataset.objects.select_for_update().select_related("unit").get(pk=dataset.pk)
    if current.version != version:
        raise ConflictError(_("Someone else changed this dataset after you opened it."))
    return current


@transaction.atomic
def dataset_propose(dataset: Dataset, *, actor, version: int) -> Dataset:
    """The unit asks the data governance working group to publish the dataset."""
    current = _locked(dataset, version)
    require(dataset_may_propose(actor, current))
    fields = {f: getattr(current, f) for f in MANDATORY}
    clean_metadata({**fields, "name": current.name}, require_all=True, exclude_pk=current.pk)
    missing = missing_for_publication(current)
    if missing:
        raise ValidationFailed({m.field: m.reason for m in missing})
    current.status = Dataset.Status.PROPOSED
    current.version += 1
    current.save(update_fields=["status", "version"])
    return current


@transaction.atomic
def dataset_review(dataset: Dataset, *, actor, version: int, approve: bool, comment: str = ""):
    """Approve (the dataset becomes public) or return it to the unit with a comment."""
    current = _locked(dataset, version)
    require(dataset_may_review(actor, current))
    if current.status != Dataset.Status.PROPOSED:
        raise ValidationFailed({"": _("Only a dataset proposed for publication can be reviewed.")})
    comment = comment.strip()
    if not approve and not comment:
        raise ValidationFailed({"comment": _("Say why the dataset is returned.")})
    now = timezone.now()
    current.status = Dataset.Status.PUBLISHED if approve else Dataset.Status.RETURNED
    current.review_comment = comment
    current.reviewed_by = actor
    current.reviewed_at = now
    if approve:
        current.published_at = now
        current.withdrawn_at = None
    current.touch()
    current.version += 1
    current.save()
    return current


@transaction.atomic
def dataset_withdraw(dataset: Dataset, *, actor, version: int, comment: str) -> Dataset:
    """Unpublish: the history stays, the public address answers 410 Gone."""
    current = _locked(dataset, version)
    require(dataset_may_review(actor, current) or unit_may_hold(actor, current.unit))
    if current.status != Dataset.Status.PUBLISHED:
        raise ValidationFailed({"": _("Only a published dataset can be withdrawn.")})
    comment = comment.strip()
    if not comment:
        raise ValidationFailed({"comment": _("Say why the dataset is withdrawn.")})
    current.status = Dataset.Status.WITHDRAWN
    current.review_comment = comment
    current.withdrawn_at = timezone.now()
    current.touch()
    current.version += 1
    current.save()
    return current
