"""The public catalogue (no login): /p/data/ ..."""

from django.urls import path

from . import public_views as views

app_name = "opendata"
urlpatterns = [
    path("", views.data_list, name="index"),
    path("unit/<str:code>/", views.unit_detail, name="unit"),
    path("unit/<str:code>/usage.csv", views.unit_usage_csv, name="unit-csv"),
    path("<str:name>/", views.dataset_detail, name="dataset"),
    path(
        "<str:name>/resource/<uuid:resource_id>/download/",
        views.resource_download,
        name="download",
    ),
]
