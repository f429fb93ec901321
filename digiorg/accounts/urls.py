from django.urls import path

from . import people_views as views

app_name = "people"
urlpatterns = [
    path("", views.person_index, name="list"),
    path("new/", views.person_create, name="create"),
    path("me/", views.security, name="security"),
    path("me/token/revoke/", views.token_revoke, name="my-token-revoke"),
    path("<int:pk>/token/revoke/", views.token_revoke, name="token-revoke"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("<int:pk>/memberships/", views.membership_add, name="membership-add"),
    path(
        "<int:pk>/memberships/<int:membership_pk>/remove/",
        views.membership_remove,
        name="membership-remove",
    ),
]
