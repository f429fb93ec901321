from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CyclesConfig(AppConfig):
    name = "digiorg.cycles"
    label = "cycles"
    verbose_name = _("Fiscal-year cycles")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import Assignment, Cycle

        auditlog.register(
            Cycle,
            include_fields=[
                "fiscal_year", "framework", "status", "plan_due", "q1_due", "q2_due", "q3_due", "q4_due",
                "assessment_due",
            ],
        )  # fmt: skip
        auditlog.register(Assignment, include_fields=["criterion", "unit", "kind"])
