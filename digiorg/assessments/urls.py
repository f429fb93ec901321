from django.urls import path

from . import views

app_name = "assessments"
urlpatterns = [
    path("", views.workspace, name="workspace"),
    path("queue/", views.queue, name="queue"),
    path("scores/", views.scores, name="scores"),
    path("submit/", views.submit, name="submit"),
    path("baseline/", views.baseline, name="baseline"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:cycle_id>/<int:criterion_id>/<int:unit_id>/", views.answer, name="answer"),
]
