from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "digiorg.catalogue"
    label = "catalogue"
    verbose_name = _("Data catalogue")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import Dataset, Resource

        auditlog.register(Dataset, exclude_fields=["search_text", "views_total", "version"])
        auditlog.register(Resource)
