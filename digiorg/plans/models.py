"""A unit's planned actions for a cycle, their timeline of steps, and quarterly progress."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned for changes")
        APPROVED = "approved", _("approved")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    class BudgetSource(models.TextChoices):
        GOVERNMENT = "government", _("government budget")
        NON_BUDGET = "non_budget", _("non-budget funds")
        NONE = "none", _("no budget needed")
        OTHER = "other", _("other source")

    organization = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+")
    cycle = models.ForeignKey(
        "cycles.Cycle", verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="actions"
    )
    unit = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="actions"
    )
    criteria = models.ManyToManyField(
        "frameworks.Criterion", verbose_name=_("criteria"), related_name="actions", blank=True
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    # A multi-year action may start before or end after its cycle's fiscal year.
    multi_year = models.BooleanField(
        _("multi-year action"),
        default=False,
        help_text=_("It runs over more than one fiscal year: its dates may fall outside this one."),
    )
    budget = models.DecimalField(_("budget (THB)"), max_digits=14, decimal_places=2, default=0)
    budget_source = models.CharField(
        _("budget source"), max_length=20, choices=BudgetSource.choices, default=BudgetSource.NONE
    )
    kpi = models.CharField(_("KPI"), max_length=300, blank=True)
    kpi_target = models.DecimalField(
        _("KPI target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    kpi_unit = models.CharField(_("unit of measure"), max_length=60, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    percent_done = models.PositiveSmallIntegerField(_("percent done"), default=0)
    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        indexes = [
            models.Index(fields=["cycle", "unit", "status"]),
            # the dashboards' overdue actions: a cycle's actions by end date, first ten
            models.Index(fields=["cycle", "end_date", "id"], name="action_cycle_end"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict:
        return {"organization_id": self.organization_id, "unit_id": self.unit_id}


class Milestone(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=300)
    due_date = models.DateField(_("due"))
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("milestone")

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict:
        return {"organization_id": self.action.organization_id, "unit_id": self.action.unit_id}


class ActionEvent(models.Model):
    """One step on an action's timeline: a status change or a comment. Never edited."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"

    @property
    def to_status_label(self) -> str:
        return str(Action.Status(self.to_status).label) if self.to_status else ""


class ProgressReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        REVIEWED = "reviewed", _("reviewed")
        RETURNED = "returned", _("returned for changes")

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="progress_reports")
    organization = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+")
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), choices=[(q, f"Q{q}") for q in (1, 2, 3, 4)]
    )
    percent_done = models.PositiveSmallIntegerField(_("percent done"))
    narrative = models.TextField(_("what was done"), blank=True)
    problems = models.TextField(_("problems"), blank=True)
    help_needed = models.TextField(_("help needed"), blank=True)
    spent = models.DecimalField(
        _("spent to date (THB)"), max_digits=14, decimal_places=2, default=0
    )
    evidence_links = models.TextField(
        _("evidence links"), blank=True, help_text=_("One link per line.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(_("review comment"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["quarter"]
        verbose_name = _("progress report")
        constraints = [
            models.UniqueConstraint(fields=["action", "quarter"], name="progress_quarter_unique")
        ]

    def __str__(self) -> str:
        return f"Q{self.quarter} {self.action_id}"

    def get_additional_data(self) -> dict:
        return {"organization_id": self.organization_id, "unit_id": self.action.unit_id}

    @property
    def links(self) -> list[str]:
        return [line.strip() for line in self.evidence_links.splitlines() if line.strip()]


class ReminderSent(models.Model):
    """A notification already sent, so a cron job never sends it twice."""

    key = models.CharField(max_length=200, unique=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.key
