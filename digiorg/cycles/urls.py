from django.urls import path

from . import views

app_name = "cycles"
urlpatterns = [
    path("", views.cycle_list, name="list"),
    path("open/", views.cycle_open, name="open"),
    path("<int:pk>/", views.cycle_detail, name="detail"),
    path("<int:pk>/assign/", views.cycle_assign, name="assign"),
]
