from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "digiorg.assessments"
    label = "assessments"
    verbose_name = _("Self-assessment")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import CriterionAssessment

        auditlog.register(
            CriterionAssessment,
            include_fields=["result", "note", "status", "baseline", "reviewer", "review_comment"],
            m2m_fields={"evidence"},
        )
