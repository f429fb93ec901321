from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The landing page and what every page's frame needs (navigation context): above the
    domain apps, so that core stays a foundation that imports none of them."""

    name = "digiorg.home"
    label = "home"
