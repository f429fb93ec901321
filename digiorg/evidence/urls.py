from django.urls import path

from . import views

app_name = "evidence"
urlpatterns = [
    path("", views.library, name="library"),
    path("new/", views.evidence_create, name="create"),
    path("<int:pk>/", views.evidence_detail, name="detail"),
    path("<int:pk>/revise/", views.evidence_revise, name="revise"),
    path("<int:pk>/download/", views.evidence_download, name="download"),
    path("revisions/<int:pk>/download/", views.revision_download, name="revision-download"),
]
