"""The CKAN Action API v3 read-only subset: /api/3/action/<name> and /api/action/<name>."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
