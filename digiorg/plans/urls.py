from django.urls import path

from . import excel_views, views

app_name = "plans"
urlpatterns = [
    path("", views.plan, name="plan"),
    path("topics/<str:key>/", views.plan_topic, name="plan-topic"),
    path("inbox/", views.inbox, name="inbox"),
    path("timeline/", views.timeline, name="timeline"),
    path("coverage/", views.coverage, name="coverage"),
    path("export.xlsx", excel_views.plan_export, name="plan-export"),
    path("import/", excel_views.plan_import, name="plan-import"),
    path("actions/new/", views.action_create, name="action-create"),
    path("actions/<int:pk>/", views.action_detail, name="action-detail"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action-edit"),
    path("actions/<int:pk>/transition/", views.action_transition, name="action-transition"),
    path("actions/<int:pk>/comment/", views.action_comment, name="action-comment"),
    path("actions/<int:pk>/progress/", views.progress_save, name="progress-save"),
    path("actions/<int:pk>/milestones/", views.milestone_add, name="milestone-add"),
    path(
        "actions/<int:pk>/milestones/<int:milestone_pk>/",
        views.milestone_done,
        name="milestone-done",
    ),
    path(
        "actions/<int:pk>/progress/<int:report_pk>/review/",
        views.progress_review,
        name="progress-review",
    ),
]
