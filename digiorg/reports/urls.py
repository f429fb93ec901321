from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("<int:cycle_id>/<str:fmt>/", views.report, name="report"),
]
