import logging

from django.apps import AppConfig

log = logging.getLogger(__name__)


class CoreConfig(AppConfig):
    name = "digiorg.core"
    label = "core"

    def ready(self) -> None:
        from .files import upload_temp_prepare

        try:  # files only, no database: safe in ready()
            upload_temp_prepare()
        except OSError as exc:  # a read-only or missing disk must not stop the start
            log.warning("upload temp folder not prepared: %s", exc)
