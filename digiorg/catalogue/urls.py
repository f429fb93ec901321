"""The register (signed-in side): /catalogue/ ..."""

from django.urls import path

from . import views, views_review
from .import_urls import urlpatterns as import_urlpatterns  # the dcat helper's import page

app_name = "catalogue"
urlpatterns = [
    path("", views.register, name="register"),
    path("new/", views.dataset_create, name="create"),
    path("review/", views_review.review_queue, name="queue"),
    path("<int:pk>/", views.dataset_detail, name="detail"),
    path("<int:pk>/edit/", views.dataset_edit, name="edit"),
    path("<int:pk>/resources/file/", views.resource_add_file, name="resource-file"),
    path("<int:pk>/resources/link/", views.resource_add_link, name="resource-link"),
    path("resources/<int:pk>/remove/", views.resource_remove, name="resource-remove"),
    path("resources/<int:pk>/download/", views.resource_download, name="resource-download"),
    path("<int:pk>/propose/", views_review.dataset_propose, name="propose"),
    path("<int:pk>/review/", views_review.dataset_review, name="review"),
    path("<int:pk>/withdraw/", views_review.dataset_withdraw, name="withdraw"),
    *import_urlpatterns,
]
