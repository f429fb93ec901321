from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "digiorg.plans"
    label = "plans"
    verbose_name = _("Action plans")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import Action, Milestone, ProgressReport

        auditlog.register(Action, exclude_fields=["version"], m2m_fields={"criteria"})
        auditlog.register(Milestone)
        auditlog.register(ProgressReport, exclude_fields=["version"])
