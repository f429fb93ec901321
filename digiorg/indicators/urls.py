from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("attach/<int:cycle_id>/<int:criterion_id>/<int:unit_id>/", views.attach, name="attach"),
    path("disagreements/", views.disagreement_list, name="disagreements"),
]
