"""Proof: a document or a link owned by a unit, with every uploaded file kept as a revision.

One piece of evidence can back several criteria, actions and assessments."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digiorg.core.files import stored_name


def revision_path(instance, filename: str) -> str:
    return stored_name("evidence", instance.evidence.organization_id, filename)


class Evidence(models.Model):
    class Kind(models.TextChoices):
        FILE = "file", _("file")
        LINK = "link", _("link")

    organization = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("owner unit"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.FILE)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    effective_date = models.DateField(_("effective from"), null=True, blank=True)
    expiry_date = models.DateField(_("expires on"), null=True, blank=True)
    criteria = models.ManyToManyField(
        "frameworks.Criterion", verbose_name=_("criteria"), related_name="+", blank=True
    )
    actions = models.ManyToManyField(
        "plans.Action", verbose_name=_("actions"), related_name="evidence", blank=True
    )
    current = models.ForeignKey(
        "EvidenceRevision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        indexes = [
            models.Index(fields=["organization", "expiry_date"]),
            models.Index(
                fields=["organization", "-updated_at", "-id"], name="evidence_library_order"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict:
        return {"organization_id": self.organization_id, "unit_id": self.unit_id}

    def is_expired(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.expiry_date is not None and self.expiry_date < today

    def expires_soon(self, today=None, days: int | None = None) -> bool:
        """Within the warning window (DIGIORG_EXPIRY_WARNING_DAYS), like the library's filter."""
        today = today or timezone.localdate()
        if days is None:
            days = settings.DIGIORG_EXPIRY_WARNING_DAYS
        return (
            self.expiry_date is not None
            and not self.is_expired(today)
            and (self.expiry_date - today).days <= days
        )


class EvidenceRevision(models.Model):
    """One uploaded file. Never changed; a new upload is a new revision."""

    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    file = models.FileField(upload_to=revision_path, max_length=300)
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.BigIntegerField(_("size"))
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("revision")
        constraints = [
            models.UniqueConstraint(fields=["evidence", "number"], name="revision_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} (r{self.number})"

    def get_additional_data(self) -> dict:
        return {"organization_id": self.evidence.organization_id, "unit_id": self.evidence.unit_id}
