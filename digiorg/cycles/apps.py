from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CyclesConfig(AppConfig):
    name = "digiorg.cycles"
    label = "cycles"
    verbose_name = _("Fiscal-year cycles")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import Assignment, Cycle

        auditlog.register(Cycle, exclude_fields=["version"])
        auditlog.register(Assignment)
