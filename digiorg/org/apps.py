from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "digiorg.org"
    label = "org"
    verbose_name = _("Organization")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import OrgUnit

        auditlog.register(
            OrgUnit,
            include_fields=[
                "organization",
                "parent",
                "kind",
                "code",
                "name_th",
                "name_en",
                "is_active",
            ],
        )
