from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "digiorg.plans"
    label = "plans"
    verbose_name = _("Action plans")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import Action, Milestone, ProgressReport

        auditlog.register(
            Action,
            include_fields=[
                "unit", "title", "description", "owner", "start_date", "end_date", "budget", "budget_source",
                "kpi", "kpi_target", "kpi_unit", "status", "percent_done",
            ],
            m2m_fields={"criteria"},
        )  # fmt: skip
        auditlog.register(Milestone, include_fields=["title", "due_date", "done"])
        auditlog.register(
            ProgressReport,
            include_fields=[
                "quarter", "percent_done", "narrative", "problems", "help_needed", "spent", "evidence_links",
                "status", "review_comment",
            ],
        )  # fmt: skip
