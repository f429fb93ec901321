from django.apps import AppConfig


class SampleConfig(AppConfig):
    """Demo data and benchmark data: above the domain apps, which never import it."""

    name = "digiorg.sample"
    label = "sample"
