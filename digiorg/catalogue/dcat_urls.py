"""DCAT as ckanext-dcat serves it: /catalog.<format> and /dataset/<id>.<format>."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
