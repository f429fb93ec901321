from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "digiorg.core"
    label = "core"
