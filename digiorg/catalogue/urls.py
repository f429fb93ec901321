"""The register (signed-in side): /catalogue/ ..."""

from django.urls import path  # noqa: F401

app_name = "catalogue"
urlpatterns: list = []
