from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from digiorg.accounts.api import TokenView, UserViewSet
from digiorg.frameworks.api import FrameworkViewSet
from digiorg.org.api import UnitViewSet
from digiorg.plans.api import ActionViewSet, CycleViewSet

router = DefaultRouter()
router.register("frameworks", FrameworkViewSet, basename="framework")
router.register("units", UnitViewSet, basename="unit")
router.register("users", UserViewSet, basename="user")
router.register("cycles", CycleViewSet, basename="cycle")
router.register("actions", ActionViewSet, basename="action")

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
