"""The CKAN Action API v3 read-only subset: /api/3/action/<name> and /api/action/<name>.

No trailing-slash variants that redirect: CKAN clients do not follow redirects."""

from django.urls import path

from .ckan import action_view, api_root

urlpatterns = [
    path("api/3", api_root, name="ckan-root"),
    path("api/3/", api_root),
    path("api/3/action/<str:name>", action_view, name="ckan-action"),
    path("api/action/<str:name>", action_view, name="ckan-action-unversioned"),
]
