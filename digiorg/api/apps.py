from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "digiorg.api"
    label = "api"
