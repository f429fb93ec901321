"""The catalogue import page, added to the register's URLs (namespace "catalogue")."""

from django.urls import path

from .import_views import catalogue_import

urlpatterns = [path("import/", catalogue_import, name="import")]
