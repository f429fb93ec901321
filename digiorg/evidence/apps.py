from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "digiorg.evidence"
    label = "evidence"
    verbose_name = _("Evidence")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import Evidence, EvidenceRevision

        auditlog.register(
            Evidence,
            include_fields=[
                "unit", "kind", "title", "description", "url", "effective_date", "expiry_date", "current",
            ],
            m2m_fields={"criteria", "actions"},
        )  # fmt: skip
        auditlog.register(
            EvidenceRevision, include_fields=["number", "name", "content_type", "size", "sha256"]
        )
