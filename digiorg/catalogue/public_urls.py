"""The public catalogue (no login): /p/data/ ..."""

from django.urls import path  # noqa: F401

app_name = "opendata"
urlpatterns: list = []
