from django.urls import path

from . import imports_views, views

app_name = "org"
urlpatterns = [
    path("", views.unit_index, name="unit-list"),
    path("new/", views.unit_create, name="unit-create"),
    path("import/", imports_views.import_page, name="import"),
    path("<int:pk>/", views.unit_detail, name="unit-detail"),
    path("<int:pk>/edit/", views.unit_edit, name="unit-edit"),
]
