from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("<int:cycle_id>/<str:fmt>/", views.report, name="report"),
    path("jobs/<uuid:pk>/", views.job, name="job"),
    path("jobs/<uuid:pk>/download/", views.job_download, name="job-download"),
]
