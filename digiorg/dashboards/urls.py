from django.urls import path

from . import views

app_name = "dashboards"
urlpatterns = [
    path("", views.department, name="department"),
    path("units/<int:pk>/", views.unit, name="unit"),
    path("overdue/", views.overdue, name="overdue"),
    path("national/", views.national, name="national"),
]
