"""The organization tree: ministry > department > division / regional office > group.

The department-level node is the tenant: every unit below it carries it as `organization`,
and so does every tenant-owned row elsewhere. `path` ("/1/4/17/") makes a subtree one
indexed prefix query.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from digiorg.core.models import Localized


class OrgUnit(models.Model):
    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("ministry")
        DEPARTMENT = "department", _("department")
        DIVISION = "division", _("division")
        REGIONAL_OFFICE = "regional_office", _("regional office")
        GROUP = "group", _("group")

    organization = models.ForeignKey(
        "self",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The department-level unit (the tenant); itself for a department.",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    code = models.CharField(_("code"), max_length=40)
    name_th = models.CharField(_("name (Thai)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(default=1)

    name = Localized("name")

    class Meta:
        ordering = ["path"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(fields=["organization", "code"], name="unit_code_unique"),
        ]

    def __str__(self) -> str:
        return self.name_th

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2

    def get_additional_data(self) -> dict:
        """Stored on each audit entry, so the trail can be scoped and filtered by unit."""
        return {"organization_id": self.organization_id, "unit_id": self.pk}
