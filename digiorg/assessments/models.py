"""A unit's answer to one criterion in a cycle, with its evidence and its review."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CriterionAssessment(models.Model):
    class Result(models.TextChoices):
        MET = "met", _("met")
        PARTIAL = "partial", _("partially met")
        NOT_MET = "not_met", _("not met")
        NOT_APPLICABLE = "not_applicable", _("not applicable")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        VERIFIED = "verified", _("verified")
        RETURNED = "returned", _("returned for changes")

    organization = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+")
    cycle = models.ForeignKey(
        "cycles.Cycle", verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="+"
    )
    criterion = models.ForeignKey(
        "frameworks.Criterion", verbose_name=_("criterion"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    # The answering unit: for a department-scope criterion, the unit responsible for it.
    unit = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    # Copied from the criterion so that a department-scope criterion has one answer per cycle.
    scope = models.CharField(max_length=20)
    result = models.CharField(_("result"), max_length=20, choices=Result.choices, blank=True)
    # Checklist and any_of criteria: codes of the criterion's options in place (the result is
    # derived from them). Codes, not rows: they are the options' stable identity across versions.
    options = models.JSONField(_("options in place"), default=list, blank=True)
    note = models.TextField(_("note"), blank=True)
    evidence = models.ManyToManyField(
        "evidence.Evidence", verbose_name=_("evidence"), related_name="assessments", blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    # Brought in from the previous cycle and not yet changed by anyone.
    baseline = models.BooleanField(_("from last year"), default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(_("review comment"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        indexes = [models.Index(fields=["cycle", "status"]), models.Index(fields=["cycle", "unit"])]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "criterion", "unit"], name="assessment_unit_unique"
            ),
            models.UniqueConstraint(
                fields=["cycle", "criterion"],
                condition=models.Q(scope="department"),
                name="assessment_department_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.ref} · {self.unit.code}"

    def get_additional_data(self) -> dict:
        return {"organization_id": self.organization_id, "unit_id": self.unit_id}


class AssessmentEvent(models.Model):
    """A step in an assessment's review: submitted, verified, returned (with comment)."""

    assessment = models.ForeignKey(
        CriterionAssessment, on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    to_status = models.CharField(max_length=20)
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.to_status

    @property
    def to_status_label(self) -> str:
        return str(CriterionAssessment.Status(self.to_status).label)
