from django.http import HttpRequest, JsonResponse
from django.urls import include, path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from digiorg.accounts.api import TokenView, UserViewSet
from digiorg.assessments.api import AssessmentViewSet
from digiorg.cycles.api import AssignmentViewSet, CycleViewSet
from digiorg.evidence.api import EvidenceViewSet
from digiorg.frameworks.api import FrameworkViewSet
from digiorg.org.api import UnitViewSet
from digiorg.plans.api import ActionViewSet
from digiorg.scoring.api import ScoresView


@csrf_exempt
def not_found(request: HttpRequest, *args, **kwargs) -> JsonResponse:
    """Any other address under /api/v1/ (e.g. /actions/0.5/) answers JSON, as the API does."""
    return JsonResponse({"detail": _("Not found.")}, status=404)


router = DefaultRouter()
router.register("frameworks", FrameworkViewSet, basename="framework")
router.register("units", UnitViewSet, basename="unit")
router.register("users", UserViewSet, basename="user")
router.register("cycles", CycleViewSet, basename="cycle")
router.register("assignments", AssignmentViewSet, basename="assignment")
router.register("actions", ActionViewSet, basename="action")
router.register("evidence", EvidenceViewSet, basename="evidence")
router.register("assessments", AssessmentViewSet, basename="assessment")

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("scores/", ScoresView.as_view(), name="api-scores"),
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    re_path(r"^", not_found),
]
