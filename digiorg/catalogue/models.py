"""The data catalogue: a unit's datasets with the GD Catalog's metadata, their resources (files
or links), their review for publication, and the anonymous usage counts of the public pages.

A dataset is public only while `status` is PUBLISHED; `public_datasets()` is the one filter every
public page and API route goes through. Values of the GD Catalog's lists are stored as the
portal's own strings (choices.py)."""

import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digiorg.core.files import stored_name

from . import choices

NAME_PATTERN = r"^[a-z0-9_-]{2,100}$"
name_validator = RegexValidator(
    NAME_PATTERN,
    _("Use 2 to 100 lowercase English letters, digits, '-' or '_' (no spaces or Thai)."),
)


def resource_path(instance, filename: str) -> str:
    return stored_name("catalogue", instance.organization_id, filename)


class Dataset(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PROPOSED = "proposed", _("proposed for publication")
        RETURNED = "returned", _("returned")
        PUBLISHED = "published", _("published")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Stage(models.TextChoices):
        CREATE = "create", _("create")
        STORE = "store", _("store")
        USE = "use", _("use")
        SHARE = "share", _("share")
        ARCHIVE = "archive", _("archive")
        DESTROY = "destroy", _("destroy")

    organization = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("owner unit"), on_delete=models.PROTECT, related_name="+"
    )
    uuid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    name = models.CharField(_("URL name"), max_length=100, validators=[name_validator])
    # The 14 mandatory GD Catalog fields (owner_org is the unit's department, title/notes here)
    data_type = models.CharField(_("dataset type"), max_length=60, choices=choices.DATA_TYPES)
    title = models.CharField(_("dataset title"), max_length=300)
    maintainer = models.CharField(_("contact section"), max_length=300)
    maintainer_email = models.EmailField(_("contact e-mail"))
    notes = models.TextField(_("description"))
    tags = models.JSONField(_("keywords"), default=list, blank=True)
    objectives = models.JSONField(_("objectives"), default=list, blank=True)
    update_frequency_unit = models.CharField(
        _("update frequency"), max_length=60, choices=choices.UPDATE_FREQUENCIES
    )
    update_frequency_interval = models.PositiveIntegerField(
        _("update every"), null=True, blank=True
    )
    geo_coverage = models.CharField(
        _("geographic coverage"), max_length=60, choices=choices.GEO_COVERAGES
    )
    data_source = models.CharField(_("data source"), max_length=300)
    data_formats = models.JSONField(_("storage formats"), default=list, blank=True)
    data_category = models.CharField(
        _("data governance category"), max_length=60, choices=choices.DATA_CATEGORIES
    )
    license_id = models.CharField(_("licence"), max_length=40, choices=choices.LICENSES)
    # Common optional fields
    data_classification = models.CharField(
        _("classification"), max_length=60, choices=choices.CLASSIFICATIONS, blank=True
    )
    accessible_condition = models.TextField(_("access conditions"), blank=True)
    data_languages = models.JSONField(_("languages"), default=list, blank=True)
    created_date = models.DateField(_("data created on"), null=True, blank=True)
    last_updated_date = models.DateField(_("data last updated on"), null=True, blank=True)
    data_release_calendar = models.DateField(_("next release on"), null=True, blank=True)
    url = models.URLField(_("source web page"), max_length=1000, blank=True)
    version_label = models.CharField(_("data version"), max_length=60, blank=True)
    high_value_dataset = models.BooleanField(_("high-value dataset"), default=False)
    allow_harvest = models.BooleanField(_("national portal may harvest it"), default=True)
    first_year_of_data = models.PositiveIntegerField(_("first year of data"), null=True, blank=True)
    last_year_of_data = models.PositiveIntegerField(_("last year of data"), null=True, blank=True)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=120, blank=True)
    calculation_method = models.TextField(_("calculation method"), blank=True)
    # The department's own governance
    is_key = models.BooleanField(_("key dataset (used for the unit's decisions)"), default=False)
    sharable = models.BooleanField(_("may be shared with other agencies"), default=False)
    share_conditions = models.TextField(_("sharing conditions"), blank=True)
    shared_with = models.JSONField(_("agencies it is shared with"), default=list, blank=True)
    stage = models.CharField(
        _("life-cycle stage"), max_length=20, choices=Stage.choices, default=Stage.CREATE
    )
    created_on = models.DateField(_("created"), null=True, blank=True)
    stored_on = models.DateField(_("stored"), null=True, blank=True)
    used_on = models.DateField(_("in use since"), null=True, blank=True)
    shared_on = models.DateField(_("shared since"), null=True, blank=True)
    archived_on = models.DateField(_("archived"), null=True, blank=True)
    destroyed_on = models.DateField(_("destroyed"), null=True, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Review and publication
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    review_comment = models.TextField(_("review comment"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # Bookkeeping
    search_text = models.TextField(blank=True, editable=False)
    views_total = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    modified_at = models.DateTimeField(default=timezone.now, editable=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-modified_at", "-pk"]
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="dataset_name_unique"),
        ]
        indexes = [
            models.Index(fields=["status", "uuid"], name="dataset_public_id"),
            models.Index(fields=["status", "-modified_at"], name="dataset_public_modified"),
            models.Index(fields=["organization", "unit", "status"], name="dataset_unit_status"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict:
        return {"organization_id": self.organization_id, "unit_id": self.unit_id}

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def touch(self) -> None:
        """Mark the metadata changed (harvesters compare metadata_modified)."""
        self.modified_at = timezone.now()

    def refresh_search_text(self) -> None:
        self.search_text = " ".join([self.title, self.notes, " ".join(self.tags)]).lower()


class Resource(models.Model):
    """A file (stored through the evidence upload rules) or a link, inside a dataset."""

    organization = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+")
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="resources")
    uuid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    file = models.FileField(upload_to=resource_path, max_length=300, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    format = models.CharField(_("format"), max_length=40, blank=True)
    mimetype = models.CharField(max_length=120, blank=True)
    size = models.BigIntegerField(_("size"), null=True, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    position = models.PositiveIntegerField(default=0)
    views_total = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    modified_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        # package_search's res_format filter and facet read only this index
        indexes = [models.Index(fields=["dataset", "format"], name="resource_dataset_format")]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict:
        return {"organization_id": self.organization_id, "dataset_id": self.dataset_id}

    @property
    def is_file(self) -> bool:
        return bool(self.file)


class Visit(models.Model):
    """One anonymous visitor (a hash of user agent, address and language, never the address) on
    one dataset page or one resource download, on one day. Unique: a visitor counts once a day."""

    organization = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+")
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="+")
    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    day = models.DateField()
    visitor = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "resource", "day", "visitor"], name="visit_once_a_day"
            ),
            models.UniqueConstraint(
                fields=["dataset", "day", "visitor"],
                condition=models.Q(resource__isnull=True),
                name="page_visit_once_a_day",
            ),
        ]
        indexes = [models.Index(fields=["day", "dataset"], name="visit_day_dataset")]

    def __str__(self) -> str:
        return f"{self.dataset_id}/{self.resource_id or '-'} {self.day}"


def field_label(name: str) -> str:
    """The dataset field's label in the user's language (for messages naming a field)."""
    return str(getattr(Dataset._meta.get_field(name), "verbose_name", name))
