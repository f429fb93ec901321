"""A department's fiscal year of work along one framework version, and who answers what."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from digiorg.core.fiscal import fiscal_year_bounds


class Cycle(models.Model):
    class Status(models.TextChoices):
        PLANNING = "planning", _("planning")
        EXECUTING = "executing", _("executing")
        ASSESSING = "assessing", _("assessing")
        CLOSED = "closed", _("closed")

    organization = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    fiscal_year = models.PositiveIntegerField(_("fiscal year"))
    framework = models.ForeignKey(
        "frameworks.Framework", verbose_name=_("framework"), on_delete=models.PROTECT
    )
    status = models.CharField(
        _("phase"), max_length=20, choices=Status.choices, default=Status.PLANNING
    )
    plan_due = models.DateField(_("plans due"))
    q1_due = models.DateField(_("Q1 progress due"))
    q2_due = models.DateField(_("Q2 progress due"))
    q3_due = models.DateField(_("Q3 progress due"))
    q4_due = models.DateField(_("Q4 progress due"))
    assessment_due = models.DateField(_("self-assessment due"))
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-fiscal_year"]
        verbose_name = _("cycle")
        verbose_name_plural = _("cycles")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "fiscal_year"], name="cycle_year_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"FY {self.fiscal_year}"

    @property
    def bounds(self):
        return fiscal_year_bounds(self.fiscal_year)

    def deadlines(self) -> list[tuple[str, str, object]]:
        """(key, label, date) in order; keys are stable for reminders."""
        return [
            ("plan", str(_("plans due")), self.plan_due),
            ("q1", str(_("Q1 progress due")), self.q1_due),
            ("q2", str(_("Q2 progress due")), self.q2_due),
            ("q3", str(_("Q3 progress due")), self.q3_due),
            ("q4", str(_("Q4 progress due")), self.q4_due),
            ("assessment", str(_("self-assessment due")), self.assessment_due),
        ]

    def get_additional_data(self) -> dict:
        return {"organization_id": self.organization_id, "unit_id": None}


class Assignment(models.Model):
    """A criterion that a unit is responsible for (leads) or must answer (contributes to)."""

    class Kind(models.TextChoices):
        RESPONSIBLE = "responsible", _("responsible")
        ANSWERS = "answers", _("answers")

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="assignments")
    criterion = models.ForeignKey(
        "frameworks.Criterion", on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(
        _("assignment"), max_length=20, choices=Kind.choices, default=Kind.ANSWERS
    )
    organization = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("assignment")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "criterion", "unit"], name="assignment_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id} → {self.unit_id}"

    def get_additional_data(self) -> dict:
        return {"organization_id": self.organization_id, "unit_id": self.unit_id}
