from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from digiorg.accounts.views import language_set
from digiorg.core.views import healthz, home

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", language_set, name="language-set"),
    path("frameworks/", include("digiorg.frameworks.urls")),
    path("api/v1/", include("digiorg.api.urls")),
    path("admin/", admin.site.urls),
]
