"""The register (signed-in side): /catalogue/ ..."""

from django.urls import path  # noqa: F401

app_name = "catalogue"
urlpatterns: list = []

from .import_urls import urlpatterns as import_urlpatterns  # noqa: E402  (the dcat helper's page)

urlpatterns += import_urlpatterns
